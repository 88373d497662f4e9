"""Round 41 fixes of the testing helpers, the cookbook and hourly (newcomer 1, 2, 5, 8; review 4, 5; hostile 6).

Before: the cookbook's "Events that may arrive twice or late" handler raised a
bare ``ValueError`` or refused a valid delivery on most delivery orders;
``contract_histories()`` did not say that ``final`` may hold automatic steps
after the last event; ``submitted_contract`` re-keyed the minimum-milestone
refusal and named a field ``now`` it does not have; ``testing.strategies``
drew no fee schedule, withdrawal method or future job; an invoice's protected
and unprotected hours did not add up to its billable hours; and
``payout_schedule`` said two contracts' invoices for one week were one
invoice given twice.
"""

from __future__ import annotations

import inspect
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upwork_safety import escrow
from upwork_safety.testing import strategies as us

UTC = timezone.utc
ROOT = Path(__file__).resolve().parent.parent


# --- newcomer 1: the cookbook's recipe for events delivered twice or late -----------------


def cookbook_receive() -> Any:
    """The cookbook's ``receive``, exactly as docs/cookbook.md writes it (its imports and def)."""
    text = (ROOT / "docs" / "cookbook.md").read_text(encoding="utf-8")
    section = text[text.index("### Events that may arrive twice or late") :]
    lines = section.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(">>> def receive("))
    code = [lines[start][4:]]
    for line in lines[start + 1 :]:
        if not line.startswith("... "):
            break
        code.append(line[4:])
    imports = [line[4:] for line in lines[:start] if re.match(r">>> (from|import) ", line)]
    namespace: dict[str, Any] = {"escrow": escrow}
    exec("\n".join([*imports, *code]), namespace)  # noqa: S102 - the docs' own example
    return namespace["receive"]


@st.composite
def deliveries(
    draw: st.DrawFn,
) -> tuple[Any, tuple[escrow.ManualEvent, ...], Any, list[escrow.ManualEvent]]:
    """A drawn history, and its events delivered shuffled with some delivered again."""
    original, events, final = draw(us.contract_histories(max_events=8))
    delivered = list(draw(st.permutations(events)))
    if events:
        for again in draw(st.lists(st.sampled_from(events), max_size=4)):
            delivered.insert(draw(st.integers(0, len(delivered))), again)
    return original, events, final, delivered


@settings(max_examples=150)
@given(deliveries())
def test_the_cookbook_recipe_is_right_on_every_delivery_order(
    drawn: tuple[Any, tuple[escrow.ManualEvent, ...], Any, list[escrow.ManualEvent]],
) -> None:
    """Every event once, in time order, whatever order and however often it arrived."""
    original, events, final, delivered = drawn
    receive = cookbook_receive()
    received: list[escrow.ManualEvent] = []
    refused: list[escrow.ManualEvent] = []
    stored = original
    for event in delivered:
        stored = receive(original, stored, received, event, refused)
    assert stored == escrow.replay(original, events)
    assert escrow.advance(stored, final.recorded_until) == final
    assert (len(received), refused) == (len(events), [])


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def _offer(title: str, amount: str) -> Any:
    """The newcomer's one-milestone offer, started 2026-03-02."""
    from upwork_safety import Contract, ContractKind, Milestone, Money

    return Contract(
        "c-hook",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2026, 3, 2),
        milestones=[Milestone("m1", title, Money(amount, "USD"))],
    )


def test_the_newcomers_two_orders_give_the_right_contract() -> None:
    """The report's orders A and B: a ValueError and a TransitionError before."""
    from upwork_safety.escrow import Approve, Fund, RequestChanges, Submit

    offer = _offer("Landing page, 3 sections", "300.00")
    fund, submit = Fund("m1", utc(2026, 3, 2, 9)), Submit("m1", utc(2026, 3, 9, 15))
    changes, again = RequestChanges("m1", utc(2026, 3, 9, 20)), Submit("m1", utc(2026, 3, 10, 9))
    approve = Approve("m1", utc(2026, 3, 11, 9))
    receive = cookbook_receive()
    for delivered, expected in [
        ([submit, changes, fund], [fund, submit, changes]),
        ([fund, submit, again, approve, changes], [fund, submit, changes, again, approve]),
    ]:
        received: list[escrow.ManualEvent] = []
        stored = offer
        for event in delivered:
            stored = receive(offer, stored, received, event, [])
        assert stored == escrow.replay(offer, expected)


def test_a_kept_delivery_whose_moment_no_order_allows_is_set_aside_not_a_later_valid_one() -> None:
    """Diff review r41, 1: an arbitration fee paid during mediation waits (the dispute it needs
    has not arrived), then its moment is refused once the dispute arrives; the recipe sets that
    fee aside and applies the valid deliveries, where it removed the newest delivery and raised."""
    from upwork_safety.escrow import (
        AnswerDispute,
        ClientPaysArbitration,
        Fund,
        OpenDispute,
        RequestRefund,
    )

    offer = _offer("Landing page", "900.00")
    fee = ClientPaysArbitration("m1", utc(2026, 3, 7, 12))  # during mediation
    valid = [
        Fund("m1", utc(2026, 3, 2, 9)),
        RequestRefund("m1", utc(2026, 3, 4, 9)),
        OpenDispute("m1", utc(2026, 3, 5, 9)),
        AnswerDispute("m1", utc(2026, 3, 6, 9)),
    ]
    receive = cookbook_receive()
    received: list[escrow.ManualEvent] = []
    refused: list[escrow.ManualEvent] = []
    stored = offer
    for event in [valid[0], valid[1], fee, valid[2], valid[3]]:
        stored = receive(offer, stored, received, event, refused)
    assert refused == [fee]
    assert received == valid
    assert stored == escrow.replay(offer, valid)


# --- newcomer 2: what contract_histories' final is -------------------------------------------


@settings(max_examples=100)
@given(us.contract_histories())
def test_final_is_the_replay_advanced_to_its_recorded_until(
    history: tuple[Any, tuple[escrow.ManualEvent, ...], Any],
) -> None:
    """``final`` is the replay of the events advanced to ``final.recorded_until``."""
    original, events, final = history
    replayed = escrow.replay(original, events)
    assert escrow.advance(replayed, final.recorded_until) == final
    assert final.history[: len(replayed.history)] == replayed.history
    assert all(escrow.is_automatic(event) for event in final.history[len(replayed.history) :])


def test_final_is_described_exactly() -> None:
    """The docstring and testing.md's table both say what final is, with the equation."""
    equation = "escrow.advance(escrow.replay(original, events), final.recorded_until) == final"
    docstring = " ".join((inspect.getdoc(us.contract_histories) or "").split())
    assert equation in docstring.replace("`", "")
    table = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    assert f"`{equation}`" in table


# --- review 4 and hostile 6: submitted_contract's refusals ---------------------------------


def test_the_minimum_milestone_refusal_keeps_the_engines_rule() -> None:
    """The engine and the factory give one key for one rule; the advice is in the message."""
    from upwork_safety import InvalidValueError
    from upwork_safety.errors import TransitionError
    from upwork_safety.testing import factories

    at = datetime(2026, 3, 2, 9, tzinfo=UTC)
    with pytest.raises(TransitionError) as engine:
        escrow.apply(factories.contract(amount="4.00"), escrow.Fund("m1", at))
    with pytest.raises(InvalidValueError) as factory:
        factories.submitted_contract(amount="4.00")
    assert engine.value.rule == factory.value.rule == escrow.RefusalRule.MINIMUM_MILESTONE
    assert factory.value.field == "amount"
    assert "give amount at least the minimum" in str(factory.value)


@pytest.mark.parametrize(
    "arguments",
    [
        {"started": date(9990, 12, 25)},
        {"started": date(9990, 12, 30), "funded_at": datetime(9990, 12, 30, tzinfo=UTC)},
    ],
)
def test_a_default_at_past_the_last_day_names_at(arguments: dict[str, Any]) -> None:
    """The default at (7 days after funding) past 9990-12-31 is refused naming at, not now."""
    from upwork_safety import InvalidValueError
    from upwork_safety.testing import factories

    with pytest.raises(InvalidValueError) as info:
        factories.submitted_contract(**arguments)
    assert (info.value.field, info.value.rule) == ("at", "on or before 9990-12-31")
    assert "started=" in str(info.value)
    assert "funded_at=" in str(info.value)


def test_the_last_day_that_fits_the_default_at_still_works() -> None:
    from upwork_safety.testing import factories

    made = factories.submitted_contract(started=date(9990, 12, 24))
    assert made.history[-1].at == datetime(9990, 12, 31, 9, tzinfo=UTC)


# --- review 5: strategies for fee what-ifs -------------------------------------------------


def rebuilt(value: Any) -> Any:
    """*value* built again by its own constructor, from its fields."""
    return type(value)(**attrs.asdict(value, recurse=False))


@settings(max_examples=100)
@given(us.service_fee_schedules())
def test_service_fee_schedules_are_accepted_and_charge(schedule: Any) -> None:
    from upwork_safety import Money, fees

    assert rebuilt(schedule) == schedule
    fee = fees.service_fee(Money("100.00", "USD"), on=schedule.effective, rules=schedule)
    assert Money("0.00", "USD") <= fee <= Money("100.00", "USD")


@settings(max_examples=100)
@given(us.withdrawal_methods())
def test_withdrawal_methods_are_accepted(method: Any) -> None:
    from upwork_safety import rules

    assert rebuilt(method) == method
    assert method.key in {preset.key for preset in rules.PAKISTAN_METHODS}


@settings(max_examples=100)
@given(us.future_jobs())
def test_future_jobs_are_accepted(job: Any) -> None:
    assert rebuilt(job) == job
    assert job.finishes is None


def test_the_fee_strategies_draw_presets_and_what_ifs() -> None:
    from hypothesis import find
    from hypothesis.errors import NoSuchExample

    from upwork_safety import rules

    quick = settings(database=None, max_examples=2000)
    for strategy, presets in [
        (us.service_fee_schedules(), tuple(rules.SERVICE_FEE_HISTORY)),
        (us.withdrawal_methods(), rules.PAKISTAN_METHODS),
    ]:
        assert find(strategy, lambda value: value.name.startswith("what-if on"), settings=quick)
        assert find(strategy, lambda value, presets=presets: value in presets, settings=quick)
    for strategy in (us.service_fee_schedules(what_if=False), us.withdrawal_methods(what_if=False)):
        with pytest.raises(NoSuchExample):
            find(strategy, lambda value: value.name.startswith("what-if"), settings=quick)
    assert find(us.future_jobs(), lambda job: job.client_id is not None, settings=quick)
    from upwork_safety import InvalidValueError
    from upwork_safety.testing._fee_strategies import _LONGEST_JOB

    longest = find(us.future_jobs(), lambda job: job.days > _LONGEST_JOB // 2, settings=quick)

    assert attrs.evolve(longest, days=_LONGEST_JOB).days == _LONGEST_JOB
    with pytest.raises(InvalidValueError):
        attrs.evolve(longest, days=_LONGEST_JOB + 1)
    assert {"future_jobs", "service_fee_schedules", "withdrawal_methods"} <= set(us.__all__)


# --- newcomer 5: an invoice's hours add up ----------------------------------------------------


def test_the_newcomers_ten_minute_segments_add_up() -> None:
    """0.33 h billed, 0.17 h protected and 0.16 h not (was 0.17 h not)."""
    from decimal import Decimal

    from upwork_safety import Money, TimeEntry, hourly

    monday = datetime(2026, 3, 2, 9, tzinfo=UTC)
    ten = timedelta(minutes=10)
    entries = [
        TimeEntry(monday, monday + ten, memo="API work", activity=5),
        TimeEntry(monday + ten, monday + 2 * ten, manual=True, memo="call"),
    ]
    bill = hourly.invoice(
        entries, week=hourly.billing_week(monday), rate=Money("1.00", "USD"), client_verified=True
    )
    assert (bill.billable_hours, bill.protected_hours, bill.unprotected_hours) == (
        Decimal("0.33"),
        Decimal("0.17"),
        Decimal("0.16"),
    )
    summary = bill.summary()
    assert summary["protected_hours"] + summary["unprotected_hours"] == summary["billable_hours"]


@settings(max_examples=100)
@given(us.work_weeks())
def test_the_hours_of_any_invoice_add_up(drawn: Any) -> None:
    """The hours add up as the amounts do; each within half a hundredth and 0.01 of exact."""
    from decimal import Decimal

    from upwork_safety import Money, hourly

    week, entries, pauses = drawn
    bill = hourly.invoice(
        entries, week=week, rate=Money("7.00", "USD"), client_verified=True, pauses=pauses
    )
    assert bill.protected_hours + bill.unprotected_hours == bill.billable_hours
    assert bill.protected_amount + bill.unprotected_amount == bill.amount
    exact = Decimal(str(bill.unprotected_time / timedelta(hours=1)))
    assert abs(bill.unprotected_hours - exact) <= Decimal("0.01")
    assert bill.unprotected_hours >= 0


# --- newcomer 8: a payout schedule is one contract's -----------------------------------------


def test_two_contracts_invoices_of_one_week_say_a_schedule_is_one_contracts() -> None:
    from upwork_safety import InvalidValueError, hourly
    from upwork_safety.hourly import PayoutSchedule
    from upwork_safety.testing import factories

    design = factories.hourly_contract(contract_id="c-design", rate="20.00")
    backend = factories.hourly_contract(contract_id="c-backend", rate="35.00")
    bills = [
        hourly.invoice_for(job, week=hourly.weeks_of(job.time_entries)[0])
        for job in (design, backend)
    ]
    with pytest.raises(InvalidValueError) as info:
        hourly.payout_schedule(invoices=bills)
    assert (info.value.field, info.value.rule) == (
        "invoices[1]",
        "one invoice and one weekly payment per week",
    )
    assert "one schedule per contract" in str(info.value)
    assert "balances()" in str(info.value)
    plans = [hourly.payout_schedule(invoices=[bill]) for bill in bills]
    items = [*plans[0].items, *plans[1].items]
    with pytest.raises(InvalidValueError) as built:
        PayoutSchedule(currency="USD", items=items)
    assert built.value.rule == "one invoice and one weekly payment per week"
    assert "one schedule per contract" in str(built.value)
