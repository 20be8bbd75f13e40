"""The issue's "done when": the newcomer's path through the bundled timeline, at both sizes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policy_timeline.tui.screens.main import MainScreen

from .conftest import MakeApp

BOTH_SOURCES = True  # each test runs on the loaded timeline and on the index

AM_PLAN = "am-action-plan-2017-2020"
NATIONAL_PLAN = "am-national-plan-2015-2016"


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_find_filter_follow_back_open_and_theme(
    make_app: MakeApp, bundled: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    config = tmp_path / "settings"
    app = make_app(bundled, config_dir=config)
    opened: list[str] = []

    def open_url(url: str, new_tab: bool = True) -> None:
        opened.append(url)

    app.open_url = open_url  # type: ignore[method-assign]
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("slash", *"additive 2017-2020", "enter")
        while screen.current_id != AM_PLAN:
            await pilot.press("n")
        await pilot.press("s", "enter")  # the first sector listed: additive-manufacturing
        assert screen.state.filter.sectors == frozenset({"additive-manufacturing"})
        assert screen.current_id == AM_PLAN
        await pilot.press("enter", "tab", "tab", "enter")
        assert screen.current_id == NATIONAL_PLAN
        await pilot.press("backspace")
        assert screen.current_id == AM_PLAN
        await pilot.press("o")
        assert opened and opened[0].startswith("http")
        await pilot.press("ctrl+p", *"theme: policy-light")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "policy-light"
    assert json.loads((config / "state.json").read_text())["theme"] == "policy-light"
