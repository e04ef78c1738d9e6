"""One SSH session: the app on its own pty, bridged to the channel, or a one-line refusal."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import time
from dataclasses import dataclass
from typing import Protocol

import asyncssh

from ..classroom.rooms import Rooms
from ..options import choose_language, locale_preferences
from .class_seat import ClassSeat
from .classes import idle_limit
from .input_filter import InputFilter
from .pty import PtyProcess
from .spawner import Spawner


@dataclass(frozen=True)
class Settings:
    argv: tuple[str, ...]  # the app's arguments, the same for every session
    env: dict[str, str]  # the app's environment, before TERM and the client's few variables
    max_sessions: int
    max_per_ip: int
    idle_timeout: float  # seconds without input; 0 turns it off
    login_timeout: float
    keepalive: float  # seconds between keepalive requests to the client
    authorized: asyncssh.SSHAuthorizedKeys | None = None  # None: anyone may read
    teachers: asyncssh.SSHAuthorizedKeys | None = None  # whose keys may lead a class

    @property
    def auth_required(self) -> bool:
        return self.authorized is not None or self.teachers is not None


class SessionHost(Protocol):
    """What a session needs of the server that holds it (ssh_hub.Hub): settings and the limits."""

    settings: Settings
    spawner: Spawner
    rooms: Rooms | None

    def admit(self, session: AppSession) -> str | None: ...
    def release(self, session: AppSession) -> None: ...
    def started(self, conn: asyncssh.SSHServerConnection) -> None: ...


log = logging.getLogger("bolivia_explainer.ssh")

NO_COMMANDS = "This server only shows the bolivia-explainer: connect without a command, e.g. 'ssh -t'."
NO_SUBSYSTEMS = "This server only shows the bolivia-explainer: no file transfer (sftp, scp) or subsystems."
NO_PTY = "The bolivia-explainer needs a terminal: connect with 'ssh -t' from a terminal."
CRASHED = "The explainer stopped; reconnect to start again."
IDLE = "Closed after {seconds:g} s without a key press; reconnect any time."
SHUTDOWN = "The server is shutting down; please try again later."

# Undo what a full-screen app turns on (alternate screen, mouse and paste modes, hidden
# cursor, no autowrap, colours) when it could not do so itself: crashed, or was hung up.
RESET_TERMINAL = (
    b"\x1b[0m\x1b[?1049l\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1015l\x1b[?1006l"
    b"\x1b[?1004l\x1b[?2004l\x1b[?7h\x1b[?25h\x1b[<u"
)
DEFAULT_TERM = "xterm-256color"
_TERM_OK = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
_PASSED_ENV = {"COLORTERM": re.compile(r"[a-z0-9]{1,16}"), "NO_COLOR": re.compile(r"[ -~]{0,16}")}


# Bigger windows than any reader uses cost memory and time for every key (1000x1000: 113 MB).
MAX_COLS, MAX_ROWS = 400, 200


def _clamp(value: int, default: int, limit: int) -> int:
    return default if value <= 0 else min(value, limit)


def describe_status(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


class AppSession(asyncssh.SSHServerSession[bytes]):
    def __init__(
        self,
        hub: SessionHost,
        conn: asyncssh.SSHServerConnection,
        ip: str,
        peer: str,
        code: str | None = None,
        teacher: bool = False,
    ) -> None:
        """`code`: the class this reader joins (None: reads alone); `teacher`: may lead it."""
        self._hub = hub
        self.code = code
        self.teacher = teacher
        self._seat: ClassSeat | None = None
        self._conn = conn
        self.ip = ip
        self.peer = peer
        self._chan: asyncssh.SSHServerChannel[bytes] | None = None
        self._refusal: str | None = None
        self._has_pty = False
        self.term = DEFAULT_TERM
        self.cols, self.rows = 80, 24
        self._proc: PtyProcess | None = None
        self._input = InputFilter()
        self._started = 0.0
        self._last_input = 0.0
        self._idle_timer: asyncio.TimerHandle | None = None
        self._ended = False  # the channel is closed or closing
        self._reason = "app exited"  # why the app ended, for the log

    # Requests from the client, before the session starts.

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self._chan = chan

    def pty_requested(self, term_type: str, term_size: tuple[int, int, int, int], term_modes: object) -> bool:
        self._has_pty = True
        self.term = term_type if _TERM_OK.fullmatch(term_type) else DEFAULT_TERM
        self.cols, self.rows = _clamp(term_size[0], 80, MAX_COLS), _clamp(term_size[1], 24, MAX_ROWS)
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        self._refusal = NO_COMMANDS  # accepted only to say why, then closed
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        self._refusal = NO_SUBSYSTEMS
        return True

    def session_started(self) -> None:
        refusal = self._refusal or (None if self._has_pty else NO_PTY)
        if refusal is None:
            refusal = self._hub.admit(self)
        if refusal is not None:
            log.info("refused %s: %s", self.peer, refusal)
            self._close(refusal, 1)
            return
        self._start_app()

    def _start_app(self) -> None:
        assert self._chan is not None
        env = dict(self._hub.settings.env, TERM=self.term)
        for name, pattern in _PASSED_ENV.items():
            value = self._chan.get_environment().get(name)
            if value is not None and pattern.fullmatch(value):
                env[name] = value
        argv = list(self._hub.settings.argv)
        if "--lang" not in argv:
            # The reader's locale, as OpenSSH clients send it (SendEnv LANG LC_*),
            # picks the language; only a code the content has reaches the arguments.
            wanted = locale_preferences(self._chan.get_environment())
            argv += ["--lang", choose_language(wanted, self._hub.spawner.languages)]
        lang = argv[argv.index("--lang") + 1]
        rooms = self._hub.rooms
        if self.code is not None and rooms is not None:
            self._seat = ClassSeat(rooms, self.code, self.teacher, self.peer)
        extra = [] if self._seat is None else [self._seat.theirs.fileno()]
        try:
            size = (self.cols, self.rows)
            self._proc = PtyProcess(self._hub.spawner, argv, env, *size, self.output, self._app_exited, extra)
        except OSError as error:
            if self._seat is not None:
                self._seat.close()
            self._hub.release(self)
            log.error("could not start the app for %s: %s", self.peer, error)
            self._close(CRASHED, 1)
            return
        if self._seat is not None:
            self._seat.close_theirs()
            self._seat.start()
        self._started = self._last_input = time.monotonic()
        self._hub.started(self._conn)
        passed = "".join(f" {name}" for name in _PASSED_ENV if name in env)
        if self._seat is not None:
            passed += f" class={self.code}" + (" teacher" if self.teacher else "")
        log.info("start %s TERM=%s %dx%d lang=%s%s", self.peer, self.term, self.cols, self.rows, lang, passed)
        self._arm_idle_timer()

    # While the app runs.

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self._last_input = time.monotonic()
        if self._proc is not None:
            self._proc.write(self._input.feed(data))

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        self._last_input = time.monotonic()
        self.cols, self.rows = _clamp(width, self.cols, MAX_COLS), _clamp(height, self.rows, MAX_ROWS)
        if self._proc is not None:
            self._proc.resize(self.cols, self.rows, pixwidth, pixheight)

    def eof_received(self) -> bool:
        return True  # keep the channel: the app ends on its own or when the client goes

    def pause_writing(self) -> None:
        if self._proc is not None:
            self._proc.pause_output()

    def resume_writing(self) -> None:
        if self._proc is not None:
            self._proc.resume_output()

    def output(self, data: bytes) -> None:
        """What the app wrote, on its way to the client."""
        if self._chan is not None and not self._ended:
            try:
                self._chan.write(data)
            except (OSError, asyncssh.Error):  # the client closed the channel; connection_lost follows
                self._ended = True

    @property
    def idle_timeout(self) -> float:
        return idle_limit(self._hub.settings.idle_timeout, self._seat is not None)

    def _arm_idle_timer(self) -> None:
        timeout = self.idle_timeout
        if timeout > 0:
            when = self._last_input + timeout - time.monotonic()
            self._idle_timer = asyncio.get_running_loop().call_later(max(when, 0.05), self._check_idle)

    def _check_idle(self) -> None:
        self._idle_timer = None
        timeout = self.idle_timeout
        if time.monotonic() - self._last_input >= timeout:
            self.end(IDLE.format(seconds=timeout), reason="idle")
        elif not self._ended:
            self._arm_idle_timer()

    # Ending.

    def _app_exited(self, status: int) -> None:
        self._hub.release(self)
        if self._seat is not None:
            self._seat.close()
        if self._idle_timer is not None:
            self._idle_timer.cancel()
        log.info(
            "end %s TERM=%s %dx%d %.1fs %s (%s)",
            self.peer, self.term, self.cols, self.rows, time.monotonic() - self._started,
            self._reason, describe_status(status),
        )  # fmt: skip
        if status == 0 or self._reason != "app exited":
            self._close(None, 0)
        else:
            assert self._proc is not None
            report = self._proc.report.strip() or "(no report)"
            log.error("crash %s (%s):\n%s", self.peer, describe_status(status), report)
            self._close(CRASHED, 1)

    def end(self, message: str | None, reason: str) -> None:
        """End the session from the server side (idle, shutdown), telling the client why."""
        if self._proc is not None and self._proc.alive:
            self._reason = reason
            self._proc.end()
        self._close(message, 1)

    def connection_lost(self, exc: Exception | None) -> None:
        self._ended = True
        if self._proc is not None and self._proc.alive:
            if self._reason == "app exited":  # not ended by the server first
                self._reason = "client left"
            self._proc.end()  # hang the app up

    def _close(self, message: str | None, status: int) -> None:
        if self._ended or self._chan is None:
            return
        self._ended = True
        try:
            if self._proc is not None and status != 0:
                self._chan.write(RESET_TERMINAL)
            if message:
                lead = "" if self._proc is None else "\r\n"  # after the app, start on a fresh line
                self._chan.write_stderr(f"{lead}{message}\r\n".encode())
            self._chan.exit(status)
        except (OSError, asyncssh.Error):  # the client left meanwhile
            self._chan.close()

    @property
    def process(self) -> PtyProcess | None:
        return self._proc

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.alive
