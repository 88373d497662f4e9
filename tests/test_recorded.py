"""A contract's escrow and payments must agree with its recorded history (red team r11).

Each regression below edits a contract the engine built (``attrs.evolve``,
``Escrow.replace`` or an edited ``to_dict``) into a state no engine run could
leave, which built and gave wrong answers: a dispute answer dropped (the $500
auto-released to the freelancer), a refund request or a submission dated
other than recorded, escrow carried from nowhere, a state its last event
cannot leave, a release paid before the milestone was funded, a bonus naming
no milestone (a bare ``KeyError``), work recorded after the end.  The rules
read only what events record, never the rules in force, and the engine never
trips them (the properties at the end).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import attrs
import pytest
from hypothesis import given, settings

from upwork_safety import Contract, ContractKind, Milestone, Money, _edges, escrow, serialize
from upwork_safety._events import EVENT_TYPES, Refund
from upwork_safety.errors import InvalidDataError, InvalidValueError, TransitionError
from upwork_safety.escrow import (
    AcceptRefund,
    AnswerDispute,
    Approve,
    EndContract,
    Fund,
    OpenDispute,
    RequestChanges,
    RequestRefund,
    ResolveDispute,
    Submit,
)
from upwork_safety.models import Escrow, MilestoneState, PaymentKind
from upwork_safety.models._recorded import LOWERING, OPEN_ONLY, REFUND_RESULTS, RESULTS
from upwork_safety.models._recorded_states import EDGES
from upwork_safety.testing import strategies as us

UTC = timezone.utc
RULE = "escrow and payments as the history recorded them"


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def offer(count: int = 1, started: date = date(2025, 6, 2)) -> Contract:
    milestones = [Milestone(f"m{k}", f"Part {k}", usd("500.00")) for k in range(1, count + 1)]
    return Contract("c1", "acme", ContractKind.FIXED_PRICE, started, milestones=milestones)


def run(contract: Contract, *events: object) -> Contract:
    return escrow.replay(contract, events)


def with_escrow(contract: Contract, index: int = 0, **changes: object) -> Contract:
    milestones = list(contract.milestones)
    milestone = milestones[index]
    milestones[index] = attrs.evolve(milestone, escrow=milestone.escrow.replace(**changes))
    return attrs.evolve(contract, milestones=milestones)


def refused(build: object) -> tuple[str, str]:
    with pytest.raises(InvalidValueError) as info:
        build()  # type: ignore[operator]
    return info.value.field or "", info.value.rule or ""


def test_a_dispute_answer_on_record_cannot_be_dropped():
    """Finding 1 (high): the escrow forgot the recorded AnswerDispute; advance then
    auto-released the disputed $500 and the checks missed the mediation deadlines."""
    c = run(
        offer(),
        Fund("m1", at(2026, 3, 2, 9)),
        OpenDispute("m1", at(2026, 3, 6, 15)),
        AnswerDispute("m1", at(2026, 3, 9, 12)),
    )
    assert ("Contract.milestones[0].escrow.dispute_answered_at", RULE) == refused(
        lambda: with_escrow(c, dispute_answered_at=None)
    )
    assert ("Contract.milestones[0].escrow.disputed_at", RULE) == refused(
        lambda: with_escrow(c, disputed_at=at(2026, 3, 5))
    )


def test_a_refund_request_is_dated_as_recorded():
    """Finding 2 (high): a request backdated before the Fund made the checks say
    'You have 1 hour' to dispute instead of 6 days 22 hours."""
    c = run(offer(), Fund("m1", at(2025, 6, 20, 9)), RequestRefund("m1", at(2025, 6, 21, 9)))
    field = "Contract.milestones[0].escrow.refund_requested_at"
    assert (field, RULE) == refused(lambda: with_escrow(c, refund_requested_at=at(2025, 6, 14)))
    assert (field, RULE) == refused(lambda: with_escrow(c, refund_requested_at=at(2025, 6, 20, 12)))


def test_a_submission_is_dated_as_recorded_also_when_loaded():
    """Finding 3 (high): submitted_at ten days before the Submit released the money early."""
    c = run(offer(), Fund("m1", at(2025, 6, 2, 9)), Submit("m1", at(2025, 6, 20, 9)))
    field = "Contract.milestones[0].escrow.submitted_at"
    assert (field, RULE) == refused(lambda: with_escrow(c, submitted_at=at(2025, 6, 10, 9)))
    data = serialize.to_dict(c)
    data["milestones"][0]["escrow"]["submitted_at"] = "2025-06-10T09:00:00+00:00"
    with pytest.raises(InvalidDataError) as loaded:
        serialize.from_dict(Contract, data)
    assert "$.milestones[0].escrow.submitted_at" == loaded.value.problems[0].path


def test_escrow_carried_to_a_milestone_comes_from_a_partial_approval():
    """Finding 4 (high): $300 of 'carried' escrow from nowhere was called protected."""
    c = run(offer(2), Fund("m1", at(2025, 6, 2, 9)), Approve("m1", at(2025, 6, 5, 9)))
    made_up = Escrow(MilestoneState.NOT_FUNDED, usd("300.00"), held=usd("300.00"))
    milestones = [c.milestones[0], attrs.evolve(c.milestones[1], escrow=made_up)]
    assert ("Contract.milestones", "carried in is at most carried on") == refused(
        lambda: attrs.evolve(c, milestones=milestones)
    )
    # A real carry passes: $400 approved of $500, the $100 left carried to m2.
    carried = run(
        offer(2),
        Fund("m1", at(2025, 6, 2, 9)),
        Approve("m1", at(2025, 6, 5, 9), amount=usd("400.00")),
    )
    assert usd("100.00") == carried.milestone("m2").held
    assert carried == serialize.from_dict(Contract, serialize.to_dict(carried))


@pytest.mark.parametrize(
    ("events", "state"),
    [
        ((Fund("m1", at(2025, 6, 2, 9)), Submit("m1", at(2025, 6, 5, 9))), MilestoneState.FUNDED),
        ((Fund("m1", at(2025, 6, 2, 9)),), MilestoneState.SUBMITTED),
        (
            (
                Fund("m1", at(2025, 6, 2, 9)),
                Submit("m1", at(2025, 6, 5, 9)),
                RequestChanges("m1", at(2025, 6, 6, 9)),
            ),
            MilestoneState.SUBMITTED,
        ),
    ],
)
def test_a_milestone_is_in_the_state_its_last_event_leaves(events, state):
    """Finding 5 (medium): FUNDED after a recorded Submit lost its review clock;
    SUBMITTED with only a Fund recorded auto-released work never submitted."""
    c = run(offer(), *events)
    moment = {"submitted_at": events[-1].at} if state is MilestoneState.SUBMITTED else {}
    edited = {"state": state, "submitted_at": None, **moment}
    assert ("Contract.milestones[0].escrow", "the state its last recorded event leads to") == (
        refused(lambda: with_escrow(c, **edited))
    )


def test_a_release_is_paid_at_a_recorded_event_of_its_milestone():
    """Finding 6 (medium): a release dated before the Fund showed as available money."""
    c = run(
        offer(),
        Fund("m1", at(2025, 6, 2, 9)),
        Submit("m1", at(2025, 6, 20, 9)),
        Approve("m1", at(2025, 6, 21, 9)),
    )
    (release,) = c.payments
    early = attrs.evolve(release, on=date(2025, 6, 2), at=at(2025, 6, 2, 0, 1))
    assert ("Contract.payments", RULE) == refused(lambda: attrs.evolve(c, payments=[early]))


def test_a_payment_names_a_milestone_of_the_contract():
    """Finding 7 (medium): a bonus naming no milestone crashed deadlines with a KeyError."""
    c = run(
        offer(),
        Fund("m1", at(2025, 6, 2, 9)),
        Approve("m1", at(2025, 6, 5, 9), bonus=usd("20.00")),
    )
    bonus = next(p for p in c.payments if p.kind is PaymentKind.BONUS)
    stray = attrs.evolve(bonus, milestone_id="nope")
    others = [p for p in c.payments if p is not bonus]
    assert ("Contract.payments[1]", "a payment names one of the contract's milestones") == (
        refused(lambda: attrs.evolve(c, payments=[*others, stray]))
    )


def test_no_work_is_recorded_after_the_end():
    """Finding 8 (low): an end date before a recorded Submit and Approve dropped a paid
    5-star contract from every JSS window."""
    c = run(
        offer(started=date(2024, 6, 3)),
        Fund("m1", at(2024, 6, 3, 9)),
        Submit("m1", at(2024, 7, 20, 9)),
        Approve("m1", at(2024, 7, 22, 9)),
    )
    assert ("Contract.history[1]", "no funding or submitting after the end") == refused(
        lambda: attrs.evolve(c, ended=date(2024, 6, 3))
    )


def test_results_are_the_transition_tables_targets():
    """RESULTS is written in the models (which cannot read the engine): it must say
    what the engine's one transition table says, event by event."""
    targets: dict[str, set[MilestoneState]] = {}
    for row in escrow.TRANSITIONS:  # rows name their event class
        targets.setdefault(row.event, set()).update(row.targets)
    assert {kind.__name__: states for kind, states in RESULTS.items()} == {
        name: frozenset(states) for name, states in targets.items() if name in _names(RESULTS)
    }
    assert set(EVENT_TYPES) - set(RESULTS) == {Refund, EndContract}
    assert frozenset(targets["Refund"]) == REFUND_RESULTS


def test_edges_are_the_transition_tables_edges():
    """EDGES (red team r21 M1) is every edge of the engine's table, event by event: the
    walk of a loaded history moves along exactly those.  Both read one source, ``_edges``:
    its steps are the table's rows, in order, each with the row's event and edges."""
    assert [(row.event, row.edges) for row in escrow.TRANSITIONS] == [
        (event.__name__, edges) for event, edges in _edges.STEPS
    ]
    edges: dict[str, set[tuple[MilestoneState, MilestoneState]]] = {}
    for row in escrow.TRANSITIONS:
        edges.setdefault(row.event, set()).update(row.edges)
    assert {kind.__name__: set(pairs) for kind, pairs in EDGES.items()} == edges
    assert set(EDGES) == set(EVENT_TYPES)


def _names(kinds: object) -> set[str]:
    return {kind.__name__ for kind in kinds}  # type: ignore[attr-defined]


def test_open_only_is_what_the_engine_guards_with_contract_open():
    """OPEN_ONLY is the models' copy of the events whose rows need an open contract."""
    from upwork_safety.escrow import _guards, _table

    guarded = {
        row.event.__name__
        for row in _table.ROWS
        if row.guard in (_guards.contract_open, _guards.can_fund)
    }
    assert guarded - {"EndContract"} == _names(OPEN_ONLY)  # ending twice: refused otherwise


@pytest.mark.parametrize("kind", OPEN_ONLY)
def test_the_engine_refuses_every_open_only_event_after_the_end(kind):
    """And the engine refuses each once the contract ended, where it took it before."""
    # m1 paid; m2 funded (ready for a Submit) or unfunded, the next (ready for a Fund).
    ready = run(
        offer(3),
        Fund("m1", at(2025, 6, 2, 9)),
        Approve("m1", at(2025, 6, 2, 10)),
        *([] if kind is Fund else [Fund("m2", at(2025, 6, 2, 11))]),
    )
    target = "m2"
    escrow.apply(ready, kind(target, at(2025, 6, 4, 9)))  # allowed while open
    ended = escrow.apply(ready, EndContract(at(2025, 6, 3, 9)))
    with pytest.raises(TransitionError):
        escrow.apply(ended, kind(target, at(2025, 6, 4, 9)))


@settings(max_examples=150, deadline=None)
@given(us.contract_histories())
def test_every_engine_contract_is_rebuilt_through_its_constructor(drawn):
    """The engine never leaves a state these rules refuse: every contract it reaches,
    and every step of the way, loads back as itself."""
    original, events, final = drawn
    contract = original
    for event in events:
        before = contract.payments
        contract = escrow.apply(contract, event)
        assert contract == serialize.from_dict(Contract, serialize.to_dict(contract))
        if not isinstance(event, LOWERING):  # the check trusts what these events paid
            assert before == contract.payments[: len(before)]
    assert final == serialize.from_dict(Contract, serialize.to_dict(final))


def test_lowering_is_what_the_engine_rewrites_payments_with():
    """LOWERING is the models' copy of the events whose rows may lower a payment
    already made: the rows whose effect is the refund of paid money."""
    from upwork_safety.escrow import _effects, _table

    rewriting = {row.event.__name__ for row in _table.ROWS if row.effect is _effects.refund_paid}
    assert rewriting == _names(LOWERING)


def test_a_release_edited_before_a_later_refund_of_escrow_is_refused():
    """A partial approval of $100 edited to $150 (the rest refunded on request): a
    later refund of *escrow* lowers no payment, so the edit cannot hide behind it."""
    c = run(
        offer(),
        Fund("m1", at(2025, 6, 2, 9)),
        Approve("m1", at(2025, 6, 5, 9), amount=usd("100.00")),
        RequestRefund("m1", at(2025, 6, 6, 9)),
        AcceptRefund("m1", at(2025, 6, 7, 9)),
    )
    m = c.milestones[0]
    assert (usd("100.00"), usd("400.00")) == (m.escrow.released, m.escrow.refunded)
    edited = m.escrow.replace(released=usd("150.00"), refunded=usd("350.00"))
    assert ("Contract.payments", RULE) == refused(
        lambda: attrs.evolve(
            c,
            milestones=[attrs.evolve(m, escrow=edited)],
            payments=[attrs.evolve(c.payments[0], amount=usd("150.00"))],
        )
    )


def test_a_mid_way_milestone_is_judged_only_by_what_its_history_says():
    """A milestone built by hand in review since before the history, then half
    refunded: nothing recorded contradicts it, so it builds."""
    books = Escrow(
        MilestoneState.SUBMITTED,
        usd("500.00"),
        held=usd("250.00"),
        refunded=usd("250.00"),
        submitted_at=at(2025, 6, 3, 9),
    )
    c = attrs.evolve(
        offer(),
        milestones=[Milestone("m1", "Part 1", usd("500.00"), escrow=books)],
        history=[Refund("m1", at(2025, 6, 5, 9), amount=usd("250.00"))],
    )
    assert MilestoneState.SUBMITTED == c.milestones[0].state
    assert timedelta(0) < escrow.deadlines(c, at(2025, 6, 6))[0].due - at(2025, 6, 6)


def test_amounts_an_event_states_are_the_amounts_paid():
    """Review r11 #1 (high): a dispute the client won $400 of, edited to $500 released
    (escrow and payment both), loaded; so did Approve(amount=100) edited to a full release."""
    c = run(
        offer(),
        Fund("m1", at(2025, 6, 2, 9)),
        OpenDispute("m1", at(2025, 6, 4, 9)),
        ResolveDispute(
            "m1", at(2025, 6, 9, 9), to_freelancer=usd("100.00"), to_client=usd("400.00")
        ),
    )
    data = serialize.to_dict(c)
    data["milestones"][0]["escrow"].update(
        released={"amount": "500.00", "currency": "USD"},
        refunded={"amount": "0.00", "currency": "USD"},
    )
    data["payments"][0]["amount"] = {"amount": "500.00", "currency": "USD"}
    with pytest.raises(InvalidDataError) as forged:
        serialize.from_dict(Contract, data)
    # Red team r21 M2: its escrow refunded none of the $400 the resolution gave the client,
    # which is said first; the payment alone edited is refused by its amount.
    problem = forged.value.problems[0]
    assert ("$.milestones[0].escrow", RULE) == (problem.path, problem.rule)
    a = run(
        offer(),
        Fund("m1", at(2025, 6, 2, 9)),
        Approve("m1", at(2025, 6, 5, 9), amount=usd("100.00")),
    )
    m = a.milestones[0]
    full = m.escrow.replace(held=usd("0.00"), released=usd("500.00"))
    assert ("Contract.payments", RULE) == refused(
        lambda: attrs.evolve(
            a,
            milestones=[attrs.evolve(m, escrow=full)],
            payments=[attrs.evolve(a.payments[0], amount=usd("500.00"))],
        )
    )


def test_a_release_is_paid_at_an_event_that_releases():
    """Review r11 #4: a release moved to the milestone's own Fund showed as available
    before the client approved."""
    c = run(offer(), Fund("m1", at(2025, 6, 2, 9)), Approve("m1", at(2025, 6, 20, 9)))
    moved = attrs.evolve(c.payments[0], on=date(2025, 6, 2), at=at(2025, 6, 2, 9))
    assert ("Contract.payments", RULE) == refused(lambda: attrs.evolve(c, payments=[moved]))


def test_the_end_leaves_a_milestone_as_it_was_or_under_a_refund_request():
    """Review r11 #2: after the end, a milestone's state was not checked at all: an
    end-made refund request edited to REFUNDED lost its 7-day dispute window."""
    c = run(
        offer(),
        Fund("m1", at(2025, 6, 2, 9)),
        Submit("m1", at(2025, 6, 15, 9)),
        EndContract(at(2025, 6, 21, 9)),
    )
    assert MilestoneState.REFUND_REQUESTED == c.milestones[0].state
    done = Escrow(MilestoneState.REFUNDED, usd("500.00"), refunded=usd("500.00"))
    assert ("Contract.milestones[0].escrow", "the state its last recorded event leads to") == (
        refused(lambda: attrs.evolve(c, milestones=[attrs.evolve(c.milestones[0], escrow=done)]))
    )


def test_an_end_made_refund_request_is_dated_by_the_end():
    """Review r11 #3: refund_requested_at could be moved to any later closing or request,
    which moved the dispute window (shown closing Jul 2, not Jun 28)."""
    c = run(
        offer(2),
        Fund("m1", at(2025, 6, 2, 9)),
        RequestRefund("m1", at(2025, 6, 21, 9)),
    )
    field = "Contract.milestones[0].escrow.refund_requested_at"
    assert (field, RULE) == refused(lambda: with_escrow(c, refund_requested_at=at(2025, 6, 25, 9)))
    ended = run(offer(), Fund("m1", at(2025, 6, 2, 9)), EndContract(at(2025, 6, 21, 9)))
    assert at(2025, 6, 21, 9) == ended.milestones[0].escrow.refund_requested_at
    assert (field, RULE) == refused(
        lambda: with_escrow(ended, refund_requested_at=at(2025, 6, 2, 9))
    )


def test_a_review_period_outlasting_dormancy_is_refused_by_the_rules():
    """Review r11 #5: with a 200-day review and 51 days of dormancy, dormancy closed a
    contract on work in review; apply then recorded an Approve after the end and
    advance built a contract its constructor refused.  Such rules cannot be built."""
    from upwork_safety import rules
    from upwork_safety.errors import RulesError

    with pytest.raises(RulesError) as info:
        attrs.evolve(rules.CURRENT, review_period=timedelta(days=200))
    assert "PlatformRules.review_period" == info.value.field
    dormant = rules.CURRENT.dormancy_course
    # DOMAIN.md: 76 days untouched, then the 2-week and the 1-week notices.
    assert timedelta(days=76 + 14 + 7) == dormant
    shorter = attrs.evolve(rules.CURRENT, dormancy_period=timedelta(days=10))
    assert timedelta(days=10 + 14 + 7) == shorter.dormancy_course
    longest = attrs.evolve(rules.CURRENT, review_period=dormant - timedelta(days=1))
    assert dormant - timedelta(days=1) == longest.review_period


def test_a_release_edited_up_before_a_refund_of_escrow_is_refused():
    """Review r12 #2: a Refund also refunds escrow, which lowers no payment; after one, a
    partial approval of $100 edited to $150 still loaded.  A release may be lowered by a
    later Refund, never raised."""
    c = run(
        offer(),
        Fund("m1", at(2025, 6, 2, 9)),
        Approve("m1", at(2025, 6, 5, 9), amount=usd("100.00")),
        Refund("m1", at(2025, 6, 6, 9), amount=usd("400.00")),
    )
    m = c.milestones[0]
    assert (usd("100.00"), usd("400.00")) == (m.escrow.released, m.escrow.refunded)
    edited = m.escrow.replace(released=usd("150.00"), refunded=usd("350.00"))
    # The $400 the Refund states is no longer all refunded: that is said first (red team r17 H1).
    assert ("Contract.milestones[0].escrow", RULE) == refused(
        lambda: attrs.evolve(
            c,
            milestones=[attrs.evolve(m, escrow=edited)],
            payments=[attrs.evolve(c.payments[0], amount=usd("150.00"))],
        )
    )
    # A refund of paid money does lower it, and that loads.
    given_back = escrow.apply(c, Refund("m1", at(2025, 6, 7, 9), amount=usd("30.00")))
    assert usd("70.00") == given_back.payments[0].amount
    assert given_back == serialize.from_json(Contract, serialize.to_json(given_back))


def _carrying(*others: Milestone) -> list[Milestone]:
    """Milestone a ($15) approved for $9 with $6 carried on, then *others*."""
    from upwork_safety.models import Escrow, MilestoneState

    carried = Escrow(
        MilestoneState.PAID, Money("15.00", "USD"), released=Money("9.00", "USD"),
        carried_over=Money("6.00", "USD"),
    )  # fmt: skip
    return [Milestone("a", "Logo: 3 concepts", Money("15.00", "USD"), escrow=carried), *others]


@pytest.mark.parametrize(
    "others",
    [
        (),  # no other milestone to carry to
        (Milestone("b", "Banner: 2 sizes", Money("20.00", "USD")),),  # b holds nothing
    ],
)
def test_escrow_carried_on_to_no_milestone_is_refused(others):
    """Red team r14 F2: $6 carried on from a held nowhere, funded dropped to $9 in the ledger."""
    from upwork_safety import Payment
    from upwork_safety.models import PaymentKind

    paid = Payment(date(2025, 1, 10), Money("9.00", "USD"), at=datetime(2025, 1, 10, tzinfo=timezone.utc),
                   milestone_id="a", kind=PaymentKind.RELEASE)  # fmt: skip
    with pytest.raises(InvalidValueError) as info:
        Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2025, 1, 1),
                 milestones=_carrying(*others), payments=[paid])  # fmt: skip
    assert ("Contract.milestones[0].escrow.carried_over", "carried on to another milestone") == (
        info.value.field,
        info.value.rule,
    )


def test_escrow_carried_on_along_a_chain_is_accepted():
    """a carries $6 to b, b (funded since, $20 with it) carries $4 to c, which holds it."""
    from upwork_safety import Payment
    from upwork_safety.models import Escrow, MilestoneState, PaymentKind

    usd = lambda amount: Money(amount, "USD")  # noqa: E731
    b = Milestone(
        "b",
        "Banner: 2 sizes",
        usd("20.00"),
        escrow=Escrow(
            MilestoneState.PAID, usd("20.00"), released=usd("16.00"), carried_over=usd("4.00")
        ),
    )
    c = Milestone(
        "c",
        "Icons: 5 PNG",
        usd("30.00"),
        escrow=Escrow(MilestoneState.NOT_FUNDED, usd("4.00"), held=usd("4.00")),
    )
    at = datetime(2025, 1, 10, tzinfo=timezone.utc)
    paid = [Payment(at.date(), usd(x), at=at, milestone_id=m, kind=PaymentKind.RELEASE)
            for m, x in (("a", "9.00"), ("b", "16.00"))]  # fmt: skip
    contract = Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2025, 1, 1),
                        milestones=_carrying(b, c), payments=paid)  # fmt: skip
    assert usd("4.00") == contract.milestone("c").held


def test_two_carriers_cannot_cover_for_each_other():
    """Review r14 #2: a and b each carried $6 on, with no other milestone to take it; each
    one's check counted the other as the receiver. The last to carry on carried to a
    milestone that carried nothing on."""
    from upwork_safety import Payment
    from upwork_safety.models import Escrow, MilestoneState, PaymentKind

    usd = lambda amount: Money(amount, "USD")  # noqa: E731
    b = Milestone(
        "b",
        "Banner: 2 sizes",
        usd("15.00"),
        escrow=Escrow(
            MilestoneState.PAID, usd("15.00"), released=usd("9.00"), carried_over=usd("6.00")
        ),
    )
    at = datetime(2025, 1, 10, tzinfo=timezone.utc)
    paid = [Payment(at.date(), usd("9.00"), at=at, milestone_id=m, kind=PaymentKind.RELEASE)
            for m in ("a", "b")]  # fmt: skip
    with pytest.raises(InvalidValueError) as info:
        Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2025, 1, 1),
                 milestones=_carrying(b), payments=paid)  # fmt: skip
    assert "carried on to another milestone" == info.value.rule


@pytest.mark.parametrize("state", [MilestoneState.FUNDED, MilestoneState.DISPUTED])
def test_a_full_refund_cannot_be_edited_back_into_escrow(state):
    """Red team r17 H1: after a Refund of everything, a file saying FUNDED or DISPUTED loaded,
    and the engine then released the refunded $500 to the freelancer as well."""
    c = run(offer(), Fund("m1", at(2025, 6, 2, 9)), Refund("m1", at(2025, 6, 4, 9)))
    m = c.milestones[0]
    assert (m.state, m.escrow.refunded) == (MilestoneState.REFUNDED, usd("500.00"))
    moments = {"disputed_at": at(2025, 6, 4, 9)} if state is MilestoneState.DISPUTED else {}
    edited = m.escrow.replace(state=state, held=usd("500.00"), refunded=usd("0.00"), **moments)
    field, rule = refused(lambda: attrs.evolve(c, milestones=[attrs.evolve(m, escrow=edited)]))
    assert (field, rule) == (
        "Contract.milestones[0].escrow",
        "the state its last recorded event leads to",
    )


def test_a_partial_refund_cannot_be_edited_away():
    """Red team r17 H1: $200 refunded from escrow, edited back to nothing refunded."""
    c = run(
        offer(),
        Fund("m1", at(2025, 6, 2, 9)),
        Refund("m1", at(2025, 6, 4, 9), amount=usd("200.00")),
    )
    m = c.milestones[0]
    assert (m.state, m.held) == (MilestoneState.FUNDED, usd("300.00"))
    edited = m.escrow.replace(held=usd("500.00"), refunded=usd("0.00"))
    assert refused(lambda: attrs.evolve(c, milestones=[attrs.evolve(m, escrow=edited)])) == (
        "Contract.milestones[0].escrow",
        RULE,
    )
    data = serialize.to_dict(c)
    data["milestones"][0]["escrow"]["held"] = {"amount": "500.00", "currency": "USD"}
    data["milestones"][0]["escrow"]["refunded"] = {"amount": "0.00", "currency": "USD"}
    with pytest.raises(InvalidDataError) as loaded:
        serialize.from_dict(Contract, data)
    assert loaded.value.problems[0].path == "$.milestones[0].escrow"
    # The engine's own partial refunds of escrow and of paid money load as they are.
    paid = run(
        offer(),
        Fund("m1", at(2025, 6, 2, 9)),
        Approve("m1", at(2025, 6, 3, 9)),
        Refund("m1", at(2025, 6, 4, 9), amount=usd("200.00")),
        Refund("m1", at(2025, 6, 5, 9)),
    )
    assert paid == serialize.from_json(Contract, serialize.to_json(paid))
    assert c == serialize.from_json(Contract, serialize.to_json(c))


def test_bonuses_are_the_ones_the_recorded_approvals_state():
    """Red team r17 L1: a deleted bonus payment, or a bonus no Approve stated, loaded and
    changed earnings (which the fees and the JSS read)."""
    c = run(
        offer(),
        Fund("m1", at(2025, 6, 2, 9)),
        Approve("m1", at(2025, 6, 4, 9), bonus=usd("20.00")),
    )
    release, bonus = c.payments
    assert (bonus.kind, bonus.amount) == (PaymentKind.BONUS, usd("20.00"))
    assert refused(lambda: attrs.evolve(c, payments=[release])) == ("Contract.payments", RULE)
    plain = run(offer(), Fund("m1", at(2025, 6, 2, 9)), Approve("m1", at(2025, 6, 4, 9)))
    extra = attrs.evolve(bonus, at=plain.payments[0].at)
    assert refused(lambda: attrs.evolve(plain, payments=[*plain.payments, extra])) == (
        "Contract.payments",
        RULE,
    )
    assert c == serialize.from_json(Contract, serialize.to_json(c))


@pytest.mark.parametrize(
    "steps",
    [
        [EndContract(at(2025, 6, 4, 9))],
        [
            Submit("m1", at(2025, 6, 3, 9)),
            RequestChanges("m1", at(2025, 6, 3, 12)),
            EndContract(at(2025, 6, 4, 9)),
        ],
        [Submit("m1", at(2025, 6, 3, 9)), EndContract(at(2025, 6, 4, 9))],
    ],
)
def test_a_partial_refund_after_the_contract_ended_loads(steps):
    """Review r17 H1: the end made the escrow a refund request and a part was then refunded;
    the Refund check read the state from the step before the end and refused the engine's
    own contract (8 of 12,000 random histories)."""
    c = run(
        offer(),
        Fund("m1", at(2025, 6, 2, 9)),
        *steps,
        Refund("m1", at(2025, 6, 5, 9), amount=usd("40.00")),
    )
    assert c.milestones[0].state is MilestoneState.REFUND_REQUESTED
    assert c == serialize.from_json(Contract, serialize.to_json(c))
    assert c == Contract(
        **{f: getattr(c, f) for f in attrs.fields_dict(Contract)}
        | {"milestones": tuple(c.milestones)}
    )
