"""The main screen: header, timeline, density strip and detail pane, wired by messages.

Here are the data coming down, the detail pane following the cursor, the filters
and the layout. The screen's other actions are mixins, each a file: the views
and "in force on" (``views``, ``targets_view``), finding words (``search``), the
selected event (``selected_event``) and the working set (``working_set``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from time import monotonic
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input

from policy_timeline.model.events import Event, Timeline
from policy_timeline.model.problems import Problem
from policy_timeline.query.index import FACETS, Filter
from policy_timeline.query.marks import Marks
from policy_timeline.reading.discover import META_FILE
from policy_timeline.reading.outcomes import event_of
from policy_timeline.tui.actions import bindings_for
from policy_timeline.tui.config import DETAIL_SHARES
from policy_timeline.tui.screens.pickers import DateRangePicker, FacetChoice, FacetPicker
from policy_timeline.tui.screens.search import SearchActions
from policy_timeline.tui.screens.selected_event import EventActions
from policy_timeline.tui.screens.targets_view import TargetsActions
from policy_timeline.tui.screens.working_set import WorkingSetActions
from policy_timeline.tui.state import ExplorerIndex, ViewState
from policy_timeline.tui.widgets.density import DensityStrip
from policy_timeline.tui.widgets.detail import DetailPane
from policy_timeline.tui.widgets.header import TimelineHeader
from policy_timeline.tui.widgets.periods import PeriodsView
from policy_timeline.tui.widgets.priority_footer import PriorityFooter
from policy_timeline.tui.widgets.search_box import SearchBox
from policy_timeline.tui.widgets.target_board import TargetBoard
from policy_timeline.tui.widgets.timeline_list import TimelineList

# Seconds within which cursor moves count as one burst for the detail pane.
DETAIL_COALESCE = 0.08


class MainScreen(SearchActions, EventActions, TargetsActions, WorkingSetActions, Screen[None]):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    # Textual repaints the whole screen whenever focus moves (a pick, a tab),
    # which costs more than a keystroke may. The widgets whose look follows
    # focus are restyled and repaint themselves, so that repaint adds nothing.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    BINDINGS: ClassVar[list[BindingType]] = bindings_for("MainScreen")

    class SplitChanged(Message):
        """The user gave the detail pane another share of the screen (a percentage)."""

        def __init__(self, share: int) -> None:
            super().__init__()
            self.share = share

    def __init__(
        self,
        timeline: Timeline,
        problems: list[Problem],
        *,
        detail_share: int = DETAIL_SHARES[0],
        marks: Marks | None = None,
        index: ExplorerIndex | None = None,
    ) -> None:
        # Given here, not on mount: a class added then restyles the whole screen.
        # So is the width's class, for the size the screen opens at (Textual sets
        # it again on the first resize, which then changes nothing).
        width = self.app.size.width
        wide = next(
            name
            for least, name in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True)
            if width >= least
        )
        super().__init__(classes=f"-detail-{detail_share} {wide}")
        self.detail_share = detail_share
        self.state = ViewState(timeline, source=index)
        self.problems = problems
        # Problems of files whose last good version the view keeps (half-saved).
        self.not_reloaded: list[Problem] = []
        self.marks = marks or Marks()
        self._detail_wanted: Event | None = None
        self._detail_timer: Timer | None = None
        self._detail_drawn = 0.0
        # The row the screen last followed (the detail, density strip, periods view).
        self._followed: int | None = None
        self._parts = {}
        self._date_picker: DateRangePicker | None = None  # mounted when first opened

    def compose(self) -> ComposeResult:
        yield TimelineHeader(id="header")
        with Horizontal(id="body"):
            with ContentSwitcher(initial="timeline", id="views"):
                yield TimelineList(id="timeline")
                yield PeriodsView(id="periods")
                yield TargetBoard(id="targets")
            yield DetailPane(id="detail")
        yield DensityStrip(id="density")
        yield FacetPicker(id="facet-picker")
        yield SearchBox(
            placeholder="find: word starts in title, summary, highlights, number — "
            "enter keeps, escape clears",
            id="search",
            select_on_focus=False,  # selected as focused: see ExplorerApp._run_view_binding
        )
        yield PriorityFooter()

    def on_mount(self) -> None:
        self.query_one("#search", Input).display = False
        self.timeline_list.set_marks(frozenset(self.marks.ids))
        # Followed in the call that moves the cursor rather than when its message
        # has come up through three queues: the list's two lines and the detail
        # pane then reach the screen in one frame, not two.
        self.watch(self.timeline_list, "cursor", self._follow_cursor, init=False)
        self.watch(self.periods, "cursor", self.follow_periods, init=False)
        self.watch(self.part(TargetBoard), "cursor", self.follow_board, init=False)
        self._refresh_view(keep=None)
        self.timeline_list.focus()
        self._prepare_search()
        if self.marks.error:
            self.notify(self.marks.error, severity="warning", markup=False)

    # Data down -------------------------------------------------------------

    def load(
        self, timeline: Timeline, problems: list[Problem], index: ExplorerIndex | None = None
    ) -> None:
        """New data (a reload): keeps the selected event, or the nearest one."""
        keep = self.current_id
        self.problems = problems
        self.not_reloaded = []
        self.state.replace_timeline(timeline, index)
        self._refresh_view(keep)
        if not self.state.index.prepared:
            self._prepare_search()

    def set_problems(self, problems: list[Problem], not_reloaded: list[Problem]) -> None:
        """Problems over the data on screen, and those of files it was not reloaded from."""
        self.problems = problems
        self.not_reloaded = not_reloaded
        self._refresh_header()

    def _refresh_view(self, keep: str | None) -> None:
        state = self.state
        row = self.timeline_list.current_row or 0
        position = state.nearest_position(keep, row) if keep else 0
        self.timeline_list.show(state.timeline, state.lines, position)
        self.timeline_list.set_search(state.terms, state.matches)
        current = state.event_at(self.timeline_list.cursor)
        self.part(DensityStrip).show(
            state.year_counts(),
            state.span(),
            current.date.year if current else None,
            state.in_force_counts(),
        )
        # Drawn now rather than when the list's message comes, so a filter is
        # one frame, not one for the list and another for the detail.
        self._followed = self.timeline_list.current_row
        self._detail_wanted = current
        self._draw_wanted_detail()
        self.refresh_views()
        self._refresh_header()
        self.continue_search()

    def _refresh_header(self) -> None:
        state = self.state
        self.part(TimelineHeader).show(
            state.timeline.name,
            len(state.lines.rows),
            len(state.timeline.events),
            state.describe(self.timeline_list.cursor),
            len(self.problems),
        )

    # Messages up -------------------------------------------------------------

    @on(TimelineList.Highlighted)
    def _highlighted(self) -> None:
        self._follow_cursor()

    def _follow_cursor(self) -> None:
        """The cursor is on another event: the rest of the screen follows it."""
        row = self.timeline_list.current_row
        if row == self._followed:
            return  # followed as it moved, or drawn with the new lines
        self._followed = row
        event = self.state.timeline.events[row] if row is not None else None
        self.part(DensityStrip).set_current(event.date.year if event else None)
        self.follow_list(row)
        if self.state.search:
            self._refresh_header()  # which match the cursor is on: "3/41"
        self._detail_wanted = event
        # Drawing the detail costs more than a keystroke may, so a burst of moves
        # (a held key) draws it once when the burst pauses; a lone move still
        # draws it at once.
        now = monotonic()
        if self._detail_timer is not None or now - self._detail_drawn < DETAIL_COALESCE:
            if self._detail_timer is None:
                self._detail_timer = self.set_timer(DETAIL_COALESCE, self._draw_wanted_detail)
            return
        self._draw_wanted_detail()

    def _draw_wanted_detail(self) -> None:
        self._detail_timer = None
        if self.has_class("-detail-hidden"):
            return  # drawn when shown again
        self._detail_drawn = monotonic()
        if self.detail.event is not self._detail_wanted or self._detail_wanted is None:
            self.detail.show(self.state.timeline, self._detail_wanted)

    def settled_detail(self) -> DetailPane:
        # A key that acts on the selected source or event (o, y) must not act on
        # the one drawn before a burst of moves: the pane catches up first.
        if self.detail.event is not self._detail_wanted:
            if self._detail_timer is not None:
                self._detail_timer.stop()
            self._draw_wanted_detail()
            if self.detail.event is not self._detail_wanted:  # hidden: not drawn
                self.detail.show(self.state.timeline, self._detail_wanted)
        return self.detail

    @on(TimelineList.Chosen)
    def _chosen(self) -> None:
        self.detail.focus()

    @on(DetailPane.Left)
    def _left(self) -> None:
        self.focus_view()

    # Filters -----------------------------------------------------------------

    def _refilter(self, query: Filter) -> None:
        keep = self.current_id
        self.state.apply(query)
        self._refresh_view(keep)

    def action_pick_facet(self, facet: str) -> None:
        state = self.state
        counts = state.facet_counts(facet)
        choices = [
            FacetChoice(value, state.label(facet, value), count)
            for value, count in sorted(counts.items(), key=lambda item: item[0].casefold())
        ]
        chosen = FACETS[facet].chosen(state.filter)

        title = f"Filter by {FACETS[facet].title.lower()}"
        self.part(FacetPicker).open(facet, title, choices, chosen)

    @on(FacetPicker.Picked)
    def _facet_picked(self, message: FacetPicker.Picked) -> None:
        self._refilter(FACETS[message.facet].choose(self.state.filter, message.values))
        # Hidden after the widgets have asked to repaint for the filter, and in the
        # same call: one frame lays out the screen and draws the new lines. (Later,
        # a frame could come between, as it did for the date range: two frames.)
        self._close_pickers()

    @on(DateRangePicker.Picked)
    def _dates_picked(self, message: DateRangePicker.Picked) -> None:
        start, end = message.dates
        self._refilter(replace(self.state.filter, date_from=start, date_to=end))
        self._close_pickers()

    def _close_pickers(self) -> None:
        for picker in self.pickers:
            picker.close()
        # Back to the view in front (the list, the periods view or the board),
        # focused now rather than queued (focus()): its repaint then lands in the
        # frame that draws the filter, where a frame could come between.
        self.set_focus(self.view_widget)

    @on(FacetPicker.Cancelled)
    @on(DateRangePicker.Cancelled)
    def _picker_cancelled(self) -> None:
        self.set_focus(self.view_widget)

    @property
    def pickers(self) -> list[FacetPicker | DateRangePicker]:
        """The pickers mounted so far (the date picker once first opened)."""
        facet_picker = self.part(FacetPicker)
        if self._date_picker is None:
            return [facet_picker]
        return [facet_picker, self._date_picker]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While a picker is open, a letter typed there must not act behind it.
        # Asked of every binding whenever the footer relabels (two queries each
        # cost more than a millisecond a filter): the pickers are looked up once.
        return not any(picker.is_open for picker in self.pickers)

    async def action_pick_dates(self) -> None:
        if self._date_picker is None:
            # Mounted when first wanted: until then its seven widgets are not
            # among those every key and every restyle of the screen goes through.
            picker = DateRangePicker(id="date-picker")
            await self.mount(picker, after=self.part(FacetPicker))
            self._date_picker = picker
        query = self.state.filter
        self._date_picker.open(query.date_from, query.date_to)

    def action_clear_filters(self) -> None:
        """Clears the filters and the date lit in the periods view ("in force on")."""
        lit = self.state.in_force_on is not None
        if not self.state.filter.active and not lit:
            self.notify("No filters to clear.", timeout=1.5)
            return
        self.state.in_force_on = None
        if self.state.filter.active:
            self._refilter(Filter())
        else:
            self.refresh_views()
            self._refresh_header()

    # Layout and panels -------------------------------------------------------

    def action_toggle_detail(self) -> None:
        self.toggle_class("-detail-hidden")
        if self.has_class("-detail-hidden"):
            self.focus_view()
        else:
            self._draw_wanted_detail()

    def action_cycle_split(self) -> None:
        """The detail pane's share of the width (of the height, below the list) in turn."""
        self.remove_class(f"-detail-{self.detail_share}")
        index = DETAIL_SHARES.index(self.detail_share) if self.detail_share in DETAIL_SHARES else -1
        self.detail_share = DETAIL_SHARES[(index + 1) % len(DETAIL_SHARES)]
        self.add_class(f"-detail-{self.detail_share}")
        self.notify(f"Detail pane: {self.detail_share}% of the screen (w changes it).", timeout=1.5)
        self.post_message(self.SplitChanged(self.detail_share))

    def action_show_problems(self) -> None:
        from policy_timeline.tui.screens.panels import ProblemChoice, ProblemsPanel

        def chosen(choice: ProblemChoice | None) -> None:
            if choice is None:
                return
            problem = choice.problem
            if choice.edit:
                self._edit(problem.path, problem.line)
                return
            event = event_of(problem, self.state.timeline)
            if event is None:
                self.notify(
                    "That problem's event is left out of the view; e in the problems "
                    "panel opens the file at the line."
                    if Path(problem.path).name != META_FILE
                    else f"{META_FILE} holds the timeline's name and vocabularies, no event; "
                    "e in the problems panel opens it at the line.",
                    severity="warning",
                )
                return
            self._show_event(event.id)

        self.app.push_screen(
            ProblemsPanel(self.problems, self.state.timeline, self.not_reloaded), chosen
        )

    def _show_event(self, event_id: str) -> None:
        """Selects an event, clearing the filters first when they hide it."""
        if self.state.position_of(event_id) is None:
            self.state.apply(Filter())
            self._refresh_view(keep=None)
            self.notify("Filters cleared to show the event.", timeout=2)
        self._select(event_id)
        self.timeline_list.focus()

    def action_help(self) -> None:
        from policy_timeline.tui.keys import help_rows
        from policy_timeline.tui.screens.panels import HelpPanel

        self.app.push_screen(HelpPanel(help_rows(self)))
