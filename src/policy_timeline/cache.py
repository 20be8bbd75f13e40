"""The disk cache of checked files, so an unchanged timeline opens without parsing YAML.

One file per timeline folder in the user's cache dir, in MessagePack (msgspec):
a format that holds data only and cannot run code when read. Each entry is
keyed by the file's path, size and modification time; the whole cache by the
program's version and code, and by the metadata file. A cache that is corrupt,
stale or unwritable is ignored and rebuilt, never fatal.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
import platformdirs

from policy_timeline import __version__
from policy_timeline.model import Event
from policy_timeline.problems import Problem

if TYPE_CHECKING:
    from policy_timeline.loader import FileResult

CACHE_DIR_VARIABLE = "POLICY_TIMELINE_CACHE_DIR"
_FORMAT = 1
# The modules whose behaviour shapes what a checked file yields.
_SHAPING_MODULES = ("cache", "checker", "dates", "fields", "loader", "meta", "model", "problems",
                    "relations", "yamlio")


class _Entry(msgspec.Struct, array_like=True):
    size: int
    mtime_ns: int
    events: list[Event]
    prefixes: list[tuple[int, ...]]
    problems: list[tuple[str, int, int, str, str]]


class _Document(msgspec.Struct, array_like=True):
    stamp: str
    meta: tuple[int, int]
    files: dict[str, _Entry]


def cache_dir() -> Path:
    override = os.environ.get(CACHE_DIR_VARIABLE)
    return Path(override) if override else Path(platformdirs.user_cache_dir("policy-timeline"))


def _code_stamp() -> str:
    """Changes whenever the program that checked the files may have changed."""
    package = Path(__file__).parent
    parts = [__version__, str(_FORMAT)]
    for name in _SHAPING_MODULES:
        try:
            stat = (package / f"{name}.py").stat()
            parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{name}:?")
    return "|".join(parts)


class DiskCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp = _code_stamp()

    @classmethod
    def for_timeline(cls, root: Path) -> DiskCache:
        key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
        return cls(cache_dir() / f"timeline-{key}.msgpack")

    def read(self, meta: tuple[int, int]) -> dict[str, FileResult]:
        from policy_timeline.loader import FileResult

        try:
            document = msgspec.msgpack.decode(self.path.read_bytes(), type=_Document)
        except (OSError, msgspec.DecodeError, ValueError, TypeError):
            return {}
        if document.stamp != self._stamp or tuple(document.meta) != meta:
            return {}
        return {
            relative: FileResult(
                entry.size, entry.mtime_ns, entry.events, list(entry.prefixes),
                [Problem(*problem) for problem in entry.problems],
            )
            for relative, entry in document.files.items()
        }

    def write(self, meta: tuple[int, int], results: dict[str, FileResult]) -> None:
        document = _Document(self._stamp, meta, {
            relative: _Entry(
                result.size, result.mtime_ns, result.events, result.prefixes,
                [(p.path, p.line, p.col, p.field, p.message) for p in result.problems],
            )
            for relative, result in results.items()
        })
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(msgspec.msgpack.encode(document))
            os.replace(temporary, self.path)
        except OSError:
            pass  # A cache that cannot be written only costs speed next time.
