"""Round 24's escrow speed work: the cheaper readings give the answers the old ones gave."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    Milestone,
    MilestoneState,
    Money,
    Payment,
    escrow,
    rules,
)
from upwork_safety.errors import InvalidTypeError, InvalidValueError, TransitionError
from upwork_safety.escrow import AutoApprove, DormancyRefundRequest, Fund, Submit
from upwork_safety.escrow._engine import check_rules
from upwork_safety.escrow._reports import _ROWS
from upwork_safety.models import Escrow

UTC = timezone.utc
STARTED = date(2025, 3, 3)
MIDNIGHT = datetime(2025, 3, 3, tzinfo=UTC)


def _offer() -> Contract:
    return Contract(
        "c1",
        "client",
        ContractKind.FIXED_PRICE,
        STARTED,
        milestones=(Milestone("m1", "Landing page", Money("50.00", "USD")),),
    )


class TestDormancyCountsFromTheLastActivity:
    """The contract's clock (dormancy) is read before every event, from the last one.

    The engine reads the start day only when there is no event: an event is
    never before 00:00 UTC on that day, so the latest of the two is the event.
    """

    def test_an_event_at_the_first_instant_counts_from_itself(self):
        funded = escrow.apply(_offer(), Fund("m1", MIDNIGHT))
        closes = MIDNIGHT + rules.CURRENT.dormancy_course
        assert funded == escrow.advance(funded, closes - timedelta(microseconds=1))
        closed = escrow.advance(funded, closes)
        assert (DormancyRefundRequest("m1", closes), closes.date()) == (
            closed.history[-1],
            closed.ended,
        )

    def test_an_event_in_another_zone_on_the_day_before_in_utc_is_refused(self):
        karachi = timezone(timedelta(hours=5))
        with pytest.raises(TransitionError) as info:
            escrow.apply(_offer(), Fund("m1", datetime(2025, 3, 3, 4, 59, tzinfo=karachi)))
        assert ("event.at", "m1") == (info.value.field, info.value.milestone_id)

    def test_the_closing_is_the_third_of_the_dormancy_times(self):
        """The engine's closing and the deadlines' (the notices and the closing) agree."""
        funded = escrow.apply(_offer(), Fund("m1", MIDNIGHT + timedelta(hours=7)))
        found = {d.kind: d.due for d in escrow.deadlines(funded, MIDNIGHT + timedelta(days=1))}
        closed = escrow.advance(funded, found["dormancy_close"])
        assert DormancyRefundRequest("m1", found["dormancy_close"]) == closed.history[-1]
        assert found["dormancy_close"] == MIDNIGHT + timedelta(hours=7, days=97)


class TestLedgerEmptyBuckets:
    """Every empty bucket is its currency's zero in the minor unit, shared by every ledger."""

    @pytest.mark.parametrize("currency", ["USD", "PKR", "JPY"])
    def test_an_unfunded_contract_has_only_empty_buckets(self, currency):
        offer = Contract(
            "c1",
            "client",
            ContractKind.FIXED_PRICE,
            STARTED,
            milestones=(Milestone("m1", "Landing page", Money("500", currency)),),
        )
        book = escrow.ledger(offer, MIDNIGHT)
        empty = Money.zero(currency).rounded()
        buckets = [getattr(book, name) for name in _ROWS]
        assert [empty] * len(_ROWS) == buckets
        assert {str(empty.amount)} == {str(bucket.amount) for bucket in buckets}
        assert {"USD": "0.00", "PKR": "0.00", "JPY": "0"}[currency] == str(empty.amount)

    def test_a_funded_contract_keeps_its_held_money_beside_the_empty_buckets(self):
        funded = escrow.apply(_offer(), Fund("m1", MIDNIGHT))
        book = escrow.ledger(funded, MIDNIGHT)
        assert (Money("50.00", "USD"), Money("50.00", "USD"), Money("0.00", "USD")) == (
            book.funded,
            book.work_in_progress,
            book.available,
        )


class TestRulesArgument:
    """``rules=None`` and Upwork's own history are read alike; any other rules are kept."""

    def test_none_and_the_history_read_as_the_rules_in_force(self):
        assert check_rules(None) is None
        assert check_rules(rules.HISTORY) is None

    def test_a_rule_set_is_kept(self):
        assert check_rules(rules.CURRENT) is rules.CURRENT

    def test_anything_else_is_refused_naming_rules(self):
        with pytest.raises(InvalidTypeError) as info:
            escrow.ledger(_offer(), MIDNIGHT, rules="2024")  # type: ignore[arg-type]
        assert "rules" == info.value.field


class TestWholeCentsField:
    """The whole-cents rule's one-expression common case refuses what the full checks refuse."""

    @pytest.mark.parametrize(
        ("amount", "error", "rule"),
        [
            (Money("5.005", "USD"), InvalidValueError, "whole minor units"),
            (Money("-1.00", "USD"), InvalidValueError, "not negative"),
            (Decimal(5), InvalidTypeError, "Money"),
            (Money("5.1", "JPY"), InvalidValueError, "whole minor units"),
            (Money(Decimal("1E-3"), "USD"), InvalidValueError, "whole minor units"),
        ],
    )
    def test_refused_naming_the_field_and_rule(self, amount, error, rule):
        with pytest.raises(error) as info:
            Payment(STARTED, amount)
        assert ("Payment.amount", rule) == (info.value.field, info.value.rule)

    def test_a_money_made_without_its_fields_is_refused(self):
        with pytest.raises(InvalidValueError) as info:
            Payment(STARTED, Money.__new__(Money))
        assert ("Payment.amount", "a Money built by its constructor") == (
            info.value.field,
            info.value.rule,
        )

    @pytest.mark.parametrize(
        "amount",
        [
            Money("5.000", "USD"),
            Money(Decimal("5E+1"), "USD"),
            Money(Decimal("0E-5"), "USD"),
            Money("7", "JPY"),
        ],
    )
    def test_whole_cents_written_with_more_places_or_an_exponent_are_taken(self, amount):
        assert amount == Payment(STARTED, amount).amount


class TestTheContractsClockSkipsWorkInReview:
    """The contract's clock runs on the first idle milestone holding escrow, not on one in review."""

    def test_dormancy_closes_the_idle_milestone_after_the_one_in_review_is_approved(self):
        both = attrs.evolve(rules.CURRENT, one_active_milestone=False)
        offer = Contract(
            "c1",
            "client",
            ContractKind.FIXED_PRICE,
            STARTED,
            milestones=(
                Milestone("m1", "Landing page", Money("50.00", "USD")),
                Milestone("m2", "Checkout", Money("70.00", "USD")),
            ),
        )
        hour = timedelta(hours=1)
        started = escrow.replay(
            offer,
            [Fund("m1", MIDNIGHT), Fund("m2", MIDNIGHT + hour), Submit("m1", MIDNIGHT + 2 * hour)],
            rules=both,
        )
        approved = MIDNIGHT + 2 * hour + timedelta(days=14)
        closes = approved + timedelta(days=97)
        after = escrow.advance(started, closes, rules=both)
        assert (AutoApprove("m1", approved), DormancyRefundRequest("m2", closes)) == tuple(
            after.history[3:]
        )
        assert escrow.advance(started, closes - timedelta(microseconds=1), rules=both).history[
            3:
        ] == (AutoApprove("m1", approved),)


class TestAContractWithoutHistoryIsStillChecked:
    """With no event recorded, the checks that need none still run (payments, carried escrow)."""

    def test_a_payment_naming_a_milestone_the_contract_lacks_is_refused(self):
        paid = Payment(STARTED, Money("5.00", "USD"), milestone_id="m9")
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(_offer(), payments=[paid])
        assert ("Contract.payments[0]", "a payment names one of the contract's milestones") == (
            info.value.field,
            info.value.rule,
        )

    def test_escrow_carried_from_nowhere_is_refused(self):
        carried = Escrow(MilestoneState.NOT_FUNDED, Money("9.00", "USD"), held=Money("9.00", "USD"))
        waiting = Milestone("m1", "Landing page", Money("50.00", "USD"), escrow=carried)
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(_offer(), milestones=[waiting])
        assert ("Contract.milestones", "carried in is at most carried on") == (
            info.value.field,
            info.value.rule,
        )

    def test_an_offer_without_history_is_built(self):
        assert () == tuple(_offer().history)
