"""Deterministic sample data for the benchmarks (no Hypothesis, a fixed seed)."""

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
    Payment,
)
from upwork_safety._events import Approve, Fund, Submit

UTC = timezone.utc


def contracts(count: int, *, seed: int = 2026) -> list[Contract]:
    """*count* realistic fixed-price contracts with milestones, payments, feedback, history."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        started = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 1000))
        ended = started + timedelta(days=rng.randrange(5, 200))
        amount = Money(Decimal(rng.randrange(500, 500_000)) / 100, "USD")
        at = datetime(started.year, started.month, started.day, 9, tzinfo=UTC)
        out.append(
            Contract(
                id=f"c{i}",
                client=Client(
                    f"client{rng.randrange(count // 3 + 1)}", "Acme", payment_verified=True
                ),
                kind=ContractKind.FIXED_PRICE,
                started=started,
                ended=ended,
                milestones=(Milestone("m1", "Landing page in Figma and HTML", amount),),
                payments=(Payment(ended, amount),),
                feedback=Feedback(
                    stars=Decimal(rng.choice(["5.0", "4.8", "4.2", "3.0", "1.5"])),
                    private_score=rng.randrange(0, 11),
                    end_reason=rng.choice(list(EndReason)),
                ),
                service_fee_rate=Decimal("0.10"),
                history=(
                    Fund("m1", at),
                    Submit("m1", at + timedelta(days=3)),
                    Approve("m1", at + timedelta(days=5)),
                ),
                title="Shopify store",
            )
        )
    return out
