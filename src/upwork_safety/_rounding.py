"""The library's two roundings, for amounts a rule computes (private; published by ``money``).

:func:`round_half_up` (every rounding a rule does) and :func:`round_down`
(a most that must not be passed) live here so that ``money`` stays one
module a reader can hold; :mod:`upwork_safety.money` re-exports both, and
the API documents them there.  They compute in the library's private
decimal context (``_decimals.CONTEXT``), never the caller's.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import cast

from upwork_safety._decimals import _QUANTA, MAX_DIGITS, count
from upwork_safety._decimals import CONTEXT as _CONTEXT
from upwork_safety._display import shown
from upwork_safety.errors import InvalidTypeError, InvalidValueError

__all__ = ["no_negative_zero", "round_down", "round_half_up"]


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round *value* half up to *places* decimal places, with :data:`CONTEXT`'s settings.

    The library's rounding for amounts a rule computes: Upwork's worked
    examples round half up (a 10% fee on $333.36 is $33.34).  Rounding
    happens only where a rule says so; everything else stays exact.  Its one
    sibling is :func:`round_down`, for a most that must not be passed.  A
    zero result is positive zero: a computed amount never shows as ``-0.00``
    (10% of ``-0.00``, or a tiny negative amount rounded, is ``0.00``).

    Args:
        value: A finite ``Decimal`` (a product of amounts may have more than
            :data:`MAX_DIGITS` places: that is what rounding is for).
        places: How many decimal places to keep, from 0 to :data:`MAX_DIGITS`.

    Raises:
        InvalidTypeError: *value* is not a ``Decimal``, or *places* not an ``int``.
        InvalidValueError: *value* is not finite, *places* is outside 0 to
            :data:`MAX_DIGITS`, or *value* has too many digits to round with
            :data:`CONTEXT`'s precision.

    >>> round_half_up(Decimal("33.336"), 2)
    Decimal('33.34')
    """
    return _rounded(value, places, ROUND_HALF_UP, "round_half_up")


def no_negative_zero(value: Decimal) -> Decimal:
    """*value*, or positive zero in its place when it is a negative zero.

    The one rule for amounts the library computes (rounding, negating,
    multiplying): zero is written ``0.00``, never ``-0.00``.
    """
    return value.copy_abs() if not value and value.is_signed() else value


def round_down(value: Decimal, places: int) -> Decimal:
    """Round *value* toward zero to *places* decimal places, with :data:`CONTEXT`'s settings.

    For a limit a rule gives as a share ("keep at most 50%"): rounding half
    up could pass it by half a cent, so such a most is rounded down.  Every
    other rounding is :func:`round_half_up`'s.  A zero result is positive
    zero, and its arguments and errors are the same, as there.

    >>> round_down(Decimal("33.339"), 2)
    Decimal('33.33')
    """
    return _rounded(value, places, ROUND_DOWN, "round_down")


def _rounded(value: Decimal, places: int, rounding: str, what: str) -> Decimal:
    """*value* rounded to *places* places by *rounding*: the one body of the two roundings.

    Arguments of the types the library passes (a finite ``Decimal``, an
    ``int`` in range) go straight to ``quantize``; anything else is checked
    by :func:`_rounding_args` first, so a caller's mistake is an error of the
    family naming the argument (red team r19: ``places=-1`` indexed from the
    end of the table, and ``NaN`` came back as a result).
    """
    if (
        type(value) is not Decimal
        or type(places) is not int
        or not 0 <= places <= MAX_DIGITS
        or not value.is_finite()
    ):
        value, places = _rounding_args(value, places, what)
    try:
        rounded = value.quantize(_QUANTA[places], rounding=rounding, context=_CONTEXT)
    except InvalidOperation:  # the result needs more digits than the precision holds
        # Asked of the context itself, so a round-up that adds a digit ("9" * 60 + ".5"
        # to 0 places) is caught too (review r19 M3: a guard on the digits missed it).
        raise InvalidValueError(
            f"{what}: value has {value.adjusted() + 1} digits before the point, too many to "
            f"round to {places} places with the library's {_CONTEXT.prec}-digit precision",
            field="value",
            rule=f"at most {_CONTEXT.prec} digits once rounded",
        ) from None
    return no_negative_zero(rounded)


def _rounding_args(value: object, places: object, what: str) -> tuple[Decimal, int]:
    """A rounding's arguments as plain values, or the family's error naming the one at fault."""
    if not issubclass(type(value), Decimal):  # by its type: isinstance believes __class__
        raise InvalidTypeError(
            f"{what}: value must be a Decimal, not {type(value).__name__}",
            field="value",
            rule="a Decimal",
        )
    plain = Decimal(cast("Decimal", value))  # a subclass's own digits, not what its methods say
    if not plain.is_finite():
        raise InvalidValueError(
            f"{what}: value must be a finite number, got {shown(plain)}",
            field="value",
            rule="finite",
        )
    return plain, count(places, "places", high=MAX_DIGITS)
