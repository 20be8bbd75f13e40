"""Search as a user sees it: where the cursor is among the matches, and the matches drawn."""

from __future__ import annotations

from typing import Any

from policy_timeline.tui.screens.main import MainScreen
from policy_timeline.tui.widgets.header import TimelineHeader
from policy_timeline.tui.widgets.timeline_list import TimelineList

from .conftest import Layouts, MakeApp

BOTH_SOURCES = True  # each test runs on the loaded timeline and on the index


def header_text(app: Any) -> str:
    return str(app.screen.query_one(TimelineHeader).render())


def cursor_segments(app: Any) -> list[Any]:
    timeline = app.screen.query_one(TimelineList)
    line = timeline.lines.event_line[timeline.cursor] - timeline.scroll_offset.y
    return list(timeline.render_line(line))


async def test_the_header_counts_matches_and_n_moves_through_them(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"freight", "enter")
        await pilot.pause()
        assert "find: freight (1/3)" in header_text(app)
        await pilot.press("n")
        assert "find: freight (2/3)" in header_text(app)
        await pilot.press("N", "N")
        assert "find: freight (3/3)" in header_text(app)  # wrapped to the last
        await pilot.press("up")  # off the matches: the count alone
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.current_id == "port-review-2020"
        assert "find: freight (3 matches)" in header_text(app)


async def test_matches_stay_visible_on_the_cursor_row(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"rail", "enter")
        await pilot.pause()
        segments = cursor_segments(app)
        matched = [segment for segment in segments if segment.text.casefold() == "rail"]
        others = [
            segment
            for segment in segments
            if segment.text.strip() and segment.text.casefold() != "rail"
        ]
        assert matched and others
        assert all(segment.style.underline for segment in matched)
        assert {segment.style.bgcolor for segment in matched}.isdisjoint(
            {segment.style.bgcolor for segment in others}
        )


async def test_only_word_starts_are_found_and_highlighted(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"ail", "enter")  # inside "rail" and "Rail" only
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.state.match_positions == []
        assert "find: ail (0 matches)" in header_text(app)
        assert not any(
            segment.style and segment.style.underline for segment in cursor_segments(app)
        )


async def test_typing_in_the_find_box_lays_out_nothing(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("slash")
        await pilot.pause(0.2)
        layouts = Layouts(screen)
        for char in "plan":
            await pilot.press(char)
            await pilot.pause(0.05)
        assert "find: plan" in header_text(app)
        assert layouts.count == 0
