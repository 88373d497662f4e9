"""When a statement's income row is available, and the billing week an hourly row pays.

An hourly row is Upwork's invoice for a billing week, dated the Monday after
it, available on the Wednesday ten days after the week ends (DOMAIN §3), not
5 days after the row's day as fixed-price money (review r33, notebook 1).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from upwork_safety import ExchangeRate, Money, Payment, fees, hourly, statements
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.statements import Transaction, TransactionKind, available_on, invoiced_week

ROOT = Path(__file__).resolve().parent.parent
INVOICE = "Invoice for 10/12/2026-10/18/2026 - 6:30 hrs @ $15.00/hr"


def row(description=INVOICE, *, on=date(2026, 10, 19), kind="hourly", amount="97.50", **more):
    """A statement row as the report's own: the invoice of the week 2026-10-12 to 10-18."""
    return Transaction(
        line=7, on=on, kind=kind, amount=Money(amount, "USD"), description=description, **more
    )


def test_invoiced_week_reads_upworks_invoice_text():
    """The row dated Monday 2026-10-19 pays the week Monday 10-12 to Sunday 10-18."""
    week = invoiced_week(row())
    assert isinstance(week, hourly.BillingWeek)
    assert datetime(2026, 10, 12, tzinfo=timezone.utc) == week.start
    assert hourly.billing_week(datetime(2026, 10, 18, 23, tzinfo=timezone.utc)) == week


def test_invoiced_week_reads_the_text_without_hours():
    """``Invoice for MM/DD/YYYY-MM/DD/YYYY`` alone names the week too."""
    week = invoiced_week(row("Invoice for 10/12/2026-10/18/2026"))
    assert week is not None
    assert date(2026, 10, 12) == week.start.date()


@pytest.mark.parametrize(
    "description",
    [
        "",
        "Invoice for week 1",
        "Invoice for hours",
        "invoice for 10/12/2026-10/18/2026",  # not Upwork's capital I
        "Invoice for 10/13/2026-10/19/2026",  # Tuesday to Monday: not a billing week
        "Invoice for 10/12/2026-10/19/2026",  # eight days
        "Invoice for 10/05/2026-10/18/2026",  # two weeks
        "Invoice for 2026-10-12-2026-10-18",  # another date form
        "Invoice for 12/10/2026-18/10/2026",  # day first
        "Invoice for 10/12/2026-10/18/2026 (edited)",
        "Invoice for 10/12/2026 - 10/18/2026",
        "Re: Invoice for 10/12/2026-10/18/2026",
        "Invoice for ١٠/12/2026-10/18/2026",  # an Arabic-Indic digit
        "Invoice for 02/30/2026-03/06/2026",  # no such day
    ],
)
def test_invoiced_week_never_guesses(description):
    """Any description not in Upwork's exact form names no week: None, not a guess."""
    assert invoiced_week(row(description)) is None


def test_an_invoice_dated_inside_its_week_names_no_week():
    """An invoice is dated after its week: one dated on the week's Sunday is not read."""
    assert invoiced_week(row(on=date(2026, 10, 18))) is None
    assert invoiced_week(row(on=date(2026, 10, 26))) is not None


@pytest.mark.parametrize("kind", ["fixed_price", "bonus", "service_fee"])
def test_a_row_that_is_not_hourly_pays_no_week(kind):
    """Only hourly rows pay a billing week, whatever their text says."""
    amount = "-9.75" if kind == "service_fee" else "97.50"
    assert invoiced_week(row(kind=kind, amount=amount)) is None


def test_a_weekly_summary_row_pays_the_week_of_its_day():
    """A row with hours (the weekly summary's, one day's work) pays the week containing its day."""
    worked = row("", on=date(2026, 10, 14), hours=Decimal("6.5"), contract_id="38100001")
    week = invoiced_week(worked)
    assert week is not None
    assert date(2026, 10, 12) == week.start.date()
    assert date(2026, 10, 28) == available_on(worked)


def test_available_on_an_hourly_row_is_its_weeks_wednesday():
    """DOMAIN §3: the week 10/12-10/18 is available Wed 2026-10-28; Top Rated on Sat 10-24."""
    assert date(2026, 10, 28) == available_on(row())
    assert date(2026, 10, 24) == available_on(row(), top_rated=True)
    week = hourly.billing_week(datetime(2026, 10, 12, tzinfo=timezone.utc))
    assert week.calendar().available_at.date() == available_on(row())
    assert week.calendar(top_rated=True).available_at.date() == available_on(row(), top_rated=True)


@pytest.mark.parametrize(
    ("kind", "on", "expected"),
    [
        ("fixed_price", date(2026, 10, 19), date(2026, 10, 24)),
        ("bonus", date(2024, 7, 16), date(2024, 7, 21)),
    ],
)
def test_available_on_fixed_price_and_bonus_rows_is_the_security_period(kind, on, expected):
    """A fixed-price or bonus row is available 5 days after its day (HC 211060918)."""
    assert expected == available_on(row("Milestone 1", kind=kind, on=on))


def test_available_on_refuses_an_hourly_row_without_its_week():
    """The week is not guessed: the row is refused, saying what to pass instead."""
    with pytest.raises(InvalidValueError) as caught:
        available_on(row("Invoice for hours"))
    assert "row" == caught.value.field
    assert "an hourly row that names its week" == caught.value.rule
    assert "line 7" in str(caught.value)
    assert "available_on=" in str(caught.value)


def test_available_on_refuses_a_row_that_is_not_income():
    """A withdrawal is never 'available'."""
    with pytest.raises(InvalidValueError) as caught:
        available_on(row("Withdrawal", kind="withdrawal", amount="-97.50"))
    assert ("row", "an income row") == (caught.value.field, caught.value.rule)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: available_on(Payment(date(2026, 10, 19), Money("97.50", "USD"))), "row"),
        (lambda: invoiced_week("Invoice for 10/12/2026-10/18/2026"), "row"),
        (lambda: available_on(row(), top_rated=1), "top_rated"),
    ],
)
def test_wrong_types_are_refused(call, field):
    """A Payment or a text is not a statement row, and top_rated is a bool."""
    with pytest.raises(InvalidTypeError) as caught:
        call()
    assert field == caught.value.field


def test_payout_given_the_rows_day_gets_the_hourly_day():
    """payout(available_on=available_on(row)) is the week's day, not the fixed-price one."""
    hourly_row = row()
    payment = Payment(hourly_row.on, hourly_row.amount)
    day = available_on(hourly_row)
    reference = ExchangeRate("USD", "PKR", "280.00", as_of=day)
    paid = fees.payout(
        payment,
        method="direct_to_local_bank",
        reference_rate=reference,
        spread="1%",
        available_on=day,
    )
    assert date(2026, 10, 28) == paid.available_on
    assert date(2026, 10, 28) == paid.withdrawn_on
    # The same payment with no available_on is read as released fixed-price money.
    early = ExchangeRate("USD", "PKR", "280.00", as_of=date(2026, 10, 24))
    fixed = fees.payout(payment, method="direct_to_local_bank", reference_rate=early, spread="1%")
    assert date(2026, 10, 24) == fixed.available_on


def test_payout_on_a_to_contracts_hourly_contract_takes_the_rows_day():
    """The day from the row is one of those payout accepts for the hourly contract's payment."""
    text = (ROOT / "docs/examples/synthetic-transactions-report.csv").read_text("utf-8")
    statement = statements.parse(text)
    income = [r for r in statement.transactions if r.kind is TransactionKind.HOURLY]
    assert [date(2024, 6, 12), date(2024, 7, 10)] == [available_on(r) for r in income]
    contract = next(c for c in statements.to_contracts(statement) if c.kind.value == "hourly")
    last = contract.payments[-1]
    day = available_on(income[-1])
    paid = fees.payout(
        last,
        contract=contract,
        method="direct_to_local_bank",
        reference_rate=ExchangeRate("USD", "PKR", "278.50", as_of=day),
        spread="1%",
        available_on=day,
    )
    assert date(2024, 7, 10) == paid.available_on


def test_payout_without_available_on_on_an_hourly_contract_names_the_row_path():
    """The refusal on an hourly contract says how a statement's row gives its day."""
    text = (ROOT / "docs/examples/synthetic-transactions-report.csv").read_text("utf-8")
    statement = statements.parse(text)
    contract = next(c for c in statements.to_contracts(statement) if c.kind.value == "hourly")
    with pytest.raises(InvalidValueError) as caught:
        fees.payout(
            contract.payments[-1],
            contract=contract,
            method="direct_to_local_bank",
            reference_rate=ExchangeRate("USD", "PKR", "278.50", as_of=date(2024, 7, 10)),
        )
    assert "available_on" == caught.value.field
    assert "statements.available_on(row)" in str(caught.value)
