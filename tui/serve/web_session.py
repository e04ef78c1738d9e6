"""One browser's session: its app from the fork server, on pipes, guarded.

Added to textual-serve's app service: the app is forked, not run by a shell;
a hostile page's keystrokes go through the input filter; sizes are clamped;
only "exit" goes from the app to the browser (no downloads, no "open URL");
an app that will not quit is killed.
"""

from __future__ import annotations

import asyncio
import json
import logging
import shlex
import time
from typing import Any

from .class_seat import ClassSeat
from .environment import app_environment
from .input_filter import InputFilter
from .piped import PipedApp, start_piped
from .spawner import Spawner
from .textual_serve_compat import AppProcess

log = logging.getLogger("bolivia_explainer.web")

MAX_COLS, MAX_ROWS = 400, 200  # as over SSH: bigger costs memory and time, helps no reader
STOP_GRACE = 3.0  # seconds an app gets to quit before it is killed


# Read by Textual when it is imported: set for the fork server, so every app it forks has them.
WEB_DRIVER = {
    "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
    "TEXTUAL_FPS": "60",
    "TEXTUAL_COLOR_SYSTEM": "truecolor",
}


def cells(value: object, default: int, limit: int) -> int:
    """A size from a browser: a positive number up to `limit`, else `default`."""
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        return default
    return min(value, limit)


class GuardedAppService(AppProcess):
    """One browser's app, forked by the fork server; only "exit" goes from the app to the browser."""

    def __init__(
        self, spawner: Spawner, argv: list[str], seat: ClassSeat | None = None, **kwargs: Any
    ) -> None:
        """`seat`: the session's place in a class, when the page was a class's."""
        super().__init__(shlex.join(argv), **kwargs)
        self._spawner = spawner
        self._seat = seat
        self._argv = argv
        self._input = InputFilter()  # a hostile page can send any keystrokes
        self.last_input = time.monotonic()
        self.heard = asyncio.Event()
        """Set by the page's first message: a browser is really there."""

    @property
    def in_class(self) -> bool:
        return self._seat is not None

    async def open_process(self, width: int, height: int) -> PipedApp:
        env = {**app_environment(), **WEB_DRIVER, "COLUMNS": str(width), "ROWS": str(height)}
        seat = self._seat
        extra = [] if seat is None else [seat.theirs.fileno()]
        try:
            piped = await start_piped(self._spawner, self._argv, env, extra)
        except BaseException:
            if seat is not None:
                seat.close()
            raise
        if seat is not None:
            seat.close_theirs()
            seat.start()
        return piped

    async def send_bytes(self, data: bytes) -> bool:
        self.last_input = time.monotonic()
        self.heard.set()
        return await super().send_bytes(self._input.feed(data))

    async def run(self) -> None:
        await super().run()
        await self.remote_close()  # the app is gone (quit, or crashed): so is the session

    async def on_meta(self, data: bytes) -> None:
        meta = json.loads(data)
        kind = meta.get("type") if isinstance(meta, dict) else None
        if kind == "exit":
            await self.remote_close()
        else:  # open_url, deliver_file_start: the app never sends them; drop them if it did
            log.warning("dropped a %r message from an app", kind)

    async def on_packed(self, payload: bytes) -> None:
        """Packed messages carry file downloads: none are offered."""

    async def set_terminal_size(self, width: int, height: int) -> None:
        self.heard.set()
        await super().set_terminal_size(cells(width, 80, MAX_COLS), cells(height, 24, MAX_ROWS))

    async def end(self) -> None:
        """Ask the app to quit; kill it if it has not within STOP_GRACE seconds."""
        if self._seat is not None:
            self._seat.close()
        process = self.process
        if process is not None and process.returncode is None:
            await self.send_meta({"type": "quit"})
            try:
                await asyncio.wait_for(process.wait(), STOP_GRACE)
            except TimeoutError:
                process.kill()
                await process.wait()
        await self.stop()  # the app is gone: this reads the rest of its output
