"""docs/explorer.md lists every key of the explorer's own actions.

The bindings are the source of truth (help is built from them at run time); this
test keeps the written key table from falling behind them.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

import policy_timeline.tui
from policy_timeline.tui.keys import AREAS

DOC = Path(__file__).resolve().parents[2] / "docs" / "explorer.md"


def app_bindings() -> list[tuple[str, Binding]]:
    """Every binding with one of this app's area ids, from every explorer module."""
    for module in pkgutil.walk_packages(policy_timeline.tui.__path__, "policy_timeline.tui."):
        importlib.import_module(module.name)
    found: list[tuple[str, Binding]] = []
    todo: list[type[DOMNode]] = [DOMNode]
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if not cls.__module__.startswith("policy_timeline."):
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and (binding.id or "").split(".")[0] in AREAS:
                found.append((cls.__name__, binding))
    return found


def test_the_explorer_has_bindings_to_check() -> None:
    assert len(app_bindings()) > 20


def test_every_printable_key_of_an_action_is_in_the_docs() -> None:
    documented = set(re.findall(r"`([^`\s]+)`", DOC.read_text("utf-8")))
    missing = []
    for owner, binding in app_bindings():
        for key in binding.key.split(","):
            key = key.strip()
            shown = {
                "question_mark": "?",
                "slash": "/",
                "left_square_bracket": "[",
                "right_square_bracket": "]",
            }.get(key, key)
            if len(shown) == 1 and shown not in documented:
                missing.append(f"{owner}: {shown} ({binding.id}, {binding.description})")
    assert not missing, "keys missing from docs/explorer.md:\n" + "\n".join(missing)
