"""Finding a timeline's files, with what identifies each version of them."""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import NamedTuple

from policy_timeline.model.problems import Problem

META_FILE = "_timeline.yaml"
EVENT_SUFFIXES = (".yaml", ".yml")


def is_timeline_name(name: str) -> bool:
    """Whether a file of this name is one of a timeline's: YAML, and not hidden."""
    return name.endswith(EVENT_SUFFIXES) and not name.startswith(".")


class TimelineNotFound(Exception):
    """The timeline path does not exist or cannot be listed."""


# What identifies one version of a file without reading it: size, modification
# and change times, and inode. The change time cannot be set back by `cp -p`,
# `tar` or `rsync -a` (setting the mtime changes it), so content rewritten with
# its size and mtime restored still gets a new stamp.
Stamp = tuple[int, int, int, int]
NO_STAMP: Stamp = (-1, -1, -1, -1)


class FoundFile(NamedTuple):  # a tuple: made twice as fast as a frozen dataclass
    path: str
    relative: str  # posix path from the timeline folder, as events record it
    display: str  # as problems show it: relative to the working folder where possible
    stamp: Stamp


@dataclass(slots=True)
class Found:
    """What a walk over the folder found: event files, the metadata file, and
    problems with the folder itself (links, unreadable folders, odd files)."""

    files: list[FoundFile]
    meta: FoundFile | None
    problems: list[Problem]


def stamp_of(stat: os.stat_result) -> Stamp:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def display_path(path: Path) -> str:
    """The path as a user will want to click it: relative to here when it is below here."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def find_files(root: Path) -> Found:
    """Every event file below the folder in a stable order, and the metadata file if any.

    Names starting with a dot are skipped, folders included. Symbolic links
    are followed only while they stay inside the timeline folder; a link that
    leads out of it, a link loop, an unreadable folder and anything named like
    an event file that is not a regular file (a FIFO, a device, a socket) are
    reported as problems and never opened.
    """
    if not root.exists():
        raise TimelineNotFound(f"timeline folder not found: {root}")
    if root.is_file():
        return Found([_found(str(root), root.name, display_path(root))], None, [])
    root_display = display_path(root)
    prefix = "" if root_display == "." else root_display.rstrip("/") + "/"
    inside = os.path.realpath(root)
    events: list[FoundFile] = []
    meta: FoundFile | None = None
    problems: list[Problem] = []
    visited = {inside}
    pending = [""]
    while pending:
        relative_folder = pending.pop()
        folder = os.path.join(root, relative_folder) if relative_folder else str(root)
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name, reverse=True)
        except OSError as error:
            if not relative_folder:
                raise TimelineNotFound(
                    f"cannot read timeline folder {root}: {error.strerror}"
                ) from None
            problems.append(
                Problem(
                    prefix + relative_folder,
                    field="folder",
                    message=f"cannot read this folder: {error.strerror}",
                )
            )
            continue
        base = relative_folder + "/" if relative_folder else ""
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            relative = base + name
            is_event_name = name.endswith(EVENT_SUFFIXES)
            stat = _plain_file_stat(entry) if is_event_name else None
            if stat is None:
                stat, refusal = _checked_stat(entry.path, inside, entry.is_symlink)
                if stat is None:
                    if refusal and (is_event_name or refusal.startswith(_LINK_REFUSALS)):
                        problems.append(Problem(prefix + relative, field="file", message=refusal))
                    continue
                if S_ISDIR(stat.st_mode):
                    real = os.path.realpath(entry.path)
                    if real in visited:
                        problems.append(
                            Problem(
                                prefix + relative,
                                field="folder",
                                message=(
                                    "symbolic link loop: this folder is already read as "
                                    f"{_relative_to(real, inside)}; not followed"
                                ),
                            )
                        )
                        continue
                    visited.add(real)
                    pending.append(relative)
                    continue
                if not is_event_name:
                    continue
                if not S_ISREG(stat.st_mode):
                    problems.append(
                        Problem(
                            prefix + relative,
                            field="file",
                            message=("not a regular file (a FIFO, device or socket); not read"),
                        )
                    )
                    continue
            found = FoundFile(entry.path, relative, prefix + relative, stamp_of(stat))
            if relative == META_FILE:
                meta = found
            else:
                events.append(found)
    events.sort(key=file_order)
    return Found(events, meta, problems)


_LINK_REFUSALS = ("symbolic link",)


def _plain_file_stat(entry: os.DirEntry[str]) -> os.stat_result | None:
    """The status of a regular file that is no link, as the listing already tells
    (no system call for that): nothing to follow, so one ``lstat`` and no checks.
    None for anything else, and for a file that changed since it was listed: those
    take ``_checked_stat``'s way."""
    if not entry.is_file(follow_symlinks=False):
        return None
    try:
        stat = entry.stat(follow_symlinks=False)
    except OSError:
        return None
    return stat if S_ISREG(stat.st_mode) else None


def _checked_stat(
    path: str, inside: str, is_link: Callable[[], bool] | None = None
) -> tuple[os.stat_result | None, str | None]:
    """The file's status, following a link only when it stays inside the folder;
    otherwise None and why. ``is_link`` is a directory entry's own test, which
    the listing has mostly answered already (one system call fewer a file)."""
    try:
        link = is_link() if is_link else os.path.islink(path)
        if link:
            target = os.path.realpath(path)
            if target != inside and not target.startswith(inside.rstrip(os.sep) + os.sep):
                return None, (
                    f"symbolic link leads outside the timeline folder (to {target}); not followed"
                )
        return os.stat(path), None
    except OSError as error:
        if error.errno == errno.ELOOP:
            return None, "symbolic link loop; not followed"
        if error.errno == errno.ENOENT:
            return None, "symbolic link to nothing; not read"
        return None, f"cannot read: {error.strerror}"


def _relative_to(real: str, inside: str) -> str:
    return os.path.relpath(real, inside).replace(os.sep, "/")


def file_order(found: FoundFile) -> str:
    """The files' order: by folder, then name, a path's parts compared in turn.

    With each "/" made a NUL (which no name holds, and which sorts before any
    other character), two paths compare as their lists of parts would."""
    return found.relative.replace("/", "\0")


def locate_file(root: Path, path: Path) -> tuple[str, bool] | None:
    """A changed path as the loader knows it: its relative name and whether it is
    the metadata file; None for anything the loader does not read."""
    if not root.is_dir():
        relative = root.name
    else:
        # Watchers report absolute paths, perhaps through resolved links.
        for base, target in (
            (Path(os.path.abspath(root)), Path(os.path.abspath(path))),
            (root.resolve(), path.resolve()),
        ):
            try:
                relative = target.relative_to(base).as_posix()
                break
            except ValueError:
                continue
        else:
            return None
    parts = relative.split("/")
    if any(part.startswith(".") for part in parts) or not is_timeline_name(parts[-1]):
        return None
    return relative, relative == META_FILE


def found_file(root: Path, relative: str) -> FoundFile | None:
    """The file as ``find_files`` would list it, or None when it is gone or not
    one ``find_files`` would read."""
    path = root / relative if root.is_dir() else root
    if root.is_dir():
        stat, _ = _checked_stat(str(path), os.path.realpath(root))
    else:
        stat = _stat_or_none(str(path))
    if stat is None or not S_ISREG(stat.st_mode):
        return None
    display = display_path(root)
    prefix = "" if display == "." else display.rstrip("/") + "/"
    return FoundFile(
        str(path), relative, prefix + relative if root.is_dir() else display, stamp_of(stat)
    )


def _stat_or_none(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _found(path: str, relative: str, display: str) -> FoundFile:
    stat = _stat_or_none(path)
    # Unreadable (a dangling link, say): reading it later reports the reason.
    return FoundFile(path, relative, display, stamp_of(stat) if stat else NO_STAMP)


def digest(raw: bytes) -> bytes:
    """What identifies a file's content: equal digests, equal bytes."""
    return hashlib.blake2b(raw, digest_size=16).digest()


def read_regular_file(path: str) -> bytes:
    """The bytes of a regular file; OSError for anything else, without blocking.

    Opening a FIFO for reading waits for a writer, forever; O_NONBLOCK makes
    the open return at once, and fstat then refuses what is not a file.
    """
    descriptor = os.open(
        path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        if not S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a FIFO, device or socket)")
        os.set_blocking(descriptor, True)
        with open(descriptor, "rb", closefd=False) as stream:
            return stream.read()
    finally:
        os.close(descriptor)
