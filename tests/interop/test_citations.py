"""CSL-JSON rendered by citeproc-py and BibTeX read by bibtexparser, as Zotero and pandoc would."""

from __future__ import annotations

import json
from typing import Any

import pytest
from interop_support import TIMELINES, load

from policy_timeline.model.events import Timeline
from policy_timeline.render.export import FORMATS
from policy_timeline.render.export.citation_formats import event_key


@pytest.fixture(params=sorted(TIMELINES))
def timeline(request: pytest.FixtureRequest) -> Timeline:
    return load(TIMELINES[request.param])


def distinct_sources(timeline: Timeline) -> int:
    return len({source for event in timeline.events for source in event.sources})


def test_csl_json_renders_with_citeproc(timeline: Timeline) -> None:
    citeproc = pytest.importorskip("citeproc")
    from citeproc.source.json import CiteProcJSON

    items = json.loads(FORMATS["csl-json"](timeline, timeline.events))
    assert len(items) == len(timeline.events) + distinct_sources(timeline)
    assert len({item["id"] for item in items}) == len(items)
    style = citeproc.CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = citeproc.CitationStylesBibliography(
        style, CiteProcJSON(items), citeproc.formatter.plain
    )
    for event in timeline.events:
        bibliography.register(citeproc.Citation([citeproc.CitationItem(event_key(event))]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(timeline.events)
    for event in timeline.events:
        assert any(event.title in line for line in rendered), event.title
        assert any(str(event.date.year) in line for line in rendered)


def test_csl_json_keeps_the_precision_of_dates() -> None:
    timeline = load(TIMELINES["tricky"])
    items = {
        item["id"]: item for item in json.loads(FORMATS["csl-json"](timeline, timeline.events))
    }
    assert items["month-only"]["issued"] == {"date-parts": [[2018, 12]]}
    assert items["uncertain-year"]["issued"] == {"date-parts": [[2017]], "circa": True}
    assert items["leap-day"]["issued"] == {"date-parts": [[2020, 2, 29]]}
    assert items["formula-title"]["authority"] == "@Ministry; MIIT"
    assert items["formula-title.source-1"]["URL"] == "http://example.org/a?b=1&c=<2>"


def _bibtex_entries(timeline: Timeline) -> dict[str, Any]:
    bibtexparser = pytest.importorskip("bibtexparser")
    library = bibtexparser.parse_string(FORMATS["bibtex"](timeline, timeline.events))
    assert not library.failed_blocks, [block.error for block in library.failed_blocks]
    return {entry.key: entry for entry in library.entries}


def test_bibtex_parses_with_one_entry_per_event_and_source(timeline: Timeline) -> None:
    entries = _bibtex_entries(timeline)
    assert len(entries) == len(timeline.events) + distinct_sources(timeline)
    for event in timeline.events:
        entry = entries[event_key(event)]
        assert entry.fields_dict["year"].value == str(event.date.year)
        assert entry.fields_dict["date"].value == event.date.iso()


def test_bibtex_escapes_tex_and_keeps_institutions_whole() -> None:
    pytest.importorskip("bibtexparser")
    from bibtexparser.middlewares import LatexDecodingMiddleware

    timeline = load(TIMELINES["tricky"])
    entries = _bibtex_entries(timeline)
    source = entries["formula-title.source-1"]
    assert source.fields_dict["title"].value == r'Source <one> \& "two"'
    assert entries["formula-title"].fields_dict["author"].value == "{@Ministry} and {MIIT}"
    decoded = LatexDecodingMiddleware().transform_entry(source, None)
    assert decoded.fields_dict["title"].value == 'Source <one> & "two"'
    leap = entries["leap-day"].fields_dict["title"].value
    assert leap == "Leap day: 中文标题 🚀"
