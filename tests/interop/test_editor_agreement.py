"""validate and an editor read every plain scalar alike, and so accept the same files.

The editor's side is the `yaml` package from npm, the YAML 1.2 parser inside
yaml-language-server, checked against the shipped JSON Schema as the editor
checks it. The tests skip where Node.js or that package is missing
(`npm install -g yaml`).
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from policy_timeline.reading.loader import load_timeline
from policy_timeline.reading.yamlio import parse_yaml_bytes
from policy_timeline.render.schema import build_schema

# Plain scalars on which YAML 1.1 and 1.2, or PyYAML and the core schema, part ways.
SCALARS = (
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "Yes",
    "NO",
    "true",
    "True",
    "TRUE",
    "false",
    "null",
    "Null",
    "~",
    "",
    "010",
    "0o17",
    "0x1f",
    "0b101",
    "1_000",
    "1:30",
    "190:20:30",
    "+12",
    "-3",
    "1e3",
    "12e03",
    "-.5",
    ".inf",
    "-.Inf",
    ".NaN",
    "2015-05-08",
    "2015-05-08T10:00:00",
    "1.0",
    "0.",
    "+.5",
    "=",
    "-x",
    "12:30:00",
    "0x",
    "1__0",
)
_NODE_SCRIPT = """
const YAML = require('yaml');
const input = require('fs').readFileSync(0, 'utf8');
const marked = (key, value) => (typeof value === 'number' && !Number.isFinite(value))
  ? {'$float': String(value)} : value;
process.stdout.write(JSON.stringify(YAML.parse(input), marked));
"""


def _node_env() -> dict[str, str] | None:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return None
    root = subprocess.run(
        [npm, "root", "-g"], capture_output=True, text=True, timeout=60
    ).stdout.strip()
    if not (Path(root) / "yaml" / "package.json").is_file():
        return None
    return {"NODE_PATH": root, "PATH": str(Path(node).parent)}


NODE_ENV = _node_env()
pytestmark = pytest.mark.skipif(NODE_ENV is None, reason="Node.js with npm's yaml is missing")


def editor_reads(text: str) -> Any:
    done = subprocess.run(
        ["node", "-e", _NODE_SCRIPT],
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
        env=NODE_ENV,
        check=True,
    )
    return json.loads(done.stdout)


def _numbers(value: Any) -> Any:
    """The editor's values as JavaScript has them: the marked infinities are numbers."""
    if isinstance(value, dict):
        if set(value) == {"$float"}:
            return float(value["$float"].replace("Infinity", "inf"))
        return {key: _numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_numbers(item) for item in value]
    return value


def _comparable(value: Any) -> Any:
    if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
        return {
            "$float": "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
        }
    if isinstance(value, dict):
        return {key: _comparable(item) for key, item in value.items()}
    return value


def test_every_plain_scalar_reads_the_same() -> None:
    # One document holding them all, so Node starts once.
    text = "".join(f"k{number}: {scalar}\n" for number, scalar in enumerate(SCALARS))
    ours = parse_yaml_bytes(text.encode(), "scalars.yaml")
    assert not ours.problems
    theirs = editor_reads(text)
    for number, scalar in enumerate(SCALARS):
        key = f"k{number}"
        mine, editor = _comparable(ours.data[key]), theirs[key]
        # JSON has one kind of number: 1000 and 1000.0 are the same value to the editor.
        assert (mine == editor and type(mine) is type(editor)) or (
            isinstance(mine, int | float)
            and not isinstance(mine, bool)
            and isinstance(editor, int | float)
            and mine == editor
        ), (scalar, mine, editor)


EVENT = """id: plan
date: 2021
title: A plan
kind: plan
issuers: [MIIT]
summary: What it does.
sources:
  - title: S
    publisher: P
    date: 2021
"""
FIELDS = ("title", "doc_number", "status", "kind")


@pytest.mark.parametrize("field", FIELDS)
def test_validate_and_the_editor_accept_the_same_values(field: str, tmp_path: Path) -> None:
    schema = Draft7Validator(build_schema())
    texts = {}
    for number, scalar in enumerate(SCALARS):
        lines = [line for line in EVENT.splitlines() if not line.startswith(f"{field}:")]
        texts[number] = "\n".join([*lines, f"{field}: {scalar}"]) + "\n"
        (tmp_path / f"e{number:02d}.yaml").write_text(
            texts[number].replace("id: plan", f"id: plan-{number}"), "utf-8"
        )
    problems: dict[str, list[str]] = {}
    for problem in load_timeline(tmp_path).problems:
        problems.setdefault(Path(problem.path).name, []).append(problem.format())
    # The editor reads each file; one Node run for all of them.
    combined = "".join(
        f"e{number}:\n" + "".join(f"  {line}\n" for line in text.splitlines())
        for number, text in texts.items()
    )
    read = editor_reads(combined)
    for number, scalar in enumerate(SCALARS):
        data = _numbers(read[f"e{number}"])
        editor_errors = [error.message for error in schema.iter_errors(data)]
        validate_errors = problems.get(f"e{number:02d}.yaml", [])
        assert bool(editor_errors) == bool(validate_errors), (
            f"{field}: {scalar!r}: editor {editor_errors}, validate {validate_errors}"
        )
