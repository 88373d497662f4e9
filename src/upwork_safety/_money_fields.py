"""The rules of the fields of ``Money`` and ``ExchangeRate`` (private; public via ``money``).

The currencies babel knows and their minor units, an amount, a rate, the
date and the source of a rate (its text by the rules of ``_text``).  Babel
is imported on first use.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import TYPE_CHECKING, Any, NoReturn

from upwork_safety._decimals import (
    _QUANTA,
    CONTEXT,
    DECIMAL_PLACES_RULE,
    MAX_DIGITS,
    _places,
    to_decimal,
    within_limits,
)
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


#: :func:`_known_currencies`, once it has been asked (a set lookup costs a fifth of the call).
_KNOWN: frozenset[str] = frozenset()


def _known() -> frozenset[str]:
    """:func:`_known_currencies`, kept in :data:`_KNOWN` for :func:`as_built`'s common case."""
    global _KNOWN  # noqa: PLW0603  (filled once, on first use: babel is imported late)
    _KNOWN = _known_currencies()
    return _KNOWN


def as_built(amount: Decimal, currency: str) -> bool:
    """Whether ``Money(amount, currency)`` holds *amount* and *currency* as they are.

    *amount* is a plain ``Decimal`` and *currency* a plain ``str``: the test of
    a ``Money`` made without its constructor (``object.__new__`` and its slots
    set by hand), whose values the constructor never checked (review r36,
    hostile 1).  The common case costs one cheap test; anything else (NaN, an
    infinity, more than 18 digits a side, a zero written with more places) goes
    to the constructor's own rule for an amount, :func:`_amount`, and a currency
    must be one of :func:`_known_currencies`, as :func:`check_currency` asks.
    """
    if currency not in _KNOWN and currency not in _known():  # "usd", "XXX": as check_currency
        return False
    if amount.is_finite():
        # At most MAX_DIGITS characters, not in exponent form: at most MAX_DIGITS - 1
        # digits either side of the point, within the limits with no further test.
        text = str(amount)
        if len(text) <= MAX_DIGITS and "E" not in text and "e" not in text:
            return True
        if within_limits(amount):
            return True
    try:
        _amount(amount)  # a plain Decimal comes back as it is, or is refused
    except InvalidValueError:
        return False
    return True


def forged(what: str) -> NoReturn:
    """Refuse a ``Money`` that does not hold what its constructor keeps, naming *what*."""
    raise InvalidValueError(
        f"{what} is a Money its constructor did not make: it holds no Decimal amount and str "
        "currency the constructor takes (a pickle that sends no state, or fields set by hand)",
        field=what,
        rule="a Money built by its constructor",
    )


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


def money_text(amount: Decimal, currency: str, places: int) -> str:
    """``str(Money)``: at least *places*, the currency's own decimals (``"USD 5.00"``).

    More digits are shown as they are, never rounded away; zero has no sign;
    never in exponent form (``1E-7``).
    """
    amount = amount or amount.copy_abs()
    if _places(amount) < places:
        amount = amount.quantize(_QUANTA[places], context=CONTEXT)
    return f"{currency} {amount:,f}"


#: The next step a rate with too many places is told (newcomer r42 5): the library never
#: rounds a rate, so a ratio of two amounts is rounded by the caller, or measured.
RATE_PLACES_HINT = (
    "a rate is never rounded for you: round it first (e.g. "
    'rate.quantize(Decimal("0.000001"))), or build the rate a conversion got with '
    "ExchangeRate.measured(received, sent, as_of=..., places=6)"
)


def _rate(value: Decimal | int | str) -> Decimal:
    try:
        rate = to_decimal(value, "ExchangeRate.rate")
    except InvalidValueError as error:
        if error.rule != DECIMAL_PLACES_RULE:
            raise
        raise InvalidValueError(
            f"{error}; {RATE_PLACES_HINT}", field=error.field, rule=error.rule
        ) from None
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
