"""Asked when q would lose something the reader did: a quiz half answered."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ..model.schema import QuizWords


class LeaveScreen(ModalScreen[bool]):
    """True to quit. y (s in Spanish), enter or a second q quit; n, esc or a click stay."""

    BINDINGS = [
        Binding("y,s,enter,q", "answer(True)", show=False),
        Binding("n,escape", "answer(False)", show=False),
    ]

    def __init__(self, words: QuizWords) -> None:
        super().__init__()
        self.words = words

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.words.leave, markup=False, classes="para")
            yield Static(self.words.leave_keys, markup=False, classes="para dim")

    def action_answer(self, leave: bool) -> None:
        self.dismiss(leave)

    def on_click(self) -> None:
        self.dismiss(False)
