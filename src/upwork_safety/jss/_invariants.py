"""The field checks the JSS result types share (private).

Every result of the package (reports, what-ifs, changes, forecasts, Top
Rated) is built through its constructor, and the constructor refuses a
value that breaks a documented rule: these are the attrs validators and
helpers they have in common, on top of :mod:`upwork_safety._validate`.
Each raises the library's errors with ``field`` naming ``Class.field``:
:class:`~upwork_safety.errors.InvalidTypeError` for a wrong type,
:class:`~upwork_safety.errors.InvalidValueError` for a wrong value.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from upwork_safety._decimals import CONTEXT
from upwork_safety._display import shown
from upwork_safety._text import fits
from upwork_safety._validate import (
    countable,
    field_name,
    optional_whole_field,
    text_items_field,
)
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.money import to_decimal, within_limits

if TYPE_CHECKING:
    from collections.abc import Sequence

_ZERO = Decimal(0)
_HUNDRED = Decimal(100)
_MINUS_HUNDRED = Decimal(-100)  # not -_HUNDRED: unary minus rounds in the caller's context
_CENT = Decimal("0.01")

#: The whole-percent score, or ``None`` when there is none.
score_field = optional_whole_field(0, 100)
#: A move of a whole-percent score (``after - before``), or ``None``.
delta_field = optional_whole_field(-100, 100)
#: The rule that every list of contracts keeps, so every impact can be told apart.
UNIQUE_IDS = "unique contract ids"


def decimal(value: object, name: str) -> Decimal:
    """*value* if it is a finite ``Decimal``, not negative, within the library's limits.

    The limits are those of every amount (:func:`~upwork_safety.money.to_decimal`):
    at most :data:`~upwork_safety.money.MAX_DIGITS` digits either side of the
    point, so sums of such values are exact in the library's context and
    never overflow.  Anything else raises naming *name*.
    """
    if type(value) is not Decimal:  # a subclass could answer for itself (is_finite, <=)
        raise InvalidTypeError(
            f"{name} must be a plain Decimal, not {type(value).__name__}",
            field=name,
            rule="a Decimal",
        )
    if value.is_finite():
        to_decimal(value, name)  # at most MAX_DIGITS digits either side of the point
    if not value.is_finite() or value < _ZERO:
        raise InvalidValueError(
            f"{name} must be a finite number, not negative, got {value}",
            field=name,
            rule="not negative",
        )
    return value


def decimal_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: a finite ``Decimal``, not negative (a weight, a sum of weights).

    At most :data:`~upwork_safety.money.MAX_DIGITS` digits either side of the point.
    """
    if type(value) is Decimal and value.is_finite() and value >= _ZERO and within_limits(value):
        return
    decimal(value, field_name(instance, attribute))


def _hundredths(value: object, name: str, low: Decimal) -> None:
    """Refuse what is not a ``Decimal`` from *low* to 100, to the hundredth."""
    if type(value) is not Decimal:  # a subclass could answer for itself (is_finite, <=)
        raise InvalidTypeError(
            f"{name} must be a plain Decimal, not {type(value).__name__}",
            field=name,
            rule="a Decimal",
        )
    if (
        not value.is_finite()
        or not low <= value <= _HUNDRED
        or value.quantize(_CENT, context=CONTEXT) != value
    ):
        rule = f"{low} to 100, to the hundredth"
        raise InvalidValueError(f"{name} must be {rule}, got {value}", field=name, rule=rule)
    if not within_limits(value):
        to_decimal(value, name)  # written with more places than the library's precision


def optional_percent_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: ``None``, or a ``Decimal`` percentage from 0 to 100, to the hundredth."""
    if value is not None:
        _hundredths(value, field_name(instance, attribute), _ZERO)


def optional_points_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: ``None``, or a move of a percentage, -100 to 100, to the hundredth."""
    if value is not None:
        _hundredths(value, field_name(instance, attribute), _MINUS_HUNDRED)


def reasons_field(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: at least one reason, each a ``str``.

    Every judgement says why (an exclusion its cause, a counted contract at
    least its weight), so an empty list of reasons explains nothing.
    """
    if type(value) is tuple and value and countable(value):
        for reason in value:
            if type(reason) is not str or not reason.isascii() or not fits(reason):
                break
        else:
            return  # the common case: ASCII text is valid Unicode text
    text_items_field(instance, attribute, value)
    if not value:
        name = field_name(instance, attribute)
        raise InvalidValueError(
            f"{name} must hold at least one reason", field=name, rule="at least one reason"
        )


def unique(ids: Sequence[str], name: str, *, beside: Sequence[str] = (), within: str = "") -> None:
    """Refuse a second item with the same contract id; *name* is the sequence's field name.

    *beside* are the ids of another field of the value, *within* its name
    (``WhatIf.added`` for ``WhatIf.changed``): an id of theirs is taken too, and
    the refusal names the item of *name* that repeats it (a path, e.g.
    ``WhatIf.changed[1].contract_id``).
    """
    if not beside and len(set(ids)) == len(ids):
        return
    seen: set[str] = set(beside)
    for index, contract_id in enumerate(ids):
        if contract_id in seen:
            where = f" (in {within} or earlier in {name})" if within else ""
            raise InvalidValueError(
                f"{name}[{index}] repeats contract {shown(contract_id)}{where}; each contract "
                "appears once",
                field=f"{name}[{index}].contract_id",
                rule=UNIQUE_IDS,
            )
        seen.add(contract_id)


def disagree(name: str, value: object, rule: str, expected: object) -> InvalidValueError:
    """The error for a derived field *name* whose *value* is not what *rule* gives (*expected*)."""
    return InvalidValueError(
        f"{name} must be {rule} ({shown(expected)}), got {shown(value)}", field=name, rule=rule
    )


#: The rule the points of a report's impacts keep.
POINTS_ADD_UP = "points add up to the percent of the score shown; None without a score"


def points_add_up(
    points: Sequence[tuple[Decimal | None, bool]], percent: Decimal | None, name: str
) -> None:
    """Refuse impacts' points that do not explain the score shown.

    *points* holds each impact's points and whether it is excluded;
    *percent* is the unrounded percent of the window shown (``None``
    without a score).  Points are all ``None`` (none given), or, with a
    score, all given, 0 for an excluded contract, and add up to *percent*.
    """
    missing = [index for index, (value, _) in enumerate(points) if value is None]
    if len(missing) == len(points):
        return
    if percent is None or missing:
        index = missing[0] if missing else 0
        raise InvalidValueError(
            f"{name}[{index}].points must be given for every contract when there is a "
            "score, and for none without one",
            field=f"{name}[{index}].points",
            rule=POINTS_ADD_UP,
        )
    total = _ZERO
    for index, (value, excluded) in enumerate(points):
        if excluded and value:
            raise InvalidValueError(
                f"{name}[{index}].points must be 0 for an excluded contract, got {value}",
                field=f"{name}[{index}].points",
                rule="0 when excluded",
            )
        total = CONTEXT.add(total, cast("Decimal", value))
    if total != percent:
        raise InvalidValueError(
            f"{name}: the contracts' points add up to {total}, not to {percent}, the percent "
            "of the score shown",
            field=name,
            rule=POINTS_ADD_UP,
        )
