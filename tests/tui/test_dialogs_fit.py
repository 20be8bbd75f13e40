"""The dialogs fit the screen: every box whole, every message and hint read to its last word."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input, Label, SelectionList

from policy_timeline.tui.screens.export_dialog import ExportDialog
from policy_timeline.tui.screens.pickers import DateRangePicker, FacetPicker

from .conftest import MakeApp
from .test_by_hand import shown_text


def assert_seen_whole(widget: Widget, within: Widget) -> None:
    """The widget lies inside the other's content and the screen, and is the one drawn there."""
    screen = widget.screen
    region = widget.region
    assert region.area, f"{widget!r} takes no room"
    assert within.content_region.contains_region(region), (widget, region, within.content_region)
    assert Region(0, 0, *screen.size).contains_region(region), (widget, region, screen.size)
    for x, y in ((region.x, region.y), (region.right - 1, region.bottom - 1)):
        drawn, _ = screen.get_widget_at(x, y)
        assert drawn is widget or widget in drawn.ancestors, (widget, drawn, x, y)


def words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize(
    "keys", [[*"2017-13"], [*"notadate"], [*"notadate", "enter", *"soon"]], ids=["13", "x", "xx"]
)
@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_the_date_dialog_shows_both_boxes_and_the_whole_error(
    make_app: MakeApp, bundled: Path, size: tuple[int, int], keys: list[str]
) -> None:
    """At 60x20 the To box lost its bottom border and the error was drawn below the dialog."""
    app = make_app(bundled)
    async with app.run_test(size=size) as pilot:
        await pilot.press("d", *keys)
        await pilot.pause()
        dialog = app.screen.query_one(DateRangePicker)
        error = dialog.query_one("#date-error", Label)
        message = str(error.render())
        assert message.startswith("From: "), message
        for box in dialog.query(Input):
            assert_seen_whole(box, dialog)
        assert_seen_whole(error, dialog)
        assert words(shown_text(error)) == words(message), "the error is read to its end"
        for hint in dialog.query(".picker-hint"):
            assert_seen_whole(hint, dialog)
            assert words(shown_text(hint)) == words(str(hint.render()))


@pytest.mark.parametrize("key", ["s", "i", "t"])
async def test_a_facet_picker_at_60x20_keeps_its_list_whole(
    make_app: MakeApp, bundled: Path, key: str
) -> None:
    """At 60x20 each list ran past the picker's edge and lost its bottom border."""
    app = make_app(bundled)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        picker = app.screen.query_one(FacetPicker)
        assert_seen_whole(picker.query_one(SelectionList), picker)
        hint = picker.query_one(".picker-hint", Label)
        assert_seen_whole(hint, picker)
        assert words(shown_text(hint)) == words(str(hint.render()))


async def test_the_export_dialog_at_60x20_keeps_the_file_box_and_its_message_whole(
    make_app: MakeApp, bundled: Path
) -> None:
    """At 60x20 the file name's box lost its bottom border and the message under it."""
    app = make_app(bundled)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        box = dialog.query_one("#export")
        assert_seen_whole(dialog.query_one("#export-file", Input), box)
        await pilot.press("ctrl+u", *"/nonexistent-folder/x/y.md", "enter")
        await pilot.pause()
        message = dialog.query_one("#export-message", Label)
        said = str(message.render())
        assert said, "writing there fails and says so"
        assert_seen_whole(message, box)
        assert words(shown_text(message)) == words(said)
