"""Master-detail screens: a list of entries beside the chosen entry's page.

Profiles, timeline, glossary and sources differ only in how one entry is
labelled in the list and laid out on its page; subclasses supply those two.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from rich.text import Text
from textual.widget import Widget

from ..model.schema import Entry
from ..widgets.blocks import Block, Para
from ..widgets.document import Document
from ..widgets.entry_list import EntryList
from . import parts
from .base import SectionView

ABOUT = "__about__"
"""Option id of the first list item: the section's own introduction."""


class EntriesView(SectionView):
    """A list of the section's entries; the highlighted one fills the page."""

    _shown: str | None = None

    def label(self, entry: Entry) -> str | Text:
        raise NotImplementedError

    def detail(self, entry: Entry) -> Iterable[Block]:
        raise NotImplementedError

    def extra_pages(self) -> dict[str, tuple[str, Callable[[], Iterable[Block]]]]:
        """Pages listed after the entries: item id -> (label, blocks)."""
        return {}

    def compose_body(self) -> Iterator[Widget]:
        options: list[tuple[str | Text, str]] = [(self.content.ui.about, ABOUT)]
        options += [(self.label(entry), entry.id) for entry in self.section.entries]
        self._extra = self.extra_pages()
        options += [(label, item) for item, (label, _) in self._extra.items()]
        # Held, not queried: views are built in the background and may be torn
        # down (at exit, or on a language switch) before they finish mounting.
        self._list = EntryList(options, id="entries")
        self._page = Document(id="detail", open_label=self.content.ui.keys.open)
        # Side by side in the view itself (see the stylesheet): every container
        # is drawn again on each section switch.
        yield self._list
        yield self._page

    def prepare(self) -> None:
        self._list.highlight(ABOUT)
        self._render_detail(ABOUT)

    @property
    def current_item(self) -> str | None:
        return None if self._shown in (None, ABOUT) else self._shown

    def show_item(self, item: str | None) -> None:
        self._list.highlight(item or ABOUT)
        self._render_detail(item or ABOUT)
        self._list.focus()

    def on_entry_list_highlighted(self, message: EntryList.Highlighted) -> None:
        self._render_detail(message.item)

    def on_entry_list_selected(self, message: EntryList.Selected) -> None:
        """Enter or a click opens the entry: its page takes the focus."""
        self._render_detail(message.item)
        self._page.focus()

    def _render_detail(self, item: str) -> None:
        if item == self._shown:
            return
        self._shown = item
        if item == ABOUT:
            self._page.show_blocks(self._about())
        elif item in self._extra:
            self._page.show_blocks(self._extra[item][1]())
        else:
            self._page.show_blocks(self.detail(self.content.entries[item][1]))

    def _about(self) -> Iterator[Block]:
        body = self.section.body
        if body.intro:
            yield Para(text=body.intro)
        yield from parts.claims(self.content, body.claims)
        yield from parts.questions(self.content, body.questions)
