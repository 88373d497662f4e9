"""Deterministic sample data for the benchmarks (no Hypothesis, a fixed seed).

Every contract is driven through the escrow engine, so its milestones,
payments and history agree the way real data would: the milestone is paid,
its ``releases`` record the payout, and the history holds the manual events
(fund, submit, maybe a round of changes, approve with or without a bonus).
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    EndReason,
    Feedback,
    Milestone,
    Money,
    escrow,
)

UTC = timezone.utc
#: Public stars and how often they occur: most clients are happy, a few are not.
STARS = ("5.0", "4.8", "4.2", "3.0", "1.5")
STAR_WEIGHTS = (60, 20, 10, 6, 4)
PRIVATE = tuple(range(11))
PRIVATE_WEIGHTS = (3, 1, 1, 1, 1, 2, 2, 4, 10, 25, 50)
REASONS = tuple(EndReason)
REASON_WEIGHTS = tuple(85 if r is EndReason.COMPLETED else 3 for r in REASONS)


def _milestone_contract(rng: random.Random, index: int, count: int) -> Contract:
    started = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 1000))
    amount = Money(Decimal(rng.randrange(500, 500_000)) / 100, "USD")
    at = datetime(started.year, started.month, started.day, 9, tzinfo=UTC)
    contract = Contract(
        id=f"c{index}",
        client=Client(f"client{rng.randrange(count // 3 + 1)}", "Acme", payment_verified=True),
        kind=ContractKind.FIXED_PRICE,
        started=started,
        milestones=(Milestone("m1", "Landing page in Figma and HTML", amount),),
        service_fee_rate=Decimal("0.10"),
        title="Shopify store",
    )
    steps: list[escrow.ManualEvent] = [
        escrow.Fund("m1", at),
        escrow.Submit("m1", at + timedelta(days=3), note="first draft"),
    ]
    if rng.random() < 0.3:
        steps += [
            escrow.RequestChanges("m1", at + timedelta(days=4), note="bigger logo"),
            escrow.Submit("m1", at + timedelta(days=6)),
        ]
    bonus = Money("25.00", "USD") if rng.random() < 0.2 else None
    steps.append(escrow.Approve("m1", at + timedelta(days=8), bonus=bonus))
    for event in steps:
        contract = escrow.apply(contract, event)
    ended = started + timedelta(days=rng.randrange(8, 200))
    return Contract(
        id=contract.id,
        client=contract.client,
        kind=contract.kind,
        started=contract.started,
        ended=ended,
        milestones=contract.milestones,
        payments=contract.payments,
        feedback=Feedback(
            stars=Decimal(rng.choices(STARS, STAR_WEIGHTS)[0]),
            private_score=rng.choices(PRIVATE, PRIVATE_WEIGHTS)[0],
            end_reason=rng.choices(REASONS, REASON_WEIGHTS)[0],
        ),
        service_fee_rate=contract.service_fee_rate,
        history=contract.history,
        title=contract.title,
    )


def contracts(count: int, *, seed: int = 2026) -> list[Contract]:
    """*count* realistic fixed-price contracts: a paid milestone, payments, feedback, history."""
    rng = random.Random(seed)
    return [_milestone_contract(rng, i, count) for i in range(count)]
