"""Markdown: a brief for a memo, by year, each event citing numbered sources.

It opens with a YAML front matter block holding the title, which pandoc and
static site generators read as the document's metadata. Every list has a blank
line before it, so pandoc, CommonMark and python-markdown all see the list.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import groupby

from policy_timeline.model.events import Event, Source, Target, Timeline
from policy_timeline.model.text import md, plain
from policy_timeline.model.urls import is_web_url
from policy_timeline.render.export import DEFAULT_OPTIONS, ExportOptions


def export_markdown(
    timeline: Timeline, events: list[Event], options: ExportOptions = DEFAULT_OPTIONS
) -> str:
    numbers: dict[Source, int] = {}
    body = list(_events(events, numbers))
    lines = [*front_matter(timeline), "", f"# {md(timeline.name)}", ""]
    if timeline.description:
        lines += [_paragraph(timeline.description), ""]
    lines += [f"_{_span(events)}_"]
    lines += body
    if numbers:
        lines += ["", "## Sources", ""]
        lines += [_reference(number, source) for source, number in numbers.items()]
    return "\n".join(lines) + "\n"


def front_matter(timeline: Timeline) -> list[str]:
    # pandoc reads a metadata value as Markdown, so the title is escaped as in the
    # heading. A JSON string is a YAML double-quoted scalar, so the escaped title
    # reads back unchanged.
    title = md(timeline.name)
    return ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "---"]


def _span(events: list[Event]) -> str:
    noun = "event" if len(events) == 1 else "events"
    years = sorted({event.date.year for event in events})
    if not years:
        return f"0 {noun}"
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return f"{len(events)} {noun}, {span}"


def _events(events: list[Event], numbers: dict[Source, int]) -> Iterator[str]:
    for year, group in groupby(events, key=lambda event: event.date.year):
        yield ""
        yield f"## {year}"
        for event in group:
            yield ""
            yield from _event(event, numbers)


def _event(event: Event, numbers: dict[Source, int]) -> Iterator[str]:
    # The same article backing several events keeps one number in the list.
    cited = [numbers.setdefault(source, len(numbers) + 1) for source in event.sources]
    when = event.date.human() + (f" – {event.end.human()}" if event.end else "")
    document = f" ({md(event.doc_number)})" if event.doc_number else ""
    markers = "".join(f"[{number}]" for number in cited)
    yield (
        f"**{when}** · {md(', '.join(event.issuers))} · {md(event.title)}{document}. "
        f"{_paragraph(event.summary)} {markers}"
    )
    if event.targets:
        yield ""  # without it, pandoc and python-markdown fold the list into the paragraph
    for target in event.targets:
        yield f"- Target: {md(target.metric)}: {md(target.describe())}{_outcome(target, numbers)}"


def _outcome(target: Target, numbers: dict[Source, int]) -> str:
    if target.outcome is None:
        return ""
    outcome = target.outcome
    cited = "".join(
        f"[{numbers.setdefault(source, len(numbers) + 1)}]" for source in outcome.sources
    )
    note = f" {_paragraph(outcome.note)}" if outcome.note else ""
    return f". Outcome: {md(outcome.describe())}.{note}" + (f" {cited}" if cited else "")


def _paragraph(text: str) -> str:
    """Multi-paragraph YAML text as one Markdown paragraph, so a memo line stays whole."""
    return md(" ".join(plain(text).split()))


def _reference(number: int, source: Source) -> str:
    # An autolink ends at the first ">", so the two angle brackets are percent-encoded.
    url = (source.url or "").replace("<", "%3C").replace(">", "%3E")
    link = f" <{url}>" if is_web_url(url) else ""
    return f"{number}. {md(source.title)} — {md(source.publisher)}, {source.date.human()}.{link}"
