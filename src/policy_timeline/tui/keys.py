"""Reading the bindings in force, for the help panel, so help never drifts from the keys."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

# A help line: the area it belongs to, the key, and what it does.
HelpRow = tuple[str, str, str]


# Binding ids are "<area>.<name>"; the area names the help section.
AREAS = {
    "timeline": "Timeline",
    "periods": "Periods view",
    "targets": "Targets board",
    "detail": "Detail pane",
    "search": "Find",
    "filter": "Filter",
    "event": "Selected event",
    "marks": "Marked events",
    "view": "View",
    "app": "App",
}


# Textual's own bindings worth a line in help, in this app's words; the rest
# (scrolling sideways, copying a selection) do nothing a user of this app needs.
KEPT_TEXTUAL = {
    "app.focus_next": ("View", "Next pane"),
    "app.focus_previous": ("View", "Previous pane"),
    "command_palette": ("App", "Every command, with its key (palette)"),
}


def help_rows(screen: Screen[Any]) -> list[HelpRow]:
    """One row per action of this app, its keys joined, grouped by area in a fixed order."""
    app = screen.app
    grouped: dict[tuple[str, str], list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        area = (binding.id or "").split(".", 1)[0]
        if area in AREAS:
            label = AREAS[area]
            description = binding.description or binding.action.replace("_", " ")
        elif binding.action in KEPT_TEXTUAL:
            label, description = KEPT_TEXTUAL[binding.action]
        else:
            continue
        keys = grouped.setdefault((label, description), [])
        shown = app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)
    order = list(AREAS.values())
    rows = [(area, ", ".join(keys), description) for (area, description), keys in grouped.items()]
    return sorted(rows, key=lambda row: order.index(row[0]))
