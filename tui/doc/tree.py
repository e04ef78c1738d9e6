"""The page tree: what every front end draws, as plain data.

The builder (build.py) makes it from the content once; the terminal page, the
Markdown and HTML handouts, the presenter's slides and search all read it.
Every word in a tree comes from the content or its ui.yaml; renderers add
only layout and syntax. Headings count from the page they are on: level 1 is
the page's own title, 2 a part of it; a renderer places the page in its
document (a handout's section is an h2, so its parts are h3).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, assert_never

_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def anchor(ident: str) -> str:
    """An id usable as a fragment in both handout formats.

    Content ids are normally already safe; any other is hex-encoded so a
    space or a quote in an id can neither break a link nor join two ids.
    """
    return ident if _SAFE_ID.fullmatch(ident) else "id-" + ident.encode().hex()


@dataclass(frozen=True)
class Ref:
    """A link to an entry, a section or the corrections log."""

    target: str
    name: str
    linked: bool = True
    """False in a handout that leaves the target out (a one-section handout)."""

    @property
    def anchor(self) -> str:
        return anchor(self.target)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


ParaStyle = Literal["", "meta", "url"]


@dataclass(frozen=True)
class Para:
    text: str
    style: ParaStyle = ""
    """"meta" is a line of facts (who, when); "url" an address shown, never opened."""


@dataclass(frozen=True)
class Prose:
    """A titled run of paragraphs (the overview's story, why it matters)."""

    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Links:
    """A label over links; an empty label shows the links alone."""

    label: str
    refs: tuple[Ref, ...]


@dataclass(frozen=True)
class Titled:
    """A short titled paragraph (a point), with its related links."""

    title: str
    text: str
    related: Links | None


@dataclass(frozen=True)
class Checked:
    """How current the material is, with a link to what was put right."""

    text: str
    corrections: Ref | None


@dataclass(frozen=True)
class MapLink:
    """A section in a map of them: its number and title as a link, then its blurb."""

    number: int
    ref: Ref
    blurb: str


@dataclass(frozen=True)
class Claim:
    """A claim, who makes it, its verdict, and the record's context with its sources."""

    text: str
    attribution: str
    verdict: str
    """The verdict's key ("" for none), for styling; `badge` is its word."""
    badge: str
    context_label: str
    context: str
    sources: Links


@dataclass(frozen=True)
class Bar:
    label: str
    fraction: float
    """Length of the bar, 0 to 1 of the chart's scale."""
    value: str
    claimed: str
    link: Ref | None


@dataclass(frozen=True)
class BarLine:
    """A chart's bar as a slide point: drawn to the width of the screen it is shown on."""

    label: str
    fraction: float
    value: str
    note: str = ""
    """What the article claims beside the official value, if anything."""


@dataclass(frozen=True)
class ChartLines:
    """A chart as one slide point: its title, then its bars, drawn to the screen's width."""

    title: str
    bars: tuple[BarLine, ...]


@dataclass(frozen=True)
class Chart:
    title: str
    bars: tuple[Bar, ...]
    official_label: str
    claimed_label: str
    note: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Questions:
    """Questions to discuss, numbered."""

    label: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class QuizItem:
    question: str
    options: tuple[str, ...]
    """Lettered, as the quiz shows them: "a) 55.10%"."""
    answer: str
    explanation: str
    learn: Links | None


@dataclass(frozen=True)
class Quiz:
    """The quiz as a worksheet; its answers come after it, in `Answers`."""

    items: tuple[QuizItem, ...]


@dataclass(frozen=True)
class Answers:
    label: str
    items: tuple[QuizItem, ...]


@dataclass(frozen=True)
class Entry:
    """One entry of a list section (or of the corrections log): its own page."""

    id: str
    kind: str
    """"profile", "event", "term", "source" or "correction": how compactly it may be laid out."""
    title: str
    blocks: tuple[Block, ...]


Block = (
    Heading
    | Para
    | Prose
    | Links
    | Titled
    | Checked
    | MapLink
    | Claim
    | Chart
    | Bullets
    | Questions
    | Quiz
    | Answers
    | Entry
)


@dataclass(frozen=True)
class SectionDoc:
    """A section whole: its own page's blocks, then its entries, quiz and questions."""

    id: str
    number: int
    title: str
    blurb: str
    blocks: tuple[Block, ...]

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Handout:
    """The explainer, or one section of it, for print."""

    title: str
    subtitle: str
    checked: str
    """When the material was last checked, as a line for under the title ("" for never)."""
    contents_label: str
    contents: tuple[MapLink, ...]
    sections: tuple[SectionDoc, ...] = field(default=())
    compact: bool = False
    """Sections run on without a new page (a worksheet, a lesson plan)."""


def words(block: Block) -> Iterator[str]:
    """The content's words in a block, as a reader sees them, for search.

    Interface labels ("Claims", "Context") and link names are left out: they
    would match every page. Verdict words stay: a reader can look for them.
    """
    match block:
        case Heading() | Links() | Checked() | MapLink():
            return
        case Para(text=text):
            yield text
        case Prose(paragraphs=paragraphs):
            yield from paragraphs
        case Titled(title=title, text=text):
            yield from (title, text)
        case Claim():
            yield from (block.text, block.badge, block.context)
        case Chart():
            yield block.title
            for bar in block.bars:
                yield from (bar.label, bar.value, bar.claimed)
            yield block.note
        case Bullets(items=items) | Questions(items=items):
            yield from items
        case Quiz(items=items):
            for item in items:
                yield from (item.question, *item.options)
        case Answers(items=items):
            yield from (item.explanation for item in items)  # the answer is one of the options
        case Entry():
            yield block.title
            for inner in block.blocks:
                yield from words(inner)
        case _:
            assert_never(block)
