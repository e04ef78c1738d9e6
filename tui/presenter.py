"""Presenter mode: the content as slides that reveal one point at a time.

Readable from the back of a room: big bordered headings, a slide counter
always on screen, margins that keep text off the projector's edge. A slide
never runs off the screen: its points are wrapped for the screen it is on and
cut into numbered parts that fit (render/parts.py), and a resize lays them
out again. A claim is revealed before its verdict, so a room can guess first.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Input, Static

from .cue import Cue, publish
from .doc.slides import Slide, build_slides, chosen
from .model import Content
from .render.parts import Step, heading, lay_out, parts
from .widgets.class_banner import ClassBanner


class PresenterScreen(Screen[None]):
    AUTO_FOCUS = ""  # keys are the screen's; the jump box takes the focus only when opened
    BINDINGS = [
        Binding("space,right,pagedown", "forward", show=False),
        Binding("left,pageup", "backward", show=False),
        Binding("g", "jump", show=False),
        Binding("b,full_stop", "blank", show=False),
        Binding("escape,p", "leave", show=False),
        Binding("home", "to(0)", show=False),
        Binding("end", "to_last", show=False),
    ]

    def __init__(
        self,
        content: Content,
        start: tuple[str, str | None] | None = None,
        *,
        cue: bool = False,
        only: list[str] | None = None,
    ) -> None:
        """`cue`: tell the speaker's notes where the slides are (cue.py); never on a server.
        `only`: the slides to show, by id, in that order (a lesson's); None: all of them."""
        super().__init__()
        self.content = content
        self._cue = cue
        self._started = time.time()
        self.slides: list[Slide] = build_slides(content)
        self._only: tuple[str, ...] = ()
        if only is not None:
            self.slides = chosen(self.slides, only) or self.slides
            self._only = tuple(slide.id for slide in self.slides)
        self.index = self._find(start) if start else 0
        self.steps: list[Step] = []
        """The current slide's steps, laid out for the screen as it is."""
        self.step = 0
        """The last step revealed."""
        self._at_end = False
        """Reveal every step once laid out (coming back to a slide)."""

    def set_content(self, content: Content) -> None:
        """The content saved again (--watch): the same slide and point, as they now read."""
        shown = self.slide.id
        self.content = content
        self.slides = build_slides(content)
        if self._only:
            self.slides = chosen(self.slides, list(self._only)) or self.slides
        ids = [slide.id for slide in self.slides]
        self.index = ids.index(shown) if shown in ids else min(self.index, len(self.slides) - 1)
        self._heading()
        self.call_after_refresh(self._lay_out, keep=True)  # once the title has its new height

    def _find(self, place: tuple[str, str | None]) -> int:
        section, item = place
        for number, slide in enumerate(self.slides):
            if slide.section == section and slide.item == item:
                return number
        return next((n for n, s in enumerate(self.slides) if s.section == section), 0)

    def compose(self) -> ComposeResult:
        yield ClassBanner()
        with Vertical(id="slide"):
            yield Static("", markup=False, id="slide-title")
            yield Static("", markup=False, id="slide-subtitle")
            yield Vertical(id="slide-points")
        yield Static("", markup=False, id="slide-counter")
        yield Static(self.content.ui.present.hint, markup=False, id="slide-hint")
        yield Input(id="slide-jump", type="integer")

    def on_mount(self) -> None:
        self.query_one("#slide-jump").display = False
        self._paint()

    @property
    def slide(self) -> Slide:
        return self.slides[self.index]

    @property
    def part(self) -> int:
        return self.steps[self.step].part if self.steps else 0

    def _paint(self) -> None:
        """Show the current slide's title, then lay its points out once the title has its height."""
        self._heading()
        self.call_after_refresh(self._lay_out)

    def _heading(self) -> None:
        # Wrapped here, as `check` wraps them (render/parts.py), so both agree on the room left.
        title, subtitle = heading(self.slide.title, self.slide.subtitle, self.app.size.width)
        self.query_one("#slide-title", Static).update(title)
        shown = self.query_one("#slide-subtitle", Static)
        shown.update(subtitle)
        shown.display = bool(subtitle)

    def on_resize(self, _event: Resize) -> None:
        if self.steps:
            self._heading()
            self.call_after_refresh(self._lay_out, keep=True)

    def _lay_out(self, keep: bool = False) -> None:
        area = self.query_one("#slide-points").content_region
        point = self.steps[self.step].point if keep and self.steps else 0
        self.steps = lay_out([point.shown for point in self.slide.points], area.width, area.height)
        if keep:  # the same point as before the resize, wherever it now falls
            self.step = max((n for n, s in enumerate(self.steps) if s.point <= point), default=0)
        elif self._at_end:
            self.step = len(self.steps) - 1
        self._at_end = False
        self._show()

    def _show(self) -> None:
        """The current part, revealed up to the current step."""
        box = self.query_one("#slide-points")
        part = self.part
        shown = [s for n, s in enumerate(self.steps) if s.part == part and n <= self.step]
        with self.app.batch_update():
            box.remove_children()
            box.mount_all(self._step_widget(step) for step in shown)
            self._count()

    def _step_widget(self, step: Step) -> Static:
        style = self.slide.points[step.point].style
        classes = f"slide-point {style}" if style else "slide-point"
        return Static(Text("\n".join(step.lines)), classes=classes)

    def _count(self) -> None:
        words = self.content.ui.present
        counter = words.counter.format(n=self.index + 1, total=len(self.slides))
        total = parts(self.steps)
        if total > 1:
            counter += " · " + words.part.format(n=self.part + 1, total=total)
        self.query_one("#slide-counter", Static).update(Text(f" {counter} ", style="bold reverse"))
        self._publish()

    def _publish(self, presenting: bool = True) -> None:
        if self._cue:
            root, lang = str(self.content.root), self.content.lang
            total = parts(self.steps)
            publish(Cue(root, lang, self.index, self.part, total, self._started, presenting, self._only))

    # -- keys -----------------------------------------------------------------------------

    def action_forward(self) -> None:
        if self._unblank():
            return
        if self.step + 1 < len(self.steps):
            self.step += 1
            self._show()
        elif self.index + 1 < len(self.slides):
            self.action_to(self.index + 1)

    def action_backward(self) -> None:
        if self._unblank():
            return
        if self.index > 0:
            self.action_to(self.index - 1, at_end=True)

    def action_to(self, number: int, at_end: bool = False) -> None:
        if 0 <= number < len(self.slides):
            self.index = number
            self.step = 0
            self.steps = []
            self._at_end = at_end
            self._paint()

    def action_to_last(self) -> None:
        self.action_to(len(self.slides) - 1)

    def action_blank(self) -> None:
        """b (or .): a blank screen, as a projector remote's key; again, or any step, brings it back."""
        self.set_class(not self.has_class("-blank"), "-blank")

    def _unblank(self) -> bool:
        """Bring the slide back if the screen was blank; True if it was."""
        if self.has_class("-blank"):
            self.remove_class("-blank")
            return True
        return False

    def action_jump(self) -> None:
        box = self.query_one("#slide-jump", Input)
        box.placeholder = self.content.ui.present.jump.format(total=len(self.slides))
        box.value = ""
        box.display = True
        box.focus()

    @on(Input.Submitted, "#slide-jump")
    def _jumped(self, event: Input.Submitted) -> None:
        box = self.query_one("#slide-jump", Input)
        box.display = False
        self.set_focus(None)
        if event.value.isdigit():
            self.action_to(int(event.value) - 1)

    def action_leave(self) -> None:
        box = self.query_one("#slide-jump", Input)
        if box.display:
            box.display = False
            self.set_focus(None)
            return
        if self._unblank():
            return
        self._publish(presenting=False)
        self.dismiss()
