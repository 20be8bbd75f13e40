"""The periods view: every event on one year axis, a bar for a period and a point for a day.

Lanes group the events by kind, lead issuer or sector. The top line is the axis;
the rest is drawn line by line (only what is visible, each line cached), as
the list is, so it scales to 100k events. The geometry is in ``period_axis``, the
lanes in ``period_lanes``, and the text of each line in ``period_lines``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size, Spacing
from textual.reactive import reactive
from textual.strip import Strip

from policy_timeline.model.dates import PartialDate
from policy_timeline.model.events import Timeline
from policy_timeline.query.index import in_force
from policy_timeline.query.lanes import lane_names
from policy_timeline.query.store_ranked import RankedEvents
from policy_timeline.tui.actions import bindings_for
from policy_timeline.tui.period_axis import Axis, whole_axis, zoomed_axis
from policy_timeline.tui.period_lanes import (
    GROUPING_NAMES,
    GROUPINGS,
    Lanes,
    build_lanes,
)
from policy_timeline.tui.widgets.cursor_moves import CursorMoves
from policy_timeline.tui.widgets.focus_edge import FocusEdge
from policy_timeline.tui.widgets.kept_styles import KeptStyles
from policy_timeline.tui.widgets.messages import RowMessage
from policy_timeline.tui.widgets.period_lines import axis_text, event_text, lane_label, lane_text
from policy_timeline.tui.widgets.virtual import LineView, set_virtual_size


class PeriodsView(CursorMoves, FocusEdge, KeptStyles, LineView, can_focus=True):
    """Takes a timeline and the rows in view; posts the event under the cursor."""

    PAGE_KEPT = 3

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("PeriodsView")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "periods--axis",
        "periods--focus",
        "periods--lane",
        "periods--bar",
        "periods--uncertain",
        "periods--in-force",
        "periods--faded",
        "periods--guide",
        "periods--year",
        "periods--cursor",
        "periods--cursor-blurred",
        "periods--focus-edge",
        "periods--match",
        "periods--mark",
    }
    FOCUS_EDGE = "periods--focus-edge"

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    class Highlighted(RowMessage):
        """The cursor is on another event, or none."""

    class Chosen(RowMessage):
        """The user asked to read the event under the cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timeline: Timeline | None = None
        self._rows: Sequence[int] = []
        self._lanes = Lanes()
        self._grouping = GROUPINGS[0]
        self._all_lanes: dict[str, dict[str, list[int]]] = {}
        self._lanes_of: Callable[[str], dict[str, list[int]]] = lambda grouping: {}
        self._span = (2000, 2000)
        self.focus_year = 2000
        self.zoomed = False
        self._in_force: PartialDate | None = None
        self._matches: frozenset[int] = frozenset()
        self._marked: frozenset[str] = frozenset()
        self._cache: LRUCache[tuple[int, bool, bool, int], Strip] = LRUCache(1024)

    # Data down -----------------------------------------------------------

    def show(
        self,
        timeline: Timeline,
        rows: Sequence[int],
        row: int | None,
        lanes_of: Callable[[str], dict[str, list[int]]],
        span: tuple[int, int] | None,
    ) -> None:
        """New rows (a filter or a reload); the cursor goes to ``row`` or the first event.

        ``lanes_of`` gives every lane's rows for a grouping, and ``span`` the years
        from the first start to the last end, over the whole timeline, so the axis
        holds still while filters change: both from the timeline's index, where
        working them out here read every event.
        """
        if timeline is self._timeline and rows is self._rows:
            self.select_row(row)
            return
        if timeline is not self._timeline:
            self._timeline = timeline
            self._lanes_of = lanes_of
            self._all_lanes = {}
            self._span = span or (2000, 2000)
            if row is not None:
                self.focus_year = timeline.events[row].date.year
        self._rows = rows
        self._layout(row)

    def set_search(self, matches: frozenset[int]) -> None:
        self._matches = matches
        self._redraw()

    def set_marks(self, marked: frozenset[str]) -> None:
        self._marked = marked
        self._redraw()

    def set_in_force(self, date: PartialDate | None) -> None:
        """Highlights what was in force on a date, and draws the date as a guide."""
        self._in_force = date
        if date is not None:
            self.focus_year = date.year
        self._redraw()

    def select_row(self, row: int | None) -> None:
        """Puts the cursor on an event (the list moved) without posting it back."""
        if row is None or row == self.current_row:
            return
        line = self._line_of(row)
        if line is not None:
            self.cursor = line

    def _line_of(self, row: int) -> int | None:
        assert self._timeline is not None
        return self._lanes.line_of(row, lane_names(self._timeline.events[row], self._grouping))

    @property
    def current_row(self) -> int | None:
        return self._lanes.row_at(self.cursor)

    @property
    def grouping(self) -> str:
        return self._grouping

    @property
    def axis(self) -> Axis:
        return self._axis(self.scrollable_content_region.width)

    def _axis(self, total: int) -> Axis:
        """The axis in a view ``total`` columns wide (found once per line drawn)."""
        width = max(1, total - self._label_width(total) - 3)
        first, last = self._span
        if self.zoomed:
            return zoomed_axis(self.focus_year, first, last, width)
        return whole_axis(first, last, width)

    def _layout(self, row: int | None) -> None:
        assert self._timeline is not None
        if self._grouping not in self._all_lanes:
            self._all_lanes[self._grouping] = self._lanes_of(self._grouping)
        self._lanes = build_lanes(self._all_lanes[self._grouping], self._rows, self._grouping)
        set_virtual_size(self, Size(self.size.width, len(self._lanes) + 1))
        line = self._line_of(row) if row is not None else None
        if line is None:
            line = self._lanes.event_line_near(0, 1)
        self.set_reactive(PeriodsView.cursor, line or 0)
        self._redraw()
        self._cursor_changed()

    def _redraw(self) -> None:
        self._cache.clear()
        self.refresh()

    # Drawing -------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def on_focus(self) -> None:
        self._redraw()

    def on_blur(self) -> None:
        self._redraw()

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self._lanes) + 1)
        self._scroll_to_cursor()

    def _label_width(self, total: int | None = None) -> int:
        if total is None:
            total = self.scrollable_content_region.width
        return max(12, min(28, total * 3 // 10))

    def render_lines(self, crop: Region) -> list[Strip]:
        events = self._timeline.events if self._timeline is not None else None
        if isinstance(events, RankedEvents):
            # From the index, the events of the lines in sight are read in one query,
            # as the list's are: a lane's lines lie ranks apart, and reading ahead
            # from each line decoded events no line in sight shows.
            first = self.scroll_offset.y + crop.y - 1  # the axis takes the top line
            lines = self._lanes.lines[max(first, 0) : first + crop.height]
            events.decoded([row for row in lines if row >= 0])
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if self._timeline is None:
            return Strip.blank(width, self.kept_style(""))
        if y == 0:
            text = axis_text(
                self._axis(width),
                self._grouping,
                self.zoomed,
                self.focus_year,
                self._label_width(width),
                self._style,
            )
        else:
            line = self.scroll_offset.y + y - 1
            if not 0 <= line < len(self._lanes):
                return Strip.blank(width, self.kept_style(""))
            key = (line, line == self.cursor, self.has_focus, width)
            cached = self._cache.get(key)
            if cached is not None:
                return cached
            value = self._lanes.lines[line]
            text = self._lane_text(~value) if value < 0 else self._event_text(line, value, width)
        # Text.render leaves out a Text's own style; as the lowest span it stays.
        if text.style:
            base, text.style = text.style, ""
            text.stylize_before(base)
        text.truncate(width, overflow="ellipsis", pad=True)
        # The view's own style, kept: worked out per line, it was a quarter of a page.
        base = self.kept_style("")
        strip = (
            Strip(list(text.render(self.app.console)))
            .adjust_cell_length(width, base)
            .apply_style(base)
        )
        if y > 0:
            self._cache[key] = strip
        return strip

    def _style(self, name: str) -> Style:
        # Whole styles, not partial ones: those drop the alpha of "$secondary 70%".
        return self.kept_style(f"periods--{name}")

    def _lane_text(self, lane: int) -> Text:
        assert self._timeline is not None
        name = self._lanes.names[lane]
        label = lane_label(self._timeline, self._grouping, name)
        return lane_text(label, self._lanes.counts[lane], self._style)

    def _event_text(self, line: int, row: int, total: int) -> Text:
        assert self._timeline is not None
        cursor = (
            self.kept_style("periods--cursor" if self.has_focus else "periods--cursor-blurred")
            if line == self.cursor
            else None
        )
        event = self._timeline.events[row]
        return event_text(
            event,
            self._axis(total),
            self._label_width(total),
            focus_year=self.focus_year,
            in_force_on=self._in_force,
            is_match=row in self._matches,
            is_marked=event.id in self._marked,
            cursor=cursor,
            style=self._style,
        )

    # Cursor --------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        for line in (old, new):
            self.refresh_line(line + 1)
        self._cursor_changed()

    def _cursor_changed(self) -> None:
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self.current_row))

    def _scroll_to_cursor(self) -> None:
        if not len(self._lanes):
            return
        # Room above for the axis, and for the lane's heading on its first event.
        above = 2 if self.cursor >= 1 and self._lanes.lines[self.cursor - 1] < 0 else 1
        self.scroll_to_region(
            Region(0, self.cursor + 1, 1, 1),
            animate=False,
            immediate=True,
            spacing=Spacing(above, 0, 0, 0),
            force=True,
        )

    # Moves (CursorMoves) ---------------------------------------------------

    def move_cursor(self, to: int, step: int) -> None:
        self._go_to(to, step)

    def cursor_row(self) -> int:
        return self.cursor

    def row_count(self) -> int:
        return len(self._lanes)

    def page_rows(self) -> int:
        return self.size.height

    def _go_to(self, line: int, step: int) -> None:
        line = max(0, min(line, len(self._lanes) - 1))
        found = self._lanes.event_line_near(line, step)
        if found is None:
            found = self._lanes.event_line_near(line, -step)
        if found is not None:
            self.cursor = found

    def action_next_year(self) -> None:
        self._move_year(1)

    def action_previous_year(self) -> None:
        self._move_year(-1)

    def _move_year(self, step: int) -> None:
        """Moves the year in focus; the cursor goes to an event of that year if it is not on one."""
        first, last = self._span
        year = max(first, min(last, self.focus_year + step))
        if year == self.focus_year:
            return
        self.focus_year = year
        self._redraw()
        assert self._timeline is not None
        the_year = PartialDate(year)
        events = self._timeline.events
        row = self.current_row
        if row is not None and in_force(events[row], the_year):
            return
        for line, value in enumerate(self._lanes.lines):
            if value >= 0 and in_force(events[value], the_year):
                self.cursor = line
                return

    def action_zoom(self) -> None:
        self.zoomed = not self.zoomed
        self._redraw()

    def action_next_grouping(self) -> None:
        index = GROUPINGS.index(self._grouping)
        self._grouping = GROUPINGS[(index + 1) % len(GROUPINGS)]
        self._layout(self.current_row)
        self.notify(f"Lanes by {GROUPING_NAMES[self._grouping]}.", timeout=1.5)

    def action_choose(self) -> None:
        row = self.current_row
        if row is not None:
            self.post_message(self.Chosen(row))

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            return
        line = self.scroll_offset.y + event.y - 1
        if self._lanes.row_at(line) is not None:
            self.cursor = line
            if event.chain == 2:
                self.action_choose()
