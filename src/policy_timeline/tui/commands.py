"""The command palette: every action of the explorer, named by area, found before typing."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from policy_timeline.tui.screens.main import MainScreen

# (palette name, help line, action on the main screen)
SCREEN_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("filter: by sector…", "Pick sectors, with a count of events for each", "pick_facet('sector')"),
    ("filter: by issuer…", "Pick issuers, with a count of events for each", "pick_facet('issuer')"),
    ("filter: by kind…", "Pick kinds of event, with counts", "pick_facet('kind')"),
    ("filter: date range…", "Show only events that touch a range of dates", "pick_dates"),
    ("filter: clear all", "Show every event again", "clear_filters"),
    ("find: words…", "Highlight events containing words, then n / N", "search"),
    ("find: next match", "Move to the next event that matches", "next_match"),
    ("find: previous match", "Move to the previous event that matches", "previous_match"),
    ("find: clear", "Remove the search highlights", "clear_search"),
    ("event: open source in browser", "Open the selected source's web address", "open_source"),
    ("event: copy citation", "Copy a one-line citation of the event", "copy_citation"),
    ("event: go back", "Return to the event before the last followed link", "back"),
    ("event: edit its file", "Open the event's file in $EDITOR at its line", "edit_event"),
    ("event: copy id", "Copy the selected event's id", "copy_id"),
    (
        "event: copy source address",
        "Copy the web address of the selected source",
        "copy_source_url",
    ),
    ("view: list", "The events one per line under their years", "show_view('timeline')"),
    (
        "view: periods",
        "Every event on a year axis: a bar for a period, lanes by kind, issuer or sector",
        "show_view('periods')",
    ),
    (
        "view: targets",
        "Every target of the events in view, by deadline, with its outcome; enter opens the plan",
        "show_view('targets')",
    ),
    ("view: in force on…", "Light up what was in force on a date, or show only that", "in_force"),
    (
        "view: export this view…",
        "Write the events in view (or the marked ones) to a file",
        "export_view",
    ),
    (
        "marks: mark or unmark event",
        "Add the selected event to the marked set, or take it out",
        "toggle_mark",
    ),
    (
        "marks: show only marked / all",
        "Show only the marked events, or every event again",
        "marked_only",
    ),
    (
        "marks: export marked…",
        "Write the marked events to a file in any export format",
        "export_view(True)",
    ),
    ("view: toggle detail pane", "Show or hide the detail pane", "toggle_detail"),
    ("view: detail pane width", "Give the detail pane another share of the screen", "cycle_split"),
    ("view: problems", "List the timeline's problems with file and line", "show_problems"),
    ("view: keys (help)", "Every key in force", "help"),
    ("view: next year", "Jump to the first event of the next year", "timeline.next_year"),
    (
        "view: previous year",
        "Jump to the start of this or the previous year",
        "timeline.previous_year",
    ),
    ("view: first event", "Jump to the first event", "timeline.first"),
    ("view: last event", "Jump to the last event", "timeline.last"),
)


# (palette name, help line, the key that does the same or "", what it runs)
Command = tuple[str, str, str, Callable[[], object]]


def _keys(screen: MainScreen) -> dict[str, str]:
    """Each action's keys as the user has them (remapped keys included), by action name."""
    keys: dict[str, list[str]] = {}
    for node in (screen, screen.timeline_list):
        for bindings in node._bindings.key_to_bindings.values():
            for binding in bindings:
                shown = screen.app.get_key_display(binding)
                prefix = "timeline." if node is screen.timeline_list else ""
                found = keys.setdefault(prefix + binding.action, [])
                if shown not in found:
                    found.append(shown)
    return {action: ", ".join(shown) for action, shown in keys.items()}


class ExplorerCommands(Provider):
    def _commands(self) -> list[Command]:
        found: list[Command] = []
        screen = next(
            (
                screen
                for screen in reversed(self.app.screen_stack)
                if isinstance(screen, MainScreen)
            ),
            None,
        )
        if screen is not None:
            keys = _keys(screen)
            for name, help_text, action in SCREEN_COMMANDS:
                if action.startswith("timeline."):
                    target = screen.timeline_list
                    run = partial(target.run_action, action.split(".", 1)[1])
                else:
                    run = partial(screen.run_action, action)
                found.append((name, help_text, keys.get(action, ""), run))
        for theme in sorted(self.app.available_themes):
            found.append(
                (
                    f"theme: {theme}",
                    "Switch to this theme (remembered)",
                    "",
                    partial(setattr, self.app, "theme", theme),
                )
            )
        return found

    async def discover(self) -> Hits:
        for name, help_text, key, callback in self._commands():
            yield DiscoveryHit(_with_key(Content(name), key), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, key, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    _with_key(matcher.highlight(name), key),
                    callback,
                    text=name,
                    help=help_text,
                )


def _with_key(name: Content, key: str) -> Content:
    """The command's name, then the key that does the same from the main screen."""
    return name + Content.styled(f"   {key}", "bold") if key else name
