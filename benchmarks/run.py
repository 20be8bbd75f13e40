"""Scale benchmark: load, validate, summary and explorer figures as ratios against floors
measured in the same run (the machines are shared and noisy, so absolute times mean little).

    python benchmarks/run.py [--sizes 1000,10000,100000] [--repeat 3] [--markdown FILE] [--quick]
    python benchmarks/run.py --curve [--sizes 1000,10000,100000,1000000] [--parts ...]
        [--cache DIR]   (see curve.py)
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import compat  # noqa: E402
import curve  # noqa: E402
import generate  # noqa: E402
from probe import parse_raw  # noqa: E402
from report import (  # noqa: E402
    Row,
    machine,
    markdown_table,
    megabytes,
    projection,
    seconds,
    text_table,
    times,
    verdict,
)

PYTHON = sys.executable
# Every child measures with bytecode, as users' installs have it: without it each
# start compiles every module from source (about 0.1 s more a process).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
PROBE = str(HERE / "probe.py")
T = TypeVar("T")


def median_time(action: Callable[[], object], repeat: int) -> float:
    return timed_runs(action, repeat)[0]


def timed_runs(action: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The median time of ``repeat`` runs, and what the last run returned."""
    samples = []
    for _ in range(repeat):
        gc.collect()  # garbage from the previous run should not be charged to this one
        start = time.perf_counter()
        result = action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def run_quietly(command: list[str]) -> None:
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def first_frame(kind: str, root: Path, keys: int = 0) -> tuple[float, dict[str, list[float]]]:
    """Seconds from starting the process to its first painted frame, and key latencies."""
    command = [PYTHON, PROBE, "frame", kind, str(root), "--keys", str(keys)]
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        elapsed = time.perf_counter() - start
        rest = child.stdout.read()
    if line.strip() != "FRAME":
        raise RuntimeError(f"{kind} app did not paint a frame (exit {child.returncode})")
    return elapsed, (json.loads(rest) if rest.strip() else {})


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def probe_memory(kind: str, root: Path) -> dict[str, float]:
    out = subprocess.run(
        [PYTHON, PROBE, "memory", kind, str(root)], capture_output=True, text=True, check=True
    ).stdout
    return dict(json.loads(out))


class Bench:
    def __init__(self, repeat: int, keys: int) -> None:
        self.repeat = repeat
        self.keys = keys
        self.rows: list[Row] = []
        self.series: dict[str, list[tuple[int, float]]] = {}

    def add(
        self,
        size: int,
        layout: str,
        measure: str,
        value: str,
        ratio: float | None = None,
        goal: str = "",
        ok: bool | None = None,
    ) -> None:
        self.rows.append(
            Row(size, layout, measure, value, times(ratio) if ratio else "", goal, verdict(ok))
        )
        print(f"  {measure}: {value}" + (f"  ({times(ratio)})" if ratio else ""), flush=True)

    def record(self, name: str, size: int, value: float | None) -> None:
        if value is not None:
            self.series.setdefault(name, []).append((size, value))

    def loads(self, size: int, layout: str, root: Path) -> float | None:
        """Floor A, cold, warm, validate and summary; returns the warm load time."""
        add = lambda *a, **k: self.add(size, layout, *a, **k)  # noqa: E731
        floor_a = median_time(lambda: parse_raw(root), self.repeat)
        add("floor A: yaml.load (CSafeLoader)", seconds(floor_a))
        cold, loaded = timed_runs(lambda: compat.load(root, cached=False), self.repeat)
        if loaded.problems:  # the figures are only meaningful for a valid timeline
            print(
                f"  WARNING: {len(loaded.problems)} problems, first: {loaded.problems[0].format()}",
                flush=True,
            )
        add(
            "cold load + validate (in process)",
            seconds(cold),
            cold / floor_a,
            "≤ 1.30×",
            cold / floor_a <= 1.3,
        )
        compat.load(root, cached=True)  # fills the cache
        warm = median_time(lambda: compat.load(root, cached=True), self.repeat)
        add("warm load (cache)", seconds(warm), warm / floor_a, "≤ 0.20×", warm / floor_a <= 0.2)
        floor_a_process = median_time(
            lambda: run_quietly([PYTHON, PROBE, "floor-a", str(root)]), self.repeat
        )
        add("floor A as a process", seconds(floor_a_process))
        validate = median_time(
            lambda: run_quietly(
                [PYTHON, "-m", "policy_timeline", "validate", "-t", str(root), "--no-cache"]
            ),
            self.repeat,
        )
        add(
            "validate --no-cache (process)",
            seconds(validate),
            validate / floor_a_process,
            "≤ 1.30×",
            validate / floor_a_process <= 1.3,
        )
        summary = median_time(
            lambda: run_quietly([PYTHON, "-m", "policy_timeline", "summary", "-t", str(root)]),
            self.repeat,
        )
        add(
            "summary > /dev/null (process, cache warm)", seconds(summary), summary / floor_a_process
        )
        if layout == "per-event":
            self.record("floor A", size, floor_a)
            self.record("cold load", size, cold)
            self.record("warm load", size, warm)
        return warm

    def explorer(self, size: int, layout: str, root: Path, warm: float | None) -> None:
        add = lambda *a, **k: self.add(size, layout, *a, **k)  # noqa: E731
        # The explorer opens the index when it is up to date (a warm start), so the
        # index is built first, as any `summary` or `export` run builds it.
        run_quietly([PYTHON, "-m", "policy_timeline", "summary", "-t", str(root)])
        floor_b = statistics.median(first_frame("bare", root)[0] for _ in range(self.repeat))
        add("floor B: bare Textual app, first frame", seconds(floor_b))
        frames = [first_frame("explorer", root) for _ in range(max(self.repeat - 1, 1))]
        frame, keys = first_frame("explorer", root, self.keys)
        explorer = statistics.median([frame, *(found for found, _ in frames)])
        allowed = floor_b + (warm or 0.0)
        add(
            "explorer first frame",
            seconds(explorer),
            explorer / allowed,
            "≤ 1.00× (floor B + warm load)",
            explorer <= allowed if warm is not None else None,
        )
        # Floor C: the least an app of the explorer's shape costs per key, driven the same way.
        _, floor_keys = first_frame("floor-c", root, self.keys)
        floors: dict[str, float] = {}
        for key, label in (("cursor", "cursor move"), ("page", "page down")):
            samples = floor_keys.get(key, [])
            if samples:
                p50, floors[key] = percentile(samples, 0.5), percentile(samples, 0.95)
                add(
                    f"floor C: {label} p50 / p95 (CPU, n={len(samples)})",
                    f"{p50:.1f} / {floors[key]:.1f} ms",
                )
        goals = {
            "cursor": ("cursor move (down)", None),
            "page": ("page down", None),
            "filter": ("sector filter change (enter in picker)", 50),
            "filter_issuer": ("issuer filter change (enter in picker)", 50),
            "filter_kind": ("kind filter change (enter in picker)", 50),
            "filter_dates": ("date range applied (enter in the date dialog)", 50),
            "search": ("search keystroke", 50),
            "periods-cursor": ("periods view: cursor move (down)", 16),
            "periods-page": ("periods view: page down", 16),
            "periods-filter": ("periods view: sector filter change", 50),
            "targets-cursor": ("targets board: cursor move (down)", None),
            "targets-page": ("targets board: page down", None),
            "targets-filter": ("targets board: sector filter change", 50),
        }
        for key, (label, limit) in goals.items():
            samples = keys.get(key, [])
            goal = f"p95 < {limit} ms" if limit else "p95 ≤ 1.50× floor C's"
            if not samples:
                add(f"{label} p50 / p95", "n/a", goal=goal)
                continue
            p50, p95 = percentile(samples, 0.5), percentile(samples, 0.95)
            value = f"{p50:.1f} / {p95:.1f} ms"
            measure = f"{label} p50 / p95 (CPU, n={len(samples)})"
            if limit:
                add(measure, value, goal=goal, ok=p95 < limit)
            elif key.rsplit("-", 1)[-1] in floors:  # a view's move against the same floor
                ratio = p95 / floors[key.rsplit("-", 1)[-1]]
                add(measure, value, ratio, goal, ratio <= 1.5)
            else:
                add(measure, value, goal=goal)

    def memory(self, size: int, layout: str, root: Path) -> None:
        raw = probe_memory("raw", root)
        loaded = probe_memory("load", root)
        self.add(size, layout, "raw parsed objects (floor A kept alive)", megabytes(raw["current"]))
        ratio = loaded["peak"] / raw["current"]
        self.add(
            size,
            layout,
            "peak memory of a cold load (tracemalloc)",
            megabytes(loaded["peak"]),
            ratio,
            "≤ 2.00× raw objects",
            ratio <= 2,
        )
        self.add(size, layout, "loaded timeline kept (tracemalloc)", megabytes(loaded["current"]))
        self.record("raw objects memory", size, raw["current"])
        self.record("load peak memory", size, loaded["peak"])
        self.record("loaded timeline memory", size, loaded["current"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        help="event counts, comma-separated (default 1000,10000,100000; with --curve also 1000000)",
    )
    parser.add_argument("--repeat", type=int, help="runs per timing, median kept (default 3)")
    parser.add_argument("--keys", type=int, help="presses per key measurement (default 60)")
    parser.add_argument(
        "--layouts",
        default=",".join(generate.LAYOUTS),
        help="layouts to run, comma-separated (default: all)",
    )
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the table here")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="1k and 10k, one run each, fewer key presses: a smoke test",
    )
    parser.add_argument(
        "--curve",
        action="store_true",
        help="time and memory of each command from 1k to 1M events (batched)",
    )
    parser.add_argument(
        "--parts",
        default=",".join(curve.PARTS),
        help=f"with --curve, what to measure (default: {','.join(curve.PARTS)})",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help="with --curve, the cache folder to use and keep (default: a new one, deleted)",
    )
    options = parser.parse_args()
    if options.curve:
        run_curve(options)
        return
    sizes_text = options.sizes or ("1000,10000" if options.quick else "1000,10000,100000")
    sizes = [int(text) for text in sizes_text.split(",")]
    repeat = options.repeat or (1 if options.quick else 3)
    bench = Bench(repeat, options.keys or (15 if options.quick else 60))

    cache = tempfile.mkdtemp(prefix="pt-bench-cache-")  # never the user's own cache
    os.environ[compat.cache_variable()] = cache
    try:
        for size in sizes:
            for layout in options.layouts.split(","):
                root = generate.ensure(size, layout)
                print(f"{size:,} events, {layout}: {root}", flush=True)
                warm = bench.loads(size, layout, root)
                if layout == "per-event":
                    bench.explorer(size, layout, root, warm)
                    bench.memory(size, layout, root)
    finally:
        shutil.rmtree(cache, ignore_errors=True)

    growth = projection(bench.series)
    print("\n" + text_table(bench.rows))
    print("\nGoals are the issue's, set at 100,000 events in the per-event layout.")
    print("1M events on paper (per-event layout, least-squares line through the sizes run):")
    print("\n".join(f"  {line}" for line in growth))
    if options.markdown:
        paper = ["1M events on paper (per-event layout):", "", *(f"- {line}" for line in growth)]
        write_markdown(options.markdown, bench.rows, paper, repeat)


def run_curve(options: argparse.Namespace) -> None:
    sizes = [int(text) for text in (options.sizes or "1000,10000,100000,1000000").split(",")]
    parts = tuple(part for part in options.parts.split(",") if part)
    if unknown := set(parts) - set(curve.PARTS):
        raise SystemExit(f"--parts: unknown {', '.join(sorted(unknown))} (of {curve.PARTS})")
    repeat = options.repeat or (1 if options.quick else 3)
    bench = Bench(repeat, 0)
    roots = [curve.timeline_for(size) for size in sizes]  # before anything is timed
    # Never the user's own cache; a kept one lets --parts measure later what an
    # earlier run built (the 1M index takes a quarter of an hour).
    cache = str(options.cache) if options.cache else tempfile.mkdtemp(prefix="pt-bench-cache-")
    os.environ[compat.cache_variable()] = cache
    try:
        for size, root in zip(sizes, roots, strict=True):
            started = time.perf_counter()
            print(f"{size:,} events, {curve.LAYOUT}: {root}", flush=True)
            curve.curve_size(
                size,
                root,
                repeat,
                lambda *a, size=size, **k: bench.add(size, curve.LAYOUT, *a, **k),
                bench.record,
                parts,
            )
            print(f"  ({time.perf_counter() - started:.0f} s for this size)", flush=True)
    finally:
        if not options.cache:
            shutil.rmtree(cache, ignore_errors=True)
    table = curve.curve_table(bench.series)
    print("\n" + text_table(bench.rows) + "\n\n" + table)
    if options.markdown:
        write_markdown(options.markdown, bench.rows, ["The curve:", "", table], repeat)


def write_markdown(path: Path, rows: list[Row], after: list[str], repeat: int) -> None:
    about: dict[str, Any] = machine()
    lines = [
        "| machine | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in about.items()),
        f"| runs per timing | {repeat} (median) |",
        "",
        markdown_table(rows),
        "",
        *after,
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
