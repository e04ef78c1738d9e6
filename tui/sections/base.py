"""What every section screen shares: title, tabs, body, footer, size guard."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import Container
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from ..model import Content, Section
from ..widgets.section_bar import SectionBar

if TYPE_CHECKING:
    from ..app import ExplainerApp

MIN_WIDTH = 60
MIN_HEIGHT = 18


class SectionScreen(Screen[None]):
    """Base for one screen per section kind; subclasses supply `compose_body`."""

    def __init__(self, content: Content, section: Section) -> None:
        super().__init__(name=section.id, id=f"screen-{section.id}")
        self.content = content
        self.section = section
        self.initial_item: str | None = None
        """Entry to show once mounted (set when the screen is made for a jump)."""

    @property
    def explainer(self) -> ExplainerApp:
        from ..app import ExplainerApp

        return cast(ExplainerApp, self.app)

    def compose(self) -> ComposeResult:
        tabs = [(s.id, s.ref.tab or s.ref.title) for s in self.content.sections]
        yield SectionBar(tabs, self.section.id)
        yield Static(self.section.ref.title, markup=False, classes="section-title")
        with Container(classes="body"):
            yield from self.compose_body()
        yield Static("", markup=False, id="too-small")
        yield Footer(show_command_palette=False)

    def compose_body(self) -> Iterable[Widget]:
        raise NotImplementedError

    @property
    def current_item(self) -> str | None:
        """The entry the reader is on, for history; None for the section itself."""
        return None

    def show_item(self, item: str | None) -> None:
        """Bring `item` into view (a no-op on screens without entries)."""

    def on_resize(self, event: Resize) -> None:
        width, height = event.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(small, "too-small")
        if small:
            message = self.content.ui.too_small.format(
                need=f"{MIN_WIDTH}x{MIN_HEIGHT}", have=f"{width}x{height}"
            )
            self.query_one("#too-small", Static).update(message)
