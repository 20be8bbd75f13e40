"""The disk cache of checked files, so an unchanged timeline opens without parsing YAML.

One file per timeline folder in the user's cache dir, in MessagePack (msgspec):
a format that holds data only and cannot run code when read. Each entry is
keyed by the file's name, its stamp (size, mtime, ctime, inode: see
``discover.Stamp``) and a digest of its bytes; the whole cache by the
program's version and code, and by the digest of the metadata file.

The cache is never more trusted than the files: the document carries a MAC
keyed by a secret only this user can read, so bytes that did not come from
this program (a copied, corrupt or planted file, or a FIFO at the path) are a
miss, as is anything that does not decode. A cache that is corrupt, stale or
unwritable is ignored and rebuilt, never fatal.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sys
from pathlib import Path
from types import ModuleType

import msgspec
import platformdirs

from policy_timeline import __version__
from policy_timeline.atomic import write_atomically
from policy_timeline.model import dates, problems, relations, text, urls
from policy_timeline.model import events as model
from policy_timeline.model.events import Event
from policy_timeline.model.problems import Problem
from policy_timeline.reading import (
    checker,
    discover,
    fastpath,
    fields,
    file_reader,
    meta,
    yaml_bounds,
    yaml_loader,
    yaml_positions,
    yamlio,
)
from policy_timeline.reading.discover import read_regular_file
from policy_timeline.reading.file_reader import FileResult

CACHE_DIR_VARIABLE = "POLICY_TIMELINE_CACHE_DIR"
_FORMAT = 2
_MAGIC = b"PTCACHE\x02"
_KEY_FILE = "cache.key"
# The modules whose behaviour shapes what a checked file yields: the reader of
# one file and everything it checks with. The loader's own cross-file checks run
# on every load, so they are not cached and do not belong here.
_SHAPING_MODULES: tuple[ModuleType, ...] = (
    checker,
    dates,
    discover,
    fastpath,
    fields,
    file_reader,
    meta,
    model,
    problems,
    relations,
    text,
    urls,
    yaml_bounds,
    yaml_loader,
    yaml_positions,
    yamlio,
    sys.modules[__name__],
)


class _Entry(msgspec.Struct, array_like=True):
    name: bytes  # the relative path's bytes: names need not be UTF-8
    stamp: tuple[int, int, int, int]
    digest: bytes
    read_ns: int
    events: list[Event]
    prefixes: list[tuple[int, ...]]
    problems: list[tuple[int, int, str, str]]


class _Document(msgspec.Struct, array_like=True):
    stamp: str
    meta: bytes
    files: list[_Entry]


def cache_dir() -> Path:
    override = os.environ.get(CACHE_DIR_VARIABLE)
    return Path(override) if override else Path(platformdirs.user_cache_dir("policy-timeline"))


def code_stamp(*more: ModuleType) -> str:
    """Changes whenever the program that checked the files (or those ``more``
    modules, which make something else of them) may have changed."""
    parts = [__version__, str(_FORMAT)]
    for module in _SHAPING_MODULES + more:
        name = module.__name__
        try:
            stat = Path(module.__file__ or "").stat()
            parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{name}:?")
    return "|".join(parts)


def _name_bytes(relative: str) -> bytes:
    return relative.encode("utf-8", "surrogateescape")


class DiskCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp = code_stamp()

    @classmethod
    def for_timeline(cls, root: Path) -> DiskCache:
        name = _name_bytes(str(root.resolve()))
        return cls(cache_dir() / f"timeline-{hashlib.sha256(name).hexdigest()[:24]}.msgpack")

    def read(self, meta: bytes) -> dict[str, FileResult]:

        key = self._key(create=False)
        try:
            raw = read_regular_file(str(self.path))
        except OSError:
            return {}
        if key is None or not raw.startswith(_MAGIC):
            return {}
        mac, payload = raw[len(_MAGIC) : len(_MAGIC) + 32], raw[len(_MAGIC) + 32 :]
        if not hmac.compare_digest(mac, self._mac(key, payload)):
            return {}
        try:
            document = msgspec.msgpack.decode(payload, type=_Document)
        except (msgspec.DecodeError, ValueError, TypeError):
            return {}
        if document.stamp != self._stamp or document.meta != meta:
            return {}
        return {
            entry.name.decode("utf-8", "surrogateescape"): FileResult(
                entry.stamp,
                entry.digest,
                entry.read_ns,
                entry.events,
                list(entry.prefixes),
                [Problem("", *problem) for problem in entry.problems],
            )
            for entry in document.files
        }

    def write(self, meta: bytes, results: dict[str, FileResult]) -> None:
        document = _Document(
            self._stamp,
            meta,
            [
                _Entry(
                    _name_bytes(relative),
                    result.stamp,
                    result.digest,
                    result.read_ns,
                    result.events,
                    result.prefixes,
                    # The path is the file's, given again on reading.
                    [(p.line, p.col, p.field, p.message) for p in result.problems],
                )
                for relative, result in results.items()
            ],
        )
        try:
            key = self._key(create=True)
            if key is None:
                return
            payload = msgspec.msgpack.encode(document)
            write_atomically(self.path, _MAGIC + self._mac(key, payload) + payload)
        except (OSError, UnicodeError, msgspec.EncodeError):
            pass  # A cache that cannot be written only costs speed next time.

    def _mac(self, key: bytes, payload: bytes) -> bytes:
        return hmac.digest(key + self._stamp.encode(), payload, "sha256")

    def _key(self, create: bool) -> bytes | None:
        return user_key(self.path.parent, create)


def user_key(folder: Path, create: bool) -> bytes | None:
    """This user's secret for the caches' MACs, made on first use (mode 0600)."""
    path = folder / _KEY_FILE
    try:
        key = read_regular_file(str(path))
        if len(key) == 32:
            return key
    except OSError:
        pass
    if not create:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with open(descriptor, "wb") as stream:
            stream.write(key)
        return key
    except OSError:
        return None
