"""A student's name for the class: asked only when they press n, never required."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

MAX_NAME = 24  # as the protocol allows


class NameScreen(ModalScreen[str | None]):
    """The name typed (empty: anonymous again), or None if escape was pressed."""

    BINDINGS = [Binding("escape", "dismiss(None)", show=False)]

    def __init__(self, prompt: str, name: str) -> None:
        super().__init__()
        self.prompt = prompt
        self.name_now = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.prompt, markup=False, classes="para")
            yield Input(self.name_now, max_length=MAX_NAME, id="class-name")

    @on(Input.Submitted)
    def _named(self, event: Input.Submitted) -> None:
        self.dismiss("".join(c for c in event.value if c.isprintable()).strip())
