"""Where the order of a list means something, a set is refused (review r28 6).

``RuleHistory.presets`` is oldest first; since r28 it was read by
``as_sequence``, which took any iterable, so ``RuleHistory("x", set(presets))``
loaded or was refused by the hash seed (the order a set happens to give).
The rule is ``_validate.as_sequence(..., ordered=...)``: a set (any
``collections.abc.Set``: ``set``, ``frozenset``, a dict's keys or items) is
refused naming the field, rule "an ordered sequence", whatever it holds.
The same holds for a fee schedule's bands and an escrow history's events.
"""

from __future__ import annotations

import collections.abc
from datetime import datetime, timezone

import attrs
import pytest

from upwork_safety import _history, escrow, fees, rules
from upwork_safety.errors import InvalidTypeError
from upwork_safety.testing import factories as f

UNORDERED = [
    pytest.param(set, id="set"),
    pytest.param(frozenset, id="frozenset"),
    pytest.param(lambda items: collections.abc.KeysView(set(items)), id="a Set ABC"),
]
ORDERED = [
    # A dict's keys keep its insertion order: set-like, yet ordered (lead r28).
    pytest.param(lambda items: dict.fromkeys(items).keys(), id="dict keys"),
    pytest.param(list, id="list"),
    pytest.param(tuple, id="tuple"),
    pytest.param(iter, id="iterator"),
    pytest.param(lambda items: (item for item in items), id="generator"),
]


def _refused(call, field):
    with pytest.raises(InvalidTypeError) as caught:
        call()
    assert (field, "an ordered sequence") == (caught.value.field, caught.value.rule)


@pytest.mark.parametrize("history", [rules.HISTORY, fees.SERVICE_FEE_HISTORY])
@pytest.mark.parametrize("unordered", UNORDERED)
def test_a_rule_history_of_a_set_is_refused_whatever_the_hash_seed(history, unordered):
    """It loaded under some PYTHONHASHSEED values and not others (oldest first by luck)."""
    _refused(lambda: rules.RuleHistory("mine", unordered(list(history))), "RuleHistory.presets")


@pytest.mark.parametrize("history", [rules.HISTORY, fees.SERVICE_FEE_HISTORY])
@pytest.mark.parametrize("ordered", ORDERED)
def test_a_rule_history_in_order_still_loads(history, ordered):
    mine = rules.RuleHistory("mine", ordered(list(history)))
    assert list(history) == list(mine)


def _banded() -> fees.ServiceFeeSchedule:
    return next(s for s in fees.SERVICE_FEE_HISTORY if len(s.tiers) > 1)


@pytest.mark.parametrize("unordered", UNORDERED)
def test_a_fee_schedules_bands_as_a_set_are_refused(unordered):
    schedule = _banded()
    _refused(
        lambda: attrs.evolve(schedule, tiers=unordered(schedule.tiers)),
        "ServiceFeeSchedule.tiers",
    )
    assert schedule == attrs.evolve(schedule, tiers=iter(schedule.tiers))


@pytest.mark.parametrize("unordered", UNORDERED)
def test_a_contracts_history_as_a_set_is_refused(unordered):
    contract = f.contract()
    fund = escrow.Fund(contract.milestones[0].id, at=datetime(2026, 3, 2, 9, tzinfo=timezone.utc))
    _refused(lambda: attrs.evolve(contract, history=unordered([fund])), "Contract.history")
    assert (fund,) == tuple(_history.history(iter([fund]), "Contract.history"))
