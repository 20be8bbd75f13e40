"""Acting on the selected event: open or cite its source, follow a link and come back, edit it.

``MainScreen`` inherits these actions; they act on the event under the list's
cursor, and on the source or related event chosen in the detail pane.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import BindingType

from policy_timeline.model.urls import is_web_url
from policy_timeline.query.index import Filter
from policy_timeline.render.citation import citation
from policy_timeline.tui import browser
from policy_timeline.tui.actions import bindings_for
from policy_timeline.tui.editor import event_location, open_in_editor
from policy_timeline.tui.screens.views import ViewActions
from policy_timeline.tui.widgets.detail import DetailPane


class EventActions(ViewActions):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("EventActions")

    def _refresh_view(self, keep: str | None) -> None:
        raise NotImplementedError

    @property
    def detail(self) -> DetailPane:
        return self.part(DetailPane)

    def settled_detail(self) -> DetailPane:
        """The detail pane, showing the event under the cursor even within a burst of moves."""
        return self.detail

    @on(DetailPane.FollowRequested)
    def _follow(self, message: DetailPane.FollowRequested) -> None:
        state = self.state
        target = state.timeline.by_id.get(message.event_id)
        if target is None or self.current_id is None:
            return
        state.history.append((self.current_id, state.filter))
        if state.position_of(target.id) is None:
            state.apply(Filter())
            self._refresh_view(keep=None)
            self.notify("Filters cleared to show the linked event; backspace restores them.")
        self._select(target.id)
        self.focus_view()

    @on(DetailPane.OpenRequested)
    def _open_requested(self, message: DetailPane.OpenRequested) -> None:
        self._open(message.url)

    def _select(self, event_id: str) -> None:
        position = self.state.position_of(event_id)
        if position is not None:
            self.timeline_list.go_to(position)

    def action_open_source(self) -> None:
        url = self.settled_detail().selected_source_url
        if url is None:
            self.notify("This event cites no source with a web address.", severity="warning")
            return
        self._open(url)

    def _open(self, url: str) -> None:
        if not is_web_url(url):
            self.notify(
                f"Not opened: only http and https addresses open ({url}).",
                severity="warning",
                markup=False,
            )
            return
        if not browser.browser_available():
            self.app.copy_to_clipboard(url)
            self.notify(
                f"Nothing opened: no web browser here (no display, or over SSH). "
                f"The address is copied: {url}",
                severity="warning",
                markup=False,
            )
            return
        self.app.open_url(url)
        self.notify(f"Opening {url}", markup=False)

    def action_copy_citation(self) -> None:
        event = self.settled_detail().event
        if event is None:
            return
        style = getattr(self.app, "citation_style", "plain")
        text = citation(self.state.timeline, event, style)
        self.app.copy_to_clipboard(text)
        self.notify(text, title="Citation copied", markup=False)

    def action_back(self) -> None:
        if not self.state.history:
            self.notify("Nothing to go back to.", timeout=1.5)
            return
        event_id, query = self.state.history.pop()
        if query != self.state.filter:
            self.state.apply(query)
            self._refresh_view(keep=event_id)
        self._select(event_id)
        self.focus_view()

    def action_edit_event(self) -> None:
        row = self.timeline_list.current_row
        if row is None:
            return
        self._edit(*event_location(self.state.timeline, self.state.timeline.events[row]))

    def _edit(self, path: str, line: int) -> None:
        error = open_in_editor(self.app, path, line)
        if error:
            self.notify(error, severity="warning", markup=False)
