"""Builtin subclasses as the plain values they hold: the converters of text, numbers, durations.

A value stores plain ``str`` and ``int`` (private module): a subclass
(``numpy.str_``, an ``IntEnum`` member, a ``str`` whose ``__eq__`` ignores
case) would make two values that compare equal hash apart, come back from
:mod:`upwork_safety.serialize` as another type, or answer a check (is it
blank? a whole number of minutes?) with its own method.  Each converter
reads what the builtin itself holds, with the builtin's own method, so a subclass cannot answer for
itself; anything else is left as it is, for the field's validator to refuse
naming the field (attrs converters do not know the field's name).
:func:`upwork_safety.money.plain_money` is the same rule for ``Money``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, cast

from upwork_safety._context import restore_context


def plain_text(value: str) -> str:
    """A ``str`` subclass as the plain ``str`` it holds; anything else as it is."""
    if type(value) is str or not issubclass(type(value), str):
        return value
    return str.__str__(value)


def optional_plain_text(value: str | None) -> str | None:
    """:func:`plain_text` for an optional field."""
    return None if value is None else plain_text(value)


def plain_int(value: int) -> int:
    """An ``int`` subclass (an ``IntEnum`` member) as the plain ``int`` it holds; else as it is.

    A ``bool`` is left as it is: every whole-number field refuses it (``True``
    is not the count 1).
    """
    kind: type = type(value)  # read as a type: a field's converter also sees what is not an int
    if kind is int or kind is bool or not issubclass(kind, int):
        return value
    return int.__int__(value)


def whole_number(value: object) -> int | None:
    """*value* as the plain ``int`` it holds if its type is ``int`` or a subclass (not bool).

    Anything else (a bool, a float, text) is ``None``.

    The one way a size or a count is read before it is compared (red team
    r18 M1): the type decides, not ``isinstance`` (which believes a lying
    ``__class__``), and the value is read with ``int``'s own method
    (:func:`plain_int`), so a subclass whose comparisons say yes to any range
    cannot pass a bound.  Compare, and then use, what this returns.
    """
    kind: type = type(value)
    if kind is bool or not issubclass(kind, int):
        return None
    return plain_int(cast("int", value))


def plain_text_items(items: tuple[Any, ...]) -> tuple[Any, ...]:
    """The items of a tuple, each ``str`` subclass among them made plain (:func:`plain_text`).

    The one converter of the items of a tuple field of text (an item that is
    not text is left for the field's validator to refuse).
    """
    if all(type(item) is str for item in items):
        return items  # the common case (thousands of JSS reasons): nothing to make plain
    return tuple([plain_text(item) for item in items])


def plain_int_items(items: tuple[Any, ...]) -> tuple[Any, ...]:
    """The items of a tuple, each ``int`` subclass among them made plain (:func:`plain_int`).

    The one converter of the items of a tuple field of whole numbers.
    """
    return tuple([plain_int(item) for item in items])


def optional_plain_int(value: int | None) -> int | None:
    """:func:`plain_int` for an optional field."""
    return None if value is None else plain_int(value)


#: ``timedelta``'s own fields, read through its descriptors: a subclass cannot answer for them.
_DURATION_FIELDS = (timedelta.days, timedelta.seconds, timedelta.microseconds)


def plain_duration(value: timedelta) -> timedelta:
    """A ``timedelta`` subclass as the plain ``timedelta`` it holds; anything else as it is.

    The plain value is built from what ``timedelta`` itself holds (a subclass's
    ``__mod__`` or ``__eq__`` is never asked to check a rule).  One that holds
    more than a ``timedelta`` can (``pandas.Timedelta`` with nanoseconds) is
    left as it is, for the field's validator to refuse: it is never rounded.
    The one question asked of the subclass, whether it equals the plain
    value, is the caller's code: the library's decimal context is put back
    after it (:func:`~upwork_safety._context.restore_context`).
    """
    kind: type = type(value)
    if kind is timedelta or not issubclass(kind, timedelta):
        return value
    days, seconds, micro = (field.__get__(value) for field in _DURATION_FIELDS)
    plain = timedelta(days=days, seconds=seconds, microseconds=micro)
    try:
        same = bool(value == plain)
    except Exception:  # noqa: BLE001  (a subclass whose comparison fails is refused)
        same = False
    finally:
        restore_context()  # the subclass's __eq__ is the caller's code (red team r34 2)
    return plain if same else value


def to_date(value: date) -> date:
    """An attrs converter: a ``date`` subclass as the plain ``date`` it holds; else as it is.

    The day is read with ``date``'s own methods, and the type is judged by
    ``type()``, never ``isinstance`` (which asks a subclass for its
    ``__class__``, running its ``__getattribute__``), so a subclass (a
    freezegun ``FakeDate``, a lazy or proxy date) runs none of its code and
    cannot answer for itself (review r35, hostile 1).  A ``datetime`` and
    what is not a date are left as they are: pair it with a validator that
    refuses them (:func:`upwork_safety._moments.date_field`).
    """
    kind: type = type(value)
    if kind is date or not issubclass(kind, date) or issubclass(kind, datetime):
        return value
    return date.fromordinal(date.toordinal(value))


def optional_to_date(value: date | None) -> date | None:
    """:func:`to_date` for an optional field."""
    return None if value is None else to_date(value)


def optional_plain_duration(value: timedelta | None) -> timedelta | None:
    """:func:`plain_duration` for an optional field."""
    return None if value is None else plain_duration(value)
