"""Profiles: people, organizations, programs, resources."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.schema import Entry, Profile
from ..widgets.blocks import Block, Heading, Para
from . import parts
from .entries import EntriesView


class ProfilesView(EntriesView):
    def label(self, entry: Entry) -> str:
        assert isinstance(entry, Profile)
        return entry.name

    def detail(self, entry: Entry) -> Iterator[Block]:
        assert isinstance(entry, Profile)
        ui = self.content.ui
        yield Heading(text=entry.name, level=1, top=0)
        yield Para(text=" · ".join(p for p in (entry.role, entry.type, entry.dates) if p), kind="meta")
        if entry.summary:
            yield Para(text=entry.summary)
        if entry.figures:
            yield Heading(text=ui.figures, level=3)
            for figure in entry.figures:
                note = f" ({figure.note})" if figure.note else ""
                yield Para(text=f"{figure.label}: {figure.value}{note}", indent=2, bottom=0)
        yield from parts.claims(self.content, entry.claims)
        yield from parts.links(self.content, ui.related, entry.links)
