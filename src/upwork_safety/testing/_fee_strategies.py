"""Strategies for fee what-ifs: service fee schedules, withdrawal methods, future jobs (private).

Public through :mod:`upwork_safety.testing.strategies` (review r41, review 5).
As for :func:`~upwork_safety.testing.strategies.platform_rules`, a what-if
is a published preset with some of its numbers redrawn, each within what
the constructor accepts, and renamed ``"what-if on <preset>"``; the bounds
are read from the presets (twice a preset's amount), never copied.
"""

from __future__ import annotations

import functools
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from upwork_safety import rules
from upwork_safety._decimals import CONTEXT, flag
from upwork_safety.jss import FutureJob
from upwork_safety.money import Money, minor_unit
from upwork_safety.rules import FeeTier, ServiceFeeSchedule, WithdrawalMethod
from upwork_safety.testing._arguments import built, mapped
from upwork_safety.testing._scalar_strategies import money

#: What-if rates are drawn in tenths of a percent (three places), below one
#: half: every rate a fee schedule or a withdrawal method holds is well below.
#: (No integer literal of 100 or more here: Hypothesis draws such constants of
#: the project's modules more often, which would move every other strategy's
#: derandomized draws.)
_PLACES = 3
_HALF = Decimal("0.5")
#: The longest job a FutureJob takes, ten years of days (3,660: its constructor's
#: bound, which the tests check this reaches; written as a product for the reason above).
_LONGEST_JOB = 10 * 366


def _rates(low: Decimal = Decimal(0), high: Decimal | None = None) -> st.SearchStrategy[Decimal]:
    """Rates from *low* to *high* (by default one half), in tenths of a percent."""
    first = int(low.scaleb(_PLACES).to_integral_value(rounding=ROUND_CEILING))
    last = int((_HALF if high is None else high).scaleb(_PLACES).to_integral_value(ROUND_FLOOR))
    return mapped(st.integers(first, last), lambda n: Decimal(n).scaleb(-_PLACES, context=CONTEXT))


def _cents_from_zero(top: Money) -> st.SearchStrategy[Money]:
    """Money from zero up to *top* in whole minor units, in *top*'s currency."""
    places = minor_unit(top.currency)
    units = int(top.amount.scaleb(places, context=CONTEXT))
    return mapped(
        st.integers(0, units),
        lambda n: Money(Decimal(n).scaleb(-places, context=CONTEXT), top.currency),
    )


def _what_if(preset: Any, chosen: dict[str, Any], name_field: str = "name") -> Any:
    """*preset* with the *chosen* fields that are not ``None``, renamed when anything changed."""
    changes = {key: value for key, value in chosen.items() if value is not None}
    if not changes:
        return preset
    name = f"what-if on {getattr(preset, name_field)}"
    return attrs.evolve(preset, **{name_field: name}, **changes)


# --------------------------------------------------------------------------- service fee


def service_fee_schedules(*, what_if: bool = True) -> st.SearchStrategy[ServiceFeeSchedule]:
    """:class:`~upwork_safety.fees.ServiceFeeSchedule`: presets, and what-if variations of them.

    A preset of ``upwork_safety.rules.SERVICE_FEE_HISTORY`` (shrinking
    to the oldest), and with *what_if* (the default) variations of them
    that the constructor accepts, renamed ``"what-if on <preset>"``, each
    keeping its preset's shape: a flat schedule's rate (and its legacy
    rate, if it has one) redrawn up to one half; a sliding scale's band
    rates redrawn up to one half, its band ends kept; a per-contract
    schedule's default rate redrawn within its range.  Rates are in tenths
    of a percent.  Pass one to ``rules=`` of
    :func:`upwork_safety.fees.service_fee`, say.

    Raises:
        InvalidTypeError: *what_if* is not a bool.
    """
    return _service_fee_schedules(flag(what_if, "what_if"))


@functools.cache
def _service_fee_schedules(what_if: bool) -> st.SearchStrategy[ServiceFeeSchedule]:  # noqa: FBT001
    presets = st.sampled_from(tuple(rules.SERVICE_FEE_HISTORY))
    if not what_if:
        return presets
    return presets | presets.flatmap(_fee_variations)


@functools.cache  # one strategy per preset
def _fee_variations(preset: ServiceFeeSchedule) -> st.SearchStrategy[ServiceFeeSchedule]:
    changes: dict[str, st.SearchStrategy[Any]] = {}
    if preset.tiers:
        bands = [mapped(_rates(), functools.partial(FeeTier, tier.up_to)) for tier in preset.tiers]
        changes["tiers"] = st.none() | st.tuples(*bands)
    elif preset.per_contract:
        if preset.rate is not None:
            changes["rate"] = st.none() | _rates(preset.minimum_rate, preset.maximum_rate)
    else:
        changes["rate"] = st.none() | _rates()
        if preset.legacy_rate is not None:
            changes["legacy_rate"] = st.none() | _rates()
    return built(functools.partial(_what_if, preset), st.fixed_dictionaries(changes))


# --------------------------------------------------------------------------- withdrawals


def withdrawal_methods(*, what_if: bool = True) -> st.SearchStrategy[WithdrawalMethod]:
    """:class:`~upwork_safety.fees.WithdrawalMethod`: presets, and what-if variations of them.

    One of ``upwork_safety.rules.PAKISTAN_METHODS``, and with *what_if*
    (the default) variations of them that the constructor accepts, renamed
    ``"what-if on <name>"`` (the key kept, so the library tells a changed
    number from its published source): the fixed fee and the minimum
    redrawn from zero to twice the preset's (up to USD 2.00 where the preset's
    is zero), the percentage fee up to one half, and a published spread
    up to one half (a spread the sources do not give stays ``None``).  Pass
    one to :func:`upwork_safety.fees.quote_withdrawal`, say.

    Raises:
        InvalidTypeError: *what_if* is not a bool.
    """
    return _withdrawal_methods(flag(what_if, "what_if"))


@functools.cache
def _withdrawal_methods(what_if: bool) -> st.SearchStrategy[WithdrawalMethod]:  # noqa: FBT001
    presets = st.sampled_from(rules.PAKISTAN_METHODS)
    if not what_if:
        return presets
    return presets | presets.flatmap(_method_variations)


def _up_to_twice(amount: Money) -> st.SearchStrategy[Money]:
    top = amount + amount if amount.amount else Money("2.00", amount.currency)
    return _cents_from_zero(top)


@functools.cache  # one strategy per preset
def _method_variations(preset: WithdrawalMethod) -> st.SearchStrategy[WithdrawalMethod]:
    changes: dict[str, st.SearchStrategy[Any]] = {
        "fixed_fee": st.none() | _up_to_twice(preset.fixed_fee),
        "minimum": st.none() | _up_to_twice(preset.minimum),
        "percentage_fee": st.none() | _rates(),
    }
    if preset.spread is not None:
        changes["spread"] = st.none() | _rates()
    return built(functools.partial(_what_if, preset), st.fixed_dictionaries(changes))


# --------------------------------------------------------------------------- JSS forecast


def future_jobs() -> st.SearchStrategy[FutureJob]:
    """:class:`~upwork_safety.jss.FutureJob` values for :func:`upwork_safety.jss.forecast`.

    USD 0.00 to 5,000.00, lasting 1 day to ten years (mostly up to 90
    days), for a new client (``client_id`` ``None``) or, one time in four, a
    rehire by one of ``client-1`` … ``client-50``, the client ids of
    ``fixed_price_contracts()`` (an id no contract of the history has is a
    client with no earlier contract).  None finishes an open contract: build one with
    ``attrs.evolve(job, finishes=contract.id)`` for a contract of yours.
    """
    return _future_jobs()


@functools.cache
def _future_jobs() -> st.SearchStrategy[FutureJob]:
    days = st.integers(1, 90) | st.integers(1, _LONGEST_JOB)
    # A quarter evenly drawn (st.integers favours its ends): three in four a new client.
    client = mapped(
        st.tuples(st.sampled_from(range(4)), st.integers(1, 50)),
        lambda drawn: f"client-{drawn[1]}" if drawn[0] == 3 else None,
    )
    return built(
        FutureJob,
        amount=money("USD", max_value="5000"),
        days=days,
        client_id=client,
    )
