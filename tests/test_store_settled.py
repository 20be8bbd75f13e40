"""An index whose every file is settled is known fresh from the walk alone: the
digest of the names and stamps it keeps (``store.SETTLED_KEY``) must never say
fresh after a change, and every write must replace or drop it."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from policy_timeline.query import store
from policy_timeline.query.store import SETTLED_KEY, refresh
from policy_timeline.query.store_file import store_path
from policy_timeline.reading import file_reader
from store_support import both, event, tricky


def read_later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are read ten clock ticks after now, so those written before are settled
    (a timeline's files are written well before they are read, mostly)."""
    ahead = 10 * file_reader.SAME_TICK_NS
    clock = SimpleNamespace(time_ns=lambda: time.time_ns() + ahead)
    monkeypatch.setattr(file_reader, "time", clock)


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    read_later(monkeypatch)


def kept_digest(root: Path) -> bytes | None:
    with sqlite3.connect(store_path(root)) as connection:
        row = connection.execute("SELECT value FROM info WHERE key = ?", (SETTLED_KEY,)).fetchone()
    return None if row is None else bytes(row[0])


def up_to_date(root: Path) -> bool:
    """Whether the explorer would open the index as it is (it never writes)."""
    refreshed = refresh(root, write=False)
    if refreshed is not None:
        refreshed.connection.close()
    return refreshed is not None


def edit(root: Path) -> None:
    (root / "b.yaml").write_text((root / "b.yaml").read_text().replace("twice", "thrice"))


def edit_keeping_size_and_mtime(root: Path) -> None:
    path = root / "sub" / "c.yaml"
    stat = path.stat()
    path.write_text(path.read_text().replace("In a folder", "In a drawer"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def add(root: Path) -> None:
    (root / "sub" / "d.yaml").write_text(event("added", summary="A new file"))


def remove(root: Path) -> None:
    (root / "b.yaml").unlink()


def rename(root: Path) -> None:
    (root / "b.yaml").rename(root / "bb.yaml")


def new_vocabularies(root: Path) -> None:
    (root / "_timeline.yaml").write_text("name: Another\n")


def into_a_fifo(root: Path) -> None:
    (root / "b.yaml").unlink()
    os.mkfifo(root / "b.yaml")


CHANGES = [edit, edit_keeping_size_and_mtime, add, remove, rename, new_vocabularies, into_a_fifo]


def test_a_settled_index_is_fresh_without_reading_its_files(
    tmp_path: Path, later: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tricky(tmp_path / "t")
    built = refresh(root)
    assert built is not None and built.reread == 3
    built.connection.close()
    assert kept_digest(root) is not None

    def unread(*_: object) -> None:
        raise AssertionError("the files' rows were read")

    monkeypatch.setattr(store, "_known", unread)
    for write in (False, True):
        again = refresh(root, write=write)
        assert again is not None and again.reread == 0
        assert again.problems == built.problems  # a load's problems, as before
        again.connection.close()


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_every_change_to_the_folder_makes_a_settled_index_stale(
    change: Callable[[Path], None],
    tmp_path: Path,
    later: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = tricky(tmp_path / "t")
    refresh(root).connection.close()  # type: ignore[union-attr]
    assert kept_digest(root) is not None and up_to_date(root)
    change(root)
    assert not up_to_date(root)
    stored, loaded = both(capsys, "summary", "--long", "-t", str(root))
    assert stored == loaded
    # Written again from files all settled: the digest is the new walk's.
    assert kept_digest(root) is not None and up_to_date(root)


def test_an_index_written_within_a_tick_of_a_file_keeps_no_digest(tmp_path: Path) -> None:
    # Just written: a change in the same clock tick could keep a file's stamp, so
    # each open must read the recent files again to compare their digests.
    root = tricky(tmp_path / "t")
    refresh(root).connection.close()  # type: ignore[union-attr]
    assert kept_digest(root) is None


def test_every_write_drops_the_digest_or_replaces_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tricky(tmp_path / "t")
    with monkeypatch.context() as patched:
        read_later(patched)
        refresh(root).connection.close()  # type: ignore[union-attr]
    settled = kept_digest(root)
    assert settled is not None
    edit(root)  # read now, within a tick of its change: not settled
    refresh(root).connection.close()  # type: ignore[union-attr]
    assert kept_digest(root) is None
    assert up_to_date(root)  # through the rows, the recent file's digest compared
