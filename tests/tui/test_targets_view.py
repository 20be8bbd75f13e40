"""The targets board in the explorer: by key and by palette, linked to the list and detail."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher, SelectionList

from policy_timeline.reading.loader import load_timeline
from policy_timeline.tui.screens.main import MainScreen
from policy_timeline.tui.widgets.detail import DetailPane
from policy_timeline.tui.widgets.target_board import TargetBoard
from policy_timeline.tui.widgets.timeline_list import TimelineList

from .conftest import MakeApp

BOTH_SOURCES = True  # each test runs on the loaded timeline and on the index

AM_PLAN = "am-action-plan-2017-2020"
SIZES = [(120, 40), (80, 24)]


def main_screen(app: object) -> MainScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, MainScreen)
    return screen


def in_front(screen: MainScreen) -> str | None:
    return screen.query_one("#views", ContentSwitcher).current


async def palette(pilot: Pilot[None], command: str) -> None:
    await pilot.press("ctrl+p", *command)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


def board_text(screen: MainScreen) -> list[str]:
    board = screen.query_one(TargetBoard)
    return [board.render_line(y).text for y in range(board.size.height)]


@pytest.mark.parametrize("size", SIZES)
async def test_the_action_plans_four_targets_with_their_deadlines(
    make_app: MakeApp, bundled: Path, size: tuple[int, int]
) -> None:
    app = make_app(bundled)
    async with app.run_test(size=size) as pilot:
        screen = main_screen(app)
        await pilot.press("t")  # filter by kind
        await pilot.pause()
        picker = app.screen
        options = picker.query_one(SelectionList)
        kinds = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
        for _ in range(
            next(
                n for n, kind in enumerate(kinds) if "Action plan" in kind or "action-plan" in kind
            )
        ):
            await pilot.press("down")
        await pilot.press("space", "enter")
        assert screen.state.filter.kinds == frozenset({"action-plan"})
        await pilot.press("3")
        assert in_front(screen) == "targets"
        board = screen.query_one(TargetBoard)
        assert board.has_focus
        plan_rows = [row for row in board.rows if row.event.id == AM_PLAN]
        assert len(plan_rows) == 4
        assert all(row.event.kind == "action-plan" for row in board.rows)
        lines = board_text(screen)
        assert "Deadline" in lines[0]
        plan_lines = [line for line in lines[1:] if "Additive Man" in line]
        assert len(plan_lines) == 4
        assert all(line.startswith(" 2020") for line in plan_lines)


@pytest.mark.parametrize("size", SIZES)
async def test_palette_opens_the_board_and_goes_back_to_the_list(
    make_app: MakeApp, bundled: Path, size: tuple[int, int]
) -> None:
    app = make_app(bundled)
    async with app.run_test(size=size) as pilot:
        screen = main_screen(app)
        await palette(pilot, "view: targets")
        assert in_front(screen) == "targets"
        assert screen.query_one(TargetBoard).has_focus
        await palette(pilot, "view: list")
        assert in_front(screen) == "timeline"
        assert screen.query_one(TimelineList).has_focus


@pytest.mark.parametrize("size", SIZES)
async def test_the_board_drives_the_detail_and_enter_opens_the_plan(
    make_app: MakeApp, bundled: Path, size: tuple[int, int]
) -> None:
    app = make_app(bundled)
    async with app.run_test(size=size) as pilot:
        screen = main_screen(app)
        await pilot.press("3")
        board = screen.query_one(TargetBoard)
        rows = board.rows
        assert [row.target.deadline for row in rows if row.target.deadline] == sorted(
            (row.target.deadline for row in rows if row.target.deadline),
            key=lambda date: date.sort_key(),
        )
        target = next(n for n, row in enumerate(rows) if row.event.id == AM_PLAN)
        await pilot.press("g", *["j"] * target)
        await pilot.pause(0.2)
        assert board.current is not None and board.current.event.id == AM_PLAN
        assert screen.current_id == AM_PLAN
        detail = screen.query_one(DetailPane)
        assert detail.event is not None and detail.event.id == AM_PLAN
        await pilot.press("enter")
        await pilot.pause()
        assert in_front(screen) == "timeline"
        assert screen.current_id == AM_PLAN
        assert detail.has_focus_within
        await pilot.press("3")
        assert board.current is not None and board.current.event.id == AM_PLAN


async def test_filters_narrow_the_board_and_keep_its_cursor(
    make_app: MakeApp, bundled: Path
) -> None:
    app = make_app(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await pilot.press("3")
        board = screen.query_one(TargetBoard)
        everything = len(board.rows)
        target = next(n for n, row in enumerate(board.rows) if row.event.id == AM_PLAN)
        await pilot.press("g", *["j"] * (target + 1))
        chosen = board.current
        await pilot.press("s", "enter")  # the first sector: additive-manufacturing
        await pilot.pause()
        assert 0 < len(board.rows) < everything
        assert all("additive-manufacturing" in row.event.sectors for row in board.rows)
        assert board.current == chosen
        await pilot.press("c")
        await pilot.pause()
        assert len(board.rows) == everything and board.current == chosen


async def test_an_empty_view_says_there_are_no_targets(make_app: MakeApp) -> None:
    app = make_app()  # the small timeline: one plan with one target
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        await pilot.press("3")
        assert len(screen.query_one(TargetBoard).rows) == 1
        await pilot.press("t", "enter")  # the first kind alone: milestone, with no targets
        await pilot.pause()
        assert screen.query_one(TargetBoard).rows == []
        assert "No targets" in board_text(screen)[1]


async def test_help_lists_the_boards_keys(make_app: MakeApp, bundled: Path) -> None:
    from policy_timeline.tui.keys import help_rows

    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        assert ("View", "3", "Targets") in help_rows(screen)
        await pilot.press("3")
        rows = help_rows(screen)
        assert ("Targets board", "⏎", "Open plan") in rows
        assert any(description == "Down" and "j" in keys for _, keys, description in rows)


async def test_the_whole_board_is_out_of_the_collectors_sight(
    make_app: MakeApp, bundled: Path
) -> None:
    """At 100k events its 300,000 objects made each collection between keys 160 ms."""
    app = make_app(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        board = main_screen(app)._board
        assert board is not None and board.rows
        walked = {id(found) for found in gc.get_objects()}
        assert not [row for row in board.rows if id(row) in walked]


async def test_a_reload_keeps_the_cursor_on_its_target(make_app: MakeApp, bundled: Path) -> None:
    """A reload makes every row anew: the cursor finds its target by event and number."""
    app = make_app(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main_screen(app)
        await pilot.press("3")
        board = screen.query_one(TargetBoard)
        second = next(n for n, row in enumerate(board.rows) if row.event.id == AM_PLAN) + 1
        await pilot.press("g", *["j"] * second)
        chosen = board.current
        assert chosen is not None and chosen.event.id == AM_PLAN
        screen.load(load_timeline(bundled).timeline, [])
        await pilot.pause()
        current = board.current
        assert current is not None and current is not chosen
        assert (current.event.id, current.number) == (chosen.event.id, chosen.number)
