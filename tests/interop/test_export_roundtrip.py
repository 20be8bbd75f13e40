"""Each export read back by the tool it is for, and checked against the events."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from icalendar import Calendar
from interop_support import TIMELINES, load

from policy_timeline.model.events import Event, Timeline
from policy_timeline.reading.loader import load_timeline
from policy_timeline.render.export import BY_NAME, FORMATS, ExportOptions, format_for_suffix
from policy_timeline.render.export.csv_format import BYTE_ORDER_MARK, COLUMNS, LIST_SEPARATOR
from policy_timeline.render.export.ics_format import deadline_uid, end_uid, event_uid, is_long
from policy_timeline.render.export.json_format import without_bounds

CASES = sorted(TIMELINES)


@pytest.fixture(params=CASES)
def timeline(request: pytest.FixtureRequest) -> Timeline:
    return load(TIMELINES[request.param])


def as_read(events: list[Event]) -> list[Event]:
    """The events as the loader built them, apart from where each was read from."""
    return [replace(event, file="", index=0) for event in events]


def reload(folder: Path) -> list[Event]:
    # Compared as the loader's own Events, not through the serialiser: a field the
    # serialiser dropped would vanish from both sides of a comparison of its output.
    result = load_timeline(folder)
    assert not result.problems, [problem.format() for problem in result.problems]
    return as_read(result.timeline.events)


def test_every_format_is_registered() -> None:
    assert set(FORMATS) == {
        "json",
        "jsonl",
        "csv",
        "markdown",
        "ics",
        "timelinejs",
        "html",
        "csl-json",
        "bibtex",
    }
    assert set(BY_NAME) == set(FORMATS) | {"xlsx", "datapackage"}
    assert format_for_suffix(".MD") == "markdown" and format_for_suffix(".xlsx") == "xlsx"
    assert format_for_suffix(".txt") is None


def test_json_events_load_back_as_a_timeline(timeline: Timeline, tmp_path: Path) -> None:
    events = json.loads(FORMATS["json"](timeline, timeline.events))["events"]
    # JSON is YAML: without the added day fields, the list is a valid event file.
    events = [without_bounds(event) for event in events]
    (tmp_path / "events.yaml").write_text(json.dumps(events, ensure_ascii=False), "utf-8")
    assert reload(tmp_path) == as_read(timeline.events)


def test_json_gives_each_partial_date_its_first_and_last_day(timeline: Timeline) -> None:
    events = json.loads(FORMATS["json"](timeline, timeline.events))["events"]
    outcomes = 0
    for record, event in zip(events, timeline.events, strict=True):
        dates = {
            "date": event.date,
            "end": event.end,
            "published": event.published,
            "effective": event.effective,
        }
        for key, date in dates.items():
            if date is None:
                assert f"{key}_earliest" not in record
                continue
            assert record[f"{key}_earliest"] == date.earliest().isoformat()
            assert record[f"{key}_latest"] == date.latest().isoformat()
        for item, source in zip(record["sources"], event.sources, strict=True):
            assert item["date_latest"] == source.date.latest().isoformat()
        for item, target in zip(record.get("targets", []), event.targets, strict=True):
            if target.deadline:
                assert item["deadline_earliest"] == target.deadline.earliest().isoformat()
            if target.outcome and target.outcome.as_of:
                assert item["outcome"]["as_of_latest"] == target.outcome.as_of.latest().isoformat()
                outcomes += 1
    assert outcomes or timeline.name != load(TIMELINES["tricky"]).name


def test_jsonl_lines_load_back_one_file_each(timeline: Timeline, tmp_path: Path) -> None:
    text = FORMATS["jsonl"](timeline, timeline.events)
    lines = text.splitlines()
    assert len(lines) == len(timeline.events) and text.endswith("\n")
    for number, line in enumerate(lines):
        record = without_bounds(json.loads(line))
        (tmp_path / f"{number:03d}.yaml").write_text(
            json.dumps(record, ensure_ascii=False), "utf-8"
        )
    assert reload(tmp_path) == as_read(timeline.events)


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith(BYTE_ORDER_MARK)
    return list(csv.DictReader(io.StringIO(text.removeprefix(BYTE_ORDER_MARK), newline="")))


def test_csv_reads_back_with_the_csv_module(timeline: Timeline) -> None:
    rows = read_csv(FORMATS["csv"](timeline, timeline.events, ExportOptions(formula_guard=False)))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == len(timeline.events)
    for row, event in zip(rows, timeline.events, strict=True):
        assert row["id"] == event.id
        assert row["date"] == event.date.iso()
        assert row["date_precision"] == event.date.precision.name.lower()
        assert dt.date.fromisoformat(row["date_earliest"]) == event.date.earliest()
        assert dt.date.fromisoformat(row["date_latest"]) == event.date.latest()
        assert row["end"] == (event.end.iso() if event.end else "")
        assert row["summary"] == event.summary
        # Every list splits back into its items, even items holding "; ".
        for column, items in (
            ("issuers", event.issuers),
            ("sectors", event.sectors),
            ("highlights", event.highlights),
        ):
            assert split(row[column]) == list(items), column
        assert split(row["sources"]) == [
            f"{s.title} — {s.publisher}, {s.date.iso()}" for s in event.sources
        ]
        assert split(row["source_urls"]) == [s.url for s in event.sources if s.url]


def split(cell: str) -> list[str]:
    return cell.split(LIST_SEPARATOR) if cell else []


def test_bundled_list_items_holding_semicolons_split_back() -> None:
    timeline = load(TIMELINES["bundled"])
    rows = {row["id"]: row for row in read_csv(FORMATS["csv"](timeline, timeline.events))}
    holding = [
        (event, item) for event in timeline.events for item in event.highlights if "; " in item
    ]
    assert holding
    for event, item in holding:
        assert item in split(rows[event.id]["highlights"])


def test_csv_cells_never_start_a_spreadsheet_formula() -> None:
    timeline = load(TIMELINES["tricky"])
    rows = read_csv(FORMATS["csv"](timeline, timeline.events))
    row = next(row for row in rows if row["id"] == "formula-title")
    assert row["title"].startswith("'=HYPERLINK")
    assert split(row["highlights"])[0].startswith("'-starts")
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    unguarded = read_csv(
        FORMATS["csv"](timeline, timeline.events, ExportOptions(formula_guard=False))
    )
    assert next(r for r in unguarded if r["id"] == "formula-title")["title"].startswith("=HYP")


@pytest.mark.parametrize("periods", ["markers", "spans"])
def test_ics_parses_back_with_dates_and_uids(timeline: Timeline, periods: str) -> None:
    text = FORMATS["ics"](timeline, timeline.events, ExportOptions(ics_periods=periods))
    calendar = Calendar.from_ical(text)
    entries = {str(entry["UID"]): entry for entry in calendar.walk("VEVENT")}
    deadlines = sum(1 for event in timeline.events for t in event.targets if t.deadline)
    ends = sum(1 for event in timeline.events if event.end and is_long(event.date, event.end))
    assert len(entries) == len(timeline.events) + deadlines + (ends if periods == "markers" else 0)
    day = dt.timedelta(days=1)
    for event in timeline.events:
        entry = entries[event_uid(event)]
        start, end = entry.decoded("DTSTART"), entry.decoded("DTEND")
        assert type(start) is dt.date and type(end) is dt.date  # all-day, never a time
        assert start == event.date.earliest()
        last = (event.end or event.date).latest()
        if periods == "markers" and is_long(event.date, event.end or event.date):
            # Two one-day markers, so a plan never fills the all-day row for years.
            assert end == start + day
            if event.end:
                marker = entries[end_uid(event)]
                assert marker.decoded("DTSTART") == last
                assert marker.decoded("DTEND") == last + day
                assert str(marker["SUMMARY"]) == f"Ends: {event.title}"
                assert str(entry["SUMMARY"]) == f"Begins: {event.title}"
            else:
                assert str(entry["SUMMARY"]) == f"{event.title} ({event.date.human()})"
        else:
            # DTEND is exclusive: the day after the last day the dates allow.
            assert end == last + day
            assert str(entry["SUMMARY"]) == event.title
        description = str(entry["DESCRIPTION"])
        precision = event.date.precision.name.lower()
        assert f"Date: {event.date.human()} (known to the {precision}" in description
        for number, target in enumerate(event.targets, start=1):
            if target.deadline:
                deadline = entries[deadline_uid(event, number)]
                assert deadline.decoded("DTEND") == target.deadline.latest() + day
                first = target.deadline.earliest()
                if periods == "markers" and is_long(target.deadline, target.deadline):
                    first = target.deadline.latest()
                assert deadline.decoded("DTSTART") == first


def test_ics_month_date_says_what_is_known() -> None:
    timeline = load(TIMELINES["tricky"])
    calendar = Calendar.from_ical(FORMATS["ics"](timeline, timeline.events))
    entry = next(e for e in calendar.walk("VEVENT") if e["UID"] == "month-only@policy-timeline")
    assert entry.decoded("DTSTART") == dt.date(2018, 12, 1)
    assert entry.decoded("DTEND") == dt.date(2019, 1, 1)
    assert "Date: Dec 2018 (known to the month)" in str(entry["DESCRIPTION"])
    uncertain = next(
        e for e in calendar.walk("VEVENT") if e["UID"] == "uncertain-year@policy-timeline"
    )
    assert "Date: 2017? (known to the year, uncertain)" in str(uncertain["DESCRIPTION"])


def _check_date_object(value: object) -> None:
    assert isinstance(value, dict)
    assert set(value) <= {"year", "month", "day", "display_date"}
    assert type(value["year"]) is int
    if "month" in value:
        assert type(value["month"]) is int and 1 <= value["month"] <= 12
    if "day" in value:
        assert "month" in value and type(value["day"]) is int and 1 <= value["day"] <= 31
    assert isinstance(value.get("display_date", ""), str)


def _check_text_object(value: object) -> None:
    assert isinstance(value, dict) and set(value) <= {"headline", "text"}
    assert all(isinstance(part, str) for part in value.values())


def test_timelinejs_has_the_documented_shapes(timeline: Timeline) -> None:
    document = json.loads(FORMATS["timelinejs"](timeline, timeline.events))
    assert set(document) <= {"events", "title", "eras", "scale"}
    _check_text_object(document["title"]["text"])
    assert "start_date" not in document["title"]
    assert len(document["events"]) == len(timeline.events)
    for slide, event in zip(document["events"], timeline.events, strict=True):
        assert set(slide) <= {
            "start_date",
            "end_date",
            "text",
            "media",
            "group",
            "display_date",
            "background",
            "autolink",
            "unique_id",
        }
        _check_date_object(slide["start_date"])
        assert slide["start_date"]["year"] == event.date.year
        assert slide["start_date"].get("month") == event.date.month
        assert slide["start_date"].get("day") == event.date.day
        if event.end:
            _check_date_object(slide["end_date"])
            # The last day the end allows, labelled at the precision it is known to.
            last = event.end.latest()
            assert (
                slide["end_date"]["year"],
                slide["end_date"]["month"],
                slide["end_date"]["day"],
            ) == (last.year, last.month, last.day)
            assert slide["end_date"]["display_date"] == event.end.human()
        else:
            assert "end_date" not in slide
        _check_text_object(slide["text"])
        assert isinstance(slide["group"], str)
        assert slide["unique_id"] == event.id


def test_timelinejs_escapes_html_from_the_data() -> None:
    timeline = load(TIMELINES["tricky"])
    document = json.loads(FORMATS["timelinejs"](timeline, timeline.events))
    text = json.dumps(document, ensure_ascii=False)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert document["title"]["text"]["headline"] == (
        "Tricky [bold]timeline[/bold] &lt;b&gt;&amp;amp;&lt;/b&gt;"
    )
    slide = next(s for s in document["events"] if s["unique_id"] == "formula-title")
    assert '<a href="http://example.org/a?b=1&amp;c=&lt;2&gt;">' in slide["text"]["text"]
    # TimelineJS writes the group label into the page as HTML too.
    assert slide["group"] == "Notice &lt;b&gt;&amp;amp;&lt;/b&gt;"


def test_markdown_cites_every_source_by_number(timeline: Timeline) -> None:
    text = FORMATS["markdown"](timeline, timeline.events)
    body, _, references = text.partition("\n## Sources\n")
    numbered = [line for line in references.splitlines() if line[:1].isdigit()]
    distinct = {source for event in timeline.events for source in event.sources}
    # An outcome's sources are cited where the outcome is, in the same list.
    distinct |= {
        source
        for event in timeline.events
        for target in event.targets
        if target.outcome
        for source in target.outcome.sources
    }
    assert len(numbered) == len(distinct)
    for number in range(1, len(numbered) + 1):
        assert f"[{number}]" in body
    for year in {event.date.year for event in timeline.events}:
        assert f"\n## {year}\n" in body


def test_markdown_treats_data_as_text() -> None:
    timeline = load(TIMELINES["tricky"])
    text = FORMATS["markdown"](timeline, timeline.events)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "[link](http" not in text
    assert "<http://example.org/a?b=1&c=%3C2%3E>" in text
