"""Small and large screens: a phone's 40 columns, a split pane, 80x24, a wide monitor."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tui.app import ExplainerApp
from tui.dialogs.sections import SectionsScreen
from tui.main_screen import MainScreen
from tui.model import Content
from tui.render.sizes import NARROW, SMALLEST
from tui.sections.quiz import QuizView
from tui.widgets.document import Document
from tui.widgets.entry_list import EntryList
from tui.widgets.key_bar import KEPT, KeyBar, Shown, fit_keys
from tui.widgets.section_bar import SectionBar, fit_labels, fit_title


def tab_row(app: ExplainerApp) -> str:
    return app.screen.query_one(SectionBar).render_line(0).text


def title_row(app: ExplainerApp) -> str:
    return app.screen.query_one(SectionBar).render_line(1).text.rstrip()


def main(app: ExplainerApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


def shown(widget: Document) -> bool:
    """On screen: displayed, with some area, in a displayed view."""
    return widget.display and widget.region.area > 0


# -- the tabs -------------------------------------------------------------------------------


@pytest.mark.parametrize("width", range(NARROW, 201, 3))
@pytest.mark.parametrize("active", [0, 4, 8])
def test_a_tab_shows_its_whole_name_or_none_of_it(content: Content, width: int, active: int) -> None:
    labels = [section.ref.tab or section.ref.title for section in content.sections]
    fitted = fit_labels(labels, active, width)
    assert fitted[active] == labels[active]
    assert all(shown in ("", whole) for shown, whole in zip(fitted, labels, strict=True))
    assert 1 + sum(len(f" {n} {label}") for n, label in enumerate(fitted, start=1)) <= width


def test_fitting_drops_the_names_farthest_from_the_reader_first() -> None:
    fitted = fit_labels(["Alpha", "Beta", "Gamma", "Delta", "Epsilon"], 1, 30)
    assert fitted[:3] == ["Alpha", "Beta", "Gamma"] and fitted[4] == ""


def test_a_long_title_is_cut_after_a_whole_word() -> None:
    assert fit_title("Overview: from the 2019 crisis to the 2020 vote", 30) == "Overview: from the 2019…"
    assert fit_title("Sources", 30) == "Sources"


@pytest.mark.parametrize("language", ["content", "spanish"])
async def test_at_80x24_every_tab_shows_its_whole_name(language: str, request: pytest.FixtureRequest) -> None:
    content: Content = request.getfixturevalue(language)
    app = ExplainerApp(content)
    async with app.run_test(size=(80, 24)) as pilot:
        for number in range(1, len(content.sections) + 1):
            await pilot.press(str(number))
            await pilot.pause()
            row = tab_row(app)
            for n, section in enumerate(content.sections, start=1):
                assert f"{n} {section.ref.tab}" in row, (row, section.ref.tab)


# -- one column -----------------------------------------------------------------------------


async def test_a_narrow_screen_reads_every_section_in_one_column(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(45, 30)) as pilot:
        assert main(app).has_class("narrow")
        for number, section in enumerate(content.sections, start=1):
            await pilot.press(str(number))
            await pilot.pause()
            assert tab_row(app).startswith(" ≡  ") and f"{number}/{len(content.sections)}" in tab_row(app)
            assert section.ref.tab in tab_row(app)
            view = main(app).current
            assert view is not None and view.section.id == section.id
            assert view.region.width == 45
            if isinstance(view, QuizView):
                continue  # its own widgets, tested at every width in test_quiz.py
            pages = [d for d in view.query(Document) if shown(d)]
            assert len(pages) == 1, f"section {number}: one column, the list or a page, never both"
            assert pages[0].region.width >= 44  # the whole width, scrollbar aside
            assert pages[0].lines(), f"section {number} shows nothing"


async def test_a_narrow_list_opens_its_entry_full_width_and_escape_comes_back(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(45, 30)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        view = main(app).current
        assert view is not None
        entries, page = view.query_one(EntryList), view.query_one("#detail", Document)
        assert shown(entries) and not shown(page)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert shown(page) and not shown(entries) and app.focused is page
        assert page.region.width >= 44
        assert app.place == ("actors", content.sections[2].entries[0].id)
        keys = main(app).query_one(KeyBar).render().plain
        assert f"esc {content.ui.keys.back}" in keys
        await pilot.press("escape")
        await pilot.pause()
        assert shown(entries) and not shown(page) and app.focused is entries
        assert app.place is not None and app.place.section == "actors"  # escape went to the list, not back


async def test_a_link_to_an_entry_opens_its_page_on_a_narrow_screen(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(45, 30)) as pilot:
        app.goto_target("kaliman")
        await pilot.pause()
        view = main(app).current
        assert view is not None
        page = view.query_one("#detail", Document)
        assert shown(page) and app.focused is page
        assert any("Kaliman" in line for line in page.lines()[:5])


async def test_a_wide_screen_keeps_the_list_beside_its_page(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(NARROW, 30)) as pilot:
        await pilot.press("3", "down", "enter")
        await pilot.pause()
        view = main(app).current
        assert view is not None and not main(app).has_class("narrow")
        assert shown(view.query_one(EntryList)) and shown(view.query_one("#detail", Document))


async def test_the_list_column_grows_with_the_screen(content: Content) -> None:
    widths = []
    for size in ((80, 24), (120, 40), (160, 48)):
        app = ExplainerApp(content)
        async with app.run_test(size=size) as pilot:
            await pilot.press("8")
            await pilot.pause()
            view = main(app).current
            assert view is not None
            widths.append(view.query_one(EntryList).region.width)
    assert widths[0] < widths[1] < widths[2] and widths[2] >= 50


# -- the sections menu ----------------------------------------------------------------------


async def test_m_and_a_click_on_the_narrow_bar_open_the_sections_menu(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(45, 30)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, SectionsScreen)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.place is not None and app.place.section == content.sections[2].id
        await pilot.click(SectionBar, offset=(3, 0))
        await pilot.pause()
        assert isinstance(app.screen, SectionsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.place.section == content.sections[2].id


# -- the edges ------------------------------------------------------------------------------


async def test_only_below_40x12_does_the_app_ask_for_a_bigger_terminal(content: Content) -> None:
    width, height = SMALLEST
    app = ExplainerApp(content)
    async with app.run_test(size=(width, height)) as pilot:
        assert not main(app).has_class("too-small")
        await pilot.resize_terminal(width - 1, height)
        await pilot.pause()
        message = str(main(app).query_one("#too-small", Static).content)
        assert main(app).has_class("too-small") and f"{width}x{height}" in message


@pytest.mark.parametrize("width", [40, 45, 60, 80, 100])
async def test_the_key_bar_keeps_each_key_whole_and_always_shows_help_language_and_quit(
    content: Content, width: int
) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        bar = main(app).query_one(KeyBar)
        text = bar.render().plain
        assert len(text) <= width
        keys = content.ui.keys
        for words in (keys.help, keys.language, keys.quit):
            assert words in text, text
        for item in fit_keys(bar._shown, width):
            assert f" {item.key} {item.description} " in text


def test_fitting_keys_keeps_the_kept_ones_and_the_order() -> None:
    def key(action: str) -> Shown:
        return Shown(action[0], action, True, action, None)  # type: ignore[arg-type]

    shown = [key(a) for a in ("palette", "sections", "back", "search", *KEPT)]
    fitted = [item.action for item in fit_keys(shown, 40)]
    assert fitted[-len(KEPT) :] == list(KEPT)
    assert fitted == [a for a in (item.action for item in shown) if a in fitted]
