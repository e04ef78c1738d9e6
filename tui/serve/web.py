"""`bolivia-explainer serve-web`: the explainer in a browser, through textual-serve.

Each page's websocket gets its own app process. Added to textual-serve: a cap on
sessions; a fixed command run without a shell, in a small environment; no
downloads or "open URL" from app to browser; clamped sizes; a page that loads
nothing from other sites and finds its websocket from its own address (so it
works behind a proxy); a shutdown that leaves no app process behind.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import ipaddress
import json
import logging
import re
import shlex
import signal
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web

from ..doc.words import checked
from ..model import ContentError, default_root, languages, load
from ..options import EXIT_USAGE, accept_language_preferences, choose_language, content_options
from .environment import app_environment
from .input_filter import InputFilter
from .textual_serve_compat import AppProcess, BrowserServer

log = logging.getLogger("bolivia_explainer.web")

FULL = "The explainer is full ({limit} sessions); try again later."
SHUTDOWN = "The server is shutting down; try again later."
CROSS_SITE = "This page is not the explainer's own; open the explainer's address directly."
UNKNOWN_HOST = "This server does not answer to the name {name!r}; start it with --allow-host {name}."
IDLE = "Closed after {seconds:g} s without a key press; reload the page to start again."
POLICY = 1008  # websocket close code: the session broke a rule (idle too long)
TRY_AGAIN_LATER = 1013  # websocket close code
GOING_AWAY = 1001
MAX_COLS, MAX_ROWS = 400, 200  # as over SSH: bigger costs memory and time, helps no reader
MAX_MESSAGE = 64 * 1024  # one websocket message from a browser: a key, a paste, a resize
STOP_GRACE = 3.0  # seconds an app gets to quit before it is killed

# Replaces the stock page's Google Fonts link: the font textual-serve ships, the
# page's title, the websocket found from the page's own address (not the address
# the server listens on, which a proxy hides), and the reason a session was closed.
_HEAD = """<title>{{ application.name }}</title>
    <link rel="icon" href="data:," />
    <link rel="preload" as="font" type="font/ttf" crossorigin
      href="{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf" />
    <style>@font-face { font-family: "Roboto Mono";
      src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf"); }</style>
    <script>
      addEventListener("DOMContentLoaded", () => {
        const url = new URL("ws", location.href);
        url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
        document.getElementById("terminal").dataset.sessionWebsocketUrl = url.href;
      });
      const PageSocket = WebSocket;
      window.WebSocket = class extends PageSocket {
        constructor(url, protocols) {
          super(url, protocols);
          this.addEventListener("open", () => document.querySelector("#terminal textarea")?.focus());
          this.addEventListener("close", (event) => {
            const message = document.querySelector(".closed-dialog .message");
            if (event.reason && message) message.textContent = event.reason;
          });
        }
      };
    </script>"""
_FONT_LINK = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>")
# Under the title on the page shown while a session starts and after it ends.
_NAME = "<div>{{ application.name or 'Textual Application' }}</div>"
_NAME_AND_CHECKED = (
    "<div>{{ application.name }}"
    '{% if application.checked %}<p class="checked" style="font-size:13px;opacity:.8">'
    "{{ application.checked }}</p>{% endif %}</div>"
)
_MESSAGE_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title></head>
<body style="background:#0c181f;color:#fff;font:18px monospace;padding:3em">
<p>{message}</p></body></html>
"""


def _cells(value: object, default: int, limit: int) -> int:
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        return default
    return min(value, limit)


def app_command(content: Path | None, theme: str) -> list[str]:
    argv = [sys.executable, "-m", "tui"]
    if content is not None:
        argv += ["--content", str(content)]
    return [*argv, "--theme", theme]


class GuardedAppService(AppProcess):
    """One browser's app process, run without a shell; only "exit" goes from the app to the browser."""

    def environment(self, width: int, height: int) -> dict[str, str]:
        web_driver = {"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver", "TEXTUAL_FPS": "60"}
        size = {"COLUMNS": str(width), "ROWS": str(height)}
        return {**app_environment(), **web_driver, "TEXTUAL_COLOR_SYSTEM": "truecolor", **size}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._input = InputFilter()  # a hostile page can send any keystrokes
        self.last_input = time.monotonic()

    async def send_bytes(self, data: bytes) -> bool:
        self.last_input = time.monotonic()
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
        await super().set_terminal_size(_cells(width, 80, MAX_COLS), _cells(height, 24, MAX_ROWS))

    async def end(self) -> None:
        """Ask the app to quit; kill it if it has not within STOP_GRACE seconds."""
        process = self.process
        if process is not None and process.returncode is None:
            await self.send_meta({"type": "quit"})
            try:
                await asyncio.wait_for(process.wait(), STOP_GRACE)
            except TimeoutError:
                process.kill()
                await process.wait()
        await self.stop()  # the app is gone: this reads the rest of its output


class WebServer(BrowserServer):
    def __init__(
        self,
        argv: list[str],
        max_sessions: int,
        title: str,
        languages: tuple[str, ...] = ("en",),
        checked: dict[str, str] | None = None,
        idle_timeout: float = 600,
        origins: tuple[str, ...] = (),
        hosts: tuple[str, ...] = (),
    ) -> None:
        super().__init__(shlex.join(argv), title=title)
        self.idle_timeout = idle_timeout
        self.origins = {origin.lower().rstrip("/") for origin in origins}
        """Pages elsewhere that may open sessions (beside the server's own address)."""
        self.hosts = {host.lower() for host in hosts} | {"localhost"}
        """Names the server answers to; addresses (127.0.0.1, 192.168.1.5, [::1]) always do."""
        self.languages = languages
        self.checked = checked or {}
        """Per language: "Checked against the record as of ...", for the page."""
        self.max_sessions = max_sessions
        self.sessions: dict[web.WebSocketResponse, GuardedAppService] = {}
        self.closing = False

    def refusal(self) -> str | None:
        if self.closing:
            return SHUTDOWN
        return FULL.format(limit=self.max_sessions) if len(self.sessions) >= self.max_sessions else None

    async def make_app(self) -> web.Application:
        app = web.Application()
        page = (self.templates_path / "app_index.html").read_text(encoding="utf-8")
        page, found = _FONT_LINK.subn(_HEAD, page)
        page, named = re.subn(re.escape(_NAME), _NAME_AND_CHECKED, page)
        if found != 1 or named != 1:
            raise RuntimeError("textual-serve's page has changed: check serve-web against it")
        aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({"app_index.html": page}), autoescape=True)
        app.add_routes(
            [
                web.get("/", self.index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.static("/static", self.statics_path, name="static"),  # no download route
            ]
        )
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def index(self, request: web.Request) -> web.StreamResponse:
        name = self.unknown_host(request)
        refusal = UNKNOWN_HOST.format(name=name) if name is not None else self.refusal()
        if refusal is not None:
            text = _MESSAGE_PAGE.format(title=html.escape(self.title), message=html.escape(refusal))
            return web.Response(status=403 if name else 503, text=text, content_type="text/html")
        context: dict[str, Any] = {
            "font_size": max(8, _cells(request.query.get("fontsize"), 16, 48)),
            "app_websocket_url": "",  # set by the page from its own address
            "config": {"static": {"url": "static/"}},
            "application": {
                "name": self.title,
                "checked": self.checked.get(self.language_for(request.headers.get("Accept-Language", ""))),
            },
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    def unknown_host(self, request: web.Request) -> str | None:
        """A name the server was not told it has: what a DNS-rebinding page would use."""
        name = urlsplit(f"//{request.host}").hostname or ""
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return None if name in self.hosts else name
        return None

    def same_site(self, request: web.Request) -> bool:
        """A browser opening a session from another site's page (or a rebinding name) is refused.

        Browsers always send Origin with a websocket; the page must come from the
        address the browser asked this server for (through a proxy: the forwarded
        host), or from an origin named with --allow-origin.
        """
        origin = request.headers.get("Origin")
        if origin is None:  # not a browser: no cookie or page to abuse
            return True
        origin = origin.lower().rstrip("/")
        hosts = {request.host.lower(), request.headers.get("X-Forwarded-Host", "").lower()} - {""}
        return urlsplit(origin).netloc in hosts or origin in self.origins

    async def _watch_idle(self, websocket: web.WebSocketResponse, service: GuardedAppService) -> None:
        """Heartbeats keep a tab alive; only keys count as a reader being there."""
        while not websocket.closed:
            left = service.last_input + self.idle_timeout - time.monotonic()
            if left <= 0:
                log.info("session closed: idle")
                await websocket.close(code=POLICY, message=IDLE.format(seconds=self.idle_timeout).encode())
                return
            await asyncio.sleep(min(left, 5.0))

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self.same_site(request) or self.unknown_host(request) is not None:
            log.warning("refused a websocket from %r for %r", request.headers.get("Origin"), request.host)
            raise web.HTTPForbidden(text=CROSS_SITE)
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        await websocket.prepare(request)
        refusal = self.refusal()
        if refusal is not None:
            await websocket.close(code=TRY_AGAIN_LATER, message=refusal.encode())
            return websocket

        async def close() -> None:  # the app quit (q): the page says the session ended
            await websocket.close()

        send_bytes, send_str = websocket.send_bytes, websocket.send_str
        service = GuardedAppService(
            self.command_for(request.headers.get("Accept-Language", "")),
            write_bytes=send_bytes,
            write_str=send_str,
            close=close,
            download_manager=self.download_manager,
        )
        self.sessions[websocket] = service
        log.info("session opened (%d of %d)", len(self.sessions), self.max_sessions)
        watch = asyncio.create_task(self._watch_idle(websocket, service)) if self.idle_timeout > 0 else None
        try:
            query = request.query
            width = _cells(query.get("width"), 80, MAX_COLS)
            await service.start(width, _cells(query.get("height"), 24, MAX_ROWS))
            await self.process_messages(websocket, service)
        except Exception as error:  # a malformed message ends that session alone
            log.info("session ended: %r", error)
        finally:
            if watch is not None:
                watch.cancel()
            await service.end()
            del self.sessions[websocket]
            log.info("session closed (%d left)", len(self.sessions))
        return websocket

    def language_for(self, accept_language: str) -> str:
        """The first of the browser's languages that the content has, else the content's first."""
        return choose_language(accept_language_preferences(accept_language), self.languages)

    def command_for(self, accept_language: str) -> str:
        """The app's command, in the browser's first language when the content has it."""
        wanted = self.language_for(accept_language)
        if wanted != self.languages[0]:
            return f"{self.command} --lang {shlex.quote(wanted)}"
        return self.command

    async def on_shutdown(self, app: web.Application) -> None:
        self.closing = True
        log.info("stopping: ending %d sessions", len(self.sessions))
        for websocket in list(self.sessions):
            await websocket.close(code=GOING_AWAY, message=SHUTDOWN.encode())


def _parser() -> argparse.ArgumentParser:
    shared = content_options(theme="colour theme of every session (default: dark)", theme_default="dark")
    parser = argparse.ArgumentParser(
        prog="bolivia-explainer serve-web",
        parents=[shared],
        description="Serve the explainer to web browsers: each page gets its own app. "
        "Anyone who can reach the address may open it.",
    )
    add = parser.add_argument
    add("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1; 0.0.0.0 for all)")
    add("--port", type=int, default=8000, help="port to listen on (default: 8000; 0 picks a free one)")
    add("--max-sessions", type=int, default=50, metavar="N", help="sessions at once (default: 50)")
    add("--idle-timeout", type=float, default=600, metavar="SECONDS",
        help="close a session after this long without a key press (default: 600; 0: never)")  # fmt: skip
    add("--allow-host", action="append", default=[], metavar="NAME",
        help="a host name readers use, e.g. explainer.school.example (addresses always work)")  # fmt: skip
    add("--allow-origin", action="append", default=[], metavar="URL",
        help="another site whose pages may open sessions, e.g. https://school.example")  # fmt: skip
    return parser


def _fail(message: str) -> int:
    print(f"bolivia-explainer serve-web: {message}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    content = args.content.resolve() if args.content else None
    try:
        title = load(content or default_root()).index.title  # a broken folder fails here, not per page
    except ContentError as error:
        first = error.problems[0]
        where = f"{first.file}:{first.line}: " if first.file else ""
        return _fail(f"content in {content or default_root()} has problems ({where}{first.message}); "
                     "run 'bolivia-explainer check' for all")  # fmt: skip
    if args.max_sessions < 1 or not 0 <= args.port <= 65535:
        return _fail("--max-sessions must be at least 1, --port from 0 to 65535")
    langs = tuple(languages(content or default_root()))
    checked = _checked_lines(content or default_root(), langs)
    if args.idle_timeout < 0:
        return _fail("--idle-timeout must be 0 (never) or more")
    server = WebServer(
        app_command(content, args.theme), args.max_sessions, title, langs, checked,
        idle_timeout=args.idle_timeout, origins=tuple(args.allow_origin), hosts=tuple(args.allow_host),
    )  # fmt: skip
    try:
        return asyncio.run(_serve(server, args.host, args.port))
    except OSError as error:
        return _fail(f"cannot listen on {args.host}:{args.port}: {error.strerror or error}")


def _checked_lines(root: Path, langs: tuple[str, ...]) -> dict[str, str]:
    """The "checked as of" line in each language the content has."""
    lines = {}
    for lang in langs:
        try:
            lines[lang] = checked(load(root, lang=lang))
        except ContentError:
            continue  # a broken translation: its sessions say so themselves
    return lines


async def _serve(server: WebServer, host: str, port: int) -> int:
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        asyncio.get_running_loop().add_signal_handler(signum, stop.set)
    runner = web.AppRunner(await server.make_app(), handle_signals=False, shutdown_timeout=STOP_GRACE + 2)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
        shown = f"[{host}]" if ":" in host else host
        print(f"serving the explainer on http://{shown}:{runner.addresses[0][1]}/ "
              f"(up to {server.max_sessions} sessions; ctrl+c stops)", flush=True)  # fmt: skip
        await stop.wait()
    finally:
        await runner.cleanup()
    return 0
