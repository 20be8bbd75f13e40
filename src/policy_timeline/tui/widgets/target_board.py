"""The targets board: one line per target, by deadline, under a header that stays put.

Drawn line by line as the list is (only the visible lines, each finished line
cached, a cursor move repaints the two lines it leaves and enters), so a board
of tens of thousands of targets moves as fast as a board of four.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from policy_timeline.model.text import plain
from policy_timeline.query.board import BoardRow
from policy_timeline.tui.actions import bindings_for
from policy_timeline.tui.widgets.cursor_moves import CursorMoves
from policy_timeline.tui.widgets.focus_edge import FocusEdge
from policy_timeline.tui.widgets.kept_styles import KeptStyles
from policy_timeline.tui.widgets.timeline_list import fit_cell
from policy_timeline.tui.widgets.virtual import LineView, set_virtual_size

# Below this width the lead issuer makes way for the metric and the plan, and the
# outcome shows its status only (the detail pane has the rest).
NARROW = 100
# Below this width the goal gives way too, so the metric keeps a readable share.
VERY_NARROW = 72
# The widest outcome column: "partly met: CNY 18.2 billion" fits, a longer one is cut.
OUTCOME_WIDTH = 28
_HEADER = ("Deadline", "Metric", "Goal", "Plan", "Lead", "Outcome")
_STATUS_CLASSES = {"met": "met", "missed": "missed", "partly-met": "partly", "unknown": "unknown"}


class TargetBoard(CursorMoves, FocusEdge, KeptStyles, LineView, can_focus=True):
    """Takes the board's rows; posts the row under the cursor, and the one chosen."""

    # The header row stays put above the rows.
    PAGE_KEPT = 3

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("TargetBoard")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "target-board--header",
        "target-board--deadline",
        "target-board--goal",
        "target-board--issuer",
        "target-board--met",
        "target-board--missed",
        "target-board--partly",
        "target-board--unknown",
        "target-board--none",
        "target-board--empty",
        "target-board--cursor",
        "target-board--cursor-blurred",
        "target-board--focus-edge",
    }
    FOCUS_EDGE = "target-board--focus-edge"

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    class Highlighted(Message):
        """The cursor is on another target, or on none (an empty board)."""

        def __init__(self, row: BoardRow | None) -> None:
            super().__init__()
            self.row = row

    class Chosen(Message):
        """The user asked to open the plan that sets the target under the cursor."""

        def __init__(self, row: BoardRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[BoardRow] = []
        self._empty = "No targets in the events in view."
        self._widths = _NO_ROWS
        self._measures = _Measures()
        self._cache: LRUCache[tuple[int, bool, bool, int], Strip] = LRUCache(1024)

    # Data down -----------------------------------------------------------

    def show(self, rows: list[BoardRow], position: int = 0, empty: str = "") -> None:
        """Swaps in new rows (a filter or a reload) and puts the cursor at ``position``."""
        self._rows = rows
        if empty:
            self._empty = empty
        self._widths = _column_widths(rows, self._measures)
        self._cache.clear()
        # One line more than the rows: the header sits over the first.
        set_virtual_size(self, Size(self.size.width, len(rows) + 1))
        self.set_reactive(TargetBoard.cursor, self._clamp(position))
        self._cursor_changed()

    def forget_rows(self) -> None:
        """The rows to come are of another board (a reload): each is measured anew."""
        self._measures.forget()

    @property
    def rows(self) -> list[BoardRow]:
        return self._rows

    @property
    def current(self) -> BoardRow | None:
        return self._rows[self.cursor] if 0 <= self.cursor < len(self._rows) else None

    def go_to(self, position: int) -> None:
        self.cursor = self._clamp(position)

    # Moves (CursorMoves) ---------------------------------------------------

    def move_cursor(self, to: int, step: int) -> None:
        self.go_to(to)

    def cursor_row(self) -> int:
        return self.cursor

    def row_count(self) -> int:
        return len(self._rows)

    def page_rows(self) -> int:
        return self.size.height

    def position_of(self, event_id: str) -> int | None:
        """The first row of a plan's targets."""
        return next(
            (number for number, row in enumerate(self._rows) if row.event.id == event_id), None
        )

    # Drawing -------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def on_focus(self) -> None:
        self._repaint_cursor()

    def on_blur(self) -> None:
        self._repaint_cursor()

    def on_resize(self) -> None:
        self._cache.clear()
        set_virtual_size(self, Size(self.size.width, len(self._rows) + 1))
        self._scroll_to_cursor()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        # The header is drawn on the top line whatever the scroll, so row r is line r + 1.
        position = -1 if y == 0 else self.scroll_offset.y + y - 1
        is_cursor = position == self.cursor
        key = (position, is_cursor, self.has_focus, width)
        strip = self._cache.get(key)
        if strip is None:
            if position < 0:
                segments = self._line(_HEADER, width, "target-board--header", None)
            elif position < len(self._rows):
                segments = self._row_line(self._rows[position], width, is_cursor)
            elif position == 0:
                empty = fit_cell(" " + self._empty, width)
                segments = [Segment(empty, self.kept_style("target-board--empty"))]
            else:
                return Strip.blank(width, self.kept_style(""))
            # The board's own style, kept: Textual works it out by walking every
            # ancestor, and it was asked three times a line, on every new line.
            base = self.kept_style("")
            strip = Strip(segments).adjust_cell_length(width, base).apply_style(base)
            self._cache[key] = strip
        return strip

    def _row_line(self, row: BoardRow, width: int, is_cursor: bool) -> list[Segment]:
        cursor = None
        if is_cursor:
            name = "cursor" if self.has_focus else "cursor-blurred"
            cursor = self.kept_style(f"target-board--{name}")
        status = _STATUS_CLASSES.get(row.status, "none")
        cells = row.cells()
        if width < NARROW:
            outcome = row.target.outcome
            cells = (*cells[:5], outcome.label if outcome else cells[5])
        return self._line(cells, width, f"target-board--{status}", cursor)

    def _line(
        self, cells: tuple[str, ...], width: int, last_style: str, cursor: Style | None
    ) -> list[Segment]:
        """The six columns at this width; the lead issuer is left out when narrow.

        Written as segments, cell by cell: a line is made for every row that
        scrolls into view, and Rich's Text would lay out what is already laid out.
        """
        deadline, metric, goal, plan, issuer, outcome = cells
        widths = _fitted(self._widths, width)
        columns = [
            (deadline, widths[0], "target-board--deadline"),
            (metric, widths[1], ""),
            (goal, widths[2], "target-board--goal"),
            (plan, widths[3], ""),
        ]
        if width >= NARROW:
            columns.append((issuer, widths[4], "target-board--issuer"))
        header = last_style == "target-board--header"
        base = cursor or (self.kept_style(last_style) if header else None)
        segments = [Segment(" ", base)]
        used = 1
        for cell, cell_width, name in columns:
            style = base or (self.kept_style(name, partial=True) if name else None)
            segments.append(Segment(fit_cell(plain(cell, one_line=True), cell_width) + "  ", style))
            used += cell_width + 2
        room = width - used
        if room > 0:
            last = base or self.kept_style(last_style, partial=True)
            segments.append(Segment(fit_cell(plain(outcome, one_line=True), room), last))
        return segments

    # Cursor --------------------------------------------------------------

    def _clamp(self, position: int) -> int:
        return max(0, min(position, len(self._rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        for position in (old, new):
            self.refresh_line(position + 1)
        self._cursor_changed()

    def _repaint_cursor(self) -> None:
        self.refresh_line(self.cursor + 1)

    def _cursor_changed(self) -> None:
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self.current))

    def _scroll_to_cursor(self) -> None:
        if self._rows:
            # A line of room above keeps the row clear of the header.
            self.scroll_to_region(
                Region(0, self.cursor + 1, 1, 1),
                animate=False,
                immediate=True,
                spacing=Spacing(1, 0, 0, 0),
                force=True,
            )

    def action_choose(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Chosen(row))

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            return
        position = self.scroll_offset.y + event.y - 1
        if 0 <= position < len(self._rows):
            self.go_to(position)
            if event.chain == 2:
                self.action_choose()


Widths = tuple[int, int, int, int, int, int]
_NO_ROWS: Widths = (8, 6, 4, 4, 4, 12)


class _Measures:
    """Each row's natural column widths, measured once per row of a board.

    A filter's rows are a selection of one whole board, and measuring a thousand
    of them afresh took 6 to 9 ms of every filter with the board in front at 100k.
    Rows are known by identity, which holds while their board keeps them: a new
    board (a reload) starts the measures again.
    """

    def __init__(self) -> None:
        self._of: dict[int, Widths] = {}

    def forget(self) -> None:
        self._of.clear()

    def of(self, row: BoardRow) -> Widths:
        found = self._of.get(id(row))
        if found is None:
            deadline, metric, goal, plan, issuer, outcome = row.cells()
            found = self._of[id(row)] = (
                len(deadline),
                cell_len(metric),
                cell_len(goal),
                cell_len(plan),
                cell_len(issuer),
                cell_len(outcome),
            )
        return found


def _column_widths(rows: list[BoardRow], measures: _Measures) -> Widths:
    """The natural widths of the six columns, within bounds.

    Measured over at most the first thousand rows: enough to size the columns of
    any real board, and the same cost for a synthetic one of a hundred thousand.
    """
    sample = [measures.of(row) for row in rows[:1000]]
    if not sample:
        return _NO_ROWS
    deadline, metric, goal, plan, issuer, outcome = (
        max(column) for column in zip(*sample, strict=True)
    )
    return (
        max(deadline, 8),
        max(metric, 6),
        min(max(goal, 4), 22),
        max(plan, 4),
        min(max(issuer, 4), 14),
        min(max(outcome, 12), OUTCOME_WIDTH),
    )


def _fitted(widths: Widths, width: int) -> tuple[int, ...]:
    """Column widths for a line ``width`` cells wide (the outcome takes what is left).

    Metric and plan share what the other columns leave, the metric the larger
    part, since it says what was promised; the detail pane names the plan in full.
    """
    deadline, metric, goal, plan, issuer, outcome = widths
    if width < NARROW:
        goal = min(goal, 10 if width < VERY_NARROW else 18)
        issuer, outcome = 0, 12  # "not recorded", "partly met"
    gaps = 1 + 2 * (5 if issuer else 4)  # the margin, then two cells after each column
    room = max(width - deadline - goal - issuer - outcome - gaps, 12)
    if metric + plan > room:
        metric_share = max(room * 3 // 5, room - plan)
        metric = min(metric, metric_share)
        plan = max(room - metric, 4)
    return (deadline, metric, goal, plan, issuer)
