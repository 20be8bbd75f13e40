"""Events per year as a strip of bars, with the cursor's year picked out (lnav's histogram)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

BARS = " ▁▂▃▄▅▆▇█"


class DensityStrip(Widget):
    """Takes counts per year for the events in view and the year under the cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "density-strip--bar",
        "density-strip--current",
        "density-strip--label",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._counts: dict[int, int] = {}
        self._span: tuple[int, int] | None = None
        self._current: int | None = None

    def show(self, counts: dict[int, int], span: tuple[int, int] | None,
             current: int | None) -> None:
        self._counts, self._span, self._current = counts, span, current
        self.refresh()

    def set_current(self, year: int | None) -> None:
        if year != self._current:
            self._current = year
            self.refresh()

    def render(self) -> Text:
        width = self.content_region.width
        if self._span is None or width < 10:
            return Text("")
        first, last = self._span
        # Too many years for the width: each cell then sums a run of years.
        years = last - first + 1
        per_cell = -(-years // width)
        cells = -(-years // per_cell)
        cell_width = max(1, min(6, width // cells))
        buckets = [sum(self._counts.get(year, 0)
                       for year in range(first + cell * per_cell,
                                         min(last, first + (cell + 1) * per_cell - 1) + 1))
                   for cell in range(cells)]
        peak = max(buckets) or 1
        bar_style = self.get_component_rich_style("density-strip--bar")
        current_style = self.get_component_rich_style("density-strip--current")
        label_style = self.get_component_rich_style("density-strip--label")
        bars = Text(end="", no_wrap=True)
        labels = Text(end="", no_wrap=True)
        current_cell = ((self._current - first) // per_cell
                        if self._current is not None and first <= self._current <= last else None)
        for cell, count in enumerate(buckets):
            level = 0 if count == 0 else max(1, round(count / peak * (len(BARS) - 1)))
            glyph = BARS[level] * max(1, cell_width - 1) + (" " if cell_width > 1 else "")
            bars.append(glyph, current_style if cell == current_cell else bar_style)
        if cell_width >= 5 and per_cell == 1:
            positions = {cell: str(first + cell) for cell in range(cells)}
        else:
            positions = {0: str(first), cells - 1: str(last)}
        if current_cell is not None and self._current is not None:
            positions[current_cell] = str(self._current)
        line = [" "] * (cells * cell_width + 4)
        for cell, label in sorted(positions.items(), key=lambda item: item[0] == current_cell):
            start = min(cell * cell_width, len(line) - len(label))
            line[start:start + len(label)] = list(label)
        labels.append("".join(line).rstrip(), label_style)
        if current_cell is not None:
            start = min(current_cell * cell_width, len(line) - 4)
            labels.stylize(current_style, start, start + len(str(self._current)))
        return Text("\n", end="").join([bars, labels])
