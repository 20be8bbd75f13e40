"""5. Bounded cost: what a hostile file costs to read is bounded.

See README.md in this folder for the classes of issue 10.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from policy_timeline.reading.loader import load_timeline

from .conftest import EVENT


def test_many_unknown_keys_cost_a_bounded_number_of_hints(
    timeline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import difflib

    calls = 0
    real = difflib.get_close_matches

    def counted(
        word: str, possibilities: Iterable[str], n: int = 3, cutoff: float = 0.6
    ) -> list[str]:
        nonlocal calls
        calls += 1
        return real(word, possibilities, n, cutoff)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    unknown = "".join(f"unknown{number}: 1\n" for number in range(5000))
    (timeline / "a.yaml").write_text(EVENT.format(id="good") + unknown, encoding="utf-8")
    problems = load_timeline(timeline).problems
    assert len(problems) == 5000
    assert calls <= 20_000 // 17 + 1
    assert problems[-1].line == 5007  # placed by one index of the mapping, not 5000 scans


def test_a_flow_list_of_many_values_without_anchors_is_data(tmp_path: Path) -> None:
    from policy_timeline.reading.yamlio import parse_yaml_bytes

    text = "[" + ", ".join(["{a: 1, b: 2, c: R&D *}"] * 80_000) + "]"
    assert parse_yaml_bytes(text.encode(), "x.yaml").ok


def test_aliases_are_bounded_by_the_size_they_expand_to() -> None:
    from policy_timeline.reading.yamlio import parse_yaml_bytes

    text = "a: &a " + "x" * 100_000 + "\nb: [" + ", ".join(["*a"] * 200) + "]\n"
    read = parse_yaml_bytes(text.encode(), "x.yaml")
    assert [problem.message for problem in read.problems] == [
        f"refused: aliases expand the data by more than {10 * len(text):,} characters "
        "(a possible alias bomb)"
    ]
