"""The server's side of the fork server (forkserver.py): start it, ask it for sessions, hear them end.

One per serve-ssh or serve-web process. The fork server is this process's
child and dies with it (PR_SET_PDEATHSIG), and each session's app is the fork
server's child and dies with that in turn, so nothing outlives a server, even
one killed with SIGKILL.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..model import default_root
from .forkserver import MAX_FDS, MAX_MESSAGE

log = logging.getLogger("bolivia_explainer.forkserver")

READY_TIMEOUT = 180.0  # loading, checking and warming the content: seconds on a slow machine
KILLED = signal.SIGKILL  # the wait status of a session whose fork server died under it
RELAUNCH_DELAY = 1.0  # seconds before starting a fork server that died


class SpawnError(Exception):
    """The fork server could not start: one line (a content problem, file:line first)."""


class Child:
    """A session's app, forked by the fork server: signal it, hear it end."""

    def __init__(self, on_exit: Callable[[int], None]) -> None:
        self.pid: int | None = None
        self.status: int | None = None
        self._on_exit = on_exit
        self._pidfd = -1
        self._signals: list[int] = []  # asked for before the pid was known

    @property
    def alive(self) -> bool:
        return self.status is None

    def started(self, pid: int) -> None:
        self.pid = pid
        try:  # a pidfd names this process, never a later one given the same pid
            self._pidfd = os.pidfd_open(pid)
        except OSError:
            return  # already gone: its exit status is on its way
        for signum in self._signals:
            self.signal(signum)
        self._signals.clear()

    def signal(self, signum: int) -> None:
        if not self.alive:
            return
        if self._pidfd < 0:
            if self.pid is None:
                self._signals.append(signum)
            return
        with contextlib.suppress(ProcessLookupError):
            signal.pidfd_send_signal(self._pidfd, signum)

    def ended(self, status: int) -> None:
        if self.status is not None:
            return
        self.status = status
        if self._pidfd >= 0:
            os.close(self._pidfd)
            self._pidfd = -1
        self._on_exit(status)


class Spawner:
    """Asks the fork server for children; it answers in order, so requests are a queue."""

    def __init__(self, content: Path | None, env: dict[str, str]) -> None:
        self._content = content
        self._env = env
        self._loop = asyncio.get_running_loop()
        self._process: subprocess.Popen[bytes] | None = None
        self._channel: socket.socket | None = None
        self._next_id = 0
        self._waiting: dict[int, Child] = {}  # requests not yet answered, by id
        self._children: dict[int, Child] = {}  # by pid
        self._replies: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.info: dict[str, Any] = {}
        """The content as last loaded: languages, titles and checked lines per language."""
        self.gone = True
        self._closing = False
        self._relaunch: asyncio.Task[None] | None = None

    @classmethod
    async def start(cls, content: Path | None, env: dict[str, str]) -> Spawner:
        """Start a fork server for `content` and wait until it is warm; SpawnError says why not."""
        spawner = cls(content, env)
        await spawner._launch()
        return spawner

    async def _launch(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        # The folder is in its command line, and so in its children's, for ps and pgrep.
        folder = str(self._content or default_root())
        argv = [sys.executable, "-m", "tui.serve.forkserver", str(theirs.fileno()), folder]
        started = time.monotonic()
        try:
            self._process = subprocess.Popen(  # returns at once; the wait for it is below
                argv, pass_fds=(theirs.fileno(),), env=self._env, stdin=subprocess.DEVNULL, cwd="/"
            )
        finally:
            theirs.close()
        ours.setblocking(False)
        self._channel = ours
        self._replies = asyncio.Queue()
        self.gone = False
        self._loop.add_reader(ours, self._read)
        try:
            reply = await asyncio.wait_for(self._replies.get(), READY_TIMEOUT)
        except TimeoutError:
            await self._stop()
            raise SpawnError(f"the fork server was not ready after {READY_TIMEOUT:g} s") from None
        if reply["op"] != "ready":
            await self._stop()
            raise SpawnError(reply.get("problem") or "the fork server stopped while loading the content")
        self.info = reply
        log.info(
            "fork server %d ready in %.1f s (content loaded in %s; warm)",
            reply["pid"], time.monotonic() - started, ", ".join(reply["languages"]),
        )  # fmt: skip

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.info.get("languages", ("en",)))

    def spawn(
        self, mode: str, argv: list[str], env: dict[str, str], fds: list[int], on_exit: Callable[[int], None]
    ) -> Child:
        """Ask for a session's app on `fds` (a pty and a report pipe, or stdin/out/err pipes).

        The fds are sent now and can be closed on return; `on_exit` gets the
        app's wait status, or the status of one never started.
        """
        child = Child(on_exit)
        if self.gone:
            self._loop.call_soon(child.ended, 127 << 8)
            return child
        self._next_id += 1
        request = {"op": "spawn", "id": self._next_id, "mode": mode, "argv": argv, "env": env}
        try:
            self._send(request, fds)
        except OSError as error:
            log.error("could not ask the fork server for a session: %s", error)
            self._loop.call_soon(child.ended, 127 << 8)
            return child
        self._waiting[self._next_id] = child
        return child

    async def reload(self) -> dict[str, Any]:
        """Load the content again; the reply says how it went ("reloaded" or "reload-failed")."""
        if self.gone:
            return {"op": "reload-failed", "problem": "the fork server has stopped"}
        try:
            self._send({"op": "reload"}, [])
        except OSError as error:
            return {"op": "reload-failed", "problem": f"the fork server did not hear: {error}"}
        reply = await self._replies.get()
        if reply["op"] == "reloaded":
            self.info = reply
        return reply

    def _send(self, message: dict[str, Any], fds: list[int]) -> None:
        data = json.dumps(message).encode()
        channel = self._channel
        if channel is None:
            raise OSError("the fork server has stopped")
        if len(data) > MAX_MESSAGE or len(fds) > MAX_FDS:
            raise OSError("request too large")
        channel.setblocking(True)  # a few KB to a local reader: never waits long
        try:
            socket.send_fds(channel, [data], fds)
        finally:
            channel.setblocking(False)

    def _read(self) -> None:
        while self._channel is not None:
            try:
                data = self._channel.recv(MAX_MESSAGE)
            except BlockingIOError:
                return
            except OSError:
                data = b""
            if not data:
                self._lost()
                return
            self._handle(json.loads(data))

    def _handle(self, message: dict[str, Any]) -> None:
        op = message["op"]
        if op == "spawned":
            child = self._waiting.pop(message["id"])
            self._children[message["pid"]] = child
            child.started(message["pid"])
        elif op == "failed":
            log.error("fork server: could not start a session: %s", message["error"])
            self._waiting.pop(message["id"]).ended(127 << 8)
        elif op == "exited":
            ended = self._children.pop(message["pid"], None)
            if ended is not None:
                ended.ended(message["status"])
        else:  # ready, broken, reloaded, reload-failed: someone awaits it
            self._replies.put_nowait(message)

    def _lost(self) -> None:
        """The fork server is gone (it crashed, or was killed): and with it every session's app."""
        if self.gone:
            return
        self.gone = True
        if self._channel is not None:
            self._loop.remove_reader(self._channel)
            self._channel.close()
            self._channel = None
        for child in [*self._waiting.values(), *self._children.values()]:
            child.ended(KILLED)
        self._waiting.clear()
        self._children.clear()
        self._replies.put_nowait({"op": "broken", "problem": ""})
        if self.info and not self._closing:
            self._relaunch = self._loop.create_task(self._start_again())

    async def _start_again(self) -> None:
        """A new fork server, tried every few seconds until one starts or the server stops."""
        await self._reap(grace=2.0)  # it closed its end: its exit status follows, for the log
        log.error("the fork server stopped (%s); its sessions ended; starting another", self._status())
        while not self._closing:
            await self._reap()
            await asyncio.sleep(RELAUNCH_DELAY)
            try:
                await self._launch()
                return
            except SpawnError as error:
                log.error("the fork server could not start again: %s", error)

    def _status(self) -> str:
        code = None if self._process is None else self._process.poll()
        if code is None:
            return "still running"
        return f"killed by signal {-code}" if code < 0 else f"exit status {code}"

    async def _stop(self) -> None:
        self._lost()
        await self._reap()

    async def _reap(self, grace: float = 0.0) -> None:
        """Wait for the fork server to exit, up to `grace` seconds, then kill it; bounded."""
        process = self._process
        if process is None:
            return
        deadline = time.monotonic() + grace
        while process.poll() is None and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        deadline = time.monotonic() + 5
        while process.poll() is None and time.monotonic() < deadline:
            await asyncio.sleep(0.02)

    async def close(self) -> None:
        """Stop the fork server (its sessions end with it) and wait for it, bounded."""
        self._closing = True
        if self._relaunch is not None:
            self._relaunch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._relaunch
        await self._stop()
