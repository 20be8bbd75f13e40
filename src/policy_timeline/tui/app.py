"""The explorer app: themes, settings and live reload around the main screen."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Input

from policy_timeline.model.problems import Problem
from policy_timeline.paths import bundled_themes
from policy_timeline.query.index import TimelineIndex
from policy_timeline.query.marks import Marks
from policy_timeline.query.store_view import StoreView, open_view
from policy_timeline.reading.discover import FoundFile, find_files, is_timeline_name
from policy_timeline.reading.loader import LoadResult, TimelineLoader, TimelineNotFound
from policy_timeline.reading.outcomes import describe
from policy_timeline.tui import browser
from policy_timeline.tui.actions import bindings_for
from policy_timeline.tui.collector import CHECK_EVERY_SECONDS, IdleCollector
from policy_timeline.tui.commands import ExplorerCommands
from policy_timeline.tui.config import DETAIL_SHARES, THEMES_FOLDER, read_settings, remember
from policy_timeline.tui.reload import newly_broken
from policy_timeline.tui.screens.main import MainScreen
from policy_timeline.tui.state import ExplorerIndex
from policy_timeline.tui.themes import DEFAULT_THEME, load_theme_folder, theme_problem
from policy_timeline.tui.widgets.search_box import SearchBox

# Editors save in bursts (a temporary file, a rename); one reload per burst.
WATCH_DEBOUNCE_MS = 150
# How long the watcher's thread waits before it wakes with nothing to tell: the
# first such wake says the watcher is armed (see ``_watch_files``). Short, so
# that the walk it starts runs with the search index's preparation, before a
# reader's first keys; the wakes cost nothing next to the watcher's own steps.
WATCH_WAKE_MS = 200


def _freeze_loaded_data() -> None:
    """Takes what the screen built over the timeline out of the cyclic collector's sight.

    The loader already freezes the events; the screen then builds the index
    (a set of rows per value, a search text per event), which lives as long
    as the view. Left in sight, every full collection would walk it, a pause
    landing on whatever key was pressed. It holds no cycles, so reference
    counting still frees it after a reload.
    """
    gc.freeze()


def _timeline_file(change: object, path: str) -> bool:
    return is_timeline_name(os.path.basename(path))


class ExplorerApp(App[None]):
    CSS_PATH = "explorer.tcss"
    TITLE = "policy-timeline"
    COMMANDS = App.COMMANDS | {ExplorerCommands}
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("ExplorerApp")

    def __init__(
        self,
        loader: TimelineLoader,
        result: LoadResult,
        *,
        config_dir: Path | None,
        themes_dir: Path | None = None,
        watch: bool = True,
        data_dir: Path | None = None,
        view: StoreView | None = None,
    ) -> None:
        """``view``: the index to show ``result`` from (its timeline and problems);
        None shows the timeline loaded whole."""
        super().__init__()
        self.loader = loader
        self.folder = loader.root
        self._result = result
        self._view = view
        self._accepted: list[Problem] = list(result.problems)
        self._config_dir = config_dir
        # Where the marks are kept; None keeps them for this session only.
        self._data_dir = data_dir
        self._themes_dir = themes_dir or bundled_themes()
        self._watch = watch
        self._reported_gone = False
        self._collector = IdleCollector()
        self.detail_share = DETAIL_SHARES[0]
        self.citation_style = "plain"  # what `y` copies; config.toml's citation_style

    def on_mount(self) -> None:
        self._collector.start()
        self.set_interval(CHECK_EVERY_SECONDS, self._collector.tick)
        self._register_themes()
        marks = Marks.for_timeline(self._data_dir, self.folder)
        self.push_screen(
            MainScreen(
                self._result.timeline,
                self._result.problems,
                detail_share=self.detail_share,
                marks=marks,
                index=self._view,
            )
        )
        _freeze_loaded_data()
        if self._result.problems:
            self.notify(
                f"{describe(self._result.problems, self._result.timeline)}. Press p to see them.",
                severity="warning",
                timeout=6,
                markup=False,
            )
        if self._watch:
            # Armed once the first frame is on screen: setting the watcher up
            # (inotify on every folder) takes most of 0.1 s at 20k files.
            self.call_after_refresh(self._watch_files, self._files_loaded())

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Opens off the event loop (a ``BROWSER`` command is waited for), and says so
        when nothing opened: Textual's driver drops ``webbrowser``'s answer."""
        self._open_url(url)

    @work(thread=True, group="browser")
    def _open_url(self, url: str) -> None:
        if not browser.open_in_browser(url):
            self.call_from_thread(self._not_opened, url)

    def _not_opened(self, url: str) -> None:
        self.copy_to_clipboard(url)
        self.notify(
            f"Nothing opened: the web browser command failed. The address is copied: {url}",
            severity="warning",
            markup=False,
        )

    # Themes and settings ---------------------------------------------------

    def on_unmount(self) -> None:
        self._collector.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._collector.key_pressed()
            if await self._run_view_binding(event):
                return
        await super().on_event(event)

    async def _run_view_binding(self, event: events.Key) -> bool:
        """Run the binding of a key pressed on a view now, in the order keys were typed.

        Textual looks a key's binding up only after the key has bubbled from the
        focused widget through each parent's queue, against the focus of *that*
        moment. Typed in one burst ("/plan", fast or over SSH) every key is queued
        before "/" has moved the focus to the find box, so "p" opened the problems
        panel. The views do nothing with a key but bind it, so looking the binding
        up here, as each key arrives, means the same and keeps the order. A text
        box's printable keys are typed into it here too, and its other keys are
        bindings (tab to the next box, which "2017<tab>2018" typed at once must
        reach in order; enter, which must find the text typed before it).
        """
        focused = self.focused
        if focused is None:
            return False
        if isinstance(focused, Input) and event.is_printable and event.character:
            if focused.select_on_focus:
                # Not one of ours (the palette's): it selects its text when its
                # queued focus event comes, which would select what is typed here.
                return False
            # Typed here, not queued for the box: an enter that follows at once
            # ("f2019<enter>") must submit the box with "2019" in it. Our boxes
            # select their text as they are focused, not when that event comes.
            if focused.selection.is_empty:
                focused.insert_text_at_cursor(event.character)
            else:
                focused.replace(event.character, *focused.selection)
            return True
        handled = await self._check_bindings(
            event.key, priority=True
        ) or await self._check_bindings(event.key)
        if handled and event.key == "enter" and isinstance(focused, SearchBox):
            # Closed now, not when its Submitted message reaches the screen: a key
            # typed right behind the enter ("/plan⏎j") is the list's, not the box's.
            screen = self.screen
            if isinstance(screen, MainScreen):
                screen.close_search()
        return handled

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands but its key panel, which lists its internal
        bindings ("Scroll Left", "Focus Next"); "view: keys (help)" lists ours."""
        for command in super().get_system_commands(screen):
            if command.callback not in (self.action_show_help_panel, self.action_hide_help_panel):
                yield command

    def _register_themes(self) -> None:
        errors: list[str] = []
        folders = [self._themes_dir]
        if self._config_dir is not None:
            folders.append(self._config_dir / THEMES_FOLDER)
        for folder in folders:
            loaded = load_theme_folder(folder)
            for theme in loaded.themes:
                # The user's own themes are tried before use: a bad one is skipped.
                problem = (
                    None
                    if folder == self._themes_dir
                    else theme_problem(theme, self.stylesheet, self.get_theme_variable_defaults())
                )
                if problem:
                    errors.append(f"{folder / theme.name}: {problem}")
                else:
                    self.register_theme(theme)
            errors.extend(loaded.errors)
        settings = read_settings(self._config_dir) if self._config_dir else None
        if settings is not None:
            errors.extend(settings.errors)
            self.detail_share = settings.detail_share
            self.citation_style = settings.citation_style
            if settings.keymap:
                self.set_keymap(settings.keymap)
        wanted = settings.theme if settings and settings.theme else DEFAULT_THEME
        if wanted not in self.available_themes:
            errors.append(
                f"unknown theme {wanted!r}; available: {', '.join(sorted(self.available_themes))}"
            )
            wanted = DEFAULT_THEME if DEFAULT_THEME in self.available_themes else "textual-dark"
        self.theme = wanted
        for error in errors:
            self.notify(error, title="Settings", severity="error", timeout=10, markup=False)
        # Subscribed only now, so the start-up choice above is not written back.
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        self.remember(theme=theme.name)

    def on_main_screen_split_changed(self, message: MainScreen.SplitChanged) -> None:
        self.detail_share = message.share
        self.remember(detail_share=message.share)

    def remember(self, **values: str | int) -> None:
        """Keeps a choice of the user's (theme, layout) for the next start."""
        if self._config_dir is None:
            return
        error = remember(self._config_dir, **values)
        if error:
            self.notify(error, severity="warning", markup=False)

    # Live reload -------------------------------------------------------------

    def _files_loaded(self) -> list[FoundFile]:
        """The files the data on screen was read from, with their stamps then."""
        if self._view is None:
            return self.loader.files_read()
        walk = self._view.refreshed.found
        return [*walk.files, *([walk.meta] if walk.meta else [])]

    @work(exclusive=True, group="watch", exit_on_error=False)
    async def _watch_files(self, loaded: list[FoundFile]) -> None:
        """Reloads when the timeline's files change, told by the OS (inotify and kin).

        Polling would stat every file twice a second, which at 100k files is
        most of a core; the OS tells us which files changed, and the loader
        rereads just those. ``loaded``: the files as the data on screen was read.
        """
        from watchfiles import awatch

        armed = False
        async for changes in awatch(
            self.folder,
            debounce=WATCH_DEBOUNCE_MS,
            watch_filter=_timeline_file,
            recursive=True,
            rust_timeout=WATCH_WAKE_MS,
            yield_on_timeout=True,
        ):
            if not armed:
                # The watcher is made before it first waits, so from now on it
                # sees every change. One made between the walk the data on screen
                # came from and this moment is found by walking once more.
                armed = True
                self._catch_up(loaded)
            if changes:
                self._reload({path for _, path in changes})

    @work(thread=True, group="catch-up", exit_on_error=False)
    def _catch_up(self, loaded: list[FoundFile]) -> None:
        """Reloads the files whose stamps changed since they were read, if any."""
        try:
            walk = find_files(self.folder)
        except (TimelineNotFound, OSError):
            return
        now = {file.relative: file.stamp for file in walk.files}
        if walk.meta is not None:
            now[walk.meta.relative] = walk.meta.stamp
        then = {file.relative: file.stamp for file in loaded}
        changed = {
            relative
            for relative in now.keys() | then.keys()
            if now.get(relative) != then.get(relative)
        }
        if changed:
            paths = {str(self.folder / relative) for relative in changed}
            self.call_from_thread(self._reload, paths)

    @work(thread=True, exclusive=True, exit_on_error=False, group="reload")
    def _reload(self, changed: set[str]) -> None:
        if self._view is not None:
            # From the index: it takes in the changed files (one transaction), and
            # a new view reads it; the old one keeps its snapshot until swapped.
            try:
                view = open_view(self.folder, write=True)
            except (TimelineNotFound, OSError):
                view = None
            result = LoadResult(view.timeline, view.problems) if view is not None else None
            self.call_from_thread(self._reloaded, result, view)
            return
        try:
            loaded: LoadResult | None = self.loader.load(changed)
        except (TimelineNotFound, OSError):
            loaded = None
        # The index is built here too, off the event loop: at 100k events it
        # takes longer than a frame.
        index = TimelineIndex(loaded.timeline) if loaded is not None else None
        self.call_from_thread(self._reloaded, loaded, index)

    def _reloaded(self, result: LoadResult | None, index: ExplorerIndex | None) -> None:
        screen = self._main_screen()
        if screen is None:
            return
        if result is None:
            if not self._reported_gone:
                self.notify(
                    f"The timeline at {self.folder} cannot be read; showing the last good data.",
                    severity="error",
                    markup=False,
                )
            self._reported_gone = True
            return
        self._reported_gone = False
        broken = newly_broken(
            self._accepted, result.problems, screen.state.timeline, result.timeline
        )
        if broken:
            # The view keeps the last good data, so its problems stay those of
            # that data; the new ones say why it was not reloaded.
            if isinstance(index, StoreView):
                index.close()
            screen.set_problems(self._accepted + broken, broken)
            self.notify(
                f"{broken[0].format()}\nShowing the last good data; p lists every problem.",
                title="Not reloaded",
                severity="error",
                timeout=8,
                markup=False,
            )
            return
        self._accepted = list(result.problems)
        screen.load(result.timeline, result.problems, index)
        if isinstance(index, StoreView) and self._view is not None and index is not self._view:
            self._view.close()
            self._view = index
        _freeze_loaded_data()
        if result.problems:
            self.notify(
                f"Reloaded: {result.timeline.event_count} events. "
                f"{describe(result.problems, result.timeline)}; p lists them.",
                severity="warning",
                timeout=6,
                markup=False,
            )
        else:
            self.notify(f"Reloaded: {result.timeline.event_count} events.", timeout=2)

    def _main_screen(self) -> MainScreen | None:
        return next(
            (screen for screen in self.screen_stack if isinstance(screen, MainScreen)), None
        )
