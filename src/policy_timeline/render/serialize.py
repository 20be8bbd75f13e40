"""Events as plain data with the YAML field names, the shape every export starts from."""

from __future__ import annotations

from typing import Any

from policy_timeline.model.events import Event, Outcome, Source, Target


def event_to_data(event: Event) -> dict[str, Any]:
    """The event as it would be written in YAML: absent optional fields are left out."""
    data: dict[str, Any] = {"id": event.id, "date": event.date.iso()}
    if event.end:
        data["end"] = event.end.iso()
    data["title"] = event.title
    _put(data, "title_original", event.title_original)
    data["kind"] = event.kind
    data["issuers"] = list(event.issuers)
    _put(data, "sectors", list(event.sectors))
    _put(data, "doc_number", event.doc_number)
    _put(data, "published", event.published.iso() if event.published else None)
    _put(data, "effective", event.effective.iso() if event.effective else None)
    _put(data, "status", event.status)
    data["summary"] = event.summary
    _put(data, "highlights", list(event.highlights))
    _put(data, "targets", [target_to_data(target) for target in event.targets])
    data["sources"] = [source_to_data(source) for source in event.sources]
    _put(
        data,
        "related",
        [
            {"id": link.id, "relation": link.relation, **({"note": link.note} if link.note else {})}
            for link in event.related
        ],
    )
    return data


def source_to_data(source: Source) -> dict[str, Any]:
    data: dict[str, Any] = {"title": source.title, "publisher": source.publisher}
    _put(data, "url", source.url)
    data["date"] = source.date.iso()
    _put(data, "note", source.note)
    return data


def target_to_data(target: Target) -> dict[str, Any]:
    data: dict[str, Any] = {"metric": target.metric, "value": target.value}
    _put(data, "unit", target.unit)
    if target.comparator != "=":
        data["comparator"] = target.comparator
    _put(data, "deadline", target.deadline.iso() if target.deadline else None)
    _put(data, "source", target.source)
    _put(data, "note", target.note)
    if target.outcome:
        data["outcome"] = outcome_to_data(target.outcome)
    return data


def outcome_to_data(outcome: Outcome) -> dict[str, Any]:
    data: dict[str, Any] = {"status": outcome.status}
    if outcome.value is not None:  # 0 is a value reached
        data["value"] = outcome.value
    _put(data, "unit", outcome.unit)
    _put(data, "as_of", outcome.as_of.iso() if outcome.as_of else None)
    _put(data, "note", outcome.note)
    _put(data, "sources", [source_to_data(source) for source in outcome.sources])
    return data


def _put(data: dict[str, Any], key: str, value: Any) -> None:
    if value:
        data[key] = value
