"""Closing note r25's mends: one sequence rule everywhere, and Money times any number.

The readers that copied the sequence rule now share it.

Each of these readers used to test "a sequence, not text or a mapping" by
hand and then read every item, so the bound of ``_decimals.MAX_ITEMS`` did
not reach them: an endless iterator ran until memory ran out.
"""

import itertools
import numbers
from datetime import date, datetime, timezone
from decimal import Decimal

import attrs
import pytest

from upwork_safety import InvalidTypeError, InvalidValueError, Money, escrow, jss, rules
from upwork_safety._decimals import MAX_ITEMS
from upwork_safety._validate import as_sequence
from upwork_safety.testing import factories as f

_LIMIT = f"at most {MAX_ITEMS:,} items"
_T0 = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)


def _refused_past_the_limit(call, field):
    with pytest.raises(InvalidValueError) as caught:
        call()
    assert (caught.value.field, caught.value.rule) == (field, _LIMIT)


def test_an_endless_contract_history_is_refused_past_the_limit():
    contract = f.contract()
    events = itertools.repeat(escrow.Fund(contract.milestones[0].id, at=_T0))
    _refused_past_the_limit(lambda: attrs.evolve(contract, history=events), "Contract.history")


def test_endless_excluded_clients_are_refused_past_the_limit():
    history = [f.contract()]
    _refused_past_the_limit(
        lambda: jss.score(history, as_of=date(2026, 12, 1), exclude_clients=itertools.repeat("c")),
        "exclude_clients",
    )


def test_an_endless_list_of_paydays_weeks_is_refused_past_the_limit():
    _refused_past_the_limit(
        lambda: rules.Payday(weekday=2, weeks=itertools.repeat(1)), "Payday.weeks"
    )


def test_endless_fee_tiers_are_refused_past_the_limit():
    schedule = rules.SERVICE_FEE_HISTORY.in_force(date(2017, 1, 1))
    tier = schedule.tiers[0]
    _refused_past_the_limit(
        lambda: attrs.evolve(schedule, tiers=itertools.repeat(tier)), "ServiceFeeSchedule.tiers"
    )


def test_endless_jss_windows_are_refused_past_the_limit():
    preset = rules.JSS_HISTORY.in_force(date(2026, 12, 1))
    _refused_past_the_limit(
        lambda: attrs.evolve(preset, windows=itertools.repeat(12)), "JSSRules.windows"
    )


def test_score_reads_no_more_distinct_contracts_than_the_limit(monkeypatch):
    """Distinct valid contracts never trip the duplicate check: only the bound stops them."""
    monkeypatch.setattr("upwork_safety._decimals.MAX_ITEMS", 3)
    made = [attrs.evolve(f.contract(), id=f"c{i}") for i in range(5)]
    with pytest.raises(InvalidValueError) as caught:
        jss.score(iter(made), as_of=date(2026, 12, 1))
    assert (caught.value.field, caught.value.rule) == ("contracts", "at most 3 items")
    report = jss.score(iter(made[:3]), as_of=date(2026, 12, 1))
    assert ("c0", "c1", "c2") == tuple(i.contract_id for i in report.impacts)


def test_a_mapping_is_never_read_as_its_keys():
    with pytest.raises(InvalidTypeError) as caught:
        rules.Payday(weekday=2, weeks={1: "first"})
    assert (caught.value.field, caught.value.rule) == ("Payday.weeks", "a sequence of int")


@pytest.mark.parametrize("given", [[1, 2], (1, 2), range(1, 3), iter([1, 2]), {1: 0, 2: 0}.keys()])
def test_as_sequence_keeps_every_item_of_a_finite_iterable_in_order(given):
    assert as_sequence(given, "x", "int") == (1, 2)


@pytest.mark.parametrize("given", ["12", b"12", {1: 2}, 12, None, Decimal(1)])
def test_as_sequence_refuses_what_is_not_several_things(given):
    with pytest.raises(InvalidTypeError) as caught:
        as_sequence(given, "x", "int")
    assert (caught.value.field, caught.value.rule) == ("x", "a sequence of int")


# --------------------------------------------------------------------------
# Money times a number Money cannot hold exactly (closing note r25, Left open)


class _WholeNumber:
    """A whole number of another library (as NumPy's ints): registered as Integral."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __mul__(self, other: object) -> object:
        return other * self.value if isinstance(other, Money) else NotImplemented

    __rmul__ = __mul__


numbers.Integral.register(_WholeNumber)


def test_a_whole_number_of_another_type_may_still_multiply_money():
    assert Money("1.50", "USD") * _WholeNumber(3) == Money("4.50", "USD")
    assert _WholeNumber(3) * Money("1.50", "USD") == Money("4.50", "USD")


# Closing note r26's mends: RuleHistory.presets reads through the same rule.


def test_endless_rule_history_presets_are_refused_past_the_limit():
    _refused_past_the_limit(
        lambda: rules.RuleHistory("mine", itertools.repeat(rules.JSS_CURRENT)),
        "RuleHistory.presets",
    )


def test_rule_history_presets_may_be_any_finite_iterable_but_not_a_mapping():
    history = rules.RuleHistory("mine", iter([rules.JSS_CURRENT]))
    assert history.presets == (rules.JSS_CURRENT,)
    with pytest.raises(InvalidTypeError) as caught:
        rules.RuleHistory("mine", {rules.JSS_CURRENT.name: rules.JSS_CURRENT})
    assert (caught.value.field, caught.value.rule) == (
        "RuleHistory.presets",
        "a sequence of rule sets",
    )


@pytest.mark.parametrize("reader", ["as_sequence", "sequence_of"])
def test_both_readers_stop_an_iterator_after_the_same_item(reader, monkeypatch):
    """One generator reads an iterator for both: each takes the limit's items, then refuses."""
    from upwork_safety import _decimals, _validate

    monkeypatch.setattr(_decimals, "MAX_ITEMS", 3)
    taken = []

    def numbers_counted():
        for n in itertools.count():
            taken.append(n)
            yield n

    def read():
        if reader == "as_sequence":
            return _validate.as_sequence(numbers_counted(), "xs", "numbers")
        return _validate.sequence_of(numbers_counted(), int, "xs")

    with pytest.raises(InvalidValueError) as caught:
        read()
    assert caught.value.field == "xs"
    assert caught.value.rule == "at most 3 items"
    assert taken == [0, 1, 2, 3]
