"""The app in a class, driven by keys: a student follows and answers, a teacher leads and asks.

Each test runs one app with the server's real end of its class channel
(ClassSeat, over a socket pair) and the server's real rooms; the other
readers of the class are members the test drives through the rooms.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable

import pytest
from classkit import CODE, Inbox
from screenkit import static_text
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from tui.app import ExplainerApp
from tui.class_ui.asked import claims_on, page_blocks
from tui.class_ui.panel import ClassPanel
from tui.class_ui.question import QuestionScreen
from tui.classroom.link import ClassLink
from tui.classroom.protocol import (
    Answer,
    Ask,
    Close,
    Closed,
    Follow,
    Goto,
    Lead,
    Poll,
    Question,
    Rename,
    Reveal,
    Revealed,
    Spot,
    State,
)
from tui.classroom.rooms import LocalRooms
from tui.doc.slides import build_slides
from tui.doc.tree import Claim
from tui.model import Content
from tui.model.schema import VERDICTS, QuizSection
from tui.presenter import PresenterScreen
from tui.serve.class_seat import ClassSeat
from tui.widgets.class_banner import ClassBanner
from tui.widgets.document import Document


def class_app(content: Content, rooms: LocalRooms, *, teacher: bool, **options: object) -> ExplainerApp:
    app, _ = seated_app(content, rooms, teacher=teacher, **options)
    return app


def seated_app(
    content: Content, rooms: LocalRooms, *, teacher: bool, **options: object
) -> tuple[ExplainerApp, ClassSeat]:
    seat = ClassSeat(rooms, CODE, teacher, "127.0.0.1:5000")
    link = ClassLink(socket.socket(fileno=os.dup(seat.theirs.fileno())))
    seat.close_theirs()
    app = ExplainerApp(content, served=True, link=link, **options)  # type: ignore[arg-type]
    app.call_later(seat.start)  # once the app's loop runs, as a server starts a seat
    return app, seat


async def until(pilot: Pilot[None], condition: Callable[[], object], what: str) -> None:
    for _ in range(100):
        if condition():
            return
        await pilot.pause(0.03)
    raise AssertionError(f"never happened: {what}")


def banner(app: ExplainerApp) -> str:
    return str(app.screen.query_one(ClassBanner).render())


def question_text(app: ExplainerApp) -> str:
    screen = app.screen
    assert isinstance(screen, QuestionScreen)
    return "\n".join(str(s.render()) for s in screen.query(Static))


def quiz_of(content: Content) -> QuizSection:
    body = content.section("quiz").body
    assert isinstance(body, QuizSection)
    return body


def claim_page(content: Content) -> tuple[str, str | None]:
    """A place whose page has claims: an entry's page, where few links come before them."""
    for section in content.sections:
        for item in [e.id for e in getattr(section.body, "entries", [])]:
            if claims_on(page_blocks(content, section.id, item)):
                return section.id, item
    raise AssertionError("no claims anywhere")


async def test_a_student_follows_the_teacher_and_can_step_out(content: Content) -> None:
    rooms = LocalRooms()
    teacher = await rooms.join(CODE, True, Inbox())
    app = class_app(content, rooms, teacher=False)
    words = content.ui.classroom
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: CODE in banner(app), "the banner names the class")
        assert words.reader.format(n=2) in banner(app) and words.alone in banner(app)
        await rooms.send(teacher, Lead(Spot("actors", "anez")))
        await rooms.send(teacher, Follow(True))
        await until(pilot, lambda: app.place == ("actors", "anez"), "went where the teacher is")
        assert words.following in banner(app)
        await pilot.press("f")  # read on my own
        await until(pilot, lambda: words.alone in banner(app), "the banner says reading alone")
        await rooms.send(teacher, Lead(Spot("results")))
        await pilot.pause(0.2)
        assert app.place == ("actors", "anez")
        await pilot.press("f")  # back with the class: where the teacher is now
        await until(pilot, lambda: app.place == ("results", None), "caught up with the teacher")
        await rooms.send(teacher, Lead(Spot("actors", "kaliman", "kaliman")))  # the teacher presents
        await until(pilot, lambda: isinstance(app.screen, PresenterScreen), "slides on")
        await until(
            pilot, lambda: getattr(app.screen, "slide", None) and app.screen.slide.item == "kaliman", "on it"
        )  # type: ignore[attr-defined]
        assert words.following in banner(app)
        await until(pilot, lambda: app.screen.query_one(ClassBanner).region.height == 1, "the banner shown")
        shown = app.screen.query_one(ClassBanner).region
        assert shown.y != app.screen.query_one("#slide-counter").region.y
        await rooms.send(teacher, Lead(Spot("lithium")))  # and stops presenting
        await until(pilot, lambda: app.place == ("lithium", None), "out of the slides, with the teacher")
        assert not isinstance(app.screen, PresenterScreen)


async def test_a_student_answers_a_question_and_sees_the_class_tally(content: Content) -> None:
    rooms = LocalRooms()
    inbox = Inbox()
    teacher = await rooms.join(CODE, True, inbox)
    other = await rooms.join(CODE, False, Inbox())
    app = class_app(content, rooms, teacher=False)
    question = quiz_of(content).quiz[1]
    right = question.options.index(question.answer)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: CODE in banner(app), "in the class")
        await rooms.send(teacher, Ask(1, len(question.options)))
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen), "the question is on screen")
        assert question.question in question_text(app)
        await pilot.press("a", "b")  # changed my mind: b counts
        await rooms.send(other, Answer(1, right))
        await until(
            pilot, lambda: inbox.got[-1].open is not None and sum(inbox.got[-1].open.counts) == 2, "2 answers"
        )  # type: ignore[attr-defined]
        assert inbox.got[-1].open.counts[1] >= 1  # type: ignore[attr-defined]
        assert content.ui.classroom.answered.format(letter="b") in question_text(app)
        await rooms.send(teacher, Reveal())
        await until(pilot, lambda: "✓" in question_text(app), "the answer is marked")
        shown = question_text(app)
        assert question.explanation.split()[0] in shown
        assert "\n   " in shown and ("2" in shown or "1" in shown)  # the tally's bars and counts
        await pilot.press("c")  # too late to change, and c is not mine to lead with
        assert isinstance(app.screen, QuestionScreen)
        await rooms.send(teacher, Close())
        await until(pilot, lambda: not isinstance(app.screen, QuestionScreen), "the question put away")


async def test_a_verdict_poll_asks_first_and_reveals_the_verdict_after(content: Content) -> None:
    rooms = LocalRooms()
    teacher = await rooms.join(CODE, True, Inbox())
    app = class_app(content, rooms, teacher=False)
    section, item = claim_page(content)
    claim = claims_on(page_blocks(content, section, item))[0]
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: CODE in banner(app), "in the class")
        await rooms.send(teacher, Poll(Spot(section, item), 0, len(VERDICTS)))
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen), "the poll is on screen")
        asked = question_text(app)
        assert claim.text[:40] in asked and content.ui.verdicts["disputed"] in asked
        assert claim.context[:30] not in asked  # not before the class has guessed
        await pilot.click(app.screen.query(".question-option")[2])  # a click answers too: c
        await until(
            pilot, lambda: content.ui.classroom.answered.format(letter="c") in question_text(app), "c"
        )
        await rooms.send(teacher, Reveal())
        await until(pilot, lambda: content.ui.classroom.the_verdict in question_text(app), "the verdict")
        assert claim.badge in question_text(app) and claim.context[:30] in question_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, QuestionScreen)


async def test_the_teacher_sees_the_class_leads_it_and_asks_it(content: Content) -> None:
    rooms = LocalRooms()
    app = class_app(content, rooms, teacher=True, screen="quiz")
    inboxes = [Inbox(), Inbox()]
    words = content.ui.classroom
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: CODE in banner(app), "the class is open")
        students = [await rooms.join(CODE, False, inbox) for inbox in inboxes]
        await rooms.send(students[0], Rename("Ana"))
        await until(pilot, lambda: words.not_leading.format(code=CODE, n=2) in banner(app), "2 connected")
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ClassPanel), "the class panel")
        table = app.screen.query_one(DataTable)
        rows = [str(table.get_row_at(n)[0]) for n in range(table.row_count)]
        assert rows == ["Ana", words.reader.format(n=3)]
        await pilot.press("escape")
        await pilot.press("o")  # the quiz's first question, to everyone
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen), "the tally")
        assert all(inbox.of(Question) for inbox in inboxes)
        await rooms.send(students[0], Answer(0, 1))
        await rooms.send(students[1], Answer(0, 1))
        await until(pilot, lambda: words.tally.format(answered=2, total=2) in question_text(app), "tally")
        await pilot.press("r")
        await until(pilot, lambda: all(inbox.of(Revealed) for inbox in inboxes), "revealed to all")
        await pilot.press("escape")
        await until(pilot, lambda: all(inbox.of(Closed) for inbox in inboxes), "put away for all")
        await pilot.press("f")  # lead: the class comes to the quiz
        await until(pilot, lambda: all(inbox.of(Goto) for inbox in inboxes), "the class follows")
        assert inboxes[0].of(Goto)[-1] == Goto(Spot("quiz"))
        assert words.leading.format(code=CODE, n=2) in banner(app)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ClassPanel), "the panel again")
        results = str(app.screen.query_one("#panel-results-text", Static).render())
        first = quiz_of(content).quiz[0]
        right = 2 if first.options.index(first.answer) == 1 else 0  # both chose b
        assert words.result.format(n=1, right=right, total=2) in results


async def test_the_teacher_polls_the_claim_under_the_cursor_or_the_first_on_screen(content: Content) -> None:
    rooms = LocalRooms()
    section, item = claim_page(content)
    app = class_app(content, rooms, teacher=True, screen="overview")
    inbox = Inbox()
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: CODE in banner(app), "the class is open")
        await rooms.join(CODE, False, inbox)
        await pilot.press("v")  # the overview's top shows no claim: it says what to do
        await pilot.pause(0.1)
        assert not isinstance(app.screen, QuestionScreen) and not inbox.of(Question)
        app.goto(section, item)
        await pilot.pause(0.1)
        for _ in range(40):
            focused = app.focused
            if isinstance(focused, Document) and isinstance(focused.chosen, Claim):
                break
            await pilot.press("tab")
        await pilot.press("tab")  # the second claim, if the page has one
        focused = app.focused
        assert isinstance(focused, Document)
        chosen = focused.chosen
        want = focused.claims().index(chosen) if isinstance(chosen, Claim) else 0
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen), "the poll's tally")
        assert app.screen.styles.background.a == 1  # nothing of the page (its verdicts) shows through
        (asked,) = inbox.of(Question)
        assert isinstance(asked, Question) and asked.kind == "poll" and asked.options == len(VERDICTS)
        assert asked.spot == Spot(section, item) and asked.claim == want
        await pilot.press("escape")
        focused.cursor = None  # no cursor, claims on screen: the first of them
        await pilot.pause(0.1)
        first = focused.claim_in_view()
        assert first is not None
        await pilot.press("v")
        await until(pilot, lambda: len(inbox.of(Question)) == 2, "a second poll")
        assert inbox.of(Question)[-1].claim == focused.claims().index(first)  # type: ignore[attr-defined]


async def test_students_have_no_teacher_keys_and_forged_messages_are_refused(
    content: Content, caplog: pytest.LogCaptureFixture
) -> None:
    rooms = LocalRooms()
    await rooms.join(CODE, True, Inbox())
    other = Inbox()
    await rooms.join(CODE, False, other)
    app = class_app(content, rooms, teacher=False, screen="quiz")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: CODE in banner(app), "in the class")
        await pilot.press("c", "o", "v")
        assert not isinstance(app.screen, ClassPanel | QuestionScreen)
        assert app.classroom is not None
        with caplog.at_level(logging.WARNING, logger="bolivia_explainer.class"):
            app.classroom.link.send(Lead(Spot("lithium")))
            app.classroom.link.send(Ask(0, 4))
            await until(pilot, lambda: caplog.text.count("refused") >= 2, "refused and logged")
        assert "only a teacher may" in caplog.text
        assert not other.of(Goto) and not other.of(Question)


async def test_a_student_may_give_a_name_never_required(content: Content) -> None:
    rooms = LocalRooms()
    inbox = Inbox()
    await rooms.join(CODE, True, inbox)
    app = class_app(content, rooms, teacher=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: CODE in banner(app), "in the class")
        await pilot.press("n")
        await pilot.press(*"Luis", "enter")
        await until(pilot, lambda: "Luis" in banner(app), "the banner uses the name")
        await until(
            pilot, lambda: any(r.name == "Luis" for r in inbox.got[-1].readers), "the teacher sees it"
        )  # type: ignore[attr-defined]


async def test_the_keys_dialog_lists_the_class_keys_of_each_role(content: Content) -> None:
    said = content.ui.key_help
    ask, poll, panel, name, follow = (said[k] for k in ("ask", "poll", "class_panel", "name", "follow"))
    roles = ((True, [ask, poll, panel], [name]), (False, [follow, name], [ask, poll]))
    for teacher, listed, unlisted in roles:
        rooms = LocalRooms()
        app = class_app(content, rooms, teacher=teacher)
        async with app.run_test(size=(100, 40)) as pilot:
            await until(pilot, lambda: CODE in banner(app), "in the class")  # noqa: B023 - awaited here
            await pilot.press("question_mark")
            shown = "\n".join(static_text(s) for s in app.screen.query(Static))
            assert all(word in shown for word in listed)
            assert not any(f"  {word}" in shown for word in unlisted)
    alone = ExplainerApp(content)
    async with alone.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        shown = "\n".join(static_text(s) for s in alone.screen.query(Static))
        assert said["ask"] not in shown and said["name"] not in shown


async def test_a_student_reading_in_spanish_follows_and_answers_an_english_teacher(
    content: Content, spanish: Content
) -> None:
    """Places and questions travel as ids and positions: each reader sees them in their language."""
    rooms = LocalRooms()
    inbox = Inbox()
    teacher = await rooms.join(CODE, True, inbox)
    app = class_app(spanish, rooms, teacher=False)
    words = spanish.ui.classroom
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: CODE in banner(app), "in the class")
        assert words.reader.format(n=2) in banner(app)
        await rooms.send(teacher, Follow(True))
        await rooms.send(teacher, Lead(Spot("actors", "arce")))
        await until(pilot, lambda: app.place == ("actors", "arce"), "followed")
        assert words.following in banner(app)
        await rooms.send(teacher, Ask(3, len(quiz_of(content).quiz[3].options)))
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen), "asked")
        assert quiz_of(spanish).quiz[3].question in question_text(app)
        await pilot.press("a")
        await until(pilot, lambda: sum(inbox.got[-1].open.counts) == 1, "counted")  # type: ignore[attr-defined]


async def test_a_class_channel_closed_by_the_server_leaves_the_reader_reading(content: Content) -> None:
    rooms = LocalRooms()
    app, seat = seated_app(content, rooms, teacher=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: CODE in banner(app), "in the class")
        seat.close()
        await until(pilot, lambda: content.ui.classroom.offline in banner(app), "the banner says so")
        await pilot.press("2")
        assert app.place == ("results", None)


async def test_students_follow_a_teacher_presenting_a_lessons_slides_to_the_same_slide(
    content: Content,
) -> None:
    """A lesson shows a few of the slides: the class goes to the slide itself, not its position."""
    lesson = next(item for item in content.lessons if item.id == "critical-reading")
    wanted = [ident for step in lesson.steps for ident in step.slides]
    rooms = LocalRooms()
    inbox = Inbox()
    app = class_app(content, rooms, teacher=True, lesson=lesson.id, present=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: CODE in banner(app), "the class is open")
        await rooms.join(CODE, False, inbox)
        await pilot.press("f")
        screen = app.screen
        assert isinstance(screen, PresenterScreen)
        screen.action_to(len(wanted) - 1)
        await until(pilot, lambda: any(g.spot.slide == wanted[-1] for g in inbox.of(Goto)), "led there")


async def test_a_teachers_second_session_shows_the_notes_of_the_slide_the_first_presents(
    content: Content,
) -> None:
    rooms = LocalRooms()
    presenting = await rooms.join(CODE, True, Inbox())  # the teacher's other session
    student = Inbox()
    await rooms.join(CODE, False, student)
    await rooms.send(presenting, Follow(True))
    app = class_app(content, rooms, teacher=True)  # this one: the notes, on the teacher's laptop
    words = content.ui.present
    kaliman = next(s for s in build_slides(content) if s.item == "kaliman")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: CODE in banner(app), "in the class")
        await pilot.press("N")
        notes = lambda: "\n".join(static_text(s) for s in app.screen.query(Static))  # noqa: E731
        await until(pilot, lambda: words.notes_waiting[:20] in notes(), "waiting for the slides")
        await rooms.send(presenting, State(Spot("actors", "kaliman", "kaliman")))
        await until(pilot, lambda: kaliman.title in notes(), "the slide presented")
        assert kaliman.notes[:40] in notes() and words.notes_elapsed.split("{")[0] in notes()
        await rooms.send(presenting, State(Spot("actors", "kaliman")))  # left the slides
        await until(pilot, lambda: words.notes_waiting[:20] in notes(), "waiting again")
    assert not student.of(Goto)  # opening a second session pulled no one anywhere
