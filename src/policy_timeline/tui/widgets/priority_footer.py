"""The footer: as many of the keys that matter most as fit, whole, most important first.

Textual's footer lays every shown key in a row and cuts the row at the screen's
edge, mid-word. This one drops the least important keys instead.

It is one line drawn by one widget, not a row of key widgets: the keys in force
change whenever focus moves (a picker opens or closes), and relabelling key
widgets changes their widths, which lays out the whole screen, twice per pick.
Drawing one line again costs a repaint of that line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.strip import Strip

from policy_timeline.tui.actions import footer_priority
from policy_timeline.tui.widgets.kept_styles import KeptStyles

# Binding ids, most important first (the action table's footer ranks); a shown
# binding not listed here comes after.
PRIORITY = footer_priority()
# Below this width the footer is compact, fitting one or two more keys.
COMPACT_BELOW = 100
# Drawn before the palette's key, at the right edge.
PALETTE_EDGE = "▏"


def _compact(width: int) -> bool:
    return 0 < width < COMPACT_BELOW


def _rank(binding: Binding) -> int:
    return PRIORITY.index(binding.id) if binding.id in PRIORITY else len(PRIORITY)


@dataclass(frozen=True, slots=True)
class FooterEntry:
    """A key as shown: what it presses, how it reads, and the cells it takes."""

    key: str
    key_display: str
    description: str
    action: str
    enabled: bool
    binding_id: str | None
    x: int = 0
    width: int = 0


class PriorityFooter(KeptStyles):
    """Shows the keys in force, most important first, as many as fit whole.

    ``shown`` holds the keys on the line and ``palette`` the command palette's
    key at its right edge, each with its cells, for a click or a test.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "priority-footer--key",
        "priority-footer--description",
        "priority-footer--edge",
    }

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[FooterEntry] = []
        self.palette: FooterEntry | None = None
        self._drawn: tuple[object, ...] = ()
        # The line as last drawn, and the width it was drawn for.
        self._line: tuple[int, Strip] | None = None
        self._relabel_due = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    @property
    def compact(self) -> bool:
        return _compact(self.size.width)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        # Told twice when a key moves the focus (from the widget, to the next),
        # each telling queued: the keys are worked out once, after both.
        mine = screen.app.app_focus and self.is_attached and screen is self.screen
        if mine and not self._relabel_due:
            self._relabel_due = True
            self.call_next(self._due_relabel)

    def _due_relabel(self) -> None:
        self._relabel_due = False
        self._relabel()

    def on_resize(self) -> None:
        self._relabel()

    def _relabel(self) -> None:
        """Works out the keys that fit and repaints the line if they changed."""
        # Textual works the screen's bindings out afresh on every read: read once.
        active = self.screen.active_bindings
        # The width read once: Textual works a widget's size out afresh on every read,
        # and each key's cells asked for it (a fifth of a relabel, twice a filter).
        width = self.size.width
        room = width or self.app.size.width
        compact = _compact(width)
        palette = self._palette_entry(active, room, compact)
        shown = self._fitting(palette, active, room, compact)
        drawn = (tuple(shown), palette, width)
        if drawn != self._drawn:
            self._drawn = drawn
            self.shown, self.palette = shown, palette
            self._line = None
            self.refresh()

    @staticmethod
    def _cells(entry: FooterEntry, compact: bool) -> int:
        """A key's cells: " k desc " in the full style; "k desc" and a gap when compact."""
        return cell_len(entry.key_display) + cell_len(entry.description) + 2 + (not compact)

    def _entries(self, active: Mapping[str, ActiveBinding]) -> list[FooterEntry]:
        app = self.app
        found: dict[str, FooterEntry] = {}
        ranked: list[tuple[int, FooterEntry]] = []
        for _, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in found:
                entry = FooterEntry(
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    enabled,
                    binding.id,
                )
                found[binding.action] = entry
                ranked.append((_rank(binding), entry))
        # sorted() keeps the bindings' own order among equal ranks
        return [entry for _, entry in sorted(ranked, key=lambda item: item[0])]

    def _fitting(
        self,
        palette: FooterEntry | None,
        active: Mapping[str, ActiveBinding],
        room: int,
        compact: bool,
    ) -> list[FooterEntry]:
        """The keys to show, most important first, as many as fit whole in ``room``."""
        if palette is not None:
            room -= palette.width
        x, fitting = 0, []
        for entry in self._entries(active):
            if palette is not None and entry.action == palette.action:
                continue
            width = self._cells(entry, compact)
            if width > room:
                break  # a less important key never takes the place of a more important one
            fitting.append(replace(entry, x=x, width=width))
            room -= width
            x += width
        return fitting

    def _palette_entry(
        self, active: Mapping[str, ActiveBinding], room: int, compact: bool
    ) -> FooterEntry | None:
        app = self.app
        if not app.ENABLE_COMMAND_PALETTE:
            return None
        found = active.get(app.COMMAND_PALETTE_BINDING)
        if found is None:
            return None
        _, binding, enabled, _ = found
        key_display = app.get_key_display(binding)
        width = len(PALETTE_EDGE) + cell_len(key_display) + cell_len(binding.description) + 2
        width += 0 if compact else 2
        return FooterEntry(
            binding.key,
            key_display,
            binding.description,
            binding.action,
            enabled,
            binding.id,
            x=room - width,
            width=width,
        )

    # Drawing -------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._line = None

    def render_line(self, y: int) -> Strip:
        """The footer's one line, drawn as segments and kept until the keys change:
        through a ``Text`` it cost milliseconds on every pick."""
        width = self.content_region.width
        if y != 0:
            return Strip.blank(width, self.kept_style(""))
        if self._line is None or self._line[0] != width:
            self._line = (width, self._draw(width))
        return self._line[1]

    def _draw(self, width: int) -> Strip:
        base = self.kept_style("")
        key_style = base + self.kept_style("priority-footer--key")
        description_style = base + self.kept_style("priority-footer--description")
        dim = Style(dim=True)
        segments: list[Segment] = []

        def add(text: str, style: Style) -> None:
            segments.append(Segment(text, style))

        compact = self.compact
        for entry in self.shown:
            keys, words = (
                (key_style, description_style)
                if entry.enabled
                else (key_style + dim, description_style + dim)
            )
            if compact:
                add(entry.key_display, keys)
                add(f" {entry.description}", words)
                add(" ", base)
            else:
                add(f" {entry.key_display} ", keys)
                add(f"{entry.description} ", words)
        palette = self.palette
        if palette is not None:
            gap = palette.x - sum(segment.cell_length for segment in segments)
            if gap > 0:
                add(" " * gap, base)
            add(PALETTE_EDGE, base + self.kept_style("priority-footer--edge"))
            if compact:
                add(palette.key_display, key_style)
                add(f" {palette.description}", description_style)
            else:
                add(f" {palette.key_display} ", key_style)
                add(f"{palette.description} ", description_style)
                add(" ", base)
        return Strip(segments).crop(0, width)

    # Mouse ---------------------------------------------------------------

    def entry_at(self, x: int) -> FooterEntry | None:
        entries = [*self.shown, *([self.palette] if self.palette else [])]
        return next((entry for entry in entries if entry.x <= x < entry.x + entry.width), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        entry = self.entry_at(event.x)
        if entry is None:
            return
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()
