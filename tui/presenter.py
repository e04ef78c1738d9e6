"""Presenter mode: the content as slides that reveal one point at a time.

Readable from the back of a room: big bordered headings, a slide counter
always on screen, margins that keep text off the projector's edge.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from .doc.slides import Slide, build_slides
from .model import Content
from .widgets.class_banner import ClassBanner


class PresenterScreen(Screen[None]):
    BINDINGS = [
        Binding("space,right,pagedown", "forward", show=False),
        Binding("left,pageup", "backward", show=False),
        Binding("g", "jump", show=False),
        Binding("escape,p", "leave", show=False),
        Binding("home", "to(0)", show=False),
        Binding("end", "to_last", show=False),
    ]

    def __init__(self, content: Content, start: tuple[str, str | None] | None = None) -> None:
        super().__init__()
        self.content = content
        self.slides: list[Slide] = build_slides(content)
        self.index = self._find(start) if start else 0
        self.shown = 1
        """Points of the current slide revealed so far."""

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
            yield VerticalScroll(id="slide-points")
        yield Static("", markup=False, id="slide-counter")
        yield Static(self.content.ui.present.hint, markup=False, id="slide-hint")
        yield Input(id="slide-jump", type="integer")

    def on_mount(self) -> None:
        self.query_one("#slide-jump").display = False
        self._paint(rebuild=True)

    @property
    def slide(self) -> Slide:
        return self.slides[self.index]

    def _paint(self, rebuild: bool = False) -> None:
        slide = self.slide
        total = len(self.slides)
        counter = self.content.ui.present.counter.format(n=self.index + 1, total=total)
        self.query_one("#slide-counter", Static).update(Text(f" {counter} ", style="bold reverse"))
        if rebuild:
            self.query_one("#slide-title", Static).update(slide.title)
            subtitle = self.query_one("#slide-subtitle", Static)
            subtitle.update(slide.subtitle)
            subtitle.display = bool(slide.subtitle)
            points = self.query_one("#slide-points", VerticalScroll)
            points.remove_children()
            points.mount_all(Static(f"• {p}", markup=False, classes="slide-point") for p in slide.points)
        self.call_after_refresh(self._reveal)

    def _reveal(self) -> None:
        points = list(self.query(".slide-point"))
        for number, point in enumerate(points):
            point.display = number < self.shown
        if points and self.shown:
            points[min(self.shown, len(points)) - 1].scroll_visible(animate=False)

    def action_forward(self) -> None:
        if self.shown < len(self.slide.points):
            self.shown += 1
            self._reveal()
        elif self.index + 1 < len(self.slides):
            self.index += 1
            self.shown = 1
            self._paint(rebuild=True)

    def action_backward(self) -> None:
        if self.index > 0:
            self.index -= 1
            self.shown = len(self.slide.points)
            self._paint(rebuild=True)

    def action_to(self, number: int) -> None:
        if 0 <= number < len(self.slides):
            self.index = number
            self.shown = 1
            self._paint(rebuild=True)

    def action_to_last(self) -> None:
        self.action_to(len(self.slides) - 1)

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
        self.dismiss()
