"""Helpers shared by the fee, withdrawal, tax and payment-schedule rules (private)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from upwork_safety._decimals import fraction
from upwork_safety._validate import field_name, instance_field
from upwork_safety.errors import InvalidValueError, RulesError, UpworkSafetyError
from upwork_safety.money import Money
from upwork_safety.rules._provenance import RuleSource

ZERO = Decimal(0)


def to_rate(value: Decimal | int | str) -> Decimal:
    """An attrs converter: a rate read by the library's one rate rule (``"10%"`` or ``"0.10"``).

    Anything the rule refuses is left as it is for :func:`rate_field`, which
    names the field in the error.
    """
    try:
        return fraction(value, "rate")
    except UpworkSafetyError:
        return value  # type: ignore[return-value]  # refused by rate_field, naming the field


def optional_to_rate(value: Decimal | int | str | None) -> Decimal | None:
    """:func:`to_rate` for an optional rate."""
    return None if value is None else to_rate(value)


def rate_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: a rate from 0 up to (not including) 1.

    A rules object that breaks the rule is a :class:`RulesError` naming the
    field; a value of the wrong type stays an ``InvalidTypeError``.  The rule
    is :func:`~upwork_safety._decimals.fraction`'s, limits included: a
    ``Decimal("1E-20")`` given as it is is refused like ``"1E-18%"`` would be.
    """
    name = field_name(instance, attribute)
    try:
        fraction(value, name)
    except InvalidValueError as error:
        raise RulesError(str(error), field=name, rule=error.rule) from None


def optional_rate_field(instance: object, attribute: Any, value: Any) -> None:
    """:func:`rate_field` for an optional rate."""
    if value is not None:
        rate_field(instance, attribute, value)


#: An attrs validator: the field holds a :class:`RuleSource`.
source_field = instance_field(RuleSource)
#: :func:`source_field`, or ``None``.
optional_source_field = instance_field(RuleSource, optional=True)


def usd(amount: str) -> Money:
    """US dollars, for the presets' figures."""
    return Money(amount, "USD")
