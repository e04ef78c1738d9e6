"""The deck of section views: one shown, the others built ahead and stowed.

Views lie on top of each other, one shown at a time, so a section switch
shows a view that is already built instead of building a screen. The deck is
the one owner of that: which views exist, which is shown, building the rest
while the reader reads, and keeping the garbage collector off them after.

On a server (`ahead=False`), views are built only when first shown: when a
class connects at once, thirty apps building views no one has asked for yet
would delay everyone's first screen and keys, and each view built is memory
a reader who never opens it does not need. A first visit then takes a
little longer (20-70 ms at 80x24), a return is as quick as ever.
"""

from __future__ import annotations

import gc

from textual.containers import Container

from ..model import Content
from . import VIEWS
from .base import SectionView


class ViewDeck(Container):
    def __init__(self, content: Content, *, ahead: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.content = content
        self.ahead = ahead
        self.current: SectionView | None = None
        self._views: dict[str, SectionView] = {}
        """Views by section id: ids are data, never CSS selectors."""
        self._built = False
        self._collect_first = False
        self._kept: dict[str, object] = {}
        """Progress taken from the views of the content before (another language), by section."""

    def view(self, section_id: str) -> SectionView:
        """The view of a section, built (and mounted, stowed off-screen) on first use."""
        built = self._views.get(section_id)
        if built is not None:
            return built
        section = self.content.section(section_id)
        view = VIEWS[section.ref.kind](self.content, section)
        if section_id in self._kept:
            view.restore(self._kept.pop(section_id))
        view.stow_ahead()
        self.mount(view)
        self._views[section_id] = view
        return view

    def views(self) -> list[SectionView]:
        return list(self._views.values())

    @property
    def unfinished(self) -> bool:
        """Some view holds what the reader would lose by quitting (see SectionView.unfinished)."""
        return any(view.unfinished for view in self._views.values())

    def show(self, section_id: str, item: str | None, *, keep: bool = False) -> None:
        """Show a section's view (at `item`); `keep` returns to it as the reader left it."""
        view = self.view(section_id)
        if self.current is not None and self.current is not view:
            self.current.conceal()
        self.current = view
        view.reveal(item, keep=keep)

    async def set_content(self, content: Content) -> None:
        """Drop every view, keeping what readers did: the next `show` builds from other content."""
        kept = {sid: view.progress() for sid, view in self._views.items()}
        self._kept = {sid: progress for sid, progress in kept.items() if progress is not None}
        self.content = content
        self.current = None
        self._built = False
        # The old views are about to become garbage: let the collector see them,
        # and clear them out before the new views are frozen in turn.
        gc.unfreeze()
        self._collect_first = True
        self._views.clear()
        await self.remove_children()

    def build_ahead(self) -> None:
        """Build the views not yet visited, one per idle moment, so keys only switch."""
        if not self.is_attached or not self.ahead:
            return  # the app is closing, or builds views as they are shown
        for section in self.content.sections:
            if section.id not in self._views:
                self.view(section.id)
                self.call_after_refresh(self.build_ahead)
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
        if self._built and not any(view.stowing for view in self._views.values()):
            if self._collect_first:
                self._collect_first = False
                gc.collect()
            gc.freeze()
