"""The timeline: dated events in order."""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text
from textual.widget import Widget

from ..model.schema import Entry, Event
from ..widgets.blocks import claims_block, heading, paragraph
from ..widgets.links import links_row
from .entries import EntriesView


class TimelineView(EntriesView):
    def label(self, entry: Entry) -> Text:
        assert isinstance(entry, Event)
        return Text.assemble((f"{entry.date:<10} ", "bold"), entry.title)

    def detail(self, entry: Entry) -> Iterator[Widget]:
        assert isinstance(entry, Event)
        yield paragraph(entry.date, classes="meta")
        yield heading(entry.title, 1)
        if entry.text:
            yield paragraph(entry.text)
        yield from claims_block(self.content, entry.claims)
        row = links_row(self.content, self.content.ui.related, entry.links)
        if row is not None:
            yield row
