"""TimelineJS3 JSON: the data file Knight Lab's TimelineJS loads, with a title slide.

TimelineJS renders ``headline`` and ``text`` as HTML, so every value from YAML
is HTML-escaped; only the markup written here is markup.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from policy_timeline.model.dates import PartialDate
from policy_timeline.model.events import Event, Target, Timeline
from policy_timeline.model.text import plain
from policy_timeline.model.urls import is_web_url
from policy_timeline.render.export import DEFAULT_OPTIONS, ExportOptions


def export_timelinejs(
    timeline: Timeline, events: list[Event], options: ExportOptions = DEFAULT_OPTIONS
) -> str:
    document = {
        "title": {
            "text": {
                "headline": _html(timeline.name),
                "text": _html(timeline.description or _count(events)),
            }
        },
        "events": [_slide(timeline, event) for event in events],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def date_object(date: PartialDate) -> dict[str, Any]:
    """Only the parts the date states, so TimelineJS shows it at that precision."""
    found: dict[str, Any] = {"year": date.year}
    if date.month is not None:
        found["month"] = date.month
    if date.day is not None:
        found["day"] = date.day
    # display_date carries what the numbers cannot: "c." and "?" qualifiers.
    found["display_date"] = _html(date.human())
    return found


def end_date_object(date: PartialDate) -> dict[str, Any]:
    """The last day the end date allows, so a period ending "2025" runs through 2025.

    TimelineJS reads a missing month or day as the first one; the label still
    says only what is known.
    """
    last = date.latest()
    return {
        "year": last.year,
        "month": last.month,
        "day": last.day,
        "display_date": _html(date.human()),
    }


def _slide(timeline: Timeline, event: Event) -> dict[str, Any]:
    slide: dict[str, Any] = {"start_date": date_object(event.date)}
    if event.end:
        slide["end_date"] = end_date_object(event.end)
    slide["text"] = {"headline": _html(event.title), "text": _body(timeline, event)}
    # TimelineJS writes the group label into the page as HTML, like the text.
    slide["group"] = _html(timeline.kind_label(event.kind))
    slide["unique_id"] = _html(event.id)
    return slide


def _body(timeline: Timeline, event: Event) -> str:
    issuers = ", ".join(timeline.issuer_label(code) for code in event.issuers)
    parts = [
        f"<p><em>{_html(issuers)}</em>"
        + (f" · {_html(event.doc_number)}" if event.doc_number else "")
        + "</p>"
    ]
    parts += [
        f"<p>{_html(' '.join(paragraph.split()))}</p>"
        for paragraph in event.summary.split("\n\n")
        if paragraph.strip()
    ]
    if event.targets:
        items = "".join(
            f"<li>{_html(f'{target.metric}: {target.describe()}')}{_outcome(target)}</li>"
            for target in event.targets
        )
        parts.append(f"<ul>{items}</ul>")
    sources = "".join(
        f"<li>{_source(source.title, source.publisher, source.date, source.url)}</li>"
        for source in event.sources
    )
    parts.append(f"<ol>{sources}</ol>")
    return "".join(parts)


def _outcome(target: Target) -> str:
    if target.outcome is None:
        return ""
    sources = "; ".join(
        _source(source.title, source.publisher, source.date, source.url)
        for source in target.outcome.sources
    )
    note = f" {_html(target.outcome.note)}" if target.outcome.note else ""
    return f"<br>Outcome: {_html(target.outcome.describe())}.{note}" + (
        f" ({sources})" if sources else ""
    )


def _source(title: str, publisher: str, date: PartialDate, url: str | None) -> str:
    label = _html(title)
    if is_web_url(url):
        label = f'<a href="{escape(url, quote=True)}">{label}</a>'
    return f"{label} — {_html(publisher)}, {_html(date.human())}"


def _count(events: list[Event]) -> str:
    return f"{len(events)} event" + ("" if len(events) == 1 else "s")


def _html(text: str) -> str:
    return escape(plain(text), quote=True)
