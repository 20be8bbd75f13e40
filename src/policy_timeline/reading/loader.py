"""Loading a timeline folder: every event file read, checked and cross-checked.

Each file is read on its own into a ``FileResult`` (``file_reader``); results are kept between
loads (and, on request, in the disk cache), so a reload only reads the files
whose stamp (size, mtime, ctime, inode) changed. A file whose stamp is too
recent to tell apart from a change made in the same clock tick is read again
and its digest compared, so a result is never reused for other bytes.
"""

from __future__ import annotations

import gc
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path

from policy_timeline.model.events import Event, Timeline
from policy_timeline.model.problems import Problem
from policy_timeline.model.text import plain
from policy_timeline.reading.across import Links, check_across_files
from policy_timeline.reading.cache import DiskCache
from policy_timeline.reading.checker import FieldChecker
from policy_timeline.reading.discover import (
    FoundFile,
    TimelineNotFound,
    display_path,
    file_order,
    find_files,
    found_file,
    locate_file,
)
from policy_timeline.reading.file_reader import FileResult, placed, read_files, sort_known
from policy_timeline.reading.meta import Meta, read_meta
from policy_timeline.reading.yamlio import read_yaml

__all__ = ["LoadResult", "TimelineLoader", "TimelineNotFound", "load_timeline"]


@dataclass(slots=True)
class LoadResult:
    timeline: Timeline
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    reread: int = 0  # files read from disk this time, rather than reused

    @property
    def ok(self) -> bool:
        return not self.problems


def load_timeline(root: Path, cache: bool = False) -> LoadResult:
    """Reads every file of a timeline; problems are collected, never raised.

    With ``cache``, unchanged files are taken from the disk cache.
    """
    return TimelineLoader(root, DiskCache.for_timeline(root) if cache else None).load()


class TimelineLoader:
    """Loads one timeline again and again, rereading only what changed."""

    def __init__(self, root: Path, disk: DiskCache | None = None) -> None:
        self.root = root
        self.disk = disk
        self._results: dict[str, FileResult] = {}
        self._meta_stamp: bytes | None = None
        self._found: list[FoundFile] | None = None
        self._folder_problems: list[Problem] = []
        self._meta_file: FoundFile | None = None

    def files_read(self) -> list[FoundFile]:
        """The files the last load was made of, as it found them (the metadata file
        last, if any): what a later walk is compared with to tell what changed."""
        return [*(self._found or ()), *([self._meta_file] if self._meta_file else [])]

    def load(self, changed: Collection[str] | None = None) -> LoadResult:
        """Loads the timeline; ``changed`` (paths a watcher saw change) spares the
        walk over every file, so an edit to one of 100k files costs one read."""
        # A load makes millions of small objects that all live on; the cyclic
        # collector would walk them again and again for nothing (it doubles a
        # warm load of 100k events), so it waits until the load is done.
        collecting = gc.isenabled()
        gc.disable()
        try:
            result = self._load(changed)
            # What was just built lives as long as the caller keeps the timeline
            # and holds no reference cycles: moved out of the collector's sight,
            # later full collections do not walk it (at 100k events each such
            # walk is most of a second). Reference counting still frees it.
            gc.freeze()
            return result
        finally:
            if collecting:
                gc.enable()

    def _load(self, changed: Collection[str] | None) -> LoadResult:
        if changed is None or self._found is None:
            walk = find_files(self.root)
            found, meta_file, self._folder_problems = walk.files, walk.meta, walk.problems
        else:
            found, meta_file = self._update_found(self._found, changed)
        self._found, self._meta_file = found, meta_file
        problems: list[Problem] = list(self._folder_problems)
        meta, stamp = self._load_meta(meta_file, problems)
        if stamp != self._meta_stamp:
            # New vocabularies change what every event file's check says.
            self._results = self.disk.read(stamp) if self.disk else {}
            self._meta_stamp = stamp
        results, stale, verified = sort_known(found, self._results)
        # The files to read are read together, so that many can share the cores.
        results.update(zip((file.relative for file in stale), read_files(stale, meta), strict=True))
        results = {file.relative: results[file.relative] for file in found}  # file order
        reread = len(stale)
        self._results = results
        if self.disk and (reread or verified):
            self.disk.write(stamp, results)

        displays = {file.relative: file.display for file in found}
        events: list[Event] = []
        for file in found:
            result = results[file.relative]
            events.extend(result.events)
            problems.extend(replace(problem, path=file.display) for problem in result.problems)
        if not found and not self._folder_problems and self.root.is_dir():
            problems.append(no_event_files(self.root))
        problems.extend(_across_files(results, displays, found))
        timeline = Timeline(
            name=timeline_name(meta, self.root),
            root=self.root,
            events=events,
            description=meta.description,
            vocabulary=meta.vocabulary,
        )
        return LoadResult(timeline, sorted(problems), len(found), reread)

    def _update_found(
        self, found: list[FoundFile], changed: Collection[str]
    ) -> tuple[list[FoundFile], FoundFile | None]:
        by_relative = {file.relative: file for file in found}
        meta_file = self._meta_file
        for path in changed:
            located = locate_file(self.root, Path(path))
            if located is None:
                continue
            relative, is_meta = located
            fresh = found_file(self.root, relative)
            if is_meta:
                meta_file = fresh
            elif fresh is None:
                by_relative.pop(relative, None)
            else:
                by_relative[relative] = fresh
        return sorted(by_relative.values(), key=file_order), meta_file

    def _load_meta(self, file: FoundFile | None, problems: list[Problem]) -> tuple[Meta, bytes]:
        return load_meta(file, problems)


def timeline_name(meta: Meta, root: Path) -> str:
    return meta.name or plain(root.name if root.is_dir() else root.stem, one_line=True)


def no_event_files(root: Path) -> Problem:
    return Problem(
        display_path(root),
        field="timeline",
        message="no event files (*.yaml, *.yml) in this folder",
    )


def load_meta(file: FoundFile | None, problems: list[Problem]) -> tuple[Meta, bytes]:
    """The metadata, and the digest of its bytes, which every event file's check depends on."""
    if file is None:
        return Meta(), b""
    read = read_yaml(file.path, file.display)
    if read.text is None or read.problems:
        problems.extend(read.problems)
        return Meta(), read.digest
    checked: list[Problem] = []
    meta = read_meta(read.data, FieldChecker(file.display, checked))
    problems.extend(placed(checked, read.text))
    return meta, read.digest


def _across_files(
    results: dict[str, FileResult], displays: dict[str, str], found: list[FoundFile]
) -> list[Problem]:
    """Duplicate ids and links to missing events, from the loaded files."""

    def links() -> Links:
        for relative, result in results.items():
            for event, prefix in zip(result.events, result.prefixes, strict=True):
                for number, link in enumerate(event.related):
                    yield relative, prefix, number, link.id

    ids = (
        (relative, prefix, event.id)
        for relative, result in results.items()
        for event, prefix in zip(result.events, result.prefixes, strict=True)
    )
    return check_across_files(ids, links, displays, {file.relative: file.path for file in found})
