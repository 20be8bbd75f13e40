"""Asks for a date to see what was in force on it, and whether to hide the rest."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label

from policy_timeline.model.dates import DateError, PartialDate, parse_partial_date
from policy_timeline.tui.actions import bindings_for

# The date (None clears it) and whether to show only the events in force then.
InForceChoice = tuple[PartialDate | None, bool]


class InForcePicker(ModalScreen[InForceChoice | None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("InForcePicker")

    def __init__(self, date: PartialDate | None, only: bool) -> None:
        super().__init__()
        self._date, self._only = date, only

    def compose(self) -> ComposeResult:
        with Vertical(classes="picker"):
            yield Label("In force on…", classes="picker-title")
            yield Label(
                "A year, a month or a day (2019, 2019-06, 2019-06-30); empty clears. "
                "Enter applies, escape cancels.",
                classes="picker-hint",
            )
            yield Input(
                self._date.iso() if self._date else "",
                placeholder="e.g. 2019",
                id="in-force-date",
                select_on_focus=False,  # selected on mount: see ExplorerApp._run_view_binding
            )
            yield Checkbox(
                "Show only the events in force (hide the rest)", self._only, id="in-force-only"
            )
            yield Label("", id="date-error")

    def on_mount(self) -> None:
        self.query_one("#in-force-date", Input).select_all()

    @on(Input.Submitted)
    def _submit(self, message: Input.Submitted) -> None:
        text = message.value.strip()
        only = self.query_one("#in-force-only", Checkbox).value
        if not text:
            self.dismiss((None, False))
            return
        try:
            date = parse_partial_date(text)
        except DateError as error:
            self.query_one("#date-error", Label).update(Text(str(error)))
            return
        self.dismiss((date, only))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
