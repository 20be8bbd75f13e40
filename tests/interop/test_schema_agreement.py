"""The shipped JSON Schema is the command's output, and it agrees with validate."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from interop_support import BUNDLED, HERE, REPO
from jsonschema import Draft7Validator

from policy_timeline.model.problems import Problem
from policy_timeline.paths import bundled_schema
from policy_timeline.reading.loader import load_timeline
from policy_timeline.reading.yamlio import parse_yaml_bytes
from policy_timeline.render.schema import (
    build_schema,
    build_timeline_schema,
    schema_text,
    timeline_schema_text,
)

SHIPPED = BUNDLED / "event.schema.json"
SHIPPED_TIMELINE = BUNDLED / "timeline.schema.json"
CORPUS = REPO / "tests" / "corpus"
OWN_CASES = HERE / "schema_cases"

# Problems that need the whole timeline, a calendar or a date parser; a schema for
# one file cannot see them, so for these the schema may accept what validate rejects.
NOT_STRUCTURAL = (
    "duplicate id",
    "no event has the id",
    "is before date",
    "is not a declared",
    "cannot be related to itself",
    "is out of range",
    "cannot read",
    "has no year",
    "has a day but no month",
    "expected the number of one of this event's",
)

VALIDATOR = Draft7Validator(build_schema())


def test_shipped_file_is_the_command_output(capsys: pytest.CaptureFixture[str]) -> None:
    from policy_timeline.cli import main

    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == schema_text()
    regenerate = "regenerate them: policy-timeline schema --write -t timeline"
    assert SHIPPED.read_text("utf-8") == printed, regenerate
    assert SHIPPED_TIMELINE.read_text("utf-8") == timeline_schema_text(), regenerate
    assert bundled_schema().read_text("utf-8") == printed


@pytest.mark.parametrize("path", [SHIPPED, SHIPPED_TIMELINE], ids=lambda path: path.name)
def test_schema_is_draft_07(path: Path) -> None:
    schema = json.loads(path.read_text("utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)


def test_bundled_files_point_editors_at_the_schemas_beside_them() -> None:
    # A reference inside the folder survives a clone and an upgrade of the tool.
    for path in sorted(BUNDLED.glob("*.yaml")):
        first = path.read_text("utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path.name
        expected = SHIPPED_TIMELINE if path.name == "_timeline.yaml" else SHIPPED
        assert match.group(1) == expected.name, path.name


TIMELINE_VALIDATOR = Draft7Validator(build_timeline_schema())


@pytest.mark.parametrize(
    "folder", [BUNDLED, HERE / "data" / "tricky", OWN_CASES / "good"], ids=lambda path: path.name
)
def test_timeline_schema_accepts_valid_metadata(folder: Path) -> None:
    path = folder / "_timeline.yaml"
    if not path.exists():
        pytest.skip("no metadata file")
    data = parse_yaml_bytes(path.read_bytes(), path.name).data
    assert not load_timeline(folder).problems
    assert not [error.message for error in TIMELINE_VALIDATOR.iter_errors(data)]


@pytest.mark.parametrize(
    "data",
    [
        {"name": ""},
        {"nmae": "typo"},
        {"sectors": {"Not A Slug": "x"}},
        {"issuers": {"MIIT": {"name_original": "only the original"}}},
        {"kinds": ["plan"]},
        {"description": "bell \x07"},
    ],
    ids=str,
)
def test_timeline_schema_and_validate_reject_the_same_metadata(
    data: dict[str, Any], tmp_path: Path
) -> None:
    (tmp_path / "_timeline.yaml").write_text(json.dumps(data), "utf-8")
    assert load_timeline(tmp_path).problems
    assert list(TIMELINE_VALIDATOR.iter_errors(data))


def _cases() -> list[Path]:
    timelines = [BUNDLED, OWN_CASES / "good", OWN_CASES / "bad"]
    if CORPUS.is_dir():
        timelines += sorted(path for path in CORPUS.iterdir() if path.is_dir())
    return timelines


def _event_files(folder: Path) -> list[Path]:
    # As the loader does: dot-files and dot-folders are not part of a timeline.
    return sorted(
        path
        for path in folder.rglob("*")
        if path.suffix in (".yaml", ".yml")
        and path.name != "_timeline.yaml"
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def _schema_errors(data: Any) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(data)]


def _problems_by_file(folder: Path) -> dict[Path, list[Problem]]:
    found: dict[Path, list[Problem]] = {}
    for problem in load_timeline(folder).problems:
        found.setdefault(Path(problem.path).resolve(), []).append(problem)
    return found


@pytest.mark.parametrize("folder", _cases(), ids=lambda path: path.name)
def test_schema_and_validate_agree(folder: Path) -> None:
    problems = _problems_by_file(folder)
    checked = 0
    for path in _event_files(folder):
        read = parse_yaml_bytes(path.read_bytes(), path.name)
        if read.problems:
            continue  # YAML that cannot be read is never handed to a schema
        errors = _schema_errors(read.data)
        found = problems.get(path.resolve(), [])
        structural = [
            p.format() for p in found if not any(part in p.message for part in NOT_STRUCTURAL)
        ]
        if not found:
            assert not errors, f"{path}: valid, but the schema says {errors}"
        elif structural:
            assert errors, f"{path}: the schema accepts what validate rejects: {structural}"
        checked += 1
    assert checked or folder.parent == CORPUS


def test_own_cases_are_what_their_folders_say() -> None:
    assert not load_timeline(OWN_CASES / "good").problems
    bad = _problems_by_file(OWN_CASES / "bad")
    for path in _event_files(OWN_CASES / "bad"):
        assert bad.get(path.resolve()), f"{path.name} passes validate"
        assert _schema_errors(parse_yaml_bytes(path.read_bytes(), path.name).data), path.name
