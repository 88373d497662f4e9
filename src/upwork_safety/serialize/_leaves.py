"""The writers of the library's leaf types, refusing a value of another type (private).

A class of the caller's own may declare a field ``Money`` (or ``date``,
``datetime``, ``timedelta``, ``Decimal``, an enum) and hold something else:
nothing checked it when the value was built.  Each of these writers is
registered once, guarded, so wherever the declared type's writer is reached
(a field, ``list[Money]``, ``Money | None``, a dict's values, a fixed
tuple's place) a value of another type is refused as the declared type
(``InvalidTypeError``, rule ``the declared type``), placed at its field,
index or key, never left to the writer's raw ``AttributeError`` or
``TypeError`` (review r30, serialize 2).  The library's own values are of
their declared types (their constructors see to it), so the guard costs
them one call and no check.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from upwork_safety import _render
from upwork_safety.errors import InvalidTypeError
from upwork_safety.money import Money
from upwork_safety.serialize import _strict
from upwork_safety.serialize._mappings import guarded
from upwork_safety.serialize._problems import WRITTEN_FIELD
from upwork_safety.serialize._strict import type_name

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["leaf_writers", "write_enum"]


def write_enum(value: object) -> object:
    """An enum member as its value; anything else where an enum is declared is refused.

    cattrs reaches this writer by the declared type (a field ``kind:
    ContractKind``) or by a member's own class.  A value that is not a
    member (``5``, ``"hourly"``, an ``object()``) was written as it is, and
    read back refused, as another member, or not encoded at all.
    """
    if isinstance(value, enum.Enum):
        return value.value
    raise InvalidTypeError(
        f"expected an enum member, as declared, got {type_name(value)}",
        field=WRITTEN_FIELD,
        rule="the declared type",
    )


def leaf_writers(write_decimal: Callable[[Decimal], str]) -> list[tuple[type, Any]]:
    """``(type, writer)`` for each library leaf type, each writer guarded by its type.

    *write_decimal* is the converter's ``Decimal`` writer (which refuses a
    NaN or an absurd exponent itself).
    """
    writers: list[tuple[type, Callable[[Any], object]]] = [
        (Money, _render.money_dict),
        (Decimal, write_decimal),
        (date, date.isoformat),
        (datetime, _strict.write_datetime),
        (timedelta, _render.seconds_text),
    ]
    return [(t, guarded(write, t)) for t, write in writers]
