"""Theme files, settings, live reload and start-up failures."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from policy_timeline.tui.launch import launch_explorer
from policy_timeline.tui.screens.main import MainScreen
from policy_timeline.tui.themes import ThemeFileError, load_theme_file, load_theme_folder

from .conftest import SMALL, MakeApp

BOTH_SOURCES = True  # each test runs on the loaded timeline and on the index


def test_theme_file_errors_name_the_file_and_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\nprimary = "not-a-colour"\n')
    with pytest.raises(ThemeFileError, match=r"bad\.toml: 'primary'"):
        load_theme_file(bad)
    bad.write_text('name = "x"\nprimary = "#fff"\nshiny = true\n')
    with pytest.raises(ThemeFileError, match="unknown keys shiny"):
        load_theme_file(bad)
    bad.write_text("name = [")
    assert load_theme_folder(tmp_path).errors


async def test_user_themes_load_and_a_broken_one_is_reported(
    make_app: MakeApp, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    (config / "themes").mkdir(parents=True)
    (config / "themes" / "mine.toml").write_text('name = "mine"\nprimary = "#336699"\n')
    (config / "themes" / "broken.toml").write_text('name = "broken"\n')
    (config / "config.toml").write_text('[keymap]\n"timeline.down" = "x"\n')
    app = make_app(config_dir=config)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "mine" in app.available_themes
        assert "textual-dark" in app.available_themes
        assert app.theme == "policy-dark"
        assert any("broken.toml" in note.message for note in app._notifications)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("x")
        assert screen.current_id == "rail-plan-2019"


async def test_saved_theme_is_used_and_unknown_one_is_reported(
    make_app: MakeApp, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "state.json").write_text('{"theme": "policy-light"}')
    app = make_app(config_dir=config)
    async with app.run_test():
        assert app.theme == "policy-light"
    (config / "state.json").write_text('{"theme": "nope"}')
    app = make_app(config_dir=config)
    async with app.run_test():
        assert app.theme == "policy-dark"
        assert any("nope" in note.message for note in app._notifications)


async def wait_for(condition: object, seconds: float = 3.0) -> None:
    import asyncio

    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_live_reload_keeps_selection_and_last_good_data(
    make_app: MakeApp, tmp_path: Path
) -> None:
    folder = tmp_path / "timeline"
    shutil.copytree(SMALL, folder)
    app = make_app(folder, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("j", "j")
        assert screen.current_id == "port-review-2020"
        review = folder / "2020-port-review.yaml"
        good = review.read_text()
        review.write_text(good.replace("Port Congestion Review", "Port Congestion Review II"))
        await wait_for(lambda: screen.state.timeline.by_id["port-review-2020"].title.endswith("II"))
        assert screen.current_id == "port-review-2020"
        review.write_text("id: [half written")
        await wait_for(lambda: bool(screen.problems))
        assert len(screen.state.timeline.events) == 4  # the last good data stays
        review.write_text(good)
        await wait_for(lambda: not screen.problems)
        assert screen.current_id == "port-review-2020"


@pytest.mark.parametrize("change", ["edit", "remove"])
async def test_a_change_made_before_the_watcher_is_armed_is_followed(
    make_app: MakeApp, tmp_path: Path, change: str
) -> None:
    """The watcher starts after the first frame: what changed since the files were
    read is found by one more walk once it is armed, so no change is lost."""
    folder = tmp_path / "timeline"
    shutil.copytree(SMALL, folder)
    app = make_app(folder, watch=True)  # the files are read here
    review = folder / "2020-port-review.yaml"
    if change == "edit":
        review.write_text(review.read_text().replace("Port Congestion Review", "Port Review II"))
    else:
        review.unlink()
    async with app.run_test(size=(120, 40)):
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.state.timeline.by_id["port-review-2020"].title == "Port Congestion Review"

        def followed() -> bool:
            event = screen.state.timeline.by_id.get("port-review-2020")
            if change == "remove":
                return event is None
            return event is not None and event.title == "Port Review II"

        await wait_for(followed, seconds=10)


def test_unreadable_timeline_exits_nonzero_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert launch_explorer(tmp_path / "missing") == 2
    assert "not found" in capsys.readouterr().err
    (tmp_path / "bad.yaml").write_text("- [")
    assert launch_explorer(tmp_path) == 1
    err = capsys.readouterr().err
    assert "bad.yaml:" in err and "Traceback" not in err


async def test_opens_on_valid_events_and_lists_problems(make_app: MakeApp, tmp_path: Path) -> None:
    from textual.widgets import OptionList

    from policy_timeline.tui.screens.panels import ProblemsPanel

    folder = tmp_path / "timeline"
    shutil.copytree(SMALL, folder)
    (folder / "2022-broken.yaml").write_text("id: broken\ndate: 2022-13\n")
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert len(screen.state.timeline.events) == 4
        await pilot.press("p")
        assert isinstance(app.screen, ProblemsPanel)
        lines = app.screen.query_one("#problem-lines", OptionList).options
        assert any("2022-broken.yaml:2:" in str(line.prompt) for line in lines)
