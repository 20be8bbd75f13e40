"""Read-only panels over the main screen: the timeline's problems and the key help."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from policy_timeline.model.events import Timeline
from policy_timeline.model.problems import Problem
from policy_timeline.reading.outcomes import describe, sort_out
from policy_timeline.tui.actions import bindings_for
from policy_timeline.tui.keys import HelpRow

# (area, key as shown, what it does), read from the live bindings by the caller.


class _Panel(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("_Panel")

    def action_close(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True, slots=True)
class ProblemChoice:
    """What the user asked of a problem: go to its event, or edit its file at its line."""

    problem: Problem
    edit: bool


class ProblemsPanel(ModalScreen[ProblemChoice | None]):
    """The problems, those that left an event out first; enter goes to the event, e edits."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("ProblemsPanel")

    def __init__(
        self, problems: list[Problem], timeline: Timeline, not_reloaded: Sequence[Problem] = ()
    ) -> None:
        super().__init__()
        self._problems = [problem for problem in problems if problem not in not_reloaded]
        self._not_reloaded = list(not_reloaded)
        self._timeline = timeline
        self._listed: list[Problem | None] = []

    def _title(self) -> str:
        if not self._not_reloaded:
            return describe(self._problems, self._timeline) if self._problems else "No problems"
        files = len({problem.path for problem in self._not_reloaded})
        said = f"{files} file{'' if files == 1 else 's'} not reloaded, shown as last read"
        if self._problems:
            return f"{said}; {describe(self._problems, self._timeline)}"
        return said

    def compose(self) -> ComposeResult:
        title = self._title()
        outcomes = sort_out(self._problems, self._timeline)
        options: list[Option] = []
        for heading, problems in (
            (
                "Not reloaded (half-saved?): the view keeps these files as last read "
                "until they are fixed",
                self._not_reloaded,
            ),
            ("Left out of the view: fix these and the events appear", outcomes.left_out),
            ("Shown despite problems", outcomes.shown),
            (
                "In _timeline.yaml: these values are not used; no event is left out for them",
                outcomes.settings,
            ),
        ):
            if not problems:
                continue
            options.append(Option(Text(heading, style="bold underline"), disabled=True))
            self._listed.append(None)
            for problem in problems:
                options.append(Option(Text(problem.format())))
                self._listed.append(problem)
        with Vertical(classes="panel"):
            yield Label(Text(title), classes="panel-title")
            yield Label(
                "enter goes to the event · e opens the file in your editor at the "
                "line ($EDITOR) · escape closes. The view reloads as files are fixed.",
                classes="panel-hint",
            )
            yield OptionList(*options, id="problem-lines")

    def on_mount(self) -> None:
        listed = self.query_one(OptionList)
        first = next((index for index, problem in enumerate(self._listed) if problem), None)
        listed.highlighted = first
        listed.focus()

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_choose(False)

    def action_choose(self, edit: bool) -> None:
        index = self.query_one(OptionList).highlighted
        problem = self._listed[index] if index is not None else None
        if problem is not None:
            self.dismiss(ProblemChoice(problem, edit))

    def action_close(self) -> None:
        self.dismiss(None)


class HelpPanel(_Panel):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("HelpPanel")

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
            yield Label(
                "Read from the bindings in force, so remapped keys show here. "
                "ctrl+p lists every command. Escape closes.",
                classes="panel-hint",
            )
            with VerticalScroll():
                yield Static(table, id="help-table")
