"""Two serve-ssh behind HAProxy in TCP mode share one class through Redis: docs/deploy.md's set-up."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from classkit import RedisServer
from sshkit import PtyClient, Server, accepts, free_port, on_title_row, shows
from test_class_ssh import CODE, Room, keypair, student_ssh, teacher_ssh

from tui.model import Content

pytestmark = pytest.mark.slow  # real servers, clients and a proxy: -m 'not slow' skips them locally

HAPROXY = "/usr/sbin/haproxy"
CONFIG = Path(__file__).parent.parent / "docs" / "haproxy.cfg"


def haproxy(tmp_path: Path, port: int, backends: list[int]) -> subprocess.Popen[bytes]:
    """HAProxy with the configuration docs/deploy.md shows, on loopback ports."""
    assert Path(HAPROXY).exists(), "this test needs Debian's haproxy: apt-get install haproxy"
    config = CONFIG.read_text()
    config = config.replace("0.0.0.0:2222", f"127.0.0.1:{port}")
    config = config.replace("10.0.0.11:2222", f"127.0.0.1:{backends[0]}")
    config = config.replace("10.0.0.12:2222", f"127.0.0.1:{backends[1]}")
    path = tmp_path / "haproxy.cfg"
    path.write_text(config)
    proc = subprocess.Popen([HAPROXY, "-db", "-f", str(path)], stdout=subprocess.DEVNULL,
                            stderr=(tmp_path / "haproxy.log").open("wb"))  # fmt: skip
    deadline = time.monotonic() + 10
    while not accepts(port):
        assert proc.poll() is None and time.monotonic() < deadline, (tmp_path / "haproxy.log").read_text()
        time.sleep(0.05)
    return proc


def test_a_class_through_haproxy_lands_on_both_servers_and_stays_one_class(
    redis_server: RedisServer, content: Content, tmp_path: Path
) -> None:
    key = keypair(tmp_path / "teacher")
    (tmp_path / "teachers").write_text((tmp_path / "teacher.pub").read_text())
    shared = ["--host-key", str(tmp_path / "host_key"), "--teachers", str(tmp_path / "teachers"),
              "--state", redis_server.url]  # fmt: skip
    servers = [Server(tmp_path / "a", *shared, own_key=False)]
    servers.append(Server(tmp_path / "b", *shared, own_key=False))  # the same host key, made by the first
    port = free_port()
    proxy = haproxy(tmp_path, port, [s.port for s in servers])
    front = SimpleNamespace(port=port)  # what teacher_ssh and student_ssh connect to
    clients: list[PtyClient] = []
    try:
        teacher = teacher_ssh(front, key)  # type: ignore[arg-type]
        clients.append(teacher)
        clients += [student_ssh(front) for _ in range(3)]  # type: ignore[arg-type]
        room = Room(clients)
        for student in clients[1:]:
            room.until(student, shows(f"class {CODE}, "))
        room.until(teacher, shows("3 connected"))
        teacher.write(b"f")
        room.until(teacher, shows("the class follows you"))
        teacher.write(b"5")
        for student in clients[1:]:
            room.until(student, on_title_row(content.section("lithium").ref.title))
    finally:
        for client in clients:
            client.close()
        proxy.kill()
        proxy.wait(5)
        for server in servers:
            server.kill()
    assert all("class bolivia7: student" in s.log() for s in servers), "leastconn used both servers"
