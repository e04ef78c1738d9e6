"""The Textual app: one main screen of section views, a history of places, dialogs on top."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from .class_ui.controller import ClassController
from .classroom.link import ClassLink
from .dialogs.help import HelpScreen
from .dialogs.leave import LeaveScreen
from .dialogs.lesson import LessonScreen
from .dialogs.search import Found, SearchScreen
from .dialogs.sections import SectionsScreen
from .doc.search import SearchIndex
from .history import History, Place
from .keys import SECTION_KEYS
from .main_screen import MainScreen
from .messages import Navigate
from .model import Content, ContentError, Problem, languages, load
from .model.schema import Lesson
from .palette import places
from .presenter import PresenterScreen
from .textual_internals import release_render_caches
from .themes import HIGH_CONTRAST, THEMES


class ExplainerApp(App[None]):
    CSS_PATH = "styles/app.tcss"
    # Each description names a field of the content's `keys`: the key bar and
    # the keys dialog say it in the content's language (tui/keys.py).
    BINDINGS = [
        Binding("ctrl+q", "quit", show=False, priority=True),
        # Textual's own ctrl+p, shown first, in the content's words.
        Binding("ctrl+p", "command_palette", "palette", key_display="^p", priority=True),
        *(Binding(str(n), f"section({n})", "sections", show=n == 1) for n in range(1, SECTION_KEYS + 1)),
        Binding("escape,backspace", "go_back", "back", key_display="esc"),
        Binding("slash", "search", "search", key_display="/"),
        Binding("question_mark,f1", "help", "help", key_display="?"),
        Binding("m", "sections_menu", "menu", show=False),  # the narrow bar's ≡ shows it
        Binding("t", "next_theme", "theme", show=False),
        Binding("p", "present", "present"),
        Binding("l", "switch_language", "language"),
        Binding("q", "leave", "quit"),
        # In a class only (check_action): the teacher's c, o, v; everyone's f; a student's n.
        Binding("c", "class_panel", "class_panel"),
        Binding("f", "follow", "follow"),
        Binding("o", "ask", "ask"),
        Binding("v", "poll", "poll"),
        Binding("n", "name", "name"),
        Binding("L", "lesson", "lesson"),  # with --lesson: its reading list
        Binding("N", "class_notes", "notes"),  # a teacher's second session: the speaker's notes
    ]

    def __init__(
        self,
        content: Content,
        *,
        screen: str | None = None,
        item: str | None = None,
        theme: str | None = None,
        present: bool = False,
        served: bool = False,
        link: ClassLink | None = None,
        lesson: str | None = None,
        watch: bool = False,
    ) -> None:
        """`served`: one of many apps on a server, which builds views only as they are shown;
        `link`: its channel to a class, when the server put it in one; `lesson`: the id of a
        lesson whose slides `p` presents and whose reading list `L` shows (see --lesson); `watch`:
        read the content again whenever a file of it is saved (see watch.py)."""
        super().__init__()
        self.classroom = None if link is None else ClassController(self, self, link)
        self.content = content
        self.served = served
        self.languages = languages(content.root)
        self.history = History()
        self._search: SearchIndex | None = None
        self._last_query = ""
        self._start = Place(screen or self._section_of(item) or content.sections[0].id, item)
        self._theme_name = theme
        self._present_at_start = present
        self.lesson_id = lesson
        self.watching = watch
        self.title = content.index.title

    def get_key_display(self, binding: Binding) -> str:
        """Section keys are offered as one, "1-9", or as many as there are sections."""
        if binding.action == "section(1)":
            return f"1-{min(len(self.content.sections), SECTION_KEYS)}"
        return super().get_key_display(binding)

    # -- places ---------------------------------------------------------------

    def _section_of(self, item: str | None) -> str | None:
        return self.content.entries[item][0].id if item in self.content.entries else None

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0] if self.screen_stack else None
        assert isinstance(screen, MainScreen)
        return screen

    @property
    def place(self) -> Place | None:
        """Where the reader is: the current section and entry."""
        if not self.screen_stack or not isinstance(self.screen_stack[0], MainScreen):
            return None
        return self.main.place

    def goto(
        self, section: str, item: str | None = None, *, remember: bool = True, keep: bool = False
    ) -> None:
        """Show `section` (and `item` in it), remembering where the reader was.

        With `keep`, a section already visited opens where the reader left it.
        """
        while len(self.screen_stack) > 1:
            self.pop_screen()
        here = self.place
        if remember and here is not None and here != Place(section, item):
            self.history.push(here)
        self.main.show_section(section, item, keep=keep)

    def get_system_commands(self, screen: Screen[Any]) -> Iterator[SystemCommand]:
        """ctrl+p offers the content's places and nothing else (see palette.py)."""
        for line in places(self.content):
            yield SystemCommand(line.name, line.hint, partial(self.goto, line.section, line.item))

    def goto_target(self, target: str) -> None:
        """Follow a reference: a section id or an entry id."""
        place = self.content.place_of(target)
        if place is not None:
            self.goto(*place)

    # -- lifecycle --------------------------------------------------------------

    def get_default_screen(self) -> MainScreen:
        # A student in a class goes where the teacher goes, when the teacher goes there: thirty
        # apps building a section's view at that moment would keep the class waiting.
        ahead = not self.served or self.classroom is not None
        return MainScreen(self.content, self._start, build_ahead=ahead)

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        self.theme = THEMES[self._theme_name or "dark"]
        if self.classroom is not None:
            self.classroom.start()
        if self.watching:
            from .watch import follow_edits  # watchfiles only when asked: a served app never watches

            self.run_worker(follow_edits(self), exclusive=True, group="watch")
        if self._present_at_start:
            self.call_after_refresh(self.action_present)
        elif self.lesson is not None:
            self.call_after_refresh(self.action_lesson)

    async def show_content(self, content: Content) -> None:
        """The content saved again (--watch): everything shown reads it, where it was."""
        self.content, self._search = content, None
        self.clear_notifications()  # the problems of the save before, if it broke the content
        if isinstance(self.screen, PresenterScreen):
            self.screen.set_content(content)
        await self.main.reload(content)

    def show_problems(self, problems: list[Problem]) -> None:
        shown, title = "\n".join(str(problem) for problem in problems[:6]), self.content.ui.watch_broken
        self.clear_notifications()
        self.notify(shown, title=title, severity="error", timeout=24 * 3600, markup=False)  # until mended

    def on_navigate(self, message: Navigate) -> None:
        self.goto_target(message.target)

    # -- actions ------------------------------------------------------------------

    def action_section(self, number: int) -> None:
        if 1 <= number <= len(self.content.sections):
            self.goto(self.content.sections[number - 1].id, keep=True)

    def action_go_back(self) -> None:
        if len(self.screen_stack) > 1:
            self.pop_screen()
            return
        place = self.history.pop()
        if place is not None:
            self.goto(*place, remember=False)

    def action_search(self) -> None:
        if self._search is None:
            self._search = SearchIndex(self.content)

        search = SearchScreen(self.content, self._search, self._last_query)

        def chosen(found: Found | None) -> None:
            self._last_query = search.query_text  # "/" again shows the same results, to try the next
            if found is not None:
                self.goto(found.section, found.item)
                # Once the page is laid out at its width: the match's line is known only then.
                self.call_after_refresh(show_match, found.words)

        def show_match(words: tuple[str, ...]) -> None:
            view = self.main.current
            if view is not None:
                view.show_match(words)

        self.push_screen(search, chosen)

    def action_sections_menu(self) -> None:
        if isinstance(self.screen, SectionsScreen):
            return
        here = self.place

        def chosen(section: str | None) -> None:
            if section is not None:
                self.goto(section, keep=True)

        self.push_screen(SectionsScreen(self.content, here.section if here else None), chosen)

    def action_command_palette(self) -> None:
        """Textual's palette, with its prompt in the content's language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(placeholder=self.content.ui.palette_placeholder))

    def action_present(self) -> None:
        """Slides from where the reader is, in high contrast unless a theme was chosen."""
        if isinstance(self.screen, PresenterScreen):
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()
        before = self.theme
        if self._theme_name is None:
            self.theme = HIGH_CONTRAST.name

        def restore(_: None) -> None:
            self.theme = before
            release_render_caches()

        only = None if self.lesson is None else [i for step in self.lesson.steps for i in step.slides]
        screen = PresenterScreen(self.content, self.place, cue=not self.served, only=only)
        self.push_screen(screen, restore)

    # -- in a class ---------------------------------------------------------------------

    @property
    def leads_class(self) -> bool:
        """This reader is the teacher of a class."""
        return self.classroom is not None and self.classroom.teacher

    def class_banner(self) -> tuple[str, bool]:
        """The class banner's words, and whether the class is offline ("" when not in a class)."""
        return ("", False) if self.classroom is None else self.classroom.banner()

    def show_spot(self, section: str, item: str | None, slide: str | None) -> None:
        """Go where a teacher leads: a section and entry, or a slide of the presenter (by id)."""
        presenting = next((s for s in self.screen_stack if isinstance(s, PresenterScreen)), None)
        if slide is None or presenting is None:
            if section not in {s.id for s in self.content.sections}:
                return  # content without it (another explainer): stay
            if item is not None and self.content.place_of(item) is None:
                item = None
            self.goto(section, item)
        if slide is None:
            return
        if presenting is None:
            self.action_present()
        screen = self.screen
        if isinstance(screen, PresenterScreen):
            ids = [shown.id for shown in screen.slides]
            if slide in ids:
                screen.call_after_refresh(screen.action_to, ids.index(slide))

    def action_class_notes(self) -> None:
        if self.classroom is not None:
            self.classroom.open_notes()

    def action_class_panel(self) -> None:
        if self.classroom is not None:
            self.classroom.open_panel()

    def action_follow(self) -> None:
        if self.classroom is not None:
            self.classroom.toggle_follow()

    def action_ask(self) -> None:
        if self.classroom is not None:
            self.classroom.ask()

    def action_poll(self) -> None:
        if self.classroom is not None:
            self.classroom.poll()

    def action_name(self) -> None:
        if self.classroom is not None:
            self.classroom.choose_name()

    @property
    def lesson(self) -> Lesson | None:
        """The lesson chosen (--lesson), in the language shown."""
        return next((item for item in self.content.lessons if item.id == self.lesson_id), None)

    def action_lesson(self) -> None:
        lesson = self.lesson
        if lesson is None or isinstance(self.screen, LessonScreen):
            return

        def chosen(target: str | None) -> None:
            if target is not None:
                self.goto_target(target)

        self.push_screen(LessonScreen(self.content, lesson), chosen)

    def action_leave(self) -> None:
        """q: quit, asking first when that would lose something the reader did (a quiz half answered)."""
        if self.main.unfinished:
            self.push_screen(LeaveScreen(self.content.ui.quiz), self._leave_answered)
        else:
            self.exit()

    def _leave_answered(self, leave: bool | None) -> None:
        if leave:
            self.exit()

    async def action_switch_language(self) -> None:
        """The next language the content is written in, at the same place."""
        if len(self.languages) < 2:
            return
        following = self.languages[(self.languages.index(self.content.lang) + 1) % len(self.languages)]
        try:
            content = load(self.content.root, lang=following)
        except ContentError as error:
            self.notify(str(error.problems[0]), severity="error")
            return
        place = self.place or Place(content.sections[0].id)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.content = content
        self._search = None
        self._last_query = ""
        self.title = content.index.title
        await self.main.set_content(content, place)
        release_render_caches()  # the old language's widgets are gone; let their lines go too

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            role = None
            if self.classroom is not None and self.classroom.code:
                role = "teacher" if self.classroom.teacher else "student"
            self.push_screen(HelpScreen(self.content.ui, len(self.content.sections), role))

    def action_next_theme(self) -> None:
        names = list(THEMES.values())
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "go_back" and not self.history and len(self.screen_stack) <= 1:
            return None  # shown dimmed in the footer: nowhere to go back to
        if action == "section":  # keys past the last section are not offered
            return isinstance(parameters[0], int) and parameters[0] <= len(self.content.sections)
        if action == "switch_language":
            return len(self.languages) > 1
        if action == "lesson":
            return self.lesson is not None
        if action in ("class_panel", "ask", "poll", "class_notes"):
            return self.leads_class
        if action == "follow":
            return self.classroom is not None and bool(self.classroom.code)
        if action == "name":
            return self.classroom is not None and bool(self.classroom.code) and not self.leads_class
        return True

    # -- nothing reachable from a key may write files or run programs -------------

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Disabled: a screenshot is a file written on the server."""

    def deliver_screenshot(self, *args: Any, **kwargs: Any) -> str | None:
        return None

    def deliver_text(self, *args: Any, **kwargs: Any) -> str | None:
        return None

    def deliver_binary(self, *args: Any, **kwargs: Any) -> str | None:
        return None

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Disabled: opening a browser runs a program on the server."""

    def action_suspend_process(self) -> None:
        """Disabled: suspending would hand a remote reader's terminal to nothing."""
