"""A focusable reference to another place in the explainer."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.widgets import Static

from ..messages import Navigate
from ..textual_internals import bind


class PlaceLink(Static, can_focus=True):
    """Shows a name; enter or a click asks the app to go to `target` (a Navigate message)."""

    def __init__(self, label: str | Text, target: str, *, open_label: str, classes: str = "") -> None:
        # markup=False: content text is shown as written, never interpreted.
        super().__init__(label, markup=False, classes=f"link {classes}".strip())
        self.target = target
        # Described in the content's words, so the key bar reads in its language.
        bind(self, Binding("enter", "choose", open_label))

    def action_choose(self) -> None:
        self.post_message(Navigate(self, self.target))

    def on_click(self, event: Click) -> None:
        event.stop()
        self.action_choose()
