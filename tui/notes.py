"""`bolivia-explainer notes`: the speaker's notes, in a second terminal, following the slides.

It watches the presenter's cue (cue.py) with watchfiles and shows the current
slide's notes, the next slide's title, how long the presenting has lasted and
the time of day. It loads the content the presenter shows, in its language.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding

from .cue import Cue, cue_path, read
from .doc.slides import Slide, build_slides, chosen
from .model import Content, ContentError, load
from .themes import HIGH_CONTRAST
from .widgets.notes_view import NotesView


class NotesApp(App[None]):
    BINDINGS = [Binding("q,escape,ctrl+q", "quit", show=False)]

    def __init__(
        self, content: Content, path: Path | None = None, now: Callable[[], float] = time.time
    ) -> None:
        """`now`: the clock (a test's is fixed)."""
        super().__init__()
        self.now = now
        self.content = content
        """What to show until a cue names other content (another language, another folder)."""
        self.path = path or cue_path()
        self.cue: Cue | None = None
        self._slides: dict[tuple[str, str], list[Slide]] = {}

    def compose(self) -> ComposeResult:
        yield NotesView()

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        self.theme = HIGH_CONTRAST.name
        self.title = self.content.index.title
        self.cue = read(self.path)
        self._show()
        self.set_interval(1, self._tick)
        self._watch()

    @work(exclusive=True)
    async def _watch(self) -> None:
        from watchfiles import awatch

        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        async for _ in awatch(folder, debounce=50, step=20):
            self._read()

    def _read(self) -> None:
        cue = read(self.path)
        if cue != self.cue:
            self.cue = cue
            self._show()

    def slides_of(self, cue: Cue) -> list[Slide] | None:
        """The slides the presenter shows: all of the content's, or the few it names (a lesson's)."""
        key = (cue.content, cue.lang)
        if key not in self._slides:
            try:
                content = load(Path(cue.content), lang=cue.lang)
            except (ContentError, OSError, ValueError):
                return None
            self.content = content
            self._slides[key] = build_slides(content)
        slides = self._slides[key]
        if cue.slides:
            slides = chosen(slides, cue.slides)
        return slides

    def _show(self) -> None:
        cue = self.cue
        slides = None if cue is None else self.slides_of(cue)
        words = self.content.ui.present  # after slides_of: the presenter's language
        view = self.query_one(NotesView)
        if cue is not None and not cue.presenting:
            view.say("", words.notes_ended)
        elif cue is None:
            view.show(words, None, None)
        else:
            view.show(words, slides, cue.index, (cue.part, cue.parts))
        self._tick()

    def _tick(self) -> None:
        cue = self.cue
        started = cue.started if cue is not None and cue.presenting else None
        self.query_one(NotesView).tick(self.content.ui.present, self.now(), started)
