"""The timeline's time axis as text: where the events fall, a row of bars over a row of years.

Plain Python, no Textual, so it is tested on its own. The scale is piecewise:
a cell a decade for the long past, a cell a year from the decade of the
busiest year on (for the explainer, 2010 to 2025, since the events crowd into
2019 and 2020), and the busiest years widest. Below `YEARS_FROM_WIDTH` columns
every cell is a decade.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

LEVELS = "▁▂▃▅▇"
"""A cell's bar by how many events fall in it: 1, 2, 3-4, 5-9, 10 or more."""
LINUX_LEVELS = "░▒▒▓█"
"""The Linux console's own font has no eighth blocks, only shades and a full block."""
THRESHOLDS = (1, 2, 3, 5, 10)
YEARS_FROM_WIDTH = 60
"""Narrower than this, decades only: a year a cell leaves no room for labels."""
YEAR_ZONE = 20
"""At most this many cells a year."""
WEIGHT = {"decade": 2, "year": 3, "busy": 6}
"""Columns a cell takes relative to the others, before rounding."""

Span = tuple[int, int, str]
"""Columns [start, end) drawn in a named style: "bar", "label", or "marked-bar" and "marked-label"
for the highlighted event's cell (its label row reversed, a mark with colour or without)."""


@dataclass(frozen=True)
class Cell:
    start: int
    """The first year the cell covers."""
    end: int
    """The last year it covers."""
    left: int
    """Its first column."""
    width: int
    kind: str
    """"decade", "year" or "busy" (a year crowded with events)."""

    def holds(self, year: int) -> bool:
        return self.start <= year <= self.end


@dataclass(frozen=True)
class Axis:
    cells: tuple[Cell, ...]
    counts: tuple[int, ...]
    """Events in each cell."""
    rows: tuple[tuple[str, tuple[Span, ...]], ...]
    """The bars, then the labels: each exactly the width asked for, with its styled spans."""


def year_of(date: str) -> int | None:
    """The year a date starts with ("2019-11-10", "1960s", "2020"); None without one."""
    found = re.match(r"\s*(\d{4})", date)
    return int(found.group(1)) if found else None


def jump_index(years: Sequence[int | None], year: int) -> int | None:
    """The event to show for `year`: its first, or the nearest after it, or else the last."""
    dated = [(y, i) for i, y in enumerate(years) if y is not None]
    if not dated:
        return None
    later = [(y, i) for y, i in dated if y >= year]
    if later:
        return min(later)[1]
    latest = max(y for y, _ in dated)
    return max(i for y, i in dated if y == latest)


def lay_out(years: Sequence[int], width: int) -> list[Cell]:
    """The cells across `width` columns, left to right, filling it exactly."""
    if not years or width < 1:
        return []
    first, last = min(years), max(years)
    counts = Counter(years)
    busiest = max(counts.values())
    zone = (first // 10 * 10, first // 10 * 10 - 1)  # empty: decades only
    if width >= YEARS_FROM_WIDTH:
        peak = min(year for year, n in counts.items() if n == busiest)
        zone = (peak // 10 * 10, min(last, peak // 10 * 10 + YEAR_ZONE - 1))
    spans: list[tuple[int, int, str]] = []
    decade = first // 10 * 10
    while decade < zone[0]:
        spans.append((decade, decade + 9, "decade"))
        decade += 10
    for year in range(zone[0], zone[1] + 1):
        spans.append((year, year, "busy" if counts[year] * 2 >= busiest and counts[year] > 1 else "year"))
    decade = max(zone[1] + 1, decade)
    while decade <= last:
        spans.append((decade, decade // 10 * 10 + 9, "decade"))
        decade = decade // 10 * 10 + 10
    spans = _fit(spans, width)
    widths = _widths(spans, width, counts)
    cells, left = [], 0
    for (start, end, kind), cell_width in zip(spans, widths, strict=True):
        cells.append(Cell(start, end, left, cell_width, kind))
        left += cell_width
    return cells


def _fit(spans: list[tuple[int, int, str]], width: int) -> list[tuple[int, int, str]]:
    """Merge neighbouring cells, oldest first, until there is a column for each."""
    while len(spans) > width:
        merged = [(spans[i][0], spans[i + 1][1], "decade") for i in range(0, len(spans) - 1, 2)]
        spans = merged + ([spans[-1]] if len(spans) % 2 else [])
    return spans


def _widths(spans: list[tuple[int, int, str]], width: int, counts: Counter[int]) -> list[int]:
    """Columns per cell: by weight, rounded down, the rest to the cells nearest the busiest."""
    total = sum(WEIGHT[kind] for _, _, kind in spans)
    widths = [max(1, width * WEIGHT[kind] // total) for _, _, kind in spans]
    while sum(widths) > width:  # the minimum of 1 can overshoot
        widths[widths.index(max(widths))] -= 1
    peak = max(counts, key=lambda year: (counts[year], -year))
    nearest = sorted(range(len(spans)), key=lambda i: (_distance(spans[i], peak), i))
    spare = width - sum(widths)
    while spare:
        for i in nearest[:spare]:
            widths[i] += 1
        spare = width - sum(widths)
    return widths


def _distance(span: tuple[int, int, str], year: int) -> int:
    start, end, _ = span
    return 0 if start <= year <= end else min(abs(start - year), abs(end - year))


def level(count: int, glyphs: str = LEVELS) -> str:
    """The bar for `count` events: a blank for none."""
    reached = [glyph for glyph, least in zip(glyphs, THRESHOLDS, strict=True) if count >= least]
    return reached[-1] if reached else " "


def draw(dates: Sequence[str], width: int, highlighted: int | None = None, glyphs: str = LEVELS) -> Axis:
    """The axis of the events dated `dates`, `width` columns wide; `highlighted` (an index) marked."""
    years = [year_of(date) for date in dates]
    dated = [year for year in years if year is not None]
    cells = lay_out(dated, width)
    counts = tuple(sum(1 for year in dated if cell.holds(year)) for cell in cells)
    marked = years[highlighted] if highlighted is not None and 0 <= highlighted < len(years) else None
    bars, bar_spans, mark = [" "] * width, [], []
    for cell, count in zip(cells, counts, strict=True):
        # A blank column after each wide cell keeps neighbouring years apart.
        filled = cell.width - 1 if cell.width >= 3 else cell.width
        bars[cell.left : cell.left + filled] = level(count, glyphs) * filled
        if marked is not None and cell.holds(marked):
            bar_spans.append((cell.left, cell.left + filled, "marked-bar"))
            mark.append((cell.left, cell.left + filled, "marked-label"))
        elif count:
            bar_spans.append((cell.left, cell.left + filled, "bar"))
    labels, label_spans = _labels(cells, counts, width)
    rows = (("".join(bars), tuple(bar_spans)), (labels, label_spans + tuple(mark)))
    return Axis(tuple(cells), counts, rows)


def _labels(cells: Sequence[Cell], counts: Sequence[int], width: int) -> tuple[str, tuple[Span, ...]]:
    """Years under the cells they start, the busiest and the ends first, a blank between two."""
    if not cells:
        return " " * width, ()
    busiest = {cell.start for cell, count in zip(cells, counts, strict=True) if count == max(counts)}
    zone = [cell.start for cell in cells if cell.kind != "decade"]
    ends = {cells[0].start, cells[-1].start, *(zone[:1])}

    def rank(cell: Cell) -> tuple[int, int]:
        year = cell.start
        tier = next(
            tier
            for tier, hit in enumerate(
                (
                    cell.kind == "busy" or year in busiest,
                    year in ends,
                    year % 50 == 0,
                    year % 10 == 0,
                    year % 5 == 0,
                    True,
                )
            )
            if hit
        )
        return tier, cell.left

    row = [" "] * width
    taken: list[tuple[int, int]] = []
    for cell in sorted(cells, key=rank):
        text = str(cell.start)
        left = min(cell.left, width - len(text))
        right = left + len(text)
        if left < 0 or any(left <= end and start <= right for start, end in taken):
            continue  # overlaps, or touches, a label already placed
        row[left:right] = text
        taken.append((left, right))
    return "".join(row), tuple(sorted((start, end, "label") for start, end in taken))


def cell_at(axis: Axis, column: int) -> Cell | None:
    """The cell drawn at `column`, for a click."""
    return next((cell for cell in axis.cells if cell.left <= column < cell.left + cell.width), None)
