"""Export this view: the events in view, or the marked ones, to a file in any export format.

Asks for the file name; a file that exists is overwritten only after a second
enter on the same name. The write is atomic, as on the command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet, Select

from policy_timeline.atomic import write_atomically, write_folder
from policy_timeline.model.events import Event, Timeline
from policy_timeline.render.destination import export_refusal
from policy_timeline.render.export import BY_NAME, REGISTRY, ExportError, format_for_suffix
from policy_timeline.tui.actions import bindings_for

# Each format's usual file name ending; a datapackage is a folder, so none.
SUFFIXES = {entry.name: entry.suffixes[0] if entry.suffixes else "" for entry in REGISTRY}
SUFFIXES["timelinejs"] = ".timeline.json"
DEFAULT_FORMAT = "markdown"


def format_for(name: str) -> str | None:
    """The format a file name's suffix asks for, if it names one."""
    if name.endswith(SUFFIXES["timelinejs"]):
        return "timelinejs"
    return format_for_suffix(Path(name).suffix) if Path(name).suffix else None


def with_suffix(name: str, format_name: str) -> str:
    """The name with the format's suffix in place of a known one."""
    current = format_for(name)
    if current is not None:
        name = name[: -len(SUFFIXES[current] or Path(name).suffix)]
    return name + SUFFIXES[format_name]


class ExportDialog(ModalScreen[Path | None]):
    """Returns the path written, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("ExportDialog")

    def __init__(
        self,
        timeline: Timeline,
        in_view: list[Event],
        marked: list[Event],
        only_marked: bool,
        folder: Path,
    ) -> None:
        super().__init__()
        self._timeline = timeline
        self._in_view, self._marked = in_view, marked
        self._only_marked = only_marked and bool(marked)
        self._folder = folder
        self._confirming: Path | None = None

    def compose(self) -> ComposeResult:
        in_view, marked = len(self._in_view), len(self._marked)
        with Vertical(classes="picker", id="export"):
            yield Label("Export this view", classes="picker-title")
            yield Label(
                "Tab moves between the parts; enter in the file name writes; escape cancels.",
                classes="picker-hint",
            )
            with RadioSet(id="export-scope"):
                yield RadioButton(
                    f"Events in view ({in_view})", not self._only_marked, id="scope-view"
                )
                yield RadioButton(
                    f"Marked events ({marked})",
                    self._only_marked,
                    id="scope-marked",
                    disabled=not marked,
                )
            yield Select(
                [(f"{entry.name}: {entry.help}", entry.name) for entry in REGISTRY],
                value=DEFAULT_FORMAT,
                allow_blank=False,
                id="export-format",
            )
            yield Input(
                str(self._folder / self._default_name()),
                id="export-file",
                select_on_focus=False,  # selected on mount: see ExplorerApp._run_view_binding
            )
            yield Label("", id="export-message")

    def _default_name(self) -> str:
        slug = "".join(char if char.isalnum() else "-" for char in self._timeline.name.lower())
        stem = "-".join(part for part in slug.split("-") if part) or "timeline"
        return stem + ("-marked" if self._only_marked else "") + SUFFIXES[DEFAULT_FORMAT]

    def on_mount(self) -> None:
        path = self.query_one("#export-file", Input)
        path.focus()
        path.select_all()

    @property
    def events(self) -> list[Event]:
        marked = self.query_one("#scope-marked", RadioButton).value
        return self._marked if marked else self._in_view

    @on(Select.Changed, "#export-format")
    def _format_changed(self, message: Select.Changed) -> None:
        field = self.query_one("#export-file", Input)
        if isinstance(message.value, str):
            field.value = with_suffix(field.value, message.value)
        self._confirming = None

    @on(Input.Changed, "#export-file")
    def _name_changed(self) -> None:
        self._confirming = None
        self._say("")

    @on(Input.Submitted, "#export-file")
    def _submit(self, message: Input.Submitted) -> None:
        text = message.value.strip()
        if not text:
            self._say("Give a file name.")
            return
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self._folder / path
        # A known suffix typed by hand says the format; otherwise the one picked.
        chosen = self.query_one("#export-format", Select).value
        format_name = format_for(path.name) or (
            chosen if isinstance(chosen, str) else DEFAULT_FORMAT
        )
        entry = BY_NAME[format_name]
        if path.is_dir() and entry.writes != "folder":
            self._say(f"{path} is a folder; give a file name.")
            return
        refusal = export_refusal(path, self._timeline.root, entry.writes == "folder")
        if refusal:
            self._say(f"Not written to {path.name}: {refusal}.")
            return
        if path.exists() and self._confirming != path:
            self._confirming = path
            self._say(f"{path.name} exists. Enter again to overwrite it, or change the name.")
            return
        events = self.events
        try:
            output = entry.exporter()(self._timeline, events)
            if isinstance(output, dict):
                write_folder(path, output)
            else:
                write_atomically(path, output)
        except OSError as error:
            self._say(f"Cannot write {path}: {error.strerror or error}")
            return
        except ExportError as error:
            self._say(f"Cannot export as {format_name}: {error}")
            return
        noun = "event" if len(events) == 1 else "events"
        self.notify(f"Wrote {len(events)} {noun} to {path}", title="Exported", markup=False)
        self.dismiss(path)

    def _say(self, message: str) -> None:
        self.query_one("#export-message", Label).update(Text(message))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
