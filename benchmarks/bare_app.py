"""The baseline: a bare Textual app, a Header, one Static and a Footer per screen.

Keys 1-9 switch between such screens (made on first visit, as the explainer
makes its section screens), so key-to-paint has a baseline too.
"""

from __future__ import annotations

from functools import partial

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

READY = "Bare Textual app ready"


class BareScreen(Screen[None]):
    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"{READY}: screen {self.number}")
        yield Footer()


class BareApp(App[None]):
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        *(Binding(str(n), f"show({n})", "Show", show=False) for n in range(1, 10)),
    ]

    def on_mount(self) -> None:
        for number in range(1, 10):
            self.add_mode(str(number), partial(BareScreen, number))
        self.switch_mode("1")

    def action_show(self, number: int) -> None:
        self.switch_mode(str(number))


if __name__ == "__main__":
    BareApp().run()
