"""Presenter mode: slides from the content's `slides` lists, revealed a point at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from contentkit import PEOPLE, make_content
from textual.widgets import Static

from tui.app import ExplainerApp
from tui.doc.slides import build_slides
from tui.model import Content, ContentError, load
from tui.presenter import PresenterScreen


def counter(screen: PresenterScreen) -> str:
    return str(screen.query_one("#slide-counter", Static).render()).strip()


def shown_points(screen: PresenterScreen) -> int:
    return sum(1 for point in screen.query(".slide-point") if point.display)


def test_slides_follow_each_sections_list(content: Content) -> None:
    slides = build_slides(content)
    expected = [
        (section.id, None if ident == section.id else ident)
        for section in content.sections
        if section.id != "quiz"
        for ident in section.body.slides or [section.id]
    ]
    assert [(s.section, s.item) for s in slides] == expected
    kaliman = next(s for s in slides if s.item == "kaliman")
    assert kaliman.title == "Williams Kaliman" and kaliman.points


async def test_present_option_opens_slides_in_high_contrast(content: Content) -> None:
    app = ExplainerApp(content, present=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresenterScreen)
        assert app.theme == "high-contrast"
        assert counter(screen) == f"1/{len(screen.slides)}"
        assert shown_points(screen) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PresenterScreen)
        assert app.theme == "textual-dark"


async def test_space_reveals_then_advances_and_left_goes_back(content: Content) -> None:
    app = ExplainerApp(content, present=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresenterScreen)
        points = len(screen.slides[0].points)
        for revealed in range(2, points + 1):
            await pilot.press("space")
            await pilot.pause()
            assert shown_points(screen) == revealed
        await pilot.press("right")
        await pilot.pause()
        assert counter(screen).startswith("2/") and shown_points(screen) == 1
        await pilot.press("left")
        await pilot.pause()
        assert counter(screen).startswith("1/") and shown_points(screen) == points


async def test_g_and_a_number_jump(content: Content) -> None:
    app = ExplainerApp(content, present=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresenterScreen)
        await pilot.press("g", "1", "2", "enter")
        await pilot.pause()
        assert counter(screen) == f"12/{len(screen.slides)}"
        assert screen.query_one("#slide-title", Static).render().plain == screen.slides[11].title  # type: ignore[attr-defined]


async def test_p_presents_from_where_the_reader_is(content: Content) -> None:
    app = ExplainerApp(content, item="kaliman", theme="light")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresenterScreen)
        assert screen.slide.item == "kaliman"
        assert app.theme == "textual-light"  # a theme the user chose is kept


def test_a_slide_from_another_section_is_reported(tmp_path: Path) -> None:
    root = make_content(tmp_path, people_yaml=PEOPLE + "slides: [people, e-2019]\n")
    with pytest.raises(ContentError) as caught:
        load(root, use_cache=False)
    assert [str(p) for p in caught.value.problems] == [
        "people.yaml:15: slides: 'e-2019' is not this section or one of its entries"
    ]
