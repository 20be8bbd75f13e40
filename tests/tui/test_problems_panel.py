"""Problems in the explorer: words that match what happened, going to the event, editing
the file at the line, and a file deleted while the explorer is open."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import OptionList

from policy_timeline.model.events import Timeline
from policy_timeline.reading.loader import TimelineLoader
from policy_timeline.reading.outcomes import describe, sort_out
from policy_timeline.tui.editor import editor_command, event_location
from policy_timeline.tui.screens import selected_event
from policy_timeline.tui.screens.main import MainScreen
from policy_timeline.tui.screens.panels import ProblemsPanel
from policy_timeline.tui.widgets.header import TimelineHeader

from .conftest import SMALL, MakeApp
from .test_themes_reload import wait_for

BOTH_SOURCES = True  # each test runs on the loaded timeline and on the index


@pytest.fixture
def folder(small_copy: Path) -> Path:
    """The small timeline, one event broken in a required field and one in an optional one."""
    copy = small_copy
    (copy / "2022-broken.yaml").write_text("id: broken\ndate: 2022-13\n")
    review = copy / "2020-port-review.yaml"
    review.write_text(review.read_text() + "status: [not, a, slug]\n")
    return copy


def test_the_words_say_which_events_are_left_out_and_which_are_shown(folder: Path) -> None:
    result = TimelineLoader(folder).load()
    outcomes = sort_out(result.problems, result.timeline)
    assert {problem.path.rsplit("/", 1)[-1] for problem in outcomes.left_out} == {
        "2022-broken.yaml"
    }
    assert {problem.path.rsplit("/", 1)[-1] for problem in outcomes.shown} == {
        "2020-port-review.yaml"
    }
    said = describe(result.problems, result.timeline)
    assert "events of 1 file left out;" in said
    assert "events of 1 file shown despite problems" in said


async def test_enter_goes_to_the_event_and_e_edits_at_the_line(
    make_app: MakeApp, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited: list[tuple[str, int]] = []
    monkeypatch.setattr(
        selected_event, "open_in_editor", lambda app, path, line: edited.append((path, line))
    )
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("p")
        panel = app.screen
        assert isinstance(panel, ProblemsPanel)
        prompts = [str(option.prompt) for option in panel.query_one(OptionList).options]
        assert prompts[0].startswith("Left out of the view")
        assert any(prompt.startswith("Shown despite problems") for prompt in prompts)
        first = prompts[1]
        await pilot.press("e")
        assert edited and edited[-1][0].endswith("2022-broken.yaml")
        assert f"2022-broken.yaml:{edited[-1][1]}:" in first
        shown_at = next(
            index
            for index, prompt in enumerate(prompts)
            if prompt.startswith("Shown despite problems")
        )
        left_out = shown_at - 1  # headings are skipped by the cursor
        await pilot.press("p", *["down"] * left_out, "enter")
        assert app.screen is screen and isinstance(screen, MainScreen)
        assert screen.current_id == "port-review-2020"
        await pilot.press("e")
        assert edited[-1][0].endswith("2020-port-review.yaml") and edited[-1][1] == 1


def test_the_editor_is_told_the_line_and_an_absolute_path(tmp_path: Path) -> None:
    assert editor_command("-rf.yaml", 7, {"EDITOR": "vim -u NONE"}) == [
        "vim",
        "-u",
        "NONE",
        "+7",
        str(Path("-rf.yaml").absolute()),
    ]
    visual = editor_command("a.yaml", 7, {"VISUAL": "code -w", "EDITOR": "vi"})
    assert visual is not None and visual[:2] == ["code", "-w"]
    assert editor_command("a.yaml", 7, {}) is None
    listed = tmp_path / "list.yaml"
    listed.write_text("# two events\n---\n- id: a\n  date: 2020\n- id: b\n  date: 2021\n")
    timeline = Timeline("t", tmp_path, [])
    second = replace(TimelineLoader(SMALL).load().timeline.events[0], file="list.yaml", index=1)
    assert event_location(timeline, second) == (str(listed), 5)


async def test_a_deleted_file_takes_its_events_away_and_dangling_links_warn(
    make_app: MakeApp, small_copy: Path
) -> None:
    folder = small_copy
    app = make_app(folder, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.pause(0.3)  # the watcher starts
        (folder / "2019-rail-plan.yaml").unlink()  # rail-plan-2021 builds on it
        await wait_for(lambda: len(screen.state.timeline.events) == 3)
        assert "rail-plan-2019" not in screen.state.timeline.by_id
        assert any("rail-plan-2019" in problem.message for problem in screen.problems)
        await pilot.pause()
        header = str(screen.query_one(TimelineHeader).render())
        assert "3 of 3 events" in header
        said = [str(notice.message) for notice in app._notifications]
        assert not any("Not reloaded" in str(notice.title) for notice in app._notifications)
        assert any("shown despite problems" in text for text in said)
