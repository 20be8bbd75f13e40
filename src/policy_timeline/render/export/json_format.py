"""JSON: ``{"events": [...]}`` with the YAML field names and ISO partial dates.

Beside each partial date stand the first and last days it allows
(``date_earliest``, ``date_latest``): a tool that turns ``"2015-02"`` into a
calendar date would otherwise read it as 1 February. ``import`` drops them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from policy_timeline.model.dates import parse_partial_date
from policy_timeline.model.events import Event, Timeline
from policy_timeline.render.export import DEFAULT_OPTIONS, ExportOptions
from policy_timeline.render.serialize import event_to_data

# The keys that hold a partial date, wherever they appear: the event's own
# dates, a source's date, a target's deadline and an outcome's as-of date.
DATE_KEYS = frozenset({"date", "end", "published", "effective", "deadline", "as_of"})
BOUNDS = ("_earliest", "_latest")


def export_json(
    timeline: Timeline, events: list[Event], options: ExportOptions = DEFAULT_OPTIONS
) -> str:
    return "".join(json_chunks(timeline, events, options))


def json_chunks(
    timeline: Timeline, events: Sequence[Event], options: ExportOptions = DEFAULT_OPTIONS
) -> Iterator[str]:
    """The document event by event: the same text ``json.dumps(..., indent=2)`` makes
    of the whole, without holding every event's record and the whole text at once."""
    if not events:
        yield '{\n  "events": []\n}\n'
        return
    yield '{\n  "events": [\n'
    for number, event in enumerate(events):
        text = json.dumps(event_record(event), ensure_ascii=False, indent=2)
        # Strings keep their line breaks escaped, so every line break here is layout.
        yield ("" if number == 0 else ",\n") + "    " + text.replace("\n", "\n    ")
    yield "\n  ]\n}\n"


def event_record(event: Event) -> dict[str, Any]:
    """The event as in YAML, each partial date followed by its earliest and latest day."""
    record: dict[str, Any] = _with_bounds(event_to_data(event))
    return record


def without_bounds(data: Any) -> Any:
    """The YAML mapping back from a record: the added day fields left out."""
    if isinstance(data, list):
        return [without_bounds(item) for item in data]
    if not isinstance(data, dict):
        return data
    return {key: without_bounds(value) for key, value in data.items() if not _is_bound(key, data)}


def _is_bound(key: object, data: dict[str, Any]) -> bool:
    return isinstance(key, str) and any(
        key.endswith(suffix)
        and key.removesuffix(suffix) in DATE_KEYS
        and key.removesuffix(suffix) in data
        for suffix in BOUNDS
    )


def _with_bounds(data: Any) -> Any:
    if isinstance(data, list):
        return [_with_bounds(item) for item in data]
    if not isinstance(data, dict):
        return data
    found: dict[str, Any] = {}
    for key, value in data.items():
        found[key] = _with_bounds(value)
        if key in DATE_KEYS and isinstance(value, str):
            date = parse_partial_date(value)
            found[f"{key}_earliest"] = date.earliest().isoformat()
            found[f"{key}_latest"] = date.latest().isoformat()
    return found
