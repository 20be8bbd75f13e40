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

from policy_timeline.model.problems import Problem, YamlPath
from policy_timeline.reading.discover import digest, read_regular_file

MAX_DEPTH = 1_000
MAX_EXPANSION = 1_000_000
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
        # The mapping's own keys: those a merge ("<<: *base") brings in may be
        # overridden, as the merge-key spec says, and are no duplicates.
        own = [
            key
            for key, _ in node.value
            if isinstance(key, ScalarNode) and key.tag != "tag:yaml.org,2002:merge"
        ]
        self.flatten_mapping(node)
        keys = [key.value for key in own]
        if len(set(keys)) != len(keys):
            seen: set[object] = set()
            for key_node in own:
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
                        return tag
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
_NULL, _BOOL = "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool"
_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"

# Plain scalars are read by the YAML 1.2 core schema, as editors and their
# language servers read them, not by PyYAML's YAML 1.1 rules: "1:30" stays text
# (1.1: the sexagesimal 90), "010" is ten (1.1: octal 8), "yes", "on" and "1_000"
# stay text, and "0o17" is an octal number. Merge keys ("<<") are kept.
_CORE_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")
_CORE_BOOL = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_CORE_INT = re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")
_CORE_FLOAT = re.compile(
    r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
)
_MERGE = re.compile(r"<<\Z")
_NUMBERS = [(_INT, _CORE_INT), (_FLOAT, _CORE_FLOAT)]
# The resolvers to try, by a plain scalar's first character.
_IMPLICIT: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    **{first: _NUMBERS for first in "0123456789+-."},
    **{first: [(_NULL, _CORE_NULL)] for first in ("~", "")},
    "n": [(_NULL, _CORE_NULL)],
    "N": [(_NULL, _CORE_NULL)],
    "t": [(_BOOL, _CORE_BOOL)],
    "T": [(_BOOL, _CORE_BOOL)],
    "f": [(_BOOL, _CORE_BOOL)],
    "F": [(_BOOL, _CORE_BOOL)],
    "<": [("tag:yaml.org,2002:merge", _MERGE)],
}
_WILDCARD: list[tuple[str, re.Pattern[str]]] = []


def _construct_core_int(loader: Any, node: ScalarNode) -> int:
    """An integer as YAML 1.2 writes it: decimal (leading zeros too), 0o octal, 0x hex."""
    value = node.value
    if value.startswith("0o"):
        return int(value[2:], 8)
    if value.startswith("0x"):
        return int(value[2:], 16)
    return int(value, 10)


_Loader.add_constructor(_INT, _construct_core_int)
# "<<" merges as a key; as a value it is the text "<<", as YAML 1.2 reads it.
_Loader.add_constructor(
    "tag:yaml.org,2002:merge",
    SafeConstructor.construct_yaml_str,  # type: ignore[type-var]
)
_TEXT_TAGS = frozenset((_STR, "tag:yaml.org,2002:timestamp"))
_SCALAR_CONSTRUCTORS = {
    _NULL: SafeConstructor.construct_yaml_null,
    _BOOL: SafeConstructor.construct_yaml_bool,
    _INT: _construct_core_int,
    _FLOAT: SafeConstructor.construct_yaml_float,
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
                only_text_keys or len({key.value for key, _ in node.value}) == len(mapping)
            ):
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
    digest: bytes = b""  # of the bytes read, when they come from a file

    @property
    def ok(self) -> bool:
        return not self.problems


def read_yaml(path: str | Path, display: str) -> ReadResult:
    """Reads a regular file (never a FIFO or device, which could block for ever)."""
    try:
        raw = read_regular_file(str(path))
    except OSError as error:
        return ReadResult(problems=[Problem(display, field="file", message=_os_reason(error))])
    result = parse_yaml_bytes(raw, display)
    result.digest = digest(raw)
    return result


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
            Problem(
                display,
                mark.line + 1,
                mark.column + 1,
                key,
                "duplicate key: the later value would silently replace the earlier",
            )
        )
    return result


def _decode(raw: bytes, display: str) -> tuple[str | None, Problem | None]:
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = error.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[error.start]
        return None, Problem(
            display,
            line,
            col,
            "encoding",
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
        prefix_chars = (
            text.count(" ") + text.count("\t") + text.count("-") + text.count("?") + text.count(":")
        )
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
    """Walks the parser's events: the real nesting depth, and what aliases expand to.

    An alias stands for a copy of its anchor's value, so what it costs is the
    size of that value (a node each, and a scalar's characters), not one node:
    a file is refused when its aliases add more than ``_expansion_limit`` to it.
    A file without aliases is never refused for its size.
    """
    limit = _expansion_limit(text)
    sizes: dict[str, int] = {}
    # The size counted so far inside each open collection, and its anchor.
    open_sizes: list[int] = []
    open_anchors: list[str | None] = []
    expanded = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            added = 0
            if isinstance(event, yaml.CollectionStartEvent):
                if len(open_sizes) >= MAX_DEPTH:
                    return _refuse(display, event, f"nesting deeper than {MAX_DEPTH} levels")
                open_sizes.append(1)
                open_anchors.append(event.anchor)
            elif isinstance(event, yaml.CollectionEndEvent):
                size = open_sizes.pop()
                anchor = open_anchors.pop()
                if anchor:
                    sizes[anchor] = size
                added = size
            elif isinstance(event, yaml.ScalarEvent):
                added = len(event.value) + 1
                if event.anchor:
                    sizes[event.anchor] = added
            elif isinstance(event, yaml.AliasEvent):
                added = sizes.get(event.anchor or "", 1)
                expanded += added
                if expanded > limit:
                    return _refuse(
                        display,
                        event,
                        f"aliases expand the data by more than "
                        f"{limit:,} characters (a possible alias bomb)",
                    )
            if added and open_sizes:
                open_sizes[-1] += added
    except yaml.MarkedYAMLError as error:
        # libyaml from 0.2.5 stops at its own depth limit before we see the event.
        if "maximum nesting depth" in str(error.problem) and error.problem_mark:
            mark = error.problem_mark
            return Problem(
                display,
                mark.line + 1,
                mark.column + 1,
                "yaml",
                f"refused: nesting deeper than {MAX_DEPTH} levels",
            )
        return None  # The real load reports the syntax error with its position.
    except yaml.YAMLError:
        return None
    return None


def _expansion_limit(text: str) -> int:
    """What aliases may add: ten times the file, and at least a million characters."""
    return max(MAX_EXPANSION, 10 * len(text))


def _refuse(display: str, event: yaml.Event, reason: str) -> Problem:
    mark = event.start_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    return Problem(display, line, col, "yaml", f"refused: {reason}")


def compose(text: str) -> Node | None:
    """The document's node tree, for finding where things are; ``None`` if it will not parse."""
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


class Positions:
    """Finds where YAML paths are in one document; each mapping's keys are
    indexed once, so placing a problem for each of a mapping's n keys costs
    n steps, not n squared."""

    def __init__(self, root: Node | None) -> None:
        self.root = root
        self._keys: dict[int, dict[str, tuple[Node, Node]]] = {}

    def __call__(self, yaml_path: YamlPath, at_key: bool) -> tuple[int, int]:
        """The 1-based line and column of a path in the document, as near as it exists."""
        if self.root is None:
            return (1, 1)
        node = self.root
        best = node.start_mark
        for index, part in enumerate(yaml_path):
            last = index == len(yaml_path) - 1
            child: Node | None = None
            if isinstance(node, MappingNode):
                pair = self._mapping_keys(node).get(str(part))
                if pair is not None:
                    child = pair[0] if (last and at_key) else pair[1]
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                child = node.value[part] if 0 <= part < len(node.value) else None
            if child is None:
                break
            node = child
            best = node.start_mark
        return (best.line + 1, best.column + 1)

    def _mapping_keys(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        keys = self._keys.get(id(node))
        if keys is None:
            # The last of duplicate keys wins, as it does in the data.
            keys = self._keys[id(node)] = {
                key_node.value: (key_node, value_node)
                for key_node, value_node in node.value
                if isinstance(key_node, ScalarNode)
            }
        return keys


def _os_reason(error: OSError) -> str:
    return f"cannot read file: {error.strerror or error}"
