"""What a page is made of: headings, paragraphs, links and claims, as plain data.

A Document widget draws a whole page; each block here only turns itself into
rows of rich Text for a given width. Content text is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from rich.style import Style
from rich.text import Text


class Painter(Protocol):
    """What blocks need from the widget that draws them."""

    def style(self, name: str) -> Style:
        """The theme's style for `name` (a `document--name` component class)."""
        ...

    def wrap(self, text: Text, width: int) -> list[Text]: ...


class Row(NamedTuple):
    """One line of a page."""

    text: Text
    item: int | None = None
    """Which of its block's items (links, claims) the line belongs to."""
    target: str | None = None
    """Where enter on the item goes; None for an item that unfolds instead."""
    fill: str | None = None
    """A style that fills the line across the block's width, not just the text."""
    lead: int = 0
    """Cells of indent or margin before a link's text, left out of its highlight."""


class Block(Protocol):
    """A part of a page; blank lines between blocks are the larger of their margins."""

    @property
    def top(self) -> int: ...
    @property
    def bottom(self) -> int: ...

    def rows(self, paint: Painter, width: int) -> Iterable[Row]: ...


def indented(paint: Painter, text: Text, width: int, indent: int) -> Iterator[Text]:
    for line in paint.wrap(text, max(1, width - indent)):
        yield Text.assemble(" " * indent, line) if indent else line


@dataclass(frozen=True, kw_only=True)
class Heading:
    text: str
    level: int = 2
    top: int = 1
    bottom: int = 0

    def rows(self, paint: Painter, width: int) -> Iterator[Row]:
        for line in paint.wrap(Text(self.text, style=paint.style(f"h{self.level}")), width):
            yield Row(line)


@dataclass(frozen=True, kw_only=True)
class Para:
    """A paragraph; `kind` names its style (meta, url, figure, ...), if any."""

    text: str
    kind: str = ""
    indent: int = 0
    top: int = 0
    bottom: int = 1

    def rows(self, paint: Painter, width: int) -> Iterator[Row]:
        text = Text(self.text, style=paint.style(self.kind) if self.kind else "")
        for line in indented(paint, text, width, self.indent):
            yield Row(line)


@dataclass(frozen=True, kw_only=True)
class Titled:
    """A bold title over its paragraph."""

    title: str
    text: str
    top: int = 0
    bottom: int = 1

    def rows(self, paint: Painter, width: int) -> Iterator[Row]:
        for line in paint.wrap(Text.assemble((self.title, "bold"), "\n", self.text), width):
            yield Row(line)


@dataclass(frozen=True, kw_only=True)
class Links:
    """A label (if any) over one link a line ("→ name"); each link is an item."""

    label: str
    links: tuple[tuple[str, str], ...]
    """(name, target) pairs."""
    top: int = 0
    bottom: int = 1

    def rows(self, paint: Painter, width: int) -> Iterator[Row]:
        if self.label:
            yield from (Row(line) for line in paint.wrap(Text(f"{self.label}:", paint.style("label")), width))
        for item, (name, target) in enumerate(self.links):
            for line in indented(paint, Text(f"→ {name}", paint.style("link")), width, 1):
                yield Row(line, item, target, lead=1)


@dataclass(frozen=True, kw_only=True)
class MapLink:
    """A section in the overview's map: its number and title as a link, then its blurb."""

    number: int
    title: str
    blurb: str
    target: str
    top: int = 1
    bottom: int = 0

    def rows(self, paint: Painter, width: int) -> Iterator[Row]:
        title = Text(f"{self.number}  {self.title}", paint.style("link") + Style(bold=True))
        lines = paint.wrap(title, width)
        if self.blurb:
            lines += indented(paint, Text(self.blurb, paint.style("blurb")), width, 3)
        for line in lines:
            yield Row(line, 0, self.target)
