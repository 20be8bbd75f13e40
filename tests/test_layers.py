"""Imports go one way: model <- reading <- query <- render <- authoring <- the CLI and explorer.

The layers are the folders of the package, so the tree shows them; this test keeps the code
honest about them. A module may import its own layer and the layers below, never above.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "policy_timeline"
LAYERS = ["model", "reading", "query", "render", "authoring", "tui"]
# Modules at the top of the package: where they stand among the layers. `atomic` and `paths`
# are file-system primitives that every layer may use; the CLI stands beside the explorer.
TOP = {"__init__": 0, "paths": 0, "atomic": 0, "cli": 5, "__main__": 6}
CORE = {"model", "reading", "query", "render", "authoring"}


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "policy_timeline":
        return None
    if len(parts) == 1:
        return 0
    if parts[1] in LAYERS:
        return LAYERS.index(parts[1])
    return TOP.get(parts[1])


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            # `from policy_timeline import render` names a layer, not a symbol.
            if node.module == "policy_timeline":
                found += [(node.lineno, f"policy_timeline.{alias.name}") for alias in node.names]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    for path in MODULES:
        assert layer_of(module_name(path)) is not None, f"{path}: not in a layer"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_down_the_layers(path: Path) -> None:
    own = layer_of(module_name(path))
    assert own is not None
    for line, target in imports(path):
        level = layer_of(target)
        if level is None:
            continue
        assert level <= own, (
            f"{path.name}:{line} imports {target}, a higher layer "
            f"({LAYERS[level] if level < len(LAYERS) else target})"
        )


@pytest.mark.parametrize(
    "path",
    [p for p in MODULES if module_name(p).split(".")[1:2] and module_name(p).split(".")[1] in CORE],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_the_core_never_imports_textual(path: Path) -> None:
    for line, target in imports(path):
        assert target.split(".")[0] != "textual", f"{path.name}:{line} imports {target}"


@pytest.mark.parametrize(
    "path",
    [
        p
        for p in MODULES
        if module_name(p).startswith("policy_timeline.cli") and p.name != "explorer.py"
    ],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_only_the_open_command_loads_the_explorer(path: Path) -> None:
    """Summary, export and the other commands stay free of Textual, even in their lazy imports."""
    for line, target in imports(path):
        assert target.split(".")[0] != "textual", f"{path.name}:{line} imports {target}"
        assert not target.startswith("policy_timeline.tui"), f"{path.name}:{line} imports {target}"


def module_imports(path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``path`` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found & known


def test_no_two_modules_import_each_other_even_through_others() -> None:
    names = {module_name(path): path for path in MODULES}
    graph = {name: module_imports(path, set(names)) - {name} for name, path in names.items()}
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            circle = trail[trail.index(name) :] + [name]
            raise AssertionError("import circle: " + " -> ".join(circle))
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, [*trail, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
