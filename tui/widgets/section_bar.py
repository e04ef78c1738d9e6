"""The row of numbered section tabs; a click on a tab goes there."""

from __future__ import annotations

from rich.text import Text
from textual.events import Click
from textual.widget import Widget

from .link import Link


def fit_labels(labels: list[str], active: int, width: int) -> list[str]:
    """Shorten inactive labels, longest first, until the row fits in `width`.

    The row is " 1 Overview  2 Results ...": digits always stay, since they are
    the keys; the active label stays whole.
    """
    shown = list(labels)

    def total() -> int:
        return 1 + sum(len(f" {n} {label}") for n, label in enumerate(shown, start=1))

    while total() > width:
        candidates = [i for i, label in enumerate(shown) if i != active and len(label) > 1]
        if not candidates:
            break
        longest = max(candidates, key=lambda i: len(shown[i]))
        label = shown[longest].rstrip("…")
        shown[longest] = label[:-1] + "…" if len(label) > 2 else label[:1]
    return shown


class SectionBar(Widget):
    """Numbered tabs for every section, the current one highlighted."""

    COMPONENT_CLASSES = {"section-bar--active", "section-bar--key"}

    def __init__(self, sections: list[tuple[str, str]], active: str) -> None:
        super().__init__()
        self.sections = sections
        self.active = active
        self._spans: list[tuple[int, int, str]] = []

    def render(self) -> Text:
        ids = [section_id for section_id, _ in self.sections]
        active = ids.index(self.active) if self.active in ids else -1
        labels = fit_labels([label for _, label in self.sections], active, self.size.width)
        text = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        active_style = self.get_component_rich_style("section-bar--active", partial=True)
        key_style = self.get_component_rich_style("section-bar--key", partial=True)
        for number, (section_id, label) in enumerate(zip(ids, labels, strict=True), start=1):
            start = len(text)
            is_active = section_id == self.active
            text.append(" ", style=active_style if is_active else "")
            text.append(str(number), style=active_style if is_active else key_style)
            text.append(f" {label}" + (" " if is_active else ""), style=active_style if is_active else "")
            self._spans.append((start, len(text), section_id))
        return text

    def on_click(self, event: Click) -> None:
        for start, end, section_id in self._spans:
            if start <= event.x < end:
                event.stop()
                self.post_message(Link.Chosen(section_id))
                return
