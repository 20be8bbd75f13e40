"""The date filters answered by the index's bisection are exactly the scan they replaced."""

from __future__ import annotations

import calendar
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy_timeline.model.dates import QUALIFIERS, PartialDate, parse_partial_date
from policy_timeline.model.events import Event, Timeline
from policy_timeline.paths import bundled_timeline
from policy_timeline.query.index import Filter, TimelineIndex, overlaps
from policy_timeline.reading.loader import load_timeline

SECTORS = ("aviation", "energy", "steel")
BUNDLED_SECTORS = frozenset({"additive-manufacturing", "smart-manufacturing"})


def scanned(index: TimelineIndex, query: Filter) -> list[int]:
    """The reference: each event's dates tested one by one, as ``rows`` once did."""
    wanted = {sector.casefold() for sector in query.sectors}
    found = []
    for row, event in enumerate(index.timeline.events):
        if wanted and not wanted & {sector.casefold() for sector in event.sectors}:
            continue
        if (query.date_from or query.date_to) and not overlaps(
            event, query.date_from, query.date_to
        ):
            continue
        if query.in_force and not overlaps(event, query.in_force, query.in_force):
            continue
        found.append(row)
    return found


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    """Every precision, over few years, so that bounds meet often and land on month ends."""
    year = draw(st.integers(2015, 2017))  # 2016 is a leap year
    month = draw(st.none() | st.integers(1, 12))
    day = None
    if month is not None:
        last = calendar.monthrange(year, month)[1]
        day = draw(st.none() | st.sampled_from((1, 2, 15, last - 1, last)))
    return PartialDate(year, month, day, draw(st.sampled_from(tuple(QUALIFIERS))))


@st.composite
def events(draw: st.DrawFn, number: int) -> Event:
    start = draw(partial_dates())
    # Open (no end), closed, and now and then an end written before its start.
    end = draw(st.none() | partial_dates())
    return Event(
        id=f"e{number}",
        date=start,
        end=end,
        title="t",
        kind="law",
        issuers=("x",),
        summary="",
        sources=(),
        sectors=tuple(draw(st.sets(st.sampled_from(SECTORS), max_size=2))),
    )


@st.composite
def timelines(draw: st.DrawFn) -> Timeline:
    count = draw(st.integers(0, 25))
    return Timeline("t", Path("."), [draw(events(number)) for number in range(count)])


def bounds(timeline: Timeline) -> st.SearchStrategy[PartialDate | None]:
    """An open bound, any date, or one of the timeline's own dates, so bounds meet often."""
    own = [event.date for event in timeline.events] + [
        event.end for event in timeline.events if event.end
    ]
    return st.none() | partial_dates() | (st.sampled_from(own) if own else st.nothing())


@settings(max_examples=150, deadline=None)
@given(
    timeline=timelines(),
    sectors=st.sets(st.sampled_from(SECTORS), min_size=1, max_size=2),
    data=st.data(),
)
def test_date_filters_match_the_scan(
    timeline: Timeline, sectors: set[str], data: st.DataObject
) -> None:
    index = TimelineIndex(timeline)
    query = Filter(
        sectors=frozenset(sectors),
        date_from=data.draw(bounds(timeline), label="date_from"),
        date_to=data.draw(bounds(timeline), label="date_to"),
        in_force=data.draw(bounds(timeline), label="in_force"),
    )
    assert index.rows(query) == scanned(index, query)
    # Without a facet the rows come from the bisection, not from checking each row.
    every_sector = replace(query, sectors=frozenset())
    assert index.rows(every_sector) == scanned(index, every_sector)


@pytest.fixture(scope="module")
def bundled() -> TimelineIndex:
    return TimelineIndex(load_timeline(bundled_timeline()).timeline)


def test_bundled_timeline_date_filters_match_the_scan(bundled: TimelineIndex) -> None:
    events = bundled.timeline.events
    dates = sorted(
        {event.date for event in events} | {event.end for event in events if event.end},
        key=PartialDate.sort_key,
    )
    dates += [parse_partial_date(text) for text in ("1990", "2017-02", "2016-02-29", "2040")]
    assert any(event.end for event in events)
    for date in dates:
        for query in (Filter(date_from=date), Filter(date_to=date), Filter(in_force=date)):
            assert bundled.rows(query) == scanned(bundled, query), query.describe()
    for start, end in zip(dates, dates[len(dates) // 3 :], strict=False):
        query = Filter(date_from=start, date_to=end)
        assert bundled.rows(query) == scanned(bundled, query), query.describe()
        narrowed = Filter(sectors=BUNDLED_SECTORS, date_from=start, date_to=end)
        assert bundled.rows(narrowed) == scanned(bundled, narrowed), narrowed.describe()
    assert bundled.rows(Filter(sectors=BUNDLED_SECTORS, in_force=parse_partial_date("2018")))
