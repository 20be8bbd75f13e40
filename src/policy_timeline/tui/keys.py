"""The help screen's rows: the bindings in force, placed and worded by the action table."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from policy_timeline.tui.actions import AREAS, BY_ID

# A help line: the area it belongs to, the key, and what it does.
HelpRow = tuple[str, str, str]


# Textual's own bindings worth a line in help, in this app's words; the rest
# (scrolling sideways, copying a selection) do nothing a user of this app needs.
KEPT_TEXTUAL = {
    "app.focus_next": ("View", "Next pane"),
    "app.focus_previous": ("View", "Previous pane"),
    "command_palette": ("App", "Every command, with its key (palette)"),
}


def help_rows(screen: Screen[Any]) -> list[HelpRow]:
    """One row per action in force, its keys as the user has them, by area in a fixed order.

    Read from the live bindings rather than the table alone, so only the keys in
    force show (the focused view's, not the others') and remapped keys show remapped.
    """
    app = screen.app
    grouped: dict[tuple[str, str], list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        action = BY_ID.get(binding.id or "")
        if action is not None and action.area is not None:
            label, description = action.area, action.description
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
