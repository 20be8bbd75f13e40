"""The action table is the one list of the explorer's keys: the code and the docs follow it.

Every class's bindings come from the table, every action has a handler on its
scope, no scope binds one key to two actions, the palette finds each command's
node, and docs/explorer.md names every action's id and keys.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from textual.actions import parse
from textual.dom import DOMNode

import policy_timeline.tui
from policy_timeline.tui.actions import ACTIONS, BY_ID, Action, bindings_for, palette_actions
from policy_timeline.tui.commands import _keys, _runs_on
from policy_timeline.tui.config import read_settings
from policy_timeline.tui.keys import help_rows
from policy_timeline.tui.screens.main import MainScreen

from .conftest import MakeApp

BOTH_SOURCES = True  # each test runs on the loaded timeline and on the index

DOC = Path(__file__).resolve().parents[2] / "docs" / "explorer.md"

# How docs/explorer.md writes a key whose Textual name is not what it prints.
DOC_SPELLING = {
    "down": "↓",
    "up": "↑",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


@cache
def explorer_classes() -> dict[str, type[DOMNode]]:
    """Every screen, widget and the app of the explorer, by class name."""
    for module in pkgutil.walk_packages(policy_timeline.tui.__path__, "policy_timeline.tui."):
        importlib.import_module(module.name)
    found: dict[str, type[DOMNode]] = {}
    todo: list[type[DOMNode]] = [DOMNode]
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.startswith("policy_timeline.") and found.get(cls.__name__) is not cls:
            assert cls.__name__ not in found, f"two explorer classes named {cls.__name__}"
            found[cls.__name__] = cls
    return found


def keys_of(keys: str) -> list[str]:
    return [key.strip() for key in keys.split(",") if key.strip()]


def test_ids_and_palette_names_are_unique() -> None:
    assert len(BY_ID) == len(ACTIONS)
    names = [action.palette for action in palette_actions()]
    assert len(names) == len(set(names))


def test_every_scope_names_a_class_of_the_explorer() -> None:
    classes = explorer_classes()
    unknown = {scope for action in ACTIONS for scope in action.scopes} - set(classes)
    assert not unknown, f"scopes that name no class: {sorted(unknown)}"


def test_every_class_takes_its_bindings_from_the_table() -> None:
    """No binding is written by hand beside the table, and none is left out of a class."""
    for name, cls in explorer_classes().items():
        own = cls.__dict__.get("BINDINGS")
        wanted = bindings_for(name)
        if own is None:
            assert not wanted, f"{name} has table actions but no BINDINGS = bindings_for(...)"
        else:
            assert own == wanted, f"{name}.BINDINGS is not bindings_for({name!r})"


def test_every_action_has_a_handler_on_its_scope() -> None:
    classes = explorer_classes()
    missing = []
    for action in ACTIONS:
        _, name, _ = parse(action.run)
        for scope in action.scopes:
            if not callable(getattr(classes[scope], f"action_{name}", None)):
                missing.append(f"{action.id}: {scope} has no action_{name}")
    assert not missing, "\n".join(missing)


def test_no_scope_binds_one_key_to_two_actions() -> None:
    """Within a class and the classes it inherits bindings from, a key does one thing.

    A subclass may bind a key again to the same action (the help panel adds `?`
    to its base's close keys); a different action on the same key is a clash,
    since Textual would silently let one of them win.
    """
    clashes = []
    for name, cls in explorer_classes().items():
        inherited = {base.__name__ for base in cls.__mro__}
        runs: dict[str, list[str]] = {}
        for action in ACTIONS:
            if inherited & set(action.scopes):
                for key in keys_of(action.keys):
                    if action.run not in runs.setdefault(key, []):
                        runs[key].append(action.run)
        clashes += [f"{name}: {key} runs {run}" for key, run in runs.items() if run[1:]]
    assert not clashes, "\n".join(clashes)


async def test_help_lists_every_action_in_force_under_its_area(make_app: MakeApp) -> None:
    """With the list focused: the app's, the screen's and the list's actions, each once."""
    app = make_app()
    async with app.run_test(size=(120, 40)):
        in_force = {
            cls.__name__ for node in (app, app.screen, app.focused) for cls in type(node).__mro__
        }
        rows = help_rows(app.screen)
        for action in ACTIONS:
            if action.keys and action.area and in_force & set(action.scopes):
                found = [
                    row for row in rows if row[0] == action.area and row[2] == action.description
                ]
                assert len(found) == 1, f"{action.id} in help: {found}"


async def test_the_palette_runs_each_command_on_a_node_with_its_keys(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)):
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for action in palette_actions():
            node = _runs_on(screen, action)
            assert type(node).__name__ == action.scopes[0] or node is screen
            default = {
                app.get_key_display(replace(action.binding(), key=key))
                for key in keys_of(action.keys)
            }
            shown = _keys(node, action)
            assert set(shown.split(", ") if shown else []) == default, action.id


def test_a_keymap_entry_for_no_action_is_reported_and_left_out(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(
        '[keymap]\n"timeline.dwn" = "x"\n"marks.export" = "X"\n"timeline.down" = "j,ctrl+n"\n'
    )
    settings = read_settings(tmp_path)
    assert settings.keymap == {"timeline.down": "j,ctrl+n"}
    assert len(settings.errors) == 2
    assert "'timeline.dwn': no key of the explorer has this id" in settings.errors[0]


# docs/explorer.md ---------------------------------------------------------


def doc_rows() -> list[set[str]]:
    """The backquoted words of each row of the doc's key tables."""
    lines = DOC.read_text("utf-8").splitlines()
    return [set(re.findall(r"`([^`]+)`", line)) for line in lines if line.startswith("|")]


def doc_ids() -> set[str]:
    """The ids listed under "Remapping keys"."""
    text = DOC.read_text("utf-8")
    listed = text[text.index("\nIds: ") :].split("\n\n", 1)[0]
    return set(re.findall(r"`([a-z-]+\.[a-z-]+)`", listed))


def test_the_docs_list_every_action_and_no_other() -> None:
    bound = {action.id for action in ACTIONS if action.keys}
    assert not bound - doc_ids(), f"ids missing from docs/explorer.md: {sorted(bound - doc_ids())}"
    assert not doc_ids() - bound, f"ids in docs/explorer.md with no key: {doc_ids() - bound}"


@pytest.mark.parametrize(
    "action", [action for action in ACTIONS if action.keys], ids=lambda action: action.id
)
def test_the_docs_give_every_action_its_keys(action: Action) -> None:
    """A row of the doc's key tables names all the action's keys, as the doc writes keys."""
    wanted = {DOC_SPELLING.get(key, key) for key in keys_of(action.keys)}
    assert any(wanted <= row for row in doc_rows()), (
        f"docs/explorer.md has no key-table row with {' '.join(sorted(wanted))} "
        f"({action.id}, {action.description})"
    )
