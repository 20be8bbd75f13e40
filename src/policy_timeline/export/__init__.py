"""Machine-readable exports, one module per format behind one small interface."""

from __future__ import annotations

from collections.abc import Callable

from policy_timeline.export.csv_format import export_csv
from policy_timeline.export.ics_format import export_ics
from policy_timeline.export.json_format import export_json
from policy_timeline.export.jsonl_format import export_jsonl
from policy_timeline.export.markdown_format import export_markdown
from policy_timeline.export.timelinejs_format import export_timelinejs
from policy_timeline.model import Event, Timeline

# An exporter turns the filtered events of a timeline into the file's text.
Exporter = Callable[[Timeline, list[Event]], str]

FORMATS: dict[str, Exporter] = {
    "json": export_json,
    "jsonl": export_jsonl,
    "csv": export_csv,
    "markdown": export_markdown,
    "ics": export_ics,
    "timelinejs": export_timelinejs,
}
