"""Writing a file so that readers see the old file or the new one, never half of one,
and so that a failed write (a full disk included) leaves nothing behind."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


def output_refusal(path: Path) -> str | None:
    """Why an export must not be written at ``path``, or None when it may.

    A symbolic link is written through to its target (the link stays); what
    is there must be a regular, writable file with no other hard links, since
    replacing it would split them.
    """
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None  # a new file; a missing folder is reported by the write
    except OSError as error:
        return f"cannot use it: {error.strerror}"
    if stat.S_ISDIR(status.st_mode):
        return "it is a folder"
    if not stat.S_ISREG(status.st_mode):
        return "it is not a regular file (a device, FIFO or socket)"
    # The mode bits too: to root, os.access says every file is writable.
    if not os.access(path, os.W_OK) or not status.st_mode & 0o222:
        return "it is read-only"
    if status.st_nlink > 1:
        return "it has other hard links, which replacing it would split"
    return None


def write_atomically(path: Path, data: str | bytes | Iterable[str]) -> None:
    """Writes through a symbolic link to its target; never replaces the link.

    ``data`` may be pieces of text, written one after another as they are made.
    """
    path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        try:
            if isinstance(data, (str, bytes)):
                _write_all(handle, data.encode("utf-8") if isinstance(data, str) else data)
            else:
                _write_pieces(handle, data)
            os.fsync(handle)
        finally:
            os.close(handle)
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_all(handle: int, raw: bytes) -> None:
    view = memoryview(raw)
    while view:
        written = os.write(handle, view)
        view = view[written:]


def _write_pieces(handle: int, pieces: Iterable[str], block: int = 1 << 16) -> None:
    """Pieces of text gathered into blocks, so a piece per event is not a write each."""
    pending: list[bytes] = []
    size = 0
    for piece in pieces:
        encoded = piece.encode("utf-8")
        pending.append(encoded)
        size += len(encoded)
        if size >= block:
            _write_all(handle, b"".join(pending))
            pending, size = [], 0
    _write_all(handle, b"".join(pending))


def _mode_for(path: Path) -> int:
    """Keeps an existing file's mode; a new file gets the usual one (mkstemp's is 0600)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_folder(folder: Path, files: dict[str, str]) -> None:
    """Writes each file into the folder atomically, making the folder if need be."""
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(20, "not a folder", str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        write_atomically(folder / name, text)
