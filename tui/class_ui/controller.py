"""The app's part in a class: report where the reader is, follow or lead, ask and answer.

The app owns one controller when its server put it in a class (a ClassLink
in its environment). The controller turns what the server says into screens
(the banner, a question, the class panel) and what the reader does into
messages. A student's app can only send its own state and answers; the
server refuses anything else (serve/class_seat.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from msgspec.structs import replace
from textual.app import App

from ..classroom.link import ClassLink
from ..classroom.protocol import (
    Answer,
    Ask,
    Close,
    Closed,
    DownMessage,
    Follow,
    Goto,
    Lead,
    Poll,
    Question,
    Rename,
    Reveal,
    Revealed,
    Roster,
    Spot,
    State,
    Status,
    Welcome,
)
from ..history import Place
from ..model import Content
from ..model.schema import VERDICTS
from ..presenter import PresenterScreen
from ..sections import SectionView
from ..sections.quiz import QuizView
from ..widgets.class_banner import ClassBanner
from ..widgets.document import Document
from ..widgets.entry_list import EntryList
from .asked import Asked, claim_poll, quiz_question
from .name import NameScreen
from .notes_screen import ClassNotesScreen
from .panel import ClassPanel
from .question import QuestionScreen

if TYPE_CHECKING:
    from textual.timer import Timer


class Views(Protocol):
    """The app's main screen (tui.main_screen.MainScreen), as far as a class looks at it."""

    @property
    def current(self) -> SectionView | None: ...
    def views(self) -> list[SectionView]: ...


class Host(Protocol):
    """What the controller asks of the explainer's app (tui.app.ExplainerApp), besides Textual's."""

    @property
    def content(self) -> Content: ...
    @property
    def place(self) -> Place | None: ...
    @property
    def main(self) -> Views: ...
    def show_spot(self, section: str, item: str | None, slide: str | None) -> None: ...


LEAD_TICK = 0.025
"""Seconds between a teacher's app's looks at where the teacher is: a move reaches the class
within it. (One place to look, cheaply, rather than a hook in every way a reader moves.)"""
STATE_TICK = 0.5
"""The same for a student, whose place only the class panel shows."""


class ClassController:
    def __init__(self, app: App[Any], host: Host, link: ClassLink) -> None:
        """`app` and `host` are one object, the app: Textual's services, and the explainer's own."""
        self.app = app
        self.host = host
        self.link = link
        self.code = ""
        self.label = 0
        self.teacher = False
        self.name = ""
        self.status = Status(leading=False, following=True, teacher_here=False)
        self.roster: Roster | None = None
        self._reported: tuple[object, ...] | None = None
        self._question: QuestionScreen | None = None
        self._timer: Timer | None = None
        self._pending: Spot | None = None
        """Where the teacher went while a question covered the screen: gone to once it closes."""

    def start(self) -> None:
        self.link.start(self._received, self._lost)
        self._timer = self.app.set_interval(STATE_TICK, self._tick)

    # -- what the reader sees --------------------------------------------------------

    @property
    def students(self) -> int:
        return 0 if self.roster is None else sum(not r.teacher for r in self.roster.readers)

    def banner(self) -> tuple[str, bool]:
        """The banner's words, and whether the class is offline."""
        if not self.code:
            return "", False
        words = self.host.content.ui.classroom
        if self.teacher:
            said = words.leading if self.status.leading else words.not_leading
            text = said.format(code=self.code, n=self.students)
        else:
            reader = self.name or words.reader.format(n=self.label)
            if not self.status.teacher_here:
                state = words.waiting
            else:
                state = words.following if self.status.following and self.status.leading else words.alone
            # What to do first, so a narrow terminal cuts the name, not the key.
            text = f"{state} · {words.you.format(code=self.code, who=reader)}"
        online = self.status.online and (self.roster is None or self.roster.online)
        if not online:  # first: it explains why following stopped
            text = f"{words.offline} · {text}"
        return text, not online

    def _repaint_banners(self) -> None:
        text, offline = self.banner()
        for screen in self.app.screen_stack:
            for banner in screen.query(ClassBanner):
                banner.say(text, offline)

    # -- messages from the server ------------------------------------------------------

    def _received(self, message: DownMessage) -> None:
        if isinstance(message, Welcome):
            self.code, self.label, self.teacher = message.code, message.label, message.teacher
            self.app.refresh_bindings()
            if self.teacher and self._timer is not None:
                self._timer.stop()
                self._timer = self.app.set_interval(LEAD_TICK, self._tick)
        elif isinstance(message, Status):
            self.status = message
        elif isinstance(message, Roster):
            self.roster = message
            self._roster_changed(message)
        elif isinstance(message, Goto):
            self._go(message.spot)
        elif isinstance(message, Question):
            self._asked(message)
        elif isinstance(message, Revealed):
            if self._question is not None:
                self._question.reveal(message.counts, message.chosen)
        elif isinstance(message, Closed):
            self._close_question()
        self._repaint_banners()

    def _lost(self) -> None:
        """The server closed the class channel: reading goes on, the banner says the class is gone."""
        self.status = replace(self.status, online=False)
        self._repaint_banners()

    def _roster_changed(self, roster: Roster) -> None:
        for screen in self.app.screen_stack:
            if isinstance(screen, ClassPanel):
                screen.show(roster)
            elif isinstance(screen, ClassNotesScreen):
                screen.follow(roster)
        question, opened = self._question, roster.open
        if question is not None and opened is not None and opened.number == question.asked.number:
            if opened.revealed and not question.revealed:
                question.reveal(opened.counts)
            elif not opened.revealed:
                question.tally(opened.counts, self.students)

    def _go(self, spot: Spot) -> None:
        if self.teacher or not (self.status.following and self.status.leading):
            return
        if self._question is not None:
            self._pending = spot
            return
        self.host.show_spot(spot.section, spot.item, spot.slide)

    def _asked(self, message: Question) -> None:
        content = self.host.content
        if message.kind == "quiz":
            asked = quiz_question(content, message.number)
        elif message.spot is not None:
            asked = claim_poll(content, message.spot.section, message.spot.item, message.claim)
        else:
            asked = None
        if asked is None:
            return  # this reader's content lacks it (another explainer): nothing to answer
        self._close_question()

        def send(choice: int | str) -> None:
            if isinstance(choice, int):
                self.link.send(Answer(message.number, choice))

        self._show_question(QuestionScreen(asked, content.ui.classroom, teacher=False, send=send))

    def _show_question(self, screen: QuestionScreen) -> None:
        self._question = screen
        self.app.push_screen(screen, lambda _: self._question_gone(screen))

    def _question_gone(self, screen: QuestionScreen) -> None:
        if self._question is screen:
            self._question = None
        if self._pending is not None:
            spot, self._pending = self._pending, None
            self._go(spot)

    def _close_question(self) -> None:
        question = self._question
        if question is not None and question.is_attached:
            question.dismiss()

    # -- what the reader does ------------------------------------------------------------

    def _tick(self) -> None:
        """Tell the server where the reader is, when that changed (and lead, as a teacher)."""
        spot = self.spot()
        if spot is None:
            return
        quiz = self._quiz_view()
        answered, right, total = quiz.score() if quiz is not None else (0, 0, 0)
        now = (spot, answered, right, total)
        if now == self._reported:
            return
        # A teacher's first report is no lead: a second session (the notes) or a reconnection
        # must not pull a following class to where that session happens to open.
        moved = self._reported is not None and self._reported[0] != spot
        self._reported = now
        if self.teacher and moved:
            self.link.send(Lead(spot))
        self.link.send(State(spot, answered, right, total))

    def spot(self) -> Spot | None:
        place = self.host.place
        if place is None:
            return None
        presenter = next((s for s in self.app.screen_stack if isinstance(s, PresenterScreen)), None)
        slide = None if presenter is None else presenter.slide.id
        return Spot(place.section, place.item, slide)

    def _quiz_view(self) -> QuizView | None:
        return next((v for v in self.host.main.views() if isinstance(v, QuizView)), None)

    def toggle_follow(self) -> None:
        if self.teacher:
            spot = self.spot()
            if not self.status.leading and spot is not None:
                self.link.send(Lead(spot))  # the class comes to where the teacher is now
            self.link.send(Follow(not self.status.leading))
        else:
            self.link.send(Follow(not self.status.following))

    def open_panel(self) -> None:
        if not any(isinstance(s, ClassPanel) for s in self.app.screen_stack):
            self.app.push_screen(ClassPanel(self.host.content, self.code, self.roster))

    def open_notes(self) -> None:
        """N, a teacher's second session: the speaker's notes of the session presenting."""
        if not any(isinstance(s, ClassNotesScreen) for s in self.app.screen_stack):
            self.app.push_screen(ClassNotesScreen(self.host.content, self.label, self.roster))

    def choose_name(self) -> None:
        def named(name: str | None) -> None:
            if name is not None:
                self.name = name
                self.link.send(Rename(name))
                self._repaint_banners()

        prompt = self.host.content.ui.classroom.name_prompt
        self.app.push_screen(NameScreen(prompt, self.name), named)

    def ask(self) -> None:
        """o: put the quiz question on screen to the whole class."""
        view = self.host.main.current
        words = self.host.content.ui.classroom
        if not isinstance(view, QuizView) or view.number >= len(view.questions):
            self.app.notify(words.need_question)
            return
        asked = quiz_question(self.host.content, view.number)
        if asked is not None:
            self.link.send(Ask(view.number, len(asked.options)))
            self._lead_question(asked)

    def poll(self) -> None:
        """v: ask the class's verdict on the claim under the cursor, or the first on screen."""
        words = self.host.content.ui.classroom
        place, page = self.host.place, self._page()
        claim = None if page is None else page.claim_in_view()
        if page is None or claim is None or place is None:
            self.app.notify(words.need_claim)
            return
        number = page.claims().index(claim)
        asked = claim_poll(self.host.content, place.section, place.item, number)
        if asked is not None:
            self.link.send(Poll(Spot(place.section, place.item), number, len(VERDICTS)))
            self._lead_question(asked)

    def _page(self) -> Document | None:
        """The page on screen: the one focused, or else the current view's."""
        focused = self.app.focused
        if isinstance(focused, Document) and not isinstance(focused, EntryList):
            return focused
        view = self.host.main.current
        pages = [] if view is None else [d for d in view.query(Document) if not isinstance(d, EntryList)]
        return pages[0] if pages else None

    def _lead_question(self, asked: Asked) -> None:
        def send(choice: int | str) -> None:
            self.link.send(Reveal() if choice == "reveal" else Close())

        words = self.host.content.ui.classroom
        screen = QuestionScreen(asked, words, teacher=True, send=send, students=self.students)
        self._close_question()
        self._show_question(screen)
