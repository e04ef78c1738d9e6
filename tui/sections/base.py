"""What every section view shares: its content, its section, its place."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Container
from textual.events import Resize
from textual.message import Message
from textual.widget import Widget

from ..model import Content, Section
from ..widgets.document import Document


class SectionView(Container):
    """Base for one view per section kind; subclasses supply `compose_body`.

    Views lie on top of each other in the main screen, one shown at a time, so
    moving between sections shows a view that is already built instead of
    building a screen.
    """

    def __init__(self, content: Content, section: Section) -> None:
        # No id from the content: ids are data, not CSS (the main screen keeps views by section).
        super().__init__(classes="section-view")
        self.content = content
        self.section = section
        self.wanted = False
        """Shown before it was mounted: on mount, show `pending_item` and focus."""
        self.pending_item: str | None = None
        self.stow_when_laid_out = False
        """Built ahead, off-screen: wrap the pages once sized, then leave the layout."""
        self.shown = False
        """The view on screen: only its widgets take focus (the others are off-screen)."""

    def allow_focus_children(self) -> bool:
        return self.shown

    def compose(self) -> ComposeResult:
        yield from self.compose_body()

    def compose_body(self) -> Iterable[Widget]:
        raise NotImplementedError

    def on_mount(self) -> None:
        if not self.is_attached:
            return  # torn down (exit, language switch) before it finished mounting
        self.prepare()
        if self.wanted:
            self.wanted = False
            self.show_item(self.pending_item)

    class Stowed(Message):
        """A view built ahead has its pages wrapped and is out of the layout."""

    def on_resize(self, event: Resize) -> None:
        if self.stow_when_laid_out and event.size:
            self.stow_when_laid_out = False
            self.draw_ahead()
            self.styles.offset = (0, 0)  # where it will show; display:none takes it out of the layout
            self.display = False
            self.post_message(self.Stowed())

    def draw_ahead(self) -> None:
        """Wrap the view's pages at their present width, ahead of being shown."""
        for page in self.query(Document):
            page.draw_ahead()

    def prepare(self) -> None:
        """Work to do once mounted, before the view is first shown."""

    @property
    def current_item(self) -> str | None:
        """The entry the reader is on, for history; None for the section itself."""
        return None

    def show_item(self, item: str | None) -> None:
        """Bring `item` into view and give the view the focus."""
        self.focus_first()

    def resume(self) -> None:
        """Come back to the view as the reader left it."""
        if self.screen.focused is None or self not in self.screen.focused.ancestors:
            self.focus_first()

    def focus_first(self) -> None:
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus(scroll_visible=False)
                return
