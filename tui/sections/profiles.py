"""Profiles: people, organizations, programs, resources."""

from __future__ import annotations

from collections.abc import Iterator

from textual.widget import Widget

from ..model.schema import Entry, Profile
from ..widgets.blocks import claims_block, heading, paragraph
from ..widgets.links import links_row
from .entries import EntriesView


class ProfilesView(EntriesView):
    def label(self, entry: Entry) -> str:
        assert isinstance(entry, Profile)
        return entry.name

    def detail(self, entry: Entry) -> Iterator[Widget]:
        assert isinstance(entry, Profile)
        ui = self.content.ui
        yield heading(entry.name, 1)
        yield paragraph(" · ".join(p for p in (entry.role, entry.type, entry.dates) if p), classes="meta")
        if entry.summary:
            yield paragraph(entry.summary)
        if entry.figures:
            yield heading(ui.figures, 3)
            for figure in entry.figures:
                note = f" ({figure.note})" if figure.note else ""
                yield paragraph(f"{figure.label}: {figure.value}{note}", classes="figure")
        yield from claims_block(self.content, entry.claims)
        row = links_row(self.content, ui.related, entry.links)
        if row is not None:
            yield row
