"""A view's right edge shows whether it has focus, drawn without restyling it (focus_edge.py)."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from policy_timeline.tui.screens.main import MainScreen
from policy_timeline.tui.widgets.detail import DetailPane
from policy_timeline.tui.widgets.periods import PeriodsView
from policy_timeline.tui.widgets.target_board import TargetBoard
from policy_timeline.tui.widgets.timeline_list import TimelineList

from .conftest import MakeApp
from .test_snapshots import SHIPPED

EDGE = "▎"  # the right edge of a tall border


def edge(view: Widget) -> set[tuple[str, Color | None]]:
    """The characters and colours of the view's last column, as it draws it for the screen
    (read from the view: a picker open over it hides part of it on the screen)."""
    width, height = view.region.size
    found = set()
    for strip in view.render_lines(Region(0, 0, width, height)):
        segments = list(strip.crop(width - 1, width))
        assert len(segments) == 1
        style = segments[0].style
        color = style.color if style is not None else None
        found.add((segments[0].text, Color.from_rich_color(color) if color else None))
    return found


def theme_colour(pilot: Pilot[None], name: str) -> Color:
    return Color.parse(pilot.app.theme_variables[name])


@pytest.mark.parametrize("theme", SHIPPED)
async def test_the_edge_follows_focus_as_a_user_moves_it(make_app: MakeApp, theme: str) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        timeline = screen.query_one(TimelineList)
        focused = {(EDGE, theme_colour(pilot, "primary"))}
        blurred = {(EDGE, theme_colour(pilot, "panel"))}
        assert focused != blurred
        assert app.focused is timeline and edge(timeline) == focused
        await pilot.press("enter")  # reads the event: the detail pane has focus
        assert isinstance(app.focused, DetailPane)
        assert edge(timeline) == blurred
        await pilot.press("escape")
        assert app.focused is timeline and edge(timeline) == focused
        await pilot.press("s")  # the picker has focus
        assert edge(timeline) == blurred
        await pilot.press("down", "enter")  # a filter: focus is back on the list
        assert app.focused is timeline and edge(timeline) == focused
        await pilot.press("2")
        periods = screen.query_one(PeriodsView)
        assert app.focused is periods and edge(periods) == focused
        await pilot.press("enter")
        assert edge(periods) == blurred
        await pilot.press("escape", "3")
        board = screen.query_one(TargetBoard)
        assert app.focused is board and edge(board) == focused
        await pilot.press("1")
        assert app.focused is timeline and edge(timeline) == focused


async def test_a_restyle_keeps_the_edge_as_focus_has_it(make_app: MakeApp) -> None:
    """A new theme restyles the list while it has focus, then while it has not."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = app.screen.query_one(TimelineList)
        for theme in ("policy-light", "policy-dark"):
            app.theme = theme
            await pilot.pause()
            assert edge(timeline) == {(EDGE, theme_colour(pilot, "primary"))}
            await pilot.press("enter")
            app.theme = "policy-high-contrast"
            await pilot.pause()
            assert edge(timeline) == {(EDGE, theme_colour(pilot, "panel"))}
            await pilot.press("escape")


async def test_no_edge_where_nothing_lies_to_the_right(make_app: MakeApp) -> None:
    """At 80 columns the detail pane is below the list, and hidden (v) it is nowhere."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        timeline = app.screen.query_one(TimelineList)
        assert app.focused is timeline
        assert EDGE not in {text for text, _ in edge(timeline)}
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert edge(timeline) == {(EDGE, theme_colour(pilot, "primary"))}
        await pilot.press("v")
        assert app.focused is timeline
        assert EDGE not in {text for text, _ in edge(timeline)}
        await pilot.press("v")
        assert edge(timeline) == {(EDGE, theme_colour(pilot, "primary"))}
