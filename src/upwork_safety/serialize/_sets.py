"""Sets: written as the sorted list of their members, read back each once (private).

``to_json`` writes a set as the sorted list of its members, each once.  A
list that repeats a member is not text the writer writes: reading it into a
set would drop the repeat silently, so it is refused at the repeat's index,
as a repeated key of an object is (review r29, hostile 6).  The writer
takes only a set where a set is declared (a list there may repeat a member
the reader then refuses, and an endless iterator would never be sorted:
review r29, review 2 and 3), reads it through the library's one bound, and
writes each member by the declared member type's writer, so a ``bool`` in a
``set[int]`` is refused as in a ``list[int]`` (review r29, review 1).
"""

from __future__ import annotations

import collections.abc
from typing import TYPE_CHECKING, Any, get_args, get_origin

from upwork_safety._decimals import bounded
from upwork_safety.errors import InvalidTypeError, UpworkSafetyError
from upwork_safety.serialize._problems import (
    WRITTEN_FIELD,
    ItemsError,
    Written,
    placed_at_itself,
    refused_by_writer,
)
from upwork_safety.serialize._strict import RefusedError, type_name

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["set_reader", "set_writer"]


def set_writer(
    t: Any, write_member: Callable[[object], object]
) -> Callable[[object], list[object]]:
    """A writer of ``set[X]`` or ``frozenset[X]`` *t*, each member by *write_member*.

    *write_member* is the writer of the declared member type (or of each
    member's own type when none is declared).  A value that is not a set
    is refused by its type (``InvalidTypeError``, rule ``a set``); more than
    the library's list bound of members is refused as a list's are.
    """
    name = getattr(get_origin(t) or t, "__name__", "set")

    def write(value: object) -> list[object]:
        if not isinstance(value, collections.abc.Set):
            raise InvalidTypeError(
                f"expected a {name}, as declared, got {type_name(value)}: a set's members "
                "are written each once, which only a set holds",
                field=WRITTEN_FIELD,
                rule="a set",
            )
        try:
            items = [write_member(item) for item in bounded(value, WRITTEN_FIELD)]
        except (UpworkSafetyError, Written) as exc:
            if not refused_by_writer(exc):
                raise
            # A set's items have no place until written: the refusal is the set's.
            raise placed_at_itself(exc, value, set) from None
        try:
            return sorted(items)  # type: ignore[type-var]
        except TypeError:  # unorderable items: keep set order
            return items

    return write


def member_type(t: Any) -> Any:
    """The member type a set type *t* declares, or ``None`` (a bare ``set``)."""
    args = get_args(t)
    return args[0] if len(args) == 1 else None


def set_reader(
    t: Any,
    read_items: Callable[[object, object], Any],
    noted: Callable[[Exception, int, object], Exception],
) -> Callable[[object, object], object]:
    """A reader of ``set[X]`` or ``frozenset[X]`` *t*: the list reader *read_items*, then each once.

    *noted* notes an error with the index it is at, as the list readers do.
    """
    origin = get_origin(t) or t

    def read(value: object, _: object) -> object:
        items = read_items(value, None)
        seen: set[object] = set()
        for index, item in enumerate(items):
            if item in seen:
                error = RefusedError(
                    "a member repeated: to_json writes each member of a set once",
                    rule="each member once",
                )
                raise ItemsError([noted(error, index, t)], t)
            seen.add(item)
        return origin(items)

    return read
