"""The index file's life: it follows every change to the folder and nothing else,
and it is never trusted when damaged, planted or changed behind its back."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from policy_timeline.paths import bundled_timeline
from policy_timeline.query.store import refresh, search_columns
from policy_timeline.query.store_file import SCHEMA, store_path
from policy_timeline.query.store_query import open_index
from policy_timeline.query.store_search import search_narrowing
from policy_timeline.query.word_index import search_words, term_pattern
from store_support import FILTERS, both, copy_of, event, generated, run, tricky


def rows_by_file(root: Path) -> dict[bytes, list[int]]:
    with sqlite3.connect(store_path(root)) as connection:
        found: dict[bytes, list[int]] = {}
        for file, row in connection.execute("SELECT file, row FROM events ORDER BY row"):
            found.setdefault(file, []).append(row)
        return found


def test_a_changed_file_replaces_only_its_own_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tricky(tmp_path / "t")
    index = open_index(root)
    assert index is not None and index.reread == 3
    before = rows_by_file(root)
    (root / "b.yaml").write_text(event("tied", kind="law") + event("fresh", summary="New words"))
    index = open_index(root)
    assert index is not None and index.reread == 1
    after = rows_by_file(root)
    assert {file: rows for file, rows in after.items() if file != b"b.yaml"} == {
        file: rows for file, rows in before.items() if file != b"b.yaml"
    }
    assert len(after[b"b.yaml"]) == 2 and not set(after[b"b.yaml"]) & set(before[b"b.yaml"])
    for filters in FILTERS[:6]:
        stored, loaded = both(capsys, "summary", "--long", "-t", str(root), *filters)
        assert stored == loaded


def test_edits_added_and_removed_files_and_new_vocabularies_are_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_of(bundled_timeline(), tmp_path / "t")
    args = ["summary", "--long", "-t", str(root)]
    assert both(capsys, *args)[0] == both(capsys, *args)[1]
    files = sorted(path for path in root.glob("*.yaml") if not path.name.startswith("_"))
    event_file = files[0]
    text = event_file.read_text()
    # The same size and the same mtime: only the digest can tell (a change in the same tick).
    stat = event_file.stat()
    at = text.index("title: ") + len("title: ")
    event_file.write_text(text[:at] + ("Q" if text[at] != "Q" else "R") + text[at + 1 :])
    os.utime(event_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    stored, loaded = both(capsys, *args)
    assert stored == loaded
    (root / "zz-new.yaml").write_text(event("brand-new", summary="A new file"))
    files[-1].unlink()
    stored, loaded = both(capsys, *args)
    assert stored == loaded and "brand-new" in stored[1]
    meta = root / "_timeline.yaml"
    meta.write_text(meta.read_text().replace("name:", "name: Renamed", 1))
    stored, loaded = both(capsys, *args)
    assert stored == loaded and "Renamed" in stored[1]


def test_deleting_the_index_costs_one_cold_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tricky(tmp_path / "t")
    first = run(capsys, "summary", "-t", str(root))
    store_path(root).unlink()
    index = open_index(root)
    assert index is not None and index.reread == 3
    assert run(capsys, "summary", "-t", str(root)) == first
    index = open_index(root)
    assert index is not None and index.reread == 0


def damage_garbage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 1024):
        data[offset : offset + 64] = os.urandom(64)
    path.write_bytes(bytes(data))


def damage_schema(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 99")


def damage_planted(path: Path) -> None:
    """A well-formed index made with another user's secret."""
    (path.parent / "cache.key").write_bytes(os.urandom(32))


def damage_unread_pages(path: Path) -> None:
    """Garbage in pages that a summary never reads (the index of link targets):
    only ``PRAGMA quick_check`` can tell."""
    with sqlite3.connect(path) as connection:
        size = connection.execute("PRAGMA page_size").fetchone()[0]
        pages = [
            page
            for (page,) in connection.execute(
                "SELECT pageno FROM dbstat WHERE name = 'links_target'"
            )
        ]
    data = bytearray(path.read_bytes())
    for page in pages:
        data[(page - 1) * size : page * size] = os.urandom(size)
    path.write_bytes(bytes(data))


def damage_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def damage_rows(path: Path) -> None:
    """Rows changed behind the index's back, with the file left well-formed."""
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM events WHERE row = (SELECT max(row) FROM events)")


@pytest.mark.parametrize(
    "damage", [damage_garbage, damage_unread_pages, damage_schema, damage_planted, damage_fifo]
)
def test_a_damaged_index_is_a_miss_and_made_anew(
    damage: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = generated(tmp_path / "gen", 300)
    args = ["export", "--format", "jsonl", "-t", str(root)]
    expected = run(capsys, *args, "--no-cache")
    assert run(capsys, *args) == expected
    assert callable(damage)
    damage(store_path(root))
    index = open_index(root)
    assert index is not None and index.reread == 3  # every file read again
    assert run(capsys, *args) == expected


def test_a_changed_file_is_never_served_from_the_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tricky(tmp_path / "t")
    run(capsys, "summary", "-t", str(root))
    path = root / "sub" / "c.yaml"
    path.write_text(path.read_text().replace("In a folder", "In a drawer"))
    out = run(capsys, "summary", "-t", str(root))[1]
    assert "In a drawer" in out and "In a folder" not in out


WORKER = """
import sys
from pathlib import Path
from policy_timeline.query.index import Filter
from policy_timeline.query.store_query import open_index
index = open_index(Path(sys.argv[1]))
assert index is not None
print(len(index.events(Filter())))
"""


def test_two_processes_at_once_leave_a_sound_index(tmp_path: Path) -> None:
    root = generated(tmp_path / "gen", 2000)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}

    def start() -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(WORKER), str(root)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )

    for round_ in range(3):
        if round_:  # then a change for both to take up at once
            path = sorted(root.glob("events-*.yaml"))[round_]
            path.write_text(path.read_text().replace("title:", "title: Changed", 1))
        processes = [start(), start()]
        results = [process.communicate(timeout=300) for process in processes]
        assert [process.returncode for process in processes] == [0, 0], results
        assert [out for out, _ in results] == ["2000\n", "2000\n"]
        with sqlite3.connect(store_path(root)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert connection.execute("SELECT count(*) FROM events").fetchone() == (2000,)
            assert connection.execute("SELECT count(*) FROM words").fetchone() == (2000,)


def test_a_reader_sees_the_index_before_or_after_a_write(tmp_path: Path) -> None:
    root = tricky(tmp_path / "t")
    index = open_index(root)
    assert index is not None
    reader = sqlite3.connect(store_path(root), isolation_level=None)
    reader.execute("BEGIN")
    before = reader.execute("SELECT count(*), group_concat(id) FROM events").fetchone()
    (root / "b.yaml").write_text(event("only-one"))
    updated = refresh(root)
    assert updated is not None and updated.reread == 1
    assert reader.execute("SELECT count(*), group_concat(id) FROM events").fetchone() == before
    reader.execute("COMMIT")
    after = reader.execute("SELECT count(*) FROM events").fetchone()
    assert after == (before[0] - 2,)


# Characters where a tokenizer and Python's idea of a word may part: marks,
# private use, underscore, numbers that are not digits, ligatures, CJK, Hangul.
ALPHABET = "aeiz09_-. éÉe\u0301\ue000ßİﬁ²Ⅻ١中国制造한국ｱ\u200d'"


@given(
    words=st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=8), min_size=1, max_size=6),
    start=st.integers(min_value=0, max_value=60),
    length=st.integers(min_value=1, max_value=6),
)
@settings(max_examples=400, deadline=None)
def test_the_search_tables_never_lose_a_match(words: list[str], start: int, length: int) -> None:
    """Whatever the pattern finds in a text, the narrowing keeps (it may keep more)."""
    text = " ".join(words).casefold()
    terms = search_words(text[start : start + length])
    assume(terms)
    term = terms[0]
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE events(row INTEGER PRIMARY KEY)")
    for statement in SCHEMA.split(";"):
        if "VIRTUAL TABLE" in statement:
            connection.execute(statement)
    connection.execute("INSERT INTO events VALUES (1)")
    word_text, spaceless = search_columns(text)
    connection.execute("INSERT INTO words(rowid, text) VALUES (1, ?)", (word_text,))
    connection.execute("INSERT INTO spaceless(rowid, text) VALUES (1, ?)", (spaceless,))
    narrowing = search_narrowing(term)
    if narrowing is None or not term_pattern([term]).search(text):
        return
    kept = connection.execute(f"SELECT row FROM events e WHERE {narrowing[0]}", (narrowing[1],))
    assert kept.fetchall() == [(1,)], (text, term)


def table_rows(connection: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    """Every row the index holds but the times files were read at, and what its
    contentless search table finds for a few words."""
    tables = {
        table: connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3").fetchall()
        for table in ("events", "facets", "facet_values", "links", "across", "columns")
    }
    tables["files"] = connection.execute(
        "SELECT path, size, mtime_ns, ctime_ns, inode, digest, events, problems FROM files "
        "ORDER BY path"
    ).fetchall()
    tables["spaceless"] = connection.execute("SELECT rowid, text FROM spaceless").fetchall()
    for word in ("subsid*", "steel", "2020", "pilot zones"):
        tables[word] = connection.execute(
            "SELECT rowid FROM words WHERE words MATCH ? ORDER BY rowid", (f'"{word}"',)
        ).fetchall()
    return tables


def test_rows_made_in_worker_processes_are_the_rows_made_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = generated(tmp_path / "t", 400)
    made = []
    for workers in ("0", "2"):
        monkeypatch.setenv("POLICY_TIMELINE_WORKERS", workers)
        monkeypatch.setenv("POLICY_TIMELINE_CACHE_DIR", str(tmp_path / f"cache-{workers}"))
        refreshed = refresh(root)
        assert refreshed is not None
        made.append(table_rows(refreshed.connection))
        refreshed.connection.close()
    assert made[0] == made[1]
    assert all(made[0][table] for table in ("events", "facets", "links", "files", "steel"))
