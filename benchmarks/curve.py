"""The curve from 1k to 1M events: time and memory of what a user runs, each as a process.

Run by ``run.py --curve``. Every size uses the batched layout (a million files
of one event each would take hours to write), and every figure is a fresh
process timed from start to exit, with its maximum resident set from the
kernel (``wait4``), so the memory is the whole process's, not Python's share.
Each figure carries the load average (one minute) when it was taken.

What bounds a run at 1M: from 100,000 events each figure is one run; above
it floor A and the CSV export are left out (a million events would parse for
minutes and export twice); and a timeline above 100,000 events is never generated here
(``generate.py`` writes the 1M one once, in about 20 minutes; a run reuses it).
``--parts`` picks what to measure, so the explorer can be measured apart.
"""

from __future__ import annotations

import json
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
LARGE = 100_000  # from this size on, one run per figure; above it, no floor A, no CSV export
APP = [PYTHON, "-m", "policy_timeline"]
PARTS = ("validate", "build", "summary", "export", "explorer")


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
    if first is None or child.returncode:
        # A failed command's quick exit must not pass for a figure.
        missing = f" without {marker!r}" if first is None else ""
        raise RuntimeError(f"{' '.join(command)} exited {child.returncode}{missing}")
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
Record = Callable[[str, int, float | None], None]


def timeline_for(size: int) -> Path:
    """The generated timeline of this size: made now when small, else already made."""
    import generate

    folder = generate.folder_for(size, LAYOUT)
    if size >= LARGE and not stamped(folder, size):
        raise SystemExit(
            f"{folder} is not generated (or not finished): run, once (about 20 minutes at 1M),\n"
            f"  python benchmarks/generate.py --sizes {size} --layout {LAYOUT}"
        )
    return generate.ensure(size, LAYOUT)


def stamped(folder: Path, size: int) -> bool:
    import generate

    try:
        written = json.loads((folder / generate.STAMP).read_text())
    except (OSError, ValueError):
        return False
    return bool(written == generate.stamp_for(size, LAYOUT, generate.SEED))


def with_load(add: Add) -> Add:
    """``add``, with the load average beside each figure's value."""

    def adding(measure: str, value: str, *rest: object, **named: object) -> None:
        add(measure, f"{value} · load {os.getloadavg()[0]:.1f}", *rest, **named)

    return adding


def curve_size(
    size: int,
    root: Path,
    repeat: int,
    add: Add,
    record: Record,
    parts: tuple[str, ...] = PARTS,
) -> None:
    """One size of the curve: cold validate, the index's build, warm summary and
    search, export and explorer (those of them in ``parts``)."""
    runs = repeat if size < LARGE else 1
    add = with_load(add)
    record("load average (1 min) at the start", size, os.getloadavg()[0])
    if "validate" in parts:
        _validate(size, root, runs, add, record)
    if "build" in parts:
        _build(size, root, add, record)
    if "summary" in parts:
        _summary(size, root, runs, add, record)
    if "export" in parts:
        _export(size, root, runs, add, record)
    if "explorer" in parts:
        _explorer(size, root, runs, add, record)


def _validate(size: int, root: Path, runs: int, add: Add, record: Record) -> None:
    from report import megabytes, seconds

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
    cold_cpu = statistics.median(run.cpu for run in cold)
    cold_ratio = cold_time / floor_a if floor_a else None
    add("validate, cold (process; fills the cache)", timed(cold_time, cold_cpu), cold_ratio)
    add("validate, cold: max resident set", megabytes(max(run.max_rss for run in cold)))
    record("cold validate", size, cold_time)
    record("cold validate CPU", size, cold_cpu)
    record("cold validate memory", size, max(run.max_rss for run in cold))


def _build(size: int, root: Path, add: Add, record: Record) -> None:
    from report import megabytes

    folder = str(root)
    # The first summary after a change builds the index (reading every file again).
    build = measure([*APP, "summary", "-t", folder, "--search", NO_MATCH])
    add("index build: first summary (reads the YAML)", timed(build.seconds, build.cpu))
    add("index build: max resident set (largest process)", megabytes(build.max_rss))
    record("index build", size, build.seconds)
    record("index build CPU", size, build.cpu)
    record("index build memory", size, build.max_rss)
    on_disk = index_bytes()
    add("index size on disk", megabytes(on_disk))
    record("index on disk", size, on_disk)


# Floor of a summary: a Python process that writes N lines of a summary's
# length (about 110 characters) to the same pipe, and does nothing else.
WRITE_LINES = (
    "import sys; line = 'x' * 110 + '\\n'; "
    "sys.stdout.writelines(line for _ in range(int(sys.argv[1])))"
)


def _summary(size: int, root: Path, runs: int, add: Add, record: Record) -> None:
    from report import megabytes, seconds

    folder = str(root)
    start_up = median_run([*APP, "--version"], runs)
    add("floor: start-up (--version)", timed(start_up.seconds, start_up.cpu))
    record("floor: start-up (--version)", size, start_up.seconds)
    record("floor: start-up (--version) CPU", size, start_up.cpu)
    writing = median_run([PYTHON, "-c", WRITE_LINES, str(size)], runs)
    add(f"floor: a process writing {size:,} lines", timed(writing.seconds, writing.cpu))
    record("floor: writing N lines", size, writing.seconds)
    record("floor: writing N lines CPU", size, writing.cpu)
    summary = median_run([*APP, "summary", "-t", folder], runs)
    add(
        "summary > pipe (warm): first byte / end",
        f"{seconds(summary.first)} / {timed(summary.seconds, summary.cpu)}",
    )
    add("summary (warm): max resident set", megabytes(summary.max_rss))
    record("warm summary", size, summary.seconds)
    record("warm summary CPU", size, summary.cpu)
    record("warm summary: first byte", size, summary.first)
    record("warm summary memory", size, summary.max_rss)

    search = median_run([*APP, "summary", "-t", folder, "--search", SEARCH_WORD], runs)
    add(
        f"summary --search {SEARCH_WORD} (warm): first byte / end",
        f"{seconds(search.first)} / {timed(search.seconds, search.cpu)}",
        goal="≤ 1 s at 1M",
        ok=search.seconds <= 1 if size >= 1_000_000 else None,
    )
    record("warm summary --search", size, search.seconds)
    record("warm summary --search CPU", size, search.cpu)
    record("warm summary --search memory", size, search.max_rss)
    rare = str(size // 2)  # the number of one event's id
    search = median_run([*APP, "summary", "-t", folder, "--search", rare], runs)
    add(
        f"summary --search {rare}: one event (warm)",
        timed(search.seconds, search.cpu),
        goal="≤ 1 s at 1M",
        ok=search.seconds <= 1 if size >= 1_000_000 else None,
    )
    add(f"summary --search {rare}: max resident set", megabytes(search.max_rss))
    record("warm summary --search, one event", size, search.seconds)


def _export(size: int, root: Path, runs: int, add: Add, record: Record) -> None:
    from report import megabytes, seconds

    folder = str(root)
    for fmt in ("jsonl", "csv") if size <= LARGE else ("jsonl",):
        export = median_run([*APP, "export", "-t", folder, "--format", fmt], runs)
        add(
            f"export --format {fmt} > pipe (warm): first byte / end",
            f"{seconds(export.first)} / {timed(export.seconds, export.cpu)}",
        )
        add(f"export --format {fmt} (warm): max resident set", megabytes(export.max_rss))
        record(f"warm export {fmt}", size, export.seconds)
        record(f"warm export {fmt} CPU", size, export.cpu)
        record(f"warm export {fmt} memory", size, export.max_rss)


def _explorer(size: int, root: Path, runs: int, add: Add, record: Record) -> None:
    from report import megabytes, seconds

    folder = str(root)
    floor_b = median_run([PYTHON, PROBE, "frame", "bare", folder], runs, b"FRAME").first
    add("floor B: bare Textual app, first frame", seconds(floor_b))
    # The explorer's first open after a write derives its arrays from the index and
    # stores them (store_view.derive); a warm open reads them.
    measure([PYTHON, PROBE, "frame", "explorer", folder])
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


def timed(wall: float, cpu: float) -> str:
    """Wall time, and the CPU time the process and its workers spent (on a busy
    machine the CPU figure is the steadier one)."""
    from report import seconds

    return f"{seconds(wall)} ({seconds(cpu)} CPU)"


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
        if name.startswith("load"):
            show = "{:.1f}".format
        cells = [show(by_size[size]) if size in by_size else "" for size in sizes]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
