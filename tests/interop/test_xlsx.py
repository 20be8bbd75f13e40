"""The workbook read back by openpyxl, pandas and LibreOffice: typed cells, text never run."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from interop_support import TIMELINES, load

from policy_timeline.cli import main
from policy_timeline.model.events import Timeline
from policy_timeline.render.export import BY_NAME
from policy_timeline.render.export.csv_format import COLUMNS

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(params=sorted(TIMELINES))
def timeline(request: pytest.FixtureRequest) -> Timeline:
    return load(TIMELINES[request.param])


def workbook_bytes(timeline: Timeline) -> bytes:
    data = BY_NAME["xlsx"].exporter()(timeline, timeline.events)
    assert isinstance(data, bytes)
    return data


def test_cells_are_typed_and_text_is_never_a_formula(timeline: Timeline) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(timeline)))
    assert book.sheetnames == ["events", "targets", "sources", "relations", "outcome_sources"]
    sheet = book["events"]
    rows = list(sheet.iter_rows())
    assert tuple(cell.value for cell in rows[0]) == COLUMNS
    for row, event in zip(rows[1:], timeline.events, strict=True):
        cells = dict(zip(COLUMNS, row, strict=True))
        date = cells["date"]
        if event.date.day is not None and not event.date.qualifier:
            # A date known to the day is a date cell; anything vaguer is the text as written.
            assert date.is_date and date.value.date() == event.date.earliest()
        else:
            assert date.data_type == "s" and date.value == event.date.iso()
        assert cells["date_latest"].is_date
        assert cells["date_latest"].value.date() == event.date.latest()
        assert cells["title"].data_type == "s" and cells["title"].value == event.title
        assert cells["issuers"].value.split("\n") == list(event.issuers)
    assert all(
        cell.data_type != "f"
        for name in book.sheetnames
        for row in book[name].iter_rows()
        for cell in row
    )
    targets = list(book["targets"].iter_rows(values_only=True))
    values = [row[targets[0].index("value")] for row in targets[1:]]
    assert values == [target.value for event in timeline.events for target in event.targets]


def test_formula_looking_text_is_text_without_an_apostrophe() -> None:
    timeline = load(TIMELINES["tricky"])
    sheet = openpyxl.load_workbook(io.BytesIO(workbook_bytes(timeline)))["events"]
    title = sheet.cell(row=2, column=COLUMNS.index("title") + 1)
    assert title.value.startswith("=HYPERLINK") and title.data_type == "s"
    assert title.quotePrefix  # edited in a spreadsheet, it stays text
    leap = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "leap-day")
    assert leap[COLUMNS.index("title")] == "Leap day: 中文标题 🚀"


def test_pandas_reads_dates_as_dates(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    timeline = load(TIMELINES["bundled"])
    path = tmp_path / "events.xlsx"
    path.write_bytes(workbook_bytes(timeline))
    events = pd.read_excel(path, sheet_name="events")
    assert str(events["date_earliest"].dtype).startswith("datetime64")
    assert list(events["id"]) == [event.id for event in timeline.events]
    sources = pd.read_excel(path, sheet_name="sources")
    assert len(sources) == sum(len(event.sources) for event in timeline.events)


def test_libreoffice_shows_the_text_and_runs_nothing(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice is not installed")
    timeline = load(TIMELINES["tricky"])
    (tmp_path / "tricky.xlsx").write_bytes(workbook_bytes(timeline))
    # Every sheet to CSV as LibreOffice displays it (UTF-8, the last field -1: all sheets).
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "tricky.xlsx"),
        ],
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        timeout=180,
    )
    with (tmp_path / "tricky-events.csv").open(encoding="utf-8", newline="") as stream:
        rows = {row["id"]: row for row in csv.DictReader(stream)}
    assert rows["formula-title"]["title"] == timeline.by_id["formula-title"].title
    assert rows["formula-title"]["issuers"] == "@Ministry\nMIIT"
    assert rows["leap-day"]["date"] == "2020-02-29"  # a date cell, shown as a day
    assert rows["leap-day"]["title"] == "Leap day: 中文标题 🚀"
    targets = (tmp_path / "tricky-targets.csv").read_text("utf-8")
    assert "=SUM(A1) <script>" in targets


def test_command_needs_a_file_and_takes_the_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "xlsx"]) == 2
    assert "give -o FILE" in capsys.readouterr().err
    path = tmp_path / "events.xlsx"
    assert main(["export", "-t", str(TIMELINES["tricky"]), "-o", str(path)]) == 0
    assert openpyxl.load_workbook(path).sheetnames[:3] == ["events", "targets", "sources"]
    first = path.read_bytes()
    time.sleep(1.1)  # a second later, so a stamp of the save time would show
    assert main(["export", "-t", str(TIMELINES["tricky"]), "-o", str(path)]) == 0
    assert path.read_bytes() == first
