"""A target's outcome: read and checked, then carried through every export and view."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from policy_timeline.cli import main
from policy_timeline.model.events import Timeline, quantity
from policy_timeline.reading.loader import load_timeline
from policy_timeline.render.export import FORMATS

TRICKY = Path(__file__).parent / "interop" / "data" / "tricky"

EVENT = """\
id: plan
date: 2017-12-13
title: A plan
kind: action-plan
issuers: [MIIT]
summary: A plan with targets.
sources: [{title: The plan, publisher: MIIT, date: 2017-12-13}]
targets:
  - metric: revenue
    value: 20
    unit: CNY billion
    comparator: ">"
    deadline: 2020
    source: 1
    outcome:
      status: met
      value: 31.5
      unit: CNY billion
      as_of: 2020
      note: Above the goal.
      sources:
        - title: A review
          publisher: A reviewer
          url: https://example.org/review
          date: 2021-03
  - metric: parks
    value: 5
    deadline: 2019
    outcome:
      {status: missed, value: 0, unit: parks, sources: [{title: R, publisher: P, date: 2020}]}
  - metric: firms
    value: 10
    deadline: 2020
"""


def timeline_with(tmp_path: Path, text: str) -> tuple[Timeline, list[str]]:
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    result = load_timeline(tmp_path, cache=False)
    return result.timeline, [problem.format() for problem in result.problems]


def test_outcome_is_read_with_every_field(tmp_path: Path) -> None:
    timeline, problems = timeline_with(tmp_path, EVENT)
    assert problems == []
    revenue, parks, firms = timeline.by_id["plan"].targets
    assert revenue.outcome is not None and parks.outcome is not None
    assert revenue.outcome.describe() == "met: CNY 31.5 billion as of 2020"
    assert revenue.outcome.note == "Above the goal."
    assert [source.url for source in revenue.outcome.sources] == ["https://example.org/review"]
    assert parks.outcome.value == 0 and parks.outcome.describe() == "missed: 0 parks"
    assert firms.outcome is None and firms.outcome_text() == "not recorded"


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_outcome_value_must_be_finite(tmp_path: Path, value: str) -> None:
    text = EVENT.replace("value: 31.5", f"value: {value}")
    _, problems = timeline_with(tmp_path, text)
    assert len(problems) == 1
    assert "targets[0].outcome.value: expected a finite number" in problems[0]


def test_bad_outcome_keeps_the_target_and_reports_where(tmp_path: Path) -> None:
    _, problems = timeline_with(tmp_path, EVENT.replace("status: met", "status: mett"))
    assert problems == [
        f"{tmp_path / 'plan.yaml'}:16:15: targets[0].outcome.status: "
        "unknown status 'mett' (did you mean 'met'?)"
    ]


def test_json_keeps_the_outcome_as_written_and_zero_reached(tmp_path: Path) -> None:
    timeline, _ = timeline_with(tmp_path, EVENT)
    targets = json.loads(FORMATS["json"](timeline, timeline.events))["events"][0]["targets"]
    # Each partial date is followed by the first and last day it allows.
    assert targets[0]["outcome"] == {
        "status": "met",
        "value": 31.5,
        "unit": "CNY billion",
        "as_of": "2020",
        "as_of_earliest": "2020-01-01",
        "as_of_latest": "2020-12-31",
        "note": "Above the goal.",
        "sources": [
            {
                "title": "A review",
                "publisher": "A reviewer",
                "url": "https://example.org/review",
                "date": "2021-03",
                "date_earliest": "2021-03-01",
                "date_latest": "2021-03-31",
            }
        ],
    }
    assert targets[1]["outcome"]["value"] == 0
    assert "outcome" not in targets[2]


def test_csv_has_an_outcome_per_target_in_the_last_column(tmp_path: Path) -> None:
    timeline, _ = timeline_with(tmp_path, EVENT)
    text = FORMATS["csv"](timeline, timeline.events)
    row = next(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert list(row)[-1] == "target_outcomes"
    # One target a line, as every list cell.
    assert row["target_outcomes"] == (
        "revenue: met: CNY 31.5 billion as of 2020\nparks: missed: 0 parks\nfirms: not recorded"
    )


def test_ics_deadline_says_whether_it_was_met(tmp_path: Path) -> None:
    timeline, _ = timeline_with(tmp_path, EVENT)
    calendar = Calendar.from_ical(FORMATS["ics"](timeline, timeline.events))
    descriptions = {
        str(entry["UID"]): str(entry["DESCRIPTION"]) for entry in calendar.walk("VEVENT")
    }
    met = descriptions["plan.target-1@policy-timeline"]
    assert "Outcome: met: CNY 31.5 billion as of 2020" in met
    assert "[1] A review — A reviewer, Mar 2021. https://example.org/review" in met
    assert "Outcome: missed: 0 parks" in descriptions["plan.target-2@policy-timeline"]
    assert "Outcome: not recorded" in descriptions["plan.target-3@policy-timeline"]


def test_markdown_cites_the_outcome_source(tmp_path: Path) -> None:
    timeline, _ = timeline_with(tmp_path, EVENT)
    text = FORMATS["markdown"](timeline, timeline.events)
    assert (
        "- Target: revenue: &gt; CNY 20 billion by 2020. Outcome: met: CNY 31.5 billion "
        "as of 2020. Above the goal. [2]"
    ) in text
    assert "2. A review — A reviewer, Mar 2021. <https://example.org/review>" in text


def test_timelinejs_escapes_the_outcome() -> None:
    result = load_timeline(TRICKY, cache=False)
    document = FORMATS["timelinejs"](result.timeline, result.timeline.events)
    assert "Outcome: partly met: CNY 0 billion as of Dec 2020" in document
    assert "<script>alert(2)" not in document and "&lt;script&gt;alert(2)" in document


def test_show_and_long_summary_print_the_outcome(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    timeline_with(tmp_path, EVENT)
    assert main(["show", "-t", str(tmp_path), "--no-cache", "plan"]) == 0
    shown = capsys.readouterr().out
    assert "outcome: met: CNY 31.5 billion as of 2020. Above the goal." in shown
    assert "source: A review — A reviewer, Mar 2021" in shown
    assert main(["summary", "--long", "-t", str(tmp_path), "--no-cache"]) == 0
    summary = capsys.readouterr().out
    assert (
        "outcome: met: CNY 31.5 billion as of 2020. Above the goal. "
        "(A review — A reviewer, Mar 2021)"
    ) in summary
    assert (
        main(["summary", "--long", "--format", "markdown", "-t", str(tmp_path), "--no-cache"]) == 0
    )
    assert "    - Outcome: missed: 0 parks" in capsys.readouterr().out


def test_outcome_survives_the_load_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICY_TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "timeline"
    folder.mkdir()
    path = folder / "plan.yaml"
    path.write_text(EVENT, encoding="utf-8")
    fresh = load_timeline(folder, cache=True).timeline.events
    second = load_timeline(folder, cache=True)
    assert second.reread == 0  # taken from the cache, not parsed again
    cached = second.timeline.events
    assert cached == fresh
    outcome = cached[0].targets[0].outcome
    assert outcome is not None and outcome.note == "Above the goal."


@pytest.mark.parametrize(
    ("value", "unit", "written"),
    [
        (20, "CNY billion", "CNY 20 billion"),
        (31.5, "USD million of exports", "USD 31.5 million of exports"),
        (40, "%", "40%"),
        (1200, "pilot projects", "1,200 pilot projects"),
        (3, "Cny billion", "3 Cny billion"),  # not a currency code: left as written
        (7, None, "7"),
    ],
)
def test_a_quantity_reads_as_a_reader_writes_it(
    value: int | float, unit: str | None, written: str
) -> None:
    assert quantity(value, unit) == written
