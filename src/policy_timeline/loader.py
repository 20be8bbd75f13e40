"""Loading a timeline folder: every event file read, checked and cross-checked."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import Node

from policy_timeline.fields import FieldChecker, read_event
from policy_timeline.meta import META_FILE, Meta, read_meta
from policy_timeline.model import Event, Timeline
from policy_timeline.problems import Problem, YamlPath, did_you_mean, field_label
from policy_timeline.yamlio import compose, position, read_yaml

EVENT_SUFFIXES = (".yaml", ".yml")


class TimelineNotFound(Exception):
    """The timeline path does not exist or cannot be listed."""


@dataclass(slots=True)
class LoadResult:
    timeline: Timeline
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def find_event_files(root: Path) -> list[Path]:
    """Every event file below the folder, in a stable order; dot-folders are skipped."""
    if root.is_file():
        return [root]
    found: list[Path] = []

    def fail(error: OSError) -> None:
        if Path(error.filename or "") == root:
            raise TimelineNotFound(f"cannot read timeline folder {root}: {error.strerror}")

    for folder, subfolders, names in os.walk(root, onerror=fail):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        base = Path(folder)
        for name in sorted(names):
            if name.startswith(".") or not name.endswith(EVENT_SUFFIXES):
                continue
            if base == root and name == META_FILE:
                continue
            found.append(base / name)
    return found


@dataclass(frozen=True, slots=True)
class _Place:
    """Where an event was read: the file as shown to the user, and its path in that file."""

    display: str
    prefix: tuple[int, ...]


def load_timeline(root: Path) -> LoadResult:
    """Reads every file of a timeline; problems are collected, never raised."""
    if not root.exists():
        raise TimelineNotFound(f"timeline folder not found: {root}")
    problems: list[Problem] = []
    meta = _load_meta(root, problems)
    files = find_event_files(root)
    events: list[Event] = []
    places: dict[int, _Place] = {}
    base = root if root.is_dir() else root.parent
    paths: dict[str, Path] = {}
    for path in files:
        display = _display(path)
        paths[display] = path
        result = read_yaml(path, display)
        problems.extend(result.problems)
        if not result.ok:
            continue
        for event, prefix in _read_events(result.data, path, base, display, meta, problems):
            events.append(event)
            places[id(event)] = _Place(display, prefix)
    if not files:
        problems.append(Problem(_display(root), field="timeline",
                                message="no event files (*.yaml, *.yml) in this folder"))
    _check_across_files(events, places, problems)
    problems = _with_positions(problems, paths)
    timeline = Timeline(
        name=meta.name or (root.name if root.is_dir() else root.stem),
        root=root,
        events=events,
        description=meta.description,
        vocabulary=meta.vocabulary,
    )
    return LoadResult(timeline, sorted(problems), len(files))


def _load_meta(root: Path, problems: list[Problem]) -> Meta:
    path = root / META_FILE
    if not root.is_dir() or not path.exists():
        return Meta()
    display = _display(path)
    result = read_yaml(path, display)
    if not result.ok:
        problems.extend(result.problems)
        return Meta()
    found: list[Problem] = []
    meta = read_meta(result.data, FieldChecker(display, found))
    problems.extend(_with_positions(found, {display: path}))
    return meta


def _read_events(data: object, path: Path, base: Path, display: str, meta: Meta,
                 problems: list[Problem]) -> list[tuple[Event, tuple[int, ...]]]:
    check = FieldChecker(display, problems)
    relative = path.relative_to(base).as_posix() if path != base else path.name
    if isinstance(data, dict):
        event = read_event(data, (), check, meta.vocabulary, relative, 0)
        return [(event, ())] if event else []
    if isinstance(data, list):
        if not data:
            problems.append(Problem(display, 1, 1, "file", "the list of events is empty"))
        found: list[tuple[Event, tuple[int, ...]]] = []
        for index, item in enumerate(data):
            event = read_event(item, (index,), check, meta.vocabulary, relative, index)
            if event:
                found.append((event, (index,)))
        return found
    what = "the file is empty" if data is None else "the file holds a single value"
    problems.append(Problem(display, 1, 1, "file",
                            f"{what}: expected one event (a mapping) or a list of events"))
    return []


def _check_across_files(events: list[Event], places: dict[int, _Place],
                        problems: list[Problem]) -> None:
    def report(event: Event, path: YamlPath, message: str) -> None:
        place = places[id(event)]
        problems.append(Problem(place.display, field=field_label(path), message=message,
                                yaml_path=place.prefix + path))

    first_seen: dict[str, Event] = {}
    for event in events:
        first = first_seen.setdefault(event.id, event)
        if first is not event:
            where = places[id(first)].display
            report(event, ("id",), f"duplicate id {event.id!r}, first used in {where}")
    for event in events:
        for number, link in enumerate(event.related):
            if link.id not in first_seen:
                hint = did_you_mean(link.id, first_seen)
                report(event, ("related", number, "id"), f"no event has the id {link.id!r}{hint}")


def _with_positions(problems: list[Problem], paths: dict[str, Path]) -> list[Problem]:
    """Looks up line and column for the problems that still carry only a YAML path.

    Only files with problems are composed again, so a clean timeline pays nothing.
    """
    trees: dict[str, Node | None] = {}
    placed = []
    for problem in problems:
        if problem.yaml_path is not None and not problem.line and problem.path in paths:
            if problem.path not in trees:
                trees[problem.path] = _compose_file(paths[problem.path])
            line, col = position(trees[problem.path], problem.yaml_path, problem.at_key)
            problem = Problem(problem.path, line, col, problem.field, problem.message)
        placed.append(problem)
    return placed


def _compose_file(path: Path) -> Node | None:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return compose(text)


def _display(path: Path) -> str:
    """The path as the user will want to click it: relative to here when it is below here."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()
