"""The list of a section's entries: arrows move the highlight, enter opens.

A Document of one item per entry rather than an OptionList: moving between
sections then restyles nothing and re-renders no option, since the lines are
kept and focus only changes which style the highlighted line is drawn in.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from ..doc.tree import Block
from ..render.layout import Key
from ..render.rows import Drawn, Row
from .document import Document

LIST_STYLES = ("option", "highlight", "highlight-blurred", "hover")


class EntryList(Document, inherit_bindings=False):
    DEFAULT_CSS = """
    EntryList > .entry-list--option { text-style: none; }
    EntryList > .entry-list--highlight {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    EntryList > .entry-list--highlight-blurred {
        color: $block-cursor-blurred-foreground;
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    EntryList > .entry-list--hover { background: $block-hover-background; }
    """
    COMPONENT_CLASSES = {f"entry-list--{name}" for name in LIST_STYLES}
    STYLE_PREFIX = "entry-list"
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "move(-1_000_000)", show=False),
        Binding("end", "move(1_000_000)", show=False),
        Binding("enter", "choose", show=False),
    ]

    class Highlighted(Message):
        def __init__(self, item: str) -> None:
            super().__init__()
            self.item = item

    class Selected(Message):
        def __init__(self, item: str) -> None:
            super().__init__()
            self.item = item

    def __init__(self, options: Sequence[tuple[str | Text, str]], *, id: str | None = None) -> None:
        """`options` are (label, id) pairs."""
        super().__init__(id=id)
        self.labels = [label if isinstance(label, Text) else Text(label) for label, _ in options]
        self.ids = [ident for _, ident in options]

    def draw_blocks(self, width: int) -> Iterator[Drawn]:
        """One block: the labels, an item each, padded by a cell on both sides."""
        rows = [
            Row(Text.assemble(" ", line), item, fill="option")
            for item, label in enumerate(self.labels)
            for line in self.wrap(label, max(1, width - 2))
        ]
        yield Drawn(rows, bottom=0)

    @property
    def chosen(self) -> Block | None:
        """Its rows are entries' names, not a page's blocks: nothing in it is a block."""
        return None

    @property
    def highlighted(self) -> str | None:
        return None if self.cursor is None else self.ids[self.cursor[1]]

    def highlight(self, item: str) -> None:
        """Highlight `item` and bring it into view, without a Highlighted message."""
        if item in self.ids:
            self._move((0, self.ids.index(item)))

    def _go(self, index: int) -> None:
        index = max(0, min(len(self.ids) - 1, index))
        if self.ids and (0, index) != self.cursor:
            self._move((0, index))
            self.post_message(self.Highlighted(self.ids[index]))

    def action_move(self, step: int) -> None:
        self._go((self.cursor[1] if self.cursor else -1) + step)

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.scrollable_content_region.height - 1))

    def action_choose(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self.highlighted))

    def _state(self, key: Key | None) -> str:
        if key is not None and key == self.cursor:
            return "highlight" if self.has_focus else "highlight-blurred"
        if key is not None and key == self._hover:
            return "hover"
        return ""
