"""The index's file: one SQLite database per timeline folder in the user's cache
folder, opened only when it can be trusted.

The index is never more trusted than the load cache (``reading/cache.py``):

- anything at the path but a regular file of this user's (a FIFO, a link, a
  folder) is removed, never opened;
- a database is this program's only if it carries a MAC of its random token,
  the program's code stamp and the timeline's folder, keyed by this user's
  secret: a planted or copied file is a miss;
- a database whose schema version differs, or that fails ``PRAGMA
  quick_check``, is damaged. The check reads the whole file, so it runs only
  when the file is not as this program last left it: after each write the
  file's stamp is sealed (a MAC of size, mtime, ctime and inode beside it),
  and a file whose stamp no longer matches its seal is checked again;
- a miss or a damaged file is deleted and made anew: it costs one cold load.

Whether the rows still describe the folder's files is the writer's business
(``query/store.py``).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
import stat
from pathlib import Path

from policy_timeline.reading.cache import cache_dir, user_key
from policy_timeline.reading.discover import read_regular_file

SCHEMA_VERSION = 3
# Long enough for another process's update of a few files; a cold build that
# holds the lock for longer makes the waiting process read the YAML itself.
BUSY_TIMEOUT_S = 20.0

# ``words`` holds each event's search text with what is not part of a word
# made a space (``word_runs``): unicode61 keeps combining marks inside its
# tokens, where the search's pattern ends a word, and never strips accents
# here, so a term that begins a word there begins a token here (the property
# test in tests/test_store_file.py).
WORDS_TOKENIZER = "unicode61 remove_diacritics 0"
SCHEMA = (
    """
CREATE TABLE info(key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE files(
    path BLOB PRIMARY KEY, size INT, mtime_ns INT, ctime_ns INT, inode INT,
    digest BLOB, read_ns INT, events INT, problems BLOB
);
CREATE TABLE events(
    row INTEGER PRIMARY KEY, file BLOB NOT NULL, idx INT NOT NULL, listed INT NOT NULL,
    sort_key BLOB NOT NULL, file_key BLOB NOT NULL, id TEXT NOT NULL, year INT NOT NULL,
    first_day INT NOT NULL, last_day INT NOT NULL, data BLOB NOT NULL
);
CREATE INDEX events_order ON events(sort_key, file_key, idx, first_day, last_day);
CREATE INDEX events_file ON events(file);
CREATE INDEX events_id ON events(id);
CREATE TABLE facets(facet TEXT, value TEXT, row INT, PRIMARY KEY(facet, value, row)) WITHOUT ROWID;
CREATE TABLE facet_values(
    facet TEXT, value TEXT, folded TEXT, events INT, PRIMARY KEY(facet, value)
) WITHOUT ROWID;
CREATE TABLE links(row INT, number INT, target TEXT, PRIMARY KEY(row, number)) WITHOUT ROWID;
CREATE TABLE columns(file BLOB PRIMARY KEY, date INT, kind INT, issuer INT) WITHOUT ROWID;
CREATE INDEX links_target ON links(target);
CREATE TABLE across(
    file_key BLOB, idx INT, number INT, file BLOB NOT NULL, listed INT NOT NULL,
    id TEXT NOT NULL, first BLOB, hint TEXT NOT NULL, line INT NOT NULL, col INT NOT NULL,
    PRIMARY KEY(file_key, idx, number)
) WITHOUT ROWID;
CREATE INDEX across_id ON across(id);
CREATE INDEX across_hinted ON across(hint) WHERE hint != '';
CREATE VIRTUAL TABLE words USING fts5(
    text, content='', tokenize='"""
    + WORDS_TOKENIZER
    + """', prefix='3'
);
CREATE VIRTUAL TABLE spaceless USING fts5(text, tokenize='trigram');
"""
)


def store_path(root: Path) -> Path:
    name = str(root.resolve()).encode("utf-8", "surrogateescape")
    return cache_dir() / f"index-{hashlib.sha256(name).hexdigest()[:24]}.sqlite"


class StoreFile:
    """The index of one timeline folder, as a connection that can be trusted."""

    def __init__(self, root: Path, stamp: str, path: Path | None = None) -> None:
        """``stamp`` changes when the program that made the rows may have changed."""
        self.root = root
        self.path = path or store_path(root)
        self.seal_path = self.path.with_name(self.path.name + ".seal")
        self._stamp = stamp

    def open(self) -> sqlite3.Connection | None:
        """A connection to a trusted index (made empty when there was none, or
        none to trust); None when the cache folder cannot hold one."""
        key = user_key(self.path.parent, create=True)
        if key is None:
            return None
        for _ in range(2):
            connection = self._connect()
            if connection is None:
                return None
            try:
                if self._trusted(connection, key):
                    return connection
            except sqlite3.DatabaseError:
                pass
            connection.close()
            self.delete()
        return None

    def delete(self) -> None:
        for suffix in ("", "-wal", "-shm", ".seal"):
            try:
                os.unlink(f"{self.path}{suffix}")
            except FileNotFoundError:
                pass
            except OSError:
                pass

    def seal(self, connection: sqlite3.Connection) -> None:
        """Records the file as this program leaves it after a write."""
        key = user_key(self.path.parent, create=False)
        try:
            # Passive: never waits for readers. Until every page is back in the file
            # (a reader held on to an old one), the file is not final: left unsealed.
            busy, log, copied = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            stamp = self._file_stamp()
            if key is None or stamp is None or busy or log != copied:
                return
            descriptor = os.open(
                self.seal_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600
            )
            with open(descriptor, "wb") as stream:
                stream.write(self._seal_of(key, stamp))
        except (OSError, sqlite3.DatabaseError):
            pass  # Unsealed, the next open checks the whole file: slower, never wrong.

    def _connect(self) -> sqlite3.Connection | None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            info = os.lstat(self.path)
        except FileNotFoundError:
            info = None
        except OSError:
            return None
        if info is not None and (
            not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_nlink != 1
        ):
            self.delete()  # a FIFO, a link or someone else's file: never opened
            if self.path.exists() or self.path.is_symlink():
                return None
            info = None
        try:
            if info is None:  # made private first: SQLite gives its journal the same mode
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, 0o600))
        except OSError:
            return None
        try:
            connection = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            return connection
        except sqlite3.DatabaseError:
            self.delete()
            return None

    def _trusted(self, connection: sqlite3.Connection, key: bytes) -> bool:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            return self._create(connection, key)
        if version != SCHEMA_VERSION:
            return False
        found = dict(
            connection.execute("SELECT key, value FROM info WHERE key IN ('token', 'mac')")
        )
        token, mac = found.get("token"), found.get("mac")
        if not isinstance(token, bytes) or not isinstance(mac, bytes):
            return False
        if not hmac.compare_digest(mac, self._mac(key, token)):
            return False
        if not self._sealed(key):
            if connection.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                return False
            self.seal(connection)
        return True

    def _create(self, connection: sqlite3.Connection, key: bytes) -> bool:
        connection.execute("BEGIN IMMEDIATE")
        try:
            if connection.execute("PRAGMA user_version").fetchone()[0] == 0:
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                token = secrets.token_bytes(16)
                connection.executemany(
                    "INSERT INTO info VALUES (?, ?)",
                    [("token", token), ("mac", self._mac(key, token))],
                )
                connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        self.seal(connection)
        return True

    def _mac(self, key: bytes, token: bytes) -> bytes:
        root = str(self.root.resolve()).encode("utf-8", "surrogateescape")
        message = b"\0".join((token, self._stamp.encode(), root))
        return hmac.digest(key, message, "sha256")

    def _file_stamp(self) -> tuple[int, int, int, int] | None:
        try:
            info = os.lstat(self.path)
        except OSError:
            return None
        return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)

    def _seal_of(self, key: bytes, stamp: tuple[int, int, int, int]) -> bytes:
        return hmac.digest(key, repr(stamp).encode(), "sha256")

    def _sealed(self, key: bytes) -> bool:
        stamp = self._file_stamp()
        try:
            seal = read_regular_file(str(self.seal_path))
        except OSError:
            return False
        return stamp is not None and hmac.compare_digest(seal, self._seal_of(key, stamp))
