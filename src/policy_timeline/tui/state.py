"""What the explorer shows, apart from how: the filter, the lines, search hits and history.

Kept free of widgets so the screen stays a thin layer of messages and actions,
and so this logic can be tested without a terminal.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace

from policy_timeline.model import Event, Timeline
from policy_timeline.query import Filter, TimelineIndex, search_terms
from policy_timeline.tui.layout_rows import Lines, build_lines


@dataclass(slots=True)
class ViewState:
    timeline: Timeline
    index: TimelineIndex = field(init=False)
    row_of: dict[str, int] = field(init=False)
    filter: Filter = field(default_factory=Filter)
    lines: Lines = field(init=False)
    search: str = ""
    matches: frozenset[int] = frozenset()
    match_positions: list[int] = field(default_factory=list)
    # Where the user was before each followed link: the event and the filter then.
    history: list[tuple[str, Filter]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.replace_timeline(self.timeline)

    def replace_timeline(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.index = TimelineIndex(timeline)
        self.row_of = {event.id: row for row, event in enumerate(timeline.events)}
        self.apply(self.filter)

    def apply(self, query: Filter) -> None:
        self.filter = query
        self.lines = build_lines(self.timeline, self.index.rows(query))
        self.set_search(self.search)

    def set_search(self, text: str) -> None:
        self.search = text
        terms = search_terms(text)
        texts = self.index.texts
        if not terms:
            self.matches, self.match_positions = frozenset(), []
            return
        self.match_positions = [position for position, row in enumerate(self.lines.rows)
                                if all(term in texts[row] for term in terms)]
        rows = self.lines.rows
        self.matches = frozenset(rows[position] for position in self.match_positions)

    @property
    def terms(self) -> list[str]:
        return search_terms(self.search)

    def event_at(self, position: int) -> Event | None:
        rows = self.lines.rows
        return self.timeline.events[rows[position]] if 0 <= position < len(rows) else None

    def position_of(self, event_id: str | None) -> int | None:
        """Where an event sits in the current lines, or None when the filter hides it."""
        row = self.row_of.get(event_id or "")
        if row is None:
            return None
        rows = self.lines.rows
        position = bisect_left(rows, row)
        return position if position < len(rows) and rows[position] == row else None

    def nearest_position(self, event_id: str | None, fallback_row: int) -> int:
        """The event's position, or the one nearest in date order when it is gone."""
        found = self.position_of(event_id)
        if found is not None:
            return found
        row = self.row_of.get(event_id or "", fallback_row)
        return max(0, min(bisect_left(self.lines.rows, row), len(self.lines.rows) - 1))

    def match_from(self, position: int, forward: bool = True,
                   include: bool = False) -> tuple[int | None, bool]:
        """The next (or previous) hit from ``position``, and whether the search wrapped."""
        hits = self.match_positions
        if not hits:
            return None, False
        if forward:
            index = (bisect_left if include else bisect_right)(hits, position)
            return (hits[index], False) if index < len(hits) else (hits[0], True)
        index = bisect_left(hits, position) - 1
        return (hits[index], False) if index >= 0 else (hits[-1], True)

    def year_counts(self) -> dict[int, int]:
        events = self.timeline.events
        return dict(Counter(events[row].date.year for row in self.lines.rows))

    def span(self) -> tuple[int, int] | None:
        events = self.timeline.events
        return (events[0].date.year, events[-1].date.year) if events else None

    def facet_counts(self, facet: str) -> dict[str, int]:
        """Each value's events among those the *other* facets let through (a faceted count)."""
        cleared = with_facet(self.filter, facet, frozenset())
        counts = dict.fromkeys(self.index.values(facet), 0)
        folded = {value.casefold(): value for value in counts}
        for row in self.index.rows(cleared):
            event = self.timeline.events[row]
            values = (event.sectors if facet == "sector" else event.issuers if facet == "issuer"
                      else (event.kind,))
            for value in values:
                counts[folded[value.casefold()]] += 1
        return counts

    def label(self, facet: str, value: str) -> str:
        """A value as a reader knows it: the vocabulary's name where there is one."""
        timeline = self.timeline
        if facet == "sector":
            return timeline.sector_label(value)
        if facet == "issuer":
            return timeline.issuer_label(value)
        return (timeline.vocabulary.kinds or {}).get(value, value)

    def describe(self) -> list[str]:
        parts = self.filter.describe()
        if self.search:
            hits = len(self.match_positions)
            parts.append(f"find: {self.search} ({hits} {'match' if hits == 1 else 'matches'})")
        return parts


def with_facet(query: Filter, facet: str, values: frozenset[str]) -> Filter:
    if facet == "sector":
        return replace(query, sectors=values)
    if facet == "issuer":
        return replace(query, issuers=values)
    return replace(query, kinds=values)
