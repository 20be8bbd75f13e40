"""How wide the list's columns must be to hold a set of events' values whole.

The explorer sizes its date, kind and issuer columns from the whole timeline;
the index keeps these widths per file, so it can answer without decoding a row.
"""

from __future__ import annotations

from collections.abc import Iterable

from policy_timeline.model.dates import PartialDate
from policy_timeline.model.events import Event


def event_widths(events: Iterable[Event]) -> tuple[int, int, int]:
    """The widest date label, kind and lead issuer among the events (0 when none)."""
    date = kind = issuer = 0
    for event in events:
        # Only periods and qualified dates need their label made to be measured;
        # a plain date's width follows from its precision (a saving of 100k labels).
        date = max(
            date,
            len(event.date_label())
            if event.end is not None or event.date.qualifier
            else plain_date_width(event.date),
        )
        kind = max(kind, len(event.kind))
        issuer = max(issuer, len(event.lead_issuer))
    return date, kind, issuer


def plain_date_width(date: PartialDate) -> int:
    """The width of ``date.human()`` for a date with no qualifier: 2017, Dec 2017, 8 Dec 2017."""
    if date.day is not None:
        return 10 if date.day < 10 else 11
    return 4 if date.month is None else 8
