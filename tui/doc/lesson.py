"""A lesson as a handout: the students' worksheet, or the teacher's plan, from the page tree.

The worksheet gives, for each step, the key facts of what the class reads
(each item's lead), the claims to judge with empty verdict boxes, the quiz
questions and the questions to discuss: no verdict, no context, no answer.
The plan gives what to do and for how long, the slides and reading, each
claim with its verdict and the record's context, the expected answers and
the quiz's answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from ..model import Content, schema
from ..model.schema import VERDICTS
from .build import Builder
from .slides import lead
from .tree import Answers, Block, Claim, Handout, Heading, Para, Questions, Quiz, QuizItem, SectionDoc
from .words import checked, verdict_word

Audience = Literal["students", "teachers"]
CLAIMS_PER_ITEM = 2
"""Claims a worksheet asks about for each item read: a period has room for a few."""


def lesson_handout(content: Content, lesson: schema.Lesson, audience: Audience) -> Handout:
    build = Builder(content, [])  # a lesson's handout holds no section: its references are names
    steps = tuple(_step(content, build, n, step, audience) for n, step in enumerate(lesson.steps, 1))
    return Handout(lesson.title, lesson.aim, checked(content), "", (), steps, compact=True)


def _step(
    content: Content, build: Builder, number: int, step: schema.LessonStep, audience: Audience
) -> SectionDoc:
    ui = content.ui
    blocks: list[Block] = []
    if audience == "teachers":
        blocks.append(Para(f"{ui.lesson_do}: {step.do}"))
        if step.slides:
            blocks.append(
                Para(f"{ui.lesson_slides}: " + ", ".join(map(content.name_of, step.slides)), "meta")
            )
        if step.read:
            blocks.append(Para(f"{ui.lesson_read}: " + ", ".join(map(content.name_of, step.read)), "meta"))
    for ident in step.read:
        blocks += _reading(content, build, ident, audience)
    quiz = _quiz(content, build, step.quiz)
    if quiz:
        blocks.append(Quiz(quiz))
    if step.questions:
        if audience == "teachers" and step.answers:
            items = tuple(
                f"{q} — {ui.lesson_expect}: {a}" for q, a in zip(step.questions, step.answers, strict=True)
            )
        else:
            items = tuple(step.questions)
        blocks.append(Questions(ui.questions, items))
    if quiz and audience == "teachers":
        blocks.append(Answers(ui.answers, quiz))
    minutes = ui.lesson_minutes.format(n=step.minutes)
    return SectionDoc(f"step-{number}", number, f"{step.title} ({minutes})", "", tuple(blocks))


def _reading(content: Content, build: Builder, ident: str, audience: Audience) -> Iterator[Block]:
    """What one item read contributes: its name and lead, then its first claims."""
    blocks = _page(content, build, ident)
    yield Heading(2, content.name_of(ident))
    paragraph = next((b for b in blocks if isinstance(b, Para) and b.style == ""), None)
    if paragraph is not None:
        yield Para(lead(paragraph.text, 2))
    claims = [b for b in blocks if isinstance(b, Claim)][:CLAIMS_PER_ITEM]
    for claim in claims:
        if audience == "teachers":
            yield claim
        else:
            yield Para(f"“{claim.text}” — {claim.attribution}")
            boxes = "   ".join(f"☐ {verdict_word(content, v)}" for v in VERDICTS)
            yield Para(f"{content.ui.lesson_verdict}  {boxes}", "meta")


def _page(content: Content, build: Builder, ident: str) -> list[Block]:
    """The blocks of a section's own page or an entry's."""
    if ident in content.entries:
        return list(build.entry(content.entries[ident][1]).blocks)
    return list(build.own(content.section(ident)))


def _quiz(content: Content, build: Builder, numbers: list[int]) -> tuple[QuizItem, ...]:
    questions = [q for s in content.sections if isinstance(s.body, schema.QuizSection) for q in s.body.quiz]
    return build.quiz([questions[n - 1] for n in numbers if 1 <= n <= len(questions)])
