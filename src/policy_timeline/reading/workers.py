"""Spreading a cold load over every core: chunks of files read in worker processes.

Each worker reads a run of files and sends back their results as MessagePack
(msgspec), which the parent decodes about ten times faster than pickle rebuilds
frozen dataclasses. Results come back in the order the chunks were given, so
everything after the reading (cross-checks, the sorted problems) is exactly as
when the files are read in this process.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

Item = TypeVar("Item")
Shared = TypeVar("Shared")
Result = TypeVar("Result")

# Below this many bytes to read, starting workers costs more than they save.
# benchmarks/workers_threshold.py on the shared 2-core VM (load average 8, so
# no spare core): the pool adds about 85 ms, and workers win from about 0.7 MB
# (0.97x at 0.68 MB, 0.87x at 1.4 MB). With a core free the gain comes sooner.
MIN_BYTES = 1_000_000
# Chunks per worker: several, so a worker that finishes early takes another,
# and the parent decodes early chunks while later ones are still being read.
CHUNKS_PER_WORKER = 6
# And no chunk much larger than this, so a worker's results in flight stay small
# (at a million events, twelve chunks would each hold some 600 MB of events).
MAX_CHUNK_BYTES = 8_000_000
# Chunks given to each worker ahead of the one being decoded (see map_chunks).
IN_FLIGHT = 2
# Tests set this to force workers (a number) or forbid them (0) whatever the size.
WORKERS_VARIABLE = "POLICY_TIMELINE_WORKERS"


def worker_count(total_bytes: int) -> int:
    """How many worker processes to read ``total_bytes`` with; 0 means read here."""
    if _start_method() is None:
        return 0
    forced = os.environ.get(WORKERS_VARIABLE, "")
    if forced.isdigit():
        return int(forced)
    cores = _usable_cores()
    return cores if cores >= 2 and total_bytes >= MIN_BYTES else 0


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _start_method() -> str | None:
    """``fork`` where it is safe and cheap: Linux, with no other thread running.

    Forking copies only the calling thread, so a lock another thread holds at
    that moment stays held in the child for ever; the explorer's reloads (which
    run beside its threads) therefore read in their own process. Elsewhere a
    worker would have to start a fresh interpreter, which the threshold above
    was not measured for.
    """
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return None
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else None


def chunked(items: Sequence[Item], sizes: Sequence[int], workers: int) -> list[Sequence[Item]]:
    """Consecutive runs of ``items`` of about equal total size, to share among workers."""
    total = sum(max(size, 0) for size in sizes)
    if not items:
        return []
    count = max(workers * CHUNKS_PER_WORKER, total // MAX_CHUNK_BYTES + 1)
    target = max(total / count, 1)
    chunks: list[Sequence[Item]] = []
    start = 0
    filled = 0
    for index, size in enumerate(sizes):
        filled += max(size, 0)
        if filled >= target * (len(chunks) + 1) and index + 1 < len(items):
            chunks.append(items[start : index + 1])
            start = index + 1
    chunks.append(items[start:])
    return chunks


# What a pool's workers read their chunks from, by a number per map: set before
# the pool forks them, so that a task sends two numbers, not its files. Pickling
# the file records of 100,000 files (and unpickling them in the workers) cost
# the parent nearly as much as decoding all their results.
_INHERITED: dict[int, tuple[Callable[[Any, Any], bytes], Sequence[Any], Any]] = {}
_MAPS = itertools.count()


def _run_inherited(token: int, index: int) -> bytes:
    job, chunks, shared = _INHERITED[token]
    return job(chunks[index], shared)


def map_chunks(
    job: Callable[[Sequence[Item], Shared], bytes],
    chunks: list[Sequence[Item]],
    shared: Shared,
    decode: Callable[[bytes], list[Result]],
    workers: int,
) -> Iterator[Result]:
    """``job`` run over every chunk in ``workers`` processes, its results decoded here,
    in order. Should the pool fail to start or die, the remaining chunks are run here,
    so a load never fails for want of processes."""
    done = 0
    token = next(_MAPS)
    _INHERITED[token] = (job, chunks, shared)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            # At most IN_FLIGHT chunks per worker are given out ahead of the one
            # decoded here: a caller slower than the workers (the index's writer)
            # would otherwise collect every chunk's results in memory (1.1 GB at 1M).
            pending: deque[Future[bytes]] = deque()
            for index in range(len(chunks)):
                if len(pending) >= workers * IN_FLIGHT:
                    yield from decode(pending.popleft().result())
                    done += 1
                pending.append(pool.submit(_run_inherited, token, index))
            while pending:
                yield from decode(pending.popleft().result())
                done += 1
    except (BrokenProcessPool, OSError, ValueError):
        pass
    finally:
        del _INHERITED[token]
    for chunk in chunks[done:]:
        yield from decode(job(chunk, shared))
