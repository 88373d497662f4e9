"""The arithmetic of sharing an amount: ``Money.split`` and ``Money.allocate`` (private).

Both work in whole minor units (cents), so every share is exact integer
arithmetic and the parts add up to the amount; this module reads the
ratios ``allocate`` takes and shares a number of units by them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from decimal import Decimal

from upwork_safety._decimals import CONTEXT, _places, to_decimal
from upwork_safety.errors import InvalidTypeError, InvalidValueError


def ratios(values: Iterable[Decimal | int | str], max_parts: int, money: type) -> list[Decimal]:
    """The ratios ``allocate(values)`` takes: non-negative numbers, at most *max_parts*.

    A mapping or a set has no order of parts (a dict would give its keys), and
    a str, bytes or a *money* is no sequence of numbers.
    """
    unordered = isinstance(values, (Mapping, AbstractSet))
    if unordered or isinstance(values, (str, bytes, money)) or not hasattr(values, "__iter__"):
        raise InvalidTypeError(
            f"allocate(ratios) must be a sequence of numbers, not {type(values).__name__}",
            field="ratios",
            rule="a sequence of numbers",
        )
    read: list[Decimal] = []
    for index, ratio in enumerate(values):
        if index >= max_parts:
            raise InvalidValueError(
                f"allocate(ratios) takes at most {max_parts} ratios",
                field="ratios",
                rule=f"at most {max_parts} parts",
            )
        value = to_decimal(ratio, f"ratios[{index}]")
        if value < 0:
            raise InvalidValueError(
                f"ratios[{index}] must not be negative, got {value}",
                field=f"ratios[{index}]",
                rule="not negative",
            )
        read.append(value)
    return read


def shares(units: int, weights: list[Decimal] | list[int]) -> list[int]:
    """*units* shared by *weights* (at least one positive), the leftover one each to the first.

    Each share is the units times its weight's share, rounded down; the units
    left over go one each to the first parts whose weight is not zero (as in
    dinero.js's ``allocate``).  A negative *units* gives negative shares.
    """
    # Scale every ratio to an integer, so the shares are exact integer arithmetic.
    scale = max(_places(weight) for weight in weights)
    whole = [int(Decimal(weight).scaleb(scale, context=CONTEXT)) for weight in weights]
    total = sum(whole)
    magnitude = abs(units)
    parts = [magnitude * weight // total for weight in whole]
    left = magnitude - sum(parts)
    for index, weight in enumerate(whole):
        if not left:
            break
        if weight:
            parts[index] += 1
            left -= 1
    sign = -1 if units < 0 else 1
    return [sign * part for part in parts]
