"""Whatever bytes or YAML a folder holds, loading reports problems and never raises."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy_timeline.reading.loader import load_timeline
from policy_timeline.reading.yamlio import parse_yaml_bytes

FIELD_NAMES = [
    "id",
    "date",
    "end",
    "title",
    "kind",
    "issuers",
    "sectors",
    "summary",
    "sources",
    "related",
    "targets",
    "highlights",
    "published",
    "url",
    "relation",
    "metric",
    "value",
    "publisher",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["2017", "2017-12-13", "2017-02-30", "builds-on", "MIIT", "https://x.org"]),
)
yaml_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), children, max_size=6)
    ),
    max_leaves=30,
)

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    result = parse_yaml_bytes(data, "x.yaml")
    assert all(problem.path == "x.yaml" for problem in result.problems)


@SETTINGS
@given(st.lists(yaml_values, min_size=1, max_size=3))
def test_arbitrary_yaml_documents_never_raise(tmp_path: Path, documents: list[object]) -> None:
    for number, document in enumerate(documents):
        text = yaml.safe_dump(document, allow_unicode=True)
        (tmp_path / f"{number}.yaml").write_text(text, encoding="utf-8")
    result = load_timeline(tmp_path)
    for problem in result.problems:
        assert problem.format()
    for event in result.timeline.events:
        assert event.id and event.title and event.sources


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes_in_a_folder_never_raise(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "event.yaml").write_bytes(data)
    result = load_timeline(tmp_path)
    assert result.problems or result.timeline.events


def test_an_unreadable_file_is_a_problem_naming_it(tmp_path: Path) -> None:
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "missing-target.yaml")
    result = load_timeline(tmp_path)
    assert [problem.format() for problem in result.problems] == [
        f"{result.problems[0].path}: file: symbolic link to nothing; not read"
    ]
    assert result.problems[0].path.endswith("gone.yaml")
