"""The break-even spread: the largest markup at which a method still delivers enough (private).

:meth:`WithdrawalComparison.break_even_spread` (``_compare``) asks
:func:`_largest_spread` for the largest spread, on the grid of
:data:`SPREAD_STEP`, at which a method still delivers a target amount:
found from the conversion's rounding and checked a step either side, so
the answer is exact whatever the rounding of the applied rate.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING

from upwork_safety._decimals import CONTEXT
from upwork_safety.fees._common import ONE, ZERO, first_reaching, from_units, units
from upwork_safety.fees._route import RateBasis, Route
from upwork_safety.money import MAX_DIGITS, Money, rate_of, round_half_up

if TYPE_CHECKING:
    from upwork_safety.money import ExchangeRate
    from upwork_safety.rules import WithdrawalMethod

__all__ = [
    "SPREAD_STEP",
]


#: :meth:`WithdrawalComparison.break_even_spread` answers on this grid: a
#: millionth, that is 0.0001%.
SPREAD_STEP = Decimal("0.000001")


_SPREAD_PLACES = 6


def _largest_spread(
    method: WithdrawalMethod,
    amount: Money,
    reference: ExchangeRate,
    tax_rate: Decimal,
    target: Money,
) -> Decimal | None:
    """The largest spread on the grid at which *method* still delivers at least *target*."""

    def received(spread: Decimal) -> Money:
        if not round_half_up(
            CONTEXT.multiply(reference.rate, CONTEXT.subtract(ONE, spread)), MAX_DIGITS
        ):
            # A rate that rounds to nothing at 18 places delivers nothing (and
            # is no ExchangeRate): never an error about a rate nobody built.
            return Money.zero(target.currency)
        path = Route(method, reference, reference.with_spread(spread), RateBasis.SPREAD, tax_rate)
        return path.received(amount)

    if received(ZERO) < target:
        return None
    # The conversion rounds half up, so the converted amount reaches c when
    # the unrounded amount reaches c less half a minor unit; the smallest c
    # whose after-tax amount reaches the target gives the exact spread, on
    # the grid after flooring.  The checks below make it exact whatever the
    # rounding of the applied rate.
    at_reference = Route(method, reference, reference, RateBasis.SPREAD, tax_rate).outcome(amount)
    left = at_reference.left
    currency = target.currency
    low, high = units(target), units(at_reference.converted)

    def after_tax(cents: int) -> Money:
        converted = from_units(cents, currency)
        return converted - rate_of(converted, tax_rate)

    # the smallest converted amount whose after-tax amount reaches the target
    smallest = first_reaching(lambda cents: after_tax(cents) >= target, low, max(high, low))
    # The method delivers the target at the reference rate (checked above), so at *high*.
    assert smallest is not None
    half = from_units(1, currency).amount / 2
    needed = from_units(smallest, currency).amount - half
    bound = ONE - needed / (left.amount * reference.rate)
    steps = min(math.floor(bound.scaleb(_SPREAD_PLACES)), 10**_SPREAD_PLACES - 1)
    steps = max(steps, 0)

    def spread_at(count: int) -> Decimal:
        return _trimmed(Decimal(count).scaleb(-_SPREAD_PLACES))

    while steps > 0 and received(spread_at(steps)) < target:
        steps -= 1
    while steps + 1 < 10**_SPREAD_PLACES and received(spread_at(steps + 1)) >= target:
        steps += 1
    return spread_at(steps)


def _trimmed(value: Decimal) -> Decimal:
    """*value* without trailing zeros: ``0.020990`` → ``0.02099`` (and never ``2E+2``)."""
    if value == value.to_integral_value():
        return value.quantize(ONE)
    return value.normalize(CONTEXT)
