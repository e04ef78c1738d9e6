"""The messages between a session's app and its server's class rooms, as msgspec structs.

msgspec validates the content too: a message that is not one of these, or
has a field out of bounds, is refused whole (`decode_up` raises BadMessage).
Places, questions and claims travel as ids and positions, never as words, so
a student reading in Spanish can follow a teacher reading in English.
"""

from __future__ import annotations

from typing import Annotated, cast

import msgspec
from msgspec import Meta, Struct

MAX_MESSAGE = 64 * 1024
"""A teacher's roster for a full class is a few KB; nothing a reader sends comes near."""

Ident = Annotated[str, Meta(min_length=1, max_length=64)]
Count = Annotated[int, Meta(ge=0, le=1000)]
Option = Annotated[int, Meta(ge=0, lt=26)]
Name = Annotated[str, Meta(max_length=24, pattern=r"^[^\x00-\x1f\x7f]*$")]
"""A name a student chose: printable, short (the server strips it; it may be empty)."""


class Spot(Struct, frozen=True, forbid_unknown_fields=True):
    """Where a reader is: a section, an entry in it, and a slide when presenting (by its id:
    a section's or an entry's, so a teacher presenting a lesson's few slides is followed)."""

    section: Ident
    item: Ident | None = None
    slide: Ident | None = None


# -- from an app to its server ---------------------------------------------------


class Up(Struct, frozen=True, forbid_unknown_fields=True, tag_field="op"):
    """Base of what an app sends."""


class State(Up, frozen=True, tag="state"):
    """Where this reader is and how far through the quiz (answered, right, of total)."""

    spot: Spot
    answered: Count = 0
    right: Count = 0
    total: Count = 0


class Rename(Up, frozen=True, tag="name"):
    name: Name


class Follow(Up, frozen=True, tag="follow"):
    """A teacher: lead the class or not. A student: follow the teacher or read alone."""

    on: bool


class Answer(Up, frozen=True, tag="answer"):
    """A student's answer: the option of the open question, or of the open poll."""

    number: Count
    option: Option


class Lead(Up, frozen=True, tag="lead"):
    """Teacher only: where the class goes when following."""

    spot: Spot


class Ask(Up, frozen=True, tag="ask"):
    """Teacher only: open quiz question `number`, which has `options` options."""

    number: Count
    options: Annotated[int, Meta(ge=2, le=26)]


class Poll(Up, frozen=True, tag="poll"):
    """Teacher only: ask the class's verdict on claim `claim` (its position on the page at `spot`)."""

    spot: Spot
    claim: Count
    options: Annotated[int, Meta(ge=2, le=26)]


class Reveal(Up, frozen=True, tag="reveal"):
    """Teacher only: show the open question's or poll's answer and tally to everyone."""


class Close(Up, frozen=True, tag="close"):
    """Teacher only: put the open question or poll away."""


TEACHER_ONLY = (Lead, Ask, Poll, Reveal, Close)

UpMessage = State | Rename | Follow | Answer | Lead | Ask | Poll | Reveal | Close


# -- from the server to an app ---------------------------------------------------


class Down(Struct, frozen=True, tag_field="op"):
    """Base of what a server sends."""


class Welcome(Down, frozen=True, tag="welcome"):
    code: str
    label: int
    teacher: bool


class Status(Down, frozen=True, tag="status"):
    """What the banner says: is the class led, is this reader following, is the teacher here."""

    leading: bool
    following: bool
    teacher_here: bool
    online: bool = True


class Goto(Down, frozen=True, tag="goto"):
    spot: Spot


class Question(Down, frozen=True, tag="question"):
    """Open question `number` of the quiz (kind "quiz") or a verdict poll on a claim (kind "poll")."""

    kind: str
    number: int
    options: int
    spot: Spot | None = None
    claim: int = 0


class Revealed(Down, frozen=True, tag="revealed"):
    counts: list[int]
    chosen: int | None = None
    """This reader's own answer, if any."""


class Closed(Down, frozen=True, tag="closed"):
    pass


class Reader(Struct, frozen=True):
    label: int
    name: str
    teacher: bool
    spot: Spot | None
    answered: int
    right: int
    total: int
    following: bool


class Tally(Struct, frozen=True):
    kind: str
    number: int
    counts: list[int]
    revealed: bool
    spot: Spot | None = None
    claim: int = 0


class Roster(Down, frozen=True, tag="roster"):
    """For a teacher: everyone, the open question's tally, and each question's results so far."""

    readers: list[Reader]
    open: Tally | None
    results: list[Tally]
    online: bool = True


DownMessage = Welcome | Status | Goto | Question | Revealed | Closed | Roster


class BadMessage(Exception):
    """A message that is not one of the above: one line saying why."""


_up = msgspec.json.Decoder(UpMessage)
_down = msgspec.json.Decoder(DownMessage)
_encoder = msgspec.json.Encoder()


def decode_up(data: bytes) -> UpMessage:
    if len(data) > MAX_MESSAGE:
        raise BadMessage(f"message of {len(data)} bytes")
    try:
        return cast(UpMessage, _up.decode(data))
    except msgspec.DecodeError as error:
        raise BadMessage(str(error)) from None


def decode_down(data: bytes) -> DownMessage:
    try:
        return cast(DownMessage, _down.decode(data))
    except msgspec.DecodeError as error:
        raise BadMessage(str(error)) from None


def encode(message: Up | Down) -> bytes:
    return _encoder.encode(message)
