"""The lines of the periods view as text: the axis, a lane's heading, and an event's bar.

Each function draws one line from what it is given, styles included, so it knows
nothing of the widget that shows it. The geometry is in ``period_axis``.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text

from policy_timeline.model.dates import PartialDate
from policy_timeline.model.events import Event, Timeline
from policy_timeline.model.text import plain
from policy_timeline.query.index import in_force
from policy_timeline.tui.period_axis import (
    AFTER,
    BEFORE,
    CERTAIN,
    EMPTY,
    POINT,
    UNCERTAIN,
    VAGUE_POINT,
    Axis,
    bar_cells,
)
from policy_timeline.tui.period_lanes import GROUPING_NAMES
from policy_timeline.tui.widgets.timeline_list import fit_cell

# A component style of the view by its short name ("bar", "lane", "focus").
StyleOf = Callable[[str], Style]

GLYPH_STYLES = {
    CERTAIN: "bar",
    POINT: "bar",
    BEFORE: "bar",
    AFTER: "bar",
    VAGUE_POINT: "uncertain",
    UNCERTAIN: "uncertain",
    "┊": "guide",
}
GUIDE = "┊"  # the in-force date, down the rows it does not cross


def axis_text(
    axis: Axis, grouping: str, zoomed: bool, focus_year: int, label_width: int, style: StyleOf
) -> Text:
    head = f"by {GROUPING_NAMES[grouping]}"
    head += f" · {axis.first}–{axis.last}" if zoomed else ""
    text = Text(end="", no_wrap=True, style=style("axis"))
    text.append(fit_cell(head, label_width + 3))
    line = [" "] * axis.width
    for column, label in axis.ticks():
        line[column : column + len(label)] = list(label)
    text.append("".join(line))
    if axis.first <= focus_year <= axis.last:
        label = str(focus_year)
        focus_start = axis.year_columns(focus_year)[0]
        start = label_width + 3 + min(focus_start, axis.width - len(label))
        text.stylize(style("focus"), start, start + len(label))
    return text


def lane_text(label: str, count: int, style: StyleOf) -> Text:
    label = plain(label, one_line=True)
    return Text(f" {label}  ({count})", style=style("lane"), end="", no_wrap=True)


def lane_label(timeline: Timeline, grouping: str, name: str) -> str:
    """What a lane is called: the label of its issuer, sector or kind."""
    if grouping == "issuer":
        return timeline.issuer_label(name) if name else "(no issuer)"
    if grouping == "sector":
        return timeline.sector_label(name)
    return timeline.kind_label(name)


def event_text(
    event: Event,
    axis: Axis,
    label_width: int,
    *,
    focus_year: int,
    in_force_on: PartialDate | None,
    is_match: bool,
    is_marked: bool,
    cursor: Style | None,
    style: StyleOf,
) -> Text:
    """An event's line: match and mark columns, its title, and its bar on the axis."""
    active = in_force_on is not None
    lit = in_force_on is not None and in_force(event, in_force_on)
    text = Text(end="", no_wrap=True)
    text.append("▌" if is_match else " ", style("match") if is_match else Style())
    text.append("●" if is_marked else " ", style("mark") if is_marked else Style())
    label_style = style("in-force") if lit else (style("faded") if active else Style())
    text.append(fit_cell(plain(event.title, one_line=True), label_width), label_style)
    text.append(" ")
    cells = bar_cells(event.date, event.end, axis)
    if in_force_on is not None:
        column = axis.column(in_force_on.earliest())
        if 0 <= column < axis.width and cells[column] == EMPTY:
            cells = cells[:column] + GUIDE + cells[column + 1 :]
    bars = Text(cells, end="", no_wrap=True)
    # With a date asked, what was in force then stands out and the rest fades.
    override = style("in-force") if lit else (style("faded") if active else None)
    for index, glyph in enumerate(cells):
        if glyph != EMPTY:
            name = GLYPH_STYLES.get(glyph, "bar")
            bars.stylize(
                override if override and name != "guide" else style(name),
                index,
                index + 1,
            )
    if axis.first <= focus_year <= axis.last:
        year = style("year")
        bars.stylize(Style(bgcolor=year.bgcolor), *axis.year_columns(focus_year))
    text.append_text(bars)
    if cursor is not None:
        text.stylize(cursor)
    return text
