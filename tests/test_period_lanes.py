"""The periods view's lanes: rows grouped by kind, lead issuer or sector, and found again."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from policy_timeline.query.lanes import lane_keys, lane_names
from policy_timeline.reading.loader import load_timeline
from policy_timeline.tui.period_lanes import build_lanes

SMALL = Path(__file__).parent / "tui" / "fixtures" / "small"
# Rows in date order: 0 rail-milestone-2017 (milestone, NRA, rail), 1 rail-plan-2019
# (plan, MOT, rail), 2 port-review-2020 (review, MOT, ports), 3 rail-plan-2021
# (plan, NRA, rail and ports).


def test_lanes_by_kind_keep_date_order_and_skip_empty_lanes() -> None:
    timeline = load_timeline(SMALL).timeline
    lanes = build_lanes(lane_keys(timeline, "kind"), [0, 1, 3], "kind")
    assert lanes.names == ["milestone", "plan"]  # no review in view
    assert lanes.lines == [~0, 0, ~1, 1, 3]
    assert lanes.counts == [1, 2]


def test_an_event_in_two_sectors_is_in_both_lanes_and_found_at_the_first() -> None:
    timeline = load_timeline(SMALL).timeline
    everything = [0, 1, 2, 3]
    lanes = build_lanes(lane_keys(timeline, "sector"), everything, "sector")
    assert lanes.names == ["ports", "rail"]
    assert lanes.lines == [~0, 2, 3, ~1, 0, 1, 3]
    assert lanes.line_of(3, lane_names(timeline.events[3], "sector")) == 2
    assert lanes.line_of(0, lane_names(timeline.events[0], "sector")) == 4
    filtered = build_lanes(lane_keys(timeline, "sector"), [0, 3], "sector")
    assert filtered.lines == [~0, 3, ~1, 0, 3]
    assert filtered.line_of(2, lane_names(timeline.events[2], "sector")) is None


def test_lanes_by_lead_issuer_use_the_first_issuer_only() -> None:
    timeline = load_timeline(SMALL).timeline
    lanes = build_lanes(lane_keys(timeline, "issuer"), [0, 1, 2, 3], "issuer")
    assert lanes.names == ["MOT", "NRA"]
    assert lanes.lines == [~0, 1, 2, ~1, 0, 3]  # rail-plan-2019 is MOT's, though NRA signed too


@given(
    st.dictionaries(
        st.sampled_from(["plan", "Law", "review", "ports"]),
        st.sets(st.integers(0, 40), min_size=1).map(sorted),
    ),
    st.data(),
)
def test_a_filters_lanes_hold_its_rows_of_each_lane_in_order(
    all_lanes: dict[str, list[int]], data: st.DataObject
) -> None:
    """Rows in view are rows of the timeline, each in one lane or more."""
    every_row = sorted({row for lane in all_lanes.values() for row in lane})
    rows = sorted(data.draw(st.sets(st.sampled_from(every_row))) if every_row else [])
    lanes = build_lanes(all_lanes, rows, "sector")
    expected: list[int] = []
    for number, name in enumerate(
        name for name in sorted(all_lanes, key=str.casefold) if set(all_lanes[name]) & set(rows)
    ):
        expected += [~number, *(row for row in all_lanes[name] if row in rows)]
    assert lanes.lines == expected
