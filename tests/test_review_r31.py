"""The thirty-first round's code review findings fixed by the lead (review r31, N)."""

from __future__ import annotations

from datetime import date

import pytest

from upwork_safety import Contract, ContractKind, Money, fees, rules
from upwork_safety.errors import InvalidTypeError

# ------------------------------------------------ finding 2: sources() of what is no rules object


@pytest.mark.parametrize(
    "value",
    [
        Money("1.00", "USD"),
        Contract("c", "cl", ContractKind.FIXED_PRICE, date(2025, 1, 1)),
        rules.HISTORY,
        rules.SERVICE_FEE_HISTORY,
        42,
    ],
    ids=["money", "contract", "history", "fee-history", "int"],
)
def test_sources_refuses_what_is_no_rules_object(value):
    """An attrs value with no sourced rule listed nothing: it read as "no sourced rules"."""
    with pytest.raises(InvalidTypeError) as info:
        rules.sources(value)
    assert (info.value.field, info.value.rule) == ("rules", "a rules object")


def test_a_rule_history_is_told_how_to_get_one_of_its_sets():
    with pytest.raises(InvalidTypeError) as info:
        rules.sources(rules.HISTORY)
    assert ".in_force(day)" in str(info.value)
    assert len(rules.sources(rules.HISTORY.current)) == len(rules.sources(rules.CURRENT))


@pytest.mark.parametrize(
    "value",
    [rules.CURRENT, rules.JSS_CURRENT, rules.PER_CONTRACT_2025, fees.DIRECT_TO_LOCAL_BANK],
    ids=["platform", "jss", "fee-schedule", "withdrawal-method"],
)
def test_every_kind_of_rules_object_still_lists_its_sources(value):
    listed = rules.sources(value)
    assert listed
    assert all(isinstance(source, rules.RuleSource) for _, _, source in listed)


def test_what_is_no_rules_object_is_told_by_its_type_not_by_probing_it():
    """A caller's ``__getattr__`` that raises is never called (review r31, diff review 5)."""

    class Hostile:
        def __getattr__(self, name: str) -> object:
            raise RuntimeError(name)

    with pytest.raises(InvalidTypeError) as info:
        rules.sources(Hostile())
    assert (info.value.field, info.value.rule) == ("rules", "a rules object")
