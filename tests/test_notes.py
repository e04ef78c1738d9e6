"""Speaker's notes in a second terminal follow the slides of the first."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sshkit import PtyClient, shows
from textual.widgets import Static

from tui.app import ExplainerApp
from tui.cue import CUE_ENV, read
from tui.doc.slides import build_slides
from tui.model import Content
from tui.notes import NotesApp
from tui.presenter import PresenterScreen

RIGHT = b"\x1b[C"


@pytest.mark.slow  # two programs, a pty each
def test_the_notes_follow_the_presenter_in_another_terminal(content: Content, tmp_path: Path) -> None:
    env = {CUE_ENV: str(tmp_path / "presenter.json")}
    words = content.ui.present
    slides = build_slides(content)
    notes = PtyClient([sys.executable, "-m", "tui", "notes"], 80, 24, env)
    presenter = PtyClient([sys.executable, "-m", "tui"], 100, 30, env)
    try:
        notes.until(shows(words.notes_waiting[:30]))
        presenter.until(shows(slides[0].title))
        presenter.write(b"p")
        notes.until(shows(f"1/{len(slides)}"))
        assert shows(f"{words.notes_next} {slides[1].title}")(notes.lines)
        cue = read(tmp_path / "presenter.json")
        for _ in range(40):  # a key at a time, each waited for: through slide 1's steps, to slide 3
            if cue is not None and cue.index >= 2:
                break
            presenter.write(RIGHT)
            before = cue
            for _ in range(50):
                presenter.pump(0.02)
                cue = read(tmp_path / "presenter.json")
                if cue != before:
                    break
        assert cue is not None and cue.index >= 2
        slide = slides[cue.index]
        # One repaint reaches the pty in several writes: wait for the whole of it.
        counter, said = shows(f"{cue.index + 1}/{len(slides)}"), shows((slide.notes or words.notes_none)[:30])
        notes.until(lambda lines: counter(lines) and said(lines))
        assert shows(slide.title[:30])(notes.lines)
        assert shows(words.notes_elapsed.split("{")[0].strip())(notes.lines)
        presenter.write(b"\x1b")
        notes.until(shows(words.notes_ended))
    finally:
        presenter.close()
        notes.close()


async def test_only_a_presenter_on_the_readers_own_machine_writes_a_cue(
    content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A served app writes no file: its presenter tells no notes screen anything."""
    for served in (True, False):
        cue = tmp_path / f"served-{served}.json"
        monkeypatch.setenv(CUE_ENV, str(cue))
        app = ExplainerApp(content, served=served)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("p")
            await pilot.pause(0.2)
            assert isinstance(app.screen, PresenterScreen)
        assert cue.exists() is not served


async def test_the_notes_count_a_lessons_slides_as_the_presenter_does(
    content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "presenter.json"
    monkeypatch.setenv(CUE_ENV, str(path))
    lesson = next(item for item in content.lessons if item.id == "critical-reading")
    wanted = [ident for step in lesson.steps for ident in step.slides]
    app = ExplainerApp(content, lesson=lesson.id, present=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        await pilot.press("right", "right", "right", "right", "right", "right")
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, PresenterScreen)
        shown = screen.slide
    notes = NotesApp(content, path)
    async with notes.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.1)
        head = str(notes.query_one("#notes-head", Static).render())
        assert f"/{len(wanted)}" in head and shown.title in head
