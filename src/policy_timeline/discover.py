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
    events.sort(key=file_order)
    return events, meta


def file_order(found: FoundFile) -> list[str]:
    return found.relative.split("/")


def locate_file(root: Path, path: Path) -> tuple[str, bool] | None:
    """A changed path as the loader knows it: its relative name and whether it is
    the metadata file; None for anything the loader does not read."""
    if not root.is_dir():
        relative = root.name
    else:
        # Watchers report absolute paths, perhaps through resolved links.
        for base, target in ((Path(os.path.abspath(root)), Path(os.path.abspath(path))),
                             (root.resolve(), path.resolve())):
            try:
                relative = target.relative_to(base).as_posix()
                break
            except ValueError:
                continue
        else:
            return None
    parts = relative.split("/")
    if any(part.startswith(".") for part in parts) or not relative.endswith(EVENT_SUFFIXES):
        return None
    return relative, relative == META_FILE


def found_file(root: Path, relative: str) -> FoundFile | None:
    """The file as ``find_files`` would list it, or None when it is gone."""
    path = root / relative if root.is_dir() else root
    if not path.is_file():
        return None
    display = display_path(root)
    prefix = "" if display == "." else display.rstrip("/") + "/"
    return _found(str(path), relative, prefix + relative if root.is_dir() else display)


def _found(path: str, relative: str, display: str) -> FoundFile:
    try:
        stat = os.stat(path)
        return FoundFile(path, relative, display, stat.st_size, stat.st_mtime_ns)
    except OSError:
        # Unreadable (a dangling link, say): reading it later reports the reason.
        return FoundFile(path, relative, display, -1, -1)
