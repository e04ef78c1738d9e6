"""One class: who is in it, where the teacher leads, the open question or poll and its tally.

A Room is a pure reducer: it applies events (a reader joined, left, sent a
message) in order and says what each reader must be told. The same events in
the same order give the same room, so servers that share a class through
Redis each keep a copy fed by one stream (see redis_rooms.py), and deliver
only to their own readers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from msgspec import Struct

from .protocol import (
    TEACHER_ONLY,
    Answer,
    Ask,
    Close,
    Closed,
    Down,
    Follow,
    Goto,
    Lead,
    Poll,
    Question,
    Reader,
    Rename,
    Reveal,
    Revealed,
    Roster,
    Spot,
    State,
    Status,
    Tally,
    UpMessage,
    Welcome,
)


class Event(Struct, frozen=True, tag_field="kind"):
    member: str


class Joined(Event, frozen=True, tag="join"):
    teacher: bool


class Left(Event, frozen=True, tag="leave"):
    pass


class Sent(Event, frozen=True, tag="up"):
    message: UpMessage


AnyEvent = Joined | Left | Sent
Effects = list[tuple[str, Down]]
"""What to tell whom: (member, message), in order."""


class Refused(Exception):
    """A reader sent what only a teacher may (the server logs it; the room is unchanged)."""


@dataclass
class Member:
    label: int
    teacher: bool
    name: str = ""
    spot: Spot | None = None
    answered: int = 0
    right: int = 0
    total: int = 0
    following: bool = True


@dataclass
class Open:
    """The question or poll on everyone's screen."""

    kind: str
    number: int
    options: int
    spot: Spot | None = None
    claim: int = 0
    answers: dict[str, int] = field(default_factory=dict)
    revealed: bool = False

    def counts(self) -> list[int]:
        counts = [0] * self.options
        for option in self.answers.values():
            counts[option] += 1
        return counts

    def tally(self) -> Tally:
        return Tally(self.kind, self.number, self.counts(), self.revealed, self.spot, self.claim)


@dataclass
class Room:
    code: str
    members: dict[str, Member] = field(default_factory=dict)
    leading: bool = False
    lead: Spot | None = None
    open: Open | None = None
    results: list[Tally] = field(default_factory=list)
    named: list[dict[str, int]] = field(default_factory=list)
    """For each of `results`: the answers of the students who gave a name, by name."""
    _labels: int = 0

    @property
    def teacher_here(self) -> bool:
        return any(m.teacher for m in self.members.values())

    @property
    def students(self) -> list[str]:
        return [ident for ident, m in self.members.items() if not m.teacher]

    def apply(self, event: AnyEvent) -> Effects:
        """Change the room by `event`; what to tell whom. Refused leaves the room as it was."""
        if isinstance(event, Joined):
            return self._join(event.member, event.teacher)
        member = self.members.get(event.member)
        if member is None:
            return []  # a reader the room no longer has (it left, or joined before a restart)
        if isinstance(event, Left):
            del self.members[event.member]
            return self._everyone_status() + self._rosters()
        message = event.message
        if isinstance(message, TEACHER_ONLY) and not member.teacher:
            raise Refused(f"a student sent '{type(message).__name__.lower()}', which only a teacher may")
        return self._message(event.member, member, message) + self._rosters()

    def _join(self, ident: str, teacher: bool) -> Effects:
        self._labels += 1
        member = Member(self._labels, teacher)
        self.members[ident] = member
        effects: Effects = [(ident, Welcome(self.code, member.label, teacher))]
        effects += self._everyone_status()
        if not teacher:
            effects += self._catch_up(ident)
        return effects + self._rosters()

    def _catch_up(self, ident: str) -> Effects:
        """What a student who joins, or starts following again, must see now."""
        effects: Effects = []
        if self.leading and self.lead is not None and self.members[ident].following:
            effects.append((ident, Goto(self.lead)))
        if self.open is not None and not self.open.revealed:
            effects.append((ident, self._question()))
        return effects

    def _message(self, ident: str, member: Member, message: UpMessage) -> Effects:
        if isinstance(message, State):
            member.spot, member.total = message.spot, message.total
            member.answered, member.right = message.answered, message.right
            return []
        if isinstance(message, Rename):
            member.name = message.name.strip()
            return []
        if isinstance(message, Follow):
            return self._follow(ident, member, message.on)
        if isinstance(message, Answer):
            opened = self.open
            if member.teacher or opened is None or opened.revealed or message.number != opened.number:
                return []
            if message.option < opened.options:
                opened.answers[ident] = message.option
            return []
        if isinstance(message, Lead):
            member.spot = self.lead = message.spot
            if not self.leading:
                return []
            return [(s, Goto(message.spot)) for s in self.students if self.members[s].following]
        if isinstance(message, Ask | Poll):
            kind = "quiz" if isinstance(message, Ask) else "poll"
            if isinstance(message, Poll):  # a poll's number is its claim's position
                self.open = Open(kind, message.claim, message.options, message.spot, message.claim)
            else:
                self.open = Open(kind, message.number, message.options)
            return [(s, self._question()) for s in self.students]
        if isinstance(message, Reveal):
            return self._reveal()
        if isinstance(message, Close):
            self.open = None
            return [(s, Closed()) for s in self.students]
        return []

    def _follow(self, ident: str, member: Member, on: bool) -> Effects:
        if member.teacher:
            self.leading = on
            effects = self._everyone_status()
            if on and self.lead is not None:
                effects += [(s, Goto(self.lead)) for s in self.students if self.members[s].following]
            return effects
        member.following = on
        return [(ident, self._status(member))] + (self._catch_up(ident) if on else [])

    def _reveal(self) -> Effects:
        opened = self.open
        if opened is None or opened.revealed:
            return []
        opened.revealed = True
        tally = opened.tally()
        ident = (tally.kind, tally.number, tally.spot)  # a poll's number is its claim's place on a page
        same = [n for n, t in enumerate(self.results) if (t.kind, t.number, t.spot) == ident]
        named = {self.members[i].name: o for i, o in opened.answers.items() if self.members[i].name}
        if same:  # asked again: the latest counts
            self.results[same[0]], self.named[same[0]] = tally, named
        else:
            self.results.append(tally)
            self.named.append(named)
        return [(s, Revealed(tally.counts, opened.answers.get(s))) for s in self.students]

    def _question(self) -> Question:
        opened = self.open
        assert opened is not None
        return Question(opened.kind, opened.number, opened.options, opened.spot, opened.claim)

    def _status(self, member: Member) -> Status:
        return Status(self.leading, member.following, self.teacher_here)

    def _everyone_status(self) -> Effects:
        return [(ident, self._status(m)) for ident, m in self.members.items()]

    def roster(self, online: bool = True) -> Roster:
        readers = [
            Reader(m.label, m.name, m.teacher, m.spot, m.answered, m.right, m.total, m.following)
            for m in self.members.values()
        ]
        opened = None if self.open is None else self.open.tally()
        return Roster(readers, opened, list(self.results), online)

    def _rosters(self) -> Effects:
        teachers = [ident for ident, m in self.members.items() if m.teacher]
        if not teachers:
            return []
        roster = self.roster()
        return [(t, roster) for t in teachers]

    def summary(self) -> dict[str, Any]:
        """The class's results, for --results-dir: counts per question, names only as given."""
        return {
            "class": self.code,
            "questions": [
                {
                    **{"kind": t.kind, "number": t.number, "counts": t.counts, "named": named},
                    **({} if t.spot is None else {"section": t.spot.section, "item": t.spot.item}),
                }
                for t, named in zip(self.results, self.named, strict=True)
            ],
        }
