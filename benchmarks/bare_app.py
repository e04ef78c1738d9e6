"""The baselines: bare Textual apps with a Header, one Static and a Footer.

`FloorApp` (run with --floor) is the floor the launch target names: those three
widgets on the default screen, no modes. `BareApp` has one such screen per key
1-9 (made on first visit, as the explainer makes its section views), so
key-to-paint has a baseline too; switching modes on mount makes its launch a
little slower than the floor.
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


class FloorApp(App[None]):
    BINDINGS = [Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"{READY}: floor")
        yield Footer()


if __name__ == "__main__":
    import sys

    (FloorApp() if "--floor" in sys.argv else BareApp()).run()
