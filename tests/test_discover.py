"""The walk over a timeline folder: which files it lists, in which order."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from policy_timeline.reading.discover import FoundFile, file_order, find_files

# Characters that sort around "/" and "." (and one above ASCII), so that a key
# comparing whole paths as text would order some of them differently.
NAME_PARTS = st.text(alphabet="-./0a_é", min_size=1, max_size=4).filter(
    lambda part: "/" not in part
)


@given(st.lists(st.lists(NAME_PARTS, min_size=1, max_size=3), unique_by=tuple, max_size=12))
def test_file_order_compares_the_parts_of_paths_in_turn(paths: list[list[str]]) -> None:
    files = [FoundFile("", "/".join(parts), "", (0, 0, 0, 0)) for parts in paths]
    assert [file.relative.split("/") for file in sorted(files, key=file_order)] == sorted(paths)


def test_the_walk_lists_files_in_the_order_of_their_path_parts(tmp_path: Path) -> None:
    for relative in ("a/z.yaml", "a.yaml", "a-b.yaml", "a/b/c.yaml", "b.yml", "_timeline.yaml"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("x: 1\n")
    (tmp_path / "notes.md").write_text("not read")
    found = find_files(tmp_path)
    # As text, "a-b.yaml" < "a.yaml" < "a/b/c.yaml"; by parts, a folder's files come first.
    assert [file.relative for file in found.files] == [
        "a/b/c.yaml",
        "a/z.yaml",
        "a-b.yaml",
        "a.yaml",
        "b.yml",
    ]
    assert found.meta is not None and found.meta.relative == "_timeline.yaml"
    stamp = (tmp_path / "a.yaml").stat()
    assert found.files[3].stamp == (
        stamp.st_size,
        stamp.st_mtime_ns,
        stamp.st_ctime_ns,
        stamp.st_ino,
    )


def test_a_file_link_is_followed_only_inside_the_folder(tmp_path: Path) -> None:
    timeline, outside = tmp_path / "timeline", tmp_path / "outside"
    timeline.mkdir()
    outside.mkdir()
    (outside / "o.yaml").write_text("x: 1\n")
    (timeline / "a.yaml").write_text("x: 1\n")
    (timeline / "leak.yaml").symlink_to(outside / "o.yaml")
    (timeline / "same.yaml").symlink_to("a.yaml")
    found = find_files(timeline)
    assert [file.relative for file in found.files] == ["a.yaml", "same.yaml"]
    assert found.files[1].stamp == found.files[0].stamp  # the link's target's
    assert [(problem.path.rsplit("/", 1)[-1], problem.message) for problem in found.problems] == [
        (
            "leak.yaml",
            f"symbolic link leads outside the timeline folder (to {outside / 'o.yaml'}); "
            "not followed",
        )
    ]
