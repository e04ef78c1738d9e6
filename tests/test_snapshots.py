"""Snapshots of what the reader sees: every section at two sizes, plus themes.

Update on purpose with `pytest --snapshot-update`, and look at the SVGs first.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tui.app import ExplainerApp
from tui.model import Content

SECTIONS = ["overview", "results", "actors", "programs", "lithium", "timeline", "glossary", "sources", "quiz"]

Compare = Callable[..., bool]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("section", SECTIONS)
def test_section(snap_compare: Compare, content: Content, section: str, size: tuple[int, int]) -> None:
    assert snap_compare(ExplainerApp(content, screen=section), terminal_size=size)


def test_entry_with_claims(snap_compare: Compare, content: Content) -> None:
    assert snap_compare(ExplainerApp(content, item="kaliman"), terminal_size=(120, 40))


def test_light_theme(snap_compare: Compare, content: Content) -> None:
    assert snap_compare(ExplainerApp(content, screen="results", theme="light"), terminal_size=(80, 24))


def test_high_contrast_theme(snap_compare: Compare, content: Content) -> None:
    assert snap_compare(
        ExplainerApp(content, screen="results", theme="high-contrast"), terminal_size=(80, 24)
    )


def test_no_color(snap_compare: Compare, content: Content, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(ExplainerApp(content, screen="results"), terminal_size=(80, 24))


def test_help_dialog(snap_compare: Compare, content: Content) -> None:
    assert snap_compare(ExplainerApp(content), press=["question_mark"], terminal_size=(80, 24))


def test_search_dialog(snap_compare: Compare, content: Content) -> None:
    assert snap_compare(ExplainerApp(content), press=["slash", *"lithium"], terminal_size=(80, 24))


def test_too_small(snap_compare: Compare, content: Content) -> None:
    assert snap_compare(ExplainerApp(content), terminal_size=(50, 14))


def test_presenter_at_projector_size(snap_compare: Compare, content: Content) -> None:
    app = ExplainerApp(content, present=True)
    assert snap_compare(app, press=["space", "space"], terminal_size=(100, 30))


def test_quiz_feedback(snap_compare: Compare, content: Content) -> None:
    assert snap_compare(ExplainerApp(content, screen="quiz"), press=["down", "enter"], terminal_size=(80, 24))


@pytest.mark.parametrize("section", SECTIONS)
def test_section_in_spanish(snap_compare: Compare, spanish: Content, section: str) -> None:
    assert snap_compare(ExplainerApp(spanish, screen=section), terminal_size=(80, 24))


def test_unfolded_claim_with_a_source_chosen(snap_compare: Compare, content: Content) -> None:
    # enter: to the page; tab: the first claim; enter: unfold it; tab: its first source.
    assert snap_compare(
        ExplainerApp(content, item="kaliman"), press=["enter", "tab", "enter", "tab"], terminal_size=(100, 30)
    )
