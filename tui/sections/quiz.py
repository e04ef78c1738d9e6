"""The quiz: one question at a time, feedback at once, a score and review at the end.

An option is chosen with its letter, or highlighted and chosen with enter;
a new question has nothing highlighted, so an enter meant for the last
feedback answers nothing. Progress (which question, which options chosen,
by position) survives a language switch: the deck hands it to the new view.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..doc.build import lettered
from ..model import Content, Section
from ..model.content import MAX_OPTIONS
from ..model.schema import Question, QuizSection
from ..widgets.page import Page
from ..widgets.place_link import PlaceLink
from .base import SectionView

LETTERS = [chr(ord("a") + n) for n in range(MAX_OPTIONS)]  # as lettered() writes them; no app key
RIGHT_MARK, WRONG_MARK = "✓", "✗"


class QuizView(SectionView):
    BINDINGS = [
        Binding("r", "retake", show=False),
        Binding("enter", "next_question", show=False),
        # To move through the questions without answering: a teacher choosing one to ask the class.
        Binding("right", "skip(1)", show=False),
        Binding("left", "skip(-1)", show=False),
        *(Binding(letter, f"answer({n})", show=False) for n, letter in enumerate(LETTERS)),
    ]

    def __init__(self, content: Content, section: Section) -> None:
        super().__init__(content, section)
        self.number = 0
        """Index of the question shown; len(questions) means the end."""
        self.chosen: dict[int, int] = {}
        """The option chosen for each question answered, by position (the same in every language)."""

    @property
    def questions(self) -> list[Question]:
        body = self.section.body
        assert isinstance(body, QuizSection)
        return body.quiz

    def compose_body(self) -> Iterator[Widget]:
        # Held, not queried: the view is built in the background and may be torn
        # down (at exit, or on a language switch) before it finishes mounting.
        self._page = Page(id="quiz", classes="page")
        self._progress = Static("", markup=False, id="quiz-progress", classes="heading h3")
        self._question = Static("", markup=False, id="quiz-question", classes="quiz-question")
        self._options = OptionList(id="quiz-options")
        self._feedback = Static("", id="quiz-feedback", classes="quiz-feedback")
        self._link = PlaceLink("", "", classes="quiz-link")
        self._next = Static("", markup=False, id="quiz-next", classes="dim")
        with self._page:
            yield Static(self.section.body.intro, markup=False, classes="para meta")
            yield from (self._progress, self._question, self._options, self._feedback, self._link, self._next)

    def prepare(self) -> None:
        self._show_question()

    def progress(self) -> tuple[int, dict[int, int]] | None:
        return (self.number, dict(self.chosen)) if self.chosen else None

    def restore(self, progress: object) -> None:
        if isinstance(progress, tuple):
            number, chosen = progress
            self.number = min(number, len(self.questions))
            self.chosen = {n: c for n, c in chosen.items() if n < len(self.questions)}

    def score(self) -> tuple[int, int, int]:
        """Questions answered, answered right, and in all."""
        return len(self.chosen), sum(map(self._right, self.chosen)), len(self.questions)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A letter the question has no option for, or any letter of a teacher leading a class,
        is not an answer: it goes on to the app's keys (c, f: the class's)."""
        if action == "answer":
            if getattr(self.app, "leads_class", False) or self.number >= len(self.questions):
                return False
            return isinstance(parameters[0], int) and parameters[0] < len(self.questions[self.number].options)
        return True

    @property
    def unfinished(self) -> bool:
        return bool(self.chosen) and self.number < len(self.questions)

    def show_item(self, item: str | None) -> None:
        self.resume()

    def resume(self) -> None:
        asking = self.number < len(self.questions) and self.number not in self.chosen
        (self._options if asking else self._page).focus()

    def _show_question(self) -> None:
        words = self.content.ui.quiz
        if self.number >= len(self.questions):
            self._show_score()
            return
        question = self.questions[self.number]
        progress = words.progress.format(n=self.number + 1, total=len(self.questions))
        if question.kind == "truefalse":
            progress += f" · {words.truefalse}"
        self._progress.update(progress)
        self._question.update(question.question)
        self._set_options(question)
        for widget in (self._feedback, self._link, self._next):
            widget.display = False
        self._question.display = True
        self._page.scroll_home(animate=False)
        if self.number in self.chosen:  # answered before a language switch: as it was left
            self._reveal(self.chosen[self.number])

    def _set_options(self, question: Question, chosen: int | None = None) -> None:
        """The options, lettered; once `chosen`, the right one marked, and the choice if wrong."""
        options = self._options
        right = question.options.index(question.answer)
        lines = []
        for index, line in enumerate(lettered(question.options)):
            prompt = Text(line)
            if chosen is not None and index == right:
                prompt.append(f"  {RIGHT_MARK}", style="bold")
            elif index == chosen:
                prompt.append(f"  {WRONG_MARK}", style="bold")
            lines.append(Option(prompt, id=str(index)))
        options.set_options(lines)
        options.display = True
        options.disabled = chosen is not None
        options.highlighted = chosen  # nothing on a new question: enter there answers nothing

    @on(OptionList.OptionSelected, "#quiz-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.answer(event.option_index)

    def action_answer(self, index: int) -> None:
        """A letter key: that option, if the question has it and is not answered yet."""
        if self.number < len(self.questions) and index < len(self.questions[self.number].options):
            self.answer(index)

    def answer(self, index: int) -> None:
        if self.number in self.chosen or self.number >= len(self.questions):
            return
        self.chosen[self.number] = index
        self._reveal(index)

    def _reveal(self, index: int) -> None:
        """The feedback for option `index` of the question shown, and the options marked."""
        question = self.questions[self.number]
        self._set_options(question, index)
        words = self.content.ui.quiz
        right = question.options[index] == question.answer
        verdict = Text(words.right if right else words.wrong.format(answer=question.answer), style="bold")
        feedback = self._feedback
        feedback.update(Text.assemble(verdict, "\n", question.explanation))
        feedback.set_class(right, "right")
        feedback.set_class(not right, "wrong")
        feedback.display = True
        link = self._link
        if question.link:
            link.target = question.link
            link.update(f"→ {words.learn}: {self.content.name_of(question.link)}")
            link.display = True
        next_hint = self._next
        next_hint.update(words.next)
        next_hint.display = True
        self._page.focus()
        self._page.scroll_end(animate=False)

    def action_next_question(self) -> None:
        """After an answer, enter moves on (the options, while focused, take enter first)."""
        if self.number in self.chosen and self.number < len(self.questions):
            self.number += 1
            self._show_question()
            self.resume()

    def action_skip(self, step: int) -> None:
        """The next or previous question, answered or not (the end counts skipped ones as missed)."""
        number = min(max(self.number + step, 0), len(self.questions))
        if number != self.number:
            self.number = number
            self._show_question()
            self.resume()

    def _show_score(self) -> None:
        words = self.content.ui.quiz
        total = len(self.questions)
        missed = [(i, q) for i, q in enumerate(self.questions) if not self._right(i)]
        self._progress.update(words.score.format(right=total - len(missed), total=total))
        review = Text()
        if missed:
            review.append(f"{words.missed}\n", style="bold")
            for i, question in missed:
                review.append(f"\n{i + 1}. {question.question}\n", style="bold")
                review.append(f"   {words.wrong.format(answer=question.answer)} {question.explanation}\n")
        else:
            review.append(words.all_right, style="bold")
        self._question.update(review)
        self._options.display = False
        self._feedback.display = False
        self._link.display = False
        next_hint = self._next
        next_hint.update(words.retake)
        next_hint.display = True
        self._page.scroll_home(animate=False)
        self._page.focus()

    def _right(self, number: int) -> bool:
        question, chosen = self.questions[number], self.chosen.get(number)
        return chosen is not None and question.options[chosen] == question.answer

    def action_retake(self) -> None:
        self.number = 0
        self.chosen.clear()
        self._show_question()
        self.resume()
