"""Every broken timeline in tests/corpus reports exactly the problems it must."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_timeline.cli import main

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(path.name for path in CORPUS.iterdir() if path.is_dir())


@pytest.mark.parametrize("case", CASES)
def test_validate_reports_exactly_the_expected_problems(
    case: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = CORPUS / case
    monkeypatch.chdir(folder)
    status = main(["validate", "-t", "."])
    output = capsys.readouterr().out
    assert output == (folder / "expected.txt").read_text(encoding="utf-8")
    assert status == (0 if case == "valid" else 1)


def test_every_problem_line_names_file_line_and_field() -> None:
    for case in CASES:
        lines = (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines()
        for line in lines[:-1]:
            where, field, message = line.split(": ", 2)
            if case == "empty-folder":
                continue
            path, row, col = where.rsplit(":", 2)
            assert path.endswith((".yaml", ".yml")), line
            assert int(row) >= 1 and int(col) >= 1, line
            assert field and message, line


def test_problem_classes_are_all_covered() -> None:
    """The foundation issue lists these problem classes; each must have a case."""
    wanted = {
        "yaml-syntax",
        "top-level-shape",
        "missing-fields",
        "wrong-types",
        "unknown-keys",
        "bad-dates",
        "end-before-date",
        "bad-ids",
        "bad-links",
        "not-utf8",
        "empty-folder",
        "hostile-tags",
        "alias-bomb",
        "deep-nesting",
        "vocabulary",
        "valid",
    }
    assert wanted <= set(CASES)
