"""JSON: ``{"events": [...]}`` with the YAML field names and ISO partial dates.

Beside each partial date stand the first and last days it allows
(``date_earliest``, ``date_latest``): a tool that turns ``"2015-02"`` into a
calendar date would otherwise read it as 1 February. ``import`` drops them.
"""

from __future__ import annotations

import json
from typing import Any

from policy_timeline.dates import parse_partial_date
from policy_timeline.export import DEFAULT_OPTIONS, ExportOptions
from policy_timeline.model import Event, Timeline
from policy_timeline.serialize import event_to_data

EVENT_DATES = ("date", "end", "published", "effective")
BOUNDS = ("_earliest", "_latest")


def export_json(timeline: Timeline, events: list[Event],
                options: ExportOptions = DEFAULT_OPTIONS) -> str:
    document = {"events": [event_record(event) for event in events]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def event_record(event: Event) -> dict[str, Any]:
    """The event as in YAML, each partial date followed by its earliest and latest day."""
    data = _with_bounds(event_to_data(event), EVENT_DATES)
    for name, key in (("sources", "date"), ("targets", "deadline")):
        if name in data:
            data[name] = [_with_bounds(item, (key,)) for item in data[name]]
    return data


def without_bounds(data: dict[str, Any]) -> dict[str, Any]:
    """The YAML mapping back from a record: the added day fields left out."""
    found = {key: value for key, value in data.items() if not _is_bound(key, data)}
    for name in ("sources", "targets"):
        items = found.get(name)
        if isinstance(items, list):
            found[name] = [without_bounds(item) if isinstance(item, dict) else item
                           for item in items]
    return found


def _is_bound(key: object, data: dict[str, Any]) -> bool:
    return isinstance(key, str) and any(
        key.endswith(suffix) and key.removesuffix(suffix) in data for suffix in BOUNDS)


def _with_bounds(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in data.items():
        found[key] = value
        if key in keys and value:
            date = parse_partial_date(value)
            found[f"{key}_earliest"] = date.earliest().isoformat()
            found[f"{key}_latest"] = date.latest().isoformat()
    return found
