"""The one place serve-web reaches into textual-serve's private parts (tests/test_web.py checks them).

Written for textual-serve 1.1.3. web_server.py and web_session.py build on the two classes here and
uses only the public names they add; if an upgrade moves what they rely on,
the tests named in this module's functions fail first.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from .piped import PipedApp

TEXTUAL_SERVE_VERSION = "1.1.3"


class AppProcess(AppService):
    """textual-serve's app service with the way its app starts as a public hook."""

    _app: PipedApp | None = None

    async def open_process(self, width: int, height: int) -> PipedApp:
        """Start the app for a `width` x `height` terminal: its pipes and exit, as a subprocess has them."""
        raise NotImplementedError

    @property
    def process(self) -> PipedApp | None:
        """The app's process, once started."""
        return self._app

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        # textual-serve runs a shell command; here the fork server forks the app. Its run()
        # reads `_process` for the members a PipedApp shares with asyncio's Process.
        self._app = process = await self.open_process(width, height)
        self._process = process  # type: ignore[assignment]
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
