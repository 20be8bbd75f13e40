"""Finding a timeline's files, with what identifies each version of them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

META_FILE = "_timeline.yaml"
EVENT_SUFFIXES = (".yaml", ".yml")


class TimelineNotFound(Exception):
    """The timeline path does not exist or cannot be listed."""


@dataclass(frozen=True, slots=True)
class FoundFile:
    path: str
    relative: str  # posix path from the timeline folder, as events record it
    display: str  # as problems show it: relative to the working folder where possible
    size: int
    mtime_ns: int


def display_path(path: Path) -> str:
    """The path as a user will want to click it: relative to here when it is below here."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def find_files(root: Path) -> tuple[list[FoundFile], FoundFile | None]:
    """Every event file below the folder in a stable order, and the metadata file if any.

    Names starting with a dot are skipped, folders included.
    """
    if not root.exists():
        raise TimelineNotFound(f"timeline folder not found: {root}")
    if root.is_file():
        return [_found(str(root), root.name, display_path(root))], None
    root_display = display_path(root)
    prefix = "" if root_display == "." else root_display.rstrip("/") + "/"
    events: list[FoundFile] = []
    meta: FoundFile | None = None
    pending = [""]
    while pending:
        relative_folder = pending.pop()
        folder = os.path.join(root, relative_folder) if relative_folder else str(root)
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name, reverse=True)
        except OSError as error:
            if not relative_folder:
                raise TimelineNotFound(
                    f"cannot read timeline folder {root}: {error.strerror}") from None
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            relative = f"{relative_folder}/{entry.name}" if relative_folder else entry.name
            if entry.is_dir():
                pending.append(relative)
            elif entry.name.endswith(EVENT_SUFFIXES):
                found = _found(entry.path, relative, prefix + relative)
                if relative == META_FILE:
                    meta = found
                else:
                    events.append(found)
    events.sort(key=lambda found: found.relative.split("/"))
    return events, meta


def _found(path: str, relative: str, display: str) -> FoundFile:
    try:
        stat = os.stat(path)
        return FoundFile(path, relative, display, stat.st_size, stat.st_mtime_ns)
    except OSError:
        # Unreadable (a dangling link, say): reading it later reports the reason.
        return FoundFile(path, relative, display, -1, -1)
