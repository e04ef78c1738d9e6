"""The overview: the story, why it matters, the disputes and a map of sections."""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text
from textual.widget import Widget

from ..model.schema import OverviewSection
from ..widgets.blocks import claims_block, heading, paragraph, points_block, prose, questions_block
from ..widgets.link import Link
from ..widgets.page import Page
from .base import SectionView


class OverviewView(SectionView):
    def compose_body(self) -> Iterator[Widget]:
        body = self.section.body
        assert isinstance(body, OverviewSection)
        ui = self.content.ui
        with Page(classes="page"):
            yield heading(self.content.index.title, 1)
            if self.content.index.subtitle:
                yield paragraph(self.content.index.subtitle, classes="subtitle")
            if body.intro:
                yield paragraph(body.intro)
            yield heading(ui.sections_map, 2)
            for section in self.content.sections:
                if section.id != self.section.id:
                    label = Text.assemble((f"{section.number}  {section.ref.title}", "bold underline"))
                    if section.ref.blurb:
                        label.append(f"\n   {section.ref.blurb}", style="not underline not bold")
                    yield Link(label, section.id, classes="map-link")
            if body.story:
                yield heading(ui.story, 2)
                yield prose(body.story)
            if body.why:
                yield heading(ui.why, 2)
                yield prose(body.why)
            yield from points_block(self.content, body.points)
            yield from claims_block(self.content, body.claims)
            yield from questions_block(self.content, body.questions)
