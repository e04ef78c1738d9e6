"""An app's end of its class channel: the socket its server handed it (see serve/class_seat.py).

Lines of JSON each way. Reading runs as a task in the app's loop; writing is
buffered by asyncio and never blocks the app.
"""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import Callable, Mapping

from ..served import CLASS_ENV
from .protocol import MAX_MESSAGE, BadMessage, DownMessage, UpMessage, decode_down, encode


class ClassLink:
    def __init__(self, channel: socket.socket) -> None:
        self._channel = channel
        self._writer: asyncio.StreamWriter | None = None
        self._task: asyncio.Task[None] | None = None
        self.open = True

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> ClassLink | None:
        """The link a server gave this app, if it runs in a class."""
        fd = environ.get(CLASS_ENV, "")
        if not fd.isdecimal():
            return None
        try:
            channel = socket.socket(fileno=int(fd))
        except OSError:
            return None
        if channel.family != socket.AF_UNIX or channel.type != socket.SOCK_STREAM:
            channel.detach()
            return None
        os.set_inheritable(channel.fileno(), False)
        return cls(channel)

    def start(self, on_message: Callable[[DownMessage], None], on_lost: Callable[[], None]) -> None:
        """Hand each message from the server to `on_message`, in the running loop; `on_lost`
        is called once if the channel ends while the app runs."""
        self._task = asyncio.create_task(self._read(on_message, on_lost))

    async def _read(self, on_message: Callable[[DownMessage], None], on_lost: Callable[[], None]) -> None:
        reader, self._writer = await asyncio.open_unix_connection(sock=self._channel, limit=MAX_MESSAGE)
        try:
            while line := await reader.readline():
                try:
                    message = decode_down(line)
                except BadMessage:
                    continue  # from our own server: a newer one, perhaps; nothing to act on
                on_message(message)
        except (ValueError, OSError):
            pass  # a line over the limit, or the server's end broke: the class is gone
        if self.open:
            self.close()
            on_lost()

    def send(self, message: UpMessage) -> None:
        writer = self._writer
        if self.open and writer is not None and not writer.is_closing():
            writer.write(encode(message) + b"\n")

    def close(self) -> None:
        if not self.open:
            return
        self.open = False
        if self._writer is not None:
            self._writer.close()
        elif self._task is None:
            self._channel.close()
