"""The explorer's view of the index: what ``TimelineIndex`` answers, over ranks.

A rank is an event's position in date order (0 .. n-1), as a row of
``timeline.events`` is in memory, so the explorer's code does not change with
its source. The view holds, per rank, a few integers in ``array``s (the index's
row, the first and last possible day and year) and, per facet value, a bitmap
of ranks (a Python ``int``: a filter is ``&``, a count ``bit_count``); the
events stay in the index and are decoded when shown, a few thousand kept.

Those arrays and bitmaps are derived once after each write and kept in the
index (``store_derived``), so a warm open reads a few MB instead of a million
rows. The view keeps one read
transaction open for its life: it sees one state of the index, whatever
another process writes meanwhile; a reload opens a new view.

Search keeps its meaning: the full-text tables narrow the ranks
(``store_search.search_narrowing``), a chunk at a time, and each candidate's
decoded text is checked with the same pattern as in memory.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import reduce
from operator import or_
from pathlib import Path
from typing import Any, cast

import msgspec

from policy_timeline.model.events import Event
from policy_timeline.query import store_query
from policy_timeline.query.date_index import DateBits, DateIndex
from policy_timeline.query.in_force_counts import InForceBits, year_spans
from policy_timeline.query.index import (
    FACETS,
    Filter,
    event_search_text,
    single_facet_value,
)
from policy_timeline.query.lanes import NO_SECTOR
from policy_timeline.query.rank_bits import bits_below, bits_of_ranks, ranks_of_bits
from policy_timeline.query.store import DECODE_EVENT, Refreshed, refresh
from policy_timeline.query.store_derived import array_of, read_derived
from policy_timeline.query.store_ranked import RankById, RankedEvents, RankedTimeline
from policy_timeline.query.store_search import search_narrowing
from policy_timeline.query.word_index import (
    WordIndex,
    is_spaceless,
    search_words,
    term_pattern,
)

_NO_TARGETS = msgspec.msgpack.encode(())


class _Targets(msgspec.Struct):
    """An event's targets left encoded: enough to tell whether it sets any."""

    targets: msgspec.Raw = msgspec.Raw(_NO_TARGETS)


_DECODE_TARGETS = msgspec.msgpack.Decoder(_Targets).decode


class _Issuers(msgspec.Struct):
    """An event's issuers, decoded without the rest: its lane by lead issuer."""

    issuers: tuple[str, ...] = ()


_DECODE_ISSUERS = msgspec.msgpack.Decoder(_Issuers).decode

SEARCH_CHUNK = 2000  # candidate rows fetched from the full-text tables at a time
# Shorter terms are not narrowed by FTS: the prefix index holds prefixes of three
# characters, and without it a query for "s" merges the lists of every word
# beginning with it (half a second per chunk at 100k on the loaded machine);
# checking the lines themselves, a step at a time, costs a keystroke less.
SHORTEST_NARROWING = 3
# Up to this many events the view also makes the word index in memory after the
# first frame (texts and postings, about 1.5 kB an event), as a loaded timeline
# does: a search keystroke then takes milliseconds, where checking candidates
# decoded from the index takes about 30 µs each (most of a second at 20k for a
# common word). Above it, memory would grow with the timeline again.
WORDS_IN_MEMORY_UP_TO = 200_000


def open_view(root: Path, write: bool = False) -> StoreView | None:
    """The view of a folder's index when the index holds what the folder holds
    (or, with ``write``, after bringing it up to date); None otherwise."""
    refreshed = refresh(root, write=write)
    if refreshed is None:
        return None
    try:
        return StoreView(refreshed)
    except sqlite3.DatabaseError:
        refreshed.connection.close()
        return None


class StoreView:
    """What ``TimelineIndex`` answers the explorer, from the index, by rank."""

    # A search slice: candidates checked per turn of the explorer's event loop
    # (each is decoded, about 20 µs, where memory checks a held text).
    search_slice: int | None = 500  # lines a search step checks: each is decoded

    def __init__(self, refreshed: Refreshed) -> None:
        self._connection = refreshed.connection
        self._lock = threading.RLock()
        self.refreshed = refreshed
        self.problems = refreshed.problems
        derived = read_derived(refreshed)
        self.order = array_of("q", derived.order)
        self.rank_of = array_of("q", derived.rank_of)
        self.size = len(self.order)
        self._first_day = array_of("i", derived.first_day)
        self._last_day = array_of("i", derived.last_day)
        self.years = (array_of("i", derived.first_year), array_of("i", derived.last_year))
        self._all_in_force = derived.in_force
        self.bitmaps: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        for facet, value, bits in derived.facets:
            self.bitmaps[facet][value] = int.from_bytes(bits, "little")
        self.row_of: Mapping[str, int] = RankById(self)
        self._dates: DateIndex | None = None
        self._values: dict[str, dict[str, int]] = {}
        self._words: WordIndex | None = None
        # One value of one facet, the usual pick: its ranks, listed once and kept.
        self._value_ranks: dict[tuple[str, str], tuple[tuple[int, ...], int]] = {}
        self._answered: tuple[list[int], int] | None = None  # the last rows, as bits
        self._in_force_bits: InForceBits | None = None
        self._date_bits: DateBits | None = None
        self.timeline = RankedTimeline(self, refreshed, derived.widths)

    def close(self) -> None:
        with self._lock:
            if self._connection.in_transaction:
                self._connection.execute("COMMIT")
            self.refreshed.store.seal(self._connection)
            self._connection.close()

    # The index ---------------------------------------------------------------

    def query(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """One query's rows; the connection is shared by the explorer's threads."""
        with self._lock:
            return self._connection.execute(sql, parameters).fetchall()

    def decode(self, ranks: Sequence[int]) -> list[Event]:
        """The events of these ranks, in their order (one query)."""
        if not ranks:
            return []
        rows = [self.order[rank] for rank in ranks]
        data = self._data(rows)
        return [DECODE_EVENT(data[row]) for row in rows]

    def _lead_issuer_lanes(self) -> dict[str, list[int]]:
        """Each lead issuer's ranks, from each event's issuers decoded alone."""
        lanes: dict[str, list[int]] = {}
        for rank, blob in self._encoded():
            issuers = _DECODE_ISSUERS(blob).issuers
            lanes.setdefault(issuers[0] if issuers else "", []).append(rank)
        return lanes

    def events_with_targets(self) -> Iterator[tuple[int, Event]]:
        """Each event that sets a target, with its rank, in date order: only those
        are decoded whole (the rest only as far as their targets, half the cost)."""
        for rank, blob in self._encoded():
            if bytes(_DECODE_TARGETS(blob).targets) != _NO_TARGETS:
                yield rank, DECODE_EVENT(blob)

    def _encoded(self) -> Iterator[tuple[int, bytes]]:
        """Every rank with its event as encoded, in date order, a batch per query."""
        for start in range(0, self.size, store_query.BATCH):
            ranks = range(start, min(start + store_query.BATCH, self.size))
            rows = [self.order[rank] for rank in ranks]
            data = self._data(rows)
            yield from zip(ranks, map(data.__getitem__, rows), strict=True)

    def _data(self, rows: list[int]) -> dict[int, bytes]:
        """Each row's encoded event."""
        with self._lock:
            return dict(
                self._connection.execute(
                    "SELECT row, data FROM events WHERE row IN (SELECT value FROM json_each(?))",
                    (msgspec.json.encode(rows),),
                ).fetchall()
            )

    def events_with_ids(self, ids: Iterable[str]) -> list[Event]:
        """Every event with one of these ids, in date order."""
        rows = self.query(
            "SELECT row FROM events WHERE id IN (SELECT value FROM json_each(?))",
            (msgspec.json.encode(sorted(ids)),),
        )
        events: RankedEvents = cast(RankedEvents, self.timeline.events)
        return events.decoded(sorted(self.rank_of[row] for (row,) in rows))

    # What TimelineIndex answers ------------------------------------------------

    @property
    def dates(self) -> DateIndex:
        if self._dates is None:
            self._dates = DateIndex.of_days(self._first_day, self._last_day)
        return self._dates

    @property
    def prepared(self) -> bool:
        """Whether what the explorer makes after its first frame is made."""
        return self._dates is not None

    def prepare(self) -> None:
        self.dates  # noqa: B018 - made on first use; this is the use
        self.in_force_bits  # noqa: B018
        self.date_bits  # noqa: B018
        if self.size <= WORDS_IN_MEMORY_UP_TO and self._words is None:
            self._words = WordIndex(self.search_texts(range(self.size)))

    @property
    def words_ready(self) -> bool:
        return self._words is not None

    @property
    def words(self) -> WordIndex:
        """The word index by rank; only once ``words_ready``."""
        assert self._words is not None
        return self._words

    def year_spans(self) -> list[tuple[int, int, int]]:
        return year_spans(self.years[0])

    def year_span(self) -> tuple[int, int] | None:
        firsts, lasts = self.years
        return (firsts[0], max(lasts)) if self.size else None

    @property
    def date_bits(self) -> DateBits:
        """A date range's ranks as a bitmap, made on first use (or by ``prepare``)."""
        if self._date_bits is None:
            self._date_bits = DateBits.of(self.dates)
        return self._date_bits

    @property
    def in_force_bits(self) -> InForceBits:
        """What counting a bitmap's events per year needs, made on first use."""
        if self._in_force_bits is None:
            self._in_force_bits = InForceBits.of(self.year_spans(), *self.years)
        return self._in_force_bits

    def in_force_per_year(self, rows: Sequence[int]) -> dict[int, int]:
        if len(rows) == self.size:
            return dict(self._all_in_force)
        answered = self._answered
        if answered is not None and answered[0] is rows:
            bits = answered[1]
        else:
            bits = bits_of_ranks(rows, self.size)
        return self.in_force_bits.counts(bits)

    def lane_rows(self, grouping: str) -> dict[str, list[int]]:
        """Every lane's ranks (``lanes.lane_keys``): by kind and by sector from the
        facets' bitmaps; by lead issuer, which no bitmap holds, from each event's
        issuers alone (a fifth of decoding it whole)."""
        if grouping == "issuer":
            return self._lead_issuer_lanes()
        bitmaps = self.bitmaps[grouping]
        lanes = {value: ranks_of_bits(bits, self.size) for value, bits in bitmaps.items()}
        if grouping == "sector":
            without = bits_below(self.size) & ~reduce(or_, bitmaps.values(), 0)
            if without:
                # An event written with the lane's own name sits in it too.
                written = bits_of_ranks(lanes.get(NO_SECTOR, []), self.size)
                lanes[NO_SECTOR] = ranks_of_bits(without | written, self.size)
        return lanes

    def values(self, facet: str) -> dict[str, int]:
        """Each value of a facet, as the timeline first spells it, with its events."""
        found = self._values.get(facet)
        if found is None:
            found = {}
            for spellings in self._spellings(facet).values():
                bits = 0
                for value in spellings:
                    bits |= self.bitmaps[facet][value]
                found[self._first_spelling(facet, spellings)] = bits.bit_count()
            self._values[facet] = found
        return dict(found)

    def counts(self, facet: str, within: Filter) -> dict[str, int]:
        """Each value's events among those the filter lets through (a faceted count)."""
        if within == Filter():
            return self.values(facet)
        allowed = self._bits(within)
        counts: dict[str, int] = {}
        for spellings in self._spellings(facet).values():
            bits = 0
            for value in spellings:
                bits |= self.bitmaps[facet][value]
            counts[self._first_spelling(facet, spellings)] = (bits & allowed).bit_count()
        return counts

    def rows(self, query: Filter) -> list[int]:
        """The ranks the filter lets through, ascending."""
        ranks, bits = self._ranks_without_search(query)
        terms = search_words(query.search)
        if not terms:
            rows = ranks if isinstance(ranks, list) else list(ranks)
            # Kept with the list, so counting its events per year (next, on a
            # filter's keystroke) starts from the bitmap rather than the list.
            self._answered = (rows, bits if bits is not None else bits_below(self.size))
            return rows
        candidates: set[int] | None = None
        for chunk in self.search_chunks(terms):
            candidates = set(chunk) if candidates is None else candidates | set(chunk)
        if candidates is not None:
            ranks = [rank for rank in ranks if rank in candidates]
        patterns = [term_pattern([term]) for term in terms]
        return [
            rank
            for rank, text in zip(ranks, self.search_texts(ranks), strict=True)
            if all(pattern.search(text) for pattern in patterns)
        ]

    # Search --------------------------------------------------------------------

    def search_chunks(self, terms: list[str]) -> Iterator[list[int]]:
        """The ranks that may match every term, a chunk at a time (each in the
        index's row order): those the longest term that narrows finds, or every
        rank when none narrows. The patterns check each candidate after."""
        narrowings = [
            narrowing
            for term in sorted(terms, key=len, reverse=True)
            if len(term) >= SHORTEST_NARROWING or is_spaceless(term[0])
            if (narrowing := search_narrowing(term)) is not None
        ]
        if not narrowings:
            for start in range(0, self.size, SEARCH_CHUNK):
                yield list(range(start, min(start + SEARCH_CHUNK, self.size)))
            return
        condition, parameter = narrowings[0]
        # "e.row IN (SELECT rowid FROM <table> WHERE ...)": its inner query, asked
        # for a range of rowids at a time, which FTS5 answers without a full match.
        inner = condition.removeprefix("e.row IN (").removesuffix(")")
        after = 0
        rank_of = self.rank_of
        while True:
            rows = self.query(
                f"{inner} AND rowid > ? ORDER BY rowid LIMIT {SEARCH_CHUNK}", (parameter, after)
            )
            if not rows:
                return
            after = rows[-1][0]
            yield [rank_of[row] for (row,) in rows if row < len(rank_of) and rank_of[row] >= 0]

    def search_texts(self, ranks: Sequence[int]) -> list[str]:
        """Each rank's folded search text, decoding only the fields it is made of."""
        texts: list[str] = []
        for start in range(0, len(ranks), store_query.BATCH):
            rows = [self.order[rank] for rank in ranks[start : start + store_query.BATCH]]
            data = self._data(rows)
            # Only the fields ``event_search_text`` reads (a quarter of the decoding).
            texts.extend(event_search_text(store_query.DECODE_SEARCHED(data[row])) for row in rows)
        return texts

    # Within -------------------------------------------------------------------

    def _spellings(self, facet: str) -> dict[str, list[str]]:
        spellings: dict[str, list[str]] = {}
        for value in self.bitmaps[facet]:
            spellings.setdefault(value.casefold(), []).append(value)
        return spellings

    def _first_spelling(self, facet: str, spellings: list[str]) -> str:
        """The spelling the first event in date order uses (first in its values on a tie)."""
        if len(spellings) == 1:
            return spellings[0]
        bitmaps = self.bitmaps[facet]
        firsts = {value: (bitmaps[value] & -bitmaps[value]).bit_length() - 1 for value in spellings}
        rank = min(firsts.values())
        tied = [value for value in spellings if firsts[value] == rank]
        if len(tied) == 1:
            return tied[0]
        written = FACETS[facet].values_of(self.timeline.events[rank])
        return min(tied, key=written.index)

    def _facet_bits(self, query: Filter) -> int | None:
        """The facets' and marks' bitmap, or None when neither narrows."""
        bits: int | None = None
        for facet in FACETS.values():
            wanted = {value.casefold() for value in facet.chosen(query)}
            if not wanted:
                continue
            matching = 0
            for value, value_bits in self.bitmaps[facet.name].items():
                if value.casefold() in wanted:
                    matching |= value_bits
            bits = matching if bits is None else bits & matching
        if query.ids is not None:
            ranks = [
                rank for event_id in query.ids if (rank := self.row_of.get(event_id)) is not None
            ]
            chosen = bits_of_ranks(ranks, self.size)
            bits = chosen if bits is None else bits & chosen
        return bits

    def _ranks_without_search(self, query: Filter) -> tuple[Sequence[int], int | None]:
        """The ascending ranks the filter's facets, ids and dates let through, and
        their bitmap (None when they let every rank through)."""
        dated = bool(query.date_from or query.date_to or query.in_force)
        single = None if dated else single_facet_value(query)
        kept = self._value_ranks.get(single) if single is not None else None
        if kept is not None:
            return kept
        bits = self._bits_without_search(query)
        if bits is None:
            return range(self.size), None
        ranks = ranks_of_bits(bits, self.size)
        if single is not None:
            self._value_ranks[single] = (tuple(ranks), bits)
        return ranks, bits

    def _bits_without_search(self, query: Filter) -> int | None:
        """The facets', ids' and dates' bitmap, or None when none narrows."""
        bits = self._facet_bits(query)
        for start, end in ((query.date_from, query.date_to), (query.in_force, query.in_force)):
            if start or end:
                dated = self.date_bits.overlapping(start, end)
                bits = dated if bits is None else bits & dated
        return bits

    def _bits(self, query: Filter) -> int:
        """The ranks the filter lets through, as a bitmap."""
        if query.search:
            return bits_of_ranks(self.rows(query), self.size)
        bits = self._bits_without_search(query)
        return bits if bits is not None else bits_below(self.size)
