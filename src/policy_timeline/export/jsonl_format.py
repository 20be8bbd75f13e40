"""JSON Lines: one event per line, each the same mapping as in the JSON export."""

from __future__ import annotations

import json

from policy_timeline.export import DEFAULT_OPTIONS, ExportOptions
from policy_timeline.export.json_format import event_record
from policy_timeline.model import Event, Timeline


def export_jsonl(timeline: Timeline, events: list[Event],
                 options: ExportOptions = DEFAULT_OPTIONS) -> str:
    # json.dumps escapes newlines inside strings, so every record stays on one line.
    return "".join(
        json.dumps(event_record(event), ensure_ascii=False) + "\n" for event in events
    )
