"""Excel workbook (xlsx): the CSV's rows with typed cells, and sheets for targets and sources.

A date known to the day is a real date cell that a spreadsheet can sort and
compute with; a vaguer date stays text as written ("2015-02"), beside its
first and last day as date cells. Every other value from the timeline is a
text cell marked as such (the spreadsheet's quote prefix, which is not shown),
so a title starting with "=" is shown, never run, and no apostrophe appears.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from policy_timeline.model.dates import DateError, parse_partial_date
from policy_timeline.model.events import Event, Timeline
from policy_timeline.render.export import DEFAULT_OPTIONS, ExportOptions
from policy_timeline.render.export.csv_format import COLUMNS, DATE_COLUMNS, event_row
from policy_timeline.render.export.datapackage_format import TABLES, Table

PARTIAL_DATE_COLUMNS = ("date", "end", "published", "effective")
DATE_FORMAT = "yyyy-mm-dd"
# Sheets beside the events, from the data package's tables of the same name.
# Link notes and outcome sources have their sheets too, so a workbook holds every field.
EXTRA_SHEETS = ("targets", "sources", "relations", "outcome_sources")
_WRAP = Alignment(wrap_text=True, vertical="top")
# Every spreadsheet stamps a workbook; a fixed stamp keeps the file the same on every run.
_STAMP = dt.datetime(2000, 1, 1)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def export_xlsx(
    timeline: Timeline, events: list[Event], options: ExportOptions = DEFAULT_OPTIONS
) -> bytes:
    book = Workbook()
    book.properties.created = book.properties.modified = _STAMP
    book.properties.creator = "policy-timeline"
    sheet = book.active
    assert sheet is not None
    sheet.title = "events"
    _header(sheet, COLUMNS)
    for event in events:
        row = event_row(event)
        _append(sheet, [_event_value(column, row[column]) for column in COLUMNS])
    tables = {table.name: table for table in TABLES}
    for name in EXTRA_SHEETS:
        _table_sheet(book.create_sheet(name), tables[name], timeline, events)
    buffer = io.BytesIO()
    book.save(buffer)
    return _stamped(buffer.getvalue())


def _stamped(data: bytes) -> bytes:
    """The same zip with every member dated _STAMP, so two runs give the same bytes."""
    stamped = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(stamped, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=_STAMP.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(member)
            if member.filename == "docProps/core.xml":
                # openpyxl stamps the save time over the workbook's own.
                content = _MODIFIED.sub(
                    rb"\g<1>" + _STAMP.isoformat().encode() + rb"Z\g<2>", content
                )
            target.writestr(info, content)
    return stamped.getvalue()


Value = str | dt.date | int | float | None


def _header(sheet: Worksheet, names: Iterable[str]) -> None:
    _append(sheet, list(names))
    sheet.freeze_panes = "B2"


def _append(sheet: Worksheet, values: list[Value]) -> None:
    sheet.append([None] * len(values))
    for cell, value in zip(sheet[sheet.max_row], values, strict=True):
        assert isinstance(cell, Cell)  # a fresh row has no merged cells
        if isinstance(value, str):
            _text(cell, value)
        elif isinstance(value, dt.date):
            cell.value = value
            cell.number_format = DATE_FORMAT
        else:
            cell.value = value


def _event_value(column: str, value: str) -> Value:
    if not value:
        return None
    if column in DATE_COLUMNS:
        return dt.date.fromisoformat(value)
    if column in PARTIAL_DATE_COLUMNS:
        return _day(value) or value
    return value


def _day(value: str) -> dt.date | None:
    """The calendar day a partial date names, if it names exactly one."""
    try:
        date = parse_partial_date(value)
    except DateError:
        return None
    if date.day is None or date.qualifier:
        return None
    return date.earliest()


def _table_sheet(sheet: Worksheet, table: Table, timeline: Timeline, events: list[Event]) -> None:
    names = [field.name for field in table.fields]
    dates = {field.name for field in table.fields if field.type == "date"}
    _header(sheet, names)
    for event in events:
        for row in table.rows(timeline, event):
            _append(
                sheet,
                [
                    dt.date.fromisoformat(str(row[name]))
                    if name in dates and row[name]
                    else row[name]
                    for name in names
                ],
            )


def _text(cell: Cell, value: str) -> None:
    # Assigning "=..." makes a formula; the type set after makes it text again.
    cell.value = value
    cell.data_type = "s"
    if value.startswith(("=", "+", "-", "@")):
        cell.quotePrefix = True  # stays text when edited, and shows no apostrophe
    if "\n" in value:
        cell.alignment = _WRAP
