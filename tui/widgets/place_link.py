"""A focusable reference to another place in the explainer."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.widgets import Static

from ..messages import Navigate


class PlaceLink(Static, can_focus=True):
    """Shows a name; enter or a click asks the app to go to `target` (a Navigate message)."""

    BINDINGS = [Binding("enter", "choose", "open")]
    """Described by the content's `keys.open` (see tui/keys.py)."""

    def __init__(self, label: str | Text, target: str, *, classes: str = "") -> None:
        # markup=False: content text is shown as written, never interpreted.
        super().__init__(label, markup=False, classes=f"link {classes}".strip())
        self.target = target

    def action_choose(self) -> None:
        self.post_message(Navigate(self, self.target))

    def on_click(self, event: Click) -> None:
        event.stop()
        self.action_choose()
