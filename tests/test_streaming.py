"""Summary and exports are written as they are made, and the pieces join to the whole."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from policy_timeline.atomic import write_atomically
from policy_timeline.model.events import Event, Timeline
from policy_timeline.paths import bundled_timeline
from policy_timeline.query.index import Filter
from policy_timeline.reading.loader import load_timeline
from policy_timeline.render import summary
from policy_timeline.render.export import BY_NAME, FORMATS
from policy_timeline.render.export.json_format import event_record

STREAMED = ("json", "jsonl", "csv")


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return load_timeline(bundled_timeline()).timeline


class Unmade:
    """An event that fails as soon as anything reads it: nothing may read it early."""

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"read {name} before the first event was written")


@pytest.mark.parametrize("name", STREAMED)
def test_the_first_event_is_written_before_the_next_is_made(name: str, timeline: Timeline) -> None:
    events: list[Event] = [timeline.events[0], Unmade()]  # type: ignore[list-item]
    written = ""
    chunks = BY_NAME[name].text_chunks(timeline, events)
    while timeline.events[0].id not in written:
        written += next(chunks)
    with pytest.raises(AssertionError, match="before the first event"):
        next(chunks)


@pytest.mark.parametrize("count", [0, 1, 3])
def test_streamed_json_is_what_json_dumps_makes_of_the_whole(
    count: int, timeline: Timeline
) -> None:
    events = timeline.events[:count]
    whole = {"events": [event_record(event) for event in events]}
    expected = json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
    assert "".join(BY_NAME["json"].text_chunks(timeline, events)) == expected
    assert FORMATS["json"](timeline, events) == expected


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_pieces_join_to_the_format_text(name: str, timeline: Timeline) -> None:
    assert "".join(BY_NAME[name].text_chunks(timeline, timeline.events)) == FORMATS[name](
        timeline, timeline.events
    )


def test_summary_lines_come_before_later_events_are_laid_out(
    timeline: Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    laid_out: list[object] = []
    original = summary._plain_lines

    def counting(part: object, width: int) -> str | None:
        laid_out.append(part)
        return original(part, width)  # type: ignore[arg-type]

    monkeypatch.setattr(summary, "_plain_lines", counting)
    console = Console(width=1000)
    chunks = summary.summary_chunks(console, timeline, timeline.events, Filter())
    first = [next(chunks) for _ in range(4)]  # name, heading, year, first event
    assert timeline.events[0].title in first[3]
    assert len(laid_out) == 4 < len(timeline.events)


def test_a_failed_export_leaves_the_old_file_and_no_other(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")

    def failing() -> Iterator[str]:
        yield "half of a new "
        raise RuntimeError("the disk filled up")

    with pytest.raises(RuntimeError):
        write_atomically(target, failing())
    assert target.read_text(encoding="utf-8") == "old"
    assert [path.name for path in tmp_path.iterdir()] == ["out.json"]
    write_atomically(target, iter(["new ", "text"]))
    assert target.read_text(encoding="utf-8") == "new text"
