"""One self-contained HTML page: a chart of dates and periods, a search box, each event's detail.

Everything the page needs is inside it: its style, a few lines of script
(allowed by a hash in the page's Content-Security-Policy, which also forbids
every request: no font, image, style or script is fetched, ever). Every value
from the timeline is HTML-escaped, and only http(s) addresses become links.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from html import escape
from importlib.resources import files
from itertools import groupby

from policy_timeline.model.dates import PartialDate
from policy_timeline.model.events import Event, Source, Timeline
from policy_timeline.model.text import plain
from policy_timeline.model.urls import is_web_url
from policy_timeline.render.export import DEFAULT_OPTIONS, ExportOptions

_ASSETS = files("policy_timeline.render.export") / "html_assets"


def export_html(
    timeline: Timeline, events: list[Event], options: ExportOptions = DEFAULT_OPTIONS
) -> str:
    style = _ASSETS.joinpath("page.css").read_text("utf-8")
    script = _ASSETS.joinpath("page.js").read_text("utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    policy = (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
        "form-action 'none'; base-uri 'none'"
    )
    title = _text(timeline.name)
    parts = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{title}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{title}</h1>",
    ]
    if timeline.description:
        parts.append(f'<p class="lede">{_text(timeline.description)}</p>')
    parts += [
        f'<p class="count"><span id="shown">{len(events)}</span> of {len(events)} events</p>',
        '<label class="search">Search <input id="search" type="search" '
        'placeholder="words in titles, summaries, issuers" autocomplete="off"></label>',
        "</header>",
        "<main>",
        *_chart(events),
        *_list(timeline, events),
        "</main>",
        f"<script>{script}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _text(text: str) -> str:
    return escape(plain(text), quote=True)


def _chart(events: list[Event]) -> Iterator[str]:
    """A bar from the first to the last day each event's dates allow, on one shared scale."""
    if not events:
        return
    first = min(event.date.earliest() for event in events)
    last = max((event.end or event.date).latest() for event in events)
    span = max((last - first).days + 1, 1)
    yield '<section class="chart" aria-label="Dates and periods">'
    yield '<div class="scale">'
    for year in range(first.year + 1, last.year + 1):
        left = (PartialDate(year).earliest() - first).days / span * 100
        yield f'<span class="tick" style="left:{left:.3f}%">{year}</span>'
    yield "</div>"
    for event in events:
        start = (event.date.earliest() - first).days / span * 100
        width = ((event.end or event.date).latest() - event.date.earliest()).days + 1
        kind = "period" if event.end else "date"
        yield (
            f'<a class="row" href="#event-{_text(event.id)}" data-id="{_text(event.id)}">'
            f'<span class="label">{_text(event.title)}</span>'
            f'<span class="track"><span class="bar {kind}" style="left:{start:.3f}%;'
            f'width:max(0.5em,{width / span * 100:.3f}%)"></span></span></a>'
        )
    yield "</section>"


def _list(timeline: Timeline, events: list[Event]) -> Iterator[str]:
    for year, group in groupby(events, key=lambda event: event.date.year):
        yield f'<section class="year"><h2>{year}</h2>'
        for event in group:
            yield from _event(timeline, event)
        yield "</section>"


def _when(event: Event) -> str:
    return event.date.human() + (f" – {event.end.human()}" if event.end else "")


def _event(timeline: Timeline, event: Event) -> Iterator[str]:
    issuers = ", ".join(timeline.issuer_label(code) for code in event.issuers)
    words = " ".join(
        [
            event.title,
            event.title_original or "",
            issuers,
            event.summary,
            *event.highlights,
            event.doc_number or "",
            event.kind,
        ]
    )
    yield (
        f'<article id="event-{_text(event.id)}" data-id="{_text(event.id)}" '
        f'data-text="{_text(" ".join(words.split()).casefold())}">'
    )
    yield (
        f'<details><summary><span class="when">{_text(_when(event))}</span> '
        f'<span class="title">{_text(event.title)}</span></summary>'
    )
    facts = [f"<dt>Issued by</dt><dd>{_text(issuers)}</dd>"]
    if event.title_original:
        facts.append(f'<dt>Original title</dt><dd lang="zh">{_text(event.title_original)}</dd>')
    if event.doc_number:
        facts.append(f"<dt>Document</dt><dd>{_text(event.doc_number)}</dd>")
    kind = timeline.kind_label(event.kind)
    facts.append(f"<dt>Kind</dt><dd>{_text(kind)}</dd>")
    if event.sectors:
        sectors = ", ".join(timeline.sector_label(slug) for slug in event.sectors)
        facts.append(f"<dt>Sectors</dt><dd>{_text(sectors)}</dd>")
    yield f"<dl>{''.join(facts)}</dl>"
    for paragraph in event.summary.split("\n\n"):
        if paragraph.strip():
            yield f"<p>{_text(' '.join(paragraph.split()))}</p>"
    if event.highlights:
        yield (
            "<h3>Highlights</h3><ul>"
            + "".join(f"<li>{_text(item)}</li>" for item in event.highlights)
            + "</ul>"
        )
    if event.targets:
        yield (
            "<h3>Targets</h3><ul>"
            + "".join(
                f"<li>{_text(f'{target.metric}: {target.describe()}')}"
                f" <em>({_text(target.outcome_text())})</em></li>"
                for target in event.targets
            )
            + "</ul>"
        )
    related = timeline.related(event)
    if related:
        yield (
            "<h3>Links</h3><ul>"
            + "".join(
                f'<li>{_text(link.phrase)}: <a href="#event-{_text(link.other.id)}">'
                f"{_text(link.other.title)}</a> ({_text(link.other.date.human())})</li>"
                for link in related
            )
            + "</ul>"
        )
    yield "<h3>Sources</h3><ol>" + "".join(_source(source) for source in event.sources)
    yield "</ol></details></article>"


def _source(source: Source) -> str:
    title = _text(source.title)
    if source.url and is_web_url(source.url):
        title = (
            f'<a href="{escape(source.url, quote=True)}" rel="noopener noreferrer" '
            f'target="_blank">{title}</a>'
        )
    return f"<li>{title} — {_text(source.publisher)}, {_text(source.date.human())}</li>"
