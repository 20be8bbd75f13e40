"""1. Nothing from a timeline is a terminal command.

See README.md in this folder for the classes of issue 10.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy_timeline.reading.loader import load_timeline

from .conftest import ACTIVE, EVENT, HOSTILE, every_command, run


def test_the_hostile_timeline_is_refused_field_by_field() -> None:
    status, output = run("validate", "-t", str(HOSTILE / "terminal"), "--no-cache")
    assert status == 1
    assert not ACTIVE.search(output)
    for said in (
        "_timeline.yaml:1:7: name: contains the control character U+001B",
        "issuers.MIIT\\x1b[2J: the issuer code contains the control character U+001B",
        "kinds.plan: contains the bidi control U+2066",
        "a.yaml:3:10: title: contains the bidi control U+202E",
        "summary: contains the invisible character U+200B",
        "sources[0].url: contains the control character U+001B",
        "\\x1b]0;key\\x07: unknown field",
        "title: is one line, but contains a line break (U+000A)",
        "highlights[0]: contains the control character U+001B",
    ):
        assert said in output


def test_no_command_puts_a_terminal_control_on_the_screen() -> None:
    for command, _status, output in every_command(HOSTILE / "terminal"):
        assert not ACTIVE.search(output), command
        assert "Traceback" not in output, command


# A field, as a YAML path in the event or the metadata file, and where it may hold text.
FIELDS = [
    "title",
    "title_original",
    "summary",
    "doc_number",
    "kind",
    "status",
    "issuers.0",
    "highlights.0",
    "sources.0.title",
    "sources.0.publisher",
    "sources.0.url",
    "sources.0.note",
    "related.0.note",
    "targets.0.metric",
    "targets.0.unit",
    "key",
    "meta.name",
    "meta.description",
    "meta.issuers.MIIT",
    "meta.kinds.plan",
    "meta.issuer-code",
    "meta.key",
]


def _timeline_with(folder: Path, field: str, text: str) -> None:
    event: dict[str, object] = {
        "id": "good",
        "date": "2017-12-13",
        "title": "A plan",
        "kind": "plan",
        "issuers": ["MIIT"],
        "summary": "Something happened.",
        "title_original": "O",
        "doc_number": "1",
        "status": "active",
        "highlights": ["h"],
        "related": [{"id": "other", "relation": "builds-on", "note": "n"}],
        "targets": [{"metric": "m", "value": 1, "unit": "u"}],
        "sources": [
            {
                "title": "s",
                "publisher": "p",
                "date": "2017",
                "note": "n",
                "url": "https://example.org/",
            }
        ],
    }
    meta: dict[str, object] = {
        "name": "T",
        "description": "D",
        "issuers": {"MIIT": "Ministry"},
        "kinds": {"plan": "Plan"},
    }
    target: dict[str, object] = meta if field.startswith("meta.") else event
    parts = field.removeprefix("meta.").split(".")
    if parts == ["key"]:
        target[text] = "x"
    elif parts == ["issuer-code"]:
        meta["issuers"] = {text: "Name", "MIIT": "Ministry"}
    else:
        node: object = target
        for part in parts[:-1]:
            node = node[int(part)] if isinstance(node, list) else node[part]  # type: ignore[index]
        last = parts[-1]
        if isinstance(node, list):
            node[int(last)] = text
        else:
            node[last] = text  # type: ignore[index]
    other = {**event, "id": "other", "related": [], "title": "Other"}
    # JSON is YAML: every character goes in as an escape a YAML reader decodes.
    (folder / "_timeline.yaml").write_text(json.dumps(meta), encoding="utf-8")
    (folder / "a.yaml").write_text(json.dumps([event, other]), encoding="utf-8")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    field=st.sampled_from(FIELDS),
    text=st.tuples(
        st.text(st.characters(exclude_categories=["Cs"]), min_size=1),
        st.sampled_from(["", "\x1b]52;c;eA==\x07\x9b2J"]),
    ).map("".join),
)
def test_any_text_in_any_field_never_reaches_the_terminal(
    tmp_path_factory: pytest.TempPathFactory, field: str, text: str
) -> None:
    folder = tmp_path_factory.mktemp("timeline")
    _timeline_with(folder, field, text)
    for command, _status, output in every_command(folder):
        assert not ACTIVE.search(output), (command, field)


def test_file_names_with_controls_or_bytes_that_are_not_utf8_work_everywhere(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "timeline"
    folder.mkdir()
    odd = os.fsdecode(b"caf\xe9 \x1b]0;title\x07.yaml")
    (folder / odd).write_text(EVENT.format(id="good"), encoding="utf-8")
    (folder / os.fsdecode(b"broken\x9b\xff.yaml")).write_text("id: [\n", encoding="utf-8")
    for command, status, output in every_command(folder):
        assert not ACTIVE.search(output), command
        assert "Traceback" not in output and status in (0, 1), command
    assert "caf\\udce9 \\x1b]0;title\\x07.yaml" in run("show", "good", "-t", str(folder))[1]
    load_timeline(folder, cache=True)
    assert load_timeline(folder, cache=True).reread == 0  # the cache holds such names too


def test_import_quotes_hostile_cells_inertly(timeline: Path, tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(
        "id,date,title,\x1b]0;pwned\x07\r\n\x1b]0;pwned\x07,2017,\x9b2J,1\r\n", encoding="utf-8"
    )  # an unknown column's name is quoted in a note
    status, output = run("import", str(source), "-t", str(timeline))
    assert status in (1, 2) and "Traceback" not in output
    assert not ACTIVE.search(output)
