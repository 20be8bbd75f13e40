"""The explorer's view of the index answers as the in-memory index does.

``StoreView`` gives the explorer what ``TimelineIndex`` gives it, by rank
(the position in date order), from the index's stored arrays and bitmaps: the
same events at the same ranks, rows for every filter, facet values and counts,
in-force counts, year spans, ids, column widths and search. Compared here on
the timelines where an index could differ (ties, duplicate ids, spellings
that fold together, CJK, punctuation), and after a file changes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy_timeline.model.dates import PartialDate
from policy_timeline.paths import bundled_timeline
from policy_timeline.query.columns import event_widths
from policy_timeline.query.index import FACETS, Filter, TimelineIndex
from policy_timeline.query.rank_bits import bits_of_ranks, ranks_of_bits
from policy_timeline.query.store_view import StoreView, open_view
from policy_timeline.reading.loader import load_timeline
from store_support import copy_of, event, generated, tricky


def pair(folder: Path) -> tuple[StoreView, TimelineIndex]:
    view = open_view(folder, write=True)
    assert view is not None
    return view, TimelineIndex(load_timeline(folder, cache=False).timeline)


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[StoreView, TimelineIndex]]:
    made = tmp_path_factory.mktemp("views")
    os.environ["POLICY_TIMELINE_CACHE_DIR"] = str(made / "cache")
    try:
        folders = [
            bundled_timeline(),
            tricky(made / "tricky"),
            generated(made / "gen", 600),
            two_spellings(made / "two"),
        ]
        return [pair(folder) for folder in folders]
    finally:
        del os.environ["POLICY_TIMELINE_CACHE_DIR"]


def two_spellings(folder: Path) -> Path:
    """One event spelling an issuer two ways, the first in date order."""
    folder.mkdir()
    (folder / "a.yaml").write_text(
        event("x", issuers="NDRC, ndrc, MIIT", sectors="steel, rail")
        + event("y", date="2010", issuers="miit, Miit", sectors="steel")
    )
    return folder


def filters(index: TimelineIndex) -> list[Filter]:
    """Each facet value alone (as written and folded), pairs, dates, marks, searches."""
    found = [Filter()]
    for facet in FACETS.values():
        values = sorted(index.values(facet.name))
        for value in values:
            found.append(facet.choose(Filter(), frozenset({value})))
        found.append(facet.choose(Filter(), frozenset(value.upper() for value in values[:2])))
    events = index.timeline.events
    ids = frozenset(event.id for event in events[:: max(1, len(events) // 7)]) | {"nowhere"}
    found += [
        Filter(date_from=PartialDate(2017), date_to=PartialDate(2020)),
        Filter(date_from=PartialDate(2017, 12)),
        Filter(date_to=PartialDate(2016)),
        Filter(in_force=PartialDate(2018, 3, 1)),
        Filter(ids=ids),
        Filter(ids=frozenset()),
        Filter(
            sectors=frozenset({"steel"}), kinds=frozenset({"plan"}), date_from=PartialDate(2016)
        ),
    ]
    for search in ("subsid", "subsidies steel", "sidies", "covid-19", "国务", "制", "-", "café"):
        found.append(Filter(search=search))
    found.append(Filter(issuers=frozenset({"MIIT"}), search="the"))
    return found


def test_the_events_are_the_same_at_the_same_ranks(
    pairs: list[tuple[StoreView, TimelineIndex]],
) -> None:
    for view, index in pairs:
        events = index.timeline.events
        assert view.timeline.event_count == len(view.timeline.events) == len(events)
        assert list(view.timeline.events) == events
        assert [view.timeline.events[rank] for rank in range(len(events) - 1, -1, -1)] == (
            events[::-1]
        )
        assert view.timeline.events[2:9] == events[2:9]
        assert view.timeline.name == index.timeline.name
        assert view.timeline.widths == event_widths(events)


def test_every_filter_lets_the_same_rows_through(
    pairs: list[tuple[StoreView, TimelineIndex]],
) -> None:
    for view, index in pairs:
        for query in filters(index):
            rows = view.rows(query)
            assert rows == index.rows(query), query
            # Counted from the bitmap the rows were answered with.
            assert view.in_force_per_year(rows) == index.in_force_per_year(rows), query
            for facet in FACETS:
                assert view.counts(facet, query) == index.counts(facet, query), (facet, query)


def test_values_ids_years_and_spans_agree(pairs: list[tuple[StoreView, TimelineIndex]]) -> None:
    for view, index in pairs:
        for facet in FACETS:
            assert view.values(facet) == index.values(facet), facet
        for event_id, row in index.row_of.items():
            assert view.row_of[event_id] == row
            assert view.timeline.by_id[event_id] == index.timeline.by_id[event_id]
        assert view.row_of.get("no such id") is None
        assert view.year_spans() == index.year_spans()
        assert list(view.events_with_targets()) == list(index.events_with_targets())
        for grouping in ("kind", "issuer", "sector"):
            assert view.lane_rows(grouping) == index.lane_rows(grouping), grouping
        assert view.year_span() == index.year_span()
        size = len(index.timeline.events)
        for rows in (range(size), range(0, size, 3), [size - 1], []):
            assert view.in_force_per_year(rows) == index.in_force_per_year(rows)
        for held in index.timeline.events:
            assert view.timeline.related(held) == index.timeline.related(held)
        ids = {event.id for event in index.timeline.events[::3]} | {"nowhere"}
        assert view.events_with_ids(ids) == [e for e in index.timeline.events if e.id in ids]


def test_search_candidates_hold_every_match(pairs: list[tuple[StoreView, TimelineIndex]]) -> None:
    for view, index in pairs:
        for terms in (["subsid"], ["steel", "the"], ["国务"], ["-"], ["zzz"]):
            candidates = {rank for chunk in view.search_chunks(terms) for rank in chunk}
            assert set(index.words.matching(terms)) <= candidates, terms
            texts = view.search_texts(sorted(candidates))
            assert texts == [index.texts[rank] for rank in sorted(candidates)]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_any_mix_of_filters_agrees(
    pairs: list[tuple[StoreView, TimelineIndex]], data: st.DataObject
) -> None:
    view, index = data.draw(st.sampled_from(pairs))
    choices: dict[str, frozenset[str]] = {}
    for facet in FACETS.values():
        values = sorted(index.values(facet.name))
        choices[facet.field] = frozenset(data.draw(st.lists(st.sampled_from(values), max_size=3)))
    years = st.none() | st.integers(2005, 2030).map(PartialDate)
    query = Filter(
        sectors=choices["sectors"],
        issuers=choices["issuers"],
        kinds=choices["kinds"],
        date_from=data.draw(years),
        date_to=data.draw(years),
        in_force=data.draw(years),
        search=data.draw(st.sampled_from(["", "plan", "steel sub", "國", "2025"])),
    )
    rows = view.rows(query)
    assert rows == index.rows(query)
    assert view.in_force_per_year(rows) == index.in_force_per_year(rows)
    name = data.draw(st.sampled_from(sorted(FACETS)))
    assert view.counts(name, query) == index.counts(name, query)


@given(st.lists(st.integers(0, 999), unique=True))
def test_bitmaps_and_ranks_go_both_ways(ranks: list[int]) -> None:
    assert ranks_of_bits(bits_of_ranks(ranks, 1000), 1000) == sorted(ranks)


def test_a_changed_file_is_seen_by_the_next_view(tmp_path: Path) -> None:
    folder = copy_of(tricky(tmp_path / "made"), tmp_path / "copy")
    first = open_view(folder, write=True)
    assert first is not None
    first.close()
    (folder / "b.yaml").write_text(event("moved", date="2001", sectors="rail", kind="law"))
    assert open_view(folder) is None  # not up to date: the explorer loads instead
    view, index = pair(folder)
    assert view.timeline.events[0].id == "moved"
    for query in filters(index):
        assert view.rows(query) == index.rows(query), query
    assert view.values("sector") == index.values("sector")
    assert view.year_spans() == index.year_spans()
    again = open_view(folder)  # now up to date, from the stored arrays
    assert again is not None and list(again.timeline.events) == index.timeline.events


def test_the_explorer_state_searches_alike_from_either_source(
    pairs: list[tuple[StoreView, TimelineIndex]],
) -> None:
    """Stepped searches (short terms unnarrowed, longer ones by FTS chunks) over
    filtered and unfiltered lines find what memory finds, in the same order."""
    from policy_timeline.tui.state import ViewState

    for view, index in pairs:
        stored, held = ViewState(view.timeline, source=view), ViewState(index.timeline)
        sector = sorted(index.values("sector"))[0]
        for query in (Filter(), Filter(sectors=frozenset({sector}))):
            stored.apply(query)
            held.apply(query)
            for typed in ("s", "su", "sub", "subsid", "subsidies st", "国", "-", ""):
                stored.begin_search(typed)
                while not stored.search_step(7):
                    assert stored.describe()[-1].endswith("(searching…)")
                held.set_search(typed)
                assert stored.match_positions == held.match_positions, (query, typed)
                assert stored.matches == held.matches
            assert stored.lines.lines == held.lines.lines
            assert stored.in_force_counts() == held.in_force_counts()
            assert stored.span() == held.span()
        # A filter while a search is on: the search carries on over the new lines.
        for state in (stored, held):
            state.set_search("plan")
            state.apply(Filter(kinds=frozenset({"plan"})))
            while not state.search_step(7):
                pass
        assert stored.search == "plan"
        assert stored.match_positions == held.match_positions


@pytest.mark.parametrize("limit", [10_000, 0])
def test_a_prepared_view_searches_from_its_word_index_up_to_a_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    """Up to the limit the word index answers at once, as memory's does; above it
    the search is stepped over candidates from the index. Both find the same."""
    from policy_timeline.query import store_view
    from policy_timeline.tui.state import ViewState

    monkeypatch.setenv("POLICY_TIMELINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(store_view, "WORDS_IN_MEMORY_UP_TO", limit)
    view, index = pair(generated(tmp_path / "gen", 600))
    view.prepare()
    assert view.words_ready == (limit > 0)
    stored, held = ViewState(view.timeline, source=view), ViewState(index.timeline)
    for query in (Filter(), Filter(sectors=frozenset({sorted(index.values("sector"))[0]}))):
        stored.apply(query)
        held.apply(query)
        for typed in ("s", "subsid", "subsidies st", "-", "zzz"):
            stored.begin_search(typed)
            assert stored.search_done == (limit > 0 or not typed), "answered at once"
            while not stored.search_step(50):
                pass
            held.set_search(typed)
            assert stored.match_positions == held.match_positions, (query, typed)
