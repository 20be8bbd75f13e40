"""8. Standard YAML that is valid stays valid.

See README.md in this folder for the classes of issue 10.
"""

from __future__ import annotations

from pathlib import Path

from policy_timeline.reading.loader import load_timeline

from .conftest import run


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
