"""The timeline's data: events, their sources, targets and links, and vocabularies."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from policy_timeline.model.dates import PartialDate
from policy_timeline.model.relations import RELATIONS


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    publisher: str
    date: PartialDate
    url: str | None = None
    note: str | None = None


# What became of a target. "unknown" records that someone looked and found no
# answer, so it alone needs no source.
OUTCOME_STATUSES = ("met", "missed", "partly-met", "unknown")


# A unit written "CNY billion" reads "CNY 31.5 billion" around a number.
_MONEY_UNIT = re.compile(r"([A-Z]{3}) (thousand|million|billion|trillion)\b(.*)", re.DOTALL)


def quantity(value: int | float, unit: str | None) -> str:
    """``CNY 31.5 billion``, ``40%``, ``1,200 pilot projects``: a number as a reader writes it."""
    number = f"{value:,}" if isinstance(value, int) else f"{value:,g}"
    if not unit:
        return number
    if unit == "%":
        return f"{number}%"
    if money := _MONEY_UNIT.fullmatch(unit):
        currency, scale, rest = money.groups()
        return f"{currency} {number} {scale}{rest}"
    return f"{number} {unit}"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to a target, as far as the sources tell."""

    status: str
    sources: tuple[Source, ...] = ()
    value: int | float | None = None
    unit: str | None = None
    as_of: PartialDate | None = None
    note: str | None = None

    @property
    def label(self) -> str:
        return self.status.replace("-", " ")

    def describe(self) -> str:
        """``met: 31.5 CNY billion as of 2020``: the status, then what was reached."""
        reached = f": {quantity(self.value, self.unit)}" if self.value is not None else ""
        as_of = f" as of {self.as_of.human()}" if self.as_of else ""
        return f"{self.label}{reached}{as_of}"


@dataclass(frozen=True, slots=True)
class Target:
    metric: str
    value: int | float
    unit: str | None = None
    comparator: str = "="
    deadline: PartialDate | None = None
    source: int | None = None
    note: str | None = None
    outcome: Outcome | None = None

    def goal(self) -> str:
        """``> 20 CNY billion``: the comparator, value and unit."""
        comparator = "" if self.comparator == "=" else f"{self.comparator} "
        return f"{comparator}{quantity(self.value, self.unit)}"

    def describe(self) -> str:
        """``> 20 CNY billion by 2020``: the goal as a reader states it."""
        deadline = f" by {self.deadline.human()}" if self.deadline else ""
        return f"{self.goal()}{deadline}"

    def outcome_text(self) -> str:
        """The outcome in words, or ``not recorded`` where the timeline says nothing."""
        return self.outcome.describe() if self.outcome else "not recorded"


@dataclass(frozen=True, slots=True)
class Link:
    id: str
    relation: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: PartialDate
    title: str
    kind: str
    issuers: tuple[str, ...]
    summary: str
    sources: tuple[Source, ...]
    end: PartialDate | None = None
    title_original: str | None = None
    sectors: tuple[str, ...] = ()
    related: tuple[Link, ...] = ()
    doc_number: str | None = None
    published: PartialDate | None = None
    effective: PartialDate | None = None
    status: str | None = None
    highlights: tuple[str, ...] = ()
    targets: tuple[Target, ...] = ()
    # Where the event was read from: the file relative to the timeline folder,
    # and its index in that file's list (0 for a single-event file).
    file: str = ""
    index: int = 0

    @property
    def lead_issuer(self) -> str:
        return self.issuers[0] if self.issuers else ""

    def date_label(self) -> str:
        """The date at its own precision; a period shows its end too.

        Within one year the start drops its year, as in print: ``22 Apr–30 Jun 2026``.
        """
        start, end = self.date, self.end
        if end is None:
            return start.human()
        if (
            start.year == end.year
            and start.month is not None
            and end.month is not None
            and not start.qualifier
            and not end.qualifier
        ):
            start_text = start.human().rsplit(" ", 1)[0]
            return f"{start_text}–{end.human()}"
        return f"{start.human()}–{end.human()}"

    def sort_key(self) -> tuple[tuple[int, int, int, int], str]:
        return (self.date.sort_key(), self.id)


@dataclass(frozen=True, slots=True)
class Issuer:
    code: str
    name: str | None = None
    name_original: str | None = None

    def label(self) -> str:
        return self.name or self.code


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Declared values of a facet; ``None`` where the timeline declares none."""

    sectors: dict[str, str] | None = None
    issuers: dict[str, Issuer] | None = None
    kinds: dict[str, str] | None = None


@dataclass(frozen=True, slots=True)
class RelatedEvent:
    """A link seen from one event: the other event and the phrase that joins them."""

    phrase: str
    other: Event
    note: str | None = None


@dataclass(slots=True)
class Timeline:
    name: str
    root: Path
    events: list[Event]
    description: str | None = None
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    by_id: dict[str, Event] = field(init=False)
    _incoming: dict[str, list[tuple[Event, Link]]] = field(init=False)

    def __post_init__(self) -> None:
        self.events.sort(key=Event.sort_key)
        self.by_id = {event.id: event for event in self.events}
        self._incoming = {}
        for event in self.events:
            for link in event.related:
                self._incoming.setdefault(link.id, []).append((event, link))

    @property
    def event_count(self) -> int:
        """How many events the timeline holds (an index answers without holding them)."""
        return len(self.events)

    def related(self, event: Event) -> list[RelatedEvent]:
        """Every link touching an event, outgoing first, each read from its side."""
        found = [
            RelatedEvent(RELATIONS[link.relation].forward, self.by_id[link.id], link.note)
            for link in event.related
            if link.id in self.by_id and link.relation in RELATIONS
        ]
        for other, link in self._incoming.get(event.id, []):
            if link.relation in RELATIONS:
                found.append(RelatedEvent(RELATIONS[link.relation].reverse, other, link.note))
        return found

    def issuer_label(self, code: str) -> str:
        issuers = self.vocabulary.issuers or {}
        return issuers[code].label() if code in issuers else code

    def sector_label(self, slug: str) -> str:
        return (self.vocabulary.sectors or {}).get(slug, slug)

    def kind_label(self, kind: str) -> str:
        return (self.vocabulary.kinds or {}).get(kind, kind)
