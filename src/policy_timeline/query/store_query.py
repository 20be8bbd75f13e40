"""Filters answered from the index: SQLite finds the rows, and only the events
written are decoded, in date order, a batch at a time.

``StoredIndex`` answers as ``TimelineIndex`` does (``values``, ``events``),
with the same results for every filter. Search keeps its meaning (each term
begins a word, or, in scripts written without spaces, appears anywhere): the
full-text tables only narrow the rows, and every candidate is then checked
with the same pattern as in memory, on its searched fields alone. A term that
begins a word is found by FTS5 (``unicode61``) as a prefix of the word; one in
a spaceless script by the trigram table of the words holding such scripts (by
a scan of that small table when shorter than three characters); a term with
no letter or digit narrows nothing and is checked on every row the other
filters leave.

An event is decoded as far as its reader needs: whole (``events``), or the
fields of a summary line (``lines``), which costs a fifth as much.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, overload

import msgspec

from policy_timeline.model.dates import PartialDate
from policy_timeline.model.events import Event, RelatedEvent, Timeline
from policy_timeline.model.problems import Problem
from policy_timeline.model.relations import RELATIONS
from policy_timeline.model.text import plain
from policy_timeline.query.index import FACETS, Filter, written_search_text
from policy_timeline.query.store import DECODE_EVENT, Refreshed, name_bytes, refresh
from policy_timeline.query.store_search import matches_all, search_narrowing
from policy_timeline.query.word_index import (
    search_words,
    term_pattern,
)
from policy_timeline.reading.discover import display_path
from policy_timeline.reading.loader import timeline_name
from policy_timeline.reading.outcomes import describe_by_files

BATCH = 500  # events decoded per query
_ORDER = "ORDER BY e.sort_key, e.file_key, e.idx"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class EventLine:
    """What a summary line shows of an event, decoded without the rest (its
    text, sources and targets are most of the bytes)."""

    date: PartialDate
    title: str
    kind: str
    issuers: tuple[str, ...]
    end: PartialDate | None = None


@dataclass(frozen=True, slots=True)
class Searched:
    """The fields a search looks in (``event_search_text``)."""

    id: str
    title: str
    summary: str
    title_original: str | None = None
    doc_number: str | None = None
    highlights: tuple[str, ...] = ()


DECODE_LINE = msgspec.msgpack.Decoder(EventLine).decode
DECODE_SEARCHED = msgspec.msgpack.Decoder(Searched).decode


def open_index(root: Path) -> StoredIndex | None:
    """The index of a timeline folder, up to date; None where there can be none
    (then load the timeline). Raises ``TimelineNotFound`` as a load does."""
    refreshed = refresh(root)
    return StoredIndex(refreshed) if refreshed is not None else None


class StoredTimeline(Timeline):
    """The timeline's name, vocabularies and size, with its events left in the index."""

    __slots__ = ("_connection", "_count")

    def __init__(
        self, connection: sqlite3.Connection, refreshed: Refreshed, count: int | None = None
    ) -> None:
        meta = refreshed.meta
        root = refreshed.store.root
        super().__init__(timeline_name(meta, root), root, [], meta.description, meta.vocabulary)
        self._connection = connection
        if count is None:
            count = connection.execute("SELECT count(*) FROM events").fetchone()[0]
        self._count: int = count

    @property
    def event_count(self) -> int:
        return self._count

    def related(self, event: Event) -> list[RelatedEvent]:
        found = []
        for link in event.related:
            if link.relation in RELATIONS and (other := self._last_with_id(link.id)):
                found.append(RelatedEvent(RELATIONS[link.relation].forward, other, link.note))
        rows = self._connection.execute(
            "SELECT e.data FROM events e WHERE e.row IN "
            f"(SELECT row FROM links WHERE target = ?) {_ORDER}",
            (event.id,),
        )
        for (data,) in rows:
            other = DECODE_EVENT(data)
            for link in other.related:
                if link.id == event.id and link.relation in RELATIONS:
                    found.append(RelatedEvent(RELATIONS[link.relation].reverse, other, link.note))
        return found

    def _last_with_id(self, event_id: str) -> Event | None:
        """The event a timeline in memory finds by this id: the last in date order."""
        row = self._connection.execute(
            "SELECT data FROM events e WHERE id = ? "
            "ORDER BY e.sort_key DESC, e.file_key DESC, e.idx DESC LIMIT 1",
            (event_id,),
        ).fetchone()
        return DECODE_EVENT(row[0]) if row else None


class StoredEvents(Sequence[T]):
    """Events of given rows, in their order, decoded when read (as ``Event``, or
    as much of one as ``decode`` takes)."""

    def __init__(
        self, connection: sqlite3.Connection, rows: list[int], decode: Callable[[bytes], T]
    ) -> None:
        self._connection = connection
        self._rows = rows
        self._decode = decode

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return list(_decoded(self._connection, self._rows[index], self._decode))
        return next(_decoded(self._connection, [self._rows[index]], self._decode))

    def __iter__(self) -> Iterator[T]:
        return _decoded(self._connection, self._rows, self._decode)


def _decoded(
    connection: sqlite3.Connection, rows: Sequence[int], decode: Callable[[bytes], T]
) -> Iterator[T]:
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        data = dict(
            connection.execute(
                "SELECT row, data FROM events WHERE row IN (SELECT value FROM json_each(?))",
                (json.dumps(batch),),
            ).fetchall()
        )
        for row in batch:
            yield decode(data[row])


class StoredIndex:
    """What ``TimelineIndex`` answers, from the index."""

    def __init__(self, refreshed: Refreshed) -> None:
        self._connection = refreshed.connection
        # One snapshot for every query made here: a writer in another process
        # may otherwise replace rows between a filter's row numbers and the
        # events read by them (a command's run, while a file is saved).
        self._connection.execute("BEGIN")
        self.timeline = StoredTimeline(refreshed.connection, refreshed)
        self.problems: list[Problem] = refreshed.problems
        self.reread = refreshed.reread
        self._found = refreshed.found.files

    def close(self) -> None:
        self._connection.close()

    def describe_problems(self) -> str:
        """``outcomes.describe`` of the problems, with the files and items that
        put events in the timeline named as problems name them."""
        root = display_path(self.timeline.root)
        prefix = "" if root == "." else root.rstrip("/") + "/"
        with_events = {
            path for (path,) in self._connection.execute("SELECT path FROM files WHERE events > 0")
        }
        files = {
            prefix + plain(file.relative, one_line=True): name_bytes(file.relative)
            for file in self._found
            if name_bytes(file.relative) in with_events
        }

        def items(name: str) -> set[int]:
            rows = self._connection.execute("SELECT idx FROM events WHERE file = ?", (files[name],))
            return {idx for (idx,) in rows}

        return describe_by_files(self.problems, files, items)

    def values(self, facet: str) -> dict[str, int]:
        """Each value of a facet, spelled as the first event in date order spells
        it, with its number of events (an event that spells one value two ways
        counts twice)."""
        groups: dict[str, list[tuple[str, int]]] = {}
        for value, folded, count in self._connection.execute(
            "SELECT value, folded, events FROM facet_values WHERE facet = ? ORDER BY value",
            (facet,),
        ):
            groups.setdefault(folded, []).append((value, count))
        values: dict[str, int] = {}
        for spellings in groups.values():
            first = (
                spellings[0][0] if len(spellings) == 1 else self._first_spelling(facet, spellings)
            )
            values[first] = sum(count for _, count in spellings)
        return values

    def _first_spelling(self, facet: str, spellings: list[tuple[str, int]]) -> str:
        firsts = []
        for value, _ in spellings:
            key, file, idx, data = self._connection.execute(
                "SELECT e.sort_key, e.file_key, e.idx, e.data FROM events e WHERE e.row IN "
                f"(SELECT row FROM facets WHERE facet = ? AND value = ?) {_ORDER} LIMIT 1",
                (facet, value),
            ).fetchone()
            event_values = FACETS[facet].values_of(DECODE_EVENT(data))
            firsts.append(((key, file, idx, event_values.index(value)), value))
        return min(firsts)[1]

    def events(self, query: Filter) -> StoredEvents[Event]:
        return StoredEvents(self._connection, self.rows(query), DECODE_EVENT)

    def lines(self, query: Filter) -> StoredEvents[EventLine]:
        """The events as a summary line shows them."""
        return StoredEvents(self._connection, self.rows(query), DECODE_LINE)

    def rows(self, query: Filter) -> list[int]:
        """The rows the filter lets through, in date order."""
        where: list[str] = []
        parameters: list[object] = []
        for facet in FACETS.values():
            wanted = {value.casefold() for value in facet.chosen(query)}
            if not wanted:
                continue
            spellings = [
                value
                for value, folded in self._connection.execute(
                    "SELECT value, folded FROM facet_values WHERE facet = ?", (facet.name,)
                )
                if folded in wanted
            ]
            where.append(
                "e.row IN (SELECT row FROM facets WHERE facet = ? AND value IN "
                "(SELECT value FROM json_each(?)))"
            )
            parameters += [facet.name, json.dumps(spellings)]
        if query.ids is not None:
            where.append("e.row IN (SELECT value FROM json_each(?))")
            parameters.append(json.dumps(self._last_rows(query.ids)))
        # ``overlaps``: the last day the event may cover against the range's first, and so on.
        for start in (query.date_from, query.in_force):
            if start is not None:
                where.append("e.last_day >= ?")
                parameters.append(start.earliest().toordinal())
        for end in (query.date_to, query.in_force):
            if end is not None:
                where.append("e.first_day <= ?")
                parameters.append(end.latest().toordinal())
        terms = search_words(query.search)
        for term in terms:
            narrowing = search_narrowing(term)
            if narrowing is not None:
                where.append(narrowing[0])
                parameters.append(narrowing[1])
        condition = " WHERE " + " AND ".join(where) if where else ""
        if any(part.startswith("e.row IN") for part in where):
            named = self._connection.execute(f"SELECT e.row FROM events e{condition}", parameters)
            rows = self._in_date_order([row for (row,) in named])
        else:  # every row, or a range of dates: along the index, which holds the dates
            sql = f"SELECT e.row FROM events e{condition} {_ORDER}"
            rows = [row for (row,) in self._connection.execute(sql, parameters)]
        if not terms:
            return rows
        patterns = [(term, term_pattern([term])) for term in terms]
        searched = _decoded(self._connection, rows, DECODE_SEARCHED)
        return [
            row
            for row, fields in zip(rows, searched, strict=True)
            if matches_all(patterns, written_search_text(fields))
        ]

    def _in_date_order(self, rows: list[int]) -> list[int]:
        """The rows in date order. Few are looked up by number and sorted here
        (Python orders the keys' bytes as SQLite does); many are picked out of
        the date-order index, read whole, which costs less than their keys and
        a sort from about an eighth of the timeline."""
        if len(rows) * 8 < self.timeline.event_count:
            keys = self._connection.execute(
                "SELECT row, sort_key, file_key, idx FROM events "
                "WHERE row IN (SELECT value FROM json_each(?))",
                (json.dumps(rows),),
            ).fetchall()
            keys.sort(key=lambda columns: columns[1:])
            return [columns[0] for columns in keys]
        wanted = set(rows)
        ordered = self._connection.execute(f"SELECT e.row FROM events e {_ORDER}")
        return [row for (row,) in ordered if row in wanted]

    def _last_rows(self, ids: frozenset[str]) -> list[int]:
        """For each id, the row a timeline in memory finds by it: the last in date order."""
        rows = []
        for event_id in ids:
            found = self._connection.execute(
                "SELECT e.row FROM events e WHERE e.id = ? "
                "ORDER BY e.sort_key DESC, e.file_key DESC, e.idx DESC LIMIT 1",
                (event_id,),
            ).fetchone()
            if found:
                rows.append(found[0])
        return rows
