"""Presenter slides, chosen from the handout's page tree.

Each section lists in its `slides` which of its ids become slides, in order:
its own id for a slide about the section, or ids of its entries. A section
that lists none gives one slide about itself. Quiz sections give no slides.
A slide's words are the tree's: what the screens and handouts show.

A claim is two points: the claim and who makes it, then its verdict and the
record's context, so a room can guess before the presenter reveals it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from ..model import Content, schema
from .build import handout
from .tree import BarLine, Block, Bullets, Chart, ChartLines, Claim, Entry, Para, Prose, SectionDoc

CHARTS = 2
CLAIMS = 2
PARAGRAPHS = 2
FIGURES = 4
"""A slide is a summary for a room, not the page: a section's slide shows the first paragraphs
of its story, the bars of its first charts and its first claims; an entry's slide its first
paragraph, its first figures and its first claims. The page holds the rest."""


PointStyle = Literal["", "claim", "verdict", "chart"]


@dataclass(frozen=True)
class Point:
    text: str
    style: PointStyle = ""
    chart: ChartLines | None = None
    """A chart, drawn to the screen's width (`text` says it in words, for search and tests)."""

    @property
    def shown(self) -> str | ChartLines:
        """What the presenter lays out: the chart, or the words."""
        return self.chart or self.text


@dataclass(frozen=True)
class Slide:
    title: str
    subtitle: str
    points: tuple[Point, ...]
    section: str
    item: str | None
    notes: str = ""
    """The speaker's notes (the section's `notes`), for the notes screen, never the room."""

    @property
    def id(self) -> str:
        """What names the slide in `slides` lists, lessons and class messages."""
        return self.item or self.section


def chosen(slides: list[Slide], ids: Iterable[str]) -> list[Slide]:
    """The slides named by `ids`, in that order (a lesson's); unknown ids are left out."""
    by_id = {slide.id: slide for slide in slides}
    return [by_id[ident] for ident in ids if ident in by_id]


def build_slides(content: Content) -> list[Slide]:
    docs = {doc.id: doc for doc in handout(content, paper=False).sections}
    slides: list[Slide] = []
    for section in content.sections:
        if isinstance(section.body, schema.QuizSection):
            continue
        doc = docs[section.id]
        entries = {block.id: block for block in doc.blocks if isinstance(block, Entry)}
        notes = {note.slide: note.text for note in section.body.notes}
        for ident in section.body.slides or [section.id]:
            own = ident == section.id
            slide = _section_slide(doc) if own else _entry_slide(section.id, entries[ident])
            slides.append(replace(slide, notes=notes.get(ident, "")))
    return slides


# A sentence ends at . ! or ? after a lower-case letter, a digit or a closing mark (not "U.S."),
# before a capital or an opening mark.
_SENTENCE_END = re.compile(r"(?<=[a-záéíóúüñ0-9)”\"%][.!?])\s+(?=[A-ZÁÉÍÓÚÑ¿¡“\"(])")


def lead(text: str, sentences: int = 2) -> str:
    """The first sentences of `text`: what a slide shows of a long paragraph (the page has it all)."""
    return " ".join(_SENTENCE_END.split(text)[:sentences])


def claim_points(claim: Claim) -> Iterator[Point]:
    """The claim as its source says it, then (the next step) its verdict and the context's lead."""
    yield Point(f"“{claim.text}” — {claim.attribution}", "claim")
    if claim.badge or claim.context:
        verdict = f"[{claim.badge}] " if claim.badge else ""
        yield Point(f"{verdict}{lead(claim.context, 1)}".strip(), "verdict")


def _section_slide(doc: SectionDoc) -> Slide:
    own = [block for block in doc.blocks if not isinstance(block, Entry)]
    prose = next((block for block in own if isinstance(block, Prose)), None)
    # The story, if the section tells one; else its introduction.
    texts = list(prose.paragraphs[:PARAGRAPHS]) if prose else [b.text for b in own[:1] if isinstance(b, Para)]
    points = [Point(text) for text in texts]
    for chart in [b for b in own if isinstance(b, Chart)][:CHARTS]:
        bars = tuple(
            BarLine(
                bar.label,
                bar.fraction,
                bar.value,
                f"{chart.claimed_label}: {bar.claimed}" if bar.claimed else "",
            )
            for bar in chart.bars
        )
        said = "; ".join(f"{bar.label}: {bar.value}" for bar in bars)
        points.append(Point(f"{chart.title}: {said}", "chart", ChartLines(chart.title, bars)))
    for claim in [b for b in own if isinstance(b, Claim)][:CLAIMS]:
        points += claim_points(claim)
    return Slide(doc.title, doc.blurb, tuple(points), doc.id, None)


def _entry_slide(section: str, entry: Entry) -> Slide:
    meta = next((b.text for b in entry.blocks if isinstance(b, Para) and b.style == "meta"), "")
    return Slide(entry.title, meta, tuple(_points(entry.blocks)), section, entry.id)


def _points(blocks: Iterable[Block]) -> Iterator[Point]:
    """What an entry says, a point each: its first paragraph, its figures, its first claims."""
    paragraphs = claims = 0
    for block in blocks:
        if isinstance(block, Para) and block.style == "" and paragraphs < 1:
            paragraphs += 1
            yield Point(lead(block.text, 3))
        elif isinstance(block, Bullets):
            yield from map(Point, block.items[:FIGURES])
        elif isinstance(block, Claim) and claims < CLAIMS:
            claims += 1
            yield from claim_points(block)
