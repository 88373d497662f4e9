"""The testing helpers' round-34 fixes: the submitted-contract factory's errors, the drawn payments.

Review r34, newcomer 4: ``factories.submitted_contract(at=...)`` earlier
than its default funding blamed an internal ``Fund`` (``field='event.at'``)
and suggested ``attrs.evolve``; it now names its own arguments.  Newcomer 1
and 5: what ``us.fixed_price_contracts()`` draws as payments, and what
shrinking gives, is pinned here as docs/testing.md states it.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from hypothesis import find, settings

from _sampling import drawn
from upwork_safety import MilestoneState, Money, escrow
from upwork_safety.errors import InvalidValueError
from upwork_safety.models import PaymentKind
from upwork_safety.testing import factories
from upwork_safety.testing import strategies as us

UTC = timezone.utc
ROOT = Path(__file__).resolve().parent.parent


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("arguments", "field", "named"),
    [
        # Before the default funding, 09:00 UTC on the default start (2026-03-02).
        ({"at": at(2026, 3, 2, 8)}, "at", ["started=date(2026, 3, 1)", "funded_at="]),
        ({"at": at(2025, 3, 2, 10)}, "at", ["started=date(2025, 3, 2)", "funded_at="]),
        # Before a funding given.
        ({"funded_at": at(2026, 3, 5), "at": at(2026, 3, 4)}, "at", ["funded_at="]),
        # A funding before the start.
        ({"funded_at": at(2024, 1, 2), "at": at(2024, 1, 5)}, "funded_at", ["started="]),
    ],
)
def test_submitted_contract_names_its_own_arguments(arguments, field, named):
    """The error is the factory's: ``field`` its argument, the fix its ``started=``/``funded_at=``."""
    with pytest.raises(InvalidValueError) as caught:
        factories.submitted_contract(**arguments)
    assert type(caught.value) is InvalidValueError
    assert field == caught.value.field
    message = str(caught.value)
    assert "attrs.evolve" not in message
    for name in named:
        assert name in message


def test_submitted_contract_takes_the_arguments_its_errors_suggest():
    """Each suggestion works: an earlier start, or a funding at or before the submission."""
    early = at(2026, 3, 2, 8)
    for made in (
        factories.submitted_contract(started=date(2026, 3, 1), at=early),
        factories.submitted_contract(funded_at=early, at=early),
        factories.submitted_contract(
            started=date(2024, 1, 1), funded_at=at(2024, 1, 2), at=at(2024, 1, 5)
        ),
    ):
        assert MilestoneState.SUBMITTED is made.milestones[0].escrow.state
    assert early == factories.submitted_contract(funded_at=early, at=early).history[-1].at


def test_drawn_fixed_price_payments_are_recorded_by_hand():
    """docs/testing.md: kind ``other``, unrelated to the milestones, which escrow never paid."""
    contracts = drawn(us.fixed_price_contracts(), 300)
    payments = [payment for contract in contracts for payment in contract.payments]
    assert payments
    assert {PaymentKind.OTHER} == {payment.kind for payment in payments}
    assert {None} == {payment.at for payment in payments}
    assert all(not contract.history for contract in contracts)
    paid = [contract for contract in contracts if contract.payments]
    bare = [contract for contract in contracts if not contract.milestones]
    over = [
        contract
        for contract in paid
        if contract.milestones
        and Money.total((p.amount for p in contract.payments), "USD")
        > Money.total((m.amount for m in contract.milestones), "USD")
    ]
    # "about three in five are paid, half have no milestone (a quarter of all are
    # paid all the same), and a quarter are paid more than all their milestones"
    assert 150 <= len(paid) <= 210
    assert 120 <= len(bare) <= 180
    assert 50 <= sum(bool(contract.payments) for contract in bare) <= 100
    assert 50 <= len(over) <= 100
    one = paid[0]
    now = max(at(p.on.year, p.on.month, p.on.day) for p in one.payments)
    assert Money("0", "USD") == escrow.ledger(one, now).paid


@pytest.mark.slow
def test_shrinking_gives_what_the_docs_say():
    """No milestone and no payment; a payment shrinks to USD 0.00, a milestone to $5."""
    quiet = settings(database=None, max_examples=300, derandomize=True)
    simplest = find(us.contracts(), lambda contract: True, settings=quiet)
    assert () == simplest.milestones
    assert () == simplest.payments
    assert date(2015, 1, 1) == simplest.started
    paid = find(us.fixed_price_contracts(), lambda contract: contract.payments, settings=quiet)
    assert [Money("0.00", "USD")] == [payment.amount for payment in paid.payments]
    funded = find(us.fixed_price_contracts(), lambda c: c.milestones, settings=quiet)
    assert [Money("5.00", "USD")] == [m.amount for m in funded.milestones]


def test_the_docs_no_longer_promise_one_milestone_and_a_few_dollars():
    """docs/testing.md says what shrinking gives (newcomer r34, 5)."""
    text = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    assert "(one milestone,\na few dollars" not in text
    assert "paid USD 0.00" in text
    assert "us.contract_histories()" in text
