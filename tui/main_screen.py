"""The one screen: section tabs, the current section's view, the footer."""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.events import Resize
from textual.geometry import Size
from textual.widgets import Static

from .history import Place
from .model import Content
from .render.sizes import NARROW, SMALLEST
from .sections import SectionView
from .sections.deck import ViewDeck
from .textual_internals import QuietFocusScreen
from .widgets.class_banner import ClassBanner
from .widgets.document import Document
from .widgets.key_bar import KeyBar
from .widgets.section_bar import SectionBar


class MainScreen(QuietFocusScreen):
    def __init__(self, content: Content, start: Place, *, build_ahead: bool = True) -> None:
        super().__init__()
        self.content = content
        self.start = start
        self.build_ahead = build_ahead

    def on_mount(self) -> None:
        self.show_section(*self.start)
        # After the first paint, build the other sections while the reader reads.
        self.call_after_refresh(self._deck.build_ahead)

    def _tabs(self) -> list[tuple[str, str]]:
        return [(s.id, s.ref.tab or s.ref.title) for s in self.content.sections]

    def compose(self) -> ComposeResult:
        # Held, not queried: show_section() runs on every key, build_ahead between frames.
        self._bar = SectionBar(self._tabs(), self.content.sections[0].id)
        yield self._bar
        yield ClassBanner()
        self._deck = ViewDeck(self.content, ahead=self.build_ahead, id="views")
        yield self._deck
        yield Static("", markup=False, id="too-small")
        self._keys = KeyBar(self.content.ui.keys)
        yield self._keys

    @property
    def current(self) -> SectionView | None:
        """The view on screen."""
        return self._deck.current

    def views(self) -> list[SectionView]:
        """The section views built so far."""
        return self._deck.views()

    @property
    def unfinished(self) -> bool:
        """The reader would lose something by quitting now."""
        return self._deck.unfinished

    @property
    def place(self) -> Place | None:
        view = self._deck.current
        return None if view is None else Place(view.section.id, view.current_item)

    def show_section(self, section_id: str, item: str | None, *, keep: bool = False) -> None:
        # One frame for the whole change: tabs, title, view, focus.
        with self.app.batch_update():
            self._bar.set_active(section_id, self.content.section(section_id).ref.title)
            self._deck.show(section_id, item, keep=keep)

    async def set_content(self, content: Content, place: Place) -> None:
        """Show other content (another language) at the same place."""
        self.content = content
        await self._deck.set_content(content)
        self._bar.sections = self._tabs()
        self._keys.set_words(content.ui.keys)
        self.show_section(*place)
        self.call_after_refresh(self._deck.build_ahead)

    async def reload(self, content: Content) -> None:
        """The content saved again (--watch): the same place, the page scrolled as it was."""
        place, page = self.place, self._page()
        offset = page.scroll_offset.y if page is not None else 0
        await self.set_content(content, place or self.start)

        def restore() -> None:
            page = self._page()
            if page is not None:
                # Once, when the new page first knows its height; its scroll bar is worked out
                # only at the next layout, hence force. After that the page is the reader's.
                self.watch(page, "virtual_size", partial(_scroll_once, page, [offset]))

        self.call_after_refresh(restore)

    def _page(self) -> Document | None:
        view = self._deck.current
        return None if view is None else view.page()

    def on_resize(self, event: Resize) -> None:
        width, height = event.size
        need_width, need_height = SMALLEST
        small = width < need_width or height < need_height
        self.set_class(small, "too-small")
        self.set_class(width < NARROW, "narrow")
        if small:
            message = self.content.ui.too_small.format(
                need=f"{need_width}x{need_height}", have=f"{width}x{height}"
            )
            self.query_one("#too-small", Static).update(message)


def _scroll_once(page: Document, offsets: list[int], size: Size) -> None:
    """Scroll `page` to the offset in `offsets` once it has a height, and only once."""
    if size.height and offsets:
        page.scroll_to(y=offsets.pop(), animate=False, immediate=True, force=True)
