"""A horizontal bar chart drawn with block characters, legible without colour.

Whole blocks only: the eighth-block characters are missing from the Linux
console font, and the printed value carries the precision anyway.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rich.text import Text

from ..model.schema import Chart
from .blocks import Painter, Row

BAR_STYLES = 4


@dataclass(frozen=True, kw_only=True)
class ChartBlock:
    """One chart: a row per bar with its label, bar, value and the article's figure."""

    chart: Chart
    claimed_label: str
    decimal_mark: str = "."
    top: int = 0
    bottom: int = 1

    def rows(self, paint: Painter, width: int) -> Iterator[Row]:
        chart = self.chart
        width = max(width, 20)
        label_width = max((len(b.label) for b in chart.bars), default=0)
        mark = self.decimal_mark
        values = [f"{b.value:.2f}".replace(".", mark) + chart.unit for b in chart.bars]
        value_width = max((len(v) for v in values), default=0)
        notes = [f"{self.claimed_label}: {b.claimed}" if b.claimed else "" for b in chart.bars]
        note_width = max((len(n) for n in notes), default=0)
        inline = width - label_width - value_width - note_width - 4 >= 12
        bar_width = max(4, width - label_width - value_width - 2 - (note_width + 2 if inline else 0))
        scale = 100.0 if chart.unit == "%" else max((b.value for b in chart.bars), default=1.0) or 1.0
        for index, (bar, value, note) in enumerate(zip(chart.bars, values, notes, strict=True)):
            cells = round(max(0.0, min(1.0, bar.value / scale)) * bar_width)
            line = Text(no_wrap=True, overflow="ellipsis", end="")
            line.append(f"{bar.label:<{label_width}} ", style="bold")
            line.append("█" * cells, style=paint.style(f"chart-{index % BAR_STYLES}"))
            line.append(" " * (bar_width - cells))
            line.append(f" {value:>{value_width}}", style="bold")
            if note and inline:
                line.append(f"  {note}", style="italic")
            line.truncate(width, overflow="ellipsis")
            yield Row(line)
            if note and not inline:
                yield Row(Text(f"{'':<{label_width}} {note}", style="italic"))
