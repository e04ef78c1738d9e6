"""Building blocks shared by every section screen: headings, text, links, claims.

Content text is always passed with markup=False so nothing in a YAML file can
be read as a Textual action.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from ..model import Content
from ..model.schema import Claim, Point
from .claim import ClaimView
from .links import links_row


def heading(text: str, level: int = 2) -> Static:
    return Static(text, markup=False, classes=f"heading h{level}")


def paragraph(text: str, classes: str = "") -> Static:
    return Static(text, markup=False, classes=f"para {classes}".strip())


def prose(texts: Iterable[str], classes: str = "") -> Static:
    """Several paragraphs in one widget: fewer widgets, faster screens."""
    return Static("\n\n".join(texts), markup=False, classes=f"para {classes}".strip())


def titled(title: str, text: str) -> Static:
    """A bold title over its paragraph, in one widget."""
    return Static(Text.assemble((title, "bold"), "\n", text), classes="para titled")


def claims_block(content: Content, claims: Iterable[Claim], title: str | None = None) -> Iterator[Widget]:
    claims = list(claims)
    if claims:
        yield heading(title or content.ui.claims, 3)
        for claim in claims:
            yield ClaimView(content, claim)


def points_block(content: Content, points: Iterable[Point]) -> Iterator[Widget]:
    for point in points:
        yield titled(point.title, point.text)
        row = links_row(content, content.ui.related, point.links)
        if row is not None:
            yield row


def questions_block(content: Content, questions: Iterable[str]) -> Iterator[Widget]:
    questions = list(questions)
    if questions:
        yield heading(content.ui.questions, 3)
        numbered = (f"{number}. {question}" for number, question in enumerate(questions, start=1))
        yield Static("\n".join(numbered), markup=False, classes="para questions")
