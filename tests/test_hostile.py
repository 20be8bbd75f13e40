"""A timeline from anyone cannot reach your terminal, your browser or your disk.

One section per class of issue 10; see tests/hostile/README.md.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy_timeline.cli import main
from policy_timeline.reading.loader import TimelineLoader, load_timeline
from policy_timeline.render.export import FORMATS

HOSTILE = Path(__file__).parent / "hostile"
# What a terminal acts on instead of showing: ESC, BEL and the C1 controls (CSI, OSC...).
ACTIVE = re.compile("[\x07\x1b\x80-\x9f]")

EVENT = """id: {id}
date: 2017-12-13
title: A plan
kind: plan
issuers: [MIIT]
summary: Something happened.
sources: [{{title: s, publisher: p, date: 2017, url: "https://example.org/"}}]
"""


def run(*args: str) -> tuple[int, str]:
    """Runs a command in this process; stdout and stderr together."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue() + err.getvalue()


def every_command(folder: Path, event_id: str = "good") -> Iterator[tuple[str, int, str]]:
    """Each command a user might run on the folder, with its status and output."""
    base = ("-t", str(folder), "--no-cache")
    commands = [
        ("validate", *base),
        ("summary", *base),
        ("summary", "--long", *base),
        ("summary", "--long", "--format", "markdown", *base),
        ("show", event_id, *base),
        ("show", "--cite", event_id, *base),
    ]
    commands += [("targets", *base)]
    commands += [("export", "--format", name, *base) for name in FORMATS]
    for command in commands:
        status, output = run(*command)
        yield " ".join(command[:3]), status, output


# 1. Nothing from a timeline is a terminal command ---------------------------------------


def test_the_hostile_timeline_is_refused_field_by_field() -> None:
    status, output = run("validate", "-t", str(HOSTILE / "terminal"), "--no-cache")
    assert status == 1
    assert not ACTIVE.search(output)
    for said in (
        "_timeline.yaml:1:7: name: contains the control character U+001B",
        "issuers.MIIT\\x1b[2J: the issuer code contains the control character U+001B",
        "kinds.plan: contains the bidi control U+2066",
        "a.yaml:3:10: title: contains the bidi control U+202E",
        "summary: contains the invisible character U+200B",
        "sources[0].url: contains the control character U+001B",
        "\\x1b]0;key\\x07: unknown field",
        "title: is one line, but contains a line break (U+000A)",
        "highlights[0]: contains the control character U+001B",
    ):
        assert said in output


def test_no_command_puts_a_terminal_control_on_the_screen() -> None:
    for command, _status, output in every_command(HOSTILE / "terminal"):
        assert not ACTIVE.search(output), command
        assert "Traceback" not in output, command


# A field, as a YAML path in the event or the metadata file, and where it may hold text.
FIELDS = [
    "title",
    "title_original",
    "summary",
    "doc_number",
    "kind",
    "status",
    "issuers.0",
    "highlights.0",
    "sources.0.title",
    "sources.0.publisher",
    "sources.0.url",
    "sources.0.note",
    "related.0.note",
    "targets.0.metric",
    "targets.0.unit",
    "key",
    "meta.name",
    "meta.description",
    "meta.issuers.MIIT",
    "meta.kinds.plan",
    "meta.issuer-code",
    "meta.key",
]


def _timeline_with(folder: Path, field: str, text: str) -> None:
    event: dict[str, object] = {
        "id": "good",
        "date": "2017-12-13",
        "title": "A plan",
        "kind": "plan",
        "issuers": ["MIIT"],
        "summary": "Something happened.",
        "title_original": "O",
        "doc_number": "1",
        "status": "active",
        "highlights": ["h"],
        "related": [{"id": "other", "relation": "builds-on", "note": "n"}],
        "targets": [{"metric": "m", "value": 1, "unit": "u"}],
        "sources": [
            {
                "title": "s",
                "publisher": "p",
                "date": "2017",
                "note": "n",
                "url": "https://example.org/",
            }
        ],
    }
    meta: dict[str, object] = {
        "name": "T",
        "description": "D",
        "issuers": {"MIIT": "Ministry"},
        "kinds": {"plan": "Plan"},
    }
    target: dict[str, object] = meta if field.startswith("meta.") else event
    parts = field.removeprefix("meta.").split(".")
    if parts == ["key"]:
        target[text] = "x"
    elif parts == ["issuer-code"]:
        meta["issuers"] = {text: "Name", "MIIT": "Ministry"}
    else:
        node: object = target
        for part in parts[:-1]:
            node = node[int(part)] if isinstance(node, list) else node[part]  # type: ignore[index]
        last = parts[-1]
        if isinstance(node, list):
            node[int(last)] = text
        else:
            node[last] = text  # type: ignore[index]
    other = {**event, "id": "other", "related": [], "title": "Other"}
    # JSON is YAML: every character goes in as an escape a YAML reader decodes.
    (folder / "_timeline.yaml").write_text(json.dumps(meta), encoding="utf-8")
    (folder / "a.yaml").write_text(json.dumps([event, other]), encoding="utf-8")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    field=st.sampled_from(FIELDS),
    text=st.tuples(
        st.text(st.characters(exclude_categories=["Cs"]), min_size=1),
        st.sampled_from(["", "\x1b]52;c;eA==\x07\x9b2J"]),
    ).map("".join),
)
def test_any_text_in_any_field_never_reaches_the_terminal(
    tmp_path_factory: pytest.TempPathFactory, field: str, text: str
) -> None:
    folder = tmp_path_factory.mktemp("timeline")
    _timeline_with(folder, field, text)
    for command, _status, output in every_command(folder):
        assert not ACTIVE.search(output), (command, field)


def test_file_names_with_controls_or_bytes_that_are_not_utf8_work_everywhere(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "timeline"
    folder.mkdir()
    odd = os.fsdecode(b"caf\xe9 \x1b]0;title\x07.yaml")
    (folder / odd).write_text(EVENT.format(id="good"), encoding="utf-8")
    (folder / os.fsdecode(b"broken\x9b\xff.yaml")).write_text("id: [\n", encoding="utf-8")
    for command, status, output in every_command(folder):
        assert not ACTIVE.search(output), command
        assert "Traceback" not in output and status in (0, 1), command
    assert "caf\\udce9 \\x1b]0;title\\x07.yaml" in run("show", "good", "-t", str(folder))[1]
    load_timeline(folder, cache=True)
    assert load_timeline(folder, cache=True).reread == 0  # the cache holds such names too


def test_import_quotes_hostile_cells_inertly(timeline: Path, tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(
        "id,date,title,\x1b]0;pwned\x07\r\n\x1b]0;pwned\x07,2017,\x9b2J,1\r\n", encoding="utf-8"
    )  # an unknown column's name is quoted in a note
    status, output = run("import", str(source), "-t", str(timeline))
    assert status in (1, 2) and "Traceback" not in output
    assert not ACTIVE.search(output)


# 2. Nothing from a timeline runs in a browser ---------------------------------------------

SCRIPT = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_browser_exports_escape_every_field_labels_and_groups_included(tmp_path: Path) -> None:
    (tmp_path / "_timeline.yaml").write_text(
        json.dumps(
            {
                "name": SCRIPT,
                "description": SCRIPT,
                "kinds": {"plan": SCRIPT},
                "issuers": {"MIIT": SCRIPT},
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "a.yaml").write_text(
        json.dumps(
            {
                "id": "good",
                "date": "2017",
                "title": SCRIPT,
                "kind": "plan",
                "issuers": ["MIIT"],
                "summary": SCRIPT,
                "doc_number": SCRIPT,
                "targets": [{"metric": SCRIPT, "value": 1, "unit": SCRIPT}],
                "sources": [
                    {
                        "title": SCRIPT,
                        "publisher": SCRIPT,
                        "date": "2017",
                        "url": 'https://example.org/?q="><script>',
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    status, output = run("export", "--format", "timelinejs", "-t", str(tmp_path))
    assert status == 0
    document = json.loads(output[output.index("{") :])
    strings = json.dumps(document, ensure_ascii=False)
    assert "<img" not in strings and "<script" not in strings
    assert document["events"][0]["group"] == SCRIPT.replace("&", "&amp;").replace(
        "<", "&lt;"
    ).replace(">", "&gt;").replace('"', "&quot;")
    status, markdown = run("export", "--format", "markdown", "-t", str(tmp_path))
    # Markdown shows a backslash-escaped "<" as text; only a bare one would be HTML.
    assert not re.search(r"(?<!\\)<(img|script)", markdown)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "java\nscript:alert(1)",
        "https://example.org/\nSet-Cookie: x",
        "data:text/html,x",
    ],
)
def test_urls_that_are_not_single_line_web_addresses_are_refused(tmp_path: Path, url: str) -> None:
    text = EVENT.format(id="good").replace('"https://example.org/"', json.dumps(url))
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    status, output = run("validate", "-t", str(tmp_path))
    assert status == 1 and "sources[0].url" in output


# 3. -o never destroys anything --------------------------------------------------------------


@pytest.fixture
def timeline(tmp_path: Path) -> Path:
    folder = tmp_path / "timeline"
    folder.mkdir()
    (folder / "a.yaml").write_text(EVENT.format(id="good"), encoding="utf-8")
    return folder


def export_to(folder: Path, output: Path) -> tuple[int, str]:
    return run("export", "--format", "csv", "-t", str(folder), "-o", str(output))


def test_o_refuses_the_timelines_own_files_even_through_links(timeline: Path) -> None:
    own = timeline / "a.yaml"
    before = own.read_bytes()
    link = timeline.parent / "link.csv"
    link.symlink_to(own)
    for target in (own, link, timeline / "new.yaml"):
        status, output = export_to(timeline, target)
        assert status == 2 and "refusing to write" in output, target
    assert own.read_bytes() == before and link.is_symlink()


def test_o_refuses_folders_fifos_read_only_files_and_hard_links(timeline: Path) -> None:
    fifo = timeline.parent / "pipe.csv"
    os.mkfifo(fifo)
    read_only = timeline.parent / "kept.csv"
    read_only.write_text("keep")
    read_only.chmod(0o444)
    linked = timeline.parent / "linked.csv"
    linked.write_text("keep")
    os.link(linked, timeline.parent / "other-name.csv")
    for target, reason in (
        (timeline.parent, "folder"),
        (fifo, "not a regular file"),
        (read_only, "read-only"),
        (linked, "hard links"),
        (Path("/dev/null"), "not a regular file"),
    ):
        status, output = export_to(timeline, target)
        assert status == 2 and reason in output, target
    assert read_only.read_text() == "keep" and linked.read_text() == "keep"


def test_o_writes_through_a_symlink_and_keeps_it(timeline: Path) -> None:
    target = timeline.parent / "real.csv"
    target.write_text("old")
    link = timeline.parent / "link.csv"
    link.symlink_to(target)
    assert export_to(timeline, link)[0] == 0
    assert link.is_symlink() and "id,date," in target.read_text()


def test_a_full_disk_leaves_no_temporary_file(
    timeline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = timeline.parent / "out" / "events.csv"
    output.parent.mkdir()
    output.write_text("old")
    real_write = os.write

    def full(handle: int, data: object) -> int:
        real_write(handle, bytes(data)[:10])  # type: ignore[call-overload]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    status, message = export_to(timeline, output)
    assert status == 2 and "No space left on device" in message
    assert sorted(path.name for path in output.parent.iterdir()) == ["events.csv"]
    assert output.read_text() == "old"


def test_a_failed_cache_write_leaves_no_temporary_file(
    timeline: Path, private_cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(handle: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    assert load_timeline(timeline, cache=True).timeline.events
    assert [path.name for path in private_cache_dir.iterdir() if path.name.endswith(".tmp")] == []


# 4. The file system -------------------------------------------------------------------------


def test_link_loops_outside_links_and_fifos_are_problems_not_hangs(timeline: Path) -> None:
    outside = timeline.parent / "outside"
    outside.mkdir()
    (outside / "o.yaml").write_text(EVENT.format(id="outside"))
    (timeline / "sub").mkdir()
    (timeline / "sub" / "up").symlink_to("..")
    (timeline / "l1.yaml").symlink_to("l2.yaml")
    (timeline / "l2.yaml").symlink_to("l1.yaml")
    (timeline / "out").symlink_to(outside)
    os.mkfifo(timeline / "x.yaml")
    # A fresh process, so that a hang fails the test instead of stopping the suite.
    result = subprocess.run(
        [sys.executable, "-m", "policy_timeline", "validate", "-t", str(timeline)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    output = result.stdout
    assert "sub/up: folder: symbolic link loop" in output
    assert "l1.yaml: file: symbolic link loop; not followed" in output
    assert "out: file: symbolic link leads outside the timeline folder" in output
    assert "x.yaml: file: not a regular file" in output
    assert "outside" not in load_timeline(timeline).timeline.by_id


def test_an_unreadable_folder_is_a_problem(timeline: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (timeline / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith("locked"):  # root reads any folder, so refuse it here
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    status, output = run("validate", "-t", str(timeline))
    assert status == 1 and "locked: folder: cannot read this folder: Permission denied" in output


# 5. Bounded cost ----------------------------------------------------------------------------


def test_many_unknown_keys_cost_a_bounded_number_of_hints(
    timeline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import difflib

    calls = 0
    real = difflib.get_close_matches

    def counted(
        word: str, possibilities: Iterable[str], n: int = 3, cutoff: float = 0.6
    ) -> list[str]:
        nonlocal calls
        calls += 1
        return real(word, possibilities, n, cutoff)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    unknown = "".join(f"unknown{number}: 1\n" for number in range(5000))
    (timeline / "a.yaml").write_text(EVENT.format(id="good") + unknown, encoding="utf-8")
    problems = load_timeline(timeline).problems
    assert len(problems) == 5000
    assert calls <= 20_000 // 17 + 1
    assert problems[-1].line == 5007  # placed by one index of the mapping, not 5000 scans


def test_a_flow_list_of_many_values_without_anchors_is_data(tmp_path: Path) -> None:
    from policy_timeline.reading.yamlio import parse_yaml_bytes

    text = "[" + ", ".join(["{a: 1, b: 2, c: R&D *}"] * 80_000) + "]"
    assert parse_yaml_bytes(text.encode(), "x.yaml").ok


def test_aliases_are_bounded_by_the_size_they_expand_to() -> None:
    from policy_timeline.reading.yamlio import parse_yaml_bytes

    text = "a: &a " + "x" * 100_000 + "\nb: [" + ", ".join(["*a"] * 200) + "]\n"
    read = parse_yaml_bytes(text.encode(), "x.yaml")
    assert [problem.message for problem in read.problems] == [
        f"refused: aliases expand the data by more than {10 * len(text):,} characters "
        "(a possible alias bomb)"
    ]


# 6. The cache is never more trusted than the files -------------------------------------------


def test_changed_content_with_size_and_mtime_restored_is_reread(timeline: Path) -> None:
    path = timeline / "a.yaml"
    an_hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(path, ns=(an_hour_ago, an_hour_ago))  # an mtime too old to be in doubt
    load_timeline(timeline, cache=True)
    status = path.stat()
    path.write_text(EVENT.format(id="good").replace("A plan", "B plan"), encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))  # as cp -p, tar, rsync -a
    assert path.stat().st_size == status.st_size
    assert load_timeline(timeline, cache=True).timeline.by_id["good"].title == "B plan"


def test_a_stamp_that_cannot_tell_is_settled_by_the_digest(
    timeline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import policy_timeline.reading.discover as discover

    # A file system whose stamps say nothing but size and mtime (ctime and inode lost).
    monkeypatch.setattr(discover, "stamp_of", lambda stat: (stat.st_size, stat.st_mtime_ns, 0, 0))
    path = timeline / "a.yaml"
    loader = TimelineLoader(timeline)
    loader.load()
    status = path.stat()
    path.write_text(EVENT.format(id="good").replace("A plan", "B plan"), encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert loader.load().timeline.by_id["good"].title == "B plan"
    assert load_timeline(timeline, cache=True).timeline.by_id["good"].title == "B plan"


@pytest.mark.parametrize("damage", ["garbage", "flipped", "planted", "fifo", "folder"])
def test_hostile_cache_bytes_are_a_miss(timeline: Path, damage: str) -> None:
    import msgspec

    from policy_timeline.reading.cache import DiskCache

    load_timeline(timeline, cache=True)
    cache = DiskCache.for_timeline(timeline)
    raw = cache.path.read_bytes()
    cache.path.unlink()
    if damage == "garbage":
        cache.path.write_bytes(b"\x00" * 100)
    elif damage == "flipped":
        cache.path.write_bytes(raw[:-5] + bytes([raw[-5] ^ 1]) + raw[-4:])
    elif damage == "planted":
        payload = raw[8 + 32 :].replace(b"A plan", b"\x1b[2J!!")
        document = msgspec.msgpack.decode(payload)
        cache.path.write_bytes(raw[:8] + b"\x00" * 32 + msgspec.msgpack.encode(document))
    elif damage == "fifo":
        os.mkfifo(cache.path)
    else:
        cache.path.mkdir()
    result = load_timeline(timeline, cache=True)
    assert result.reread == 1
    assert result.timeline.by_id["good"].title == "A plan"


# 7. Values that break what reads our output ------------------------------------------------


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("doc_number: 1:30", "'doc_number': '1:30'"),  # YAML 1.1: 90
        ("doc_number: 010", "'doc_number': '10'"),  # YAML 1.1: 8
        ("status: 'yes'\ndoc_number: on", "'doc_number': 'on'"),  # YAML 1.1: True
    ],
)
def test_yaml_is_read_as_editors_read_it(timeline: Path, value: str, said: str) -> None:
    from policy_timeline.render.serialize import event_to_data

    (timeline / "a.yaml").write_text(EVENT.format(id="good") + value + "\n", encoding="utf-8")
    result = load_timeline(timeline)
    assert not result.problems
    assert said in repr(event_to_data(result.timeline.by_id["good"]))


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ("targets: [{metric: m, value: .nan}]", "targets[0].value: expected a finite number"),
        ("targets: [{metric: m, value: -.inf}]", "targets[0].value: expected a finite number"),
        ("targets: [{metric: m, value: 1e999}]", "targets[0].value: expected a finite number"),
        ("published: 01/02/03", "published: '01/02/03' is ambiguous"),
        ("published: 1 2 2017", "published: '1 2 2017' is ambiguous"),
        ('title_original: "one\\ntwo"', "title_original: is one line, but contains a line break"),
    ],
)
def test_values_readers_cannot_take_are_problems(timeline: Path, extra: str, said: str) -> None:
    (timeline / "a.yaml").write_text(EVENT.format(id="good") + extra + "\n", encoding="utf-8")
    status, output = run("validate", "-t", str(timeline))
    assert status == 1 and said in output and "ISO" in output if "ambiguous" in said else said


def test_a_date_ical_cannot_hold_is_a_clear_error(timeline: Path) -> None:
    (timeline / "a.yaml").write_text(
        EVENT.format(id="good").replace("date: 2017-12-13", "date: 2017-12-13\nend: 9999"),
        encoding="utf-8",
    )
    status, output = run("export", "--format", "ics", "-t", str(timeline))
    assert status == 1
    assert "cannot export as ics: good.end@policy-timeline: a date in 9999" in output
    assert run("export", "--format", "json", "-t", str(timeline))[0] == 0


# 8. Standard YAML that is valid stays valid ---------------------------------------------------


def test_merge_keys_with_overrides_are_accepted(timeline: Path) -> None:
    (timeline / "a.yaml").write_text(
        """
- &base
  id: first
  date: 2017
  title: First
  kind: plan
  issuers: [MIIT]
  summary: s
  sources: [{title: t, publisher: p, date: 2017}]
- <<: *base
  id: second
  title: Second
""",
        encoding="utf-8",
    )
    result = load_timeline(timeline)
    assert not result.problems
    assert result.timeline.by_id["second"].title == "Second"


def test_new_never_reuses_an_id_held_by_a_draft_with_problems(timeline: Path) -> None:
    (timeline / "draft.yaml").write_text("id: my-draft\ndate: 2017\n", encoding="utf-8")
    status, output = run(
        "new", "-t", str(timeline), "--id", "my-draft", "--date", "2018", "--title", "Again"
    )
    assert status == 2 and "already used" in output
    assert sorted(path.name for path in timeline.iterdir()) == ["a.yaml", "draft.yaml"]
