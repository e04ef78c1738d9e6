"""The speaker's notes of a slide, the next slide's title, the time presenting and the clock.

Shown by `bolivia-explainer notes` beside the slides on one machine, and by a
teacher's second session in a class (N), which follows the session presenting.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ..doc.slides import Slide
from ..model.schema import PresentWords


class NotesView(Vertical):
    DEFAULT_CSS = """
    NotesView { padding: 1 2; }
    NotesView #notes-head { text-style: bold; color: $text-primary; }
    NotesView #notes-clock { dock: top; text-align: right; color: $text-muted; }
    NotesView #notes-body { height: 1fr; margin: 1 0; }
    NotesView #notes-text { text-style: bold; }
    NotesView #notes-next { color: $text-accent; }
    NotesView #notes-foot { dock: bottom; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", markup=False, id="notes-clock")
        yield Static("", markup=False, id="notes-head")
        with VerticalScroll(id="notes-body"):
            yield Static("", markup=False, id="notes-text")
        yield Static("", markup=False, id="notes-next")
        yield Static("", markup=False, id="notes-foot")

    def show(
        self,
        words: PresentWords,
        slides: list[Slide] | None,
        index: int | None,
        parts: tuple[int, int] = (0, 1),
    ) -> None:
        """Slide `index` of `slides` (None: waiting for the slides), on its part `parts[0]` of `parts[1]`."""
        head, text, following = "", words.notes_waiting, ""
        if slides and index is not None and 0 <= index < len(slides):
            slide = slides[index]
            head = words.counter.format(n=index + 1, total=len(slides))
            part, total = parts
            if total > 1:
                head += " · " + words.part.format(n=part + 1, total=total)
            head += f" · {slide.title}"
            text = slide.notes or words.notes_none
            following = (
                f"{words.notes_next} {slides[index + 1].title}"
                if index + 1 < len(slides)
                else words.notes_last
            )
        self.say(head, text, following)

    def say(self, head: str, text: str, following: str = "") -> None:
        self.query_one("#notes-head", Static).update(head)
        self.query_one("#notes-text", Static).update(text)
        self.query_one("#notes-next", Static).update(following)

    def tick(self, words: PresentWords, now: float, started: float | None) -> None:
        """The clock, and how long the presenting has lasted (None: it has not started)."""
        self.query_one("#notes-clock", Static).update(
            Text(time.strftime("%H:%M", time.localtime(now)), style="bold")
        )
        foot = ""
        if started is not None:
            minutes, seconds = divmod(max(int(now - started), 0), 60)
            foot = words.notes_elapsed.format(time=f"{minutes}:{seconds:02d}")
        self.query_one("#notes-foot", Static).update(foot)
