"""The explorer on hostile input: nothing typed is markup, nothing loaded is a terminal command."""

from __future__ import annotations

import html

from policy_timeline.tui.screens.main import MainScreen

from .conftest import MakeApp


async def test_typed_search_is_never_parsed_as_markup(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("slash", *"zz[/]", "enter")
        await pilot.pause()
        await pilot.press("n")  # "No match for 'zz[/]'": shown as written, no MarkupError
        await pilot.pause(0.3)
        assert isinstance(app.screen, MainScreen)
        # The toast is drawn (a markup error would leave it out of the screen).
        screen = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        assert "No match for" in screen and "zz[/]" in screen
