"""One event file read and checked on its own: the unit the load cache keeps
and worker processes share.

What a file yields depends only on its bytes and the timeline's vocabularies,
so a result can be reused until either changes; the loader adds the checks
that need every file at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

import msgspec

from policy_timeline.model.events import Event
from policy_timeline.model.problems import HintBudget, Problem
from policy_timeline.model.text import plain
from policy_timeline.reading.checker import FieldChecker
from policy_timeline.reading.discover import FoundFile, Stamp, digest, read_regular_file
from policy_timeline.reading.fields import read_event
from policy_timeline.reading.meta import Meta
from policy_timeline.reading.workers import chunked, map_chunks, worker_count
from policy_timeline.reading.yaml_positions import Positions, compose
from policy_timeline.reading.yamlio import read_yaml


@dataclass(slots=True)
class FileResult:
    """What one file holds: its events (with their YAML paths) and its own problems."""

    stamp: Stamp
    digest: bytes  # of the bytes the result was made from
    read_ns: int  # when they were read
    events: list[Event] = field(default_factory=list)
    prefixes: list[tuple[int, ...]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


Shaped = TypeVar("Shaped")
_ENCODER = msgspec.msgpack.Encoder()
_RESULTS = msgspec.msgpack.Decoder(list[FileResult])


# Clock ticks of file systems reach two seconds (FAT); a file changed less than
# that before it was read may change again without a new stamp.
SAME_TICK_NS = 2_000_000_000


def settled(stamp: Stamp, read_ns: int) -> bool:
    """Whether bytes read at ``read_ns`` from a file of this stamp are known to be
    its bytes for as long as the stamp stays: it was last changed more than a
    clock tick before. Otherwise a change in that tick could keep the stamp, and
    the file is read again to compare its digest (``sort_known``)."""
    return max(stamp[1], stamp[2]) <= read_ns - SAME_TICK_NS


def still_holds(file: FoundFile, result: FileResult) -> FileResult | None:
    """The result again if the file still holds the bytes it was made from, now
    settled (read again at this time); None if it changed or cannot be read."""
    now = time.time_ns()
    try:
        raw = read_regular_file(file.path)
    except OSError:
        return None
    if digest(raw) != result.digest:
        return None
    return replace(result, read_ns=now)


def sort_known(
    found: Sequence[FoundFile], known: Mapping[str, FileResult]
) -> tuple[dict[str, FileResult], list[FoundFile], int]:
    """What is known of the files that still holds, and the files to read again.

    A file is read again when its stamp changed; a file whose stamp is too
    recent to tell apart from a change made in the same clock tick is read and
    its digest compared, so a result is never reused for other bytes. Also
    returns how many results were so verified (their ``read_ns`` renewed).
    """
    results: dict[str, FileResult] = {}
    stale: list[FoundFile] = []
    verified = 0
    for file in found:
        result = known.get(file.relative)
        if result is None or result.stamp != file.stamp:
            stale.append(file)
            continue
        if not settled(file.stamp, result.read_ns):
            fresh = still_holds(file, result)
            if fresh is None:
                stale.append(file)
                continue
            result, verified = fresh, verified + 1
        results[file.relative] = result
    return results, stale, verified


def read_files(files: list[FoundFile], meta: Meta) -> list[FileResult]:
    """The files read and checked, in their order."""
    return list(iter_read_files(files, meta))


def iter_read_files(files: list[FoundFile], meta: Meta) -> Iterator[FileResult]:
    """The files read and checked, in their order, each given as soon as it is
    (so a caller that writes them away never holds them all): in worker
    processes when there are enough bytes to repay starting them, else here."""
    return read_files_as(files, meta, _as_is, _RESULTS.decode)


def read_files_as(
    files: Sequence[FoundFile],
    meta: Meta,
    shape: Callable[[FoundFile, FileResult], Shaped],
    decode: Callable[[bytes], list[Shaped]],
) -> Iterator[Shaped]:
    """``iter_read_files``, each result made into what ``shape`` makes of it where
    it was read: in a worker, that work is spread too, and only its result is
    sent (as MessagePack, which ``decode`` reads back)."""
    sizes = [file.stamp[0] for file in files]
    workers = worker_count(sum(max(size, 0) for size in sizes))
    if not workers:
        return (shape(file, _read_file(file, meta)) for file in files)

    def read_chunk(chunk: Sequence[FoundFile], meta: Meta) -> bytes:
        return _ENCODER.encode([shape(file, _read_file(file, meta)) for file in chunk])

    return map_chunks(read_chunk, chunked(files, sizes, workers), meta, decode, workers)


def _as_is(file: FoundFile, result: FileResult) -> FileResult:
    return result


def _read_file(file: FoundFile, meta: Meta, fast: bool = True) -> FileResult:
    read_ns = time.time_ns()
    read = read_yaml(file.path, file.display, fast)
    result = FileResult(file.stamp, read.digest, read_ns)
    result.problems.extend(read.problems)
    if read.text is None or read.problems:
        return result
    check = FieldChecker(file.display, result.problems)
    if read.fast:
        # Any problem found here is found again in the C loader's reading, and
        # reported from there: hints would be spent twice for nothing.
        check.did_you_mean = HintBudget(0)
    data = read.data
    # Events record their file's name for people to read, so it is made inert
    # here, once (a name may hold control characters, or bytes that are not UTF-8).
    shown_name = plain(file.relative, one_line=True)
    if isinstance(data, dict):
        event = read_event(data, (), check, meta.vocabulary, shown_name, 0)
        if event:
            result.events.append(event)
            result.prefixes.append(())
    elif isinstance(data, list):
        if not data:
            result.problems.append(
                Problem(file.display, 1, 1, "file", "the list of events is empty")
            )
        for index, item in enumerate(data):
            event = read_event(item, (index,), check, meta.vocabulary, shown_name, index)
            if event:
                result.events.append(event)
                result.prefixes.append((index,))
    else:
        what = "the file is empty" if data is None else "the file holds a single value"
        result.problems.append(
            Problem(
                file.display,
                1,
                1,
                "file",
                f"{what}: expected one event (a mapping) or a list of events",
            )
        )
    if result.problems and read.fast:
        # The C loader is the authority on whatever is wrong, and where.
        return _read_file(file, meta, fast=False)
    if result.problems:
        result.problems = placed(result.problems, read.text)
    return result


def placed(problems: list[Problem], text: str) -> list[Problem]:
    """Gives line and column to problems that carry only a YAML path.

    The file is composed again for this, which only files with problems pay for.
    """
    positions: Positions | None = None
    placed = []
    for problem in problems:
        if problem.yaml_path is not None and not problem.line:
            if positions is None:
                positions = Positions(compose(text))
            line, col = positions(problem.yaml_path, problem.at_key)
            problem = Problem(problem.path, line, col, problem.field, problem.message)
        placed.append(problem)
    return placed
