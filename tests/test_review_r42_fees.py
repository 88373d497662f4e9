"""Regression tests for round 42's fees, money and hourly findings (newcomer 5-7, hostile 4)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from upwork_safety import ExchangeRate, Money, TimeEntry, hourly, serialize
from upwork_safety.errors import InvalidDataError, InvalidTypeError, InvalidValueError

UTC = timezone.utc


# -- hostile 4: an invoice whose amount cannot be held is refused when built


def _week() -> hourly.BillingWeek:
    return hourly.billing_week(datetime(2024, 1, 3, tzinfo=UTC))


def _entry(hours: int) -> TimeEntry:
    week = _week()
    return TimeEntry(
        start=week.start, end=week.start + timedelta(hours=hours), memo="x", activity=10
    )


HUGE_RATE = Money("999999999999999999.99", "USD")


def test_invoice_refuses_a_rate_whose_pay_cannot_be_held() -> None:
    with pytest.raises(InvalidValueError) as caught:
        hourly.invoice([_entry(10)], week=_week(), rate=HUGE_RATE)
    assert caught.value.field == "WeeklyInvoice.rate"
    assert caught.value.rule == "at most 18 integer digits"
    assert "10.00 billable hours" in str(caught.value)


def test_a_loaded_invoice_whose_pay_cannot_be_held_is_refused() -> None:
    fits = hourly.invoice([_entry(10)], week=_week(), rate=Money("99999999999999999.99", "USD"))
    assert fits.amount == Money("999999999999999999.90", "USD")
    data = serialize.to_dict(fits)
    data["rate"] = serialize.to_dict(HUGE_RATE)
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_dict(hourly.WeeklyInvoice, data)
    (problem,) = caught.value.problems
    assert problem.path == "$.rate"
    assert problem.rule == "at most 18 integer digits"


def test_one_hour_at_the_largest_rate_still_builds() -> None:
    bill = hourly.invoice([_entry(1)], week=_week(), rate=HUGE_RATE)
    assert bill.amount == HUGE_RATE
    assert bill.billable_hours == Decimal("1.00")


# -- newcomer 5: a measured rate, and the next step when a rate has too many places


def test_a_rate_with_too_many_places_says_what_to_do() -> None:
    with pytest.raises(InvalidValueError) as caught:
        ExchangeRate("USD", "PKR", Decimal("425201.14") / Decimal("1529.00"))
    assert caught.value.field == "ExchangeRate.rate"
    assert caught.value.rule == "at most 18 decimal places"
    assert "ExchangeRate.measured(" in str(caught.value)
    assert "quantize" in str(caught.value)


def test_measured_rounds_half_up_to_the_places_asked() -> None:
    sent = Money("1529.00", "USD")
    got = ExchangeRate.measured(Money("425201.14", "PKR"), sent, as_of=date(2026, 12, 1))
    assert type(got) is ExchangeRate
    assert (got.base, got.quote, got.as_of) == ("USD", "PKR", date(2026, 12, 1))
    assert got.rate == Decimal("278.091001")
    assert got.convert(sent) == Money("425201.14", "PKR")
    two = ExchangeRate.measured(Money("425201.14", "PKR"), sent, places=2, source="bank")
    assert (two.rate, two.source, two.as_of) == (Decimal("278.09"), "bank", None)


def test_measured_takes_an_export_row_as_written() -> None:
    got = ExchangeRate.measured(Money("-137500", "PKR"), Money("-500", "USD"))
    assert got.rate == Decimal("275.000000")


@pytest.mark.parametrize(
    ("received", "sent", "places", "field", "error"),
    [
        (Money("1", "PKR"), Money("-1", "USD"), 6, "received", InvalidValueError),
        (Money("0", "PKR"), Money("1", "USD"), 6, "received", InvalidValueError),
        (Money("1", "PKR"), Money("0", "USD"), 6, "sent", InvalidValueError),
        (Money("1", "PKR"), Money("1", "USD"), 19, "places", InvalidValueError),
        (Money("1", "PKR"), Money("1", "USD"), True, "places", InvalidTypeError),
        (Money("1", "USD"), Money("3", "USD"), 6, "ExchangeRate.quote", InvalidValueError),
        (Money("0.01", "PKR"), Money("100000", "USD"), 6, "ExchangeRate.rate", InvalidValueError),
    ],
)
def test_measured_refuses_what_gives_no_rate(
    received: Money, sent: Money, places: int, field: str, error: type[Exception]
) -> None:
    with pytest.raises(error) as caught:
        ExchangeRate.measured(received, sent, places=places)
    assert getattr(caught.value, "field", None) == field


# -- newcomer 7: a segment's logged column is seconds, and the docs say so

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_logged_is_exact_seconds_and_the_docs_say_so() -> None:
    week = _week()
    entry = TimeEntry(
        start=week.start, end=week.start + timedelta(minutes=25), memo="x", activity=9
    )
    bill = hourly.invoice([entry], week=week, rate=Money("10", "USD"))
    logged = [record["logged"] for record in bill.to_records()]
    assert logged == [Decimal(600), Decimal(600), Decimal(300)]  # a partial last segment
    assert all(type(value) is Decimal for value in logged)
    notebooks = (DOCS / "notebooks.md").read_text(encoding="utf-8")
    assert "a duration\nbecomes its exact seconds" in notebooks
    hourly_doc = (DOCS / "hourly.md").read_text(encoding="utf-8")
    assert "`logged` is the time logged in the segment, in seconds" in hourly_doc
    assert "seconds" in (hourly.Segment.to_record.__doc__ or "")


# -- newcomer 6: one row per withdrawal, costs signed as in a comparison


def test_to_records_gives_one_row_per_quote_with_the_comparison_columns() -> None:
    from upwork_safety import fees

    ref = ExchangeRate("USD", "PKR", "280", as_of=date(2026, 1, 1))
    comparison = fees.compare_withdrawals(Money("500", "USD"), reference_rate=ref)
    quotes = list(comparison.quotes)
    rows = fees.to_records(quotes)
    assert len(rows) == len(quotes)
    for row, compared, quote in zip(
        rows, comparison.to_records()[: len(quotes)], quotes, strict=True
    ):
        assert list(row) == ["method", "sent", *[key for key in compared if key != "method"]]
        assert {key: row[key] for key in compared} == compared
        assert row["sent"] == quote.sent.amount
        assert row["cost_vs_reference"] == quote.cost_vs_reference.amount > 0
        assert (row["currency"], row["fees_currency"]) == ("PKR", "USD")
    formatted = fees.to_records(quotes[:1], locale="en_PK")[0]
    assert formatted["sent"] == "US$500.00"
    assert formatted["cost_vs_reference"] == quotes[0].cost_vs_reference.format(locale="en_PK")


def test_to_records_refuses_what_is_not_a_quote() -> None:
    from upwork_safety import fees

    with pytest.raises(InvalidTypeError) as caught:
        fees.to_records([Money("1", "USD")])  # type: ignore[list-item]
    assert caught.value.field is not None
    assert caught.value.field.startswith("quotes")
