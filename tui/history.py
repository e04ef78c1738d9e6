"""The places a reader has been, so escape can walk back through them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Place(NamedTuple):
    section: str
    item: str | None = None


@dataclass
class History:
    """A bounded stack of places; visiting the place on top adds nothing."""

    limit: int = 200
    _stack: list[Place] = field(default_factory=list)

    def push(self, place: Place) -> None:
        if not self._stack or self._stack[-1] != place:
            self._stack.append(place)
            del self._stack[: -self.limit]

    def pop(self) -> Place | None:
        return self._stack.pop() if self._stack else None

    def __len__(self) -> int:
        return len(self._stack)
