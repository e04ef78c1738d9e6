"""The deck of section views: built ahead while the reader reads, one shown, the rest out of sight."""

from __future__ import annotations

import gc
from typing import Any

from tui.app import ExplainerApp
from tui.main_screen import MainScreen
from tui.model import Content
from tui.sections import SectionView
from tui.sections.deck import ViewDeck


async def idle(pilot: Any, deck: ViewDeck, sections: int) -> list[SectionView]:
    """Wait (boundedly) until every section's view is built and stowed."""
    for _ in range(100):
        await pilot.pause(0.05)
        views = list(deck.query_children(SectionView))
        if len(views) == sections and not any(view.stowing for view in views):
            return views
    raise AssertionError("the views were never all built and stowed")


async def test_every_view_is_built_ahead_and_only_one_shows(kinds: Content) -> None:
    gc.unfreeze()  # so that a freeze below is the deck's
    app = ExplainerApp(kinds)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        deck = screen.query_one(ViewDeck)
        views = await idle(pilot, deck, len(kinds.sections))
        assert [view for view in views if view.display] == [screen.current]
        assert [view.section.id for view in views if view.shown] == [kinds.sections[0].id]
        assert gc.get_freeze_count() > 0  # the collector keeps off the built views
        await pilot.press("3")
        await pilot.pause()
        assert screen.current is not None and screen.current.section.id == kinds.sections[2].id
        assert [view for view in views if view.display] == [screen.current]
        gc.unfreeze()


async def test_a_language_switch_drops_the_old_views(content: Content) -> None:
    app = ExplainerApp(content)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        deck = screen.query_one(ViewDeck)
        english = await idle(pilot, deck, len(content.sections))
        await pilot.press("l")
        spanish = await idle(pilot, deck, len(content.sections))
        assert not set(english) & set(spanish)
        assert all(view.content.lang == "es" for view in spanish)
        gc.unfreeze()


async def test_a_served_app_builds_a_view_only_when_it_is_first_shown(kinds: Content) -> None:
    """Thirty apps on a server must not each build every view at once: only what readers open."""
    app = ExplainerApp(kinds, served=True)
    async with app.run_test(size=(80, 24)) as pilot:
        deck = app.screen.query_one(ViewDeck)
        await pilot.pause(0.5)
        assert [view.section.id for view in deck.query_children(SectionView)] == [kinds.sections[0].id]
        await pilot.press("3")
        await pilot.pause()
        built = [view.section.id for view in deck.query_children(SectionView)]
        assert built == [kinds.sections[0].id, kinds.sections[2].id]
        assert app.main.current is not None and app.main.current.section.id == kinds.sections[2].id
