"""The top line: which timeline, how many of its events are in view, and why."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip

from policy_timeline.tui.widgets.kept_styles import KeptStyles

# The header's max-height in explorer.tcss: text past it is never seen.
MOST_LINES = 2


class TimelineHeader(KeptStyles):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline-header--name",
        "timeline-header--count",
        "timeline-header--filters",
        "timeline-header--problems",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timeline_name = ""
        self._shown = 0
        self._total = 0
        self._filters: list[str] = []
        self._problems = 0
        self._height = 0
        # The lines as last drawn, and the width they were drawn for.
        self._drawn: tuple[int, list[Strip]] | None = None

    def show(self, name: str, shown: int, total: int, filters: list[str], problems: int) -> None:
        self._timeline_name, self._shown, self._total = name, shown, total
        self._filters, self._problems = filters, problems
        self._drawn = None
        # Its height follows its text, but a layout of the whole screen costs more
        # than a keystroke may: only ask for one when the number of lines changes.
        lines = len(self._strips())
        self.refresh(layout=lines != self._height)
        self._height = lines

    def on_resize(self) -> None:
        # A layout has just measured the header at its width: that is its height now.
        self._height = len(self._strips())

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn = None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._strips(width))

    def render_line(self, y: int) -> Strip:
        """A line of the header, drawn as segments once per change: laying the ``Text``
        out again in each frame cost most of a millisecond of every filter."""
        strips = self._strips()
        width = self.content_region.width
        return strips[y] if 0 <= y < len(strips) else Strip.blank(width, self.kept_style(""))

    def _strips(self, width: int | None = None) -> list[Strip]:
        """The text wrapped to ``width`` (the header's own by default), a strip a line."""
        if width is None:
            width = self.content_region.width
        if width <= 0:
            return []
        if self._drawn is None or self._drawn[0] != width:
            console = self.app.console
            base = self.kept_style("")
            lines = self.render_at(width).wrap(console, width)
            strips = [
                # Textual pads each line to the width in the widget's background.
                Strip(
                    [
                        Segment(segment.text, base + segment.style if segment.style else base)
                        for segment in line.render(console)
                    ]
                )
                for line in lines
            ]
            self._drawn = (width, strips)
        return self._drawn[1]

    def render(self) -> Text:
        """The header's text at its width (drawn by ``render_line``; read by tests)."""
        return self.render_at(self.content_region.width)

    def render_at(self, width: int) -> Text:
        """The name, then the view's state; the name gives way when they do not fit.

        What narrows the view (filters, the search, problems) matters more than
        the whole of a long name: the name is cut short, or left out.
        """
        name = self._timeline_name
        text = self._text(name)
        if width <= 0 or self._fits(text, width):
            return text
        # The longest cut of the name that leaves the state whole (a few wraps).
        shortest, longest = 0, len(name) - 1
        while shortest < longest:
            middle = (shortest + longest + 1) // 2
            if self._fits(self._text(_cut(name, middle)), width):
                shortest = middle
            else:
                longest = middle - 1
        return self._text(_cut(name, shortest))

    def _fits(self, text: Text, width: int) -> bool:
        return len(text.wrap(self.app.console, width)) <= MOST_LINES

    def _text(self, name: str) -> Text:
        style = self.kept_style
        text = Text(end="")
        text.append(name, style("timeline-header--name"))
        noun = "event" if self._total == 1 else "events"
        text.append(f"  {self._shown} of {self._total} {noun}", style("timeline-header--count"))
        if self._filters:
            text.append("  ·  " + "  ·  ".join(self._filters), style("timeline-header--filters"))
        if self._problems:
            noun = "problem" if self._problems == 1 else "problems"
            text.append(f"  ⚠ {self._problems} {noun} (p)", style("timeline-header--problems"))
        return text


def _cut(name: str, cells: int) -> str:
    if len(name) <= cells:
        return name
    return name[: cells - 1].rstrip() + "…" if cells > 1 else ""
