"""The load cache: reuse unchanged files, reread changed ones, survive any damage."""

from __future__ import annotations

import os
import shutil
import types
from pathlib import Path

import pytest

from policy_timeline.reading.cache import DiskCache
from policy_timeline.reading.loader import TimelineLoader, load_timeline

EVENT = """id: {id}
date: 2017-12-13
title: {title}
kind: plan
issuers: [MIIT]
summary: Something happened.
sources: [{{title: s, publisher: p, date: 2017}}]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "timeline"
    root.mkdir()
    for number in range(5):
        (root / f"e{number}.yaml").write_text(EVENT.format(id=f"e{number}", title=f"T{number}"))
    return root


def touch_with(path: Path, text: str) -> None:
    stat = path.stat()
    path.write_text(text)
    # Coarse file-system clocks could leave the mtime unchanged; move it on.
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_a_second_load_reads_nothing_and_gives_the_same_timeline(folder: Path) -> None:
    first = load_timeline(folder, cache=True)
    second = load_timeline(folder, cache=True)
    assert first.reread == 5 and second.reread == 0
    assert second.timeline.events == first.timeline.events


def test_only_changed_files_are_reread(folder: Path) -> None:
    load_timeline(folder, cache=True)
    touch_with(folder / "e2.yaml", EVENT.format(id="e2", title="Changed"))
    result = load_timeline(folder, cache=True)
    assert result.reread == 1
    assert result.timeline.by_id["e2"].title == "Changed"


def test_problems_come_back_from_the_cache_with_their_lines(folder: Path) -> None:
    (folder / "bad.yaml").write_text("id: bad\ndate: 2017-02-30\n")
    first = load_timeline(folder, cache=True)
    second = load_timeline(folder, cache=True)
    assert second.reread == 0
    assert [p.format() for p in second.problems] == [p.format() for p in first.problems]
    assert any(":2:7: date: day 30" in p.format() for p in second.problems)


def test_a_new_vocabulary_rechecks_every_file(folder: Path) -> None:
    load_timeline(folder, cache=True)
    (folder / "_timeline.yaml").write_text("issuers:\n  NDRC: National Development and Reform\n")
    result = load_timeline(folder, cache=True)
    assert result.reread == 5
    assert len(result.problems) == 5
    assert "'MIIT' is not a declared issuer" in result.problems[0].message


@pytest.mark.parametrize("damage", [b"", b"\x00garbage\xff" * 10, b"\x93\x01\x02\x03"])
def test_a_corrupt_cache_is_ignored_and_rebuilt(folder: Path, damage: bytes) -> None:
    load_timeline(folder, cache=True)
    DiskCache.for_timeline(folder).path.write_bytes(damage)
    result = load_timeline(folder, cache=True)
    assert result.reread == 5 and len(result.timeline.events) == 5
    assert load_timeline(folder, cache=True).reread == 0


def test_an_unwritable_cache_folder_only_costs_speed(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("POLICY_TIMELINE_CACHE_DIR", str(blocker / "cache"))
    assert len(load_timeline(folder, cache=True).timeline.events) == 5


def test_without_the_cache_nothing_is_written(folder: Path, private_cache_dir: Path) -> None:
    load_timeline(folder)
    assert list(private_cache_dir.iterdir()) == []


def test_a_loader_kept_open_rereads_only_the_changed_file(folder: Path) -> None:
    loader = TimelineLoader(folder)
    assert loader.load().reread == 5
    touch_with(folder / "e4.yaml", "id: e4\ndate: [broken\n")
    result = loader.load()
    assert result.reread == 1
    assert [p.path.endswith("e4.yaml") for p in result.problems] == [True]
    assert sorted(result.timeline.by_id) == ["e0", "e1", "e2", "e3"]
    (folder / "e1.yaml").unlink()
    assert sorted(loader.load().timeline.by_id) == ["e0", "e2", "e3"]


def test_a_reload_told_what_changed_reads_only_that(folder: Path) -> None:
    loader = TimelineLoader(folder)
    loader.load()
    touch_with(folder / "e3.yaml", EVENT.format(id="e3", title="Edited"))
    (folder / "new.yaml").write_text(EVENT.format(id="new", title="Added"))
    (folder / "e0.yaml").unlink()
    (folder / ".hidden.yaml").write_text("not: [read\n")
    changed = {str(folder / name) for name in ("e3.yaml", "new.yaml", "e0.yaml", ".hidden.yaml")}
    result = loader.load(changed)
    assert result.reread == 2
    assert sorted(result.timeline.by_id) == ["e1", "e2", "e3", "e4", "new"]
    assert result.timeline.by_id["e3"].title == "Edited"
    assert result.problems == []
    # The same answer a fresh walk of the folder gives.
    fresh = TimelineLoader(folder).load()
    assert fresh.timeline.events == result.timeline.events


def test_every_module_a_file_result_depends_on_shapes_the_cache_stamp() -> None:
    # A cached result is only as fresh as the code that made it: a change to any
    # module the one-file reader uses, however indirectly, must invalidate it.
    import ast
    import importlib
    import importlib.util

    from policy_timeline.reading import cache

    needed: set[str] = set()
    todo = ["policy_timeline.reading.file_reader"]
    while todo:
        name = todo.pop()
        if name in needed:
            continue
        needed.add(name)
        tree = ast.parse(Path(importlib.import_module(name).__file__ or "").read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom) or not node.module:
                continue
            if not node.module.startswith("policy_timeline"):
                continue
            for alias in node.names:  # `from package import module`, or names from a module
                submodule = f"{node.module}.{alias.name}"
                if _is_package(node.module) and importlib.util.find_spec(submodule):
                    todo.append(submodule)
                elif node.module != "policy_timeline":
                    todo.append(node.module)
    # Workers carry results and the atomic writer stores them; neither shapes one.
    needed -= {"policy_timeline.reading.workers", "policy_timeline.atomic"}
    shaping = {module.__name__ for module in cache._SHAPING_MODULES}
    assert needed <= shaping, sorted(needed - shaping)


def test_the_cache_stamp_follows_a_shaping_module(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from policy_timeline.reading import cache, fields

    # A copy of fields.py stands in for it, so that no source file of the package is touched.
    copy = tmp_path / "fields.py"
    shutil.copy2(fields.__file__ or "", copy)
    stand_in = types.ModuleType(fields.__name__)
    stand_in.__file__ = str(copy)
    shaping = tuple(stand_in if module is fields else module for module in cache._SHAPING_MODULES)
    monkeypatch.setattr(cache, "_SHAPING_MODULES", shaping)
    before = cache.code_stamp()
    stat = copy.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert cache.code_stamp() != before


def _is_package(name: str) -> bool:
    import importlib.util

    spec = importlib.util.find_spec(name)
    return spec is not None and spec.submodule_search_locations is not None
