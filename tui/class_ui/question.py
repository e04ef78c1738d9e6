"""A question put to the whole class, over whatever the reader was reading.

A student answers with the option's letter and may change it until the
teacher reveals; then the right option, their own and the class's tally. The
teacher sees the tally grow as answers arrive, reveals it with r, and puts
the question away with escape (for everyone).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..model.schema import ClassWords
from ..sections.quiz import LETTERS
from .asked import Asked, draw_option


class Option(Static):
    """One option of the question; a click chooses it."""

    def __init__(self, index: int) -> None:
        super().__init__("", classes="question-option")
        self.index = index

    def on_click(self) -> None:
        screen = self.screen
        if isinstance(screen, QuestionScreen):
            screen.action_choose(self.index)


class QuestionScreen(ModalScreen[None]):
    """Opaque (see app.tcss): on a projector the page behind would show a claim's verdict."""

    BINDINGS = [
        *(Binding(letter, f"choose({n})", show=False) for n, letter in enumerate(LETTERS)),
        Binding("r", "reveal", show=False),
        Binding("escape", "close", show=False),
    ]

    def __init__(
        self,
        asked: Asked,
        words: ClassWords,
        *,
        teacher: bool,
        send: Callable[[int | str], None],
        students: int = 0,
    ) -> None:
        """`send` gets an option chosen (a student), or "reveal" or "close" (the teacher);
        `students`: how many may answer, for the teacher's tally."""
        super().__init__(classes="class-question")
        self.asked = asked
        self.words = words
        self.teacher = teacher
        self._send = send
        self.counts: list[int] | None = [0] * len(asked.options) if teacher else None
        self.chosen: int | None = None
        self.revealed = False
        self.answered = 0
        self.students = students
        self._ready = False
        """Composed: what the server said before this is painted by on_mount."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.asked.title, markup=False, classes="heading h3")
            with VerticalScroll(classes="question-body"):
                yield Static(self.asked.body, markup=False, classes="quiz-question")
                # One widget an option, so a click (or a tap in a browser) chooses it.
                self._options = [Option(n) for n in range(len(self.asked.options))]
                yield from self._options
                yield Static("", markup=False, id="question-tally", classes="dim")
                yield Static("", markup=False, id="question-after", classes="para")
            yield Static("", markup=False, id="question-keys", classes="dim")

    def on_mount(self) -> None:
        self._ready = True
        self._paint()

    def _paint(self) -> None:
        if not self._ready:
            return  # what the server said before the screen was up: on_mount paints it
        for option in self._options:
            option.update(draw_option(self.asked, option.index, self.counts, self.chosen, self.revealed))
        tally = self.query_one("#question-tally", Static)
        tally.update(self.words.tally.format(answered=self.answered, total=self.students))
        tally.display = self.teacher and not self.revealed
        after = self.query_one("#question-after", Static)
        after.update(self.asked.after if self.revealed else "")
        after.display = self.revealed and bool(self.asked.after)
        self.query_one("#question-keys", Static).update(self._keys())

    def _keys(self) -> str:
        if self.teacher:
            return self.words.closed_keys if self.revealed else self.words.tally_keys
        if self.revealed:
            return self.words.closed_keys
        if self.chosen is None:
            return self.words.answer_keys
        return self.words.answered.format(letter=LETTERS[self.chosen])

    # -- what the server says ------------------------------------------------------

    def tally(self, counts: list[int], students: int) -> None:
        """The teacher's live tally."""
        self.counts, self.answered, self.students = counts, sum(counts), students
        self._paint()

    def reveal(self, counts: list[int], chosen: int | None = None) -> None:
        self.counts, self.revealed = counts, True
        if not self.teacher:
            self.chosen = chosen
        self._paint()
        if self._ready:
            self.query_one(VerticalScroll).scroll_end(animate=False)

    # -- keys ---------------------------------------------------------------------------

    def action_choose(self, option: int) -> None:
        if self.teacher or self.revealed or option >= len(self.asked.options):
            return
        self.chosen = option
        self._send(option)
        self._paint()

    def action_reveal(self) -> None:
        if self.teacher and not self.revealed:
            self._send("reveal")

    def action_close(self) -> None:
        if self.teacher:
            self._send("close")
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            return (
                not self.teacher
                and isinstance(parameters[0], int)
                and parameters[0] < len(self.asked.options)
            )
        return True
