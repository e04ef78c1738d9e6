"""The one screen: section tabs, the current section's view, the footer."""

from __future__ import annotations

import gc

from textual.app import ComposeResult
from textual.containers import Container
from textual.events import Resize
from textual.widgets import Static

from .history import Place
from .model import Content
from .sections import VIEWS, SectionView
from .textual_internals import QuietFocusScreen
from .widgets.key_bar import KeyBar
from .widgets.section_bar import SectionBar

OFF_SCREEN = (0, 10_000)
MIN_WIDTH = 60
MIN_HEIGHT = 18


class MainScreen(QuietFocusScreen):
    def __init__(self, content: Content, start: Place) -> None:
        super().__init__()
        self.content = content
        self.start = start
        self.current: SectionView | None = None
        self._built = False
        self._collect_first = False
        self._by_section: dict[str, SectionView] = {}

    def on_mount(self) -> None:
        self.show_section(*self.start)
        # After the first paint, build the other sections while the reader reads.
        self.call_after_refresh(self.prebuild)

    def _tabs(self) -> list[tuple[str, str]]:
        return [(s.id, s.ref.tab or s.ref.title) for s in self.content.sections]

    def compose(self) -> ComposeResult:
        # Held, not queried: show_section() runs on every key.
        self._bar = SectionBar(self._tabs(), self.content.sections[0].id)
        yield self._bar
        # Held, not queried: prebuild runs between frames, also while the app closes.
        self._views = Container(id="views")
        yield self._views
        yield Static("", markup=False, id="too-small")
        yield KeyBar()

    @property
    def place(self) -> Place | None:
        if self.current is None:
            return None
        return Place(self.current.section.id, self.current.current_item)

    def view(self, section_id: str) -> SectionView:
        """The view of a section, built (and mounted hidden) on first use."""
        built = self._by_section.get(section_id)
        if built is not None:
            return built
        views = self._views
        section = self.content.section(section_id)
        view = VIEWS[section.ref.kind](self.content, section)
        # Laid out once at its real size, off-screen, so its pages are wrapped
        # before the first visit; then out of the layout until it is shown, so
        # hidden views cost a section switch nothing.
        view.styles.offset = OFF_SCREEN
        view.stow_when_laid_out = True
        views.mount(view)
        self._by_section[section_id] = view
        return view

    def show_section(self, section_id: str, item: str | None, *, keep: bool = False) -> None:
        # One frame for the whole change: tabs, title, view, focus.
        with self.app.batch_update():
            self._show(section_id, item, keep)

    def _show(self, section_id: str, item: str | None, keep: bool) -> None:
        view = self.view(section_id)
        section = self.content.section(section_id)
        self._bar.set_active(section_id, section.ref.title)
        if self.current is not None and self.current is not view:
            self.current.display = False
            self.current.shown = False
        if view.stow_when_laid_out:  # built ahead, still off-screen: show it before it is stowed
            view.stow_when_laid_out = False
            view.styles.offset = (0, 0)
        view.display = True
        view.shown = True  # tab moves within this view only (SectionView.allow_focus_children)
        self.current = view
        if view.is_mounted and keep and item is None:
            view.resume()
        elif view.is_mounted:
            view.show_item(item)
        else:
            view.wanted = True
            view.pending_item = item

    async def set_content(self, content: Content, place: Place) -> None:
        """Show other content (another language) at the same place."""
        self.content = content
        self.current = None
        self._built = False
        # The old views are about to become garbage: let the collector see them,
        # and clear them out before the new views are frozen in turn.
        gc.unfreeze()
        self._collect_first = True
        self._by_section.clear()
        await self._views.remove_children()
        self._bar.sections = self._tabs()
        self.show_section(*place)
        self.call_after_refresh(self.prebuild)

    def prebuild(self) -> None:
        """Build the views not yet visited, one per idle moment, so keys only switch."""
        if not self._views.is_attached:
            return
        for section in self.content.sections:
            if section.id not in self._by_section:
                self.view(section.id)
                self.call_after_refresh(self.prebuild)
                return
        self._built = True
        self._settle()

    def on_section_view_stowed(self) -> None:
        self._settle()

    def _settle(self) -> None:
        """Once every view is built and wrapped, keep the collector off those objects.

        Otherwise its next full pass walks all of them and pauses the app for up
        to 100 ms, in the middle of a key press.
        """
        views = self._views.children
        if self._built and not any(isinstance(v, SectionView) and v.stow_when_laid_out for v in views):
            if self._collect_first:
                self._collect_first = False
                gc.collect()
            gc.freeze()

    def on_resize(self, event: Resize) -> None:
        width, height = event.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(small, "too-small")
        if small:
            message = self.content.ui.too_small.format(
                need=f"{MIN_WIDTH}x{MIN_HEIGHT}", have=f"{width}x{height}"
            )
            self.query_one("#too-small", Static).update(message)
