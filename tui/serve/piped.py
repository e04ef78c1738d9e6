"""A browser session's app from the fork server, on pipes, shaped like an asyncio subprocess.

textual-serve reads an app's stdout and stderr and writes its stdin through
an `asyncio.subprocess.Process`; this gives it the same few members for an
app the fork server forked, so the rest of textual-serve runs unchanged.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Sequence

from .spawner import Child, Spawner


class PipedApp:
    """The members of `asyncio.subprocess.Process` that textual-serve and web_session.py use."""

    def __init__(self, child: Child, stdin: asyncio.StreamWriter, stdout: asyncio.StreamReader,
                 stderr: asyncio.StreamReader, exited: asyncio.Future[int]) -> None:  # fmt: skip
        self._child = child
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self._exited = exited

    @property
    def pid(self) -> int | None:
        return self._child.pid

    @property
    def returncode(self) -> int | None:
        status = self._child.status
        return None if status is None else os.waitstatus_to_exitcode(status)

    async def wait(self) -> int:
        return os.waitstatus_to_exitcode(await asyncio.shield(self._exited))

    def send_signal(self, signum: int) -> None:
        self._child.signal(signum)

    def terminate(self) -> None:
        self._child.signal(signal.SIGTERM)

    def kill(self) -> None:
        self._child.signal(signal.SIGKILL)


async def start_piped(
    spawner: Spawner, argv: list[str], env: dict[str, str], extra_fds: Sequence[int] = ()
) -> PipedApp:
    """Ask the fork server for an app whose stdin, stdout and stderr are pipes to this process.

    `extra_fds` go to the app too (a class channel); the caller keeps and closes its own.
    """
    loop = asyncio.get_running_loop()
    exited: asyncio.Future[int] = loop.create_future()

    def on_exit(status: int) -> None:
        if not exited.done():
            exited.set_result(status)

    stdin_read, stdin_write = os.pipe()
    stdout_read, stdout_write = os.pipe()
    stderr_read, stderr_write = os.pipe()
    fds = [stdin_read, stdout_write, stderr_write, *extra_fds]
    try:
        child = spawner.spawn("pipes", argv, env, fds, on_exit)
    except BaseException:
        for fd in (stdin_write, stdout_read, stderr_read):
            os.close(fd)
        raise
    finally:
        for fd in (stdin_read, stdout_write, stderr_write):
            os.close(fd)
    stdout = await _reader(loop, stdout_read)
    stderr = await _reader(loop, stderr_read)
    stdin = await _writer(loop, stdin_write)
    return PipedApp(child, stdin, stdout, stderr, exited)


async def _reader(loop: asyncio.AbstractEventLoop, fd: int) -> asyncio.StreamReader:
    reader = asyncio.StreamReader(limit=2**16)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(fd, "rb", 0))
    return reader


async def _writer(loop: asyncio.AbstractEventLoop, fd: int) -> asyncio.StreamWriter:
    # A StreamReaderProtocol gives the writer flow control (drain), as asyncio's own pipes have.
    protocol = asyncio.StreamReaderProtocol(asyncio.StreamReader())
    transport, _ = await loop.connect_write_pipe(lambda: protocol, os.fdopen(fd, "wb", 0))
    return asyncio.StreamWriter(transport, protocol, None, loop)
