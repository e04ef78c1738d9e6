"""Drawn blocks laid out as the rows of a page at one width: plain Python, no Textual."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from ..model.text import CONTROL, printable
from .rows import BLANK, Drawn, Row

Key = tuple[int, int]
"""An item: (block index, item within the block)."""


class Laid(NamedTuple):
    """A page laid out at one width."""

    rows: list[Row]
    keys: list[Key | None]
    """The item each row belongs to."""
    spans: dict[Key, tuple[int, int]]
    """Each item's first and last row, in page order."""
    extents: dict[int, tuple[int, int]]
    """Each block's first and last row."""
    width: int


EMPTY = Laid([], [], {}, {}, 0)


def lay_out(blocks: Iterable[Drawn], width: int) -> Laid:
    """The blocks' rows one after another, for a page `width` wide; the blank
    lines between two blocks are the larger of their margins."""
    rows: list[Row] = []
    keys: list[Key | None] = []
    spans: dict[Key, tuple[int, int]] = {}
    extents: dict[int, tuple[int, int]] = {}
    gap: int | None = None
    for index, block in enumerate(blocks):
        lines = block.rows
        if not lines:
            continue
        if gap is not None:
            blank = max(gap, block.top)
            rows += [BLANK] * blank
            keys += [None] * blank
        extents[index] = (len(rows), len(rows) + len(lines) - 1)
        for row in lines:
            if CONTROL.search(row.text.plain):  # check refuses these; never draw one anyway
                text = row.text.copy()  # drawn rows may be shared between pages: never change one
                text.plain = printable(text.plain)
                row = row._replace(text=text)
            key = None if row.item is None else (index, row.item)
            if key is not None:
                spans[key] = (spans.get(key, (len(rows), 0))[0], len(rows))
            rows.append(row)
            keys.append(key)
        gap = block.bottom
    return Laid(rows, keys, spans, extents, width)
