"""Helpers for the SSH tests: the server as a subprocess, and two kinds of client with a pyte screen.

Every wait here is bounded; a test that waits in vain fails with what the screen showed.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import queue
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import asyncssh
import pyte

from tui.model import default_root

Check = Callable[[list[str]], bool]
SSH_OPTIONS = (
    "-F", "/dev/null",
    "-o", "StrictHostKeyChecking=no",
    "-o", "UserKnownHostsFile=/dev/null",
    "-o", "BatchMode=yes",
    "-o", "LogLevel=ERROR",
)  # fmt: skip


def on_title_row(title: str) -> Check:
    """`title` begins one of the top rows (the overview lists titles too, but after a number)."""
    return lambda lines: any(line.strip().startswith(title) for line in lines[:3])


def shows(text: str) -> Check:
    return lambda lines: any(text in line for line in lines)


def footer_at(row: int) -> Check:
    """The key bar (it starts with ctrl+p's "Go to") is on `row` and nowhere above it."""
    return lambda lines: len(lines) > row and "Go to" in lines[row] and "Go to" not in "".join(lines[:row])


def wait(predicate: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def accepts(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _cmdline(pid: str) -> bytes:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            if stat.read().rsplit(b")", 1)[-1].split()[0] == b"Z":
                return b""  # a zombie is gone for our purposes
        with open(f"/proc/{pid}/cmdline", "rb") as file:
            return file.read()
    except OSError:
        return b""


def _parent(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return int(stat.read().rsplit(b")", 1)[-1].split()[1])
    except (OSError, ValueError):
        return 0


class Server:
    """`python -m tui serve-ssh` on a free port, with its own content copy to find its apps by."""

    def __init__(self, tmp: Path, *args: str, env: dict[str, str] | None = None, own_key: bool = True):
        """`own_key`: a host key in `tmp`; without it the server uses its default place."""
        tmp.mkdir(parents=True, exist_ok=True)
        self.content = tmp / "content"
        if not self.content.exists():
            shutil.copytree(default_root(), self.content)
        key_args = ["--host-key", str(tmp / "host_key")] if own_key else []
        self.log_path = tmp / "server.log"
        self._log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tui", "serve-ssh", "--port", "0", *key_args,
             "--content", str(self.content), *args],
            stdout=subprocess.PIPE, stderr=self._log, stdin=subprocess.DEVNULL,
            env=env, start_new_session=True,
        )  # fmt: skip
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        self.fingerprint = self._expect(r"host key .*: (\S+ SHA256:\S+)")
        self.port = int(self._expect(r"listening on 127\.0\.0\.1:(\d+)"))

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.put(line.decode())

    def _expect(self, pattern: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                break
            if found := re.search(pattern, line):
                return found.group(1)
        raise AssertionError(f"server never printed {pattern!r}; log: {self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def served_pids(self) -> set[int]:
        """Live processes of this server's fork server: itself and the apps it forked
        (found by its content folder in their argv, which the apps inherit)."""
        marker = b"-m\0tui.serve.forkserver\0"
        folder = f"\0{self.content}\0".encode()
        return {
            int(pid) for pid in os.listdir("/proc")
            if pid.isdigit() and marker in (line := _cmdline(pid)) and folder in line
        }  # fmt: skip

    def app_pids(self) -> set[int]:
        """Live app processes, one per session: the fork server's children."""
        return {pid for pid in self.served_pids() if _parent(pid) != self.proc.pid}

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 10) -> int | None:
        if self.proc.poll() is None:
            self.proc.send_signal(signum)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def kill(self) -> None:
        """The finalizer: nothing of this server may outlive the test, whatever happened."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)
        for pid in self.served_pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self._log.close()


class PtyClient:
    """A program (the OpenSSH client) on a pty of its own; what it writes goes to a pyte screen."""

    def __init__(
        self, argv: list[str], cols: int = 80, rows: int = 24, env: Mapping[str, str] | None = None
    ) -> None:
        """`env`: variables beside the few every client gets."""
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/"),
               "TERM": "xterm-256color", "LANG": "C.UTF-8", **(env or {})}  # fmt: skip
        pid = os.fork()
        if pid == 0:  # pragma: no cover
            try:
                os.close(master)
                os.login_tty(slave)
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        os.close(slave)
        self.pid, self.fd = pid, master
        self.status: int | None = None

    @property
    def lines(self) -> list[str]:
        return list(self.screen.display)

    def pump(self, timeout: float) -> bool:
        """Read what is there within `timeout`; False once the program has closed the pty."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            data = b""
        self.raw += data
        self.stream.feed(data)
        return bool(data)

    def until(self, check: Check, timeout: float = 20) -> list[str]:
        deadline = time.monotonic() + timeout
        while not check(self.lines) and time.monotonic() < deadline:
            if not self.pump(min(0.1, max(deadline - time.monotonic(), 0))):
                break
        assert check(self.lines), "screen never matched:\n" + "\n".join(self.lines)
        return self.lines

    def write(self, data: bytes) -> None:
        os.write(self.fd, data)

    def resize(self, cols: int, rows: int) -> None:
        self.screen.resize(rows, cols)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def exited(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while self.status is None and time.monotonic() < deadline:
            self.pump(0.05)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
        return self.status is not None

    def close(self) -> None:
        if self.status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.status = -9
        with contextlib.suppress(OSError):
            os.close(self.fd)


def ssh_argv(port: int, *extra: str) -> list[str]:
    return ["ssh", "-tt", "-p", str(port), *SSH_OPTIONS, *extra, "127.0.0.1"]


async def connect(port: int, **options: Any) -> asyncssh.SSHClientConnection:
    defaults: dict[str, Any] = {"known_hosts": None, "username": "reader", "client_keys": None,
                                "agent_path": None, "config": None}  # fmt: skip
    return await asyncio.wait_for(asyncssh.connect("127.0.0.1", port, **(defaults | options)), 15)


class _Collector(asyncssh.SSHClientSession[bytes]):
    def __init__(self, screen: AsyncScreen) -> None:
        self._screen = screen

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        if datatype == asyncssh.EXTENDED_DATA_STDERR:
            self._screen.stderr += data
        else:
            self._screen.stream.feed(data)
        self._screen.changed.set()

    def connection_lost(self, exc: Exception | None) -> None:
        self._screen.closed.set()
        self._screen.changed.set()


class AsyncScreen:
    """An asyncssh session with a pty, its output rendered by pyte."""

    def __init__(self, cols: int, rows: int) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.stderr = b""
        self.changed = asyncio.Event()
        self.closed = asyncio.Event()
        self.chan: asyncssh.SSHClientChannel[bytes] | None = None
        self.conn: asyncssh.SSHClientConnection | None = None

    @classmethod
    async def open(
        cls,
        port: int,
        cols: int = 80,
        rows: int = 24,
        env: Mapping[str | bytes, str | bytes] | None = None,
        **options: Any,
    ) -> AsyncScreen:
        self = cls(cols, rows)
        self.conn = await connect(port, **options)
        self.chan, _ = await self.conn.create_session(
            lambda: _Collector(self), term_type="xterm-256color", term_size=(cols, rows), env=env or {},
            encoding=None,
        )  # fmt: skip
        return self

    @property
    def lines(self) -> list[str]:
        return list(self.screen.display)

    @property
    def message(self) -> str:
        return self.stderr.decode(errors="replace")

    async def until(self, check: Check, timeout: float = 20) -> list[str]:
        async def watch() -> None:
            while not check(self.lines):
                if self.closed.is_set():
                    return
                self.changed.clear()
                await self.changed.wait()

        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(watch(), timeout)
        assert check(self.lines), "screen never matched:\n" + "\n".join(self.lines) + "\n" + self.message
        return self.lines

    async def ended(self, timeout: float = 10) -> bool:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.closed.wait(), timeout)
        return self.closed.is_set()

    def write(self, data: bytes) -> None:
        assert self.chan is not None
        self.chan.write(data)

    def resize(self, cols: int, rows: int) -> None:
        assert self.chan is not None
        self.screen.resize(rows, cols)
        self.chan.change_terminal_size(cols, rows)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
