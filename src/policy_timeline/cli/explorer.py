"""`open`, the default command: the explorer. The only command that loads Textual."""

from __future__ import annotations

import argparse

from policy_timeline.cli.options import timeline_folder


def run_open(options: argparse.Namespace) -> int:
    from policy_timeline.tui.launch import launch_explorer

    return launch_explorer(timeline_folder(options), cache=not options.no_cache)
