"""The terminal's renderer of the page tree: each block as rows of rich Text at a width.

Plain Python over Rich, no Textual: the Document widget asks for a block's
rows, lays them out and draws them. Content text is never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import NamedTuple, Protocol, assert_never

from rich.style import Style
from rich.text import Text

from ..doc.tree import (
    Answers,
    Block,
    Bullets,
    Chart,
    Checked,
    Claim,
    Entry,
    Heading,
    Links,
    MapLink,
    Para,
    Prose,
    Questions,
    Quiz,
    Ref,
    Titled,
)

BAR = "▌ "
"""A claim's left edge, coloured by its verdict."""
CHART_STYLES = 4
"""Bars take these colours in turn."""
LOWEST_HEADING = 3


class Painter(Protocol):
    """What the renderer needs from the widget that draws: its theme and its wrapping."""

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


BLANK = Row(Text())


class Drawn(NamedTuple):
    """A block's rows, and the blank lines it wants around it (the larger of two neighbours' wins)."""

    rows: list[Row]
    top: int = 0
    bottom: int = 1


def flatten(blocks: Iterable[Block]) -> Iterator[Block]:
    """A page's blocks with each entry opened out: its title as a heading, then its blocks.

    An entry that is the whole page is titled as the page (level 1); entries
    listed on a page among other blocks (the corrections) sit a level down.
    """
    found = list(blocks)
    level = 1 if len(found) == 1 else 2
    for block in found:
        yield from _opened(block, level) if isinstance(block, Entry) else (block,)


def _opened(entry: Entry, level: int) -> Iterator[Block]:
    yield Heading(level, entry.title)
    for inner in entry.blocks:
        if isinstance(inner, Entry):
            yield from _opened(inner, level + 1)
        elif isinstance(inner, Heading):
            yield replace(inner, level=inner.level + level - 1)
        else:
            yield inner


def draw(block: Block, paint: Painter, width: int, *, open: bool = False) -> Drawn:
    """`block`'s rows at `width`; `open` unfolds a claim's context and sources."""
    match block:
        case Heading(level=level, text=text):
            return Drawn(list(_heading(paint, level, text, width)), top=1, bottom=0)
        case Para():
            style = paint.style(block.style) if block.style else ""
            return Drawn([Row(line) for line in paint.wrap(Text(block.text, style=style), width)])
        case Prose():
            rows = list(_heading(paint, 2, block.title, width))
            for n, paragraph in enumerate(block.paragraphs):
                rows += [BLANK] if n else []
                rows += (Row(line) for line in paint.wrap(Text(paragraph), width))
            return Drawn(rows, top=1)
        case Links():
            return Drawn(list(_links(paint, block, width)))
        case Titled():
            return Drawn(list(_titled(paint, block, width)))
        case Checked():
            rows = [Row(line) for line in paint.wrap(Text(block.text, paint.style("meta")), width)]
            if block.corrections is not None:
                rows += _link(paint, 0, block.corrections, width)
            return Drawn(rows)
        case MapLink():
            return Drawn(list(_map_link(paint, block, width)), top=1, bottom=0)
        case Claim():
            return Drawn(list(_claim(paint, block, width, open)))
        case Chart():
            return Drawn(list(_chart(paint, block, width)), top=1)
        case Bullets(items=items):
            return Drawn([Row(line) for item in items for line in _indented(paint, Text(item), width, 2)])
        case Questions(label=label, items=items):
            return Drawn(list(_numbered(paint, label, items, width)), top=1)
        case Quiz():
            return Drawn(list(_quiz(paint, block, width)), top=1)
        case Answers(label=label, items=items):
            answers = [f"{item.answer} {item.explanation}" for item in items]
            return Drawn(list(_numbered(paint, label, answers, width)), top=1)
        case Entry():
            raise ValueError("an entry is drawn opened out: pass the page through flatten()")
        case _:
            assert_never(block)


def _indented(paint: Painter, text: Text, width: int, indent: int) -> Iterator[Text]:
    for line in paint.wrap(text, max(1, width - indent)):
        yield Text.assemble(" " * indent, line) if indent else line


def _heading(paint: Painter, level: int, text: str, width: int) -> Iterator[Row]:
    style = paint.style(f"h{min(level, LOWEST_HEADING)}")
    yield from (Row(line) for line in paint.wrap(Text(text, style=style), width))


def _numbered(paint: Painter, label: str, items: Iterable[str], width: int) -> Iterator[Row]:
    yield from _heading(paint, 2, label, width)
    for n, item in enumerate(items, start=1):
        yield from (Row(line) for line in _indented(paint, Text(f"{n}. {item}"), width, 2))


def _link(paint: Painter, item: int, ref: Ref, width: int, indent: int = 1) -> Iterator[Row]:
    for line in _indented(paint, Text(f"→ {ref.name}", paint.style("link")), width, indent):
        yield Row(line, item, ref.target, lead=indent)


def _links(paint: Painter, links: Links, width: int) -> Iterator[Row]:
    """A label (if any) over one link a line ("→ name"); each link is an item."""
    if links.label:
        yield from (Row(line) for line in paint.wrap(Text(f"{links.label}:", paint.style("label")), width))
    for item, ref in enumerate(links.refs):
        yield from _link(paint, item, ref, width)


def _titled(paint: Painter, block: Titled, width: int) -> Iterator[Row]:
    yield from (
        Row(line) for line in paint.wrap(Text.assemble((block.title, "bold"), "\n", block.text), width)
    )
    if block.related is not None:
        yield BLANK
        yield from _links(paint, block.related, width)


def _quiz(paint: Painter, quiz: Quiz, width: int) -> Iterator[Row]:
    for n, item in enumerate(quiz.items, start=1):
        if n > 1:
            yield BLANK
        yield from (Row(line) for line in paint.wrap(Text(f"{n}. {item.question}", "bold"), width))
        for option in item.options:
            yield from (Row(line) for line in _indented(paint, Text(option), width, 3))


def _map_link(paint: Painter, block: MapLink, width: int) -> Iterator[Row]:
    title = Text(f"{block.number}  {block.ref.name}", paint.style("link") + Style(bold=True))
    lines = paint.wrap(title, width)
    if block.blurb:
        lines += _indented(paint, Text(block.blurb, paint.style("blurb")), width, 3)
    for line in lines:
        yield Row(line, 0, block.ref.target)


def _claim(paint: Painter, claim: Claim, width: int, open: bool) -> Iterator[Row]:
    """Item 0 is the claim itself (enter unfolds it); unfolded, its sources are links too."""
    # Parts are assembled, never added: `a + b` would give all of b the style of a.
    # The edge takes the verdict badge's colour (not its boldness).
    edge = paint.style(f"verdict-{claim.verdict}" if claim.verdict else "bar")
    bar = Text.assemble((BAR, Style(color=edge.color)))
    inner = max(1, width - len(BAR))
    summary = Text.assemble((claim.text, "bold"), "\n", (claim.attribution, "italic"))
    if claim.badge:
        summary.append("  ")
        summary.append(f"[{claim.badge}]", paint.style(f"verdict-{claim.verdict}"))
    summary.append(f"\n{'-' if open else '+'} {claim.context_label}", style=paint.style("hint"))
    for line in paint.wrap(summary, inner):
        yield Row(Text.assemble(bar, line), 0, fill="claim")
    if not open:
        return
    if claim.context:
        for line in paint.wrap(Text(claim.context), inner - 2):
            yield Row(Text.assemble(bar, " ", line), fill="context")
    for line in paint.wrap(Text.assemble((f"{claim.sources.label}:", paint.style("label"))), inner - 2):
        yield Row(Text.assemble(bar, " ", line), fill="context")
    for item, ref in enumerate(claim.sources.refs, start=1):
        for line in paint.wrap(Text.assemble((f"→ {ref.name}", paint.style("link"))), inner - 3):
            yield Row(Text.assemble(bar, "  ", line), item, ref.target, fill="context", lead=len(BAR) + 2)


MIN_BAR = 12
"""Cells a bar needs beside its label to be read; with less room, each bar goes under its label."""


def _stacked_bars(paint: Painter, chart: Chart, notes: list[str], width: int) -> Iterator[Row]:
    """A narrow screen's chart: each label and value, then its bar across the whole width."""
    for index, (bar, note) in enumerate(zip(chart.bars, notes, strict=True)):
        head = Text.assemble((bar.label, "bold"), "  ", (bar.value, "bold"))
        yield from (Row(line) for line in paint.wrap(head, width))
        cells = max(1, round(bar.fraction * width))
        yield Row(Text("█" * cells, style=paint.style(f"chart-{index % CHART_STYLES}"), end=""))
        if note:
            yield from (Row(line) for line in paint.wrap(Text(note, style="italic"), width))


def _column_bars(
    paint: Painter, chart: Chart, notes: list[str], width: int, label_width: int, value_width: int
) -> Iterator[Row]:
    """Label, bar and value in columns; what the article says beside them, or under them."""
    note_width = max((len(n) for n in notes), default=0)
    inline = width - label_width - value_width - note_width - 4 >= 12
    bar_width = max(4, width - label_width - value_width - 2 - (note_width + 2 if inline else 0))
    for index, (bar, note) in enumerate(zip(chart.bars, notes, strict=True)):
        cells = round(bar.fraction * bar_width)
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        line.append(f"{bar.label:<{label_width}} ", style="bold")
        line.append("█" * cells, style=paint.style(f"chart-{index % CHART_STYLES}"))
        line.append(" " * (bar_width - cells))
        line.append(f" {bar.value:>{value_width}}", style="bold")
        if note and inline:
            line.append(f"  {note}", style="italic")
        line.truncate(width, overflow="ellipsis")
        yield Row(line)
        if note and not inline:
            yield Row(Text(f"{'':<{label_width}} {note}", style="italic"))


def _chart(paint: Painter, chart: Chart, width: int) -> Iterator[Row]:
    """A horizontal bar chart in whole blocks, legible without colour.

    The eighth-block characters are missing from the Linux console font, and
    the printed value carries the precision anyway.
    """
    yield from _heading(paint, 2, chart.title, width)
    width = max(width, 20)
    notes = [f"{chart.claimed_label}: {b.claimed}" if b.claimed else "" for b in chart.bars]
    label_width = max((len(b.label) for b in chart.bars), default=0)
    value_width = max((len(b.value) for b in chart.bars), default=0)
    if width - label_width - value_width - 2 < MIN_BAR:
        yield from _stacked_bars(paint, chart, notes, width)
    else:
        yield from _column_bars(paint, chart, notes, width, label_width, value_width)
    if chart.note:
        yield BLANK
        yield from (Row(line) for line in paint.wrap(Text(chart.note, paint.style("chart-note")), width))
