"""What users trip over: opening with no browser, the help and palette, the date dialog."""

from __future__ import annotations

import sys
import webbrowser

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, Label, OptionList

from policy_timeline.tui import browser
from policy_timeline.tui.keys import help_rows
from policy_timeline.tui.screens import main
from policy_timeline.tui.screens.main import MainScreen
from policy_timeline.tui.screens.panels import HelpPanel
from policy_timeline.tui.screens.pickers import DateRangePicker

from .conftest import MakeApp, recording

BOTH_SOURCES = True  # each test runs on the loaded timeline and on the index


async def test_o_with_no_browser_copies_the_address_and_says_so(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browser, "browser_available", lambda: False)
    app = make_app()
    opened, copied = recording(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "o")
        assert opened == []
        assert copied == ["https://example.org/rail-plan"]
        said = [str(notice.message) for notice in app._notifications]
        assert any("Nothing opened" in text and "copied" in text for text in said)


def test_no_display_means_no_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert browser.browser_available() is False


async def test_help_lists_this_apps_keys_not_textuals(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        rows = help_rows(app.screen)
        descriptions = {description for _, _, description in rows}
        assert {"Find", "Sector", "Detail width", "Next pane"} <= descriptions
        assert not descriptions & {
            "Scroll Left",
            "Scroll Right",
            "Page Left",
            "Focus Next",
            "Copy selected text",
        }
        assert ("App", "q", "Quit") in rows, "ctrl+q is Textual's; q is ours"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpPanel)


async def test_palette_shows_each_commands_key(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        shown = [
            str(option.prompt).split("\n")[0] for option in palette.query_one(OptionList).options
        ]
        assert any(
            line.startswith("filter: by sector…") and line.rstrip().endswith("s") for line in shown
        ), shown
        assert any("view: next year" in line and line.rstrip().endswith("]") for line in shown)
        assert any(line.startswith("theme: policy-dark") for line in shown)


async def test_date_dialog_checks_each_field_as_it_is_typed(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d", *"2017-13")
        dialog = app.screen.query_one(DateRangePicker)
        assert dialog.is_open
        error = dialog.query_one("#date-error", Label)
        said = str(error.render())
        assert "From: month 13 is out of range" in said
        assert "2017-12-13" in said and "Dec 2017" in said, "the accepted forms are listed"
        assert dialog.query_one("#date-from", Input).has_class("-invalid")
        await pilot.press("backspace", "backspace", "backspace")
        assert str(error.render()) == ""
        await pilot.press("enter", *"soon")
        said = str(error.render())
        assert "To: 'soon' is not a date" in said
        assert "dateutil" not in said.lower() and "unknown string" not in said.lower()
        await pilot.press("enter")
        assert dialog.is_open, "a bad date is not applied"
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert not screen.state.filter.active
        await pilot.press("ctrl+u", *"2020", "enter")
        assert not dialog.is_open
        assert screen.state.filter.date_to is not None
        assert screen.state.filter.date_to.iso() == "2020"


async def test_o_and_y_act_on_the_event_under_the_cursor_within_a_burst_of_moves(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every move counts as part of a burst, so the pane is never drawn by the move.
    monkeypatch.setattr(main, "DETAIL_COALESCE", 60.0)
    monkeypatch.setattr(browser, "browser_available", lambda: False)
    app = make_app()
    _opened, copied = recording(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "o", "y")
        assert copied[0] == "https://example.org/rail-plan"
        assert "Rail Freight Plan (2019-2021)" in copied[1]


async def test_o_with_a_failing_browser_command_copies_the_address_and_says_so(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    tried: list[str] = []

    def failing_browser(url: str) -> bool:
        tried.append(url)
        return False  # what webbrowser answers when a BROWSER command exits non-zero

    monkeypatch.setattr(webbrowser, "open", failing_browser)
    app = make_app()
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign,assignment]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert tried == ["https://example.org/rail-plan"]
        assert copied == ["https://example.org/rail-plan"]
        said = [str(notice.message) for notice in app._notifications]
        assert any("Nothing opened" in text and "copied" in text for text in said)
