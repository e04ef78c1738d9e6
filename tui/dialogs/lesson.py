"""A lesson's reading list (--lesson ID): its steps, and what the class reads in each."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..model import Content
from ..model.schema import Lesson


class LessonScreen(ModalScreen[str | None]):
    """The id chosen to read, or None."""

    BINDINGS = [Binding("escape,L", "dismiss(None)", show=False)]

    def __init__(self, content: Content, lesson: Lesson) -> None:
        super().__init__()
        self.content = content
        self.lesson = lesson

    def compose(self) -> ComposeResult:
        ui = self.content.ui
        options: list[Option] = []
        for number, step in enumerate(self.lesson.steps):
            minutes = ui.lesson_minutes.format(n=step.minutes)
            options.append(Option(Text(f"{minutes} · {step.title}", style="bold"), disabled=True))
            options += [Option(f"  {self.content.name_of(i)}", id=f"{number}:{i}") for i in step.read]
        with Vertical(classes="dialog lesson"):
            yield Static(self.lesson.title, markup=False, classes="heading h2")
            yield Static(self.lesson.aim, markup=False, classes="para dim")
            yield OptionList(*options, id="lesson-list")
            yield Static(ui.lesson_keys, markup=False, classes="dim")

    @on(OptionList.OptionSelected, "#lesson-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id or ""
        self.dismiss(chosen.partition(":")[2] or None)
