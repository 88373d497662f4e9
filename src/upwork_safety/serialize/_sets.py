"""Reading a set: the list ``to_json`` writes, each member once (private).

``to_json`` writes a set as the sorted list of its members, each once.  A
list that repeats a member is not text the writer writes: reading it into a
set would drop the repeat silently, so it is refused at the repeat's index,
as a repeated key of an object is (review r29, hostile 6).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, get_origin

from upwork_safety.serialize._problems import ItemsError
from upwork_safety.serialize._strict import RefusedError

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["set_reader"]


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
