"""Opening a timeline file in the user's editor at a line, the ``+LINE`` way.

vi, vim, nano, emacs, micro, kak and helix all read ``+LINE`` before a file.
The path is made absolute, so a file name that begins with ``-`` or ``+``
(a timeline may come from a stranger) is never read as an option.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from typing import Any

from textual.app import App, SuspendNotSupported

from policy_timeline.model.events import Event, Timeline
from policy_timeline.model.text import plain
from policy_timeline.reading.outcomes import item_starts

NO_EDITOR = "No editor set: set $VISUAL or $EDITOR (for example EDITOR=nano) and try again."


def editor_command(path: str, line: int, environ: dict[str, str] | None = None) -> list[str] | None:
    """The command that opens ``path`` at ``line``, or None when no editor is set."""
    env = os.environ if environ is None else environ
    editor = env.get("VISUAL") or env.get("EDITOR")
    if not editor or not editor.strip():
        return None
    where = [f"+{line}"] if line > 0 else []
    return [*shlex.split(editor), *where, os.path.abspath(path)]


def event_location(timeline: Timeline, event: Event) -> tuple[str, int]:
    """The event's file and the line its mapping starts on (a list item's dash)."""
    root = timeline.root
    path = root / event.file if root.is_dir() else root
    return str(path), _item_line(path, event.index)


def _item_line(path: Path, index: int) -> int:
    """The line of the index-th top-level list item, or 1 for a single event."""
    items = item_starts(path)
    return items[index] if index < len(items) else 1


def open_in_editor(app: App[Any], path: str, line: int) -> str | None:
    """Hands the terminal to the editor until it exits; returns what went wrong, if anything."""
    command = editor_command(path, line)
    if command is None:
        return NO_EDITOR
    try:
        with app.suspend():
            subprocess.run(command, check=False)
    except SuspendNotSupported:
        return "This terminal cannot be handed to an editor; open the file yourself: " + plain(
            path, one_line=True
        )
    except OSError as error:
        return plain(
            f"Cannot start the editor {command[0]!r}: {error.strerror or error}", one_line=True
        )
    return None
