"""Where things are in a YAML document: the line and column of a path, for problem lines."""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from policy_timeline.model.problems import YamlPath
from policy_timeline.reading.yaml_loader import Loader


def compose(text: str) -> Node | None:
    """The document's node tree, for finding where things are; ``None`` if it will not parse."""
    loader = Loader(text)
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
