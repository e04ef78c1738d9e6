"""A session's seat in a class: the server's end of the channel to its app.

The server opens a socket pair for each session in a class and gives the app
one end (beside its pty or pipes, never through them, so nothing a reader
types can forge a message). What the app sends is checked whole against the
protocol and passed to the rooms in order; a student's attempt to lead is
refused and logged. What the room says goes back down the same socket.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket

from ..classroom.protocol import MAX_MESSAGE, BadMessage, Down, UpMessage, decode_up, encode
from ..classroom.room import Refused
from ..classroom.rooms import Rooms

log = logging.getLogger("bolivia_explainer.class")

MAX_QUEUED = 200  # messages from one app not yet passed on: more is a flood, and is dropped


class ClassSeat:
    def __init__(self, rooms: Rooms, code: str, teacher: bool, peer: str) -> None:
        self.code = code
        self.teacher = teacher
        self._rooms = rooms
        self._peer = peer
        self._ours, self.theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._ours.setblocking(False)
        self._member: str | None = None
        self._queue: asyncio.Queue[UpMessage | None] = asyncio.Queue(MAX_QUEUED)
        self._task: asyncio.Task[None] | None = None
        self._closed = False

    def start(self) -> None:
        """Join the class and listen to the app (after its end was handed over: close_theirs)."""
        self._task = asyncio.create_task(self._pump())
        asyncio.get_running_loop().add_reader(self._ours, self._read)

    def close_theirs(self) -> None:
        """The app has its copy of its end; ours must go, or the app's end never reads EOF."""
        self.theirs.close()

    async def _pump(self) -> None:
        role = "teacher" if self.teacher else "student"
        self._member = await self._rooms.join(self.code, self.teacher, self.deliver)
        log.info("class %s: %s %s joined", self.code, role, self._peer)
        while (message := await self._queue.get()) is not None:
            try:
                await self._rooms.send(self._member, message)
            except Refused as refusal:
                log.warning("class %s: refused %s: %s", self.code, self._peer, refusal)
        await self._rooms.leave(self._member)

    def _read(self) -> None:
        while not self._closed:
            try:
                data = self._ours.recv(MAX_MESSAGE + 1)
            except BlockingIOError:
                return
            except OSError:
                data = b""
            if not data:
                self.close()
                return
            try:
                message = decode_up(data)
            except BadMessage as error:
                log.warning("class %s: refused %s: not a class message (%s)", self.code, self._peer, error)
                continue
            with contextlib.suppress(asyncio.QueueFull):
                self._queue.put_nowait(message)

    def deliver(self, message: Down) -> None:
        """Tell the app; an app too busy to read its socket misses this one, not the server's time."""
        if self._closed:
            return
        with contextlib.suppress(OSError):
            self._ours.send(encode(message))

    def close(self) -> None:
        """The session ended: leave the class (in order, after what the app sent) and close."""
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(ValueError, OSError):
            asyncio.get_running_loop().remove_reader(self._ours)
        self._ours.close()
        self.theirs.close()
        if self._task is not None:
            with contextlib.suppress(asyncio.QueueFull):
                self._queue.put_nowait(None)
            if self._queue.full():  # flooded: leave anyway, dropping what is queued
                self._task.cancel()
                asyncio.get_running_loop().create_task(self._leave_now())

    async def _leave_now(self) -> None:
        if self._member is not None:
            await self._rooms.leave(self._member)
