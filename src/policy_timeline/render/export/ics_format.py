"""iCalendar (RFC 5545): all-day entries for events and for target deadlines.

A date or period covering at most a month is one all-day entry across every
day it allows. A longer one (a five-year plan, a date known only to the year)
would sit in the calendar's all-day row for years, so by default it becomes a
one-day entry on its first day and another on its last, with the whole period
in the description ("markers"); ``--ics-periods spans`` keeps one long entry.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar
from icalendar import Event as CalendarEntry

from policy_timeline import __version__
from policy_timeline.model.dates import QUALIFIERS, PartialDate, Precision
from policy_timeline.model.events import Event, Source, Target, Timeline
from policy_timeline.model.text import plain
from policy_timeline.model.urls import is_web_url
from policy_timeline.render.export import DEFAULT_OPTIONS, ExportError, ExportOptions

UID_DOMAIN = "policy-timeline"
_PRECISION_WORDS = {
    Precision.YEAR: "the year",
    Precision.MONTH: "the month",
    Precision.DAY: "the day",
}
# The longest span kept as one entry in "markers" mode: any single month.
LONGEST_SPAN = dt.timedelta(days=31)


def export_ics(
    timeline: Timeline, events: list[Event], options: ExportOptions = DEFAULT_OPTIONS
) -> str:
    markers = options.ics_periods == "markers"
    calendar = Calendar()
    calendar.add("prodid", f"-//policy-timeline//policy-timeline {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", plain(timeline.name))
    for event in events:
        for entry in _event_entries(timeline, event, markers):
            calendar.add_component(entry)
        for number, target in enumerate(event.targets, start=1):
            if target.deadline:
                calendar.add_component(
                    _deadline_entry(event, number, target, target.deadline, markers)
                )
    text: str = calendar.to_ical().decode("utf-8")
    return text


def event_uid(event: Event) -> str:
    return f"{event.id}@{UID_DOMAIN}"


def end_uid(event: Event) -> str:
    """The end entry of a long period shown as two markers; the start keeps ``event_uid``."""
    return f"{event.id}.end@{UID_DOMAIN}"


def is_long(start: PartialDate, end: PartialDate) -> bool:
    return end.latest() - start.earliest() >= LONGEST_SPAN


def deadline_uid(event: Event, number: int) -> str:
    return f"{event.id}.target-{number}@{UID_DOMAIN}"


def known(date: PartialDate) -> str:
    """What the date says and no more: ``Feb 2015 (known to the month)``."""
    words = [f"known to {_PRECISION_WORDS[date.precision]}"]
    if date.qualifier:
        words.append(QUALIFIERS[date.qualifier])
    return f"{date.human()} ({', '.join(words)})"


def _event_entries(timeline: Timeline, event: Event, markers: bool) -> list[CalendarEntry]:
    end = event.end or event.date
    title = plain(event.title)
    if not (markers and is_long(event.date, end)):
        entry = _entry(event_uid(event), title, event.date.earliest(), end.latest())
        note = (
            "The calendar entry covers every day the dates allow."
            if event.date.precision < Precision.DAY or end != event.date
            else None
        )
        return [_describe(entry, timeline, event, note)]
    first, last = event.date.earliest(), end.latest()
    if event.end is None:
        # One vague date is no period: one entry on its first day, named with the date.
        entry = _entry(event_uid(event), f"{title} ({event.date.human()})", first, first)
        note = (
            f"Shown on the first day the date allows ({first.isoformat()}); "
            f"the sources give no closer date."
        )
        return [_describe(entry, timeline, event, note)]
    start_entry = _entry(event_uid(event), f"Begins: {title}", first, first)
    end_entry = _entry(end_uid(event), f"Ends: {title}", last, last)
    end_entry.add("related-to", event_uid(event))
    return [
        _describe(start_entry, timeline, event, _marker_note("first", first, "last", last)),
        _describe(end_entry, timeline, event, _marker_note("last", last, "first", first)),
    ]


def _marker_note(this: str, day: dt.date, other: str, other_day: dt.date) -> str:
    return (
        f"This entry marks the {this} day the dates allow ({day.isoformat()}); "
        f"another marks the {other} ({other_day.isoformat()})."
    )


def _describe(
    entry: CalendarEntry, timeline: Timeline, event: Event, note: str | None
) -> CalendarEntry:
    entry.add("dtstamp", _stamp(event))
    lines = [f"Date: {known(event.date)}"]
    if event.end:
        lines.append(f"Until: {known(event.end)}")
    if note:
        lines.append(note)
    lines.append("Issued by: " + ", ".join(timeline.issuer_label(code) for code in event.issuers))
    if event.doc_number:
        lines.append(f"Document: {event.doc_number}")
    lines += ["", event.summary, ""]
    lines += [source_line(number, source) for number, source in enumerate(event.sources, start=1)]
    entry.add("description", plain("\n".join(lines)))
    entry.add("categories", [plain(event.kind)])
    link = next((source.url for source in event.sources if is_web_url(source.url)), None)
    if link:
        entry.add("url", link)
    return entry


def _deadline_entry(
    event: Event, number: int, target: Target, deadline: PartialDate, markers: bool
) -> CalendarEntry:
    summary = plain(f"Deadline: {target.metric} {target.describe()}")
    # "By 2020" is met or missed on the last day the deadline allows.
    first = deadline.latest() if markers and is_long(deadline, deadline) else deadline.earliest()
    entry = _entry(deadline_uid(event, number), summary, first, deadline.latest())
    entry.add("dtstamp", _stamp(event))
    lines = [f"Deadline: {known(deadline)}", f"Target set by: {event.title}"]
    if target.note:
        lines.append(target.note)
    lines.append(f"Outcome: {target.outcome_text()}")
    if target.outcome:
        if target.outcome.note:
            lines.append(target.outcome.note)
        lines += [
            source_line(number, source)
            for number, source in enumerate(target.outcome.sources, start=1)
        ]
    entry.add("description", plain("\n".join(lines)))
    entry.add("categories", ["target-deadline"])
    entry.add("related-to", event_uid(event))
    return entry


def source_line(number: int, source: Source) -> str:
    url = f" {source.url}" if source.url else ""
    return f"[{number}] {source.title} — {source.publisher}, {source.date.human()}.{url}"


def _entry(uid: str, summary: str, first: dt.date, last: dt.date) -> CalendarEntry:
    # A date known to the month spans all of it rather than pinning a day that
    # the sources do not give; DTEND is the day after the last one covered.
    entry = CalendarEntry()
    entry.add("uid", uid)
    entry.add("summary", summary)
    entry.add("dtstart", first)
    if last == dt.date.max:
        raise ExportError(
            f"{uid}: a date in 9999 reaches past the last day iCalendar can "
            "end an entry on; filter this event out or correct its date"
        )
    entry.add("dtend", last + dt.timedelta(days=1))
    entry.add("transp", "TRANSPARENT")
    return entry


def _stamp(event: Event) -> dt.datetime:
    """DTSTAMP is required; taking it from the sources keeps the output the same on every run."""
    day = max(source.date.earliest() for source in event.sources)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
