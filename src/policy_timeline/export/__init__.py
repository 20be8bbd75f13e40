"""Machine-readable exports, one module per format behind one small interface."""

from __future__ import annotations

from collections.abc import Callable

from policy_timeline.export.json_format import export_json
from policy_timeline.model import Event, Timeline

# An exporter turns the filtered events of a timeline into the file's text.
Exporter = Callable[[Timeline, list[Event]], str]

FORMATS: dict[str, Exporter] = {
    "json": export_json,
}
