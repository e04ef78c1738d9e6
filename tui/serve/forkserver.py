"""The warm parent of every served session: a fork server.

Started once by serve-ssh or serve-web before they accept anyone (see
spawner.py), it imports the app, loads and checks the content in every
language, warms the app's caches with one run off-screen, freezes the
collector, and then forks one child per session. A child starts with all of
that in memory, shared copy-on-write with its siblings, and only has to
compose and paint its own first screen.

It talks to its server over one UNIX SOCK_SEQPACKET socket: each message is
one JSON object, a session's file descriptors attached to its request (its
pty, or its pipes, and where its errors go). It has one thread and no event
loop, so a fork copies nothing half-done.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import json
import os
import resource
import selectors
import signal
import socket
import sys
import time
import traceback
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..model import Content, ContentError, default_root, languages, load
from ..served import CLASS_ENV, MEMORY_LIMIT, REPORT_ENV, SERVER_ENV, die_with_parent

MAX_MESSAGE = 256 * 1024
MAX_FDS = 4
REPORT_FD = 3  # in a pty child: where its errors go (the app finds it in REPORT_ENV)
CLASS_FD = {"pty": 4, "pipes": 3}  # a child in a class: its channel to the class (CLASS_ENV)


class Broken(Exception):
    """The content cannot be served: one line, file:line first."""


def problem_line(root: Path, error: ContentError) -> str:
    first = error.problems[0]
    where = f"{root / first.file}:{first.line}" if first.line else f"{root / first.file}"
    others = len(error.problems) - 1
    more = f" and {others} more (see 'bolivia-explainer check')" if others else ""
    return f"{where}: {first.message}{more}"


def load_all(root: Path) -> dict[str, Content]:
    """The content in every language it has; Broken with the first problem if any fails."""
    contents: dict[str, Content] = {}
    for lang in languages(root):
        try:
            contents[lang] = load(root, lang=lang)
        except ContentError as error:
            raise Broken(problem_line(root, error)) from None
    return contents


def describe(contents: Mapping[str, Content]) -> dict[str, Any]:
    """What the server shows or checks before a session starts: the languages, titles, checked lines."""
    from ..doc.words import checked

    return {
        "languages": list(contents),
        "titles": {lang: c.index.title for lang, c in contents.items()},
        "checked": {lang: checked(c) for lang, c in contents.items()},
        "text_version": {lang: c.ui.text_version for lang, c in contents.items()},
    }


def warm_up(content: Content) -> None:
    """Run the app once off-screen at 80x24, so Textual's and Rich's caches (parsed CSS,
    styles, character widths) and every lazily imported module are in place before any fork."""
    import asyncio

    from ..app import ExplainerApp
    from ..textual_internals import share_parsed_css

    share_parsed_css()

    async def run() -> None:
        # Served, as the children are: building every view here left the parent with more
        # that each child then copies as it touches it (measured: 18 MiB a child, not 16).
        app = ExplainerApp(content, served=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("2")
            await pilot.pause()

    asyncio.run(run())


class ForkServer:
    def __init__(self, channel: socket.socket, root: Path) -> None:
        self.channel = channel
        self.root = root
        self.contents: dict[str, Content] = {}
        self.children: set[int] = set()
        self.pid = os.getpid()
        self.errors = 2  # where a child's traceback goes: the server's log until the child has its own
        self._wake_read, self._wake_write = os.pipe()
        self._selector = selectors.DefaultSelector()

    def send(self, message: dict[str, Any]) -> None:
        with contextlib.suppress(OSError):
            self.channel.send(json.dumps(message).encode())

    def load(self) -> dict[str, Any]:
        self.contents = load_all(self.root)
        return describe(self.contents)

    def serve(self) -> None:
        os.set_blocking(self._wake_read, False)
        os.set_blocking(self._wake_write, False)
        signal.set_wakeup_fd(self._wake_write)
        signal.signal(signal.SIGCHLD, lambda *_: None)  # only to wake the loop through the fd
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, signal.SIG_IGN)  # the server decides; its end is ours (EOF)
        selector = self._selector
        selector.register(self.channel, selectors.EVENT_READ)
        selector.register(self._wake_read, selectors.EVENT_READ)
        while True:
            for key, _ in selector.select():
                if key.fileobj is self.channel and not self._receive():
                    self._stop()
                    return
                if key.fileobj == self._wake_read:
                    with contextlib.suppress(OSError):
                        os.read(self._wake_read, 4096)
                    self._reap()

    def _receive(self) -> bool:
        """Handle one request; False once the server is gone."""
        try:
            data, fds, _flags, _addr = socket.recv_fds(self.channel, MAX_MESSAGE, MAX_FDS)
        except InterruptedError:
            return True
        except OSError:
            return False
        if not data:
            return False
        try:
            request = json.loads(data)
            if request["op"] == "spawn":
                self._spawn(request, fds)
            elif request["op"] == "reload":
                self._reload()
        finally:
            for fd in fds:
                os.close(fd)
        return True

    def _reload(self) -> None:
        started = time.monotonic()
        try:
            info = self.load()
        except Broken as problem:
            self.send({"op": "reload-failed", "problem": str(problem)})
            return
        gc.unfreeze()  # the old content is frozen with the rest: let the collector see it go
        gc.collect()
        gc.freeze()
        self.send({"op": "reloaded", "seconds": time.monotonic() - started, **info})

    def _spawn(self, request: dict[str, Any], fds: list[int]) -> None:
        ident = request["id"]
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            pid = os.fork()
        except OSError as error:
            self.send({"op": "failed", "id": ident, "error": str(error)})
            return
        if pid == 0:
            code = 1
            try:
                code = self._child(request, fds)
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else 1
            except BaseException:
                # To the server's log (the report pipe, or stderr on pipes): never the reader's screen.
                with contextlib.suppress(Exception):
                    os.write(self.errors, traceback.format_exc().encode("utf-8", "replace"))
            finally:
                with contextlib.suppress(Exception):
                    sys.stdout.flush()
                    sys.stderr.flush()
                os._exit(code)
        self.children.add(pid)
        self.send({"op": "spawned", "id": ident, "pid": pid})

    def _child(self, request: dict[str, Any], fds: list[int]) -> int:  # pragma: no cover - in a child
        """Become the session's app: its terminal or pipes, its environment, its limits."""
        signal.set_wakeup_fd(-1)
        for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, signal.SIG_DFL)
        for fd in (self.channel.detach(), self._wake_read, self._wake_write, self._selector.fileno()):
            os.close(fd)  # nothing of the fork server's own reaches the app
        if not die_with_parent(self.pid):
            return 1
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        env = dict(request["env"], **{SERVER_ENV: str(self.pid)})  # the app checks its parent is alive
        fds = [_moved_up(fd) for fd in fds]  # clear of fds 0-4, where they are going
        mode = request["mode"]
        standard = 2 if mode == "pty" else 3  # the pty and its report pipe, or three pipes
        if len(fds) > standard:  # the session is in a class: its channel, where the app finds it
            os.dup2(fds[standard], CLASS_FD[mode], inheritable=False)
            os.close(fds[standard])
            env[CLASS_ENV] = str(CLASS_FD[mode])
        if mode == "pty":
            tty, report = fds[:2]
            os.login_tty(tty)  # its own session; the pty is its controlling terminal, on fds 0-2
            os.dup2(report, REPORT_FD)
            os.close(report)
            self.errors = REPORT_FD
            env[REPORT_ENV] = str(REPORT_FD)
        else:
            os.setsid()  # its own process group, which the server ends as one
            for target, fd in enumerate(fds[:3]):
                os.dup2(fd, target)
                os.close(fd)
        _reopen_standard_streams()
        os.environ.clear()
        os.environ.update(env)
        from ..launch import run

        return run(list(request["argv"]), preloaded=self.contents)

    def _reap(self) -> None:
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                self.children.clear()
                return
            if pid == 0:
                return
            self.children.discard(pid)
            self.send({"op": "exited", "pid": pid, "status": status})

    def _stop(self) -> None:
        """The server is gone or done: so are its sessions."""
        for pid in self.children:
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)


def _moved_up(fd: int) -> int:  # pragma: no cover - in a child
    """`fd` as a descriptor numbered 10 or more, so placing one at 0-4 cannot close another."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return moved


def _reopen_standard_streams() -> None:  # pragma: no cover - in a child
    """Python's stdin, stdout and stderr on the session's fds 0-2, as a fresh interpreter has them."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        mode, errors = ("r", "strict") if fd == 0 else ("w", "backslashreplace" if fd == 2 else "strict")
        line = os.isatty(fd) or fd == 2
        # Kept open for the life of the process, as the interpreter's own streams are.
        stream = open(fd, mode, encoding="utf-8", errors=errors, buffering=1 if line else -1, closefd=False)  # noqa: SIM115
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)


def main(argv: list[str]) -> int:
    """`python -m tui.serve.forkserver FD [CONTENT]`: serve spawn requests on socket FD."""
    channel = socket.socket(fileno=int(argv[0]))
    root = Path(argv[1]) if len(argv) > 1 else default_root()
    server_pid = os.environ.get(SERVER_ENV, "")
    if not die_with_parent(int(server_pid) if server_pid.isdecimal() else None):
        return 1
    server = ForkServer(channel, root)
    started = time.monotonic()
    try:
        info = server.load()
    except Broken as problem:
        server.send({"op": "broken", "problem": str(problem)})
        return 1
    warm_up(next(iter(server.contents.values())))
    gc.collect()
    gc.freeze()  # what is loaded now stays shared: the collector never writes to those pages
    server.send({"op": "ready", "pid": os.getpid(), "seconds": time.monotonic() - started, **info})
    server.serve()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
