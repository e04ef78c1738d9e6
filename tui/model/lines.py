"""Parsed YAML that remembers where each value was, and reading a file's bytes.

Kept apart from the YAML parser so that a start served from the cache never
imports PyYAML.
"""

from __future__ import annotations

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


def read_bytes(path: Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or the problem that stops it being read."""
    try:
        return path.read_bytes(), []
    except FileNotFoundError:
        return None, [Problem(shown, 0, "file not found")]
    except OSError as error:
        return None, [Problem(shown, 0, f"cannot read file: {error.strerror}")]
