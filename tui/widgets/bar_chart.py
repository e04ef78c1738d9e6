"""A horizontal bar chart drawn with block characters, legible without colour.

Whole blocks only: the eighth-block characters are missing from the Linux
console font, and the printed value carries the precision anyway.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from ..model.schema import Chart

BAR_STYLES = 4


class BarChart(Widget):
    """One chart: a row per bar with its label, bar, value and the article's figure."""

    COMPONENT_CLASSES = {f"bar-chart--bar-{n}" for n in range(BAR_STYLES)}

    def __init__(self, chart: Chart, claimed_label: str) -> None:
        super().__init__(classes="bar-chart")
        self.chart = chart
        self.claimed_label = claimed_label

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self._lines(width).split("\n"))

    def render(self) -> Text:
        return self._text(self.size.width)

    def _lines(self, width: int) -> str:
        return self._text(width).plain

    def _text(self, width: int) -> Text:
        chart = self.chart
        width = max(width, 20)
        label_width = max((len(b.label) for b in chart.bars), default=0)
        values = [f"{b.value:.2f}{chart.unit}" for b in chart.bars]
        value_width = max((len(v) for v in values), default=0)
        notes = [f"{self.claimed_label}: {b.claimed}" if b.claimed else "" for b in chart.bars]
        note_width = max((len(n) for n in notes), default=0)
        inline = width - label_width - value_width - note_width - 4 >= 12
        bar_width = max(4, width - label_width - value_width - 2 - (note_width + 2 if inline else 0))
        scale = 100.0 if chart.unit == "%" else max((b.value for b in chart.bars), default=1.0) or 1.0
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        for index, (bar, value, note) in enumerate(zip(chart.bars, values, notes, strict=True)):
            if index:
                text.append("\n")
            cells = round(max(0.0, min(1.0, bar.value / scale)) * bar_width)
            style = self.get_component_rich_style(f"bar-chart--bar-{index % BAR_STYLES}", partial=True)
            text.append(f"{bar.label:<{label_width}} ", style="bold")
            text.append("█" * cells, style=style)
            text.append(" " * (bar_width - cells))
            text.append(f" {value:>{value_width}}", style="bold")
            if note and inline:
                text.append(f"  {note}", style="italic")
            elif note:
                text.append(f"\n{'':<{label_width}} {note}", style="italic")
        return text
