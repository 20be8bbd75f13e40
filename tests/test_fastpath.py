"""The yaml-rs fast path gives exactly what the C loader gives, or steps aside."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy_timeline.cli import main
from policy_timeline.reading import fastpath, yamlio
from policy_timeline.reading.discover import found_file
from policy_timeline.reading.file_reader import FileResult, _read_file
from policy_timeline.reading.meta import Meta
from policy_timeline.reading.yamlio import parse_yaml_bytes

pytest.importorskip("yaml_rs")

CORPUS = Path(__file__).parent / "corpus"
CORPUS_FILES = sorted(CORPUS.rglob("*.y*ml"))
VALID = CORPUS / "valid"

# Documents yaml-rs reads otherwise than the C loader (or takes where it refuses):
# each must be left to the C loader.
DIFFERENT = {
    "python tag": "a: !!python/object/apply:os.system ['true']\n",
    "local tag": "a: !thing x\n",
    "binary tag": "a: !!binary aGk=\n",
    "merge key": "b: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n",
    "alias": "a: &x [1]\nb: *x\n",
    "second document": "- a\n---\n- b\n",
    "second document after an end": "- a\n...\n- b\n",
    "directive": "%YAML 1.3\n---\na: 1\n",
    "underscore number": "a: 1_000\n",
    "underscore hex": "a: [0x_1f, 1_0e1, .5_]\n",
    "binary number": "a: 0b101\n",
    "upper-case prefix": "a: [0X1F, 0O17]\n",
    "signed prefix": "a: [+0x1F, -0o17]\n",
    "control character": "a: x\x07y\n",
    "control character in a comment": "a: 1 # \x00\n",
    "next line": "a: x\x85y\n",
    "line separator": "a: x\u2028y\n",
    "tab after a dash": "a:\n  -\tx\n",
    "lone carriage return": "a: x\rb: 1\n",
    "flow block indicator": "a: [>x]\n",
    "flow question mark": "a: [b, ?x]\n",
    "flow colon": "a: [:x]\n",
    "flow mapping literal": "a: {b: |x}\n",
    "last block scalar, no final line break": "a: |\n x\n  y",
}


def _same(a: Any, b: Any) -> bool:
    """Equal data of equal types all the way down: repr tells True from 1, 1.0
    from 1 and "1" from 1, and shows the order of keys."""
    return repr(a) == repr(b)


def _agrees(raw: bytes) -> None:
    """Where the fast path reads ``raw``, the C loader reads the same data, cleanly."""
    fast = parse_yaml_bytes(raw, "x.yaml", fast=True)
    slow = parse_yaml_bytes(raw, "x.yaml")
    if fast.fast:
        assert slow.problems == [], raw
        assert _same(fast.data, slow.data), raw
    else:
        assert fast.problems == slow.problems
        assert _same(fast.data, slow.data)


@pytest.mark.parametrize("name", DIFFERENT)
def test_documents_yaml_rs_reads_otherwise_go_to_the_c_loader(name: str) -> None:
    text = DIFFERENT[name]
    assert not fastpath.fast_load(text)[0]
    _agrees(text.encode("utf-8"))


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda path: str(path.relative_to(CORPUS)))
def test_every_corpus_file_reads_the_same(path: Path) -> None:
    _agrees(path.read_bytes())


def test_plain_files_take_the_fast_path() -> None:
    """Else every test here could pass with the fast path never taken."""
    files = sorted(VALID.glob("*.yaml"))
    taken = [parse_yaml_bytes(path.read_bytes(), path.name, fast=True).fast for path in files]
    assert files and all(taken)


def _read_both(root: Path, name: str) -> tuple[FileResult, FileResult]:
    file = found_file(root, name)
    assert file is not None
    return _read_file(file, Meta(), fast=True), _read_file(file, Meta(), fast=False)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda path: str(path.relative_to(CORPUS)))
def test_a_file_reads_and_checks_the_same_both_ways(path: Path) -> None:
    fast, slow = _read_both(path.parent, path.name)
    assert fast.events == slow.events
    assert fast.problems == slow.problems


def test_a_problem_in_a_plain_file_is_placed_by_the_c_loader(tmp_path: Path) -> None:
    """yaml-rs reads this file; the missing title sends it to the C loader,
    which gives the problem its line and column."""
    text = "id: a\ndate: 2017-01-02\nkind: plan\nissuers: [MIIT]\nsummary: s\n"
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    assert fastpath.fast_load(text)[0]
    fast, slow = _read_both(tmp_path, "a.yaml")
    assert [str(problem) for problem in fast.problems] == [
        str(problem) for problem in slow.problems
    ]
    assert fast.problems and all(problem.line >= 1 for problem in fast.problems)


def test_a_problem_in_fast_data_is_reported_from_the_c_loaders_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Should the fast parser ever read a file otherwise, and the check find
    fault with what it read, the file is read again by the C loader and that
    reading alone is reported: here the fast parser loses every field but the id."""
    monkeypatch.setattr(yamlio, "fast_load", lambda text: (True, {"id": "a"}))
    path = next(VALID.glob("*.yaml"))
    fast, slow = _read_both(path.parent, path.name)
    assert slow.events and not slow.problems
    assert fast.events == slow.events
    assert fast.problems == []


def test_the_canary_is_what_the_c_loader_reads() -> None:
    read = parse_yaml_bytes(fastpath._CANARY.encode("utf-8"), "canary.yaml")
    assert repr(read.data) == repr(fastpath._CANARY_DATA)


def test_a_yaml_rs_that_reads_the_canary_otherwise_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert fastpath.available()
    changed = {**fastpath._CANARY_DATA, "b": "2020-01-02"}
    monkeypatch.setattr(fastpath, "_CANARY_DATA", changed)
    monkeypatch.setattr(fastpath, "_usable", None)
    assert not fastpath.available()
    assert fastpath.fast_load("a: 1\n") == (False, None)


def test_without_yaml_rs_the_c_loader_reads_everything(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(fastpath, "yaml_rs", None)
    monkeypatch.setattr(fastpath, "_usable", None)
    assert fastpath.fast_load("a: 1\n") == (False, None)
    monkeypatch.chdir(VALID)
    assert main(["validate", "-t", ".", "--no-cache"]) == 0
    assert capsys.readouterr().out == (VALID / "expected.txt").read_text(encoding="utf-8")


# Pieces to break a valid event with: indicators, quotes, breaks, numbers, tags.
PIECES = [
    " ", "\n", "  ", "- ", ": ", ":", "#", "'", '"', "[", "]", "{", "}", ",", "?", "|",
    ">", "&a ", "*a", "!", "-", "\\", "\t", "\r", "1_0", "0x", "0b1", "~", "null", "yes",
    "é", "\u2028", "\x85", "...", "---", "%", "@", "`", "|-", ">+", "\n  - ", "0o7", ".5",
    "1e3", "<<", "[?", ", >", "{a: |", "\\u00e9", '"\n  ',
]  # fmt: skip
SEEDS = [path.read_bytes() for path in sorted(VALID.glob("*.yaml"))]


@st.composite
def _broken(draw: st.DrawFn) -> bytes:
    raw = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(raw)))
        piece = draw(st.sampled_from(PIECES)).encode("utf-8")
        how = draw(st.sampled_from(["insert", "delete", "replace"]))
        if how == "insert":
            raw[at:at] = piece
        elif how == "delete":
            del raw[at : at + draw(st.integers(1, 3))]
        else:
            raw[at : at + 1] = piece
    if draw(st.booleans()):
        raw = bytearray(raw.rstrip(b"\n"))
    return bytes(raw)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_broken())
def test_a_broken_event_reads_and_checks_the_same_both_ways(raw: bytes) -> None:
    """Where yaml-rs takes a document libyaml refuses, the check must find a
    problem in what it read (and the C loader then reports the file)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "e.yaml").write_bytes(raw)
        fast, slow = _read_both(Path(folder), "e.yaml")
    assert fast.events == slow.events
    assert fast.problems == slow.problems
