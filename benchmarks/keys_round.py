"""Issue 9's figures at one size, as the lead took them at the end of a stop.

    python benchmarks/keys_round.py 20000 [ROUNDS]

The warm load (median of 3, in process), then floor B and the explorer's first
frame (median of 3 fresh processes each, after a first ``summary`` built the
index the explorer opens), then ROUNDS (default 2) of floor C and the explorer
driven with 60 presses per key. Prints each round's p50 / p95 and the ratios;
the raw latencies go to ``/tmp/keys-round-SIZE.json``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import compat
import generate
import run


def main() -> None:
    size = int(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    root = generate.ensure(size, "per-event")
    os.environ[compat.cache_variable()] = tempfile.mkdtemp(prefix="pt-keys-round-")
    loads: list[float] = []
    compat.load(root, cached=True)
    warm = run.median_time(lambda: compat.load(root, cached=True), 3)
    summary = [sys.executable, "-m", "policy_timeline", "summary", "-t", str(root)]
    subprocess.run(summary, stdout=subprocess.DEVNULL, check=True)
    run.first_frame("explorer", root)
    floor_b = statistics.median(run.first_frame("bare", root)[0] for _ in range(3))
    frame = statistics.median(run.first_frame("explorer", root)[0] for _ in range(3))
    loads.append(os.getloadavg()[0])
    print(f"{size:,} events: first frame {frame:.2f} s, floor B {floor_b:.2f} s, warm load")
    print(f"  {warm:.2f} s: {frame / (floor_b + warm):.2f}x of floor B + warm load (goal <= 1)")
    kept = []
    for number in range(1, rounds + 1):
        _, floor = run.first_frame("floor-c", root, 60)
        _, keys = run.first_frame("explorer", root, 60)
        loads.append(os.getloadavg()[0])
        kept.append({"floor": floor, "keys": keys})
        print(f"round {number}:")
        for key, samples in sorted(keys.items()):
            p50, p95 = run.percentile(samples, 0.5), run.percentile(samples, 0.95)
            line = f"  {key}: {p50:.1f} / {p95:.1f} ms (n={len(samples)})"
            base = key.rsplit("-", 1)[-1]
            if base in ("cursor", "page") and floor.get(base):
                line += f", {p95 / run.percentile(floor[base], 0.95):.2f}x floor C's p95"
            print(line)
    print(f"load averages: {', '.join(f'{load:.1f}' for load in loads)}")
    out = Path(tempfile.gettempdir()) / f"keys-round-{size}.json"
    out.write_text(json.dumps({"warm": warm, "floor_b": floor_b, "frame": frame, "rounds": kept}))


if __name__ == "__main__":
    main()
