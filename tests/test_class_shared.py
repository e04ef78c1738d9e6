"""One class across servers through a real redis-server: a teacher on one SSH server, a student on
another, one in a browser on serve-web; then Redis dies and comes back in the middle of the class."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from classkit import RedisServer
from playwright.sync_api import Browser
from sshkit import PtyClient, Server, on_title_row, shows
from test_class_ssh import CODE, Room, keypair, student_ssh, teacher_ssh
from test_web import open_page, wait_for_text

from tui.model import Content

pytestmark = pytest.mark.slow  # real servers, clients and a browser: -m 'not slow' skips them locally


def web_server(tmp_path: Path, state: str) -> tuple[subprocess.Popen[str], str]:
    log = (tmp_path / "web.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve-web", "--port", "0", "--state", state],
        stdout=subprocess.PIPE, stderr=log, text=True, start_new_session=True,
    )  # fmt: skip
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.startswith("serving the explainer on http://"), line + (tmp_path / "web.log").read_text()
    return proc, line.split()[4]


def test_a_class_spread_over_two_ssh_servers_and_a_browser_shares_one_redis(
    redis_server: RedisServer, browser: Browser, content: Content, tmp_path: Path
) -> None:
    words = content.ui.classroom
    key = keypair(tmp_path / "teacher")
    (tmp_path / "teachers").write_text((tmp_path / "teacher.pub").read_text())
    state = redis_server.url
    first = Server(tmp_path / "a", "--teachers", str(tmp_path / "teachers"), "--state", state)
    second = Server(tmp_path / "b", "--state", state)
    web, address = web_server(tmp_path, state)
    clients: list[PtyClient] = []
    try:
        teacher = teacher_ssh(first, key)
        student = student_ssh(second)
        clients += [teacher, student]
        room = Room(clients)
        page = open_page(browser, f"{address}c/{CODE}")
        wait_for_text(page, f"class {CODE}, ")
        room.until(student, shows(f"class {CODE}, "))
        room.until(teacher, shows(words.not_leading.format(code=CODE, n=2)[:28]))

        teacher.write(b"f")
        room.until(teacher, shows("the class follows you"))
        teacher.write(b"5")
        lithium = content.section("lithium").ref.title
        room.until(student, on_title_row(lithium))
        wait_for_text(page, lithium)

        teacher.write(b"9")
        room.until(student, on_title_row(content.section("quiz").ref.title))
        teacher.write(b"o")
        asked = words.question.format(n=1)
        room.until(student, shows(asked))
        wait_for_text(page, asked)
        student.write(b"a")
        page.keyboard.press("b")
        room.until(teacher, shows(words.tally.format(answered=2, total=2)))
        teacher.write(b"r")
        room.until(student, shows("✓"))
        wait_for_text(page, "✓")
        teacher.write(b"\x1b")
        room.until(student, lambda lines: not shows(asked)(lines))

        redis_server.kill()  # mid-class: reading goes on, the banner says the class is offline
        offline = words.offline[:12]
        room.until(teacher, shows(offline), timeout=30)
        room.until(student, shows(offline), timeout=30)
        teacher.write(b"c")  # the class panel says so too
        room.until(teacher, shows(f"{words.panel.format(code=CODE, n=2)} · {offline}"))
        teacher.write(b"\x1b")
        room.until(teacher, lambda lines: not shows(words.panel.format(code=CODE, n=2))(lines))
        teacher.write(b"3")  # still reading
        room.until(teacher, on_title_row(content.section("actors").ref.title))
        redis_server.start()  # back, empty: the servers join their readers again
        room.until(teacher, lambda lines: not shows(offline)(lines), timeout=30)
        room.until(student, lambda lines: not shows(offline)(lines), timeout=30)
        teacher.write(b"f")  # lead again: the restarted Redis had forgotten the class
        room.until(teacher, shows("the class follows you"))
        teacher.write(b"2")
        results = content.section("results").ref.title
        room.until(student, on_title_row(results))
        wait_for_text(page, results)
        page.close()
    finally:
        for client in clients:
            client.close()
        for server in (first, second):
            server.kill()
        web.kill()
        web.wait(5)
        assert web.stdout is not None
        web.stdout.close()
    log = (tmp_path / "web.log").read_text()
    assert f"class={CODE}" in log and "Traceback" not in log
    assert "Traceback" not in first.log() + second.log()


def test_class_pages_need_a_class_code(tmp_path: Path, redis_server: RedisServer) -> None:
    import urllib.error
    import urllib.request

    web, address = web_server(tmp_path, redis_server.url)
    try:
        with urllib.request.urlopen(f"{address}c/{CODE}") as reply:  # redirected to /c/CODE/
            assert reply.url.endswith(f"/c/{CODE}/") and b"terminal" in reply.read()
        for bad in ("Bolivia7", "x", "..%2f..%2fetc", "a" * 40 + "1"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(f"{address}c/{bad}/")
            assert refused.value.code == 404
    finally:
        web.kill()
        web.wait(5)
        assert web.stdout is not None
        web.stdout.close()
    time.sleep(0)
