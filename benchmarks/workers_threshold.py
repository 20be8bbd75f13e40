"""Where reading in worker processes starts to pay: the loader's ``MIN_BYTES``.

Reads the first N files of a generated per-event timeline in this process and
in worker processes, alternately, and prints the medians side by side.

    nice python benchmarks/workers_threshold.py [--repeat 7] [--size 20000]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

from policy_timeline.reading import file_reader
from policy_timeline.reading.discover import FoundFile, find_files
from policy_timeline.reading.meta import Meta
from policy_timeline.reading.workers import WORKERS_VARIABLE, _usable_cores


def timed(files: list[FoundFile], workers: int) -> float:
    os.environ[WORKERS_VARIABLE] = str(workers)
    gc.disable()  # as the loader does while it loads
    start = time.perf_counter()
    file_reader.read_files(files, Meta())
    elapsed = time.perf_counter() - start
    gc.enable()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--size", type=int, default=20_000)
    options = parser.parse_args()
    found = find_files(generate.ensure(options.size, "per-event")).files
    cores = _usable_cores()
    print(f"{'files':>6} {'MB':>6} {'here':>9} {'workers':>9} {'ratio':>6}")
    for count in (100, 200, 400, 800, 1600, 3200, 6400):
        files = found[:count]
        here, spread = [], []
        for _ in range(options.repeat):
            here.append(timed(files, 0))
            spread.append(timed(files, cores))
        mb = sum(file.stamp[0] for file in files) / 1e6
        a, b = statistics.median(here), statistics.median(spread)
        print(
            f"{count:>6} {mb:>6.2f} {a * 1000:>7.0f}ms {b * 1000:>7.0f}ms {b / a:>6.2f}", flush=True
        )


if __name__ == "__main__":
    main()
