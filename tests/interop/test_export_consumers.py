"""Each export opened in the programs people use it with: pandas, DuckDB, Markdown renderers,
pandoc and calendar libraries. The Python snippets in docs/export.md are run as written."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from interop_support import REPO, TIMELINES, load

from policy_timeline.model.events import Event, Timeline
from policy_timeline.render.export import FORMATS, ExportOptions

DOC = REPO / "docs" / "export.md"
DAYS = ("date_earliest", "date_latest", "end_earliest", "end_latest")


def snippet(first_line: str) -> str:
    blocks: list[str] = re.findall(r"```python\n(.*?)```", DOC.read_text("utf-8"), re.S)
    return next(block for block in blocks if block.startswith(first_line))


def run_snippet(first_line: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.chdir(folder)
    namespace: dict[str, Any] = {}
    exec(snippet(first_line), namespace)
    return namespace["events"]


def write_exports(timeline: Timeline, events: list[Event], folder: Path) -> Path:
    options = ExportOptions(formula_guard=False)
    for name in ("csv", "jsonl"):
        (folder / f"events.{name}").write_text(
            FORMATS[name](timeline, events, options), "utf-8", newline=""
        )
    return folder


@pytest.fixture(params=sorted(TIMELINES))
def timeline(request: pytest.FixtureRequest) -> Timeline:
    return load(TIMELINES[request.param])


def _day(value: Any) -> dt.date | None:
    if value is None or value != value:  # None, NaN, NaT
        return None
    day: dt.date = value.date() if isinstance(value, dt.datetime) else value
    return day


def _check_rows(rows: list[dict[str, Any]], events: list[Event]) -> None:
    assert [row["id"] for row in rows] == [event.id for event in events]
    for row, event in zip(rows, events, strict=True):
        # The partial date exactly as written, and its days as real dates.
        assert row["date"] == event.date.iso()
        assert _day(row["date_earliest"]) == event.date.earliest()
        assert _day(row["date_latest"]) == event.date.latest()
        assert (row["end"] or None) == (event.end.iso() if event.end else None) or (
            row["end"] != row["end"] and event.end is None
        )
        assert _day(row["end_latest"]) == (event.end.latest() if event.end else None)
        assert row["title"] == event.title
        assert (row["doc_number"] or None) == event.doc_number or (
            row["doc_number"] != row["doc_number"] and event.doc_number is None
        )


@pytest.mark.parametrize("reader", ["pandas", "DuckDB"])
@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_documented_reads_give_the_values_as_written(
    timeline: Timeline, suffix: str, reader: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip(reader.lower())
    write_exports(timeline, timeline.events, tmp_path)
    events = run_snippet(f"# read events.{suffix} with {reader}", tmp_path, monkeypatch)
    if reader == "DuckDB":
        rows = [dict(zip(events.columns, values, strict=True)) for values in events.fetchall()]
    else:
        rows = events.to_dict("records")
    _check_rows(rows, timeline.events)
    if suffix == "csv" and reader == "pandas":
        lists = [row.split("\n") if row else [] for row in events["issuers"]]
        assert lists == [list(event.issuers) for event in timeline.events]


def _types(reader: str, events: Any) -> dict[str, str]:
    if reader == "DuckDB":
        return {name: str(kind) for name, kind in zip(events.columns, events.types, strict=True)}
    return {name: str(kind) for name, kind in events.dtypes.items()}


@pytest.mark.parametrize("reader", ["pandas", "DuckDB"])
def test_documented_csv_reads_give_the_same_types_whatever_the_rows(
    reader: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip(reader.lower())
    timeline = load(TIMELINES["bundled"])
    subsets = {
        "all": timeline.events,
        # An end of bare years reads as numbers, and days only as dates, unless told.
        "year ends": [e for e in timeline.events if e.end and e.end.month is None],
        "days only": [e for e in timeline.events if e.date.day and not e.end],
    }
    found = {}
    for name, events in subsets.items():
        assert events, name
        folder = tmp_path / name.replace(" ", "-")
        folder.mkdir()
        write_exports(timeline, events, folder)
        found[name] = _types(
            reader, run_snippet(f"# read events.csv with {reader}", folder, monkeypatch)
        )
    assert found["all"] == found["year ends"] == found["days only"]
    assert {found["all"][column] for column in DAYS} in ({"DATE"}, {"datetime64[s]"})
    assert found["all"]["end"] in ("VARCHAR", "str", "object")


def test_undocumented_pandas_read_is_what_the_doc_warns_of(tmp_path: Path) -> None:
    # The reason for the documented call: the plain one makes "2015-02" a day.
    pd = pytest.importorskip("pandas")
    timeline = load(TIMELINES["bundled"])
    # A qualifier ("2016-09~") stops pandas converting the column; without one it does.
    events = [event for event in timeline.events if not event.date.qualifier]
    write_exports(timeline, events, tmp_path)
    plain = pd.read_json(tmp_path / "events.jsonl", lines=True)
    number, event = next(
        (number, event)
        for number, event in enumerate(events)
        if event.date.month and event.date.day is None
    )
    assert plain["date"][number].date() == event.date.earliest()


def test_libreoffice_reads_chinese_lists_and_no_formula(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    openpyxl = pytest.importorskip("openpyxl")
    if not soffice:
        pytest.skip("LibreOffice is not installed")
    timeline = load(TIMELINES["tricky"])
    (tmp_path / "events.csv").write_text(
        FORMATS["csv"](timeline, timeline.events), "utf-8", newline=""
    )
    # The conversion the doc gives; HOME keeps LibreOffice's profile out of the user's.
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "xlsx",
            "--infilter=CSV:44,34,76,1",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "events.csv"),
        ],
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        timeout=180,
    )
    sheet = openpyxl.load_workbook(tmp_path / "events.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "id"  # the byte-order mark is not part of the first name
    cells = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert cells["leap-day"]["title"] == "Leap day: 中文标题 🚀"
    assert cells["uncertain-year"]["title_original"] == "年度计划"
    assert cells["formula-title"]["issuers"] == "'@Ministry\nMIIT"  # text, one item a line
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


# Markdown: the same list items whatever reads it.


class _Items(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.items: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self._depth += 1
            self.items.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "li":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.items[-1] += data


def list_items(html: str) -> list[str]:
    parser = _Items()
    parser.feed(html)
    return [" ".join(item.split()) for item in parser.items]


def _renderers() -> Iterator[tuple[str, Any]]:
    from markdown_it import MarkdownIt

    yield "CommonMark (markdown-it-py)", MarkdownIt("commonmark").render
    markdown = pytest.importorskip("markdown")
    yield "python-markdown", lambda text: markdown.markdown(text, extensions=["meta"])
    pandoc = shutil.which("pandoc")
    if pandoc:
        # Without "smart", pandoc keeps straight quotes as the other two do.
        yield (
            "pandoc",
            lambda text: subprocess.run(
                [pandoc, "-f", "markdown-smart", "-t", "html"],
                input=text.encode(),
                check=True,
                capture_output=True,
                timeout=60,
            ).stdout.decode(),
        )


def _comparable(item: str) -> str:
    # The renderers agree on the items; they differ on two details of the text:
    # python-markdown shows the backslash of "\<" and "\|" (escapes CommonMark
    # and pandoc honour), and each shows an autolink's address its own way.
    return item.replace("\\", "").split(" http")[0]


def test_markdown_lists_are_the_same_in_every_renderer(timeline: Timeline) -> None:
    text = FORMATS["markdown"](timeline, timeline.events)
    targets = sum(len(event.targets) for event in timeline.events)
    sources = len(re.findall(r"^\d+\. ", text.partition("\n## Sources\n")[2], re.M))
    assert sources >= len({source for event in timeline.events for source in event.sources})
    seen = {}
    for name, render in _renderers():
        items = list_items(render(text))
        assert len(items) == targets + sources, name
        assert sum(item.startswith("Target: ") for item in items) == targets, name
        seen[name] = [_comparable(item) for item in items]
    assert len(seen) >= 2
    assert len({tuple(items) for items in seen.values()}) == 1, seen.keys()


def test_pandoc_reads_the_title_from_the_front_matter() -> None:
    pandoc = shutil.which("pandoc")
    if not pandoc:
        pytest.skip("pandoc is not installed")
    timeline = load(TIMELINES["tricky"])
    text = FORMATS["markdown"](timeline, timeline.events)
    document = json.loads(
        subprocess.run(
            [pandoc, "-f", "markdown", "-t", "json"],
            input=text.encode(),
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout
    )
    title = document["meta"]["title"]["c"]
    words = "".join(
        part.get("c", " ") if isinstance(part.get("c", " "), str) else "" for part in title
    )
    assert words == timeline.name


# iCalendar: long periods leave the all-day row alone.


def _covering(text: str, day: dt.date) -> list[str]:
    vobject = pytest.importorskip("vobject")
    calendar = vobject.readOne(text)
    found = []
    for entry in calendar.vevent_list:
        start, end = entry.dtstart.value, entry.dtend.value
        assert type(start) is dt.date and type(end) is dt.date
        if start <= day < end:
            found.append(str(entry.summary.value))
    return found


def test_an_ordinary_day_in_2019_in_a_calendar() -> None:
    timeline = load(TIMELINES["bundled"])
    day = dt.date(2019, 6, 12)
    running = [
        event.title
        for event in timeline.events
        if event.date.earliest() <= day <= (event.end or event.date).latest()
    ]
    assert len(running) >= 3
    spans = FORMATS["ics"](timeline, timeline.events, ExportOptions(ics_periods="spans"))
    assert sorted(_covering(spans, day)) == sorted(running)
    # By default the all-day row of that day is empty: plans show on their first and last day.
    assert _covering(FORMATS["ics"](timeline, timeline.events), day) == []


def test_vobject_reads_markers_with_the_whole_period_described() -> None:
    vobject = pytest.importorskip("vobject")
    timeline = load(TIMELINES["bundled"])
    calendar = vobject.readOne(FORMATS["ics"](timeline, timeline.events))
    entries = {str(entry.uid.value): entry for entry in calendar.vevent_list}
    begins = entries["made-in-china-2025@policy-timeline"]
    ends = entries["made-in-china-2025.end@policy-timeline"]
    assert begins.dtstart.value == dt.date(2015, 5, 8)
    assert ends.dtstart.value == dt.date(2025, 12, 31)
    assert ends.dtend.value == dt.date(2026, 1, 1)
    for entry in (begins, ends):
        assert "Until: 2025 (known to the year)" in entry.description.value
