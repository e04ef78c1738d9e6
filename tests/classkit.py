"""Helpers for the class tests: a reader's inbox of messages, and a real redis-server."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path
from typing import TypeVar

from tui.classroom.protocol import Down

CODE = "bolivia7"
REDIS_SERVER = "/usr/bin/redis-server"
D = TypeVar("D", bound=Down)


class Inbox:
    """What one reader was told, in order (a room's `deliver`)."""

    def __init__(self) -> None:
        self.got: list[Down] = []

    def __call__(self, message: Down) -> None:
        self.got.append(message)

    def last(self, kind: type[D]) -> D | None:
        return next((m for m in reversed(self.got) if isinstance(m, kind)), None)

    def of(self, kind: type[D]) -> list[D]:
        return [m for m in self.got if isinstance(m, kind)]

    def take(self) -> list[Down]:
        got, self.got = self.got, []
        return got


class RedisServer:
    """redis-server on a free loopback port, in memory only; start it again on the same port."""

    def __init__(self, folder: Path) -> None:
        assert Path(REDIS_SERVER).exists(), (
            "these tests need Debian's redis-server: apt-get install redis-server"
        )
        self.folder = folder
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with (self.folder / "redis.log").open("ab") as log:
            self.proc = subprocess.Popen(
                [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--dir", str(self.folder)],
                cwd=self.folder, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        deadline = time.monotonic() + 10
        while not self._pong():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise AssertionError(
                    f"redis-server never answered: {(self.folder / 'redis.log').read_text()}"
                )
            time.sleep(0.02)

    def _pong(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
        if self.proc is not None:
            self.proc.wait(5)
