"""A page drawn as one widget: blocks of text, with a cursor over links and claims.

Pages hold dozens of paragraphs, claims and links. As a widget each, every
section switch restyled, laid out and rendered them all. Drawn as the lines of
one scrolling widget (the Line API, like OptionList), a page costs the lines on
screen, and its wrapped lines are kept until the width or the theme changes.
Tab and shift+tab move the cursor through the page's items the way a browser
moves through links, then on to the next widget.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click, Leave, MouseMove, Resize
from textual.events import Key as KeyPress
from textual.geometry import Region, Size
from textual.strip import Strip

from ..doc.search import Span
from ..doc.tree import Block, Claim
from ..messages import Navigate
from ..render.find import best_line, marked
from ..render.layout import EMPTY, Key, Laid, lay_out
from ..render.rows import Drawn, draw, flatten
from ..textual_internals import PageView
from .document_style import DOCUMENT_CSS, STYLES

MAX_WIDTH = 100
MAX_DRAWN = 4_000  # blocks drawn and kept, for a few pages at a few widths: a few MB at most
"""Long lines are hard to read on wide terminals and projectors."""


class Document(PageView, can_focus=True):
    DEFAULT_CSS = DOCUMENT_CSS + "Document > .document--match { background: $warning 40%; text-style: bold; }"
    COMPONENT_CLASSES = {f"document--{name}" for name in (*STYLES, "match")}
    STYLE_PREFIX = "document"
    """Subclasses style their lines through their own component classes."""
    _palettes: ClassVar[dict[tuple[object, ...], dict[str, Style]]] = {}
    _drawn: ClassVar[dict[tuple[Block, int, bool, int], Drawn]] = {}
    """Rows by block, width, fold and palette (palettes are kept for the life of the process)."""
    BINDINGS = [
        Binding("tab", "next_item", show=False),
        Binding("shift+tab", "previous_item", show=False),
        Binding("enter", "choose", "open"),  # described by the content's keys.open (tui/keys.py)
        Binding("space", "choose", show=False),
        Binding("u", "unfold_all", "unfold", show=False),  # in the keys dialog, not the key bar
    ]

    def __init__(self, blocks: Iterable[Block] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._blocks = list(flatten(blocks))
        self._open: set[int] = set()
        """The claims unfolded, by block: the reader's state, not the page's."""
        self._laid: Laid | None = None
        self._strips: dict[tuple[int, str], Strip] = {}
        self._palette: dict[str, Style] = {}
        self._restyled = True
        self._base = Style()
        self._pass = EMPTY
        self.cursor: Key | None = None
        self._hover: Key | None = None
        self._marks: dict[int, list[Span]] = {}
        """A search's words on the line it scrolled to, by row, until the reader moves on."""

    # -- what the page shows ------------------------------------------------------

    def show_blocks(self, blocks: Iterable[Block]) -> None:
        """Show other blocks, from the top, with no item chosen and every claim folded."""
        self._blocks = list(flatten(blocks))
        self._open.clear()
        self.cursor = self._hover = None
        self._forget()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh_bindings()

    def lines(self) -> list[str]:
        """The page as plain text, one string a line, at the current width."""
        return [row.text.plain.rstrip() for row in self._lay_out().rows]

    def find(self, words: Sequence[str]) -> bool:
        """Scroll to the first line holding the most of `words`, a third down the screen,
        and highlight them there until the next key, cursor move or page."""
        laid = self._lay_out()
        found = best_line([row.text.plain for row in laid.rows], words)
        self._mark({} if found is None else {found[0]: found[1]})
        if found is not None:
            top = max(0, found[0] - self.scrollable_content_region.height // 3)
            self.scroll_to(0, top, animate=False, immediate=True)
        return found is not None

    def _mark(self, marks: dict[int, list[Span]]) -> None:
        if not marks and not self._marks:
            return  # every key clears the marks: most keys find none to clear
        changed = self._marks.keys() | marks.keys()
        self._marks = marks
        for key in [key for key in self._strips if key[0] in changed]:
            del self._strips[key]  # drawn with the old marks, or without the new ones
        if changed:
            self.refresh()

    def on_key(self, _event: KeyPress) -> None:
        self._mark({})

    @property
    def chosen(self) -> Block | None:
        """The block holding the item under the cursor, if any."""
        return None if self.cursor is None else self._blocks[self.cursor[0]]

    def claims(self) -> list[Claim]:
        """The page's claims, in order: a claim's position names it to other readers."""
        return [block for block in self._blocks if isinstance(block, Claim)]

    def claim_in_view(self) -> Claim | None:
        """The claim under the cursor, or else the first claim on screen."""
        if isinstance(self.chosen, Claim):
            return self.chosen
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        for index, (first, last) in self._lay_out().extents.items():
            block = self._blocks[index]
            if isinstance(block, Claim) and last >= top and first < top + height:
                return block
        return None

    @property
    def target(self) -> str | None:
        """Where enter goes from the item under the cursor (None for a claim or no item)."""
        laid = self._lay_out()
        if self.cursor is None or self.cursor not in laid.spans:
            return None
        return laid.rows[laid.spans[self.cursor][0]].target

    # -- Painter, for the blocks ----------------------------------------------------

    def style(self, name: str) -> Style:
        if name not in self._palette:
            self._palette[name] = self._resolve(name)
        return self._palette[name]

    def _resolve(self, name: str) -> Style:
        """A component's colours blended over the page, as they will show.

        Rich styles have no alpha: a partial style would show `$text-muted`
        as plain foreground. The page's own background is left out, so a
        style inside a tinted block keeps the block's tint.
        """
        component = f"{self.STYLE_PREFIX}--{name}"
        style = self.get_visual_style(component).rich_style
        if self.get_component_styles(component).has_rule("background"):
            return style
        return Style(
            color=style.color,
            bold=style.bold,
            italic=style.italic,
            underline=style.underline,
            strike=style.strike,
            reverse=style.reverse,
        )

    def wrap(self, text: Text, width: int) -> list[Text]:
        return list(text.wrap(self.app.console, width, overflow="fold"))

    # -- layout ------------------------------------------------------------------

    def _forget(self) -> None:
        self._laid = None
        self._strips.clear()
        self.refresh()

    def _lay_out(self) -> Laid:
        if self._restyled:
            self._check_palette()
        width = self.scrollable_content_region.width
        if self._laid is not None and self._laid.width == width:
            return self._laid
        if width <= 0:  # not laid out yet, or hidden: keep the lines for when the page comes back
            return self._laid or EMPTY
        self._laid = lay_out(self.draw_blocks(min(width, MAX_WIDTH)), width)
        self._strips.clear()
        self._marks = {}  # rows of another width
        self.set_page_size(Size(width, len(self._laid.rows)))
        return self._laid

    def draw_blocks(self, width: int) -> Iterator[Drawn]:
        """Every block's rows at `width`: drawn once per process for a palette, width and fold.

        Blocks are values, so the same paragraph on another page, or in another
        session forked from a fork server that drew it, is not wrapped again.
        """
        drawn = self._drawn
        for index, block in enumerate(self._blocks):
            opened = index in self._open
            key = (block, width, opened, id(self._palette))
            rows = drawn.get(key)
            if rows is None:
                rows = draw(block, self, width, open=opened)
                if len(drawn) >= MAX_DRAWN:
                    drawn.clear()
                drawn[key] = rows
            yield rows

    def on_resize(self, _event: Resize) -> None:
        self._lay_out()

    def draw_ahead(self) -> None:
        """Wrap the page at the present width, and draw its first screenful, ahead of its first paint."""
        laid = self._lay_out()
        for index in range(min(len(laid.rows), self.scrollable_content_region.height)):
            self._strip(laid, index, self._state(laid.keys[index]))

    def focus_changed(self, has_focus: bool) -> None:
        # The cursor is the only sign of focus here: only its lines are drawn again.
        self._refresh_item(self.cursor)

    def _refresh_item(self, key: Key | None) -> None:
        laid = self._laid
        if key is None or laid is None or key not in laid.spans:
            return
        first, last = laid.spans[key]
        top = first - self.scroll_offset.y
        self.refresh(Region(0, top, self.size.width, last - first + 1))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyled = True

    def _check_palette(self) -> None:
        """Focus restyles the widget too; only a new theme changes the page's colours.

        Every page of a kind shares one palette per theme and background, filled
        as styles are asked for: building a section's pages resolves nothing anew.
        """
        self._restyled = False
        key = (type(self), self.app.theme, self.app.no_color, self.rich_style.bgcolor)
        palette = self._palettes.setdefault(key, {})
        if palette is not self._palette:
            self._palette = palette
            self._laid = None
            self._strips.clear()

    # -- drawing -----------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # Looked up once a pass, not once a line: Textual computes rich_style
        # afresh on each call, walking the ancestors.
        self._base = self.rich_style
        self._pass = self._lay_out()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        laid = self._pass
        index = scroll_y + y
        if index >= len(laid.rows):
            return Strip.blank(laid.width, self._base)
        strip = self._strip(laid, index, self._state(laid.keys[index]))
        return strip.crop_extend(scroll_x, scroll_x + laid.width, None).apply_style(self._base)

    def _state(self, key: Key | None) -> str:
        """How an item's lines are drawn: a style name, or "" for plain."""
        if key is not None and key == self.cursor and self.has_focus:
            return "cursor"
        if key is not None and key == self._hover:
            return "hover"
        return ""

    def _strip(self, laid: Laid, index: int, state: str) -> Strip:
        row = laid.rows[index]
        found = self._strips.get((index, state))
        if found is not None:
            return found
        text = row.text
        if index in self._marks:
            text = marked(text, self._marks[index], self.style("match"))
        segments = list(text.render(self.app.console))
        if text.style and not text.spans:  # rich applies a text's own style only along with its spans
            segments = list(Segment.apply_style(segments, self.app.console.get_style(text.style)))
        strip = Strip(segments, text.cell_len)
        # A chosen link stands out as its text; a chosen claim is tinted across its block.
        if state and row.target is not None:
            lead, link = strip.crop(0, row.lead), strip.crop(row.lead)
            link = Strip(Segment.apply_style(link, post_style=self.style(state)), link.cell_length)
            strip = Strip.join([lead, link])
        if row.fill:
            strip = strip.extend_cell_length(min(laid.width, MAX_WIDTH)).apply_style(self.style(row.fill))
        if state and row.target is None:
            block = "cursor-block" if state == "cursor" else state
            strip = Strip(Segment.apply_style(strip, post_style=self.style(block)), strip.cell_length)
        self._strips[(index, state)] = strip
        return strip

    # -- the cursor ------------------------------------------------------------------

    def _move(self, key: Key | None, *, whole_block: bool = False) -> None:
        self.cursor = key
        self._mark({})
        self._lay_out()
        # After the refresh: an unfolded claim makes the page longer than it was.
        self.call_after_refresh(self._scroll_to_cursor, whole_block)
        self.refresh()
        self.refresh_bindings()

    def _scroll_to_cursor(self, whole_block: bool) -> None:
        laid = self._lay_out()
        if self.cursor not in laid.spans:
            return
        first, last = laid.spans[self.cursor]
        if whole_block:
            last = laid.extents[self.cursor[0]][1]
            last = min(last, first + self.scrollable_content_region.height - 1)
        self.scroll_to_region(Region(0, first, laid.width, last - first + 1), animate=False, force=True)

    def action_next_item(self) -> None:
        spans = self._lay_out().spans
        order = list(spans)
        if self.cursor in order:
            after = order.index(self.cursor) + 1
        else:  # nothing chosen yet: start from the top of what is on screen
            top = self.scroll_offset.y
            after = next((n for n, key in enumerate(order) if spans[key][0] >= top), len(order))
        if after < len(order):
            self._move(order[after])
        else:
            self._move(None)
            self.screen.focus_next()

    def action_previous_item(self) -> None:
        order = list(self._lay_out().spans)
        if self.cursor in order:
            before = order.index(self.cursor) - 1
            self._move(order[before] if before >= 0 else None)
        else:
            self.screen.focus_previous()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            return self.cursor is not None
        if action == "unfold_all":
            return bool(self.claims())  # offered only on a page with claims
        return True

    def action_unfold_all(self) -> None:
        """u: every claim's context shown, or, if all are, every claim folded again."""
        claims = {index for index, block in enumerate(self._blocks) if isinstance(block, Claim)}
        self._open = set() if claims <= self._open else claims
        self._forget()
        if self.cursor is not None:
            self.call_after_refresh(self._scroll_to_cursor, False)

    def action_choose(self) -> None:
        key = self.cursor
        target = self.target
        if key is None:
            return
        if target is not None:
            self.post_message(Navigate(self, target))
            return
        if isinstance(self._blocks[key[0]], Claim):
            self._open ^= {key[0]}
            self._forget()
            self._move(key, whole_block=True)

    # -- the mouse --------------------------------------------------------------------

    def _entry_under(self, event: Click | MouseMove) -> Key | None:
        # Not _key_<name>: Textual calls methods of that form for the key <name> ("@" is "at").
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        laid = self._lay_out()
        index = self.scroll_offset.y + offset.y
        return laid.keys[index] if 0 <= index < len(laid.keys) else None

    def on_click(self, event: Click) -> None:
        key = self._entry_under(event)
        if key is not None:
            event.stop()
            self.focus()
            self._move(key)
            self.action_choose()

    def on_mouse_move(self, event: MouseMove) -> None:
        key = self._entry_under(event)
        if key != self._hover:
            self._hover = key
            self.refresh()

    def on_leave(self, _event: Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()
