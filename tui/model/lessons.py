"""Checks of a lesson (schema.Lesson) against the material it uses: across files, so here."""

from __future__ import annotations

from . import schema
from .check import Facts
from .problems import Problem, quote


def check_lesson(
    file: str, lesson: schema.Lesson, facts: Facts, bodies: list[schema.Section], ids: list[str]
) -> list[Problem]:
    """A lesson fits its period, presents slides that exist, asks quiz questions that exist."""
    problems: list[Problem] = []
    spent = sum(step.minutes for step in lesson.steps)
    if spent != lesson.minutes:
        what = f"the steps take {spent} minutes; the lesson says {lesson.minutes}"
        problems.append(Problem(file, facts.lines.get("minutes", 0), what))
    slides = {
        ident
        for body, own in zip(bodies, ids, strict=True)
        if not isinstance(body, schema.QuizSection)
        for ident in (body.slides or [own])
    }
    questions = sum(len(body.quiz) for body in bodies if isinstance(body, schema.QuizSection))
    for i, step in enumerate(lesson.steps):
        line = facts.lines.get(f"steps.{i}", 0)
        for ident in step.slides:
            if ident not in slides:
                what = f"slides: {quote(ident)} is not a slide (see each section's `slides`)"
                problems.append(Problem(file, line, what))
        for number in step.quiz:
            if not 1 <= number <= questions:
                problems.append(Problem(file, line, f"quiz: no question {number} (the quiz has {questions})"))
        if step.answers and len(step.answers) != len(step.questions):
            what = f"answers: {len(step.answers)} for {len(step.questions)} questions"
            problems.append(Problem(file, line, what))
    return problems
