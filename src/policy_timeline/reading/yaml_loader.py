"""The safe YAML loader: libyaml's C safe loader, plain scalars read by the YAML 1.2 core
schema, duplicate keys recorded, and a fast builder for documents without aliases."""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


class Loader(yaml.CSafeLoader):
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


Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    SafeConstructor.construct_yaml_str,  # type: ignore[type-var]
)
assert not Loader.yaml_path_resolvers, "resolve() above assumes no path resolvers"
_STR = Loader.DEFAULT_SCALAR_TAG
_SEQ = Loader.DEFAULT_SEQUENCE_TAG
_MAP = Loader.DEFAULT_MAPPING_TAG
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


Loader.add_constructor(_INT, _construct_core_int)
# "<<" merges as a key; as a value it is the text "<<", as YAML 1.2 reads it.
Loader.add_constructor(
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


class Unusual(Exception):
    """A document the fast builder leaves to PyYAML's own constructor."""


def build_data(loader: Loader, root: Node) -> Any:
    """The data of a composed document, as the safe constructor would make it.

    PyYAML's constructor works through generators so that aliases can make
    shared and recursive structures; documents without aliases need none of
    that. This builds plain scalars, lists and mappings directly and raises
    ``Unusual`` for anything else (other tags, merge keys, keys that are not
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
                raise Unusual
            mapping = {}
            only_text_keys = True
            for key_node, value_node in node.value:
                if key_node.__class__ is not scalar_node:
                    raise Unusual
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
                raise Unusual  # a duplicate key, reported by the ordinary construction
            return mapping
        if kind is sequence_node and tag == _SEQ:
            return [build(item) for item in node.value]
        raise Unusual

    try:
        return build(root)
    except Exception:  # the ordinary construction says what is wrong
        raise Unusual from None
