"""A class over real SSH: a teacher's key leads, students join with the code as their user name."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import asyncssh
import pytest
from sshkit import PtyClient, Server, on_title_row, shows

from tui.model import Content
from tui.serve.ssh_hub import Gate

pytestmark = pytest.mark.slow  # real servers and clients: -m 'not slow' skips them locally

CODE = "bolivia7"
BASE = ["-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
        "-o", "LogLevel=ERROR"]  # fmt: skip


def keypair(path: Path) -> Path:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)
    return path


@pytest.fixture
def classroom(tmp_path: Path) -> Iterator[tuple[Server, Path, Path]]:
    teacher = keypair(tmp_path / "teacher")
    (tmp_path / "teachers").write_text((tmp_path / "teacher.pub").read_text())
    results = tmp_path / "results"
    results.mkdir()
    server = Server(
        tmp_path / "server", "--teachers", str(tmp_path / "teachers"), "--results-dir", str(results)
    )
    yield server, teacher, results
    server.kill()


def teacher_ssh(server: Server, key: Path) -> PtyClient:
    argv = ["ssh", "-tt", "-p", str(server.port), *BASE, "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
            "-i", str(key), "-l", CODE, "127.0.0.1"]  # fmt: skip
    return PtyClient(argv, 100, 30)


def student_ssh(server: Server, key: Path | None = None) -> PtyClient:
    """A student as most connect: no key the server knows (one of their own, or none at all)."""
    auth = ["-o", "IdentitiesOnly=yes", "-i", str(key)] if key else ["-o", "PubkeyAuthentication=no"]
    return PtyClient(["ssh", "-tt", "-p", str(server.port), *BASE, *auth, "-l", CODE, "127.0.0.1"])


class Room:
    """Everyone's terminal: while one is waited on, the others are read too, as real terminals
    are (an unread terminal stops its app's output, and then its app)."""

    def __init__(self, clients: list[PtyClient]) -> None:
        self.clients = clients

    def until(self, client: PtyClient, check: Callable[[list[str]], bool], timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while not check(client.lines) and time.monotonic() < deadline:
            for other in self.clients:
                other.pump(0.01)
        assert check(client.lines), "screen never matched:\n" + "\n".join(client.lines)


def test_a_teacher_leads_three_students_asks_them_and_reveals(
    classroom: tuple[Server, Path, Path], content: Content, tmp_path: Path
) -> None:
    server, key, results = classroom
    words = content.ui.classroom
    teacher = teacher_ssh(server, key)
    students = [student_ssh(server, keypair(tmp_path / "own")), student_ssh(server), student_ssh(server)]
    clients = [teacher, *students]
    room = Room(clients)
    try:
        for student in students:
            room.until(student, shows(f"class {CODE}, "))
        room.until(teacher, shows(words.not_leading.format(code=CODE, n=3)[:30]))
        teacher.write(b"f")
        room.until(teacher, shows("the class follows you"))
        teacher.write(b"3")
        actors = content.section("actors").ref.title
        for student in students:
            room.until(student, on_title_row(actors))
            room.until(student, shows(words.following[:20]))
        students[2].write(b"f")  # this one reads on alone
        room.until(students[2], shows(words.alone[:20]))
        teacher.write(b"5")
        lithium = content.section("lithium").ref.title
        room.until(students[0], on_title_row(lithium))
        room.until(students[1], on_title_row(lithium))
        assert on_title_row(actors)(students[2].lines)
        students[2].write(b"c")  # a student's c, o and v lead nothing
        students[2].write(b"o")
        assert not any(shows(f"Class {CODE}:")(s.lines) for s in students)

        teacher.write(b"9")
        for student in students[:2]:
            room.until(student, on_title_row(content.section("quiz").ref.title))
        teacher.write(b"o")
        for student in students:  # also the one reading alone: a question is for everyone
            room.until(student, shows(words.question.format(n=1)))
        for student, letter in zip(students, "abb", strict=True):
            student.write(letter.encode())
            room.until(student, shows(words.answered.format(letter=letter)[:16]))
        room.until(teacher, shows(words.tally.format(answered=3, total=3)))
        teacher.write(b"r")
        for student in students:
            room.until(student, shows("✓"))
        teacher.write(b"\x1b")
        for student in students:
            room.until(student, lambda lines: not shows(words.question.format(n=1))(lines))
        teacher.write(b"c")
        room.until(teacher, shows(words.results))
        assert shows("Question 1: ")(teacher.lines)
    finally:
        for client in clients:
            client.close()
    assert f"class {CODE}: teacher" in server.log()
    assert server.log().count(f"class {CODE}: student") == 3
    for _ in range(100):
        written = list(results.iterdir())
        if written:
            break
        subprocess.run(["sleep", "0.05"], check=True)
    (path,) = written
    (question,) = json.loads(path.read_text())["questions"]
    assert question["kind"] == "quiz" and question["counts"][:2] == [1, 2]


async def test_a_teachers_key_offered_but_not_used_makes_no_teacher(tmp_path: Path) -> None:
    """asyncssh asks about a key before its signature: a later keyboard-interactive login is a student's."""
    private = asyncssh.generate_private_key("ssh-ed25519")
    teachers = asyncssh.import_authorized_keys(private.export_public_key().decode())
    key = private.convert_to_public()
    other = asyncssh.generate_private_key("ssh-ed25519").convert_to_public()

    class FakeHub:
        rooms = object()
        settings = type("S", (), {"teachers": teachers, "authorized": None, "auth_required": True})()

    gate = Gate(FakeHub())  # type: ignore[arg-type]
    gate._ip = "127.0.0.1"
    assert gate.begin_auth(CODE)
    assert gate.validate_public_key(CODE, key)  # a query: no signature yet
    assert gate.get_kbdint_challenge(CODE, "", "") is True  # then logs in without it
    gate.auth_completed()
    assert not gate._teacher
    assert gate.validate_public_key(CODE, key)  # the signed request, accepted: a teacher
    gate.auth_completed()
    assert gate._teacher
    assert gate.validate_public_key(CODE, key) and not gate.validate_public_key(CODE, other)
    gate.auth_completed()  # a key not listed cannot log in by key; if it did, it would be no teacher
    assert not gate._teacher


def test_a_quiet_student_in_a_class_is_not_idle_while_a_reader_alone_is(
    tmp_path: Path, content: Content
) -> None:
    """A student who follows presses nothing for minutes: the idle timeout is a class's length."""
    (tmp_path / "teachers").write_text((keypair(tmp_path / "teacher").with_suffix(".pub")).read_text())
    server = Server(tmp_path / "server", "--teachers", str(tmp_path / "teachers"), "--idle-timeout", "1")
    student = student_ssh(server)
    alone = PtyClient(["ssh", "-tt", "-p", str(server.port), *BASE, "-o", "PubkeyAuthentication=no",
                       "-l", "reader", "127.0.0.1"])  # fmt: skip
    try:
        room = Room([student, alone])
        room.until(student, shows(f"class {CODE}, "))
        room.until(alone, shows(content.section("overview").ref.title))
        assert alone.exited(10), "the reader alone was never ended for idling"
        assert not student.exited(1)
        assert shows(f"class {CODE}, ")(student.lines)
    finally:
        student.close()
        alone.close()
        server.kill()
