"""Building blocks shared by every section screen: headings, text, links, claims.

Content text is always passed with markup=False so nothing in a YAML file can
be read as a Textual action.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from ..model import Content
from ..model.schema import Claim, Point
from .link import Link


def heading(text: str, level: int = 2) -> Static:
    return Static(text, markup=False, classes=f"heading h{level}")


def paragraph(text: str, classes: str = "") -> Static:
    return Static(text, markup=False, classes=f"para {classes}".strip())


def links_row(content: Content, label: str, targets: Iterable[str]) -> Widget | None:
    """A labelled row of links, or None when there is nothing to link."""
    links = [Link(content.name_of(t), t) for t in targets]
    if not links:
        return None
    return Horizontal(Static(f"{label}:", markup=False, classes="links-label"), *links, classes="links")


def attribution(content: Content, claim: Claim) -> str:
    ui = content.ui
    where = ui.standfirst if claim.para == 0 else ui.article_para.format(n=claim.para)
    if claim.by == content.index.article.source:
        return ui.by_article.format(where=where)
    return ui.by_cited.format(who=content.name_of(claim.by), where=where)


class ClaimView(Vertical):
    """A claim, who makes it, its verdict badge and the record's context, kept apart."""

    def __init__(self, content: Content, claim: Claim) -> None:
        verdict = claim.verdict or "none"
        super().__init__(classes=f"claim verdict-{verdict}")
        self.content = content
        self.claim = claim

    def compose(self) -> Iterator[Widget]:
        ui = self.content.ui
        claim = self.claim
        yield Static(claim.text, markup=False, classes="claim-text")
        with Horizontal(classes="claim-meta"):
            yield Link(attribution(self.content, claim), claim.by, classes="attribution")
            if claim.verdict:
                label = ui.verdicts.get(claim.verdict, claim.verdict)
                yield Static(f"[{label}]", markup=False, classes=f"badge badge-{claim.verdict}")
        if claim.context or claim.sources:
            with Vertical(classes="context"):
                yield Static(ui.context, markup=False, classes="context-title")
                if claim.context:
                    yield Static(claim.context, markup=False, classes="context-text")
                row = links_row(self.content, ui.sources, claim.sources)
                if row is not None:
                    yield row


def claims_block(content: Content, claims: Iterable[Claim], title: str | None = None) -> Iterator[Widget]:
    claims = list(claims)
    if claims:
        yield heading(title or content.ui.claims, 3)
        for claim in claims:
            yield ClaimView(content, claim)


def points_block(content: Content, points: Iterable[Point]) -> Iterator[Widget]:
    for point in points:
        yield heading(point.title, 3)
        yield paragraph(point.text)
        row = links_row(content, content.ui.related, point.links)
        if row is not None:
            yield row


def questions_block(content: Content, questions: Iterable[str]) -> Iterator[Widget]:
    questions = list(questions)
    if questions:
        yield heading(content.ui.questions, 3)
        for number, question in enumerate(questions, start=1):
            yield paragraph(f"{number}. {question}", classes="question")
