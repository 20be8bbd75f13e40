"""Citations for Zotero and pandoc: CSL-JSON and BibTeX, one entry per event and per source.

An event is cited as the document it is (CSL type ``legislation``: issuer,
title, document number, date); each source it rests on is cited as what it is
(a web page where it has an address, else a document). A source backing
several events is written once, under the key of the first.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterator
from typing import Any

from policy_timeline.model.dates import PartialDate
from policy_timeline.model.events import Event, Source, Timeline
from policy_timeline.model.text import plain
from policy_timeline.render.export import DEFAULT_OPTIONS, ExportOptions


def event_key(event: Event) -> str:
    return event.id


def source_key(event: Event, number: int) -> str:
    return f"{event.id}.source-{number}"


def _sources(events: list[Event]) -> Iterator[tuple[str, Source]]:
    seen: set[Source] = set()
    for event in events:
        for number, source in enumerate(event.sources, start=1):
            if source not in seen:
                seen.add(source)
                yield source_key(event, number), source


def _issued(date: PartialDate) -> dict[str, Any]:
    parts = [part for part in (date.year, date.month, date.day) if part is not None]
    found: dict[str, Any] = {"date-parts": [parts]}
    if date.qualifier:
        found["circa"] = True
    return found


def csl_event(timeline: Timeline, event: Event) -> dict[str, Any]:
    """The event as a CSL item: the document it is."""
    item: dict[str, Any] = {
        "id": event_key(event),
        "type": "legislation",
        "title": plain(event.title),
        "authority": plain("; ".join(timeline.issuer_label(code) for code in event.issuers)),
        "issued": _issued(event.date),
    }
    if event.doc_number:
        item["number"] = plain(event.doc_number)
    if event.title_original:
        item["original-title"] = plain(event.title_original)
    url = next((source.url for source in event.sources if source.url), None)
    if url:
        item["URL"] = url
    return item


def csl_items(timeline: Timeline, events: list[Event]) -> list[dict[str, Any]]:
    items = [csl_event(timeline, event) for event in events]
    for key, source in _sources(events):
        entry: dict[str, Any] = {
            "id": key,
            "type": "webpage" if source.url else "document",
            "title": plain(source.title),
            "issued": _issued(source.date),
        }
        entry["container-title" if source.url else "publisher"] = plain(source.publisher)
        if source.url:
            entry["URL"] = source.url
        items.append(entry)
    return items


def export_csl_json(
    timeline: Timeline, events: list[Event], options: ExportOptions = DEFAULT_OPTIONS
) -> str:
    return json.dumps(csl_items(timeline, events), ensure_ascii=False, indent=2) + "\n"


# BibTeX's special characters, written so that TeX prints them as they are.
_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TEX_SPECIAL = re.compile(r"[\\{}&%$#_~^]")


def tex(text: str) -> str:
    return _TEX_SPECIAL.sub(lambda match: _TEX[match.group()], " ".join(plain(text).split()))


def _url(url: str) -> str:
    # Braces would end the field; percent-encoded, the address means the same.
    return url.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def _date_fields(date: PartialDate) -> list[tuple[str, str]]:
    fields = [("year", str(date.year))]
    if date.month is not None:
        fields.append(("month", calendar.month_abbr[date.month].lower()))
    # biblatex's date field keeps the precision and the qualifier (EDTF).
    fields.append(("date", date.iso()))
    return fields


def _entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    lines = [f"@{kind}{{{key},"]
    for name, value in fields:
        # A month abbreviation is a BibTeX macro, written without braces.
        written = value if name == "month" else f"{{{value}}}"
        lines.append(f"  {name} = {written},")
    return "\n".join(lines) + "\n}\n"


def bibtex_event(timeline: Timeline, event: Event) -> str:
    """The event as a BibTeX entry: the document it is."""
    # Double braces keep an institution's name whole, never read as a person's.
    authors = " and ".join(f"{{{tex(timeline.issuer_label(code))}}}" for code in event.issuers)
    fields = [("author", authors), ("title", tex(event.title))]
    if event.doc_number:
        fields.append(("number", tex(event.doc_number)))
    fields += _date_fields(event.date)
    url = next((source.url for source in event.sources if source.url), None)
    if url:
        fields.append(("url", _url(url)))
    return _entry("misc", event_key(event), fields)


def export_bibtex(
    timeline: Timeline, events: list[Event], options: ExportOptions = DEFAULT_OPTIONS
) -> str:
    entries = [bibtex_event(timeline, event) for event in events]
    for key, source in _sources(events):
        fields = [("title", tex(source.title)), ("publisher", tex(source.publisher))]
        fields += _date_fields(source.date)
        if source.url:
            fields.append(("url", _url(source.url)))
        entries.append(_entry("online" if source.url else "misc", key, fields))
    return "\n".join(entries)
