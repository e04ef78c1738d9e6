"""The glossary: acronyms and terms, with Spanish names and links to entries."""

from __future__ import annotations

from collections.abc import Iterator

from textual.widget import Widget

from ..model.schema import Entry, Term
from ..widgets.blocks import heading, paragraph
from ..widgets.links import links_row
from .entries import EntriesView


class GlossaryView(EntriesView):
    def label(self, entry: Entry) -> str:
        assert isinstance(entry, Term)
        return entry.term

    def detail(self, entry: Entry) -> Iterator[Widget]:
        assert isinstance(entry, Term)
        ui = self.content.ui
        yield heading(entry.term, 1)
        if entry.expansion:
            yield paragraph(entry.expansion, classes="meta")
        if entry.spanish:
            yield paragraph(f"{ui.spanish}: {entry.spanish}", classes="spanish")
        yield paragraph(entry.definition)
        row = links_row(self.content, ui.related, entry.links)
        if row is not None:
            yield row
