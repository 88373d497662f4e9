"""The factories and strategies name the argument the caller passed (review r37, review 3 and 4).

Before, ``submitted_contract(ended=...)`` raised ``TransitionError`` naming
``event``, and ``contract(client="")`` named ``Client.id``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from upwork_safety import (
    InvalidValueError,
    Milestone,
    Money,
    Payment,
    escrow,
)
from upwork_safety.errors import InvalidTypeError, UpworkSafetyError
from upwork_safety.testing import factories
from upwork_safety.testing import strategies as us

UTC = timezone.utc


# --- 3 and 4: the factories name the argument the caller passed ---------------------------

FUNDED = datetime(2026, 3, 2, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"ended": date(2026, 3, 5)}, "ended"),
        ({"payments": [Payment(on=date(2026, 4, 20), amount=Money("10.00", "USD"))]}, "payments"),
        (
            {
                "milestones": [
                    Milestone("m0", "A", Money("15.00", "USD")),
                    Milestone("m1", "B", Money("15.00", "USD")),
                ]
            },
            "milestones",
        ),
        ({"milestones": [Milestone("x", "A", Money("15.00", "USD"))]}, "milestones"),
    ],
)
def test_submitted_contract_names_the_override_the_engine_refuses(arguments, field):
    """Before: TransitionError or InvalidValueError naming ``event``, ``event.at``..."""
    with pytest.raises(InvalidValueError) as caught:
        factories.submitted_contract(**arguments)
    assert field == caught.value.field
    assert caught.value.rule


def test_an_ended_contract_keeps_the_engines_rule():
    # Funded (2 March) before the end day (5 March): the engine reads the end as recorded,
    # not beyond the funding (review r41, 3).
    with pytest.raises(InvalidValueError) as caught:
        factories.submitted_contract(ended=date(2026, 3, 5))
    assert ("ended", "not before the recorded end") == (caught.value.field, caught.value.rule)
    assert "Contract.ended" in str(caught.value)
    # Funded on or after the end day: refused as an ended contract.
    with pytest.raises(InvalidValueError) as caught:
        factories.submitted_contract(ended=date(2026, 3, 2))
    assert ("ended", escrow.RefusalRule.CONTRACT_OPEN) == (
        caught.value.field,
        caught.value.rule,
    )
    assert "the contract ended on 2026-03-02" in str(caught.value)


def test_the_engine_decides_which_refusal_comes_first():
    """A funding earlier than a recorded payment is refused before any later check.

    The factory's own copies of the minimum and of dormancy ran first and
    named ``amount`` or ``at``, a reason the engine, which refuses the
    funding's moment first, would not have given (review r37, review 4).
    """
    later = [Payment(on=date(2026, 4, 20), amount=Money("10.00", "USD"))]
    for extra in ({"at": FUNDED + timedelta(days=200)}, {"amount": "4.00"}):
        with pytest.raises(InvalidValueError) as caught:
            factories.submitted_contract(payments=later, **extra)
        assert ("payments", "not before any recorded payment") == (
            caught.value.field,
            caught.value.rule,
        )


def test_dormancy_closing_comes_from_the_engine():
    """The closing the message shows is the engine's ``DormancyRefundRequest``."""
    course = escrow.rules_in_force(FUNDED).dormancy_course
    closing = FUNDED + course
    funded = escrow.apply(factories.contract(), escrow.Fund("m1", FUNDED))
    (step,) = [
        e
        for e in escrow.advance(funded, closing).history
        if isinstance(e, escrow.DormancyRefundRequest)
    ]
    assert closing == step.at
    with pytest.raises(InvalidValueError) as caught:
        factories.submitted_contract(at=closing)
    assert ("at", "before dormancy closes the contract") == (
        caught.value.field,
        caught.value.rule,
    )
    assert "closes it at 2026-06-07 09:00:00 UTC" in str(caught.value)


@pytest.mark.parametrize(
    ("build", "field", "error"),
    [
        (lambda: factories.contract(client=""), "client", InvalidValueError),
        (lambda: factories.contract(client=5), "client", InvalidTypeError),
        (lambda: factories.contract(contract_id=""), "contract_id", InvalidValueError),
        (lambda: factories.contract(amount="0"), "amount", InvalidValueError),
        (lambda: factories.contract(service_fee_rate="2"), "service_fee_rate", InvalidValueError),
        (lambda: factories.contract(title=5), "title", InvalidTypeError),
        (
            lambda: factories.contract(milestones=[factories.milestone(), "m2"]),
            "milestones[1]",
            InvalidTypeError,
        ),
        (lambda: factories.milestone(title=""), "title", InvalidValueError),
        (lambda: factories.milestone(milestone_id=""), "milestone_id", InvalidValueError),
        (lambda: factories.milestone(amount="-1"), "amount", InvalidValueError),
        (lambda: factories.hourly_contract(client=""), "client", InvalidValueError),
        (lambda: factories.finished_contract(stars="6"), "stars", InvalidValueError),
        (lambda: factories.finished_contract(private_score=11), "private_score", InvalidValueError),
        (lambda: factories.finished_contract(end_reason="x"), "end_reason", InvalidValueError),
        (lambda: factories.finished_contract(earned="-1"), "earned", InvalidValueError),
        (lambda: factories.finished_contract(client=""), "client", InvalidValueError),
        (lambda: factories.submitted_contract(client=""), "client", InvalidValueError),
        (lambda: us.contract_histories(client=""), "client", InvalidValueError),
    ],
)
def test_factories_and_strategies_name_the_argument_as_passed(build, field, error):
    with pytest.raises(UpworkSafetyError) as caught:
        build()
    assert (error, field) == (type(caught.value), caught.value.field)
    assert str(caught.value).startswith(field)
