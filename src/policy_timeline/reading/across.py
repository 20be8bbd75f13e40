"""The checks no single file can make: duplicate ids and links to missing events.

They run over every event of the timeline in file order, on every load, from
the loaded files. The index keeps the same problems up to date with indexed
queries (``query/store_across.py``), in these words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from policy_timeline.model.problems import HintBudget, Problem, YamlPath, field_label
from policy_timeline.reading.discover import read_regular_file
from policy_timeline.reading.file_reader import placed

# Each event's file (relative), the YAML path of the event in it, and its id.
Ids = Iterable[tuple[str, YamlPath, str]]
# Each link's file, its event's YAML path, its number among the event's links, and its target.
Links = Iterable[tuple[str, YamlPath, int, str]]


def check_across_files(
    ids: Ids,
    links: Callable[[], Links],
    displays: Mapping[str, str],
    paths: Mapping[str, str],
) -> list[Problem]:
    """The problems, placed in their files. ``links`` is called once the ids are
    known, so a reader from the index need not hold the links meanwhile."""
    unplaced: dict[str, list[Problem]] = {}

    def report(relative: str, prefix: YamlPath, path: YamlPath, message: str) -> None:
        unplaced.setdefault(relative, []).append(
            Problem(
                displays[relative],
                field=field_label(path),
                message=message,
                yaml_path=prefix + path,
            )
        )

    did_you_mean = HintBudget()
    first_seen: dict[str, str] = {}
    for relative, prefix, event_id in ids:
        if event_id in first_seen:
            report(relative, prefix, ("id",), duplicate(event_id, displays[first_seen[event_id]]))
        else:
            first_seen[event_id] = relative
    for relative, prefix, number, target in links():
        if target not in first_seen:
            hint = did_you_mean(target, first_seen)
            report(relative, prefix, ("related", number, "id"), missing(target, hint))
    problems: list[Problem] = []
    for relative, file_problems in unplaced.items():
        text = text_of(paths[relative])
        problems.extend(placed(file_problems, text) if text is not None else file_problems)
    return problems


def duplicate(event_id: str, first_display: str) -> str:
    return f"duplicate id {event_id!r}, first used in {first_display}"


def missing(target: str, hint: str) -> str:
    return f"no event has the id {target!r}{hint}"


def text_of(path: str) -> str | None:
    try:
        return read_regular_file(path).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
