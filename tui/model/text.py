"""Text made safe to draw: no control characters reach a terminal or a handout."""

from __future__ import annotations

import re

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 but tab and newline, DEL, and C1. ESC begins the sequences that set a
terminal's title or clipboard or clear it; C1 holds 8-bit forms of them."""

REPLACEMENT = "\N{REPLACEMENT CHARACTER}"


def printable(text: str) -> str:
    """`text` with each control character replaced by U+FFFD, so lengths stay the same.

    `check` refuses content holding any; this is the renderers' second line.
    """
    return CONTROL.sub(REPLACEMENT, text) if CONTROL.search(text) else text
