"""What the explorer shows, apart from how: the filter, the lines, search hits and history.

Kept free of widgets so the screen stays a thin layer of messages and actions,
and so this logic can be tested without a terminal.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import InitVar, dataclass, field

from policy_timeline.model.dates import PartialDate
from policy_timeline.model.events import Event, Timeline
from policy_timeline.query.index import FACETS, Filter, TimelineIndex
from policy_timeline.query.store_view import StoreView
from policy_timeline.query.word_index import search_words, term_pattern
from policy_timeline.tui.layout_rows import Lines, build_lines

# Filters whose in-force counts are kept (a few dozen numbers each).
IN_FORCE_COUNTS_KEPT = 32


# Either source of the explorer's data: the timeline loaded whole and indexed in
# memory, or the index file read by rank. Both answer the same questions.
ExplorerIndex = TimelineIndex | StoreView


@dataclass(slots=True)
class ViewState:
    timeline: Timeline
    index: ExplorerIndex = field(init=False)
    spans: list[tuple[int, int, int]] = field(init=False)
    row_of: Mapping[str, int] = field(init=False)
    filter: Filter = field(default_factory=Filter)
    lines: Lines = field(init=False)
    search: str = ""
    matches: frozenset[int] = frozenset()
    match_positions: list[int] = field(default_factory=list)
    search_done: bool = True
    _terms: list[str] = field(default_factory=list)
    _patterns: list[re.Pattern[str]] = field(default_factory=list)
    _pending: Sequence[int] = ()
    # From the index: the chunks of candidate rows its full-text tables find.
    _chunks: Iterator[list[int]] | None = None
    _checked: int = 0
    _found: list[int] = field(default_factory=list)
    _searched: Lines | None = None  # the lines the last search ran over
    # Where the user was before each followed link: the event and the filter then.
    history: list[tuple[str, Filter]] = field(default_factory=list)
    _span: tuple[int, int] | None = None
    # The date whose events the periods view lights up (filtered to them or not).
    in_force_on: PartialDate | None = None
    _in_force_counts: dict[Filter, dict[int, int]] = field(default_factory=dict)
    # The index to show the timeline from; by default one is made in memory.
    source: InitVar[ExplorerIndex | None] = None

    def __post_init__(self, source: ExplorerIndex | None) -> None:
        self.replace_timeline(self.timeline, source)

    def replace_timeline(self, timeline: Timeline, index: ExplorerIndex | None = None) -> None:
        self.timeline = timeline
        self.index = index if index is not None else TimelineIndex(timeline)
        self._in_force_counts = {}
        self.spans = self.index.year_spans()
        self.row_of = self.index.row_of
        self._span = self.index.year_span()
        self.apply(self.filter)

    @property
    def search_slice(self) -> int | None:
        """Lines one search step may check, when the source sets its own (the
        index decodes each candidate, where memory holds its text)."""
        return self.index.search_slice

    def apply(self, query: Filter) -> None:
        """Shows what the filter lets through. From memory the search runs over it
        at once; from the index the screen carries it on a step at a time."""
        self.filter = query
        # Nothing filtered out: every row, as a range rather than a list of them
        # all (100,000 numbers made on clearing a filter, freed on the next one).
        rows = self.index.rows(query) if query.active else range(len(self.timeline.events))
        self.lines = build_lines(self.spans, rows)
        if isinstance(self.index, StoreView):
            self.begin_search(self.search)
        else:
            self.set_search(self.search)

    def set_search(self, text: str) -> None:
        """Finds every match at once; the screen uses the stepped form below instead."""
        self.begin_search(text)
        while not self.search_step(len(self.lines.rows) + 1):
            pass

    def begin_search(self, text: str) -> None:
        """Starts a search that ``search_step`` carries out a slice at a time.

        A term finds the events with a word that begins with it. Once the word
        index is made (in a thread, after the first frame) a search is answered
        from it at once; until then the texts are scanned. Text that only extends
        the last finished search can only match fewer events, so a scan looks
        among the last matches rather than every line.
        """
        narrowing = (
            self.search_done
            and bool(self.terms)
            and text.startswith(self.search)
            and self._searched is self.lines
        )
        self._searched = self.lines
        self.search = text
        self._terms = search_words(text)
        self._patterns = [term_pattern([term]) for term in self._terms]
        self._pending = self.match_positions if narrowing else range(len(self.lines.rows))
        self._checked = 0
        self._found = []
        self._chunks = None
        self.search_done = not self._terms
        if self.search_done:
            self.matches, self.match_positions = frozenset(), []
        elif isinstance(self.index, StoreView) and not self.index.words_ready:
            if not narrowing:
                self._pending = []
                self._chunks = self.index.search_chunks(self._terms)
        elif self.index.words_ready:
            found = self.index.words.matching(self._terms)
            if len(self.lines.rows) == len(self.timeline.events):
                # Every event in view: a row is its own position, no lookups.
                self.match_positions, self.matches = sorted(found), found
                self.search_done = True
            else:
                self._finish(self._indexed_positions(found))

    def _indexed_positions(self, found: frozenset[int]) -> list[int]:
        rows = self.lines.rows
        if len(found) * 8 < len(rows):  # few: find each one's place by bisection
            places = (bisect_left(rows, row) for row in found)
            return sorted(place for place in places if place < len(rows) and rows[place] in found)
        return [position for position, row in enumerate(rows) if row in found]

    def search_step(self, budget: int) -> bool:
        """Checks up to ``budget`` more lines; True once the search is complete."""
        if self.search_done:
            return True
        rows, patterns = self.lines.rows, self._patterns
        if self._chunks is not None and self._checked >= len(self._pending):
            candidates = next(self._chunks, None)
            if candidates is None:
                self._chunks = None
            else:
                assert isinstance(self._pending, list)
                self._pending.extend(self._places(candidates))
        chunk = self._pending[self._checked : self._checked + budget]
        texts = self.index.search_texts([rows[place] for place in chunk])
        self._found.extend(
            place
            for place, text in zip(chunk, texts, strict=True)
            if all(pattern.search(text) for pattern in patterns)
        )
        self._checked += len(chunk)
        if self._checked < len(self._pending) or self._chunks is not None:
            return False
        self._finish(sorted(self._found))
        return True

    def _places(self, candidates: list[int]) -> list[int]:
        """The positions in the lines of those candidate rows the lines hold."""
        rows = self.lines.rows
        if len(rows) == self.timeline.event_count:
            return candidates  # every event in view: a row is its own position
        places = ((bisect_left(rows, row), row) for row in candidates)
        return [place for place, row in places if place < len(rows) and rows[place] == row]

    def _finish(self, positions: list[int]) -> None:
        rows = self.lines.rows
        self.match_positions = positions
        self.matches = frozenset(rows[position] for position in positions)
        self.search_done = True

    def match_number(self, position: int) -> int | None:
        """Which match (from 1) is at ``position``, or None when it is not a match."""
        hits = self.match_positions
        index = bisect_left(hits, position)
        return index + 1 if index < len(hits) and hits[index] == position else None

    @property
    def terms(self) -> list[str]:
        return self._terms

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

    def match_from(
        self, position: int, forward: bool = True, include: bool = False
    ) -> tuple[int | None, bool]:
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
        return self.lines.year_counts

    def in_force_counts(self) -> dict[int, int]:
        """Events in view in force each year (a period counts in every year it covers).

        Kept per filter, as a reader goes back and forth between a few: on 100k
        events a count costs several milliseconds of a filter's keystroke.
        """
        counts = self._in_force_counts.get(self.filter)
        if counts is None:
            if len(self._in_force_counts) >= IN_FORCE_COUNTS_KEPT:
                self._in_force_counts.clear()
            counts = self.index.in_force_per_year(self.lines.rows)
            self._in_force_counts[self.filter] = counts
        return counts

    def span(self) -> tuple[int, int] | None:
        """From the first start to the last start or end, so periods show to their end."""
        return self._span

    def facet_counts(self, facet: str) -> dict[str, int]:
        """Each value's events among those the *other* facets let through (a faceted count)."""
        return self.index.counts(facet, FACETS[facet].choose(self.filter, frozenset()))

    def label(self, facet: str, value: str) -> str:
        """A value as a reader knows it: the vocabulary's name where there is one."""
        return FACETS[facet].label(self.timeline, value)

    def describe(self, cursor: int | None = None) -> list[str]:
        """The header's words for the filter and search; with the cursor on a match, which."""
        parts = self.filter.describe()
        if self.in_force_on and self.in_force_on != self.filter.in_force:
            parts.append(f"lit: in force {self.in_force_on.iso()}")
        if self.search and not self.search_done:
            parts.append(f"find: {self.search} (searching…)")
        elif self.search:
            hits = len(self.match_positions)
            number = self.match_number(cursor) if cursor is not None else None
            if number is not None:
                parts.append(f"find: {self.search} ({number}/{hits})")
            else:
                parts.append(f"find: {self.search} ({hits} {'match' if hits == 1 else 'matches'})")
        return parts
