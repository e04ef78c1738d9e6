"""The timeline's time axis: bars where the events fall over the years they fall in.

Drawn by tui/render/axis.py; this widget styles its two rows, keeps them by
width and mark (moving along the list redraws only on a new cell's mark, and
nothing else), and turns a click into the event to show.
"""

from __future__ import annotations

import os

from rich.segment import Segment
from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ..render.axis import LEVELS, LINUX_LEVELS, Axis, cell_at, draw, jump_index, year_of


class TimeAxis(Widget):
    """Two rows across the top of the timeline: bars by events a cell, then years."""

    DEFAULT_CSS = """
    TimeAxis {
        dock: top;
        height: 2;
        padding: 0 1;
        background: $background;
        color: $text-muted;
    }
    TimeAxis > .time-axis--bar {
        color: $text-primary;
    }
    TimeAxis > .time-axis--label {
        color: $text-muted;
    }
    /* The highlighted event's cell: its bar in the accent, its labels reversed (seen without colour). */
    TimeAxis > .time-axis--marked-bar {
        color: $text-accent;
    }
    TimeAxis > .time-axis--marked-label {
        color: $accent;
        text-style: bold reverse;
    }
    """
    STYLES = ("bar", "label", "marked-bar", "marked-label")
    COMPONENT_CLASSES = {f"time-axis--{name}" for name in STYLES}

    class Jump(Message):
        """A click on the axis: show the event at `index` (of the dates the axis was given)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, dates: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.dates = dates
        self.marked: int | None = None
        """The highlighted event's index, None for none (the section's introduction)."""
        # The console's own font lacks the eighth blocks (see LINUX_LEVELS).
        self._glyphs = LINUX_LEVELS if os.environ.get("TERM", "") == "linux" else LEVELS
        self._drawn: dict[tuple[int, int | None], tuple[Axis, list[Strip]]] = {}

    def mark(self, index: int | None) -> None:
        if index != self.marked:
            self.marked = index
            self.refresh()

    def axis(self) -> Axis:
        """The axis as drawn at the present width."""
        return self._draw(self.size.width)[0]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()  # a new theme: new styles
        self.refresh()

    def _draw(self, width: int) -> tuple[Axis, list[Strip]]:
        key = (width, self.marked)
        if key not in self._drawn:
            axis = draw(self.dates, width, self.marked, self._glyphs)
            styles = {
                name: self.get_component_rich_style(f"time-axis--{name}", partial=True)
                for name in self.STYLES
            }
            strips = []
            for row, spans in axis.rows:
                text = Text(row, no_wrap=True, overflow="crop", end="")
                for start, end, name in spans:
                    text.stylize(styles[name], start, end)
                segments = Segment.apply_style(text.render(self.app.console), self.rich_style)
                strips.append(Strip(segments, text.cell_len).crop_extend(0, width, self.rich_style))
            self._drawn[key] = (axis, strips)
        return self._drawn[key]

    def render_line(self, y: int) -> Strip:
        _, strips = self._draw(self.size.width)
        return strips[y] if y < len(strips) else Strip.blank(self.size.width, self.rich_style)

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        cell = None if offset is None else cell_at(self.axis(), offset.x)
        index = None if cell is None else jump_index([year_of(date) for date in self.dates], cell.start)
        if index is not None:
            event.stop()
            self.post_message(self.Jump(index))
