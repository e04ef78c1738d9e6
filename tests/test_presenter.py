"""Presenter mode: slides from the content's `slides` lists, revealed a point at a time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from contentkit import PEOPLE, make_content
from textual.widgets import Static

from tui.app import ExplainerApp
from tui.doc.slides import build_slides
from tui.model import Content, ContentError, load
from tui.presenter import PresenterScreen
from tui.render.parts import BULLET, area


def counter(screen: PresenterScreen) -> str:
    return str(screen.query_one("#slide-counter", Static).render()).strip()


def shown_points(screen: PresenterScreen) -> int:
    return sum(1 for point in screen.query(".slide-point") if point.display)


def slide_number(screen: PresenterScreen) -> str:
    return counter(screen).split(" ")[0]


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
        assert slide_number(screen) == f"1/{len(screen.slides)}"
        assert shown_points(screen) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PresenterScreen)
        assert app.theme == "textual-dark"


async def test_space_reveals_then_advances_and_left_goes_back(content: Content) -> None:
    app = ExplainerApp(content, present=True)
    async with app.run_test(size=(160, 48)) as pilot:  # slide 1 in one part: a step a point
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresenterScreen)
        points = len(screen.slides[0].points)
        assert len({step.part for step in screen.steps}) == 1
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
        assert slide_number(screen) == f"12/{len(screen.slides)}"
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


def fits(screen: PresenterScreen) -> None:
    """Every line of the part on screen is inside the points area: nothing cut, nothing wrapped."""
    box = screen.query_one("#slide-points").content_region
    for point in screen.query(".slide-point"):
        region = point.region
        assert region.y >= box.y and region.bottom <= box.bottom, (screen.slide.title, region, box)
        lines = str(point.render()).split("\n")
        assert len(lines) == region.height and all(len(line) <= box.width for line in lines)


@pytest.mark.slow  # about a minute: every step of 82 slides at two sizes
@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_every_step_of_every_slide_fits_the_screen(
    content: Content, spanish: Content, size: tuple[int, int]
) -> None:
    for material in (content, spanish):
        app = ExplainerApp(material, present=True)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, PresenterScreen)
            for number, slide in enumerate(screen.slides):
                assert screen.index == number
                width, height = area(*size, slide.title, slide.subtitle)
                region = screen.query_one("#slide-points").content_region
                assert (region.width, region.height) == (width, height)  # check's sums are the screen's
                steps = list(screen.steps)
                for index, point in enumerate(slide.points):  # every point said, whole
                    said = "".join("".join(s.lines) for s in steps if s.point == index).replace(" ", "")
                    if point.chart is None:
                        assert said == (BULLET + point.text).replace(" ", "")
                    else:  # a chart: its title, and each bar's label, value and what is claimed
                        chart = point.chart
                        for words in (
                            chart.title,
                            *(w for b in chart.bars for w in (b.label, b.value, b.note)),
                        ):
                            assert words.replace(" ", "") in said
                for _ in steps:
                    fits(screen)
                    await pilot.press("space")
                    await pilot.pause()
            assert screen.index == len(screen.slides) - 1


async def test_a_claim_comes_before_its_verdict_and_parts_are_counted(content: Content) -> None:
    app = ExplainerApp(content, present=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresenterScreen)
        styles = [point.style for point in screen.slide.points]
        claim = styles.index("claim")
        assert styles[claim + 1] == "verdict"
        parts = len({step.part for step in screen.steps})
        assert parts > 1 and counter(screen).endswith(content.ui.present.part.format(n=1, total=parts))
        while screen.steps[screen.step].point < claim:
            await pilot.press("space")
            await pilot.pause()
        verdict = screen.slide.points[claim + 1].text[:20]
        shown = " ".join(str(p.render()) for p in screen.query(".slide-point"))
        assert verdict not in shown.replace("\n  ", " ")  # the room guesses first
        await pilot.press("space")
        await pilot.pause()
        shown = " ".join(str(p.render()) for p in screen.query(".slide-point")).replace("\n  ", " ")
        assert verdict in shown


async def test_b_blanks_the_screen_and_brings_it_back(content: Content) -> None:
    app = ExplainerApp(content, present=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PresenterScreen)
        before = screen.step
        await pilot.press("b")
        await pilot.pause()
        assert screen.has_class("-blank")
        assert all(child.styles.visibility == "hidden" for child in screen.children)
        await pilot.press("space")  # brings it back, revealing nothing more
        await pilot.pause()
        assert not screen.has_class("-blank") and screen.step == before


def test_check_warns_of_a_slide_that_needs_more_than_two_parts(tmp_path: Path) -> None:
    long = ", ".join(["the interim government's long story told in far too many words"] * 80) + "."
    people = PEOPLE.replace('role: "Interim president"', f'role: "Interim president"\n    summary: "{long}"')
    root = make_content(tmp_path, people_yaml=people + "slides: [anez]\n")
    done = subprocess.run([sys.executable, "-m", "tui", "check", str(root)], capture_output=True, text=True)
    assert done.returncode == 0  # a warning, not a failure
    (line,) = [line for line in done.stderr.splitlines() if "warning" in line]
    assert line.startswith(f"{root / 'people.yaml'}:16: warning: the slide 'anez' takes ")
    assert "at 100x30" in line
