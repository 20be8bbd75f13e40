"""Issue 15's first goal: cold ``validate --no-cache`` against floor A, both as processes.

Alternates floor A, validate in one process (POLICY_TIMELINE_WORKERS=0) and
validate with a worker per core, so all three see the same machine; prints the
median wall time and CPU time (user + system, workers included) of each. On a
shared machine, wall time alone flatters the workers: more processes get more
of a contended CPU, so the CPU figure is printed beside it.

    nice python benchmarks/cold_validate.py [--size 100000] [--layout per-event] [--repeat 3]
                                            [--before OLD/src]

With ``--before``, validate is also run from another source tree (say an
export of main's ``src``), alternating with this one, so a change is measured
before and after in the same run.

Last, what more cores would give, by Amdahl: the CPU of a validate with
workers split into the parent's (S, which no worker shares) and the workers'
(W), each as a share of floor A's CPU (one process: its CPU is its wall time
on an idle core); with N cores a cold validate takes about S + W / N.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from curve import Run, measure  # noqa: E402

from policy_timeline.reading.workers import WORKERS_VARIABLE, _usable_cores  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--layout", choices=generate.LAYOUTS, default="per-event")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--before", help="another source tree to run validate from")
    options = parser.parse_args()
    root = str(generate.ensure(options.size, options.layout))
    validate = [sys.executable, "-m", "policy_timeline", "validate", "-t", root, "--no-cache"]
    here = str(HERE.parent / "src")
    commands = {
        "floor A as a process": (
            [sys.executable, str(HERE / "probe.py"), "floor-a", root],
            "",
            here,
        ),
        "validate --no-cache, one process": (validate, "0", here),
        f"validate --no-cache, {_usable_cores()} workers": (validate, "", here),
    }
    if options.before:
        before = str(Path(options.before).resolve())
        commands["before: validate, one process"] = (validate, "0", before)
        commands[f"before: validate, {_usable_cores()} workers"] = (validate, "", before)
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(options.repeat):
        for name, (command, workers, source) in commands.items():
            os.environ.pop(WORKERS_VARIABLE, None)
            if workers:
                os.environ[WORKERS_VARIABLE] = workers
            os.environ["PYTHONPATH"] = source
            run = measure(command)
            runs[name].append(run)
            print(f"  ({name}: wall {run.seconds:.2f} s, cpu {run.cpu:.2f} s)", flush=True)
    floor = statistics.median(run.seconds for run in runs["floor A as a process"])
    floor_cpu = statistics.median(run.cpu for run in runs["floor A as a process"])
    print(f"{options.size:,} events, {options.layout}, {options.repeat} runs (median)")
    for name, samples in runs.items():
        wall = statistics.median(run.seconds for run in samples)
        cpu = statistics.median(run.cpu for run in samples)
        print(
            f"  {name:36} wall {wall:7.2f} s ({wall / floor:.2f}x floor A)   "
            f"cpu {cpu:7.2f} s ({cpu / floor_cpu:.2f}x)",
            flush=True,
        )
    amdahl(root, floor_cpu, options.repeat)


def amdahl(root: str, floor_cpu: float, repeat: int) -> None:
    os.environ.pop(WORKERS_VARIABLE, None)
    os.environ["PYTHONPATH"] = str(HERE.parent / "src")
    probe = [sys.executable, str(HERE / "probe.py"), "cpu-split", root]
    splits = [
        json.loads(subprocess.run(probe, capture_output=True, check=True).stdout)
        for _ in range(repeat)
    ]
    serial = statistics.median(split["parent"] for split in splits) / floor_cpu
    work = statistics.median(split["workers"] for split in splits) / floor_cpu
    print(f"  CPU as a share of floor A's: parent S = {serial:.2f}, workers W = {work:.2f}")
    for cores in (2, 4, 8, 16):
        print(f"  {cores:2} cores: S + W / {cores:<2} = {serial + work / cores:.2f}x floor A")


if __name__ == "__main__":
    main()
