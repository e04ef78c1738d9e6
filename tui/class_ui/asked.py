"""What the class is asked, in the reader's own language: a quiz question or a claim's verdict.

Messages name a question by its position and a claim by its position on a
page (see classroom/protocol.py); this finds the words in the content each
reader has, so a teacher in English can ask a class reading in Spanish.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from ..doc.build import corrections_page, entry_page, lettered, section_page
from ..doc.tree import Block, Claim
from ..model import Content
from ..model.content import CORRECTIONS
from ..model.schema import VERDICTS, QuizSection
from ..render.rows import flatten

BAR_WIDTH = 30


@dataclass(frozen=True)
class Asked:
    kind: str
    """"quiz" or "poll"."""
    number: int
    title: str
    body: str
    options: list[str]
    right: int | None
    """The right option (a poll of a claim with no verdict has none)."""
    after: str
    """Shown with the answer: the question's explanation, or the claim's verdict and context."""


def page_blocks(content: Content, section: str, item: str | None) -> list[Block]:
    """The blocks of the page at a place, as the app's page shows them (claims in the same order)."""
    if item is None:
        return list(flatten(section_page(content, content.section(section))))
    if item == CORRECTIONS:
        return list(flatten(corrections_page(content)))
    return list(flatten([entry_page(content, content.entries[item][1])]))


def claims_on(blocks: list[Block]) -> list[Claim]:
    return [block for block in blocks if isinstance(block, Claim)]


def quiz_question(content: Content, number: int) -> Asked | None:
    words = content.ui.classroom
    for section in content.sections:
        body = section.body
        if isinstance(body, QuizSection) and number < len(body.quiz):
            question = body.quiz[number]
            right = question.options.index(question.answer)
            title = words.question.format(n=number + 1)
            return Asked("quiz", number, title, question.question, list(question.options), right,
                         question.explanation)  # fmt: skip
    return None


def claim_poll(content: Content, section: str, item: str | None, number: int) -> Asked | None:
    try:
        claims = claims_on(page_blocks(content, section, item))
    except KeyError:
        return None  # a place this content does not have
    if number >= len(claims):
        return None
    claim = claims[number]
    options = [content.ui.verdicts[verdict] for verdict in VERDICTS]
    right = VERDICTS.index(claim.verdict) if claim.verdict in VERDICTS else None
    after = f"{content.ui.classroom.the_verdict}: {claim.badge}\n{claim.context}".strip()
    body = f"“{claim.text}”\n{claim.attribution}"
    return Asked("poll", number, content.ui.classroom.poll, body, options, right, after)


def draw_option(
    asked: Asked, index: int, counts: list[int] | None, chosen: int | None, revealed: bool
) -> Text:
    """Option `index`, lettered, marked once revealed; with its tally as a bar when counted."""
    text = Text(list(lettered(asked.options))[index], style="bold" if index == chosen else "")
    if revealed and index == asked.right:
        text.append("  ✓", style="bold")
    elif revealed and index == chosen:
        text.append("  ✗", style="bold")
    if counts is not None:
        count = counts[index] if index < len(counts) else 0
        bar = "█" * max(1, round(BAR_WIDTH * count / max(counts))) if count else "▏"
        text.append(f"\n   {bar} ", style="bold" if revealed and index == asked.right else "dim")
        text.append(str(count))
    return text
