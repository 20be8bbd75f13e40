"""Filters shared by the CLI and the explorer, answered from an index built once."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from policy_timeline.dates import PartialDate
from policy_timeline.model import Event, Timeline


@dataclass(frozen=True, slots=True)
class Filter:
    """What to show. Values OR within a facet and AND across facets."""

    sectors: frozenset[str] = frozenset()
    issuers: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    search: str = ""

    @property
    def active(self) -> bool:
        return self != Filter()

    def describe(self) -> list[str]:
        """Short labels of the active parts, e.g. ``sector: aviation``."""
        parts = []
        for label, values in (("sector", self.sectors), ("issuer", self.issuers),
                              ("kind", self.kinds)):
            if values:
                parts.append(f"{label}: {' | '.join(sorted(values))}")
        if self.date_from or self.date_to:
            start = self.date_from.iso() if self.date_from else "…"
            end = self.date_to.iso() if self.date_to else "…"
            parts.append(f"dates: {start}..{end}")
        if self.search:
            parts.append(f"search: {self.search}")
        return parts


def search_terms(text: str) -> list[str]:
    return text.casefold().split()


def event_search_text(event: Event) -> str:
    parts = [event.id, event.title, event.title_original or "", event.doc_number or "",
             event.summary, *event.highlights]
    return "\n".join(parts).casefold()


FACETS = ("sector", "issuer", "kind")


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
    _texts_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.facets = {facet: {} for facet in FACETS}
        self.spellings = {facet: {} for facet in FACETS}
        for row, event in enumerate(self.timeline.events):
            for facet in FACETS:
                rows, spellings = self.facets[facet], self.spellings[facet]
                for value in _facet_values(event, facet):
                    folded = value.casefold()
                    rows.setdefault(folded, set()).add(row)
                    spellings.setdefault(folded, value)

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
        return {spellings[folded]: len(rows & allowed)
                for folded, rows in self.facets[facet].items()}

    def rows(self, query: Filter) -> list[int]:
        candidates: set[int] | None = None
        for facet, wanted in (("sector", query.sectors), ("issuer", query.issuers),
                              ("kind", query.kinds)):
            if not wanted:
                continue
            matching: set[int] = set()
            for value in wanted:
                matching |= self.facets[facet].get(value.casefold(), set())
            candidates = matching if candidates is None else candidates & matching
        rows = sorted(candidates) if candidates is not None else range(len(self.timeline.events))
        if query.date_from or query.date_to:
            rows = [row for row in rows if _in_range(self.timeline.events[row], query)]
        terms = search_terms(query.search)
        if terms:
            texts = self.texts
            rows = [row for row in rows if all(term in texts[row] for term in terms)]
        return list(rows)

    def events(self, query: Filter) -> list[Event]:
        return [self.timeline.events[row] for row in self.rows(query)]


def _facet_values(event: Event, facet: str) -> tuple[str, ...]:
    if facet == "sector":
        return event.sectors
    if facet == "issuer":
        return event.issuers
    return (event.kind,)


def _in_range(event: Event, query: Filter) -> bool:
    """An event is in range when any day it may cover overlaps the range."""
    last = (event.end or event.date).latest()
    if query.date_from and last < query.date_from.earliest():
        return False
    return not (query.date_to and event.date.earliest() > query.date_to.latest())
