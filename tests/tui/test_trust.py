"""The explorer on hostile input: nothing typed is markup, nothing loaded is a terminal command."""

from __future__ import annotations

import asyncio
import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import App
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input

from policy_timeline.paths import bundled_themes
from policy_timeline.reading.loader import TimelineLoader
from policy_timeline.tui.app import ExplorerApp
from policy_timeline.tui.screens.main import MainScreen
from policy_timeline.tui.screens.pickers import FacetPicker

from .conftest import SMALL, MakeApp


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


# What a terminal acts on instead of showing: ESC, BEL and the C1 controls (CSI, OSC...).
ACTIVE = re.compile("[\x07\x1b\x80-\x9f]")
HOSTILE_SUFFIX = "\x1b]52;c;eA==\x07\x9b2J\u202e"


def _drawn(app: App[None]) -> str:
    """Every character the visible widgets of every open screen draw."""
    drawn = []
    for screen in app.screen_stack:
        for widget in screen.walk_children(Widget, with_self=True):
            width, height = widget.size
            if widget.display and width and height:
                for strip in widget.render_lines(Region(0, 0, width, height)):
                    drawn.append(strip.text)
    return "\n".join(drawn)


def _hostile_timeline(root: Path, text: str) -> Path:
    folder = root / f"timeline {text}"
    folder.mkdir()
    shutil.copytree(SMALL, folder, dirs_exist_ok=True)
    (folder / "_timeline.yaml").unlink()  # the folder's name becomes the timeline's
    (folder / f"2017-rail-milestone {text}.yaml").write_bytes(
        (SMALL / "2017-rail-milestone.yaml").read_bytes()
    )
    (folder / "2017-rail-milestone.yaml").unlink()
    (folder / os.fsdecode(b"broken \xff.yaml")).write_text(
        json.dumps({"id": "bad", text: 1, "title": text}), encoding="utf-8"
    )
    return folder


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(
        st.characters(exclude_categories=["Cs"], exclude_characters="/\x00"), max_size=8
    ).map(lambda text: text + HOSTILE_SUFFIX)
)
def test_nothing_loaded_reaches_the_terminal_list_detail_picker_or_problems(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    folder = _hostile_timeline(tmp_path_factory.mktemp("hostile"), text)

    async def explore() -> list[str]:
        loader = TimelineLoader(folder)
        app = ExplorerApp(
            loader,
            loader.load(),
            config_dir=folder.parent / "config",
            themes_dir=bundled_themes(),
            watch=False,
        )
        seen = []
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.pause()
            seen.append(_drawn(app))  # list, header, detail pane and the problems notice
            await pilot.press("i")
            await pilot.pause()
            seen.append(_drawn(app))  # the issuer picker
            await pilot.press("escape", "p")
            await pilot.pause()
            seen.append(_drawn(app))  # the problems panel
        return seen

    seen = asyncio.run(explore())
    assert "rail freight" in seen[0].lower()
    assert "\\udcff.yaml" in seen[2]  # the problems panel names the undecodable file
    for drawn in seen:
        assert not ACTIVE.search(drawn)
        assert "\u202e" not in drawn


async def test_broken_settings_are_reported_and_skipped(make_app: MakeApp, tmp_path: Path) -> None:
    config = tmp_path / "config"
    (config / "themes").mkdir(parents=True)
    (config / "themes" / "nan.toml").write_text(
        'name = "nan"\nprimary = "#ff0000"\nluminosity_spread = nan\n'
    )
    (config / "themes" / "bad-variable.toml").write_text(
        'name = "bad-variable"\nprimary = "#ff0000"\n[variables]\nfooter-key-foreground = "1"\n'
    )
    (config / "config.toml").write_text(
        '[keymap]\n"app.quit" = "ctrl+,\\u001b[2J"\n' + "a = " + "[" * 3000 + "]" * 3000
    )
    (config / "state.json").write_text(json.dumps({"theme": "bad-variable"}))
    app = make_app(config_dir=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.theme != "bad-variable"
        said = "\n".join(str(notification.message) for notification in app._notifications)
    assert "'luminosity_spread' must be a number from 0 to 1, not nan" in said
    assert "theme 'bad-variable' cannot be used" in said
    assert "config.toml: nested too deeply to read" in said


async def test_a_broken_keymap_entry_is_reported_and_skipped(
    make_app: MakeApp, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text(
        '[keymap]\n"app.quit" = "ctrl+,\\u001b[2J"\n"filter.issuer" = "ctrl+y"\n'
    )
    app = make_app(config_dir=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        said = "\n".join(str(notification.message) for notification in app._notifications)
        assert "'app.quit'" in said and "left out" in said
        await pilot.press("ctrl+y")  # the sound entry still applies
        await pilot.pause()
        picker = app.screen.query_one(FacetPicker)  # drawn in place, over the main screen
        assert picker.is_open and picker.facet == "issuer"


async def test_the_export_dialog_never_writes_over_the_timelines_own_files(
    make_app: MakeApp, tmp_path: Path
) -> None:
    folder = tmp_path / "timeline"
    shutil.copytree(SMALL, folder)
    own = folder / "2019-rail-plan.yaml"
    before = own.read_bytes()
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-file", Input).value = str(own)
        await pilot.press("enter", "enter")  # not even when asked twice
        await pilot.pause()
        assert "timeline's own files" in str(app.screen.query_one("#export-message").render())
    assert own.read_bytes() == before


async def test_the_export_dialog_says_what_a_format_cannot_hold(
    make_app: MakeApp, tmp_path: Path
) -> None:
    folder = tmp_path / "timeline"
    shutil.copytree(SMALL, folder)
    plan = folder / "2019-rail-plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("end: 2021", "end: 9999"), encoding="utf-8"
    )
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-file", Input).value = str(tmp_path / "plans.ics")
        await pilot.press("enter")
        await pilot.pause()
        said = str(app.screen.query_one("#export-message").render())
        assert "Cannot export as ics" in said and "9999" in said
    assert not (tmp_path / "plans.ics").exists()
