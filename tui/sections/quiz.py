"""The quiz: one question at a time, feedback at once, a score and review at the end."""

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
from ..model.schema import Question, QuizSection
from ..widgets.page import Page
from ..widgets.place_link import PlaceLink
from .base import SectionView


class QuizView(SectionView):
    BINDINGS = [
        Binding("r", "retake", show=False),
        Binding("enter,n", "next_question", show=False),
    ]

    def __init__(self, content: Content, section: Section) -> None:
        super().__init__(content, section)
        self.number = 0
        """Index of the question shown; len(questions) means the end."""
        self.chosen: dict[int, str] = {}

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

    def show_item(self, item: str | None) -> None:
        self.resume()

    def resume(self) -> None:
        target = self._options if self.number < len(self.questions) else self._page
        target.focus()

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
        options = self._options
        options.set_options(Option(line, id=str(i)) for i, line in enumerate(lettered(question.options)))
        options.display = True
        options.disabled = False
        options.highlighted = 0
        for widget in (self._feedback, self._link, self._next):
            widget.display = False
        self._question.display = True
        self._page.scroll_home(animate=False)

    @on(OptionList.OptionSelected, "#quiz-options")
    def _answered(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.number in self.chosen or self.number >= len(self.questions):
            return
        question = self.questions[self.number]
        choice = question.options[event.option_index]
        self.chosen[self.number] = choice
        words = self.content.ui.quiz
        right = choice == question.answer
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
        self._options.disabled = True
        self._page.focus()
        self._page.scroll_end(animate=False)

    def action_next_question(self) -> None:
        """After an answer, enter moves on (the options, while focused, take enter first)."""
        if self.number in self.chosen and self.number < len(self.questions):
            self.number += 1
            self._show_question()
            self.resume()

    def _show_score(self) -> None:
        words = self.content.ui.quiz
        total = len(self.questions)
        right = sum(self.chosen.get(i) == q.answer for i, q in enumerate(self.questions))
        self._progress.update(words.score.format(right=right, total=total))
        missed = [(i, q) for i, q in enumerate(self.questions) if self.chosen.get(i) != q.answer]
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

    def action_retake(self) -> None:
        self.number = 0
        self.chosen.clear()
        self._show_question()
        self.resume()
