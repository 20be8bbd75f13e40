"""Partial dates keep their precision, order sensibly and round-trip through text."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policy_timeline.model.dates import DateError, PartialDate, Precision, parse_partial_date


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
    precision = draw(st.sampled_from(Precision))
    qualifier = draw(st.sampled_from(["", "~", "?", "%"]))
    return PartialDate(
        day.year,
        day.month if precision >= Precision.MONTH else None,
        day.day if precision == Precision.DAY else None,
        qualifier,
    )


@given(partial_dates())
def test_iso_text_round_trips(date: PartialDate) -> None:
    assert parse_partial_date(date.iso()) == date


@given(partial_dates())
def test_human_text_round_trips_for_unqualified_dates_after_year_999(date: PartialDate) -> None:
    # dateutil reads 3-digit years as years, but "May 12" style forms need the
    # year to be unambiguous, so the round trip is promised for 4-digit years.
    if date.year < 1000:
        return
    plain = PartialDate(date.year, date.month, date.day)
    assert parse_partial_date(plain.human()) == plain


@given(partial_dates())
def test_earliest_and_latest_bound_the_date(date: PartialDate) -> None:
    assert date.earliest() <= date.latest()
    assert date.earliest().year == date.latest().year == date.year
    if date.precision == Precision.DAY:
        assert date.earliest() == date.latest()


@given(partial_dates(), partial_dates())
def test_order_follows_the_first_possible_day(a: PartialDate, b: PartialDate) -> None:
    if a.earliest() < b.earliest():
        assert a < b
    if a < b:
        assert a.earliest() <= b.earliest()


def test_vaguer_date_sorts_before_a_precise_one_on_the_same_first_day() -> None:
    assert (
        parse_partial_date("2017")
        < parse_partial_date("2017-01")
        < parse_partial_date("2017-01-01")
    )


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("2017", "2017", Precision.YEAR),
        ("2017-12", "2017-12", Precision.MONTH),
        ("2017-12-13", "2017-12-13", Precision.DAY),
        ("Dec 14, 2017", "2017-12-14", Precision.DAY),
        ("Dec 2017", "2017-12", Precision.MONTH),
        ("December 2017", "2017-12", Precision.MONTH),
        ("14 December 2017", "2017-12-14", Precision.DAY),
        ("2016-06~", "2016-06~", Precision.MONTH),
        ("2017?", "2017?", Precision.YEAR),
        (" 2017-03-11 ", "2017-03-11", Precision.DAY),
    ],
)
def test_text_forms_keep_the_stated_precision(text: str, iso: str, precision: Precision) -> None:
    date = parse_partial_date(text)
    assert date.iso() == iso
    assert date.precision == precision


def test_yaml_values_are_accepted() -> None:
    assert parse_partial_date(2017) == PartialDate(2017)
    assert parse_partial_date(dt.date(2017, 12, 13)) == PartialDate(2017, 12, 13)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2017-02-30", "day 30 is out of range for February 2017"),
        ("2017-13-45", "month 13 is out of range"),
        ("Dec 14", "has no year"),
        ("next tuesday-ish", "cannot read"),
        ("", "empty"),
        (True, "boolean"),
        ([2017], "list"),
        (0, "year 0 is out of range"),
    ],
)
def test_impossible_and_unreadable_dates_say_why(value: object, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_partial_date(value)


@given(st.text(max_size=40))
def test_any_text_parses_or_raises_date_error(text: str) -> None:
    with contextlib.suppress(DateError):
        parse_partial_date(text)


def test_human_form_shows_precision_and_qualifiers() -> None:
    assert parse_partial_date("2017-12-13").human() == "13 Dec 2017"
    assert parse_partial_date("2017-12").human() == "Dec 2017"
    assert parse_partial_date("2017~").human() == "c. 2017"
    assert parse_partial_date("2017-12?").human() == "Dec 2017?"
