"""A public call's arguments, as the plain values they hold, in the library's context (private).

:func:`exact` is what every public engine function that computes with
``Decimal`` wears: it runs the function in the library's own decimal context
(:func:`upwork_safety._context.in_context`), and first makes each argument
the plain value it holds, so that no code of the
caller's runs while the library computes (second diff review r33, 1-3):

* a subclass of one of the library's values (a lazy or proxy ``Money``,
  ``Contract``, ``ExchangeRate``, rule set, escrow event, ...) is rebuilt
  as the plain value its class's own slots hold
  (:func:`upwork_safety._records.plain_value`), so neither its
  ``__getattribute__`` nor the ``__class__`` that ``isinstance`` asks of
  it runs while the call reads it;
* a ``str`` or ``int`` subclass (an ORM's id type) becomes the plain ``str``
  or ``int`` it holds, and a ``date`` subclass (not a ``datetime``: a
  freezegun ``FakeDate``, a lazy or proxy date) the plain ``date`` of its
  day, each read by the builtin's own method (:mod:`upwork_safety._plain`;
  review r35, hostile 1); an enumeration member (the library's own,
  or a ``StrEnum``/``IntEnum`` of the caller's) is left as it is, for the
  function's own reading of it (a member's methods are its enumeration's).

Anything else (a list, a generator, a mapping, a ``datetime``, whose
subclass is read with its UTC offset) is read by the
shared readers, which make its items plain or put the context back after
the caller's code ran (:func:`upwork_safety._context.restore_context`).
"""

from __future__ import annotations

import enum
import functools
import inspect
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, cast

from upwork_safety._context import in_context
from upwork_safety._plain import plain_int, plain_text, to_date
from upwork_safety._records import plain_value, rebuilt

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["exact", "plain_argument"]

_P = ParamSpec("_P")
_T = TypeVar("_T")

#: How an argument of each type is made plain (``None``: it is already), filled on
#: first sight of a type.  Types the library knows are few; a caller's types are
#: remembered up to :data:`_REMEMBERED`, then judged afresh each time.
_PLAINERS: dict[type, Callable[[Any, str], Any] | None] = {}
_REMEMBERED = 4096
#: What :data:`_PLAINERS` gives for a type not seen yet.
_UNSEEN = object()


def _as_text(value: Any, _: str) -> Any:
    return plain_text(value)


def _as_int(value: Any, _: str) -> Any:
    return plain_int(value)


def _as_day(value: Any, _: str) -> Any:
    return to_date(value)


def _plainer(kind: type) -> Callable[[Any, str], Any] | None:
    """How an argument of type *kind* becomes the plain value it holds; ``None`` if it is."""
    if issubclass(kind, enum.Enum) or kind in (str, int, bool, date, datetime):
        return None  # an enumeration's members are values of their own
    if issubclass(kind, str):
        return _as_text
    if issubclass(kind, int) and not issubclass(kind, bool):
        return _as_int
    if issubclass(kind, date) and not issubclass(kind, datetime):
        return _as_day
    library = next((base for base in kind.__mro__[1:] if rebuilt(base)), None)
    if library is None or rebuilt(kind):
        return None  # not a subclass of a library value, or one of the library's own
    return functools.partial(_as_library_value, kind=library)


def _as_library_value(value: Any, what: str, *, kind: type) -> Any:
    return plain_value(value, kind, what)


def plain_argument(value: Any, what: str) -> Any:
    """*value*, an argument named *what*, as the plain value it holds (see the module)."""
    kind = type(value)
    found = _PLAINERS.get(kind, _UNSEEN)
    if found is _UNSEEN:
        found = _plainer(kind)
        if len(_PLAINERS) < _REMEMBERED:
            _PLAINERS[kind] = found
    return value if found is None else cast("Callable[[Any, str], Any]", found)(value, what)


def exact(func: Callable[_P, _T]) -> Callable[_P, _T]:
    """Run *func* in the library's decimal context, on its arguments' plain values (private).

    Only the outermost call of a thread installs the context; every call,
    nested ones too, makes its arguments plain (a nested call may come from
    caller code the outer call runs, such as a generator that calls the library).
    """
    names = tuple(inspect.signature(func).parameters)

    def prepare(
        args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> tuple[tuple[Any, ...], dict[str, Any]]:
        plain_args = tuple(
            [
                plain_argument(value, names[index] if index < len(names) else "args")
                for index, value in enumerate(args)
            ]
        )
        plain_kwargs = {name: plain_argument(value, name) for name, value in kwargs.items()}
        return plain_args, plain_kwargs

    return in_context(func, prepare)
