"""The curve from 1k to 1M events: time and memory of what a user runs, each as a process.

Run by ``run.py --curve``. Every size uses the batched layout (a million files
of one event each would take hours to write), and every figure is a fresh
process timed from start to exit, with its maximum resident set from the
kernel (``wait4``), so the memory is the whole process's, not Python's share.
Above 100,000 events each figure is one run and floor A is left out (a million
events would parse for ten minutes), which keeps ``--sizes 1000,10000,100000,
1000000`` within about 20 minutes on a 2-core machine.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
PROBE = str(HERE / "probe.py")
LAYOUT = "batched"
SEARCH_WORD = "subsidies"  # in most events: the summary writes most of the timeline
NO_MATCH = "zzqxj"  # in no event: the summary writes its heading alone
LARGE = 100_000  # above this, one run per figure and no floor A
APP = [PYTHON, "-m", "policy_timeline"]


@dataclass(slots=True)
class Run:
    seconds: float  # start to exit
    first: float  # start to the first byte (or line) of output
    max_rss: int  # bytes
    cpu: float = 0.0  # user + system seconds, its worker processes included


def measure(command: list[str], marker: bytes = b"") -> Run:
    """Runs a command to its end, its output read and dropped as it comes.

    ``first`` is when the first byte arrives, or with ``marker`` the first line
    that starts with it (the probe's ``FRAME``).
    """
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert child.stdout is not None
    first = None
    if marker:
        for line in child.stdout:
            if line.startswith(marker):
                first = time.perf_counter() - start
                break
    else:
        child.stdout.read(1)
        first = time.perf_counter() - start
    while child.stdout.read(1 << 20):
        pass
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stdout.close()
    if first is None:
        raise RuntimeError(f"{' '.join(command)} ended without {marker!r}")
    # ru_maxrss is in KiB on Linux.
    return Run(elapsed, first, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime)


def median_run(command: list[str], repeat: int, marker: bytes = b"") -> Run:
    runs = [measure(command, marker) for _ in range(repeat)]
    return Run(
        statistics.median(run.seconds for run in runs),
        statistics.median(run.first for run in runs),
        int(statistics.median(run.max_rss for run in runs)),
        statistics.median(run.cpu for run in runs),
    )


Add = Callable[..., None]


def curve_size(
    size: int, root: Path, repeat: int, add: Add, record: Callable[[str, int, float | None], None]
) -> None:
    """One size of the curve: cold validate, warm summary, search, export and explorer."""
    from report import megabytes, seconds

    runs = repeat if size <= LARGE else 1
    folder = str(root)
    floor_a = None
    if size <= LARGE:
        floor_a = median_run([PYTHON, PROBE, "floor-a", folder], runs).seconds
        add("floor A as a process", seconds(floor_a))
    record("floor A (process)", size, floor_a)

    # The last run, without --no-cache, fills the cache the warm figures read.
    cold = [measure([*APP, "validate", "-t", folder, "--no-cache"]) for _ in range(runs - 1)]
    cold.append(measure([*APP, "validate", "-t", folder]))
    cold_time = statistics.median(run.seconds for run in cold)
    cold_ratio = cold_time / floor_a if floor_a else None
    add("validate, cold (process; fills the cache)", seconds(cold_time), cold_ratio)
    add("validate, cold: max resident set", megabytes(max(run.max_rss for run in cold)))
    record("cold validate", size, cold_time)
    record("cold validate memory", size, max(run.max_rss for run in cold))

    # The first summary after a change builds the index (reading every file again).
    build = measure([*APP, "summary", "-t", folder, "--search", NO_MATCH])
    add("index build: first summary (reads the YAML)", seconds(build.seconds))
    add("index build: max resident set (largest process)", megabytes(build.max_rss))
    record("index build", size, build.seconds)
    record("index build memory", size, build.max_rss)
    on_disk = index_bytes()
    add("index size on disk", megabytes(on_disk))
    record("index on disk", size, on_disk)

    summary = median_run([*APP, "summary", "-t", folder], runs)
    add(
        "summary > pipe (warm): first byte / end",
        f"{seconds(summary.first)} / {seconds(summary.seconds)}",
    )
    add("summary (warm): max resident set", megabytes(summary.max_rss))
    record("warm summary", size, summary.seconds)
    record("warm summary memory", size, summary.max_rss)

    search = median_run([*APP, "summary", "-t", folder, "--search", SEARCH_WORD], runs)
    add(
        f"summary --search {SEARCH_WORD} (warm)",
        seconds(search.seconds),
        goal="≤ 1 s at 1M",
        ok=search.seconds <= 1 if size >= 1_000_000 else None,
    )
    record("warm summary --search", size, search.seconds)
    rare = str(size // 2)  # the number of one event's id
    search = median_run([*APP, "summary", "-t", folder, "--search", rare], runs)
    add(
        f"summary --search {rare}: one event (warm)",
        seconds(search.seconds),
        goal="≤ 1 s at 1M",
        ok=search.seconds <= 1 if size >= 1_000_000 else None,
    )
    add(f"summary --search {rare}: max resident set", megabytes(search.max_rss))
    record("warm summary --search, one event", size, search.seconds)

    for fmt in ("jsonl", "csv"):
        export = median_run([*APP, "export", "-t", folder, "--format", fmt], runs)
        add(
            f"export --format {fmt} > pipe (warm): first byte / end",
            f"{seconds(export.first)} / {seconds(export.seconds)}",
        )
        add(f"export --format {fmt} (warm): max resident set", megabytes(export.max_rss))
        record(f"warm export {fmt} memory", size, export.max_rss)

    floor_b = median_run([PYTHON, PROBE, "frame", "bare", folder], runs, b"FRAME").first
    add("floor B: bare Textual app, first frame", seconds(floor_b))
    frame = median_run([PYTHON, PROBE, "frame", "explorer", folder], runs, b"FRAME")
    big = size >= 1_000_000
    add(
        "explorer first frame (warm)",
        seconds(frame.first),
        frame.first / floor_b,
        "≤ 1 s and ≤ floor B + 0.5 s at 1M",
        frame.first <= min(1.0, floor_b + 0.5) if big else None,
    )
    add(
        "explorer open: max resident set",
        megabytes(frame.max_rss),
        None,
        "≤ 1 GB at 1M",
        frame.max_rss <= 2**30 if big else None,
    )
    record("explorer first frame", size, frame.first)
    record("explorer memory", size, frame.max_rss)


def index_bytes() -> int:
    """The size of the index files in the benchmark's cache folder."""
    from compat import cache_variable

    folder = Path(os.environ[cache_variable()])
    return sum(path.stat().st_size for path in folder.glob("index-*.sqlite*"))


def curve_table(series: dict[str, list[tuple[int, float]]]) -> str:
    """The curve as Markdown: one row per figure, one column per size."""
    from report import megabytes, seconds

    sizes = sorted({size for points in series.values() for size, _ in points})
    lines = [
        "| figure | " + " | ".join(f"{size:,}" for size in sizes) + " |",
        "|---|" + "---|" * len(sizes),
    ]
    for name, points in series.items():
        by_size = dict(points)
        show = megabytes if name.endswith(("memory", "on disk")) else seconds
        cells = [show(by_size[size]) if size in by_size else "" for size in sizes]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
