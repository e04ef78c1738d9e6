"""The overview: the story, why it matters, the disputes and a map of sections."""

from __future__ import annotations

from collections.abc import Iterator

from textual.widget import Widget

from ..model.content import CORRECTIONS
from ..model.schema import OverviewSection
from ..model.words import checked
from ..widgets.blocks import Block, Heading, Links, MapLink, Para
from ..widgets.document import Document
from . import parts
from .base import SectionView


class OverviewView(SectionView):
    def compose_body(self) -> Iterator[Widget]:
        yield Document(self._blocks(), open_label=self.content.ui.keys.open)

    def _blocks(self) -> Iterator[Block]:
        body = self.section.body
        assert isinstance(body, OverviewSection)
        content = self.content
        ui = content.ui
        yield Heading(text=content.index.title, level=1, top=0)
        if content.index.subtitle:
            yield Para(text=content.index.subtitle, kind="meta")
        when = checked(content)
        if when:
            log = content.corrections.entries if content.corrections is not None else []
            yield Para(text=when, kind="meta", bottom=0 if log else 1)
            if log:  # the date and the log belong together: how current, and what was put right
                yield Links(label="", links=((f"{ui.corrections} ({len(log)})", CORRECTIONS),))
        if body.intro:
            yield Para(text=body.intro)
        yield Heading(text=ui.sections_map, level=2)
        for section in content.sections:
            if section.id != self.section.id:
                yield MapLink(
                    number=section.number, title=section.ref.title, blurb=section.ref.blurb, target=section.id
                )
        if body.story:
            yield Heading(text=ui.story, level=2)
            yield from (Para(text=text) for text in body.story)
        if body.why:
            yield Heading(text=ui.why, level=2)
            yield from (Para(text=text) for text in body.why)
        yield from parts.points(content, body.points)
        yield from parts.claims(content, body.claims)
        yield from parts.questions(content, body.questions)
