"""The facet picker is drawn in place: no screen of its own, and the footer's keys relabelled."""

from __future__ import annotations

from textual.dom import DOMNode
from textual.widgets import Input, SelectionList

from policy_timeline.tui.screens.main import MainScreen
from policy_timeline.tui.screens.pickers import DateRangePicker, FacetPicker
from policy_timeline.tui.widgets.periods import PeriodsView
from policy_timeline.tui.widgets.priority_footer import PriorityFooter
from policy_timeline.tui.widgets.target_board import TargetBoard
from policy_timeline.tui.widgets.timeline_list import TimelineList

from .conftest import Frames, Layouts, MakeApp


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


async def test_the_date_picker_opens_in_place_and_applies_with_one_layout(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert not screen.query(DateRangePicker)  # mounted when first wanted
        await pilot.press("d")
        picker = screen.query_one(DateRangePicker)
        assert app.screen is screen and picker.is_open
        assert isinstance(app.focused, Input) and app.focused.id == "date-from"
        await pilot.press("escape")
        assert not picker.is_open
        assert isinstance(app.focused, TimelineList)
        await pilot.press("d", *"2019", "enter", *"2020")
        await pilot.pause(0.1)
        layouts = Layouts(screen)
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert not picker.is_open
        assert isinstance(app.focused, TimelineList)
        query = screen.state.filter
        assert query.date_from is not None and query.date_from.iso() == "2019"
        assert query.date_to is not None and query.date_to.iso() == "2020"
        assert layouts.count == 1  # hiding the picker; the filter itself lays out nothing


async def test_the_footer_relabels_its_keys_without_a_screen_layout(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        screen = app.screen
        footer = screen.query_one(PriorityFooter)
        layouts = Layouts(screen)
        shown_before = [entry.description for entry in footer.shown]
        for _ in range(2):
            await pilot.press("s")
            await pilot.pause(0.1)
            shown = [entry.description for entry in footer.shown]
            assert "Sector" not in shown  # the picker's keys are the ones in force
            assert "Apply" in shown
            assert "Apply" in footer_line(footer)
            layouts_open = layouts.count
            await pilot.press("escape")
            await pilot.pause(0.1)
            # Hiding the picker lays the screen out once; the footer adds none.
            assert layouts.count == layouts_open + 1
        shown_after = [entry.description for entry in footer.shown]
        assert shown_after == shown_before
        assert "Sector" in footer_line(footer)


def footer_line(footer: PriorityFooter) -> str:
    """The footer's line as drawn on the screen."""
    region = footer.region
    strip = footer.screen._compositor.render_strips()[region.y]
    return strip.text[region.x : region.right]


async def test_applying_a_pick_or_a_range_restyles_nothing(make_app: MakeApp) -> None:
    """Not the picker's list, hidden as it loses focus, nor the list the focus lands on,
    whose edge follows its focus without a restyle (tests/tui/test_focus_edge.py)."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("s", "down")
        await pilot.pause(0.1)
        restyled: list[str] = []
        update_styles = app.update_styles

        def counted(node: DOMNode, animate: bool = True) -> None:
            restyled.append(type(node).__name__)
            update_styles(node, animate)

        app.update_styles = counted  # type: ignore[method-assign]
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert screen.state.filter.sectors == frozenset({"rail"})
        assert restyled == []
        await pilot.press("d", *"2019", "enter", *"2020")
        await pilot.pause(0.1)
        restyled.clear()
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert screen.state.filter.date_from is not None
        assert restyled == []  # the date boxes neither
        app.update_styles = update_styles  # type: ignore[method-assign]
        await pilot.press("s")
        picker_list = screen.query_one(FacetPicker).query_one(SelectionList)
        assert app.focused is picker_list
        # Shown and focused again, it is styled as focused: as a fresh restyle has it.
        shown = (picker_list.styles.border, picker_list.styles.background_tint)
        app.update_styles(picker_list)
        assert (picker_list.styles.border, picker_list.styles.background_tint) == shown
        await pilot.press("escape")
        assert not picker_list.has_focus
        app.update_styles(picker_list)  # styled as it would be in sight without focus
        blurred = (picker_list.styles.border, picker_list.styles.background_tint)
        assert blurred != shown  # so the check above tells focused from not


async def test_a_pick_or_a_date_range_reaches_the_screen_in_one_frame(
    make_app: MakeApp,
) -> None:
    """Hiding the picker lays the screen out once, and nothing is left to paint
    after that frame: not the detail pane's scroll bar (a layout used to hand
    the pane its box as its size), nor the list's restyle for the focus (queued,
    it came after the frame when the date box's enter took longer)."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for keys in (("s", "down"), ("d", *"2019", "enter", *"2020")):
            await pilot.press(*keys)
            await pilot.pause(0.1)
            frames, layouts = Frames(screen), Layouts(screen)
            await pilot.press("enter")
            await pilot.pause(0.1)
            painted = [widgets for widgets in frames.painted if widgets]
            assert layouts.count == 1
            assert len(painted) == 1, painted
            assert {"TimelineList", "PriorityFooter"} <= painted[0]


async def test_a_pick_or_a_range_gives_the_focus_back_to_the_view_in_front(
    make_app: MakeApp,
) -> None:
    """In the periods view or on the targets board, the keys after a filter move
    through that view, not through the list hidden behind it."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for view, shown in (("2", PeriodsView), ("3", TargetBoard), ("1", TimelineList)):
            await pilot.press("c", view)
            assert isinstance(app.focused, shown)
            await pilot.press("s", "down", "enter")
            assert screen.state.filter.sectors
            assert isinstance(app.focused, shown), view
            await pilot.press("d", "ctrl+u", *"2016", "enter", "ctrl+u", "enter")
            assert screen.state.filter.date_from
            assert isinstance(app.focused, shown), view
            await pilot.press("i", "escape")
            assert isinstance(app.focused, shown), view
