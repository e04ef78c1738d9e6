"""One program on a pseudo-terminal that is its controlling terminal, driven from asyncio.

The child calls login_tty (setsid, TIOCSCTTY, the slave on fds 0-2), so a
TIOCSWINSZ on the master makes the kernel send it SIGWINCH, and closing the
master hangs it up.  Exit is noticed through a pidfd, so no SIGCHLD handler or
child watcher is needed.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import os
import signal
import struct
import termios
from collections.abc import Callable, Mapping, Sequence

READ_SIZE = 65536
MAX_PENDING_INPUT = 256 * 1024  # a client pasting faster than the app reads loses the excess


def winsize(cols: int, rows: int, xpixels: int = 0, ypixels: int = 0) -> bytes:
    return struct.pack("HHHH", rows, cols, xpixels, ypixels)


class PtyProcess:
    """Spawned at once; `on_output` gets what it writes, `on_exit` its wait status."""

    def __init__(
        self,
        argv: Sequence[str],
        env: Mapping[str, str],
        cols: int,
        rows: int,
        on_output: Callable[[bytes], None],
        on_exit: Callable[[int], None],
    ) -> None:
        self._loop = asyncio.get_running_loop()
        self._on_output = on_output
        self._on_exit = on_exit
        self._pending = bytearray()
        self._reading = False
        self.status: int | None = None
        program, args, environ = argv[0], list(argv), dict(env)  # built before fork
        master, slave = os.openpty()
        try:
            fcntl.ioctl(slave, termios.TIOCSWINSZ, winsize(cols, rows))
            self.pid = os.fork()
            if self.pid == 0:  # pragma: no cover - the child only reaches exec
                try:
                    os.close(master)
                    os.login_tty(slave)
                    os.execve(program, args, environ)
                finally:
                    os._exit(127)
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)
        self.master = master
        os.set_blocking(master, False)
        try:
            self._pidfd = os.pidfd_open(self.pid)
        except OSError:  # Linux before 5.3: no way to watch it, so no app
            self._close_master()
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            raise
        self._loop.add_reader(self._pidfd, self._reap)
        self.resume_output()

    @property
    def alive(self) -> bool:
        return self.status is None

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

    def _reap(self) -> None:
        try:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            pid, status = self.pid, 255 << 8
        if pid == 0:
            return
        self._loop.remove_reader(self._pidfd)
        os.close(self._pidfd)
        self._pidfd = -1
        self._drain()
        self._close_master()
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
            self.signal_group(signal.SIGHUP)
            self.signal_group(signal.SIGTERM)
            self._loop.call_later(grace, self._kill)

    def _kill(self) -> None:
        if self.alive:
            self.signal_group(signal.SIGKILL)

    def signal_group(self, signum: int) -> None:
        # The child leads its own session and process group, so its pgid is its pid.
        try:
            os.killpg(self.pid, signum)
        except OSError as error:
            if error.errno != errno.ESRCH:
                raise
