"""Lessons: paths through the material for a class period, checked, read and presented."""

from __future__ import annotations

from pathlib import Path

import pytest
from contentkit import INDEX, make_content, problems
from textual.widgets import OptionList

from tui.app import ExplainerApp
from tui.dialogs.lesson import LessonScreen
from tui.launch import run
from tui.model import Content
from tui.presenter import PresenterScreen

LESSON = """\
id: short
title: "A short lesson"
minutes: 10
aim: "Meet the people."
steps:
  - minutes: 5
    title: "Who is who"
    do: "Read the people section together."
    slides: [people]
    read: [people, anez]
  - minutes: 4
    title: "Questions"
    do: "Ask."
    slides: [nobody]
    quiz: [3]
    questions: ["Who took office?"]
    answers: ["Áñez.", "An extra answer."]
"""


def test_a_lesson_must_fit_its_minutes_and_use_what_the_material_has(tmp_path: Path) -> None:
    index = INDEX.replace("sections:\n", "lessons:\n  - lessons/short.yaml\nsections:\n", 1)
    root = make_content(tmp_path, index_yaml=index)
    (root / "lessons").mkdir()
    (root / "lessons" / "short.yaml").write_text(LESSON, encoding="utf-8")
    assert problems(root) == [
        "lessons/short.yaml:3: the steps take 9 minutes; the lesson says 10",
        "lessons/short.yaml:11: slides: 'nobody' is not a slide (see each section's `slides`)",
        "lessons/short.yaml:11: quiz: no question 3 (the quiz has 0)",
        "lessons/short.yaml:11: answers: 2 for 1 questions",
        "lessons/short.yaml:14: slides: unknown id 'nobody'",
    ]


def test_an_unknown_lesson_is_refused_with_the_valid_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--lesson", "nope"]) == 2
    error = capsys.readouterr().err
    assert "unknown lesson 'nope'; valid: " in error and "twenty-minutes" in error


async def test_a_lesson_opens_as_a_reading_list_and_l_brings_it_back(content: Content) -> None:
    lesson = content.lessons[0]
    first = next(ident for step in lesson.steps for ident in step.read)
    app = ExplainerApp(content, lesson=lesson.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        assert isinstance(app.screen, LessonScreen)
        listed = app.screen.query_one(OptionList)
        names = [str(listed.get_option_at_index(n).prompt).strip() for n in range(listed.option_count)]
        assert lesson.steps[0].title in names[0] and content.name_of(first) in names
        listed.focus()
        listed.highlighted = next(
            n for n in range(listed.option_count) if not listed.get_option_at_index(n).disabled
        )
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert not isinstance(app.screen, LessonScreen)
        assert app.place == content.place_of(first) or app.place == (content.place_of(first)[0], None)  # type: ignore[index]
        await pilot.press("L")
        await pilot.pause(0.1)
        assert isinstance(app.screen, LessonScreen)


async def test_present_with_a_lesson_shows_its_slides_alone_in_its_order(content: Content) -> None:
    lesson = content.lessons[0]
    wanted = [ident for step in lesson.steps for ident in step.slides]
    app = ExplainerApp(content, lesson=lesson.id, present=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        screen = app.screen
        assert isinstance(screen, PresenterScreen)
        assert [s.item or s.section for s in screen.slides] == wanted
