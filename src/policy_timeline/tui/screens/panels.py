"""Read-only panels over the main screen: the timeline's problems and the key help."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from policy_timeline.problems import Problem, count_line

# (area, key as shown, what it does), read from the live bindings by the caller.
HelpRow = tuple[str, str, str]


class _Panel(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="panel.close"),
    ]

    def action_close(self) -> None:
        self.dismiss(None)


class ProblemsPanel(_Panel):
    def __init__(self, problems: list[Problem], note: str = "") -> None:
        super().__init__()
        self._problems = problems
        self._note = note

    def compose(self) -> ComposeResult:
        title = count_line(self._problems) if self._problems else "No problems"
        with Vertical(classes="panel"):
            yield Label(Text(title), classes="panel-title")
            yield Label(Text(self._note or "Events with problems are left out of the view. "
                             "Fix the files and the view reloads. Escape closes."),
                        classes="panel-hint")
            with VerticalScroll():
                yield Static(Text("\n").join(Text(problem.format()) for problem in self._problems),
                             id="problem-lines")


class HelpPanel(_Panel):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close"),
    ]

    def __init__(self, rows: list[HelpRow]) -> None:
        super().__init__()
        self._rows = rows

    def compose(self) -> ComposeResult:
        table = Table(box=None, padding=(0, 2), show_header=False)
        table.add_column(no_wrap=True, style="bold")
        table.add_column()
        area = None
        for row_area, key, description in self._rows:
            if row_area != area:
                if area is not None:
                    table.add_row("", "")
                table.add_row(Text(row_area, style="underline"), "")
                area = row_area
            table.add_row(Text(key), Text(description))
        with Vertical(classes="panel"):
            yield Label("Keys", classes="panel-title")
            yield Label("Read from the bindings in force, so remapped keys show here. "
                        "ctrl+p lists every command. Escape closes.", classes="panel-hint")
            with VerticalScroll():
                yield Static(table, id="help-table")
