"""One session's app on a pseudo-terminal that is its controlling terminal, driven from asyncio.

The fork server (forkserver.py) forks the app and gives it the pty's slave
through login_tty (setsid, TIOCSCTTY, the slave on fds 0-2), so a TIOCSWINSZ
on the master makes the kernel send it SIGWINCH, and closing the master hangs
it up. The fork server reports its exit status.

The child starts safe for strangers: the pty's signal keys are off (ctrl+c or
ctrl+\\ typed before the app takes the terminal are plain input), it cannot
dump core or map more than MEMORY_LIMIT, and what it writes about a crash
goes to a pipe (its fd 3) that the server logs, never to the reader's screen.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import signal
import struct
import termios
from collections.abc import Callable, Mapping, Sequence

from .spawner import Spawner

READ_SIZE = 65536
MAX_PENDING_INPUT = 256 * 1024  # a client pasting faster than the app reads loses the excess
MAX_REPORT = 64 * 1024


def winsize(cols: int, rows: int, xpixels: int = 0, ypixels: int = 0) -> bytes:
    """The kernel's struct winsize; each field is 16 bits, so larger values are clamped."""
    return struct.pack("HHHH", *(min(max(v, 0), 0xFFFF) for v in (rows, cols, xpixels, ypixels)))


def quiet_terminal(fd: int) -> None:
    """No signals from keys and no echo until the app sets the terminal up itself."""
    attrs = termios.tcgetattr(fd)
    attrs[3] &= ~(termios.ISIG | termios.ECHO)
    termios.tcsetattr(fd, termios.TCSANOW, attrs)


class PtyProcess:
    """Asked of the fork server at once; `on_output` gets what it writes, `on_exit` its wait status."""

    def __init__(
        self,
        spawner: Spawner,
        argv: Sequence[str],
        env: Mapping[str, str],
        cols: int,
        rows: int,
        on_output: Callable[[bytes], None],
        on_exit: Callable[[int], None],
        extra_fds: Sequence[int] = (),
    ) -> None:
        """`extra_fds` go to the app too (a class channel); the caller keeps and closes its own."""
        self._loop = asyncio.get_running_loop()
        self._on_output = on_output
        self._on_exit = on_exit
        self._pending = bytearray()
        self._reading = False
        self.status: int | None = None
        self._report = bytearray()
        master, slave = os.openpty()
        report_read, report_write = os.pipe()
        try:
            fcntl.ioctl(slave, termios.TIOCSWINSZ, winsize(cols, rows))
            quiet_terminal(slave)
            fds = [slave, report_write, *extra_fds]
            self._child = spawner.spawn("pty", list(argv), dict(env), fds, self._reap)
        except BaseException:
            os.close(master)
            os.close(report_read)
            raise
        finally:
            os.close(slave)
            os.close(report_write)
        self.master = master
        self._report_fd = report_read
        os.set_blocking(report_read, False)
        self._loop.add_reader(report_read, self._read_report)
        os.set_blocking(master, False)
        self.resume_output()

    @property
    def alive(self) -> bool:
        return self.status is None

    @property
    def report(self) -> str:
        """What the program wrote about a crash (its traceback), for the server's log."""
        return self._report.decode("utf-8", "replace")

    def _read_report(self) -> bool:
        """Read what is there; False once nothing more is (for now, or for good)."""
        try:
            data = os.read(self._report_fd, READ_SIZE)
        except BlockingIOError:
            return False
        except OSError:
            data = b""
        if not data:
            self._close_report()
            return False
        if len(self._report) < MAX_REPORT:
            self._report += data[: MAX_REPORT - len(self._report)]
        return True

    def _close_report(self) -> None:
        if self._report_fd >= 0:
            self._loop.remove_reader(self._report_fd)
            os.close(self._report_fd)
            self._report_fd = -1

    def resume_output(self) -> None:
        if not self._reading and self.master >= 0:
            self._loop.add_reader(self.master, self._read)
            self._reading = True

    def pause_output(self) -> None:
        if self._reading:
            self._loop.remove_reader(self.master)
            self._reading = False

    def _read(self) -> None:
        try:
            data = os.read(self.master, READ_SIZE)
        except BlockingIOError:
            return
        except OSError:  # EIO: every copy of the slave is closed, the program is gone
            data = b""
        if data:
            self._on_output(data)
        else:
            self.pause_output()

    def write(self, data: bytes) -> None:
        if self.master < 0 or len(self._pending) + len(data) > MAX_PENDING_INPUT:
            return
        had_pending = bool(self._pending)
        self._pending += data
        if not had_pending:
            self._flush()

    def _flush(self) -> None:
        try:
            written = os.write(self.master, self._pending) if self.master >= 0 else len(self._pending)
        except BlockingIOError:
            written = 0
        except OSError:
            written = len(self._pending)
        del self._pending[:written]
        if self._pending:
            self._loop.add_writer(self.master, self._flush)
        elif self.master >= 0:
            self._loop.remove_writer(self.master)

    def resize(self, cols: int, rows: int, xpixels: int = 0, ypixels: int = 0) -> None:
        if self.master >= 0:
            with contextlib.suppress(OSError):
                fcntl.ioctl(self.master, termios.TIOCSWINSZ, winsize(cols, rows, xpixels, ypixels))

    def _drain(self) -> None:
        """Pass on what the program wrote before it exited."""
        while self.master >= 0:
            try:
                data = os.read(self.master, READ_SIZE)
            except OSError:
                return
            if not data:
                return
            self._on_output(data)

    def _reap(self, status: int) -> None:
        self._drain()
        self._close_master()
        while self._report_fd >= 0 and self._read_report():
            pass
        self._close_report()
        self.status = status
        self._on_exit(status)

    def _close_master(self) -> None:
        if self.master >= 0:
            self.pause_output()
            self._loop.remove_writer(self.master)
            os.close(self.master)
            self.master = -1

    def end(self, grace: float = 2.0) -> None:
        """Hang up the program's terminal and SIGTERM it; SIGKILL it if it lingers past `grace`."""
        self._close_master()
        if self.alive:
            self.signal(signal.SIGHUP)
            self.signal(signal.SIGTERM)
            self._loop.call_later(grace, self.signal, signal.SIGKILL)

    def signal(self, signum: int) -> None:
        self._child.signal(signum)
