"""Record subclasses as the plain records they hold: the rule for a value kept inside another.

A :class:`~upwork_safety.Contract` keeps plain records: its ``Client``,
``Milestone`` values (and each one's ``Escrow``), ``Payment`` values, its
``Feedback``, its Work Diary's ``TimeEntry`` values and the escrow events of
its history.  A subclass given for one is stored as the plain record it
holds, as every ``Money``, ``str`` and ``int`` field stores the plain value
(:mod:`upwork_safety._plain`, :func:`upwork_safety.money.plain_money`): so
a contract equals itself after a round trip through
:mod:`upwork_safety.serialize`, which has no subclass to rebuild, and a
subclass whose properties answer differently later cannot change a
contract that was checked when it was built (red team r18 M2, M3).

The plain record is built through its own constructor, so every check runs
again, from the values the record class's own slots hold: a subclass's
properties are never asked (private module).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from upwork_safety._validate import sequence_of
from upwork_safety.errors import InvalidTypeError

if TYPE_CHECKING:
    from types import MemberDescriptorType

__all__ = ["plain_record", "plain_records"]

T = TypeVar("T")

#: Each record class's constructor arguments and the slot that holds each one,
#: filled on first use.  Keyed only by the library's own record classes (the
#: *kind* its callers name), never by a subclass, so it never grows past them.
_SLOTS: dict[type, tuple[tuple[str, MemberDescriptorType], ...]] = {}


def _slots(kind: type) -> tuple[tuple[str, MemberDescriptorType], ...]:
    """*kind*'s constructor arguments (by alias) and the slot descriptor of each."""
    found = _SLOTS.get(kind)
    if found is None:
        found = tuple(
            (field.alias, cast("MemberDescriptorType", kind.__dict__[field.name]))
            for field in attrs.fields(kind)
            if field.init
        )
        _SLOTS[kind] = found
    return found


def plain_record(value: T, kind: type[T], what: str) -> T:
    """*value*, a subclass of the record class *kind*, as the plain *kind* it holds; else as it is.

    The plain record is built through *kind*'s constructor from what *kind*'s
    own slots hold (a subclass's properties are never read), so its checks
    run again.  Anything that is not a subclass of *kind* is returned as it
    is, for the caller's check to refuse naming the field.

    Args:
        value: What the caller gave.
        kind: A frozen, slotted attrs record class of the library.
        what: The field, for the error, e.g. ``"Contract.payments[0]"``.

    Raises:
        InvalidTypeError: A subclass whose slots were never filled (made
            without *kind*'s constructor).
    """
    cls = type(value)
    if cls is kind or not issubclass(cls, kind):
        return value
    try:
        held = {alias: slot.__get__(value, kind) for alias, slot in _slots(kind)}
    except AttributeError:
        raise InvalidTypeError(
            f"{what} is a {cls.__name__} that does not hold the fields of a {kind.__name__} "
            f"(it was made without {kind.__name__}'s constructor)",
            field=what,
            rule=f"a {kind.__name__}",
        ) from None
    return cast("T", cast("Any", kind)(**held))


def plain_records(value: object, kind: type[T], what: str) -> tuple[T, ...]:
    """*value*, a sequence of *kind* records, as a tuple of plain ones (:func:`plain_record`).

    The sequence and its items are checked as :func:`~._validate.sequence_of`
    checks them; each subclass is then rebuilt as the plain record it holds.

    Raises:
        InvalidTypeError: *value* is not a sequence, or an item is not a *kind*.
    """
    items = sequence_of(value, kind, what)
    if all(type(item) is kind for item in items):
        return items  # the common case: nothing to rebuild
    return tuple([plain_record(item, kind, f"{what}[{i}]") for i, item in enumerate(items)])
