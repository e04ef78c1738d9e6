"""Sources: the article and everything the context notes cite.

Addresses are shown as text, never opened: the app may be served to
strangers, and opening a browser would run a program on the server.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual.widget import Widget

from ..model.schema import Entry, Source
from ..widgets.blocks import heading, paragraph
from .entries import EntriesView


class SourcesView(EntriesView):
    def label(self, entry: Entry) -> str:
        assert isinstance(entry, Source)
        return entry.title

    def detail(self, entry: Entry) -> Iterator[Widget]:
        assert isinstance(entry, Source)
        yield heading(entry.title, 1)
        meta = " · ".join(p for p in (entry.publisher, entry.date) if p)
        if meta:
            yield paragraph(meta, classes="meta")
        if entry.url:
            yield paragraph(entry.url, classes="url")
        if entry.note:
            yield paragraph(entry.note)
