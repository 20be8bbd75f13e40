"""4. The file system: link loops, links out of the folder, FIFOs and unreadable folders
are problems, not hangs.

See README.md in this folder for the classes of issue 10.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policy_timeline.reading.loader import load_timeline

from .conftest import EVENT, run


def test_link_loops_outside_links_and_fifos_are_problems_not_hangs(timeline: Path) -> None:
    outside = timeline.parent / "outside"
    outside.mkdir()
    (outside / "o.yaml").write_text(EVENT.format(id="outside"))
    (timeline / "sub").mkdir()
    (timeline / "sub" / "up").symlink_to("..")
    (timeline / "l1.yaml").symlink_to("l2.yaml")
    (timeline / "l2.yaml").symlink_to("l1.yaml")
    (timeline / "out").symlink_to(outside)
    os.mkfifo(timeline / "x.yaml")
    # A fresh process, so that a hang fails the test instead of stopping the suite.
    result = subprocess.run(
        [sys.executable, "-m", "policy_timeline", "validate", "-t", str(timeline)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    output = result.stdout
    assert "sub/up: folder: symbolic link loop" in output
    assert "l1.yaml: file: symbolic link loop; not followed" in output
    assert "out: file: symbolic link leads outside the timeline folder" in output
    assert "x.yaml: file: not a regular file" in output
    assert "outside" not in load_timeline(timeline).timeline.by_id


def test_an_unreadable_folder_is_a_problem(timeline: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (timeline / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith("locked"):  # root reads any folder, so refuse it here
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    status, output = run("validate", "-t", str(timeline))
    assert status == 1 and "locked: folder: cannot read this folder: Permission denied" in output
