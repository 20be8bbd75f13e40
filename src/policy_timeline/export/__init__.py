"""Machine-readable exports, one module per format behind one small interface."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module

from policy_timeline.model import Event, Timeline

# An exporter turns the filtered events of a timeline into the file's text.
Exporter = Callable[[Timeline, list[Event]], str]

# Each format's module and function. A module is imported only when its format
# is used: icalendar and Rich cost a command-line start-up a tenth of a second
# or more, which `validate` and `json` have no use for.
_EXPORTERS = {
    "json": ("json_format", "export_json"),
    "jsonl": ("jsonl_format", "export_jsonl"),
    "csv": ("csv_format", "export_csv"),
    "markdown": ("markdown_format", "export_markdown"),
    "ics": ("ics_format", "export_ics"),
    "timelinejs": ("timelinejs_format", "export_timelinejs"),
}


class _Formats(Mapping[str, Exporter]):
    def __getitem__(self, name: str) -> Exporter:
        module, function = _EXPORTERS[name]
        exporter: Exporter = getattr(import_module(f"{__name__}.{module}"), function)
        return exporter

    def __iter__(self) -> Iterator[str]:
        return iter(_EXPORTERS)

    def __len__(self) -> int:
        return len(_EXPORTERS)


FORMATS: Mapping[str, Exporter] = _Formats()
