"""The State Bank of Pakistan's retention allowance (DOMAIN.md section 5).

Since October 2023 a freelancer may keep 50% of a month's export proceeds
or USD 5,000, whichever is higher, in a foreign-currency account.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety import fees, rules, serialize
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    RulesError,
)
from upwork_safety.money import Money

DAY = date(2025, 6, 30)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


@pytest.mark.parametrize(
    ("proceeds", "kept"),
    [
        ("0.00", "0.00"),  # nothing earned, nothing kept
        ("3000.00", "3000.00"),  # under USD 5,000: all of it may stay in dollars
        ("5000.00", "5000.00"),
        ("8000.00", "5000.00"),  # USD 5,000 is higher than half
        ("10000.00", "5000.00"),  # the two meet
        ("10000.01", "5000.00"),  # half is 5,000.005: a most, rounded down
        ("10000.03", "5000.01"),  # 5,000.015
        ("10000.04", "5000.02"),
        ("12000.00", "6000.00"),  # half is higher than USD 5,000
    ],
)
def test_the_higher_of_half_and_five_thousand_never_more_than_the_proceeds(proceeds, kept):
    result = fees.retention_allowance(usd(proceeds), on=DAY)
    assert isinstance(result, Money)
    assert usd(kept) == result


def test_the_rule_starts_with_the_circular_of_23_october_2023():
    assert fees.FREELANCER_RETENTION_2023 is rules.RETENTION_HISTORY.in_force(date(2023, 10, 23))
    assert (date(2023, 10, 23), Decimal("0.50"), usd("5000.00")) == (
        fees.FREELANCER_RETENTION_2023.effective,
        fees.FREELANCER_RETENTION_2023.share,
        fees.FREELANCER_RETENTION_2023.monthly_amount,
    )
    assert usd("5000.00") == fees.retention_allowance(usd("6000.00"), on=date(2023, 10, 23))
    with pytest.raises(RulesError) as refused:
        fees.retention_allowance(usd("6000.00"), on=date(2023, 10, 22))
    assert "on" == refused.value.field


def test_october_2023_counts_from_the_circulars_day_not_the_first():
    """Fidelity r18 L5: DOMAIN.md says "since 2023-10"; the circular's day is the 23rd, so
    1 to 22 October 2023 are refused (the month's proceeds from the 23rd only, documented)."""
    for day in (date(2023, 10, 1), date(2023, 10, 22)):
        with pytest.raises(RulesError) as refused:
            fees.retention_allowance(usd("6000.00"), on=day)
        assert ("on", "on or after 2023-10-23") == (refused.value.field, refused.value.rule)
    assert usd("5000.00") == fees.retention_allowance(usd("6000.00"), on=date(2023, 10, 31))


def test_on_may_be_an_aware_moment_read_as_its_utc_day():
    late = datetime(2023, 10, 22, 23, 30, tzinfo=timezone.utc)
    with pytest.raises(RulesError):
        fees.retention_allowance(usd("6000.00"), on=late)
    pakistan = timezone(timedelta(hours=5))
    early = datetime(2023, 10, 23, 4, 30, tzinfo=pakistan)  # 22 October 23:30 UTC
    with pytest.raises(RulesError):
        fees.retention_allowance(usd("6000.00"), on=early)
    assert usd("5000.00") == fees.retention_allowance(
        usd("6000.00"), on=datetime(2023, 10, 23, tzinfo=timezone.utc)
    )


def test_a_what_if_may_keep_everything():
    everything = attrs.evolve(fees.FREELANCER_RETENTION_2023, share="100%")
    assert Decimal(1) == everything.share
    assert usd("12345.67") == fees.retention_allowance(usd("12345.67"), on=DAY, rules=everything)


def test_a_what_if_rule_given_alone_is_used_for_any_day_and_a_history_from_its_first():
    """The IT exporters' older 35%, with no monthly amount, as a what-if.

    Given alone it applies to any day, before its own effective day too, as a
    rule set of every family does; given as a history it starts on that day
    and an earlier one is refused naming rules (review r26, review 3: it was
    refused naming ``on``, the library's own history).
    """
    older = fees.RetentionRules(
        effective=date(2023, 1, 1),
        share="35%",
        monthly_amount=usd("0.00"),
        source=rules.RuleSource("SEC news of 2023-10-23 (the limit before)"),
    )
    for day in (date(2023, 6, 1), date(2022, 12, 31)):
        assert usd("2800.00") == fees.retention_allowance(usd("8000.00"), on=day, rules=older)
    dated = rules.RuleHistory("older retention", (older,))
    assert usd("2800.00") == fees.retention_allowance(
        usd("8000.00"), on=date(2023, 1, 1), rules=dated
    )
    with pytest.raises(RulesError) as refused:
        fees.retention_allowance(usd("8000.00"), on=date(2022, 12, 31), rules=dated)
    assert ("rules", "on or after 2023-01-01") == (refused.value.field, refused.value.rule)


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"proceeds": Money("1000", "PKR")}, CurrencyMismatchError, "proceeds"),
        ({"proceeds": usd("-0.01")}, InvalidValueError, "proceeds"),
        ({"proceeds": usd("100.001")}, InvalidValueError, "proceeds"),
        ({"proceeds": 100}, InvalidTypeError, "proceeds"),
        ({"on": datetime(2025, 6, 30)}, InvalidValueError, "on"),  # naive: no UTC day
        ({"on": "2025-06-30"}, InvalidTypeError, "on"),
        ({"rules": fees.EXPORT_TAX_2022}, InvalidTypeError, "rules"),
    ],
)
def test_bad_arguments_are_refused_naming_them(kwargs, error, field):
    arguments: dict[str, object] = {"proceeds": usd("100.00"), "on": DAY, **kwargs}
    with pytest.raises(error) as refused:
        fees.retention_allowance(**arguments)  # type: ignore[arg-type]
    assert type(refused.value) is error
    assert field == refused.value.field


@pytest.mark.parametrize(
    ("change", "error", "field"),
    [
        ({"share": "1.01"}, RulesError, "RetentionRules.share"),
        ({"share": "101%"}, RulesError, "RetentionRules.share"),
        ({"share": "-0.1"}, RulesError, "RetentionRules.share"),
        ({"monthly_amount": Money("5000", "PKR")}, RulesError, "RetentionRules.monthly_amount"),
        ({"monthly_amount": usd("-1")}, RulesError, "RetentionRules.monthly_amount"),
        ({"monthly_amount": usd("1.005")}, InvalidValueError, "RetentionRules.monthly_amount"),
        ({"monthly_amount": 5000}, InvalidTypeError, "RetentionRules.monthly_amount"),
        ({"effective": datetime(2023, 10, 23)}, InvalidTypeError, "RetentionRules.effective"),
        ({"source": "SBP"}, InvalidTypeError, "RetentionRules.source"),
    ],
)
def test_a_rule_set_that_breaks_its_rules_cannot_be_built(change, error, field):
    with pytest.raises(error) as refused:
        attrs.evolve(fees.FREELANCER_RETENTION_2023, **change)
    assert field == refused.value.field


def test_the_rule_set_round_trips():
    data = serialize.to_dict(fees.FREELANCER_RETENTION_2023)
    assert fees.FREELANCER_RETENTION_2023 == serialize.from_dict(fees.RetentionRules, data)


@given(st.integers(0, 10**9).map(lambda cents: usd(str(Decimal(cents) / 100))))
def test_the_allowance_is_the_most_whole_cents_the_rule_lets_you_keep(proceeds):
    """The largest whole-cent amount within both limits: the proceeds, and the higher of
    half of them and USD 5,000 (one cent more would pass one of them)."""
    kept = fees.retention_allowance(proceeds, on=DAY)
    limit = min(proceeds.amount, max(proceeds.amount / 2, Decimal(5000)))
    assert kept.is_rounded()
    assert usd("0") <= kept <= proceeds
    assert kept.amount <= limit < kept.amount + Decimal("0.01")
