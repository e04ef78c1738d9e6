"""The class rooms a server holds: readers join with a code, send messages, leave.

`Rooms` is what a server needs; `LocalRooms` keeps every room in this
process (one machine, the default), `RedisRooms` (redis_rooms.py) shares
them between servers. Both apply the same Room reducer.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from .protocol import Down, UpMessage
from .room import AnyEvent, Effects, Joined, Left, Room, Sent

log = logging.getLogger("bolivia_explainer.class")

CODE = re.compile(r"[a-z][a-z0-9-]{1,30}[0-9]")
"""A class code: lower-case letters, digits and hyphens, ending in a digit ("bolivia7").
Ordinary user names ("alice") are not codes, so an ssh with no code reads alone."""

Deliver = Callable[[Down], None]


def is_class_code(name: str) -> bool:
    return CODE.fullmatch(name) is not None


class Rooms(Protocol):
    async def join(self, code: str, teacher: bool, deliver: Deliver) -> str:
        """Put a reader in class `code`; `deliver` gets what it is told. Its member id."""
        ...

    async def send(self, member: str, message: UpMessage) -> None:
        """A message from `member`'s app; room.Refused if it may not send it."""
        ...

    async def leave(self, member: str) -> None: ...

    async def close(self) -> None: ...


def new_member_id() -> str:
    """Unique across servers that share rooms, so one needs no counter of another's."""
    return secrets.token_hex(8)


def write_results(folder: Path, room: Room) -> Path | None:
    """The class's results as JSON in `folder` (only if a question or poll was revealed)."""
    if not room.results:
        return None
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"{room.code}-{stamp}.json"
    for attempt in range(2, 100):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            break
        except FileExistsError:
            path = folder / f"{room.code}-{stamp}-{attempt}.json"
    else:
        raise FileExistsError(path)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump(room.summary(), file, ensure_ascii=False, indent=1)
    return path


class LocalRooms:
    """Every room in this process: a class on one machine."""

    def __init__(self, results: Path | None = None) -> None:
        self._results = results
        self._rooms: dict[str, Room] = {}
        self._code: dict[str, str] = {}  # member -> class code
        self._deliver: dict[str, Deliver] = {}

    def room(self, code: str) -> Room | None:
        return self._rooms.get(code)

    async def join(self, code: str, teacher: bool, deliver: Deliver) -> str:
        member = new_member_id()
        self._code[member] = code
        self._deliver[member] = deliver
        room = self._rooms.setdefault(code, Room(code))
        self._tell(room.apply(Joined(member, teacher)))
        return member

    async def send(self, member: str, message: UpMessage) -> None:
        room = self._rooms.get(self._code.get(member, ""))
        if room is not None:
            self._tell(room.apply(Sent(member, message)))

    async def leave(self, member: str) -> None:
        code = self._code.pop(member, "")
        self._deliver.pop(member, None)
        room = self._rooms.get(code)
        if room is None:
            return
        self._tell(room.apply(Left(member)))
        if not room.members:
            del self._rooms[code]
            ended(room, self._results)

    async def close(self) -> None:
        for member in list(self._code):
            await self.leave(member)

    def _tell(self, effects: Effects) -> None:
        for member, message in effects:
            deliver = self._deliver.get(member)
            if deliver is not None:
                deliver(message)


def ended(room: Room, results: Path | None) -> None:
    """A class everyone has left: log it, and keep its results if asked to."""
    log.info("class %s ended (%d questions or polls revealed)", room.code, len(room.results))
    if results is None:
        return
    try:
        path = write_results(results, room)
    except OSError as error:
        log.error("class %s: results not written: %s", room.code, error)
        return
    if path is not None:
        log.info("class %s: results written to %s", room.code, path)


__all__ = ["AnyEvent", "Deliver", "LocalRooms", "Rooms", "ended", "is_class_code"]
