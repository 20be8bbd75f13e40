"""Partial dates: a year, a month or a day, each kept at the precision it states."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from enum import IntEnum

from dateutil import parser as dateutil_parser


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


QUALIFIERS = {"": "", "~": "approximate", "?": "uncertain", "%": "approximate and uncertain"}

# Three numbers with separators, as in 01/02/03, 1 2 2017 or 14.12.2017.
_NUMERIC = re.compile(r"(\d{1,4})[./\s-]+(\d{1,2})[./\s-]+(\d{1,4})")
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
# Two defaults that differ in every part: a part that comes back different
# between them was filled in by dateutil, not given in the text.
_DEFAULT_A = dt.datetime(1904, 1, 1)
_DEFAULT_B = dt.datetime(1908, 2, 2)
# Read once: each lookup in calendar's own list formats a date with strftime.
_MONTH_ABBR = tuple(calendar.month_abbr)


class DateError(ValueError):
    """A value that is not a valid partial date; the message says why."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None
    qualifier: str = ""

    def __post_init__(self) -> None:
        _check_parts(self.year, self.month, self.day)
        if self.qualifier not in QUALIFIERS:
            raise DateError(f"unknown qualifier {self.qualifier!r}")

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        if self.day is not None and self.month is not None:
            return dt.date(self.year, self.month, self.day)
        if self.month is not None:
            return dt.date(self.year, self.month, _days_in(self.year, self.month))
        return dt.date(self.year, 12, 31)

    def sort_key(self) -> tuple[int, int, int, int]:
        """Orders by the first day the date can mean, the vaguer date first."""
        return (self.year, self.month or 0, self.day or 0, int(self.precision))

    def iso(self) -> str:
        """The ISO 8601 / EDTF form: ``2017``, ``2017-12``, ``2017-12-13``, with its qualifier."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text + self.qualifier

    def human(self) -> str:
        """A reader's form at the stated precision: ``2017``, ``Dec 2017``, ``13 Dec 2017``."""
        text = str(self.year)
        if self.month is not None:
            text = f"{_MONTH_ABBR[self.month]} {text}"
        if self.day is not None:
            text = f"{self.day} {text}"
        if self.qualifier in ("~", "%"):
            text = f"c. {text}"
        if self.qualifier in ("?", "%"):
            text += "?"
        return text

    def __str__(self) -> str:
        return self.iso()

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: PartialDate) -> bool:
        return self.sort_key() <= other.sort_key()


_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month]


def _check_parts(year: int, month: int | None, day: int | None) -> None:
    # Runs for every date made, including those read back from the cache, so it
    # avoids calendar.monthrange, which costs a weekday computation each call.
    if not 1 <= year <= 9999:
        raise DateError(f"year {year} is out of range (1-9999)")
    if month is None:
        if day is not None:
            raise DateError("a day needs a month")
        return
    if not 1 <= month <= 12:
        raise DateError(f"month {month} is out of range (1-12)")
    if day is not None:
        last = _days_in(year, month)
        if not 1 <= day <= last:
            raise DateError(
                f"day {day} is out of range for {calendar.month_name[month]} {year} (1-{last})"
            )


def parse_partial_date(value: object) -> PartialDate:
    """Reads a partial date from what YAML hands over: an int, a date or a string."""
    if value.__class__ is str:  # the usual case, tested first
        return _parse_text(value)
    if isinstance(value, bool):
        raise DateError("expected a date, got a boolean")
    if isinstance(value, int):
        return PartialDate(value)
    if isinstance(value, dt.datetime):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if not isinstance(value, str):
        raise DateError(f"expected a date, got {describe_type(value)}")
    return _parse_text(value)


def _parse_text(raw: str) -> PartialDate:
    text = raw.strip()
    if not text:
        raise DateError("date is empty")
    qualifier = ""
    if text[-1] in "~?%":
        qualifier, text = text[-1], text[:-1].rstrip()
    match = _ISO.fullmatch(text)
    if match:
        year, month, day = match.groups()
        return PartialDate(
            int(year),
            int(month) if month else None,
            int(day) if day else None,
            qualifier,
        )
    numeric = _NUMERIC.fullmatch(text)
    if numeric:
        _check_unambiguous(raw, *numeric.groups())
    return _parse_natural(text, raw, qualifier)


def _check_unambiguous(raw: str, first: str, second: str, third: str) -> None:
    """Refuses all-number dates that readers in different countries read differently."""
    if len(first) == 4:
        return  # year first: only year-month-day is written that way
    hint = "; write an ISO date such as 2017-02-01 (year-month-day)"
    if len(third) != 4:
        raise DateError(f"{raw!r} is ambiguous (which number is the year?){hint}")
    if int(first) <= 12 and int(second) <= 12 and first.lstrip("0") != second.lstrip("0"):
        raise DateError(f"{raw!r} is ambiguous (day-month or month-day?){hint}")


# dateutil costs tens of microseconds a call, and a timeline repeats its dates;
# the answer for a text never changes, so each distinct text is read once.
@functools.lru_cache(maxsize=4096)
def _parse_natural(text: str, raw: str, qualifier: str) -> PartialDate:
    try:
        first = dateutil_parser.parse(text, default=_DEFAULT_A)
        second = dateutil_parser.parse(text, default=_DEFAULT_B)
    except (ValueError, OverflowError) as error:
        reason = str(error).split(":")[0] or "unrecognised"
        raise DateError(f"cannot read {raw!r} as a date ({reason})") from None
    if first.year != second.year:
        raise DateError(f"{raw!r} has no year")
    has_month = first.month == second.month
    has_day = first.day == second.day
    if has_day and not has_month:
        raise DateError(f"{raw!r} has a day but no month")
    return PartialDate(
        first.year,
        first.month if has_month else None,
        first.day if has_day else None,
        qualifier,
    )


def describe_type(value: object) -> str:
    """Names a YAML value's type the way a YAML author thinks of it."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, dt.date):
        return "a date"
    return f"a {type(value).__name__}"
