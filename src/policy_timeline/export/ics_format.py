"""iCalendar (RFC 5545): all-day entries for events and for target deadlines."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar
from icalendar import Event as CalendarEntry

from policy_timeline import __version__
from policy_timeline.dates import QUALIFIERS, PartialDate, Precision
from policy_timeline.model import Event, Source, Target, Timeline
from policy_timeline.text import plain

UID_DOMAIN = "policy-timeline"
_PRECISION_WORDS = {Precision.YEAR: "the year", Precision.MONTH: "the month",
                    Precision.DAY: "the day"}


def export_ics(timeline: Timeline, events: list[Event]) -> str:
    calendar = Calendar()
    calendar.add("prodid", f"-//policy-timeline//policy-timeline {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", plain(timeline.name))
    for event in events:
        calendar.add_component(_event_entry(timeline, event))
        for number, target in enumerate(event.targets, start=1):
            if target.deadline:
                calendar.add_component(_deadline_entry(event, number, target, target.deadline))
    text: str = calendar.to_ical().decode("utf-8")
    return text


def event_uid(event: Event) -> str:
    return f"{event.id}@{UID_DOMAIN}"


def deadline_uid(event: Event, number: int) -> str:
    return f"{event.id}.target-{number}@{UID_DOMAIN}"


def known(date: PartialDate) -> str:
    """What the date says and no more: ``Feb 2015 (known to the month)``."""
    words = [f"known to {_PRECISION_WORDS[date.precision]}"]
    if date.qualifier:
        words.append(QUALIFIERS[date.qualifier])
    return f"{date.human()} ({', '.join(words)})"


def _event_entry(timeline: Timeline, event: Event) -> CalendarEntry:
    entry = _entry(event_uid(event), plain(event.title), event.date, event.end or event.date)
    entry.add("dtstamp", _stamp(event))
    lines = [f"Date: {known(event.date)}"]
    if event.end:
        lines.append(f"Until: {known(event.end)}")
    if event.date.precision < Precision.DAY or (event.end and event.end != event.date):
        lines.append("The calendar entry covers every day the dates allow.")
    lines.append("Issued by: " + ", ".join(timeline.issuer_label(code) for code in event.issuers))
    if event.doc_number:
        lines.append(f"Document: {event.doc_number}")
    lines += ["", event.summary, ""]
    lines += [source_line(number, source) for number, source in enumerate(event.sources, start=1)]
    entry.add("description", plain("\n".join(lines)))
    entry.add("categories", [plain(event.kind)])
    link = next((source.url for source in event.sources if source.url), None)
    if link:
        entry.add("url", link)
    return entry


def _deadline_entry(event: Event, number: int, target: Target,
                    deadline: PartialDate) -> CalendarEntry:
    summary = plain(f"Deadline: {target.metric} {target.describe()}")
    entry = _entry(deadline_uid(event, number), summary, deadline, deadline)
    entry.add("dtstamp", _stamp(event))
    lines = [f"Deadline: {known(deadline)}", f"Target set by: {event.title}"]
    if target.note:
        lines.append(target.note)
    lines.append(f"Outcome: {target.outcome_text()}")
    if target.outcome:
        if target.outcome.note:
            lines.append(target.outcome.note)
        lines += [source_line(number, source)
                  for number, source in enumerate(target.outcome.sources, start=1)]
    entry.add("description", plain("\n".join(lines)))
    entry.add("categories", ["target-deadline"])
    entry.add("related-to", event_uid(event))
    return entry


def source_line(number: int, source: Source) -> str:
    url = f" {source.url}" if source.url else ""
    return f"[{number}] {source.title} — {source.publisher}, {source.date.human()}.{url}"


def _entry(uid: str, summary: str, start: PartialDate, end: PartialDate) -> CalendarEntry:
    # A date known to the month or year spans all of it rather than pinning a day
    # that the sources do not give; DTEND is the day after the last one covered.
    entry = CalendarEntry()
    entry.add("uid", uid)
    entry.add("summary", summary)
    entry.add("dtstart", start.earliest())
    entry.add("dtend", end.latest() + dt.timedelta(days=1))
    entry.add("transp", "TRANSPARENT")
    return entry


def _stamp(event: Event) -> dt.datetime:
    """DTSTAMP is required; taking it from the sources keeps the output the same on every run."""
    day = max(source.date.earliest() for source in event.sources)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
