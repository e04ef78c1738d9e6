"""List and detail: a section's entries listed beside the chosen entry's page.

Profiles, timeline, glossary and sources differ only in how an entry is
labelled in the list (here) and what its page holds (the builder's).

On a narrow screen (MainScreen's `narrow` class) the list and the page take
turns in one column: the page shows while it has the focus, and escape goes
back to the list.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import assert_never

from rich.text import Text
from textual.binding import Binding
from textual.events import DescendantFocus
from textual.widget import Widget

from ..doc.build import corrections_page, entry_page, section_page
from ..doc.words import corrections_name
from ..model import schema
from ..model.content import CORRECTIONS
from ..widgets.document import Document
from ..widgets.entry_list import EntryList
from .base import SectionView

ABOUT = "__about__"
"""Option id of the first list item: the section's own introduction."""


class EntriesView(SectionView):
    """A list of the section's entries; the highlighted one fills the page."""

    BINDINGS = [Binding("escape,backspace", "to_list", "back", key_display="esc")]

    _shown: str | None = None

    def extra_pages(self) -> dict[str, str]:
        """Pages listed after the entries, item id -> label: the corrections log where it is kept."""
        log = corrections_name(self.content)
        here = self.content.place_of(CORRECTIONS) == (self.section.id, CORRECTIONS)
        return {CORRECTIONS: log} if log and here else {}

    def compose_body(self) -> Iterator[Widget]:
        options: list[tuple[str | Text, str]] = [(self.content.ui.about, ABOUT)]
        options += [(label(entry), entry.id) for entry in self.section.entries]
        options += [(name, item) for item, name in self.extra_pages().items()]
        # Held, not queried: views are built in the background and may be torn
        # down (at exit, or on a language switch) before they finish mounting.
        self._list = EntryList(options, id="entries")
        self._page = Document(id="detail")
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
        if item is not None and self.screen.has_class("narrow"):
            self._read()  # a link to an entry: on one column, its page is what was asked for
        else:
            self._list.focus()

    def show_match(self, words: Sequence[str]) -> bool:
        if self.has_class("reading") or not self.screen.has_class("narrow"):
            return super().show_match(words)
        # One column, the list shown: the match is in the page, which has no width until shown.
        self._read()
        self.call_after_refresh(super().show_match, words)
        return True

    def _read(self) -> None:
        self.add_class("reading")  # before the focus: a page out of the layout takes none
        self._page.focus()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        self.set_class(event.widget is self._page, "reading")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "to_list":  # otherwise escape goes back in history, as everywhere
            return self.has_class("reading") and self.screen.has_class("narrow")
        return True

    def action_to_list(self) -> None:
        self.remove_class("reading")
        self._list.focus()

    def on_entry_list_highlighted(self, message: EntryList.Highlighted) -> None:
        self._render_detail(message.item)

    def on_entry_list_selected(self, message: EntryList.Selected) -> None:
        """Enter or a click opens the entry: its page takes the focus."""
        self._render_detail(message.item)
        self._read()

    def _render_detail(self, item: str) -> None:
        if item == self._shown:
            return
        self._shown = item
        if item == ABOUT:
            self._page.show_blocks(section_page(self.content, self.section))
        elif item == CORRECTIONS:
            self._page.show_blocks(corrections_page(self.content))
        else:
            self._page.show_blocks([entry_page(self.content, self.content.entries[item][1])])


def label(entry: schema.Entry) -> str | Text:
    """An entry's line in the list; an event's date in a column of its own."""
    match entry:
        case schema.Event():
            return Text.assemble((f"{entry.date:<10} ", "bold"), entry.title)
        case schema.Profile():
            return entry.name
        case schema.Term():
            return entry.term
        case schema.Source():
            return entry.title
        case _:
            assert_never(entry)
