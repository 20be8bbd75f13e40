"""What the hostile tests share: the hostile timeline in this folder, a one-event timeline
to attack, and the commands a user might run on it.

A timeline from anyone cannot reach your terminal, your browser or your disk; each module
here is one class of issue 10 (see README.md).
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from policy_timeline.cli import main
from policy_timeline.render.export import FORMATS

HOSTILE = Path(__file__).parent
# What a terminal acts on instead of showing: ESC, BEL and the C1 controls (CSI, OSC...).
ACTIVE = re.compile("[\x07\x1b\x80-\x9f]")

EVENT = """id: {id}
date: 2017-12-13
title: A plan
kind: plan
issuers: [MIIT]
summary: Something happened.
sources: [{{title: s, publisher: p, date: 2017, url: "https://example.org/"}}]
"""


def run(*args: str) -> tuple[int, str]:
    """Runs a command in this process; stdout and stderr together."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue() + err.getvalue()


def every_command(folder: Path, event_id: str = "good") -> Iterator[tuple[str, int, str]]:
    """Each command a user might run on the folder, with its status and output."""
    base = ("-t", str(folder), "--no-cache")
    commands = [
        ("validate", *base),
        ("summary", *base),
        ("summary", "--long", *base),
        ("summary", "--long", "--format", "markdown", *base),
        ("show", event_id, *base),
        ("show", "--cite", event_id, *base),
    ]
    commands += [("targets", *base)]
    commands += [("export", "--format", name, *base) for name in FORMATS]
    for command in commands:
        status, output = run(*command)
        yield " ".join(command[:3]), status, output


@pytest.fixture
def timeline(tmp_path: Path) -> Path:
    """A valid one-event timeline, for each test to attack."""
    folder = tmp_path / "timeline"
    folder.mkdir()
    (folder / "a.yaml").write_text(EVENT.format(id="good"), encoding="utf-8")
    return folder
