"""The sections as a menu: what the tabs become on a narrow screen (m, or a click on the bar)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..model import Content


class SectionsScreen(ModalScreen[str | None]):
    """The id of the section chosen, or None."""

    BINDINGS = [Binding("escape,m", "dismiss(None)", show=False)]

    def __init__(self, content: Content, current: str | None) -> None:
        super().__init__()
        self.content = content
        self.current = current

    def compose(self) -> ComposeResult:
        options = [
            Option(f"{number}  {section.ref.title}", id=section.id)
            for number, section in enumerate(self.content.sections, start=1)
        ]
        with Vertical(classes="dialog sections"):
            yield Static(self.content.ui.keys.menu, markup=False, classes="heading h2")
            yield OptionList(*options, id="section-list")

    def on_mount(self) -> None:
        menu = self.query_one("#section-list", OptionList)
        ids = [section.id for section in self.content.sections]
        menu.highlighted = ids.index(self.current) if self.current in ids else 0
        menu.focus()

    @on(OptionList.OptionSelected, "#section-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
