"""What was in force on a date, per year, and the marked working set, from core to command line."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy_timeline.cli import main
from policy_timeline.model.dates import parse_partial_date
from policy_timeline.paths import bundled_timeline
from policy_timeline.query.in_force_counts import count_in_force
from policy_timeline.query.index import FACETS, Filter, TimelineIndex, in_force
from policy_timeline.query.marks import Marks, default_data_dir, marks_file
from policy_timeline.reading.loader import load_timeline

MIC_2025 = "made-in-china-2025"
AM_ACTION_PLAN = "am-action-plan-2017-2020"


@pytest.fixture(scope="module")
def index() -> TimelineIndex:
    return TimelineIndex(load_timeline(bundled_timeline()).timeline)


def in_force_ids(index: TimelineIndex, on: str) -> set[str]:
    return {event.id for event in index.events(Filter(in_force=parse_partial_date(on)))}


def reaching(index: TimelineIndex, year: int) -> set[str]:
    """Worked out apart from the query: events whose days may touch the year."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return {
        event.id
        for event in index.timeline.events
        if event.date.earliest() <= last and (event.end or event.date).latest() >= first
    }


def test_made_in_china_2025_and_the_2017_2020_plans_are_in_force_together(
    index: TimelineIndex,
) -> None:
    ids = in_force_ids(index, "2018")
    assert {MIC_2025, AM_ACTION_PLAN, "ndrc-manufacturing-core-competence-plan-2018-2020"} <= ids
    assert ids == reaching(index, 2018)
    assert {MIC_2025, AM_ACTION_PLAN} <= in_force_ids(index, "2018-06-30")


def test_in_force_reads_each_date_at_its_precision(index: TimelineIndex) -> None:
    plan = index.timeline.by_id[AM_ACTION_PLAN]  # 13 Dec 2017 to 2020
    assert not in_force(plan, parse_partial_date("2017-12-12"))
    assert in_force(plan, parse_partial_date("2017-12-13"))
    assert in_force(plan, parse_partial_date("2017-12"))
    assert in_force(plan, parse_partial_date("2017"))
    assert in_force(plan, parse_partial_date("2020-12-31"))  # "until 2020": all of it
    assert not in_force(plan, parse_partial_date("2021-01-01"))
    # An event without an end is in force on its own date only.
    point = next(event for event in index.timeline.events if event.end is None)
    assert in_force(point, point.date)
    assert not in_force(point, parse_partial_date(str(point.date.year + 1)))


def test_in_force_agrees_with_a_one_date_range(index: TimelineIndex) -> None:
    for year in range(2014, 2028):
        date = parse_partial_date(str(year))
        assert index.rows(Filter(in_force=date)) == index.rows(Filter(date_from=date, date_to=date))


def test_per_year_counts_include_every_year_a_plan_covers(index: TimelineIndex) -> None:
    rows = list(range(len(index.timeline.events)))
    counts = index.in_force_per_year(rows)
    for year in range(2015, 2027):
        assert counts.get(year, 0) == len(reaching(index, year)), year
    starts_2019 = sum(event.date.year == 2019 for event in index.timeline.events)
    assert counts[2019] >= starts_2019 + 3  # the three plans above reach 2019
    assert index.in_force_per_year([]) == {}


def test_ids_filter_keeps_only_those_events_and_combines_with_others(index: TimelineIndex) -> None:
    chosen = frozenset({MIC_2025, AM_ACTION_PLAN, "no-such-event"})
    assert [event.id for event in index.events(Filter(ids=chosen))] == [MIC_2025, AM_ACTION_PLAN]
    assert [
        event.id for event in index.events(Filter(ids=chosen, kinds=frozenset({"strategy"})))
    ] == [MIC_2025]
    assert index.events(Filter(ids=frozenset())) == []
    assert "marked only (3)" in Filter(ids=chosen).describe()


def test_marks_persist_per_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    marks = Marks.for_timeline(data, tmp_path / "one")
    assert marks.toggle("a") and marks.toggle("b") and not marks.toggle("a")
    assert marks.save() is None
    assert Marks.for_timeline(data, tmp_path / "one").ids == {"b"}
    assert Marks.for_timeline(data, tmp_path / "two").ids == set()
    assert marks_file(data, tmp_path / "one") != marks_file(data, tmp_path / "two")


def test_unreadable_marks_are_reported_not_lost(tmp_path: Path) -> None:
    path = marks_file(tmp_path, tmp_path / "t")
    path.parent.mkdir(parents=True)
    path.write_text('{"marked": "not a list"}', encoding="utf-8")
    marks = Marks.for_timeline(tmp_path, tmp_path / "t")
    assert marks.ids == set() and marks.error and str(path) in marks.error


def test_cli_marked_selects_the_marked_events(capsys: pytest.CaptureFixture[str]) -> None:
    marks = Marks.for_timeline(default_data_dir(), bundled_timeline())
    marks.ids = {MIC_2025, AM_ACTION_PLAN}
    assert marks.save() is None
    assert main(["export", "--format", "json", "--marked"]) == 0
    exported = json.loads(capsys.readouterr().out)["events"]
    assert [event["id"] for event in exported] == [MIC_2025, AM_ACTION_PLAN]
    assert main(["summary", "--marked", "--kind", "strategy"]) == 0
    out = capsys.readouterr().out
    assert "Made in China 2025" in out and "Action Plan" not in out


def test_cli_marked_with_nothing_marked_warns(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", "--marked"]) == 0
    assert "no events are marked" in capsys.readouterr().err


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_per_year_counts_of_any_rows_match_a_count_event_by_event(
    index: TimelineIndex, data: st.DataObject
) -> None:
    events = index.timeline.events
    rows = sorted(data.draw(st.sets(st.integers(0, len(events) - 1))))
    expected: Counter[int] = Counter()
    for row in rows:
        event = events[row]
        last = max(event.date.year, event.end.year) if event.end else event.date.year
        expected.update(range(event.date.year, last + 1))
    assert index.in_force_per_year(rows) == dict(expected)
    # Counted over every row given, without the timeline's runs of years.
    assert count_in_force(*index.years, rows) == dict(expected)


def test_a_one_value_filter_lets_through_the_events_with_that_value(index: TimelineIndex) -> None:
    for facet in FACETS.values():
        for value in index.values(facet.name):
            wanted = frozenset({value.upper()})  # a value matches whatever its case
            rows = index.rows(facet.choose(Filter(), wanted))
            assert rows == [
                row
                for row, event in enumerate(index.timeline.events)
                if value.casefold() in {found.casefold() for found in facet.values_of(event)}
            ]
            # Asked again, from the kept rows, the answer is a list of its own.
            again = index.rows(facet.choose(Filter(), wanted))
            assert again == rows and again is not rows
            again.clear()
            assert index.rows(facet.choose(Filter(), wanted)) == rows
