"""Defects found by trying the explorer as a new user would, each held by what is on screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.scroll_view import ScrollView

from policy_timeline.tui.widgets.periods import PeriodsView
from policy_timeline.tui.widgets.target_board import TargetBoard
from policy_timeline.tui.widgets.timeline_list import TimelineList

from .conftest import MakeApp

VIEWS: dict[str, type[ScrollView]] = {"1": TimelineList, "2": PeriodsView, "3": TargetBoard}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("size", [(80, 18), (60, 16), (120, 12)])
async def test_a_view_that_scrolls_spends_no_row_on_a_sideways_bar(
    make_app: MakeApp, bundled: Path, size: tuple[int, int], view: str
) -> None:
    """Each view cuts its own lines; a sideways scroll bar would only hide a row."""
    app = make_app(bundled)
    async with app.run_test(size=size) as pilot:
        await pilot.press(view)
        await pilot.pause()
        timeline = app.screen.query_one(VIEWS[view])
        assert timeline.max_scroll_y > 0, "the view scrolls at this size"
        assert not timeline.show_horizontal_scrollbar
        assert timeline.scrollable_content_region.height == timeline.content_region.height
