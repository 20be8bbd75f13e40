"""`import FILE -t DIR`: export then import gives the same events; bad rows write nothing."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest
from interop_support import TIMELINES, load

from policy_timeline.cli import main
from policy_timeline.model.events import Event, Timeline
from policy_timeline.reading.loader import load_timeline
from policy_timeline.render.export import BY_NAME, ExportOptions
from policy_timeline.render.serialize import event_to_data


@pytest.fixture(params=sorted(TIMELINES))
def timeline(request: pytest.FixtureRequest) -> Timeline:
    return load(TIMELINES[request.param])


def empty_timeline(source: Timeline, tmp_path: Path) -> Path:
    """A folder with the same vocabularies and no events."""
    folder = tmp_path / "imported"
    folder.mkdir()
    meta = source.root / "_timeline.yaml"
    if meta.exists():
        shutil.copy(meta, folder / "_timeline.yaml")
    return folder


def export_to(timeline: Timeline, fmt: str, path: Path, events: list[Event] | None = None) -> Path:
    output = BY_NAME[fmt].exporter()(
        timeline, timeline.events if events is None else events, ExportOptions()
    )
    if isinstance(output, bytes):
        path.write_bytes(output)
    else:
        assert isinstance(output, str)
        path.write_text(output, "utf-8", newline="")
    return path


def run_import(
    capsys: pytest.CaptureFixture[str], path: Path, folder: Path
) -> tuple[int, str, str]:
    status = main(["import", str(path), "-t", str(folder)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def data_of(folder: Path) -> list[dict[str, Any]]:
    result = load_timeline(folder)
    assert not result.problems, [problem.format() for problem in result.problems]
    return [event_to_data(event) for event in result.timeline.events]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "xlsx"])
def test_export_then_import_gives_the_same_events(
    timeline: Timeline, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = empty_timeline(timeline, tmp_path)
    path = export_to(timeline, fmt, tmp_path / f"events.{fmt}")
    status, out, err = run_import(capsys, path, folder)
    assert status == 0, out + err
    assert len(out.splitlines()) == len(timeline.events)
    assert data_of(folder) == [event_to_data(event) for event in timeline.events]


def test_csv_round_trip_for_what_a_csv_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # One row per event holds everything but targets (given only in words) and the
    # notes of sources and links.
    timeline = load(TIMELINES["bundled"])
    events = [event for event in timeline.events if not event.targets]
    while True:  # only events whose links stay inside the set
        ids = {event.id for event in events}
        kept = [event for event in events if all(link.id in ids for link in event.related)]
        if kept == events:
            break
        events = kept
    assert len(events) > 5
    folder = empty_timeline(timeline, tmp_path)
    status, out, err = run_import(
        capsys, export_to(timeline, "csv", tmp_path / "e.csv", events), folder
    )
    assert status == 0, out + err
    expected = [event_to_data(event) for event in events]
    for event in expected:  # a cell has no room for the notes of sources and links
        for item in event.get("related", []) + event["sources"]:
            item.pop("note", None)
    assert data_of(folder) == expected


def sheet_and_folder(tmp_path: Path, text: str) -> tuple[Path, Path]:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(text, "utf-8")
    folder = tmp_path / "timeline"
    folder.mkdir()
    return sheet, folder


def test_a_spreadsheet_of_ones_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet, folder = sheet_and_folder(
        tmp_path,
        "id,date,title,kind,issuers,summary,source_title,source_publisher,source_url,"
        "source_date,my notes\n"
        'a-plan,2021-03,A plan,plan,"MIIT\nNDRC","What it does, in two lines.\nSecond.",'
        "The plan,MIIT,https://example.org/plan,2021-03-05,call Li\n",
    )
    status, out, err = run_import(capsys, sheet, folder)
    assert status == 0, out + err
    assert "columns not imported (unknown names): my notes" in err
    event = load_timeline(folder).timeline.by_id["a-plan"]
    assert event.issuers == ("MIIT", "NDRC")
    assert event.summary == "What it does, in two lines.\nSecond."
    assert event.sources[0].url == "https://example.org/plan"
    written = (folder / "2021-a-plan.yaml").read_text("utf-8")
    assert written.startswith("# yaml-language-server: $schema=event.schema.json\n")


def test_bad_rows_are_reported_by_number_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet, folder = sheet_and_folder(
        tmp_path,
        "id,date,title,kind,issuers,summary,source_title,source_publisher,source_date\n"
        "good,2021,Good,plan,MIIT,Fine.,S,P,2021\n"
        "bad-date,2021-13,Bad,plan,MIIT,Fine.,S,P,2021\n"
        ",2021,No id,plan,MIIT,Fine.,S,P,2021\n"
        "good,2022,Again,plan,MIIT,Fine.,S,P,2022\n",
    )
    status, out, _ = run_import(capsys, sheet, folder)
    assert status == 1
    lines = out.splitlines()
    assert any(line.startswith(f"{sheet}:row 3: date:") and "month 13" in line for line in lines), (
        lines
    )
    assert f"{sheet}:row 4: id: missing" in lines
    assert any(
        line.startswith(f"{sheet}:row 5: id: 'good' is also the id of row 2") for line in lines
    ), lines
    assert lines[-1].startswith("nothing was imported")
    assert list(folder.iterdir()) == []


def test_nothing_is_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    timeline = load(TIMELINES["tricky"])
    folder = tmp_path / "timeline"
    shutil.copytree(TIMELINES["tricky"], folder)
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    path = export_to(timeline, "jsonl", tmp_path / "events.jsonl")
    status, out, _ = run_import(capsys, path, folder)
    assert status == 1
    # The events exist already: under their own file names, or as duplicate ids.
    assert "already exists" in out or "duplicate id" in out
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before


def test_unreadable_files_are_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "timeline"
    folder.mkdir()
    (tmp_path / "notes.txt").write_text("x", "utf-8")
    assert run_import(capsys, tmp_path / "notes.txt", folder)[0] == 2
    (tmp_path / "broken.json").write_text("{", "utf-8")
    status, _, err = run_import(capsys, tmp_path / "broken.json", folder)
    assert status == 2 and "not JSON" in err
    (tmp_path / "fake.xlsx").write_text("not a workbook", "utf-8")
    status, _, err = run_import(capsys, tmp_path / "fake.xlsx", folder)
    assert status == 2 and "not an xlsx workbook" in err
    status, _, err = run_import(capsys, tmp_path / "missing.csv", folder)
    assert status == 2 and "cannot read" in err
    assert list(folder.iterdir()) == []


def test_the_formula_guard_comes_off(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    timeline = load(TIMELINES["tricky"])
    # The tricky events without their targets, which a CSV gives only in words, and
    # with one source each, so the source_urls column says whose address it is.
    events = [
        dataclasses.replace(event, targets=(), sources=event.sources[:1])
        for event in timeline.events
    ]
    text = BY_NAME["csv"].exporter()(timeline, events, ExportOptions())
    assert isinstance(text, str) and "'=HYPERLINK" in text and "'@Ministry" in text
    (tmp_path / "guarded.csv").write_text(text, "utf-8", newline="")
    folder = empty_timeline(timeline, tmp_path)
    status, out, err = run_import(capsys, tmp_path / "guarded.csv", folder)
    assert status == 0, out + err
    imported = load_timeline(folder).timeline.by_id["formula-title"]
    original = timeline.by_id["formula-title"]
    assert imported.title == original.title and imported.title.startswith("=HYPERLINK")
    assert imported.issuers == original.issuers
    assert imported.highlights == original.highlights  # "-starts with a minus"
