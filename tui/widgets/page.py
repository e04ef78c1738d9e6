"""A scrolling page of blocks that the reader can focus to scroll."""

from __future__ import annotations

from textual.containers import VerticalScroll


class Page(VerticalScroll):
    """VerticalScroll whose focus restyles only itself.

    Textual restyles a widget's whole subtree when it gains or loses focus;
    for a page of dozens of blocks that made every section switch slow, and
    no rule in the stylesheet styles a page's children by the page's focus.
    """

    def watch_has_focus(self, _has_focus: bool) -> None:
        self.app.stylesheet.update_nodes([self], animate=True)
