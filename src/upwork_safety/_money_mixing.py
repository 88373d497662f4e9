"""The refusal of Money mixed with a plain number in ``+``, ``-`` and ordering (private).

``Money("800", "USD") + 1`` is refused: a plain number has no currency, and
adding one would guess it.  Python's own message ("unsupported operand
type(s)") says nothing of what to write instead, so :class:`Money` raises
this one, the library's :class:`~upwork_safety.errors.InvalidTypeError` (a
``TypeError``), with the call that works (review r24, newcomer N3).
Equality is not refused: ``money == Decimal("800")`` is ``False``, as for
any two values of different types, so Money can sit in sets and dict keys
beside other values.
"""

from __future__ import annotations

import numbers
from decimal import Decimal
from typing import NoReturn

from upwork_safety._decimals import within_limits
from upwork_safety._display import shown, type_name
from upwork_safety.errors import InvalidTypeError

#: What the operand of ``+``, ``-``, ``<``, ``<=``, ``>`` and ``>=`` must be.
RULE = "Money of the same currency"

_VERBS = {"+": "add", "-": "subtract"}
_DONE = {"add": "added", "subtract": "subtracted", "compare": "compared"}


def mixed_error(
    currency: str, op: str, other: object, *, reflected: bool = False
) -> InvalidTypeError:
    """The error (raise it) refusing ``money op other`` (*reflected*: ``other op money``).

    *other* is not Money; *currency* is the Money's.

    For a number the advice shows the Money to write: the number given with
    *currency* (a float's digits as text, never the float), or for
    ordering the amount compared with a ``Decimal``; the number is written
    as plain decimal text (``1000``, not ``1E+3``), and a number no Money
    holds (NaN, an infinity, past the digit limits) gets no example.
    """
    kind = type(other)
    number = issubclass(kind, int | Decimal | float) and not issubclass(kind, bool)
    given = f"{type_name(other)} {op} Money" if reflected else f"Money {op} {type_name(other)}"
    verb = _VERBS.get(op, "compare")
    if not number:
        advice = f"only Money of the same currency can be {_DONE[verb]}"
    elif (text := _amount_text(other)) is None:
        advice = (
            f"a plain number has no currency, and {shown(str(other))} is no amount Money "
            f"holds; only Money of the same currency can be {_DONE[verb]}"
        )
    else:
        example = f"Money({shown(text)}, {shown(currency)})"
        if op in _VERBS:
            advice = (
                f"a plain number has no currency; {verb} Money of the same currency: "
                f"{f'{example} {op} money' if reflected else f'money {op} {example}'}"
            )
        else:
            advice = (
                f"a plain number has no currency; compare with Money of the same currency "
                f"(money {op} {example}), or compare the amount: "
                f"money.amount {op} Decimal({shown(text)})"
            )
        if issubclass(kind, float):
            advice += " (write the number as text: a float cannot hold cents exactly)"
    return InvalidTypeError(
        f"{given} is not defined: {advice}",
        field="other",
        rule=RULE,
    )


def _amount_text(number: object) -> str | None:
    """*number* as the plain decimal text ``Money`` takes, or ``None`` when no Money holds it.

    A float is read from its shortest text (``float.__repr__``), as a reader would
    write it; the digit limits are the library's one rule (``within_limits``).
    """
    if isinstance(number, float):
        value = Decimal(float.__repr__(number))  # its shortest text, not a subclass's own
    elif isinstance(number, int | Decimal):
        value = Decimal(number)
    else:
        return None
    if not value.is_finite() or not within_limits(value):
        return None
    return format(value, "f")


def factor_error(other: object) -> InvalidTypeError | None:
    """The error (raise it) refusing ``money * other``, *other* not an ``int`` or ``Decimal``.

    A float is refused naming the ``Decimal`` to pass; a bool (``True`` is no
    number of times), a str, ``None``, Money or any other value that is not a
    number gets the same family's error naming ``factor`` (red team r25 H6:
    they once met Python's own ``TypeError``), and so does a number that is
    not whole and not a ``Decimal`` (a ``Fraction``, a ``complex``), which
    Money cannot hold exactly.  ``None`` means *other* is a whole number of
    another type (a NumPy int), whose own ``__rmul__`` may answer.
    """
    kind = type(other)
    if issubclass(kind, float):
        return InvalidTypeError(
            "Money can be multiplied by an int or Decimal, not a float; "
            f"pass Decimal({shown(str(other))})",
            field="factor",
            rule="not a float",
        )
    boolean = issubclass(kind, bool)
    if not boolean and issubclass(kind, numbers.Integral):
        return None
    hint = " (a bool is not a number of times)" if boolean else ""
    if issubclass(kind, numbers.Number) and not boolean:
        hint = " (for a share of an amount, multiply by a Decimal or use split/allocate)"
    return InvalidTypeError(
        f"Money can be multiplied by an int or Decimal, not {type_name(other)}{hint}",
        field="factor",
        rule="an int or Decimal",
    )


#: The rule of ``money / n`` (and ``//``, ``%``, ``divmod``): a share is split, not divided.
DIVISION_RULE = "use split() or allocate()"


def division_error(other: object, *, reflected: bool = False) -> InvalidTypeError:
    """The error (raise it) refusing ``money / other``, ``//``, ``%`` and ``divmod``.

    Each would need rounding the caller cannot see (or, for ``%``, a
    remainder of cents no split states), so the advice names
    :meth:`~upwork_safety.money.Money.split` and
    :meth:`~upwork_safety.money.Money.allocate`, which conserve the total.
    *reflected* is ``other / money``: a number divided by an amount is no
    amount; the ratio of two amounts is their ``amount`` values divided.
    """
    if reflected:
        return InvalidTypeError(
            f"{type_name(other)} cannot be divided by Money: a number over an amount is no "
            "amount. For the ratio of two amounts divide their .amount values (Decimal)",
            field="divisor",
            rule="Money divides nothing",
        )
    return InvalidTypeError(
        f"Money cannot be divided by {type_name(other)}: the result would need "
        "rounding the caller cannot see. Use money.split(n) for n equal parts or "
        "money.allocate(ratios) for shares (both conserve the total to the cent), or "
        "multiply by a Decimal rate and call .rounded()",
        field="divisor",
        rule=DIVISION_RULE,
    )


def refuse_power(_money: object, _other: object, _modulo: object = None) -> NoReturn:
    """``Money.__pow__``, ``__rpow__``: refuse ``money ** n`` and ``pow``; no amount has a power."""
    raise InvalidTypeError(
        "Money cannot be raised to a power: dollars squared are no amount; "
        "raise the Decimal .amount if you need the number",
        field="exponent",
        rule="Money has no powers",
    )


def refuse_round(_money: object, _ndigits: object = None) -> NoReturn:
    """``Money.__round__``: refuse ``round(money)``; :meth:`Money.rounded` says how it rounds."""
    raise InvalidTypeError(
        "round(Money) is not defined: call money.rounded(), which rounds half up to the "
        "currency's minor unit (cents), or round the Decimal .amount yourself",
        field="ndigits",
        rule="use rounded()",
    )
