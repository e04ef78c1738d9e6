"""What every section view shares: its content, its section, its place."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import ComposeResult
from textual.containers import Container
from textual.events import Resize
from textual.message import Message
from textual.widget import Widget

from ..model import Content, Section
from ..widgets.document import Document
from ..widgets.entry_list import EntryList

OFF_SCREEN = (0, 10_000)


class SectionView(Container):
    """Base for one view per layout; subclasses supply `compose_body`.

    A view is in one of three states, moved between by the deck (deck.py):
    stowing (built ahead, laid out off-screen so its pages wrap at their real
    width, then out of the layout), shown, or concealed.
    """

    def __init__(self, content: Content, section: Section) -> None:
        # No id from the content: ids are data, not CSS (the deck keeps views by section).
        super().__init__(classes="section-view")
        self.content = content
        self.section = section
        self._wanted: tuple[str | None] | None = None
        """Shown before it was mounted: on mount, show this item and focus."""
        self._stowing = False
        self.shown = False
        """The view on screen: only its widgets take focus (the others are off-screen)."""

    @property
    def stowing(self) -> bool:
        """Built ahead and not yet wrapped and out of the layout."""
        return self._stowing

    def stow_ahead(self) -> None:
        """Before mounting: lay out once off-screen, then leave the layout (see on_resize)."""
        self.styles.offset = OFF_SCREEN
        self._stowing = True

    def reveal(self, item: str | None, *, keep: bool = False) -> None:
        """Show the view, at `item`; `keep` returns to it as the reader left it."""
        if self._stowing:  # built ahead, still off-screen: show it before it is stowed
            self._stowing = False
            self.styles.offset = (0, 0)
        self.display = True
        self.shown = True  # tab moves within this view only (allow_focus_children)
        if not self.is_mounted:
            self._wanted = (item,)
        elif keep and item is None:
            self.resume()
        else:
            self.show_item(item)

    def conceal(self) -> None:
        self.display = False
        self.shown = False

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
        if self._wanted is not None:
            (item,) = self._wanted
            self._wanted = None
            self.show_item(item)

    class Stowed(Message):
        """A view built ahead has its pages wrapped and is out of the layout."""

    def on_resize(self, event: Resize) -> None:
        if self._stowing and event.size:
            self._stowing = False
            self.draw_ahead()
            self.styles.offset = (0, 0)  # where it will show; display:none takes it out of the layout
            self.display = False
            self.post_message(self.Stowed())

    def draw_ahead(self) -> None:
        """Wrap the view's pages at their present width, ahead of being shown."""
        for page in self.query(Document):
            page.draw_ahead()

    def page(self) -> Document | None:
        """The page shown to read (not an entry list), if any."""
        shown = (p for p in self.query(Document) if not isinstance(p, EntryList) and p.display)
        return next(shown, None)

    def show_match(self, words: Sequence[str]) -> bool:
        """Scroll the page shown to the first line holding `words` and highlight them there.

        The page, not an entry list: a list names entries, the match is in what they say.
        """
        page = self.page()
        return page is not None and page.find(words)

    def prepare(self) -> None:
        """Work to do once mounted, before the view is first shown."""

    @property
    def current_item(self) -> str | None:
        """The entry the reader is on, for history; None for the section itself."""
        return None

    def progress(self) -> object | None:
        """What the reader has done here that a language switch must keep (the quiz's answers)."""
        return None

    def restore(self, progress: object) -> None:
        """Take back `progress` from the view this one replaces, before it is mounted."""

    @property
    def unfinished(self) -> bool:
        """Something the reader would lose by quitting now (a quiz half answered)."""
        return False

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
