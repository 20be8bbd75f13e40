"""How the list's columns share a line: the title gets the room, the rest give way in turn.

Widths come from the whole timeline, so columns hold still while filters change;
as the list narrows, the issuer shrinks, then the kind, then the issuer drops out,
then the kind, and last the date shrinks, until the title has its share.
"""

from __future__ import annotations

from dataclasses import dataclass

from policy_timeline.model.events import Timeline
from policy_timeline.query.columns import event_widths
from policy_timeline.query.store_ranked import RankedTimeline

# The widest each column is ever drawn; longer values end in an ellipsis. Issuers
# are the vocabulary's codes (the validator accepts no other), so 14 cells hold
# most of them whole ("State Council", "Sichuan DEIT").
DATE_MAX, KIND_MAX, ISSUER_MAX = 27, 11, 14
# What a column shrinks to before it drops out.
KIND_SHORT, ISSUER_SHORT, DATE_SHORT = 8, 8, 11
# The title is given at least this share of the line, and never fewer cells than
# TITLE_MIN while any column can still give way.
TITLE_SHARE = 0.4
TITLE_MIN = 20
# The cells a line spends outside the columns: the match marker and one space
# after each column shown.
MARKER = 1


@dataclass(frozen=True, slots=True)
class Columns:
    """Cells given to the date, kind and issuer columns; 0 means the column is left out."""

    date: int
    kind: int
    issuer: int

    def used(self) -> int:
        return MARKER + sum(width + 1 for width in (self.date, self.kind, self.issuer) if width)


def natural_columns(timeline: Timeline) -> Columns:
    """Each column as wide as its widest value, within its cap."""
    if not timeline.event_count:
        return Columns(4, 4, 4)
    if isinstance(timeline, RankedTimeline):  # the index kept the widths
        date, kind, issuer = timeline.widths
    else:
        date, kind, issuer = event_widths(timeline.events)
    return Columns(min(date, DATE_MAX), min(kind, KIND_MAX), min(issuer, ISSUER_MAX))


def fit_columns(natural: Columns, width: int) -> Columns:
    """The first layout, in order of what gives way, that leaves the title its share."""
    wanted = max(TITLE_MIN, int(width * TITLE_SHARE))
    date, kind, issuer = natural.date, natural.kind, natural.issuer
    steps = (
        Columns(date, kind, issuer),
        Columns(date, kind, min(issuer, ISSUER_SHORT)),
        Columns(date, min(kind, KIND_SHORT), min(issuer, ISSUER_SHORT)),
        Columns(date, min(kind, KIND_SHORT), 0),
        Columns(date, 0, 0),
    )
    for columns in steps:
        if width - columns.used() >= wanted:
            return columns
    return Columns(min(date, DATE_SHORT), 0, 0)
