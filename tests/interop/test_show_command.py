"""`show ID` prints one event in full; `show --cite` prints the citation line."""

from __future__ import annotations

import pytest
from interop_support import TRICKY, load

from policy_timeline.cli import main
from policy_timeline.render.citation import cite


def show(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["show", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_show_prints_detail_targets_sources_and_links(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = show(capsys, "-t", str(TRICKY), "formula-title")
    assert status == 0
    for expected in (
        "c. Jun 2016",
        "@Ministry; MIIT",
        "document  12345",
        "◎ annual sales revenue: >= CNY 20 billion by 2020",
        '[1] Source <one> & "two" — Publisher, Inc., 30 Jun 2016',
        "http://example.org/a?b=1&c=<2>",
        # the incoming link, read from this side
        "→ implemented by: A plan known only to the year (2017?) [uncertain-year]",
    ):
        assert expected in out, expected


def test_show_reads_outgoing_links_forwards(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = show(capsys, "-t", str(TRICKY), "uncertain-year")
    assert "→ implements: =HYPERLINK" in out
    assert "→ followed by: Leap day: 中文标题 🚀 (29 Feb 2020) [leap-day]" in out


def test_show_prints_markup_and_emoji_codes_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = show(capsys, "-t", str(TRICKY), "formula-title")
    assert "[red]not markup[/red]" in out
    assert ":smile:" in out and "\\escape" in out
    assert "\x1b" not in out


def test_unknown_id_suggests_the_closest(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = show(capsys, "made-in-china")
    assert status == 2 and not out
    assert "no event has the id 'made-in-china' (did you mean 'made-in-china-2025'?)" in err


def test_cite_prints_the_citation_line(capsys: pytest.CaptureFixture[str]) -> None:
    timeline = load(TRICKY)
    status, out, _ = show(capsys, "-t", str(TRICKY), "--cite", "leap-day")
    assert status == 0
    assert out == cite(timeline, timeline.by_id["leap-day"]) + "\n"
    assert out.startswith("State Council. “Leap day: 中文标题 🚀.” 29 Feb 2020. https://")
