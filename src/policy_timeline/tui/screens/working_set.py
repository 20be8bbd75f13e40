"""The working set: marking events, showing only the marked, exporting the view, copying.

``MainScreen`` inherits these actions. Marks are saved at every change, per
timeline folder, so ``summary --marked`` and ``export --marked`` see them at once.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from textual.binding import BindingType
from textual.screen import Screen

from policy_timeline.model.events import Event
from policy_timeline.query.index import Filter
from policy_timeline.query.marks import Marks
from policy_timeline.tui.actions import bindings_for
from policy_timeline.tui.state import ViewState
from policy_timeline.tui.widgets.timeline_list import TimelineList


class WorkingSetActions(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("WorkingSetActions")

    state: ViewState
    marks: Marks

    def _refilter(self, query: Filter) -> None:
        raise NotImplementedError

    def refresh_views(self) -> None:
        raise NotImplementedError

    @property
    def selected_event(self) -> Event | None:
        row = self.query_one(TimelineList).current_row
        return self.state.timeline.events[row] if row is not None else None

    def _show_marks(self) -> None:
        self.query_one(TimelineList).set_marks(frozenset(self.marks.ids))
        self.refresh_views()

    def action_toggle_mark(self) -> None:
        event = self.selected_event
        if event is None:
            return
        marked = self.marks.toggle(event.id)
        error = self.marks.save()
        if error:
            self.notify(error, severity="warning", markup=False)
        if self.state.filter.ids is not None:
            self._refilter(replace(self.state.filter, ids=frozenset(self.marks.ids)))
        self._show_marks()
        count = len(self.marks.ids)
        self.notify(
            f"{'Marked' if marked else 'Unmarked'}; {count} marked. M shows only them, x exports.",
            timeout=1.5,
        )

    def action_marked_only(self) -> None:
        if self.state.filter.ids is not None:
            self._refilter(replace(self.state.filter, ids=None))
            return
        if not self.marks.ids:
            self.notify("Nothing marked yet: m marks the selected event.", severity="warning")
            return
        self._refilter(replace(self.state.filter, ids=frozenset(self.marks.ids)))

    def events_in_view(self) -> list[Event]:
        """What the user is looking at: the filtered events, and of them the matches of
        a search when there is one."""
        state = self.state
        rows = state.lines.rows
        if state.search and state.search_done:
            rows = [rows[position] for position in state.match_positions]
        return [state.timeline.events[row] for row in rows]

    def marked_events(self) -> list[Event]:
        return self.state.index.events_with_ids(self.marks.ids)

    def action_export_view(self, marked: bool = False) -> None:
        from policy_timeline.tui.screens.export_dialog import ExportDialog

        # Showing only the marked events, the user means those.
        marked = marked or self.state.filter.ids is not None
        self.app.push_screen(
            ExportDialog(
                self.state.timeline, self.events_in_view(), self.marked_events(), marked, Path.cwd()
            )
        )

    def action_copy_id(self) -> None:
        event = self.selected_event
        if event is not None:
            self._copy(event.id, "Id copied")

    def action_copy_source_url(self) -> None:
        event = self.selected_event
        if event is None:
            return
        detail_url = getattr(self.query_one("#detail"), "selected_source_url", None)
        urls = [source.url for source in event.sources if source.url]
        url = detail_url if detail_url in urls else next(iter(urls), None)
        if url is None:
            self.notify("This event cites no source with a web address.", severity="warning")
            return
        self._copy(url, "Source address copied")

    def _copy(self, text: str, title: str) -> None:
        self.app.copy_to_clipboard(text)
        self.notify(text, title=title, markup=False)
