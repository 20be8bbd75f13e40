"""Which rows' events may fall in a date range, answered by bisection, not a scan."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from policy_timeline.model.dates import PartialDate
from policy_timeline.model.events import Event
from policy_timeline.query.rank_bits import HeadBits, bits_below

_AFTER_ALL = dt.date.max.toordinal() + 1


@dataclass(frozen=True, slots=True)
class DateIndex:
    """Each row's first and last possible day as ordinals, and the rows sorted by each.

    The same test as ``index.overlaps``: the first day the event may start against
    the range's last day, the last day it may cover (its end's, else its date's)
    against the range's first. Partial dates widen on both sides, so ``2017`` stands
    for the whole year; an end written before its start is compared as written.
    """

    firsts: Sequence[int]
    lasts: Sequence[int]
    by_first: list[int]
    first_keys: list[int]
    by_last: list[int]
    last_keys: list[int]

    @classmethod
    def of(cls, events: Sequence[Event]) -> DateIndex:
        firsts = [event.date.earliest().toordinal() for event in events]
        lasts = [(event.end or event.date).latest().toordinal() for event in events]
        return cls.of_days(firsts, lasts)

    @classmethod
    def of_days(cls, firsts: Sequence[int], lasts: Sequence[int]) -> DateIndex:
        """From each row's first and last possible day (ordinals)."""
        # Stable sorts: rows in date order keep their order, so ``by_first`` is
        # usually ascending already and sorting its slices back costs one pass.
        by_first = sorted(range(len(firsts)), key=firsts.__getitem__)
        by_last = sorted(range(len(lasts)), key=lasts.__getitem__)
        return cls(
            firsts,
            lasts,
            by_first,
            [firsts[row] for row in by_first],
            by_last,
            [lasts[row] for row in by_last],
        )

    def overlapping(
        self, rows: Sequence[int] | None, start: PartialDate | None, end: PartialDate | None
    ) -> list[int]:
        """The ascending rows, of ``rows`` (every row if None), any day of which may
        fall in the range (open where None)."""
        low, high = _days(start, end)
        firsts, lasts = self.firsts, self.lasts
        if rows is not None:
            # Already narrowed by a facet: integer comparisons on those rows only.
            return [row for row in rows if firsts[row] <= high and lasts[row] >= low]
        started = self.by_first[: bisect_right(self.first_keys, high)]
        reaching = self.by_last[bisect_left(self.last_keys, low) :]
        # Check the other bound on the shorter side only.
        if len(started) <= len(reaching):
            found = [row for row in started if lasts[row] >= low]
        else:
            found = [row for row in reaching if firsts[row] <= high]
        found.sort()
        return found


@dataclass(frozen=True, slots=True)
class DateBits:
    """``DateIndex.overlapping`` every row, answered as a bitmap of rows
    (``rank_bits``): the rows started by the range's end and those reaching its
    start, each a bisection and a kept bitmap, combined."""

    dates: DateIndex
    # The bitmaps of the rows by first day, or None when the rows are in order of
    # their first day already (as the index's ranks are): the rows below one.
    started: HeadBits | None
    ended: HeadBits  # of the rows by last day

    @classmethod
    def of(cls, dates: DateIndex) -> DateBits:
        in_order = dates.by_first == list(range(len(dates.by_first)))
        return cls(
            dates, None if in_order else HeadBits.of(dates.by_first), HeadBits.of(dates.by_last)
        )

    def overlapping(self, start: PartialDate | None, end: PartialDate | None) -> int:
        low, high = _days(start, end)
        started = bisect_right(self.dates.first_keys, high)
        ended = bisect_left(self.dates.last_keys, low)  # the rows that end before the start
        every = bits_below(len(self.dates.by_last))
        started_bits = bits_below(started) if self.started is None else self.started.head(started)
        return started_bits & (every ^ self.ended.head(ended))


def _days(start: PartialDate | None, end: PartialDate | None) -> tuple[int, int]:
    """A range's first and last possible day; an open bound is a day before or
    after every date, so one path serves all."""
    low = start.earliest().toordinal() if start else 0
    high = end.latest().toordinal() if end else _AFTER_ALL
    return low, high
