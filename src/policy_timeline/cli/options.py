"""From parsed options to what a command works on: the folder, the loaded timeline, the filter."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policy_timeline.model.dates import DateError, PartialDate, parse_partial_date
from policy_timeline.model.problems import did_you_mean
from policy_timeline.paths import bundled_timeline
from policy_timeline.query.index import FACETS, Facet, Filter, TimelineIndex
from policy_timeline.query.store_query import StoredIndex, open_index
from policy_timeline.reading.loader import LoadResult, load_timeline
from policy_timeline.reading.outcomes import describe

PROG = "policy-timeline"


class UsageError(Exception):
    """A command line that cannot be acted on; reported in one line, exit status 2."""


def timeline_folder(options: argparse.Namespace) -> Path:
    folder: Path | None = getattr(options, "folder", None)
    if folder is not None and options.timeline is not None:
        raise UsageError("give the timeline folder once: either DIR or -t DIR")
    return folder or options.timeline or bundled_timeline()


def load_for_reading(options: argparse.Namespace) -> LoadResult:
    """Loads for commands that show data: problems are a warning, not a stop."""
    result = load_timeline(timeline_folder(options), cache=not options.no_cache)
    if result.problems:
        # By list item, as the explorer and the index in the cache folder tell
        # it (StoredIndex.describe_problems): the same words whichever is read.
        _warn(describe(result.problems, result.timeline))
    return result


def index_for_reading(options: argparse.Namespace) -> TimelineIndex | StoredIndex:
    """What commands that show data filter: the index in the cache folder, which
    decodes only the events written, or (with --no-cache, or where there can be
    no index) the timeline loaded whole. Problems are a warning, not a stop."""
    stored = None if options.no_cache else open_index(timeline_folder(options))
    if stored is None:
        return TimelineIndex(load_for_reading(options).timeline)
    if stored.problems:
        _warn(stored.describe_problems())
    return stored


def _warn(description: str) -> None:
    print(f"{PROG}: warning: {description} (run '{PROG} validate' for details)", file=sys.stderr)


def filter_from_options(options: argparse.Namespace, index: TimelineIndex | StoredIndex) -> Filter:
    query = Filter(
        date_from=date_option(options.date_from, "--from"),
        date_to=date_option(options.date_to, "--to"),
        search=options.search,
        ids=_marked_ids(options) if getattr(options, "marked", False) else None,
    )
    for facet in FACETS.values():
        query = facet.choose(query, _facet_values(getattr(options, facet.name), facet, index))
    return query


def _marked_ids(options: argparse.Namespace) -> frozenset[str]:
    from policy_timeline.query.marks import Marks, default_data_dir

    marks = Marks.for_timeline(default_data_dir(), timeline_folder(options))
    if marks.error:
        raise UsageError(marks.error)
    if not marks.ids:
        print(
            f"{PROG}: warning: no events are marked for {timeline_folder(options)} "
            "(mark them in the explorer with m)",
            file=sys.stderr,
        )
    return frozenset(marks.ids)


def _facet_values(
    given: list[str], facet: Facet, index: TimelineIndex | StoredIndex
) -> frozenset[str]:
    known = set(index.values(facet.name)) | set(facet.declared(index.timeline) or {})
    folded = {value.casefold() for value in known}
    for value in given:
        if value.casefold() not in folded:
            hint = did_you_mean(value, known) or (
                f" (known: {', '.join(sorted(known))})" if len(known) <= 12 else ""
            )
            raise UsageError(f"no {facet.name} {value!r} in this timeline{hint}")
    return frozenset(given)


def date_option(text: str | None, option: str) -> PartialDate | None:
    if text is None:
        return None
    try:
        return parse_partial_date(text)
    except DateError as error:
        raise UsageError(f"{option}: {error}") from None
