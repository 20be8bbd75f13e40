"""Pilot tests: every key of the main screen, on the small fixed timeline."""

from __future__ import annotations

from textual.widgets import Input

from policy_timeline.tui.screens.main import MainScreen
from policy_timeline.tui.screens.panels import HelpPanel, ProblemsPanel
from policy_timeline.tui.widgets.detail import DetailPane
from policy_timeline.tui.widgets.timeline_list import TimelineList

from .conftest import MakeApp, recording

BOTH_SOURCES = True  # each test runs on the loaded timeline and on the index

# Date order: rail-milestone-2017, rail-plan-2019, port-review-2020, rail-plan-2021


def current(app: object) -> str | None:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, MainScreen)
    return screen.current_id


async def test_moves_with_vim_keys_and_arrows(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert current(app) == "rail-milestone-2017"
        await pilot.press("j")
        assert current(app) == "rail-plan-2019"
        await pilot.press("down", "down")
        assert current(app) == "rail-plan-2021"
        await pilot.press("down")
        assert current(app) == "rail-plan-2021"
        await pilot.press("k", "up")
        assert current(app) == "rail-plan-2019"
        await pilot.press("G")
        assert current(app) == "rail-plan-2021"
        await pilot.press("g")
        assert current(app) == "rail-milestone-2017"
        await pilot.press("end")
        assert current(app) == "rail-plan-2021"
        await pilot.press("home")
        assert current(app) == "rail-milestone-2017"
        await pilot.press("pagedown")
        assert current(app) == "rail-plan-2021"
        await pilot.press("pageup")
        assert current(app) == "rail-milestone-2017"


async def test_brackets_jump_between_years(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right_square_bracket")
        assert current(app) == "rail-plan-2019"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert current(app) == "rail-plan-2021"
        await pilot.press("left_square_bracket")
        assert current(app) == "port-review-2020"
        await pilot.press("left_square_bracket")
        assert current(app) == "rail-plan-2019"


async def test_enter_focuses_detail_and_escape_returns(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        assert app.focused is app.screen.query_one(DetailPane)
        await pilot.press("escape")
        assert isinstance(app.focused, TimelineList)


async def test_following_a_link_and_backspace(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("G", "enter", "tab", "tab", "enter")
        assert current(app) == "rail-plan-2019"
        assert isinstance(app.focused, TimelineList)
        await pilot.press("backspace")
        assert current(app) == "rail-plan-2021"


async def test_follow_clears_a_filter_that_hides_the_target_and_back_restores_it(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.press("enter")  # the highlighted value: ports
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.state.filter.sectors == frozenset({"ports"})
        await pilot.press("G", "enter", "tab", "tab", "enter")
        assert current(app) == "rail-plan-2019"
        assert not screen.state.filter.active
        await pilot.press("backspace")
        assert current(app) == "rail-plan-2021"
        assert screen.state.filter.sectors == frozenset({"ports"})


async def test_search_highlights_and_n_moves_between_matches(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"freight")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert len(screen.state.match_positions) == 3
        assert current(app) == "rail-milestone-2017"
        await pilot.press("enter")
        assert isinstance(app.focused, TimelineList)
        await pilot.press("n")
        assert current(app) == "rail-plan-2019"
        await pilot.press("n")
        assert current(app) == "rail-plan-2021"
        await pilot.press("N")
        assert current(app) == "rail-plan-2019"
        await pilot.press("escape")
        assert screen.state.search == ""


async def test_pickers_filter_and_c_clears(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("i", "down", "enter")  # MOT, then NRA
        assert screen.state.filter.issuers == frozenset({"NRA"})
        assert len(screen.state.lines.rows) == 3
        await pilot.press("t", "enter")  # milestone
        assert screen.state.filter.kinds == frozenset({"milestone"})
        assert len(screen.state.lines.rows) == 1
        await pilot.press("c")
        assert not screen.state.filter.active
        await pilot.press("d", *"2019", "enter", *"2020", "enter")
        assert [event.id for event in (screen.state.event_at(p) for p in range(2)) if event] == [
            "rail-plan-2019",
            "port-review-2020",
        ]
        assert len(screen.state.lines.rows) == 2


async def test_space_ticks_several_sectors(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s", "space", "down", "space", "enter")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.state.filter.sectors == frozenset({"ports", "rail"})


async def test_o_opens_the_source_and_y_copies_the_citation(make_app: MakeApp) -> None:
    app = make_app()
    opened, copied = recording(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        assert opened == []  # the 2017 milestone cites no web address
        await pilot.press("j", "o")
        assert opened == ["https://example.org/rail-plan"]
        await pilot.press("y")
        assert copied and "Rail Freight Plan (2019-2021)" in copied[0]
        assert "T-2019-1" in copied[0]


async def test_help_problems_toggle_and_quit(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpPanel)
        await pilot.press("escape")
        await pilot.press("p")
        assert isinstance(app.screen, ProblemsPanel)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("v")
        assert not app.screen.query_one(DetailPane).display
        await pilot.press("j", "j")  # moved while hidden: the pane catches up when shown
        await pilot.press("v")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.query_one(DetailPane).display
        shown = screen.query_one(DetailPane).event
        assert shown is not None and shown.id == screen.current_id
        await pilot.press("q")
    assert app.return_code == 0
