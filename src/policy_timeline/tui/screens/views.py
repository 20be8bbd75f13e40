"""The main screen's views (the list and the periods) and "in force on…", kept off main.py.

``MainScreen`` inherits these actions; the view in front follows the same
cursor, filters and search as the list, which stays the one source of the
selected event: the periods view moves the list, and the list moves it back.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar, TypeVar, cast

from textual import on
from textual.binding import BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher

from policy_timeline.query.index import Filter
from policy_timeline.query.marks import Marks
from policy_timeline.tui.actions import bindings_for
from policy_timeline.tui.state import ViewState
from policy_timeline.tui.widgets.periods import PeriodsView
from policy_timeline.tui.widgets.timeline_list import TimelineList

LIST, PERIODS = "timeline", "periods"
Part = TypeVar("Part", bound=Widget)


class ViewActions(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("ViewActions")

    state: ViewState
    marks: Marks
    _parts: dict[type[Widget], Widget]  # set by MainScreen.__init__

    def _refilter(self, query: Filter) -> None:
        raise NotImplementedError

    def _refresh_header(self) -> None:
        raise NotImplementedError

    def part(self, kind: type[Part]) -> Part:
        """The screen's one widget of ``kind``, looked up once.

        The screen's parts are composed with it and never replaced, and a query
        walks its widgets: a tenth of a millisecond, asked a dozen times a filter.
        """
        found = self._parts.get(kind)
        if found is None:
            found = self._parts[kind] = self.query_one(kind)
        return cast(Part, found)

    @property
    def timeline_list(self) -> TimelineList:
        return self.part(TimelineList)

    @property
    def current_id(self) -> str | None:
        """The selected event's id: the list's cursor is the one source of it."""
        row = self.timeline_list.current_row
        return self.state.timeline.events[row].id if row is not None else None

    @property
    def periods(self) -> PeriodsView:
        return self.part(PeriodsView)

    @property
    def current_view(self) -> str:
        return self.part(ContentSwitcher).current or LIST

    @property
    def view_widget(self) -> Widget:
        return self.periods if self.current_view == PERIODS else self.timeline_list

    def focus_view(self) -> None:
        self.view_widget.focus()

    def refresh_views(self) -> None:
        """The rows, marks or search changed: the periods view redraws if it is in front."""
        if self.current_view != PERIODS:
            return
        periods = self.periods
        state = self.state
        current = self.timeline_list.current_row
        periods.show(state.timeline, state.lines.rows, current, state.index.lane_rows, state.span())
        periods.set_search(self.state.matches)
        periods.set_marks(frozenset(self.marks.ids))
        periods.set_in_force(self.state.in_force_on)

    def action_show_view(self, view: str) -> None:
        if view == self.current_view:
            self.focus_view()
            return
        self.part(ContentSwitcher).current = view
        self.set_class(view == PERIODS, "-periods")
        self.refresh_views()
        self.focus_view()
        if view == LIST:
            # It kept moving while hidden; bring its cursor into sight.
            self.call_after_refresh(self.timeline_list.go_to, self.timeline_list.cursor)

    @on(PeriodsView.Highlighted)
    def _period_highlighted(self) -> None:
        self.follow_periods()

    def follow_periods(self) -> None:
        """The periods view's cursor moved: the list (and so the detail) goes to its event.

        Watched as the cursor is set, as the list's is, so the view's lines and
        the detail pane are one frame; the message comes a frame later.
        """
        row = self.periods.current_row
        position = self.state.position_of(
            self.state.timeline.events[row].id if row is not None else None
        )
        if position is not None and position != self.timeline_list.cursor:
            self.timeline_list.go_to(position)

    @on(PeriodsView.Chosen)
    def _period_chosen(self) -> None:
        self.query_one("#detail").focus()

    def follow_list(self, row: int | None) -> None:
        """The list's cursor moved: the periods view goes to the same event."""
        if self.current_view == PERIODS:
            self.periods.select_row(row)

    def action_in_force(self) -> None:
        from policy_timeline.tui.screens.in_force_picker import InForceChoice, InForcePicker

        def picked(choice: InForceChoice | None) -> None:
            if choice is None:
                return
            date, only = choice
            self.state.in_force_on = date
            wanted = date if only else None
            if wanted != self.state.filter.in_force:
                self._refilter(replace(self.state.filter, in_force=wanted))
            if date is not None:
                self.action_show_view(PERIODS)
            self.refresh_views()
            self._refresh_header()
            if date is None:
                self.notify("In force: cleared.", timeout=1.5)
                return
            count = len(self.state.index.rows(replace(self.state.filter, in_force=date)))
            noun = "event" if count == 1 else "events"
            self.notify(f"{count} {noun} in force on {date.human()}.", timeout=3, markup=False)

        only = self.state.filter.in_force is not None
        self.app.push_screen(InForcePicker(self.state.in_force_on, only), picked)
