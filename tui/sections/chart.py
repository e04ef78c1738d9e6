"""A chart section: bar charts of figures, then points, claims and questions."""

from __future__ import annotations

from collections.abc import Iterator

from textual.widget import Widget

from ..model.schema import ChartSection
from ..widgets.bar_chart import BarChart
from ..widgets.blocks import claims_block, heading, paragraph, points_block, questions_block
from ..widgets.page import Page
from .base import SectionView


class ChartView(SectionView):
    def compose_body(self) -> Iterator[Widget]:
        body = self.section.body
        assert isinstance(body, ChartSection)
        ui = self.content.ui
        with Page(classes="page"):
            if body.intro:
                yield paragraph(body.intro)
            for chart in body.charts:
                yield heading(chart.title, 2)
                yield BarChart(chart, ui.claimed)
                if chart.note:
                    yield paragraph(chart.note, classes="chart-note")
            yield from points_block(self.content, body.points)
            yield from claims_block(self.content, body.claims)
            yield from questions_block(self.content, body.questions)
