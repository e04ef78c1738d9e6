"""Presenter slides, made from the same content as the screens.

Each section lists in its `slides` which of its ids become slides, in order:
its own id for a slide about the section, or ids of its entries. A section
that lists none gives one slide about itself. Quiz sections give no slides.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import schema
from .content import Content, Section
from .words import attribution, number


@dataclass(frozen=True)
class Slide:
    title: str
    subtitle: str
    points: tuple[str, ...]
    section: str
    item: str | None


def _claim(content: Content, claim: schema.Claim) -> str:
    verdict = f" [{content.ui.verdicts.get(claim.verdict, claim.verdict)}]" if claim.verdict else ""
    return f"{claim.text} ({attribution(content, claim)}){verdict}"


def _section_slide(content: Content, section: Section) -> Slide:
    body = section.body
    points: list[str] = [body.intro] if body.intro else []
    if isinstance(body, schema.OverviewSection):
        points = list(body.story) or points
    elif isinstance(body, schema.ChartSection):
        claimed = content.ui.claimed
        for chart in body.charts[:2]:
            for bar in chart.bars:
                note = f" ({claimed}: {bar.claimed})" if bar.claimed else ""
                value = number(content.ui, bar.value) + chart.unit
                points.append(f"{chart.title} · {bar.label}: {value}{note}")
    points += [_claim(content, c) for c in body.claims[:3]]
    return Slide(section.ref.title, section.ref.blurb, tuple(points), section.id, None)


def _entry_slide(content: Content, section: Section, entry: schema.Entry) -> Slide:
    if isinstance(entry, schema.Profile):
        subtitle = " · ".join(p for p in (entry.role, entry.dates) if p)
        points = [entry.summary] if entry.summary else []
        points += [f"{f.label}: {f.value}" for f in entry.figures]
        points += [_claim(content, c) for c in entry.claims]
        return Slide(entry.name, subtitle, tuple(points), section.id, entry.id)
    if isinstance(entry, schema.Event):
        points = [entry.text] if entry.text else []
        points += [_claim(content, c) for c in entry.claims]
        return Slide(entry.title, entry.date, tuple(points), section.id, entry.id)
    if isinstance(entry, schema.Term):
        points = [entry.definition]
        if entry.spanish:
            points.append(f"{content.ui.spanish}: {entry.spanish}")
        return Slide(entry.term, entry.expansion, tuple(points), section.id, entry.id)
    subtitle = " · ".join(p for p in (entry.publisher, entry.date) if p)
    return Slide(entry.title, subtitle, (entry.note,) if entry.note else (), section.id, entry.id)


def build_slides(content: Content) -> list[Slide]:
    slides: list[Slide] = []
    for section in content.sections:
        if isinstance(section.body, schema.QuizSection):
            continue
        for ident in section.body.slides or [section.id]:
            if ident == section.id:
                slides.append(_section_slide(content, section))
            else:
                slides.append(_entry_slide(content, section, content.entries[ident][1]))
    return slides
