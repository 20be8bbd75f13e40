"""Timelines and runners shared by the index's tests (test_store.py, test_store_file.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from policy_timeline import cli

CORPUS = Path(__file__).parent / "corpus"
BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
Output = tuple[int, str, str]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> Output:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def both(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[Output, Output]:
    """The output read from the index, and read from the timeline loaded whole."""
    return run(capsys, *args), run(capsys, *args, "--no-cache")


EVENT = """\
- id: {id}
  date: {date}
  title: {title}
  kind: {kind}
  issuers: [{issuers}]
  sectors: [{sectors}]
  summary: {summary}
  sources:
    - title: A source
      publisher: A publisher
      date: 2017-12-14
  related: [{related}]
"""


def event(
    event_id: str,
    date: str = "2017-12-13",
    title: str = "A plan",
    kind: str = "plan",
    issuers: str = "MIIT",
    sectors: str = "steel",
    summary: str = "Something happened.",
    related: str = "",
) -> str:
    return EVENT.format(
        id=event_id,
        date=date,
        title=title,
        kind=kind,
        issuers=issuers,
        sectors=sectors,
        summary=summary,
        related=related,
    )


def tricky(folder: Path) -> Path:
    """Ties in date order, duplicate ids, links to nowhere, spellings that fold
    together, underscores, accents and CJK: where an index could differ."""
    folder.mkdir()
    (folder / "a.yaml").write_text(
        event("same", summary="Subsidies_for steel; café crème", sectors="Steel")
        + event("same", title="A second of the same id", issuers="miit, NDRC")
        + event(
            "tied",
            summary="国务院关于 subsidies 的通知",
            related="{id: nowhere, relation: builds-on}",
        )
    )
    (folder / "b.yaml").write_text(
        event("tied", kind="law", summary="COVID-19 relief; covid 19 twice")
        + event("other", date="2019", summary="Naïve rail-way trail 中国制造2025", sectors="steel")
        + event(
            "period",
            date="2016-05",
            summary="In force for long",
            related="{id: same, relation: amends}",
        )
    )
    sub = folder / "sub"
    sub.mkdir()
    (sub / "c.yaml").write_text(
        event("same", date="2017-12-13", title="In a folder")
        + event("late", date="2024-02-29", summary="_under score -dash", issuers="MIIT")
    )
    return folder


def generated(folder: Path, size: int = 400) -> Path:
    """The benchmark's synthetic timeline (benchmarks/generate.py and its siblings)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("generate", BENCHMARKS / "generate.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCHMARKS))
    module.write_timeline(folder, size, "batched", module.SEED)
    return folder


def copy_of(folder: Path, target: Path) -> Path:
    target.mkdir()
    for path in folder.rglob("*"):
        if path.is_file():
            destination = target / path.relative_to(folder)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(path.read_bytes())
    return target


# Filters where an index could answer otherwise than memory: word starts, CJK,
# accents, punctuation, facets, dates, and all of them at once.
FILTERS: list[list[str]] = [
    [],
    ["--search", "subsid"],
    ["--search", "subsidies steel"],
    ["--search", "sidies"],  # not where a word begins: no event
    ["--search", "covid-19"],
    ["--search", "国务"],
    ["--search", "中国制造"],
    ["--search", "制"],
    ["--search", "-"],
    ["--search", "café"],
    ["--search", "cafe"],
    ["--search", "score"],
    ["--sector", "steel"],
    ["--issuer", "MIIT", "--issuer", "NDRC"],
    ["--kind", "plan"],
    ["--from", "2017", "--to", "2020"],
    ["--from", "2017-12"],
    ["--to", "2016"],
    ["--sector", "steel", "--kind", "plan", "--from", "2016", "--search", "the"],
    ["--issuer", "nobody"],
]
