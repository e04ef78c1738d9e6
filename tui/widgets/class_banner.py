"""One line on top of the screen in a class: who you are in it, and whether you follow."""

from __future__ import annotations

from textual.widgets import Static


class ClassBanner(Static):
    DEFAULT_CSS = """
    ClassBanner {
        dock: top;
        height: 1;
        padding: 0 1;
        background: $accent 30%;
        color: $text;
        text-style: bold;
        display: none;
    }
    ClassBanner.-shown { display: block; }
    ClassBanner.-offline { background: $error 30%; }
    """

    def __init__(self) -> None:
        super().__init__("", markup=False)

    def on_mount(self) -> None:
        say = getattr(self.app, "class_banner", None)  # the app's words for it, if in a class
        if callable(say):
            self.say(*say())

    def say(self, text: str, offline: bool = False) -> None:
        self.update(text)
        self.set_class(bool(text), "-shown")
        self.set_class(offline, "-offline")
