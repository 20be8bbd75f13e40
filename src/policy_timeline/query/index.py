"""Filters shared by the CLI and the explorer, answered from an index built once."""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Protocol

from policy_timeline.model.dates import PartialDate
from policy_timeline.model.events import Event, Timeline
from policy_timeline.query.date_index import DateIndex
from policy_timeline.query.in_force_counts import YearRuns, count_in_force, year_spans
from policy_timeline.query.lanes import lane_keys
from policy_timeline.query.word_index import WordIndex, search_words, term_pattern


@dataclass(frozen=True, slots=True)
class Filter:
    """What to show. Values OR within a facet and AND across facets."""

    sectors: frozenset[str] = frozenset()
    issuers: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    search: str = ""
    # Events in force on this date: those any day of which overlaps it.
    in_force: PartialDate | None = None
    # Only these events (the working set of marks); None lets every event through.
    ids: frozenset[str] | None = None

    @property
    def active(self) -> bool:
        return self != Filter()

    def describe(self) -> list[str]:
        """Short labels of the active parts, e.g. ``sector: aviation``."""
        parts = []
        for facet in FACETS.values():
            if values := facet.chosen(self):
                parts.append(f"{facet.name}: {' | '.join(sorted(values))}")
        if self.date_from or self.date_to:
            start = self.date_from.iso() if self.date_from else "…"
            end = self.date_to.iso() if self.date_to else "…"
            parts.append(f"dates: {start}..{end}")
        if self.in_force:
            parts.append(f"in force: {self.in_force.iso()}")
        if self.ids is not None:
            parts.append(f"marked only ({len(self.ids)})")
        if self.search:
            parts.append(f"search: {self.search}")
        return parts


class Searchable(Protocol):
    """What a search looks in: an ``Event``, or these fields alone (as the index decodes them)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def title_original(self) -> str | None: ...
    @property
    def doc_number(self) -> str | None: ...
    @property
    def summary(self) -> str: ...
    @property
    def highlights(self) -> tuple[str, ...]: ...


def event_search_text(event: Searchable) -> str:
    return written_search_text(event).casefold()


def written_search_text(event: Searchable) -> str:
    """The fields a search looks in, as written: ``event_search_text`` before folding."""
    parts = [
        event.id,
        event.title,
        event.title_original or "",
        event.doc_number or "",
        event.summary,
        *event.highlights,
    ]
    return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class Facet:
    """A way to narrow events by the values they carry: the one place that says
    which event field, filter field, vocabulary and label each facet uses."""

    name: str  # as the CLI option, the picker and the index name it
    title: str
    field: str  # the Filter's field, and the Vocabulary's table of declared values
    values_of: Callable[[Event], tuple[str, ...]]
    label: Callable[[Timeline, str], str]

    def chosen(self, query: Filter) -> frozenset[str]:
        chosen: frozenset[str] = getattr(query, self.field)
        return chosen

    def choose(self, query: Filter, values: frozenset[str]) -> Filter:
        changes: dict[str, Any] = {self.field: values}
        return replace(query, **changes)

    def declared(self, timeline: Timeline) -> Mapping[str, object] | None:
        declared: Mapping[str, object] | None = getattr(timeline.vocabulary, self.field)
        return declared


FACETS: dict[str, Facet] = {
    facet.name: facet
    for facet in (
        Facet("sector", "Sector", "sectors", lambda event: event.sectors, Timeline.sector_label),
        Facet("issuer", "Issuer", "issuers", lambda event: event.issuers, Timeline.issuer_label),
        Facet("kind", "Kind", "kinds", lambda event: (event.kind,), Timeline.kind_label),
    )
}


def single_facet_value(query: Filter) -> tuple[str, str] | None:
    """The facet and value (folded) of a filter that picks one value of one facet
    and nothing else that narrows by event: the usual pick, whose rows are kept."""
    chosen = [(facet.name, wanted) for facet in FACETS.values() if (wanted := facet.chosen(query))]
    if len(chosen) != 1 or len(chosen[0][1]) != 1 or query.ids is not None:
        return None
    ((name, wanted),) = chosen
    return name, next(iter(wanted)).casefold()


@dataclass(slots=True)
class TimelineIndex:
    """Per-facet sets of row numbers and a folded search text per row.

    Rows are positions in ``timeline.events`` (date order), so a query answers
    with an ascending list of rows and never touches the event objects.
    """

    timeline: Timeline
    facets: dict[str, dict[str, set[int]]] = field(init=False)
    # Each folded value as the timeline first spells it.
    spellings: dict[str, dict[str, str]] = field(init=False)
    _texts: list[str] | None = None
    _row_of: dict[str, int] | None = None
    _years: tuple[list[int], list[int]] | None = None
    _runs: YearRuns | None = None
    _dates: DateIndex | None = None
    _words: WordIndex | None = None
    # Each facet value's rows in order, as a one-value filter asks for them.
    _sorted: dict[tuple[str, str], tuple[int, ...]] = field(default_factory=dict)
    _texts_lock: threading.Lock = field(default_factory=threading.Lock)
    # Lines a search step may check: None leaves it to the screen (texts are held).
    search_slice: ClassVar[int | None] = None

    def __post_init__(self) -> None:
        self.facets = {facet: {} for facet in FACETS}
        self.spellings = {facet: {} for facet in FACETS}
        for row, event in enumerate(self.timeline.events):
            for facet in FACETS.values():
                rows, spellings = self.facets[facet.name], self.spellings[facet.name]
                for value in facet.values_of(event):
                    folded = value.casefold()
                    rows.setdefault(folded, set()).add(row)
                    spellings.setdefault(folded, value)

    @property
    def words(self) -> WordIndex:
        """The word-start index of the search texts, made on first use (a thread's job)."""
        if self._words is None:
            texts = self.texts
            with self._texts_lock:
                if self._words is None:
                    self._words = WordIndex(texts)
        return self._words

    @property
    def words_ready(self) -> bool:
        return self._words is not None

    @property
    def prepared(self) -> bool:
        """Whether what the explorer makes after its first frame is made."""
        return self._words is not None

    def prepare(self) -> None:
        """Makes the date index, the search texts and the word index (a thread's job)."""
        self.dates  # noqa: B018 - made on first use; this is the use
        self.words  # noqa: B018

    @property
    def texts(self) -> list[str]:
        """The folded search text of each row, made on first use.

        Half the cost of the index at 100k events and only a search needs it,
        so the explorer can paint first and have a thread make it meanwhile.
        """
        if self._texts is None:
            with self._texts_lock:
                if self._texts is None:
                    self._texts = [event_search_text(event) for event in self.timeline.events]
        return self._texts

    def search_texts(self, rows: Sequence[int]) -> list[str]:
        """The folded search texts of these rows (the index's ``StoreView`` decodes them)."""
        texts = self.texts
        return [texts[row] for row in rows]

    def events_with_ids(self, ids: Collection[str]) -> list[Event]:
        """The events with these ids, in date order."""
        return [event for event in self.timeline.events if event.id in ids]

    @property
    def row_of(self) -> dict[str, int]:
        """Each event's row, by id."""
        if self._row_of is None:
            self._row_of = {event.id: row for row, event in enumerate(self.timeline.events)}
        return self._row_of

    @property
    def dates(self) -> DateIndex:
        """The rows by first and last possible day, made on first use (a date filter's)."""
        if self._dates is None:
            self._dates = DateIndex.of(self.timeline.events)
        return self._dates

    def in_force_per_year(self, rows: Sequence[int]) -> dict[int, int]:
        """How many of these rows' events may be in force in each year.

        A period counts in every year from its start to its end, an event
        without an end in its own year: the same overlap as ``in_force``.
        ``rows`` ascending, as a query answers them; a filter over 100k events
        costs a millisecond or two (``count_in_force``).
        """
        firsts, lasts = self.years
        if self._runs is None:
            self._runs = YearRuns.of(firsts, lasts)
        return count_in_force(firsts, lasts, rows, self._runs)

    @property
    def years(self) -> tuple[list[int], list[int]]:
        """Each row's first year and the last it may be in force (its end's, else its own)."""
        if self._years is None:
            firsts = [event.date.year for event in self.timeline.events]
            lasts = [
                max(first, event.end.year) if event.end else first
                for first, event in zip(firsts, self.timeline.events, strict=True)
            ]
            self._years = (firsts, lasts)
        return self._years

    def year_spans(self) -> list[tuple[int, int, int]]:
        """Each year with the first and one-past-last row of its events."""
        return year_spans(self.years[0])

    def year_span(self) -> tuple[int, int] | None:
        """From the first start to the last start or end."""
        firsts, lasts = self.years
        return (min(firsts), max(lasts)) if firsts else None

    def lane_rows(self, grouping: str) -> dict[str, list[int]]:
        """Every lane's rows, for the periods view (``lanes.lane_keys``)."""
        return lane_keys(self.timeline, grouping)

    def events_with_targets(self) -> Iterator[tuple[int, Event]]:
        """Each event that sets a target, with its row, in date order."""
        return ((row, event) for row, event in enumerate(self.timeline.events) if event.targets)

    def values(self, facet: str) -> dict[str, int]:
        """Each value of a facet, as written in the timeline, with its number of events."""
        spellings = self.spellings[facet]
        return {spellings[folded]: len(rows) for folded, rows in self.facets[facet].items()}

    def counts(self, facet: str, within: Filter) -> dict[str, int]:
        """Each value's events among those the filter lets through (a faceted count)."""
        if within == Filter():
            return self.values(facet)
        allowed = set(self.rows(within))
        spellings = self.spellings[facet]
        return {
            spellings[folded]: len(rows & allowed) for folded, rows in self.facets[facet].items()
        }

    def rows(self, query: Filter) -> list[int]:
        narrowed = self._facet_rows(query)
        if query.date_from or query.date_to:
            narrowed = self.dates.overlapping(narrowed, query.date_from, query.date_to)
        if query.in_force:
            narrowed = self.dates.overlapping(narrowed, query.in_force, query.in_force)
        rows = narrowed if narrowed is not None else range(len(self.timeline.events))
        terms = search_words(query.search)
        if terms and self.words_ready:
            found = self.words.matching(terms)
            rows = [row for row in rows if row in found]
        elif terms:
            texts, patterns = self.texts, [term_pattern([term]) for term in terms]
            rows = [row for row in rows if all(pattern.search(texts[row]) for pattern in patterns)]
        return list(rows)

    def _facet_rows(self, query: Filter) -> Sequence[int] | None:
        """The ascending rows the facets and ids let through; None when they let all."""
        single = single_facet_value(query)
        if single is not None:
            return self._sorted_rows(*single)
        chosen = [
            (facet.name, wanted) for facet in FACETS.values() if (wanted := facet.chosen(query))
        ]
        candidates: set[int] | None = None
        for name, wanted in chosen:
            matching: set[int] = set()
            for value in wanted:
                matching |= self.facets[name].get(value.casefold(), set())
            candidates = matching if candidates is None else candidates & matching
        if query.ids is not None:
            row_of = self.row_of
            ids = {row_of[event_id] for event_id in query.ids if event_id in row_of}
            candidates = ids if candidates is None else candidates & ids
        return sorted(candidates) if candidates is not None else None

    def _sorted_rows(self, facet: str, folded: str) -> Sequence[int]:
        key = (facet, folded)
        rows = self._sorted.get(key)
        if rows is None:
            rows = self._sorted[key] = tuple(sorted(self.facets[facet].get(folded, ())))
        return rows

    def events(self, query: Filter) -> list[Event]:
        return [self.timeline.events[row] for row in self.rows(query)]


def overlaps(event: Event, start: PartialDate | None, end: PartialDate | None) -> bool:
    """Whether any day the event may cover falls in the range (open where None).

    ``--from``/``--to`` and "in force on" both ask this; a date stands for every
    day it may mean, so ``2017`` is the whole year on either side.
    """
    last = (event.end or event.date).latest()
    if start and last < start.earliest():
        return False
    return not (end and event.date.earliest() > end.latest())


def in_force(event: Event, on: PartialDate) -> bool:
    """Whether the event may be in force on a date: a period that reaches it, or
    an event of that date. ``on`` may be a year, a month or a day."""
    return overlaps(event, on, on)
