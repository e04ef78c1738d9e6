"""The app's own messages, in one place: what widgets ask of the app."""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget


class Navigate(Message):
    """Go to `target`, a section or entry id: a link, a tab or a page's reference was chosen."""

    def __init__(self, sender: Widget, target: str) -> None:
        super().__init__()
        self.sender = sender
        self.target = target

    @property
    def control(self) -> Widget:
        """The widget whose link was chosen."""
        return self.sender
