"""Defects found by trying the explorer as a new user would, each held by what is on screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_timeline.tui.widgets.timeline_list import TimelineList

from .conftest import MakeApp


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 16)])
async def test_a_list_that_scrolls_spends_no_row_on_a_sideways_bar(
    make_app: MakeApp, bundled: Path, size: tuple[int, int]
) -> None:
    """The list cuts its own lines; a sideways scroll bar only hides an event row."""
    app = make_app(bundled)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        timeline = app.screen.query_one(TimelineList)
        assert timeline.max_scroll_y > 0, "the list scrolls at this size"
        assert not timeline.show_horizontal_scrollbar
        assert timeline.scrollable_content_region.height == timeline.content_region.height
