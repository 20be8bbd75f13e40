"""The few places the benchmark touches the app, written to follow its API as it grows.

The load cache and the explorer are being built alongside the benchmark, so each
hook is looked up rather than assumed; a missing one makes its figure "n/a".
"""

from __future__ import annotations

import inspect
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from policy_timeline.loader import LoadResult, load_timeline


@cache
def cache_parameter() -> str | None:
    """The name of load_timeline's cache switch, if it has one."""
    parameters = inspect.signature(load_timeline).parameters
    return next((name for name in ("use_cache", "cache") if name in parameters), None)


def cache_variable() -> str | None:
    """The environment variable that moves the cache (run.py points it at a temp dir)."""
    try:
        from policy_timeline import cache as cache_module
    except ImportError:
        return None
    return getattr(cache_module, "CACHE_DIR_VARIABLE", None)


def load(root: Path, cached: bool) -> LoadResult:
    name = cache_parameter()
    if name is None:
        if cached:
            raise RuntimeError("load_timeline has no cache switch")
        return load_timeline(root)
    return load_timeline(root, **{name: cached})


@cache
def cli_has_no_cache() -> bool:
    help_text = subprocess.run(
        [sys.executable, "-m", "policy_timeline", "validate", "--help"],
        capture_output=True, text=True, check=False,
    ).stdout
    return "--no-cache" in help_text


def explorer_app(root: Path) -> Any:
    """The explorer App for a folder, built as ``launch_explorer`` builds it, not run.

    Prefers a ``build_explorer`` hook in the app; until one exists this repeats
    what launch_explorer does (load, then construct), with the cache on as users get it.
    """
    from policy_timeline.tui import launch

    config_dir = Path(tempfile.mkdtemp(prefix="pt-bench-config-"))  # no user settings
    hook = getattr(launch, "build_explorer", None)
    if hook is not None:
        return hook(root, config_dir=config_dir)
    from policy_timeline.tui.app import ExplorerApp

    cached = cache_parameter() is not None and cache_variable() is not None
    first = [*inspect.signature(ExplorerApp.__init__).parameters][1]  # after self
    if first == "loader":  # the app keeps a TimelineLoader, to reread only changed files
        from policy_timeline import loader as loader_module

        disk = None
        if cached:
            from policy_timeline.cache import DiskCache

            disk = DiskCache.for_timeline(root)
        timeline_loader = loader_module.TimelineLoader(root, disk)  # type: ignore[attr-defined]
        return ExplorerApp(timeline_loader, timeline_loader.load(), config_dir=config_dir)
    return ExplorerApp(root, load(root, cached), config_dir=config_dir)


async def search_prepared(app: Any) -> None:
    """Waits for the explorer's search index, made in a thread after the first frame.

    Only that worker: others (the file watcher) run for as long as the app does.
    """
    workers = [worker for worker in app.workers if worker.group == "prepare-search"]
    if workers:
        await app.workers.wait_for_complete(workers)
