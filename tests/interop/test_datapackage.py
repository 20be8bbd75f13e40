"""The data package validates with frictionless, and pandas and DuckDB read the declared types."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from interop_support import REPO, TIMELINES, load

from policy_timeline.cli import main
from policy_timeline.model.events import Timeline
from policy_timeline.render.export import BY_NAME, ExportOptions

DOC = REPO / "docs" / "export.md"
EXPECTED_TYPES = {
    "pandas": {
        "string": "string",
        "integer": "Int64",
        "number": "Float64",
        "date": "datetime64[s]",
    },
    "DuckDB": {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "date": "DATE"},
}


@pytest.fixture(params=sorted(TIMELINES))
def timeline(request: pytest.FixtureRequest) -> Timeline:
    return load(TIMELINES[request.param])


def write_package(timeline: Timeline, folder: Path, guard: bool = True) -> Path:
    files = BY_NAME["datapackage"].exporter()(
        timeline, timeline.events, ExportOptions(formula_guard=guard)
    )
    assert isinstance(files, dict)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8", newline="")
    return folder


def validate(folder: Path) -> Any:
    frictionless = pytest.importorskip("frictionless")
    return frictionless.validate(str(folder / "datapackage.json"))


def test_frictionless_finds_the_package_valid(timeline: Timeline, tmp_path: Path) -> None:
    report = validate(write_package(timeline, tmp_path / "package"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((tmp_path / "package" / "datapackage.json").read_text("utf-8"))
    names = [resource["name"] for resource in descriptor["resources"]]
    assert names == [
        "events",
        "sources",
        "targets",
        "outcome_sources",
        "relations",
        "highlights",
        "issuers",
        "sectors",
    ]
    for resource in descriptor["resources"]:
        schema = resource["schema"]
        assert schema["primaryKey"]
        if resource["name"] != "events":
            assert schema["foreignKeys"] == [
                {"fields": "event_id", "reference": {"resource": "events", "fields": "id"}}
            ]


@pytest.mark.parametrize(
    ("table", "change", "error"),
    [
        (
            "sources.csv",
            lambda text: text.replace(
                "\r\n", "\r\nno-such-event,1,T,P,,2016,2016-01-01,2016-12-31,\r\n", 1
            ),
            "foreign-key",
        ),
        ("targets.csv", lambda text: re.sub(r",20,", ",twenty,", text, count=1), "type-error"),
        ("highlights.csv", lambda text: text + text.splitlines(keepends=True)[1], "primary-key"),
    ],
)
def test_frictionless_catches_what_the_descriptor_declares(
    table: str, change: Any, error: str, tmp_path: Path
) -> None:
    # The declared keys and types are checked, so a broken table cannot pass.
    folder = write_package(load(TIMELINES["tricky"]), tmp_path / "package")
    path = folder / table
    original = path.read_bytes().decode("utf-8")
    changed = change(original)
    assert changed != original
    path.write_text(changed, "utf-8", newline="")
    report = validate(folder)
    assert not report.valid
    assert error in {row[0] for row in report.flatten(["type"])}


def _snippet(first_line: str) -> str:
    blocks: list[str] = re.findall(r"```python\n(.*?)```", DOC.read_text("utf-8"), re.S)
    return next(block for block in blocks if block.startswith(first_line))


@pytest.mark.parametrize("reader", ["pandas", "DuckDB"])
def test_documented_reads_give_the_declared_types(
    timeline: Timeline, reader: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip(reader.lower())
    folder = write_package(timeline, tmp_path / "package", guard=False)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    exec(_snippet(f"# read the data package with {reader}"), namespace)
    tables = namespace["tables"]
    descriptor = json.loads((folder / "datapackage.json").read_text("utf-8"))
    for resource in descriptor["resources"]:
        table = tables[resource["name"]]
        if reader == "DuckDB":
            found = {name: str(kind) for name, kind in zip(table.columns, table.types, strict=True)}
        else:
            found = {name: str(kind) for name, kind in table.dtypes.items()}
        declared = {
            field["name"]: EXPECTED_TYPES[reader][field["type"]]
            for field in resource["schema"]["fields"]
        }
        assert found == declared, resource["name"]
    _check_values(timeline, tables, reader)


def _records(table: Any, reader: str) -> list[dict[str, Any]]:
    if reader == "DuckDB":
        return [dict(zip(table.columns, row, strict=True)) for row in table.fetchall()]
    return [
        {key: (None if value is None or value != value else value) for key, value in row.items()}
        for row in table.astype(object).to_dict("records")
    ]


def _day(value: Any) -> dt.date | None:
    if value is None:
        return None
    day: dt.date = value.date() if isinstance(value, dt.datetime) else value
    return day


def _check_values(timeline: Timeline, tables: dict[str, Any], reader: str) -> None:
    events = _records(tables["events"], reader)
    assert [row["id"] for row in events] == [event.id for event in timeline.events]
    for row, event in zip(events, timeline.events, strict=True):
        assert row["date"] == event.date.iso()
        assert _day(row["date_latest"]) == event.date.latest()
        assert _day(row["end_latest"]) == (event.end.latest() if event.end else None)
        assert row["title"] == event.title
    targets = _records(tables["targets"], reader)
    expected = [
        (event.id, number, float(target.value))
        for event in timeline.events
        for number, target in enumerate(event.targets, start=1)
    ]
    assert [(row["event_id"], row["number"], row["value"]) for row in targets] == expected
    highlights = _records(tables["highlights"], reader)
    assert [row["text"] for row in highlights] == [
        text for event in timeline.events for text in event.highlights
    ]


def test_command_writes_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "new" / "package"
    assert (
        main(
            ["export", "--format", "datapackage", "-t", str(TIMELINES["tricky"]), "-o", str(folder)]
        )
        == 0
    )
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        [
            "datapackage.json",
            "events.csv",
            "sources.csv",
            "targets.csv",
            "outcome_sources.csv",
            "relations.csv",
            "highlights.csv",
            "issuers.csv",
            "sectors.csv",
        ]
    )
    assert main(["export", "--format", "datapackage"]) == 2
    assert "give -o DIR" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("mine", "utf-8")
    assert main(["export", "--format", "datapackage", "-o", str(blocker)]) == 2
    assert blocker.read_text("utf-8") == "mine"
