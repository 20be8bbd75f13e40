"""Issue 15: faster YAML parsers than PyYAML's C loader, measured for speed, safety
and agreement with the reader (``reading/yamlio.py``), for ``docs/parsers.md``.

    nice python benchmarks/parsers.py [--files 5000] [--size 20000]

Each candidate that is installed is timed on the first N files of the generated
per-event timeline (bytes already in memory, so only parsing is timed), tried on
hostile and schema cases in a child process (an alias bomb or deep nesting must
not take this one down), and compared with the reader on every file of
``tests/corpus``: the same data for files the reader takes, a refusal for files
it refuses.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import yaml  # noqa: E402

from policy_timeline.reading.yamlio import parse_yaml_bytes  # noqa: E402

CORPUS = HERE.parent / "tests" / "corpus"


def _ours(raw: bytes) -> Any:
    read = parse_yaml_bytes(raw, "x")
    if read.problems:
        raise ValueError(read.problems[0].message)
    return read.data


def _fast_path(raw: bytes) -> Any:
    """The reader as file_reader calls it: the fast parser where the document allows."""
    read = parse_yaml_bytes(raw, "x", fast=True)
    if read.problems:
        raise ValueError(read.problems[0].message)
    return read.data


def _candidates() -> dict[str, tuple[str, Callable[[bytes], Any]]]:
    """Name: (module, function of the file's bytes), with the safest options each offers."""

    def text(raw: bytes) -> str:
        return raw.decode("utf-8")

    found: dict[str, tuple[str, Callable[[bytes], Any]]] = {
        "reader (C loader, today)": ("yaml", _ours),
        "floor A: yaml.load, CSafeLoader": (
            "yaml",
            lambda raw: yaml.load(text(raw), Loader=yaml.CSafeLoader),
        ),
    }
    try:
        import yaml_rs

        found["yaml-rs"] = (
            "yaml_rs",
            lambda raw: yaml_rs.loads(
                text(raw),
                parse_datetime=False,
                duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error,
            ),
        )
        found["reader with the yaml-rs fast path"] = ("yaml_rs", _fast_path)
    except ImportError:
        pass
    optional: dict[str, tuple[str, str]] = {
        "ryaml": ("ryaml", "loads"),
        "pyyaml-rs": ("pyyaml_rs", "safe_load"),
        "fastyaml-rs": ("fast_yaml", "safe_load"),
    }
    for name, (module, function) in optional.items():
        try:
            loads = getattr(importlib.import_module(module), function)
        except ImportError:
            continue
        found[name] = (module, lambda raw, loads=loads: loads(text(raw)))
    try:
        import libfyaml

        found["libfyaml"] = ("libfyaml", lambda raw: libfyaml.loads(text(raw)).to_python())
    except ImportError:
        pass
    try:
        import ryml

        # rapidyaml builds a tree of its own; making Python data of it is left
        # to the caller (a walk in Python), so this times its parse alone.
        found["rapidyaml (parse only, no data)"] = ("ryml", lambda raw: ryml.parse_in_arena(raw))
    except ImportError:
        pass
    return found


def _bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


# What a safe reader of our timelines must do with each: "refuse", or give this data.
CASES: dict[str, tuple[str, Any]] = {
    "python tag refused": ("a: !!python/object/apply:os.system ['true']\n", "refuse"),
    "local tag refused": ("a: !thing x\n", "refuse"),
    "alias bomb bounded": (_bomb(), "refuse"),
    "nesting 100k deep bounded": ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "refuse"),
    "duplicate key caught": ("a: 1\nb: 2\na: 3\n", "refuse"),
    "nested duplicate caught": ("x:\n  a: 1\n  a: 2\n", "refuse"),
    "control character refused": ("a: x\x07y\n", "refuse"),
    "second document refused": ("a: 1\n---\nb: 2\n", "refuse"),
    "yes/no/on stay text": ("a: [yes, no, on, off, y]\n", {"a": ["yes", "no", "on", "off", "y"]}),
    "core numbers": ("a: [0o17, 0x1F, 010, 1e3]\n", {"a": [15, 31, 10, 1000.0]}),
    "1_000, 0b1, 1:30 stay text": (
        "a: [1_000, 0b1, '1:30', 1:30]\n",
        {"a": ["1_000", "0b1"] + ["1:30"] * 2},
    ),
    "dates stay text": (
        "a: 2020-01-01\nb: 2020-01-01T10:00:00Z\n",
        {"a": "2020-01-01", "b": "2020-01-01T10:00:00Z"},
    ),
    "merge key merges": (
        "b: &b {x: 1}\nc: {<<: *b, y: 2}\n",
        {"b": {"x": 1}, "c": {"x": 1, "y": 2}},
    ),
    "last block scalar": ("a: |\n x\n  y", {"a": "x\n y"}),
}


def _same(a: Any, b: Any) -> bool:
    """Equal data of equal types all the way down: repr tells True from 1, 1.0
    from 1 and "1" from 1, and shows the order of keys."""
    return repr(a) == repr(b)


def _outcome(load: Callable[[bytes], Any], raw: bytes) -> tuple[bool, Any]:
    try:
        return True, load(raw)
    except BaseException as error:  # a Rust panic is a BaseException
        if isinstance(error, KeyboardInterrupt):
            raise
        return False, None


def speed(files: list[bytes], repeat: int) -> dict[str, float]:
    """Microseconds per file, best of ``repeat`` (process CPU time)."""
    timings: dict[str, float] = {}
    for name, (_, load) in _candidates().items():
        best = math.inf
        for _ in range(repeat):
            start = time.process_time()
            for raw in files:
                _outcome(load, raw)
            best = min(best, time.process_time() - start)
        timings[name] = best / len(files) * 1e6
    return timings


def safety_child(name: str, case: str) -> str:
    """Run in a child: what candidate ``name`` makes of ``case``: ok, refused, wrong."""
    _, load = _candidates()[name]
    text, expected = CASES[case]
    loaded, data = _outcome(load, text.encode("utf-8"))
    if expected == "refuse":
        return "refused" if not loaded else "ACCEPTED"
    if not loaded:
        return "refused"
    return "same" if _same(data, expected) else "DIFFERS: " + repr(data)[:60]


def safety(name: str) -> dict[str, str]:
    results = {}
    for case in CASES:
        try:
            child = subprocess.run(
                [sys.executable, __file__, "--child", name, case],
                capture_output=True,
                text=True,
                timeout=60,
            )
            results[case] = child.stdout.strip() or f"CRASHED (exit {child.returncode})"
        except subprocess.TimeoutExpired:
            results[case] = "HUNG (60 s)"
    return results


def agreement(name: str) -> tuple[int, int, int]:
    """Over every corpus file: (files, data differs where the reader takes the file,
    accepted where the reader refuses it)."""
    _, load = _candidates()[name]
    files = differs = accepts = 0
    for path in sorted(CORPUS.rglob("*.y*ml")):
        raw = path.read_bytes()
        files += 1
        ok, data = _outcome(_ours, raw)
        loaded, theirs = _outcome(load, raw)
        if ok and loaded and not _same(data, theirs):
            differs += 1
        elif not ok and loaded:
            accepts += 1
    return files, differs, accepts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(safety_child(*options.child))
        return
    root = generate.ensure(options.size, "per-event")
    paths = sorted(root.rglob("*.yaml"))[: options.files]
    files = [path.read_bytes() for path in paths]
    timings = speed(files, options.repeat)
    reference = timings["reader (C loader, today)"]
    floor = timings["floor A: yaml.load, CSafeLoader"]
    report = {}
    for name, micros in timings.items():
        report[name] = {
            "us_per_file": round(micros, 1),
            "vs_reader": round(micros / reference, 2),
            "vs_floor_a": round(micros / floor, 2),
            "corpus": agreement(name),
            "safety": safety(name),
        }
        print(json.dumps({name: report[name]}), flush=True)
    print(f"{len(files)} files of {root.name}, {sum(map(len, files)) / len(files):.0f} bytes each")


if __name__ == "__main__":
    main()
