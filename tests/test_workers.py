"""A cold load read in worker processes says exactly what a load in one process says."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from policy_timeline.cli import main
from policy_timeline.reading import workers
from policy_timeline.reading.loader import load_timeline
from policy_timeline.reading.workers import WORKERS_VARIABLE, chunked, worker_count

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(path.name for path in CORPUS.iterdir() if path.is_dir())

EVENT = """id: {id}
date: 2017-{month:02d}-13
title: Event {number}
kind: plan
issuers: [MIIT]
summary: Something happened.
sources: [{{title: s, publisher: p, date: 2017}}]
related: [{{id: {link}, relation: builds-on}}]
"""


@pytest.mark.parametrize("case", CASES)
def test_every_corpus_case_reports_the_same_in_workers(
    case: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = CORPUS / case
    monkeypatch.chdir(folder)
    monkeypatch.setenv(WORKERS_VARIABLE, "2")
    status = main(["validate", "-t", ".", "--no-cache"])
    assert capsys.readouterr().out == (folder / "expected.txt").read_text(encoding="utf-8")
    assert status == (0 if case == "valid" else 1)


@pytest.fixture
def many_files(tmp_path: Path) -> Path:
    """Enough files to make many chunks, with problems whose wording depends on
    the order files are read in: ids used twice across chunks, links to nowhere."""
    root = tmp_path / "timeline"
    for number in range(90):
        folder = root / f"{2000 + number % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        event_id = f"e{number % 80}"  # ten ids come back in later files
        link = f"e{number - 1}" if number % 11 else "nowhere"
        text = EVENT.format(id=event_id, month=number % 12 + 1, number=number, link=link)
        if number % 17 == 0:
            text = text.replace("kind: plan", "kind: [plan]")
        (folder / f"f{number:03d}.yaml").write_text(text, encoding="utf-8")
    (root / "2001" / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    return root


def test_workers_give_the_same_events_and_problems(
    many_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(WORKERS_VARIABLE, "0")
    here = load_timeline(many_files)
    monkeypatch.setenv(WORKERS_VARIABLE, "3")
    spread = load_timeline(many_files)
    assert len(here.problems) > 15  # the fixture's problems are all there
    assert [p.format() for p in spread.problems] == [p.format() for p in here.problems]
    assert spread.timeline.events == here.timeline.events
    assert (spread.files, spread.reread) == (here.files, here.reread)


def test_a_cache_filled_by_workers_serves_the_next_load(
    many_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(WORKERS_VARIABLE, "2")
    first = load_timeline(many_files, cache=True)
    second = load_timeline(many_files, cache=True)
    assert (first.reread, second.reread) == (91, 0)
    assert second.timeline.events == first.timeline.events
    assert second.problems == first.problems


def test_a_pool_that_cannot_start_leaves_the_load_whole(
    many_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(WORKERS_VARIABLE, "0")
    here = load_timeline(many_files)

    class NoProcesses:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise OSError("no semaphores here")

    monkeypatch.setattr(workers, "ProcessPoolExecutor", NoProcesses)
    monkeypatch.setenv(WORKERS_VARIABLE, "2")
    spread = load_timeline(many_files)
    assert spread.problems == here.problems
    assert spread.timeline.events == here.timeline.events


def test_chunks_are_consecutive_runs_of_about_equal_size() -> None:
    items = list(range(100))
    sizes = [10] * 50 + [1] * 50
    chunks = chunked(items, sizes, 2)
    assert [item for chunk in chunks for item in chunk] == items
    assert len(chunks) == 2 * workers.CHUNKS_PER_WORKER
    totals = [sum(sizes[item] for item in chunk) for chunk in chunks]
    assert max(totals) <= 2 * min(totals)
    assert chunked([], [], 2) == []
    assert chunked(items[:1], sizes[:1], 2) == [[0]]


def test_no_chunk_is_much_larger_than_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "MAX_CHUNK_BYTES", 100)
    sizes = [7] * 1000
    chunks = chunked(list(range(1000)), sizes, 2)
    assert max(len(chunk) * 7 for chunk in chunks) <= 107
    assert sum(len(chunk) for chunk in chunks) == 1000


def test_small_loads_stay_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(WORKERS_VARIABLE, raising=False)
    monkeypatch.setattr(workers, "_usable_cores", lambda: 8)
    assert worker_count(workers.MIN_BYTES - 1) == 0
    assert worker_count(workers.MIN_BYTES) == 8


def test_no_fork_while_another_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(WORKERS_VARIABLE, "2")
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert worker_count(10**9) == 0
    finally:
        release.set()
        thread.join()
    assert worker_count(10**9) == 2


def test_workers_take_their_chunks_from_the_fork_not_a_pipe() -> None:
    """Only two numbers go to a worker per chunk: what it works on is inherited
    when the pool forks, so nothing of it is pickled (a lambda cannot be)."""
    import os

    chunks: list[Sequence[int]] = [[1, 2], [3], [4, 5, 6]]
    double = lambda number: number * 2  # noqa: E731 (unpicklable on purpose)

    def job(chunk: Sequence[int], shared: Callable[[int], int]) -> bytes:
        return json.dumps([[shared(number), os.getpid()] for number in chunk]).encode()

    def decode(encoded: bytes) -> list[list[int]]:
        return list(json.loads(encoded))

    results = list(workers.map_chunks(job, chunks, double, decode, 2))
    assert [value for value, _ in results] == [2, 4, 6, 8, 10, 12]
    assert all(pid != os.getpid() for _, pid in results)
    assert not workers._INHERITED  # nothing left behind for the next load
