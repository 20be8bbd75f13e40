"""Middle and full garbage collections wait for a pause in the keys (tui/collector.py)."""

from __future__ import annotations

import gc
import time

import pytest

from policy_timeline.tui import collector
from policy_timeline.tui.collector import IdleCollector

from .conftest import MakeApp


def test_a_full_collection_runs_once_the_keys_have_stopped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [100.0]
    collections: list[int] = []

    def collect() -> int:
        collections.append(1)
        return 0

    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    monkeypatch.setattr(gc, "collect", collect)
    idle = IdleCollector()
    idle.tick()
    assert collections == [], "no keys since the last collection: nothing to collect"
    idle.key_pressed()
    now[0] += collector.QUIET_SECONDS / 2
    idle.tick()
    assert collections == [], "keys still coming: the collection would land on one"
    now[0] += collector.QUIET_SECONDS
    idle.tick()
    idle.tick()
    assert collections == [1], "one collection once the keys stopped, not one a tick"


async def test_the_explorer_makes_young_middle_and_full_collections_rarer_while_it_runs(
    make_app: MakeApp,
) -> None:
    before = gc.get_threshold()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert gc.get_threshold() == (
            collector.YOUNG_COLLECTION_AFTER,
            collector.RARE_MIDDLE_COLLECTIONS,
            collector.RARE_FULL_COLLECTIONS,
        )
        await pilot.press("j")
        assert app._collector._keys_since_collection
    assert gc.get_threshold() == before
