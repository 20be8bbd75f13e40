"""Checking one event's YAML mapping field by field and building the Event from it."""

from __future__ import annotations

import math
from typing import Any

from policy_timeline.model.dates import PartialDate, describe_type
from policy_timeline.model.events import (
    OUTCOME_STATUSES,
    Event,
    Link,
    Outcome,
    Source,
    Target,
    Vocabulary,
)
from policy_timeline.model.problems import YamlPath
from policy_timeline.model.relations import RELATIONS
from policy_timeline.model.text import unsafe
from policy_timeline.model.urls import is_web_url
from policy_timeline.reading.checker import (
    MISSING,
    FieldChecker,
    Missing,
    match_slug,
    show,
)

COMPARATORS = (">", ">=", "=", "<=", "<", "~")
EVENT_FIELDS = (
    "id",
    "date",
    "end",
    "title",
    "title_original",
    "kind",
    "issuers",
    "sectors",
    "summary",
    "sources",
    "related",
    "doc_number",
    "published",
    "effective",
    "status",
    "highlights",
    "targets",
)
REQUIRED_EVENT_FIELDS = ("id", "date", "title", "kind", "issuers", "summary", "sources")
SOURCE_FIELDS = ("title", "publisher", "url", "date", "note")
LINK_FIELDS = ("id", "relation", "note")
TARGET_FIELDS = ("metric", "value", "unit", "comparator", "deadline", "source", "note", "outcome")
OUTCOME_FIELDS = ("status", "value", "unit", "as_of", "note", "sources")


def read_event(
    raw: Any, path: YamlPath, check: FieldChecker, vocabulary: Vocabulary, file: str, index: int
) -> Event | None:
    """Checks one event mapping; returns the event when every required field is sound."""
    event = check.mapping(raw, path, "an event")
    if event is None:
        return None
    check.check_keys(event, path, EVENT_FIELDS, REQUIRED_EVENT_FIELDS)

    event_id = check.slug(event, path, "id")
    date = check.date(event, path, "date")
    end = check.date(event, path, "end")
    if (
        isinstance(date, PartialDate)
        and isinstance(end, PartialDate)
        and end.latest() < date.earliest()
    ):
        check.report(path + ("end",), f"end {end.iso()} is before date {date.iso()}")
        end = MISSING

    sources = _read_sources(check, event, path)
    source_count = len(sources) if isinstance(sources, list) else 0
    title = check.text(event, path, "title")
    title_original = check.text(event, path, "title_original")
    kind = check.slug(event, path, "kind", vocabulary.kinds)
    issuers = _text_items(check, event, path, "issuers", _ISSUER, vocabulary.issuers)
    sectors = _text_items(check, event, path, "sectors", _SECTOR, vocabulary.sectors)
    summary = check.text(event, path, "summary", multiline=True)
    related = (
        check.items(
            event,
            path,
            "related",
            lambda item, where: read_link(item, where, check, event_id),
        )
        if "related" in event
        else []
    )
    doc_number = check.text(event, path, "doc_number")
    published = check.date(event, path, "published")
    effective = check.date(event, path, "effective")
    status = check.slug(event, path, "status")
    highlights = _text_items(check, event, path, "highlights", _HIGHLIGHT, None)
    targets = (
        check.items(
            event,
            path,
            "targets",
            lambda item, where: read_target(item, where, check, source_count),
        )
        if "targets" in event
        else []
    )
    # An empty list is its own problem; a list whose every item was bad is
    # already reported item by item.
    if event.get("sources") == []:
        check.report(path + ("sources",), "at least one source is required")
    if event.get("issuers") == []:
        check.report(path + ("issuers",), "at least one issuer is required")
    if sources == []:
        sources = MISSING
    if issuers == []:
        issuers = MISSING

    for value in (event_id, date, sources, title, kind, issuers, summary):
        if value is None or value is MISSING:
            return None
    return Event(
        id=event_id,  # type: ignore[arg-type]
        date=date,  # type: ignore[arg-type]
        title=title,  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
        issuers=tuple(issuers),  # type: ignore[arg-type]
        summary=summary,  # type: ignore[arg-type]
        sources=tuple(sources),  # type: ignore[arg-type]
        end=end if isinstance(end, PartialDate) else None,
        title_original=title_original if isinstance(title_original, str) else None,
        sectors=tuple(sectors) if isinstance(sectors, list) else (),
        related=tuple(related) if isinstance(related, list) else (),
        doc_number=doc_number if isinstance(doc_number, str) else None,
        published=published if isinstance(published, PartialDate) else None,
        effective=effective if isinstance(effective, PartialDate) else None,
        status=status if isinstance(status, str) else None,
        highlights=tuple(highlights) if isinstance(highlights, list) else (),
        targets=tuple(targets) if isinstance(targets, list) else (),
        file=file,
        index=index,
    )


# What _text_items checks beyond the text itself.
_HIGHLIGHT, _ISSUER, _SECTOR = 0, 1, 2


def _text_items(
    check: FieldChecker,
    mapping: dict[Any, Any],
    path: YamlPath,
    name: str,
    what: int,
    vocabulary: dict[str, Any] | None,
) -> list[str] | Missing:
    """``check.items`` for a list of texts (highlights), issuers or sectors.

    Sound items are taken without building their paths; any other item goes
    through the full check, which reports it.
    """
    if name not in mapping:
        return []
    value = mapping[name]
    if not isinstance(value, list):
        return check.items(mapping, path, name, _never_read)
    found: list[str] = []
    for number, item in enumerate(value):
        if item.__class__ is str:
            text = item.strip()
            if (
                text
                and (item.isprintable() or not unsafe(text, True))
                and (
                    what == _HIGHLIGHT
                    or (
                        text in vocabulary
                        if vocabulary is not None
                        else what == _ISSUER or match_slug(text)
                    )
                )
            ):
                found.append(text)
                continue
        where = path + (name, number)
        result = _text_item(check, item, where)
        if isinstance(result, str):
            if what == _ISSUER:
                result = check.check_vocabulary(result, where, "issuer", vocabulary)
            elif what == _SECTOR:
                result = check.check_slug(result, where, "sector", vocabulary)
        if not isinstance(result, Missing):
            found.append(result)
    return found


def _never_read(item: Any, where: YamlPath) -> Missing:
    raise AssertionError("only called for lists")


def _read_sources(
    check: FieldChecker, event: dict[Any, Any], path: YamlPath
) -> list[Source] | Missing:
    if "sources" not in event:
        return []
    value = event["sources"]
    if not isinstance(value, list):
        return check.items(event, path, "sources", _never_read)
    found = []
    for number, item in enumerate(value):
        source = read_source(item, path + ("sources", number), check)
        if not isinstance(source, Missing):
            found.append(source)
    return found


def _text_item(check: FieldChecker, item: Any, where: YamlPath) -> str | Missing:
    result = check.text({where[-1]: item}, where[:-1], where[-1])
    return result if isinstance(result, str) else MISSING


def _slug_item(
    check: FieldChecker, item: Any, where: YamlPath, name: str, vocabulary: dict[str, Any] | None
) -> str | Missing:
    text = _text_item(check, item, where)
    if not isinstance(text, str):
        return MISSING
    return check.check_slug(text, where, name, vocabulary)


def read_source(raw: Any, path: YamlPath, check: FieldChecker) -> Source | Missing:
    source = check.mapping(raw, path, "a source")
    if source is None:
        return MISSING
    check.check_keys(source, path, SOURCE_FIELDS, ("title", "publisher", "date"))
    title = check.text(source, path, "title")
    publisher = check.text(source, path, "publisher")
    date = check.date(source, path, "date")
    url = check.text(source, path, "url")
    note = check.text(source, path, "note", multiline=True)
    if isinstance(url, str) and not is_web_url(url):
        check.report(path + ("url",), f"{show(url)} is not an http:// or https:// address")
        url = MISSING
    if not (
        isinstance(title, str) and isinstance(publisher, str) and isinstance(date, PartialDate)
    ):
        return MISSING
    return Source(
        title=title,
        publisher=publisher,
        date=date,
        url=url if isinstance(url, str) else None,
        note=note if isinstance(note, str) else None,
    )


def read_link(
    raw: Any, path: YamlPath, check: FieldChecker, event_id: str | Missing | None
) -> Link | Missing:
    link = check.mapping(raw, path, "a link such as {id: other-event, relation: builds-on}")
    if link is None:
        return MISSING
    check.check_keys(link, path, LINK_FIELDS, ("id", "relation"))
    target = check.text(link, path, "id")
    relation = check.text(link, path, "relation")
    note = check.text(link, path, "note", multiline=True)
    if isinstance(relation, str) and relation not in RELATIONS:
        hint = check.did_you_mean(relation, RELATIONS) or f" (one of: {', '.join(RELATIONS)})"
        check.report(path + ("relation",), f"unknown relation {show(relation)}{hint}")
        relation = MISSING
    if isinstance(target, str) and target == event_id:
        check.report(path + ("id",), "an event cannot be related to itself")
        target = MISSING
    if not (isinstance(target, str) and isinstance(relation, str)):
        return MISSING
    return Link(target, relation, note if isinstance(note, str) else None)


def read_target(
    raw: Any, path: YamlPath, check: FieldChecker, source_count: int
) -> Target | Missing:
    target = check.mapping(raw, path, "a target")
    if target is None:
        return MISSING
    check.check_keys(target, path, TARGET_FIELDS, ("metric", "value"))
    metric = check.text(target, path, "metric")
    unit = check.text(target, path, "unit")
    note = check.text(target, path, "note", multiline=True)
    deadline = check.date(target, path, "deadline")
    value = _finite_number(check, target, path)
    comparator = target.get("comparator", "=")
    if comparator not in COMPARATORS:
        check.report(
            path + ("comparator",),
            f"expected one of {' '.join(COMPARATORS)}, got {show(comparator)}",
        )
        comparator = "="
    source = target.get("source")
    if source is not None and (
        isinstance(source, bool)
        or not isinstance(source, int)
        or not 1 <= source <= max(source_count, 1)
    ):
        check.report(
            path + ("source",),
            f"expected the number of one of this event's {source_count} sources "
            f"(1-{source_count}), got {show(source)}",
        )
        source = None
    outcome = (
        read_outcome(target["outcome"], path + ("outcome",), check)
        if ("outcome" in target)
        else None
    )
    if not isinstance(metric, str) or value is None:
        return MISSING
    return Target(
        metric=metric,
        value=value,
        comparator=comparator,
        source=source,
        unit=unit if isinstance(unit, str) else None,
        deadline=deadline if isinstance(deadline, PartialDate) else None,
        note=note if isinstance(note, str) else None,
        outcome=outcome if isinstance(outcome, Outcome) else None,
    )


def _finite_number(
    check: FieldChecker, mapping: dict[Any, Any], path: YamlPath
) -> int | float | None:
    """The mapping's ``value``: a number JSON can hold (no NaN, no infinity), or None."""
    value = mapping.get("value")
    if "value" not in mapping:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        check.report(path + ("value",), f"expected a number, got {describe_type(value)}")
        return None
    if not math.isfinite(value):
        check.report(path + ("value",), f"expected a finite number, got {value}")
        return None
    return value


def read_outcome(raw: Any, path: YamlPath, check: FieldChecker) -> Outcome | Missing:
    """What became of a target: a known status, backed by a source unless it is unknown."""
    outcome = check.mapping(raw, path, "an outcome such as {status: met, sources: [...]}")
    if outcome is None:
        return MISSING
    check.check_keys(outcome, path, OUTCOME_FIELDS, ("status",))
    status = check.text(outcome, path, "status")
    if isinstance(status, str) and status not in OUTCOME_STATUSES:
        hint = (
            check.did_you_mean(status, OUTCOME_STATUSES)
            or f" (one of: {', '.join(OUTCOME_STATUSES)})"
        )
        check.report(path + ("status",), f"unknown status {show(status)}{hint}")
        status = MISSING
    unit = check.text(outcome, path, "unit")
    value = _finite_number(check, outcome, path)
    if value is not None and "unit" not in outcome:
        check.report(path + ("unit",), "required when a value is given")
    as_of = check.date(outcome, path, "as_of")
    note = check.text(outcome, path, "note", multiline=True)
    sources = check.items(
        outcome, path, "sources", lambda item, where: read_source(item, where, check)
    )
    if outcome.get("sources") == []:
        check.report(path + ("sources",), "at least one source is required")
    elif "sources" not in outcome and status != "unknown" and isinstance(status, str):
        check.report(
            path + ("sources",), f"required field is missing: a {status} outcome needs a source"
        )
    if not isinstance(status, str) or not isinstance(sources, list):
        return MISSING
    return Outcome(
        status=status,
        sources=tuple(sources),
        value=value if isinstance(value, int | float) else None,
        unit=unit if isinstance(unit, str) else None,
        as_of=as_of if isinstance(as_of, PartialDate) else None,
        note=note if isinstance(note, str) else None,
    )
