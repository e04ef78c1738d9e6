"""What tui/textual_internals.py relies on in Textual, and what it buys: memory that stays flat."""

from __future__ import annotations

import gc
import os

import pytest
from textual._styles_cache import StylesCache

from tui.app import ExplainerApp
from tui.model import Content


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
