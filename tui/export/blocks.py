"""The handout as a plain tree of blocks: what both formats render.

Every word in a tree comes from the content; the renderers add only syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def anchor(ident: str) -> str:
    """An id usable as a fragment in both formats.

    Content ids are normally already safe; any other is hex-encoded so a
    space or a quote in an id can neither break a link nor join two ids.
    """
    return ident if _SAFE_ID.fullmatch(ident) else "id-" + ident.encode().hex()


@dataclass(frozen=True)
class Ref:
    """A reference to an entry or section; `linked` when it is in this document."""

    target: str
    name: str
    linked: bool

    @property
    def anchor(self) -> str:
        return anchor(self.target)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    style: str = ""
    """A hint for presentation: "" (plain), "meta" (a line of facts) or "url"."""


@dataclass(frozen=True)
class Titled:
    """A short titled paragraph (a point), with its related links."""

    title: str
    text: str
    related: Links | None


@dataclass(frozen=True)
class Links:
    label: str
    refs: list[Ref]


@dataclass(frozen=True)
class ClaimBlock:
    text: str
    attribution: str
    verdict: str | None
    """The verdict's key (for styling); `badge` is its word."""
    badge: str
    context_label: str
    context: str
    sources: Links | None


@dataclass(frozen=True)
class BarRow:
    label: str
    fraction: float
    """Length of the bar, 0 to 1 of the chart's scale."""
    value: str
    claimed: str
    link: Ref | None


@dataclass(frozen=True)
class ChartBlock:
    title: str
    rows: list[BarRow]
    official_label: str
    claimed_label: str
    note: str


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Questions:
    label: str
    items: list[str]


@dataclass(frozen=True)
class QuizItem:
    question: str
    options: list[str]
    """Lettered as on screen: "a) 55.10%"."""
    answer: str
    explanation: str
    learn: Links | None


@dataclass(frozen=True)
class Quiz:
    """The quiz as a worksheet; its answers come at the end of the section."""

    items: list[QuizItem]


@dataclass(frozen=True)
class Answers:
    label: str
    items: list[QuizItem]


@dataclass(frozen=True)
class Entry:
    """One entry of a list section: anchored, with its own blocks."""

    id: str
    kind: str
    """"profile", "event", "term" or "source": how compactly it may be laid out."""
    heading: str
    blocks: list[Block]


Block = (
    Heading | Para | Titled | Links | Bullets | ClaimBlock | ChartBlock | Questions | Quiz | Answers | Entry
)


@dataclass(frozen=True)
class SectionDoc:
    id: str
    heading: str
    blocks: list[Block]


@dataclass(frozen=True)
class ContentsItem:
    ref: Ref
    blurb: str


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    contents_label: str
    contents: list[ContentsItem]
    sections: list[SectionDoc] = field(default_factory=list)
    checked: str = ""
    """When the material was last checked, as a line for under the title."""
