"""The timeline: dated events in order."""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text

from ..model.schema import Entry, Event
from ..widgets.blocks import Block, Heading, Para
from . import parts
from .entries import EntriesView


class TimelineView(EntriesView):
    def label(self, entry: Entry) -> Text:
        assert isinstance(entry, Event)
        return Text.assemble((f"{entry.date:<10} ", "bold"), entry.title)

    def detail(self, entry: Entry) -> Iterator[Block]:
        assert isinstance(entry, Event)
        yield Para(text=entry.date, kind="meta")
        yield Heading(text=entry.title, level=1, top=0)
        if entry.text:
            yield Para(text=entry.text)
        yield from parts.claims(self.content, entry.claims)
        yield from parts.links(self.content, self.content.ui.related, entry.links)
