"""JSON Lines: one event per line, each the same mapping as in the JSON export."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from policy_timeline.model.events import Event, Timeline
from policy_timeline.render.export import DEFAULT_OPTIONS, ExportOptions
from policy_timeline.render.export.json_format import event_record


def export_jsonl(
    timeline: Timeline, events: list[Event], options: ExportOptions = DEFAULT_OPTIONS
) -> str:
    return "".join(jsonl_chunks(timeline, events, options))


def jsonl_chunks(
    timeline: Timeline, events: Sequence[Event], options: ExportOptions = DEFAULT_OPTIONS
) -> Iterator[str]:
    # json.dumps escapes newlines inside strings, so every record stays on one line.
    for event in events:
        yield json.dumps(event_record(event), ensure_ascii=False) + "\n"
