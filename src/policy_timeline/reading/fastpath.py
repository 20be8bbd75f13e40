"""A faster parser for plain files, when ``yaml-rs`` is installed.

PyYAML's C loader stays the authority: this is only tried on documents
written in the plain subset on which the two were measured to agree
(``docs/parsers.md``), and its data is only kept when the file then checks
clean; anything else is read again by the C loader, which reports it.

yaml-rs reads plain scalars as the YAML 1.2 core schema does, like our C
loader setup, with a few extras it takes from YAML 1.1 and Rust: numbers with
``_`` (``1_000``), binary (``0b101``), upper-case or signed prefixes
(``0X1F``, ``+0x1F``). It ignores tags, does not merge ``<<``, returns a list
for several documents, adds a line break to a last block scalar that has none,
reads ">x" and "?x" in flow collections as text, and accepts control
characters, NEL, U+2028 and some tabs that libyaml refuses. Documents that
could hold any of these are left to the C loader: ``tests/test_fastpath.py``
holds the two to the same data. A release of yaml-rs that reads a sample of the
subset otherwise than expected is not used at all (``_CANARY``).
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType
from typing import Any


def _optional(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:  # an optional dependency: the C loader does everything then
        return None


yaml_rs = _optional("yaml_rs")
# A document in the plain subset, and what the C loader makes of it: checked
# once per process, so a yaml-rs release that reads the subset otherwise turns
# the fast path off rather than changing what a timeline says.
_CANARY = (
    "a: [yes, on, true, False, ~, null, '', 010, 0o17, 0x1F, -3, 1e3, .5, -.inf, 1:30]\n"
    "b: 2020-01-01\n"
    "c: {d: 'it''s', e: \"\\u00e9\\t\\x41\"}\n"
    "f: |\n  x\n   y\n\n"
    "g: >-\n  x\n  y\n"
    "h:\n  - i: j\n    k: 国发〔2019〕8号\n"
)
_CANARY_DATA = {
    "a": ["yes", "on", True, False, None, None, "", 10, 15, 31, -3, 1000.0, 0.5]
    + [float("-inf"), "1:30"],
    "b": "2020-01-01",
    "c": {"d": "it's", "e": "\u00e9\tA"},
    "f": "x\n y\n",
    "g": "x y",
    "h": [{"i": "j", "k": "国发〔2019〕8号"}],
}
_usable: bool | None = None  # whether yaml-rs read the canary as expected

# Characters libyaml refuses (controls, NEL, surrogates, U+FEFF, U+FFFE/F), the
# line and paragraph separators (line breaks to libyaml, YAML 1.1, not to yaml-rs)
# and the tab, which yaml-rs accepts in places libyaml does not.
_UNPRINTABLE = re.compile(
    "[^\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# Tags, aliases and merge keys, which yaml-rs ignores or reads otherwise, and a
# document start, which may begin a second document (or follow a directive).
_MARKERS = ("!", "*", "<<", "\n---")
# Number prefixes yaml-rs reads and the core schema does not: binary, upper
# case, signed (0b1, 0X1F, +0x1F, -0o17).
_OTHER_PREFIXES = re.compile(r"0(?:[bBOX]|(?<=[+\-]0)[xo])")
# Indicators that start a plain scalar in a flow collection for yaml-rs and
# are indicators (or errors) for libyaml: "[>x]", "[?x]", "{a: |x}", "[:x]".
_FLOW_INDICATOR = re.compile(r"[\[{,]\s*[>|?:]|:\s+[>|?:]")
_BRACKETS = "[]{}"
# A plain scalar yaml-rs may read as a number with "_" in it (1_000, 0x_1f, 1_0e1):
# a run of these characters, after a space or flow indicator and before one.
_NUMBER_CHARS = frozenset("0123456789abcdefABCDEFxXoObBiInN+-._")
_BEFORE = frozenset(" \n\r[{,")
_AFTER = frozenset(" \n\r,]}:#")


def available() -> bool:
    """Whether yaml-rs is installed and reads the plain subset as the C loader does."""
    global _usable
    if _usable is None:
        # repr tells True from 1 and 1000.0 from 1000, and shows the keys' order.
        _usable = yaml_rs is not None and repr(_read(_CANARY)) == repr((True, _CANARY_DATA))
    return _usable


def plain_enough(text: str) -> bool:
    """Whether ``text`` keeps to the subset on which yaml-rs and the C loader agree.

    Each test is a plain search, as cheap as can be: together they cost a
    tenth of what the C loader takes (``docs/parsers.md``).
    """
    if text.startswith(("---", "%")) or any(marker in text for marker in _MARKERS):
        return False
    if text and not text.endswith("\n"):
        return False  # yaml-rs ends a last block scalar with a line break even then
    if "\r" in text and "\r" in text.replace("\r\n", ""):
        return False  # a lone carriage return
    return not (
        _UNPRINTABLE.search(text)
        or _OTHER_PREFIXES.search(text)
        or _odd_flow_scalar(text)
        or _underscored_number(text)
    )


def _odd_flow_scalar(text: str) -> bool:
    """Whether a flow collection holds ``_FLOW_INDICATOR``, each searched from its
    opening bracket to the one that closes it (commas and colons abound in
    prose, and most files have one or two short lists)."""
    next_at = [text.find(bracket) for bracket in _BRACKETS]
    depth = start = 0
    while True:
        at = min((index for index in next_at if index >= 0), default=-1)
        if at < 0:
            return depth > 0 and bool(_FLOW_INDICATOR.search(text, start))
        kind = _BRACKETS.index(text[at])
        next_at[kind] = text.find(_BRACKETS[kind], at + 1)
        if kind in (0, 2):  # an opening
            start = at if depth == 0 else start
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0 and _FLOW_INDICATOR.search(text, start, at):
                return True


def _underscored_number(text: str) -> bool:
    """Whether a plain scalar in ``text`` is a number written with "_"; most
    files have a few "_" (doc_number), each settled in a step or two."""
    end = len(text)
    after = 0
    at = text.find("_")
    while at >= 0:
        # Each character is looked at once: the run left of this "_" cannot
        # reach past where the last run ended (at a character not in it).
        floor = after
        after = at + 1
        while after < end and text[after] in _NUMBER_CHARS:
            after += 1
        if after == end or text[after] in _AFTER:
            before = at
            while before > floor and text[before - 1] in _NUMBER_CHARS:
                before -= 1
            if before == 0 or text[before - 1] in _BEFORE:
                return True
        at = text.find("_", after)
    return False


def fast_load(text: str) -> tuple[bool, Any]:
    """``(True, data)`` when yaml-rs reads ``text`` without complaint, else ``(False, None)``.

    Any complaint (a syntax error, a duplicate key, nesting deeper than it
    allows) sends the file to the C loader, which says what is wrong and where.
    """
    if not (available() and plain_enough(text)):
        return False, None
    loaded, data = _read(text)
    if isinstance(data, list) and ("\n..." in text or text.startswith("...")):
        return False, None  # perhaps two documents ("a: 1 ... b: 2"), which yaml-rs lists
    return loaded, data


def _read(text: str) -> tuple[bool, Any]:
    assert yaml_rs is not None
    try:
        return True, yaml_rs.loads(
            text, parse_datetime=False, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error
        )
    except BaseException as error:  # a Rust panic arrives as a BaseException
        if isinstance(error, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        return False, None
