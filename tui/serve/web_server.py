"""The web server: textual-serve's, with the explainer's page, limits and checks.

Added to textual-serve: caps on sessions (in all and per address); a page that
loads nothing from other sites and finds its websocket from its own address
(so it works behind a proxy); host-name and Origin checks; login and idle
timeouts; titles and languages from the fork server, so a reload reaches them;
a shutdown that tells every page.
"""

from __future__ import annotations

import asyncio
import html
import ipaddress
import logging
import re
import shlex
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web

from ..classroom.rooms import Rooms, is_class_code
from ..options import accept_language_preferences, choose_language
from .class_seat import ClassSeat
from .classes import idle_limit
from .spawner import Spawner
from .textual_serve_compat import BrowserServer
from .web_session import MAX_COLS, MAX_ROWS, GuardedAppService, cells
from .web_text import TextVersion

log = logging.getLogger("bolivia_explainer.web")

FULL = "The explainer is full ({limit} sessions); try again later."
PER_IP = "Too many sessions from your address ({limit}); close one or try again later."
SHUTDOWN = "The server is shutting down; try again later."
SILENT = "The page never started its session; reload it to try again."
CROSS_SITE = "This page is not the explainer's own; open the explainer's address directly."
NO_CLASS = "No such class: a class code is lower-case letters and digits ending in a digit, like bolivia7."
UNKNOWN_HOST = "This server does not answer to the name {name!r}; start it with --allow-host {name}."
IDLE = "Closed after {seconds:g} s without a key press; reload the page to start again."
POLICY = 1008  # websocket close code: the session broke a rule (idle too long)
TRY_AGAIN_LATER = 1013  # websocket close code
GOING_AWAY = 1001
MAX_MESSAGE = 64 * 1024  # one websocket message from a browser: a key, a paste, a resize

# Replaces the stock page's Google Fonts link: the font textual-serve ships, the
# page's title, a phone's own width (not a desktop page's 980 px, which made its
# terminal too wide to read there), the websocket found from the page's own address (not the address
# the server listens on, which a proxy hides), and the reason a session was closed.
_HEAD = """<title>{{ application.name }}</title>
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" href="data:," />
    <link rel="preload" as="font" type="font/ttf" crossorigin
      href="{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf" />
    <style>@font-face { font-family: "Roboto Mono";
      src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf"); }
      .text-version { position: absolute; left: -9999px; top: 0; z-index: 9; padding: .5em;
        background: #fff; color: #000; font: 16px sans-serif; }
      .text-version:focus { left: 0; }</style>
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
# First on the page, shown when it has the focus (tab): the handout as text, for a screen
# reader or a phone, at the address beside the page's own (/text, or /c/CODE/text).
_TEXT_LINK = '<a href="text" class="text-version">{{ text_version }}</a>'
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


DEFAULT_FONT_SIZE = 16
MIN_FONT_SIZE, MAX_FONT_SIZE = 8, 48


def font_size(asked: object, default: int) -> int:
    """A page's font size: what its address asks for, within bounds, else the server's."""
    return max(MIN_FONT_SIZE, cells(asked, default, MAX_FONT_SIZE))


@dataclass(frozen=True)
class Limits:
    max_sessions: int = 100
    max_per_ip: int = 60  # a class behind one school address
    idle_timeout: float = 600  # seconds without a key; 0: never
    login_timeout: float = 30  # seconds for a page to speak once its session opens


class WebServer(BrowserServer):
    def __init__(
        self,
        spawner: Spawner,
        args: list[str],
        limits: Limits = Limits(),
        origins: tuple[str, ...] = (),
        hosts: tuple[str, ...] = (),
        rooms: Rooms | None = None,
        font_size: int = DEFAULT_FONT_SIZE,
        content: Path | None = None,
    ) -> None:
        """`rooms`: the class rooms that /c/CODE/ joins (None: no classes here); `font_size`:
        the terminal's, in CSS pixels, unless a page's address asks for another (?fontsize=28)."""
        super().__init__(shlex.join(args), title="")
        self.font_size = font_size
        self.text = TextVersion(content)
        self.spawner = spawner
        self.rooms = rooms
        self.args = args
        self.limits = limits
        self.origins = {origin.lower().rstrip("/") for origin in origins}
        """Pages elsewhere that may open sessions (beside the server's own address)."""
        self.hosts = {host.lower() for host in hosts} | {"localhost"}
        """Names the server answers to; addresses (127.0.0.1, 192.168.1.5, [::1]) always do."""
        self.sessions: dict[web.WebSocketResponse, GuardedAppService] = {}
        self._per_ip: Counter[str] = Counter()
        self.closing = False

    @property
    def languages(self) -> tuple[str, ...]:
        return self.spawner.languages

    def title_in(self, lang: str) -> str:
        titles: dict[str, str] = self.spawner.info.get("titles", {})
        return titles.get(lang) or next(iter(titles.values()), "")

    def refusal(self, ip: str) -> str | None:
        if self.closing:
            return SHUTDOWN
        if len(self.sessions) >= self.limits.max_sessions:
            return FULL.format(limit=self.limits.max_sessions)
        if self._per_ip[ip] >= self.limits.max_per_ip:
            return PER_IP.format(limit=self.limits.max_per_ip)
        return None

    async def make_app(self) -> web.Application:
        app = web.Application()
        page = (self.templates_path / "app_index.html").read_text(encoding="utf-8")
        page, found = _FONT_LINK.subn(_HEAD, page)
        page, named = re.subn(re.escape(_NAME), _NAME_AND_CHECKED, page)
        page, tagged = re.subn(r"<html>", '<html lang="{{ lang }}">', page)
        page, linked = re.subn(r"(<body[^>]*>)", r"\1" + _TEXT_LINK, page)
        if found != 1 or named != 1 or tagged != 1 or linked != 1:
            raise RuntimeError("textual-serve's page has changed: check serve-web against it")
        aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({"app_index.html": page}), autoescape=True)
        app.add_routes(
            [
                web.get("/", self.index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/text", self.text_version),
                web.static("/static", self.statics_path, name="static"),  # no download route
            ]
        )
        if self.rooms is not None:  # a class's own page: its websocket joins the class
            app.add_routes(
                [
                    web.get("/c/{code}", self.to_class_page),
                    web.get("/c/{code}/", self.index),
                    web.get("/c/{code}/ws", self.handle_websocket),
                    web.get("/c/{code}/text", self.text_version),
                ]
            )
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def to_class_page(self, request: web.Request) -> web.StreamResponse:
        """/c/CODE is /c/CODE/, where the page's relative addresses (ws, static) work."""
        self.class_code(request)
        raise web.HTTPFound(f"{request.match_info['code']}/")

    def class_code(self, request: web.Request) -> str | None:
        """The class a request is for; 404 for a code that cannot be one."""
        code = request.match_info.get("code")
        if code is not None and not is_class_code(code):
            raise web.HTTPNotFound(text=NO_CLASS)
        return code

    async def text_version(self, request: web.Request) -> web.StreamResponse:
        self.class_code(request)
        name = self.unknown_host(request)
        if name is not None:
            raise web.HTTPForbidden(text=UNKNOWN_HOST.format(name=name))
        lang = self.language_for(request.headers.get("Accept-Language", ""))
        return self.text.response(lang, id(self.spawner.info))

    async def index(self, request: web.Request) -> web.StreamResponse:
        code = self.class_code(request)
        name = self.unknown_host(request)
        refusal = UNKNOWN_HOST.format(name=name) if name is not None else self.refusal(_address(request))
        lang = self.language_for(request.headers.get("Accept-Language", ""))
        if refusal is not None:
            text = _MESSAGE_PAGE.format(title=html.escape(self.title_in(lang)), message=html.escape(refusal))
            return web.Response(status=403 if name else 503, text=text, content_type="text/html")
        checked: dict[str, str] = self.spawner.info.get("checked", {})
        context: dict[str, Any] = {
            "font_size": font_size(request.query.get("fontsize"), self.font_size),
            "app_websocket_url": "",  # set by the page from its own address
            "config": {"static": {"url": "static/" if code is None else "../../static/"}},
            "application": {"name": self.title_in(lang), "checked": checked.get(lang)},
            "lang": lang,
            "text_version": self.spawner.info.get("text_version", {}).get(lang, "Text version"),
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

    async def _watch(self, websocket: web.WebSocketResponse, service: GuardedAppService) -> None:
        """Close a session whose page never speaks (not a browser), or whose reader has gone idle.

        Heartbeats keep a tab alive; only keys count as a reader being there.
        """
        limits, opened = self.limits, time.monotonic()
        idle = idle_limit(limits.idle_timeout, service.in_class)
        while not websocket.closed:
            now, waits = time.monotonic(), [5.0]
            if not service.heard.is_set():
                if now - opened >= limits.login_timeout:
                    log.info("session closed: its page never spoke in %g s", limits.login_timeout)
                    await websocket.close(code=POLICY, message=SILENT.encode())
                    return
                waits.append(opened + limits.login_timeout - now)
            if idle > 0:
                if now - service.last_input >= idle:
                    log.info("session closed: idle")
                    await websocket.close(code=POLICY, message=IDLE.format(seconds=idle).encode())
                    return
                waits.append(service.last_input + idle - now)
            await asyncio.sleep(max(min(waits), 0.05))

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self.same_site(request) or self.unknown_host(request) is not None:
            log.warning("refused a websocket from %r for %r", request.headers.get("Origin"), request.host)
            raise web.HTTPForbidden(text=CROSS_SITE)
        code = self.class_code(request)
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        await websocket.prepare(request)
        ip = _address(request)
        refusal = self.refusal(ip)
        if refusal is not None:
            log.info("refused %s: %s", ip, refusal)
            await websocket.close(code=TRY_AGAIN_LATER, message=refusal.encode())
            return websocket

        async def close() -> None:  # the app quit (q): the page says the session ended
            await websocket.close()

        lang = self.language_for(request.headers.get("Accept-Language", ""))
        seat = None
        if code is not None and self.rooms is not None:
            seat = ClassSeat(self.rooms, code, False, f"{ip} (web)")  # a browser is never a teacher
        service = GuardedAppService(
            self.spawner,
            self.args_for(lang),
            seat=seat,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
        )
        self.sessions[websocket] = service
        self._per_ip[ip] += 1
        started = time.monotonic()
        query = request.query
        width, height = cells(query.get("width"), 80, MAX_COLS), cells(query.get("height"), 24, MAX_ROWS)
        joined = "" if code is None else f" class={code}"
        log.info("start %s %dx%d lang=%s%s (%d of %d)", ip, width, height, lang, joined, len(self.sessions),
                 self.limits.max_sessions)  # fmt: skip
        watch = asyncio.create_task(self._watch(websocket, service))
        try:
            await service.start(width, height)
            await self.process_messages(websocket, service)
        except Exception as error:  # a malformed message ends that session alone
            log.warning("session of %s ended: %r", ip, error)
        finally:
            watch.cancel()
            await service.end()
            del self.sessions[websocket]
            self._per_ip[ip] -= 1
            if not self._per_ip[ip]:
                del self._per_ip[ip]
            process = service.process
            status = "not started" if process is None else f"exit status {process.returncode}"
            log.info("end %s %.1fs (%s; %d left)", ip, time.monotonic() - started, status, len(self.sessions))
        return websocket

    def language_for(self, accept_language: str) -> str:
        """The language every session is in (--lang), else the first of the browser's the content has."""
        if "--lang" in self.args:
            return self.args[self.args.index("--lang") + 1]
        return choose_language(accept_language_preferences(accept_language), self.languages)

    def args_for(self, lang: str) -> list[str]:
        """The app's arguments for a session in `lang`."""
        return self.args if "--lang" in self.args else [*self.args, "--lang", lang]

    async def on_shutdown(self, app: web.Application) -> None:
        self.closing = True
        log.info("stopping: ending %d sessions", len(self.sessions))
        for websocket in list(self.sessions):
            await websocket.close(code=GOING_AWAY, message=SHUTDOWN.encode())


def _address(request: web.Request) -> str:
    """The reader's address: behind a proxy, the proxy's (limits then count the proxy as one reader)."""
    return request.remote or "?"
