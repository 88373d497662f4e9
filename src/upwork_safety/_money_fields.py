"""The rules of the fields of ``Money`` and ``ExchangeRate`` (private; public via ``money``).

The currencies babel knows and their minor units, an amount, a rate, the
date and the source of a rate (its text by the rules of ``_text``).  Babel
is imported on first use.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import TYPE_CHECKING, Any

from upwork_safety._decimals import to_decimal
from upwork_safety._display import shown
from upwork_safety._last_day import LATEST, too_late
from upwork_safety._text import long_text, not_unicode, unicode_text
from upwork_safety.errors import InvalidTypeError, InvalidValueError

if TYPE_CHECKING:
    from decimal import Decimal

    import attrs


def _amount(value: Decimal | int | str) -> Decimal:
    return to_decimal(value, "Money.amount")


#: The rule of amounts that must share a currency: a contract's milestones, payments,
#: hourly rate and every amount its history's events state (so both amounts of one event).
ONE_CURRENCY = "one currency"

#: ISO 4217 codes that name no money: "XXX" is the code for transactions in
#: which no currency is involved, "XTS" is reserved for testing (ISO 4217,
#: section 6).  babel lists both, but nobody is paid in either (red team r26
#: serialize 6).
NOT_MONEY = {"XXX": "no currency", "XTS": "testing"}


@functools.cache
def _known_currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies()) - NOT_MONEY.keys()


@functools.cache
def minor_unit(currency: str) -> int:
    """Return how many decimal places *currency* uses (``2`` for USD and PKR).

    Args:
        currency: An ISO 4217 code that babel knows.

    Returns:
        The number of digits after the decimal point, from babel's CLDR data.
    """
    from babel.numbers import get_currency_precision

    return int(get_currency_precision(currency))


def check_currency(instance: object, attribute: attrs.Attribute[str], code: str) -> None:
    """An attrs validator: an ISO 4217 code babel knows, the error naming ``Class.field``.

    The one currency rule: :class:`Money`, :class:`ExchangeRate` and every
    rules object with a currency field (withdrawal methods, service-fee
    schedules) use it.

    Raises:
        InvalidTypeError: *code* is not a ``str``.
        InvalidValueError: A code babel does not know (the message suggests
            the upper-case code when that is one).
    """
    if type(code) is str and code in _known_currencies():
        return
    name = f"{type(instance).__name__}.{attribute.name}"
    if not issubclass(type(code), str):
        raise InvalidTypeError(
            f"{name} must be an ISO 4217 code as str, not {type(code).__name__}",
            field=name,
            rule="an ISO 4217 code",
        )
    if code in NOT_MONEY:
        raise InvalidValueError(
            f"{name} must be a currency, got {shown(code)}, ISO 4217's code for {NOT_MONEY[code]}",
            field=name,
            rule="a currency",
        )
    upper = code.upper()
    hint = f" (codes are upper case: {upper!r})" if upper in _known_currencies() else ""
    raise InvalidValueError(
        f"{name} must be an ISO 4217 currency code babel knows (e.g. 'USD', 'PKR'), got "
        f"{shown(code)}{hint}",
        field=name,
        rule="an ISO 4217 code",
    )


def _rate(value: Decimal | int | str) -> Decimal:
    rate = to_decimal(value, "ExchangeRate.rate")
    if rate <= 0:
        raise InvalidValueError(
            f"ExchangeRate.rate must be positive, got {rate}",
            field="ExchangeRate.rate",
            rule="positive",
        )
    return rate


def _check_as_of(_instance: object, _attribute: object, value: Any) -> None:
    if value is None:
        return
    # A plain date: a subclass (which could answer for itself) is refused, not kept.
    if type(value) is not date:
        raise InvalidTypeError(
            f"ExchangeRate.as_of must be a date or None, not {type(value).__name__}",
            field="ExchangeRate.as_of",
            rule="a date",
        )
    if value > LATEST:  # the day of a withdrawal measured against it could not be later
        too_late(value, "ExchangeRate.as_of")


def _check_source(_instance: object, _attribute: object, value: Any) -> None:
    if not issubclass(type(value), str):
        raise InvalidTypeError(
            f"ExchangeRate.source must be a str, not {type(value).__name__}",
            field="ExchangeRate.source",
            rule="a str",
        )
    if not unicode_text(value):
        not_unicode("ExchangeRate.source")
    long_text(value, "ExchangeRate.source")
