"""The search dialog as a reader sees it: results cut between words, each query word highlighted.

It draws the fixture folder tests/golden/kinds, so a fix to the shipped content
does not move it. Update on purpose with `pytest --snapshot-update`, and look at
the SVG first.
"""

from __future__ import annotations

from collections.abc import Callable

from tui.app import ExplainerApp
from tui.model import Content

Compare = Callable[..., bool]


def test_search_results_highlight_every_word(snap_compare: Compare, kinds: Content) -> None:
    assert snap_compare(ExplainerApp(kinds), press=["slash", *"arce 2020"], terminal_size=(80, 24))
