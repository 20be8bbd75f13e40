"""The index's reading path decodes less and checks searches sooner, and
answers exactly as the full decode and the search pattern do.

test_store.py proves the commands' output byte for byte; these tests pin each
shortcut against what it stands in for, on inputs chosen to part them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console

from policy_timeline.query.index import Filter
from policy_timeline.query.store import refresh
from policy_timeline.query.store_query import StoredIndex, open_index
from policy_timeline.query.store_search import matches_all
from policy_timeline.query.word_index import search_words, term_pattern
from policy_timeline.render.summary import summary_chunks
from store_support import event, generated, tricky


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> StoredIndex:
    folder = generated(tmp_path_factory.mktemp("gen") / "gen", size=300)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("POLICY_TIMELINE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        opened = open_index(folder)
    assert opened is not None
    return opened


# Where finding the term as written and the folded pattern could part: marks
# that fold to letters (U+0345 folds to iota), letters that fold to two
# (ß, ﬁ, İ), letters the pattern's IGNORECASE pairs with others (ı, ſ, the
# Kelvin sign), underscore, CJK, capitals.
ALPHABET = "aisfkA SIFK_-.\u0345ßﬁİıſ\u212a中国é\u0301"


@given(
    text=st.text(alphabet=ALPHABET, max_size=30),
    terms=st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=4), min_size=1, max_size=3),
)
@settings(max_examples=1500, deadline=None)
@example(text="\u0345sis", terms=["sis"])  # the mark folds to a letter: no word starts there
@example(text="_as", terms=["as"])
@example(text="ſa", terms=["sa"])  # found only by the pattern's IGNORECASE
@example(text="ı", terms=["i"])
@example(text="ßa s", terms=["ssa"])
def test_a_search_check_finds_what_the_pattern_finds(text: str, terms: list[str]) -> None:
    folded_terms = [term for raw in terms for term in search_words(raw)]
    expected = all(term_pattern([term]).search(text.casefold()) for term in folded_terms)
    patterns = [(term, term_pattern([term])) for term in folded_terms]
    assert matches_all(patterns, text) == expected, (text, folded_terms)


def test_a_line_holds_what_the_event_shows(index: StoredIndex) -> None:
    query = Filter(search="subsidies")
    events, lines = list(index.events(query)), list(index.lines(query))
    assert events and len(lines) == len(events)
    for whole, line in zip(events, lines, strict=True):
        shown = (line.date, line.end, line.title, line.kind, line.issuers)
        assert shown == (whole.date, whole.end, whole.title, whole.kind, whole.issuers)


def test_the_long_summary_refuses_lines(index: StoredIndex) -> None:
    chunks = summary_chunks(Console(), index.timeline, index.lines(Filter()), Filter(), long=True)
    with pytest.raises(TypeError, match="whole events"):
        list(chunks)


@pytest.mark.parametrize("share", [1, 7, 8, 9, 40, 300])
def test_rows_come_in_date_order_however_many(index: StoredIndex, share: int) -> None:
    """Few rows are sorted by their keys, many picked out of the date-order
    index: the two orders agree, on either side of where one gives way."""
    everything = index.rows(Filter())
    named = sorted(everything)[::-1][: len(everything) * share // 300 or 1]
    wanted = set(named)
    assert index._in_date_order(named) == [row for row in everything if row in wanted]


def test_a_command_reads_one_snapshot_while_a_file_is_saved(tmp_path: Path) -> None:
    """Row numbers taken before another process rewrites a file still name the
    events they named: the index is read as it was when it was opened."""
    root = tricky(tmp_path / "t")
    stored = open_index(root)
    assert stored is not None
    events = stored.events(Filter())
    before = [event.id for event in events[:]]
    (root / "b.yaml").write_text(event("only-one"))
    updated = refresh(root)  # another connection, as another process would be
    assert updated is not None and updated.reread == 1
    updated.connection.close()
    assert [event.id for event in events] == before
    assert stored.timeline.event_count == len(before)
