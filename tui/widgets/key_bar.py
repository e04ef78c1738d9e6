"""The footer: the keys that apply where the focus is, drawn as one line.

Textual's Footer rebuilds a widget per key whenever the focus moves; one
rendered line keeps moving between sections cheap. Clicking a key runs it.
Keys that do not fit are left out whole, never cut; help and quit always stay.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.dom import DOMNode
from textual.events import Click
from textual.screen import Screen
from textual.widget import Widget

from ..keys import describe
from ..model.schema import Keys


class Shown(NamedTuple):
    key: str
    description: str
    enabled: bool
    action: str
    node: DOMNode


KEPT = ("help", "switch_language", "leave")
"""Actions the bar shows at any width: the keys dialog (which lists the rest), the other
language (named in it, so a reader of either finds it), and the way out."""


def fit_keys(shown: list[Shown], width: int) -> list[Shown]:
    """The keys whose " key words " fit in `width`, each whole, in order; KEPT first to fit."""

    def cells(item: Shown) -> int:
        return len(f" {item.key} {item.description} ")

    room = width - sum(cells(item) for item in shown if item.action in KEPT)
    fitting: list[Shown] = []
    for item in shown:
        if item.action in KEPT:
            fitting.append(item)
        elif cells(item) <= room:
            fitting.append(item)
            room -= cells(item)
    return fitting


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--disabled {
        color: $footer-foreground 50%;
    }
    """
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--disabled"}

    def __init__(self, keys: Keys) -> None:
        super().__init__()
        self.keys = keys
        """The content's words for the keys: a binding's description names one of them."""
        self._shown: list[Shown] = []
        self._spans: list[tuple[int, int, Shown]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def set_words(self, keys: Keys) -> None:
        """Describe the keys in other words (another language)."""
        self.keys = keys
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        shown: list[Shown] = []
        actions: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            key = self.app.get_key_display(binding)
            words = describe(self.keys, binding.description)
            shown.append(Shown(key, words, active.enabled, binding.action, active.node))
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        off_style = self.get_component_rich_style("key-bar--disabled", partial=True)
        text = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for item in fit_keys(self._shown, self.size.width):
            start = len(text)
            text.append(f" {item.key} ", style=key_style if item.enabled else off_style)
            text.append(f"{item.description} ", style="" if item.enabled else off_style)
            self._spans.append((start, len(text), item))
        return text

    async def on_click(self, event: Click) -> None:
        for start, end, item in self._spans:
            if start <= event.x < end and item.enabled:
                event.stop()
                await self.app.run_action(item.action, item.node)
                return
