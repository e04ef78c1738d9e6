"""A teacher's second session as the speaker's notes (N): it follows the session presenting.

Over SSH a teacher cannot run `bolivia-explainer notes`; a second session
with the same key and class code shows the notes instead, following the
slide of the teacher's other session as the class roster reports it.
"""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from ..classroom.protocol import Roster
from ..doc.slides import build_slides
from ..model import Content
from ..widgets.notes_view import NotesView


class ClassNotesScreen(Screen[None]):
    BINDINGS = [Binding("escape,N", "dismiss", show=False)]

    def __init__(self, content: Content, own_label: int, roster: Roster | None) -> None:
        super().__init__()
        self.content = content
        self.own_label = own_label
        self.slides = build_slides(content)
        self._ids = [slide.id for slide in self.slides]
        self._roster = roster
        self._started: float | None = None

    def compose(self) -> ComposeResult:
        yield NotesView()

    def on_mount(self) -> None:
        self.follow(self._roster)
        self.set_interval(1, self._tick)

    def follow(self, roster: Roster | None) -> None:
        """Show the notes of the slide the teacher's other session presents, if it presents."""
        self._roster = roster
        readers = [] if roster is None else roster.readers
        shown = [
            r.spot.slide
            for r in readers
            if r.teacher and r.label != self.own_label and r.spot is not None and r.spot.slide in self._ids
        ]
        words = self.content.ui.present
        view = self.query_one(NotesView)
        if not shown:
            self._started = None
            view.show(words, None, None)
        else:
            if self._started is None:
                self._started = time.time()
            view.show(words, self.slides, self._ids.index(shown[0]))
        self._tick()

    def _tick(self) -> None:
        self.query_one(NotesView).tick(self.content.ui.present, time.time(), self._started)
