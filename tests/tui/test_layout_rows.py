"""The list's lines, worked out from the year markers by bisection, are the lines
laid out one by one: a marker per year that has rows in view, then its rows."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from policy_timeline.tui.layout_rows import build_lines


@st.composite
def layouts(draw: st.DrawFn) -> tuple[list[tuple[int, int, int]], list[int]]:
    """Years over consecutive runs of rows, and the ascending rows a filter lets through."""
    size = draw(st.integers(0, 80))
    cuts = draw(st.lists(st.integers(0, size), max_size=10, unique=True))
    bounds = [0, *sorted(cuts), size]
    spans, year = [], 1990
    for first, end in pairwise(bounds):
        if first < end:
            spans.append((year, first, end))
        year += draw(st.integers(1, 3))
    rows = sorted(draw(st.sets(st.integers(0, max(size - 1, 0)), max_size=size)))
    return spans, rows


def one_by_one(spans: list[tuple[int, int, int]], rows: list[int]) -> list[int]:
    lines: list[int] = []
    for year, first, end in spans:
        positions = [position for position, row in enumerate(rows) if first <= row < end]
        if positions:
            lines += [~year, *positions]
    return lines


@given(layouts())
def test_the_lines_are_those_laid_out_one_by_one(
    layout: tuple[list[tuple[int, int, int]], list[int]],
) -> None:
    spans, rows = layout
    built = build_lines(spans, rows)
    expected = one_by_one(spans, rows)
    assert list(built.lines) == expected
    assert len(built) == len(expected)
    assert built.lines[2:7] == expected[2:7]
    if expected:
        assert built.lines[-1] == expected[-1]
    event_lines = [line for line, value in enumerate(expected) if value >= 0]
    assert list(built.event_line) == event_lines
    for line in range(-1, len(expected) + 1):
        value = expected[line] if 0 <= line < len(expected) else -1
        assert built.position_at(line) == (value if value >= 0 else None)
