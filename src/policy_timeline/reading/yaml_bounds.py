"""Bounds on a document's shape, checked before anything recursive reads it: nesting
depth, and how much aliases expand the data."""

from __future__ import annotations

import re

import yaml

from policy_timeline.model.problems import Problem

MAX_DEPTH = 1_000
MAX_EXPANSION = 1_000_000
# What precedes a line's content: indentation and compact "- ", "? ", ": " indicators.
# Each block nesting level needs at least one of these characters.
_BLOCK_PREFIX = re.compile(r"^[ \t]*(?:[-?:][ \t]+)*", re.MULTILINE)


def check_shape(text: str, display: str) -> Problem | None:
    """Refuses pathological nesting and alias bombs before anything recursive sees them.

    libyaml's composer recurses once per nesting level and crashes the process
    at a depth of some tens of thousands, and aliases can make a small file
    stand for billions of values. Block nesting costs a column per level and
    flow nesting a bracket, which bounds the depth cheaply, so ordinary files
    skip the event-by-event walk.
    """
    flow_bound = text.count("[") + text.count("{")
    if not may_alias(text):
        # A line's prefix is made of these characters only, so their count bounds
        # its length: most files are settled without finding every prefix.
        prefix_chars = (
            text.count(" ") + text.count("\t") + text.count("-") + text.count("?") + text.count(":")
        )
        if prefix_chars + 4 + flow_bound <= MAX_DEPTH:
            return None
    block_bound = max(map(len, _BLOCK_PREFIX.findall(text)), default=0) + 4
    depth_bound = block_bound + flow_bound
    if depth_bound <= MAX_DEPTH and not may_alias(text):
        return None
    return _walk_events(text, display)


def may_alias(text: str) -> bool:
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
