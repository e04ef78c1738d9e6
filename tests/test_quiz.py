"""The quiz: immediate feedback with an explanation and a link, a score, a review, a retake."""

from __future__ import annotations

from pathlib import Path

import pytest
from contentkit import make_content
from textual.widgets import OptionList, Static

from tui.app import ExplainerApp
from tui.model import Content, ContentError, load
from tui.model.schema import QuizSection
from tui.sections.quiz import QuizView
from tui.widgets.place_link import PlaceLink


def quiz(content: Content) -> QuizSection:
    body = content.section("quiz").body
    assert isinstance(body, QuizSection)
    return body


def text_of(view: QuizView, selector: str) -> str:
    return str(view.query_one(selector, Static).render())


def test_quiz_has_enough_questions_covering_every_section(content: Content) -> None:
    questions = quiz(content).quiz
    assert len(questions) >= 12
    kinds = {q.kind for q in questions}
    assert kinds == {"choice", "truefalse"}
    taught = {content.entries[q.link][0].id if q.link in content.entries else q.link for q in questions}
    assert {s.id for s in content.sections if s.id != "quiz"} <= taught


async def test_answering_every_question_gives_feedback_then_a_score(content: Content) -> None:
    questions = quiz(content).quiz
    app = ExplainerApp(content, screen="quiz")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.current
        assert isinstance(view, QuizView)
        wrong_at = {0, 3}
        for number, question in enumerate(questions):
            assert f"{number + 1} of {len(questions)}" in text_of(view, "#quiz-progress")
            right = question.options.index(question.answer)
            pick = (right + 1) % len(question.options) if number in wrong_at else right
            options = view.query_one("#quiz-options", OptionList)
            options.focus()
            options.highlighted = pick
            await pilot.press("enter")
            await pilot.pause()
            feedback = text_of(view, "#quiz-feedback")
            words = content.ui.quiz
            expected = words.wrong.format(answer=question.answer) if number in wrong_at else words.right
            assert feedback.startswith(expected)
            assert question.explanation.split()[0] in feedback
            link = view.query_one(".quiz-link", PlaceLink)
            assert link.display and link.target == question.link
            await pilot.press("enter")
            await pilot.pause()
        score = text_of(view, "#quiz-progress")
        assert score == content.ui.quiz.score.format(right=len(questions) - 2, total=len(questions))
        review = text_of(view, "#quiz-question")
        assert questions[0].question in review and questions[3].question in review
        assert questions[1].question not in review
        await pilot.press("r")
        await pilot.pause()
        assert f"1 of {len(questions)}" in text_of(view, "#quiz-progress")
        assert view.chosen == {}


async def test_the_link_in_feedback_opens_the_entry(content: Content) -> None:
    app = ExplainerApp(content, screen="quiz")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        view = app.screen.current
        assert isinstance(view, QuizView)
        await pilot.press("enter")
        await pilot.pause()
        link = view.query_one(".quiz-link", PlaceLink)
        await pilot.click(link)
        await pilot.pause()
        place = app.place
        assert place is not None
        target = quiz(content).quiz[0].link
        assert target in (place.section, place.item)
        await pilot.press("escape")
        await pilot.pause()
        assert app.place is not None and app.place.section == "quiz"


QUIZ_INDEX = """\
title: "T"
article: {source: article, paragraphs: 3}
sections:
  - {id: quiz, title: "Quiz", kind: quiz, file: quiz.yaml}
  - {id: sources, title: "Sources", kind: sources, file: sources.yaml}
"""


@pytest.mark.parametrize(
    ("question", "message"),
    [
        (
            '{question: "Q?", options: ["A", "B"], answer: "C", explanation: "E"}',
            "quiz.yaml:2: answer 'C' is not one of the options",
        ),
        (
            '{question: "Q?", options: ["A"], answer: "A", explanation: "E"}',
            "quiz.yaml:2: a choice question needs at least 2 options",
        ),
        (
            '{question: "Q?", kind: truefalse, options: ["T", "F", "?"], answer: "T", explanation: "E"}',
            "quiz.yaml:2: a truefalse question needs exactly 2 options",
        ),
        (
            '{question: "Q?", options: ["A", "A"], answer: "A", explanation: "E"}',
            "quiz.yaml:2: the same option is listed twice",
        ),
        (
            '{question: "Q?", options: ["A", "B"], answer: "A", explanation: "E", link: nowhere}',
            "quiz.yaml:2: link: unknown id 'nowhere'",
        ),
        ('{question: "Q?", options: ["A", "B"], answer: "A"}', "quiz.yaml:2: missing field 'explanation'"),
    ],
)
def test_check_reports_bad_questions(tmp_path: Path, question: str, message: str) -> None:
    valid = '{question: "Q?", options: ["A", "B"], answer: "A", explanation: "E"}'
    root = make_content(tmp_path, index_yaml=QUIZ_INDEX, quiz_yaml=f"quiz:\n  - {question}\n  - {valid}\n")
    with pytest.raises(ContentError) as caught:
        load(root, use_cache=False)
    assert [str(p) for p in caught.value.problems] == [message]
