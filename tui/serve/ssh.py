"""`bolivia-explainer serve-ssh`: the explainer for anyone with an SSH client.

Each session gets its own app process on its own pseudo-terminal (see pty.py);
the server only bridges bytes, resizes and limits, so a crash or a slow client
touches one session alone.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import sys
from pathlib import Path

import asyncssh

from ..model import default_root
from ..options import EXIT_USAGE, content_options
from .classes import add_class_options, open_rooms
from .environment import app_environment
from .reload import watch_content
from .spawner import Spawner, SpawnError
from .ssh_hub import Gate, Hub
from .ssh_session import Settings

KEY_NAME = "ssh_host_ed25519_key"
KEEPALIVE_COUNT_MAX = 4  # unanswered keepalives before a client counts as gone


def _parser() -> argparse.ArgumentParser:
    shared = content_options(
        lang="language of every session, e.g. en or es (default: each reader's locale, as ssh sends it)",
        theme="colour theme of every session (default: the app's)",
    )
    parser = argparse.ArgumentParser(
        prog="bolivia-explainer serve-ssh",
        parents=[shared],
        description="Serve the explainer over SSH: each client gets its own app on its own terminal. "
        "Without --authorized-keys anyone may connect, with no password.",
    )
    add = parser.add_argument
    add("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1; 0.0.0.0 for all)")
    add("--port", type=int, default=2222, help="port to listen on (default: 2222; 0 picks a free one)")
    add("--host-key", metavar="PATH", type=Path, help="host key file, made (ed25519) if missing "
        "(default: one kept in the user's data folder)")  # fmt: skip
    add("--authorized-keys", metavar="PATH", type=Path, help="accept only these public keys")
    add("--max-sessions", type=int, default=100, metavar="N", help="sessions at once (default: 100)")
    add("--max-per-ip", type=int, default=60, metavar="N",
        help="sessions per client address (default: 60, a class behind one school address; "
        "on a public server, 5)")  # fmt: skip
    add("--idle-timeout", type=float, default=600, metavar="SECONDS",
        help="end a session after this long without a key press, at least 2 hours in a class; "
        "0: never (default: 600)")  # fmt: skip
    add("--keepalive", type=float, default=15, metavar="SECONDS",
        help=f"ping the client this often; {KEEPALIVE_COUNT_MAX} unanswered drop it "
        "(default: 15)")  # fmt: skip
    add("--login-timeout", type=float, default=30, metavar="SECONDS",
        help="time to log in and open a session (default: 30)")  # fmt: skip
    classes = parser.add_argument_group("classes", "A reader who connects with a class code as the user "
        "name (ssh bolivia7@host) joins that class; a teacher leads it (see docs/lesson.md).")  # fmt: skip
    classes.add_argument("--teachers", metavar="PATH", type=Path,
        help="public keys of teachers (authorized_keys format): they may open and lead classes")  # fmt: skip
    add_class_options(classes)
    return parser


def default_key_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("bolivia-explainer", appauthor=False)) / KEY_NAME


def host_key(path: Path) -> asyncssh.SSHKey:
    """Read the host key at `path`, or make an ed25519 one there (mode 600) the first time."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = asyncssh.generate_private_key("ssh-ed25519")
        with contextlib.suppress(FileExistsError):  # another server made it first: use theirs
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as file:
                file.write(key.export_private_key())
            return key
    if path.stat().st_mode & 0o077:
        logging.warning("host key %s can be read by others; chmod 600 it", path)
    return asyncssh.read_private_key(path)


def app_command(content: Path | None, theme: str | None, lang: str | None) -> tuple[str, ...]:
    """The app's arguments, the same for every session (the fork server runs them)."""
    argv: list[str] = []
    for option, value in (("--content", content), ("--theme", theme), ("--lang", lang)):
        if value is not None:
            argv += [option, str(value)]
    return tuple(argv)


def _fail(message: str) -> int:
    print(f"bolivia-explainer serve-ssh: {message}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    logging.getLogger("watchfiles").setLevel(logging.WARNING)  # our own line says what changed
    logging.getLogger("asyncssh").setLevel(logging.WARNING)  # its INFO lines would log commands
    content = args.content.resolve() if args.content else None
    if not (content or default_root()).is_dir():
        return _fail(f"{content or default_root()}: no such content folder")
    if min(args.max_sessions, args.max_per_ip) < 1 or min(args.login_timeout, args.keepalive) <= 0:
        return _fail("limits and timeouts must be positive")
    if args.idle_timeout < 0:
        return _fail("--idle-timeout must be 0 (off) or more")
    try:
        key_path = args.host_key or default_key_path()
        key = host_key(key_path)
        authorized = _read_keys(args.authorized_keys)
        teachers = _read_keys(args.teachers)
    except (OSError, ValueError, asyncssh.KeyImportError) as error:
        return _fail(str(error))
    if args.results_dir is not None and not args.results_dir.is_dir():
        return _fail(f"--results-dir {args.results_dir}: no such folder")
    settings = Settings(
        argv=app_command(content, args.theme, args.lang),
        env=app_environment(),
        max_sessions=args.max_sessions,
        max_per_ip=args.max_per_ip,
        idle_timeout=args.idle_timeout,
        login_timeout=args.login_timeout,
        keepalive=args.keepalive,
        authorized=authorized,
        teachers=teachers,
    )
    classes = teachers is not None or args.state is not None
    try:
        served = _serve(args.host, args.port, key, key_path, settings, content, args.lang,
                        (args.state, args.results_dir) if classes else None)  # fmt: skip
        return asyncio.run(served)
    except (SpawnError, ValueError) as error:  # ValueError: a --state that is no Redis URL
        return _fail(str(error))
    except OSError as error:
        return _fail(f"cannot listen on {args.host}:{args.port}: {error.strerror or error}")


def _read_keys(path: Path | None) -> asyncssh.SSHAuthorizedKeys | None:
    return None if path is None else asyncssh.read_authorized_keys(str(path))


async def _serve(
    host: str,
    port: int,
    key: asyncssh.SSHKey,
    key_path: Path,
    settings: Settings,
    content: Path | None,
    lang: str | None,
    classes: tuple[str | None, Path | None] | None,
) -> int:
    rooms = None if classes is None else await open_rooms(*classes)
    try:
        spawner = await Spawner.start(content, app_environment())
    except BaseException:
        if rooms is not None:
            await rooms.close()
        raise
    watch = asyncio.create_task(watch_content(content, spawner))
    try:
        if lang is not None and lang not in spawner.languages:
            raise SpawnError(f"unknown language '{lang}'; valid: {', '.join(spawner.languages)}")
        return await _listen(host, port, key, key_path, Hub(settings, spawner, rooms))
    finally:
        watch.cancel()
        await spawner.close()
        if rooms is not None:
            await rooms.close()


async def _listen(
    host: str,
    port: int,
    key: asyncssh.SSHKey,
    key_path: Path,
    hub: Hub,
) -> int:
    settings = hub.settings
    server = await asyncssh.create_server(
        lambda: Gate(hub),
        host,
        port,
        server_host_keys=[key],
        server_version="bolivia-explainer",
        encoding=None,
        line_editor=False,
        x11_forwarding=False,
        agent_forwarding=False,
        allow_scp=False,
        login_timeout=settings.login_timeout,
        keepalive_interval=settings.keepalive,
        keepalive_count_max=KEEPALIVE_COUNT_MAX,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        loop.add_signal_handler(signum, stop.set)
    listening = server.get_port()
    print(f"host key {key_path}: {key.get_algorithm()} {key.get_fingerprint()}", flush=True)
    print(f"listening on {host}:{listening} (try: ssh -p {listening} {host})", flush=True)
    await stop.wait()
    logging.info("stopping: ending %d sessions", len(hub.sessions))
    server.close()
    await hub.shutdown()
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(server.wait_closed(), 2)
    logging.info("stopped")
    return 0
