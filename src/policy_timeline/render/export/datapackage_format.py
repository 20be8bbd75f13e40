"""A Frictionless data package: tidy CSV tables and a ``datapackage.json`` codebook.

One table per kind of thing, one row per thing, keyed by the event's id and
the item's number within the event, as analysts of policy databases expect.
The descriptor declares each field's type, each primary key and each foreign
key, so frictionless, pandas and DuckDB read the types as declared.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from policy_timeline.model.dates import PartialDate
from policy_timeline.model.events import Event, Source, Timeline
from policy_timeline.reading.fields import COMPARATORS
from policy_timeline.render.export import DEFAULT_OPTIONS, ExportOptions
from policy_timeline.render.export.csv_format import text_cell

Cell = str | int | float | None
Row = dict[str, Cell]


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: str  # a Table Schema type: string, integer, number, date
    description: str
    required: bool = False
    # A closed set of values: declared in the schema, and never formula-guarded,
    # since none of them is a formula (a lone "=" is the comparator "equals").
    enum: tuple[str, ...] = ()


def _date_fields(prefix: str, what: str, required: bool = False) -> list[Field]:
    return [
        Field(
            prefix,
            "string",
            f"{what}: a partial date as written (2017, 2017-12, "
            "2017-12-13), with ~ or ? where approximate or uncertain.",
            required,
        ),
        Field(f"{prefix}_earliest", "date", f"The first day {prefix} allows.", required),
        Field(f"{prefix}_latest", "date", f"The last day {prefix} allows.", required),
    ]


_EVENT = Field("event_id", "string", "The event's id (events.id).", True)
_NUMBER = Field("number", "integer", "1-based position within the event.", True)


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    rows: Callable[[Timeline, Event], Iterator[Row]]


def _event_rows(timeline: Timeline, event: Event) -> Iterator[Row]:
    yield {
        "id": event.id,
        **_dates("date", event.date),
        **_dates("end", event.end),
        "title": event.title,
        "title_original": event.title_original,
        "kind": event.kind,
        "kind_label": (timeline.vocabulary.kinds or {}).get(event.kind),
        "doc_number": event.doc_number,
        **_dates("published", event.published),
        **_dates("effective", event.effective),
        "status": event.status,
        "summary": event.summary,
        "file": event.file,
    }


def _source_rows(timeline: Timeline, event: Event) -> Iterator[Row]:
    for number, source in enumerate(event.sources, start=1):
        yield {"event_id": event.id, "number": number, **_source(source)}


def _source(source: Source) -> Row:
    return {
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        **_dates("date", source.date),
        "note": source.note,
    }


def _target_rows(timeline: Timeline, event: Event) -> Iterator[Row]:
    for number, target in enumerate(event.targets, start=1):
        outcome = target.outcome
        yield {
            "event_id": event.id,
            "number": number,
            "metric": target.metric,
            "comparator": target.comparator,
            "value": target.value,
            "unit": target.unit,
            **_dates("deadline", target.deadline),
            "source": target.source,
            "note": target.note,
            "outcome_status": outcome.status if outcome else None,
            "outcome_value": outcome.value if outcome else None,
            "outcome_unit": outcome.unit if outcome else None,
            **_dates("outcome_as_of", outcome.as_of if outcome else None),
            "outcome_note": outcome.note if outcome else None,
        }


def _outcome_source_rows(timeline: Timeline, event: Event) -> Iterator[Row]:
    for target_number, target in enumerate(event.targets, start=1):
        sources = target.outcome.sources if target.outcome else ()
        for number, source in enumerate(sources, start=1):
            yield {
                "event_id": event.id,
                "target": target_number,
                "number": number,
                **_source(source),
            }


def _relation_rows(timeline: Timeline, event: Event) -> Iterator[Row]:
    for number, link in enumerate(event.related, start=1):
        yield {
            "event_id": event.id,
            "number": number,
            "relation": link.relation,
            "other_id": link.id,
            "note": link.note,
        }


def _highlight_rows(timeline: Timeline, event: Event) -> Iterator[Row]:
    for number, text in enumerate(event.highlights, start=1):
        yield {"event_id": event.id, "number": number, "text": text}


def _issuer_rows(timeline: Timeline, event: Event) -> Iterator[Row]:
    declared = timeline.vocabulary.issuers or {}
    for number, code in enumerate(event.issuers, start=1):
        issuer = declared.get(code)
        yield {
            "event_id": event.id,
            "number": number,
            "issuer": code,
            "name": issuer.name if issuer else None,
            "name_original": issuer.name_original if issuer else None,
        }


def _sector_rows(timeline: Timeline, event: Event) -> Iterator[Row]:
    for number, sector in enumerate(event.sectors, start=1):
        yield {
            "event_id": event.id,
            "number": number,
            "sector": sector,
            "label": (timeline.vocabulary.sectors or {}).get(sector),
        }


def _dates(prefix: str, date: PartialDate | None) -> Row:
    if date is None:
        return {prefix: None, f"{prefix}_earliest": None, f"{prefix}_latest": None}
    return {
        prefix: date.iso(),
        f"{prefix}_earliest": date.earliest().isoformat(),
        f"{prefix}_latest": date.latest().isoformat(),
    }


def _text(name: str, description: str, required: bool = False) -> Field:
    return Field(name, "string", description, required)


def _part(
    name: str, description: str, rows: Callable[[Timeline, Event], Iterator[Row]], *fields: Field
) -> Table:
    """A table of things that belong to an event, keyed by the event and their number."""
    return Table(name, description, (_EVENT, _NUMBER, *fields), ("event_id", "number"), rows)


SOURCE_FIELDS = (
    _text("title", "Title of the source document or article.", True),
    _text("publisher", "Who published it.", True),
    _text("url", "Its web address, where one exists."),
    *_date_fields("date", "Date of the source", True),
    _text("note", "How the source was used."),
)
TABLES = (
    Table(
        "events",
        "One row per event.",
        (
            _text("id", "Unique id: lowercase letters, digits and single hyphens.", True),
            *_date_fields("date", "When the event happened or the document was issued", True),
            *_date_fields("end", "End of the period the event covers"),
            _text("title", "English title.", True),
            _text("title_original", "Title in the original language."),
            _text("kind", "plan, action-plan, guidance, review, law, notice, milestone, ...", True),
            _text("kind_label", "The kind's label from the timeline's vocabulary."),
            _text("doc_number", "Official document number."),
            *_date_fields("published", "Publication date"),
            *_date_fields("effective", "Date the document takes effect"),
            _text("status", "e.g. in-force, expired, superseded, completed, announced."),
            _text("summary", "A summary; paragraphs are separated by a blank line.", True),
            _text("file", "The YAML file the event was read from, relative to the timeline."),
        ),
        ("id",),
        _event_rows,
    ),
    _part(
        "sources",
        "Where each event's facts come from, in the event's order.",
        _source_rows,
        *SOURCE_FIELDS,
    ),
    _part(
        "targets",
        "Quantified goals an event sets, with their outcome where recorded.",
        _target_rows,
        _text("metric", "What is measured.", True),
        Field(
            "comparator", "string", "How the value compares to the goal.", True, enum=COMPARATORS
        ),
        Field("value", "number", "The number to reach.", True),
        _text("unit", "e.g. CNY billion, %, pilot projects."),
        *_date_fields("deadline", "When the target should be met"),
        Field(
            "source", "integer", "The number of the event's source that states it (sources.number)."
        ),
        _text("note", "Free text."),
        _text("outcome_status", "met, partly-met, missed, ... where an outcome is recorded."),
        Field("outcome_value", "number", "The value reached."),
        _text("outcome_unit", "The unit of the value reached."),
        *_date_fields("outcome_as_of", "When the outcome was measured"),
        _text("outcome_note", "Free text about the outcome."),
    ),
    Table(
        "outcome_sources",
        "Where each target's outcome is stated.",
        (
            _EVENT,
            Field("target", "integer", "The target's number (targets.number).", True),
            _NUMBER,
            *SOURCE_FIELDS,
        ),
        ("event_id", "target", "number"),
        _outcome_source_rows,
    ),
    _part(
        "relations",
        "Typed links from one event to another.",
        _relation_rows,
        _text("relation", "How the event relates to the other one, e.g. implements.", True),
        _text(
            "other_id", "The other event's id; with filters it may lie outside this package.", True
        ),
        _text("note", "Free text about the link."),
    ),
    _part(
        "highlights",
        "Key points of each event, one a row.",
        _highlight_rows,
        _text("text", "A key point.", True),
    ),
    _part(
        "issuers",
        "Issuing bodies of each event, lead issuer first (number 1).",
        _issuer_rows,
        _text("issuer", "The issuer as the event names it.", True),
        _text("name", "Its full name from the timeline's vocabulary."),
        _text("name_original", "Its name in the original language."),
    ),
    _part(
        "sectors",
        "Sectors each event concerns.",
        _sector_rows,
        _text("sector", "The sector's slug.", True),
        _text("label", "Its label from the timeline's vocabulary."),
    ),
)


def export_datapackage(
    timeline: Timeline, events: list[Event], options: ExportOptions = DEFAULT_OPTIONS
) -> dict[str, str]:
    """The package's files by name: one CSV per table and the descriptor."""
    files = {
        f"{table.name}.csv": _csv(table, timeline, events, options.formula_guard)
        for table in TABLES
    }
    files["datapackage.json"] = (
        json.dumps(descriptor(timeline), ensure_ascii=False, indent=2) + "\n"
    )
    return files


def descriptor(timeline: Timeline) -> dict[str, Any]:
    return {
        "profile": "tabular-data-package",
        "name": "policy-timeline",
        "title": timeline.name,
        **({"description": timeline.description} if timeline.description else {}),
        "resources": [_resource(table) for table in TABLES],
    }


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [
            {
                "name": field.name,
                "type": field.type,
                "description": field.description,
                **_constraints(field),
            }
            for field in table.fields
        ],
        "primaryKey": list(table.primary_key),
        # An empty cell is a missing value, and only that.
        "missingValues": [""],
    }
    if table.name != "events":
        schema["foreignKeys"] = [
            {"fields": "event_id", "reference": {"resource": "events", "fields": "id"}}
        ]
    return {
        "profile": "tabular-data-resource",
        "name": table.name,
        "path": f"{table.name}.csv",
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def _constraints(field: Field) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if field.required:
        found["required"] = True
    if field.enum:
        found["enum"] = list(field.enum)
    return {"constraints": found} if found else {}


def _csv(table: Table, timeline: Timeline, events: list[Event], guard: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = [field.name for field in table.fields]
    writer.writerow(names)
    texts = {field.name for field in table.fields if field.type == "string" and not field.enum}
    for event in events:
        for row in table.rows(timeline, event):
            assert list(row) == names, (table.name, list(row))
            writer.writerow([_cell(row[name], guard and name in texts) for name in names])
    return buffer.getvalue()


def _cell(value: Cell, guard: bool) -> str:
    if value is None:
        return ""
    text = str(value)
    # Only text cells are guarded: a number such as -5 must stay a number.
    return text_cell(text) if guard else text
