"""Class rooms shared by several servers through one Redis: each class is a stream of events.

Every join, message and leave is appended to its class's stream. A server
keeps a copy of the Room of each class it has readers in: rebuilt from the
stream's start, then fed by one reader task in stream order, telling only its
own readers. Every copy applies the same events in the same order, so all
agree. When Redis cannot be reached, readers read on alone and are told so;
a background task reconnects, rebuilds each class and joins its readers again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import msgspec
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from .protocol import TEACHER_ONLY, Status, UpMessage
from .room import AnyEvent, Effects, Joined, Left, Refused, Room, Sent
from .rooms import Deliver, ended, new_member_id

log = logging.getLogger("bolivia_explainer.class")

KEY = "bolivia-explainer:class:"
MAXLEN = 20_000
"""Events kept per class, about: far more than a lesson sends, so a rebuild starts from its first join."""
KEEP = 12 * 3600
"""Seconds a class's stream outlives its last event: abandoned classes vanish."""
BLOCK_MS = 2000
WAIT = 5.0
"""Seconds to wait for this server's own join or leave to come back from the stream."""
RETRY, RETRY_MAX = 1.0, 5.0

_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(AnyEvent)


def redis_address(url: str) -> str:
    """Where a Redis URL points (host:port or socket path, never a password); ValueError if it is none."""
    try:
        parts = urlsplit(url)
        port, path = parts.port, parts.path.strip("/")
        if parts.scheme == "unix" and path:
            return parts.path
        if parts.scheme not in ("redis", "rediss"):
            raise ValueError("no socket path" if parts.scheme == "unix" else f"scheme {parts.scheme!r}")
        if not parts.hostname:
            raise ValueError("no host")
        if path and not path.isdigit():
            raise ValueError(f"database {path!r} is not a number")
    except ValueError as error:
        raise ValueError(f"not a Redis URL like redis://127.0.0.1:6379/0: {error}") from None
    return f"{parts.hostname}:{port or 6379}"


@dataclass
class _Local:
    deliver: Deliver
    teacher: bool


@dataclass
class _Class:
    code: str
    room: Room
    local: dict[str, _Local] = field(default_factory=dict)
    joining: dict[str, asyncio.Future[None]] = field(default_factory=dict)
    leaving: dict[str, asyncio.Future[None]] = field(default_factory=dict)
    """This server's members whose Joined or Left is appended and not yet read back."""
    last: bytes | str = "0-0"
    reader: asyncio.Task[None] | None = None
    stale: bool = True
    """Not rebuilt from the stream since it was made or Redis was last unreachable."""
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


def _done(future: asyncio.Future[None] | None) -> None:
    if future is not None and not future.done():
        future.set_result(None)


class RedisRooms:
    """Class rooms in Redis streams, shared by every server given the same Redis."""

    def __init__(self, url: str, results: Path | None = None) -> None:
        self.address = redis_address(url)
        try:
            self._client = Redis.from_url(
                url, protocol=2, socket_timeout=BLOCK_MS / 1000 + 3, socket_connect_timeout=2,
                retry=Retry(NoBackoff(), 1),
            )  # fmt: skip
        except ValueError as error:
            raise ValueError(f"not a Redis URL like redis://127.0.0.1:6379/0: {error}") from None
        self._results = results
        self._classes: dict[str, _Class] = {}
        self._code: dict[str, str] = {}  # member -> class code
        self._departed: list[tuple[str, str]] = []  # (code, member) left while Redis was unreachable
        self._tasks: set[asyncio.Task[None]] = set()
        self._recovery: asyncio.Task[None] | None = None
        self.online = True

    @classmethod
    async def open(cls, url: str, results: Path | None = None) -> RedisRooms:
        """Rooms in the Redis at `url` (ValueError: not a Redis URL). If Redis cannot be reached
        yet, that is logged and retried; classes work offline meanwhile."""
        rooms = cls(url, results)
        try:
            await rooms._client.ping()
        except RedisError as error:
            rooms._lost(error)
        return rooms

    async def join(self, code: str, teacher: bool, deliver: Deliver) -> str:
        cls = self._classes.setdefault(code, _Class(code, Room(code)))
        async with cls.lock:
            if self._classes.get(code) is not cls:  # everyone here left while this waited
                return await self.join(code, teacher, deliver)
            member = new_member_id()
            self._code[member] = code
            cls.local[member] = _Local(deliver, teacher)
            if not self.online:  # it joins when Redis is back
                cls.stale = True
                self._tell_online(cls, [member], online=False)
                return member
            cls.joining[member] = joined = asyncio.get_running_loop().create_future()
            try:  # a new class's _sync appends this member's Joined too
                await (self._sync(cls) if cls.stale else self._append(code, Joined(member, teacher)))
            except RedisError as error:
                self._lost(error)
        await asyncio.wait([joined], timeout=WAIT)  # until the stream brought it back
        cls.joining.pop(member, None)
        return member

    async def send(self, member: str, message: UpMessage) -> None:
        cls = self._classes.get(self._code.get(member, ""))
        local = None if cls is None else cls.local.get(member)
        if cls is None or local is None:
            return
        if isinstance(message, TEACHER_ONLY) and not local.teacher:
            raise Refused(f"a student sent '{type(message).__name__.lower()}', which only a teacher may")
        if self.online:
            try:
                await self._append(cls.code, Sent(member, message))
            except RedisError as error:
                self._lost(error)

    async def leave(self, member: str) -> None:
        cls = self._classes.get(self._code.pop(member, ""))
        if cls is None:
            return
        cls.local.pop(member, None)
        _done(cls.joining.pop(member, None))
        if self.online:
            cls.leaving[member] = left = asyncio.get_running_loop().create_future()
            try:
                await self._append(cls.code, Left(member))
                await asyncio.wait([left], timeout=WAIT)
            except RedisError as error:
                self._lost(error)
            cls.leaving.pop(member, None)
        if not self.online:  # the others hear of it when Redis is back; this copy now
            self._departed.append((cls.code, member))
            if member in cls.room.members:
                self._tell(cls, cls.room.apply(Left(member)))
                if not cls.room.members:
                    ended(cls.room, self._results)
        if not cls.local and self._classes.get(cls.code) is cls:
            self._stop(cls)
            del self._classes[cls.code]

    async def close(self) -> None:
        for member in list(self._code):
            await self.leave(member)
        while self._tasks:  # again: Python 3.11's wait_for, inside redis-py, can swallow a cancel
            for task in self._tasks:
                task.cancel()
            await asyncio.wait(list(self._tasks), timeout=0.1)
        await self._client.aclose()

    # -- the stream ------------------------------------------------------------

    async def _append(self, code: str, event: AnyEvent) -> None:
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.xadd(KEY + code, {"e": _encoder.encode(event)}, maxlen=MAXLEN, approximate=True)
            pipe.expire(KEY + code, KEEP)
            await pipe.execute()

    async def _sync(self, cls: _Class) -> None:
        """Rebuild the class from its stream, follow it, and append Joined for this server's
        readers the stream does not have (new, or Redis restarted without its data)."""
        self._stop(cls)
        room = Room(cls.code)
        last: bytes | str = b"0-0"
        for ident, fields in await self._client.xrange(KEY + cls.code) or []:
            if (event := _event(cls.code, fields)) is not None:
                with contextlib.suppress(Refused):
                    room.apply(event)
            last = ident or last
        if self._classes.get(cls.code) is not cls:
            return  # everyone here left meanwhile
        cls.room, cls.last, cls.stale = room, last, False
        cls.reader = self._spawn(self._read(cls))
        for member, local in list(cls.local.items()):
            if member not in room.members:
                await self._append(cls.code, Joined(member, local.teacher))

    async def _read(self, cls: _Class) -> None:
        try:
            while cls.reader is asyncio.current_task():  # not after _stop, even if its cancel was lost
                reply = await self._client.xread({KEY + cls.code: cls.last}, count=500, block=BLOCK_MS)
                for ident, fields in reply[0][1] if isinstance(reply, list) and reply else []:
                    cls.last = ident
                    self._apply(cls, fields)
        except RedisError as error:
            self._lost(error)

    def _apply(self, cls: _Class, fields: dict[bytes | str, bytes | str] | None) -> None:
        event = _event(cls.code, fields)
        if event is None:
            return
        present = event.member in cls.room.members
        try:
            self._tell(cls, cls.room.apply(event))
        except Refused as error:
            log.warning("class %s: %s (ignored)", cls.code, error)
            return
        if isinstance(event, Joined):
            _done(cls.joining.get(event.member))
        elif isinstance(event, Left) and event.member in cls.leaving:
            _done(cls.leaving[event.member])
            if present and not cls.room.members:  # exactly one server: the last member's
                ended(cls.room, self._results)

    def _tell(self, cls: _Class, effects: Effects) -> None:
        for member, message in effects:
            local = cls.local.get(member)
            try:
                if local is not None:
                    local.deliver(message)
            except Exception:  # one reader's broken session must not stop the class
                log.exception("class %s: delivering %s", cls.code, type(message).__name__)

    # -- Redis unreachable -------------------------------------------------------

    def _lost(self, error: RedisError) -> None:
        for cls in self._classes.values():
            self._stop(cls)
            cls.stale = True
            for future in (*cls.joining.values(), *cls.leaving.values()):
                _done(future)
        if self.online:
            self.online = False
            log.warning("class rooms offline, retrying: Redis at %s: %s", self.address, error)
            for cls in self._classes.values():
                self._tell_online(cls, list(cls.local), online=False)
        if self._recovery is None or self._recovery.done():
            self._recovery = self._spawn(self._recover())

    async def _recover(self) -> None:
        delay = RETRY
        while True:
            await asyncio.sleep(delay)
            delay = min(delay * 1.5, RETRY_MAX)
            try:
                await self._client.ping()
                while self._departed:
                    code, gone = self._departed[0]
                    await self._append(code, Left(gone))
                    self._departed.pop(0)
                for cls in list(self._classes.values()):
                    async with cls.lock:
                        if cls.stale:
                            await self._sync(cls)
            except RedisError as error:
                self._lost(error)
                continue
            if all(not c.stale and c.reader and not c.reader.done() for c in self._classes.values()):
                break
        self.online = True
        log.info(
            "class rooms online again: Redis at %s, %d classes rebuilt", self.address, len(self._classes)
        )
        for cls in self._classes.values():  # those it had to join again are welcomed anew
            self._tell_online(cls, [m for m in cls.local if m in cls.room.members], online=True)

    def _tell_online(self, cls: _Class, members: list[str], online: bool) -> None:
        room = cls.room
        effects: Effects = []
        for member in members:
            there = room.members.get(member)
            following = there is None or there.following
            effects.append((member, Status(room.leading, following, room.teacher_here, online)))
            if cls.local[member].teacher:
                effects.append((member, room.roster(online)))
        self._tell(cls, effects)

    def _spawn(self, work: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _stop(self, cls: _Class) -> None:
        if cls.reader is not None and cls.reader is not asyncio.current_task():
            cls.reader.cancel()
        cls.reader = None


def _event(code: str, fields: dict[bytes | str, bytes | str] | None) -> AnyEvent | None:
    data = (fields or {}).get(b"e")
    try:
        return cast(AnyEvent, _decoder.decode(data if isinstance(data, bytes) else b""))
    except msgspec.DecodeError as error:
        log.warning("class %s: not an event (ignored): %s", code, error)
        return None
