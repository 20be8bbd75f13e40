"""Pickers for the filters, drawn in place: one facet's values with counts, and a date range."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Input, Label, SelectionList
from textual.widgets.selection_list import Selection

from policy_timeline.model.dates import DateError, PartialDate, parse_partial_date
from policy_timeline.tui.actions import bindings_for


class FacetChoice:
    """One value of a facet as offered: its slug, a readable label and its count."""

    __slots__ = ("count", "label", "value")

    def __init__(self, value: str, label: str, count: int) -> None:
        self.value, self.label, self.count = value, label, count


def _restyle_in_sight(widget: Widget, has_focus: bool) -> None:
    """Restyles a picker's widget for its focus, unless it lost focus out of sight.

    It loses focus as its picker closes: restyling it then cost milliseconds of
    the key that applies a pick, and it is restyled anyway when it is shown and
    focused again.
    """
    if has_focus or all(node.display for node in widget.ancestors_with_self):
        Widget.watch_has_focus(widget, has_focus)


class _ApplyingSelectionList(SelectionList[str]):
    """Space ticks; enter applies, so arrow-and-enter picks one value in one go."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("_ApplyingSelectionList")

    class Applied(Message):
        pass

    def action_apply(self) -> None:
        self.post_message(self.Applied())

    def watch_has_focus(self, has_focus: bool) -> None:
        _restyle_in_sight(self, has_focus)


class FacetPicker(Vertical, can_focus=False):
    """One facet's values, drawn over the main screen rather than as a screen of its own.

    Closing a modal screen makes Textual lay out and repaint the whole screen
    under it and restyle its footer, which costs more than a keystroke may; this
    picker is a hidden part of the main screen, shown and hidden in place.
    Posts ``Picked`` with the chosen values (an empty set for "any"), after which
    its owner closes it, or closes itself and posts ``Cancelled``.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("FacetPicker")

    class Picked(Message):
        def __init__(self, facet: str, values: frozenset[str]) -> None:
            super().__init__()
            self.facet, self.values = facet, values

    class Cancelled(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="picker")
        self.facet = ""
        self._initial: frozenset[str] = frozenset()

    def compose(self) -> ComposeResult:
        yield Label("", classes="picker-title")
        yield Label(
            "↑↓ move · enter apply · space tick several · escape cancel", classes="picker-hint"
        )
        yield _ApplyingSelectionList()

    @property
    def is_open(self) -> bool:
        return self.display

    def open(
        self, facet: str, title: str, choices: list[FacetChoice], chosen: frozenset[str]
    ) -> None:
        self.facet = facet
        self._initial = frozenset(value.casefold() for value in chosen)
        width = max((len(choice.value) for choice in choices), default=4)
        selections = []
        for choice in choices:
            prompt = Text(f"{choice.count:>5}  ", style="bold")
            prompt.append(choice.value.ljust(width))
            if choice.label != choice.value:
                prompt.append(f"  {choice.label}", style="dim")
            selections.append(
                Selection(prompt, choice.value, choice.value.casefold() in self._initial)
            )
        self.query_one(".picker-title", Label).update(Text(title))
        selection = self.query_one(_ApplyingSelectionList)
        selection.clear_options()
        selection.add_options(selections)
        selection.highlighted = 0 if selections else None
        self.display = True
        self.screen.set_focus(selection)  # now: keys typed after the key that opened it go here

    def close(self) -> None:
        self.display = False

    @on(_ApplyingSelectionList.Applied)
    def _apply(self) -> None:
        selection = self.query_one(_ApplyingSelectionList)
        ticked = frozenset(selection.selected)
        if frozenset(value.casefold() for value in ticked) == self._initial:
            # Nothing ticked or unticked: the user means the highlighted value.
            index = selection.highlighted
            if index is not None:
                ticked = frozenset({selection.get_option_at_index(index).value})
        # The screen closes the picker once it has applied the filter, so the
        # new lines are drawn in the frame that hides it, not in one after it.
        self.post_message(self.Picked(self.facet, ticked))

    def action_cancel(self) -> None:
        self.close()
        self.post_message(self.Cancelled())

    def on_descendant_blur(self) -> None:
        # A click elsewhere leaves the picker: it closes as escape would.
        if self.display and not self.has_focus_within:
            self.action_cancel()


DateRange = tuple[PartialDate | None, PartialDate | None]


class DateRangePicker(Vertical, can_focus=False):
    """From and to dates, drawn over the main screen in place, as the facet picker is.

    Each field is checked as it is typed. Posts ``Picked`` with the range, after
    which its owner closes it, or closes itself and posts ``Cancelled``.
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("DateRangePicker")

    class Picked(Message):
        def __init__(self, dates: DateRange) -> None:
            super().__init__()
            self.dates = dates

    class Cancelled(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="picker")

    def compose(self) -> ComposeResult:
        # Few widgets: applying a range hides each of them, and each one hidden
        # is a round of Textual's messages on that key. A box's name is on its edge.
        yield Label("Date range", classes="picker-title")
        yield Label(f"{ACCEPTED_FORMS}. Enter applies, escape cancels.", classes="picker-hint")
        # Side by side, the boxes leave the rows a short screen has to the error below them.
        with Horizontal(id="date-boxes"):
            yield self._date_box("From", "date-from", "e.g. 2016")
            yield self._date_box("To", "date-to", "e.g. 2017-12")
        yield Label("", id="date-error")

    @staticmethod
    def _date_box(label: str, id: str, example: str) -> _DateBox:
        box = _DateBox(
            placeholder=example,
            id=id,
            validators=[DateField(label)],
            validate_on=["changed"],
            select_on_focus=False,  # selected as focused: see ExplorerApp._run_view_binding
        )
        box.border_title = label
        return box

    @property
    def is_open(self) -> bool:
        return self.display

    def open(self, start: PartialDate | None, end: PartialDate | None) -> None:
        for field, date in (("#date-from", start), ("#date-to", end)):
            box = self.query_one(field, Input)
            box.value = date.iso() if date else ""
            box.cursor_position = len(box.value)
        self.query_one("#date-error", Label).update(Text(""))
        self.display = True
        first = self.query_one("#date-from", Input)
        self.screen.set_focus(first)  # now, as the facet picker
        first.select_all()

    def close(self) -> None:
        self.display = False

    @on(Input.Changed)
    def _checked(self) -> None:
        """Says what is wrong with either field while it is typed, or nothing."""
        self._say(self._problems())

    def _problems(self) -> list[str]:
        problems: list[str] = []
        for field in self.query(Input):
            result = field.validate(field.value)
            if result is not None and not result.is_valid:
                problems.extend(result.failure_descriptions)
        return problems

    def _say(self, problems: list[str]) -> None:
        # The accepted forms once, after every problem: the dialog has few rows to spare.
        said = f"{'. '.join(problems)}. {ACCEPTED_FORMS}." if problems else ""
        self.query_one("#date-error", Label).update(Text(said))

    @on(Input.Submitted)
    def _submit(self, message: Input.Submitted) -> None:
        message.stop()
        problems = self._problems()
        if problems:
            self._say(problems)
            return
        start = _optional_date(self.query_one("#date-from", Input).value, "From")
        end = _optional_date(self.query_one("#date-to", Input).value, "To")
        if start and end and end.latest() < start.earliest():
            self.query_one("#date-error", Label).update(Text("To is before From"))
            return
        self.post_message(self.Picked((start, end)))

    def action_dismiss_none(self) -> None:
        self.close()
        self.post_message(self.Cancelled())

    def on_descendant_blur(self) -> None:
        # A click elsewhere leaves the picker: it closes as escape would.
        if self.display and not self.has_focus_within:
            self.action_dismiss_none()


class _DateBox(Input):
    """A date box; enter in From moves on to To, enter in To applies the range."""

    def watch_has_focus(self, has_focus: bool) -> None:
        _restyle_in_sight(self, has_focus)

    async def action_submit(self) -> None:
        if self.id == "date-from":
            # Now, not when a message says so: typed in one burst ("2016⏎2018", fast
            # or over SSH), the keys behind the enter belong in To, not back in From.
            end = self.screen.query_one("#date-to", Input)
            self.screen.set_focus(end)
            end.select_all()
            return
        await super().action_submit()


ACCEPTED_FORMS = (
    "A year, a month or a day: 2017, 2017-12, 2017-12-13, Dec 2017 or "
    "13 Dec 2017; empty for no limit"
)


def _optional_date(text: str, label: str) -> PartialDate | None:
    """The date in a field, or None for an empty one; the error, in our words, names the field."""
    if not text.strip():
        return None
    try:
        return parse_partial_date(text.strip())
    except DateError as error:
        reason = str(error)
        # The parser's own wording for text it cannot read at all quotes dateutil;
        # its range checks ("month 13 is out of range") are already ours.
        if reason.startswith("cannot read") or "has no year" in reason:
            reason = f"{text.strip()!r} is not a date"
        raise DateError(f"{label}: {reason}") from None


class DateField(Validator):
    """Checks one field of the date dialog as it is typed."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self._label = label

    def validate(self, value: str) -> ValidationResult:
        try:
            _optional_date(value, self._label)
        except DateError as error:
            return self.failure(str(error))
        return self.success()
