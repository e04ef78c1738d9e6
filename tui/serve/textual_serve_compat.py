"""The one place serve-web reaches into textual-serve's private parts (tests/test_web.py checks them).

Written for textual-serve 1.1.3. web.py builds on the two classes here and
uses only the public names they add; if an upgrade moves what they rely on,
the tests named in this module's functions fail first.
"""

from __future__ import annotations

import asyncio
import shlex
from typing import Any

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

TEXTUAL_SERVE_VERSION = "1.1.3"


class AppProcess(AppService):
    """textual-serve's app service with the app's environment as a public hook, run without a shell."""

    def environment(self, width: int, height: int) -> dict[str, str]:
        """The app's whole environment (nothing of the server's is added)."""
        raise NotImplementedError

    @property
    def process(self) -> asyncio.subprocess.Process | None:
        """The app's process, once started."""
        process: asyncio.subprocess.Process | None = self._process
        return process

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        return self.environment(width, height)

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        # textual-serve runs the command through a shell; a fixed argument list needs none.
        self._process = process = await asyncio.create_subprocess_exec(
            *shlex.split(self.command),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width, height),
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process


class BrowserServer(Server):
    """textual-serve's server, with its web app and message loop behind public names."""

    async def make_app(self) -> web.Application:
        """The aiohttp application: routes, templates, shutdown hooks."""
        raise NotImplementedError

    async def _make_app(self) -> web.Application:
        return await self.make_app()

    async def process_messages(self, websocket: web.WebSocketResponse, service: Any) -> None:
        """Pass a browser's messages (keys, resizes, pings) to its app until the socket closes."""
        await self._process_messages(websocket, service)
