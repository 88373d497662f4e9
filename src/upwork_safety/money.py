"""Money and exchange rates: ``Decimal`` amounts that always carry a currency.

Babel is imported on first use (a currency check or formatting), not when
``upwork_safety`` is imported, so embedding the library stays cheap.
"""

from __future__ import annotations

import decimal
import functools
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

import attrs

from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["MAX_DIGITS", "ExchangeRate", "Money"]

#: Amounts may have at most this many digits before the decimal point.
#: A quadrillion dollars is far beyond any contract; larger numbers are
#: almost always a unit or parsing mistake, and refusing them keeps every
#: sum exact within the decimal context used below.
MAX_DIGITS = 18

#: Every operation runs in this context: wide enough that sums and products
#: of valid amounts are exact, so nothing is rounded unless asked.
_CONTEXT = decimal.Context(prec=60, rounding=ROUND_HALF_UP)
_LIMIT = Decimal(10) ** MAX_DIGITS


def _to_decimal(value: object, what: str) -> Decimal:  # noqa: C901  (one check per input kind)
    """Coerce *value* to a finite ``Decimal`` or raise naming *what*."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise InvalidTypeError(f"{what} must be a str, int or Decimal, not bool")
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            # Decimal itself accepts surrounding spaces and "_" digit separators.
            result = Decimal(value)
        except decimal.InvalidOperation:
            raise InvalidValueError(f"{what} must be a decimal number, got {value!r}") from None
    elif isinstance(value, float):
        raise InvalidTypeError(
            f"{what} must be a str, int or Decimal, not float ({value!r}): "
            f"floats cannot hold cents exactly; pass Decimal({str(value)!r}) "
            f"or {str(value)!r} instead"
        )
    else:
        raise InvalidTypeError(f"{what} must be a str, int or Decimal, not {type(value).__name__}")
    if not result.is_finite():
        raise InvalidValueError(f"{what} must be a finite number, got {result}")
    if result.adjusted() < MAX_DIGITS and result.as_tuple().exponent >= -MAX_DIGITS:  # type: ignore[operator]
        return result  # the common case: one cheap check for both limits
    # copy_abs() and adjusted() need no context: abs() traps Overflow on
    # "1e1000000", and int() of "1e999999" builds a million-digit number.
    if result.copy_abs() >= _LIMIT:
        raise InvalidValueError(
            f"{what} must have at most {MAX_DIGITS} digits before the decimal "
            f"point, got {result.adjusted() + 1}"
        )
    if result.as_tuple().exponent < -MAX_DIGITS:  # type: ignore[operator]
        raise InvalidValueError(
            f"{what} must have at most {MAX_DIGITS} decimal places, got {result}"
        )
    return result


def _amount(value: Decimal | int | str) -> Decimal:
    return _to_decimal(value, "Money.amount")


@functools.cache
def _known_currencies() -> frozenset[str]:
    from babel.numbers import list_currencies  # noqa: PLC0415  (lazy: import cost)

    return frozenset(list_currencies())


@functools.cache
def minor_unit(currency: str) -> int:
    """Return how many decimal places *currency* uses (``2`` for USD and PKR).

    Args:
        currency: An ISO 4217 code that babel knows.

    Returns:
        The number of digits after the decimal point, from babel's CLDR data.
    """
    from babel.numbers import get_currency_precision  # noqa: PLC0415  (lazy)

    return int(get_currency_precision(currency))


def _check_currency(_instance: object, attribute: attrs.Attribute[str], code: str) -> None:
    if not isinstance(code, str):
        raise InvalidTypeError(
            f"{attribute.name} must be an ISO 4217 code as str, not {type(code).__name__}"
        )
    if code not in _known_currencies():
        raise InvalidValueError(
            f"{attribute.name} must be an ISO 4217 currency code babel knows "
            f"(e.g. 'USD', 'PKR'), got {code!r}"
        )


@attrs.frozen(order=False)
class Money:
    """An exact amount of one currency.

    Args:
        amount: A ``Decimal``, ``int`` or ``str``; a ``float`` raises
            ``TypeError`` because it cannot hold cents exactly.  NaN,
            infinities and more than :data:`MAX_DIGITS` integer digits are
            refused.
        currency: An ISO 4217 code that babel knows, e.g. ``"USD"``.

    Raises:
        InvalidTypeError: *amount* is a float, a bool or not a number.
        InvalidValueError: *amount* is not finite or too large, or
            *currency* is unknown.

    Amounts are kept exactly as given; :meth:`rounded` rounds half up to
    the currency's minor unit.  Arithmetic never rounds.
    """

    amount: Decimal = attrs.field(converter=_amount)
    currency: str = attrs.field(validator=_check_currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        """Return zero of *currency*; the start value for ``sum()``."""
        return cls(Decimal(0), currency)

    @classmethod
    def total(cls, items: Iterable[Money], currency: str) -> Money:
        """Add up *items*, all in *currency* (zero if there are none).

        Raises:
            CurrencyMismatchError: An item is in another currency.
        """
        return sum(items, cls.zero(currency))

    def _same(self, other: Money, op: str) -> None:
        if self.currency != other.currency:
            raise CurrencyMismatchError(
                f"cannot {op} {self.currency} and {other.currency}: convert "
                f"one with an ExchangeRate first"
            )

    def __add__(self, other: object) -> Money:
        if isinstance(other, Money):
            self._same(other, "add")
            return Money(_CONTEXT.add(self.amount, other.amount), self.currency)
        return NotImplemented

    def __radd__(self, other: object) -> Money:
        # Lets plain ``sum(moneys)`` work: it starts from the int 0.
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: object) -> Money:
        if isinstance(other, Money):
            self._same(other, "subtract")
            return Money(_CONTEXT.subtract(self.amount, other.amount), self.currency)
        return NotImplemented

    def __mul__(self, other: object) -> Money:
        if isinstance(other, bool) or not isinstance(other, (int, Decimal)):
            if isinstance(other, float):
                raise InvalidTypeError(
                    "Money can be multiplied by an int or Decimal, not a float; "
                    f"pass Decimal({str(other)!r})"
                )
            return NotImplemented
        return Money(_CONTEXT.multiply(self.amount, Decimal(other)), self.currency)

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> Money:
        if isinstance(other, bool) or not isinstance(other, (int, Decimal)):
            if isinstance(other, float):
                raise InvalidTypeError(
                    "Money can be divided by an int or Decimal, not a float; "
                    f"pass Decimal({str(other)!r})"
                )
            return NotImplemented
        if other == 0:
            raise InvalidValueError("cannot divide Money by zero")
        return Money(_CONTEXT.divide(self.amount, Decimal(other)), self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return Money(abs(self.amount), self.currency)

    def __bool__(self) -> bool:
        return bool(self.amount)

    def _compare(self, other: object) -> Decimal | None:
        if not isinstance(other, Money):
            return None
        self._same(other, "compare")
        return _CONTEXT.subtract(self.amount, other.amount)

    def __lt__(self, other: object) -> bool:
        diff = self._compare(other)
        return NotImplemented if diff is None else diff < 0

    def __le__(self, other: object) -> bool:
        diff = self._compare(other)
        return NotImplemented if diff is None else diff <= 0

    def __gt__(self, other: object) -> bool:
        diff = self._compare(other)
        return NotImplemented if diff is None else diff > 0

    def __ge__(self, other: object) -> bool:
        diff = self._compare(other)
        return NotImplemented if diff is None else diff >= 0

    @property
    def minor_unit(self) -> int:
        """How many decimal places this currency uses (from babel)."""
        return minor_unit(self.currency)

    def rounded(self) -> Money:
        """Round half up to the currency's minor unit (``Decimal("0.01")`` for USD).

        Half up is what Upwork's own worked examples use: a 10% fee on
        $333.36 is $33.34, not $33.33.
        """
        quantum = Decimal(1).scaleb(-self.minor_unit)
        return Money(
            self.amount.quantize(quantum, rounding=ROUND_HALF_UP, context=_CONTEXT),
            self.currency,
        )

    def is_rounded(self) -> bool:
        """Return whether the amount has no digits below the minor unit."""
        return self.rounded().amount == self.amount

    def format(
        self,
        *,
        locale: str,
        format: str | None = None,  # noqa: A002  (babel's own argument name)
        currency_digits: bool = True,
        format_type: str = "standard",
    ) -> str:
        """Format with babel for *locale*; the locale is always explicit.

        Args:
            locale: A CLDR locale such as ``"en_PK"``, ``"ur_PK"`` or
                ``"en_US"``.  There is no default: the process locale is
                rarely the reader's.
            format: A babel number pattern, passed through.
            currency_digits: Use the currency's own number of decimals.
            format_type: Babel's ``format_type`` (``"standard"``,
                ``"accounting"``, ``"name"``), passed through.

        Returns:
            The amount as a reader of *locale* expects it, e.g.
            ``"Rs251,722.80"`` for ``en_PK``.

        Raises:
            InvalidValueError: babel does not know *locale* (e.g. ``"xx"``
                or ``"en-PK"``; use an underscore: ``"en_PK"``), or the
                *format* or *format_type* is not one babel accepts.
        """
        from babel.core import UnknownLocaleError  # noqa: PLC0415  (lazy)
        from babel.numbers import format_currency  # noqa: PLC0415  (lazy)

        try:
            return str(
                format_currency(
                    self.amount,
                    self.currency,
                    format=format,
                    locale=locale,
                    currency_digits=currency_digits,
                    format_type=format_type,  # type: ignore[arg-type]
                )
            )
        except (UnknownLocaleError, ValueError, TypeError, KeyError) as exc:
            raise InvalidValueError(
                f"cannot format with locale={locale!r}, format={format!r}, "
                f"format_type={format_type!r}: {exc} (locales look like 'en_PK' or 'ur_PK')"
            ) from None

    def __str__(self) -> str:
        # At least the currency's own decimals ("USD 0.00", "USD 5.00"); more
        # digits are shown as they are, never rounded away.
        amount = self.amount
        places = self.minor_unit
        if amount.as_tuple().exponent > -places:  # type: ignore[operator]
            amount = amount.quantize(Decimal(1).scaleb(-places))
        return f"{self.currency} {amount:,}"

    def __format__(self, spec: str) -> str:
        return str(self) if not spec else format(self.amount, spec)


def _rate(value: Decimal | int | str) -> Decimal:
    rate = _to_decimal(value, "ExchangeRate.rate")
    if rate <= 0:
        raise InvalidValueError(f"ExchangeRate.rate must be positive, got {rate}")
    return rate


def _check_as_of(_instance: object, _attribute: object, value: Any) -> None:  # noqa: ANN401  (attrs validator)
    from datetime import datetime  # noqa: PLC0415  (local: keeps names tidy)

    if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
        raise InvalidTypeError(
            f"ExchangeRate.as_of must be a date or None, not {type(value).__name__}"
        )


def _check_source(_instance: object, _attribute: object, value: Any) -> None:  # noqa: ANN401  (attrs validator)
    if not isinstance(value, str):
        raise InvalidTypeError(f"ExchangeRate.source must be a str, not {type(value).__name__}")


@attrs.frozen
class ExchangeRate:
    """How many units of *quote* one unit of *base* buys, on a date, from a source.

    The library never fetches rates: the caller supplies the reference rate
    (for Pakistan, the SBP interbank or weighted-average customer rate) with
    its date and where it came from.

    Args:
        base: The currency converted from, e.g. ``"USD"``.
        quote: The currency converted to, e.g. ``"PKR"``.
        rate: Units of *quote* per unit of *base*; positive.
        as_of: The date the rate applies to.
        source: Where the rate came from, e.g. ``"SBP weighted average"``.

    Raises:
        InvalidValueError: Unknown currency, equal currencies or a rate that
            is not positive.
    """

    base: str = attrs.field(validator=_check_currency)
    quote: str = attrs.field(validator=_check_currency)
    rate: Decimal = attrs.field(converter=_rate)
    as_of: date | None = attrs.field(default=None, validator=_check_as_of)
    source: str = attrs.field(default="", validator=_check_source)

    def __attrs_post_init__(self) -> None:
        if self.base == self.quote:
            raise InvalidValueError(
                f"ExchangeRate.base and .quote must differ, both are {self.base}"
            )

    def convert(self, money: Money) -> Money:
        """Convert *money* from *base* to *quote*, rounded half up to *quote*'s minor unit.

        Raises:
            CurrencyMismatchError: *money* is not in *base* (a rate in the
                wrong direction is refused, never inverted silently).
        """
        if money.currency != self.base:
            raise CurrencyMismatchError(
                f"this rate converts {self.base} to {self.quote}; got an amount in {money.currency}"
            )
        return Money(_CONTEXT.multiply(money.amount, self.rate), self.quote).rounded()

    def inverse(self) -> ExchangeRate:
        """Return the rate from *quote* back to *base*, to :data:`MAX_DIGITS` decimal places."""
        return ExchangeRate(
            self.quote,
            self.base,
            _CONTEXT.divide(Decimal(1), self.rate).quantize(Decimal(1).scaleb(-MAX_DIGITS)),
            self.as_of,
            self.source,
        )

    def with_spread(self, spread: Decimal) -> ExchangeRate:
        """Return the rate a converter pays after taking *spread* (e.g. ``Decimal("0.02")``).

        Raises:
            InvalidValueError: *spread* is negative or 1 and above.
        """
        spread = _to_decimal(spread, "spread")
        if not Decimal(0) <= spread < Decimal(1):
            raise InvalidValueError(
                f"spread must be a fraction from 0 (inclusive) to 1 (exclusive), got {spread}"
            )
        return attrs.evolve(self, rate=_CONTEXT.multiply(self.rate, 1 - spread))
