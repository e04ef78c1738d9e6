"""The list of a section's entries."""

from __future__ import annotations

from textual.events import Resize
from textual.widgets import OptionList


class EntryList(OptionList):
    """An OptionList that keeps its rendered options while hidden.

    OptionList drops its render cache on every resize, and a view hidden and
    shown again is resized from nothing back to the same width: keeping the
    cache when the width comes back unchanged saves re-wrapping every entry.
    """

    _cached_width = 0

    def _on_resize(self, event: Resize) -> None:  # type: ignore[override]
        width = event.size.width
        if width and width != self._cached_width:
            self._cached_width = width
            self._clear_caches()
