"""An app's end of its class channel: the socket its server handed it (see serve/class_seat.py)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Callable, Mapping

from ..served import CLASS_ENV
from .protocol import MAX_MESSAGE, BadMessage, DownMessage, UpMessage, decode_down, encode

log = logging.getLogger("bolivia_explainer.class")


class ClassLink:
    def __init__(self, channel: socket.socket) -> None:
        self._channel = channel
        self._channel.setblocking(False)
        self._on_message: Callable[[DownMessage], None] = lambda _: None
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
        if channel.type != socket.SOCK_SEQPACKET:
            channel.detach()
            return None
        os.set_inheritable(channel.fileno(), False)
        return cls(channel)

    def start(self, on_message: Callable[[DownMessage], None]) -> None:
        """Hand each message from the server to `on_message`, in the running loop."""
        self._on_message = on_message
        asyncio.get_running_loop().add_reader(self._channel, self._read)

    def _read(self) -> None:
        while self.open:
            try:
                data = self._channel.recv(MAX_MESSAGE)
            except BlockingIOError:
                return
            except OSError:
                data = b""
            if not data:
                self.close()
                return
            try:
                message = decode_down(data)
            except BadMessage:
                continue  # from our own server: a newer one, perhaps; nothing to act on
            self._on_message(message)

    def send(self, message: UpMessage) -> None:
        if not self.open:
            return
        try:
            self._channel.send(encode(message))
        except BlockingIOError:
            pass  # the server is not reading: this one is dropped, the next state says it again
        except OSError:
            self.close()

    def close(self) -> None:
        if not self.open:
            return
        self.open = False
        with contextlib.suppress(ValueError, OSError, RuntimeError):
            asyncio.get_running_loop().remove_reader(self._channel)
        self._channel.close()
