"""The explorer's search, taken a slice at a time, finds exactly what a full scan finds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from policy_timeline.model.dates import PartialDate
from policy_timeline.model.events import Event, Source, Timeline
from policy_timeline.query.index import Filter, TimelineIndex
from policy_timeline.tui.state import ViewState

WORDS = [
    "steel",
    "rail",
    "printing",
    "additive",
    "plan",
    "grid",
    "ai",
    "robot",
    "trail",
    "steel-plan",
    "re-rail",
]


def make_timeline(summaries: list[str]) -> Timeline:
    source = Source("s", "p", PartialDate(2017))
    events = [
        Event(
            id=f"e{number}",
            date=PartialDate(2000 + number % 7),
            title=f"Event {number}",
            kind="plan",
            issuers=("MIIT",),
            summary=summary,
            sources=(source,),
            sectors=("even" if number % 2 == 0 else "odd",),
        )
        for number, summary in enumerate(summaries)
    ]
    return Timeline(name="t", root=Path("."), events=events)


def begins_a_word(term: str, text: str) -> bool:
    return any(
        text.startswith(term, at)
        and (at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_"))
        for at in range(len(text))
    )


def held(state: ViewState) -> TimelineIndex:
    """The state's index in memory (these tests make their timelines there)."""
    assert isinstance(state.index, TimelineIndex)
    return state.index


def full_scan(state: ViewState, text: str) -> list[int]:
    """Every line whose text has each typed term where a word begins."""
    terms = text.casefold().split()
    return [
        position
        for position, row in enumerate(state.lines.rows)
        if terms and all(begins_a_word(term, held(state).texts[row]) for term in terms)
    ]


summaries = st.lists(
    st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join), min_size=1, max_size=40
)
typed = st.lists(st.sampled_from(["s", "t", "e", "l", " ", "r", "a", "i", "p", "-"]), max_size=8)


@settings(max_examples=80, deadline=None)
@given(summaries, typed, st.integers(min_value=1, max_value=7), st.booleans(), st.booleans())
def test_search_while_typing_matches_a_full_scan(
    texts: list[str], keys: list[str], budget: int, filtered: bool, indexed: bool
) -> None:
    """Stepped over the texts (before the word index is made) or from the index."""
    state = ViewState(make_timeline(texts))
    if indexed:
        assert held(state).words is not None
    if filtered:
        state.apply(Filter(sectors=frozenset({"even"})))
    typed_so_far = ""
    for key in keys:
        typed_so_far += key
        state.begin_search(typed_so_far)
        while not state.search_step(budget):
            assert not state.search_done
        assert state.match_positions == full_scan(state, typed_so_far)
        rows = state.lines.rows
        assert state.matches == frozenset(rows[p] for p in state.match_positions)


def test_a_filter_change_during_a_search_rescans_the_new_lines() -> None:
    state = ViewState(make_timeline(["steel plan", "steel", "rail", "steel rail"]))
    state.set_search("steel")
    assert len(state.match_positions) == 3
    state.apply(Filter(sectors=frozenset({"odd"})))
    assert state.match_positions == full_scan(state, "steel") == [0, 1]
    state.apply(Filter(sectors=frozenset({"even"})))
    state.begin_search("steel p")  # extends the text, but over new lines
    while not state.search_step(1):
        pass
    assert state.match_positions == full_scan(state, "steel p") == [0]


def test_the_header_says_when_a_search_is_still_running() -> None:
    state = ViewState(make_timeline(["steel"] * 5))
    state.begin_search("steel")
    state.search_step(2)
    assert state.describe()[-1] == "find: steel (searching…)"
    while not state.search_step(2):
        pass
    assert state.describe()[-1] == "find: steel (5 matches)"


def test_a_term_finds_word_starts_not_letters_inside_words() -> None:
    state = ViewState(make_timeline(["trail plan", "railway", "Rail", "entrails"]))
    for indexed in (False, True):
        if indexed:
            assert held(state).words is not None
        state.set_search("rail")
        assert state.match_positions == [1, 2]
    state.set_search("plan")
    assert state.match_positions == [0]


def test_the_header_says_which_match_the_cursor_is_on() -> None:
    state = ViewState(make_timeline(["steel", "rail", "steel", "steel"]))
    state.set_search("steel")
    assert state.describe(cursor=2)[-1] == "find: steel (2/3)"
    assert state.describe(cursor=1)[-1] == "find: steel (3 matches)"


def test_in_force_counts_follow_the_filter_and_the_timeline() -> None:
    state = ViewState(make_timeline(["a"] * 9))
    every = state.in_force_counts()
    assert sum(every.values()) == 9
    even = Filter(sectors=frozenset({"even"}))
    state.apply(even)
    assert sum(state.in_force_counts().values()) == 5
    state.apply(Filter())
    assert state.in_force_counts() == every
    state.apply(even)
    assert sum(state.in_force_counts().values()) == 5
    state.replace_timeline(make_timeline(["a"] * 4))  # a reload: the same filter, new events
    assert sum(state.in_force_counts().values()) == 2
