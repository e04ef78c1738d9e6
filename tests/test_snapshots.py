"""Snapshots of what the reader sees: every kind of section at two sizes, themes, dialogs, modes.

They draw the fixture folder tests/golden/kinds (one section of every kind), so
a fix to the shipped content does not move them; two smoke snapshots draw the
shipped overview in English and Spanish. Update on purpose with
`pytest --snapshot-update`, and look at the SVGs first.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import pytest

from tui.app import ExplainerApp
from tui.cue import Cue
from tui.model import Content
from tui.notes import NotesApp

SECTIONS = ["overview", "results", "people", "timeline", "glossary", "sources", "quiz"]

Compare = Callable[..., bool]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("section", SECTIONS)
def test_section(snap_compare: Compare, kinds: Content, section: str, size: tuple[int, int]) -> None:
    assert snap_compare(ExplainerApp(kinds, screen=section), terminal_size=size)


def test_entry_with_claims(snap_compare: Compare, kinds: Content) -> None:
    assert snap_compare(ExplainerApp(kinds, item="arce"), terminal_size=(120, 40))


def test_light_theme(snap_compare: Compare, kinds: Content) -> None:
    assert snap_compare(ExplainerApp(kinds, screen="results", theme="light"), terminal_size=(80, 24))


def test_high_contrast_theme(snap_compare: Compare, kinds: Content) -> None:
    assert snap_compare(ExplainerApp(kinds, screen="results", theme="high-contrast"), terminal_size=(80, 24))


def test_no_color(snap_compare: Compare, kinds: Content, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(ExplainerApp(kinds, screen="results"), terminal_size=(80, 24))


def test_help_dialog(snap_compare: Compare, kinds: Content) -> None:
    assert snap_compare(ExplainerApp(kinds), press=["question_mark"], terminal_size=(80, 24))


def test_search_dialog(snap_compare: Compare, kinds: Content) -> None:
    assert snap_compare(ExplainerApp(kinds), press=["slash", *"arce"], terminal_size=(80, 24))


def test_too_small(snap_compare: Compare, kinds: Content) -> None:
    assert snap_compare(ExplainerApp(kinds), terminal_size=(38, 10))


@pytest.mark.parametrize(
    "keys",
    [["3"], ["3", "down", "enter"], ["2"], ["m"]],
    ids=["list", "entry", "chart", "menu"],
)
def test_narrow(snap_compare: Compare, kinds: Content, keys: list[str]) -> None:
    """40x20, a phone or a split pane: one column, the tabs as a menu, charts bar under label."""
    assert snap_compare(ExplainerApp(kinds), press=keys, terminal_size=(40, 20))


def test_a_wide_screen_widens_the_list(snap_compare: Compare, content: Content) -> None:
    """The shipped sources, whose long titles wrapped over three lines in a narrow column."""
    assert snap_compare(ExplainerApp(content), press=["8"], terminal_size=(160, 48))


def test_presenter_at_projector_size(snap_compare: Compare, kinds: Content) -> None:
    app = ExplainerApp(kinds, present=True)
    assert snap_compare(app, press=["space", "space"], terminal_size=(100, 30))


def test_quiz_feedback(snap_compare: Compare, kinds: Content) -> None:
    assert snap_compare(ExplainerApp(kinds, screen="quiz"), press=["down", "enter"], terminal_size=(80, 24))


def test_unfolded_claim_with_a_source_chosen(snap_compare: Compare, kinds: Content) -> None:
    # enter: to the page; tab: the first claim; enter: unfold it; tab: its first source.
    assert snap_compare(
        ExplainerApp(kinds, item="arce"), press=["enter", "tab", "enter", "tab"], terminal_size=(100, 30)
    )


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_shipped_overview(snap_compare: Compare, content: Content, spanish: Content, lang: str) -> None:
    """A smoke test of the real material: it moves when the overview's text does."""
    shipped = content if lang == "en" else spanish
    assert snap_compare(ExplainerApp(shipped), terminal_size=(80, 24))


def test_a_slide_cut_in_parts_on_a_small_screen(snap_compare: Compare, kinds: Content) -> None:
    # Results, at its chart: the title, then its bars drawn across the screen.
    assert snap_compare(ExplainerApp(kinds, present=True), press=["right"] * 6, terminal_size=(60, 18))


def test_a_claims_verdict_revealed_as_the_next_step(snap_compare: Compare, kinds: Content) -> None:
    assert snap_compare(ExplainerApp(kinds, present=True), press=["space"] * 3, terminal_size=(100, 30))


def test_the_speakers_notes(
    snap_compare: Compare, kinds: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cue = tmp_path / "presenter.json"
    now = 1_796_400_000.0  # a fixed moment: the clock and the time presenting are part of the picture
    cue.write_text(json.dumps(asdict(Cue(str(kinds.root), "en", 0, 0, 1, now - 125))))
    app = NotesApp(kinds, cue, now=lambda: now)
    with monkeypatch.context() as patched:
        patched.setenv("TZ", "UTC")
        time.tzset()
        try:
            assert snap_compare(app, terminal_size=(80, 24))
        finally:
            patched.undo()
            time.tzset()
