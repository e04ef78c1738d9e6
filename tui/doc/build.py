"""The one walk from the content model to the page tree (tree.py).

Screens show `section_page`, `entry_page` and `corrections_page`; a handout
is those same pieces in order (`handout`); slides and search read the
handout's tree. A new section kind needs one function here and nothing in
the renderers unless it brings a new kind of block.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import assert_never

from ..model import Content, Section, schema
from ..model.content import CORRECTIONS
from .tree import (
    Answers,
    Bar,
    Block,
    Bullets,
    Chart,
    Checked,
    Claim,
    Entry,
    Handout,
    Heading,
    Links,
    MapLink,
    Para,
    Prose,
    Questions,
    Quiz,
    QuizItem,
    Ref,
    SectionDoc,
    Titled,
)
from .words import attribution, checked, corrections_name, day, number, verdict_word


def section_page(content: Content, section: Section) -> tuple[Block, ...]:
    """A section's own page on screen: for the overview, the title and a map of the others first."""
    build = Builder(content)
    return (*build.masthead(section), *build.own(section, on_screen=True), *build.questions(section))


def entry_page(content: Content, entry: schema.Entry) -> Entry:
    return Builder(content).entry(entry)


def corrections_page(content: Content) -> tuple[Block, ...]:
    """The corrections log as a page of its own (listed with the sources)."""
    log = Builder(content).corrections()
    return (Heading(1, log.title), *log.blocks) if log is not None else ()


def handout(
    content: Content, section_id: str | None = None, *, answers: bool = True, paper: bool = True
) -> Handout:
    """The explainer, or one section of it (an unknown id raises KeyError), for print.

    A whole handout ends with the corrections log; links to what a one-section
    handout leaves out are names, not links. Without `answers`, the quiz's
    answers are left out (a test to hand out). Without `paper`, the quiz keeps
    the screen's words (for search and slides, which show the screen's pages).
    """
    chosen = [content.section(section_id)] if section_id is not None else list(content.sections)
    build = Builder(content, chosen)
    docs = [build.section(s, answers=answers, paper=paper) for s in chosen]
    log = build.corrections()
    if log is not None:
        docs.append(log)
    index = content.index
    contents = () if section_id else tuple(build.map_link(s) for s in chosen)
    return Handout(
        index.title, index.subtitle, checked(content), content.ui.sections_map, contents, tuple(docs)
    )


class Builder:
    def __init__(self, content: Content, sections: Iterable[Section] | None = None) -> None:
        self.content = content
        self.ui = content.ui
        self.present: set[str] | None = None
        """Ids a link may point at; None on screen, where every place is one key away."""
        if sections is not None:
            chosen = list(sections)
            self.present = {s.id for s in chosen} | {e.id for s in chosen for e in s.entries}

    # -- links -------------------------------------------------------------------

    def ref(self, target: str) -> Ref:
        linked = self.present is None or target in self.present
        return Ref(target, self.content.name_of(target), linked)

    def links(self, label: str, targets: Iterable[str]) -> Links | None:
        unique = tuple(dict.fromkeys(t for t in targets if t))
        return Links(label, tuple(self.ref(t) for t in unique)) if unique else None

    def related(self, targets: Iterable[str]) -> list[Block]:
        found = self.links(self.ui.related, targets)
        return [found] if found is not None else []

    def map_link(self, section: Section) -> MapLink:
        return MapLink(section.number, self.ref(section.id), section.ref.blurb)

    # -- sections ----------------------------------------------------------------

    def masthead(self, section: Section) -> Iterator[Block]:
        """The overview's head: the title, how current it is, and the way to what was put right."""
        if not isinstance(section.body, schema.OverviewSection):
            return
        index = self.content.index
        yield Heading(1, index.title)
        if index.subtitle:
            yield Para(index.subtitle, "meta")
        when = checked(self.content)
        if when:
            log = corrections_name(self.content)
            yield Checked(when, Ref(CORRECTIONS, log) if log else None)

    def own(self, section: Section, *, on_screen: bool = False) -> Iterator[Block]:
        """A section's own blocks, before its entries: on screen the overview adds its map."""
        body = section.body
        if body.intro:
            yield Para(body.intro)
        if isinstance(body, schema.OverviewSection):
            if on_screen:
                others = [s for s in self.content.sections if s.id != section.id]
                if others:
                    yield Heading(2, self.ui.sections_map)
                    yield from (self.map_link(s) for s in others)
            if body.story:
                yield Prose(self.ui.story, tuple(body.story))
            if body.why:
                yield Prose(self.ui.why, tuple(body.why))
            yield from self.points(body.points)
        elif isinstance(body, schema.ChartSection):
            yield from (self.chart(chart) for chart in body.charts)
            yield from self.points(body.points)
        yield from self.claims(body.claims)

    def questions(self, section: Section) -> Iterator[Block]:
        if section.body.questions:
            yield Questions(self.ui.questions, tuple(section.body.questions))

    def section(self, section: Section, *, answers: bool = True, paper: bool = True) -> SectionDoc:
        """A section for print: a quiz says how to answer on paper, and keeps its answers for the end."""
        body = section.body
        quiz = self.quiz(body.quiz) if isinstance(body, schema.QuizSection) else ()
        own = list(self.own(section))
        if quiz and paper:  # on paper nothing is checked at once, as the screen's introduction says
            how = self.ui.quiz_printed if answers else self.ui.quiz_printed_no_answers
            own = [Para(how) if block == Para(body.intro) else block for block in own]
        blocks = [*own, *(self.entry(e) for e in section.entries)]
        if quiz:
            blocks.append(Quiz(quiz))
        blocks += self.questions(section)
        if quiz and answers:
            blocks.append(Answers(self.ui.answers, quiz))
        return SectionDoc(section.id, section.number, section.ref.title, section.ref.blurb, tuple(blocks))

    def corrections(self) -> SectionDoc | None:
        log = self.content.corrections
        if log is None or not log.entries:
            return None
        ui = self.ui
        blocks: list[Block] = [Para(log.intro)] if log.intro else []
        for fix in log.entries:
            parts: list[Block] = [
                Para(f"{ui.correction_wrong}: {fix.wrong}"),
                Para(f"{ui.correction_now}: {fix.now}"),
            ]
            parts += self.related(fix.links)
            blocks.append(Entry(fix.id, "correction", day(ui, fix.date), tuple(parts)))
        return SectionDoc(CORRECTIONS, 0, ui.corrections, "", tuple(blocks))

    # -- parts -------------------------------------------------------------------

    def points(self, points: list[schema.Point]) -> Iterator[Block]:
        for point in points:
            yield Titled(point.title, point.text, self.links(self.ui.related, point.links))

    def claims(self, claims: list[schema.Claim]) -> Iterator[Block]:
        if claims:
            yield Heading(2, self.ui.claims)
            yield from (self.claim(c) for c in claims)

    def claim(self, claim: schema.Claim) -> Claim:
        # Whoever makes the claim, then what backs the note; never empty, `by` is required.
        sources = self.links(self.ui.sources, [claim.by, *claim.sources])
        assert sources is not None
        return Claim(
            text=claim.text,
            attribution=attribution(self.content, claim),
            verdict=claim.verdict or "",
            badge=verdict_word(self.content, claim.verdict) if claim.verdict else "",
            context_label=self.ui.context,
            context=claim.context,
            sources=sources,
        )

    def chart(self, chart: schema.Chart) -> Chart:
        # Percentages on a 0-100 scale, anything else against the largest value.
        largest = max((b.value for b in chart.bars), default=1.0) or 1.0
        scale = 100.0 if chart.unit == "%" else largest
        bars = tuple(
            Bar(
                label=bar.label,
                fraction=max(0.0, min(1.0, bar.value / scale)),
                value=number(self.ui, bar.value) + chart.unit,
                claimed=bar.claimed,
                link=self.ref(bar.link) if bar.link else None,
            )
            for bar in chart.bars
        )
        return Chart(chart.title, bars, self.ui.official, self.ui.claimed, chart.note)

    def quiz(self, questions: list[schema.Question]) -> tuple[QuizItem, ...]:
        items = []
        for question in questions:
            options = tuple(lettered(question.options))
            answer = options[question.options.index(question.answer)]
            learn = self.links(self.ui.quiz.learn, [question.link])
            items.append(QuizItem(question.question, options, answer, question.explanation, learn))
        return tuple(items)

    def entry(self, entry: schema.Entry) -> Entry:
        ui = self.ui
        blocks: list[Block] = []
        match entry:
            case schema.Profile():
                blocks.append(Para(_joined(entry.role, entry.type, entry.dates), "meta"))
                if entry.summary:
                    blocks.append(Para(entry.summary))
                if entry.figures:
                    blocks.append(Heading(2, ui.figures))
                    blocks.append(Bullets(tuple(_figure(f) for f in entry.figures)))
                blocks += self.claims(entry.claims)
                blocks += self.related(entry.links)
                kind, title = "profile", entry.name
            case schema.Event():
                if entry.text:
                    blocks.append(Para(entry.text))
                blocks += self.claims(entry.claims)
                blocks += self.related(entry.links)
                kind, title = "event", f"{entry.date} · {entry.title}"
            case schema.Term():
                if entry.expansion:
                    blocks.append(Para(entry.expansion, "meta"))
                if entry.spanish:
                    blocks.append(Para(f"{ui.spanish}: {entry.spanish}"))
                blocks.append(Para(entry.definition))
                blocks += self.related(entry.links)
                kind, title = "term", entry.term
            case schema.Source():
                meta = _joined(entry.author, entry.publisher, entry.date)
                if meta:
                    blocks.append(Para(meta, "meta"))
                if entry.url:
                    blocks.append(Para(entry.url, "url"))
                if entry.note:
                    blocks.append(Para(entry.note))
                kind, title = "source", entry.title
            case _:
                assert_never(entry)
        return Entry(entry.id, kind, title, tuple(blocks))


def lettered(options: Iterable[str]) -> Iterator[str]:
    """Quiz options as the quiz shows them: "a) 55.10%"."""
    for n, option in enumerate(options):
        yield f"{chr(ord('a') + n)}) {option}"


def _joined(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def _figure(figure: schema.Figure) -> str:
    note = f" ({figure.note})" if figure.note else ""
    return f"{figure.label}: {figure.value}{note}"
