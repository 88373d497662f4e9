"""Drawn hourly rows carry Upwork's invoice text, so ``available_on`` answers for them.

Review r34 (red team 4): ``us.transactions`` and ``us.statements`` drew
hourly descriptions (``''``, ``'Logo design'``) that no export writes on an
hourly row, so ``statements.available_on`` refused every Transactions
report and Transaction History hourly row they drew.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings

from _sampling import drawn
from upwork_safety import ExchangeRate, Money, Payment, fees, statements
from upwork_safety.statements import StatementFormat, TransactionKind
from upwork_safety.testing import strategies as us

#: The exports whose rows have a description: Upwork writes its invoice text there.
DESCRIBED = [export for export in StatementFormat if "description" in export.row_fields]
ALONE = re.compile(r"Invoice for [0-9]{2}/[0-9]{2}/[0-9]{4}-[0-9]{2}/[0-9]{2}/[0-9]{4}")
HOURS = re.compile(r" - ([0-9]+):([0-5][0-9]) hrs @ \$([0-9]+\.[0-9]{2})/hr")


def test_the_exports_with_a_description_are_the_two_transaction_exports():
    """The formats the properties below cover."""
    assert {StatementFormat.TRANSACTIONS_REPORT, StatementFormat.TRANSACTION_HISTORY} == set(
        DESCRIBED
    )


def _check_row(row: statements.Transaction) -> None:
    """*row* names the week before its own, and is available on a day payout takes."""
    week = statements.invoiced_week(row)
    assert week is not None
    monday = week.start.date()
    assert 1 <= (row.on - (monday + timedelta(days=6))).days <= 7
    day = statements.available_on(row)
    assert type(day) is date
    assert day >= row.on + timedelta(days=5)
    assert day >= statements.available_on(row, top_rated=True)
    # payout takes the day (a fixed payment of the row's day, so no amount is too small
    # to withdraw, and a tax rate given, so no day is before the known tax rules).
    paid = fees.payout(
        Payment(row.on, Money("500.00", "USD")),
        method="Payoneer",
        reference_rate=ExchangeRate("USD", "PKR", "280", as_of=day),
        available_on=day,
        tax_rate="0",
    )
    assert day == paid.available_on
    rest = row.description.removeprefix(
        f"Invoice for {monday:%m/%d/%Y}-{monday + timedelta(days=6):%m/%d/%Y}"
    )
    if rest:  # the hours times the rate are the amount, to the cent
        found = HOURS.fullmatch(rest)
        assert found is not None, rest
        hours = Decimal(found[1]) + Decimal(found[2]) / 60
        assert row.amount.amount == (hours * Decimal(found[3])).quantize(Decimal("0.01"))


@pytest.mark.parametrize("export", DESCRIBED, ids=lambda export: export.value)
def test_available_on_answers_for_every_drawn_hourly_row(export):
    """Every hourly row of ``us.transactions(format=...)`` names its week (r34, 4)."""

    @settings(max_examples=100, derandomize=True, database=None)
    @given(us.transactions(kinds=[TransactionKind.HOURLY], format=export))
    def check(row):
        _check_row(row)

    check()


@pytest.mark.parametrize("export", DESCRIBED, ids=lambda export: export.value)
def test_available_on_answers_for_every_hourly_row_of_a_drawn_statement(export):
    """The docs' pending-income loop runs on every income row of ``us.statements``."""

    @settings(max_examples=30, derandomize=True, database=None)
    @given(us.statements(format=export, kinds=["hourly", "fixed_price", "bonus", "service_fee"]))
    def check(statement):
        for row in statement.transactions:
            if row.kind is TransactionKind.HOURLY:
                _check_row(row)
            elif row.is_income:
                assert row.on + timedelta(days=5) == statements.available_on(row)

    check()


def test_drawn_invoice_texts_are_alone_or_with_the_hours():
    """Of 300 drawn rows, about half the text alone, the rest mostly with hours."""
    rows = drawn(us.transactions(kinds=["hourly"], format="transactions_report"), 300)
    alone = sum(ALONE.fullmatch(row.description) is not None for row in rows)
    with_hours = sum(" hrs @ $" in row.description for row in rows)
    assert 300 == alone + with_hours
    assert 60 <= with_hours <= 150, with_hours


def test_without_a_format_half_the_hourly_rows_carry_the_invoice_text():
    """Other descriptions still come, so code reading them meets rows it must refuse."""
    rows = drawn(us.transactions(kinds=["hourly"]), 300)
    named = sum(
        row.description.startswith("Invoice for ") and "/" in row.description for row in rows
    )
    assert 100 <= named <= 200, named
    assert any(row.description == "Logo design" for row in rows)
