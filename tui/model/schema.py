"""The content schema: plain typed structs that msgspec validates YAML into.

Each section file is converted to the struct its kind names in the index, so a
new section of an existing kind is a YAML edit.  Nothing here imports Textual.
"""

from __future__ import annotations

import re
from typing import Literal

from .base import Model
from .ui_words import UI, ClassWords, Keys, PresentWords, QuizWords

Verdict = Literal["consistent", "imprecise", "disputed", "unverifiable", "inaccurate"]
VERDICTS: tuple[str, ...] = ("consistent", "imprecise", "disputed", "unverifiable", "inaccurate")


# What each data field is, for the code that walks content without knowing its kinds
# (the reference check, translations, search). Every other field is text: shown to
# readers, translated, searched. One place, so the three cannot drift apart.
REFERENCES = ("links", "link", "by", "sources", "slides", "slide", "read")
"""Ids of other entries or sections: checked as references, never shown as written."""
NAMES = frozenset({"id", "kind", "verdict", "para", "fact", "file", "corrections", "article", "lessons"})
"""Ids, enum values and numbers that code reads: not shown as written, not translated."""
FIXED = frozenset({"date", "url", "unit", "answer", "author", "checked"})
"""Shown as written, the same in every language: defined in the English files only."""

ID_SYNTAX = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""What every id in a content folder looks like (sections, entries, corrections):
lower-case letters and digits in words joined by single hyphens, as `e-2019-11-10`.
`check` enforces it; ids stay data, never CSS selectors or file names."""


class Claim(Model, frozen=True, kw_only=True):
    """Something a source asserts, kept apart from what the record says of it."""

    text: str
    by: str
    """Id of whoever makes the claim: the article's source entry, or one it cites."""
    para: int
    """Paragraph of the article the claim comes from (0 is the standfirst)."""
    verdict: Verdict | None = None
    context: str = ""
    sources: list[str] = []
    fact: str = ""
    """A name for the fact the claim is about: claims naming the same fact
    must carry the same verdict, wherever they are (`check` reports any that differ)."""


class Figure(Model, frozen=True, kw_only=True):
    label: str
    value: str
    note: str = ""


class Point(Model, frozen=True, kw_only=True):
    """A short titled paragraph, optionally linked to entries."""

    title: str
    text: str
    links: list[str] = []


class Profile(Model, frozen=True, kw_only=True):
    """A person, organization, program or resource."""

    id: str
    name: str
    role: str
    type: str = ""
    dates: str = ""
    summary: str = ""
    figures: list[Figure] = []
    claims: list[Claim] = []
    links: list[str] = []


class Event(Model, frozen=True, kw_only=True):
    id: str
    date: str
    title: str
    text: str = ""
    links: list[str] = []
    claims: list[Claim] = []


class Term(Model, frozen=True, kw_only=True):
    id: str
    term: str
    expansion: str = ""
    spanish: str = ""
    definition: str
    links: list[str] = []


class Source(Model, frozen=True, kw_only=True):
    id: str
    title: str
    publisher: str = ""
    author: str = ""
    date: str = ""
    url: str = ""
    note: str = ""


class Bar(Model, frozen=True, kw_only=True):
    label: str
    value: float
    claimed: str = ""
    """The figure as the article rounds it, shown beside the official one."""
    link: str = ""


class Chart(Model, frozen=True, kw_only=True):
    title: str
    unit: str = "%"
    bars: list[Bar]
    note: str = ""


class Question(Model, frozen=True, kw_only=True):
    """A quiz question: multiple choice, or true/false with two options."""

    question: str
    kind: Literal["choice", "truefalse"] = "choice"
    options: list[str]
    answer: str
    """The right option, written exactly as in `options`."""
    explanation: str
    link: str = ""
    """Entry or section that teaches the answer."""


class Note(Model, frozen=True, kw_only=True):
    """Speaker notes for one slide: what the presenter reads on a second screen."""

    slide: str
    """The slide's id: the section's own, or one of its entries in `slides`."""
    text: str


class Section(Model, frozen=True, kw_only=True):
    """Fields every section file may carry."""

    intro: str = ""
    claims: list[Claim] = []
    questions: list[str] = []
    slides: list[str] = []
    """Ids that become presenter slides, in order: this section's id for its
    own slide, or ids of its entries."""
    notes: list[Note] = []
    """Speaker notes, for some of the section's slides."""


class OverviewSection(Section, frozen=True, kw_only=True):
    story: list[str] = []
    why: list[str] = []
    points: list[Point] = []


class ChartSection(Section, frozen=True, kw_only=True):
    charts: list[Chart]
    points: list[Point] = []


class ProfilesSection(Section, frozen=True, kw_only=True):
    entries: list[Profile]


class TimelineSection(Section, frozen=True, kw_only=True):
    entries: list[Event]


class GlossarySection(Section, frozen=True, kw_only=True):
    entries: list[Term]


class SourcesSection(Section, frozen=True, kw_only=True):
    entries: list[Source]


class QuizSection(Section, frozen=True, kw_only=True):
    quiz: list[Question]


Entry = Profile | Event | Term | Source


class Correction(Model, frozen=True, kw_only=True):
    """One line of the corrections log: what the explainer said, and what it says now."""

    id: str
    date: str
    """When the correction was made, YYYY-MM-DD."""
    wrong: str
    """What was wrong."""
    now: str
    """What the explainer says now."""
    links: list[str] = []


class CorrectionsLog(Model, frozen=True, kw_only=True):
    """The corrections log: shown in the sources section and at the end of each handout."""

    intro: str = ""
    entries: list[Correction] = []


KINDS: dict[str, type[Section]] = {
    "overview": OverviewSection,
    "chart": ChartSection,
    "profiles": ProfilesSection,
    "timeline": TimelineSection,
    "glossary": GlossarySection,
    "sources": SourcesSection,
    "quiz": QuizSection,
}


class SectionRef(Model, frozen=True, kw_only=True):
    """One line of the index: where a section's file is and how to show it."""

    id: str
    title: str
    kind: str
    file: str
    tab: str = ""
    blurb: str = ""


class Article(Model, frozen=True, kw_only=True):
    source: str
    """Id of the article's entry in a sources section."""
    paragraphs: int


class Index(Model, frozen=True, kw_only=True):
    title: str
    subtitle: str = ""
    checked: str = ""
    """The day the material was last checked against the record, YYYY-MM-DD."""
    corrections: str = ""
    """The corrections log's file, inside the folder (see CorrectionsLog)."""
    article: Article
    sections: list[SectionRef]
    lessons: list[str] = []
    """Files of lessons (see Lesson), inside the folder."""


class LessonStep(Model, frozen=True, kw_only=True):
    """A part of a lesson: how long, what the teacher does, what the class uses."""

    minutes: int
    title: str
    do: str
    """What the teacher does and says."""
    slides: list[str] = []
    """Slides to present, by id: a section's, or an entry's its section lists in `slides`."""
    read: list[str] = []
    """Sections and entries the students read, by id."""
    quiz: list[int] = []
    """Quiz questions to ask, by number (from 1)."""
    questions: list[str] = []
    """Questions for discussion."""
    answers: list[str] = []
    """What a teacher may expect, a line for each of `questions` (the teacher's plan only)."""


class Lesson(Model, frozen=True, kw_only=True):
    """A path through the material for one class period."""

    id: str
    title: str
    minutes: int
    aim: str
    steps: list[LessonStep]


__all__ = ["UI", "ClassWords", "Keys", "PresentWords", "QuizWords"]  # the interface's words, kept in ui_words
