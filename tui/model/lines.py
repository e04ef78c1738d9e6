"""Parsed YAML that remembers where each value was, and reading a file's bytes.

Kept apart from the YAML parser so that a start served from the cache never
imports PyYAML.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .problems import Problem


class LineDict(dict[str, Any]):
    """A mapping that knows the line of each key and its own first line."""

    line: int
    lines: dict[str, int]


class LineList(list[Any]):
    """A sequence that knows the line of each item."""

    line: int
    lines: list[int]


MAX_FILE = 8 * 2**20
"""Bytes one content file may hold (the shipped files hold about 40 KB)."""
MAX_TOTAL = 64 * 2**20
"""Bytes the files read for one language of one folder may hold together."""


def strings(node: Any, *, keys: bool = False) -> Iterator[tuple[str, int, tuple[str, ...]]]:
    """Every string in parsed YAML: (text, line, the mapping keys above it); with `keys`,
    the mapping keys themselves too (their path is their parents')."""

    def walk(value: Any, line: int, path: tuple[str, ...]) -> Iterator[tuple[str, int, tuple[str, ...]]]:
        if isinstance(value, str):
            yield value, line, path
        elif isinstance(value, LineDict):
            for key, item in value.items():
                at = value.lines.get(key, value.line)
                if keys and isinstance(key, str):
                    yield key, at, path
                yield from walk(item, at, (*path, key))
        elif isinstance(value, LineList):
            for item, at in zip(value, value.lines, strict=False):
                yield from walk(item, at, path)

    return walk(node, 1, ())


class Budget:
    """What is left of MAX_TOTAL for the files of one load."""

    def __init__(self, total: int = MAX_TOTAL) -> None:
        self.total = total
        self.left = total


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


def read_bytes(root: Path, file: str, shown: str, budget: Budget) -> tuple[bytes | None, list[Problem]]:
    """The bytes of root/file, or the problem that stops it being read.

    Only a regular file whose real path is inside `root` is read, and only up
    to the size limits: content may come from strangers' folders, and a link to
    /etc/shadow, a device or a pipe must not be read, echoed or waited on.
    """
    try:
        real = (root / file).resolve(strict=True)
        inside = real.is_relative_to(root.resolve(strict=True))
    except FileNotFoundError:
        return None, [Problem(shown, 0, "file not found")]
    except (OSError, RuntimeError) as error:  # a loop of links, a denied folder
        return None, [Problem(shown, 0, f"cannot read file: {getattr(error, 'strerror', None) or error}")]
    if not inside:
        return None, [Problem(shown, 0, "is a link to a file outside the content folder; not read")]
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as error:
        return None, [Problem(shown, 0, f"cannot read file: {error.strerror}")]
    with os.fdopen(fd, "rb") as handle:
        size = os.fstat(fd)
        if not stat.S_ISREG(size.st_mode):
            return None, [Problem(shown, 0, "is not a regular file (a folder, device or pipe); not read")]
        if size.st_size > MAX_FILE:
            return None, [Problem(shown, 0, f"too large ({_mb(size.st_size)}; the limit is {_mb(MAX_FILE)})")]
        if size.st_size > budget.left:
            what = f"too large: with the files before it, over {_mb(budget.total)} in all"
            return None, [Problem(shown, 0, what)]
        try:
            data = handle.read(MAX_FILE + 1)  # bounded even if the file grows meanwhile
        except OSError as error:
            return None, [Problem(shown, 0, f"cannot read file: {error.strerror}")]
    if len(data) > MAX_FILE:
        return None, [Problem(shown, 0, f"too large (over {_mb(MAX_FILE)})")]
    budget.left -= len(data)
    return data, []
