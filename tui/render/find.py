"""Where a page shows a search's words: plain Python, no Textual."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from ..doc.search import Span, fold, matches


def best_line(lines: Sequence[str], words: Sequence[str]) -> tuple[int, list[Span]] | None:
    """The first line holding the most of `words` (case and accents aside), and where they are in it."""
    wanted = {fold(word) for word in words if word.strip()}
    best: tuple[int, int] | None = None  # (words held, line)
    for index, line in enumerate(lines):
        folded = fold(line)
        held = sum(word in folded for word in wanted)
        if held and (best is None or held > best[0]):
            best = (held, index)
            if held == len(wanted):
                break
    if best is None:
        return None
    return best[1], matches(lines[best[1]], wanted)


def marked(text: Text, marks: Sequence[Span], style: Style) -> Text:
    """A copy of `text` with `style` over each mark (rows may be shared between pages: never change one)."""
    text = text.copy()
    for start, end in marks:
        text.stylize(style, start, end)
    return text
