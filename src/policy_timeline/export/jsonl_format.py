"""JSON Lines: one event per line, each the same mapping as in the JSON export."""

from __future__ import annotations

import json

from policy_timeline.model import Event, Timeline
from policy_timeline.serialize import event_to_data


def export_jsonl(timeline: Timeline, events: list[Event]) -> str:
    # json.dumps escapes newlines inside strings, so every record stays on one line.
    return "".join(
        json.dumps(event_to_data(event), ensure_ascii=False) + "\n" for event in events
    )
