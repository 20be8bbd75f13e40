"""The command palette: every action of the explorer, named by area, found before typing."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.widget import Widget

from policy_timeline.tui.actions import Action, palette_actions
from policy_timeline.tui.screens.main import MainScreen

# (palette name, help line, the key that does the same or "", what it runs)
Command = tuple[str, str, str, Callable[[], object]]


def _runs_on(screen: MainScreen, action: Action) -> Widget:
    """The node that answers the action: the screen; the view in front, when the
    action is one of its own ("next year" in the periods view); or else the widget
    of the action's first scope."""
    scope = action.scopes[0]
    if any(cls.__name__ == scope for cls in type(screen).__mro__):
        return screen
    in_front = screen.view_widget
    if type(in_front).__name__ in action.scopes:
        return in_front
    return screen.query_one(scope)  # a type selector: the widget class's name


def _keys(node: DOMNode, action: Action) -> str:
    """The action's keys as the user has them (remapped keys included)."""
    shown: list[str] = []
    for bindings in node._bindings.key_to_bindings.values():
        for binding in bindings:
            if binding.id != action.id:
                continue
            key = node.app.get_key_display(binding)
            if key not in shown:
                shown.append(key)
    return ", ".join(shown)


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
            for action in palette_actions():
                node = _runs_on(screen, action)
                run = partial(node.run_action, action.run)
                found.append((action.palette or "", action.palette_help, _keys(node, action), run))
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
