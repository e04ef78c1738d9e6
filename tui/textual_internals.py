"""The one place the app reaches into Textual's private parts (tests/test_textual_internals.py).

Written for Textual 8.2.8. Each reach has a test that fails if an upgrade
changes what it relies on; when one fails, look for a public way first.
"""

from __future__ import annotations

from typing import Any

from textual._styles_cache import StylesCache
from textual.containers import VerticalScroll
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget

TEXTUAL_VERSION = "8.2.8"


def release_render_caches() -> None:
    """Let removed widgets' rendered lines go.

    Textual memoizes the instance method StylesCache.get_inner_outer with
    lru_cache, so up to 1024 StylesCache objects, each holding a widget's
    rendered strips, outlive their widgets: about 0.5 MB per language switch.
    Clearing the memo frees them; live widgets fill it again on their next paint.
    """
    clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
    if clear is not None:
        clear()


_PARSED: dict[tuple[Any, ...], list[RuleSet]] = {}
MAX_PARSED = 512  # stylesheets' sources times themes: about 45 x 3 here


def share_parsed_css() -> None:
    """Parse each stylesheet source once per process for every app, not once per app.

    Textual keeps parsed rules per Stylesheet, and every App makes its own, so
    each session's app spent about half of its first screen (15 ms at 80x24)
    parsing the same CSS again. Called in the fork server before its warm-up
    run: the sessions it forks find the rules already parsed. The key adds the
    CSS variables (the theme) to Textual's own; the rules are shared as
    Textual shares them between parses of one stylesheet, never changed.
    """
    parse = Stylesheet._parse_rules
    if getattr(parse, "shared", False):
        return

    def _parse_rules(
        self: Stylesheet,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(self._variables.items()))
        rules = _PARSED.get(key)
        if rules is None:
            rules = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
            if len(_PARSED) >= MAX_PARSED:
                _PARSED.clear()
            _PARSED[key] = rules
        return rules

    _parse_rules.shared = True  # type: ignore[attr-defined]
    Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]


class PageView(ScrollView):
    """A ScrollView whose virtual size is its page's alone, set with `set_page_size`.

    The layout offers a line widget its container's size as its virtual size,
    which never matches the page's: ScrollView would then redraw the scrollbars
    after every layout, a frame of its own on each section switch.
    """

    def set_page_size(self, size: Size) -> None:
        """The page is `size` (as OptionList does: the scrollbars follow the page)."""
        if size != self.virtual_size:
            self.virtual_size = size
            self._scroll_update(size)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    def watch_has_focus(self, has_focus: bool) -> None:
        # Not Textual's, which restyles the widget and each of its component
        # classes (Widget.watch_has_focus: update_node_styles) on every section
        # switch. A page shows focus only in what it draws: `focus_changed`.
        self.focus_changed(has_focus)

    def focus_changed(self, has_focus: bool) -> None:
        """Redraw whatever shows the focus."""


class QuietFocusScreen(Screen[None]):
    """A screen whose focus changes repaint only the widgets concerned.

    Each widget here draws its own focus; Textual's Screen.focused repaints the
    whole screen on every change, which sent a section switch twice.
    """

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)


class SelfRestyledScroll(VerticalScroll):
    """A VerticalScroll whose focus restyles only itself, not its whole subtree.

    Textual restyles a widget's subtree when it gains or loses focus; for a page
    of dozens of blocks that made every section switch slow, and no rule styles
    a page's children by the page's focus.
    """

    def watch_has_focus(self, _has_focus: bool) -> None:
        self.app.stylesheet.update_nodes([self], animate=True)
