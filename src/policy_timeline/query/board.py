"""The targets board: every structured target of some events, one row each, by deadline.

Shared by ``policy-timeline targets`` and the explorer's targets view, so both
list the same rows in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter

from policy_timeline.model.dates import PartialDate
from policy_timeline.model.events import OUTCOME_STATUSES, Event, Target
from policy_timeline.query.rank_bits import flags_of, picked

# The --status value for a target that records no outcome at all.
NOT_RECORDED = "not-recorded"
STATUS_CHOICES = (*OUTCOME_STATUSES, NOT_RECORDED)
_NO_DEADLINE = (10_000, 0, 0, 0)  # after every deadline there can be
COLUMNS = ("deadline", "metric", "goal", "plan", "lead issuer", "outcome")


@dataclass(frozen=True, slots=True)
class BoardRow:
    """One target, with the event (the plan) that sets it and its number there (from 1)."""

    event: Event
    number: int
    target: Target

    @property
    def status(self) -> str:
        return self.target.outcome.status if self.target.outcome else NOT_RECORDED

    @property
    def deadline_text(self) -> str:
        return self.target.deadline.human() if self.target.deadline else "no deadline"

    def cells(self) -> tuple[str, str, str, str, str, str]:
        """The board's columns (see COLUMNS), as the data has them: not yet made safe."""
        target = self.target
        return (
            self.deadline_text,
            target.metric,
            target.goal(),
            self.event.title,
            self.event.lead_issuer,
            target.outcome_text(),
        )

    def sort_key(
        self,
    ) -> tuple[tuple[int, int, int, int], tuple[tuple[int, int, int, int], str], int]:
        deadline = self.target.deadline
        return (
            deadline.sort_key() if deadline else _NO_DEADLINE,
            self.event.sort_key(),
            self.number,
        )


@dataclass(frozen=True, slots=True)
class TargetFilter:
    """What the board adds to the event filters: a deadline range and outcome statuses."""

    due_from: PartialDate | None = None
    due_to: PartialDate | None = None
    statuses: frozenset[str] = frozenset()

    @property
    def active(self) -> bool:
        return bool(self.due_from or self.due_to or self.statuses)

    def matches(self, row: BoardRow) -> bool:
        if self.statuses and row.status not in self.statuses:
            return False
        deadline = row.target.deadline
        if self.due_from or self.due_to:
            # As the event filters read dates: any day the deadline allows may fall in range.
            if deadline is None:
                return False
            if self.due_from and deadline.latest() < self.due_from.earliest():
                return False
            if self.due_to and deadline.earliest() > self.due_to.latest():
                return False
        return True


def board_rows(events: Iterable[Event], wanted: TargetFilter | None = None) -> list[BoardRow]:
    """The targets of the events, by deadline (none last), then by event, then as written."""
    rows = [
        BoardRow(event, number, target)
        for event in events
        if event.targets
        for number, target in enumerate(event.targets, start=1)
    ]
    if wanted is not None and wanted.active:
        rows = [row for row in rows if wanted.matches(row)]
    rows.sort(key=BoardRow.sort_key)
    return rows


class TimelineBoard:
    """Every target of a timeline, sorted once; the board of a filtered view is a selection.

    A filter or a search changes which events are in view many times per
    timeline, so the sort is paid once and each view only keeps what it wants.
    """

    def __init__(self, events: Iterable[tuple[int, Event]]) -> None:
        """From each event with its position in the timeline (date order); those
        that set no target may be left out."""
        # A timeline's events are in date order, so an event's position stands in
        # for its sort key: the same order as BoardRow.sort_key, at a fraction of
        # the cost. Each row is made as its event comes, in one pass: looked up
        # again by position in deadline order, events from the index were decoded
        # a run of ranks at a time, over and over (15 s at 100k).
        found = [
            (
                (target.deadline.sort_key() if target.deadline else _NO_DEADLINE),
                position,
                number,
                BoardRow(event, number, target),
            )
            for position, event in events
            for number, target in enumerate(event.targets, start=1)
        ]
        found.sort(key=itemgetter(0, 1, 2))
        self.rows = [row for _, _, _, row in found]
        self._positions = [position for _, position, _, _ in found]
        self._events = max(self._positions, default=-1) + 1  # past the last with a target

    def select(self, positions: Sequence[int] | None) -> list[BoardRow]:
        """The rows whose events sit at these indexes into the events (sorted); all for None.

        A flag per event, set for those in view and read for each row's event in
        C-level passes: a bisection per row was 20 ms for a filter at 100k.
        """
        if positions is None:
            return self.rows
        in_view = flags_of(positions, max(self._events, positions[-1] + 1 if positions else 0))
        return picked(self.rows, self._positions, in_view)


def plan_count(rows: list[BoardRow]) -> int:
    return len({row.event.id for row in rows})
