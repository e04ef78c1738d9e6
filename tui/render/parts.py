"""A slide's points laid out for a screen: wrapped to its width, cut into parts that fit its height.

Plain Python over Rich's wrapping, so the presenter and `check` agree on
what fits. A point is revealed in steps: one step a point, or more when a
point is taller than a whole part (its lines continue on the next part).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.text import Text

from ..doc.slides import Slide, build_slides
from ..doc.tree import ChartLines
from ..model import Content

BULLET = "• "
GAP = 1
"""Blank lines between two points."""


@dataclass(frozen=True)
class Step:
    """What one key press reveals: lines of one point, on one part."""

    point: int
    lines: tuple[str, ...]
    part: int
    first: bool
    """The point's first lines (with the bullet), not a continuation."""


def wrap(text: str, width: int) -> list[str]:
    """`text` as a point's lines `width` wide: a bullet, then a hanging indent."""
    inner = max(width - len(BULLET), 8)
    console = Console(width=inner, no_color=True, legacy_windows=False, file=None)
    lines = [line.plain.rstrip() for line in Text(text).wrap(console, inner)] or [""]
    return [BULLET + lines[0], *("  " + line for line in lines[1:])]


MIN_BAR = 12
"""Cells a bar needs beside its label and value; with less, each bar takes a line of its own."""


def draw_chart(chart: ChartLines, width: int) -> list[str]:
    """The title, then a line a bar: label, bar, value (and what the article says), in columns.

    On a narrow screen each bar goes under its label, across the whole width.
    """
    lines = wrap(chart.title, width)
    said = [bar.value + (f" · {bar.note}" if bar.note else "") for bar in chart.bars]
    label_width = max((len(bar.label) for bar in chart.bars), default=0)
    said_width = max((len(text) for text in said), default=0)
    room = width - len(BULLET) - label_width - said_width - 2
    for bar, text in zip(chart.bars, said, strict=True):
        fraction = max(0.0, min(bar.fraction, 1.0))
        if room >= MIN_BAR:
            filled = round(room * fraction)
            drawn = ("█" * filled if filled else "▏").ljust(room)
            lines.append(f"  {bar.label.ljust(label_width)} {drawn} {text}".rstrip())
        else:
            lines += ["  " + line[len(BULLET) :] for line in wrap(f"{bar.label}   {text}", width)]
            filled = round((width - len(BULLET)) * fraction)
            lines.append("  " + ("█" * filled if filled else "▏"))
    return lines


def lay_out(points: Sequence[str | ChartLines], width: int, height: int) -> list[Step]:
    """The steps of a slide whose points area is `width` x `height` cells."""
    height = max(height, 1)
    steps: list[Step] = []
    part, used = 0, 0
    for index, point in enumerate(points):
        lines = draw_chart(point, width) if isinstance(point, ChartLines) else wrap(point, width)
        first = True
        while lines:
            gap = GAP if used else 0
            if used and used + gap + min(len(lines), height) > height:
                part, used, gap = part + 1, 0, 0  # the point starts (or goes on) on the next part
            room = height - used - gap
            taken, lines = lines[:room], lines[room:]
            steps.append(Step(index, tuple(taken), part, first))
            used += gap + len(taken)
            first = False
    return steps


def parts(steps: Sequence[Step]) -> int:
    return steps[-1].part + 1 if steps else 1


# The presenter's stylesheet (styles/app.tcss), in cells: the screen's padding, the counter
# and the hint docked above and below, the title's heavy border and padding, the gaps.
SCREEN_PAD_X, SCREEN_PAD_Y = 3, 1
MAX_SLIDE_WIDTH = 110
TITLE_FRAME_X, TITLE_FRAME_Y = 2 + 4, 2 + 2
DOCKED = 2  # the counter above, the hint below
POINTS_MARGIN = 1


def slide_width(cols: int) -> int:
    return max(min(cols - 2 * SCREEN_PAD_X, MAX_SLIDE_WIDTH), 1)


def heading(title: str, subtitle: str, cols: int) -> tuple[str, str]:
    """A slide's title and subtitle wrapped for a screen `cols` wide (the presenter shows them so)."""
    width = slide_width(cols)
    inner = max(width - TITLE_FRAME_X, 1)
    return _lines(title, inner), _lines(subtitle, width) if subtitle else ""


def _lines(text: str, width: int) -> str:
    console = Console(width=width, no_color=True, file=None)
    return "\n".join(line.plain.strip() for line in Text(text).wrap(console, width))


def area(cols: int, rows: int, title: str, subtitle: str, banner: bool = False) -> tuple[int, int]:
    """The points area of a slide on a `cols` x `rows` screen, as PresenterScreen lays it out.

    For `check`, which has no screen; the presenter measures its own, and a test
    keeps the two equal.
    """
    title, subtitle = heading(title, subtitle, cols)
    used = 2 * SCREEN_PAD_Y + DOCKED + TITLE_FRAME_Y + title.count("\n") + 1 + POINTS_MARGIN + int(banner)
    if subtitle:
        used += 1 + subtitle.count("\n") + 1
    return slide_width(cols), max(rows - used, 1)


PROJECTOR = (100, 30)
MOST_PARTS = 2


def crowded(content: Content, size: tuple[int, int] = PROJECTOR) -> list[tuple[Slide, int]]:
    """Slides that need more than MOST_PARTS parts on a screen of `size` (a projector's), with how many."""
    found = []
    for slide in build_slides(content):
        width, height = area(*size, slide.title, slide.subtitle)
        count = parts(lay_out([point.shown for point in slide.points], width, height))
        if count > MOST_PARTS:
            found.append((slide, count))
    return found
