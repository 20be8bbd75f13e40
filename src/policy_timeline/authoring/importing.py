"""`import FILE -t DIR`: one YAML event file per row, all of them or none.

Every new file is first written into a copy of the timeline and checked there
by the loader, exactly as `validate` would check it, vocabularies and links
to the timeline's own events included. Only when every row passes are the
files written into the timeline, each created afresh: an existing file is
never replaced, and a failure part-way removes what this import wrote.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from policy_timeline.authoring.import_read import ReadResult, Row, read_rows
from policy_timeline.authoring.scaffold import MODELINE, schema_reference
from policy_timeline.model.dates import DateError, parse_partial_date
from policy_timeline.reading.loader import load_timeline


@dataclass(slots=True)
class ImportReport:
    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line each
    notes: list[str] = field(default_factory=list)  # unknown columns and the like


def import_file(source: Path, folder: Path) -> ImportReport:
    """Imports every row of the file into the timeline folder, or reports why not."""
    read = read_rows(source)
    report = ImportReport()
    if read.unknown_columns:
        report.notes.append(
            f"{source}: columns not imported (unknown names): " + ", ".join(read.unknown_columns)
        )
    planned = _plan(read, folder)
    with tempfile.TemporaryDirectory(prefix="policy-timeline-import-") as scratch:
        stage = Path(scratch) / "timeline"
        shutil.copytree(folder, stage, ignore=shutil.ignore_patterns(".*"))
        staged = {}
        for row, name in planned:
            # A row with a problem of its own is staged too, so the rows that link
            # to it are not blamed for it; a name already taken is not.
            if name and not (stage / name).exists():
                (stage / name).write_text(event_yaml(row.data, ""), "utf-8")
                staged[name] = row
        _check(stage, staged)
    for row, _ in planned:
        report.problems += [
            f"{source}:{read.what} {row.number}: {problem}" for problem in row.problems
        ]
    if report.problems or not planned:
        if not planned:
            report.problems.append(f"{source}: no events to import")
        return report
    _write(folder, [(row, name) for row, name in planned if name], report)
    return report


def _plan(read: ReadResult, folder: Path) -> list[tuple[Row, str]]:
    """Each row with the file name it would get (empty where it cannot get one)."""
    planned: list[tuple[Row, str]] = []
    names: set[str] = set()
    ids: dict[str, int] = {}
    for row in read.rows:
        event_id = row.data.get("id")
        if not isinstance(event_id, str) or not event_id.strip():
            row.problems.append("id: missing")
            planned.append((row, ""))
            continue
        event_id = event_id.strip()
        if event_id in ids:
            row.problems.append(f"id: {event_id!r} is also the id of {read.what} {ids[event_id]}")
        ids.setdefault(event_id, row.number)
        name = _file_name(event_id, row.data.get("date"))
        if (folder / name).exists():
            row.problems.append(f"{name} already exists in {folder}; it was left as it is")
        elif name in names:
            row.problems.append(f"{name} is the file name of another row")
        names.add(name)
        planned.append((row, name))
    return planned


def _file_name(event_id: str, date: Any) -> str:
    # As `new` names files: the year first, so a listing reads in date order.
    safe = "".join(char if char.isalnum() or char in "-_" else "-" for char in event_id)
    try:
        return f"{parse_partial_date(date).year:04d}-{safe}.yaml"
    except (DateError, TypeError, ValueError):
        return f"{safe}.yaml"


def _check(stage: Path, rows: dict[str, Row]) -> None:
    """Gives each row the problems validate finds in its file."""
    for problem in load_timeline(stage).problems:
        path = Path(problem.path)
        row = rows.get(path.name)
        if row is not None and path.resolve().parent == stage.resolve():
            label = f"{problem.field}: " if problem.field else ""
            row.problems.append(f"{label}{problem.message}")


def _write(folder: Path, planned: list[tuple[Row, str]], report: ImportReport) -> None:
    schema = schema_reference(folder)
    try:
        for row, name in planned:
            path = folder / name
            with path.open("x", encoding="utf-8", newline="\n") as stream:
                report.written.append(path)
                stream.write(event_yaml(row.data, schema))
    except OSError as error:
        for path in report.written:
            path.unlink(missing_ok=True)
        report.written.clear()
        reason = (
            "it appeared meanwhile"
            if isinstance(error, FileExistsError)
            else (error.strerror or str(error))
        )
        report.problems.append(f"cannot write {error.filename}: {reason}; nothing was imported")


class _Dumper(yaml.SafeDumper):
    """Block style throughout, and text with line breaks as a literal block."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def event_yaml(data: dict[str, Any], schema: str) -> str:
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    return (f"{MODELINE}{schema}\n" if schema else "") + body
