"""Pilot tests: the periods view and the working set, key by key, at 120x40 and 80x24."""

from __future__ import annotations

import csv
import inspect
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input

from policy_timeline.query.marks import Marks
from policy_timeline.tui.app import ExplorerApp
from policy_timeline.tui.commands import ExplorerCommands
from policy_timeline.tui.screens.export_dialog import ExportDialog
from policy_timeline.tui.screens.in_force_picker import InForcePicker
from policy_timeline.tui.screens.main import MainScreen
from policy_timeline.tui.widgets.detail import DetailPane
from policy_timeline.tui.widgets.periods import PeriodsView
from policy_timeline.tui.widgets.timeline_list import TimelineList

from .conftest import SMALL, MakeApp

BOTH_SOURCES = True  # each test runs on the loaded timeline and on the index

# Date order: rail-milestone-2017, rail-plan-2019 (2019-03-04 to 2021),
# port-review-2020 (2020-06), rail-plan-2021 (2021-12-20 to 2025).
# Lanes by kind: milestone, plan (2019, 2021), review.
SIZES = [(120, 40), (80, 24)]
sizes = pytest.mark.parametrize("size", SIZES)


def main_screen(app: ExplorerApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def periods(app: ExplorerApp) -> PeriodsView:
    return main_screen(app).query_one(PeriodsView)


def lines_text(view: PeriodsView) -> list[str]:
    return [view.render_line(y).text for y in range(view.size.height)]


@sizes
async def test_2_shows_periods_and_1_the_list_on_the_same_event(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("j")  # rail-plan-2019
        await pilot.press("2")
        view = periods(app)
        assert view.display and isinstance(app.focused, PeriodsView)
        assert not main_screen(app).timeline_list.display
        assert view.current_row is not None
        assert main_screen(app).state.timeline.events[view.current_row].id == "rail-plan-2019"
        await pilot.press("j")  # next in the plan lane
        assert main_screen(app).current_id == "rail-plan-2021"
        await pilot.pause()
        assert main_screen(app).query_one(DetailPane).event.id == "rail-plan-2021"  # type: ignore[union-attr]
        await pilot.press("1")
        assert isinstance(app.focused, TimelineList)
        assert main_screen(app).current_id == "rail-plan-2021"


@sizes
async def test_periods_draws_bars_for_periods_and_points_for_days(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")
        await pilot.pause()
        text = lines_text(periods(app))
        assert text[0].lstrip().startswith("by kind")
        assert "2017" in text[0]
        headings = [
            line.strip()
            for line in text
            if line.startswith(" ") and "(" in line and not line.startswith("  ")
        ]
        assert [heading.split("  ")[0] for heading in headings][:3] == [
            "Milestone",
            "Plan",
            "Review",
        ]
        plan = next(line for line in text if "Rail Freight Plan" in line)  # the 2019 one
        assert "█" in plan and "░" in plan  # "until 2021": the last year hatched
        milestone = next(line for line in text if "Freight rail line" in line)
        # "2017", no day: hatched over the year, wider than one column at both sizes.
        assert "░" in milestone and "█" not in milestone and "◆" not in milestone


@sizes
async def test_j_k_g_G_move_between_events_skipping_lane_headings(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")
        screen = main_screen(app)
        assert screen.current_id == "rail-milestone-2017"
        await pilot.press("j")
        assert screen.current_id == "rail-plan-2019"  # past the "Plan" heading
        await pilot.press("G")
        assert screen.current_id == "port-review-2020"  # the last lane's event
        await pilot.press("k")
        assert screen.current_id == "rail-plan-2021"
        await pilot.press("g")
        assert screen.current_id == "rail-milestone-2017"
        await pilot.press("enter")
        assert isinstance(app.focused, DetailPane)
        await pilot.press("escape")
        assert isinstance(app.focused, PeriodsView)


@sizes
async def test_brackets_move_the_year_and_z_zooms(make_app: MakeApp, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")
        view = periods(app)
        assert view.focus_year == 2017
        whole = view.axis
        assert (whole.first, whole.last) == (2017, 2025)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert view.focus_year == 2019
        # The milestone is not in force in 2019, so the cursor goes to an event that is.
        assert main_screen(app).current_id == "rail-plan-2019"
        await pilot.press("left_square_bracket")
        assert view.focus_year == 2018
        await pilot.press("z")
        assert view.zoomed and view.axis.last - view.axis.first == 4
        assert view.axis.first <= 2018 <= view.axis.last
        assert "2017–2021" in lines_text(view)[0]
        await pilot.press("z")
        assert not view.zoomed and view.axis == whole


@sizes
async def test_l_cycles_the_lanes(make_app: MakeApp, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", "j")
        view = periods(app)
        await pilot.press("l")
        assert view.grouping == "issuer"
        assert main_screen(app).current_id == "rail-plan-2019"  # kept across the change
        assert "by lead issuer" in lines_text(view)[0]
        await pilot.press("l")
        assert view.grouping == "sector"
        # rail-plan-2021 is in both the ports and the rail lanes.
        rows = [row for row in view._lanes.lines if row >= 0]
        assert len(rows) == 5
        await pilot.press("l")
        assert view.grouping == "kind"


@sizes
async def test_f_lights_what_was_in_force_and_can_filter_to_it(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = main_screen(app)
        await pilot.press("f")
        assert isinstance(app.screen, InForcePicker)
        await pilot.press(*"2020", "enter")
        assert screen.state.in_force_on is not None and screen.state.in_force_on.iso() == "2020"
        assert isinstance(app.focused, PeriodsView)  # the periods view shows it
        assert len(screen.state.lines.rows) == 4  # lit, not filtered
        assert any("lit: in force 2020" in part for part in screen.state.describe())
        await pilot.press("f")
        app.screen.query_one(Checkbox).value = True
        app.screen.query_one(Input).focus()
        await pilot.press("enter")
        assert [event.id for event in (screen.state.event_at(p) for p in range(3)) if event] == [
            "rail-plan-2019",
            "port-review-2020",
        ]
        await pilot.press("f", "ctrl+u", "enter")  # empty clears the date
        assert screen.state.in_force_on is None


@sizes
async def test_m_marks_and_M_shows_only_the_marked(
    make_app: MakeApp, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(data_dir=tmp_path / "data")
    async with app.run_test(size=size) as pilot:
        screen = main_screen(app)
        await pilot.press("m", "j", "j", "m")
        assert screen.marks.ids == {"rail-milestone-2017", "port-review-2020"}
        assert "●" in screen.timeline_list.render_line(1).text
        await pilot.press("M")
        assert [screen.state.event_at(p).id for p in range(2)] == [  # type: ignore[union-attr]
            "rail-milestone-2017",
            "port-review-2020",
        ]
        assert len(screen.state.lines.rows) == 2
        await pilot.press("2")
        assert "●" in "".join(lines_text(periods(app)))
        await pilot.press("m")  # unmarking in the marked-only view takes it away
        assert len(screen.state.lines.rows) == 1
        await pilot.press("M")
        assert len(screen.state.lines.rows) == 4
    # Saved per folder: a new explorer on the same folder sees the mark.
    assert Marks.for_timeline(tmp_path / "data", SMALL).ids == {"rail-milestone-2017"}


async def test_x_in_the_marked_only_view_exports_the_marked(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "j", "m", "M", "x")
        assert isinstance(app.screen, ExportDialog)
        await pilot.pause()
        assert app.screen.query_one("#scope-marked").value  # type: ignore[attr-defined]
        app.screen.query_one("#export-file", Input).value = str(tmp_path / "two.md")
        await pilot.press("enter")
    assert (tmp_path / "two.md").read_text(encoding="utf-8").count("\n**") == 2


@sizes
async def test_x_exports_the_marked_events_to_markdown_and_asks_before_overwriting(
    make_app: MakeApp, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app()
    target = tmp_path / "brief.md"
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", "m", "j", "m", "j", "m")  # three events, in the periods view
        screen = main_screen(app)
        assert len(screen.marks.ids) == 3
        await pilot.press("x")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.pause()
        dialog.query_one("#scope-marked").value = True  # type: ignore[attr-defined]
        field = dialog.query_one("#export-file", Input)
        field.value = str(target)
        await pilot.press("enter")
        assert not isinstance(app.screen, ExportDialog)
        text = target.read_text(encoding="utf-8")
        assert "\n# Test rail policy\n" in text and text.count("\n**") == 3
        assert "Port" not in text  # the unmarked review
        # Again to the same file: asked first, written on a second enter.
        target.write_text("keep me", encoding="utf-8")
        await pilot.press("x")
        app.screen.query_one("#export-file", Input).value = str(target)
        await pilot.press("enter")
        assert isinstance(app.screen, ExportDialog)
        assert target.read_text(encoding="utf-8") == "keep me"
        assert "exists" in str(app.screen.query_one("#export-message").render())
        await pilot.press("escape")
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("x")
        app.screen.query_one("#export-file", Input).value = str(target)
        await pilot.press("enter", "enter")
        assert target.read_text(encoding="utf-8").count("\n**") == 4  # all in view


async def test_export_format_follows_the_suffix(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"freight", "enter", "x")
        app.screen.query_one("#export-file", Input).value = str(tmp_path / "view.csv")
        await pilot.press("enter")
    with (tmp_path / "view.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["id"] for row in rows] == [  # the three matches
        "rail-milestone-2017",
        "rail-plan-2019",
        "rail-plan-2021",
    ]


@sizes
async def test_Y_and_U_copy_the_id_and_source_address(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app()
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign,assignment]
    async with app.run_test(size=size) as pilot:
        await pilot.press("j", "Y", "U")
        assert copied == ["rail-plan-2019", "https://example.org/rail-plan"]
        await pilot.press("k", "U")
        assert len(copied) == 2  # the milestone cites no web address


async def test_palette_names_views_and_marks(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)):
        provider = ExplorerCommands(app.screen)
        names = [command[0] for command in provider._commands()]
        assert {
            "view: periods",
            "view: list",
            "view: in force on…",
            "view: export this view…",
        } <= set(names)
        assert {
            "marks: mark or unmark event",
            "marks: show only marked / all",
            "marks: export marked…",
        } <= set(names)
        assert {"event: copy id", "event: copy source address"} <= set(names)


async def test_export_offers_every_format_and_writes_xlsx(
    make_app: MakeApp, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        field = app.screen.query_one("#export-file", Input)
        field.value = str(tmp_path / "view.xlsx")
        await pilot.press("enter")
    assert (tmp_path / "view.xlsx").read_bytes()[:2] == b"PK"  # a zip: the workbook


@sizes
async def test_search_marks_matches_in_periods_and_n_moves_there(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", "slash", *"freight", "enter")
        screen = main_screen(app)
        assert isinstance(app.focused, PeriodsView)
        text = lines_text(periods(app))
        assert sum(line.startswith("▌") for line in text) == 3  # the three matches
        await pilot.press("n")
        assert screen.current_id == "rail-plan-2019"
        row = periods(app).current_row
        assert row is not None and screen.state.timeline.events[row].id == "rail-plan-2019"


@sizes
async def test_c_clears_the_date_lit_in_the_periods_view(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = main_screen(app)
        await pilot.press("f", *"2020", "enter")
        assert screen.state.in_force_on is not None
        await pilot.press("c")
        await pilot.pause()
        assert screen.state.in_force_on is None
        assert periods(app)._in_force is None  # the bars are no longer lit
        assert not any("lit:" in part for part in screen.state.describe())
        assert len(screen.state.lines.rows) == 4


async def run(command: Callable[[], object]) -> None:
    """Runs a palette command as the palette does: awaited when it is a coroutine."""
    result = command()
    if inspect.isawaitable(result):
        await result


async def test_the_palettes_next_year_moves_the_view_in_front(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        view = periods(app)
        year = view.focus_year
        list_cursor = main_screen(app).timeline_list.cursor
        commands = {command[0]: command[3] for command in ExplorerCommands(app.screen)._commands()}
        await run(commands["view: next year"])
        assert view.focus_year == year + 1
        await pilot.press("1")
        commands = {command[0]: command[3] for command in ExplorerCommands(app.screen)._commands()}
        await run(commands["view: next year"])
        assert main_screen(app).timeline_list.cursor != list_cursor  # the list's own move
