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
import functools
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from upwork_safety import _render
from upwork_safety.errors import InvalidTypeError
from upwork_safety.money import Money, forged, held
from upwork_safety.serialize import _strict, _times
from upwork_safety.serialize._mappings import guarded, not_declared
from upwork_safety.serialize._problems import WRITTEN_FIELD
from upwork_safety.serialize._strict import type_name

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "CheckedBool",
    "CheckedEnum",
    "CheckedStr",
    "PlainItem",
    "checked_enum",
    "enum_writer",
    "is_checked_enum",
    "leaf_writers",
    "write_bool",
    "write_enum",
    "write_plain_item",
    "write_str",
]


class CheckedStr:
    """Written in place of ``str`` in a caller's field: its writer checks (:func:`write_str`)."""


class CheckedBool:
    """Written in place of ``bool`` in a caller's field: its writer checks (:func:`write_bool`)."""


class CheckedEnum:
    """Written in place of an enum in a caller's field: its writer checks the enum's class.

    One subclass per enum (:func:`checked_enum`), whose ``enum`` is the
    declared class; :func:`enum_writer` makes its writer.
    """

    enum: ClassVar[type[enum.Enum]]


@functools.cache
def checked_enum(declared: type[enum.Enum]) -> type[CheckedEnum]:
    """The :class:`CheckedEnum` standing for *declared* (one per enum: cattrs caches each)."""
    return type(f"Checked{declared.__name__}", (CheckedEnum,), {"enum": declared})


def is_checked_enum(t: Any) -> bool:
    """Whether *t* is one of :func:`checked_enum`'s classes."""
    return isinstance(t, type) and issubclass(t, CheckedEnum) and t is not CheckedEnum


def enum_writer(marker: type[CheckedEnum]) -> Callable[[object], object]:
    """The writer of a caller's field declared as ``marker.enum``: a member of that enum only.

    A member of another enum (``MilestoneState.PAID`` where ``ContractKind``
    is declared) was written as its value, which no reader of the declared
    enum takes back (r30, left open); it is refused as the declared type,
    as anything that is no member at all already was (:func:`write_enum`).
    """
    declared = marker.enum

    def write_declared(value: object) -> object:
        if isinstance(value, declared):
            return value.value
        raise not_declared(declared, value)

    return write_declared


class PlainItem:
    """An item of a caller's ``list``, ``tuple`` or ``dict`` field declared without item types.

    Its writer is :func:`write_plain_item`.
    """


def write_plain_item(value: object) -> object:
    """*value*, an item where no item type is declared, if the readers give it back equal.

    With no item type to read by, the readers give back plain JSON: text,
    integers, ``true``/``false``, ``null``, and lists and dicts of them.
    Anything else (a ``Money``, a ``date``, a tuple, a dict with other keys
    than text) was written by its own type and read back as its JSON (a
    dict, a string, a list), a different value (r30, left open); it is
    refused, with advice to declare the item type.  Text, whole numbers,
    lists and dicts are written plain (an ``IntEnum`` member as its number,
    an ``OrderedDict`` as a dict), as read back.
    """
    if value is None or value is True or value is False or type(value) is str:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, int):
        return _strict.write_int(value)
    # A list or dict subclass (an OrderedDict, a defaultdict) reads back as the plain
    # list or dict, equal to it; it is read as one, never through its own methods.
    if isinstance(value, list):
        return [write_plain_item(item) for item in list.__iter__(value)]
    if isinstance(value, dict) and all(isinstance(key, str) for key in dict.__iter__(value)):
        return {str.__str__(key): write_plain_item(item) for key, item in dict.items(value)}
    if isinstance(value, float):
        _strict.write_no_float(value)
    raise InvalidTypeError(
        f"cannot serialise {_strict.got(value)} in a list or dict declared without an item "
        "type: the readers give back only plain JSON there (text, integers, true, false, "
        "null, and lists and dicts of them with text keys); declare the item type "
        "(list[Money])",
        field=WRITTEN_FIELD,
        rule="a type serialize reads",
    )


def write_str(value: object) -> str:
    """*value*, where a caller's class declares ``str``, if it is text the readers take back.

    What :func:`~._strict.read_str` refuses is refused here, by its rule
    (review r30, serialize 5): an ``int`` or ``bool`` where a ``str`` is
    declared was written as a number and refused on reading.  A ``str``
    subclass is written as its text (never through its own ``__str__``),
    as plain ``str``, which the readers give back; a float keeps the
    float writer's rule.
    """
    if type(value) is str:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, float):
        _strict.write_no_float(value)
    raise InvalidTypeError(
        f"cannot serialise {_strict.got(value)} where a str is declared: the readers take "
        "back only a string there",
        field=WRITTEN_FIELD,
        rule=_strict.STRING,
    )


def write_bool(value: object) -> bool:
    """*value*, where a caller's class declares ``bool``, if it is ``True`` or ``False``.

    As :func:`write_str`, by :func:`~._strict.read_bool`'s rule: ``1``,
    ``0`` or ``"true"`` where a ``bool`` is declared was written and then
    refused on reading.
    """
    if value is True or value is False:
        return value
    if isinstance(value, float):
        _strict.write_no_float(value)
    raise InvalidTypeError(
        f"cannot serialise {_strict.got(value)} where a bool is declared: the readers take "
        "back only true or false there",
        field=WRITTEN_FIELD,
        rule=_strict.TRUE_OR_FALSE,
    )


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


def _write_date(value: date) -> str:
    """A date as ISO text; a ``datetime`` where a ``date`` is declared is refused.

    A ``datetime`` is a ``date`` too, and its text is no date the readers take.
    """
    if isinstance(value, datetime):
        raise not_declared(date, value)
    return date.isoformat(value)


def _write_money(value: Money) -> dict[str, str]:
    """Money as JSON; a ``Money`` its constructor would refuse (forged: NaN, ``"usd"``) is refused.

    What is written is what the reader takes back (review r36, hostile 1).
    """
    if issubclass(type(value), Money) and held(value) is None:
        forged("value")
    return _render.money_dict(value)


def leaf_writers(write_decimal: Callable[[Decimal], str]) -> list[tuple[type, Any]]:
    """``(type, writer)`` for each library leaf type, each writer guarded by its type.

    And the writers of a caller's ``str`` and ``bool`` fields (declared as
    :class:`CheckedStr` and :class:`CheckedBool` by
    :func:`~._fields.fields_written`), which check their values themselves.

    *write_decimal* is the converter's ``Decimal`` writer (which refuses a
    NaN or an absurd exponent itself); a ``str`` where a ``Decimal`` is
    declared is refused (read back, it is a ``Decimal``, not the ``str``),
    and so is a ``datetime`` where a ``date`` is.
    """

    def write_decimal_only(value: Any) -> str:
        if isinstance(value, str):  # "5" read back as Decimal("5"), not the str held
            raise not_declared(Decimal, value)
        return write_decimal(value)

    writers: list[tuple[type, Callable[[Any], object]]] = [
        (Money, _write_money),
        (Decimal, write_decimal_only),
        (date, _write_date),
        (datetime, _times.write_datetime),
        (timedelta, _render.seconds_text),
    ]
    checked: list[tuple[type, Any]] = [
        (CheckedStr, write_str),
        (CheckedBool, write_bool),
        (PlainItem, write_plain_item),
    ]
    leaves = [(t, guarded(write, t)) for t, write in writers]
    return [(t, _plain_first(t, write)) for t, write in leaves] + checked


def _plain_first(t: type, write: Callable[[Any], object]) -> Callable[[Any], object]:
    """*write*, with a plain ``date`` or a ``datetime`` in UTC written at once.

    Every library value holds these (its constructors see to it), and their
    ISO text is what the guarded writer gives them, without its checks: a
    ``date`` is no ``datetime``, and UTC's offset is whole minutes.
    """
    if t is date:

        def write_date(value: Any) -> object:
            if value.__class__ is date:
                return date.isoformat(value)
            return write(value)

        return write_date
    if t is datetime:

        def write_moment(value: Any) -> object:
            if value.__class__ is datetime and value.tzinfo is timezone.utc:
                return datetime.isoformat(value)
            return write(value)

        return write_moment
    return write
