"""The timeline: one line per event under year markers, drawn line by line so it scales.

Only the visible lines are drawn, each finished line is cached, and moving the
cursor repaints just the two lines it leaves and enters (the toolong pattern).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import ClassVar, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size, Spacing
from textual.reactive import reactive
from textual.strip import Strip

from policy_timeline.model.events import Timeline
from policy_timeline.model.text import plain
from policy_timeline.query.store_ranked import RankedEvents
from policy_timeline.query.word_index import term_pattern
from policy_timeline.tui.actions import bindings_for
from policy_timeline.tui.layout_rows import Lines
from policy_timeline.tui.list_columns import (
    Columns,
    fit_columns,
    natural_columns,
)
from policy_timeline.tui.widgets.cursor_moves import CursorMoves
from policy_timeline.tui.widgets.focus_edge import FocusEdge
from policy_timeline.tui.widgets.kept_styles import KeptStyles
from policy_timeline.tui.widgets.messages import RowMessage
from policy_timeline.tui.widgets.virtual import LineView, set_virtual_size

__all__ = ["TimelineList"]

# Some text of a line and its style, before the line is cut to its width.
Piece = tuple[str, Style]
# The columns and margin marks an event line colours (timeline-list--NAME).
_COLUMNS = ("date", "kind", "issuer", "mark", "marker")


class _Look(NamedTuple):
    """The styles of one kind of line: plain, a cursor's, a year's."""

    under: Style  # the padding and the title
    date: Style
    kind: Style
    issuer: Style
    mark: Style
    marker: Style
    match: Style


class _Sight(NamedTuple):
    """What the lines drawn together share: the first line in sight, the width, the
    cursor's position and whether the list has focus."""

    top: int
    width: int
    cursor: int
    focused: bool


class TimelineList(CursorMoves, FocusEdge, KeptStyles, LineView, can_focus=True):
    """Takes a timeline and its visible lines; posts the event under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("TimelineList")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline-list--year",
        "timeline-list--date",
        "timeline-list--kind",
        "timeline-list--issuer",
        "timeline-list--cursor",
        "timeline-list--cursor-blurred",
        "timeline-list--match",
        "timeline-list--marker",
        "timeline-list--mark",
        "timeline-list--focus-edge",
    }
    FOCUS_EDGE = "timeline-list--focus-edge"

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    class Highlighted(RowMessage):
        """The cursor is on another event, or none."""

    class Chosen(RowMessage):
        """The user asked to read the event under the cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timeline: Timeline | None = None
        self._lines = Lines()
        self._matches: frozenset[int] = frozenset()
        self._marked: frozenset[str] = frozenset()
        self._pattern: re.Pattern[str] | None = None
        self._search_key = ""
        self._natural = Columns(0, 0, 0)
        self._fitted: tuple[int, Columns] = (-1, self._natural)
        # A few pages either way; a strip carries caches of its own, and every one
        # kept is walked by each full collection of the garbage collector.
        self._cache: LRUCache[tuple[int, bool, bool, str, int], Strip] = LRUCache(256)
        self._looks: dict[str | None, _Look] = {}
        self._drawing: _Sight | None = None

    # Data down -----------------------------------------------------------

    def show(self, timeline: Timeline, lines: Lines, position: int) -> None:
        """Swaps in new lines (a filter or a reload) and puts the cursor at ``position``."""
        if timeline is not self._timeline:
            self._natural = natural_columns(timeline)
            self._fitted = (-1, self._natural)
        self._timeline = timeline
        self._lines = lines
        self._cache.clear()
        set_virtual_size(self, Size(self.size.width, len(lines)))
        self.set_reactive(TimelineList.cursor, self._clamp(position))
        self.refresh()
        self._cursor_changed()

    def set_search(self, terms: list[str], matches: frozenset[int]) -> None:
        """Marks the rows that match and highlights the terms where they show."""
        self._matches = matches
        self._search_key = " ".join(terms)
        # Highlighted by the rule that found them: where a word begins.
        self._pattern = term_pattern(terms) if terms else None
        self._cache.clear()
        self.refresh()

    def set_marks(self, marked: frozenset[str]) -> None:
        """The ids of the marked events, shown with a dot in the margin."""
        self._marked = marked
        self._cache.clear()
        self.refresh()

    @property
    def lines(self) -> Lines:
        return self._lines

    @property
    def current_row(self) -> int | None:
        rows = self._lines.rows
        return rows[self.cursor] if 0 <= self.cursor < len(rows) else None

    def go_to(self, position: int) -> None:
        self.cursor = self._clamp(position)

    # Moves (CursorMoves) ---------------------------------------------------

    def move_cursor(self, to: int, step: int) -> None:
        self.go_to(to)

    def cursor_row(self) -> int:
        return self.cursor

    def row_count(self) -> int:
        return len(self._lines.rows)

    def page_rows(self) -> int:
        return self.size.height

    # Drawing -------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._looks.clear()

    def on_focus(self) -> None:
        self._repaint_cursor()

    def on_blur(self) -> None:
        self._repaint_cursor()

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self._lines))
        self._scroll_to_cursor()

    def render_lines(self, crop: Region) -> list[Strip]:
        events = self._timeline.events if self._timeline is not None else None
        if isinstance(events, RankedEvents):
            # From the index, the events of the lines in sight are read in one query:
            # a filtered list's lines lie ranks apart, and reading ahead from each
            # line decoded four times the events the screen shows.
            first = self.scroll_offset.y + crop.y
            positions = self._lines.lines[max(first, 0) : first + crop.height]
            rows = self._lines.rows
            events.decoded([rows[position] for position in positions if position >= 0])
        # What every line asks of the widget, asked once for the lines drawn together:
        # Textual works each out afresh on every read, a fifth of a line's drawing.
        self._drawing = self._sight()
        try:
            return super().render_lines(crop)
        finally:
            self._drawing = None

    def _sight(self) -> _Sight:
        return _Sight(
            self.scroll_offset.y, self.scrollable_content_region.width, self.cursor, self.has_focus
        )

    def render_line(self, y: int) -> Strip:
        top, width, cursor, focused = self._drawing or self._sight()
        line = top + y
        if self._timeline is None or not 0 <= line < len(self._lines):
            return Strip.blank(width, self.kept_style(""))
        position = self._lines.lines[line]
        is_cursor = position == cursor
        key = (line, is_cursor, focused, self._search_key, width)
        strip = self._cache.get(key)
        if strip is None:
            if position < 0:
                look = self._look("year")
                pieces = self._year_pieces(line, look)
            else:
                look = self._look(
                    ("cursor" if focused else "cursor-blurred") if is_cursor else None
                )
                pieces = self._event_pieces(position, look, width)
            strip = self._cache[key] = self._strip(pieces, width, look.under)
        return strip

    def _look(self, band: str | None) -> _Look:
        """The styles of a line's pieces, the list's own style under each, kept until
        the styles change (adding two styles is a fifth of a line's drawing).

        On a band (the cursor's, a year's) the band's colours replace the columns'.
        """
        look = self._looks.get(band)
        if look is None:
            under = self.kept_style("")
            if band is not None:
                under += self.kept_style(f"timeline-list--{band}")
                column = {name: under for name in _COLUMNS}
            else:
                column = {
                    name: under + self.kept_style(f"timeline-list--{name}") for name in _COLUMNS
                }
            look = self._looks[band] = _Look(
                under=under, match=under + self.kept_style("timeline-list--match"), **column
            )
        return look

    def _strip(self, pieces: list[Piece], width: int, under: Style) -> Strip:
        """The pieces as one line of ``width`` cells: cut with an ellipsis, padded.

        Made straight from segments, as Rich would draw the same ``Text`` truncated
        with an ellipsis: a page of new lines through ``Text`` cost more than the
        rest of a page-down. The pieces come styled (``_look``); the padding takes
        ``under``, so a cursor or year line is a full-width bar.
        """
        segments: list[Segment] = []
        room = width
        lengths = [cell_len(text) for text, _ in pieces]
        total = sum(lengths)
        if total > width:
            room = width - 1  # what is left for the text before the ellipsis
        for (text, style), cells in zip(pieces, lengths, strict=True):
            if cells > room:
                # The ellipsis takes the style of the piece it cuts, as in Rich.
                cut = set_cell_size(text, room) if room > 0 else ""
                segments.append(Segment(cut + "…", style))
                room = -1
                break
            if text:
                segments.append(Segment(text, style))
            room -= cells
        if total < width:
            segments.append(Segment(" " * (width - total), under))
        return Strip(segments, width)

    def _year_pieces(self, line: int, look: _Look) -> list[Piece]:
        lines = self._lines
        year = ~lines.lines[line]
        # A marker is always followed by its year's first event.
        start = lines.lines[line + 1]
        index = bisect_left(lines.year_positions, start)
        stop = (
            lines.year_positions[index + 1]
            if index + 1 < len(lines.year_positions)
            else len(lines.rows)
        )
        count = stop - start
        noun = "event" if count == 1 else "events"
        return [(f" {year}  ·  {count} {noun}", look.under)]

    def _event_pieces(self, position: int, look: _Look, width: int) -> list[Piece]:
        """One event's line in ``look``'s styles."""
        assert self._timeline is not None
        row = self._lines.rows[position]
        event = self._timeline.events[row]
        if self._fitted[0] != width:
            self._fitted = (width, fit_columns(self._natural, width))
        columns = self._fitted[1]
        under = look.under
        pieces: list[Piece] = []
        if event.id in self._marked:
            pieces.append(("●", look.mark))
        elif row in self._matches:
            pieces.append(("▌", look.marker))
        else:
            pieces.append((" ", under))
        for value, cells, style in (
            (event.date_label(), columns.date, look.date),
            (event.kind, columns.kind, look.kind),
            (event.lead_issuer, columns.issuer, look.issuer),
        ):
            if cells:
                pieces.append((fit_cell(plain(value, one_line=True), cells), style))
                pieces.append((" ", under))
        title = plain(event.title, one_line=True)
        if self._pattern is None:  # in the title only: the columns are not searched
            pieces.append((title, under))
            return pieces
        start = 0
        for found in self._pattern.finditer(title):
            pieces.append((title[start : found.start()], under))
            pieces.append((found.group(), look.match))
            start = found.end()
        pieces.append((title[start:], under))
        return pieces

    # Cursor --------------------------------------------------------------

    def _clamp(self, position: int) -> int:
        return max(0, min(position, len(self._lines.rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        for position in (old, new):
            if 0 <= position < len(self._lines.event_line):
                self.refresh_line(self._lines.event_line[position])
        self._cursor_changed()

    def _repaint_cursor(self) -> None:
        if 0 <= self.cursor < len(self._lines.event_line):
            self.refresh_line(self._lines.event_line[self.cursor])

    def _cursor_changed(self) -> None:
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self.current_row))

    def _scroll_to_cursor(self) -> None:
        if not self._lines.event_line or not 0 <= self.cursor < len(self._lines.event_line):
            return
        line = self._lines.event_line[self.cursor]
        # One line of room above keeps the year marker in view on a year's first event.
        self.scroll_to_region(
            Region(0, line, 1, 1),
            animate=False,
            immediate=True,
            spacing=Spacing(1, 0, 0, 0),
            force=True,
        )

    def action_next_year(self) -> None:
        found = self._lines.next_year(self.cursor)
        if found is not None:
            self.go_to(found)

    def action_previous_year(self) -> None:
        found = self._lines.previous_year(self.cursor)
        if found is not None:
            self.go_to(found)

    def action_choose(self) -> None:
        row = self.current_row
        if row is not None:
            self.post_message(self.Chosen(row))

    def on_click(self, event: events.Click) -> None:
        position = self._lines.position_at(self.scroll_offset.y + event.y)
        if position is not None:
            self.go_to(position)
            if event.chain == 2:
                self.action_choose()


def fit_cell(value: str, width: int) -> str:
    if cell_len(value) <= width:
        return set_cell_size(value, width)
    return set_cell_size(value, width - 1) + "…"
