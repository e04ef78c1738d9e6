"""A problem found in content, printed as `file:line: what is wrong`."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    file: str
    """Path relative to the content folder; "" for the folder itself."""
    line: int
    """1-based; 0 when the problem is with the whole file."""
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}" if where else self.message


def quote(text: str) -> str:
    """`text` in single quotes, line breaks and other invisible characters escaped.

    Every message is one line of output, whatever the content holds.
    """
    if text.isprintable():
        return f"'{text}'"
    return "'" + "".join(c if c.isprintable() else repr(c)[1:-1] for c in text) + "'"


class ContentError(Exception):
    """Raised when a content folder cannot be used; carries every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
