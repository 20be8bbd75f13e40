"""The targets board as a view of the main screen, kept off main.py.

``MainScreen`` inherits this, and through it the list and periods views. The
board lists the targets of the events in view (the filters, marks and "in
force" choose them) and moves the list's cursor to the plan of the target
under its own, so the detail pane, the density strip and every event action
follow it as they follow the list.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from itertools import compress, count, repeat
from operator import is_
from typing import ClassVar

from textual import on
from textual.binding import BindingType
from textual.widget import Widget

from policy_timeline.model.events import Timeline
from policy_timeline.query.board import BoardRow, TimelineBoard
from policy_timeline.tui.actions import bindings_for
from policy_timeline.tui.layout_rows import Lines
from policy_timeline.tui.screens.views import LIST, ViewActions
from policy_timeline.tui.state import ViewState
from policy_timeline.tui.widgets.target_board import TargetBoard

TARGETS = "targets"


class TargetsActions(ViewActions):
    """The views of the main screen with the targets board added (``3``)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("TargetsActions")

    # The whole timeline's board, sorted once, and the lines its last view was made for.
    _board: TimelineBoard | None = None
    _board_timeline: Timeline | None = None
    _board_lines: Lines | None = None

    @property
    def view_widget(self) -> Widget:
        if self.current_view == TARGETS:
            return self.part(TargetBoard)
        return super().view_widget

    def refresh_views(self) -> None:
        if self.current_view == TARGETS:
            self.refresh_targets()
        else:
            super().refresh_views()

    def refresh_targets(self) -> None:
        """Rows for the events in view; the cursor stays on its target where it can."""
        state = self.state
        if self._board is None or self._board_timeline is not state.timeline:
            self._board = TimelineBoard(state.index.events_with_targets())
            self._board_timeline = state.timeline
            self.part(TargetBoard).forget_rows()
            # Out of the cyclic collector's sight, as the loaded events are: it
            # lives as long as the timeline, holds no cycles, and at 100k events
            # (300,000 objects) made each collection between keys 160 ms.
            gc.freeze()
        elif self._board_lines is state.lines:
            return  # the same events (a search or a mark changed): the same rows
        self._board_lines = state.lines
        in_view = state.lines.rows
        rows = self._board.select(None if len(in_view) == len(state.timeline.events) else in_view)
        board = self.part(TargetBoard)
        listed = self.timeline_list.current_row
        board.show(
            rows,
            _keep(rows, board.current, listed, state),
            empty="No targets in the events in view."
            if state.timeline.events
            else "This timeline has no events.",
        )

    @on(TargetBoard.Highlighted)
    def _target_highlighted(self) -> None:
        self.follow_board()

    def follow_board(self) -> None:
        """The board's cursor moved: the list (and so the detail) goes to the target's event,
        in the same frame as the board's lines (watched, as the list's cursor is)."""
        timeline_list = self.timeline_list
        row = self.part(TargetBoard).current
        position = self.state.position_of(row.event.id) if row else None
        if position is not None and position != timeline_list.cursor:
            timeline_list.go_to(position)

    @on(TargetBoard.Chosen)
    def _target_chosen(self, message: TargetBoard.Chosen) -> None:
        """Opens the plan: the list, on the plan, with its detail to read."""
        self.action_show_view(LIST)
        position = self.state.position_of(message.row.event.id)
        if position is not None:
            self.timeline_list.go_to(position)
        self.query_one("#detail").focus()


def _keep(
    rows: list[BoardRow], current: BoardRow | None, list_row: int | None, state: ViewState
) -> int:
    """Where the board's cursor goes when its rows change.

    On the same target if it is still there; else on the first target of the
    event the list is on; else at the top.
    """
    if current is not None:
        # A filter's rows come from the same board, so the same target is the same
        # row: found in one C-level pass. After a reload it is a new row.
        found = _first(map(is_, rows, repeat(current)))
        if found is None:
            event_id, number = current.event.id, current.number
            found = _first(row.event.id == event_id and row.number == number for row in rows)
        if found is not None:
            return found
    if list_row is not None:
        event_id = state.timeline.events[list_row].id
        found = _first(row.event.id == event_id for row in rows)
        if found is not None:
            return found
    return 0


def _first(flags: Iterable[bool]) -> int | None:
    """The position of the first true flag, or None."""
    return next(compress(count(), flags), None)
