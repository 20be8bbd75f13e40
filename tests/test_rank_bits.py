"""Bitmaps of ranks answer as the lists of rows they stand for."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from policy_timeline.model.dates import PartialDate
from policy_timeline.query.date_index import DateBits, DateIndex
from policy_timeline.query.in_force_counts import InForceBits, count_in_force, year_spans
from policy_timeline.query.rank_bits import (
    HeadBits,
    bits_of_ranks,
    ranks_of_bits,
)


@given(st.integers(0, 70).map(range).flatmap(st.permutations), st.integers(1, 9), st.data())
def test_any_head_of_a_permutation_from_the_kept_heads(
    permutation: list[int], parts: int, data: st.DataObject
) -> None:
    heads = HeadBits.of(permutation, parts)
    count = data.draw(st.integers(0, len(permutation)))
    expected = sorted(permutation[:count])
    assert ranks_of_bits(heads.head(count), len(permutation)) == expected


@st.composite
def first_and_last_years(draw: st.DrawFn) -> tuple[list[int], list[int]]:
    """Each rank's first year, ascending as ranks are, and a last year not before it."""
    firsts = sorted(draw(st.lists(st.integers(1990, 2000), max_size=60)))
    lasts = [first + draw(st.sampled_from((0, 0, 1, 3, 12))) for first in firsts]
    return firsts, lasts


@given(first_and_last_years(), st.data())
def test_in_force_counted_from_bits_as_from_rows(
    years: tuple[list[int], list[int]], data: st.DataObject
) -> None:
    firsts, lasts = years
    rows = sorted(data.draw(st.sets(st.integers(0, max(len(firsts) - 1, 0)))) if firsts else [])
    counting = InForceBits.of(year_spans(firsts), firsts, lasts)
    expected = count_in_force(firsts, lasts, rows)
    assert counting.counts(bits_of_ranks(rows, len(firsts))) == expected


days = st.integers(dt.date(2015, 1, 1).toordinal(), dt.date(2018, 12, 31).toordinal())
bounds = st.none() | st.builds(PartialDate, st.integers(2014, 2019), st.none() | st.integers(1, 12))


@given(st.lists(st.tuples(days, st.integers(-40, 800)), max_size=50), st.booleans(), bounds, bounds)
def test_a_date_range_as_bits_lets_through_the_rows_it_lists(
    spans: list[tuple[int, int]],
    in_order: bool,
    start: PartialDate | None,
    end: PartialDate | None,
) -> None:
    """Rows in first-day order (as the index's ranks are) or not, with ends written
    before their starts among them."""
    if in_order:
        spans.sort()
    firsts = [first for first, _ in spans]
    lasts = [first + length for first, length in spans]
    dates = DateIndex.of_days(firsts, lasts)
    bits = DateBits.of(dates)
    assert (bits.started is None) == (firsts == sorted(firsts))
    expected = dates.overlapping(None, start, end)
    assert ranks_of_bits(bits.overlapping(start, end), len(firsts)) == expected


@st.composite
def runs_and_strays(draw: st.DrawFn) -> tuple[list[int], int]:
    """Ranks below a size as runs (a date range's, of any length) among stray ranks."""
    size = draw(st.integers(0, 300))
    ranks: set[int] = set(draw(st.lists(st.integers(0, max(size - 1, 0)), max_size=40)))
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, size))
        ranks.update(range(start, draw(st.integers(start, size))))
    return sorted(rank for rank in ranks if rank < size), size


@given(runs_and_strays(), st.integers(0, 3))
def test_ranks_of_a_bitmap_of_runs_and_strays(case: tuple[list[int], int], above: int) -> None:
    ranks, size = case
    # Bits at or above the size are no ranks of it.
    bits = bits_of_ranks(ranks, size) | (((1 << above) - 1) << size)
    assert ranks_of_bits(bits, size) == ranks
