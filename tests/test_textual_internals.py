"""What tui/textual_internals.py relies on in Textual, and what it buys: memory that stays flat."""

from __future__ import annotations

import gc
import inspect
import os
import re
from importlib import metadata

import pytest
from textual._styles_cache import StylesCache
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget

from tui.app import ExplainerApp
from tui.model import Content
from tui.textual_internals import TEXTUAL_VERSION, QuietFocusScreen, share_parsed_css
from tui.widgets.document import Document
from tui.widgets.page import Page


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def styles_caches() -> int:
    gc.collect()
    return sum(isinstance(o, StylesCache) for o in gc.get_objects())


def test_textual_still_memoizes_styles_caches_in_an_lru_cache() -> None:
    """If this fails, Textual changed: see whether release_render_caches is still needed."""
    assert callable(getattr(StylesCache.get_inner_outer, "cache_clear", None))


@pytest.mark.slow
async def test_fifty_language_switches_keep_memory_flat(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(4):  # every section built in both languages once
            await pilot.press("l")
            await pilot.pause(0.2)
        gc.unfreeze()
        caches, rss = styles_caches(), rss_mb()
        for _ in range(50):
            await pilot.press("l")
            await pilot.pause(0.2)
        gc.unfreeze()
        assert styles_caches() <= caches + 5  # the widgets on screen now, not every one ever built
        assert rss_mb() - rss < 5


def test_the_reaches_were_written_for_the_textual_that_is_installed() -> None:
    """An upgrade must re-check every reach in tui/textual_internals.py, then move this version."""
    assert metadata.version("textual") == TEXTUAL_VERSION


def test_scroll_view_still_has_the_private_hooks_page_view_overrides() -> None:
    assert list(inspect.signature(ScrollView._size_updated).parameters) == [
        "self", "size", "virtual_size", "container_size", "layout"
    ]  # fmt: skip
    assert list(inspect.signature(ScrollView._scroll_update).parameters) == ["self", "virtual_size"]


async def test_a_layout_pass_neither_resizes_a_page_nor_redraws_its_scrollbars(content: Content) -> None:
    """What PageView is for: the page, not the container, sets the virtual size and the scrollbars."""
    app = ExplainerApp(content, screen="timeline", item="e-2019-11-10-resignation")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = app.screen.current  # the timeline's view; the others are built ahead, off-screen
        assert shown is not None
        pages = [d for d in shown.query(Document) if d.size.height]
        assert pages
        for page in pages:
            assert page.virtual_size.height == len(page.lines())
        # What the layout does on every pass: offer the container's size as the virtual size.
        # ScrollView would take that as a change and redraw the scrollbars (a frame of its own).
        page = pages[0]
        redraws: list[object] = []
        page._scroll_update = redraws.append  # type: ignore[method-assign]
        page._size_updated(page.outer_size, page.container_size, page.container_size)
        assert redraws == [] and page.virtual_size.height == len(page.lines())


def test_the_textual_serve_reaches_still_match_the_installed_textual_serve() -> None:
    """tui/serve/textual_serve_compat.py overrides and calls these; an upgrade must re-check them."""
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    from tui.serve.textual_serve_compat import TEXTUAL_SERVE_VERSION

    assert metadata.version("textual-serve") == TEXTUAL_SERVE_VERSION

    def parameters(method: object) -> list[str]:
        return list(inspect.signature(method).parameters)  # type: ignore[arg-type]

    assert parameters(AppService._open_app_process) == ["self", "width", "height"]
    assert parameters(Server._process_messages) == ["self", "websocket", "app_service"]
    assert inspect.iscoroutinefunction(Server._make_app)
    source = inspect.getsource(AppService)
    assert "self._process" in source and "self._stdin" in source  # the attributes AppProcess sets
    # The members of the process that a forked app's PipedApp (tui/serve/piped.py) must have.
    used = set(re.findall(r"process\.(\w+)", inspect.getsource(AppService.run)))
    assert used <= {"stdout", "stderr", "stdin", "returncode", "wait", "kill", "pid"}, used


def test_textual_screens_still_repaint_on_focus_so_the_quiet_screen_matters() -> None:
    assert Screen.__dict__["focused"]._repaint is True
    assert QuietFocusScreen.__dict__["focused"]._repaint is False


async def test_a_focus_change_does_not_repaint_the_main_screen(content: Content) -> None:
    app = ExplainerApp(content, item="kaliman")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        repaints: list[object] = []
        screen = app.screen
        original = screen.refresh
        screen.refresh = lambda *a, **k: repaints.append(a) or original(*a, **k)  # type: ignore[method-assign]
        await pilot.press("tab")
        await pilot.pause()
        assert repaints == []


async def test_focus_still_restyles_a_page_but_not_its_blocks(content: Content) -> None:
    """The :focus rule of .page applies though SelfRestyledScroll skips Textual's subtree restyle."""
    app = ExplainerApp(content, screen="quiz")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.current is not None
        page = app.screen.current.query_one(Page)
        page.blur()
        await pilot.pause()
        before = page.styles.background_tint
        page.focus()
        await pilot.pause()
        assert page.has_focus and page.styles.background_tint != before


def test_textual_focus_only_restyles_so_a_page_may_skip_it() -> None:
    """PageView.watch_has_focus replaces Widget's, which must do nothing but restyle."""
    body = [line.strip() for line in inspect.getsource(Widget.watch_has_focus).splitlines()[1:]]
    assert [line for line in body if line and not line.startswith('"""')] == ["self.update_node_styles()"]


def test_stylesheets_still_parse_their_sources_through_the_method_shared_parsing_wraps() -> None:
    """share_parsed_css wraps Stylesheet._parse_rules and relies on Stylesheet._variables."""
    parameters = list(inspect.signature(Stylesheet._parse_rules).parameters)
    assert parameters == ["self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"]
    assert isinstance(Stylesheet(variables={"a": "b"})._variables, dict)


async def test_an_app_started_after_another_parses_no_css_and_looks_the_same(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What each forked session saves: its first screen without parsing a line of CSS."""
    import textual.css.stylesheet as stylesheet_module

    async def first_screen() -> tuple[int, str]:
        parsed = 0
        parse = stylesheet_module.parse

        def counting(*args: object, **kwargs: object) -> object:
            nonlocal parsed
            parsed += 1
            return parse(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(stylesheet_module, "parse", counting)
        app = ExplainerApp(content, served=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.export_screenshot()
        monkeypatch.setattr(stylesheet_module, "parse", parse)
        return parsed, screen

    parsed_alone, alone = await first_screen()
    monkeypatch.setattr(Stylesheet, "_parse_rules", Stylesheet._parse_rules)  # undone after the test
    share_parsed_css()
    await first_screen()  # the fork server's warm-up
    parsed_after, after = await first_screen()  # a session forked from it
    assert parsed_alone > 10 and parsed_after == 0
    assert after == alone
