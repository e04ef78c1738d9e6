"""The walk from the content to the handout's tree of blocks (see blocks.py).

Both formats render the same tree, so they show the same things in the same
order and differ only in syntax.
"""

from __future__ import annotations

from ..model import Content, Section, entry_name, schema
from ..model.content import CORRECTIONS
from ..model.words import attribution, checked, day, number, verdict_word
from .blocks import (
    Answers,
    BarRow,
    Block,
    Bullets,
    ChartBlock,
    ClaimBlock,
    ContentsItem,
    Document,
    Entry,
    Heading,
    Links,
    Para,
    Questions,
    Quiz,
    QuizItem,
    Ref,
    SectionDoc,
    Titled,
)


def build(content: Content, section_id: str | None = None) -> Document:
    """The whole explainer, or one section of it (an unknown id raises KeyError)."""
    if section_id is not None and not content.has_section(section_id):
        raise KeyError(section_id)
    chosen = [s for s in content.sections if section_id in (None, s.id)]
    walker = _Walker(content, chosen)
    contents = [] if section_id else [ContentsItem(walker.ref(s.id), s.ref.blurb) for s in chosen]
    index = content.index
    docs = [walker.section(s) for s in chosen]
    if content.corrections is not None and content.corrections.entries:
        docs.append(walker.corrections(content.corrections))
    return Document(index.title, index.subtitle, content.ui.sections_map, contents, docs, checked(content))


class _Walker:
    def __init__(self, content: Content, sections: list[Section]) -> None:
        self.content = content
        self.ui = content.ui
        self.present = {s.id for s in sections} | {e.id for s in sections for e in s.entries}

    def ref(self, target: str) -> Ref:
        return Ref(target, self.content.name_of(target), target in self.present)

    def links(self, label: str, targets: list[str]) -> Links | None:
        unique = list(dict.fromkeys(t for t in targets if t))
        return Links(label, [self.ref(t) for t in unique]) if unique else None

    def section(self, section: Section) -> SectionDoc:
        body = section.body
        blocks: list[Block] = []
        if body.intro:
            blocks.append(Para(body.intro))
        if isinstance(body, schema.OverviewSection):
            blocks += self.prose(self.ui.story, body.story)
            blocks += self.prose(self.ui.why, body.why)
            blocks += self.points(body.points)
        elif isinstance(body, schema.ChartSection):
            for chart in body.charts:
                blocks.append(self.chart(chart))
            blocks += self.points(body.points)
        blocks += self.claims(body.claims, 3)
        blocks += [self.entry(e) for e in section.entries]
        quiz = self.quiz(body.quiz) if isinstance(body, schema.QuizSection) else []
        if quiz:
            blocks.append(Quiz(quiz))
        if body.questions:
            blocks.append(Questions(self.ui.questions, list(body.questions)))
        if quiz:
            blocks.append(Answers(self.ui.answers, quiz))
        return SectionDoc(section.id, f"{section.number}. {section.ref.title}", blocks)

    def corrections(self, log: schema.CorrectionsLog) -> SectionDoc:
        """The corrections log, after the sections: every handout ends with it."""
        ui = self.ui
        blocks: list[Block] = [Para(log.intro)] if log.intro else []
        for correction in log.entries:
            parts: list[Block] = [
                Para(f"{ui.correction_wrong}: {correction.wrong}"),
                Para(f"{ui.correction_now}: {correction.now}"),
            ]
            related = self.links(ui.related, list(correction.links))
            if related is not None:
                parts.append(related)
            blocks.append(Entry(correction.id, "correction", day(ui, correction.date), parts))
        return SectionDoc(CORRECTIONS, ui.corrections, blocks)

    def prose(self, title: str, paragraphs: list[str]) -> list[Block]:
        if not paragraphs:
            return []
        return [Heading(3, title), *(Para(p) for p in paragraphs)]

    def points(self, points: list[schema.Point]) -> list[Block]:
        return [Titled(p.title, p.text, self.links(self.ui.related, p.links)) for p in points]

    def claims(self, claims: list[schema.Claim], level: int) -> list[Block]:
        if not claims:
            return []
        return [Heading(level, self.ui.claims), *(self.claim(c) for c in claims)]

    def claim(self, claim: schema.Claim) -> ClaimBlock:
        badge = verdict_word(self.content, claim.verdict) if claim.verdict else ""
        return ClaimBlock(
            text=claim.text,
            attribution=attribution(self.content, claim),
            verdict=claim.verdict,
            badge=badge,
            context_label=self.ui.context,
            context=claim.context,
            # As on screen: whoever makes the claim, then what backs the note.
            sources=self.links(self.ui.sources, [claim.by, *claim.sources]),
        )

    def chart(self, chart: schema.Chart) -> ChartBlock:
        # As on screen: percentages on a 0-100 scale, anything else against the largest value.
        largest = max((b.value for b in chart.bars), default=1.0) or 1.0
        scale = 100.0 if chart.unit == "%" else largest
        rows = [
            BarRow(
                label=bar.label,
                fraction=max(0.0, min(1.0, bar.value / scale)),
                value=number(self.ui, bar.value) + chart.unit,
                claimed=bar.claimed,
                link=self.ref(bar.link) if bar.link else None,
            )
            for bar in chart.bars
        ]
        return ChartBlock(chart.title, rows, self.ui.official, self.ui.claimed, chart.note)

    def quiz(self, questions: list[schema.Question]) -> list[QuizItem]:
        items = []
        for question in questions:
            options = [f"{chr(ord('a') + i)}) {option}" for i, option in enumerate(question.options)]
            answer = options[question.options.index(question.answer)]
            learn = self.links(self.ui.quiz.learn, [question.link])
            items.append(QuizItem(question.question, options, answer, question.explanation, learn))
        return items

    def entry(self, entry: schema.Entry) -> Entry:
        ui = self.ui
        blocks: list[Block] = []
        heading = entry_name(entry)
        if isinstance(entry, schema.Profile):
            meta = " · ".join(p for p in (entry.role, entry.type, entry.dates) if p)
            blocks.append(Para(meta, "meta"))
            if entry.summary:
                blocks.append(Para(entry.summary))
            if entry.figures:
                blocks.append(Heading(4, ui.figures))
                blocks.append(Bullets([_figure(f) for f in entry.figures]))
            blocks += self.claims(entry.claims, 4)
        elif isinstance(entry, schema.Event):
            heading = f"{entry.date} · {entry.title}"
            if entry.text:
                blocks.append(Para(entry.text))
            blocks += self.claims(entry.claims, 4)
        elif isinstance(entry, schema.Term):
            if entry.expansion:
                blocks.append(Para(entry.expansion, "meta"))
            if entry.spanish:
                blocks.append(Para(f"{ui.spanish}: {entry.spanish}"))
            blocks.append(Para(entry.definition))
        else:
            meta = " · ".join(p for p in (entry.author, entry.publisher, entry.date) if p)
            if meta:
                blocks.append(Para(meta, "meta"))
            if entry.url:
                blocks.append(Para(entry.url, "url"))
            if entry.note:
                blocks.append(Para(entry.note))
        links = getattr(entry, "links", [])
        related = self.links(ui.related, list(links))
        if related is not None:
            blocks.append(related)
        return Entry(entry.id, type(entry).__name__.lower(), heading, blocks)


def _figure(figure: schema.Figure) -> str:
    note = f" ({figure.note})" if figure.note else ""
    return f"{figure.label}: {figure.value}{note}"
