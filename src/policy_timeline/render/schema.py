"""The JSON Schema (draft-07) of an event file, for editors running yaml-language-server.

The schema mirrors the checks in ``fields.py`` that concern shape: types,
required and unknown fields, slugs, relations, comparators and web addresses.
What needs the whole timeline or a calendar (vocabularies, duplicate or dangling
ids, 30 February, an end before its date) is left to ``validate``, which stays
the authority.
"""

from __future__ import annotations

import json
from typing import Any

from policy_timeline.model.events import OUTCOME_STATUSES
from policy_timeline.model.relations import RELATIONS
from policy_timeline.reading.checker import SLUG
from policy_timeline.reading.fields import (
    COMPARATORS,
    EVENT_FIELDS,
    LINK_FIELDS,
    OUTCOME_FIELDS,
    REQUIRED_EVENT_FIELDS,
    SOURCE_FIELDS,
    TARGET_FIELDS,
)
from policy_timeline.reading.meta import ISSUER_FIELDS, META_FIELDS

# The names `schema --write` gives the files in a timeline folder; event files
# and _timeline.yaml point at them with a modeline relative to themselves.
EVENT_SCHEMA_FILE = "event.schema.json"
TIMELINE_SCHEMA_FILE = "timeline.schema.json"

# validate strips values before checking them, so the patterns allow padding.
_NOT_BLANK = r"\S"
_SINGLE_LINE = r"^[^\x00-\x08\x0a-\x1f\x7f-\x9f]*$"  # Cc characters except the tab
_MULTI_LINE = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"  # Cc characters except tab and newline
_ISO_SHAPE = r"^\s*\d{4}(-\d{1,2}(-\d{1,2})?)?\s*[~?%]?\s*$"
_ISO_DATE = (
    r"^\s*(?!0000)\d{4}(-(0?[1-9]|1[0-2])(-(0?[1-9]|[12]\d|3[01]))?)?"
    r"\s*[~?%]?\s*$"
)
_WEB_URL = r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^/?#\s][^ ]*?\s*$"


def _text(description: str) -> dict[str, Any]:
    # Single-line text may be a number in YAML (document numbers often look numeric).
    return {
        "description": description,
        "anyOf": [
            {"type": "string", "allOf": [{"pattern": _NOT_BLANK}, {"pattern": _SINGLE_LINE}]},
            {"type": "number"},
        ],
    }


def _long_text(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "type": "string",
        "allOf": [{"pattern": _NOT_BLANK}, {"pattern": _MULTI_LINE}],
    }


def _slug(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "anyOf": [
            {"type": "string", "pattern": rf"^\s*{SLUG.pattern}\s*$"},
            {"type": "integer", "minimum": 0},
        ],
    }


def _date(description: str) -> dict[str, Any]:
    return {
        "description": description + " A partial date: 2017, 2017-12 or 2017-12-13, "
        "optionally ending in ~ (approximate), ? (uncertain) or % (both).",
        "anyOf": [
            {"type": "integer", "minimum": 1, "maximum": 9999},
            {"type": "string", "pattern": _ISO_DATE},
            # Natural forms such as "Dec 14, 2017" are read by validate.
            {"type": "string", "pattern": r"\d", "not": {"pattern": _ISO_SHAPE}},
        ],
    }


def _list(description: str, items: dict[str, Any], at_least_one: bool = False) -> dict[str, Any]:
    found: dict[str, Any] = {"description": description, "type": "array", "items": items}
    if at_least_one:
        found["minItems"] = 1
    return found


def _object(
    properties: dict[str, Any], names: tuple[str, ...], required: tuple[str, ...]
) -> dict[str, Any]:
    # The field lists come from fields.py, so a new field cannot be forgotten here.
    assert set(properties) == set(names), sorted(set(properties) ^ set(names))
    return {
        "type": "object",
        "properties": {name: properties[name] for name in names},
        "required": list(required),
        "additionalProperties": False,
    }


def _source() -> dict[str, Any]:
    return _object(
        {
            "title": _text("Title of the source document or article."),
            "publisher": _text("Who published it."),
            "url": {
                "description": "An http:// or https:// address, where one exists.",
                "type": "string",
                "allOf": [{"pattern": _WEB_URL}, {"pattern": _SINGLE_LINE}],
            },
            "date": _date("Date of the source."),
            "note": _long_text("How the source was used, e.g. how a vague date was resolved."),
        },
        SOURCE_FIELDS,
        ("title", "publisher", "date"),
    )


def _link() -> dict[str, Any]:
    names = "|".join(RELATIONS)
    return _object(
        {
            "id": _text("The id of the other event."),
            "relation": {
                "description": "How this event relates to the other one.",
                "type": "string",
                "pattern": rf"^\s*({names})\s*$",
                "examples": list(RELATIONS),
            },
            "note": _long_text("Free text about the link."),
        },
        LINK_FIELDS,
        ("id", "relation"),
    )


def _target() -> dict[str, Any]:
    return _object(
        {
            "metric": _text("What is measured."),
            "value": {"description": "The number to reach.", "type": "number"},
            "unit": _text("e.g. CNY billion, %, pilot projects."),
            "comparator": {
                "description": "How the value compares (default =).",
                "enum": list(COMPARATORS),
            },
            "deadline": _date("When the target should be met."),
            "source": {
                "description": "1-based number of the event's source that states it.",
                "type": "integer",
                "minimum": 1,
            },
            "note": _long_text("Free text."),
            "outcome": _outcome(),
        },
        TARGET_FIELDS,
        ("metric", "value"),
    )


def _outcome() -> dict[str, Any]:
    statuses = "|".join(OUTCOME_STATUSES)
    found = _object(
        {
            "status": {
                "description": "What became of the target.",
                "type": "string",
                "pattern": rf"^\s*({statuses})\s*$",
                "examples": list(OUTCOME_STATUSES),
            },
            "value": {"description": "The number reached.", "type": "number"},
            "unit": _text("The unit of the value reached; required with a value."),
            "as_of": _date("When the value was measured or the outcome judged."),
            "note": _long_text("Free text."),
            "sources": _list(
                "Where the outcome is stated; required unless the status is unknown.",
                _source(),
                True,
            ),
        },
        OUTCOME_FIELDS,
        ("status",),
    )
    found["dependencies"] = {"value": ["unit"]}
    found["if"] = {"not": {"properties": {"status": {"pattern": r"^\s*unknown\s*$"}}}}
    found["then"] = {"required": ["sources"]}
    return found


def _event() -> dict[str, Any]:
    return _object(
        {
            "id": _slug("Unique id: lowercase letters, digits and single hyphens."),
            "date": _date("When the event happened or the document was issued."),
            "end": _date("End of the period the event covers; not before date."),
            "title": _text("English title."),
            "title_original": _text("Title in the original language."),
            "kind": _slug("plan, action-plan, guidance, review, law, notice, milestone, ..."),
            "issuers": _list("Issuing bodies, lead issuer first.", _text("An issuer."), True),
            "sectors": _list("Sectors the event concerns.", _slug("A sector slug.")),
            "summary": _long_text("A summary in your own words."),
            "sources": _list("Where the facts come from; at least one.", _source(), True),
            "related": _list("Typed links to other events.", _link()),
            "doc_number": _text("Official document number."),
            "published": _date("Publication date, when it differs from date."),
            "effective": _date("Date the document takes effect."),
            "status": _slug("e.g. in-force, expired, superseded, completed, announced."),
            "highlights": _list("Key points, one line each.", _text("A key point.")),
            "targets": _list("Structured, quantified goals.", _target()),
        },
        EVENT_FIELDS,
        REQUIRED_EVENT_FIELDS,
    )


def build_schema() -> dict[str, Any]:
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "policy-timeline event file",
        "description": "One event, or a list of events. See docs/format.md.",
        "definitions": {"event": _event()},
        "anyOf": [
            {"$ref": "#/definitions/event"},
            {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/event"}},
        ],
    }


def _labels(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "type": "object",
        "propertyNames": {"pattern": rf"^{SLUG.pattern}$"},
        "additionalProperties": _text("The label shown for it."),
    }


def build_timeline_schema() -> dict[str, Any]:
    """The schema of ``_timeline.yaml``: the timeline's name and its vocabularies."""
    issuer = _object(
        {
            "name": _text("The issuer's full name."),
            "name_original": _text("The name in the original language."),
        },
        ISSUER_FIELDS,
        ("name",),
    )
    meta = _object(
        {
            "name": _text("The timeline's name."),
            "description": _long_text("What the timeline covers."),
            "sectors": _labels("Declared sectors: slug to label."),
            "issuers": {
                "description": "Declared issuers: code to a name, or to name and name_original.",
                "type": "object",
                "additionalProperties": {"anyOf": [_text("The issuer's name."), issuer]},
            },
            "kinds": _labels("Declared kinds: slug to label."),
        },
        META_FIELDS,
        (),
    )
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "policy-timeline _timeline.yaml",
        "description": "The timeline's name, description and vocabularies. See docs/format.md.",
        **meta,
    }


def schema_text() -> str:
    """The event schema as `schema --write` ships it: the same bytes every time."""
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


def timeline_schema_text() -> str:
    return json.dumps(build_timeline_schema(), ensure_ascii=False, indent=2) + "\n"


def schema_files() -> dict[str, str]:
    """What `schema --write` puts in a timeline folder, by file name."""
    return {EVENT_SCHEMA_FILE: schema_text(), TIMELINE_SCHEMA_FILE: timeline_schema_text()}
