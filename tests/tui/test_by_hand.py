"""Defects found by trying the explorer as a new user would, each held by what is on screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.geometry import Region
from textual.pilot import Pilot
from textual.scroll_view import ScrollView
from textual.widget import Widget
from textual.widgets import Label, OptionList

from policy_timeline.tui.screens.main import MainScreen
from policy_timeline.tui.screens.panels import HelpPanel, ProblemsPanel
from policy_timeline.tui.widgets.density import DensityStrip
from policy_timeline.tui.widgets.detail import DetailPane
from policy_timeline.tui.widgets.header import TimelineHeader
from policy_timeline.tui.widgets.periods import PeriodsView
from policy_timeline.tui.widgets.target_board import TargetBoard
from policy_timeline.tui.widgets.timeline_list import TimelineList

from .conftest import MakeApp
from .test_themes_reload import wait_for


async def problems_panel(pilot: Pilot[None]) -> ProblemsPanel:
    await pilot.press("p")
    panel = pilot.app.screen
    assert isinstance(panel, ProblemsPanel)
    return panel


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


async def test_problems_of_a_half_saved_file_say_the_view_kept_its_last_good_version(
    make_app: MakeApp, small_copy: Path
) -> None:
    """The panel describes what is on screen: the file as last read, not its half-saved state."""
    app = make_app(small_copy, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.pause(0.3)  # the watcher starts
        plan = small_copy / "2019-rail-plan.yaml"
        plan.write_text(plan.read_text()[:40])  # rail-plan-2021 links to it
        await wait_for(lambda: bool(screen.problems))
        assert "rail-plan-2019" in screen.state.timeline.by_id, "the last good data stays"
        panel = await problems_panel(pilot)
        title = str(panel.query_one(".panel-title", Label).render())
        prompts = [str(option.prompt) for option in panel.query_one(OptionList).options]
        assert prompts[0].startswith("Not reloaded"), prompts
        assert "2019-rail-plan.yaml" in prompts[1]
        assert "not reloaded" in title and "shown despite" not in title, title
        # The event is on screen, so a link to it is no problem of the view.
        assert not any("no event has the id 'rail-plan-2019'" in text for text in prompts)
        await pilot.press("enter")
        assert screen.current_id == "rail-plan-2019"


def shown_text(widget: Widget) -> str:
    """What a widget shows on screen, line by line, as the user reads it."""
    region = Region(0, 0, widget.outer_size.width, widget.outer_size.height)
    return "\n".join(strip.text for strip in widget.render_lines(region))


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (44, 20)])
async def test_the_header_shows_the_filters_and_the_search_whatever_the_width(
    make_app: MakeApp, bundled: Path, size: tuple[int, int]
) -> None:
    """A long timeline name gives way before what the view is narrowed by."""
    app = make_app(bundled)
    async with app.run_test(size=size) as pilot:
        await pilot.press("s", "down", "down", "down", "down", "enter")
        await pilot.press("slash", *"add", "enter")
        await pilot.pause()
        header = app.screen.query_one(TimelineHeader)
        said = " ".join(shown_text(header).split())
        assert "sector: consumer-goods" in said, said
        assert "find: add (0 matches)" in said, said
        assert "2 of 22 events" in said, said
        assert said.startswith("China add"), said  # the name, cut if it must be


async def test_the_palette_offers_this_apps_keys_not_textuals_key_panel(make_app: MakeApp) -> None:
    """Textual's "Keys" panel lists its internals ("Scroll Left", "Focus Next"); ours lists ours."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"keys")
        await pilot.pause(0.5)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        shown = [str(option.prompt) for option in palette.query_one(OptionList).options]
        assert shown and shown[0].startswith("view: keys (help)"), shown
        assert not any("summary of available keys" in prompt for prompt in shown), shown
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpPanel)


HOSTILE_TERMINAL = Path(__file__).parent.parent / "hostile" / "terminal"


async def test_the_problems_panel_says_which_items_of_a_list_file_are_left_out(
    make_app: MakeApp,
) -> None:
    """a.yaml holds three events; two are left out and one is shown. The panel used to go
    by file and call every problem of a.yaml "shown despite problems", and call the
    problems of _timeline.yaml, a file with no events, "left out"."""
    app = make_app(HOSTILE_TERMINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert set(screen.state.timeline.by_id) == {"good"}
        panel = await problems_panel(pilot)
        title = str(panel.query_one(".panel-title", Label).render())
        options = panel.query_one(OptionList).options
        prompts = [str(option.prompt) for option in options]
        headings = [index for index, option in enumerate(options) if option.disabled]
        sections = {
            prompts[start]: prompts[start + 1 : end]
            for start, end in zip(headings, [*headings[1:], len(prompts)], strict=True)
        }
        left_out = next(lines for heading, lines in sections.items() if "Left out" in heading)
        settings = next(lines for heading, lines in sections.items() if "_timeline.yaml" in heading)
        assert left_out and all("a.yaml:" in line for line in left_out), left_out
        assert settings and all("_timeline.yaml:" in line for line in settings), settings
        assert not any("Shown despite" in heading for heading in sections), sections
        assert "values in _timeline.yaml not used" in title, title
        assert "shown despite" not in title, title


async def test_enter_on_a_left_out_items_problem_does_not_go_to_another_event(
    make_app: MakeApp,
) -> None:
    """a.yaml's first event is left out; enter on its problem used to select a.yaml's
    one event in view, "good", as though the problem were its."""
    app = make_app(HOSTILE_TERMINAL)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        panel = await problems_panel(pilot)
        options = panel.query_one(OptionList)
        first = next(index for index, option in enumerate(options.options) if not option.disabled)
        assert "a.yaml:3:" in str(options.options[first].prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        said = [str(notice.message) for notice in app._notifications]
        assert any("left out of the view" in text for text in said), said
        assert "_timeline.yaml:" in str(options.options[-1].prompt)
        await pilot.press("p", "end", "enter")
        await pilot.pause()
        said = [str(notice.message) for notice in app._notifications]
        assert any("no event" in text for text in said), said


async def test_sources_and_related_events_keep_a_hanging_indent_when_they_wrap(
    make_app: MakeApp, bundled: Path
) -> None:
    """At 80 columns a source's publisher, its address and a related event's title wrap;
    the wrapped lines used to start at the margin, under the numbers and the phrases,
    so one source ran into the next."""
    app = make_app(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        detail = app.screen.query_one(DetailPane)
        assert detail.event is not None and detail.event.id == "am-national-plan-2015-2016"
        lines = [line.rstrip() for line in detail.text_lines]
        first = next(index for index, line in enumerate(lines) if line.startswith("[1] "))
        related = next(index for index, line in enumerate(lines) if "Related events" in line)
        sources = [line for line in lines[first:related] if line]
        assert [line[:4] for line in sources if not line.startswith(" ")] == [
            "[1] ",
            "[2] ",
            "[3] ",
        ]
        assert len(sources) > 3 * 3, "some of them wrap at this width"
        items = [line for line in lines[related + 1 :] if line]
        starts = [line for line in items if not line.startswith(" ")]
        assert [line.split("  ")[0] for line in starts] == ["referenced by", "built on by"]
        assert len(items) > len(starts), "some of them wrap at this width"


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_the_year_strips_labels_never_run_together(
    make_app: MakeApp, bundled: Path, size: tuple[int, int]
) -> None:
    """At 60 columns the selected year's label was drawn against the first year's: "20152016"."""
    app = make_app(bundled)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket")  # the first event of 2016
        await pilot.pause()
        labels = shown_text(app.screen.query_one(DensityStrip)).splitlines()[-1]
        words = labels.split()
        assert "2016" in words, labels
        assert all(len(word) == 4 for word in words if word[:2] == "20"), labels


async def test_the_targets_board_at_60_columns_gives_the_metric_room_and_keeps_the_outcome(
    make_app: MakeApp, bundled: Path
) -> None:
    """At 60 columns the metric (what was promised) got 6 cells against the goal's 18,
    and "not recorded" was cut."""
    app = make_app(bundled)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        board = app.screen.query_one(TargetBoard)
        lines = shown_text(board).splitlines()
        header = lines[0]
        metric = header.index("Metric")
        goal = header.index("Goal")
        assert goal - metric >= 12, header
        assert any(line.rstrip().endswith("not recorded") for line in lines[1:]), lines
