"""What a widget shows, as plain text: for asserting on words, whatever the widget renders."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Static


def static_text(static: Static, width: int = 200) -> str:
    """The words `static` shows (a string, a Text or a table), laid out `width` cells wide."""
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(static.content, markup=False, highlight=False)
    return console.export_text()
