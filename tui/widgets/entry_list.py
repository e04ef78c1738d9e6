"""The list of a section's entries."""

from __future__ import annotations

from textual.events import Resize
from textual.widgets import OptionList


class EntryList(OptionList):
    """An OptionList that keeps its rendered options while hidden.

    OptionList drops its render cache on every resize, and a view hidden and
    shown again is resized to nothing and back to the same width: skipping
    OptionList's handler then saves re-wrapping every entry.
    """

    _cached_width = 0

    def _on_resize(self, event: Resize) -> None:  # type: ignore[override]
        width = event.size.width
        if not width or width == self._cached_width:
            event.prevent_default()  # OptionList's own handler would clear the cache
        else:
            self._cached_width = width
