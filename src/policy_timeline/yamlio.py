"""Reading YAML files safely: bytes to Python data, or problems, never an exception."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from policy_timeline.problems import Problem, YamlPath

MAX_DEPTH = 1_000
MAX_NODES = 200_000
# What precedes a line's content: indentation and compact "- ", "? ", ": " indicators.
# Each block nesting level needs at least one of these characters.
_BLOCK_PREFIX = re.compile(r"^[ \t]*(?:[-?:][ \t]+)*", re.MULTILINE)


class _Loader(yaml.CSafeLoader):
    """The C safe loader, keeping timestamps as text so partial dates stay partial."""

    duplicate_keys: list[tuple[str, yaml.Mark]]

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys = []

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        self.flatten_mapping(node)
        keys = [key.value for key, _ in node.value if isinstance(key, ScalarNode)]
        if len(set(keys)) != len(keys):
            seen: set[object] = set()
            for key_node, _ in node.value:
                if isinstance(key_node, ScalarNode):
                    if key_node.value in seen:
                        self.duplicate_keys.append((str(key_node.value), key_node.start_mark))
                    seen.add(key_node.value)
        return super().construct_mapping(node, deep)

    # The composer (in C) calls these three for every node. This loader has no
    # path resolvers, so descending and ascending do nothing, and resolving is
    # the implicit resolvers' table lookup without the per-call list building.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: Any, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], _WILDCARD):
                    if regexp.match(value):
                        return tag  # type: ignore[no-any-return]
            return _STR
        return _SEQ if kind is SequenceNode else _MAP


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    SafeConstructor.construct_yaml_str,  # type: ignore[type-var]
)
assert not _Loader.yaml_path_resolvers, "resolve() above assumes no path resolvers"
_STR = _Loader.DEFAULT_SCALAR_TAG
_SEQ = _Loader.DEFAULT_SEQUENCE_TAG
_MAP = _Loader.DEFAULT_MAPPING_TAG
# Resolver.resolve's lookup, with the wildcard resolvers appended once here.
_WILDCARD = list(_Loader.yaml_implicit_resolvers.get(None, []))
_IMPLICIT = {
    first: resolvers + _WILDCARD
    for first, resolvers in _Loader.yaml_implicit_resolvers.items() if first is not None
}
_TEXT_TAGS = frozenset((_STR, "tag:yaml.org,2002:timestamp"))
_SCALAR_CONSTRUCTORS = {
    "tag:yaml.org,2002:null": SafeConstructor.construct_yaml_null,
    "tag:yaml.org,2002:bool": SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:int": SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": SafeConstructor.construct_yaml_float,
}


class _Unusual(Exception):
    """A document the fast builder leaves to PyYAML's own constructor."""


def _build(loader: _Loader, root: Node) -> Any:
    """The data of a composed document, as the safe constructor would make it.

    PyYAML's constructor works through generators so that aliases can make
    shared and recursive structures; documents without aliases need none of
    that. This builds plain scalars, lists and mappings directly and raises
    ``_Unusual`` for anything else (other tags, merge keys, keys that are not
    scalars, duplicate keys, any error), which the caller then constructs the
    ordinary way, so problems and their order stay exactly as PyYAML gives them.
    """
    text_tags = _TEXT_TAGS
    scalar_constructors = _SCALAR_CONSTRUCTORS
    scalar_node = ScalarNode
    sequence_node = SequenceNode
    mapping_node = MappingNode

    def build(node: Node) -> Any:
        kind = node.__class__
        tag = node.tag
        if kind is scalar_node:
            if tag in text_tags:
                return node.value
            # A KeyError here means a tag other than the plain ones.
            return scalar_constructors[tag](loader, node)  # type: ignore[arg-type]
        if kind is mapping_node:
            if tag != _MAP:
                raise _Unusual
            mapping = {}
            only_text_keys = True
            for key_node, value_node in node.value:
                if key_node.__class__ is not scalar_node:
                    raise _Unusual
                key_tag = key_node.tag
                if key_tag in text_tags:
                    key = key_node.value
                else:
                    only_text_keys = False
                    key = scalar_constructors[key_tag](loader, key_node)
                mapping[key] = build(value_node)
            if len(mapping) != len(node.value) or not (
                    only_text_keys or len({key.value for key, _ in node.value}) == len(mapping)):
                raise _Unusual  # a duplicate key, reported by the ordinary construction
            return mapping
        if kind is sequence_node and tag == _SEQ:
            return [build(item) for item in node.value]
        raise _Unusual

    try:
        return build(root)
    except Exception:  # the ordinary construction says what is wrong
        raise _Unusual from None


@dataclass(slots=True)
class ReadResult:
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    text: str | None = None  # the decoded text, when the bytes were UTF-8

    @property
    def ok(self) -> bool:
        return not self.problems


def read_yaml(path: str | Path, display: str) -> ReadResult:
    try:
        with open(path, "rb") as stream:
            raw = stream.read()
    except OSError as error:
        return ReadResult(problems=[Problem(display, field="file", message=_os_reason(error))])
    return parse_yaml_bytes(raw, display)


def parse_yaml_bytes(raw: bytes, display: str) -> ReadResult:
    text, problem = _decode(raw, display)
    if problem:
        return ReadResult(problems=[problem])
    assert text is not None
    result = ReadResult(text=text)
    if len(text) > MAX_DEPTH or _may_alias(text):
        shape_problem = _check_shape(text, display)
        if shape_problem:
            result.problems.append(shape_problem)
            return result
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            try:
                if _may_alias(text):
                    raise _Unusual  # shared or recursive structures: PyYAML's way
                result.data = _build(loader, node)
            except _Unusual:
                result.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        result.problems.append(_yaml_problem(error, display))
    except yaml.YAMLError as error:
        result.problems.append(Problem(display, field="yaml", message=str(error)))
    except (ValueError, TypeError, OverflowError) as error:
        # The safe constructor can still fail on odd scalars (a float too large, say).
        result.problems.append(
            Problem(display, field="yaml", message=f"cannot read value: {error}")
        )
    finally:
        loader.dispose()
    for key, mark in loader.duplicate_keys:
        result.problems.append(
            Problem(display, mark.line + 1, mark.column + 1, key,
                    "duplicate key: the later value would silently replace the earlier")
        )
    return result


def _decode(raw: bytes, display: str) -> tuple[str | None, Problem | None]:
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = error.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start]
        return None, Problem(
            display, line, col, "encoding",
            f"file is not UTF-8 (byte 0x{byte:02x} cannot be decoded); save it as UTF-8",
        )


def _yaml_problem(error: yaml.MarkedYAMLError, display: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    message = error.problem or str(error)
    if error.context and error.problem:
        message = f"{error.problem} ({error.context})"
    if "could not determine a constructor" in message or message.startswith("found unknown tag"):
        message = f"{message}; only plain YAML is allowed, tags that build objects are refused"
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    return Problem(display, line, col, "yaml", message)


def _check_shape(text: str, display: str) -> Problem | None:
    """Refuses pathological nesting and alias bombs before anything recursive sees them.

    libyaml's composer recurses once per nesting level and crashes the process
    at a depth of some tens of thousands, and aliases can make a small file
    stand for billions of values. Block nesting costs a column per level and
    flow nesting a bracket, which bounds the depth cheaply, so ordinary files
    skip the event-by-event walk.
    """
    flow_bound = text.count("[") + text.count("{")
    if not _may_alias(text):
        # A line's prefix is made of these characters only, so their count bounds
        # its length: most files are settled without finding every prefix.
        prefix_chars = (text.count(" ") + text.count("\t") + text.count("-")
                        + text.count("?") + text.count(":"))
        if prefix_chars + 4 + flow_bound <= MAX_DEPTH:
            return None
    block_bound = max(map(len, _BLOCK_PREFIX.findall(text)), default=0) + 4
    depth_bound = block_bound + flow_bound
    if depth_bound <= MAX_DEPTH and not _may_alias(text):
        return None
    return _walk_events(text, display)


def _may_alias(text: str) -> bool:
    return "&" in text and "*" in text


def _walk_events(text: str, display: str) -> Problem | None:
    sizes: dict[str, int] = {}
    # The values counted so far inside each open collection, and its anchor.
    open_counts: list[int] = []
    open_anchors: list[str | None] = []
    total = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            added = 0
            if isinstance(event, yaml.CollectionStartEvent):
                if len(open_counts) >= MAX_DEPTH:
                    return _refuse(display, event, f"nesting deeper than {MAX_DEPTH} levels")
                open_counts.append(0)
                open_anchors.append(event.anchor)
                added = 1
            elif isinstance(event, yaml.CollectionEndEvent):
                count = open_counts.pop()
                anchor = open_anchors.pop()
                if anchor:
                    sizes[anchor] = count + 1
                if open_counts:
                    open_counts[-1] += count
            elif isinstance(event, yaml.ScalarEvent):
                if event.anchor:
                    sizes[event.anchor] = 1
                added = 1
            elif isinstance(event, yaml.AliasEvent):
                added = sizes.get(event.anchor or "", 1)
            if added:
                total += added
                if open_counts:
                    open_counts[-1] += added
                if total > MAX_NODES:
                    return _refuse(display, event, f"more than {MAX_NODES} values once aliases "
                                   "are expanded (a possible alias bomb)")
    except yaml.MarkedYAMLError as error:
        # libyaml from 0.2.5 stops at its own depth limit before we see the event.
        if "maximum nesting depth" in str(error.problem) and error.problem_mark:
            mark = error.problem_mark
            return Problem(display, mark.line + 1, mark.column + 1, "yaml",
                           f"refused: nesting deeper than {MAX_DEPTH} levels")
        return None  # The real load reports the syntax error with its position.
    except yaml.YAMLError:
        return None
    return None


def _refuse(display: str, event: yaml.Event, reason: str) -> Problem:
    mark = event.start_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    return Problem(display, line, col, "yaml", f"refused: {reason}")


def compose(text: str) -> Node | None:
    """The document's node tree, for finding where things are; ``None`` if it will not parse."""
    try:
        return yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None


def position(root: Node | None, yaml_path: YamlPath, at_key: bool) -> tuple[int, int]:
    """The 1-based line and column of a path in a document, as near as it exists."""
    if root is None:
        return (1, 1)
    node = root
    best = node.start_mark
    for index, part in enumerate(yaml_path):
        last = index == len(yaml_path) - 1
        child: Node | None = None
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value == str(part):
                    child = key_node if (last and at_key) else value_node
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            child = node.value[part] if 0 <= part < len(node.value) else None
        if child is None:
            break
        node = child
        best = node.start_mark
    return (best.line + 1, best.column + 1)


def _os_reason(error: OSError) -> str:
    return f"cannot read file: {error.strerror or error}"
