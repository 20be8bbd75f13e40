"""The facet picker is drawn in place: no screen of its own, and the footer's keys relabelled."""

from __future__ import annotations

from typing import Any

from textual.widgets import SelectionList
from textual.widgets._footer import FooterKey

from policy_timeline.tui.screens.main import MainScreen
from policy_timeline.tui.screens.pickers import FacetPicker
from policy_timeline.tui.widgets.priority_footer import PriorityFooter
from policy_timeline.tui.widgets.timeline_list import TimelineList

from .conftest import MakeApp


async def test_the_picker_opens_in_place_and_keys_behind_it_wait(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("s")
        picker = screen.query_one(FacetPicker)
        assert app.screen is screen and picker.display
        assert isinstance(app.focused, SelectionList)
        await pilot.press("t", "slash")  # the main screen's keys do nothing meanwhile
        assert picker.facet == "sector"
        assert not screen.query_one("#search").display
        await pilot.press("escape")
        assert not picker.display
        assert isinstance(app.focused, TimelineList)
        assert not screen.state.filter.active
        await pilot.press("s", "down", "enter")
        assert screen.state.filter.sectors == frozenset({"rail"})
        assert isinstance(app.focused, TimelineList)


async def test_the_footer_relabels_its_keys_rather_than_mounting_new_ones(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        footer = app.screen.query_one(PriorityFooter)
        recomposed = 0
        recompose = footer.recompose

        async def counted(*args: Any, **kwargs: Any) -> None:
            nonlocal recomposed
            recomposed += 1
            await recompose(*args, **kwargs)

        footer.recompose = counted  # type: ignore[method-assign]
        shown_before = [key.description for key in footer.query(FooterKey) if key.display]
        for _ in range(2):
            await pilot.press("s")
            await pilot.pause(0.1)
            shown = [key.description for key in footer.query(FooterKey) if key.display]
            assert "Sector" not in shown  # the picker's keys are the ones in force
            await pilot.press("escape")
            await pilot.pause(0.1)
        shown_after = [key.description for key in footer.query(FooterKey) if key.display]
        assert shown_after == shown_before
        assert recomposed == 0
