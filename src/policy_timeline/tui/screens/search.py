"""Finding words: the search field, its matches in every view, and n / N between them.

``MainScreen`` inherits these actions. A search runs a slice of the lines per
turn of the event loop, so typing never waits for it on a large timeline.
"""

from __future__ import annotations

import gc
from typing import ClassVar

from textual import on, work
from textual.binding import BindingType
from textual.widgets import Input

from policy_timeline.tui.actions import bindings_for
from policy_timeline.tui.screens.views import ViewActions

# Lines a search checks per turn of the event loop: about 10 ms of work.
SEARCH_SLICE = 10_000


class SearchActions(ViewActions):
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("SearchActions")

    # Where the cursor was when the search began, and which search is current.
    _search_origin = 0
    _search_generation = 0

    # No arguments: a worker describes itself with the repr of its arguments,
    # and the repr of an index is the repr of every event in it.
    @work(thread=True, exit_on_error=False, group="prepare-search")
    def _prepare_search(self) -> None:
        """Makes the date index, search texts and word index after the first frame, not before it.

        The index lives as long as the view, like the loaded data the app froze
        out of the cyclic collector's sight; it is frozen too, or every full
        collection would walk its lists, a pause landing on whatever key was pressed.
        """
        self.state.index.prepare()
        gc.freeze()

    @on(Input.Changed, "#search")
    def _search_changed(self, message: Input.Changed) -> None:
        self.state.begin_search(message.value)
        self._search_generation += 1
        self._continue_search(self._search_generation, jump=True)

    def continue_search(self) -> None:
        """Carries on a search the state began but did not finish (after a filter)."""
        if not self.state.search_done:
            self._search_generation += 1
            self._continue_search(self._search_generation, jump=False)

    def _continue_search(self, generation: int, jump: bool) -> None:
        """Searches a slice of the lines per turn of the event loop.

        On a large timeline a search takes longer than a keystroke may, so the
        rest is left for later turns and typing never waits for it; a newer
        search makes the older one's remaining turns do nothing.
        """
        if generation != self._search_generation:
            return
        if not self.state.search_step(self.state.search_slice or SEARCH_SLICE):
            self._refresh_header()
            # After the next repaint, not straight after in the queue: a search from
            # the index runs for seconds at 1M, and a queue never empty is never
            # painted (the find box and its keys would show only at the end).
            self.call_after_refresh(self._continue_search, generation, jump)
            return
        self.timeline_list.set_search(self.state.terms, self.state.matches)
        self.refresh_views()
        if jump:
            found, _ = self.state.match_from(self._search_origin, include=True)
            if found is not None:
                self.timeline_list.go_to(found)
        self._refresh_header()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.close_search()

    def close_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = False
        # Now, not queued as focus() is: the keys typed behind the enter are the view's.
        self.set_focus(self.view_widget)

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        self._search_origin = self.timeline_list.cursor
        search.display = True
        self.set_focus(search)
        search.select_all()

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        self._search_generation += 1
        self.state.set_search("")
        self.timeline_list.set_search([], frozenset())
        self.refresh_views()
        self._refresh_header()
        if search.display:
            self.close_search()

    def _jump_match(self, forward: bool) -> None:
        if not self.state.search:
            self.notify("Nothing to find yet: press / and type.", severity="warning")
            return
        found, wrapped = self.state.match_from(self.timeline_list.cursor, forward)
        if found is None:
            self.notify(
                f"No match for {self.state.search!r} in view.", severity="warning", markup=False
            )
            return
        self.timeline_list.go_to(found)
        if wrapped:
            self.notify("Search wrapped around.", timeout=1.5)

    def action_next_match(self) -> None:
        self._jump_match(True)

    def action_previous_match(self) -> None:
        self._jump_match(False)
