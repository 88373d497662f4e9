"""An income row's first available day agrees with ``fees.payout``, and stays in the calendar.

Review r34 (red team 3, 6 and 7): an hourly row dated after its week's pay
day was given that week's day, before the row's own day, which ``payout``
then refused; ``invoiced_week`` read a line break after `` - ``; a row near
the library's last day was given a day after it; ``payout`` blamed ``on=``
for a reference rate dated after the last day.
"""

from __future__ import annotations

from datetime import date

import pytest

from upwork_safety import ExchangeRate, Money, Payment, fees, serialize
from upwork_safety.errors import InvalidDataError, InvalidValueError
from upwork_safety.statements import Transaction, available_on, invoiced_week

WEEK = "Invoice for 10/12/2026-10/18/2026"


def row(description=WEEK + " - 6:30 hrs @ $15.00/hr", *, on=date(2026, 10, 19), **more):
    """The invoice of the week 2026-10-12 to 10-18 (its pay day is Wednesday 10-28)."""
    more.setdefault("kind", "hourly")
    return Transaction(line=4, on=on, amount=Money("97.50", "USD"), description=description, **more)


def withdraw(income, day):
    """``fees.payout`` of *income* on its *day*, as docs/statements.md's pending loop does."""
    reference = ExchangeRate("USD", "PKR", "280", as_of=day)
    return fees.payout(
        Payment(income.on, income.amount),
        method="Payoneer",
        reference_rate=reference,
        available_on=day,
    )


@pytest.mark.parametrize(
    ("on", "top_rated", "expected"),
    [
        # Dated the Monday after its week: the week's day (Top Rated: the Saturday).
        (date(2026, 10, 19), False, date(2026, 10, 28)),
        (date(2026, 10, 19), True, date(2026, 10, 24)),
        # Dated later: never before its own day plus the 5-day security period.
        (date(2026, 10, 23), False, date(2026, 10, 28)),
        (date(2026, 10, 24), False, date(2026, 10, 29)),
        (date(2026, 10, 20), True, date(2026, 10, 25)),
        (date(2026, 10, 30), False, date(2026, 11, 4)),
        (date(2027, 3, 1), False, date(2027, 3, 6)),
        (date(2027, 3, 1), True, date(2027, 3, 6)),
    ],
)
def test_an_hourly_row_is_available_no_earlier_than_its_own_security_period(
    on, top_rated, expected
):
    """The week's day, or the row's day plus 5 days when that is later (DOMAIN §1, §3)."""
    late = row(on=on)
    day = available_on(late, top_rated=top_rated)
    assert type(day) is date
    assert expected == day
    assert day > late.on


@pytest.mark.parametrize("on", [date(2026, 10, 19), date(2026, 10, 24), date(2027, 3, 1)])
@pytest.mark.parametrize("top_rated", [False, True])
def test_payout_takes_the_day_available_on_gives(on, top_rated):
    """The docs' "What is still pending" loop runs on a late row."""
    late = row(on=on)
    day = available_on(late, top_rated=top_rated)
    paid = withdraw(late, day)
    assert isinstance(paid, fees.Payout)
    assert day == paid.available_on
    assert Money("97.50", "USD") == paid.fee.amount


@pytest.mark.parametrize(
    "tail",
    [
        " - \nINJECT",
        " - 6:30 hrs\n@ $15.00/hr",
        " - 6:30 hrs @ $15.00/hr\r",
        " - 6:30\thrs",
        " - 6:30 hrs\u200b",  # a zero-width space
        " - \u202e6:30 hrs",  # a right-to-left override
        " - 6:30 hrs\u2028",  # a line separator
        " - \x1b[31m",  # a terminal escape
    ],
)
def test_invoiced_week_reads_one_line_of_text_only(tail):
    """A control or format character after `` - `` is not Upwork's one-line cell."""
    text = row(WEEK + tail)
    assert invoiced_week(text) is None
    with pytest.raises(InvalidValueError) as caught:
        available_on(text)
    assert "row" == caught.value.field
    assert "an hourly row that names its week" == caught.value.rule


@pytest.mark.parametrize("tail", ["", " - 6:30 hrs @ $15.00/hr", " - anything at all", " - "])
def test_invoiced_week_does_not_read_the_text_after_the_dash(tail):
    """The rest of the line is not read: any one line of text names the week."""
    week = invoiced_week(row(WEEK + tail))
    assert week is not None
    assert date(2026, 10, 12) == week.start.date()


@pytest.mark.parametrize(
    ("kind", "on", "hours", "expected"),
    [
        ("fixed_price", date(9990, 12, 31), None, date(9991, 1, 5)),
        ("bonus", date(9990, 12, 27), None, date(9991, 1, 1)),
        # a weekly summary's row: week of 9990-12-31
        ("hourly", date(9990, 12, 31), "1", date(9991, 1, 16)),
        ("hourly", date(9990, 12, 17), "1", date(9991, 1, 2)),
    ],
)
def test_available_on_answers_a_day_after_the_librarys_last(kind, on, hours, expected):
    """A day after 9990-12-31 is given, as hourly, escrow and checks give theirs (review r37,
    hostile 6: it was refused here alone); ``payout`` refuses it as ``available_on=``."""
    from decimal import Decimal

    late = Transaction(
        line=2,
        on=on,
        kind=kind,
        amount=Money("10.00", "USD"),
        hours=None if hours is None else Decimal(hours),
    )
    assert expected == available_on(late)


def test_available_on_the_last_day_itself_is_given():
    """A fixed-price row of 9990-12-26 is available on 9990-12-31, the last day."""
    last = Transaction(line=2, on=date(9990, 12, 26), kind="fixed_price", amount=Money(10, "USD"))
    assert date(9990, 12, 31) == available_on(last)
    assert date(9990, 12, 31) == withdraw(last, date(9990, 12, 31)).available_on


def test_a_reference_rate_past_the_last_day_cannot_be_built():
    """``ExchangeRate`` refuses an ``as_of`` after 9990-12-31 itself (lead r35).

    Before, it was built, and each withdrawal function refused it as its
    ``reference_rate.as_of``; loaded from data it is refused at its path.
    """
    with pytest.raises(InvalidValueError) as caught:
        ExchangeRate("USD", "PKR", "280", as_of=date(9991, 1, 16))
    assert ("ExchangeRate.as_of", "on or before 9990-12-31") == (
        caught.value.field,
        caught.value.rule,
    )
    data = {"base": "USD", "quote": "PKR", "rate": "280", "as_of": "9991-01-01"}
    with pytest.raises(InvalidDataError) as loaded:
        serialize.from_dict(ExchangeRate, data)
    assert ["$.as_of"] == [problem.path for problem in loaded.value.problems]
    last = ExchangeRate("USD", "PKR", "280", as_of=date(9990, 12, 31))
    assert date(9990, 12, 31) == last.as_of
    quote = fees.quote_withdrawal(Money("500.00", "USD"), "Payoneer", reference_rate=last)
    assert date(9990, 12, 31) == quote.reference_rate.as_of


def test_payout_refuses_available_on_past_the_last_day():
    """A day no withdrawal can follow is refused as itself, not as the rate's."""
    rate = ExchangeRate("USD", "PKR", "280", as_of=date(9990, 12, 31))
    with pytest.raises(InvalidValueError) as caught:
        fees.payout(
            Money("500.00", "USD"),
            method="Payoneer",
            reference_rate=rate,
            on=date(9990, 12, 1),
            available_on=date(9991, 1, 1),
        )
    assert "available_on" == caught.value.field
    assert "on or before 9990-12-31" == caught.value.rule
