"""Entry point from the command line: load the timeline, then run the explorer."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from policy_timeline.model.problems import count_line
from policy_timeline.query.store_view import StoreView, open_view
from policy_timeline.reading.cache import DiskCache
from policy_timeline.reading.loader import LoadResult, TimelineLoader, TimelineNotFound

if TYPE_CHECKING:
    from policy_timeline.tui.app import ExplorerApp

PROG = "policy-timeline"
SHOWN_PROBLEMS = 20


def build_explorer(
    folder: Path,
    *,
    config_dir: Path | None = None,
    data_dir: Path | None = None,
    cache: bool = True,
    watch: bool = True,
    loaded: LoadResult | None = None,
    loader: TimelineLoader | None = None,
    view: StoreView | None = None,
) -> ExplorerApp:
    """The explorer for a folder, ready to run (the benchmark builds it so too): from
    the index when it is up to date (``view``, or opened here), else loaded whole.

    Raises ``TimelineNotFound`` when the folder cannot be read.
    """
    from policy_timeline.query.marks import default_data_dir
    from policy_timeline.tui.app import ExplorerApp
    from policy_timeline.tui.config import default_config_dir

    if loader is None:
        loader = TimelineLoader(folder, DiskCache.for_timeline(folder) if cache else None)
    if view is None and loaded is None and cache:
        view = open_view(folder)
    result = loaded or (LoadResult(view.timeline, view.problems) if view else loader.load())
    return ExplorerApp(
        loader,
        result,
        config_dir=config_dir or default_config_dir(),
        watch=watch,
        data_dir=data_dir or default_data_dir(),
        view=view,
    )


def _build_index_later(folder: Path) -> None:
    """Builds the index for the next start, in a process of its own at low priority
    (the explorer has loaded the timeline whole meanwhile); one that is stopped
    halfway leaves the index as it was."""
    code = (
        "import os, sys, pathlib\n"
        "os.nice(10)\n"
        "from policy_timeline.query.store import refresh\n"
        "refresh(pathlib.Path(sys.argv[1]))"
    )
    with contextlib.suppress(OSError):  # then the next `summary` or `export` builds it
        subprocess.Popen(
            [sys.executable, "-c", code, str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )


def launch_explorer(folder: Path, config_dir: Path | None = None, cache: bool = True) -> int:
    # Loaded before the screen takes over the terminal, so a timeline that cannot
    # be read gets a plain message on stderr rather than a flash of the app.
    loader = TimelineLoader(folder, DiskCache.for_timeline(folder) if cache else None)
    try:
        view = open_view(folder) if cache else None
        if view is not None:
            result = LoadResult(view.timeline, view.problems)
        else:
            result = loader.load()
            if cache and folder.is_dir():
                _build_index_later(folder)
    except (TimelineNotFound, OSError) as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    if not result.timeline.event_count and result.problems:
        print(f"{PROG}: error: no event could be read from {folder}", file=sys.stderr)
        for problem in result.problems[:SHOWN_PROBLEMS]:
            print(problem.format(), file=sys.stderr)
        print(count_line(result.problems), file=sys.stderr)
        return 1
    app = build_explorer(folder, config_dir=config_dir, loaded=result, loader=loader, view=view)
    app.run()
    return app.return_code or 0
