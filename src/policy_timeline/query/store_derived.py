"""The explorer's arrays over the index: derived from its rows once after a write, stored in it.

A rank is an event's position in date order. Per rank: the index's row, the
first and last possible day and year (``array``s); per facet value: a bitmap
of ranks. Deriving them is an ordered scan of ``events`` and one of ``facets``
(seconds at 1M), so the first reader after a write stores them in the index
as one BLOB (``info`` under ``store.DERIVED_KEY``, which every write drops)
and later readers read a few MB. The stamp is this module's code: arrays
derived by other code are derived again.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from array import array

import msgspec

from policy_timeline.query.in_force_counts import count_in_force
from policy_timeline.query.store import DERIVED_KEY, Refreshed
from policy_timeline.reading.cache import code_stamp

_ORDER = "ORDER BY sort_key, file_key, idx"


class Derived(msgspec.Struct, array_like=True):
    """What the view reads of the index when it opens; arrays as their bytes."""

    stamp: str
    order: bytes  # array('q'): each rank's row
    rank_of: bytes  # array('q'): each row's rank, -1 where there is no row
    first_day: bytes  # array('i') per rank: ordinals, as ``DateIndex`` holds them
    last_day: bytes
    first_year: bytes  # array('i') per rank: as ``TimelineIndex.years``
    last_year: bytes
    facets: list[tuple[str, str, bytes]]  # (facet, value, bitmap of ranks, little-endian)
    widths: tuple[int, int, int]  # the list's columns, ``columns.event_widths``
    in_force: dict[int, int]  # ``in_force_per_year`` of every rank


_DECODE_DERIVED = msgspec.msgpack.Decoder(Derived)


_ENCODE = msgspec.msgpack.Encoder().encode


def _stamp() -> str:
    return code_stamp(sys.modules[__name__])


def derive(connection: sqlite3.Connection) -> Derived:
    """The arrays and bitmaps of the index's present rows."""
    order = array("q")
    first_day = array("i")
    last_day = array("i")
    for row, first, last in connection.execute(
        f"SELECT row, first_day, last_day FROM events {_ORDER}"
    ):
        order.append(row)
        first_day.append(first)
        last_day.append(last)
    size = len(order)
    rank_of = array("q", [-1]) * ((max(order) + 1) if size else 0)
    for rank, row in enumerate(order):
        rank_of[row] = rank
    year_of: dict[int, int] = {}

    def year(day: int) -> int:
        found = year_of.get(day)
        if found is None:
            found = year_of[day] = dt.date.fromordinal(day).year
        return found

    first_year = array("i", map(year, first_day))
    last_year = array(
        "i", (max(first, year(day)) for first, day in zip(first_year, last_day, strict=True))
    )
    bitmaps: dict[tuple[str, str], bytearray] = {}
    width = (size + 7) // 8
    for facet, value, row in connection.execute("SELECT facet, value, row FROM facets"):
        bits = bitmaps.get((facet, value))
        if bits is None:
            bits = bitmaps[(facet, value)] = bytearray(width)
        rank = rank_of[row]
        bits[rank >> 3] |= 1 << (rank & 7)
    widths = connection.execute(
        "SELECT coalesce(max(date), 0), coalesce(max(kind), 0), coalesce(max(issuer), 0) "
        "FROM columns"
    ).fetchone()
    return Derived(
        _stamp(),
        order.tobytes(),
        rank_of.tobytes(),
        first_day.tobytes(),
        last_day.tobytes(),
        first_year.tobytes(),
        last_year.tobytes(),
        [(facet, value, bytes(bits)) for (facet, value), bits in sorted(bitmaps.items())],
        tuple(widths),
        count_in_force(first_year, last_year, range(size)),
    )


def _stored(connection: sqlite3.Connection) -> Derived | None:
    found = connection.execute("SELECT value FROM info WHERE key = ?", (DERIVED_KEY,)).fetchone()
    if found is None:
        return None
    try:
        derived = _DECODE_DERIVED.decode(found[0])
    except msgspec.DecodeError:
        return None
    return derived if derived.stamp == _stamp() else None


def read_derived(refreshed: Refreshed) -> Derived:
    """The stored arrays, derived and stored first when a write dropped them.

    Leaves a read transaction open, so the rows stay those the arrays describe.
    """
    connection = refreshed.connection
    for _ in range(3):
        connection.execute("BEGIN")
        derived = _stored(connection)
        if derived is not None:
            return derived
        connection.execute("COMMIT")
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                derived = _stored(connection) or derive(connection)
                connection.execute(
                    "INSERT OR REPLACE INTO info VALUES (?, ?)", (DERIVED_KEY, _ENCODE(derived))
                )
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            refreshed.store.seal(connection)
        except sqlite3.OperationalError:  # another writer holds the lock: derived, not kept
            connection.execute("BEGIN")
            return derive(connection)
    connection.execute("BEGIN")
    return derive(connection)


def array_of(kind: str, data: bytes) -> array[int]:
    found = array(kind)
    found.frombytes(data)
    return found
