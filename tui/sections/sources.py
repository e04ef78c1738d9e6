"""Sources: the article and everything the context notes cite.

Addresses are shown as text, never opened: the app may be served to
strangers, and opening a browser would run a program on the server.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..model.content import CORRECTIONS
from ..model.schema import Entry, Source
from ..model.words import day
from ..widgets.blocks import Block, Heading, Para
from . import parts
from .entries import EntriesView


class SourcesView(EntriesView):
    def extra_pages(self) -> dict[str, tuple[str, Callable[[], Iterable[Block]]]]:
        log = self.content.corrections
        if log is None or not log.entries:
            return {}
        return {CORRECTIONS: (f"{self.content.ui.corrections} ({len(log.entries)})", self._corrections)}

    def _corrections(self) -> Iterator[Block]:
        log = self.content.corrections
        assert log is not None
        ui = self.content.ui
        yield Heading(text=ui.corrections, level=1, top=0)
        if log.intro:
            yield Para(text=log.intro)
        for correction in log.entries:
            yield Heading(text=day(ui, correction.date), level=3)
            yield Para(text=f"{ui.correction_wrong}: {correction.wrong}")
            yield Para(text=f"{ui.correction_now}: {correction.now}")
            yield from parts.links(self.content, ui.related, correction.links)

    def label(self, entry: Entry) -> str:
        assert isinstance(entry, Source)
        return entry.title

    def detail(self, entry: Entry) -> Iterator[Block]:
        assert isinstance(entry, Source)
        yield Heading(text=entry.title, level=1, top=0)
        meta = " · ".join(p for p in (entry.author, entry.publisher, entry.date) if p)
        if meta:
            yield Para(text=meta, kind="meta")
        if entry.url:
            yield Para(text=entry.url, kind="url")
        if entry.note:
            yield Para(text=entry.note)
