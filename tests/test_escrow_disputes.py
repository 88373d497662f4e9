"""Disputes that settle (DOMAIN.md section 2, issue 15), and payouts recorded once.

Dates are pinned: 6 March 2026 is a Friday.  Every dispute either gets an
answer, a resolution, or its default outcome at a known second, so a
DISPUTED milestone never waits forever (unless both sides paid for
arbitration, when the arbitrator decides).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upwork_safety import Contract, ContractKind, Milestone, Money, escrow, rules, serialize
from upwork_safety.errors import InvalidDataError, InvalidValueError, TransitionError
from upwork_safety.escrow import (
    AnswerDispute,
    Approve,
    ArbitrationDefault,
    AutoDisputeRelease,
    ClientPaysArbitration,
    EndContract,
    FreelancerPaysArbitration,
    Fund,
    OpenDispute,
    Refund,
    RequestChanges,
    RequestRefund,
    ResolveDispute,
    Submit,
)
from upwork_safety.models import MilestoneState, Payment, PaymentKind

S = MilestoneState
U = timezone.utc


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=U)  # type: ignore[misc]


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def contract(*amounts: str) -> Contract:
    return Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2026, 1, 5),
        milestones=[Milestone(f"m{n}", f"Part {n}", usd(a)) for n, a in enumerate(amounts, 1)],
    )


def run(c: Contract, *events: object) -> Contract:
    for event in events:
        c = escrow.apply(c, event)  # type: ignore[arg-type]
    return c


def release(mid: str, moment: datetime, amount: str) -> Payment:
    return Payment(moment.date(), usd(amount), moment, mid, PaymentKind.RELEASE)


FUNDED = at(2026, 3, 2, 9)  # a Monday
FRIDAY = at(2026, 3, 6, 15)


def funded(*amounts: str) -> Contract:
    return run(contract(*amounts or ("300.00",)), Fund("m1", FUNDED))


def funded_2025() -> Contract:
    """The report's contract (review r32, hostile 1): funded Monday 3 March 2025."""
    started = attrs.evolve(contract("300.00"), started=date(2025, 3, 1))
    return run(started, Fund("m1", at(2025, 3, 3, 9)))


# --------------------------------------------------------------------------- non-release


class TestNonReleaseDispute:
    """HC 211068528: on an active contract, the freelancer disputes escrow the client keeps."""

    def test_work_delivered_outside_submit_work(self):
        """Funded work the client neither approves nor questions can be disputed through Support."""
        c = run(funded(), OpenDispute("m1", FRIDAY))
        m = c.milestone("m1")
        assert (S.DISPUTED, FRIDAY, usd("300.00")) == (m.state, m.escrow.disputed_at, m.held)
        assert usd("300.00") == escrow.ledger(c, FRIDAY).at_risk

    def test_after_changes_were_requested(self):
        """Changes requested, then silence: the escrow can be disputed too."""
        c = run(funded(), Submit("m1", at(2026, 3, 3)), RequestChanges("m1", at(2026, 3, 4)))
        assert S.DISPUTED == run(c, OpenDispute("m1", FRIDAY)).milestone("m1").state

    def test_a_partial_release_with_the_rest_kept(self):
        """The client released $200 of $300 and keeps the rest: the $100 can be disputed."""
        c = run(funded(), Approve("m1", at(2026, 3, 4), amount=usd("200.00")))
        c = run(c, OpenDispute("m1", FRIDAY))
        m = c.milestone("m1")
        assert (S.DISPUTED, usd("100.00"), usd("200.00")) == (m.state, m.held, m.released)

    def test_a_remainder_carried_to_the_next_milestone(self):
        """HC 211068528: partial release, remainder applied to a future milestone: disputable."""
        c = run(funded("300.00", "500.00"), Approve("m1", at(2026, 3, 4), amount=usd("200.00")))
        assert (S.NOT_FUNDED, usd("100.00")) == (c.milestone("m2").state, c.milestone("m2").held)
        c = run(c, OpenDispute("m2", FRIDAY))
        assert (S.DISPUTED, usd("100.00")) == (c.milestone("m2").state, c.milestone("m2").held)

    def test_not_while_the_review_clock_runs(self):
        """Submitted work is released by the client's silence: no dispute while it runs."""
        c = run(funded(), Submit("m1", at(2026, 3, 3)))
        with pytest.raises(TransitionError) as info:
            escrow.apply(c, OpenDispute("m1", FRIDAY))
        assert ("SUBMITTED", "OpenDispute") == (info.value.state, info.value.event)

    def test_not_on_an_unfunded_milestone(self):
        """Nothing in escrow, nothing to dispute."""
        with pytest.raises(TransitionError) as info:
            escrow.apply(contract("300.00"), OpenDispute("m1", FRIDAY))
        assert "NOT_FUNDED" == info.value.state


# --------------------------------------------------------------------------- client's answer


class TestClientAnswerInBusinessDays:
    """HC 211062068: the client answers within 5 business days (Mon-Fri, UTC), else funds go to the freelancer."""

    @pytest.mark.parametrize(
        ("filed", "due"),
        [
            (at(2026, 3, 6, 15), at(2026, 3, 13, 15)),  # Friday 15:00 -> next Friday 15:00
            (at(2026, 3, 4, 12), at(2026, 3, 11, 12)),  # Wednesday -> next Wednesday
            # Saturday and Sunday: the 5 days are the whole of Mon..Fri, to Saturday 00:00
            (at(2026, 3, 7, 10), at(2026, 3, 14)),
            (at(2026, 3, 8, 23), at(2026, 3, 14)),
            # Monday 00:00: Monday to Friday whole, so Saturday 00:00 too (review r37,
            # review 2: it was the next Monday 00:00, two days after they had passed).
            (at(2026, 3, 9, 0), at(2026, 3, 14, 0)),
        ],
        ids=["friday", "wednesday", "saturday", "sunday", "monday-midnight"],
    )
    def test_deadline(self, filed, due):
        """The dispute_response_due deadline is 5 business days after filing."""
        c = run(funded(), OpenDispute("m1", filed))
        (deadline,) = [d for d in escrow.deadlines(c, filed) if d.kind == "dispute_response_due"]
        assert (due, "client") == (deadline.due, deadline.who)

    def test_silence_releases_at_that_second(self):
        """Friday 6 March 15:00 filed, unanswered: released Friday 13 March 15:00, not before."""
        c = run(funded(), OpenDispute("m1", FRIDAY))
        assert S.DISPUTED == escrow.advance(c, at(2026, 3, 13, 14, 59, 59)).milestone("m1").state
        after = escrow.advance(c, at(2026, 3, 13, 15))
        assert AutoDisputeRelease("m1", at(2026, 3, 13, 15)) == after.history[-1]
        assert (release("m1", at(2026, 3, 13, 15), "300.00"),) == after.payments
        assert usd("0") == escrow.ledger(after, at(2026, 3, 13, 15)).at_risk

    @pytest.mark.parametrize(
        ("filed", "due"),
        [
            (at(2025, 3, 7, 15), at(2025, 3, 14, 15)),
            (
                datetime(2025, 3, 7, 23, 59, 59, 999999, tzinfo=U),
                datetime(2025, 3, 14, 23, 59, 59, 999999, tzinfo=U),
            ),
            (at(2025, 3, 8), at(2025, 3, 15)),
            (at(2025, 3, 8, 12), at(2025, 3, 15)),
            (at(2025, 3, 9, 23, 59, 59), at(2025, 3, 15)),
            (at(2025, 3, 10), at(2025, 3, 15)),
            (
                datetime(2025, 3, 10, 0, 0, 0, 1, tzinfo=U),
                datetime(2025, 3, 17, 0, 0, 0, 1, tzinfo=U),
            ),
        ],
        ids=["fri-15", "fri-last-us", "sat-00", "sat-12", "sun-23:59:59", "mon-00", "mon-00+1us"],
    )
    def test_the_weekend_never_shortens_the_clients_five_days(self, filed, due):
        """Review r32, hostile 1 (its table): a filing 1 us after Friday got its answer due 24 h earlier.

        A weekend filing counts from Monday 00:00 and is due at the end of
        Friday; a later filing never gets an earlier deadline.
        """
        c = escrow.apply(funded_2025(), OpenDispute("m1", filed))
        (deadline,) = [d for d in escrow.deadlines(c, filed) if d.kind == "dispute_response_due"]
        assert due == deadline.due

    def test_an_answer_on_friday_after_a_weekend_filing_is_taken(self):
        """Review r32, hostile 1: answering Friday 10:00 after a Saturday 00:00 filing was refused (PAID)."""
        c = escrow.apply(funded_2025(), OpenDispute("m1", at(2025, 3, 8)))
        answered = escrow.apply(c, AnswerDispute("m1", at(2025, 3, 14, 10)))
        assert S.DISPUTED == answered.milestone("m1").state
        assert at(2025, 3, 14, 10) == answered.milestone("m1").escrow.dispute_answered_at
        last = at(2025, 3, 14, 23, 59, 59, 999999)
        assert S.DISPUTED == escrow.advance(c, last).milestone("m1").state
        released = escrow.advance(c, at(2025, 3, 15))
        assert AutoDisputeRelease("m1", at(2025, 3, 15)) == released.history[-1]
        assert (release("m1", at(2025, 3, 15), "300.00"),) == released.payments

    def test_calendar_days_when_the_rules_say_so(self):
        """With business days switched off, the same dispute is due 5 calendar days later."""
        calendar = attrs.evolve(rules.CURRENT, client_response_business_days=False)
        c = run(funded(), OpenDispute("m1", FRIDAY))
        due = [d.due for d in escrow.deadlines(c, FRIDAY, rules=calendar)]
        assert [at(2026, 3, 11, 15)] == due

    def test_the_rule_is_flagged_unconfirmed(self):
        """Counting the weekend in UTC is an assumption, and the rules say so."""
        meta = attrs.fields_dict(rules.PlatformRules)["client_response_business_days"].metadata
        assert meta["rule"].unconfirmed


# --------------------------------------------------------------------------- arbitration


def answered() -> Contract:
    """Disputed Friday 6 March 15:00, answered Monday 9 March 12:00: mediation starts."""
    return run(funded(), OpenDispute("m1", FRIDAY), AnswerDispute("m1", at(2026, 3, 9, 12)))


OPENS = at(2026, 3, 13, 12)  # answer + 2 days (proposal) + 2 days (acceptance)
CLOSES = at(2026, 3, 20, 12)  # + 7 days to opt in (HC 14044146250259)


class TestArbitration:
    def test_mediation_then_the_opt_in_window(self):
        """Proposal due +2 days, acceptance +2 more, then 7 days to opt in and pay."""
        found = [(d.kind, d.due, d.who) for d in escrow.deadlines(answered(), at(2026, 3, 9, 13))]
        assert [
            ("mediation_proposal_due", at(2026, 3, 11, 12), "mediator"),
            ("mediation_acceptance_due", OPENS, "both"),
            ("arbitration_opt_in_due", CLOSES, "both"),
        ] == found

    def test_fees_are_paid_only_once_mediation_failed(self):
        """Before the window opens the fee cannot be paid; each side pays once."""
        with pytest.raises(TransitionError) as info:
            escrow.apply(answered(), ClientPaysArbitration("m1", OPENS - timedelta(seconds=1)))
        assert "ClientPaysArbitration" == info.value.event
        c = run(answered(), ClientPaysArbitration("m1", OPENS))
        assert OPENS == c.milestone("m1").escrow.client_paid_arbitration_at
        with pytest.raises(TransitionError, match="already paid"):
            escrow.apply(c, ClientPaysArbitration("m1", OPENS + timedelta(days=1)))

    def test_nobody_pays_the_client_gets_the_funds(self):
        """Both decline: at the window's close the $300 goes back to the client."""
        c = answered()
        assert S.DISPUTED == escrow.advance(c, CLOSES - timedelta(seconds=1)).milestone("m1").state
        after = escrow.advance(c, CLOSES)
        m = after.milestone("m1")
        assert (ArbitrationDefault("m1", CLOSES), S.REFUNDED, usd("300.00"), ()) == (
            after.history[-1],
            m.state,
            m.refunded,
            after.payments,
        )
        assert usd("0") == escrow.ledger(after, CLOSES).at_risk

    def test_only_the_client_pays_the_client_gets_the_funds(self):
        """Only the client paid the fee: the funds go to the client."""
        c = run(answered(), ClientPaysArbitration("m1", at(2026, 3, 16, 9)))
        deadline = [
            d
            for d in escrow.deadlines(c, at(2026, 3, 16, 10))
            if d.kind == "arbitration_opt_in_due"
        ]
        assert "only the client paid" in deadline[0].consequence
        m = escrow.advance(c, CLOSES).milestone("m1")
        assert (S.REFUNDED, usd("300.00")) == (m.state, m.refunded)

    def test_only_the_freelancer_pays_the_freelancer_gets_the_funds(self):
        """Only the freelancer paid the fee: the funds are released to the freelancer."""
        c = run(answered(), FreelancerPaysArbitration("m1", at(2026, 3, 16, 9)))
        after = escrow.advance(c, CLOSES)
        m = after.milestone("m1")
        assert (S.PAID, usd("300.00")) == (m.state, m.released)
        assert (release("m1", CLOSES, "300.00"),) == after.payments

    def test_both_pay_the_arbitrator_decides(self):
        """Both paid: no default outcome; the arbitrator's decision is recorded with ResolveDispute."""
        c = run(
            answered(),
            ClientPaysArbitration("m1", at(2026, 3, 16, 9)),
            FreelancerPaysArbitration("m1", at(2026, 3, 17, 9)),
        )
        assert S.DISPUTED == escrow.advance(c, at(2026, 6, 1)).milestone("m1").state
        assert [] == [d for d in escrow.deadlines(c, at(2026, 3, 18)) if "arbitration" in d.kind]
        decided = run(c, ResolveDispute("m1", at(2026, 4, 20), usd("120.00"), usd("180.00")))
        m = decided.milestone("m1")
        assert (S.PAID, usd("120.00"), usd("180.00")) == (m.state, m.released, m.refunded)

    def test_a_settlement_in_mediation_ends_it_early(self):
        """Agreeing in mediation (ResolveDispute) ends the dispute before any window."""
        c = run(answered(), ResolveDispute("m1", at(2026, 3, 10), usd("300.00"), usd("0")))
        assert S.PAID == c.milestone("m1").state
        assert [] == [
            d
            for d in escrow.deadlines(c, at(2026, 3, 10))
            if d.milestone_id and "dispute" in d.kind
        ]


# --------------------------------------------------------------------------- one record per payout


class TestOneRecordPerPayout:
    def two_paid(self) -> Contract:
        """Milestone a (m1, $100) paid 10 January, milestone b (m2, $200) paid 20 March."""
        return run(
            contract("100.00", "200.00"),
            Fund("m1", at(2026, 1, 5, 9)),
            Approve("m1", at(2026, 1, 10, 9)),
            Fund("m2", at(2026, 3, 1, 9)),
            Approve("m2", at(2026, 3, 20, 9)),
        )

    def test_regression_refund_touches_only_its_own_milestone(self):
        """Refunding $60 of milestone a never touches milestone b's 20 March payment."""
        c = run(self.two_paid(), Refund("m1", at(2026, 3, 25), amount=usd("60.00")))
        assert (
            release("m1", at(2026, 1, 10, 9), "40.00"),
            release("m2", at(2026, 3, 20, 9), "200.00"),
        ) == c.payments
        a, b = c.milestones
        assert ((usd("40.00"), usd("60.00")), (usd("200.00"), usd("0"))) == (
            (a.released, a.refunded),
            (b.released, b.refunded),
        )
        assert usd("240.00") == c.earnings

    def test_a_refund_is_limited_to_the_milestone_own_payments(self):
        """$150 cannot be refunded from milestone a, paid $100, whatever else was paid."""
        with pytest.raises(ValueError, match=r"more than the USD 100\.00 paid") as info:
            escrow.apply(self.two_paid(), Refund("m1", at(2026, 3, 25), amount=usd("150.00")))
        assert "event.amount" == info.value.field  # type: ignore[attr-defined]

    def test_regression_a_refund_never_eats_a_bonus(self):
        """Refunding a milestone's payments in full leaves its bonus paid."""
        c = run(
            contract("100.00"),
            Fund("m1", at(2026, 1, 5, 9)),
            Approve("m1", at(2026, 1, 10, 9), bonus=usd("20.00")),
            Refund("m1", at(2026, 1, 12)),
        )
        assert (
            Payment(date(2026, 1, 10), usd("20.00"), at(2026, 1, 10, 9), "m1", PaymentKind.BONUS),
        ) == c.payments
        m = c.milestone("m1")
        assert (S.REFUNDED, usd("0"), usd("100.00")) == (m.state, m.released, m.refunded)
        book = escrow.ledger(c, at(2026, 1, 20))
        assert (usd("20.00"), usd("0"), usd("100.00")) == (
            book.bonuses,
            book.available,
            book.refunded,
        )

    def test_every_payout_is_one_payment_with_its_kind(self):
        """An approval with a bonus records two payments: the release and the bonus, nothing else."""
        c = run(
            contract("100.00"),
            Fund("m1", at(2026, 1, 5, 9)),
            Approve("m1", at(2026, 1, 10, 9), bonus=usd("20.00")),
        )
        assert [(PaymentKind.RELEASE, usd("100.00")), (PaymentKind.BONUS, usd("20.00"))] == [
            (p.kind, p.amount) for p in c.payments
        ]
        assert usd("120.00") == c.earnings

    def test_a_contract_whose_payments_disagree_with_the_escrow_cannot_be_built(self):
        """A contract edited so its release payments do not match its escrow is refused.

        Dropping m2's release leaves its escrow saying 500 released with no
        payment for it; loading the same JSON is refused with the path.
        """
        c = self.two_paid()
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(c, payments=c.payments[:1])
        assert (
            "Contract.milestones[1].escrow.released",
            "release payments add up to each milestone's released escrow",
        ) == (info.value.field, info.value.rule)
        data = serialize.to_dict(c)
        data["payments"] = data["payments"][:1]
        with pytest.raises(InvalidDataError) as loaded:
            serialize.from_dict(Contract, data)
        assert "$.milestones[1].escrow.released" in str(loaded.value)

    def test_end_of_contract_keeps_a_carried_remainder_claimable(self):
        """A remainder carried to an unfunded milestone becomes a refund request at the end."""
        c = run(
            contract("300.00", "500.00"),
            Fund("m1", at(2026, 1, 5, 9)),
            Approve("m1", at(2026, 1, 10), amount=usd("200.00")),
            EndContract(at(2026, 1, 12)),
        )
        m2 = c.milestone("m2")
        assert (S.REFUND_REQUESTED, usd("100.00"), at(2026, 1, 12)) == (
            m2.state,
            m2.held,
            m2.escrow.refund_requested_at,
        )


def test_a_dispute_against_a_refund_request_is_filed_within_the_filing_window():
    """A what-if filing window shorter than the refund response is enforced, not only drawn.

    DOMAIN.md section 2: the freelancer disputes within the window after the
    contract ends (or a refund request). With a 3-day window, the contract
    ended 2024-03-02 00:00: a dispute on 03-04 23:00 is taken, one at 03-05
    00:00 (the deadline deadlines() shows) or 03-06 is refused, and
    allowed() agrees.
    """
    what_if = attrs.evolve(rules.CURRENT, dispute_filing_window=timedelta(days=3))
    c = Contract(
        "c",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2024, 3, 1),
        milestones=[Milestone("m", "Part 1", usd("200.00"))],
    )
    c = escrow.apply(c, Fund("m", at(2024, 3, 1, 9)), rules=what_if)
    c = escrow.apply(c, EndContract(at(2024, 3, 2)), rules=what_if)
    closes = at(2024, 3, 5)
    shown = escrow.deadlines(c, at(2024, 3, 2, 1), rules=what_if)
    assert closes in [d.due for d in shown if d.kind is escrow.DeadlineKind.DISPUTE_WINDOW_CLOSES]
    taken = escrow.apply(c, OpenDispute("m", closes - timedelta(microseconds=1)), rules=what_if)
    assert S.DISPUTED == taken.milestone("m").state
    for late in (closes, at(2024, 3, 6)):
        with pytest.raises(TransitionError) as info:
            escrow.apply(c, OpenDispute("m", late), rules=what_if)
        assert ("REFUND_REQUESTED", "OpenDispute") == (info.value.state, info.value.event)
        choices = escrow.allowed(c, "m", now=late, rules=what_if)
        assert "OpenDispute" not in choices.allowed
        assert "2024-03-05" in (choices.reason("OpenDispute") or "")
    # Under the default rules the 7-day window and the 7-day refund response
    # end together: the refund happens at that moment, as before.
    default = escrow.apply(c, OpenDispute("m", at(2024, 3, 8, 23)))
    assert S.DISPUTED == default.milestone("m").state


# --------------------------------------------------------------------------- the filing deadline


def _filing_deadline(c: Contract, now: datetime, what_if: rules.PlatformRules) -> datetime:
    (window,) = [
        d.due
        for d in escrow.deadlines(c, now, rules=what_if)
        if d.kind is escrow.DeadlineKind.DISPUTE_WINDOW_CLOSES and d.milestone_id == "m1"
    ]
    return window


def _disputable(c: Contract, moment: datetime, what_if: rules.PlatformRules) -> bool:
    return "OpenDispute" in escrow.allowed(c, "m1", now=moment, rules=what_if)


@given(
    asked_after=st.integers(min_value=0, max_value=20 * 24 * 3600),
    ended_after=st.none() | st.integers(min_value=0, max_value=20 * 24 * 3600),
    filing_days=st.integers(min_value=1, max_value=14),
    refund_days=st.integers(min_value=1, max_value=14),
)
@settings(max_examples=60, deadline=None)
def test_the_filing_deadline_is_the_last_moment_open_dispute_is_allowed(
    asked_after: int, ended_after: int | None, filing_days: int, refund_days: int
) -> None:
    """deadlines()' dispute_window_closes is the first moment the engine refuses OpenDispute.

    Regression (red team r10 #1, #4): it was the contract's end + 7 days, while
    the guard counts from the refund request and the automatic refund can come
    first; a freelancer told "until 13 March" lost the escrow on 9 March.
    """
    what_if = attrs.evolve(
        rules.CURRENT,
        dispute_filing_window=timedelta(days=filing_days),
        refund_response_window=timedelta(days=refund_days),
    )
    asked = FUNDED + timedelta(seconds=asked_after)
    c = escrow.apply(funded(), RequestRefund("m1", asked), rules=what_if)
    now = asked
    if ended_after is not None:
        ended = asked + timedelta(seconds=ended_after)
        if ended < asked + timedelta(days=min(filing_days, refund_days)):
            c = escrow.apply(c, EndContract(ended), rules=what_if)
            now = ended
    closes = _filing_deadline(c, now, what_if)
    assert closes == asked + timedelta(days=min(filing_days, refund_days))
    assert _disputable(c, closes - timedelta(microseconds=1), what_if)
    assert not _disputable(c, closes, what_if)


def test_the_filing_deadline_of_a_request_made_before_the_end():
    """A request made before the contract ended keeps its own window (red team r10 #1)."""
    c = run(funded(), RequestRefund("m1", at(2026, 3, 3, 9)), EndContract(at(2026, 3, 7, 9)))
    assert at(2026, 3, 10, 9) == _filing_deadline(c, at(2026, 3, 7, 10), rules.CURRENT)
    with pytest.raises(TransitionError):
        escrow.apply(c, OpenDispute("m1", at(2026, 3, 10, 9)))


def _disputed_by_hand(**moments: datetime) -> Contract:
    """A $300 milestone in dispute since Mon 2025-06-02 10:00, its moments set by hand."""
    from upwork_safety.models import Escrow

    books = Escrow(S.DISPUTED, usd("300.00"), held=usd("300.00"), **moments)
    milestone = Milestone("m1", "Landing page, 3 sections", usd("300.00"), escrow=books)
    return Contract(
        "c1", "acme", ContractKind.FIXED_PRICE, date(2025, 6, 2), milestones=[milestone]
    )


@pytest.mark.parametrize(
    ("moments", "name", "due"),
    [
        # The client had until Mon 2025-06-09 10:00 (5 business days); answered three weeks late.
        ({"dispute_answered_at": at(2025, 7, 1, 10)}, "dispute_answered_at", at(2025, 6, 9, 10)),
        # Answered in time, 06-04; the opt-in window closed 06-15 10:00; a fee paid 08-01.
        (
            {
                "dispute_answered_at": at(2025, 6, 4, 10),
                "freelancer_paid_arbitration_at": at(2025, 8, 1, 10),
            },
            "freelancer_paid_arbitration_at",
            at(2025, 6, 15, 10),
        ),
        # A client's fee paid exactly as the window closes: the default came first.
        (
            {
                "dispute_answered_at": at(2025, 6, 4, 10),
                "client_paid_arbitration_at": at(2025, 6, 15, 10),
            },
            "client_paid_arbitration_at",
            at(2025, 6, 15, 10),
        ),
    ],
)
def test_a_dispute_step_recorded_after_its_clock_ran_out_is_refused(moments, name, due):
    """Red team r12 #1 (high): a late answer on the books started mediation, and the
    default then refunded the $300 the rules had released to the freelancer; a late fee
    released to the freelancer what the same facts through apply refunded to the client."""
    c = serialize.from_json(
        Contract, serialize.to_json(_disputed_by_hand(disputed_at=at(2025, 6, 2, 10), **moments))
    )
    for call in (
        lambda: escrow.advance(c, at(2025, 8, 2)),
        lambda: escrow.deadlines(c, at(2025, 8, 2)),
        lambda: escrow.apply(c, EndContract(at(2025, 8, 2))),
    ):
        with pytest.raises(InvalidValueError) as info:
            call()
        assert f"Contract.milestones[0].escrow.{name}" == info.value.field
        assert "no automatic step due before a recorded event" == info.value.rule
        assert due.strftime("%Y-%m-%d %H:%M") in str(info.value)
    # Under rules given that leave time enough, the same books are read as recorded.
    patient = attrs.evolve(
        rules.CURRENT,
        client_dispute_response=timedelta(days=40),
        arbitration_opt_in=timedelta(days=80),
    )
    escrow.deadlines(c, at(2025, 8, 2), rules=patient)
    with pytest.raises(InvalidValueError) as given:
        escrow.deadlines(c, at(2025, 8, 2), rules=rules.CURRENT)
    assert "rules" == given.value.field


def test_dispute_steps_in_time_are_read_as_recorded():
    """The last moment before each clock runs out is accepted, and the engine pays by it."""
    c = _disputed_by_hand(
        disputed_at=at(2025, 6, 2, 10),
        dispute_answered_at=at(2025, 6, 9, 9, 59),
        freelancer_paid_arbitration_at=at(2025, 6, 20, 9),
    )
    settled = escrow.advance(c, at(2025, 9, 1))
    assert (S.PAID, usd("300.00")) == (settled.milestones[0].state, settled.milestones[0].released)


def test_an_arbitration_fee_recorded_during_mediation_is_refused():
    """Review r12 #10: a fee recorded an hour after the answer, while mediation ran until
    06-08 10:00 (apply refuses that step), loaded and decided the outcome."""
    c = _disputed_by_hand(
        disputed_at=at(2025, 6, 2, 10),
        dispute_answered_at=at(2025, 6, 4, 10),
        freelancer_paid_arbitration_at=at(2025, 6, 4, 11),
    )
    with pytest.raises(InvalidValueError) as info:
        escrow.advance(c, at(2025, 8, 1))
    assert (
        "Contract.milestones[0].escrow.freelancer_paid_arbitration_at",
        "a dispute step no earlier than the engine takes it",
    ) == (info.value.field, info.value.rule)
    opens = escrow.deadlines(
        _disputed_by_hand(disputed_at=at(2025, 6, 2, 10), dispute_answered_at=at(2025, 6, 4, 10)),
        at(2025, 6, 4, 11),
    )
    assert at(2025, 6, 8, 10) in {d.due for d in opens}  # mediation's end: the window opens
    in_time = _disputed_by_hand(
        disputed_at=at(2025, 6, 2, 10),
        dispute_answered_at=at(2025, 6, 4, 10),
        freelancer_paid_arbitration_at=at(2025, 6, 8, 10),
    )
    assert S.PAID == escrow.advance(in_time, at(2025, 8, 1)).milestones[0].state


def test_dormancy_closes_after_the_rules_whole_course():
    """Review r12 #8: the engine's dormancy clock added the three periods itself; it reads
    PlatformRules.dormancy_course, the sum the constructor checks the review period by."""
    c = run(contract("100.00"), Fund("m1", FUNDED))
    (closing,) = [
        d for d in escrow.deadlines(c, FUNDED) if d.kind is escrow.DeadlineKind.DORMANCY_CLOSE
    ]
    assert FUNDED + rules.CURRENT.dormancy_course == closing.due
    assert FUNDED + timedelta(days=97) == closing.due


@pytest.mark.parametrize(
    ("moments", "name"),
    [
        ({"disputed_at": at(2025, 5, 1, 10)}, "disputed_at"),
        (
            {"disputed_at": at(2025, 5, 1, 10), "dispute_answered_at": at(2025, 5, 2, 10)},
            "disputed_at",
        ),
    ],
)
def test_an_escrow_moment_before_the_start_is_named_in_field_order(moments, name):
    """r22 speed: the check reads only the moments the state holds, the first refused as before.

    The contract starts 2025-06-01; the first moment before it, in ``Escrow``'s field order,
    is the one named.
    """
    from upwork_safety.models import Escrow

    books = Escrow(S.DISPUTED, usd("300.00"), held=usd("300.00"), **moments)
    milestone = Milestone("m1", "Landing page, 3 sections", usd("300.00"), escrow=books)
    with pytest.raises(InvalidValueError) as info:
        Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2025, 6, 1), milestones=[milestone])
    assert f"Contract.milestones[0].escrow.{name}" == info.value.field
    assert "not before Contract.started" == info.value.rule
