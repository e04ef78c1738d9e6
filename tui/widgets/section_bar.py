"""The top of the screen: numbered section tabs, then the current section's title.

One widget drawing two cached lines: the bar changes on every section switch,
and a Static per line would rebuild its text and style on each one. A click on
a tab goes there. On a narrow screen the tabs become one button, "≡ 3/9
Actors", that opens the sections menu.
"""

from __future__ import annotations

import textwrap

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.events import Click
from textual.strip import Strip
from textual.widget import Widget

from ..messages import Navigate
from ..render.sizes import NARROW


def fit_labels(labels: list[str], active: int, width: int) -> list[str]:
    """Drop inactive labels, farthest from the active tab first, until the row fits in `width`.

    The row is " 1 Overview  2 Results ...": digits always stay, since they are
    the keys; a label is shown whole or not at all, never cut mid-word.
    """
    shown = list(labels)

    def total() -> int:
        return 1 + sum(len(f" {n} {label}") for n, label in enumerate(shown, start=1))

    by_distance = sorted(
        (i for i in range(len(shown)) if i != active), key=lambda i: (abs(i - active), i), reverse=True
    )
    for i in by_distance:
        if total() <= width:
            break
        shown[i] = ""
    return shown


def fit_title(title: str, width: int) -> str:
    """`title` in `width` columns, cut after a whole word with "…" when it is too long."""
    return textwrap.shorten(title, max(width, 1), placeholder="…")


MENU = ""
"""Where a click on the narrow bar goes: not a section (ids are never empty), the menu."""


class SectionBar(Widget):
    """Tabs for every section, the current one highlighted, over its title."""

    DEFAULT_CSS = """
    SectionBar {
        height: 2;
        background: $panel;
        color: $text-muted;
    }
    SectionBar > .section-bar--active {
        background: $primary;
        color: $text;
        text-style: bold reverse;
    }
    SectionBar > .section-bar--key {
        color: $accent;
        text-style: bold;
    }
    SectionBar > .section-bar--title {
        background: $surface;
        text-style: bold;
        color: $text-primary;
    }
    """
    COMPONENT_CLASSES = {"section-bar--active", "section-bar--key", "section-bar--title"}

    def __init__(self, sections: list[tuple[str, str]], active: str) -> None:
        super().__init__()
        self._sections = sections
        self.active = active
        self.title = ""
        self._spans: list[tuple[int, int, str]] = []
        # Drawn rows by (width, active section) and (width, title): after each
        # section's first visit, a switch draws the bar from these.
        self._tab_rows: dict[tuple[int, str], tuple[Strip, list[tuple[int, int, str]]]] = {}
        self._title_rows: dict[tuple[int, str], Strip] = {}

    @property
    def sections(self) -> list[tuple[str, str]]:
        return self._sections

    @sections.setter
    def sections(self, sections: list[tuple[str, str]]) -> None:
        self._sections = sections
        self._forget()

    def set_active(self, active: str, title: str) -> None:
        self.active, self.title = active, title
        self.refresh()

    def _forget(self) -> None:
        self._tab_rows.clear()
        self._title_rows.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:
            if (width, self.active) not in self._tab_rows:
                text, spans = self._tabs(width)
                self._tab_rows[(width, self.active)] = (self._strip(text, self.rich_style, width), spans)
            strip, self._spans = self._tab_rows[(width, self.active)]
            return strip
        if (width, self.title) not in self._title_rows:
            style = self.get_visual_style("section-bar--title").rich_style
            title = Text(f" {fit_title(self.title, width - 1)}", end="")
            self._title_rows[(width, self.title)] = self._strip(title, style, width)
        return self._title_rows[(width, self.title)]

    def _strip(self, text: Text, base: Style, width: int) -> Strip:
        segments = Segment.apply_style(text.render(self.app.console), base)
        return Strip(segments, text.cell_len).crop_extend(0, width, base)

    def _tabs(self, width: int) -> tuple[Text, list[tuple[int, int, str]]]:
        ids = [section_id for section_id, _ in self._sections]
        active = ids.index(self.active) if self.active in ids else -1
        active_style = self.get_component_rich_style("section-bar--active", partial=True)
        key_style = self.get_component_rich_style("section-bar--key", partial=True)
        text = Text(no_wrap=True, overflow="crop", end="")
        if width < NARROW:
            label = self._sections[active][1] if active >= 0 else ""
            text.append(" ≡", style=key_style)
            text.append(" ", style="")
            text.append(f" {active + 1}/{len(ids)} {label} ", style=active_style)
            return text, [(0, width, MENU)]
        labels = fit_labels([label for _, label in self._sections], active, width)
        spans: list[tuple[int, int, str]] = []
        for number, (section_id, label) in enumerate(zip(ids, labels, strict=True), start=1):
            start = len(text)
            is_active = section_id == self.active
            text.append(" ", style=active_style if is_active else "")
            text.append(str(number), style=active_style if is_active else key_style)
            text.append(f" {label}" if label else "", style=active_style if is_active else "")
            text.append(" " if is_active else "", style=active_style)
            spans.append((start, len(text), section_id))
        return text, spans

    async def on_click(self, event: Click) -> None:
        if event.y != 0:
            return
        for start, end, section_id in self._spans:
            if start <= event.x < end:
                event.stop()
                if section_id == MENU:
                    await self.run_action("app.sections_menu")
                else:
                    self.post_message(Navigate(self, section_id))
                return
