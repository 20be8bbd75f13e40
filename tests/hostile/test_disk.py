"""3. -o never destroys anything.

See README.md in this folder for the classes of issue 10.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from policy_timeline.reading.loader import load_timeline

from .conftest import run


def export_to(folder: Path, output: Path) -> tuple[int, str]:
    return run("export", "--format", "csv", "-t", str(folder), "-o", str(output))


def test_o_refuses_the_timelines_own_files_even_through_links(timeline: Path) -> None:
    own = timeline / "a.yaml"
    before = own.read_bytes()
    link = timeline.parent / "link.csv"
    link.symlink_to(own)
    for target in (own, link, timeline / "new.yaml"):
        status, output = export_to(timeline, target)
        assert status == 2 and "refusing to write" in output, target
    assert own.read_bytes() == before and link.is_symlink()


def test_o_refuses_folders_fifos_read_only_files_and_hard_links(timeline: Path) -> None:
    fifo = timeline.parent / "pipe.csv"
    os.mkfifo(fifo)
    read_only = timeline.parent / "kept.csv"
    read_only.write_text("keep")
    read_only.chmod(0o444)
    linked = timeline.parent / "linked.csv"
    linked.write_text("keep")
    os.link(linked, timeline.parent / "other-name.csv")
    for target, reason in (
        (timeline.parent, "folder"),
        (fifo, "not a regular file"),
        (read_only, "read-only"),
        (linked, "hard links"),
        (Path("/dev/null"), "not a regular file"),
    ):
        status, output = export_to(timeline, target)
        assert status == 2 and reason in output, target
    assert read_only.read_text() == "keep" and linked.read_text() == "keep"


def test_o_writes_through_a_symlink_and_keeps_it(timeline: Path) -> None:
    target = timeline.parent / "real.csv"
    target.write_text("old")
    link = timeline.parent / "link.csv"
    link.symlink_to(target)
    assert export_to(timeline, link)[0] == 0
    assert link.is_symlink() and "id,date," in target.read_text()


def test_a_full_disk_leaves_no_temporary_file(
    timeline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = timeline.parent / "out" / "events.csv"
    output.parent.mkdir()
    output.write_text("old")
    real_write = os.write

    def full(handle: int, data: object) -> int:
        real_write(handle, bytes(data)[:10])  # type: ignore[call-overload]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    status, message = export_to(timeline, output)
    assert status == 2 and "No space left on device" in message
    assert sorted(path.name for path in output.parent.iterdir()) == ["events.csv"]
    assert output.read_text() == "old"


def test_a_failed_cache_write_leaves_no_temporary_file(
    timeline: Path, private_cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(handle: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    assert load_timeline(timeline, cache=True).timeline.events
    assert [path.name for path in private_cache_dir.iterdir() if path.name.endswith(".tmp")] == []
