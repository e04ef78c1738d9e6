"""Presenter slides, chosen from the handout's page tree.

Each section lists in its `slides` which of its ids become slides, in order:
its own id for a slide about the section, or ids of its entries. A section
that lists none gives one slide about itself. Quiz sections give no slides.
A slide's words are the tree's: what the screens and handouts show.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..model import Content, schema
from .build import handout
from .tree import Block, Bullets, Chart, Claim, Entry, Para, Prose, SectionDoc

CHARTS = 2
CLAIMS = 3
"""A section's slide shows the bars of its first charts and its first claims: a slide is a summary."""


@dataclass(frozen=True)
class Slide:
    title: str
    subtitle: str
    points: tuple[str, ...]
    section: str
    item: str | None


def build_slides(content: Content) -> list[Slide]:
    docs = {doc.id: doc for doc in handout(content).sections}
    slides: list[Slide] = []
    for section in content.sections:
        if isinstance(section.body, schema.QuizSection):
            continue
        doc = docs[section.id]
        entries = {block.id: block for block in doc.blocks if isinstance(block, Entry)}
        for ident in section.body.slides or [section.id]:
            if ident == section.id:
                slides.append(_section_slide(doc))
            else:
                slides.append(_entry_slide(section.id, entries[ident]))
    return slides


def claim_point(claim: Claim) -> str:
    badge = f" [{claim.badge}]" if claim.badge else ""
    return f"{claim.text} ({claim.attribution}){badge}"


def _section_slide(doc: SectionDoc) -> Slide:
    own = [block for block in doc.blocks if not isinstance(block, Entry)]
    prose = next((block for block in own if isinstance(block, Prose)), None)
    # The story, if the section tells one; else its introduction.
    points = list(prose.paragraphs) if prose else [b.text for b in own[:1] if isinstance(b, Para)]
    for chart in [b for b in own if isinstance(b, Chart)][:CHARTS]:
        for bar in chart.bars:
            note = f" ({chart.claimed_label}: {bar.claimed})" if bar.claimed else ""
            points.append(f"{chart.title} · {bar.label}: {bar.value}{note}")
    points += [claim_point(b) for b in own if isinstance(b, Claim)][:CLAIMS]
    return Slide(doc.title, doc.blurb, tuple(points), doc.id, None)


def _entry_slide(section: str, entry: Entry) -> Slide:
    meta = next((b.text for b in entry.blocks if isinstance(b, Para) and b.style == "meta"), "")
    return Slide(entry.title, meta, tuple(_points(entry.blocks)), section, entry.id)


def _points(blocks: Iterable[Block]) -> Iterator[str]:
    """What an entry says, a point each: paragraphs, figures and claims, not links or addresses."""
    for block in blocks:
        if isinstance(block, Para) and block.style == "":
            yield block.text
        elif isinstance(block, Bullets):
            yield from block.items
        elif isinstance(block, Claim):
            yield claim_point(block)
