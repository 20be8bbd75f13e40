"""The index in the cache folder answers as the timeline loaded whole does.

Everything `summary`, `export` and `targets` read from it must be byte for byte
what the timeline loaded whole answers (`--no-cache` reads the YAML into
memory, as before the index), for every filter and every corpus case. How the
index follows changes and refuses damage is in test_store_file.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_timeline.paths import bundled_timeline
from store_support import CORPUS, FILTERS, both, generated, tricky

COMMANDS: list[list[str]] = [
    ["summary"],
    ["summary", "--format", "markdown", "--long"],
    ["summary", "--long"],
    ["export", "--format", "jsonl"],
    ["export", "--format", "csv"],
    ["export", "--format", "html"],
    ["targets"],
]


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    made = tmp_path_factory.mktemp("folders")
    return [bundled_timeline(), tricky(made / "tricky"), generated(made / "gen")]


@pytest.mark.parametrize("filters", FILTERS, ids=" ".join)
def test_the_index_answers_every_filter_as_memory_does(
    filters: list[str], folders: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in folders:
        for command in COMMANDS:
            args = [*command, "-t", str(folder), *filters]
            stored, loaded = both(capsys, *args)
            assert stored == loaded, args


@pytest.mark.parametrize("name", sorted(path.name for path in CORPUS.iterdir() if path.is_dir()))
def test_the_index_reports_what_a_load_reports(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for filters in ([], ["--search", "plan"], ["--kind", "plan", "--from", "2017"]):
        for command in (["summary"], ["export", "--format", "json"]):
            args = [*command, "-t", str(CORPUS / name), *filters]
            stored, loaded = both(capsys, *args)
            assert stored == loaded, args
