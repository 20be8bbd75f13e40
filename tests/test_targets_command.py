"""`policy-timeline targets`: the board of targets on the command line."""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy_timeline.model.events import Event
from policy_timeline.paths import bundled_timeline
from test_cli import run

TRICKY = Path(__file__).parent / "interop" / "data" / "tricky"
ACTION_PLAN = "Additive Manufacturing Industry Development Action Plan (2017-2020)"

PLANS = """\
- id: early
  date: 2016
  title: "Early | plan [bold]x[/bold]"
  kind: plan
  issuers: [NDRC, MIIT]
  summary: S.
  sources: [{title: T, publisher: P, date: 2016}]
  targets:
    - {metric: "=firms", value: 3, deadline: 2025}
    - {metric: parks, value: 2, deadline: 2018-06, outcome: {status: unknown}}
    - {metric: undated, value: 1}
- id: late
  date: 2019
  title: Late plan
  kind: plan
  issuers: [MIIT]
  summary: S.
  sources: [{title: T, publisher: P, date: 2019}]
  targets:
    - metric: revenue
      value: 20
      unit: CNY billion
      comparator: ">"
      deadline: 2020
      outcome: {status: met, value: 31.5, unit: CNY billion,
                sources: [{title: R, publisher: Q, url: "https://example.org/r", date: 2021}]}
    - {metric: exports, value: 5, deadline: 2018-03,
       outcome: {status: missed, sources: [{title: R, publisher: Q, date: 2019}]}}
"""


@pytest.fixture
def plans(tmp_path: Path) -> str:
    (tmp_path / "plans.yaml").write_text(PLANS, encoding="utf-8")
    return str(tmp_path)


def board(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    status, out, _ = run(capsys, "targets", "--format", "json", *args)
    assert status == 0
    rows: list[dict[str, object]] = json.loads(out)["targets"]
    return rows


def test_the_action_plan_has_four_targets_due_2020(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "targets", "--kind", "action-plan")
    assert status == 0
    lines = [line for line in out.splitlines() if ACTION_PLAN in line]
    assert len(lines) == 4
    assert all(line.startswith("2020 ") and "MIIT" in line for line in lines)
    assert "annual sales revenue of the additive manufacturing industry" in lines[0]
    assert "> CNY 20 billion" in lines[0]
    assert " · kind: action-plan" in out


def test_rows_come_by_deadline_then_plan_then_as_written(
    capsys: pytest.CaptureFixture[str], plans: str
) -> None:
    rows = board(capsys, "-t", plans)
    assert [(row.get("deadline"), row["metric"]) for row in rows] == [
        ("2018-03", "exports"),
        ("2018-06", "parks"),
        ("2020", "revenue"),
        ("2025", "=firms"),
        (None, "undated"),
    ]
    assert [row["status"] for row in rows] == [
        "missed",
        "unknown",
        "met",
        "not-recorded",
        "not-recorded",
    ]
    assert rows[2]["lead_issuer"] == "MIIT" and rows[3]["lead_issuer"] == "NDRC"
    assert rows[3]["event_id"] == "early" and rows[3]["number"] == 1


def test_bundled_board_is_sorted_by_deadline(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "targets", "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert len(rows) >= 4
    years = [int(row["deadline"][:4]) for row in rows if row["deadline"]]
    assert years == sorted(years)


@pytest.mark.parametrize(
    ("args", "metrics"),
    [
        (("--due-from", "2020"), ["revenue", "=firms"]),
        (("--due-to", "2018-05"), ["exports"]),
        # A deadline known to the year is due any day of it.
        (("--due-from", "2025-06"), ["=firms"]),
        (("--due-to", "2017-12", "--due-from", "2017"), []),
        (("--due-from", "2018", "--due-to", "2018"), ["exports", "parks"]),
        (("--status", "met", "--status", "unknown"), ["parks", "revenue"]),
        (("--status", "not-recorded"), ["=firms", "undated"]),
        (("--due-to", "2020", "--issuer", "NDRC"), ["parks"]),
    ],
)
def test_due_dates_status_and_event_filters_narrow_the_board(
    capsys: pytest.CaptureFixture[str], plans: str, args: tuple[str, ...], metrics: list[str]
) -> None:
    assert [row["metric"] for row in board(capsys, "-t", plans, *args)] == metrics


def test_unknown_status_is_a_usage_error_with_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "targets", "--status", "partly_met")
    assert status == 2 and not out
    assert "--status: unknown outcome status 'partly_met' (did you mean 'partly-met'?)" in err


def test_markdown_table_keeps_cells_inert(capsys: pytest.CaptureFixture[str], plans: str) -> None:
    status, out, _ = run(capsys, "targets", "-t", plans, "--format", "markdown")
    assert status == 0
    assert "| Deadline | Metric | Goal | Plan | Lead issuer | Outcome |" in out
    assert (
        "| 2020 | revenue | &gt; CNY 20 billion | Late plan | MIIT | met: CNY 31.5 billion |"
    ) in out
    row = next(line for line in out.splitlines() if "=firms" in line)
    assert row.count(" | ") == 5 and "Early \\| plan \\[bold\\]x\\[/bold\\]" in row


def test_csv_has_the_outcome_in_columns(capsys: pytest.CaptureFixture[str], plans: str) -> None:
    status, out, _ = run(capsys, "targets", "-t", plans, "--format", "csv")
    assert status == 0
    rows = {row["metric"]: row for row in csv.DictReader(io.StringIO(out, newline=""))}
    revenue = rows["revenue"]
    assert (revenue["status"], revenue["outcome_value"], revenue["outcome_unit"]) == (
        "met",
        "31.5",
        "CNY billion",
    )
    assert revenue["outcome_source_urls"] == "https://example.org/r"
    assert "'=firms" in rows  # a spreadsheet shows it as text


def test_text_shows_markup_as_written(capsys: pytest.CaptureFixture[str], plans: str) -> None:
    status, out, _ = run(capsys, "targets", "-t", plans)
    assert status == 0
    assert "Early | plan [bold]x[/bold]" in out and "\x1b" not in out
    assert "5 targets in 2 plans" in out


def test_no_targets_says_so(capsys: pytest.CaptureFixture[str], plans: str) -> None:
    status, out, _ = run(capsys, "targets", "-t", plans, "--due-from", "2030")
    assert status == 0 and "No targets match." in out
    status, out, _ = run(capsys, "targets", "-t", plans, "--due-from", "2030", "--format", "csv")
    assert out.count("\n") == 1


def test_outcome_status_shows_on_tricky_data(capsys: pytest.CaptureFixture[str]) -> None:
    rows = board(capsys, "-t", str(TRICKY), "--status", "partly-met")
    assert [row["metric"] for row in rows] == ["annual sales revenue"]


def test_a_view_of_the_board_keeps_its_order(plans: str) -> None:
    from policy_timeline.query.board import TimelineBoard, board_rows
    from policy_timeline.reading.loader import load_timeline

    events = load_timeline(Path(plans)).timeline.events
    board = TimelineBoard(enumerate(events))
    assert board.select(None) == board_rows(events)
    late = [position for position, event in enumerate(events) if event.id == "late"]
    assert [row.target.metric for row in board.select(late)] == ["exports", "revenue"]
    assert board.select([]) == []


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_view_of_the_bundled_board_holds_the_targets_of_its_events(data: st.DataObject) -> None:
    from policy_timeline.query.board import TimelineBoard, board_rows

    events = _bundled_events()
    in_view = sorted(data.draw(st.sets(st.integers(0, len(events) - 1))))
    assert TimelineBoard(enumerate(events)).select(in_view) == board_rows(
        events[row] for row in in_view
    )


@cache
def _bundled_events() -> list[Event]:
    from policy_timeline.reading.loader import load_timeline

    return load_timeline(bundled_timeline()).timeline.events
