"""The explorer from the index reads the events a frame shows, not a run of ranks per line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from policy_timeline.query.store_view import StoreView
from policy_timeline.tui.screens.main import MainScreen
from store_support import generated

from .conftest import MakeApp


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many events each read from the index decodes, in turn."""
    counts: list[int] = []
    decode = StoreView.decode

    def counted(view: StoreView, ranks: Sequence[int]) -> list[object]:
        counts.append(len(ranks))
        return list(decode(view, ranks))

    monkeypatch.setattr(StoreView, "decode", counted)
    return counts


@pytest.mark.parametrize("make_app", ["index"], indirect=True)
@pytest.mark.parametrize("view", ["1", "2"], ids=["list", "periods"])
async def test_a_filtered_view_decodes_the_events_in_sight_in_one_read(
    make_app: MakeApp, tmp_path: Path, reads: list[int], view: str
) -> None:
    app = make_app(generated(tmp_path / "timeline", 600))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press(view, "s", "down")
        await pilot.pause(0.1)
        reads.clear()
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert screen.state.filter.sectors
        in_sight = screen.view_widget.scrollable_content_region.height
        # A sector's events lie ranks apart, in the list as in a lane: reading
        # ahead from each line decoded a run of 64 ranks for each few lines, most
        # of them filtered out.
        assert sum(reads) <= in_sight, reads
        assert len(reads) <= 2, reads  # the lines in sight, and the detail's event
