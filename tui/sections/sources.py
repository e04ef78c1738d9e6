"""Sources: the article and everything the context notes cite.

Addresses are shown as text, never opened: the app may be served to
strangers, and opening a browser would run a program on the server.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.schema import Entry, Source
from ..widgets.blocks import Block, Heading, Para
from .entries import EntriesView


class SourcesView(EntriesView):
    def label(self, entry: Entry) -> str:
        assert isinstance(entry, Source)
        return entry.title

    def detail(self, entry: Entry) -> Iterator[Block]:
        assert isinstance(entry, Source)
        yield Heading(text=entry.title, level=1, top=0)
        meta = " · ".join(p for p in (entry.publisher, entry.date) if p)
        if meta:
            yield Para(text=meta, kind="meta")
        if entry.url:
            yield Para(text=entry.url, kind="url")
        if entry.note:
            yield Para(text=entry.note)
