"""The interface's words (ui.yaml): every word the app shows that is not content."""

from __future__ import annotations

from .base import Model


class Keys(Model, frozen=True, kw_only=True):
    """Footer and help labels for the keys, in the content's language."""

    sections: str
    back: str
    search: str
    palette: str
    help: str
    quit: str
    open: str
    move: str
    focus: str
    theme: str
    present: str
    language: str
    answer: str
    """The quiz's letter keys."""
    unfold: str
    """u: unfold (or fold) every claim on the page."""
    year: str
    """y: on the timeline, go to a year."""
    claim: str
    """Enter in the keys dialog: it opens, and on a claim shows or hides the context."""
    lesson: str
    """L: the lesson's reading list, when a lesson was chosen (--lesson)."""
    class_panel: str
    follow: str
    name: str
    ask: str
    poll: str
    notes: str
    """N: a teacher's second session shows the speaker's notes."""
    menu: str
    """m: the sections as a menu, which the tabs become on a narrow screen."""


class QuizWords(Model, frozen=True, kw_only=True):
    progress: str
    """{n} and {total} are filled in."""
    truefalse: str
    right: str
    wrong: str
    """{answer} is filled in."""
    learn: str
    next: str
    score: str
    """{right} and {total} are filled in."""
    missed: str
    all_right: str
    retake: str
    leave: str
    """Asked when q is pressed in the middle of the quiz."""
    leave_keys: str
    """How to answer it: y (or s) or enter leaves, n or esc stays."""


class PresentWords(Model, frozen=True, kw_only=True):
    hint: str
    jump: str
    counter: str
    """{n} and {total} are filled in."""
    part: str
    """A slide cut in parts to fit the screen: {n} and {total} are filled in."""
    notes_waiting: str
    """The notes screen before the slides are on: how to start them."""
    notes_none: str
    notes_next: str
    """Before the next slide's title."""
    notes_last: str
    notes_elapsed: str
    """{time} is filled in."""
    notes_ended: str


class ClassWords(Model, frozen=True, kw_only=True):
    """A class led by a teacher: the banner, the class panel, questions asked of everyone."""

    reader: str
    """An anonymous student's label; {n} is filled in."""
    you: str
    """The end of a student's banner; {code} and {who} are filled in."""
    following: str
    alone: str
    waiting: str
    leading: str
    """The banner's start for a teacher; {code} and {n} (students connected) are filled in."""
    not_leading: str
    offline: str
    panel: str
    """The class panel's title; {code} and {n} are filled in."""
    columns: list[str]
    """Who, where, quiz, following."""
    nobody: str
    """{code} is filled in."""
    quiz_progress: str
    """{answered}, {total} and {right} are filled in."""
    results: str
    no_results: str
    result: str
    """A question's line in the results; {n} and {right} and {total} are filled in."""
    question: str
    """Title of a question the teacher asked; {n} is filled in."""
    poll: str
    """Title of a verdict poll."""
    answer_keys: str
    answered: str
    """{letter} is filled in."""
    tally: str
    """{answered} and {total} are filled in."""
    tally_keys: str
    closed_keys: str
    the_verdict: str
    """Before a claim's real verdict, once revealed."""
    name_prompt: str
    need_question: str
    need_claim: str


class UI(Model, frozen=True, kw_only=True):
    """Every interface word the app shows that is not content."""

    text_version: str
    """serve-web's link to the handout as a page of text, for screen readers and phones."""
    watch_broken: str
    """--watch: over the problems of a save that broke the content."""
    lesson_minutes: str
    """A lesson step's length in the reading list; {n} is filled in."""
    lesson_keys: str
    lesson_verdict: str
    """On a worksheet, before the boxes of the verdicts a student may tick."""
    lesson_do: str
    lesson_slides: str
    lesson_read: str
    lesson_expect: str
    """Before what a teacher may expect as an answer."""
    quiz_printed: str
    """A printed quiz's instructions, with the answers at the end."""
    quiz_printed_no_answers: str

    keys: Keys
    key_help: dict[str, str] = {}
    """What each key does, in a sentence, by the name of its `keys` field (the short word otherwise)."""
    help_title: str
    help_intro: str
    help_close: str
    search_title: str
    search_placeholder: str
    search_empty: str
    search_none: str
    year_title: str
    """The dialog of y on the timeline."""
    year_prompt: str
    """{first} and {last}, the years of the first and the last event, are filled in."""
    year_empty: str
    """Enter with nothing typed; {example} is filled in."""
    year_early: str
    """A year before the first event; {year} and {first} are filled in."""
    palette_placeholder: str
    palette_section: str
    too_small: str
    """Shown below the minimum size; {need} and {have} are filled in."""
    context: str
    sources: str
    related: str
    questions: str
    answers: str
    """Heading of a handout's quiz answers, printed after the questions."""
    sections_map: str
    story: str
    why: str
    claims: str
    figures: str
    spanish: str
    claimed: str
    official: str
    by_article: str
    """Attribution of the article's own claims; {where} is the paragraph."""
    by_cited: str
    """Attribution of a claim the article cites; {who} and {where} are filled in."""
    article_para: str
    """How a paragraph of the article is cited; {n} is filled in."""
    about: str
    """Label of the first item in an entry list: the section's introduction."""
    standfirst: str
    checked: str
    """The day the material was last checked; {date} is filled in."""
    date: str
    """How a day is written; {day}, {month} (a name from `months`) and {year} are filled in."""
    months: list[str]
    decimal_mark: str
    """Between the whole and the fraction of a number: "." in English, "," in Spanish."""
    corrections: str
    """Title of the corrections log."""
    correction_wrong: str
    correction_now: str
    verdicts: dict[str, str]
    themes: dict[str, str]
    quiz: QuizWords
    present: PresentWords
    classroom: ClassWords

    def __post_init__(self) -> None:
        unknown = sorted(set(self.key_help) - set(Keys.__struct_fields__))
        if unknown:
            raise ValueError(f"key_help names no key of `keys`: {', '.join(unknown)}")
