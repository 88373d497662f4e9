"""An exchange rate between two currencies, on a day, from a source (private).

Public as ``ExchangeRate``, in ``upwork_safety`` and ``upwork_safety.money``.

Split out of ``money`` by meaning (review r39): a rate converts
:class:`~upwork_safety.money.Money` but is not an amount.  Its public names
stay ``upwork_safety.ExchangeRate`` and ``upwork_safety.money.ExchangeRate``
(a pickle made by 0.2.0, which names the latter, still loads).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from upwork_safety._decimals import computed, count, fraction
from upwork_safety._money_fields import (
    _check_as_of,
    _check_source,
    _rate,
    check_currency,
    minor_unit,
)
from upwork_safety._pickling import through_init
from upwork_safety._plain import optional_to_date, plain_text
from upwork_safety._rounding import round_half_up
from upwork_safety.errors import CurrencyMismatchError, InvalidValueError
from upwork_safety.money import (
    _CONTEXT,
    MAX_DIGITS,
    Money,
    _result,
    _within_places,
    require_money,
)


@through_init
@attrs.frozen
class ExchangeRate:
    """How many units of *quote* one unit of *base* buys, on a date, from a source.

    The library never fetches rates: the caller supplies the reference rate
    (for Pakistan, the SBP interbank or weighted-average customer rate) with
    its date and where it came from.

    Args:
        base: The currency converted from, e.g. ``"USD"``.
        quote: The currency converted to, e.g. ``"PKR"``.
        rate: Units of *quote* per unit of *base*; positive, at most
            :data:`MAX_DIGITS` digits either side of the point.
        as_of: The day the rate applies to, on or before 9990-12-31 (a subclass as its date).
        source: Where the rate came from, e.g. ``"SBP weighted average"``.

    Raises:
        InvalidValueError: Unknown currency, equal currencies, a rate that
            is not positive or an *as_of* after the library's last day.
    """

    base: str = attrs.field(converter=plain_text, validator=check_currency)
    quote: str = attrs.field(converter=plain_text, validator=check_currency)
    rate: Decimal = attrs.field(converter=_rate)
    as_of: date | None = attrs.field(
        default=None, converter=optional_to_date, validator=_check_as_of
    )
    source: str = attrs.field(default="", converter=plain_text, validator=_check_source)

    def __attrs_post_init__(self) -> None:
        if self.base == self.quote:
            raise InvalidValueError(
                f"ExchangeRate.base and .quote must differ, both are {self.base}",
                field="ExchangeRate.quote",
                rule="two currencies",
            )

    @classmethod
    def measured(
        cls,
        received: Money,
        sent: Money,
        *,
        as_of: date | None = None,
        places: int = 6,
        source: str = "",
    ) -> ExchangeRate:
        """The rate a past conversion got: *received* per unit of *sent*, to *places* decimals.

        For a rate read from an export or a bank statement (rupees credited
        over dollars converted), which rarely divides exactly: the quotient
        is rounded half up to *places* decimal places, the one rounding
        this constructor makes, by your choice of *places*.  Six places
        reproduce the rupees of every Direct to Local Bank withdrawal we
        checked; confirm yours with ``rate.convert(sent) == received``.

        >>> from datetime import date
        >>> from upwork_safety import ExchangeRate, Money
        >>> got = ExchangeRate.measured(
        ...     Money("425201.14", "PKR"), Money("1529.00", "USD"), as_of=date(2026, 12, 1)
        ... )
        >>> got.rate, got.convert(Money("1529.00", "USD"))
        (Decimal('278.091001'), Money(amount=Decimal('425201.14'), currency='PKR'))

        Args:
            received: What the conversion gave, in the rate's *quote* currency.
            sent: What was converted, in the rate's *base* currency.  Both
                amounts have one sign: a Transactions report's
                ``Withdrawal`` row writes its dollars (``amount``) and its
                rupees (``converted``) both negative, and may be passed as it is.
            as_of: The day of the conversion.
            places: Decimal places to keep, 0 to 18 (default 6).
            source: Where the amounts came from, e.g. ``"bank statement"``.

        Raises:
            InvalidTypeError: *received* or *sent* is not
                :class:`~upwork_safety.money.Money`, or *places* is not an ``int``.
            InvalidValueError: *sent* or *received* is zero, their signs
                differ, both are in one currency, *places* is outside 0 to 18,
                or the rate rounds to zero at *places* (``field`` names the
                argument or ``ExchangeRate.rate``).
        """
        received = require_money(received, "received")
        sent = require_money(sent, "sent")
        places = count(places, "places", high=MAX_DIGITS)
        for what, money in (("sent", sent), ("received", received)):
            if not money.amount:
                raise InvalidValueError(
                    f"{what} must not be zero: a rate is measured from an amount converted",
                    field=what,
                    rule="not zero",
                )
        if (sent.amount < 0) != (received.amount < 0):
            raise InvalidValueError(
                f"received ({received}) and sent ({sent}) must have one sign",
                field="received",
                rule="the sign of sent",
            )
        ratio = _CONTEXT.divide(received.amount, sent.amount)
        return cls(sent.currency, received.currency, round_half_up(ratio, places), as_of, source)

    def convert(self, money: Money) -> Money:
        """Convert *money* from *base* to *quote*, rounded half up to *quote*'s minor unit.

        Raises:
            InvalidTypeError: *money* is not :class:`Money`.
            CurrencyMismatchError: *money* is not in *base* (a rate in the
                wrong direction is refused, never inverted silently).
            InvalidValueError: The converted amount has more than
                :data:`MAX_DIGITS` integer digits (``field`` ``"converted
                amount"``: the error names it, not the amount given).
        """
        money = require_money(money, "money")
        if money.currency != self.base:
            raise CurrencyMismatchError(
                f"this rate converts {self.base} to {self.quote}; "
                f"got an amount in {money.currency}",
                field="money",
                rule="the rate's base currency",
            )
        product = round_half_up(_CONTEXT.multiply(money.amount, self.rate), minor_unit(self.quote))
        how = (money, "at", self.rate, self.quote, "per", self.base)
        return _result(product, self.quote, "converted amount", *how)

    def inverse(self) -> ExchangeRate:
        """Return the rate from *quote* back to *base*, to at most :data:`MAX_DIGITS` places.

        The inverse is exact when it fits, else rounded half up.

        Every valid rate is below 10^18, so its inverse rounds to a positive
        rate; a rate so small that its inverse would have more than
        :data:`MAX_DIGITS` integer digits is refused.

        Raises:
            InvalidValueError: The inverse is too large to hold (``field``
                ``"inverse rate"``, ``rule`` the limit).
        """
        inverse = _within_places(_CONTEXT.divide(Decimal(1), self.rate), MAX_DIGITS)
        inverse = computed(inverse, "inverse rate", "1 /", self.rate, self.quote, "per", self.base)
        return ExchangeRate(self.quote, self.base, inverse, self.as_of, self.source)

    def with_spread(self, spread: Decimal | int | str) -> ExchangeRate:
        """Return the rate a converter pays after taking *spread* (e.g. ``Decimal("0.02")``).

        *spread* is read by the library's one rate rule, as every rate is: a
        fraction (``Decimal("0.02")``, ``"0.02"``) or a percentage (``"2%"``).
        The result is exact, or rounded half up to :data:`MAX_DIGITS`
        decimal places when it has more.

        Raises:
            InvalidTypeError: *spread* is a float, a bool or not a number.
            InvalidValueError: *spread* is negative, 1 (100%) or more, or not
                a number (``field`` ``"spread"``); or the rate after it rounds
                to zero at :data:`MAX_DIGITS` places (``field`` ``"rate after
                spread"``, ``rule`` ``"positive"``).
        """
        spread = fraction(spread, "spread")
        rate = _within_places(
            _CONTEXT.multiply(self.rate, _CONTEXT.subtract(Decimal(1), spread)), MAX_DIGITS
        )
        if not rate:
            raise InvalidValueError(
                f"{self.rate} {self.quote} per {self.base} less a spread of {spread} rounds to "
                f"0 at {MAX_DIGITS} places, and a rate must be positive",
                field="rate after spread",
                rule="positive",
            )
        return attrs.evolve(self, rate=rate)
