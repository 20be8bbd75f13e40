"""Builds explorer apps over fixed data, with a throwaway config folder."""

from __future__ import annotations

import asyncio
import inspect
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widget import Widget

from policy_timeline.paths import bundled_themes, bundled_timeline
from policy_timeline.query.store_view import open_view
from policy_timeline.reading.loader import LoadResult, TimelineLoader
from policy_timeline.tui import browser
from policy_timeline.tui.app import ExplorerApp

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "small"

MakeApp = Callable[..., ExplorerApp]


class Layouts:
    """Counts the layouts of a screen from now on: each costs more than a keystroke may."""

    def __init__(self, screen: Screen[Any]) -> None:
        self.count = 0
        layout = screen._refresh_layout

        def counted(*args: Any, **kwargs: Any) -> None:
            self.count += 1
            layout(*args, **kwargs)

        screen._refresh_layout = counted  # type: ignore[method-assign]


class Frames:
    """Records, from now on, which kinds of widget each of a screen's frames paints."""

    def __init__(self, screen: Screen[Any]) -> None:
        self.painted: list[set[str]] = []
        compositor = screen._compositor
        update = compositor.update_widgets

        def recorded(widgets: set[Widget]) -> None:
            self.painted.append({type(widget).__name__ for widget in widgets})
            update(widgets)

        compositor.update_widgets = recorded  # type: ignore[method-assign]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A module that sets ``BOTH_SOURCES = True`` runs each test that makes an app
    with both sources the explorer reads: the timeline loaded whole (memory) and
    the index file (index)."""
    if "make_app" in metafunc.fixturenames and getattr(metafunc.module, "BOTH_SOURCES", False):
        metafunc.parametrize("make_app", ["memory", "index"], indirect=True)


@pytest.fixture
def make_app(tmp_path: Path, request: pytest.FixtureRequest) -> MakeApp:
    source = getattr(request, "param", "memory")

    def make(
        folder: Path = SMALL,
        *,
        watch: bool = False,
        config_dir: Path | None = None,
        data_dir: Path | None = None,
    ) -> ExplorerApp:
        loader = TimelineLoader(folder)
        view = open_view(folder, write=True) if source == "index" else None
        assert view is not None or source == "memory"
        return ExplorerApp(
            loader,
            LoadResult(view.timeline, view.problems) if view else loader.load(),
            config_dir=config_dir or tmp_path / "config",
            themes_dir=bundled_themes(),
            watch=watch,
            data_dir=data_dir or tmp_path / "data",
            view=view,
        )

    return make


def recording(app: ExplorerApp) -> tuple[list[str], list[str]]:
    """What the app opens in a browser and copies, kept here instead of done."""
    opened: list[str] = []
    copied: list[str] = []

    def open_url(url: str, new_tab: bool = True) -> None:
        opened.append(url)

    def copy_to_clipboard(text: str) -> None:
        copied.append(text)

    app.open_url = open_url  # type: ignore[method-assign]
    app.copy_to_clipboard = copy_to_clipboard  # type: ignore[method-assign]
    return opened, copied


@pytest.fixture(autouse=True)
def desktop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as on a desktop with a browser; a test of a headless machine says so."""
    monkeypatch.setattr(browser, "browser_available", lambda: True)


@pytest.fixture
def small_copy(tmp_path: Path) -> Path:
    """A copy of the small timeline that a test may change."""
    copy = tmp_path / "timeline"
    shutil.copytree(SMALL, copy)
    return copy


@pytest.fixture
def bundled() -> Path:
    return bundled_timeline()


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Runs ``async def`` tests in a fresh event loop; the venv has no asyncio plugin."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True
