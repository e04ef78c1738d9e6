"""Pilot tests: every way a reader moves around, as they would do it."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from screenkit import static_text
from textual.widgets import Input, OptionList, Static

from tui.app import ExplainerApp
from tui.dialogs.help import HelpScreen
from tui.dialogs.search import SearchScreen
from tui.doc.tree import Claim
from tui.main_screen import MainScreen
from tui.model import Content
from tui.widgets.document import Document
from tui.widgets.key_bar import KeyBar
from tui.widgets.section_bar import SectionBar


def where(app: ExplainerApp) -> tuple[str, str | None]:
    place = app.place
    assert place is not None
    return place.section, place.item


def page(app: ExplainerApp) -> Document:
    """The current section's page (an entry's, in a list-and-page section)."""
    assert isinstance(app.screen, MainScreen) and app.screen.current is not None
    detail = app.screen.current.query("#detail")
    return detail.first(Document) if detail else app.screen.current.query_one(Document)


def view_text(app: ExplainerApp) -> list[str]:
    """The lines the current section's view shows, read through public API: pages and texts."""
    assert isinstance(app.screen, MainScreen) and app.screen.current is not None
    lines: list[str] = []
    for widget in app.screen.current.query("*"):
        if isinstance(widget, Document) and widget.size.height:
            top = widget.scroll_offset.y
            lines += widget.lines()[top : top + widget.size.height]
        elif isinstance(widget, Static) and widget.display and widget.size.width:
            lines += textwrap.wrap(str(widget.content), widget.size.width)
        elif isinstance(widget, OptionList):
            lines += [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
    return lines


async def test_opens_on_the_overview(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert where(app) == ("overview", None)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(SectionBar).title == content.sections[0].ref.title


async def test_every_section_by_its_digit(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(80, 24)) as pilot:
        for section in content.sections:
            await pilot.press(str(section.number))
            await pilot.pause()
            assert where(app)[0] == section.id
            assert isinstance(app.screen, MainScreen)
            assert app.screen.current is not None and app.screen.current.section.id == section.id


@pytest.mark.parametrize(
    "section_id",
    ["overview", "results", "actors", "programs", "lithium", "timeline", "glossary", "sources", "quiz"],
)
async def test_every_section_by_screen_option(content: Content, section_id: str) -> None:
    app = ExplainerApp(content, screen=section_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert where(app) == (section_id, None)
        # Real material is on screen, not an empty page: a few hundred characters of it.
        assert sum(len(line.strip()) for line in view_text(app)) >= 300


async def test_item_option_opens_the_entry(content: Content) -> None:
    app = ExplainerApp(content, item="kaliman")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert where(app) == ("actors", "kaliman")
        assert page(app).lines()[0] == "Williams Kaliman"


async def test_arrows_move_through_entries_and_enter_opens(content: Content) -> None:
    app = ExplainerApp(content, screen="actors")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = content.section("actors").entries[0]
        await pilot.press("down")
        await pilot.pause()
        assert where(app) == ("actors", first.id)
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "detail"


async def test_search_jumps_to_a_result(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"kaliman")
        await pilot.pause()
        results = app.screen.query_one("#results", OptionList)
        assert results.option_count >= 1
        await pilot.press("enter")
        await pilot.pause()
        assert where(app) == ("actors", "kaliman")
        await pilot.press("escape")
        await pilot.pause()
        assert where(app) == ("overview", None)


async def test_search_reopens_with_the_last_query_and_its_results(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"kaliman", "enter")
        await pilot.pause()
        assert where(app) == ("actors", "kaliman")
        await pilot.press("slash")
        await pilot.pause()
        assert app.screen.query_one("#query", Input).value == "kaliman"
        assert app.screen.query_one("#results", OptionList).option_count >= 1
        await pilot.press(*"zzz")  # the old query is selected: typing replaces it
        await pilot.pause()
        assert app.screen.query_one("#query", Input).value == "zzz"


async def test_search_says_when_nothing_matches(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"zzzqqq")
        await pilot.pause()
        status = app.screen.query_one("#search-status", Static)
        assert "zzzqqq" in str(status.content)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)


async def palette_settles(pilot: Any, wanted: str, seconds: float = 5.0) -> None:
    """Wait until the palette's search has listed `wanted` first (it searches in the background)."""
    for _ in range(int(seconds / 0.05)):
        await pilot.pause(0.05)
        options = pilot.app.screen.query("CommandList")
        if options and options.first(OptionList).option_count:
            first = options.first(OptionList).get_option_at_index(0)
            if wanted in str(first.prompt):
                return
    raise AssertionError(f"the palette never listed {wanted!r}")


async def test_palette_lists_sections_and_entries(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Williams Kaliman")
        await palette_settles(pilot, "Williams Kaliman")
        await pilot.press("enter")
        await pilot.pause()
        assert where(app) == ("actors", "kaliman")


async def test_palette_offers_no_screenshot(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"screenshot")
        await pilot.pause(0.3)
        options = app.screen.query_one("CommandList", OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert not any("screenshot" in label.lower() for label in labels)


async def test_overview_map_link_goes_to_its_section(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = content.section("results").ref.title
        row = next(n for n, line in enumerate(page(app).lines()) if line.endswith(title))
        await pilot.click(Document, offset=(4, row))  # the page has one cell of padding on the left
        await pilot.pause()
        assert where(app) == ("results", None)


async def test_entry_link_jumps_and_back_returns(content: Content) -> None:
    app = ExplainerApp(content, item="kaliman")
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        detail = page(app)
        detail.focus()
        await pilot.press("tab")
        while detail.target not in content.entries:
            await pilot.press("tab")
        target = detail.target
        await pilot.press("enter")
        await pilot.pause()
        assert where(app)[1] == target
        await pilot.press("escape")
        await pilot.pause()
        assert where(app) == ("actors", "kaliman")


async def test_section_tab_click(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(SectionBar)
        third = content.sections[2]
        start = bar.render_line(0).text.index(third.ref.tab or third.ref.title)
        await pilot.click(bar, offset=(start + 1, 0))
        await pilot.pause()
        assert where(app) == (third.id, None)


async def test_back_walks_history_with_escape_and_backspace(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "3", "6")
        await pilot.pause()
        assert where(app)[0] == "timeline"
        await pilot.press("escape")
        await pilot.pause()
        assert where(app)[0] == "actors"
        await pilot.press("backspace")
        await pilot.pause()
        assert where(app)[0] == "results"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert where(app)[0] == "overview"


async def test_help_opens_with_question_mark_and_f1(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = static_text(app.screen.query_one(".keys", Static))
            assert "ctrl+p" in text and content.ui.keys.search in text
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)


async def test_digit_typed_in_search_is_text_not_navigation(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "2", "0", "1", "9")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(Input).value == "2019"


async def test_too_small_terminal_says_how_big(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(38, 10)) as pilot:
        await pilot.pause()
        message = str(app.screen.query_one("#too-small", Static).content)
        assert "40x12" in message and "38x10" in message
        assert app.screen.has_class("too-small")


@pytest.mark.parametrize(("name", "theme"), [("light", "textual-light"), ("high-contrast", "high-contrast")])
async def test_theme_option_and_key(content: Content, name: str, theme: str) -> None:
    app = ExplainerApp(content, theme=name)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == theme
        await pilot.press("t")
        assert app.theme != theme


async def test_screenshot_action_writes_nothing(
    content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = ExplainerApp(content)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.run_action("screenshot")
        app.deliver_screenshot()
        await pilot.pause()
    assert list(tmp_path.iterdir()) == []


async def test_fast_moves_through_entries_then_open_a_claims_context(content: Content) -> None:
    app = ExplainerApp(content, screen="lithium")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*["down"] * 8, *["up"] * 7, "enter", "tab")
        await pilot.pause()
        detail = page(app)
        assert app.focused is detail
        claim = detail.chosen
        while not (isinstance(claim, Claim) and claim.context):
            await pilot.press("tab")
            claim = detail.chosen
        opening = " ".join(claim.context.split()[:4])
        folded = detail.lines()
        assert not any(opening in line for line in folded)
        await pilot.press("enter")
        await pilot.pause()
        unfolded = detail.lines()
        assert len(unfolded) > len(folded) and any(opening in line for line in unfolded)
        await pilot.press("enter")
        await pilot.pause()
        assert detail.lines() == folded


async def test_l_switches_language_and_keeps_the_place(content: Content) -> None:
    app = ExplainerApp(content, item="kaliman")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        english_title = app.screen.query_one(SectionBar).title
        await pilot.press("l")
        await pilot.pause()
        assert app.content.lang == "es"
        assert where(app) == ("actors", "kaliman")
        title = app.screen.query_one(SectionBar).title
        assert title == app.content.section("actors").ref.title != english_title
        assert page(app).region.height > 0 and page(app).lines()[0] == "Williams Kaliman"
        await pilot.press("3")
        await pilot.pause()
        assert where(app) == ("actors", "kaliman")
        await pilot.press("l")
        await pilot.pause()
        assert app.content.lang == "en" and where(app) == ("actors", "kaliman")


async def test_tab_stays_in_the_section_on_screen(content: Content) -> None:
    # Other sections' views are built and laid out off-screen; tab must never land there.
    app = ExplainerApp(content, screen="glossary")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        assert isinstance(app.screen, MainScreen)
        current = app.screen.current
        assert current is not None and len(app.screen.query(".section-view")) > 1
        for _ in range(40):
            await pilot.press("tab")
            assert app.focused is not None and current in app.focused.ancestors_with_self


async def test_every_printable_key_in_every_section_leaves_the_app_running(content: Content) -> None:
    """Keys with names ("@" is "at") must not reach methods named after them by accident."""
    app = ExplainerApp(content)
    keys = [c for c in "!\"#$%&'()*+,-.:;<=>@[\\]^_`{|}~" if c not in "?/"]  # ? and / open dialogs
    async with app.run_test(size=(80, 24)) as pilot:
        for section in content.sections:
            await pilot.press(str(section.number), "down", *keys)
            await pilot.pause()
            assert app.is_running and where(app)[0] == section.id


async def test_the_key_bar_follows_a_language_switch(content: Content, spanish: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert content.ui.keys.search in bar.render().plain
        await pilot.press("l")
        await pilot.pause()
        words = app.screen.query_one(KeyBar).render().plain
        assert spanish.ui.keys.search in words and content.ui.keys.search not in words


async def test_only_the_sections_there_are_get_keys(kinds: Content) -> None:
    app = ExplainerApp(kinds)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        count = len(kinds.sections)
        assert f" 1-{count} " in app.screen.query_one(KeyBar).render().plain
        await pilot.press(str(count + 1))
        await pilot.pause()
        assert app.place is not None and app.place.section == kinds.sections[0].id
        await pilot.press(str(count))
        await pilot.pause()
        assert app.place is not None and app.place.section == kinds.sections[-1].id
