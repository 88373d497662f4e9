"""Escrow engine against the same lifecycle written with ``transitions``, and the cost of one step.

Lifecycle.  Each of 10,000 milestones goes through the fixed-price lifecycle: fund,
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

Two runs of that lifecycle are compared:

* ``test_ours``/``test_transitions`` (pytest-benchmark, group
  ``escrow-vs-transitions``): one milestone per contract, ours step by step
  with :func:`~upwork_safety.escrow.apply` (a new, validated contract after
  every event);
* ``test_lifecycles`` (paired, interleaved repetitions, GC on and off): at 1
  and at 100 milestones per contract, ours both step by step (``apply``) and
  replaying the contract's events (:func:`~upwork_safety.escrow.replay`, one
  validated contract at the end), against ``transitions`` driving the same
  milestones (100 models on one machine per contract).

One step.  ``test_apply_is_flat`` times one ``apply`` on contracts with 10 to
10,000 events of history and 1 to 1,000 milestones (the others waiting
unfunded, or all paid), paired and interleaved, GC on and off, and prints the
cost at each size as a ratio of the cost at the smallest size.

Run ``python -m benchmarks.test_bench_escrow`` to print every table.
"""

from __future__ import annotations

import gc
import random
import statistics
import time
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from transitions import Machine, MachineError

from upwork_safety import Contract, ContractKind, Milestone, MilestoneState, Money, escrow, rules

if TYPE_CHECKING:
    from collections.abc import Callable

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


def baseline_contracts(amounts: list[Decimal], per_contract: int) -> list[list[BaselineMilestone]]:
    """The lifecycle of *per_contract* milestones per contract, one after another.

    One machine per contract with all its milestones attached, as a tool
    tracking one contract would keep them.
    """
    out = []
    for first in range(0, len(amounts), per_contract):
        machine = _machine()
        group = []
        for k, amount in enumerate(amounts[first : first + per_contract]):
            m = BaselineMilestone(f"m{k}", amount, STARTED)
            machine.add_model(m)
            group.append(m)
        for k, m in enumerate(group):
            fund, submit, changes, resubmit, approve, _cleared = _times(k)
            ok = (
                m.fund(fund)  # type: ignore[attr-defined]
                and m.submit(submit)  # type: ignore[attr-defined]
                and m.request_changes(changes)  # type: ignore[attr-defined]
                and m.submit(resubmit)  # type: ignore[attr-defined]
                and m.approve(approve)  # type: ignore[attr-defined]
            )
            if not ok:
                raise MachineError(f"milestone {m.id} refused a step")
        cleared = _times(len(group) - 1)[-1]
        for m in group:
            if not m.clear(cleared):  # type: ignore[attr-defined]
                raise MachineError(f"milestone {m.id} refused a step")
            if m.ledger(cleared)["available"] != m.amount:
                raise LedgerError(f"milestone {m.id} is not available")
        out.append(group)
    return out


# --------------------------------------------------------------------------- ours

#: Milestone k of a contract runs its lifecycle this much later than milestone k - 1.
SPACING = timedelta(days=11)


def _times(k: int) -> tuple[datetime, ...]:
    return tuple(t + k * SPACING for t in TIMES)


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


def _offer(index: int, amounts: list[Decimal]) -> Contract:
    return Contract(
        f"c{index}",
        "client",
        ContractKind.FIXED_PRICE,
        STARTED,
        milestones=tuple(
            Milestone(f"m{k}", "Landing page", Money(amount, "USD"))
            for k, amount in enumerate(amounts)
        ),
        service_fee_rate=Decimal("0.10"),
    )


def _events(count: int) -> list[escrow.ManualEvent]:
    events: list[escrow.ManualEvent] = []
    for k in range(count):
        mid = f"m{k}"
        fund, submit, changes, resubmit, approve, _cleared = _times(k)
        events += [
            escrow.Fund(mid, fund),
            escrow.Submit(mid, submit),
            escrow.RequestChanges(mid, changes),
            escrow.Submit(mid, resubmit),
            escrow.Approve(mid, approve),
        ]
    return events


def our_contracts(
    amounts: list[Decimal], per_contract: int, *, replay: bool
) -> list[tuple[Contract, escrow.Ledger]]:
    """Ours at *per_contract* milestones per contract: step by step, or one replay."""
    out = []
    for first in range(0, len(amounts), per_contract):
        group = amounts[first : first + per_contract]
        contract = _offer(first, group)
        events = _events(len(group))
        if replay:
            contract = escrow.replay(contract, events)
        else:
            for event in events:
                contract = escrow.apply(contract, event)
        book = escrow.ledger(contract, _times(len(group) - 1)[-1])
        if book.available != book.funded:
            raise LedgerError(f"contract {contract.id} is not available")
        out.append((contract, book))
    return out


# --------------------------------------------------------------------------- paired runs


def paired(
    cases: dict[str, Callable[[], object]], *, repeats: int, gc_on: bool
) -> dict[str, list[float]]:
    """Time every case once per repetition, interleaved (the order rotates), in seconds."""
    names = list(cases)
    times: dict[str, list[float]] = {name: [] for name in names}
    was_on = gc.isenabled()
    try:
        for rep in range(repeats):
            for name in names[rep % len(names) :] + names[: rep % len(names)]:
                gc.collect()
                if gc_on:
                    gc.enable()
                else:
                    gc.disable()
                start = time.perf_counter()
                cases[name]()
                times[name].append(time.perf_counter() - start)
                gc.enable()
    finally:
        if was_on:
            gc.enable()
        else:  # pragma: no cover
            gc.disable()
    return times


def _spread(values: list[float], fmt: str = ".3f") -> str:
    return f"{min(values):{fmt}} / {statistics.median(values):{fmt}} / {max(values):{fmt}}"


def pair_table(*, milestones: int = 2_000, repeats: int = 7) -> list[str]:
    """Markdown rows: the pytest-benchmark pair (``test_ours``/``test_transitions``), paired.

    Ours is :func:`our_lifecycle` (one contract per milestone, step by step
    with ``apply``, then ``ledger``); the baseline is :func:`baseline_lifecycle`
    (one shared machine).
    """
    amounts = _amounts()[:milestones]
    cases: dict[str, Callable[[], object]] = {
        "ours": lambda: our_lifecycle(amounts),
        "transitions": lambda: baseline_lifecycle(amounts),
    }
    lines = [
        (
            "| GC | ours µs per milestone (median) | transitions µs per milestone (median) "
            "| ratio ours / transitions (min / median / max) | speed-up (median) |"
        ),
        "|---|---|---|---|---|",
    ]
    for gc_on in (True, False):
        times = paired(cases, repeats=repeats, gc_on=gc_on)
        ratios = [o / b for o, b in zip(times["ours"], times["transitions"], strict=True)]
        median = statistics.median(ratios)
        lines.append(
            f"| {'on' if gc_on else 'off'} "
            f"| {statistics.median(times['ours']) / milestones * 1e6:.1f} "
            f"| {statistics.median(times['transitions']) / milestones * 1e6:.1f} "
            f"| {_spread(ratios)} | {1 / median:.1f}x |"
        )
    return lines


def lifecycle_table(*, milestones: int = 2_000, repeats: int = 7) -> list[str]:
    """Markdown rows: ours (apply, replay) / transitions at 1 and 100 milestones per contract."""
    amounts = _amounts()[:milestones]
    lines = [
        (
            "| milestones per contract | GC | ours | ours µs per milestone (median) "
            "| transitions µs per milestone (median) "
            "| ratio ours / transitions (min / median / max) "
            "| speed-up (median) |"
        ),
        "|---|---|---|---|---|---|---|",
    ]
    for per_contract in (1, 100):
        cases: dict[str, Callable[[], object]] = {
            "apply": lambda n=per_contract: our_contracts(amounts, n, replay=False),
            "replay": lambda n=per_contract: our_contracts(amounts, n, replay=True),
            "transitions": lambda n=per_contract: baseline_contracts(amounts, n),
        }
        for gc_on in (True, False):
            times = paired(cases, repeats=repeats, gc_on=gc_on)
            base = times["transitions"]
            for ours in ("apply", "replay"):
                ratios = [o / b for o, b in zip(times[ours], base, strict=True)]
                median = statistics.median(ratios)
                lines.append(
                    f"| {per_contract} | {'on' if gc_on else 'off'} | `{ours}` "
                    f"| {statistics.median(times[ours]) / milestones * 1e6:.1f} "
                    f"| {statistics.median(base) / milestones * 1e6:.1f} "
                    f"| {_spread(ratios)} | {1 / median:.1f}x |"
                )
    return lines


# --------------------------------------------------------------------------- one step

HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)


def history_contract(length: int) -> Contract:
    """One milestone with *length* events of history, in review at the end."""
    contract = _offer(0, [Decimal("500.00")])
    events: list[escrow.ManualEvent] = [escrow.Fund("m0", T0)]
    at = T0
    while len(events) < length:
        at += MINUTE
        if isinstance(events[-1], escrow.Submit):
            events.append(escrow.RequestChanges("m0", at))
        else:
            events.append(escrow.Submit("m0", at))
    if not isinstance(events[-1], escrow.Submit):
        events[-1] = escrow.Submit("m0", at)
    return escrow.replay(contract, events)


def milestones_contract(count: int, *, paid: bool) -> Contract:
    """*count* milestones, the last one in review; the others all paid, or all waiting unfunded."""
    contract = _offer(0, [Decimal("50.00")] * count)
    events: list[escrow.ManualEvent] = []
    at = T0
    active = f"m{count - 1}" if paid else "m0"
    if paid:
        for k in range(count - 1):
            events += [escrow.Fund(f"m{k}", at), escrow.Approve(f"m{k}", at + MINUTE)]
            at += HOUR
    events += [escrow.Fund(active, at), escrow.Submit(active, at + MINUTE)]
    return escrow.replay(contract, events)


def _step(contract: Contract, number: int) -> Callable[[], object]:
    """*number* applies of one RequestChanges to *contract* (pure: same input every time)."""
    last = contract.history[-1]
    event = escrow.RequestChanges(last.milestone_id, last.at + MINUTE)  # type: ignore[union-attr]
    apply = escrow.apply

    def run() -> object:
        for _ in range(number):
            result = apply(contract, event)
        return result

    return run


def curve_table(*, repeats: int = 7, number: int = 300) -> list[str]:
    """Markdown rows: one apply at each size, as µs and as a ratio of the smallest size."""
    curves = {
        "history length (events)": {n: history_contract(n) for n in (10, 100, 1_000, 10_000)},
        "milestones, others waiting": {
            n: milestones_contract(n, paid=False) for n in (1, 10, 100, 1_000)
        },
        "milestones, others paid": {
            n: milestones_contract(n, paid=True) for n in (1, 10, 100, 1_000)
        },
    }
    lines = [
        (
            "| curve | size | GC | µs per apply (median) | ratio to the smallest size "
            "(min / median / max) |"
        ),
        "|---|---|---|---|---|",
    ]
    for label, contracts in curves.items():
        cases = {str(n): _step(c, number) for n, c in contracts.items()}
        smallest = next(iter(cases))
        for gc_on in (True, False):
            times = paired(cases, repeats=repeats, gc_on=gc_on)
            for name, values in times.items():
                ratios = [v / s for v, s in zip(values, times[smallest], strict=True)]
                lines.append(
                    f"| {label} | {name} | {'on' if gc_on else 'off'} "
                    f"| {statistics.median(values) / number * 1e6:.1f} | {_spread(ratios, '.2f')} |"
                )
    return lines


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


def test_same_answers_at_100_per_contract(amounts):
    """Step by step, replayed, with transitions: the same money, 100 milestones per contract."""
    stepped = our_contracts(amounts[:200], 100, replay=False)
    replayed = our_contracts(amounts[:200], 100, replay=True)
    theirs = baseline_contracts(amounts[:200], 100)
    assert [c for c, _ in stepped] == [c for c, _ in replayed]
    assert [[m.released.amount for m in c.milestones] for c, _ in stepped] == [
        [m.released for m in group] for group in theirs
    ]
    assert [len(c.history) for c, _ in stepped] == [500, 500]


def test_step_contracts_have_their_shape():
    """The curve's contracts have the history length and milestone count they claim."""
    assert [len(history_contract(n).history) for n in (10, 1_000)] == [10, 1_000]
    paid = milestones_contract(10, paid=True)
    assert [m.state for m in paid.milestones] == [MilestoneState.PAID] * 9 + [
        MilestoneState.SUBMITTED
    ]
    waiting = milestones_contract(10, paid=False)
    assert [m.state for m in waiting.milestones] == [MilestoneState.SUBMITTED] + [
        MilestoneState.NOT_FUNDED
    ] * 9


def test_lifecycles():
    """Prints the paired lifecycle tables (run with -s); the figures go in benchmarks/README.md."""
    for line in pair_table(milestones=400, repeats=5):
        print(line)
    for line in lifecycle_table(milestones=400, repeats=5):
        print(line)


def test_apply_is_flat():
    """Prints the cost of one apply at each size (run with -s)."""
    for line in curve_table(repeats=5, number=50):
        print(line)


if __name__ == "__main__":
    print("\n".join(pair_table()))
    print()
    print("\n".join(lifecycle_table()))
    print()
    print("\n".join(curve_table()))
