"""The class room's rules: who may lead, what followers see, how answers are counted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from classkit import Inbox

from tui.classroom.protocol import (
    Answer,
    Ask,
    BadMessage,
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
    Roster,
    Spot,
    Status,
    Welcome,
    decode_up,
    encode,
)
from tui.classroom.room import Refused
from tui.classroom.rooms import LocalRooms, is_class_code


async def _class(students: int = 3) -> tuple[LocalRooms, str, Inbox, list[tuple[str, Inbox]]]:
    rooms = LocalRooms()
    teacher_inbox = Inbox()
    teacher = await rooms.join("bolivia7", True, teacher_inbox)
    readers = []
    for _ in range(students):
        inbox = Inbox()
        readers.append((await rooms.join("bolivia7", False, inbox), inbox))
    return rooms, teacher, teacher_inbox, readers


def test_class_codes_are_not_ordinary_user_names() -> None:
    assert is_class_code("bolivia7") and is_class_code("history-2b1")
    assert not any(map(is_class_code, ["alice", "root", "Bolivia7", "7bolivia", "a1", "x" * 40 + "1"]))


async def test_readers_are_welcomed_with_a_label_and_the_teacher_sees_them_all() -> None:
    _rooms, _, teacher, readers = await _class(3)
    labels = []
    for _, inbox in readers:
        welcome = inbox.got[0]
        assert isinstance(welcome, Welcome) and not welcome.teacher and welcome.code == "bolivia7"
        labels.append(welcome.label)
    assert len(set(labels)) == 3
    roster = teacher.last(Roster)
    assert isinstance(roster, Roster)
    assert sum(not r.teacher for r in roster.readers) == 3


async def test_followers_go_where_the_teacher_leads_and_a_student_can_step_out() -> None:
    rooms, teacher, _, readers = await _class(2)
    (_one, inbox_one), (two, inbox_two) = readers
    await rooms.send(teacher, Lead(Spot("results")))
    assert inbox_one.last(Goto) is None  # not leading yet
    await rooms.send(teacher, Follow(True))
    assert inbox_one.last(Goto) == Goto(Spot("results"))
    status = inbox_one.last(Status)
    assert isinstance(status, Status) and status.leading and status.following
    await rooms.send(two, Follow(False))
    inbox_one.take(), inbox_two.take()
    await rooms.send(teacher, Lead(Spot("actors", "anez", None)))
    assert inbox_one.last(Goto) == Goto(Spot("actors", "anez"))
    assert inbox_two.last(Goto) is None
    await rooms.send(two, Follow(True))  # rejoining goes to where the teacher is now
    assert inbox_two.last(Goto) == Goto(Spot("actors", "anez"))


async def test_a_student_cannot_lead_and_the_room_is_unchanged() -> None:
    rooms, _, _, readers = await _class(2)
    (one, _), (_, inbox_two) = readers
    for message in (Lead(Spot("results")), Ask(0, 4), Poll(Spot("results"), 0, 5), Reveal(), Close()):
        with pytest.raises(Refused):
            await rooms.send(one, message)
    assert inbox_two.last(Goto) is None and inbox_two.last(Question) is None


async def test_a_question_is_asked_answered_counted_and_revealed_to_each_student() -> None:
    rooms, teacher, teacher_inbox, readers = await _class(3)
    await rooms.send(teacher, Ask(2, 4))
    for _, inbox in readers:
        assert inbox.last(Question) == Question("quiz", 2, 4)
    (a, inbox_a), (b, _), (c, _) = readers
    await rooms.send(a, Answer(2, 1))
    await rooms.send(b, Answer(2, 1))
    await rooms.send(c, Answer(2, 3))
    await rooms.send(c, Answer(2, 0))  # changed before the reveal: the last answer counts
    await rooms.send(c, Answer(1, 2))  # not the open question: ignored
    roster = teacher_inbox.last(Roster)
    assert isinstance(roster, Roster) and roster.open is not None
    assert roster.open.counts == [1, 2, 0, 0] and not roster.open.revealed
    await rooms.send(teacher, Reveal())
    revealed = inbox_a.last(Revealed)
    assert revealed == Revealed([1, 2, 0, 0], 1)
    await rooms.send(a, Answer(2, 3))  # too late
    roster = teacher_inbox.last(Roster)
    assert isinstance(roster, Roster)
    assert [(t.number, t.counts) for t in roster.results] == [(2, [1, 2, 0, 0])]
    await rooms.send(teacher, Close())
    assert isinstance(inbox_a.got[-1], Closed)


async def test_a_late_student_sees_the_open_question_and_the_teachers_place() -> None:
    rooms, teacher, _, _ = await _class(1)
    await rooms.send(teacher, Lead(Spot("quiz")))
    await rooms.send(teacher, Follow(True))
    await rooms.send(teacher, Poll(Spot("results", "official"), 3, 5))
    late = Inbox()
    await rooms.join("bolivia7", False, late)
    assert Goto(Spot("quiz")) in late.got
    assert Question("poll", 3, 5, Spot("results", "official"), 3) in late.got


async def test_the_teacher_can_leave_and_take_the_class_back() -> None:
    rooms, teacher, _, readers = await _class(1)
    _, inbox = readers[0]
    await rooms.send(teacher, Follow(True))
    await rooms.leave(teacher)
    status = inbox.last(Status)
    assert isinstance(status, Status) and not status.teacher_here
    back = Inbox()
    again = await rooms.join("bolivia7", True, back)
    status = inbox.last(Status)
    assert isinstance(status, Status) and status.teacher_here and status.leading
    await rooms.send(again, Lead(Spot("lithium")))
    assert inbox.last(Goto) == Goto(Spot("lithium"))


async def test_results_are_written_when_the_class_ends_with_names_only_as_given(tmp_path: Path) -> None:
    rooms = LocalRooms(results=tmp_path)
    teacher = await rooms.join("bolivia7", True, Inbox())
    named = await rooms.join("bolivia7", False, Inbox())
    anonymous = await rooms.join("bolivia7", False, Inbox())
    await rooms.send(named, Rename("  Ana "))
    await rooms.send(teacher, Ask(0, 3))
    await rooms.send(named, Answer(0, 2))
    await rooms.send(anonymous, Answer(0, 1))
    await rooms.send(teacher, Reveal())
    assert list(tmp_path.iterdir()) == []  # nothing while the class goes on
    await rooms.close()
    (written,) = tmp_path.iterdir()
    summary = json.loads(written.read_text())
    assert summary["questions"][0]["counts"] == [0, 1, 1]
    assert summary["questions"][0]["named"] == {"Ana": 2}
    assert written.stat().st_mode & 0o777 == 0o600


def test_messages_out_of_bounds_are_refused_whole() -> None:
    assert decode_up(encode(Answer(1, 2))) == Answer(1, 2)
    for bad in (
        b"not json",
        b'{"op":"answer","number":1}',
        b'{"op":"answer","number":1,"option":99}',
        b'{"op":"name","name":"' + b"x" * 30 + b'"}',
        b'{"op":"name","name":"\\u001b[2J"}',
        b'{"op":"shell","command":"sh"}',
        b'{"op":"state","spot":{"section":"a"},"extra":1}',
    ):
        with pytest.raises(BadMessage):
            decode_up(bad)
