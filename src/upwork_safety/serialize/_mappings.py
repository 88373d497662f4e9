"""Writing a mapping and a fixed tuple by their declared types (private).

A ``dict[str, X]`` field is written only from a mapping, read through the
library's one bound, each value by ``X``'s writer; a fixed tuple
(``tuple[int, str]``) only with as many items as it declares, each by its
place's writer.  What the readers refuse is refused here, at its place
(review r29, review 1 and 4): a ``bool`` where an ``int`` is declared, a
list where a mapping is, three items where two are.
"""

from __future__ import annotations

import collections.abc
import enum
from typing import TYPE_CHECKING, Any, get_origin

from upwork_safety._decimals import bounded
from upwork_safety._display import shown
from upwork_safety.errors import InvalidTypeError, InvalidValueError, UpworkSafetyError
from upwork_safety.serialize._problems import WRITTEN_FIELD, Written, placed, refused_by_writer
from upwork_safety.serialize._strict import type_name

if TYPE_CHECKING:
    from collections.abc import Callable, Sized

__all__ = ["fixed", "guarded", "mapping_writer", "not_declared"]


def guarded(write: Callable[[object], object], t: Any) -> Callable[[object], object]:
    """*write*, refusing a value of another type than *t* that it fails on.

    A place declared as a library class (``Money``) given something else
    (an ``int``) is refused as the declared type (``InvalidTypeError``), not
    left to the writer's raw ``AttributeError``; a refusal of the writer's
    own (a float's, a NaN's) is kept as it is.
    """
    kind = get_origin(t) or t

    def write_checked(value: object) -> object:
        try:
            return write(value)
        except UpworkSafetyError:  # the writer's own refusal (an InvalidTypeError is a TypeError)
            raise
        except (AttributeError, TypeError):
            if isinstance(kind, type) and isinstance(value, kind):
                raise
            raise not_declared(kind, value) from None

    return write_checked


def not_declared(t: Any, value: object) -> InvalidTypeError:
    """The refusal of *value* where *t* is declared and *value* is of another type."""
    return InvalidTypeError(
        f"expected {getattr(t, '__qualname__', t)}, as declared, got {type_name(value)}",
        field=WRITTEN_FIELD,
        rule="the declared type",
    )


def fixed(places: list[Any], value: Sized) -> list[Any]:
    """The writers of a fixed tuple's *places* for *value*, refusing a count the readers refuse."""
    if len(value) != len(places):
        raise InvalidValueError(
            f"cannot serialise {len(value)} items where a tuple of {len(places)} is declared: "
            "the readers take back exactly that many",
            field=WRITTEN_FIELD,
            rule=f"exactly {len(places)} items",
        )
    return places


def mapping_writer(
    write_item: Callable[[object], object], note: Callable[[str], Any]
) -> Callable[[object], dict[str, object]]:
    """A writer of a mapping with ``str`` keys, each value by *write_item*.

    Each key is written as plain ``str``, a ``StrEnum`` member as its value,
    as values are: ``from_dict`` reads the text back to the declared key type.

    *note* gives the note placing an error at a key, as the readers place it.
    """

    def write(value: object) -> dict[str, object]:
        if not isinstance(value, collections.abc.Mapping):
            raise InvalidTypeError(
                f"expected a mapping, as declared, got {type_name(value)}",
                field=WRITTEN_FIELD,
                rule="the declared type",
            )
        result: dict[str, object] = {}
        for key, item in bounded(value.items(), WRITTEN_FIELD, keys=True):
            if not isinstance(key, str):
                raise InvalidTypeError(
                    f"cannot serialise a dict key of type {type(key).__qualname__}: "
                    "JSON object keys are strings",
                    field=WRITTEN_FIELD,
                    rule="str keys",
                )
            # A key is written as a value is: an enum member as its value, other text
            # as plain str (newcomer r41 7); two keys of one text would lose a value.
            text = str.__str__(key.value if isinstance(key, enum.Enum) else key)
            if text in result:
                raise InvalidValueError(
                    f"cannot serialise two dict keys that both read {shown(text)}: "
                    "one value would be lost",
                    field=WRITTEN_FIELD,
                    rule="keys of distinct text",
                )
            try:
                result[text] = write_item(item)
            except (UpworkSafetyError, Written) as exc:
                if not refused_by_writer(exc):
                    raise
                raise placed(exc, note(key), value, dict) from None
        return result

    return write
