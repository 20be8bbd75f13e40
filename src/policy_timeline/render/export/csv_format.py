"""CSV: one row per event under fixed columns, for spreadsheets and data frames.

The text is UTF-8 with a byte-order mark, which Excel takes as the sign of
UTF-8 (without it, it guesses a legacy code page and garbles Chinese); pandas,
DuckDB and Python's ``utf-8-sig`` read past it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from policy_timeline.model.dates import PartialDate
from policy_timeline.model.events import Event, Timeline
from policy_timeline.render.export import DEFAULT_OPTIONS, ExportOptions

BYTE_ORDER_MARK = "\ufeff"
# A list cell holds one item per line. validate keeps every list item on one
# line, so splitting at line breaks gives back the items exactly; "; " could
# not, since the bundled highlights contain it.
LIST_SEPARATOR = "\n"

# The column order is part of the format: add new columns at the end only.
# Every column is text except these, whose cells are ISO dates or empty.
COLUMNS = (
    "id",
    "date",
    "date_precision",
    "date_earliest",
    "date_latest",
    "end",
    "end_precision",
    "end_earliest",
    "end_latest",
    "title",
    "title_original",
    "kind",
    "issuers",
    "sectors",
    "doc_number",
    "published",
    "effective",
    "status",
    "summary",
    "highlights",
    "targets",
    "sources",
    "source_urls",
    "related",
    "file",
    "target_outcomes",
)
DATE_COLUMNS = ("date_earliest", "date_latest", "end_earliest", "end_latest")

# A spreadsheet runs a cell that starts with one of these as a formula. The
# leading apostrophe is the spreadsheet convention for "this cell is text".
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_csv(
    timeline: Timeline, events: list[Event], options: ExportOptions = DEFAULT_OPTIONS
) -> str:
    return "".join(csv_chunks(timeline, events, options))


def csv_chunks(
    timeline: Timeline, events: Sequence[Event], options: ExportOptions = DEFAULT_OPTIONS
) -> Iterator[str]:
    """The header, then each event's row as it is made."""
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    cell = text_cell if options.formula_guard else str
    for event in events:
        row = event_row(event)
        writer.writerow([cell(row[column]) for column in COLUMNS])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()  # the header alone, when there are no events


def event_row(event: Event) -> dict[str, str]:
    row = {
        "id": event.id,
        **date_cells("date", event.date),
        **date_cells("end", event.end),
        "title": event.title,
        "title_original": event.title_original or "",
        "kind": event.kind,
        "issuers": LIST_SEPARATOR.join(event.issuers),
        "sectors": LIST_SEPARATOR.join(event.sectors),
        "doc_number": event.doc_number or "",
        "published": event.published.iso() if event.published else "",
        "effective": event.effective.iso() if event.effective else "",
        "status": event.status or "",
        "summary": event.summary,
        "highlights": LIST_SEPARATOR.join(event.highlights),
        "targets": LIST_SEPARATOR.join(
            f"{target.metric}: {target.describe()}" for target in event.targets
        ),
        "sources": LIST_SEPARATOR.join(
            f"{source.title} — {source.publisher}, {source.date.iso()}" for source in event.sources
        ),
        "source_urls": LIST_SEPARATOR.join(source.url for source in event.sources if source.url),
        "related": LIST_SEPARATOR.join(f"{link.relation} {link.id}" for link in event.related),
        "file": event.file,
        # One entry per target, in the order of the targets column.
        "target_outcomes": LIST_SEPARATOR.join(
            f"{target.metric}: {target.outcome_text()}" for target in event.targets
        ),
    }
    return row


def date_cells(prefix: str, date: PartialDate | None) -> dict[str, str]:
    if date is None:
        return {
            prefix: "",
            f"{prefix}_precision": "",
            f"{prefix}_earliest": "",
            f"{prefix}_latest": "",
        }
    return {
        prefix: date.iso(),
        f"{prefix}_precision": date.precision.name.lower(),
        f"{prefix}_earliest": date.earliest().isoformat(),
        f"{prefix}_latest": date.latest().isoformat(),
    }


def text_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value
