"""Machine-readable exports, one module per format behind one small interface.

Each format is registered once with its name, its file suffix and a line of
help, so the command line's help and its choice of format from an output
file's suffix come from this table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import Protocol

from policy_timeline.model.events import Event, Timeline

ICS_PERIODS = ("markers", "spans")


class ExportError(ValueError):
    """Events the format cannot represent; the message names them and says why."""


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

    def __call__(
        self, timeline: Timeline, events: list[Event], options: ExportOptions = DEFAULT_OPTIONS
    ) -> str: ...


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    suffixes: tuple[str, ...]
    help: str
    module: str
    function: str
    # What the function returns: "text" (a str for a file or standard output),
    # "binary" (bytes for a file) or "folder" (file names to text, for -o DIR).
    writes: str = "text"
    # A generator of the same text in pieces, event by event, in the same module,
    # for formats that need nothing from later events to write earlier ones.
    chunks: str = ""

    def exporter(self) -> Callable[..., str | bytes | dict[str, str]]:
        found: Callable[..., str | bytes | dict[str, str]] = getattr(
            import_module(f"{__name__}.{self.module}"), self.function
        )
        return found

    def text_chunks(
        self, timeline: Timeline, events: Sequence[Event], options: ExportOptions = DEFAULT_OPTIONS
    ) -> Iterator[str]:
        """A text format's output in pieces that join to its text: written as each
        event is made where the format allows, so output starts at once and the
        whole text is never held; otherwise the text in one piece."""
        if not self.chunks:
            text = self.exporter()(timeline, list(events), options)
            assert isinstance(text, str)
            return iter((text,))
        chunks: Callable[[Timeline, Sequence[Event], ExportOptions], Iterator[str]] = getattr(
            import_module(f"{__name__}.{self.module}"), self.chunks
        )
        return chunks(timeline, events, options)


# A module is imported only when its format is used: icalendar and Rich cost a
# command-line start-up a tenth of a second or more, which `json` has no use for.
REGISTRY: tuple[ExportFormat, ...] = (
    ExportFormat(
        "json", (".json",), '{"events": [...]}', "json_format", "export_json", chunks="json_chunks"
    ),
    ExportFormat(
        "jsonl",
        (".jsonl", ".ndjson"),
        "one event per line",
        "jsonl_format",
        "export_jsonl",
        chunks="jsonl_chunks",
    ),
    ExportFormat(
        "csv", (".csv",), "one row per event", "csv_format", "export_csv", chunks="csv_chunks"
    ),
    ExportFormat(
        "markdown",
        (".md", ".markdown"),
        "a memo brief by year",
        "markdown_format",
        "export_markdown",
    ),
    ExportFormat("ics", (".ics",), "iCalendar", "ics_format", "export_ics"),
    ExportFormat("timelinejs", (), "TimelineJS3 JSON", "timelinejs_format", "export_timelinejs"),
    ExportFormat(
        "html",
        (".html", ".htm"),
        "one self-contained web page: chart, search, detail",
        "html_format",
        "export_html",
    ),
    ExportFormat(
        "csl-json",
        (),
        "citations of the events and their sources for Zotero and pandoc (CSL-JSON)",
        "citation_formats",
        "export_csl_json",
    ),
    ExportFormat(
        "bibtex", (".bib",), "the same citations as BibTeX", "citation_formats", "export_bibtex"
    ),
    ExportFormat(
        "xlsx",
        (".xlsx",),
        "Excel workbook: typed cells; events, targets and sources sheets (-o FILE)",
        "xlsx_format",
        "export_xlsx",
        writes="binary",
    ),
    ExportFormat(
        "datapackage",
        (),
        "tidy CSV tables and a Frictionless datapackage.json (-o DIR)",
        "datapackage_format",
        "export_datapackage",
        writes="folder",
    ),
)
BY_NAME = {entry.name: entry for entry in REGISTRY}
_TEXT = {entry.name: entry for entry in REGISTRY if entry.writes == "text"}


def format_for_suffix(suffix: str) -> str | None:
    """The format an output file's suffix names, if exactly one does."""
    found = [entry.name for entry in REGISTRY if suffix.lower() in entry.suffixes]
    return found[0] if len(found) == 1 else None


class _Formats(Mapping[str, Exporter]):
    def __getitem__(self, name: str) -> Exporter:
        exporter: Exporter = _TEXT[name].exporter()  # type: ignore[assignment]
        return exporter

    def __iter__(self) -> Iterator[str]:
        return iter(_TEXT)

    def __len__(self) -> int:
        return len(_TEXT)


# The formats that are one text, by name; BY_NAME holds every format.
FORMATS: Mapping[str, Exporter] = _Formats()
