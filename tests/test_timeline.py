"""The timeline's time axis and its year jump: the axis drawn as text, then the app driven as a reader would.

The axis tests draw the shipped timeline, whose events crowd into 2019 and
2020: that crowding is what the axis is for. Snapshots too: update on purpose
with `pytest --snapshot-update tests/test_timeline.py`, and look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual import events
from textual.widgets import Static

from tui.app import ExplainerApp
from tui.dialogs.year import YearScreen
from tui.keys import help_rows
from tui.main_screen import MainScreen
from tui.model import Content, schema
from tui.render.axis import LEVELS, Axis, Cell, draw, jump_index, year_of
from tui.widgets.document import Document
from tui.widgets.entry_list import EntryList
from tui.widgets.key_bar import KeyBar
from tui.widgets.time_axis import TimeAxis

Compare = Callable[..., bool]


def events_of(content: Content) -> list[schema.Event]:
    return [entry for entry in content.section("timeline").entries if isinstance(entry, schema.Event)]


def dates(content: Content) -> list[str]:
    return [event.date for event in events_of(content)]


def first_of(content: Content, year: int) -> schema.Event:
    return next(event for event in events_of(content) if year_of(event.date) == year)


def cell_of(axis: Axis, year: int) -> Cell:
    return next(cell for cell in axis.cells if cell.holds(year))


def marked(axis: Axis) -> list[tuple[int, int]]:
    """The highlighted cell's columns, in the bars row and in the labels row."""
    return [(start, end) for row in axis.rows for start, end, style in row[1] if style.startswith("marked")]


# The axis, drawn as text


@pytest.mark.parametrize("width", [40, 64, 80, 120, 160])
def test_every_event_is_counted_in_a_cell(content: Content, width: int) -> None:
    axis = draw(dates(content), width)
    assert sum(axis.counts) == len(dates(content))
    for date in dates(content):
        year = year_of(date)
        assert year is not None and any(cell.holds(year) for cell in axis.cells), date


@pytest.mark.parametrize("width", [40, 80, 160])
def test_the_axis_fills_the_width_exactly(content: Content, width: int) -> None:
    axis = draw(dates(content), width)
    assert [len(row) for row, _ in axis.rows] == [width, width]
    assert axis.cells[0].left == 0
    assert sum(cell.width for cell in axis.cells) == width
    for cell, after in zip(axis.cells, axis.cells[1:], strict=False):
        assert after.left == cell.left + cell.width and after.start == cell.end + 1


def test_the_mark_follows_the_highlighted_event(content: Content) -> None:
    order = dates(content)
    early, late = order.index(first_of(content, 1952).date), order.index(first_of(content, 2019).date)
    assert marked(draw(order, 80)) == []
    at_1952, at_2019 = draw(order, 80, early), draw(order, 80, late)
    cell = cell_of(at_1952, 1952)
    filled = cell.width - 1 if cell.width >= 3 else cell.width
    assert marked(at_1952) == [(cell.left, cell.left + filled)] * 2
    assert marked(at_2019)[0][0] == cell_of(at_2019, 2019).left
    assert marked(at_1952) != marked(at_2019)


@pytest.mark.parametrize("width", [80, 160])
def test_2019_and_2020_are_drawn_a_year_a_cell_and_labelled(content: Content, width: int) -> None:
    axis = draw(dates(content), width)
    crowded, later = cell_of(axis, 2019), cell_of(axis, 2020)
    assert (crowded.start, crowded.end) == (2019, 2019) and (later.start, later.end) == (2020, 2020)
    # Wider than the quiet years, and their bars the tallest.
    assert crowded.width > cell_of(axis, 2013).width > cell_of(axis, 1950).width - 1
    bars, labels = axis.rows[0][0], axis.rows[1][0]
    assert bars[crowded.left] == LEVELS[-1]
    assert labels[crowded.left : crowded.left + 4] == "2019" and labels[later.left : later.left + 4] == "2020"
    assert labels.split()[0] == "1820" and labels.split()[-1] == "2025"


def test_at_40_columns_every_cell_is_a_decade(content: Content) -> None:
    axis = draw(dates(content), 40)
    assert all(cell.end - cell.start == 9 for cell in axis.cells)
    assert "1820" in axis.rows[1][0] and "2010" in axis.rows[1][0]


def test_a_year_goes_to_its_first_event_or_the_next_or_the_last() -> None:
    years: list[int | None] = [1825, 1952, 2019, 2019, 2020, None, 2025]
    assert jump_index(years, 2019) == 2
    assert jump_index(years, 1900) == 1  # nothing in 1900: the next event
    assert jump_index(years, 2030) == 6  # after the last: the last
    assert jump_index([None], 2019) is None


def test_dates_give_their_year() -> None:
    written = ("2019-11-10", "1960s", "2020", "about then")
    assert [year_of(date) for date in written] == [2019, 1960, 2020, None]


# The app


def shown(app: ExplainerApp) -> tuple[str | None, str, int | None]:
    """What the reader sees: the list's highlighted entry, the page's first lines, the axis's mark."""
    assert isinstance(app.screen, MainScreen) and app.screen.current is not None
    view = app.screen.current
    top = " ".join(line.strip() for line in view.query_one("#detail", Document).lines()[:4])
    return view.query_one(EntryList).highlighted, top, view.query_one(TimeAxis).marked


async def test_y_and_a_year_shows_its_first_event(content: Content) -> None:
    app = ExplainerApp(content)
    first = first_of(content, 2019)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6", "y")
        await pilot.pause()
        assert isinstance(app.screen, YearScreen)
        await pilot.press(*"2019")  # the fourth digit jumps: no enter
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        entry, title, mark = shown(app)
        assert entry == first.id and f"{first.date} · {first.title}" in title
        assert mark == events_of(content).index(first)
        assert app.focused is not None and app.focused.id == "entries"


async def test_a_year_typed_in_one_go_is_not_lost(content: Content) -> None:
    # y and the digits arrive together (a fast typist, a paste): they reach the list before the dialog is up.
    app = ExplainerApp(content, screen="timeline")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in "y2020":
            app.post_message(events.Key(key, key))
        await pilot.pause(0.2)
        assert shown(app)[0] == first_of(content, 2020).id


async def test_a_year_without_events_goes_to_the_next_one_after_the_end_to_the_last(content: Content) -> None:
    app = ExplainerApp(content, screen="timeline")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y", *"1900")
        await pilot.pause()
        assert shown(app)[0] == first_of(content, 1946).id
        await pilot.press("y", *"2099")
        await pilot.pause()
        assert shown(app)[0] == events_of(content)[-1].id


async def test_a_year_before_the_timeline_or_none_is_answered_in_words(content: Content) -> None:
    app = ExplainerApp(content, screen="timeline")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y", *"1700")
        await pilot.pause()
        assert isinstance(app.screen, YearScreen)
        message = str(app.screen.query_one("#year-error", Static).content)
        assert message == content.ui.year_early.format(year=1700, first=1825)
        await pilot.press("enter")  # the input was cleared for the next try: enter with nothing
        await pilot.pause()
        assert isinstance(app.screen, YearScreen)
        assert str(app.screen.query_one("#year-error", Static).content).startswith(content.ui.year_empty[:10])
        await pilot.press(*"2019")  # and the next try goes there
        await pilot.pause()
        assert shown(app)[0] == first_of(content, 2019).id


async def test_escape_cancels_the_year(content: Content) -> None:
    app = ExplainerApp(content, screen="timeline")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = shown(app)
        await pilot.press("y", "2", "0", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and shown(app) == before
        # Escape closed the dialog and no more: the reader is still on the timeline.
        assert app.place is not None and app.place.section == "timeline"
        await pilot.press("2")  # and digits are section keys again
        await pilot.pause()
        assert app.place is not None and app.place.section != "timeline"


async def test_a_click_on_the_axis_shows_the_first_event_there(content: Content) -> None:
    app = ExplainerApp(content, screen="timeline")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        axis = app.screen.query_one(TimeAxis)
        cell = cell_of(axis.axis(), 2019)
        await pilot.click(TimeAxis, offset=(1 + cell.left + 1, 0))  # one cell of padding on the left
        await pilot.pause()
        assert shown(app)[0] == first_of(content, 2019).id
        cell = cell_of(axis.axis(), 1952)
        await pilot.click(TimeAxis, offset=(1 + cell.left, 1))  # on its label
        await pilot.pause()
        assert shown(app)[0] == first_of(content, 1952).id


async def test_y_is_offered_on_the_timeline_only(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert f"y {content.ui.keys.year}" not in app.screen.query_one(KeyBar).render().plain
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("6")
        await pilot.pause()
        assert f"y {content.ui.keys.year}" in app.screen.query_one(KeyBar).render().plain
    assert ("y", content.ui.key_help["year"]) in help_rows(content.ui, len(content.sections))


async def test_the_year_dialog_speaks_spanish(spanish: Content) -> None:
    app = ExplainerApp(spanish, screen="timeline")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y")
        await pilot.pause()
        assert str(app.screen.query(Static).first().content) == spanish.ui.year_title == "Ir a un año"


async def test_the_axis_works_on_a_narrow_screen(content: Content) -> None:
    app = ExplainerApp(content, screen="timeline")
    async with app.run_test(size=(44, 20)) as pilot:
        await pilot.pause()
        axis = app.screen.query_one(TimeAxis)
        assert axis.region.height == 2 and axis.region.width == 44
        assert all(cell.end - cell.start == 9 for cell in axis.axis().cells)  # decades only
        await pilot.press("y", *"2019")
        await pilot.pause()
        assert axis.marked == events_of(content).index(first_of(content, 2019))


# Snapshots


def test_snapshot_at_80x24_after_a_year_jump(snap_compare: Compare, content: Content) -> None:
    app = ExplainerApp(content, screen="timeline")
    assert snap_compare(app, press=["y", *"2019"], terminal_size=(80, 24))


def test_snapshot_at_160x48(snap_compare: Compare, content: Content) -> None:
    app = ExplainerApp(content, screen="timeline")
    assert snap_compare(app, press=["y", *"1952"], terminal_size=(160, 48))
