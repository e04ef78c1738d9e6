"""What all connections share: the settings, the limits, and the way to stop them all."""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from collections import Counter

import asyncssh

from ..classroom.rooms import Rooms, is_class_code
from .spawner import Spawner
from .ssh_session import SHUTDOWN, AppSession, Settings

log = logging.getLogger("bolivia_explainer.ssh")

FULL = "The explainer is full right now ({limit} sessions); please try again later."
PER_IP = "Too many sessions from your address ({limit}); please close one or try again later."
NO_FORWARDING = "Port forwarding is not offered by this server."
# Connections beyond these are a flood, not people waiting: see Hub.connect.
CONNECTION_SLACK = 2


class Hub:
    def __init__(self, settings: Settings, spawner: Spawner, rooms: Rooms | None = None) -> None:
        self.settings = settings
        self.spawner = spawner
        self.rooms = rooms
        """The class rooms; None when the server holds no classes."""
        self.sessions: set[AppSession] = set()
        self._sessions_per_ip: Counter[str] = Counter()
        self.connections: set[asyncssh.SSHServerConnection] = set()
        self._connections_per_ip: Counter[str] = Counter()
        self._waiting: dict[asyncssh.SSHServerConnection, str] = {}  # no app yet, oldest first

    def admit(self, session: AppSession) -> str | None:
        """Count `session` in, or say why not."""
        if len(self.sessions) >= self.settings.max_sessions:
            return FULL.format(limit=self.settings.max_sessions)
        if self._sessions_per_ip[session.ip] >= self.settings.max_per_ip:
            return PER_IP.format(limit=self.settings.max_per_ip)
        self.sessions.add(session)
        self._sessions_per_ip[session.ip] += 1
        return None

    def release(self, session: AppSession) -> None:
        if session in self.sessions:
            self.sessions.discard(session)
            self._sessions_per_ip[session.ip] -= 1
            if not self._sessions_per_ip[session.ip]:
                del self._sessions_per_ip[session.ip]

    def connect(self, conn: asyncssh.SSHServerConnection, ip: str) -> bool:
        """Count `conn` in, making room if need be; False if it must be closed unanswered.

        As OpenSSH's MaxStartups does, connections that have not started an app yet
        are the ones that give way: when the server is full, the oldest such
        connection of the address holding the most goes, so idle sockets from a
        few addresses cannot keep a reader out.
        """
        if self._connections_per_ip[ip] >= CONNECTION_SLACK * self.settings.max_per_ip + 2:
            return False
        if len(self.connections) >= CONNECTION_SLACK * self.settings.max_sessions + 10:
            victim = self._oldest_waiting_of_busiest()
            if victim is None:
                return False
            log.warning("server full; dropped %s, not yet reading, for a newcomer", self._waiting[victim])
            self.disconnect(victim, self._waiting[victim])
            victim.close()
        self.connections.add(conn)
        self._connections_per_ip[ip] += 1
        self._waiting[conn] = ip
        return True

    def started(self, conn: asyncssh.SSHServerConnection) -> None:
        """`conn` runs an app: it is a reader now, not a connection waiting."""
        self._waiting.pop(conn, None)

    def _oldest_waiting_of_busiest(self) -> asyncssh.SSHServerConnection | None:
        if not self._waiting:
            return None
        ((busiest, _),) = Counter(self._waiting.values()).most_common(1)
        return next(conn for conn, ip in self._waiting.items() if ip == busiest)  # dicts keep age order

    def disconnect(self, conn: asyncssh.SSHServerConnection, ip: str) -> None:
        self._waiting.pop(conn, None)
        if conn in self.connections:
            self.connections.discard(conn)
            self._connections_per_ip[ip] -= 1
            if not self._connections_per_ip[ip]:
                del self._connections_per_ip[ip]

    async def shutdown(self, grace: float = 3.0) -> None:
        """End every session, wait (bounded) for every app to exit, close every connection."""
        running = [s.process for s in self.sessions if s.process is not None]
        for session in list(self.sessions):
            session.end(SHUTDOWN, reason="server stopping")
        deadline = time.monotonic() + grace
        while any(p.alive for p in running) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        for proc in running:
            if proc.alive:
                proc.signal(signal.SIGKILL)
        await asyncio.sleep(0.1)  # let the exit messages go out before the sockets close
        for conn in list(self.connections):
            conn.close()


class Gate(asyncssh.SSHServer):
    """One per connection: authentication, sessions, and refusing everything else."""

    def __init__(self, hub: Hub) -> None:
        self._hub = hub
        self._conn: asyncssh.SSHServerConnection | None = None
        self._ip = "?"
        self._peer = "?"
        self._sessions: list[AppSession] = []
        self._timer: asyncio.TimerHandle | None = None
        self._code: str | None = None  # the class named as the user name, if it is a class code
        self._teacher_key = False  # the last key offered is a teacher's (see validate_public_key)
        self._teacher = False

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        peer = conn.get_extra_info("peername") or ("?", 0)
        self._ip, self._peer = str(peer[0]), f"{peer[0]}:{peer[1]}"
        loop = asyncio.get_running_loop()
        if not self._hub.connect(conn, self._ip):
            log.warning("too many connections; dropped %s", self._peer)
            loop.call_soon(conn.close)
            return
        self._timer = loop.call_later(self._hub.settings.login_timeout, self._close_if_unused)

    def _close_if_unused(self) -> None:
        """A connection must keep an app running, or go after the login timeout."""
        self._timer = None
        if self._conn is None:
            return
        if not any(s.running for s in self._sessions):
            log.info("closing %s: no session", self._peer)
            self._conn.close()
        else:
            self._timer = asyncio.get_running_loop().call_later(
                self._hub.settings.login_timeout, self._close_if_unused
            )

    def connection_lost(self, exc: Exception | None) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self._conn is not None:
            self._hub.disconnect(self._conn, self._ip)
        self._conn = None

    def begin_auth(self, username: str) -> bool:
        if self._hub.rooms is not None and is_class_code(username):
            self._code = username
        return self._hub.settings.auth_required

    # Keys are checked here, not by asyncssh's own list, so that every key offered passes
    # through validate_public_key: asyncssh asks it first without a signature, then again
    # with one before it accepts, so the last key asked about is the key that logged in.

    def public_key_auth_supported(self) -> bool:
        return self._hub.settings.auth_required

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        settings = self._hub.settings
        teacher = _listed(settings.teachers, key, self._ip)
        self._teacher_key = teacher
        return teacher or _listed(settings.authorized, key, self._ip)

    def kbdint_auth_supported(self) -> bool:
        """With teachers but no --authorized-keys, anyone else reads: a login with no questions."""
        return self._hub.settings.authorized is None

    def get_kbdint_challenge(self, username: str, lang: str, submethods: str) -> bool:
        self._teacher_key = False  # whatever key was tried before, this login is not by key
        return True

    def auth_completed(self) -> None:
        self._teacher = self._teacher_key

    def session_requested(self) -> AppSession:
        assert self._conn is not None  # asyncssh asks for sessions only on a live connection
        session = AppSession(self._hub, self._conn, self._ip, self._peer, self._code, self._teacher)
        self._sessions = [s for s in self._sessions if s.running] + [session]
        return session

    def connection_requested(self, dest_host: str, dest_port: int, orig_host: str, orig_port: int) -> bool:
        log.info("refused %s: port forwarding to a remote address", self._peer)
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, NO_FORWARDING)

    def unix_connection_requested(self, dest_path: str) -> bool:
        log.info("refused %s: forwarding to a socket", self._peer)
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, NO_FORWARDING)

    def server_requested(self, listen_host: str, listen_port: int) -> bool:
        log.info("refused %s: remote port forwarding", self._peer)
        return False

    def unix_server_requested(self, listen_path: str) -> bool:
        log.info("refused %s: remote socket forwarding", self._peer)
        return False


def _listed(keys: asyncssh.SSHAuthorizedKeys | None, key: asyncssh.SSHKey, ip: str) -> bool:
    """Whether `key` is in `keys` for a client at `ip` (honouring from= options)."""
    return keys is not None and keys.validate(key, ip, ip) is not None
