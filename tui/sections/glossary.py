"""The glossary: acronyms and terms, with Spanish names and links to entries."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.schema import Entry, Term
from ..widgets.blocks import Block, Heading, Para
from . import parts
from .entries import EntriesView


class GlossaryView(EntriesView):
    def label(self, entry: Entry) -> str:
        assert isinstance(entry, Term)
        return entry.term

    def detail(self, entry: Entry) -> Iterator[Block]:
        assert isinstance(entry, Term)
        ui = self.content.ui
        yield Heading(text=entry.term, level=1, top=0)
        if entry.expansion:
            yield Para(text=entry.expansion, kind="meta")
        if entry.spanish:
            yield Para(text=f"{ui.spanish}: {entry.spanish}")
        yield Para(text=entry.definition)
        yield from parts.links(self.content, ui.related, entry.links)
