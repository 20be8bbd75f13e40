"""Reading YAML files safely: bytes to Python data, or problems, never an exception.

The loader and its schema are in `yaml_loader`, the shape bounds in `yaml_bounds`, and
the positions of paths for problem lines in `yaml_positions`.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from policy_timeline.model.problems import Problem
from policy_timeline.reading.discover import digest, read_regular_file
from policy_timeline.reading.fastpath import fast_load
from policy_timeline.reading.yaml_bounds import MAX_DEPTH, check_shape, may_alias
from policy_timeline.reading.yaml_loader import Loader, Unusual, build_data


@dataclass(slots=True)
class ReadResult:
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    text: str | None = None  # the decoded text, when the bytes were UTF-8
    digest: bytes = b""  # of the bytes read, when they come from a file
    fast: bool = False  # read by the fast parser, not the C loader (see fastpath)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_yaml(path: str | Path, display: str, fast: bool = False) -> ReadResult:
    """Reads a regular file (never a FIFO or device, which could block for ever);
    ``fast`` as for ``parse_yaml_bytes``."""
    try:
        raw = read_regular_file(str(path))
    except OSError as error:
        return ReadResult(problems=[Problem(display, field="file", message=_os_reason(error))])
    result = parse_yaml_bytes(raw, display, fast)
    result.digest = digest(raw)
    return result


def parse_yaml_bytes(raw: bytes, display: str, fast: bool = False) -> ReadResult:
    """The data in ``raw``, or its problems. With ``fast``, a plain document may be
    read by the fast parser instead (``result.fast``): a caller that then finds
    anything wrong with the data reads it again without, to report it."""
    text, problem = _decode(raw, display)
    if problem:
        return ReadResult(problems=[problem])
    assert text is not None
    if fast:
        loaded, data = fast_load(text)
        if loaded:
            return ReadResult(data=data, text=text, fast=True)
    result = ReadResult(text=text)
    if len(text) > MAX_DEPTH or may_alias(text):
        shape_problem = check_shape(text, display)
        if shape_problem:
            result.problems.append(shape_problem)
            return result
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            try:
                if may_alias(text):
                    raise Unusual  # shared or recursive structures: PyYAML's way
                result.data = build_data(loader, node)
            except Unusual:
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


def _os_reason(error: OSError) -> str:
    return f"cannot read file: {error.strerror or error}"
