"""Validators of amounts shared by the models and engines (private).

The library's one "not negative" rule for an amount (:func:`check_money`),
its one "more than zero" rule (:data:`MORE_THAN_ZERO`, :func:`more_than_zero`),
its one "whole minor units" rule (:func:`whole_cents`), and the attrs
validators built on them.  Like :mod:`._validate`, each raises an
:class:`~upwork_safety.errors.UpworkSafetyError` subclass naming the field.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from upwork_safety._validate import field_name, refuse_subclass
from upwork_safety.errors import InvalidValueError
from upwork_safety.money import Money, _whole_units, held, require_money, to_decimal

#: The rule an amount that must be worth something breaks when it is zero or less
#: (review r43, review 1): a milestone's amount, an amount or bonus an event states,
#: an hourly rate.  Every amount <= 0 on such a field, a negative one too, is
#: refused by this one rule, never by "not negative".
MORE_THAN_ZERO = "more than zero"


def check_money(value: object, what: str) -> Money:
    """Return *value* if it is a non-negative :class:`Money`, else raise naming *what*.

    The library's one "not negative" rule for an amount (review r40, review
    6): its sign is not set, so a negative zero (``Money("-0.00", "USD")``)
    is refused too.  It equals zero, but no arithmetic of the library gives
    one and it would be stored and written back as ``"-0.00"``, a negative
    amount: it is refused, not rewritten.  A plain number where money is
    expected gets an error showing how to write it (``Money("500", "USD")``).
    """
    value = require_money(value, what)
    if value.amount.is_signed():
        zero = not value.amount
        raise InvalidValueError(
            f"{what} must not be negative, got "
            + (
                f"a negative zero ({value.amount}); write {value.amount.copy_abs()}"
                if zero
                else f"{value}"
            ),
            field=what,
            rule="not negative",
        )
    return value


def more_than_zero(value: object, what: str, of: str = "") -> Money:
    """Return *value* if it is a :class:`Money` more than zero, else raise naming *what*.

    Rule :data:`MORE_THAN_ZERO` for zero, a negative zero and a negative
    amount alike; a plain number gets :func:`~upwork_safety.money.require_money`'s error.
    *of* says, in the message only, when the rule holds (``" of a release"``).
    """
    value = require_money(value, what)
    if not value.amount > 0:
        # A negative zero is shown as given: Money's text would write it as 0.00.
        zero = value.amount.is_signed() and not value.amount
        got = f"a negative zero ({value.amount})" if zero else f"{value}"
        raise InvalidValueError(
            f"{what}{of} must be more than zero, got {got}", field=what, rule=MORE_THAN_ZERO
        )
    return value


def whole_cents(value: Money, what: str) -> Money:
    """*value* if it has no digits below its currency's minor unit (whole cents), else raise."""
    if not value.is_rounded():
        unit = "minor units (cents)" if value.minor_unit == 2 else "minor units"
        rounded = value.rounded()
        hint = (
            f"; to use the nearest, round it first: {rounded} is .rounded() (half up)"
            if rounded.amount
            else ""
        )
        raise InvalidValueError(
            f"{what} must be whole {value.currency} {unit}, got {value}{hint}",
            field=what,
            rule="whole minor units",
        )
    return value


def money_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: a non-negative plain :class:`Money`.

    Pair it with the converter :func:`plain_money`, which makes a ``Money``
    subclass plain; a subclass that reaches it is refused.
    """
    if _plain_non_negative(value):
        return
    name = field_name(instance, attribute)
    refuse_subclass(value, Money, name)
    check_money(value, name)


def _plain_non_negative(value: object) -> bool:
    """Whether *value* is a plain, non-negative :class:`Money`: what :func:`money_field` takes."""
    # held(): a Money made without its constructor is not taken here; check_money names it.
    # Not negative is an unset sign (check_money): -0.00 is refused as well.
    return type(value) is Money and held(value) is not None and not value.amount.is_signed()


def cents_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: a non-negative :class:`Money` in whole minor units (cents).

    Every amount Upwork moves (a milestone, a payment, escrow) is in cents.
    """
    # One held() for both tests (is_rounded() would read and check the slots again).
    fields = held(value) if type(value) is Money else None
    if fields is not None and not fields[0].is_signed() and _whole_units(*fields):
        return
    money_field(instance, attribute, value)
    whole_cents(value, field_name(instance, attribute))


def positive_cents_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: a plain :class:`Money` more than zero, in whole minor units.

    As :func:`cents_field`, but every amount of zero or less is refused by
    :func:`more_than_zero` (rule :data:`MORE_THAN_ZERO`), a negative one too.
    """
    fields = held(value) if type(value) is Money else None
    if fields is not None and fields[0] > 0 and _whole_units(*fields):
        return
    name = field_name(instance, attribute)
    refuse_subclass(value, Money, name)
    whole_cents(more_than_zero(value, name), name)


def optional_positive_cents_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: ``None`` or what :func:`positive_cents_field` takes."""
    if value is not None:
        positive_cents_field(instance, attribute, value)


def optional_cents_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: ``None`` or what :func:`cents_field` takes."""
    if value is not None:
        cents_field(instance, attribute, value)


def decimal_value(value: object, what: str) -> Decimal:
    """Coerce a ``Decimal | int | str`` to ``Decimal`` (floats refused)."""
    return to_decimal(value, what)
