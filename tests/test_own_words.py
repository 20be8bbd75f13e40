"""The bundled timeline's summaries and highlights are in its own words, not copied from the seeds.

The seeds (the source texts the timeline was built from) live outside the repository, in
``../shared/seeds``; where that folder is missing the check over the bundled data is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from policy_timeline.paths import bundled_timeline
from policy_timeline.reading.loader import load_timeline

RUN = 12  # words in a row that count as copying
SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


def words(text: str) -> list[str]:
    # Punctuation, case and hyphens do not hide a copy: "High-end," matches "high end".
    return re.findall(r"[0-9a-z]+", text.lower())


def runs(text: str, length: int = RUN) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + length]) for i in range(len(found) - length + 1)}


def copied(text: str, seed_runs: set[tuple[str, ...]]) -> list[str]:
    """Every run of ``RUN`` words in ``text`` that also occurs in a seed."""
    return sorted(" ".join(run) for run in runs(text) & seed_runs)


def seed_runs(texts: Iterable[str]) -> set[tuple[str, ...]]:
    every: set[tuple[str, ...]] = set()
    for text in texts:
        every |= runs(text)
    return every


def test_a_copied_run_is_found_through_case_punctuation_and_line_breaks() -> None:
    seed = seed_runs(
        [
            "The plan sets the goal of RMB 20 billion for the sales revenue "
            "of the industry by 2020, with growth over 30%."
        ]
    )
    planted = "It SETS the goal of RMB 20-billion for the\nsales revenue of the industry by 2020."
    assert copied(planted, seed) == [
        "goal of rmb 20 billion for the sales revenue of the industry",
        "of rmb 20 billion for the sales revenue of the industry by",
        "rmb 20 billion for the sales revenue of the industry by 2020",
        "sets the goal of rmb 20 billion for the sales revenue of",
        "the goal of rmb 20 billion for the sales revenue of the",
    ]


def test_eleven_shared_words_are_not_a_copy() -> None:
    seed = seed_runs(["one two three four five six seven eight nine ten eleven twelve"])
    assert copied("one two three four five six seven eight nine ten eleven thirteen", seed) == []
    assert copied("one two three four five six seven eight nine ten eleven twelve", seed)


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the seeds folder {SEEDS} is not here")
def test_summaries_and_highlights_share_no_long_run_with_a_seed() -> None:
    seeds = seed_runs(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    assert seeds, "the seeds folder holds no text"
    result = load_timeline(bundled_timeline())
    assert result.ok
    problems = [
        f"{event.file}: {field}: {run!r}"
        for event in result.timeline.events
        for field, text in [
            ("summary", event.summary),
            *(("highlights", line) for line in event.highlights),
        ]
        for run in copied(text, seeds)
    ]
    assert problems == []
