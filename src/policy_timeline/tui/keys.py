"""Reading the bindings in force, for the help panel, so help never drifts from the keys."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from policy_timeline.tui.screens.panels import HelpRow

# Binding ids are "<area>.<name>"; the area names the help section.
AREAS = {
    "timeline": "Timeline",
    "detail": "Detail pane",
    "search": "Find",
    "filter": "Filter",
    "event": "Selected event",
    "view": "View",
    "app": "App",
}


def help_rows(screen: Screen[Any]) -> list[HelpRow]:
    """One row per action, its keys joined, grouped by area in a fixed order."""
    app = screen.app
    grouped: dict[tuple[str, str], list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        area = (binding.id or "app.").split(".", 1)[0]
        label = AREAS.get(area, "App")
        description = binding.description or binding.action.replace("_", " ")
        keys = grouped.setdefault((label, description), [])
        shown = app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)
    order = list(AREAS.values())
    rows = [(area, ", ".join(keys), description)
            for (area, description), keys in grouped.items()]
    return sorted(rows, key=lambda row: order.index(row[0]))
