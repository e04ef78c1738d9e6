"""The quiz: immediate feedback with an explanation and a link, a score, a review, a retake."""

from __future__ import annotations

from pathlib import Path

import pytest
from contentkit import make_content
from textual.widgets import OptionList, Static

from tui.app import ExplainerApp
from tui.dialogs.leave import LeaveScreen
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
        await pilot.press("a")
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
            '{question: "Q?", options: [A, B, C, D, E, F, G], answer: "A", explanation: "E"}',
            "quiz.yaml:2: at most 6 options (a to f)",
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


def option_lines(view: QuizView) -> list[str]:
    options = view.query_one("#quiz-options", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_letters_answer_enter_alone_does_not_and_the_right_option_is_marked(content: Content) -> None:
    questions = quiz(content).quiz
    app = ExplainerApp(content, screen="quiz")
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        view = app.screen.current
        assert isinstance(view, QuizView)
        await pilot.press("enter")  # nothing highlighted on a new question: nothing answered
        await pilot.pause()
        assert view.chosen == {} and not view.query_one("#quiz-feedback").display
        first = questions[0]
        right = first.options.index(first.answer)
        wrong = (right + 1) % len(first.options)
        await pilot.press("abcdef"[wrong])
        await pilot.pause()
        assert view.chosen == {0: wrong}
        lines = option_lines(view)
        assert lines[right].endswith("✓") and lines[wrong].endswith("✗")
        assert sum(line.endswith(("✓", "✗")) for line in lines) == 2
        await pilot.press("abcdef"[right])  # answered already: a second letter changes nothing
        await pilot.pause()
        assert view.chosen == {0: wrong}
        await pilot.press("enter")
        await pilot.pause()
        assert view.number == 1 and not any(line.endswith(("✓", "✗")) for line in option_lines(view))
        second = questions[1]
        await pilot.press("abcdef"[second.options.index(second.answer)])
        await pilot.pause()
        assert text_of(view, "#quiz-feedback").startswith(content.ui.quiz.right)


async def test_a_language_switch_keeps_the_quiz_where_it_was(content: Content) -> None:
    app = ExplainerApp(content, screen="quiz")
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        for _ in range(2):
            await pilot.press("a", "enter")
        await pilot.press("b")
        await pilot.pause()
        view = app.screen.current
        assert isinstance(view, QuizView)
        before = (view.number, dict(view.chosen))
        await pilot.press("l")
        await pilot.pause()
        switched = app.screen.current
        assert isinstance(switched, QuizView) and switched is not view
        assert switched.content.lang == "es"
        assert (switched.number, switched.chosen) == before  # question 3, answered b, feedback shown
        assert "3 de" in text_of(switched, "#quiz-progress")
        assert switched.query_one("#quiz-feedback").display
        await pilot.press("enter")
        await pilot.pause()
        assert switched.number == 3


async def test_q_in_the_middle_of_the_quiz_asks_first(content: Content) -> None:
    app = ExplainerApp(content, screen="quiz")
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, LeaveScreen) and app.is_running
        assert content.ui.quiz.leave in str(app.screen.query_one(Static).render())
        await pilot.press("n")  # stay: the quiz as it was
        await pilot.pause()
        view = app.screen.current
        assert isinstance(view, QuizView) and view.chosen and app.is_running
        await pilot.press("q", "y")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_q_before_any_answer_quits_at_once(content: Content) -> None:
    app = ExplainerApp(content, screen="quiz")
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_arrows_move_between_questions_without_answering(content: Content) -> None:
    """→ and ← skip: a teacher picking the question to ask the class, or a reader coming back to one."""
    total = len(quiz(content).quiz)
    app = ExplainerApp(content, screen="quiz")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.current
        assert isinstance(view, QuizView)
        await pilot.press("right", "right")
        assert f"3 of {total}" in text_of(view, "#quiz-progress") and not view.chosen
        await pilot.press("left")
        assert f"2 of {total}" in text_of(view, "#quiz-progress")
        await pilot.press("a")  # still answers the question shown
        assert view.chosen == {1: 0}
        for _ in range(total):
            await pilot.press("right")
        assert content.ui.quiz.score.format(right=view.score()[1], total=total) in text_of(
            view, "#quiz-progress"
        )
