"""`new` scaffolds an event file that validates once its blanks are filled."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from interop_support import TRICKY
from jsonschema import Draft7Validator

from policy_timeline.cli import main
from policy_timeline.reading.loader import load_timeline
from policy_timeline.reading.yamlio import parse_yaml_bytes
from policy_timeline.render.schema import build_schema, schema_text, timeline_schema_text

ARGS = ("--id", "new-plan", "--date", "2021-03", "--title", 'A "quoted": title # not a comment')


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "timeline"
    shutil.copytree(TRICKY, target)
    return target


def new(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["new", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def fill_blanks(text: str) -> str:
    return (
        text.replace("kind:  #", "kind: plan  #")
        .replace("issuers: []", "issuers: [MIIT]")
        .replace('summary: ""', "summary: What the plan does.")
        .replace("  - title:\n", "  - title: The plan\n")
        .replace("    publisher:\n", "    publisher: MIIT\n")
        .replace("    date:\n", "    date: 2021-03-05\n")
    )


def test_new_file_validates_once_filled(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    status, out, err = new(capsys, "-t", str(folder), *ARGS)
    assert status == 0, err
    path = Path(out.strip())
    assert path == folder / "2021-new-plan.yaml"
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert load_timeline(folder).problems  # the blanks are still blank
    path.write_text(fill_blanks(text), "utf-8")
    result = load_timeline(folder)
    assert not result.problems, [problem.format() for problem in result.problems]
    event = result.timeline.by_id["new-plan"]
    assert event.title == 'A "quoted": title # not a comment'
    assert event.date.iso() == "2021-03"
    data = parse_yaml_bytes(path.read_bytes(), path.name).data
    assert not list(Draft7Validator(build_schema()).iter_errors(data))


def test_modeline_points_at_the_schema_in_the_folder(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    # The tricky folder's files carry no modeline: new writes the schemas beside them.
    assert not (folder / "event.schema.json").exists()
    _, out, _ = new(capsys, "-t", str(folder), *ARGS)
    path = Path(out.strip())
    reference = path.read_text("utf-8").splitlines()[0].split("$schema=")[1]
    assert reference == "event.schema.json"
    assert (path.parent / reference).read_text("utf-8") == schema_text()
    assert (folder / "timeline.schema.json").is_file()


def test_modeline_follows_the_neighbours(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    neighbour = folder / "2018-list.yaml"
    neighbour.write_text(
        "# yaml-language-server: $schema=https://example.org/s.json\n"
        + neighbour.read_text("utf-8"),
        "utf-8",
    )
    _, out, _ = new(capsys, "-t", str(folder), *ARGS)
    first = Path(out.strip()).read_text("utf-8").splitlines()[0]
    assert first.endswith("$schema=https://example.org/s.json")
    assert not (folder / "event.schema.json").exists()


def test_a_modeline_that_leads_nowhere_is_not_followed(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    # Files made by an older version point into a Python environment long gone.
    neighbour = folder / "2018-list.yaml"
    neighbour.write_text(
        "# yaml-language-server: $schema=../venv/lib/python3.11/site-packages"
        "/x/event.schema.json\n" + neighbour.read_text("utf-8"),
        "utf-8",
    )
    _, out, _ = new(capsys, "-t", str(folder), *ARGS)
    first = Path(out.strip()).read_text("utf-8").splitlines()[0]
    assert first.endswith("$schema=event.schema.json")
    assert (folder / "event.schema.json").is_file()


def test_schema_write_puts_both_schemas_in_the_folder(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    (folder / "event.schema.json").write_text("stale", "utf-8")
    assert main(["schema", "--write", "-t", str(folder)]) == 0
    assert capsys.readouterr().out.split() == [
        str(folder / "event.schema.json"),
        str(folder / "timeline.schema.json"),
    ]
    assert (folder / "event.schema.json").read_text("utf-8") == schema_text()
    assert (folder / "timeline.schema.json").read_text("utf-8") == timeline_schema_text()
    assert not load_timeline(folder).problems  # the loader reads only YAML
    assert main(["schema", "--write"]) == 2
    assert "-t DIR" in capsys.readouterr().err


def test_new_never_overwrites(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    existing = folder / "2021-new-plan.yaml"
    existing.write_text("mine\n", "utf-8")
    status, _, err = new(capsys, "-t", str(folder), *ARGS)
    assert status == 2 and "already exists" in err
    assert existing.read_text("utf-8") == "mine\n"


def test_new_refuses_an_id_already_used(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    status, _, err = new(
        capsys, "-t", str(folder), "--id", "leap-day", "--date", "2020", "--title", "Again"
    )
    assert status == 2 and "already used" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--id", "Bad Id", "--date", "2020", "--title", "T"), "is not a slug"),
        (("--id", "ok", "--date", "2020-13", "--title", "T"), "month 13"),
        (("--id", "ok", "--date", "2020", "--title", "a\x1bb"), "control characters"),
        (("--id", "ok", "--date", "2020"), "give --title"),
    ],
)
def test_new_rejects_bad_values(
    capsys: pytest.CaptureFixture[str], folder: Path, args: tuple[str, ...], message: str
) -> None:
    before = sorted(folder.iterdir())
    status, _, err = new(capsys, "-t", str(folder), *args)
    assert status == 2 and message in err
    assert sorted(folder.iterdir()) == before


def test_new_needs_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = new(capsys, *ARGS)
    assert status == 2 and "-t DIR" in err


def test_missing_values_are_asked_for_with_a_suggested_id() -> None:
    from policy_timeline.authoring.scaffold import gather

    answers = iter(["Made in Somewhere 2030", "2030-01", ""])
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    new_event = gather(None, None, None, ask)
    assert asked[-1] == "Id [made-in-somewhere-2030]: "
    assert (new_event.id, new_event.date.iso(), new_event.title) == (
        "made-in-somewhere-2030",
        "2030-01",
        "Made in Somewhere 2030",
    )
