"""Exports are the same bytes on every run, and the export path never loads Textual."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from interop_support import TRICKY

from policy_timeline.render.export import FORMATS


def export(fmt: str, seed: str, *extra: str) -> subprocess.CompletedProcess[bytes]:
    # Different hash seeds shake out any order that comes from a set or a dict of sets.
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-m", "policy_timeline", "export", "--format", fmt, *extra],
        capture_output=True,
        env=env,
        timeout=60,
        check=True,
    )


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("folder", [None, TRICKY], ids=["bundled", "tricky"])
def test_two_runs_give_the_same_bytes(fmt: str, folder: Path | None) -> None:
    extra = ("-t", str(folder)) if folder else ()
    first = export(fmt, "1", *extra).stdout
    second = export(fmt, "2", *extra).stdout
    assert first and first == second


def test_output_file_matches_standard_output(tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    written = export("ics", "3", "-o", str(target))
    count = len(json.loads(export("json", "3").stdout)["events"])
    assert f"wrote {count} events".encode() in written.stderr
    assert target.read_bytes() == export("ics", "3").stdout


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--format", "timelinejs"],
        ["export", "--format", "ics"],
        ["schema"],
        ["show", "made-in-china-2025"],
        ["show", "--cite", "made-in-china-2025"],
        ["summary"],
        ["targets"],
        ["targets", "--format", "csv"],
    ],
)
def test_command_line_paths_do_not_import_textual(command: list[str]) -> None:
    code = (
        "import sys, contextlib, io\n"
        "from policy_timeline.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = main({command!r})\n"
        "assert status == 0, status\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
