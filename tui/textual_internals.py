"""The one place the app reaches into Textual's private modules (tests/test_textual_internals.py)."""

from __future__ import annotations

from textual._styles_cache import StylesCache


def release_render_caches() -> None:
    """Let removed widgets' rendered lines go.

    Textual (8.2) memoizes the instance method StylesCache.get_inner_outer with
    lru_cache, so up to 1024 StylesCache objects, each holding a widget's
    rendered strips, outlive their widgets: about 0.5 MB per language switch.
    Clearing the memo frees them; live widgets fill it again on their next paint.
    """
    clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
    if clear is not None:
        clear()
