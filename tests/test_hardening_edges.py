"""Hardening at the edges: absurd exponents, event round-trips by class, the ends of the calendar."""

from __future__ import annotations

import typing
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    InvalidDataError,
    Milestone,
    Money,
    UpworkSafetyError,
    escrow,
    hourly,
    jss,
    serialize,
)

UTC = timezone.utc
EAST = timezone(timedelta(hours=23, minutes=59))
WEST = timezone(-timedelta(hours=23, minutes=59))


@pytest.mark.parametrize("amount", ["1e999999", "1e1000000", "-1e999999999", "1e5000"])
def test_hostile_huge_exponent_amounts_refused_fast(amount):
    """An amount like "1e999999" is refused at once, naming the digit limit (not Overflow).

    Before the fix, "1e999999" built a million-digit integer for the message
    (96 s of CPU) and "1e1000000" leaked decimal.Overflow.
    """
    with pytest.raises(UpworkSafetyError) as as_text:
        Money(amount, "USD")
    assert ("Money.amount", "canonical decimal text") == (
        as_text.value.field,
        as_text.value.rule,
    )
    with pytest.raises(UpworkSafetyError) as as_decimal:
        Money(Decimal(amount), "USD")
    assert "Money.amount" == as_decimal.value.field
    assert as_decimal.value.rule in {"at most 18 integer digits", "at most 18 decimal places"}
    with pytest.raises(InvalidDataError, match=r"\$\.amount: "):
        serialize.from_dict(Money, {"amount": amount, "currency": "USD"})


@pytest.mark.parametrize("cls", typing.get_args(escrow.Event), ids=lambda c: c.__name__)
def test_property_event_class_round_trip(cls):
    """from_dict(cls, to_dict(event)) == event for every escrow event class (DESIGN.md)."""
    at = datetime(2025, 3, 3, 9, tzinfo=UTC)
    usd = Money("10.00", "USD")
    kwargs = {"at": at}
    if cls is not escrow.EndContract:
        kwargs["milestone_id"] = "m1"
    if cls is escrow.ResolveDispute:
        kwargs.update(to_freelancer=usd, to_client=usd)
    event = cls(**kwargs)
    assert event == serialize.from_dict(cls, serialize.to_dict(event))
    assert event == serialize.from_json(cls, serialize.to_json(event))


def test_hostile_event_with_the_wrong_tag_is_refused():
    """A Submit read as a Fund is refused with the path of the tag."""
    data = {"type": "Submit", "milestone_id": "m1", "at": "2025-03-03T09:00:00+00:00"}
    with pytest.raises(InvalidDataError, match=r"\$\.type: "):
        serialize.from_dict(escrow.Fund, data)


EDGES = [
    datetime.max.replace(tzinfo=UTC),
    datetime.max.replace(tzinfo=WEST),
    datetime.min.replace(tzinfo=EAST),
    datetime(9999, 12, 1, tzinfo=UTC),
]


@pytest.mark.parametrize("at", EDGES, ids=str)
def test_hostile_calendar_end_refused(at):
    """Moments at the very ends of the calendar are refused with the library's error."""
    with pytest.raises(UpworkSafetyError):
        escrow.Fund("m1", at)
    with pytest.raises(UpworkSafetyError):
        hourly.billing_week(at)
    with pytest.raises(UpworkSafetyError):
        jss.score([], as_of=at)


def test_hostile_last_supported_moment_works():
    """On the last supported day every escrow timer still fits in the calendar."""
    at = datetime(9990, 12, 31, 23, tzinfo=UTC)
    contract = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date.min,
        milestones=[Milestone("m1", "Logo", Money("10.00", "USD"))],
    )
    contract = escrow.apply(contract, escrow.Fund("m1", at))
    contract = escrow.apply(contract, escrow.Submit("m1", at))
    assert "review_ends" == escrow.deadlines(contract, at)[0].kind
    assert Money("10.00", "USD") == escrow.ledger(contract, at).in_review
    contract = escrow.apply(contract, escrow.EndContract(at))
    assert escrow.deadlines(contract, at)


def test_hostile_timeline_to_the_last_day():
    """A timeline ending on date.max, or with a step past it, is refused or answered, never overflows."""
    for start, end, step in (
        (date(9990, 12, 20), date(9990, 12, 31), timedelta(days=1)),
        (date.max, date.max, timedelta(days=1)),
        (date(2025, 1, 1), date(2025, 1, 2), timedelta(days=10**8)),
    ):
        try:
            points = jss.timeline([], start=start, end=end, step=step)
        except UpworkSafetyError:
            continue
        assert points[0].on == start


def test_hostile_forecast_jobs_past_the_calendar():
    """Future jobs that would run past the calendar are refused with the library's error."""
    for days in (10**7, 3660):
        with pytest.raises(UpworkSafetyError):
            jss.forecast(
                [],
                as_of=date(9990, 1, 1),
                jobs=[jss.FutureJob(Money(5, "USD"), days=days)] * 3,
                outcome_odds={jss.Outcome.POSITIVE: 1},
                trials=1,
                seed=1,
            )


def test_subclasses_cannot_vouch_for_themselves():
    """Regression (red team): an int, date or str subclass whose own methods lie passed the checks."""
    from upwork_safety import Contract, ContractKind, InvalidValueError, Milestone, Money

    class Small(int):
        __slots__ = ()

        def __lt__(self, other: object) -> bool:
            return True

        def __int__(self) -> int:
            return 5

    class Early(date):
        __slots__ = ()

        def __gt__(self, other: object) -> bool:
            return False

    class Plain(str):
        __slots__ = ()

        def isascii(self) -> bool:
            return True

    with pytest.raises(InvalidValueError) as info:
        Money(Small(10**40), "USD")
    assert "at most 18 integer digits" == info.value.rule
    assert Money(7, "USD") == Money(Small(7), "USD")  # its value, not what __int__ says

    class Before(date):
        __slots__ = ()

        def __lt__(self, other: object) -> bool:
            return False

    with pytest.raises(InvalidValueError) as info:
        Contract("c", "a", ContractKind.FIXED_PRICE, Early(9999, 12, 31))
    assert "Contract.started" == info.value.field
    with pytest.raises(InvalidValueError) as info:  # its own < said it was not before started
        Contract("c", "a", ContractKind.FIXED_PRICE, date(2025, 1, 10), ended=Before(2025, 1, 1))
    assert "Contract.ended" == info.value.field
    kept = Contract("c", "a", ContractKind.FIXED_PRICE, Before(2025, 1, 10))
    assert (date, date(2025, 1, 10)) == (type(kept.started), kept.started)
    with pytest.raises(InvalidValueError) as info:
        Milestone("m1", Plain("Logo \ud800"), Money(5, "USD"))
    assert ("Milestone.title", "valid Unicode text") == (info.value.field, info.value.rule)
