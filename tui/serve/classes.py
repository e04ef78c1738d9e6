"""What serve-ssh and serve-web share about classes: their options and where rooms are kept."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..classroom.rooms import LocalRooms, Rooms

CLASS_IDLE = 2 * 3600.0
"""Seconds without a key before a session in a class is ended, at the least: a student who
follows, or a teacher leading a discussion, may press nothing for most of a lesson."""


def idle_limit(timeout: float, in_class: bool) -> float:
    """The idle timeout of a session (0: never), longer in a class."""
    return max(timeout, CLASS_IDLE) if in_class and timeout > 0 else timeout


def add_class_options(group: argparse._ArgumentGroup) -> None:
    add = group.add_argument
    add("--state", metavar="URL",
        help="share class rooms with other servers through Redis, e.g. redis://127.0.0.1:6379/0 "
        "(default: rooms live in this process)")  # fmt: skip
    add("--results-dir", metavar="DIR", type=Path,
        help="when a class ends, write its results there (answers per question; names only as "
        "students gave them). Default: nothing about students is written")  # fmt: skip


async def open_rooms(state: str | None, results: Path | None) -> Rooms:
    """The rooms: in this process, or shared through Redis at `state` (ValueError: a bad URL)."""
    if state is None:
        return LocalRooms(results)
    from ..classroom.redis_rooms import RedisRooms

    return await RedisRooms.open(state, results)
