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

The same rule holds for every value of the library a public function is
given (:func:`plain_value`, which the shared argument checks of
:mod:`upwork_safety._validate` apply): a ``Money`` or ``Contract`` subclass
whose ``__getattribute__`` runs the caller's code would otherwise run it at
every read the library makes, in the middle of a computation, where it could
change the library's decimal context (second diff review r33, 1-3).  Read
through the class's own slots, once, a subclass runs none of its code.
"""

from __future__ import annotations

import inspect
from types import MemberDescriptorType
from typing import Any, TypeVar, cast

import attrs

from upwork_safety.errors import InvalidTypeError

__all__ = ["plain_record", "plain_value", "rebuilt"]

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
            (field.alias, cast("MemberDescriptorType", inspect.getattr_static(kind, field.name)))
            for field in attrs.fields(kind)
            if field.init
        )
        _SLOTS[kind] = found
    return found


#: Whether each class a check names is one :func:`plain_value` rebuilds, filled
#: on first use.  Keyed by the classes the library's own checks name, so it
#: never grows past them.
_REBUILT: dict[type, bool] = {}


def rebuilt(kind: type) -> bool:
    """Whether a subclass of *kind* is rebuilt as a plain *kind* (:func:`plain_value`).

    True for the library's own values: attrs classes of ``upwork_safety``
    whose every field sits in a slot (every frozen value class: ``Money``,
    ``Contract``, a report, a rule set, an escrow event, ...).
    """
    found = _REBUILT.get(kind)
    if found is None:
        found = (
            kind.__module__.partition(".")[0] == "upwork_safety"
            and attrs.has(kind)
            and all(
                isinstance(inspect.getattr_static(kind, field.name, None), MemberDescriptorType)
                for field in attrs.fields(kind)
            )
        )
        _REBUILT[kind] = found
    return found


def plain_value(value: T, kind: type[T], what: str) -> T:
    """*value*, already checked to be a *kind*, as the plain *kind* it holds.

    The one rule for a library value given to a public function: a subclass
    of one of the library's value classes (:func:`rebuilt`) is rebuilt as
    :func:`plain_record` rebuilds it, so nothing the library reads from it
    runs the subclass's code; anything else (an exact *kind*, a subclass of
    a class that is not the library's) comes back as it is.

    Raises:
        InvalidTypeError: A subclass made without *kind*'s constructor.
    """
    if type(value) is kind or not rebuilt(kind):
        return value
    return plain_record(value, kind, what)


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
