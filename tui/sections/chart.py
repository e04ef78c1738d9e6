"""A chart section: bar charts of figures, then points, claims and questions."""

from __future__ import annotations

from collections.abc import Iterator

from textual.widget import Widget

from ..model.schema import ChartSection
from ..widgets.bar_chart import ChartBlock
from ..widgets.blocks import Block, Heading, Para
from ..widgets.document import Document
from . import parts
from .base import SectionView


class ChartView(SectionView):
    def compose_body(self) -> Iterator[Widget]:
        yield Document(self._blocks(), open_label=self.content.ui.keys.open)

    def _blocks(self) -> Iterator[Block]:
        body = self.section.body
        assert isinstance(body, ChartSection)
        ui = self.content.ui
        if body.intro:
            yield Para(text=body.intro)
        for chart in body.charts:
            yield Heading(text=chart.title, level=2)
            yield ChartBlock(chart=chart, claimed_label=ui.claimed, decimal_mark=ui.decimal_mark)
            if chart.note:
                yield Para(text=chart.note, kind="chart-note")
        yield from parts.points(self.content, body.points)
        yield from parts.claims(self.content, body.claims)
        yield from parts.questions(self.content, body.questions)
