"""Escrow engine against the same lifecycle written with ``transitions``.

Each of 10,000 milestones goes through the fixed-price lifecycle: fund,
submit, request changes, resubmit, approve, then the security period runs
out and the money is available.  Both sides:

* validate the milestone amount (a Decimal, whole cents, at least the $5.00
  minimum) and every event time (timezone-aware, not before the contract
  started, never earlier than the previous event);
* refuse an event the state does not allow (``transitions`` does that with
  its state table; the guards below add the review-period deadline and the
  security period, as the escrow engine does);
* keep the full history (one record per event) and check that money is
  conserved (funded == in escrow + released + refunded) after every step;
* end with a ledger whose ``available`` bucket holds the whole amount.

Ours is :func:`upwork_safety.escrow.apply` (immutable contracts, every step
recorded in ``Contract.history``) and :func:`upwork_safety.escrow.ledger`
(which advances the clock and checks conservation in its constructor).
The baseline is the idiomatic ``transitions`` design: one ``Machine``, each
milestone added as a model while it is driven (and removed afterwards, since
``Machine.add_model`` is linear in the number of attached models), mutable
state and callbacks.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from transitions import Machine, MachineError

from upwork_safety import Contract, ContractKind, Milestone, MilestoneState, Money, escrow, rules

COUNT = 10_000
GROUP = "escrow-vs-transitions"
UTC = timezone.utc
RULES = rules.CURRENT
STARTED = date(2025, 3, 3)
T0 = datetime(2025, 3, 3, 9, tzinfo=UTC)
#: Event times: fund, submit, request changes, resubmit, approve, then the
#: moment the security period has run out.
TIMES = (
    T0,
    T0 + timedelta(days=3),
    T0 + timedelta(days=5),
    T0 + timedelta(days=8),
    T0 + timedelta(days=10),
    T0 + timedelta(days=10) + RULES.security_period,
)
CENT = Decimal("0.01")
MINIMUM = RULES.minimum_milestone.amount


def _amounts() -> list[Decimal]:
    rng = random.Random(2026)
    return [Decimal(rng.randrange(500, 500_000)) / 100 for _ in range(COUNT)]


# --------------------------------------------------------------------------- baseline


class LedgerError(ValueError):
    """The baseline's money did not add up."""


class BaselineMilestone:
    """One milestone driven by a ``transitions`` machine, with the same guards as ours."""

    def __init__(self, milestone_id: str, amount: Decimal, started: date) -> None:
        if not isinstance(amount, Decimal) or not amount.is_finite():
            raise TypeError("amount must be a finite Decimal")
        if amount < MINIMUM or amount.quantize(CENT) != amount:
            raise ValueError("amount must be whole cents and at least the minimum")
        self.id = milestone_id
        self.amount = amount
        self.started = started
        self.held = self.funded = self.released = self.refunded = Decimal(0)
        self.submitted_at: datetime | None = None
        self.paid_at: datetime | None = None
        self.history: list[tuple[str, datetime]] = []

    # Guards (conditions) --------------------------------------------------
    def in_time(self, at: datetime) -> bool:
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError("event times must be timezone-aware")
        if at.astimezone(UTC).date() < self.started:
            return False
        return not self.history or at >= self.history[-1][1]

    def review_running(self, at: datetime) -> bool:
        assert self.submitted_at is not None
        return at < self.submitted_at + RULES.review_period

    def security_over(self, at: datetime) -> bool:
        assert self.paid_at is not None
        return at >= self.paid_at + RULES.security_period

    # Effects --------------------------------------------------------------
    def on_fund(self, at: datetime) -> None:  # noqa: ARG002  (transitions passes the trigger's args)
        self.held = self.amount
        self.funded += self.amount

    def on_submit(self, at: datetime) -> None:
        self.submitted_at = at

    def on_request_changes(self, at: datetime) -> None:  # noqa: ARG002
        self.submitted_at = None

    def on_approve(self, at: datetime) -> None:
        self.released += self.held
        self.held = Decimal(0)
        self.submitted_at = None
        self.paid_at = at

    def record(self, at: datetime) -> None:
        self.history.append((self.state, at))  # type: ignore[attr-defined]

    def conserved(self, at: datetime) -> None:  # noqa: ARG002
        if self.funded != self.held + self.released + self.refunded:
            raise LedgerError(f"milestone {self.id}: money not conserved")

    def ledger(self, now: datetime) -> dict[str, Decimal]:
        pending = available = Decimal(0)
        if self.paid_at is not None:
            if now >= self.paid_at + RULES.security_period:
                available = self.released
            else:
                pending = self.released
        in_review = self.held if self.state == "submitted" else Decimal(0)  # type: ignore[attr-defined]
        buckets = {
            "work_in_progress": self.held - in_review,
            "in_review": in_review,
            "pending": pending,
            "available": available,
            "refunded": self.refunded,
        }
        if sum(buckets.values()) != self.funded:
            raise LedgerError(f"milestone {self.id}: ledger does not add up")
        return buckets


STATES = ["not_funded", "funded", "submitted", "changes_requested", "paid", "available"]
TRANSITIONS = [
    {"trigger": "fund", "source": "not_funded", "dest": "funded", "before": "on_fund"},
    {
        "trigger": "submit",
        "source": ["funded", "changes_requested"],
        "dest": "submitted",
        "before": "on_submit",
    },
    {
        "trigger": "request_changes",
        "source": "submitted",
        "dest": "changes_requested",
        "conditions": "review_running",
        "before": "on_request_changes",
    },
    {
        "trigger": "approve",
        "source": "submitted",
        "dest": "paid",
        "conditions": "review_running",
        "before": "on_approve",
    },
    {"trigger": "clear", "source": "paid", "dest": "available", "conditions": "security_over"},
]


def _machine() -> Machine:
    return Machine(
        model=None,
        states=STATES,
        transitions=TRANSITIONS,
        initial="not_funded",
        auto_transitions=False,
        prepare_event="in_time_or_refuse",
        after_state_change=["record", "conserved"],
    )


def _refuse_out_of_time(self: BaselineMilestone, at: datetime) -> None:
    if not self.in_time(at):
        raise MachineError(f"event at {at} is out of time order")


BaselineMilestone.in_time_or_refuse = _refuse_out_of_time  # type: ignore[attr-defined]


def baseline_lifecycle(amounts: list[Decimal]) -> list[BaselineMilestone]:
    machine = _machine()
    fund, submit, changes, resubmit, approve, cleared = TIMES
    out = []
    for index, amount in enumerate(amounts):
        m = BaselineMilestone(f"m{index}", amount, STARTED)
        machine.add_model(m)
        ok = (
            m.fund(fund)  # type: ignore[attr-defined]
            and m.submit(submit)  # type: ignore[attr-defined]
            and m.request_changes(changes)  # type: ignore[attr-defined]
            and m.submit(resubmit)  # type: ignore[attr-defined]
            and m.approve(approve)  # type: ignore[attr-defined]
            and m.clear(cleared)  # type: ignore[attr-defined]
        )
        if not ok:
            raise MachineError(f"milestone {m.id} refused a step")
        if m.ledger(cleared)["available"] != amount:
            raise LedgerError(f"milestone {m.id} is not available")
        # Detach it again: Machine.add_model checks membership in a list, so
        # keeping 10,000 models attached would make the baseline quadratic.
        machine.remove_model(m)
        out.append(m)
    return out


# --------------------------------------------------------------------------- ours


def our_lifecycle(amounts: list[Decimal]) -> list[tuple[Contract, escrow.Ledger]]:
    fund, submit, changes, resubmit, approve, cleared = TIMES
    out = []
    for index, amount in enumerate(amounts):
        money = Money(amount, "USD")
        contract = Contract(
            f"c{index}",
            "client",
            ContractKind.FIXED_PRICE,
            STARTED,
            milestones=(Milestone("m1", "Landing page", money),),
            service_fee_rate=Decimal("0.10"),
        )
        contract = escrow.apply(contract, escrow.Fund("m1", fund))
        contract = escrow.apply(contract, escrow.Submit("m1", submit))
        contract = escrow.apply(contract, escrow.RequestChanges("m1", changes))
        contract = escrow.apply(contract, escrow.Submit("m1", resubmit))
        contract = escrow.apply(contract, escrow.Approve("m1", approve))
        book = escrow.ledger(contract, cleared)
        if book.available != money:
            raise LedgerError(f"contract {contract.id} is not available")
        out.append((contract, book))
    return out


# --------------------------------------------------------------------------- benchmarks


@pytest.fixture(scope="module")
def amounts() -> list[Decimal]:
    return _amounts()


def test_ours(benchmark, amounts):
    benchmark.group = GROUP
    benchmark.extra_info["role"] = "ours"
    result = benchmark.pedantic(our_lifecycle, args=(amounts,), rounds=3, warmup_rounds=1)
    assert len(result) == COUNT
    contract, book = result[-1]
    assert len(contract.history) == 5
    assert MilestoneState.PAID is contract.milestones[0].state
    assert Money(amounts[-1], "USD") == book.available
    assert book.funded == book.available


def test_transitions(benchmark, amounts):
    benchmark.group = GROUP
    benchmark.extra_info["role"] = "baseline"
    result = benchmark.pedantic(baseline_lifecycle, args=(amounts,), rounds=3, warmup_rounds=1)
    assert len(result) == COUNT
    last = result[-1]
    assert len(last.history) == 6
    assert last.state == "available"
    assert amounts[-1] == last.released


def test_same_answers(amounts):
    """Both sides agree on every milestone's final money and the length of its history."""
    ours = our_lifecycle(amounts[:200])
    theirs = baseline_lifecycle(amounts[:200])
    assert [m.released for m in theirs] == [c.milestones[0].released.amount for c, _ in ours]
    assert [len(m.history) for m in theirs] == [6] * 200
    assert [len(c.history) for c, _ in ours] == [5] * 200
