"""The detail pane: everything the timeline records about the event under the cursor.

Drawn line by line like the list: the event is rendered to cached strips, with the
pane's own style under them, once per event and width (``reading.lines``), and a
new event repaints only this pane, never the screen's layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from policy_timeline.model.events import Event, Timeline
from policy_timeline.model.urls import is_web_url
from policy_timeline.tui.actions import bindings_for
from policy_timeline.tui.widgets import reading
from policy_timeline.tui.widgets.kept_styles import KeptStyles
from policy_timeline.tui.widgets.virtual import LineView, set_virtual_size

Section = Literal["reading", "sources", "related"]
SECTIONS: tuple[Section, ...] = ("reading", "sources", "related")
# Events whose drawing the pane keeps.
KEPT_DRAWINGS = 32


@dataclass(frozen=True, slots=True)
class Choice:
    """A source to open or a related event to follow, and the lines it covers."""

    section: Section
    first: int
    stop: int
    target: str  # the URL (possibly empty) or the related event's id


# An event drawn: the event and timeline it is of, its lines and its choices.
Drawing = tuple[Event | None, Timeline | None, list[reading.Line], list[Choice]]


class DetailPane(KeptStyles, LineView, can_focus=True):
    """Takes an event; posts requests to follow a link or open a source.

    With focus, tab moves between the text, the sources and the related events;
    up and down scroll the text or move through a section's choices.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"detail--section", "detail--chosen"}

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("DetailPane")

    class FollowRequested(Message):
        def __init__(self, event_id: str) -> None:
            super().__init__()
            self.event_id = event_id

    class OpenRequested(Message):
        def __init__(self, url: str) -> None:
            super().__init__()
            self.url = url

    class Left(Message):
        """The user is done reading and wants the list back."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._event: Event | None = None
        self._timeline: Timeline | None = None
        # The event's lines, wrapped but not yet fitted to the width, and those
        # shown so far as strips: a line is padded and given the pane's style
        # only once it is in sight. A strip carries seven caches of its own:
        # kept for every line of 32 drawings, they made each full collection of
        # the garbage collector a pause on some key.
        self._lines: list[reading.Line] = []
        self._shown: dict[int, Strip] = {}
        self._choices: list[Choice] = []
        self._drawn_for: tuple[object, ...] | None = None
        self._wrapped_at = 0  # the width of the lines
        # The last few events drawn, for a reader going back and forth.
        self._drawings: LRUCache[tuple[int, int, int], Drawing] = LRUCache(KEPT_DRAWINGS)
        self._section: Section = "reading"
        self._chosen = {"sources": 0, "related": 0}

    @property
    def event(self) -> Event | None:
        return self._event

    def show(self, timeline: Timeline, event: Event | None) -> None:
        self._timeline = timeline
        self._event = event
        self._section = "reading"
        self._chosen = {"sources": 0, "related": 0}
        self._drawn_for = None
        self._draw()
        self.scroll_to(y=0, animate=False, immediate=True, force=True)

    @property
    def text_lines(self) -> list[str]:
        """The pane's text as drawn, line by line (padded to the width)."""
        width, base = self._width(), self.kept_style("")
        drawn = (reading.fit(line, width, base) for line in self._lines)
        return ["".join(segment.text for segment in line) for line in drawn]

    @property
    def selected_source_url(self) -> str | None:
        """The URL of the chosen source, or the first web URL the event cites."""
        if self._event is None:
            return None
        sources = self._event.sources
        index = self._chosen["sources"]
        if 0 <= index < len(sources) and sources[index].url:
            return sources[index].url
        return next((source.url for source in sources if is_web_url(source.url)), None)

    # Drawing -------------------------------------------------------------

    def _width(self) -> int:
        return self.scrollable_content_region.width

    def _draw(self) -> None:
        """Renders the event to strips, unless they are already drawn for this look."""
        width = self._width()
        key = (self._event, self._timeline, width)
        if width <= 0 or key == self._drawn_for:
            return
        self._drawn_for = key
        self._wrapped_at = width
        # Kept by identity (a timeline is not hashable, an event's hash reads every
        # field), and checked, as an id can be reused once a reload frees the old.
        kept_key = (id(self._event), id(self._timeline), width)
        kept = self._drawings.get(kept_key)
        if kept is not None and kept[0] is self._event and kept[1] is self._timeline:
            # Read a moment ago: moving back costs no drawing.
            self._lines, self._choices, self._shown = kept[2], kept[3], {}
            set_virtual_size(self, Size(width, len(self._lines)))
            return
        self._lines, self._choices, self._shown = [], [], {}
        section = self.kept_style("detail--section", partial=True)
        event, timeline = self._event, self._timeline
        if event is None or timeline is None:
            self._add(Text("No event in view. Press c to clear the filters."), width)
        else:
            self._add(reading.reading(timeline, event, section), width)
            if event.sources:
                self._add(reading.heading("Sources", reading.SOURCES_HINT, section), width)
                for number, source in enumerate(event.sources, start=1):
                    self._add(
                        reading.source_choice(number, source, is_web_url(source.url)),
                        width,
                        ("sources", source.url or ""),
                    )
                self._add(Text(""), width)
            related = timeline.related(event)
            if related:
                self._add(reading.heading("Related events", reading.RELATED_HINT, section), width)
                for link in related:
                    self._add(
                        reading.related_choice(link.phrase, link.other, link.note),
                        width,
                        ("related", link.other.id),
                    )
        self._drawings[kept_key] = (event, timeline, self._lines, self._choices)
        set_virtual_size(self, Size(width, len(self._lines)))

    def _add(
        self, renderable: RenderableType, width: int, choice: tuple[Section, str] | None = None
    ) -> None:
        first = len(self._lines)
        self._lines += reading.wrapped_lines(self.app.console, renderable, width)
        if choice is not None:
            self._choices.append(Choice(choice[0], first, len(self._lines), choice[1]))

    def _current_choice(self) -> Choice | None:
        if self._section == "reading":
            return None
        found = [choice for choice in self._choices if choice.section == self._section]
        index = self._chosen[self._section]
        return found[index] if 0 <= index < len(found) else None

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        if not 0 <= line < len(self._lines):
            return Strip.blank(self._width(), self.kept_style(""))
        strip = self._shown.get(line)
        if strip is None:
            # The width the lines were wrapped at: the region's is worked out anew
            # on every call, which cost a third of a line's drawing.
            width = self._wrapped_at
            fitted = reading.fit(self._lines[line], width, self.kept_style(""))
            strip = self._shown[line] = Strip(fitted, width)
        choice = self._current_choice()
        if choice is not None and choice.first <= line < choice.stop:
            # Over the text's own colours, as a cursor is, not under them.
            chosen = self.kept_style("detail--chosen")
            strip = Strip(
                [
                    Segment(text, (style or Style()) + chosen, control)
                    for text, style, control in strip
                ],
                strip.cell_length,
            )
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # Focus changes the background; a theme, the headings' colours (the kept
        # styles go with them: KeptStyles).
        self._drawn_for = None
        self._drawings.clear()
        if self.is_mounted:
            self.call_later(self._draw)

    def on_resize(self) -> None:
        self._draw()

    # Keys ----------------------------------------------------------------

    def _sections(self) -> list[Section]:
        present = {choice.section for choice in self._choices}
        return [section for section in SECTIONS if section == "reading" or section in present]

    def action_section(self, step: int) -> None:
        sections = self._sections()
        self._section = sections[(sections.index(self._section) + step) % len(sections)]
        self._show_choice()

    def action_move(self, step: int) -> None:
        if self._section == "reading":
            self.scroll_relative(y=step, animate=False)
            return
        count = sum(1 for choice in self._choices if choice.section == self._section)
        self._chosen[self._section] = max(0, min(self._chosen[self._section] + step, count - 1))
        self._show_choice()

    def _show_choice(self) -> None:
        choice = self._current_choice()
        if choice is not None:
            self.scroll_to_region(
                Region(0, choice.first, 1, choice.stop - choice.first),
                animate=False,
                immediate=True,
            )
        self.refresh()

    def action_choose(self) -> None:
        choice = self._current_choice()
        if choice is None:
            return
        if choice.section == "related":
            self.post_message(self.FollowRequested(choice.target))
        elif choice.target:
            self.post_message(self.OpenRequested(choice.target))

    def action_leave(self) -> None:
        self.post_message(self.Left())

    def on_click(self, event: events.Click) -> None:
        line = self.scroll_offset.y + event.y
        for choice in self._choices:
            if choice.first <= line < choice.stop:
                found = [each for each in self._choices if each.section == choice.section]
                self._section = choice.section
                self._chosen[choice.section] = found.index(choice)
                self._show_choice()
                self.action_choose()
                return


__all__ = ["DetailPane"]
