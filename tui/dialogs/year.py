"""y on the timeline: type a year, and the timeline goes to its first event.

The fourth digit jumps at once (every year on the timeline has four); enter
jumps with fewer, escape cancels. A year before the first event is refused
in words, in the dialog; one after the last goes to the last (the view's
choice, see tui/render/axis.py `jump_index`).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..model.ui_words import UI

DIGITS = 4


class YearScreen(ModalScreen[int | None]):
    """Dismissed with the year typed, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", show=False)]

    def __init__(self, ui: UI, first: int, last: int, example: int, typed: str = "") -> None:
        """`first` and `last`: the years of the first and the last event; `example`, one to suggest."""
        super().__init__()
        self.ui = ui
        self.first, self.last, self.example = first, last, example
        self._early = typed
        """Digits typed before the dialog was up (y and a year in one go)."""

    def compose(self) -> ComposeResult:
        ui = self.ui
        with Vertical(classes="dialog year"):
            yield Static(ui.year_title, markup=False, classes="heading h2")
            yield Static(ui.year_prompt.format(first=self.first, last=self.last), markup=False)
            yield Input(restrict=r"[0-9]*", max_length=DIGITS, id="year", placeholder=str(self.example))
            yield Static("", markup=False, id="year-error", classes="dim")

    def type(self, digits: str) -> None:
        """Digits typed while the dialog was coming up: they count as typed here."""
        self.query_one("#year", Input).insert_text_at_cursor(digits)

    def on_mount(self) -> None:
        if self._early:
            self.type(self._early)

    @on(Input.Changed, "#year")
    def _typed(self, event: Input.Changed) -> None:
        if len(event.value) == DIGITS:
            self._try(event.value)

    @on(Input.Submitted, "#year")
    def _entered(self, event: Input.Submitted) -> None:
        self._try(event.value)

    def _try(self, typed: str) -> None:
        error = self.query_one("#year-error", Static)
        if not typed:
            error.update(self.ui.year_empty.format(example=self.example))
        elif int(typed) < self.first:
            error.update(self.ui.year_early.format(year=int(typed), first=self.first))
            self.query_one("#year", Input).clear()  # the message names the year: type the next at once
        else:
            self.dismiss(int(typed))
