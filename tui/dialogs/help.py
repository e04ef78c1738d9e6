"""The keys dialog, opened with ? or F1."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keys import help_rows
from ..model.schema import UI


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,f1,q", "dismiss", show=False),
    ]

    def __init__(self, ui: UI, sections: int, role: str | None = None) -> None:
        """`role`: "teacher" or "student" in a class, whose keys are listed too."""
        super().__init__()
        self.ui = ui
        self.sections = sections
        self.role = role

    def compose(self) -> ComposeResult:
        # A grid, so a long description wraps in its own column on a narrow screen.
        keys = Table.grid(padding=(0, 2))
        keys.add_column(justify="right", no_wrap=True)
        keys.add_column()
        for key, words in help_rows(self.ui, self.sections, self.role):
            keys.add_row(key, words)
        # It scrolls: on a small screen the list is longer than the dialog.
        with VerticalScroll(classes="dialog"):
            yield Static(self.ui.help_title, markup=False, classes="heading h1")
            yield Static(self.ui.help_intro, markup=False, classes="para")
            yield Static(keys, classes="keys")
            yield Static(self.ui.help_close, markup=False, classes="para dim")

    def on_click(self) -> None:
        self.dismiss()
