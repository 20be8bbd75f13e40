"""Where an export may be written: never over the timeline it comes from.

A timeline may come from a stranger, and ``-o`` with one of its own file names
would replace hand-written YAML with an export; so would a new ``.yaml`` file
that the next load reads as an event.
"""

from __future__ import annotations

import os
from pathlib import Path

from policy_timeline.atomic import output_refusal
from policy_timeline.reading.discover import EVENT_SUFFIXES, find_files


def export_refusal(output: Path, root: Path, folder: bool = False) -> str | None:
    """Why an export must not be written at ``output``, or None: one of the
    timeline's own files (through links too) or a new event file inside it, and
    whatever ``output_refusal`` refuses. A format that writes a ``folder`` may
    write into any folder outside the timeline."""
    if folder and (output.is_dir() or not output.exists()):
        within = _inside(output, root) or _same_file(output, root)
        return "it is the timeline's folder or inside it" if within else None
    reason = output_refusal(output)
    if reason is None and not folder:
        walk = find_files(root)
        own = [file.path for file in walk.files] + ([walk.meta.path] if walk.meta else [])
        if any(_same_file(output, Path(path)) for path in own):
            return "it is one of the timeline's own files"
        if output.name.endswith(EVENT_SUFFIXES) and _inside(output, root):
            return "it would become an event file of the timeline"
    return reason


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def _inside(path: Path, root: Path) -> bool:
    target = os.path.realpath(path)
    folder = os.path.realpath(root)
    return os.path.isdir(folder) and target.startswith(folder.rstrip(os.sep) + os.sep)
