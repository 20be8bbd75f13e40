"""The index's cross-file problems, kept up to date a write at a time, are those
a full check makes: the same problems, in the same order, in the same words."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from policy_timeline.model.problems import HintBudget, Problem
from policy_timeline.query import store_across
from policy_timeline.query.store import name_bytes, refresh
from policy_timeline.reading.across import check_across_files
from policy_timeline.reading.discover import find_files
from policy_timeline.reading.file_reader import read_files
from policy_timeline.reading.loader import load_meta, load_timeline
from store_support import event

# Few ids, some alike (for hints) and some spelt alike but for case (whose hint
# depends on which of them is first used): duplicates and dangling links abound.
IDS = ["alpha", "Alpha", "alpah", "beta", "bet", "gamma", "delta", "deltas", "zeta", "ALPHA"]
FILES = ["a.yaml", "b.yaml", "sub/c.yaml", "sub/d/e.yaml", "single.yaml", "z.yaml"]
Timeline = dict[str, list[tuple[str, list[str]]]]


def write(root: Path, relative: str, events: list[tuple[str, list[str]]]) -> None:
    path = root / relative
    if not events:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(
        event(event_id, related=", ".join(f"{{id: {t}, relation: builds-on}}" for t in links))
        for event_id, links in events
    )
    if relative.startswith("single") and len(events) == 1:  # one event, not a list
        text = "\n".join(line[2:] for line in text.splitlines())
    path.write_text(text)


def edit(rng: random.Random, timeline: Timeline) -> str:
    """One random edit of the timeline; returns the file it changed."""
    relative = rng.choice(FILES)
    events = timeline.setdefault(relative, [])
    what = rng.choice(["add", "add", "remove", "rename", "link", "unlink", "delete"])
    if what == "add" or not events:
        links = rng.sample(IDS + ["nowhere"], rng.randint(0, 2))
        events.insert(rng.randint(0, len(events)), (rng.choice(IDS), links))
    elif what == "remove":
        events.pop(rng.randrange(len(events)))
    elif what == "rename":
        at = rng.randrange(len(events))
        events[at] = (rng.choice(IDS), events[at][1])
    elif what == "link":
        at = rng.randrange(len(events))
        events[at][1].insert(rng.randint(0, len(events[at][1])), rng.choice(IDS + ["elsewhere"]))
    elif what == "unlink" and any(links for _, links in events):
        _, links = rng.choice([e for e in events if e[1]])
        links.pop(rng.randrange(len(links)))
    else:
        events.clear()
    return relative


def across_problems(root: Path) -> tuple[list[Problem], list[Problem]]:
    """What the index holds, in its order, and all problems as a warm open reports them."""
    refreshed = refresh(root)
    assert refreshed is not None
    displays = {name_bytes(file.relative): file.display for file in refreshed.found.files}
    with refreshed.connection:
        stored = store_across.stored(refreshed.connection, displays)
    refreshed.connection.close()
    return stored, refreshed.problems


def checked_in_memory(root: Path) -> list[Problem]:
    """``check_across_files`` over the files read here, as a load runs it."""
    found = find_files(root)
    meta, _ = load_meta(found.meta, [])
    read = read_files(found.files, meta)
    results = dict(zip((f.relative for f in found.files), read, strict=True))
    events = [
        (relative, prefix, event)
        for relative, result in results.items()
        for event, prefix in zip(result.events, result.prefixes, strict=True)
    ]
    return check_across_files(
        ((relative, prefix, event.id) for relative, prefix, event in events),
        lambda: (
            (relative, prefix, number, link.id)
            for relative, prefix, event in events
            for number, link in enumerate(event.related)
        ),
        {file.relative: file.display for file in found.files},
        {file.relative: file.path for file in found.files},
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_edits_keep_the_cross_file_problems_of_a_full_check(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A budget of 30 comparisons: with up to ten ids, some links get a hint
    # and the ones after them none, as in a large timeline.
    monkeypatch.setattr(HintBudget.__init__, "__defaults__", (30,))
    rng = random.Random(seed)
    root = tmp_path / "timeline"
    root.mkdir()
    timeline: Timeline = {}
    for relative in FILES[:3]:
        timeline[relative] = [(rng.choice(IDS), rng.sample(IDS, 1)) for _ in range(3)]
        write(root, relative, timeline[relative])
    incremental = tmp_path / "incremental"
    monkeypatch.setenv("POLICY_TIMELINE_CACHE_DIR", str(incremental))
    across_problems(root)
    seen_hint = seen_duplicate = 0
    for step in range(40):
        changed = edit(rng, timeline)
        write(root, changed, timeline[changed])
        if rng.random() < 0.3:  # sometimes two files in one write
            changed = edit(rng, timeline)
            write(root, changed, timeline[changed])
        monkeypatch.setenv("POLICY_TIMELINE_CACHE_DIR", str(incremental))
        stored, problems = across_problems(root)
        monkeypatch.setenv("POLICY_TIMELINE_CACHE_DIR", str(tmp_path / f"full-{step}"))
        assert across_problems(root)[0] == stored, f"step {step}"
        assert stored == checked_in_memory(root), f"step {step}"
        assert problems == load_timeline(root).problems, f"step {step}"
        seen_hint += any("did you mean" in p.message for p in stored)
        seen_duplicate += any("duplicate id" in p.message for p in stored)
    assert seen_hint and seen_duplicate  # the edits made both kinds of problem


def test_a_write_looks_up_only_the_ids_and_links_it_touched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every statement of an update's check searches an index; none reads every
    row of the events, the links or the problems (beyond the bounded count of
    ids that decides whether hints are given at all)."""
    monkeypatch.setattr(HintBudget.__init__, "__defaults__", (3,))  # too many ids for hints
    root = tmp_path / "timeline"
    root.mkdir()
    for number in range(5):
        write(root, f"f{number}.yaml", [(f"e{number}", [f"e{number + 1}"])] * 2)
    refreshed = refresh(root)
    assert refreshed is not None
    refreshed.connection.close()
    statements: list[str] = []
    recheck = store_across.recheck

    def traced(connection: sqlite3.Connection, *args: Any, **kwargs: Any) -> None:
        connection.set_trace_callback(statements.append)
        recheck(connection, *args, **kwargs)
        connection.set_trace_callback(None)

    monkeypatch.setattr(store_across, "recheck", traced)
    write(root, "f2.yaml", [("renamed", ["e3"])])
    refreshed = refresh(root)
    assert refreshed is not None
    messages = sorted(problem.message for problem in refreshed.problems)
    assert refreshed.problems == load_timeline(root).problems
    assert [m for m in messages if "no event" in m] == ["no event has the id 'e2'"] * 2 + [
        "no event has the id 'e5'"
    ] * 2
    scans = [
        (statement, step)
        for statement in statements
        if statement.split()[0] in {"SELECT", "DELETE", "UPDATE"} and "temp." not in statement
        for *_, step in refreshed.connection.execute(f"EXPLAIN QUERY PLAN {statement}")
        if step.startswith("SCAN") and "across_hinted" not in step and "LIMIT" not in statement
    ]
    refreshed.connection.close()
    assert len(statements) > 5 and not scans
