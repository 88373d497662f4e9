"""Fields that hold groups of items, each group a tuple, read in bounded memory (private).

``FeeAudit.mixed_rates`` is such a field: a tuple of groups of checks.  Its
converter, :func:`tuples_of_tuples`, reads the field and each group as
:func:`~._validate.sequence_of` reads a list (review r28 3): at most
:data:`~._decimals.MAX_ITEMS` groups, at most that many items in a group,
and at most that many items in all, so neither an endless group nor an
endless run of groups is read whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, NoReturn

from upwork_safety import _decimals
from upwork_safety._validate import unordered
from upwork_safety.errors import InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Callable


def tuples_of_tuples(what: str) -> Callable[[Any], Any]:
    """An attrs converter for the field *what*, a sequence of groups: each a tuple, bounded.

    An iterator of groups is refused one group past the bound, a group one
    item past it (naming ``what[index]``), and the groups together once they
    hold more than the bound (naming *what*).  A group read from an iterator
    is never cut short: the converter refuses rather than drop items, so it
    names the field itself.  What is not a sequence, outside or inside, is
    left as it is for the field's validator to refuse.
    """

    def convert(value: Any) -> Any:
        if type(value) is tuple and all(type(group) is tuple for group in value):
            return value  # in memory already: the validator counts it
        if not _several(value):
            return value
        groups: list[object] = []
        left = _decimals.MAX_ITEMS
        for index, group in enumerate(_decimals.bounded(value, what)):
            read = group
            if type(group) is not tuple and _several(group):
                read = _group(group, f"{what}[{index}]", left, what)
            if type(read) is tuple:
                left -= len(read)
                if left < 0:
                    _too_many_in_all(what)
            groups.append(read)
        return tuple(groups)

    return convert


def _several(value: object) -> bool:
    """Whether *value* is read as several items: an iterable, not a text, a mapping or a set.

    A set is left for the validator, which refuses it (rule ``"an ordered
    sequence"``): the groups keep the order given, and a set's changes between runs.
    """
    return (
        isinstance(value, Iterable)
        and not isinstance(value, (str, bytes, Mapping))
        and not unordered(value)
    )


def _group(items: Iterable[object], where: str, left: int, what: str) -> tuple[object, ...]:
    """A group of :func:`tuples_of_tuples`, read no further than the bounds allow."""
    read: list[object] = []
    for item in _decimals.bounded(items, where):
        if len(read) == left:
            _too_many_in_all(what)
        read.append(item)
    return tuple(read)


def _too_many_in_all(what: str) -> NoReturn:
    """Refuse the field *what* whose groups hold more items in all than the bound."""
    bound = _decimals.MAX_ITEMS
    raise InvalidValueError(
        f"the groups of {what} hold more than {bound:,} items in all, the most the library "
        "reads in one list",
        field=what,
        rule=f"at most {bound:,} items",
    )
