"""Review round 43, escrow: amount rules and the escrow engine's refusals.

Review 1: one rule ("more than zero") for every amount of zero or less on a
field that must be worth something. Newcomer 2: the time-order refusal
says which automatic steps fell in between, what to do, and carries both
moments. Newcomer 4: ``EndContract`` on an hourly contract says how to
record its end.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

import pytest

from upwork_safety import Contract, ContractKind, Milestone, Money, Payment, escrow
from upwork_safety._escrow_amounts import MORE_THAN_ZERO
from upwork_safety.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Callable

UTC = timezone.utc
AT = datetime(2024, 3, 5, tzinfo=UTC)


def _usd(amount: str) -> Money:
    return Money(amount, "USD")


# --- review 1: one rule, one text -------------------------------------------------------

#: Every amount field whose rule is "more than zero", and how to build it with an amount.
MORE_THAN_ZERO_FIELDS: list[tuple[str, Callable[[Money], object]]] = [
    ("Milestone.amount", lambda money: Milestone("m", "t", money)),
    ("Approve.amount", lambda money: escrow.Approve("m", AT, amount=money)),
    ("Approve.bonus", lambda money: escrow.Approve("m", AT, bonus=money)),
    ("Refund.amount", lambda money: escrow.Refund("m", AT, amount=money)),
    (
        "Contract.hourly_rate",
        lambda money: Contract("c", "a", ContractKind.HOURLY, date(2024, 1, 1), hourly_rate=money),
    ),
    (
        "Payment.amount",
        lambda money: Payment(AT.date(), money, at=AT, milestone_id="m", kind="release"),
    ),
    ("Payment.amount", lambda money: Payment(AT.date(), money, kind="bonus")),
]


@pytest.mark.parametrize("amount", ["0", "0.00", "-0.01", "-0.00", "-1.00"])
@pytest.mark.parametrize(("field", "build"), MORE_THAN_ZERO_FIELDS)
def test_every_more_than_zero_field_refuses_zero_or_less_by_one_rule(
    field: str, build: Callable[[Money], object], amount: str
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        build(_usd(amount))
    assert (caught.value.field, caught.value.rule) == (field, "more than zero")
    assert caught.value.rule == MORE_THAN_ZERO  # the one constant the engine reads
    build(_usd("0.01"))  # the smallest amount is taken


@pytest.mark.parametrize(
    ("field", "build"),
    [
        (
            "ResolveDispute.to_freelancer",
            lambda money: escrow.ResolveDispute(
                "m", AT, to_freelancer=money, to_client=_usd("1.00")
            ),
        ),
        (
            "ResolveDispute.to_client",
            lambda money: escrow.ResolveDispute(
                "m", AT, to_freelancer=_usd("1.00"), to_client=money
            ),
        ),
        ("Payment.amount", lambda money: Payment(AT.date(), money)),
    ],
)
def test_a_field_that_takes_zero_keeps_not_negative(
    field: str, build: Callable[[Money], object]
) -> None:
    build(_usd("0.00"))  # zero is allowed here
    with pytest.raises(InvalidValueError) as caught:
        build(_usd("-0.01"))
    assert (caught.value.field, caught.value.rule) == (field, "not negative")


def test_the_hourly_rate_message_names_the_rule() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Contract("c", "a", ContractKind.HOURLY, date(2024, 1, 1), hourly_rate=_usd("-0.00"))
    assert caught.value.rule == "more than zero"
    assert "-0.00" in str(caught.value)  # a negative zero is shown as given
