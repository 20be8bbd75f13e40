"""The word index answers exactly what the highlight's rule finds, in any script."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policy_timeline.query.word_index import WordIndex, search_words, term_pattern

PIECES = [
    "rail",
    "railway",
    "trail",
    "covid-19",
    "19",
    "货运",
    "铁路货运计划",
    "plan",
    "_x",
    "x_rail",
    "Ünïcode",
    "ünï",
    " ",
    " ",
    "-",
    ",",
    "2025年",
]


def scanned(texts: list[str], terms: list[str]) -> frozenset[int]:
    patterns = [term_pattern([term]) for term in terms]
    return frozenset(
        row for row, text in enumerate(texts) if all(pattern.search(text) for pattern in patterns)
    )


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(PIECES), max_size=6).map("".join), max_size=12),
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).map(" ".join),
)
def test_the_index_finds_what_the_pattern_finds(texts: list[str], typed: str) -> None:
    folded = [text.casefold() for text in texts]
    terms = search_words(typed)
    if terms:
        assert WordIndex(folded).matching(terms) == scanned(folded, terms)


def test_word_starts_only_except_in_spaceless_scripts() -> None:
    texts = [
        text.casefold()
        for text in ["Trail running", "Railway act", "铁路货运计划", "COVID-19 relief", "covid-190"]
    ]
    index = WordIndex(texts)
    assert index.matching(["rail"]) == {1}
    assert index.matching(["货运"]) == {2}  # inside a run of Chinese characters
    assert index.matching(["covid-19"]) == {3, 4}
    assert index.matching(["19"]) == {3, 4}  # "190" begins with it
    assert index.matching(["elief"]) == frozenset()
    assert index.matching(["rail", "act"]) == {1}
