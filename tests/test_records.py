"""Tests for upwork_safety._records: a contract stores plain records, never a subclass.

Red team r18 M2 and M3: a ``Payment``, ``Milestone``, ``Feedback`` or
``TimeEntry`` subclass was kept inside a contract, and an escrow-event
subclass inside its history (which ``escrow.apply`` refused), so a contract
did not equal itself after a round trip through ``serialize``, one with an
event subclass could not be serialised at all (a bare ``KeyError``), and a
subclass whose properties answered differently later changed a contract
that was checked when it was built.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    Feedback,
    Milestone,
    MilestoneState,
    Money,
    Payment,
    TransitionError,
    escrow,
    serialize,
)
from upwork_safety._records import plain_record
from upwork_safety._validate import sequence_of
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.escrow import AutoApprove, EndContract, Fund, Submit
from upwork_safety.models import Escrow, TimeEntry

UTC = timezone.utc
START = date(2024, 1, 1)
T0 = datetime(2024, 1, 2, tzinfo=UTC)


class MyPayment(Payment):
    pass


class MyMilestone(Milestone):
    pass


class MyFeedback(Feedback):
    pass


class MyEntry(TimeEntry):
    pass


class MyClient(Client):
    pass


class MyEscrow(Escrow):
    pass


class MyFund(Fund):
    pass


class MySubmit(Submit):
    pass


class MyEnd(EndContract):
    pass


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def hourly(**fields: Any) -> Contract:
    return Contract("c1", "acme", ContractKind.HOURLY, START, hourly_rate=usd("10.00"), **fields)


def fixed(**fields: Any) -> Contract:
    fields.setdefault("milestones", [Milestone("m1", "Logo", usd("50.00"))])
    fields.setdefault("client", "acme")
    return Contract("c1", kind=ContractKind.FIXED_PRICE, started=START, **fields)


def funded() -> tuple[Milestone, ...]:
    return escrow.apply(fixed(), Fund("m1", T0)).milestones


#: Each record a contract holds, given as an empty subclass: (what, the contract, reader, plain).
CASES = [
    (
        "payments",
        lambda: hourly(payments=[MyPayment(date(2024, 1, 2), usd("10.00"))]),
        lambda c: c.payments[0],
        Payment,
    ),
    (
        "milestones",
        lambda: fixed(milestones=[MyMilestone("m1", "Logo", usd("50.00"))]),
        lambda c: c.milestones[0],
        Milestone,
    ),
    (
        "escrow",
        lambda: fixed(
            milestones=[
                Milestone("m1", "Logo", usd("50.00"), escrow=MyEscrow.unfunded("USD")),
            ]
        ),
        lambda c: c.milestones[0].escrow,
        Escrow,
    ),
    (
        "feedback",
        lambda: fixed(ended=START, feedback=MyFeedback(stars="5.0", private_score=9)),
        lambda c: c.feedback,
        Feedback,
    ),
    (
        "time_entries",
        lambda: hourly(time_entries=[MyEntry(T0, T0 + timedelta(hours=1), memo="logo")]),
        lambda c: c.time_entries[0],
        TimeEntry,
    ),
    ("client", lambda: fixed(client=MyClient("acme")), lambda c: c.client, Client),
    (
        "history",
        lambda: fixed(milestones=funded(), history=[MyFund("m1", T0)]),
        lambda c: c.history[0],
        Fund,
    ),
]


@pytest.mark.parametrize(("what", "build", "read", "plain"), CASES, ids=[c[0] for c in CASES])
def test_an_empty_subclass_is_stored_as_the_plain_record(what, build, read, plain):
    """Regression (red team r18 M2, M3): each record is stored as its plain class, and the
    contract equals itself after a round trip through serialize (dict and JSON)."""
    contract = build()
    assert plain is type(read(contract)), what
    assert contract == serialize.from_dict(Contract, serialize.to_dict(contract)), what
    assert contract == serialize.from_json(Contract, serialize.to_json(contract)), what


def test_a_payment_whose_amount_changes_later_cannot_give_a_contract_two_currencies():
    """Regression (red team r18 M3): a subclass whose amount turned EUR after the contract was
    built left it holding USD and EUR payments, and its earnings raised."""
    base_amount = Payment.__dict__["amount"]

    class Sly(Payment):
        lie = False

        @property  # type: ignore[override]
        def amount(self) -> Money:
            held = base_amount.__get__(self)
            return Money("999.00", "EUR") if type(self).lie else held

        @amount.setter
        def amount(self, value: Money) -> None:
            base_amount.__set__(self, value)

    contract = hourly(
        payments=[Sly(date(2024, 1, 2), usd("10.00")), Payment(date(2024, 1, 3), usd("5.00"))]
    )
    Sly.lie = True
    assert [usd("10.00"), usd("5.00")] == [payment.amount for payment in contract.payments]
    assert usd("15.00") == contract.earnings


def _shifty_fund() -> type[Fund]:
    """A Fund subclass whose ``at`` moves 30 days later once its class says so."""
    base_at = Fund.__dict__["at"]

    class Shifty(Fund):
        late = False

        @property  # type: ignore[override]
        def at(self) -> datetime:
            held = base_at.__get__(self)
            return held + timedelta(days=30) if type(self).late else held

        @at.setter
        def at(self, value: datetime) -> None:
            base_at.__set__(self, value)

    return Shifty


def test_an_event_whose_moment_moves_later_cannot_put_a_history_out_of_order():
    """Regression (red team r18 M2): a Fund subclass whose ``at`` moved after the contract was
    built showed the funding a month after the submission."""
    shifty = _shifty_fund()
    contract = fixed(milestones=funded(), history=[shifty("m1", T0)])
    submitted = escrow.apply(contract, Submit("m1", T0 + timedelta(days=1)))
    shifty.late = True  # type: ignore[attr-defined]
    assert [T0, T0 + timedelta(days=1)] == [event.at for event in submitted.history]
    assert [Fund, Submit] == [type(event) for event in submitted.history]


def test_a_history_of_event_subclasses_serialises():
    """Regression (red team r18 M2): to_dict and to_json raised a bare KeyError from cattrs."""
    contract = fixed(milestones=funded(), history=[MyFund("m1", T0)])
    assert {"type": "Fund", "milestone_id": "m1", "at": "2024-01-02T00:00:00+00:00"} == (
        serialize.to_dict(contract)["history"][0]
    )
    assert contract == serialize.from_json(Contract, serialize.to_json(contract))


def test_apply_and_replay_record_an_event_subclass_as_the_plain_event():
    """apply, replay and a contract's history share one rule: an event subclass is the plain
    event it holds (apply refused it, the history kept it)."""
    applied = escrow.apply(fixed(), MyFund("m1", T0))
    replayed = escrow.replay(fixed(), [MyFund("m1", T0), MySubmit("m1", T0, "v1")])
    assert (Fund("m1", T0),) == applied.history
    assert Fund is type(applied.history[0])
    assert [Fund, Submit] == [type(event) for event in replayed.history]
    assert replayed == escrow.replay(fixed(), [Fund("m1", T0), Submit("m1", T0, "v1")])
    ended = escrow.apply(fixed(), MyEnd(T0))
    assert (EndContract, date(2024, 1, 2)) == (type(ended.history[0]), ended.ended)


def test_apply_still_refuses_what_is_not_a_manual_event():
    """A subclass of an automatic event is still automatic; anything else is not an event."""

    class MyAuto(AutoApprove):
        pass

    with pytest.raises(TransitionError) as automatic:
        escrow.apply(fixed(), MyAuto("m1", T0))
    assert ("event", "a manual event") == (automatic.value.field, automatic.value.rule)
    with pytest.raises(InvalidTypeError) as other:
        escrow.apply(fixed(), Milestone("m1", "Logo", usd("50.00")))  # type: ignore[arg-type]
    assert ("event", "an escrow event") == (other.value.field, other.value.rule)


def test_a_history_refuses_what_is_not_an_event_naming_its_place():
    """Anything but an escrow event (or a subclass of one) is refused with its index."""
    with pytest.raises(InvalidTypeError) as info:
        fixed(milestones=funded(), history=[Fund("m1", T0), "Submit"])
    assert ("Contract.history[1]", "an escrow event") == (info.value.field, info.value.rule)


def test_a_subclass_made_without_the_constructor_is_refused_naming_the_field():
    """A subclass whose record fields were never set is refused, not an AttributeError."""

    class Hollow(Payment):
        def __init__(self) -> None:  # never calls Payment's constructor
            pass

    with pytest.raises(InvalidTypeError) as info:
        hourly(payments=[Payment(date(2024, 1, 2), usd("1.00")), Hollow()])
    assert ("Contract.payments[1]", "a Payment") == (info.value.field, info.value.rule)


def test_a_subclass_is_rebuilt_through_the_constructor_so_its_checks_run():
    """The plain record goes through its constructor: a subclass holding what the record's own
    checks refuse (a release with no milestone) is refused naming the record's field."""
    base_kind = Payment.__dict__["kind"]

    class Forged(Payment):
        pass

    forged = Forged(date(2024, 1, 2), usd("1.00"))
    base_kind.__set__(forged, "release")  # as a subclass's own code could
    with pytest.raises(InvalidValueError) as info:
        plain_record(forged, Payment, "payments[0]")
    assert ("Payment.milestone_id", "required for a release") == (
        info.value.field,
        info.value.rule,
    )


def test_plain_record_leaves_plain_values_and_others_as_they_are():
    """The plain class and what is not a subclass are returned as they are, the same object."""
    payment = Payment(date(2024, 1, 2), usd("1.00"))
    assert payment is plain_record(payment, Payment, "p")
    assert "x" == plain_record("x", Payment, "p")  # type: ignore[arg-type]
    items = (payment, payment)
    assert items is sequence_of(items, Payment, "payments")


def test_milestone_states_survive_the_rebuild():
    """A subclass of a funded milestone is rebuilt with its escrow: state and money are kept."""
    milestone = funded()[0]
    sub = MyMilestone(milestone.id, milestone.title, milestone.amount, escrow=milestone.escrow)
    contract = fixed(milestones=[sub], history=[Fund("m1", T0)])
    assert (Milestone, MilestoneState.FUNDED, usd("50.00")) == (
        type(contract.milestones[0]),
        contract.milestones[0].state,
        contract.milestones[0].held,
    )
