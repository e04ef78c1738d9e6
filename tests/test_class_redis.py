"""Class rooms shared by two servers through a real Redis (Debian's redis-server, loopback only)."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from classkit import CODE, Inbox, RedisServer
from redis.asyncio import Redis

from tui.classroom.protocol import (
    Answer,
    Ask,
    Follow,
    Goto,
    Lead,
    Poll,
    Question,
    Reveal,
    Revealed,
    Roster,
    Spot,
    Status,
    Welcome,
)
from tui.classroom.redis_rooms import KEY, RedisRooms
from tui.classroom.room import Refused

pytestmark = pytest.mark.slow  # a real Redis server: -m 'not slow' skips these locally


Servers = Callable[..., RedisRooms]


@pytest.fixture
async def servers(redis_server: RedisServer) -> AsyncIterator[Servers]:
    """Make RedisRooms as servers sharing `redis_server`; all closed at the end."""
    made: list[RedisRooms] = []

    def make(results: Path | None = None) -> RedisRooms:
        made.append(RedisRooms(redis_server.url, results))
        return made[-1]

    yield make
    await asyncio.wait_for(asyncio.gather(*(rooms.close() for rooms in made)), 15)


async def until(check: Callable[[], object], what: str, timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"never: {what}")
        await asyncio.sleep(0.01)


def tally(inbox: Inbox) -> list[int] | None:
    roster = inbox.last(Roster)
    return None if roster is None or roster.open is None else roster.open.counts


def online(inbox: Inbox) -> bool | None:
    status = inbox.last(Status)
    return None if status is None else status.online


def students_online(inbox: Inbox, count: int) -> bool:
    roster = inbox.last(Roster)
    return roster is not None and roster.online and sum(not r.teacher for r in roster.readers) == count


async def _class(a: RedisRooms, b: RedisRooms, students: int) -> tuple[str, Inbox, list[tuple[str, Inbox]]]:
    """A teacher on server `a`, students on server `b`."""
    teacher_inbox = Inbox()
    teacher = await a.join(CODE, True, teacher_inbox)
    readers = []
    for _ in range(students):
        inbox = Inbox()
        readers.append((await b.join(CODE, False, inbox), inbox))
    await until(lambda: students_online(teacher_inbox, students), "the teacher sees every student")
    return teacher, teacher_inbox, readers


async def _lead_and_ask(
    a: RedisRooms,
    b: RedisRooms,
    teacher: str,
    teacher_inbox: Inbox,
    readers: list[tuple[str, Inbox]],
    spot: Spot,
    number: int,
) -> None:
    """Followers go where the teacher leads; their answers (1, 3, 1) reach the teacher's tally."""
    await a.send(teacher, Follow(True))
    await a.send(teacher, Lead(spot))
    await a.send(teacher, Ask(number, 4))
    await until(lambda: all(i.last(Goto) == Goto(spot) for _, i in readers), f"goto {spot}")
    question = Question("quiz", number, 4)
    await until(lambda: all(i.last(Question) == question for _, i in readers), "the question")
    counts = [0] * 4
    for (student, _), option in zip(readers, [1, 3, 1], strict=False):
        await b.send(student, Answer(number, option))
        counts[option] += 1
    await until(lambda: tally(teacher_inbox) == counts, f"the tally {counts}")


async def test_a_teacher_on_one_server_leads_students_on_another(
    servers: Servers, redis_server: RedisServer
) -> None:
    a, b = servers(), servers()
    teacher, teacher_inbox, readers = await _class(a, b, 3)
    for _, inbox in readers:
        assert isinstance(inbox.got[0], Welcome)
    assert len({m.label for _, i in readers for m in i.got if isinstance(m, Welcome)}) == 3
    await _lead_and_ask(a, b, teacher, teacher_inbox, readers, Spot("results", "official"), 2)

    await a.send(teacher, Reveal())
    chosen = list(zip(readers, [1, 3, 1], strict=True))
    await until(
        lambda: all(i.last(Revealed) == Revealed([0, 2, 0, 1], o) for (_, i), o in chosen), "revealed"
    )

    client = Redis.from_url(redis_server.url)
    try:
        before = await client.xlen(KEY + CODE)
        (one, _), *others = readers
        with pytest.raises(Refused):
            await b.send(one, Lead(Spot("quiz")))
        assert await client.xlen(KEY + CODE) == before
    finally:
        await client.aclose()
    await a.send(teacher, Lead(Spot("lithium")))  # what the others see next, after nothing else
    await until(lambda: all(i.last(Goto) == Goto(Spot("lithium")) for _, i in others), "the next goto")
    assert not any(Goto(Spot("quiz")) in i.got for _, i in others)


async def test_a_late_student_on_another_server_catches_up_from_the_stream(servers: Servers) -> None:
    a, b = servers(), servers()
    teacher_inbox = Inbox()
    teacher = await a.join(CODE, True, teacher_inbox)
    await a.send(teacher, Lead(Spot("quiz")))
    await a.send(teacher, Follow(True))
    await a.send(teacher, Poll(Spot("results", "official"), 3, 5))
    late = Inbox()
    await b.join(CODE, False, late)  # the first on server b: its room is rebuilt from the stream
    assert Goto(Spot("quiz")) in late.got  # join returned after its own Joined was applied
    assert Question("poll", 3, 5, Spot("results", "official"), 3) in late.got
    status = late.last(Status)
    assert status is not None and status.leading and status.teacher_here and status.online


async def test_when_redis_dies_readers_are_told_and_the_class_resumes_when_it_is_back(
    servers: Servers, redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bolivia_explainer.class")
    a, b = servers(), servers()
    teacher, teacher_inbox, readers = await _class(a, b, 2)
    await _lead_and_ask(a, b, teacher, teacher_inbox, readers, Spot("results", "official"), 2)

    redis_server.kill()
    everyone = [teacher_inbox] + [inbox for _, inbox in readers]
    offline = Status(True, True, True, online=False)
    await until(lambda: all(i.last(Status) == offline for i in everyone), "offline")
    roster = teacher_inbox.last(Roster)
    assert roster is not None and not roster.online and len(roster.readers) == 3
    late = Inbox()  # a join while Redis is away: a member id at once, told it is offline
    readers.append((await asyncio.wait_for(b.join(CODE, False, late), 3), late))
    assert late.got == [Status(True, True, True, online=False)]  # as this server last knew the class
    await b.send(readers[0][0], Answer(2, 0))  # dropped, not raised

    redis_server.start()  # empty: the servers join their readers again
    await until(lambda: all(online(i) for i in [*everyone, late]), "online again")
    await until(lambda: students_online(teacher_inbox, 3), "the teacher sees the three students again")
    await _lead_and_ask(a, b, teacher, teacher_inbox, readers, Spot("lithium"), 5)

    lines = [r.getMessage() for r in caplog.records]
    assert sum("offline" in line for line in lines) == 2, lines  # one per server
    assert sum("online again" in line for line in lines) == 2, lines
    assert not any(r.exc_info for r in caplog.records)


async def test_when_redis_comes_back_with_its_data_the_class_goes_on_as_it_was(
    servers: Servers, redis_server: RedisServer
) -> None:
    a, b = servers(), servers()
    teacher, teacher_inbox, readers = await _class(a, b, 3)
    (one, inbox_one), (two, _), (three, _) = readers
    await a.send(teacher, Ask(1, 3))
    await until(lambda: inbox_one.last(Question) is not None, "the question")
    await b.send(one, Answer(1, 2))
    await until(lambda: tally(teacher_inbox) == [0, 0, 1], "the first answer")
    client = Redis.from_url(redis_server.url)
    await client.save()
    await client.aclose()

    redis_server.kill()
    await until(lambda: online(teacher_inbox) is False, "offline")
    await b.leave(three)  # while Redis is away: the others hear of it when it is back
    redis_server.start()  # from the snapshot just saved
    await until(lambda: students_online(teacher_inbox, 2), "online again, with two students")
    assert sum(isinstance(m, Welcome) for m in inbox_one.got) == 1  # not joined again
    await b.send(two, Answer(1, 0))
    await until(lambda: tally(teacher_inbox) == [1, 0, 1], "the tally goes on")


async def test_results_are_written_once_when_a_class_on_two_servers_ends(
    servers: Servers, tmp_path: Path
) -> None:
    results = tmp_path / "results"
    results.mkdir()
    a, b = servers(results), servers(results)
    teacher, teacher_inbox, readers = await _class(a, b, 2)
    await a.send(teacher, Ask(0, 3))
    await until(lambda: all(i.last(Question) for _, i in readers), "the question")
    for student, _ in readers:
        await b.send(student, Answer(0, 2))
    await until(lambda: tally(teacher_inbox) == [0, 0, 2], "both answers")
    await a.send(teacher, Reveal())
    await until(lambda: all(i.last(Revealed) for _, i in readers), "revealed")
    assert list(results.iterdir()) == []
    await asyncio.wait_for(asyncio.gather(a.close(), b.close()), 10)
    (written,) = results.iterdir()
    assert json.loads(written.read_text())["questions"][0]["counts"] == [0, 0, 2]


def test_a_bad_url_is_one_line() -> None:
    for url in ("http://127.0.0.1:6379", "redis://", "redis://host:port/0", "redis://h/zero", "127.0.0.1"):
        with pytest.raises(ValueError, match=r"^not a Redis URL[^\n]*$"):
            RedisRooms(url)
    with pytest.raises(ValueError) as caught:
        RedisRooms("redis://:secret@h:99999/0")
    assert "secret" not in str(caught.value)
