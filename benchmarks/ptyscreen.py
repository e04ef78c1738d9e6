"""Run a program on a pseudo-terminal and watch its screen through pyte.

The approach of a "time to first paint" tool: fork the program onto a fresh
pty of a fixed size, feed what it writes into a pyte screen, and note when the
screen first shows what we wait for.

pyte is slow (tens of ms per 4 KB of escape codes) and a pty holds only ~4 KB,
so parsing while the program writes would stall the program.  Instead bytes
are drained with their arrival times until the program is quiet, then parsed;
the time reported is the arrival of the last read of the frame (reads less
than FRAME_GAP apart) that made the screen match.
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Callable, Sequence

import pyte

Check = Callable[[list[str]], bool]
QUIET = 0.02  # no output for this long: the program has finished writing for now
FRAME_GAP = 0.005  # reads closer together than this belong to one frame


def child_env(pycache: str | None = None) -> dict[str, str]:
    """The environment every measured program gets: TERM fixed, no COLUMNS/LINES.

    With `pycache`, Python keeps compiled modules there (not beside the sources)
    even if PYTHONDONTWRITEBYTECODE is set, so launches after the first one run
    from bytecode as an installed program would.
    """
    env = dict(os.environ, TERM="xterm-256color")
    for name in ("COLUMNS", "LINES", *(("PYTHONDONTWRITEBYTECODE",) if pycache else ())):
        env.pop(name, None)
    if pycache:
        env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def shows(pattern: str) -> Check:
    """Some line of the screen matches `pattern` (re.search)."""
    compiled = re.compile(pattern)
    return lambda lines: any(compiled.search(line) for line in lines)


def starts_row(text: str, rows: int = 4) -> Check:
    """One of the top `rows` lines starts `text` (word for word; a long `text` may wrap)."""
    want = text.split()

    def check(lines: list[str]) -> bool:
        for line in lines[:rows]:
            words = line.split()
            if words and len(words) >= min(3, len(want)) and want[: len(words)] == words:
                return True
        return False

    return check


def footer_drawn(lines: list[str]) -> bool:
    return bool(lines and lines[-1].strip())


class Terminal:
    """One program on one pty of `cols` x `rows`, its screen kept by pyte."""

    def __init__(
        self, command: Sequence[str], cols: int = 80, rows: int = 24, pycache: str | None = None
    ) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.Stream(self.screen)
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = child_env(pycache)
        self.started = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the child: take the pty as its terminal and run the program
            try:
                os.close(master)
                os.login_tty(slave)
                os.execvpe(command[0], list(command), env)
            finally:
                os._exit(127)
        os.close(slave)
        self.pid = pid
        self.fd = master
        self.alive = True

    @property
    def lines(self) -> list[str]:
        return list(self.screen.display)

    def _drain(self, deadline: float) -> list[tuple[float, bytes]]:
        """Read (arrival time, bytes) until the program is quiet, exits, or `deadline`."""
        chunks: list[tuple[float, bytes]] = []
        while self.alive:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            ready, _, _ = select.select([self.fd], [], [], min(QUIET if chunks else 0.05, left))
            if not ready:
                if chunks:
                    break
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                data = b""
            if not data:
                self.alive = False
                break
            chunks.append((time.monotonic(), data))
        return chunks

    def _feed(self, data: bytes) -> None:
        self.stream.feed(self.decoder.decode(data))

    def _until(self, check: Check, timeout: float) -> float | None:
        """When the screen came to pass `check` (a time.monotonic()); None on timeout or exit."""
        deadline = time.monotonic() + timeout
        if check(self.lines):
            return time.monotonic()
        while self.alive and time.monotonic() < deadline:
            chunks = self._drain(deadline)
            for i, (_, data) in enumerate(chunks):
                self._feed(data)
                if check(self.lines):
                    end = i
                    while end + 1 < len(chunks) and chunks[end + 1][0] - chunks[end][0] < FRAME_GAP:
                        end += 1
                    for _, rest in chunks[i + 1 :]:
                        self._feed(rest)
                    return chunks[end][0]
        return None

    def wait_start(self, check: Check, timeout: float = 20.0) -> float | None:
        """Seconds from launch until the screen first passes `check`."""
        at = self._until(check, timeout)
        return None if at is None else at - self.started

    def press(self, keys: str, check: Check, timeout: float = 10.0) -> float | None:
        """Seconds from writing `keys` until the screen passes `check`."""
        sent = time.monotonic()
        os.write(self.fd, keys.encode())
        at = self._until(check, timeout)
        return None if at is None else at - sent

    def settle(self, quiet: float = 0.2, limit: float = 3.0) -> None:
        """Take in output until the program has written nothing for `quiet` seconds."""
        deadline = time.monotonic() + limit
        while self.alive and time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            if not ready:
                return
            for _, data in self._drain(deadline):
                self._feed(data)

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        deadline = time.monotonic() + 3
        while os.waitpid(self.pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                break
            self._drain(time.monotonic() + 0.01)  # a blocked writer must be able to finish
        os.close(self.fd)
