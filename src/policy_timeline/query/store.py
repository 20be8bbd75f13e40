"""Keeping the index in step with the timeline folder, which stays the only source of truth.

Each open compares every file's stamp with the one its rows were made from
(the load cache's rule, ``sort_known``: a file changed within two seconds of
being read is hashed again), reads the files that changed, added or went, and
replaces their rows and nothing else, in one transaction: a reader (WAL) sees
the index before or after, never half of it, and two writers take turns on
SQLite's lock. New vocabularies (another metadata file) change every file's
check, so they empty the index first. While no file would be hashed again, a
write also keeps the digest of every file's name and stamp (``walk_digest``):
an open whose walk has that digest knows the index fresh without reading the
rows of 20,000 files to compare them one by one.

The rows are made where the files are read: in worker processes when there
are many (``read_files_as``), so the writer only numbers them and inserts
them; into an empty index, the secondary indexes are made after the rows.

The checks no single file can make (duplicate ids, links to nowhere) are kept
with the rows (``store_across``): a write looks again only at the ids it
removed or added and at the links to them, so a warm open reports exactly what
a load reports without reading a row.
"""

from __future__ import annotations

import hashlib
import sqlite3
import struct
import sys
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import msgspec

from policy_timeline.model.events import Event
from policy_timeline.model.problems import Problem
from policy_timeline.query import columns, index, store_across, store_file, word_index
from policy_timeline.query.columns import event_widths
from policy_timeline.query.index import FACETS, event_search_text
from policy_timeline.query.store_file import StoreFile
from policy_timeline.query.word_index import spaceless_words, word_runs
from policy_timeline.reading import across
from policy_timeline.reading.cache import code_stamp
from policy_timeline.reading.discover import Found, FoundFile, find_files
from policy_timeline.reading.file_reader import FileResult, read_files_as, settled, sort_known
from policy_timeline.reading.loader import load_meta, no_event_files
from policy_timeline.reading.meta import Meta

ENCODE = msgspec.msgpack.Encoder().encode
DECODE_EVENT = msgspec.msgpack.Decoder(Event).decode
_PROBLEMS = msgspec.msgpack.Decoder(list[tuple[int, int, str, str]])
# What the explorer derives from the rows (``store_view``), dropped by every write.
DERIVED_KEY = "explorer"
# The digest of every file's name and stamp and of the vocabularies (``walk_digest``),
# kept while every file's rows are settled; dropped by every write.
SETTLED_KEY = "settled"


@dataclass(slots=True)
class Refreshed:
    """An index that holds what the folder holds now, and what a load would report."""

    store: StoreFile
    connection: sqlite3.Connection
    found: Found
    meta: Meta
    problems: list[Problem]
    reread: int  # files read from the folder this time


def name_bytes(relative: str) -> bytes:
    return relative.encode("utf-8", "surrogateescape")


def sort_key(event: Event) -> bytes:
    """``Event.sort_key`` as bytes that compare the same way (UTF-8 keeps code point order)."""
    return struct.pack(">4q", *event.date.sort_key()) + event.id.encode("utf-8", "surrogatepass")


def file_key(relative: str) -> bytes:
    """``discover.file_order`` as bytes that compare the same way (no name holds a NUL)."""
    return b"\0".join(part.encode("utf-8", "surrogatepass") for part in relative.split("/"))


def _program_stamp() -> str:
    """Changes when the program that made the index's rows may have changed."""
    return code_stamp(
        sys.modules[__name__], store_file, store_across, index, word_index, across, columns
    )


def refresh(root: Path, write: bool = True) -> Refreshed | None:
    """The index of a timeline folder, brought up to date; None when there can be
    none here (a single file, an unwritable cache folder, a damaged file that
    cannot be replaced), or, without ``write``, when it is not up to date already.
    Raises ``TimelineNotFound`` as a load does."""
    walk = find_files(root)
    if not root.is_dir():
        return None
    problems = list(walk.problems)
    meta, meta_digest = load_meta(walk.meta, problems)
    store = StoreFile(root, _program_stamp())
    for _ in range(2):
        connection = store.open()
        if connection is None:
            return None
        try:
            reread = _update(store, connection, walk.files, meta, meta_digest, write)
            problems.extend(_stored_problems(connection, walk.files))
        except (sqlite3.OperationalError, _Stale):
            connection.close()
            # Stale and not to be written, or locked by another writer for too long:
            # read the YAML instead.
            return None
        except (sqlite3.DatabaseError, msgspec.DecodeError, ValueError):
            connection.close()
            store.delete()  # damaged: made anew
            continue
        if not walk.files and not walk.problems:
            problems.append(no_event_files(root))
        return Refreshed(store, connection, walk, meta, sorted(problems), reread)
    return None


class _Stale(Exception):
    """The index does not hold what the folder holds, and was not to be written."""


def _known(connection: sqlite3.Connection, meta_digest: bytes) -> dict[str, FileResult] | None:
    """What the index holds of each file; None when it was made with other vocabularies."""
    row = connection.execute("SELECT value FROM info WHERE key = 'meta'").fetchone()
    if row is None or row[0] != meta_digest:
        return None
    return {
        path.decode("utf-8", "surrogateescape"): FileResult(
            (size, mtime, ctime, inode), digest, read_ns
        )
        for path, size, mtime, ctime, inode, digest, read_ns in connection.execute(
            "SELECT path, size, mtime_ns, ctime_ns, inode, digest, read_ns FROM files"
        )
    }


def walk_digest(found: Sequence[FoundFile], meta_digest: bytes) -> bytes:
    """What identifies the files found, in their order, with their stamps, and the
    vocabularies: equal digests, the same names with the same stamps."""
    hashed = hashlib.blake2b(ENCODE((meta_digest, [file.stamp for file in found])), digest_size=16)
    # After the list, whose length it gives; no name holds a NUL.
    hashed.update(name_bytes("\0".join(file.relative for file in found)))
    return hashed.digest()


def _is_settled(connection: sqlite3.Connection, found: list[FoundFile], meta_digest: bytes) -> bool:
    """Whether the index holds what the walk found without reading a row of ``files``.

    The digest is kept only while every file's rows are settled (``settled``:
    none would be read again to compare its digest), so when the names and stamps
    are those it was made from, ``sort_known`` would keep every file as it is."""
    row = connection.execute("SELECT value FROM info WHERE key = ?", (SETTLED_KEY,)).fetchone()
    return row is not None and row[0] == walk_digest(found, meta_digest)


def _update(
    store: StoreFile,
    connection: sqlite3.Connection,
    found: list[FoundFile],
    meta: Meta,
    meta_digest: bytes,
    write: bool = True,
) -> int:
    if _is_settled(connection, found, meta_digest):
        return 0
    known = _known(connection, meta_digest)
    if known is not None:
        kept, stale, _ = sort_known(found, known)
        renewed = _renewed(kept, known)
        if not stale and len(kept) == len(known) and (not renewed or not write):
            return 0  # (the rows of files only read again are right: no need to say so)
    if not write:
        raise _Stale
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute("DELETE FROM info WHERE key IN (?, ?)", (DERIVED_KEY, SETTLED_KEY))
        # Looked at again under the lock: another process may have just done the work.
        known = _known(connection, meta_digest)
        if known is None:
            _clear(connection, meta_digest)
            known = {}
        kept, stale, _ = sort_known(found, known)
        gone = known.keys() - kept.keys()
        renewed = _renewed(kept, known)
        every_settled = all(settled(result.stamp, result.read_ns) for result in kept.values())
        if stale or gone or renewed:
            every_settled &= _write(connection, found, meta, renewed, stale, gone, anew=not known)
        if every_settled:
            connection.execute(
                "INSERT OR REPLACE INTO info VALUES (?, ?)",
                (SETTLED_KEY, walk_digest(found, meta_digest)),
            )
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    store.seal(connection)
    return len(stale)


def _renewed(kept: dict[str, FileResult], known: dict[str, FileResult]) -> dict[str, FileResult]:
    """The files found unchanged whose time of reading moved on (``sort_known``)."""
    return {rel: result for rel, result in kept.items() if result.read_ns != known[rel].read_ns}


def _clear(connection: sqlite3.Connection, meta_digest: bytes) -> None:
    tables = ("files", "events", "facets", "facet_values", "links", "spaceless", "columns")
    for table in (*tables, "across"):
        connection.execute(f"DELETE FROM {table}")
    connection.execute("INSERT INTO words(words) VALUES ('delete-all')")
    connection.execute("INSERT OR REPLACE INTO info VALUES ('meta', ?)", (meta_digest,))


def _write(
    connection: sqlite3.Connection,
    found: list[FoundFile],
    meta: Meta,
    renewed: dict[str, FileResult],
    stale: list[FoundFile],
    gone: set[str],
    anew: bool,
) -> bool:
    """``renewed``: files found unchanged whose time of reading moved on;
    ``anew``: the index held no rows, so every cross-file check is made.
    Returns whether the rows of every file read are settled (``settled``)."""
    every_settled = True
    connection.execute("PRAGMA cache_size=-65536")
    ids: set[str] = set()  # removed or added
    targets: set[str] = set()  # of the links added
    for relative in sorted(gone):
        _delete_file(connection, relative, ids)
    connection.executemany(
        "UPDATE files SET read_ns = ? WHERE path = ?",
        [(result.read_ns, name_bytes(relative)) for relative, result in renewed.items()],
    )
    row = connection.execute("SELECT coalesce(max(row), 0) + 1 FROM events").fetchone()[0]
    counts: Counter[tuple[str, str]] = Counter()
    # Into an empty index, the secondary indexes are made once all rows are in:
    # one sort each, instead of a random insert into each per row.
    deferred = _drop_indexes(connection) if anew else []
    for rows in read_files_as(stale, meta, file_rows, _FILE_ROWS.decode):
        row = _insert_rows(connection, rows, row, counts)
        every_settled &= settled(rows.file[1:5], rows.file[6])
        if not anew:
            ids.update(event[3] for event in rows.events)
            targets.update(target for _, _, target in rows.links)
    for statement in deferred:
        connection.execute(statement)
    connection.executemany(
        "INSERT INTO facet_values VALUES (?, ?, ?, ?) ON CONFLICT(facet, value) "
        "DO UPDATE SET events = events + excluded.events",
        [(facet, value, value.casefold(), count) for (facet, value), count in counts.items()],
    )
    changed = {file_key(relative) for relative in gone} | {file_key(f.relative) for f in stale}
    paths = {name_bytes(file.relative): file.path for file in found}
    store_across.recheck(connection, paths, None if anew else changed, ids, targets)
    return every_settled


def _drop_indexes(connection: sqlite3.Connection) -> list[str]:
    """Drops the indexes of ``events`` and ``links``; returns the statements that make them."""
    indexes = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND tbl_name IN ('events', 'links')"
    ).fetchall()
    for name, _ in indexes:
        connection.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in indexes]


def _delete_file(connection: sqlite3.Connection, relative: str, ids: set[str]) -> None:
    """The rows of one file, gone (their ids added to ``ids``); the search
    index is told each event's text to forget."""
    name = name_bytes(relative)
    for row, data in connection.execute(
        "SELECT row, data FROM events WHERE file = ?", (name,)
    ).fetchall():
        event = DECODE_EVENT(data)
        ids.add(event.id)
        connection.execute(
            "INSERT INTO words(words, rowid, text) VALUES ('delete', ?, ?)",
            (row, search_columns(event_search_text(event))[0]),
        )
        connection.execute("DELETE FROM spaceless WHERE rowid = ?", (row,))  # it keeps its text
        for facet in FACETS.values():
            for value in set(facet.values_of(event)):
                connection.execute(
                    "DELETE FROM facets WHERE facet = ? AND value = ? AND row = ?",
                    (facet.name, value, row),
                )
                connection.execute(
                    "UPDATE facet_values SET events = events - 1 WHERE facet = ? AND value = ?",
                    (facet.name, value),
                )
        connection.execute("DELETE FROM links WHERE row = ?", (row,))
    connection.execute("DELETE FROM facet_values WHERE events <= 0")
    connection.execute("DELETE FROM events WHERE file = ?", (name,))
    connection.execute("DELETE FROM columns WHERE file = ?", (name,))
    connection.execute("DELETE FROM files WHERE path = ?", (name,))


class FileRows(msgspec.Struct, array_like=True, frozen=True):
    """One file's rows, made where the file was read (a worker process, when
    there are many), so the writer only numbers them and hands them to SQLite.
    Each event's rows name it by its place in ``events``."""

    file: tuple[bytes, int, int, int, int, bytes, int, int, bytes]  # the row of ``files``
    order: bytes  # file_key
    # idx, listed, sort_key, id, year, first_day, last_day, data
    events: list[tuple[int, int, bytes, str, int, int, int, bytes]]
    words: list[str]
    spaceless: list[tuple[int, str]]
    facets: list[tuple[str, str, int]]
    links: list[tuple[int, int, str]]
    widths: tuple[int, int, int]  # the row of ``columns``


_FILE_ROWS = msgspec.msgpack.Decoder(list[FileRows])


def file_rows(file: FoundFile, result: FileResult) -> FileRows:
    name = name_bytes(file.relative)
    problems = [(p.line, p.col, p.field, p.message) for p in result.problems]
    rows = FileRows(
        (name, *result.stamp, result.digest, result.read_ns, len(result.events), ENCODE(problems)),
        file_key(file.relative),
        [],
        [],
        [],
        [],
        [],
        event_widths(result.events),
    )
    for number, (event, prefix) in enumerate(zip(result.events, result.prefixes, strict=True)):
        last = event.end or event.date
        rows.events.append(
            (
                event.index,
                1 if prefix else 0,
                sort_key(event),
                event.id,
                event.date.year,
                event.date.earliest().toordinal(),
                last.latest().toordinal(),
                ENCODE(event),
            )
        )
        words, spaceless_text = search_columns(event_search_text(event))
        rows.words.append(words)
        if spaceless_text:
            rows.spaceless.append((number, spaceless_text))
        for facet in FACETS.values():
            rows.facets.extend((facet.name, value, number) for value in set(facet.values_of(event)))
        rows.links.extend((number, link, target.id) for link, target in enumerate(event.related))
    return rows


def _insert_rows(
    connection: sqlite3.Connection, rows: FileRows, first: int, counts: Counter[tuple[str, str]]
) -> int:
    """Inserts a file's rows from row number ``first``, counting its facet values
    into ``counts``; returns the next free row number."""
    connection.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows.file)
    name, order = rows.file[0], rows.order
    connection.executemany(
        "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (row, name, idx, listed, key, order, event_id, year, first_day, last_day, data)
            for row, (idx, listed, key, event_id, year, first_day, last_day, data) in enumerate(
                rows.events, first
            )
        ],
    )
    connection.executemany(
        "INSERT INTO words(rowid, text) VALUES (?, ?)", enumerate(rows.words, first)
    )
    connection.executemany(
        "INSERT INTO spaceless(rowid, text) VALUES (?, ?)",
        [(first + number, text) for number, text in rows.spaceless],
    )
    connection.executemany(
        "INSERT INTO facets VALUES (?, ?, ?)",
        [(facet, value, first + number) for facet, value, number in rows.facets],
    )
    counts.update((facet, value) for facet, value, _ in rows.facets)
    connection.executemany(
        "INSERT OR IGNORE INTO links VALUES (?, ?, ?)",
        [(first + number, link, target) for number, link, target in rows.links],
    )
    if rows.events:
        connection.execute("INSERT INTO columns VALUES (?, ?, ?, ?)", (name, *rows.widths))
    return first + len(rows.events)


def search_columns(text: str) -> tuple[str, str]:
    """What the tables ``words`` and ``spaceless`` hold of an event's search text."""
    return word_runs(text), " ".join(spaceless_words(text))


class _Displays(Mapping[bytes, str]):
    """Each file's name as problems show it, by its name in the index: made only
    when a problem asks for one (most opens of a sound timeline have none)."""

    def __init__(self, found: Sequence[FoundFile]) -> None:
        self._found = found
        self._made: dict[bytes, str] | None = None

    def _mapping(self) -> dict[bytes, str]:
        if self._made is None:
            self._made = {name_bytes(file.relative): file.display for file in self._found}
        return self._made

    def __getitem__(self, name: bytes) -> str:
        return self._mapping()[name]

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._mapping())

    def __len__(self) -> int:
        return len(self._found)


def _stored_problems(connection: sqlite3.Connection, found: Sequence[FoundFile]) -> list[Problem]:
    """Each file's own problems and the cross-file ones, as a load reports them."""
    displays = _Displays(found)
    problems: list[Problem] = []
    for path, encoded in connection.execute(
        "SELECT path, problems FROM files WHERE problems != ?", (ENCODE([]),)
    ):
        display = displays[path]
        problems.extend(Problem(display, *problem) for problem in _PROBLEMS.decode(encoded))
    problems.extend(store_across.stored(connection, displays))
    return problems
