"""Every error path of the escrow engine: its class and the attributes it carries.

``TransitionError`` carries ``milestone_id``, ``state``, ``event``, ``field``
and ``rule``; the value errors carry ``field`` and ``rule``.  Callers (the CLI,
other tools) decide on these attributes, never on the message, so each is
pinned here.  A mutation run on ``escrow`` (2026-12-02) found these paths
reached by the other tests but their attributes unpinned.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import attrs
import pytest

from upwork_safety import Contract, ContractKind, Milestone, Money, Payment, escrow
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    TransitionError,
)
from upwork_safety.escrow import (
    Approve,
    AutoApprove,
    EndContract,
    Fund,
    OpenDispute,
    Refund,
    ResolveDispute,
    Submit,
)
from upwork_safety.models import PaymentKind

UTC = timezone.utc
T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def offer(*amounts: str, currency: str = "USD") -> Contract:
    return Contract(
        "c1", "acme", ContractKind.FIXED_PRICE, date(2026, 3, 2),
        milestones=[Milestone(f"m{i + 1}", f"Page {i + 1}: Home", Money(a, currency)) for i, a in enumerate(amounts)],
    )  # fmt: skip


def funded() -> Contract:
    return escrow.apply(offer("300.00"), Fund("m1", T0))


def submitted() -> Contract:
    return escrow.apply(funded(), Submit("m1", T0 + timedelta(days=1)))


def disputed() -> Contract:
    return escrow.apply(funded(), OpenDispute("m1", T0 + timedelta(days=1)))


LATER = T0 + timedelta(days=2)

#: (name, call, class, attributes expected on the error)
TRANSITIONS = [
    (
        "out of time order",
        lambda: escrow.apply(submitted(), Approve("m1", T0)),
        {"milestone_id": "m1", "state": "SUBMITTED", "event": "Approve", "field": "event.at", "rule": "in time order",
         "allowed": ("RequestChanges", "Approve", "RequestRefund", "Refund", "EndContract")},
    ),
    (
        "before the start",
        lambda: escrow.apply(offer("300.00"), Fund("m1", datetime(2026, 3, 1, tzinfo=UTC))),
        {"milestone_id": "m1", "state": "NOT_FUNDED", "event": "Fund", "field": "event.at", "rule": "not before Contract.started",
         "allowed": ("Fund", "EndContract")},
    ),
    (
        "ended contract",
        lambda: escrow.apply(escrow.apply(offer("300.00"), EndContract(T0)), EndContract(LATER)),
        {"milestone_id": None, "state": "ended", "event": "EndContract", "field": "event", "rule": "the contract is open"},
    ),
    (
        "state refuses the event",
        lambda: escrow.apply(funded(), Fund("m1", LATER)),
        {"milestone_id": "m1", "state": "FUNDED", "event": "Fund", "field": "event"},
    ),
    (
        "automatic event applied by hand",
        lambda: escrow.apply(submitted(), AutoApprove("m1", LATER)),
        {"milestone_id": "m1", "state": "automatic", "event": "AutoApprove", "field": "event", "rule": "a manual event"},
    ),
    (
        "replayed automatic step not due",
        lambda: escrow.replay(submitted(), [AutoApprove("m1", LATER)]),
        {"milestone_id": "m1", "state": "SUBMITTED", "event": "AutoApprove", "field": "events[0]", "rule": "the automatic step due"},
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "expected"), [row[1:] for row in TRANSITIONS], ids=[row[0] for row in TRANSITIONS]
)
def test_transition_errors_carry_what_was_refused(call, expected):
    """Each refused event names its milestone, the state it found, the event, field and rule."""
    with pytest.raises(TransitionError) as info:
        call()
    assert expected == {name: getattr(info.value, name) for name in expected}
    assert 20 < len(str(info.value)) < 600


def test_a_refusal_lists_what_is_allowed_and_why():
    """The state's refusal gives its reason as the rule and the events allowed instead."""
    with pytest.raises(TransitionError) as info:
        escrow.apply(funded(), Fund("m1", LATER))
    assert info.value.rule
    assert "Submit" in info.value.allowed
    assert "Fund" not in info.value.allowed


#: (name, call, class, field, rule)
VALUES = [
    ("hourly contract", lambda: escrow.apply(Contract("h", "acme", ContractKind.HOURLY, date(2026, 3, 2)), Fund("m1", T0)), InvalidValueError, "contract", "a fixed-price contract"),
    ("not an event", lambda: escrow.apply(offer("300.00"), "fund"), InvalidTypeError, "event", "an escrow event"),
    ("now before the history", lambda: escrow.ledger(submitted(), T0), InvalidValueError, "now", "not before the last event"),
    ("approve more than the escrow", lambda: escrow.apply(submitted(), Approve("m1", LATER, amount=usd("300.01"))), InvalidValueError, "event.amount", "at most the escrow"),
    ("approve nothing", lambda: escrow.apply(submitted(), Approve("m1", LATER, amount=usd("0"))), InvalidValueError, "Approve.amount", "more than zero"),
    ("approve another currency", lambda: escrow.apply(submitted(), Approve("m1", LATER, amount=Money("10", "PKR"))), CurrencyMismatchError, "event.amount", "the milestone's currency"),
    ("bonus another currency", lambda: escrow.apply(submitted(), Approve("m1", LATER, bonus=Money("10", "PKR"))), CurrencyMismatchError, "event.bonus", "the milestone's currency"),
    ("refund more than the escrow", lambda: escrow.apply(funded(), Refund("m1", LATER, amount=usd("300.01"))), InvalidValueError, "event.amount", "at most the escrow"),
    ("refund more than was paid", lambda: escrow.apply(escrow.apply(submitted(), Approve("m1", LATER)), Refund("m1", LATER, amount=usd("300.01"))), InvalidValueError, "event.amount", "at most the refundable payments"),
    ("dispute split in another currency", lambda: escrow.apply(disputed(), ResolveDispute("m1", LATER, Money("100", "PKR"), Money("200", "PKR"))), CurrencyMismatchError, "event.to_freelancer", "the milestone's currency"),
    ("dispute split in sub-cents", lambda: escrow.apply(disputed(), ResolveDispute("m1", LATER, usd("100.001"), usd("199.999"))), InvalidValueError, "ResolveDispute.to_freelancer", "whole minor units"),
    ("dispute split that does not add up", lambda: escrow.apply(disputed(), ResolveDispute("m1", LATER, usd("100"), usd("100"))), InvalidValueError, "event.to_client", "the split adds up to the disputed escrow"),
    ("not a manual event name", lambda: escrow.allowed(submitted(), "m1", now=LATER).reason("AutoApprove"), InvalidValueError, "name", "a manual escrow event"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "kind", "field", "rule"), [row[1:] for row in VALUES], ids=[row[0] for row in VALUES]
)
def test_value_errors_name_their_field_and_rule(call, kind, field, rule):
    """Each refused value names its field and rule, with a short message."""
    with pytest.raises(kind) as info:
        call()
    assert (field, rule) == (info.value.field, info.value.rule)
    assert 20 < len(str(info.value)) < 600


def test_a_contract_refuses_unmatched_releases():
    """Releases that do not add up to what the escrow released, or pay no milestone, are named.

    Before, the contract was built and only ledger() refused it, while the
    fees and the JSS counted the stray payment as earnings.
    """

    def unfunded_with(payment: Payment) -> Contract:
        return Contract(
            "c1",
            "acme",
            ContractKind.FIXED_PRICE,
            date(2026, 3, 2),
            milestones=[Milestone("m1", "Page 1: Home", usd("300"))],
            payments=[payment],
        )

    stray = Payment(T0.date(), usd("50"), at=T0, milestone_id="m1", kind=PaymentKind.RELEASE)
    with pytest.raises(InvalidValueError) as info:
        unfunded_with(stray)
    assert (
        "Contract.milestones[0].escrow.released",
        "release payments add up to each milestone's released escrow",
    ) == (info.value.field, info.value.rule)
    with pytest.raises(InvalidValueError) as info:
        unfunded_with(attrs.evolve(stray, milestone_id="zzz"))
    assert ("Contract.payments[0]", "a release pays one of the contract's milestones") == (
        info.value.field,
        info.value.rule,
    )
    with pytest.raises(InvalidValueError) as info:
        Contract("h1", "acme", ContractKind.HOURLY, date(2026, 3, 2), payments=[stray])
    assert "Contract.payments[0]" == info.value.field


def test_other_payments_are_left_out_of_the_ledger_and_bonuses_clear_like_releases():
    """An OTHER payment is not escrow money; a bonus is pending, then available after 5 days."""
    other = Payment(T0.date(), usd("7"), kind=PaymentKind.OTHER)
    bonus = Payment(T0.date(), usd("20"), at=T0, kind=PaymentKind.BONUS)
    contract = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2026, 3, 2),
        milestones=[Milestone("m1", "Page 1: Home", usd("300"))],
        payments=[other, bonus],
    )
    early = escrow.ledger(contract, T0 + timedelta(days=5) - timedelta(seconds=1))
    late = escrow.ledger(contract, T0 + timedelta(days=5))
    assert (usd("20"), usd("0")) == (early.bonus_pending, early.bonus_available)
    assert (usd("0"), usd("20")) == (late.bonus_pending, late.bonus_available)


def test_a_replay_names_the_event_at_fault_by_its_position():
    """Regression (error sweep, r10): every refusal in a replay said ``field="event"``, so
    the caller could not tell which of its events was refused; ``apply`` names
    ``event``, ``replay`` names ``events[i]`` (and its ``.at`` or ``.milestone_id``)."""
    from datetime import date, datetime, timezone

    from upwork_safety import Contract, ContractKind, Milestone, Money, escrow
    from upwork_safety.errors import InvalidValueError, TransitionError

    at = datetime(2026, 3, 2, tzinfo=timezone.utc)
    contract = Contract(
        "c",
        "client",
        ContractKind.FIXED_PRICE,
        date(2026, 3, 1),
        milestones=(Milestone("m1", "Logo: 3 concepts", Money("50.00", "USD")),),
    )
    cases = [
        (
            [escrow.Fund("m1", at), escrow.Submit("m1", at), escrow.Fund("m1", at)],
            TransitionError,
            "events[2]",
        ),
        ([escrow.Fund("m9", at)], InvalidValueError, "events[0].milestone_id"),
        (
            [escrow.Fund("m1", at), escrow.Submit("m1", at.replace(day=1))],
            TransitionError,
            "events[1].at",
        ),
    ]
    for events, error, field in cases:
        with pytest.raises(error) as info:
            escrow.replay(contract, events)
        assert field == info.value.field
    with pytest.raises(TransitionError) as applied:
        escrow.apply(escrow.apply(contract, escrow.Fund("m1", at)), escrow.Fund("m1", at))
    assert "event" == applied.value.field


# ---------------------------------------------------------------------------
# Moments recorded outside the history (a contract built by hand): red team r14
# F1 and F5. A release paid on 20 June counted as pending on 10 June and was
# refunded before it was paid; a dispute was opened three months before the
# refund request it answers, and work approved before it was submitted.

PAID_AT = datetime(2026, 6, 20, 12, tzinfo=UTC)


def _paid_by_hand(*, at: datetime | None = PAID_AT) -> Contract:
    """m1 PAID, its USD 100.00 release recorded at *at* (or on its day only), no history."""
    from upwork_safety.models import Escrow, MilestoneState

    return Contract(
        "c1", "acme", ContractKind.FIXED_PRICE, date(2026, 6, 1),
        milestones=[Milestone("m1", "Logo: 3 concepts", usd("100.00"), escrow=Escrow(
            MilestoneState.PAID, usd("100.00"), released=usd("100.00")))],
        payments=[Payment((at or PAID_AT).date(), usd("100.00"), at=at, milestone_id="m1",
                          kind=PaymentKind.RELEASE)],
    )  # fmt: skip


def _by_hand(state: str, field: str) -> Contract:
    """m1 in *state* since 2026-04-01 (escrow.*field*), recorded without a history."""
    from upwork_safety.models import Escrow, MilestoneState

    books = Escrow(MilestoneState[state], usd("100.00"), held=usd("100.00"),
                   **{field: datetime(2026, 4, 1, tzinfo=UTC)})  # fmt: skip
    return Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2026, 1, 1),
        milestones=[Milestone("m1", "Logo: 3 concepts", usd("100.00"), escrow=books)],
    )


@pytest.mark.parametrize("call", ["ledger", "deadlines", "advance", "allowed"])
def test_now_before_a_recorded_payment_is_refused(call):
    """Money paid on 20 June is not pending on 10 June: the contract is read up to now."""
    contract = _paid_by_hand()
    early = datetime(2026, 6, 10, tzinfo=UTC)
    calls = {
        "ledger": lambda now: escrow.ledger(contract, now),
        "deadlines": lambda now: escrow.deadlines(contract, now),
        "advance": lambda now: escrow.advance(contract, now),
        "allowed": lambda now: escrow.allowed(contract, "m1", now=now),
    }
    with pytest.raises(InvalidValueError) as info:
        calls[call](early)
    assert ("now", "not before any recorded payment") == (info.value.field, info.value.rule)
    assert "Contract.payments[0]" in str(info.value)
    calls[call](PAID_AT)  # at the payment itself, it is read


def test_a_payment_known_by_its_day_is_read_from_the_start_of_that_day():
    """Without ``at`` (a bonus), a payment dated 20 June counts from 00:00 UTC that day."""
    bonus = Payment(PAID_AT.date(), usd("50.00"), kind=PaymentKind.BONUS)
    paid = _paid_by_hand(at=PAID_AT - timedelta(days=10))
    contract = attrs.evolve(paid, payments=[*paid.payments, bonus])
    day = datetime(2026, 6, 20, tzinfo=UTC)
    assert usd("100.00") == escrow.ledger(contract, day).available
    with pytest.raises(InvalidValueError) as info:
        escrow.ledger(contract, day - timedelta(microseconds=1))
    assert "not before any recorded payment" == info.value.rule


def test_refund_before_the_payment_it_returns_is_refused():
    """Refund on 10 June of a release paid on 20 June: out of time order, nothing deleted."""
    contract = _paid_by_hand()
    with pytest.raises(TransitionError) as info:
        escrow.apply(contract, Refund("m1", datetime(2026, 6, 10, tzinfo=UTC)))
    assert ("event.at", "not before any recorded payment", "Refund") == (
        info.value.field,
        info.value.rule,
        info.value.event,
    )
    with pytest.raises(TransitionError) as info:
        escrow.replay(contract, [Refund("m1", datetime(2026, 6, 10, tzinfo=UTC))])
    assert "events[0].at" == info.value.field
    refunded = escrow.apply(contract, Refund("m1", PAID_AT + timedelta(days=1)))
    assert (usd("100.00"), ()) == (refunded.milestone("m1").escrow.refunded, refunded.payments)


@pytest.mark.parametrize(
    ("state", "field", "event"),
    [
        ("REFUND_REQUESTED", "refund_requested_at", OpenDispute),
        ("SUBMITTED", "submitted_at", Approve),
    ],
)
def test_an_event_before_a_recorded_escrow_moment_is_refused(state, field, event):
    """A dispute three months before the refund request it answers; an approval of work
    three months before it was submitted. ``allowed()`` judges at that moment, not before."""
    contract = _by_hand(state, field)
    with pytest.raises(TransitionError) as info:
        escrow.apply(contract, event("m1", datetime(2026, 1, 2, tzinfo=UTC)))
    assert ("event.at", "not before any recorded escrow moment") == (
        info.value.field,
        info.value.rule,
    )
    # The moment is named (since r22 only when refused, as before): field and milestone.
    assert f"earlier than escrow.{field} of milestone 'm1' (" in str(info.value)
    recorded = datetime(2026, 4, 1, tzinfo=UTC)
    assert escrow.allowed(contract, "m1").allowed == (
        escrow.allowed(contract, "m1", now=recorded).allowed
    )
    assert event.__name__ in escrow.allowed(contract, "m1").allowed
    escrow.apply(contract, event("m1", recorded + timedelta(hours=1)))


def test_allowed_without_now_takes_the_steps_due_by_the_last_recorded_moment():
    """Review r14 #1: judged at a payment four months in, a clock had already run out (then
    dormancy's, counted from the start date), yet allowed() listed what apply() at that
    moment refused.  Dormancy now counts from the payment (red team r17 M1), so the clock
    here is the review's: the work submitted in January was auto-approved long before."""
    from upwork_safety.models import Escrow, MilestoneState

    moment = datetime(2020, 6, 1, 12, tzinfo=UTC)
    paid = Milestone(
        "m0",
        "Logo",
        usd("50.00"),
        escrow=Escrow(MilestoneState.PAID, usd("50.00"), released=usd("50.00")),
    )
    in_review = Escrow(
        MilestoneState.SUBMITTED,
        usd("100.00"),
        held=usd("100.00"),
        submitted_at=datetime(2020, 1, 2, tzinfo=UTC),
    )
    submitted = Milestone("m1", "Landing page", usd("100.00"), escrow=in_review)
    contract = Contract(
        "c1", "acme", ContractKind.FIXED_PRICE, date(2020, 1, 1), milestones=(paid, submitted),
        payments=(Payment(moment.date(), usd("50.00"), at=moment, milestone_id="m0",
                          kind=PaymentKind.RELEASE),),
    )  # fmt: skip
    assert moment == contract.recorded_until
    bare = escrow.allowed(contract, "m1")
    assert (bare.state, bare.allowed) == (
        escrow.allowed(contract, "m1", now=moment).state,
        escrow.allowed(contract, "m1", now=moment).allowed,
    )
    assert MilestoneState.PAID is bare.state
    assert "Approve" not in bare.allowed


#: The hourly route the refusal of an hourly contract names (red team r20 L1), as
#: (module, public name): each must exist, so the message never points to nothing.
HOURLY_ROUTE = (
    ("hourly", "weeks_of"),
    ("hourly", "invoice_for"),
    ("hourly", "payout_schedule"),
    ("hourly", "PayoutCalendar"),
    ("hourly", "billing_week"),
    ("checks", "review_contract"),
)


@pytest.mark.parametrize(
    "call",
    [
        lambda c: escrow.deadlines(c, T0),
        lambda c: escrow.ledger(c, T0),
        lambda c: escrow.advance(c, T0),
        lambda c: escrow.apply(c, Fund("m1", T0)),
    ],
    ids=["deadlines", "ledger", "advance", "apply"],
)
def test_an_hourly_contract_is_refused_naming_the_hourly_route(call):
    """Regression r20 L1: the refusal left a newcomer at a dead end; it now names the route."""
    import upwork_safety

    job = Contract("h", "acme", ContractKind.HOURLY, date(2026, 3, 2), hourly_rate=usd("20.00"))
    with pytest.raises(InvalidValueError) as info:
        call(job)
    assert ("contract", "a fixed-price contract") == (info.value.field, info.value.rule)
    for module, name in HOURLY_ROUTE:
        assert hasattr(getattr(upwork_safety, module), name)
        assert name in str(info.value)
    assert "upwork_safety.hourly" in str(info.value)


@pytest.mark.parametrize(
    ("make", "field", "rule", "names"),
    [
        (
            lambda: escrow.apply(funded(), Approve("m1", LATER, amount=usd("300.01"))),
            "event.amount",
            "at most the escrow",
            "in escrow for milestone 'm1'; pay more as a bonus (Approve.bonus)",
        ),
        (
            lambda: escrow.apply(funded(), Refund("m1", LATER, amount=usd("300.01"))),
            "event.amount",
            "at most the escrow",
            "in escrow for milestone 'm1'",
        ),
        (
            lambda: escrow.apply(
                escrow.apply(submitted(), Approve("m1", LATER)),
                Refund("m1", LATER, amount=usd("300.01")),
            ),
            "event.amount",
            "at most the refundable payments",
            "paid for milestone 'm1' within the refund window",
        ),
    ],
    ids=["approve", "refund escrow", "refund paid"],
)
def test_an_amount_over_its_limit_names_the_milestone(make, field, rule, names):
    """r22 speed: the milestone's id is shown only when an amount is refused, still in place."""
    with pytest.raises(InvalidValueError) as info:
        make()
    assert (info.value.field, info.value.rule) == (field, rule)
    assert names in str(info.value)
