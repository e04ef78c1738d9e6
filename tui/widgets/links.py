"""A labelled row of links to entries or sections."""

from __future__ import annotations

from collections.abc import Iterable

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from ..model import Content
from .link import Link


def links_row(content: Content, label: str, targets: Iterable[str]) -> Widget | None:
    """A labelled row of links, or None when there is nothing to link."""
    # One link a line: Textual has no wrapping row, and names are long.
    links = [Link(f"→ {content.name_of(t)}", t) for t in targets]
    if not links:
        return None
    return Vertical(Static(f"{label}:", markup=False, classes="links-label"), *links, classes="links")
