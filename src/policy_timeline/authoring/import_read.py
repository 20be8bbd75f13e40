"""Reading rows to import: events as YAML mappings from CSV, xlsx, JSON and JSON Lines.

Columns are mapped by name to the event fields; the columns an export derives
(precision, earliest and latest days, the source file) are passed over, and
any other column is reported as unknown. The formula guard an export adds
(a leading ``'`` before ``= + - @``) is taken off again.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policy_timeline.reading.fields import EVENT_FIELDS
from policy_timeline.render.export.json_format import without_bounds

LIST_FIELDS = ("issuers", "sectors", "highlights")
# Columns that an export writes and an import has no use for.
DERIVED = re.compile(
    r"^(date|end|published|effective)_(precision|earliest|latest)$|"
    r"^(file|source_urls|target_outcomes|kind_label)$"
)
# A spreadsheet's own way to give one source: four columns.
SOURCE_COLUMNS = ("source_title", "source_publisher", "source_url", "source_date")
_GUARDED = re.compile(r"^'(?=[=+\-@\t\r])")


class ImportError_(ValueError):
    """The file as a whole cannot be read; the message says why."""


@dataclass(slots=True)
class Row:
    number: int  # as the user finds it: the spreadsheet row, the line, the list position
    data: dict[str, Any]
    problems: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ReadResult:
    rows: list[Row]
    unknown_columns: list[str]
    what: str  # "row", "line" or "event": how the numbers count


def read_rows(path: Path) -> ReadResult:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return _from_table(_csv_rows(path), {}, "row")
        if suffix == ".xlsx":
            return _from_workbook(path)
        if suffix in (".jsonl", ".ndjson"):
            return _from_json_lines(path)
        if suffix == ".json":
            return _from_json(path)
    except (OSError, UnicodeDecodeError) as error:
        raise ImportError_(
            f"cannot read {path}: {getattr(error, 'strerror', None) or error}"
        ) from None
    raise ImportError_(
        f"{path}: cannot tell the format from the suffix {suffix!r} "
        "(use .csv, .xlsx, .json, .jsonl)"
    )


def unguard(text: str) -> str:
    return _GUARDED.sub("", text)


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        # Numbered as a spreadsheet shows them: the header is row 1.
        yield from enumerate(csv.DictReader(stream), start=2)


def _from_table(
    rows: Iterator[tuple[int, dict[str, Any]]],
    parts: dict[str, dict[str, list[dict[str, Any]]]],
    what: str,
) -> ReadResult:
    found: list[Row] = []
    columns: list[str] = []
    for number, raw in rows:
        if not columns:
            columns = [str(name) for name in raw if name is not None]
        cells = {str(key).strip(): _cell(value) for key, value in raw.items() if key is not None}
        if not any(value not in (None, "") for value in cells.values()):
            continue  # a blank row
        found.append(_table_row(number, cells, parts))
    unknown = [
        name
        for name in columns
        if name.strip() not in EVENT_FIELDS
        and not DERIVED.match(name.strip())
        and name.strip() not in SOURCE_COLUMNS
        and name.strip() not in ("sources", "targets", "related")
    ]
    return ReadResult(found, unknown, what)


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return unguard(value)
    return value


def _table_row(
    number: int, cells: dict[str, Any], parts: dict[str, dict[str, list[dict[str, Any]]]]
) -> Row:
    row = Row(number, {})
    data = row.data
    for name in EVENT_FIELDS:
        value = cells.get(name)
        if value in (None, "") or name in ("sources", "targets", "related"):
            continue
        if name in LIST_FIELDS:
            data[name] = [item.strip() for item in str(value).split("\n") if item.strip()]
        elif isinstance(value, float) and value.is_integer() and name != "summary":
            data[name] = int(value)  # a spreadsheet's 12345.0 is the document number 12345
        else:
            data[name] = value
    event_id = str(data.get("id", ""))
    related = cells.get("related")
    if event_id in parts.get("relations", {}):
        data["related"] = parts["relations"][event_id]
    elif related:
        links = []
        for line in str(related).split("\n"):
            relation, _, other = line.strip().partition(" ")
            if line.strip():
                links.append({"id": other.strip(), "relation": relation})
        data["related"] = links
    if event_id in parts.get("sources", {}):
        data["sources"] = parts["sources"][event_id]
    elif any(cells.get(name) for name in SOURCE_COLUMNS):
        source = {
            "title": cells.get("source_title"),
            "publisher": cells.get("source_publisher"),
            "url": cells.get("source_url"),
            "date": cells.get("source_date"),
        }
        data["sources"] = [{key: value for key, value in source.items() if value not in (None, "")}]
    elif cells.get("sources"):
        data["sources"], problem = _sources_from_text(
            str(cells["sources"]), str(cells.get("source_urls") or "")
        )
        if problem:
            row.problems.append(problem)
    if event_id in parts.get("targets", {}):
        data["targets"] = parts["targets"][event_id]
    elif cells.get("targets"):
        row.problems.append(
            "targets: a CSV cell gives targets only in words; import them "
            "from the json, jsonl or xlsx export"
        )
    return row


def _sources_from_text(text: str, urls: str) -> tuple[list[dict[str, Any]], str | None]:
    """Sources from the CSV's ``title — publisher, date`` lines, where that reads one way."""
    sources = []
    for line in text.split("\n"):
        title, dash, rest = line.partition(" — ")
        publisher, comma, date = rest.rpartition(", ")
        if not (dash and comma and title and publisher and date):
            return [], f"sources: cannot read {line!r} as 'title — publisher, date'"
        sources.append({"title": title, "publisher": publisher, "date": date})
    links = [url for url in urls.split("\n") if url]
    if links and len(links) != len(sources):
        return [], (
            "sources: some sources have no web address, so the source_urls cannot be "
            "matched to them; use source_title/source_publisher/source_url/source_date "
            "columns or the json export"
        )
    for source, url in zip(sources, links, strict=False):
        source["url"] = url
    return sources, None


def _from_workbook(path: Path) -> ReadResult:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is no workbook
        raise ImportError_(f"{path}: not an xlsx workbook ({error})") from None
    sheets = {sheet.title: sheet for sheet in book.worksheets}
    first = sheets.get("events") or book.worksheets[0]
    parts: dict[str, dict[str, list[dict[str, Any]]]] = {
        name: _part_rows(list(sheets[name].iter_rows(values_only=True)), name)
        for name in ("sources", "targets", "relations", "outcome_sources")
        if name in sheets
    }
    # Outcome sources go to their target's outcome: "event_id target" keys them.
    for key, sources in parts.pop("outcome_sources", {}).items():
        event_id, _, number = key.rpartition(" ")
        targets = parts.get("targets", {}).get(event_id, [])
        if number.isdigit() and 0 < int(number) <= len(targets):
            targets[int(number) - 1].setdefault("outcome", {})["sources"] = sources
    return _from_table(_sheet_rows(list(first.iter_rows(values_only=True))), parts, "row")


def _sheet_rows(rows: list[tuple[Any, ...]]) -> Iterator[tuple[int, dict[Any, Any]]]:
    if not rows:
        return
    header = [str(name) if name is not None else None for name in rows[0]]
    for number, values in enumerate(rows[1:], start=2):
        yield number, dict(zip(header, values, strict=False))


def _part_rows(rows: list[tuple[Any, ...]], name: str) -> dict[str, list[dict[str, Any]]]:
    """The xlsx export's sources or targets sheet, as lists of mappings by event id."""
    found: dict[str, list[dict[str, Any]]] = {}
    for _, cells in _sheet_rows(rows):
        values = {
            key: _cell(value)
            for key, value in cells.items()
            if key
            and value not in (None, "")
            and not DERIVED.match(key)
            and not key.endswith(("_earliest", "_latest"))
        }
        event_id = str(values.pop("event_id", ""))
        values.pop("number", None)
        if name == "targets":
            values = _target(values)
        elif name == "relations":
            values = {"id": values.pop("other_id", None), **values}
        elif name == "outcome_sources":
            event_id += f" {values.pop('target', '')}"
        found.setdefault(event_id, []).append(values)
    return found


def _target(values: dict[str, Any]) -> dict[str, Any]:
    outcome = {
        key.removeprefix("outcome_"): values.pop(key)
        for key in list(values)
        if key.startswith("outcome_")
    }
    if values.get("comparator") == "=":
        del values["comparator"]
    if isinstance(values.get("source"), float):
        values["source"] = int(values["source"])
    if outcome:
        values["outcome"] = outcome
    return values


def _from_json_lines(path: Path) -> ReadResult:
    rows = []
    with path.open(encoding="utf-8-sig") as stream:
        for number, line in enumerate(stream, start=1):
            if line.strip():
                rows.append(_json_record(number, line))
    return ReadResult(rows, [], "line")


def _json_record(number: int, text: str) -> Row:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        return Row(number, {}, [f"not JSON: {error.msg}"])
    return _record(number, value)


def _record(number: int, value: Any) -> Row:
    if not isinstance(value, dict):
        return Row(number, {}, ["expected an event (a JSON object)"])
    return Row(number, without_bounds(value))


def _from_json(path: Path) -> ReadResult:
    try:
        document = json.loads(path.read_text("utf-8-sig"))
    except json.JSONDecodeError as error:
        raise ImportError_(f"{path}:{error.lineno}: not JSON: {error.msg}") from None
    if isinstance(document, dict) and isinstance(document.get("events"), list):
        events = document["events"]
        if events and all(isinstance(item, dict) and "start_date" in item for item in events):
            raise ImportError_(
                f"{path}: a TimelineJS file gives no issuers or sources, which "
                "every event needs; import the json export instead"
            )
    elif isinstance(document, list):
        events = document
    else:
        raise ImportError_(f'{path}: expected {{"events": [...]}} or a list of events')
    return ReadResult(
        [_record(number, item) for number, item in enumerate(events, start=1)], [], "event"
    )
