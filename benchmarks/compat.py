"""The few places the benchmark touches the app: loads with and without the
cache, and the explorer built as ``policy-timeline`` builds it."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from policy_timeline.reading.cache import CACHE_DIR_VARIABLE
from policy_timeline.reading.loader import LoadResult, load_timeline

if TYPE_CHECKING:
    from policy_timeline.tui.app import ExplorerApp


def cache_variable() -> str:
    """The environment variable that moves the cache (run.py points it at a temp dir)."""
    return CACHE_DIR_VARIABLE


def load(root: Path, cached: bool) -> LoadResult:
    return load_timeline(root, cache=cached)


def _settings_folder(prefix: str) -> Path:
    """An empty folder for the run, so the user's theme, keymap and marks change no figure."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def explorer_app(root: Path) -> ExplorerApp:
    """The explorer for a folder, loaded through the cache as users get it, not run."""
    from policy_timeline.tui.launch import build_explorer

    return build_explorer(
        root,
        config_dir=_settings_folder("pt-bench-config-"),
        data_dir=_settings_folder("pt-bench-data-"),
    )


async def search_prepared(app: ExplorerApp) -> None:
    """Waits for the explorer's search index, made in a thread after the first frame.

    Only that worker: others (the file watcher) run for as long as the app does.
    """
    workers = [worker for worker in app.workers if worker.group == "prepare-search"]
    if workers:
        await app.workers.wait_for_complete(workers)
