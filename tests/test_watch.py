"""--watch: an author saves, the app shows it where the reader was; a broken save is reported."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tui.app import ExplainerApp
from tui.launch import _run_parser
from tui.main_screen import MainScreen
from tui.model import load
from tui.presenter import PresenterScreen
from tui.widgets.document import Document

KINDS = Path(__file__).parent / "golden" / "kinds"
STORY = "\n".join(f'  - "Paragraph {n} of a long story, long enough to scroll."' for n in range(60))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The small content, its overview long enough to scroll."""
    root = tmp_path / "content"
    shutil.copytree(KINDS, root)
    overview = root / "overview.yaml"
    text = overview.read_text(encoding="utf-8")
    overview.write_text(text.replace("story:\n", f"story:\n{STORY}\n", 1), encoding="utf-8")
    return root


async def until(pilot: Pilot[None], condition: Callable[[], object], what: str) -> None:
    for _ in range(300):  # the watcher waits for the writes to settle (watch.py), then reloads
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


def page(app: ExplainerApp) -> Document:
    assert isinstance(app.screen_stack[0], MainScreen)
    view = app.screen_stack[0].current
    assert view is not None
    shown = view.page()
    assert shown is not None
    return shown


def notices(app: ExplainerApp) -> list[str]:
    """The notifications on screen, as drawn (Textual's toasts, found by their type's name)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


async def test_a_save_shows_where_the_reader_was_a_broken_one_is_reported_and_mended(folder: Path) -> None:
    app = ExplainerApp(load(folder), watch=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        before = page(app).scroll_offset.y
        assert before > 0
        await pilot.pause(0.3)  # the watcher is up
        edit(folder / "overview.yaml", "Paragraph 30 of", "Paragraph thirty, edited, of")
        edited = lambda: any("thirty, edited" in line for line in page(app).lines())  # noqa: E731
        await until(pilot, edited, "the edit shown")
        await until(pilot, lambda: page(app).scroll_offset.y == before, "the page where it was")
        assert app.place == ("overview", None)

        edit(folder / "people.yaml", 'name: "Luis Arce"', 'name: "Luis Arce\n  broken')
        await until(pilot, lambda: notices(app), "the problem reported")
        (shown,) = notices(app)
        assert app.content.ui.watch_broken in shown and "people.yaml:" in shown
        assert any("thirty, edited" in line for line in page(app).lines())  # the last good content
        assert page(app).scroll_offset.y == before

        edit(folder / "people.yaml", 'name: "Luis Arce\n  broken', 'name: "Luis Arce, mended"')
        await until(pilot, lambda: not notices(app), "the problem gone")
        await pilot.press("3")
        await until(pilot, lambda: app.content.entries["arce"][1].name == "Luis Arce, mended", "the mend")


async def test_a_save_keeps_the_presenters_slide(folder: Path) -> None:
    app = ExplainerApp(load(folder), watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "p")
        await pilot.pause()
        presenter = app.screen
        assert isinstance(presenter, PresenterScreen)
        shown = presenter.slide.id
        await pilot.pause(0.3)
        edit(folder / "people.yaml", 'role: "President from 2020"', 'role: "President, 2020-2025"')
        await until(pilot, lambda: app.content.entries["arce"][1].role == "President, 2020-2025", "reloaded")
        assert app.screen is presenter and presenter.slide.id == shown
        assert presenter.content is app.content


def test_watch_is_a_flag_of_the_app() -> None:
    assert _run_parser().parse_args(["--watch"]).watch
    assert not _run_parser().parse_args([]).watch
