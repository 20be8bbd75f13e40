"""Snapshots of the explorer on the small fixed timeline, at 120x40 and 80x24.

Update after a deliberate change of look with ``pytest tests/tui --snapshot-update``
and review the SVGs in the report it writes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from policy_timeline.paths import bundled_themes
from policy_timeline.tui.themes import load_theme_folder

from .conftest import MakeApp

SIZES = [(120, 40), (80, 24)]
SHIPPED = sorted(theme.name for theme in load_theme_folder(bundled_themes()).themes)
SnapCompare = Callable[..., bool]


def steady(theme: str | None = None) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def prepare(pilot: Pilot[None]) -> None:
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        if theme:
            pilot.app.theme = theme
        await pilot.pause()

    return prepare


def test_three_themes_are_shipped() -> None:
    assert {"policy-dark", "policy-light", "policy-high-contrast"} <= set(SHIPPED)


@pytest.mark.parametrize("theme", SHIPPED)
@pytest.mark.parametrize("size", SIZES)
def test_main_screen(
    snap_compare: SnapCompare, make_app: MakeApp, theme: str, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(), terminal_size=size, press=["j"], run_before=steady(theme))


@pytest.mark.parametrize("size", SIZES)
def test_filtered_to_one_sector(
    snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]
) -> None:
    assert snap_compare(
        make_app(), terminal_size=size, press=["s", "down", "enter"], run_before=steady()
    )


@pytest.mark.parametrize("size", SIZES)
def test_search_highlights(
    snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]
) -> None:
    async def search(pilot: Pilot[None]) -> None:
        await steady()(pilot)
        await pilot.press("slash", *"freight plan")
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=search)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]) -> None:
    assert snap_compare(
        make_app(), terminal_size=size, press=["question_mark"], run_before=steady()
    )


@pytest.mark.parametrize("size", SIZES)
def test_periods_view(
    snap_compare: SnapCompare, make_app: MakeApp, bundled: Path, size: tuple[int, int]
) -> None:
    """The bundled timeline on the year axis: Made in China 2025 across the 2017-2020 plans."""
    assert snap_compare(make_app(bundled), terminal_size=size, press=["2"], run_before=steady())
