"""Review r39 (review pass): identifiers, day hints, decimals in JSON, run-time type hints."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest

from upwork_safety import Contract, ContractKind, Milestone, Money, Payment
from upwork_safety.errors import InvalidTypeError
from upwork_safety.statements import Transaction

PKT = timezone(timedelta(hours=5))
# 2 March 02:00 in Karachi is 1 March in UTC: value.date() would be a day late.
KARACHI_NIGHT = datetime(2026, 3, 2, 2, 0, tzinfo=PKT)
UTC_HINT = "pass its UTC day, value.astimezone(timezone.utc).date()"
NAIVE_HINT = "value.date()"


def _contract():
    return Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2026, 1, 5))


def _row(**changes):
    return attrs.evolve(
        Transaction(line=2, on=date(2026, 1, 5), kind="bonus", amount=Money("5.00", "USD")),
        **changes,
    )


DAY_FIELDS = [
    (lambda day: attrs.evolve(_contract(), ended=day), "Contract.ended"),
    (lambda day: attrs.evolve(_contract(), started=day), "Contract.started"),
    (lambda day: Contract("c1", "acme", ContractKind.FIXED_PRICE, day), "Contract.started"),
    (lambda day: Payment(day, Money("5.00", "USD")), "Payment.on"),
    (lambda day: Milestone("m1", "Logo", Money("5.00", "USD"), due=day), "Milestone.due"),
    (lambda day: _row(on=day), "Transaction.on"),
]


@pytest.mark.parametrize(("build", "field"), DAY_FIELDS)
@pytest.mark.parametrize("moment", [KARACHI_NIGHT, KARACHI_NIGHT.astimezone(timezone.utc)])
def test_an_aware_datetime_in_a_day_field_is_told_to_pass_its_utc_day(build, field, moment):
    """The hint names the UTC day, the library's one rule for days (review 3)."""
    with pytest.raises(InvalidTypeError) as caught:
        build(moment)
    assert (field, "a date") == (caught.value.field, caught.value.rule)
    assert UTC_HINT in str(caught.value)
    assert NAIVE_HINT + " " not in str(caught.value)


def test_following_the_hint_gives_the_day_payment_at_needs():
    """Payment.on built with the hinted day is the UTC day of Payment.at, so it is accepted."""
    with pytest.raises(InvalidTypeError) as caught:
        Payment(KARACHI_NIGHT, Money("100.00", "USD"), at=KARACHI_NIGHT)
    assert UTC_HINT in str(caught.value)
    day = KARACHI_NIGHT.astimezone(timezone.utc).date()
    assert date(2026, 3, 1) == Payment(day, Money("100.00", "USD"), at=KARACHI_NIGHT).on


def test_a_naive_datetime_keeps_the_day_written_hint():
    """A naive moment (a pandas date column) has only the day written to read."""
    with pytest.raises(InvalidTypeError) as caught:
        Payment(datetime(2026, 3, 2, 2, 0), Money("5.00", "USD"))
    assert "pass a date (e.g. value.date() for the day written)" in str(caught.value)
    assert "astimezone" not in str(caught.value)


def test_the_serialize_docstring_states_the_decimal_rule_the_reader_enforces():
    """Other decimals and durations take canonical text or a JSON integer, written back as text.

    The module docstring said they follow Money's "never a JSON number" rule and
    are "written back as they were"; the reader (and docs/api/serialize.md's
    table) takes a JSON integer (review 6).  Docs and code now say one thing.
    """
    from upwork_safety import Feedback, serialize
    from upwork_safety.errors import InvalidDataError

    loaded = serialize.from_json(Feedback, '{"stars": 4}')
    assert Decimal(4) == loaded.stars
    assert '{"stars":"4"}' == serialize.to_json(loaded)
    assert timedelta(seconds=90) == serialize.from_dict(timedelta, 90)
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_json(Money, '{"amount": 5, "currency": "USD"}')
    assert [("$.amount", "canonical decimal text")] == [
        (problem.path, problem.rule) for problem in caught.value.problems
    ]
    doc = " ".join((serialize.__doc__ or "").split())
    assert "Other decimals (star ratings, fee rates, hours) follow the same rule" not in doc
    assert "or a JSON integer" in doc
    assert '``{"stars": "4"}``' in doc
