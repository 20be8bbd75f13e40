"""JSON: ``{"events": [...]}`` with the YAML field names and ISO partial dates."""

from __future__ import annotations

import json

from policy_timeline.model import Event, Timeline
from policy_timeline.serialize import event_to_data


def export_json(timeline: Timeline, events: list[Event]) -> str:
    document = {"events": [event_to_data(event) for event in events]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
