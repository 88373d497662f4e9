"""Statement answers that mutation testing (red team r20) found unpinned.

1 July opens Pakistan's tax year in a summary, a period's rate may be dated
on its first or last day, and two same-day rows whose balances chain in
neither order are read newest first, as Upwork writes them.
"""

from __future__ import annotations

from datetime import date

import pytest

from upwork_safety import ExchangeRate, Money
from upwork_safety.errors import InvalidValueError
from upwork_safety.statements import BalanceBreak, parse, summarize, tax_year

HEADER = (
    "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
    "Amount in local currency,Currency,Balance\n"
)


def hourly(on, ref, amount, balance):
    """One 'Invoice for hours' row of a transactions export."""
    return f'"{on}",{ref},Hourly,Invoice for hours,,,,,,{amount},,,{balance}\n'


def usd(amount):
    return Money(amount, "USD")


# --- 1 July opens the tax year (red team r20 T01) ---------------------------------


def test_1_july_opens_a_new_tax_year_in_a_summary():
    """r20 T01: 30 June 2024 is in 2023-24 and 1 July 2024 opens 2024-25, one summary row each.

    The labels are checked first: with 1 July read as still in the old
    year, the summary's walk from period to period would never move on.
    """
    assert "2023-24" == tax_year(date(2024, 6, 30))
    assert "2024-25" == tax_year(date(2024, 7, 1))
    statement = parse(
        HEADER
        + hourly("Jul 1, 2024", 102, "50.00", "150.00")
        + hourly("Jun 30, 2024", 101, "100.00", "100.00")
    )
    rows = summarize(statement, by="tax_year").rows
    assert [
        ("2023-24", date(2023, 7, 1), date(2024, 6, 30), 1, usd("100.00")),
        ("2024-25", date(2024, 7, 1), date(2025, 6, 30), 1, usd("50.00")),
    ] == [(r.period, r.start, r.end, r.transactions, r.gross) for r in rows]


# --- a period's rate dated on its first or last day (red team r20 L8) ------------

JANUARY = parse(HEADER + hourly("Jan 20, 2024", 101, "100.00", "100.00"))


@pytest.mark.parametrize("as_of", [date(2024, 1, 1), date(2024, 1, 31)])
def test_a_months_rate_dated_on_its_first_or_last_day_is_taken(as_of):
    """r20 L8: a rate for 2024-01 dated 1 or 31 January converts USD 100.00 at 280: PKR 28,000.00."""
    rates = {"2024-01": ExchangeRate("USD", "PKR", "280", as_of=as_of)}
    (row,) = summarize(JANUARY, by="month", rates=rates).rows
    assert Money("28000.00", "PKR") == row.net_pkr


@pytest.mark.parametrize("as_of", [date(2023, 12, 31), date(2024, 2, 1)])
def test_a_months_rate_dated_a_day_outside_it_is_refused(as_of):
    """The other side of r20 L8: the day before the month or after it is outside the period."""
    rates = {"2024-01": ExchangeRate("USD", "PKR", "280", as_of=as_of)}
    with pytest.raises(InvalidValueError) as caught:
        summarize(JANUARY, by="month", rates=rates)
    assert ("rates['2024-01']", "a period's rate dated within it") == (
        caught.value.field,
        caught.value.rule,
    )


# --- same-day rows that balance in neither order (red team r20 L9) ---------------


def test_same_day_rows_balancing_in_neither_order_are_read_newest_first():
    """r20 L9: when neither order balances, the file is read newest first, as Upwork writes it.

    Line 2 (USD 50.00, balance 500.00) and line 3 (USD 100.00, balance
    200.00) share a date.  Newest first, line 3 is older: 200.00 + 50.00 =
    250.00 is expected on line 2, which shows 500.00.
    """
    text = HEADER + hourly("Jan 5, 2024", 102, "50.00", "500.00")
    text += hourly("Jan 5, 2024", 101, "100.00", "200.00")
    statement = parse(text, allow_breaks=True)
    assert [3, 2] == [t.line for t in statement.transactions]
    assert (BalanceBreak(3, 2, usd("250.00"), usd("500.00")),) == statement.balance_breaks


def test_same_day_rows_balancing_only_oldest_first_are_read_oldest_first():
    """The other side of r20 L9: rows that chain only oldest first are read that way, unbroken."""
    text = HEADER + hourly("Jan 5, 2024", 101, "100.00", "100.00")
    text += hourly("Jan 5, 2024", 102, "50.00", "150.00")
    statement = parse(text)
    assert [2, 3] == [t.line for t in statement.transactions]
    assert () == statement.balance_breaks
