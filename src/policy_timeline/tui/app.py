"""The explorer app: themes, settings and live reload around the main screen."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.theme import Theme

from policy_timeline.loader import LoadResult, TimelineLoader, TimelineNotFound
from policy_timeline.paths import bundled_themes
from policy_timeline.problems import Problem, count_line
from policy_timeline.tui.commands import ExplorerCommands
from policy_timeline.tui.config import THEMES_FOLDER, read_settings, save_theme
from policy_timeline.tui.reload import Snapshot, newly_broken, take_snapshot
from policy_timeline.tui.screens.main import MainScreen
from policy_timeline.tui.themes import DEFAULT_THEME, load_theme_folder

POLL_SECONDS = 0.5


class ExplorerApp(App[None]):
    CSS_PATH = "explorer.tcss"
    TITLE = "policy-timeline"
    COMMANDS = App.COMMANDS | {ExplorerCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, loader: TimelineLoader, result: LoadResult, *, config_dir: Path | None,
                 themes_dir: Path | None = None, watch: bool = True) -> None:
        super().__init__()
        self.loader = loader
        self.folder = loader.root
        self._result = result
        self._accepted: list[Problem] = list(result.problems)
        self._config_dir = config_dir
        self._themes_dir = themes_dir or bundled_themes()
        self._watch = watch
        self._snapshot: Snapshot | None = None
        self._scanning = False
        self._reported_gone = False

    def on_mount(self) -> None:
        self._register_themes()
        self.push_screen(MainScreen(self._result.timeline, self._result.problems))
        if self._result.problems:
            self.notify(f"{count_line(self._result.problems)}; those events are left out. "
                        "Press p to see them.", severity="warning", timeout=6)
        if self._watch:
            self._snapshot = take_snapshot(self.folder)
            self.set_interval(POLL_SECONDS, self._poll)

    # Themes and settings ---------------------------------------------------

    def _register_themes(self) -> None:
        errors: list[str] = []
        folders = [self._themes_dir]
        if self._config_dir is not None:
            folders.append(self._config_dir / THEMES_FOLDER)
        for folder in folders:
            loaded = load_theme_folder(folder)
            for theme in loaded.themes:
                self.register_theme(theme)
            errors.extend(loaded.errors)
        settings = read_settings(self._config_dir) if self._config_dir else None
        if settings is not None:
            errors.extend(settings.errors)
            if settings.keymap:
                self.set_keymap(settings.keymap)
        wanted = settings.theme if settings and settings.theme else DEFAULT_THEME
        if wanted not in self.available_themes:
            errors.append(f"unknown theme {wanted!r}; available: "
                          f"{', '.join(sorted(self.available_themes))}")
            wanted = DEFAULT_THEME if DEFAULT_THEME in self.available_themes else "textual-dark"
        self.theme = wanted
        for error in errors:
            self.notify(error, title="Settings", severity="error", timeout=10, markup=False)
        # Subscribed only now, so the start-up choice above is not written back.
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        if self._config_dir is None:
            return
        error = save_theme(self._config_dir, theme.name)
        if error:
            self.notify(error, severity="warning", markup=False)

    # Live reload -------------------------------------------------------------

    def _poll(self) -> None:
        if not self._scanning:
            self._scanning = True
            self._scan()

    @work(thread=True, exit_on_error=False, group="reload")
    def _scan(self) -> None:
        try:
            snapshot = take_snapshot(self.folder)
            if snapshot == self._snapshot:
                return
            try:
                result: LoadResult | None = self.loader.load()
            except (TimelineNotFound, OSError):
                result = None
            self.call_from_thread(self._reloaded, snapshot, result)
        finally:
            self._scanning = False

    def _reloaded(self, snapshot: Snapshot | None, result: LoadResult | None) -> None:
        self._snapshot = snapshot
        screen = self._main_screen()
        if screen is None:
            return
        if result is None:
            if not self._reported_gone:
                self.notify(f"The timeline at {self.folder} cannot be read; showing the last "
                            "good data.", severity="error", markup=False)
            self._reported_gone = True
            return
        self._reported_gone = False
        broken = newly_broken(self._accepted, result.problems)
        if broken:
            screen.set_problems(result.problems)
            self.notify(f"{broken[0].format()}\nShowing the last good data; p lists every "
                        "problem.", title="Not reloaded", severity="error", timeout=8,
                        markup=False)
            return
        self._accepted = list(result.problems)
        screen.load(result.timeline, result.problems)
        self.notify(f"Reloaded: {len(result.timeline.events)} events.", timeout=2)

    def _main_screen(self) -> MainScreen | None:
        return next((screen for screen in self.screen_stack if isinstance(screen, MainScreen)),
                    None)
