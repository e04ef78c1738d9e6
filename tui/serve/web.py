"""`bolivia-explainer serve-web`: the explainer in a browser, through textual-serve.

Each page's websocket gets its own app, forked from a warm fork server
(forkserver.py). The server is web_server.py, one session web_session.py;
this is the command line.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from pathlib import Path

from aiohttp import web

from ..model import default_root
from ..options import EXIT_USAGE, content_options
from .classes import add_class_options, open_rooms
from .environment import app_environment
from .reload import watch_content
from .spawner import Spawner, SpawnError
from .web_server import DEFAULT_FONT_SIZE, MAX_FONT_SIZE, MIN_FONT_SIZE, Limits, WebServer
from .web_session import STOP_GRACE, WEB_DRIVER


def app_args(content: Path | None, theme: str, lang: str | None) -> list[str]:
    """The app's arguments, the same for every session (the fork server runs them)."""
    argv = [] if content is None else ["--content", str(content)]
    return [*argv, "--theme", theme, *(["--lang", lang] if lang else [])]


def _parser() -> argparse.ArgumentParser:
    shared = content_options(
        lang="language of every session, e.g. en or es (default: each browser's, from Accept-Language)",
        theme="colour theme of every session (default: dark)",
        theme_default="dark",
    )
    parser = argparse.ArgumentParser(
        prog="bolivia-explainer serve-web",
        parents=[shared],
        description="Serve the explainer to web browsers: each page gets its own app. "
        "Anyone who can reach the address may open it.",
    )
    add = parser.add_argument
    default = Limits()
    add("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1; 0.0.0.0 for all)")
    add("--port", type=int, default=8000, help="port to listen on (default: 8000; 0 picks a free one)")
    add("--max-sessions", type=int, default=default.max_sessions, metavar="N",
        help=f"sessions at once (default: {default.max_sessions})")  # fmt: skip
    add("--max-per-ip", type=int, default=default.max_per_ip, metavar="N",
        help=f"sessions per client address (default: {default.max_per_ip}, a class behind one school "
        "address; on a public server, 5)")  # fmt: skip
    add("--idle-timeout", type=float, default=default.idle_timeout, metavar="SECONDS",
        help="close a session after this long without a key press, at least 2 hours in a class "
        "(default: 600; 0: never)")  # fmt: skip
    add("--login-timeout", type=float, default=default.login_timeout, metavar="SECONDS",
        help="close a session whose page has not spoken this long after it opened (default: 30)")  # fmt: skip
    add("--font-size", type=int, default=DEFAULT_FONT_SIZE, metavar="PX",
        help=f"the terminal's font size in the page, {MIN_FONT_SIZE}-{MAX_FONT_SIZE} (default: "
        f"{DEFAULT_FONT_SIZE}; 28 or more for a projector). A page's address may ask for its own: "
        "/?fontsize=28")  # fmt: skip
    add("--allow-host", action="append", default=[], metavar="NAME",
        help="a host name readers use, e.g. explainer.school.example (addresses always work)")  # fmt: skip
    add("--allow-origin", action="append", default=[], metavar="URL",
        help="another site whose pages may open sessions, e.g. https://school.example")  # fmt: skip
    classes = parser.add_argument_group("classes", "Students join a class at /c/CODE/ (e.g. "
        "/c/bolivia7/); teachers lead it over SSH, so share rooms with serve-ssh through --state "
        "(see docs/lesson.md).")  # fmt: skip
    add_class_options(classes)
    return parser


def _fail(message: str) -> int:
    print(f"bolivia-explainer serve-web: {message}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    logging.getLogger("watchfiles").setLevel(logging.WARNING)  # our own line says what changed
    content = args.content.resolve() if args.content else None
    if not (content or default_root()).is_dir():
        return _fail(f"{content or default_root()}: no such content folder")
    if min(args.max_sessions, args.max_per_ip) < 1 or not 0 <= args.port <= 65535:
        return _fail("--max-sessions and --max-per-ip must be at least 1, --port from 0 to 65535")
    if args.idle_timeout < 0 or args.login_timeout <= 0:
        return _fail("--idle-timeout must be 0 (never) or more, --login-timeout more than 0")
    if not MIN_FONT_SIZE <= args.font_size <= MAX_FONT_SIZE:
        return _fail(f"--font-size must be from {MIN_FONT_SIZE} to {MAX_FONT_SIZE}")
    if args.results_dir is not None and not args.results_dir.is_dir():
        return _fail(f"--results-dir {args.results_dir}: no such folder")
    limits = Limits(args.max_sessions, args.max_per_ip, args.idle_timeout, args.login_timeout)
    served = app_args(content, args.theme, args.lang)
    try:
        return asyncio.run(_serve(served, limits, args, content))
    except (SpawnError, ValueError) as error:  # ValueError: a --state that is no Redis URL
        return _fail(str(error))
    except OSError as error:
        return _fail(f"cannot listen on {args.host}:{args.port}: {error.strerror or error}")


async def _serve(served: list[str], limits: Limits, args: argparse.Namespace, content: Path | None) -> int:
    rooms = await open_rooms(args.state, args.results_dir)
    try:
        spawner = await Spawner.start(content, {**app_environment(), **WEB_DRIVER})
    except BaseException:
        await rooms.close()
        raise
    watch = asyncio.create_task(watch_content(content, spawner))
    try:
        if args.lang is not None and args.lang not in spawner.languages:
            raise SpawnError(f"unknown language '{args.lang}'; valid: {', '.join(spawner.languages)}")
        hosts = tuple(args.allow_host)
        server = WebServer(
            spawner, served, limits, tuple(args.allow_origin), hosts, rooms, args.font_size, content
        )
        return await _listen(server, args.host, args.port)
    finally:
        watch.cancel()
        await spawner.close()
        await rooms.close()


async def _listen(server: WebServer, host: str, port: int) -> int:
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        asyncio.get_running_loop().add_signal_handler(signum, stop.set)
    runner = web.AppRunner(await server.make_app(), handle_signals=False, shutdown_timeout=STOP_GRACE + 2)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
        shown = f"[{host}]" if ":" in host else host
        print(f"serving the explainer on http://{shown}:{runner.addresses[0][1]}/ "
              f"(up to {server.limits.max_sessions} sessions; ctrl+c stops)", flush=True)  # fmt: skip
        await stop.wait()
    finally:
        await runner.cleanup()
    return 0
