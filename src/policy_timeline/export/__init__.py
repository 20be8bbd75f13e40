"""Machine-readable exports, one module per format behind one small interface.

Each format is registered once with its name, its file suffix and a line of
help, so the command line's help and its choice of format from an output
file's suffix come from this table.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import Protocol

from policy_timeline.model import Event, Timeline

ICS_PERIODS = ("markers", "spans")


@dataclass(frozen=True, slots=True)
class ExportOptions:
    # Prefix a spreadsheet cell that would run as a formula with "'" (csv only).
    formula_guard: bool = True
    # iCalendar: a long period as a start and an end entry ("markers"), or as
    # one all-day entry across every day it covers ("spans").
    ics_periods: str = "markers"


DEFAULT_OPTIONS = ExportOptions()


class Exporter(Protocol):
    """Turns the filtered events of a timeline into the file's text."""

    def __call__(self, timeline: Timeline, events: list[Event],
                 options: ExportOptions = DEFAULT_OPTIONS) -> str: ...


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    suffixes: tuple[str, ...]
    help: str
    module: str
    function: str


# A module is imported only when its format is used: icalendar and Rich cost a
# command-line start-up a tenth of a second or more, which `json` has no use for.
REGISTRY: tuple[ExportFormat, ...] = (
    ExportFormat("json", (".json",), '{"events": [...]}', "json_format", "export_json"),
    ExportFormat("jsonl", (".jsonl", ".ndjson"), "one event per line", "jsonl_format",
                 "export_jsonl"),
    ExportFormat("csv", (".csv",), "one row per event", "csv_format", "export_csv"),
    ExportFormat("markdown", (".md", ".markdown"), "a memo brief by year", "markdown_format",
                 "export_markdown"),
    ExportFormat("ics", (".ics",), "iCalendar", "ics_format", "export_ics"),
    ExportFormat("timelinejs", (), "TimelineJS3 JSON", "timelinejs_format",
                 "export_timelinejs"),
)
_BY_NAME = {entry.name: entry for entry in REGISTRY}


def format_for_suffix(suffix: str) -> str | None:
    """The format an output file's suffix names, if exactly one does."""
    found = [entry.name for entry in REGISTRY if suffix.lower() in entry.suffixes]
    return found[0] if len(found) == 1 else None


class _Formats(Mapping[str, Exporter]):
    def __getitem__(self, name: str) -> Exporter:
        entry = _BY_NAME[name]
        exporter: Exporter = getattr(import_module(f"{__name__}.{entry.module}"),
                                     entry.function)
        return exporter

    def __iter__(self) -> Iterator[str]:
        return iter(_BY_NAME)

    def __len__(self) -> int:
        return len(_BY_NAME)


FORMATS: Mapping[str, Exporter] = _Formats()
