"""Every action of the explorer, declared once: its key, its words, where it shows.

The screens' and widgets' ``BINDINGS``, the command palette, the help screen, the
footer's order and the check of ``docs/explorer.md`` are all read from ``ACTIONS``,
so a new action is one entry here plus its ``action_*`` method on its scope.
A user's ``[keymap]`` in ``config.toml`` remaps the keys by id on top of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

# An id is "<area>.<name>"; the area names the help section. Other areas (the
# dialogs' own keys) get no section: they are not in force on the main screen.
AREAS = {
    "timeline": "Timeline",
    "periods": "Periods view",
    "targets": "Targets board",
    "detail": "Detail pane",
    "search": "Find",
    "filter": "Filter",
    "event": "Selected event",
    "marks": "Marked events",
    "view": "View",
    "app": "App",
}


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    """"<area>.<name>": the keymap's name for it; the area is its help section."""
    run: str
    """The Textual action string, run on the scope (``pick_facet('sector')``)."""
    scopes: tuple[str, ...]
    """The classes whose ``BINDINGS`` hold it, by name; the palette runs it on the first."""
    keys: str = ""
    """Default keys, comma-separated as Textual writes them; "" for the palette only."""
    description: str = ""
    """A word or two, for the footer and the help screen."""
    show: bool = False
    """Whether the footer may show it."""
    footer: int | None = None
    """Its rank in the footer (1 first, kept when the screen is narrow); None comes last."""
    palette: str | None = None
    """Its name in the command palette ("view: next year"), or None to leave it out."""
    palette_help: str = ""
    key_display: str | None = None

    @property
    def area(self) -> str | None:
        """Its section of the help screen, or None for a dialog's own key."""
        return AREAS.get(self.id.split(".", 1)[0])

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.run,
            self.description,
            show=self.show,
            key_display=self.key_display,
            id=self.id,
        )


MAIN = ("MainScreen",)
SEARCH = ("SearchActions",)
EVENT = ("EventActions",)
VIEWS = ("ViewActions",)
TARGETS = ("TargetsActions",)
WORKING_SET = ("WorkingSetActions",)
LIST_AND_PERIODS = ("TimelineList", "PeriodsView")
# The six cursor moves, under the list's ids, so a remapped key moves every view.
CURSOR_VIEWS = (*LIST_AND_PERIODS, "TargetBoard")
DETAIL = ("DetailPane",)

# Palette order is table order; a scope's bindings keep table order too.
# fmt: off
ACTIONS: tuple[Action, ...] = (
    # Filter, find and the selected event: the main screen.
    Action("filter.sector", "pick_facet('sector')", MAIN, "s", "Sector", show=True, footer=4,
           palette="filter: by sector…",
           palette_help="Pick sectors, with a count of events for each"),
    Action("filter.issuer", "pick_facet('issuer')", MAIN, "i", "Issuer", show=True, footer=9,
           palette="filter: by issuer…",
           palette_help="Pick issuers, with a count of events for each"),
    Action("filter.kind", "pick_facet('kind')", MAIN, "t", "Kind", show=True, footer=10,
           palette="filter: by kind…", palette_help="Pick kinds of event, with counts"),
    Action("filter.dates", "pick_dates", MAIN, "d", "Dates", show=True, footer=5,
           palette="filter: date range…",
           palette_help="Show only events that touch a range of dates"),
    Action("filter.clear", "clear_filters", MAIN, "c", "Clear", show=True, footer=6,
           palette="filter: clear all", palette_help="Show every event again"),
    Action("search.start", "search", SEARCH, "slash", "Find", show=True, footer=3,
           key_display="/", palette="find: words…",
           palette_help="Highlight events containing words, then n / N"),
    Action("search.next", "next_match", SEARCH, "n", "Next match",
           palette="find: next match", palette_help="Move to the next event that matches"),
    Action("search.previous", "previous_match", SEARCH, "N", "Previous match",
           palette="find: previous match",
           palette_help="Move to the previous event that matches"),
    Action("search.clear", "clear_search", SEARCH, "escape", "Clear find",
           palette="find: clear", palette_help="Remove the search highlights"),
    Action("event.open-source", "open_source", EVENT, "o", "Open", show=True, footer=7,
           palette="event: open source in browser",
           palette_help="Open the selected source's web address"),
    Action("event.copy-citation", "copy_citation", EVENT, "y", "Cite", show=True, footer=8,
           palette="event: copy citation", palette_help="Copy a one-line citation of the event"),
    Action("event.back", "back", EVENT, "backspace", "Back",
           palette="event: go back",
           palette_help="Return to the event before the last followed link"),
    Action("event.edit", "edit_event", EVENT, "e", "Edit",
           palette="event: edit its file",
           palette_help="Open the event's file in $EDITOR at its line"),
    # The working set, the views and "in force on": the main screen's mixins.
    Action("event.copy-id", "copy_id", WORKING_SET, "Y", "Copy id",
           palette="event: copy id", palette_help="Copy the selected event's id"),
    Action("event.copy-url", "copy_source_url", WORKING_SET, "U", "Copy source address",
           palette="event: copy source address",
           palette_help="Copy the web address of the selected source"),
    Action("view.list", "show_view('timeline')", VIEWS, "1", "List",
           palette="view: list", palette_help="The events one per line under their years"),
    Action("view.periods", "show_view('periods')", VIEWS, "2", "Periods",
           palette="view: periods",
           palette_help="Every event on a year axis: a bar for a period, lanes by kind, "
           "issuer or sector"),
    Action("view.targets", "show_view('targets')", TARGETS, "3", "Targets",
           palette="view: targets",
           palette_help="Every target of the events in view, by deadline, with its outcome; "
           "enter opens the plan"),
    Action("filter.in-force", "in_force", VIEWS, "f", "In force",
           palette="view: in force on…",
           palette_help="Light up what was in force on a date, or show only that"),
    Action("view.export", "export_view", WORKING_SET, "x", "Export",
           palette="view: export this view…",
           palette_help="Write the events in view (or the marked ones) to a file"),
    Action("marks.toggle", "toggle_mark", WORKING_SET, "m", "Mark",
           palette="marks: mark or unmark event",
           palette_help="Add the selected event to the marked set, or take it out"),
    Action("marks.only", "marked_only", WORKING_SET, "M", "Marked only",
           palette="marks: show only marked / all",
           palette_help="Show only the marked events, or every event again"),
    Action("marks.export", "export_view(True)", WORKING_SET,
           palette="marks: export marked…",
           palette_help="Write the marked events to a file in any export format"),
    # The screen's layout and panels.
    Action("view.help", "help", MAIN, "question_mark", "Help", show=True, footer=2,
           key_display="?", palette="view: keys (help)", palette_help="Every key in force"),
    Action("view.toggle-detail", "toggle_detail", MAIN, "v", "Detail",
           palette="view: toggle detail pane", palette_help="Show or hide the detail pane"),
    Action("view.detail-width", "cycle_split", MAIN, "w", "Detail width",
           palette="view: detail pane width",
           palette_help="Give the detail pane another share of the screen"),
    Action("view.problems", "show_problems", MAIN, "p", "Problems",
           palette="view: problems",
           palette_help="List the timeline's problems with file and line"),
    # Moving in the list, the periods view and the targets board.
    Action("timeline.down", "cursor_down", CURSOR_VIEWS, "j,down", "Down"),
    Action("timeline.up", "cursor_up", CURSOR_VIEWS, "k,up", "Up"),
    Action("timeline.page-down", "page_down", CURSOR_VIEWS, "pagedown", "Page down"),
    Action("timeline.page-up", "page_up", CURSOR_VIEWS, "pageup", "Page up"),
    Action("timeline.next-year", "next_year", LIST_AND_PERIODS, "right_square_bracket",
           "Next year", key_display="]", palette="view: next year",
           palette_help="Jump to the first event of the next year"),
    Action("timeline.previous-year", "previous_year", LIST_AND_PERIODS, "left_square_bracket",
           "Previous year", key_display="[", palette="view: previous year",
           palette_help="Jump to the start of this or the previous year"),
    Action("timeline.first", "first", CURSOR_VIEWS, "g,home", "First event",
           palette="view: first event", palette_help="Jump to the first event"),
    Action("timeline.last", "last", CURSOR_VIEWS, "G,end", "Last event",
           palette="view: last event", palette_help="Jump to the last event"),
    Action("timeline.details", "choose", LIST_AND_PERIODS, "enter", "Details", show=True,
           footer=11),
    Action("periods.zoom", "zoom", ("PeriodsView",), "z", "Zoom", show=True),
    Action("periods.lanes", "next_grouping", ("PeriodsView",), "l", "Lanes", show=True),
    Action("targets.open-plan", "choose", ("TargetBoard",), "enter", "Open plan", show=True),
    # Reading the event in the detail pane.
    Action("detail.scroll-down", "scroll_down", DETAIL, "j", "Scroll down"),
    Action("detail.scroll-up", "scroll_up", DETAIL, "k", "Scroll up"),
    Action("detail.next", "move(1)", DETAIL, "down", "Next"),
    Action("detail.previous", "move(-1)", DETAIL, "up", "Previous"),
    Action("detail.next-section", "section(1)", DETAIL, "tab", "Next section"),
    Action("detail.previous-section", "section(-1)", DETAIL, "shift+tab", "Previous section"),
    Action("detail.choose", "choose", DETAIL, "enter", "Open or follow"),
    Action("detail.leave", "leave", DETAIL, "escape", "Back to list", show=True),
    Action("app.quit", "quit", ("ExplorerApp",), "q", "Quit", show=True, footer=1),
    # The dialogs' and panels' own keys.
    Action("panel.close", "close", ("_Panel", "ProblemsPanel"), "escape,q", "Close", show=True),
    Action("panel.edit", "choose(True)", ("ProblemsPanel",), "e", "Edit file", show=True),
    Action("help.close", "close", ("HelpPanel",), "escape,q,question_mark", "Close", show=True),
    Action("picker.apply", "apply", ("_ApplyingSelectionList",), "enter", "Apply", show=True),
    Action("picker.cancel", "cancel", ("FacetPicker",), "escape", "Cancel", show=True),
    Action("dates.cancel", "dismiss_none", ("DateRangePicker",), "escape", "Cancel", show=True),
    Action("in-force.cancel", "dismiss_none", ("InForcePicker",), "escape", "Cancel", show=True),
    Action("export.cancel", "dismiss_none", ("ExportDialog",), "escape", "Cancel", show=True),
)
# fmt: on

BY_ID = {action.id: action for action in ACTIONS}


def bindings_for(scope: str) -> list[BindingType]:
    """The ``BINDINGS`` of the class named ``scope``, in table order."""
    return [action.binding() for action in ACTIONS if scope in action.scopes and action.keys]


def palette_actions() -> list[Action]:
    return [action for action in ACTIONS if action.palette]


def footer_priority() -> tuple[str, ...]:
    """Binding ids in the footer's order, most important first."""
    ranked = [action for action in ACTIONS if action.footer is not None]
    return tuple(action.id for action in sorted(ranked, key=lambda action: action.footer or 0))


def remappable(action_id: str) -> bool:
    """Whether a keymap entry with this id changes a key: the action has one."""
    action = BY_ID.get(action_id)
    return action is not None and bool(action.keys)
