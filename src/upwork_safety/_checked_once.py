"""A field validator that does not check again what its constructor checked a moment ago (private).

attrs runs a class's validators in field order, once every field is set.  A
field holding the very object an earlier field of the same instance holds
(a ledger's empty buckets share their currency's zero; an escrow given one
``Money`` as funded and held holds it twice) holds a value the earlier
field's validator passed in this constructor; an immutable value passes the
same check again, so the check is not run twice.  Identity, never equality:
an equal value of another type, or a ``Money`` built another way, is
checked as any other.
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["MADE", "unless_held_earlier"]


#: Each validator :func:`unless_held_earlier` made, with its check and earlier fields
#: (the tests walk every use through it).
MADE: dict[Callable[[Any, Any, Any], None], tuple[Callable[[Any, Any, Any], None], tuple[str, ...]]]
MADE = {}


def unless_held_earlier(
    check: Callable[[Any, Any, Any], None], *earlier: str
) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: *check*, unless the value is the object one of *earlier* holds.

    Args:
        check: The validator every one of these fields has (``money_field``,
            ``cents_field``).  Each field named in *earlier* must have it too
            and come before this one, so that its check has run (the tests
            walk every use, through :data:`MADE`, and hold it to that).
        earlier: The names of those fields, at least one.
    """
    held_by = operator.attrgetter(*earlier)  # one name: the value; several: a tuple

    if len(earlier) == 1:

        def validate(instance: Any, attribute: Any, value: Any) -> None:
            if held_by(instance) is not value:
                check(instance, attribute, value)

    else:

        def validate(instance: Any, attribute: Any, value: Any) -> None:
            for other in held_by(instance):
                if other is value:
                    return
            check(instance, attribute, value)

    MADE[validate] = (check, earlier)
    return validate
