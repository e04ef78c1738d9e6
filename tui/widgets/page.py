"""A scrolling page of blocks that the reader can focus to scroll."""

from __future__ import annotations

from ..textual_internals import SelfRestyledScroll


class Page(SelfRestyledScroll):
    """A page the reader scrolls: its focus restyles only itself (see SelfRestyledScroll)."""
