"""Prototype indexes of a timeline, built from its warm load cache, for docs/index-design.md.

Two forms, each measured for build time, size on disk, opening, a facet count,
a search and decoding one page of events:

- ``sqlite``: one SQLite file with an events table (each event's MessagePack in
  date order), a facet table with an index, and a contentless FTS5 table;
- ``columnar``: flat files read through mmap: the events' MessagePack in date
  order with an offsets array, folded search texts with their offsets, and one
  bitmap (a Python int) per facet value.

    python benchmarks/index_prototype.py DIR [--form sqlite|columnar] [--out FOLDER]

The timeline's cache must be warm (run ``policy-timeline validate -t DIR`` first,
with POLICY_TIMELINE_CACHE_DIR as for the run). Queries run in a fresh process
(``--query``), so its resident set is what an index reader costs.
This is a prototype, not the app's code: it reads the cache's layout directly.
"""

from __future__ import annotations

import argparse
import array
import bisect
import json
import mmap
import os
import resource
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec

from policy_timeline.model.events import Event
from policy_timeline.query.index import event_search_text
from policy_timeline.reading.cache import DiskCache

FACETS = ("sector", "issuer", "kind")
PAGE = 50
WORD = "subsidies"


class _RawEntry(msgspec.Struct, array_like=True):
    size: int
    mtime_ns: int
    events: list[msgspec.Raw]
    prefixes: Any
    problems: Any


class _RawDocument(msgspec.Struct, array_like=True):
    stamp: str
    meta: Any
    files: dict[str, _RawEntry]


class _Date(msgspec.Struct):
    year: int
    month: int | None = None
    day: int | None = None


class _Head(msgspec.Struct):
    """What ordering needs of an event; the decoder skips every other field."""

    id: str
    date: _Date


def raw_events(root: Path) -> tuple[list[msgspec.Raw], int]:
    data = DiskCache.for_timeline(root).path.read_bytes()
    document = msgspec.msgpack.decode(data, type=_RawDocument)
    return [raw for entry in document.files.values() for raw in entry.events], len(data)


def date_order(raws: list[msgspec.Raw]) -> list[int]:
    """Positions of the events in the timeline's order (Event.sort_key's)."""
    decode = msgspec.msgpack.Decoder(_Head).decode
    keys = []
    for position, raw in enumerate(raws):
        head = decode(raw)
        date = head.date
        precision = 3 if date.day is not None else (2 if date.month is not None else 1)
        keys.append((date.year, date.month or 0, date.day or 0, precision, head.id, position))
    keys.sort()
    return [key[-1] for key in keys]


def ordered_events(raws: list[msgspec.Raw], order: list[int]) -> Iterator[tuple[int, bytes, Event]]:
    decode = msgspec.msgpack.Decoder(Event).decode
    for row, position in enumerate(order):
        raw = raws[position]
        yield row, bytes(raw), decode(raw)


def facet_values(event: Event) -> Iterator[tuple[str, str]]:
    for value in event.sectors:
        yield "sector", value
    for value in event.issuers:
        yield "issuer", value
    yield "kind", event.kind


# SQLite ---------------------------------------------------------------------------


def build_sqlite(raws: list[msgspec.Raw], order: list[int], path: Path) -> dict[str, float]:
    temporary = path.with_suffix(".building")
    temporary.unlink(missing_ok=True)
    db = sqlite3.connect(temporary)
    db.executescript("""
        PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
        CREATE TABLE events (row INTEGER PRIMARY KEY, id TEXT, year INTEGER, data BLOB);
        CREATE TABLE facets (facet TEXT, value TEXT, row INTEGER);
        CREATE VIRTUAL TABLE search USING fts5(text, content='', prefix='3',
                                               tokenize='unicode61 remove_diacritics 2');
    """)
    times: dict[str, float] = {}
    start = time.perf_counter()
    batch_events: list[tuple[int, str, int, bytes]] = []
    batch_facets: list[tuple[str, str, int]] = []
    batch_texts: list[tuple[int, str]] = []

    def flush() -> None:
        db.executemany("INSERT INTO events VALUES (?, ?, ?, ?)", batch_events)
        db.executemany("INSERT INTO facets VALUES (?, ?, ?)", batch_facets)
        db.executemany("INSERT INTO search (rowid, text) VALUES (?, ?)", batch_texts)
        batch_events.clear()
        batch_facets.clear()
        batch_texts.clear()

    for row, data, event in ordered_events(raws, order):
        batch_events.append((row, event.id, event.date.year, data))
        batch_facets.extend((facet, value.casefold(), row) for facet, value in facet_values(event))
        batch_texts.append((row, event_search_text(event)))
        if len(batch_events) >= 10_000:
            flush()
    flush()
    times["insert rows and search text"] = time.perf_counter() - start
    start = time.perf_counter()
    db.execute("CREATE INDEX facet_rows ON facets (facet, value, row)")
    db.execute("CREATE INDEX event_year ON events (year)")
    db.commit()
    times["create indexes"] = time.perf_counter() - start
    start = time.perf_counter()
    db.execute("INSERT INTO search (search) VALUES ('optimize')")
    db.commit()
    db.close()
    os.replace(temporary, path)  # readers see the old index or the whole new one
    times["optimize search, swap in"] = time.perf_counter() - start
    return times


def query_sqlite(path: Path) -> dict[str, float]:
    figures: dict[str, float] = {}

    def timed(name: str, sql: str, *args: Any) -> list[Any]:
        start = time.perf_counter()
        rows = db.execute(sql, args).fetchall()
        figures[name] = time.perf_counter() - start
        return rows

    start = time.perf_counter()
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    ((count,),) = db.execute("SELECT count(*) FROM events").fetchall()
    figures["open + count events"] = time.perf_counter() - start
    timed("events per year", "SELECT year, count(*) FROM events GROUP BY year")
    timed(
        "sector counts, no filter",
        "SELECT value, count(*) FROM facets WHERE facet = 'sector' GROUP BY value",
    )
    timed(
        "sector counts within issuer MIIT",
        "SELECT value, count(*) FROM facets WHERE facet = 'sector' AND row IN "
        "(SELECT row FROM facets WHERE facet = 'issuer' AND value = 'miit') GROUP BY value",
    )
    timed(
        f"search '{WORD[:6]}*' (prefix): count",
        "SELECT count(*) FROM search WHERE search MATCH ?",
        WORD[:6] + "*",
    )
    timed(
        f"search '{WORD}': first page of rows",
        f"SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid LIMIT {PAGE}",
        WORD,
    )
    decode = msgspec.msgpack.Decoder(Event).decode
    start = time.perf_counter()
    middle = count // 2
    page = [
        decode(data)
        for (data,) in db.execute(
            "SELECT data FROM events WHERE row >= ? ORDER BY row LIMIT ?", (middle, PAGE)
        )
    ]
    figures[f"decode one page ({len(page)} events) from the middle"] = time.perf_counter() - start
    return figures


# Columnar -------------------------------------------------------------------------


def build_columnar(raws: list[msgspec.Raw], order: list[int], folder: Path) -> dict[str, float]:
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    offsets = array.array("q", [0])
    text_offsets = array.array("q", [0])
    bitsets: dict[str, bytearray] = {}
    size = len(order)
    with open(folder / "events.bin", "wb") as events, open(folder / "texts.bin", "wb") as texts:
        for row, data, event in ordered_events(raws, order):
            events.write(data)
            offsets.append(offsets[-1] + len(data))
            text = (event_search_text(event) + "\0").encode()
            texts.write(text)
            text_offsets.append(text_offsets[-1] + len(text))
            for facet, value in facet_values(event):
                bits = bitsets.setdefault(f"{facet}\t{value.casefold()}", bytearray(size // 8 + 1))
                bits[row >> 3] |= 1 << (row & 7)
    (folder / "offsets.bin").write_bytes(offsets.tobytes())
    (folder / "text_offsets.bin").write_bytes(text_offsets.tobytes())
    (folder / "facets.msgpack").write_bytes(
        msgspec.msgpack.encode({key: bytes(bits) for key, bits in bitsets.items()})
    )
    return {"write events, texts and bitmaps": time.perf_counter() - start}


def query_columnar(folder: Path) -> dict[str, float]:
    figures: dict[str, float] = {}
    start = time.perf_counter()
    offsets = array.array("q")
    offsets.frombytes((folder / "offsets.bin").read_bytes())
    text_offsets = array.array("q")
    text_offsets.frombytes((folder / "text_offsets.bin").read_bytes())
    facets = {
        key: int.from_bytes(bits, "little")
        for key, bits in msgspec.msgpack.decode((folder / "facets.msgpack").read_bytes()).items()
    }
    count = len(offsets) - 1
    with (
        open(folder / "events.bin", "rb") as events_file,
        open(folder / "texts.bin", "rb") as texts_file,
    ):
        events = mmap.mmap(events_file.fileno(), 0, access=mmap.ACCESS_READ)
        texts = mmap.mmap(texts_file.fileno(), 0, access=mmap.ACCESS_READ)
    figures["open (offsets, bitmaps; mmap the rest)"] = time.perf_counter() - start

    start = time.perf_counter()
    sectors = {key: bits.bit_count() for key, bits in facets.items() if key.startswith("sector")}
    figures["sector counts, no filter"] = time.perf_counter() - start
    start = time.perf_counter()
    miit = facets["issuer\tmiit"]
    within = {
        key: (bits & miit).bit_count() for key, bits in facets.items() if key.startswith("sector")
    }
    figures["sector counts within issuer MIIT"] = time.perf_counter() - start
    assert sum(within.values()) <= sum(sectors.values())

    start = time.perf_counter()
    needle = WORD.encode()
    rows = []
    position = texts.find(needle)
    while position >= 0:
        # The row whose text holds this position, then on past that row's text.
        row = bisect.bisect_right(text_offsets, position) - 1
        rows.append(row)
        position = texts.find(needle, text_offsets[row + 1])
    figures[f"search '{WORD}' (substring scan): all rows"] = time.perf_counter() - start

    decode = msgspec.msgpack.Decoder(Event).decode
    start = time.perf_counter()
    middle = count // 2
    page = [
        decode(events[offsets[row] : offsets[row + 1]])
        for row in range(middle, min(middle + PAGE, count))
    ]
    figures[f"decode one page ({len(page)} events) from the middle"] = time.perf_counter() - start
    return figures


# Driver ---------------------------------------------------------------------------


def resident_mb() -> float:
    """This process's resident set now (ru_maxrss would count what exec inherited)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(item.stat().st_size for item in path.iterdir())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--form", choices=("sqlite", "columnar"), default="sqlite")
    parser.add_argument("--out", type=Path, default=Path("/tmp/pt-index-prototype"))
    parser.add_argument("--query", action="store_true", help="only query a built index")
    options = parser.parse_args()
    target = options.out / ("index.sqlite" if options.form == "sqlite" else "columnar")
    if options.query:
        figures = (query_sqlite if options.form == "sqlite" else query_columnar)(target)
        figures["resident set after the queries (MB)"] = resident_mb()
        print(json.dumps(figures))
        return
    options.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    raws, cache_bytes = raw_events(options.root)
    read = time.perf_counter() - start
    start = time.perf_counter()
    order = date_order(raws)
    ordering = time.perf_counter() - start
    build = (build_sqlite if options.form == "sqlite" else build_columnar)(raws, order, target)
    print(f"{options.form}: {len(raws):,} events; cache {cache_bytes / 2**20:,.0f} MB")
    print(
        f"  build: read cache {read:.2f} s, date order {ordering:.2f} s, "
        + ", ".join(f"{name} {value:.2f} s" for name, value in build.items())
    )
    print(
        f"  build max resident set: "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB"
    )
    print(f"  size on disk: {size_of(target) / 2**20:,.0f} MB")
    for _ in range(2):  # the second run reads a warm page cache, as a reopened app does
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                str(options.root),
                "--form",
                options.form,
                "--out",
                str(options.out),
                "--query",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    for name, value in json.loads(out).items():
        shown = f"{value:,.0f} MB" if name.endswith("(MB)") else f"{value * 1000:,.1f} ms"
        print(f"  {name}: {shown}")


if __name__ == "__main__":
    main()
