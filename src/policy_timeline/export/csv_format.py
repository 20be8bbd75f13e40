"""CSV: one row per event under fixed columns, for spreadsheets and data frames."""

from __future__ import annotations

import csv
import io

from policy_timeline.dates import PartialDate
from policy_timeline.model import Event, Timeline

LIST_SEPARATOR = "; "

# The column order is part of the format: add new columns at the end only.
COLUMNS = (
    "id",
    "date", "date_precision", "date_earliest", "date_latest",
    "end", "end_precision", "end_earliest", "end_latest",
    "title", "title_original", "kind", "issuers", "sectors", "doc_number",
    "published", "effective", "status", "summary", "highlights", "targets",
    "sources", "source_urls", "related", "file", "target_outcomes",
)

# A spreadsheet runs a cell that starts with one of these as a formula. The
# leading apostrophe is the spreadsheet convention for "this cell is text".
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_csv(timeline: Timeline, events: list[Event]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for event in events:
        row = event_row(event)
        writer.writerow([text_cell(row[column]) for column in COLUMNS])
    return buffer.getvalue()


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
            f"{source.title} — {source.publisher}, {source.date.iso()}"
            for source in event.sources
        ),
        "source_urls": LIST_SEPARATOR.join(
            source.url for source in event.sources if source.url
        ),
        "related": LIST_SEPARATOR.join(
            f"{link.relation} {link.id}" for link in event.related
        ),
        "file": event.file,
        # One entry per target, in the order of the targets column.
        "target_outcomes": LIST_SEPARATOR.join(
            f"{target.metric}: {target.outcome_text()}" for target in event.targets
        ),
    }
    return row


def date_cells(prefix: str, date: PartialDate | None) -> dict[str, str]:
    if date is None:
        return {prefix: "", f"{prefix}_precision": "", f"{prefix}_earliest": "",
                f"{prefix}_latest": ""}
    return {
        prefix: date.iso(),
        f"{prefix}_precision": date.precision.name.lower(),
        f"{prefix}_earliest": date.earliest().isoformat(),
        f"{prefix}_latest": date.latest().isoformat(),
    }


def text_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value
