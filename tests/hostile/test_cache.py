"""6. The cache is never more trusted than the files.

See README.md in this folder for the classes of issue 10.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from policy_timeline.reading.loader import TimelineLoader, load_timeline

from .conftest import EVENT


def test_changed_content_with_size_and_mtime_restored_is_reread(timeline: Path) -> None:
    path = timeline / "a.yaml"
    an_hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(path, ns=(an_hour_ago, an_hour_ago))  # an mtime too old to be in doubt
    load_timeline(timeline, cache=True)
    status = path.stat()
    path.write_text(EVENT.format(id="good").replace("A plan", "B plan"), encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))  # as cp -p, tar, rsync -a
    assert path.stat().st_size == status.st_size
    assert load_timeline(timeline, cache=True).timeline.by_id["good"].title == "B plan"


def test_a_stamp_that_cannot_tell_is_settled_by_the_digest(
    timeline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import policy_timeline.reading.discover as discover

    # A file system whose stamps say nothing but size and mtime (ctime and inode lost).
    monkeypatch.setattr(discover, "stamp_of", lambda stat: (stat.st_size, stat.st_mtime_ns, 0, 0))
    path = timeline / "a.yaml"
    loader = TimelineLoader(timeline)
    loader.load()
    status = path.stat()
    path.write_text(EVENT.format(id="good").replace("A plan", "B plan"), encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert loader.load().timeline.by_id["good"].title == "B plan"
    assert load_timeline(timeline, cache=True).timeline.by_id["good"].title == "B plan"


@pytest.mark.parametrize("damage", ["garbage", "flipped", "planted", "fifo", "folder"])
def test_hostile_cache_bytes_are_a_miss(timeline: Path, damage: str) -> None:
    import msgspec

    from policy_timeline.reading.cache import DiskCache

    load_timeline(timeline, cache=True)
    cache = DiskCache.for_timeline(timeline)
    raw = cache.path.read_bytes()
    cache.path.unlink()
    if damage == "garbage":
        cache.path.write_bytes(b"\x00" * 100)
    elif damage == "flipped":
        cache.path.write_bytes(raw[:-5] + bytes([raw[-5] ^ 1]) + raw[-4:])
    elif damage == "planted":
        payload = raw[8 + 32 :].replace(b"A plan", b"\x1b[2J!!")
        document = msgspec.msgpack.decode(payload)
        cache.path.write_bytes(raw[:8] + b"\x00" * 32 + msgspec.msgpack.encode(document))
    elif damage == "fifo":
        os.mkfifo(cache.path)
    else:
        cache.path.mkdir()
    result = load_timeline(timeline, cache=True)
    assert result.reread == 1
    assert result.timeline.by_id["good"].title == "A plan"
