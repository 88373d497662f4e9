"""Small factories: valid values in one call, with every field overridable.

For example-based tests where a Hypothesis strategy is more than you need::

    >>> from datetime import datetime, timezone
    >>> from upwork_safety.testing import factories
    >>> contract = factories.contract(amount="250")
    >>> contract.milestones[0].amount
    Money(amount=Decimal('250'), currency='USD')
    >>> submitted = factories.submitted_contract(at=datetime(2026, 3, 9, 15, tzinfo=timezone.utc))
    >>> submitted.milestones[0].state.name
    'SUBMITTED'
    >>> len(factories.history(4))
    4

Every factory takes keyword overrides for the fields it fills in, and the
defaults are fixed (no randomness, no clock), so a test that uses them reads
the same every run.  They need nothing beyond the library itself.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import attrs

from upwork_safety import escrow
from upwork_safety.models import (
    Client,
    Contract,
    ContractKind,
    EndReason,
    Feedback,
    Milestone,
    Payment,
)
from upwork_safety.money import Money

__all__ = ["contract", "finished_contract", "history", "milestone", "submitted_contract"]

UTC = timezone.utc
#: The start date every factory uses unless told otherwise.
START = date(2026, 3, 2)


def milestone(
    *,
    milestone_id: str = "m1",
    title: str = "Landing page: 3 pages in HTML/CSS, 2 revisions",
    amount: Money | str = "500",
    **overrides: Any,  # noqa: ANN401  (any Milestone field)
) -> Milestone:
    """An unfunded USD milestone (``amount`` may be a string of dollars)."""
    money = amount if isinstance(amount, Money) else Money(amount, "USD")
    return attrs.evolve(Milestone(milestone_id, title, money), **overrides)


def contract(
    *,
    contract_id: str = "c1",
    client: Client | str = "acme",
    started: date = START,
    amount: Money | str = "500",
    service_fee_rate: Decimal | str | None = "0.10",
    **overrides: Any,  # noqa: ANN401  (any Contract field)
) -> Contract:
    """An open fixed-price contract with one unfunded milestone of *amount*."""
    made = Contract(
        contract_id,
        client,
        ContractKind.FIXED_PRICE,
        started,
        milestones=(milestone(amount=amount),),
        service_fee_rate=service_fee_rate,
    )
    return attrs.evolve(made, **overrides) if overrides else made


def submitted_contract(
    *,
    at: datetime | None = None,
    funded_at: datetime | None = None,
    **overrides: Any,  # noqa: ANN401  (passed to contract())
) -> Contract:
    """A :func:`contract` whose milestone was funded and then submitted at *at*.

    Args:
        at: When the work was submitted (default 7 days after funding).
        funded_at: When the client funded it (default 09:00 UTC on the start date).
        overrides: Passed to :func:`contract`.
    """
    made = contract(**overrides)
    start = made.started
    funded_at = funded_at or datetime(start.year, start.month, start.day, 9, tzinfo=UTC)
    at = at or funded_at + timedelta(days=7)
    made = escrow.apply(made, escrow.Fund("m1", funded_at))
    return escrow.apply(made, escrow.Submit("m1", at))


def finished_contract(
    *,
    contract_id: str = "c1",
    client: str = "acme",
    started: date = START,
    days: int = 30,
    earned: Money | str = "500",
    stars: Decimal | str | None = "5.0",
    private_score: int | None = 10,
    end_reason: EndReason | None = EndReason.COMPLETED,
) -> Contract:
    """An ended contract with one payment and feedback: a JSS history entry."""
    ended = started + timedelta(days=days)
    money = earned if isinstance(earned, Money) else Money(earned, "USD")
    feedback = (
        None
        if stars is None and private_score is None and end_reason is None
        else Feedback(stars=stars, private_score=private_score, end_reason=end_reason)
    )
    return Contract(
        contract_id,
        client,
        ContractKind.FIXED_PRICE,
        started,
        ended=ended,
        payments=(Payment(ended, money),),
        feedback=feedback,
        service_fee_rate=Decimal("0.10"),
    )


def history(count: int, *, clients: int = 3, start: date = date(2025, 1, 6)) -> list[Contract]:
    """*count* good, ended contracts with *clients* different clients, a month apart."""
    return [
        finished_contract(
            contract_id=f"c{i + 1}",
            client=f"client{i % clients + 1}",
            started=start + timedelta(days=30 * i),
            days=20,
        )
        for i in range(count)
    ]
