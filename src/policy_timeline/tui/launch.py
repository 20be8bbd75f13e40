"""Entry point from the command line: load the timeline, then run the explorer."""

from __future__ import annotations

import sys
from pathlib import Path

from policy_timeline.cache import DiskCache
from policy_timeline.loader import TimelineLoader, TimelineNotFound
from policy_timeline.problems import count_line

PROG = "policy-timeline"
SHOWN_PROBLEMS = 20


def launch_explorer(folder: Path, config_dir: Path | None = None, cache: bool = True) -> int:
    # Loaded before the screen takes over the terminal, so a timeline that cannot
    # be read gets a plain message on stderr rather than a flash of the app.
    loader = TimelineLoader(folder, DiskCache.for_timeline(folder) if cache else None)
    try:
        result = loader.load()
    except (TimelineNotFound, OSError) as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    if not result.timeline.events and result.problems:
        print(f"{PROG}: error: no event could be read from {folder}", file=sys.stderr)
        for problem in result.problems[:SHOWN_PROBLEMS]:
            print(problem.format(), file=sys.stderr)
        print(count_line(result.problems), file=sys.stderr)
        return 1

    from policy_timeline.tui.app import ExplorerApp
    from policy_timeline.tui.config import default_config_dir

    app = ExplorerApp(loader, result, config_dir=config_dir or default_config_dir())
    app.run()
    return app.return_code or 0
