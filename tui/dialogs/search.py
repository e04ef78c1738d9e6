"""Search every section as you type; enter on a result goes there."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..doc.search import Hit, SearchIndex
from ..model import Content
from ..render.find import marked


@dataclass(frozen=True)
class Found:
    """A chosen result: where it is, and the words to show there."""

    section: str
    item: str | None
    words: tuple[str, ...]


class SearchScreen(ModalScreen[Found | None]):
    DEFAULT_CSS = """
    SearchScreen > .search--match { color: $text-warning; text-style: bold underline not dim; }
    """
    COMPONENT_CLASSES = {"search--match"}
    BINDINGS = [
        Binding("escape", "dismiss(None)", show=False),
        Binding("down", "to_results", show=False),
    ]

    def __init__(self, content: Content, index: SearchIndex, query: str = "") -> None:
        super().__init__()
        self.content = content
        self.index = index
        self.query_text = query
        self._hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        ui = self.content.ui
        with Vertical(classes="dialog search"):
            yield Static(ui.search_title, markup=False, classes="heading h2")
            yield Input(self.query_text, placeholder=ui.search_placeholder, id="query")
            yield Static(ui.search_empty, markup=False, id="search-status", classes="dim")
            yield OptionList(id="results")

    def on_mount(self) -> None:
        self._update(self.query_text)

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self._update(event.value)

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        if self._hits:
            self._go(self._hits[0])

    @on(OptionList.OptionSelected, "#results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._go(self._hits[event.option_index])

    def action_to_results(self) -> None:
        results = self.query_one("#results", OptionList)
        if self._hits:
            results.focus()
            results.highlighted = 0

    def _go(self, hit: Hit) -> None:
        self.dismiss(Found(hit.section, hit.item, tuple(self.query_text.split())))

    def _update(self, query: str) -> None:
        self.query_text = query  # the app reopens search with it
        ui = self.content.ui
        self._hits = self.index.search(query)
        status = self.query_one("#search-status", Static)
        if not query.strip():
            status.update(ui.search_empty)
        elif not self._hits:
            status.update(ui.search_none.format(query=query.strip()))
        else:
            status.update("")
        status.display = not self._hits
        results = self.query_one("#results", OptionList)
        results.set_options(self._option(hit) for hit in self._hits)
        results.display = bool(self._hits)

    def _option(self, hit: Hit) -> Option:
        section = self.content.section(hit.section).ref.tab or hit.section
        match = self.get_component_rich_style("search--match")
        text = marked(Text(hit.title, "bold"), hit.title_marks, match)
        text.append(f"  · {section}", "italic")
        if hit.snippet:  # a place with nothing but its title shows the title alone
            text.append("\n")
            text.append_text(marked(Text(hit.snippet, "dim"), hit.marks, match))
        return Option(text)
