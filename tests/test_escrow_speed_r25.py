"""Round 25's escrow speed work: the cheaper readings give the answers the old ones gave.

The cuts change no answer (the round compared the engine's answers on drawn
histories before and after); these tests pin the readings each cut touched.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import attrs
import pytest

from upwork_safety import Contract, ContractKind, Milestone, MilestoneState, Money, Payment, escrow
from upwork_safety.errors import CurrencyMismatchError, InvalidValueError
from upwork_safety.escrow import Approve, Fund, Submit
from upwork_safety.escrow._engine import open_run
from upwork_safety.models import Escrow
from upwork_safety.models._collections import _Milestones, _Payments

UTC = timezone.utc
STARTED = date(2025, 3, 3)
T0 = datetime(2025, 3, 3, 9, tzinfo=UTC)


def _offer(*amounts: str) -> Contract:
    return Contract(
        "c1",
        "client",
        ContractKind.FIXED_PRICE,
        STARTED,
        milestones=tuple(
            Milestone(f"m{k}", "Landing page", Money(amount, "USD"))
            for k, amount in enumerate(amounts, 1)
        ),
    )


class TestWorkingEscrowFundedItsAmount:
    """A funded, submitted or changes-requested escrow funded the milestone's whole amount."""

    def test_less_funded_is_refused_naming_the_escrow(self):
        with pytest.raises(InvalidValueError) as info:
            Milestone(
                "m1",
                "Landing page",
                Money("50.00", "USD"),
                escrow=Escrow(MilestoneState.FUNDED, Money("40.00", "USD"), Money("40.00", "USD")),
            )
        assert ("Milestone.escrow", "an active milestone funded with its whole amount") == (
            info.value.field,
            info.value.rule,
        )

    def test_the_same_amount_written_with_fewer_places_is_the_amount(self):
        funded = Money("50.0", "USD")
        milestone = Milestone(
            "m1", "Landing page", Money("50.00", "USD"), escrow=Escrow("funded", funded, funded)
        )
        assert Decimal("50.0") == milestone.escrow.funded.amount

    def test_another_currency_is_refused_before_the_amounts_are_compared(self):
        funded = Money("50.00", "EUR")
        with pytest.raises(CurrencyMismatchError) as info:
            Milestone(
                "m1", "Landing page", Money("50.00", "USD"), escrow=Escrow("funded", funded, funded)
            )
        assert ("Milestone.escrow", "one currency") == (info.value.field, info.value.rule)


class TestReplacedMilestones:
    """``_Milestones.replacing`` keeps the total, positions and holding set right."""

    def test_a_new_amount_moves_the_total(self):
        milestones = _Milestones(_offer("50.00", "20.00").milestones)
        bigger = attrs.evolve(milestones[1], amount=Money("25.00", "USD"))
        replaced = milestones.replacing({1: bigger})
        assert (Decimal("70.00"), Decimal("75.00")) == (milestones.total, replaced.total)

    def test_the_same_amount_keeps_the_total_and_the_indexes(self):
        milestones = _Milestones(_offer("50.00", "20.00").milestones)
        same = attrs.evolve(milestones[0], amount=Money("50.0", "USD"))
        replaced = milestones.replacing({0: same})
        assert (Decimal("70.00"), {"m1": 0, "m2": 1}, frozenset()) == (
            replaced.total,
            dict(replaced.positions),
            replaced.holding,
        )
        assert (None, None) == (replaced.releases_match, replaced.history_fits)

    def test_another_currency_is_refused(self):
        milestones = _Milestones(_offer("50.00").milestones)
        euros = Milestone("m1", "Landing page", Money("50.00", "EUR"))
        with pytest.raises(CurrencyMismatchError) as info:
            milestones.replacing({0: euros})
        assert ("Contract.milestones[0]", "one currency") == (info.value.field, info.value.rule)

    def test_the_indexes_stay_read_only(self):
        replaced = _Milestones(_offer("50.00").milestones).replacing({})
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            replaced.total = Decimal(0)  # type: ignore[misc]


class TestGrownPayments:
    """``_Payments`` keeps the total, the earliest day and the latest moment, however built."""

    def test_built_and_appended(self):
        first = Payment(date(2025, 3, 5), Money("10.00", "USD"))
        earlier = Payment(date(2025, 3, 4), Money("5.00", "USD"))
        built = _Payments((first,))
        grown = built.appending([earlier])
        assert (Decimal("10.00"), 0, first.moment) == (built.total, built.earliest, built.latest)
        assert (Decimal("15.00"), 1, first.moment) == (grown.total, grown.earliest, grown.latest)

    def test_none_yet(self):
        empty = _Payments(())
        assert (Decimal(0), None, None) == (empty.total, empty.earliest, empty.latest)


class TestRunIndexes:
    """A run opens with the contract's positions and the milestones holding escrow."""

    def test_a_funded_milestone_is_held(self):
        funded = escrow.apply(_offer("50.00", "20.00"), Fund("m1", T0))
        run = open_run(funded, None)
        assert ({"m1": 0, "m2": 1}, {0}) == (dict(run.positions), run.holding)

    def test_a_paid_milestone_is_not(self):
        contract = escrow.replay(
            _offer("50.00"), [Fund("m1", T0), Submit("m1", T0), Approve("m1", T0)]
        )
        run = open_run(contract, None)
        assert ({"m1": 0}, set()) == (dict(run.positions), run.holding)
        assert MilestoneState.PAID is contract.milestones[0].escrow.state
