"""Money and exchange rates: ``Decimal`` amounts that always carry a currency.

Babel is imported on first use (a currency check or formatting), not when
``upwork_safety`` is imported, so embedding the library stays cheap.

The decimal context and the rules every number obeys live in
``_decimals``, the rules of the fields in ``_money_fields``, and the
formatting of an amount for a reader in ``_money_text``, and
:class:`ExchangeRate` in ``_exchange_rate``; this module re-exports the
names other modules import from it, and documents the constants.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, cast

import attrs

from upwork_safety import _decimals, _money_fields, _money_mixing, _money_shares
from upwork_safety._decimals import _add as _add
from upwork_safety._decimals import _places as _places
from upwork_safety._decimals import _subtract as _subtract
from upwork_safety._decimals import bounded, computed
from upwork_safety._decimals import exact as exact
from upwork_safety._decimals import shows_exponent as shows_exponent
from upwork_safety._decimals import to_decimal as to_decimal
from upwork_safety._decimals import within_limits as within_limits
from upwork_safety._display import shown
from upwork_safety._money_fields import _amount
from upwork_safety._money_fields import _known_currencies as _known_currencies
from upwork_safety._money_fields import as_built as as_built
from upwork_safety._money_fields import check_currency as check_currency
from upwork_safety._money_fields import forged as forged
from upwork_safety._money_fields import minor_unit as minor_unit
from upwork_safety._money_mixing import division_error, factor_error, mixed_error
from upwork_safety._money_text import MAX_FORMAT_WIDTH as MAX_FORMAT_WIDTH
from upwork_safety._money_text import explicit_locale as explicit_locale
from upwork_safety._money_text import format_amount, format_money
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text, whole_number
from upwork_safety._rounding import no_negative_zero
from upwork_safety._rounding import round_down as round_down
from upwork_safety._rounding import round_half_up as round_half_up
from upwork_safety._text import not_unicode as not_unicode
from upwork_safety._text import unicode_text as unicode_text
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
)

if TYPE_CHECKING:
    from upwork_safety._exchange_rate import ExchangeRate as ExchangeRate

__all__ = [
    "CONTEXT",
    "MAX_DIGITS",
    "MAX_PARTS",
    "ExchangeRate",
    "Money",
    "rate_of",
    "round_down",
    "round_half_up",
]

#: Amounts may have at most this many digits before the decimal point, and
#: at most this many after it.  A quadrillion dollars is far beyond any
#: contract; larger numbers are almost always a unit or parsing mistake, and
#: refusing them keeps every sum and product exact (see :data:`CONTEXT`).
MAX_DIGITS = _decimals.MAX_DIGITS

#: :meth:`Money.split` and :meth:`Money.allocate` make at most this many parts.
MAX_PARTS = 100_000

#: A copy of the settings every computation of the library runs with, never
#: the caller's: 60 digits hold every sum of valid amounts and every
#: :func:`rate_of` exactly, rounding (only where a rule says so) is half up,
#: and a signal that would otherwise pass silently raises.  ``Money * factor``
#: is computed in 72 digits, more than 60, as the product of two valid
#: numbers may need: it is exact too, never rounded.  It is a copy: changing it (or
#: installing it with ``decimal.setcontext`` and changing the thread's
#: context) changes nothing the library computes, and no caller setting of
#: :mod:`decimal` changes a result.
CONTEXT = _decimals.settings_copy()

#: The context the library computes in (private, never handed out).
_CONTEXT = _decimals.CONTEXT


def rate_of(money: Money, rate: Decimal) -> Money:
    """*rate* of *money*, rounded half up to its currency's minor unit: a fee or a tax.

    The one rule for a share a rule takes of an amount (a service fee, a
    withdrawal method's percentage fee, the tax a bank withholds): the
    product is exact with :data:`CONTEXT`'s settings and rounded once, half up, as in
    Upwork's worked examples.  ``(money * rate).rounded()`` would refuse a
    product with more than :data:`MAX_DIGITS` places before rounding it:
    a valid rate with 17 or 18 places has such products.

    Args:
        money: The amount the rate is charged on.
        rate: A fraction from 0 up to (not including) 1, with at most
            :data:`MAX_DIGITS` places; below 1, it has at most that many
            digits, so the product (at most 54 digits) is exact.

    Raises:
        InvalidTypeError: *money* is not :class:`Money`, or *rate* not a number.
        InvalidValueError: *rate* is not a fraction from 0 below 1.

    >>> rate_of(Money("333.36", "USD"), Decimal("0.10"))
    Money(amount=Decimal('33.34'), currency='USD')
    >>> rate_of(Money("100.01", "USD"), Decimal("0.149999999999999999"))
    Money(amount=Decimal('15.00'), currency='USD')
    """
    money = require_money(money, "money")
    factor = to_decimal(rate, "rate")
    if not Decimal(0) <= factor < Decimal(1):
        raise InvalidValueError(
            f"rate is a fraction from 0 up to (not including) 1, got {factor}",
            field="rate",
            rule="a fraction from 0 up to (not including) 1",
        )
    product = _CONTEXT.multiply(money.amount, factor)
    return Money(round_half_up(product, money.minor_unit), money.currency)


def _result(value: Decimal, currency: str, what: str, *how: object) -> Money:
    """The Money of *value*, made by *how*; refused naming *what*, not ``Money.amount`` (r23 L2)."""
    try:
        return Money(value, currency)
    except InvalidValueError:
        computed(value, what, *how, unit=currency)
        raise


def _mismatch(op: str, mine: str, theirs: str) -> CurrencyMismatchError:
    """The error (raise it) refusing to *op* amounts in the currencies *mine* and *theirs*."""
    return CurrencyMismatchError(
        f"cannot {op} {mine} and {theirs}: convert one with an ExchangeRate first",
        field="currency",
        rule="one currency",
    )


def _within_places(value: Decimal, places: int) -> Decimal:
    """*value* as it is if it has at most *places* decimal places, else rounded half up to them."""
    return value if _places(value) <= places else round_half_up(value, places)


def require_money(value: object, what: str) -> Money:
    """Return *value* if it is :class:`Money`, else raise naming *what*.

    A plain number gets an error that shows how to write money: ``Money("500", "USD")``,
    an amount and a currency.  A ``Money`` subclass comes back as the plain ``Money`` it
    holds (:func:`plain_money`), so none of its own code runs while the library computes.
    """
    if issubclass(type(value), Money):
        if held(money := plain_money(cast("Money", value))) is None:
            forged(what)  # only a Money made without its constructor holds nothing it keeps
        return money
    hint = ""
    if isinstance(value, (int, str, Decimal, float)) and not issubclass(type(value), bool):
        hint = f': write Money("{value}", "USD") (an amount and a currency)'
    raise InvalidTypeError(
        f"{what} must be Money, not {type(value).__name__}{hint}", field=what, rule="Money"
    )


def held(value: Money) -> tuple[Decimal, str] | None:
    """What *value* holds in ``Money``'s own slots, as its constructor keeps them; else ``None``.

    ``None`` only for a ``Money`` made without its constructor: a pickle that sends no
    state (red team r18 L2), slots set by hand to text, a float, a ``Decimal``
    subclass (review r35, hostile 3), or values it refuses: NaN, ``"usd"`` (``as_built``, r36).
    """
    try:
        if type(value) is Money:  # Money's own slots: its attributes are nothing else
            amount, currency = value.amount, value.currency  # (a fifth of the cost of __get__)
        else:  # a subclass may answer for its attributes: the slots are read for it
            amount, currency = _MONEY_AMOUNT.__get__(value), _MONEY_CURRENCY.__get__(value)
    except AttributeError:
        return None
    plain = type(amount) is Decimal and type(currency) is str
    return (amount, currency) if plain and as_built(amount, currency) else None


def own(value: Money, who: str) -> tuple[Decimal, str]:
    """What *value* holds (:func:`held`), or refuse it naming *who* (``"self"``, ``"other"``).

    How ``Money``'s own operators and methods read their operands: never its
    attributes, which a subclass or a hand-made value answers (review r37, hostile 1-3).
    """
    if (fields := held(value)) is None:
        forged(who)
    return fields


def _whole_units(amount: Decimal, currency: str) -> bool:
    """Whether *amount* has no digits below *currency*'s minor unit (``5.00``, ``5.000``)."""
    places = minor_unit(currency)
    return _places(amount) <= places or round_half_up(amount, places) == amount


def plain_money(value: Money) -> Money:
    """An attrs converter: a :class:`Money` subclass as the plain ``Money`` it holds; else as it is.

    The one place a ``Money`` is made plain.  Every Money field stores plain ``Money``, so a
    value equals itself after a round trip through :mod:`~upwork_safety.serialize` (which has
    no subclass to rebuild).  The fields are read with ``Money``'s own slots (:func:`held`),
    so a subclass cannot answer for itself; a ``Money`` not holding what its constructor
    stores, and anything else, is left for the field's validator to refuse.
    """
    if type(value) is Money or not issubclass(type(value), Money):
        return value
    fields = held(value)
    return value if fields is None else Money(*fields)


def optional_plain_money(value: Money | None) -> Money | None:
    """:func:`plain_money` for an optional field."""
    return None if value is None else plain_money(value)


@through_init
@attrs.frozen(order=False)
class Money:
    """An exact amount of one currency.

    Args:
        amount: A ``Decimal``, an ``int`` or a ``str`` in canonical form
            (``"1234.50"``); a ``float`` raises ``TypeError`` because it
            cannot hold cents exactly.  NaN, infinities, text such as
            ``"1_000"`` or ``"1e3"``, and more than :data:`MAX_DIGITS`
            digits either side of the point are refused.
        currency: An ISO 4217 code that babel knows, e.g. ``"USD"``.

    Raises:
        InvalidTypeError: *amount* is a float, a bool or not a number.
        InvalidValueError: *amount* is not canonical, not finite or too
            large, or *currency* is unknown.

    Amounts are kept exactly as given; :meth:`rounded` rounds half up to
    the currency's minor unit.  Arithmetic never rounds and never depends on
    the caller's :mod:`decimal` context; a result past :data:`MAX_DIGITS`
    digits either side is refused, ``field`` naming it (``"sum"``,
    ``"difference"``, ``"product"``) and ``rule`` the limit, the message the
    operands.  To share an amount out, use
    :meth:`split` or :meth:`allocate`, which conserve the total to the cent;
    dividing Money by a number is refused, because the result would have to
    be rounded somewhere the caller cannot see.  ``+``, ``-`` and ordering
    take only Money (a plain number has no currency: ``InvalidTypeError``,
    ``field`` ``"other"``); ``==`` with anything else is ``False``.  Every operator and
    method reads its operands as ``held()`` does and refuses a ``Money`` its constructor
    did not build (``InvalidValueError``, ``field`` ``"self"`` or ``"other"``).
    """

    amount: Decimal = attrs.field(converter=_amount)
    currency: str = attrs.field(converter=plain_text, validator=check_currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        """Return zero of *currency*, written ``0``; the start value for ``sum()``.

        A zero the library works out itself (an empty ledger bucket, the
        protected part of a bonus) is this zero :meth:`rounded`, in the
        currency's minor unit: ``Money.zero("USD").rounded()`` is ``0.00``.
        """
        return cls(Decimal(0), currency)

    @classmethod
    def total(cls, items: Iterable[Money], currency: str) -> Money:
        """Add up *items*, all in *currency* (zero if there are none).

        Raises:
            CurrencyMismatchError: An item is in another currency.
            InvalidTypeError: *items* is not an iterable of Money (a str,
                a mapping or ``None``, or an item that is not Money).
            InvalidValueError: The running total passes :data:`MAX_DIGITS`
                integer digits (``field`` ``"sum"``, as for ``+``), or *items*
                holds more than 200,000 items, the most the library reads in
                one list (``field`` ``"items"``; an endless iterator is
                refused there).
        """
        if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Iterable):
            raise InvalidTypeError(
                f"items must be an iterable of Money, not {type(items).__name__}",
                field="items",
                rule="an iterable of Money",
            )
        total = cls.zero(currency)
        currency = total.currency  # the plain str the constructor keeps
        # Read by the one bounded reader, as every list argument is (red team r42, 4).
        for index, item in enumerate(bounded(items, "items")):
            money = require_money(item, f"items[{index}]")  # held() took it: its own fields
            if money.currency != currency:
                raise _mismatch("add", currency, money.currency)
            total = _result(_add(total.amount, money.amount), currency, "sum", total, "+", money)
        return total

    def _paired(
        self, other: Money, op: str, how: Callable[[Decimal, Decimal], Decimal]
    ) -> tuple[Decimal, str]:
        """``how(self.amount, other.amount)`` and the currency, both read as :func:`held` reads."""
        mine, currency = own(self, "self")
        theirs, their_currency = own(other, "other")
        if currency != their_currency:
            raise _mismatch(op, currency, their_currency)
        return how(mine, theirs), currency

    def __add__(self, other: object) -> Money:
        if issubclass(type(other), Money):
            total, currency = self._paired(cast("Money", other), "add", _add)
            return _result(total, currency, "sum", self, "+", other)
        raise mixed_error(own(self, "self")[1], "+", other)

    def __radd__(self, other: object) -> Money:
        # Lets plain ``sum(moneys)`` work: it starts from the int 0.
        currency = own(self, "self")[1]
        if whole_number(other) == 0:  # the int's own value: a subclass's == may lie
            return self
        raise mixed_error(currency, "+", other, reflected=True)

    def __sub__(self, other: object) -> Money:
        if issubclass(type(other), Money):
            diff, currency = self._paired(cast("Money", other), "subtract", _subtract)
            return _result(diff, currency, "difference", self, "-", other)
        raise mixed_error(own(self, "self")[1], "-", other)

    def __rsub__(self, other: object) -> Money:
        # Money - Money is __sub__
        raise mixed_error(own(self, "self")[1], "-", other, reflected=True)

    def __mul__(self, other: object) -> Money:
        amount, currency = own(self, "self")
        if isinstance(other, bool) or not isinstance(other, (int, Decimal)):
            if (error := factor_error(other)) is None:
                return NotImplemented  # another number type (a NumPy int) may multiply Money
            raise error
        factor = to_decimal(other, "factor")
        # Exact: 72 digits at most, more than CONTEXT's 60 (review r43, 3).
        product = no_negative_zero(_decimals.exact_product(amount, factor))
        return _result(product, currency, "product", self, "*", factor)

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> Money:
        own(self, "self")
        raise division_error(other)

    __floordiv__ = __mod__ = __divmod__ = __truediv__  # each needs rounding split() states

    def __rtruediv__(self, other: object) -> Money:
        own(self, "self")
        raise division_error(other, reflected=True)

    __rfloordiv__ = __rmod__ = __rdivmod__ = __rtruediv__

    __pow__ = __rpow__ = _money_mixing.refuse_power  # no amount has a power
    __round__ = _money_mixing.refuse_round  # rounded() says how it rounds

    def __eq__(self, other: object) -> bool:
        mine = own(self, "self")
        if type(other) is not type(self):  # its type: a lying __class__ is no Money
            return NotImplemented
        return mine == own(other, "other")

    def __hash__(self) -> int:
        return hash(own(self, "self"))

    def __neg__(self) -> Money:
        # copy_negate() is exact; unary minus would round to the caller's precision.  Zero
        # stays positive zero: a computed amount never shows as -0.00.
        amount, currency = own(self, "self")
        return Money(no_negative_zero(amount.copy_negate()), currency)

    def __pos__(self) -> Money:
        own(self, "self")
        return self

    def __abs__(self) -> Money:
        amount, currency = own(self, "self")
        return Money(amount.copy_abs(), currency)

    def __bool__(self) -> bool:
        return bool(own(self, "self")[0])

    def _compare(self, other: object, op: str) -> Decimal:
        if not issubclass(type(other), Money):
            raise mixed_error(own(self, "self")[1], op, other)
        return self._paired(cast("Money", other), "compare", _subtract)[0]

    def __lt__(self, other: object) -> bool:
        return self._compare(other, "<") < 0

    def __le__(self, other: object) -> bool:
        return self._compare(other, "<=") <= 0

    def __gt__(self, other: object) -> bool:
        return self._compare(other, ">") > 0

    def __ge__(self, other: object) -> bool:
        return self._compare(other, ">=") >= 0

    @property
    def minor_unit(self) -> int:
        """How many decimal places this currency uses (from babel)."""
        return minor_unit(own(self, "self")[1])

    def rounded(self) -> Money:
        """Round half up to the currency's minor unit (``Decimal("0.01")`` for USD).

        Half up is what Upwork's own worked examples use: a 10% fee on
        $333.36 is $33.34, not $33.33.

        Raises:
            InvalidValueError: Rounding up carries the amount to 19 integer
                digits (``field`` ``"rounded amount"``).
        """
        amount, currency = own(self, "self")
        rounded = round_half_up(amount, minor_unit(currency))
        return _result(rounded, currency, "rounded amount", self, "rounded half up")

    def is_rounded(self) -> bool:
        """Return whether the amount has no digits below the minor unit."""
        return _whole_units(*own(self, "self"))

    def _units(self, what: str) -> int:
        """The amount in whole minor units (cents), refusing sub-cent amounts."""
        amount, currency = own(self, "self")
        if not _whole_units(amount, currency):  # never a subclass's is_rounded (diff review r37, 2)
            raise InvalidValueError(
                f"{what} needs an amount in whole {currency} minor units, got "
                f"{Money.__str__(self)}: "
                "round it first with .rounded()",
                field="amount",
                rule="whole minor units",
            )
        return int(amount.scaleb(minor_unit(currency), context=_CONTEXT))

    def split(self, parts: int) -> tuple[Money, ...]:
        """Share the amount into *parts* parts as equal as the minor unit allows.

        The parts add up to exactly the amount; leftover minor units go one
        each to the first parts, so an earlier part is never smaller in size
        (for a negative amount, never closer to zero) than a later one.

        Args:
            parts: How many parts, from 1 to :data:`MAX_PARTS`.

        Returns:
            The parts, largest in size first: ``USD -3.34`` before
            ``USD -3.33`` when sharing ``USD -10.00``.

        Raises:
            InvalidTypeError: *parts* is not an ``int``.
            InvalidValueError: *parts* is out of range, or the amount is not
                in whole minor units.

        >>> [str(part) for part in Money("10.00", "USD").split(3)]
        ['USD 3.34', 'USD 3.33', 'USD 3.33']
        """
        own(self, "self")
        return self._allocate(
            [1] * _decimals.count(parts, "parts", low=1, high=MAX_PARTS), "split()"
        )

    def allocate(self, ratios: Iterable[Decimal | int | str]) -> tuple[Money, ...]:
        """Share the amount in proportion to *ratios*, conserving the total exactly.

        Each part is the amount times its ratio's share, rounded down to the
        minor unit; the minor units left over go one each to the first parts
        whose ratio is not zero (as in dinero.js's ``allocate``).  So they go
        by position, not size: a smaller share listed first can get one minor
        unit more than a larger one after it.  Where that matters, list the
        ratios largest first (docs/money.md, "Sharing an amount out").

        Args:
            ratios: Non-negative numbers (``int``, ``Decimal`` or canonical
                ``str``), at least one of them positive, at most
                :data:`MAX_PARTS` of them; e.g. ``[70, 30]`` or
                ``["0.5", "0.25", "0.25"]``.

        Returns:
            One part per ratio, in order; a zero ratio gets zero.

        Raises:
            InvalidTypeError: *ratios* is not a sequence of numbers (a
                mapping or a set is refused: its parts have no order).
            InvalidValueError: A ratio is negative, all are zero, there are
                none or too many, or the amount is not in whole minor units.

        >>> [str(part) for part in Money("100.00", "USD").allocate([70, 30])]
        ['USD 70.00', 'USD 30.00']
        >>> [str(part) for part in Money("0.05", "USD").allocate([1, 1])]
        ['USD 0.03', 'USD 0.02']
        >>> [str(part) for part in Money("0.02", "USD").allocate([10, 30, 60])]
        ['USD 0.01', 'USD 0.00', 'USD 0.01']
        >>> [str(part) for part in Money("0.02", "USD").allocate([60, 30, 10])]
        ['USD 0.02', 'USD 0.00', 'USD 0.00']
        """
        own(self, "self")
        values = _money_shares.ratios(ratios, MAX_PARTS, Money)
        return self._allocate(values, "allocate()")

    def _allocate(self, ratios: list[Decimal] | list[int], what: str) -> tuple[Money, ...]:
        if not ratios or not any(ratios):
            raise InvalidValueError(
                f"{what} needs at least one positive ratio", field="ratios", rule="a positive ratio"
            )
        units, currency = self._units(what), own(self, "self")[1]
        places = -minor_unit(currency)
        return tuple(
            Money(Decimal(share).scaleb(places, context=_CONTEXT), currency)
            for share in _money_shares.shares(units, ratios)
        )

    def format(
        self,
        *,
        locale: str,
        format: str | None = None,  # noqa: A002  (babel's own argument name)
        currency_digits: bool = True,
        format_type: str = "standard",
    ) -> str:
        """Format with babel for *locale*; the locale is always explicit.

        It never rounds: the currency's (or *format*'s) decimals are the
        fewest shown, and an amount with more significant digits shows them
        all (``USD 1.004`` is ``"$1.004"``, not ``"$1.00"``; ``USD -0.004`` is
        ``"-$0.004"``, not a signed zero); trailing zeros past the currency's
        decimals are not shown (``USD 1.50000`` is ``"$1.50"``), where
        :meth:`__str__` keeps them.  Round first, with :meth:`rounded`, for a
        figure in cents.

        Args:
            locale: A CLDR locale such as ``"en_PK"``, ``"ur_PK"`` or
                ``"en_US"``.  There is no default, and ``None`` is refused:
                the process locale is rarely the reader's.
            format: A babel number pattern (e.g. ``"¤#,##0.00"``) of at
                most 200 characters, with at least one digit (``0`` or
                ``#``), so the amount shows, and not a percent, per-mille,
                scientific or significant-digit (``@``) pattern, nor a
                negative subpattern without a minus sign or brackets, nor a
                prefix or suffix that reads as part of the amount (a digit,
                a plus, minus, parenthesis or dash of a positive amount
                anywhere in it; a separator or a look-alike of one, another
                bracket or a look-alike of a minus or a plus, as for a
                :meth:`__format__` fill, where it touches the digits:
                ``"'1'0.00"``, ``"'-'0.00"``, ``"'Rs.'0.00"``; a combining
                mark at the start of a suffix, which draws on the last
                digit; ``"'Rs. '0.00"`` and ``"'[PKR] '0.00"`` are text).
                The character that touches the digits is the nearest one
                that draws something: a default-ignorable character (a
                zero-width space, word joiner, soft hyphen, bidi mark) and,
                in a prefix, a combining mark are read past, so
                ``"'Rs.\u200b'0.00"`` is refused as ``"'Rs.'0.00"`` is, and
                a locale's own right-to-left mark is kept.  Such patterns
                would show another amount;
                passed through.  Babel reads a
                ``%`` or ``‰`` (and an ``@``) as one even quoted (``"'%'"``)
                and multiplies the amount for it, so a quoted one is
                refused too.
            currency_digits: Use the currency's own number of decimals (a
                ``bool``).
            format_type: Babel's ``format_type``: ``"standard"``,
                ``"accounting"`` or ``"name"``.

        Returns:
            The amount as a reader of *locale* expects it, e.g.
            ``"Rs251,722.80"`` for ``en_PK``.

        Raises:
            InvalidTypeError: *locale*, *format* or *format_type* is not a
                ``str`` (*format* may be ``None``), or *currency_digits* not a
                ``bool``.
            InvalidValueError: babel does not know *locale* (e.g. ``"xx"``
                or ``"en-PK"``; use an underscore: ``"en_PK"``), would read it
                as another locale (``"EN_us"``, ``"en_US.UTF-8"``, or
                ``"en_ZZ"``, which babel reads as ``en_US``), has an ``@``
                modifier (which formatting ignores); *format* is longer
                than 200 characters, shows no digit, is a percent, per-mille
                (a ``%`` or ``‰`` anywhere, quoted too) or scientific
                pattern, writes a number's part beside the amount, or is
                not a pattern babel reads; or
                *format_type* is not one of the three.  Each error's
                ``field`` names the argument.
        """
        amount, currency = own(self, "self")
        return format_money(
            amount,
            currency,
            locale=locale,
            format=format,
            currency_digits=currency_digits,
            format_type=format_type,
        )

    def __str__(self) -> str:
        amount, currency = own(self, "self")  # forged: NaN, 1E+999999 (review r36, hostile 1)
        return _money_fields.money_text(amount, currency, minor_unit(currency))

    def __format__(self, spec: str) -> str:
        """``f"{money}"`` is :meth:`__str__`; ``f"{money:,.2f}"`` formats the amount as a Decimal.

        The amount is rounded to the spec's precision, which may not be
        below the currency's minor unit: a spec shows the amount as it is, by
        the rule :meth:`format`'s patterns keep.

        Raises:
            InvalidValueError: *spec* is not a Decimal format, asks for a width or
                precision over :data:`MAX_FORMAT_WIDTH`, or shows another amount,
                as :meth:`format` refuses such patterns: a percent (``".0%"``:
                ``123450%`` for USD 1,234.50), scientific or significant digits
                (``"e"``, ``"g"``, ``".2"``: ``1.2E+3``), or fewer decimal places
                than the currency's minor unit (``".0f"`` on USD: ``1235``),
                or is padded with a fill that reads as part of the amount, as
                :meth:`format` refuses such a prefix: a digit of any script
                (``"1>6.2f"``: ``115.00``), a dash or a bracket (categories
                ``Pd``, ``Ps``, ``Pe``: ``"->8.2f"``: ``----5.00``; ``[``,
                ``{``), a character named a plus, a minus or a parenthesis,
                one Unicode's confusables list takes for a minus or a plus
                (the Urdu full stop ``"۔"``, ``"⁃"``, ``"─"``, ``"ー"``, and
                their compatibility forms), a bidi embedding, override or
                isolate, a decimal or group separator or one Unicode's
                confusables list takes for one (``"·"``, ``"․"``, the Arabic
                comma ``"،"``, and their compatibility forms: ``"．"``,
                ``"，"``), or a combining mark, which draws on the digits.
                Any other fill (a space, ``*``, ``_``, ``#``) is kept, and
                so is one that draws nothing (a zero-width space), which
                pads the amount with nothing that reads as part of it; for
                leading zeros use the ``0`` flag (``"08.2f"``).
        """
        amount, currency = own(self, "self")  # hand-made: NaN, 1E+1000000000 (r37, hostile 3)
        if not spec:
            return Money.__str__(self)
        return format_amount(amount, spec, minor_unit(currency))  # held (diff review r37, 1)


#: ``Money``'s own fields, read by :func:`plain_money` (a subclass cannot answer for them).
_MONEY_AMOUNT = Money.__dict__["amount"]
_MONEY_CURRENCY = Money.__dict__["currency"]


def __getattr__(name: str) -> object:
    """``ExchangeRate``, kept in ``_exchange_rate`` (imported on first use: it uses Money)."""
    if name == "ExchangeRate":
        from upwork_safety._exchange_rate import ExchangeRate

        return ExchangeRate
    raise AttributeError(f"module 'upwork_safety.money' has no attribute {shown(name)}")


def __dir__() -> list[str]:
    """The public names (``__all__``), not the names this module imports (red team r19 L4)."""
    return sorted(__all__)
