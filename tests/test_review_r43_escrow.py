"""Review round 43, escrow: amount rules and the escrow engine's refusals.

Review 1: one rule ("more than zero") for every amount of zero or less on a
field that must be worth something. Newcomer 2: the time-order refusal
says which automatic steps fell in between, what to do, and carries both
moments. Newcomer 4: ``EndContract`` on an hourly contract says how to
record its end.
"""

from __future__ import annotations

import copy
import json
import pickle
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

import attrs
import pytest

from upwork_safety import Contract, ContractKind, Milestone, Money, Payment, escrow
from upwork_safety._escrow_amounts import MORE_THAN_ZERO
from upwork_safety.errors import InvalidValueError, TransitionError
from upwork_safety.escrow._reasons import automatic_clause

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


# --- newcomer 2: the time-order refusal says what fell in between, and what to do ---------


def _released_then_funded() -> Contract:
    """m1 submitted on 2 Mar, released automatically on 16 Mar; m2 funded on 20 Mar."""
    offer = Contract(
        "c-late",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2026, 3, 2),
        milestones=[Milestone("m1", "Page", _usd("300.00")), Milestone("m2", "Copy", _usd("100"))],
    )
    return escrow.replay(
        offer,
        [
            escrow.Fund("m1", datetime(2026, 3, 2, 9, tzinfo=UTC)),
            escrow.Submit("m1", datetime(2026, 3, 2, 15, tzinfo=UTC)),
            escrow.Fund("m2", datetime(2026, 3, 20, 9, tzinfo=UTC)),
        ],
    )


def test_a_late_event_is_told_the_automatic_release_it_missed_and_how_to_record_it() -> None:
    contract = _released_then_funded()
    (release,) = [e for e in contract.history if isinstance(e, escrow.AutoApprove)]
    late = datetime(2026, 3, 10, 13, tzinfo=timezone(timedelta(hours=5)))
    with pytest.raises(TransitionError) as caught:
        escrow.apply(contract, escrow.RequestChanges("m1", late))
    error = caught.value
    assert (error.field, error.rule, error.milestone_id) == ("event.at", "in time order", "m1")
    # Both moments, as UTC datetimes an app can show in its own zone.
    assert error.at == late
    assert error.at.tzinfo is UTC
    assert error.recorded_at == contract.history[-1].at == datetime(2026, 3, 20, 9, tzinfo=UTC)
    assert (error.to_dict()["at"], error.to_dict()["recorded_at"]) == (
        "2026-03-10T08:00:00+00:00",
        "2026-03-20T09:00:00+00:00",
    )
    json.dumps(error.to_dict())
    text = str(error)
    # The automatic step, worded as the refusal by state words it (one source).
    assert f" Its escrow {automatic_clause(release)}." in _state_refusal(contract)
    assert automatic_clause(release) in text
    assert "AutoApprove" in text
    assert "escrow.replay(escrow.as_offered(contract), events)" in text  # what to do


def _state_refusal(contract: Contract) -> str:
    with pytest.raises(TransitionError) as caught:
        escrow.apply(contract, escrow.RequestChanges("m1", datetime(2026, 3, 21, tzinfo=UTC)))
    return str(caught.value)


def test_only_the_steps_between_the_two_moments_of_its_milestone_are_named() -> None:
    contract = _released_then_funded()
    after_release = datetime(2026, 3, 17, tzinfo=UTC)
    with pytest.raises(TransitionError) as caught:
        escrow.apply(contract, escrow.Refund("m1", after_release))
    assert "AutoApprove" not in str(caught.value)  # the release came before it
    assert "escrow.as_offered" in str(caught.value)
    assert caught.value.at == after_release
    with pytest.raises(TransitionError) as other:
        escrow.apply(contract, escrow.Submit("m2", datetime(2026, 3, 10, tzinfo=UTC)))
    assert "AutoApprove" not in str(other.value)  # m1's release is not m2's
    with pytest.raises(TransitionError) as ending:
        escrow.apply(contract, escrow.EndContract(datetime(2026, 3, 10, tzinfo=UTC)))
    assert "AutoApprove" in str(ending.value)  # an ending meets every milestone's steps
    assert ending.value.milestone_id is None


def test_a_moment_before_the_start_carries_it_and_no_recorded_moment() -> None:
    contract = _released_then_funded()
    early = datetime(2026, 3, 1, tzinfo=UTC)
    with pytest.raises(TransitionError) as caught:
        escrow.apply(escrow.as_offered(contract), escrow.Fund("m1", early))
    assert (caught.value.rule, caught.value.at, caught.value.recorded_at) == (
        escrow.RefusalRule.STARTED,
        early,
        None,
    )


def test_a_transition_error_keeps_its_moments_through_pickle_and_copy() -> None:
    error = TransitionError("no", at=AT, recorded_at=AT + timedelta(days=1))
    for again in (pickle.loads(pickle.dumps(error)), copy.copy(error)):
        assert (again.at, again.recorded_at) == (AT, AT + timedelta(days=1))
    assert TransitionError("no").to_dict()["at"] is None


# --- newcomer 4: ending an hourly contract ----------------------------------------------


def test_end_contract_on_an_hourly_contract_says_how_to_record_its_end() -> None:
    hourly = Contract(
        "c-h", "acme", ContractKind.HOURLY, date(2026, 3, 2), hourly_rate=_usd("20.00")
    )
    with pytest.raises(InvalidValueError) as caught:
        escrow.apply(hourly, escrow.EndContract(datetime(2026, 3, 9, tzinfo=UTC)))
    assert (caught.value.field, caught.value.rule) == ("contract", "a fixed-price contract")
    assert "attrs.evolve(contract, ended=day)" in str(caught.value)
    assert "Contract.ended" in str(caught.value)
    # What it says works, and replay (diff review r43 6) and another event say the same.
    assert attrs.evolve(hourly, ended=date(2026, 3, 9)).ended == date(2026, 3, 9)
    end = escrow.EndContract(datetime(2026, 3, 9, tzinfo=UTC))
    for call in (
        lambda: escrow.replay(hourly, [end]),
        lambda: escrow.apply(hourly, escrow.Fund("m1", datetime(2026, 3, 9, tzinfo=UTC))),
    ):
        with pytest.raises(InvalidValueError) as other:
            call()
        assert other.value.rule == "a fixed-price contract"
        assert str(other.value) == str(caught.value)
