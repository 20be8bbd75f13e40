"""The checks no single file can make (duplicate ids, links to nowhere), kept in
step with the index's rows.

A load runs them over every event (``reading/across.py``); the index keeps
their problems in the table ``across``, one row per problem, and a write
looks again only where an answer can have changed:

- the rows of the changed and removed files go;
- every id that a write removed or added is looked up (``events_id``): its
  events after the first in file order are duplicates, the first one named;
- every link to such an id, or made by a changed file, is looked up
  (``links_target``): it dangles when no event has its target.

A problem's line and column are found by composing its file, once per file
with new problems; a problem that was already there keeps its place.
Did-you-mean hints come from a budget spent in file order over every id
(``HintBudget``), so past the budget's number of ids there are none, and
below it they are given again after each write, as a load would.

The problems come out in the order and the words of a load's, so a warm
open reports exactly what ``validate --no-cache`` reports.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Collection, Iterator, Mapping

from policy_timeline.model.problems import HintBudget, Problem, YamlPath, field_label
from policy_timeline.reading.across import duplicate, missing, text_of
from policy_timeline.reading.file_reader import placed

# ``number`` of a duplicate id's row; a link's row has the link's number (from 0).
DUPLICATE = -1
# A problem found: its file's key and name, the event's index and whether the
# file lists events, the link's number (or DUPLICATE), the id or the link's
# target, and for a duplicate the file where the id is first used.
Found = tuple[bytes, int, int, bytes, int, str, bytes | None]

_DUPLICATES = """
SELECT id, file, file_key, idx, listed FROM events
WHERE id IN ({}) ORDER BY id, file_key, idx
"""
_DANGLING = """
SELECT e.file_key, e.idx, l.number, e.file, e.listed, l.target
FROM links l JOIN events e ON e.row = l.row
WHERE {} NOT EXISTS (SELECT 1 FROM events x WHERE x.id = l.target)
"""


def recheck(
    connection: sqlite3.Connection,
    paths: Mapping[bytes, str],
    changed: Collection[bytes] | None,
    ids: Collection[str] = (),
    targets: Collection[str] = (),
) -> None:
    """Brings ``across`` up to date after a write. ``paths`` gives each file's
    path by its name; ``changed`` the file keys of the files whose rows were
    replaced or removed, or None when every row is new; ``ids`` the ids of
    the events removed and added, ``targets`` the links' targets added."""
    if changed is None:
        connection.execute("DELETE FROM across")
        duplicates = _DUPLICATES.format("SELECT id FROM events GROUP BY id HAVING count(*) > 1")
        dangling = _DANGLING.format("")
        kept: dict[tuple[bytes, int, int], tuple[int, int]] = {}
    else:
        connection.executemany("DELETE FROM across WHERE file_key = ?", [(k,) for k in changed])
        _fill(connection, "recheck_ids", ids)
        _fill(connection, "recheck_targets", set(ids) | set(targets))
        moved = (
            f"FROM across WHERE number = {DUPLICATE} AND id IN (SELECT key FROM temp.recheck_ids) "
            "OR number >= 0 AND id IN (SELECT key FROM temp.recheck_targets)"
        )
        kept = {
            (file_key, idx, number): (line, col)
            for file_key, idx, number, line, col in connection.execute(
                f"SELECT file_key, idx, number, line, col {moved}"
            )
        }
        connection.execute(f"DELETE {moved}")
        duplicates = _DUPLICATES.format("SELECT key FROM temp.recheck_ids")
        dangling = _DANGLING.format("l.target IN (SELECT key FROM temp.recheck_targets) AND")
    found = [*_duplicates(connection.execute(duplicates))]
    found.extend(
        (file_key, idx, number, file, listed, target, None)
        for file_key, idx, number, file, listed, target in connection.execute(dangling)
    )
    connection.executemany(
        "INSERT INTO across VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?)",
        [(*problem, *place) for problem, place in _placed(found, kept, paths)],
    )
    _give_hints(connection)


def stored(connection: sqlite3.Connection, displays: Mapping[bytes, str]) -> list[Problem]:
    """The problems, in a load's order: the files with duplicate ids first, then
    the others, each in file order; in a file, its duplicates, then its links."""
    rows = connection.execute(
        "SELECT file_key, idx, number, file, id, first, hint, line, col FROM across"
    ).fetchall()
    with_duplicates = {row[0] for row in rows if row[2] == DUPLICATE}
    rows.sort(
        key=lambda row: (row[0] not in with_duplicates, row[0], row[2] != DUPLICATE, *row[1:3])
    )
    problems = []
    for _, _, number, file, key, first, hint, line, col in rows:
        if number == DUPLICATE:
            field, message = "id", duplicate(key, displays[first])
        else:
            field, message = field_label(_path(number)), missing(key, hint)
        problems.append(Problem(displays[file], line, col, field, message))
    return problems


def _fill(connection: sqlite3.Connection, table: str, keys: Collection[str]) -> None:
    connection.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table}(key TEXT PRIMARY KEY)")
    connection.execute(f"DELETE FROM temp.{table}")
    connection.executemany(f"INSERT OR IGNORE INTO temp.{table} VALUES (?)", [(k,) for k in keys])


def _duplicates(rows: sqlite3.Cursor) -> Iterator[Found]:
    for event_id, events in itertools.groupby(rows, key=lambda row: row[0]):
        first, *others = events
        for _, file, file_key, idx, listed in others:
            yield file_key, idx, DUPLICATE, file, listed, event_id, first[1]


def _path(number: int) -> YamlPath:
    return ("id",) if number == DUPLICATE else ("related", number, "id")


def _placed(
    found: list[Found],
    kept: Mapping[tuple[bytes, int, int], tuple[int, int]],
    paths: Mapping[bytes, str],
) -> Iterator[tuple[Found, tuple[int, int]]]:
    """Each problem with its line and column: kept when it was there before,
    else found by composing its file (once per file)."""
    new: dict[bytes, list[Found]] = {}
    for problem in found:
        place = kept.get(problem[:3])
        if place is None:
            new.setdefault(problem[3], []).append(problem)
        else:
            yield problem, place
    for file, problems in new.items():
        text = text_of(paths[file])
        unplaced = [
            Problem("", yaml_path=((idx,) if listed else ()) + _path(number))
            for _, idx, number, _, listed, _, _ in problems
        ]
        for problem, at in zip(
            problems, placed(unplaced, text) if text is not None else unplaced, strict=True
        ):
            yield problem, (at.line, at.col)


def _give_hints(connection: sqlite3.Connection) -> None:
    """The hints a load gives: while the budget lasts, links in file order get
    the closest id, among every id in the order they are first used."""
    connection.execute("UPDATE across SET hint = '' WHERE hint != ''")
    budget = HintBudget()
    (distinct,) = connection.execute(
        "SELECT count(*) FROM (SELECT DISTINCT id FROM events LIMIT ?)", (budget.left + 1,)
    ).fetchone()
    if not distinct or distinct > budget.left:
        return  # no id to hint at, or too many to compare with any of them
    links = connection.execute(
        "SELECT file_key, idx, number, id FROM across WHERE number >= 0 "
        "ORDER BY file_key, idx, number LIMIT ?",
        (budget.left // distinct,),
    ).fetchall()
    if not links:
        return
    in_file_order = connection.execute("SELECT id FROM events ORDER BY file_key, idx")
    choices = dict.fromkeys(event_id for (event_id,) in in_file_order)
    hints = [(budget(target, choices), *key) for *key, target in links]
    connection.executemany(
        "UPDATE across SET hint = ? WHERE file_key = ? AND idx = ? AND number = ?",
        [hint for hint in hints if hint[0]],
    )
