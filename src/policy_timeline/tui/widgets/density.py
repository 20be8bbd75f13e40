"""Events per year as a strip of bars, with the cursor's year picked out (lnav's histogram).

Each year shows two bars side by side on one scale: the events in force that
year (a plan counts in every year it covers) and, in another colour, the
events that start in it. A legend at the right of the years says which is which.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from policy_timeline.tui.widgets.kept_styles import KeptStyles

BARS = " ▁▂▃▄▅▆▇█"
LEGEND = " ▆in force ▆starts"


class DensityStrip(KeptStyles):
    """Takes counts per year for the events in view and the year under the cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "density-strip--bar",
        "density-strip--in-force",
        "density-strip--current",
        "density-strip--label",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._counts: dict[int, int] = {}
        self._in_force: dict[int, int] = {}
        self._span: tuple[int, int] | None = None
        self._current: int | None = None
        # The two lines as last drawn, and the width they were drawn for.
        self._drawn: tuple[int, tuple[Strip, Strip]] | None = None

    def show(
        self,
        counts: dict[int, int],
        span: tuple[int, int] | None,
        current: int | None,
        in_force: dict[int, int] | None = None,
    ) -> None:
        """``counts`` are starts per year; ``in_force`` the events in force per year."""
        self._counts, self._span, self._current = counts, span, current
        self._in_force = in_force or {}
        self._drawn = None
        self.refresh()

    def set_current(self, year: int | None) -> None:
        if year != self._current:
            self._current = year
            self._drawn = None
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn = None

    def render_line(self, y: int) -> Strip:
        """One of the strip's two lines, drawn as segments: a ``Text`` of a few dozen
        styled cells cost milliseconds to lay out on every filter and every year
        the cursor crosses."""
        width = self.content_region.width
        if self._drawn is None or self._drawn[0] != width:
            self._drawn = (width, self._lines(width))
        lines = self._drawn[1]
        return lines[y] if 0 <= y < len(lines) else Strip.blank(width, self.kept_style(""))

    def _lines(self, width: int) -> tuple[Strip, Strip]:
        base = self.kept_style("")
        if self._span is None or width < 10:
            return Strip.blank(width, base), Strip.blank(width, base)
        first, last = self._span
        # Too many years for the width: each cell then sums a run of years.
        years = last - first + 1
        per_cell = -(-years // width)
        cells = -(-years // per_cell)
        cell_width = max(1, min(6, width // cells))
        # The legend takes room from the cells while they stay wide enough for labels.
        legend = bool(self._in_force) and (width - len(LEGEND)) // cells >= 5
        if legend:
            cell_width = min(6, (width - len(LEGEND)) // cells)

        def years_of(cell: int) -> range:
            return range(first + cell * per_cell, min(last, first + (cell + 1) * per_cell - 1) + 1)

        buckets = [
            sum(self._counts.get(year, 0) for year in years_of(cell)) for cell in range(cells)
        ]
        # A plan in force over several years of one cell is one plan, not several.
        in_force = [
            max((self._in_force.get(year, 0) for year in years_of(cell)), default=0)
            for cell in range(cells)
        ]
        peak = max(buckets + in_force) or 1
        bar_style = base + self.kept_style("density-strip--bar")
        in_force_style = base + self.kept_style("density-strip--in-force")
        current_style = self.kept_style("density-strip--current")
        label_style = base + self.kept_style("density-strip--label")
        bars = _Line()
        labels = _Line()
        current_cell = (
            (self._current - first) // per_cell
            if self._current is not None and first <= self._current <= last
            else None
        )
        glyphs = max(1, cell_width - 1)
        # Wide cells: the in-force bar then the starts bar; one-glyph cells: starts only.
        in_force_glyphs = (glyphs + 1) // 2 if glyphs >= 2 and self._in_force else 0
        for cell, count in enumerate(buckets):
            is_current = cell == current_cell
            if in_force_glyphs:
                bars.append(
                    BARS[_level(in_force[cell], peak)] * in_force_glyphs,
                    base + current_style if is_current else in_force_style,
                )
            glyph = BARS[_level(count, peak)] * (glyphs - in_force_glyphs)
            bars.append(
                glyph + (" " if cell_width > 1 else ""),
                base + current_style if is_current else bar_style,
            )
        if cell_width >= 5 and per_cell == 1:
            positions = {cell: str(first + cell) for cell in range(cells)}
        else:
            positions = {0: str(first), cells - 1: str(last)}
        line = [" "] * (cells * cell_width + 4)
        if current_cell is not None and self._current is not None:
            # The selected year's label wins; a neighbour it would touch gives way.
            mine = min(current_cell * cell_width, len(line) - 4)
            positions = {
                cell: label
                for cell, label in positions.items()
                if cell == current_cell or abs(cell * cell_width - mine) > 4
            }
            positions[current_cell] = str(self._current)
        for cell, label in positions.items():
            start = min(cell * cell_width, len(line) - len(label))
            line[start : start + len(label)] = list(label)
        text = "".join(line).rstrip()
        if current_cell is not None and self._current is not None:
            # The selected year's label in the cursor's colours, over the label's.
            start = min(current_cell * cell_width, len(line) - 4)
            end = start + len(str(self._current))
            labels.append(text[:start], label_style)
            labels.append(text[start:end], label_style + current_style)
            labels.append(text[end:], label_style)
        else:
            labels.append(text, label_style)
        if legend and in_force_glyphs:
            bars.append(" " * (width - bars.cells - len(LEGEND)), base, plain=True)
            labels.append(" " * (width - labels.cells - len(LEGEND)), base, plain=True)
            labels.append(" ", base, plain=True)
            labels.append("▆", in_force_style)
            labels.append("in force ", label_style)
            labels.append("▆", bar_style)
            labels.append("starts", label_style)
        return bars.strip(), labels.strip()


class _Line:
    """Segments appended left to right, and the cells they take (every glyph here is one cell)."""

    __slots__ = ("_plain_end", "cells", "segments")

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.cells = 0
        self._plain_end = False

    def append(self, text: str, style: Style, plain: bool = False) -> None:
        """``plain`` text (in the widget's own style) runs on from plain text before it,
        as unstyled text does in a Rich ``Text``, so the line's segments are the same."""
        if not text:
            return
        segments = self.segments
        if plain and self._plain_end:
            segments[-1] = Segment(segments[-1].text + text, style)
        else:
            segments.append(Segment(text, style))
        self._plain_end = plain
        self.cells += len(text)

    def strip(self) -> Strip:
        """The line; Textual pads it to the width in the widget's background."""
        return Strip(self.segments, self.cells)


def _level(count: int, peak: int) -> int:
    return 0 if count == 0 else max(1, round(count / peak * (len(BARS) - 1)))
