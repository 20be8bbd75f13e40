"""The detail pane: drawn line by line, hint lines wrapped, sections reached by tab."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from policy_timeline.model.events import Timeline
from policy_timeline.tui.screens.main import MainScreen
from policy_timeline.tui.widgets.detail import DetailPane

from .conftest import Frames, Layouts, MakeApp

BOTH_SOURCES = True  # each test runs on the loaded timeline and on the index


def pane_lines(app: Any) -> list[str]:
    pane = app.screen.query_one(DetailPane)
    return [line.rstrip() for line in pane.text_lines]


async def test_hint_lines_wrap_rather_than_being_cut(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j")  # rail-plan-2019 has sources and a related event
        await pilot.pause()
        lines = pane_lines(app)
        width = app.screen.query_one(DetailPane).scrollable_content_region.width
        text = " ".join(lines)
        assert "(enter follows, backspace returns)" in " ".join(text.split())
        assert "(enter or o opens)" in text
        assert all(len(line) <= width for line in lines)
        assert not any(line.endswith("…") for line in lines)


async def test_a_cursor_move_redraws_the_pane_without_a_screen_layout(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        # The first key settles the footer (Textual recomposes it once): not counted.
        await pilot.pause(0.3)
        await pilot.press("G")
        await pilot.pause(0.3)
        layouts = Layouts(screen)
        heights = set()
        for _ in range(3):
            await pilot.press("k")
            await pilot.pause(0.1)  # past the burst window, so each move draws the pane
            heights.add(screen.detail.virtual_size.height)
            assert screen.detail.event is not None
            assert screen.detail.event.id == screen.current_id
        assert len(heights) > 1  # the events differ in length: the pane did resize
        assert layouts.count == 0


@pytest.mark.parametrize(
    ("key", "view"), [("1", "TimelineList"), ("2", "PeriodsView"), ("3", "TargetBoard")]
)
async def test_a_move_paints_the_views_lines_and_the_pane_in_one_frame(
    make_app: MakeApp, bundled: Path, key: str, view: str
) -> None:
    """The pane used to follow the view's message a frame later: every move painted twice."""
    app = make_app(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(key)
        await pilot.pause(0.3)
        frames = Frames(app.screen)
        for _ in range(3):
            await pilot.press("down")
            await pilot.pause(0.1)  # past the burst window, so each move draws the pane
        moved = [frame for frame in frames.painted if frame & {view, "DetailPane"}]
        assert len(moved) == 3
        assert all({view, "DetailPane"} <= frame for frame in moved), moved


async def test_tab_reaches_sources_then_related_events(make_app: MakeApp) -> None:
    app = make_app()
    opened: list[str] = []

    def open_url(url: str, new_tab: bool = True) -> None:
        opened.append(url)

    app.open_url = open_url  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "enter", "tab", "enter")
        assert opened == ["https://example.org/rail-plan"]
        await pilot.press("tab", "enter")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.current_id == "rail-plan-2021"


async def test_moving_back_reuses_the_drawing_and_a_new_timeline_is_drawn_anew(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        pane = screen.detail
        await pilot.pause(0.2)
        first = pane._lines
        await pilot.press("j")
        await pilot.pause(0.2)
        assert pane._lines is not first
        await pilot.press("k")
        await pilot.pause(0.2)
        assert pane._lines is first  # kept, not drawn again
        timeline = screen.state.timeline
        renamed = replace(timeline.events[0], title="Renamed on disk")
        events = [renamed, *timeline.events[1:]]
        fresh = Timeline(
            timeline.name, timeline.root, events, timeline.description, timeline.vocabulary
        )
        screen.load(fresh, screen.problems)
        await pilot.pause(0.2)
        assert "Renamed on disk" in " ".join(pane.text_lines)


async def test_lines_fitted_as_they_come_into_sight_are_the_lines_drawn_at_once(
    make_app: MakeApp,
) -> None:
    """The pane wraps a new event whole but pads and styles a line only once it is shown."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "w", "w")  # sources, related events, and a narrow pane
        await pilot.pause(0.2)
        pane = app.screen.query_one(DetailPane)
        width, height = pane.scrollable_content_region.width, pane.scrollable_content_region.height
        whole = pane.text_lines
        assert len(whole) > 2 * height  # lines come into sight only when scrolled
        background = pane.rich_style.bgcolor
        painted: dict[int, str] = {}
        for top in range(0, len(whole), height):
            pane.scroll_to(y=top, animate=False, immediate=True)
            for y in range(height):
                strip = pane.render_line(y)
                assert strip.cell_length == width
                assert all(style and style.bgcolor == background for _, style, _ in strip)
                painted[pane.scroll_offset.y + y] = strip.text
        assert [painted[line] for line in range(len(whole))] == whole
