"""Master-detail screens: a list of entries beside the chosen entry's page.

Profiles, timeline, glossary and sources differ only in how one entry is
labelled in the list and laid out on its page; subclasses supply those two.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.text import Text
from textual import on
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

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

    def compose_body(self) -> Iterator[Widget]:
        options = [Option(self.content.ui.about, id=ABOUT)]
        options += [Option(self.label(entry), id=entry.id) for entry in self.section.entries]
        # Held, not queried: views are built in the background and may be torn
        # down (at exit, or on a language switch) before they finish mounting.
        self._list = EntryList(*options, id="entries")
        self._page = Document(id="detail", open_label=self.content.ui.keys.open)
        # Side by side in the view itself (see the stylesheet): every container
        # is drawn again on each section switch.
        yield self._list
        yield self._page

    def prepare(self) -> None:
        self._list.highlighted = 0
        self._render_detail(ABOUT)

    @property
    def current_item(self) -> str | None:
        return None if self._shown in (None, ABOUT) else self._shown

    def show_item(self, item: str | None) -> None:
        entries = self._list
        entries.highlighted = entries.get_option_index(item or ABOUT)
        self._render_detail(item or ABOUT)
        entries.focus()

    @on(OptionList.OptionHighlighted, "#entries")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self._render_detail(event.option.id)

    @on(OptionList.OptionSelected, "#entries")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click opens the entry: its page takes the focus."""
        if event.option.id is not None:
            self._render_detail(event.option.id)
            self._page.focus()

    def _render_detail(self, item: str) -> None:
        if item == self._shown:
            return
        self._shown = item
        self._page.show(self._about() if item == ABOUT else self.detail(self.content.entries[item][1]))

    def _about(self) -> Iterator[Block]:
        body = self.section.body
        if body.intro:
            yield Para(text=body.intro)
        yield from parts.claims(self.content, body.claims)
        yield from parts.questions(self.content, body.questions)
