"""The periods view's lanes over the whole timeline: each event's rows by kind,
lead issuer or sector, in date order. The view lays a filter's rows out from them
(``tui.period_lanes``)."""

from __future__ import annotations

from policy_timeline.model.events import Event, Timeline

NO_SECTOR = "(no sector)"


def lane_names(event: Event, grouping: str) -> tuple[str, ...]:
    """The lanes an event sits in."""
    if grouping == "kind":
        return (event.kind,)
    if grouping == "issuer":
        return (event.lead_issuer,)
    return event.sectors or (NO_SECTOR,)


def lane_keys(timeline: Timeline, grouping: str) -> dict[str, list[int]]:
    """Every lane's rows over the whole timeline, in date order, read event by event."""
    lanes: dict[str, list[int]] = {}
    for row, event in enumerate(timeline.events):
        for key in lane_names(event, grouping):
            lanes.setdefault(key, []).append(row)
    return lanes
