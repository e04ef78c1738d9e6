"""The teacher's view of the class: who is connected, where each is, and the results so far."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from ..classroom.protocol import Reader, Roster, Spot, Tally
from ..model import Content
from ..model.schema import VERDICTS
from .asked import quiz_question


def who(reader: Reader, content: Content) -> str:
    return reader.name or content.ui.classroom.reader.format(n=reader.label)


def where(spot: Spot | None, content: Content) -> str:
    if spot is None:
        return ""
    try:
        section = content.section(spot.section).ref.title
    except KeyError:
        return spot.section
    if spot.item is None:
        return section
    return f"{section}: {content.name_of(spot.item)}"


class ClassPanel(ModalScreen[None]):
    BINDINGS = [Binding("escape,c", "dismiss", show=False)]

    def __init__(self, content: Content, code: str, roster: Roster | None) -> None:
        super().__init__()
        self.content = content
        self.code = code
        self.roster = roster

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog class-panel"):
            yield Static("", markup=False, id="panel-title", classes="heading h3")
            table: DataTable[str | Text] = DataTable(
                id="panel-readers", cursor_type="row", zebra_stripes=True
            )
            table.add_columns(*self.content.ui.classroom.columns)
            yield table
            with VerticalScroll(id="panel-results"):
                yield Static("", id="panel-results-text")

    def on_mount(self) -> None:
        self.show(self.roster)

    def show(self, roster: Roster | None) -> None:
        """Draw `roster` (called again on each change while the panel is open)."""
        self.roster = roster
        words = self.content.ui.classroom
        readers = [] if roster is None else [r for r in roster.readers if not r.teacher]
        title = words.panel.format(code=self.code, n=len(readers))
        if roster is not None and not roster.online:
            title = f"{title} · {words.offline}"
        self.query_one("#panel-title", Static).update(title)
        table = self.query_one("#panel-readers", DataTable)
        table.clear()
        for reader in readers:
            quiz = words.quiz_progress.format(
                answered=reader.answered, total=reader.total, right=reader.right
            )
            table.add_row(who(reader, self.content), where(reader.spot, self.content),
                          quiz if reader.total else "", "✓" if reader.following else "")  # fmt: skip
        results = Text()
        if not readers:
            results.append(words.nobody.format(code=self.code) + "\n\n")
        results.append(words.results + "\n", style="bold")
        tallies = [] if roster is None else roster.results
        if not tallies:
            results.append(words.no_results, style="dim")
        for tally in tallies:
            results.append(self._result(tally) + "\n")
        self.query_one("#panel-results-text", Static).update(results)

    def _result(self, tally: Tally) -> str:
        words = self.content.ui.classroom
        total = sum(tally.counts)
        if tally.kind == "quiz":
            asked = quiz_question(self.content, tally.number)
            right = tally.counts[asked.right] if asked is not None and asked.right is not None else 0
            return words.result.format(n=tally.number + 1, right=right, total=total)
        spot = tally.spot
        place = "" if spot is None else where(spot, self.content)
        counts = " · ".join(
            f"{self.content.ui.verdicts[v]} {n}" for v, n in zip(VERDICTS, tally.counts, strict=False)
        )
        return f"{words.poll} ({place}): {counts}"
