"""The text summary of a timeline, grouped by year, as Rich renderables or Markdown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import groupby

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from policy_timeline.model import Event, Timeline
from policy_timeline.query import Filter

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str) -> str:
    """Text from YAML with any terminal control characters removed."""
    return _CONTROL.sub("", text)


def heading(timeline: Timeline, events: list[Event], query: Filter) -> str:
    total = len(timeline.events)
    count = f"{len(events)} of {total} events" if query.active else f"{total} events"
    years = sorted({event.date.year for event in events})
    span = f", {years[0]}–{years[-1]}" if len(years) > 1 else (f", {years[0]}" if years else "")
    filters = f" · {'; '.join(query.describe())}" if query.active else ""
    return f"{count}{span}{filters}"


def render_summary(timeline: Timeline, events: list[Event], query: Filter,
                   long: bool = False) -> RenderableType:
    parts: list[RenderableType] = [
        Text(plain(timeline.name), style="bold"),
        Text(heading(timeline, events, query), style="dim"),
    ]
    if not events:
        parts.append(Text(f"\n{_nothing(query)}", style="yellow"))
    for year, group in groupby(events, key=lambda event: event.date.year):
        parts.append(Text(f"\n{year}", style="bold underline"))
        for event in group:
            parts.append(_event_row(timeline, event))
            if long:
                parts.append(_indented(_event_details(timeline, event)))
    return Group(*parts)


def _nothing(query: Filter) -> str:
    return "No events match these filters." if query.active else "This timeline has no events."


def _event_row(timeline: Timeline, event: Event) -> Table:
    row = Table.grid(padding=(0, 2))
    row.add_column(width=15, no_wrap=True)
    row.add_column(width=12, no_wrap=True, overflow="ellipsis")
    row.add_column(width=14, no_wrap=True, overflow="ellipsis")
    row.add_column()
    title = Text(plain(event.title), style="bold")
    if event.end:
        title.append(f"  → {event.end.human()}", style="dim")
    row.add_row(
        Text("  " + event.date.human(), style="cyan"),
        Text(plain(event.kind), style="magenta"),
        Text(plain(_issuers_short(event)), style="green"),
        title,
    )
    return row


def _issuers_short(event: Event) -> str:
    extra = len(event.issuers) - 1
    return event.lead_issuer + (f" +{extra}" if extra else "")


def _indented(lines: list[Text]) -> Table:
    """Lines under an event row, wrapped with a hanging indent and never padded on the right."""
    block = Table.grid()
    block.add_column(width=4)
    block.add_column()
    for line in lines:
        block.add_row("", line)
    block.add_row("", "")
    return block


def _event_details(timeline: Timeline, event: Event) -> list[Text]:
    lines: list[Text] = []
    meta = [f"id: {event.id}"]
    if event.doc_number:
        meta.append(f"document: {event.doc_number}")
    if event.published:
        meta.append(f"published {event.published.human()}")
    meta.append("issued by " + ", ".join(timeline.issuer_label(code) for code in event.issuers))
    lines.append(Text(plain(" · ".join(meta)), style="dim"))
    if event.title_original:
        lines.append(Text(plain(event.title_original), style="italic"))
    lines.append(Text(plain(event.summary)))
    for highlight in event.highlights:
        lines.append(Text(plain(f"• {highlight}")))
    for target in event.targets:
        lines.append(Text(plain(f"◎ {target.metric}: {target.describe()}"), style="yellow"))
    for number, source in enumerate(event.sources, start=1):
        lines.append(Text(plain(_source_line(number, source.title, source.publisher,
                                             source.date.human(), source.url)), style="dim"))
    for related in timeline.related(event):
        lines.append(Text(plain(f"→ {related.phrase}: {related.other.title} "
                                f"({related.other.date.human()})"), style="blue"))
    return lines


def _source_line(number: int, title: str, publisher: str, date: str, url: str | None) -> str:
    return f"[{number}] {title} — {publisher}, {date}" + (f". {url}" if url else "")


def render_markdown(timeline: Timeline, events: list[Event], query: Filter,
                    long: bool = False) -> str:
    return "\n".join(_markdown_lines(timeline, events, query, long)) + "\n"


def _markdown_lines(timeline: Timeline, events: list[Event], query: Filter,
                    long: bool) -> Iterator[str]:
    yield f"# {md(timeline.name)}"
    yield ""
    yield f"_{md(heading(timeline, events, query))}_"
    if not events:
        yield ""
        yield _nothing(query)
    for year, group in groupby(events, key=lambda event: event.date.year):
        yield ""
        yield f"## {year}"
        yield ""
        for event in group:
            period = f" – {event.end.human()}" if event.end else ""
            yield (f"- **{event.date.human()}{period}** · {md(event.kind)} · "
                   f"{md(', '.join(event.issuers))} — {md(event.title)}")
            if long:
                yield from _markdown_details(timeline, event)
    return


def _markdown_details(timeline: Timeline, event: Event) -> Iterator[str]:
    yield ""
    if event.title_original:
        yield f"  _{md(event.title_original)}_"
        yield ""
    if event.doc_number:
        yield f"  Document: {md(event.doc_number)}"
        yield ""
    for paragraph in plain(event.summary).split("\n\n"):
        yield "  " + md(" ".join(paragraph.split()))
        yield ""
    for highlight in event.highlights:
        yield f"  - {md(highlight)}"
    for target in event.targets:
        yield f"  - Target: {md(target.metric)}: {md(target.describe())}"
    if event.highlights or event.targets:
        yield ""
    for number, source in enumerate(event.sources, start=1):
        link = f" <{source.url}>" if source.url else ""
        yield (f"  {number}. {md(source.title)} — {md(source.publisher)}, "
               f"{source.date.human()}.{link}")
    for related in timeline.related(event):
        yield f"  - {related.phrase}: {md(related.other.title)} ({related.other.date.human()})"
    yield ""


def md(text: str) -> str:
    """Text from YAML made inert in Markdown: no markup, links or control characters."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", plain(text))
