"""7. Values that break what reads our output.

See README.md in this folder for the classes of issue 10.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_timeline.reading.loader import load_timeline

from .conftest import EVENT, run


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("doc_number: 1:30", "'doc_number': '1:30'"),  # YAML 1.1: 90
        ("doc_number: 010", "'doc_number': '10'"),  # YAML 1.1: 8
        ("status: 'yes'\ndoc_number: on", "'doc_number': 'on'"),  # YAML 1.1: True
    ],
)
def test_yaml_is_read_as_editors_read_it(timeline: Path, value: str, said: str) -> None:
    from policy_timeline.render.serialize import event_to_data

    (timeline / "a.yaml").write_text(EVENT.format(id="good") + value + "\n", encoding="utf-8")
    result = load_timeline(timeline)
    assert not result.problems
    assert said in repr(event_to_data(result.timeline.by_id["good"]))


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ("targets: [{metric: m, value: .nan}]", "targets[0].value: expected a finite number"),
        ("targets: [{metric: m, value: -.inf}]", "targets[0].value: expected a finite number"),
        ("targets: [{metric: m, value: 1e999}]", "targets[0].value: expected a finite number"),
        ("published: 01/02/03", "published: '01/02/03' is ambiguous"),
        ("published: 1 2 2017", "published: '1 2 2017' is ambiguous"),
        ('title_original: "one\\ntwo"', "title_original: is one line, but contains a line break"),
    ],
)
def test_values_readers_cannot_take_are_problems(timeline: Path, extra: str, said: str) -> None:
    (timeline / "a.yaml").write_text(EVENT.format(id="good") + extra + "\n", encoding="utf-8")
    status, output = run("validate", "-t", str(timeline))
    assert status == 1 and said in output and "ISO" in output if "ambiguous" in said else said


def test_a_date_ical_cannot_hold_is_a_clear_error(timeline: Path) -> None:
    (timeline / "a.yaml").write_text(
        EVENT.format(id="good").replace("date: 2017-12-13", "date: 2017-12-13\nend: 9999"),
        encoding="utf-8",
    )
    status, output = run("export", "--format", "ics", "-t", str(timeline))
    assert status == 1
    assert "cannot export as ics: good.end@policy-timeline: a date in 9999" in output
    assert run("export", "--format", "json", "-t", str(timeline))[0] == 0
