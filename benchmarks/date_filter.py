"""CPU time of a date filter and an in-force date in ``TimelineIndex.rows``, against
the scan of every event it replaced, both timed in the same run (issue 9).

    python benchmarks/date_filter.py DIR [--repeat 15]

Prints one JSON line: the milliseconds of each (p50 and p95) and their ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from policy_timeline.model.dates import parse_partial_date
from policy_timeline.query.index import Filter, TimelineIndex, in_force, overlaps
from policy_timeline.reading.loader import load_timeline


def timed(job: Callable[[], object], repeat: int) -> tuple[float, float]:
    spent = []
    for _ in range(repeat):
        began = time.process_time()
        job()
        spent.append((time.process_time() - began) * 1000)
    spent.sort()
    return statistics.median(spent), spent[min(len(spent) - 1, round(0.95 * len(spent)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    index = TimelineIndex(load_timeline(args.folder).timeline)
    events = index.timeline.events
    years = sorted({event.date.year for event in events})
    middle = years[len(years) // 2]
    start, end = parse_partial_date(f"{middle}-03"), parse_partial_date(f"{middle + 2}-06-15")
    on = parse_partial_date(f"{middle}-07-01")
    began = time.process_time()
    index.dates  # noqa: B018 - made once, on the first date filter
    build = (time.process_time() - began) * 1000
    figures: dict[str, object] = {"events": len(events), "build_ms": round(build, 1)}
    cases: dict[str, tuple[Callable[[], object], Callable[[], object]]] = {
        "dates": (
            lambda: [row for row in range(len(events)) if overlaps(events[row], start, end)],
            lambda: index.rows(Filter(date_from=start, date_to=end)),
        ),
        "in_force": (
            lambda: [row for row in range(len(events)) if in_force(events[row], on)],
            lambda: index.rows(Filter(in_force=on)),
        ),
    }
    for name, (scan, indexed) in cases.items():
        assert scan() == indexed(), name
        before, after = timed(scan, args.repeat), timed(indexed, args.repeat)
        figures[name] = {
            "scan_ms": [round(value, 1) for value in before],
            "index_ms": [round(value, 2) for value in after],
            "p95_ratio": round(before[1] / after[1], 1),
        }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
