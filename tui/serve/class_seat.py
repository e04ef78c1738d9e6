"""A session's seat in a class: the server's end of the channel to its app.

The server opens a socket pair for each session in a class and gives the app
one end (beside its pty or pipes, never through them, so nothing a reader
types can forge a message). Messages are lines of JSON. What the app sends is
checked whole against the protocol and passed to the rooms in order; a
student's attempt to lead is refused and logged. What the room says goes
back down the same socket, buffered: a message is never dropped, but an app
that stops reading altogether loses its seat.
"""

from __future__ import annotations

import asyncio
import logging
import socket

from ..classroom.protocol import MAX_MESSAGE, BadMessage, Down, decode_up, encode
from ..classroom.room import Refused
from ..classroom.rooms import Rooms

log = logging.getLogger("bolivia_explainer.class")

MAX_UNREAD = 4 * 1024 * 1024  # bytes an app has not read yet: past this it is stuck, not slow


class ClassSeat:
    def __init__(self, rooms: Rooms, code: str, teacher: bool, peer: str) -> None:
        self.code = code
        self.teacher = teacher
        self._rooms = rooms
        self._peer = peer
        self._ours, self.theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self._writer: asyncio.StreamWriter | None = None
        self._task: asyncio.Task[None] | None = None
        self._closed = False

    def start(self) -> None:
        """Join the class and listen to the app (after its end was handed over: close_theirs)."""
        self._task = asyncio.create_task(self._serve())

    def close_theirs(self) -> None:
        """The app has its copy of its end; ours must go, or the app's end never reads EOF."""
        self.theirs.close()

    async def _serve(self) -> None:
        reader, self._writer = await asyncio.open_unix_connection(sock=self._ours, limit=MAX_MESSAGE)
        role = "teacher" if self.teacher else "student"
        member = await self._rooms.join(self.code, self.teacher, self.deliver)
        log.info("class %s: %s %s joined", self.code, role, self._peer)
        try:
            while not self._closed and (line := await reader.readline()):
                await self._received(member, line)
        except ConnectionResetError:
            pass  # the app ended: its session's end is logged already
        except (ValueError, OSError) as error:  # a line over the limit, or the app's end broke
            log.warning("class %s: closed the channel of %s: %s", self.code, self._peer, error)
        finally:
            await self._rooms.leave(member)
            self._close_socket()

    async def _received(self, member: str, line: bytes) -> None:
        try:
            message = decode_up(line)
        except BadMessage as error:
            log.warning("class %s: refused %s: not a class message (%s)", self.code, self._peer, error)
            return
        try:
            await self._rooms.send(member, message)
        except Refused as refusal:
            log.warning("class %s: refused %s: %s", self.code, self._peer, refusal)

    def deliver(self, message: Down) -> None:
        writer = self._writer
        if self._closed or writer is None or writer.is_closing():
            return
        if writer.transport.get_write_buffer_size() > MAX_UNREAD:
            log.warning("class %s: %s stopped reading its channel; closed it", self.code, self._peer)
            self.close()
            return
        writer.write(encode(message) + b"\n")

    def close(self) -> None:
        """The session ended: leave the class (after what the app sent) and close the channel."""
        if self._closed:
            return
        self._closed = True
        self.theirs.close()
        if self._writer is not None:
            self._writer.close()  # the reader sees EOF; _serve leaves the room
        elif self._task is not None:
            self._task.cancel()  # not connected yet: nothing joined
            self._ours.close()

    def _close_socket(self) -> None:
        self._closed = True
        if self._writer is not None:
            self._writer.close()
