"""The page widget: layout of blocks, the cursor over links and claims, keys, mouse and themes."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Button

from tui.app import ExplainerApp
from tui.doc.tree import Block, Heading, Links, Para, Ref
from tui.main_screen import MainScreen
from tui.messages import Navigate
from tui.model import Content
from tui.widgets.document import MAX_WIDTH, Document
from tui.widgets.key_bar import KeyBar


class Host(App[None]):
    """A button, then a page: enough to see focus arrive and leave (the page styles itself)."""

    def __init__(self, blocks: list[Block]) -> None:
        super().__init__()
        self.blocks = blocks
        self.chosen: list[str] = []

    def compose(self) -> ComposeResult:
        yield Button("before")
        yield Document(self.blocks)

    def on_navigate(self, message: Navigate) -> None:
        self.chosen.append(message.target)


LINKS = Links("Related", (Ref("one", "First"), Ref("two", "Second")))


async def test_blocks_are_separated_by_the_larger_margin() -> None:
    blocks: list[Block] = [Heading(1, "Title"), Para("Body."), Heading(2, "Next"), LINKS]
    app = Host(blocks)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        lines = app.query_one(Document).lines()
        assert lines == ["Title", "Body.", "", "Next", "Related:", " → First", " → Second"]


async def test_long_text_wraps_and_never_runs_wider_than_a_readable_line() -> None:
    app = Host([Para("word " * 200)])
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.pause()
        lines = app.query_one(Document).lines()
        assert len(lines) > 5 and max(len(line) for line in lines) <= MAX_WIDTH


async def test_tab_walks_the_links_then_leaves_and_enter_follows() -> None:
    app = Host([Para("Intro."), LINKS])
    async with app.run_test(size=(60, 20)) as pilot:
        page = app.query_one(Document)
        page.focus()
        await pilot.press("tab")
        assert page.target == "one"
        await pilot.press("tab")
        assert page.target == "two"
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == ["two"]
        await pilot.press("tab")  # past the last link: on to the next widget
        assert app.focused is not page and page.cursor is None


async def test_shift_tab_goes_back_to_the_page_then_out() -> None:
    app = Host([LINKS])
    async with app.run_test(size=(60, 20)) as pilot:
        page = app.query_one(Document)
        page.focus()
        await pilot.press("tab", "tab", "shift+tab")
        assert page.target == "one"
        await pilot.press("shift+tab")
        assert page.cursor is None and app.focused is page
        await pilot.press("shift+tab")
        assert isinstance(app.focused, Button)


async def test_enter_without_a_chosen_item_does_nothing() -> None:
    app = Host([LINKS])
    async with app.run_test(size=(60, 20)) as pilot:
        app.query_one(Document).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == []


async def test_a_click_on_a_link_follows_it() -> None:
    app = Host([Para("Intro."), LINKS])
    async with app.run_test(size=(60, 20)) as pilot:
        row = app.query_one(Document).lines().index(" → Second")
        await pilot.click(Document, offset=(4, row))  # one cell of padding on the left
        await pilot.pause()
        assert app.chosen == ["two"]


async def test_overview_map_by_keyboard(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert isinstance(app.focused, Document)
        await pilot.press("tab")  # the checked-as-of line comes first, with its corrections link
        assert app.focused.target == "corrections"
        await pilot.press("tab")
        assert app.focused.target == content.sections[1].id
        await pilot.press("enter")
        await pilot.pause()
        assert app.place is not None and app.place.section == content.sections[1].id


async def test_key_bar_offers_open_in_the_contents_language(spanish: Content) -> None:
    app = ExplainerApp(spanish)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert spanish.ui.keys.open not in bar.render().plain
        await pilot.press("tab")
        await pilot.pause()
        assert spanish.ui.keys.open in bar.render().plain and "Open" not in bar.render().plain


async def test_a_new_theme_recolours_the_page(content: Content) -> None:
    app = ExplainerApp(content, theme="dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        page = app.screen.query_one(Document)

        def title_colours() -> set[object]:
            return {seg.style.color for seg in page.render_line(0) if seg.text.strip() and seg.style}

        def theme_colour() -> object:
            return page.get_visual_style("document--h1").rich_style.color

        before = title_colours()
        assert before == {theme_colour()}
        await pilot.press("t")
        await pilot.pause()
        assert title_colours() == {theme_colour()} != before


async def test_a_page_another_page_drew_is_not_wrapped_again_but_a_new_theme_or_width_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What a session forked from a warm fork server skips: wrapping the pages it already drew."""
    import tui.widgets.document as document

    drawn: list[Block] = []
    draw = document.draw

    def counting(block: Block, *args: Any, **kwargs: Any) -> Any:
        drawn.append(block)
        return draw(block, *args, **kwargs)

    monkeypatch.setattr(document, "draw", counting)
    monkeypatch.setattr(Document, "_drawn", {})
    blocks: list[Block] = [Heading(1, "Shared title"), Para("A paragraph long enough to wrap. " * 6), LINKS]

    async def lines(size: tuple[int, int], theme: str = "textual-dark") -> list[str]:
        app = Host(blocks)
        async with app.run_test(size=size) as pilot:
            app.theme = theme
            await pilot.pause()
            return app.query_one(Document).lines()

    first = await lines((60, 20))
    assert len(drawn) == 3
    assert await lines((60, 20)) == first and len(drawn) == 3  # another app: nothing drawn again
    narrower = await lines((40, 20))
    assert len(drawn) == 6 and narrower != first
    await lines((60, 20), theme="textual-light")
    assert len(drawn) == 9


async def test_u_unfolds_every_claim_on_the_page_and_folds_them_again(content: Content) -> None:
    from tui.app import ExplainerApp
    from tui.widgets.document import Document

    def said(page: Document) -> str:
        return " ".join(" ".join(page.lines()).split())

    app = ExplainerApp(content, item="arce")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # from the list to the page
        await pilot.pause()
        page = app.focused
        assert isinstance(page, Document)
        starts = [" ".join(c.context.split()[:6]) for c in page.claims() if c.context]
        assert len(starts) >= 2 and not any(start in said(page) for start in starts)
        await pilot.press("u")
        await pilot.pause()
        assert all(start in said(page) for start in starts)
        await pilot.press("u")
        await pilot.pause()
        assert not any(start in said(page) for start in starts)
