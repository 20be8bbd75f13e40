"""The CLI over the bundled timeline, used as a reader would use it."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from conftest import Runner
from policy_timeline.cli import main

ACTION_PLAN = "Additive Manufacturing Industry Development Action Plan (2017-2020)"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def exported(capsys: pytest.CaptureFixture[str], *filters: str) -> list[dict[str, object]]:
    status, out, _ = run(capsys, "export", "--format", "json", *filters)
    assert status == 0
    events: list[dict[str, object]] = json.loads(out)["events"]
    return events


def test_bundled_timeline_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "validate")
    assert status == 0
    assert "valid:" in out and "events in" in out


def test_summary_lists_events_grouped_by_year(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "summary")
    assert status == 0
    lines = out.splitlines()
    years = [line for line in lines if line.strip().isdigit()]
    assert years == sorted(years) and "2017" in years and "2026" in years
    plan_line = next(line for line in lines if ACTION_PLAN in line)
    assert "13 Dec 2017" in plan_line and "MIIT" in plan_line and "action-plan" in plan_line
    assert lines.index("2017") < lines.index(plan_line) < lines.index("2020")


def test_long_summary_adds_summary_targets_sources_and_links(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "summary", "--long", "--kind", "action-plan")
    assert status == 0
    assert "> CNY 20 billion by 2020" in out
    assert ">= 30% by 2020" in out
    assert "[1] " in out and "3ders.org" in out
    assert "builds on: National Plan for the Development of Additive Manufacturing" in out


def test_markdown_summary(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "summary", "--format", "markdown", "--search", "additive")
    assert status == 0
    assert out.startswith("# ")
    assert "## 2017" in out
    assert f"**13 Dec 2017 – 2020** · action-plan · MIIT — {ACTION_PLAN}" in out


def test_sector_filter_keeps_only_that_sector(capsys: pytest.CaptureFixture[str]) -> None:
    every = exported(capsys)
    some = exported(capsys, "--sector", "additive-manufacturing")
    assert 0 < len(some) < len(every)

    def sectors(event: dict[str, object]) -> list[object]:
        found = event.get("sectors", [])
        assert isinstance(found, list)
        return found

    assert all("additive-manufacturing" in sectors(event) for event in some)
    expected = [event["id"] for event in every if "additive-manufacturing" in sectors(event)]
    assert [event["id"] for event in some] == expected


def test_values_or_within_a_facet_and_across_facets(capsys: pytest.CaptureFixture[str]) -> None:
    one = exported(capsys, "--sector", "additive-manufacturing")
    two = exported(capsys, "--sector", "additive-manufacturing", "--sector", "consumer-goods")
    assert {e["id"] for e in one} < {e["id"] for e in two}
    both = exported(capsys, "--sector", "additive-manufacturing", "--issuer", "miit")
    assert both and all("MIIT" in event["issuers"] for event in both)  # type: ignore[operator]
    assert {e["id"] for e in both} <= {e["id"] for e in one}


def test_kind_and_date_range(capsys: pytest.CaptureFixture[str]) -> None:
    plans = exported(capsys, "--kind", "action-plan")
    assert {event["id"] for event in plans} == {
        "am-action-plan-2017-2020",
        "ndrc-manufacturing-core-competence-plan-2018-2020",
    }
    in_2017 = exported(capsys, "--from", "2017", "--to", "2017")
    ids = {event["id"] for event in in_2017}
    assert "mic2025-implementation-review" in ids
    # Periods overlap the range: Made in China 2025 runs to 2025.
    assert "made-in-china-2025" in ids
    assert "maker-china-am-competition" not in ids
    late = exported(capsys, "--from", "2021")
    assert {"made-in-china-2025", "maker-china-am-competition"} <= {event["id"] for event in late}
    assert all(str(event.get("end") or event["date"]) >= "2021" for event in late)
    assert len(late) < len(exported(capsys))


def test_search_is_case_insensitive_over_title_summary_and_highlights(
    capsys: pytest.CaptureFixture[str],
) -> None:
    found = exported(capsys, "--search", "MAKER china")
    assert "maker-china-am-competition" in {event["id"] for event in found}
    for event in found:  # every word of the search, anywhere in the event's text
        highlights = event.get("highlights", [])
        assert isinstance(highlights, list)
        text = " ".join(
            [str(event["id"]), str(event["title"]), str(event["summary"]), *highlights]
        ).lower()
        assert "maker" in text and "china" in text
    assert exported(capsys, "--search", "no-such-word-anywhere") == []


def test_export_json_uses_yaml_names_and_partial_dates(capsys: pytest.CaptureFixture[str]) -> None:
    events = {event["id"]: event for event in exported(capsys)}
    plan = events["am-action-plan-2017-2020"]
    assert plan["date"] == "2017-12-13" and plan["end"] == "2020"
    assert plan["title"] == ACTION_PLAN
    assert {"id": "am-national-plan-2015-2016", "relation": "builds-on"} in plan["related"]  # type: ignore[operator]
    targets = plan["targets"]
    assert {
        "metric": "annual sales revenue of the additive manufacturing industry",
        "value": 20,
        "unit": "CNY billion",
        "comparator": ">",
        "deadline": "2020",
    }.items() <= targets[0].items()  # type: ignore[index]
    assert events["am-national-plan-2015-2016"]["date"] == "2015-02"
    review = events["mic2025-implementation-review"]
    assert (review["date"], review["published"]) == ("2017-03-11", "2017-03-14")
    competition = events["maker-china-am-competition"]
    assert (competition["date"], competition["end"]) == ("2026-04-22", "2026-06-30")


def test_export_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, stdout_json, _ = run(capsys, "export", "--format", "json")
    target = tmp_path / "out.json"
    status, out, err = run(capsys, "export", "--format", "json", "-o", str(target))
    assert status == 0 and out == ""
    assert target.read_text(encoding="utf-8") == stdout_json
    assert "wrote" in err
    assert [path.name for path in tmp_path.iterdir()] == ["out.json"]


def test_export_into_a_missing_folder_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _out, err = run(
        capsys, "export", "--format", "json", "-o", str(tmp_path / "no" / "out.json")
    )
    assert status == 2
    assert err.startswith("policy-timeline: error: cannot write")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["summary", "--sector", "additive-manufactring"], "did you mean 'additive-manufacturing'"),
        (["summary", "--from", "2017-02-30"], "--from: day 30 is out of range"),
        (["export", "--format", "jsn"], "did you mean 'json'"),
        (["validate", "-t", "/no/such/folder"], "timeline folder not found: /no/such/folder"),
    ],
)
def test_usage_errors_exit_2_with_one_clear_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    status, _out, err = run(capsys, *args)
    assert status == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_validate_reports_a_broken_file_with_line(run_cli: Runner, tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: x\ndate: 2017-02-30\ntitle: [unclosed\n")
    result = run_cli("validate", "--timeline", str(tmp_path))
    assert result.returncode == 1
    assert "broken.yaml:4:1: yaml:" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_piped_summary_is_plain_text_and_never_imports_textual(run_cli: Runner) -> None:
    code = (
        "import sys; from policy_timeline.cli import main; main(['summary', '--long']); "
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    import subprocess

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout
    assert ACTION_PLAN in result.stdout


def test_colour_on_a_terminal_unless_no_color(run_cli: Runner) -> None:
    env = {**os.environ, "FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"}
    env.pop("NO_COLOR", None)
    coloured = run_cli("summary", env=env)
    assert "\x1b[" in coloured.stdout
    plain = run_cli("summary", env={**env, "NO_COLOR": "1"})
    assert "\x1b[3" not in plain.stdout


def test_text_from_yaml_is_never_markup(tmp_path: Path, run_cli: Runner) -> None:
    (tmp_path / "a.yaml").write_text(
        "id: a\ndate: 2017\ntitle: '[bold red]loud[/] :smile: plan'\nkind: plan\n"
        "issuers: ['[link=http://evil]x[/link]']\n"
        "summary: 'Beware [blink]this[/blink]'\n"
        "sources: [{title: s, publisher: p, date: 2017}]\n",
        encoding="utf-8",
    )
    env = {**os.environ, "FORCE_COLOR": "1"}
    result = run_cli("summary", "--long", "-t", str(tmp_path), env=env)
    assert "[bold red]loud[/] :smile: plan" in result.stdout
    assert "[link=http://evil]x[/link]" in result.stdout
    assert "Beware [blink]this[/blink]" in result.stdout
    markdown = run_cli("summary", "--format", "markdown", "--long", "-t", str(tmp_path))
    assert r"\[bold red\]loud\[/\]" in markdown.stdout


def test_control_codes_never_reach_the_terminal(tmp_path: Path) -> None:
    """The validator refuses control characters; the renderers strip them regardless."""
    from rich.console import Console

    from policy_timeline.model.dates import PartialDate
    from policy_timeline.model.events import Event, Source, Timeline
    from policy_timeline.query.index import Filter
    from policy_timeline.render.summary import render_markdown, render_summary

    hostile = "\x1b]8;;http://evil\x1b\\click\x1b[2J\x07"
    event = Event(
        id="a",
        date=PartialDate(2017),
        title=hostile,
        kind="plan",
        issuers=(hostile,),
        summary=hostile,
        sources=(Source(hostile, hostile, PartialDate(2017), note=hostile),),
    )
    timeline = Timeline(name=hostile, root=tmp_path, events=[event])
    console = Console(force_terminal=True, width=100)
    with console.capture() as captured:
        console.print(render_summary(timeline, [event], Filter(), long=True))
    text = captured.get()
    assert "\x1b]" not in text and "\x1b[2J" not in text and "\x07" not in text
    assert "click" in text
    markdown = render_markdown(timeline, [event], Filter(), long=True)
    assert "\x1b" not in markdown and "\x07" not in markdown


def test_version_and_module_entry_point(run_cli: Runner) -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("policy-timeline ")


def test_runs_from_any_directory_on_the_bundled_timeline(run_cli: Runner, tmp_path: Path) -> None:
    """After `pip install .` the bundled timeline ships inside the package."""
    result = run_cli("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    from policy_timeline.paths import bundled_timeline

    assert (bundled_timeline() / "_timeline.yaml").is_file()
