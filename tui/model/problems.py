"""A problem found in content, printed as `file:line: what is wrong`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Literal, NamedTuple


class Problem(NamedTuple):
    file: str
    """Path relative to the content folder; "" for the folder itself."""
    line: int
    """1-based; 0 when the problem is with the whole file."""
    message: str
    column: int | None = None
    """1-based, where it is known (for editors: `check --format json`)."""
    hint: str = ""
    """The suggested fix ("did you mean 'anez'?"), also at the end of `message`; "" if none."""
    severity: Literal["error", "warning"] = "error"
    """A warning is printed by `check` but does not fail it."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f"warning: {self.message}" if self.severity == "warning" else self.message
        return f"{where}: {what}" if where else what


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """ "did you mean 'x'?" for the choice closest to `word`; "" when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"did you mean {quote(close[0])}?" if close else ""


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
