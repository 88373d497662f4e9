"""Tests for the shared argument rules in upwork_safety._validate (sequences, rates, days)."""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from upwork_safety import InvalidTypeError, InvalidValueError, Money
from upwork_safety._validate import fraction, sequence_of, utc_day, utc_instant


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("0.10"), Decimal("0.10")),
        ("0.10", Decimal("0.10")),
        (0, Decimal(0)),
        ("10%", Decimal("0.1")),
        ("2.5%", Decimal("0.025")),
        ("0%", Decimal(0)),
    ],
)
def test_a_rate_is_a_fraction_or_a_percentage(value, expected):
    """Rates are fractions; text ending in % is a percentage: one rule everywhere."""
    assert expected == fraction(value, "rate")


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("10", InvalidValueError),
        (Decimal(1), InvalidValueError),
        ("100%", InvalidValueError),
        ("-1%", InvalidValueError),
        (Decimal("-0.01"), InvalidValueError),
        ("ten%", InvalidValueError),
        ("%", InvalidValueError),
        (0.1, InvalidTypeError),
        (True, InvalidTypeError),
        (None, InvalidTypeError),
    ],
)
def test_bad_rates_name_the_argument(value, error):
    """A rate of 1 or more, negative, not a number or a float is refused, naming the argument."""
    with pytest.raises(error) as info:
        fraction(value, "rate")
    assert "rate" == info.value.field


def test_a_rate_of_ten_suggests_the_fraction():
    """rate="10" (meaning 10%) is refused with the fraction to write instead."""
    with pytest.raises(InvalidValueError, match=r"write 0\.1 or '10%'"):
        fraction("10", "rate")
    assert Decimal(3) == fraction("3", "multiplier", below_one=False)


@pytest.mark.parametrize("value", [None, 5, "payoneer", b"x", {"a": 1}, Money(1, "USD")])
def test_a_sequence_argument_refuses_scalars_strings_and_none(value):
    """A scalar, None, a string or a mapping is never read as a sequence."""
    with pytest.raises(InvalidTypeError) as info:
        sequence_of(value, int, "items")
    assert "items" == info.value.field


def test_a_sequence_checks_each_item_with_its_index():
    """Each item's type is checked; the error names its index; a lone item gets a hint."""
    assert (1, 2) == sequence_of([1, 2], int, "items")
    assert (1, 2) == sequence_of(iter([1, 2]), int, "items")
    with pytest.raises(InvalidTypeError) as info:
        sequence_of([1, "2"], int, "items")
    assert "items[1]" == info.value.field
    with pytest.raises(InvalidTypeError, match="wrap a single one in a list"):
        sequence_of(Money(1, "USD"), Money, "amounts")


def test_days_and_instants():
    """A date is its own day; an aware datetime its UTC day and instant; naive is refused."""
    karachi = timezone(timedelta(hours=5))
    assert date(2026, 3, 1) == utc_day(datetime(2026, 3, 2, 3, tzinfo=karachi), "on")
    assert date(2026, 3, 2) == utc_day(date(2026, 3, 2), "on")
    moment = utc_instant(datetime(2026, 3, 2, 3, tzinfo=karachi), "at")
    assert (datetime(2026, 3, 1, 22, tzinfo=timezone.utc), timezone.utc) == (
        moment,
        moment.tzinfo,
    )
    with pytest.raises(InvalidValueError) as naive:
        utc_day(datetime(2026, 3, 2), "on")
    assert "on" == naive.value.field
    with pytest.raises(InvalidTypeError):
        utc_day("2026-03-02", "on")
    with pytest.raises(InvalidValueError):
        utc_instant(datetime(9999, 12, 31, tzinfo=timezone.utc), "at")
