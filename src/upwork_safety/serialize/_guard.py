"""The shared converter takes hooks for the caller's classes, never for the library's (private).

:data:`upwork_safety.serialize.converter` is one object for the whole
process, and its hooks decide how every value is read and written.  A hook
registered on it for :class:`~upwork_safety.Money` (or ``datetime``,
``tuple[Milestone, ...]``, or a predicate such as :func:`attrs.has` that
takes in the library's classes) replaced the strict reader or writer for
every caller in the process, another library embedding this one included,
and the serialize promises ("a number's text is read only if it is the text
``to_json`` writes") silently stopped holding (review r35, review 3).

So once the library has built it, the converter refuses such a hook with
:class:`~upwork_safety.errors.InvalidTypeError` naming the type, and takes,
as documented, hooks for the caller's own classes and for types built from
them (``list[MyRecord]``, ``MyRecord | None``).  A caller who wants other
readers builds them on a copy (``serialize.converter.copy()``), which is
theirs alone.
"""

from __future__ import annotations

import enum
import importlib
import sys
import types
import typing
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, get_args, get_origin

import attrs
import cattrs

from upwork_safety._display import shown
from upwork_safety.errors import InvalidTypeError

__all__ = ["Guarded", "SealedModule", "guarded", "is_library"]

#: The standard types the library's values are made of, read and written by its strict
#: hooks: a hook for one of them, or for a base of one (``object``), reaches every value.
_STANDARD: tuple[type, ...] = (
    str,
    int,
    bool,
    float,
    Decimal,
    date,
    datetime,
    timedelta,
    type(None),
    bytes,
    bytearray,
    list,
    tuple,
    dict,
    set,
    frozenset,
    enum.Enum,
)

_RULE = "a class of your own"


def is_library(value: object) -> bool:
    """Whether *value* (a class, a type expression) is defined in the library's modules."""
    module = getattr(value, "__module__", None)
    return isinstance(module, str) and (
        module == "upwork_safety" or module.startswith("upwork_safety.")
    )


def _library_classes() -> list[type]:
    """Every class the library's loaded modules define."""
    found: dict[int, type] = {}
    for name, module in list(sys.modules.items()):
        if not (name == "upwork_safety" or name.startswith("upwork_safety.")):
            continue
        for value in list(getattr(module, "__dict__", {}).values()):
            if isinstance(value, type) and is_library(value):
                found[id(value)] = value
    return list(found.values())


def _reaches_library(cls: type, library: list[type]) -> bool:
    """Whether *cls* is a library or standard type, or a base of one (``object``, ``Enum``)."""
    return is_library(cls) or any(_based_on(kind, cls) for kind in (*_STANDARD, *library))


def _based_on(kind: type, cls: type) -> bool:
    """``issubclass(kind, cls)``; ``False`` where *cls* cannot answer it.

    A ``Protocol`` with data members refuses ``issubclass`` (a ``TypeError``):
    no class is nominally based on it, and it is the caller's own type
    (diff review r35, 3).
    """
    try:
        return issubclass(kind, cls)
    except TypeError:
        return False


def _leaves(hint: Any) -> list[Any]:
    """The classes a type expression is built from (``list[A | None]``: list, A, NoneType)."""
    origin = get_origin(hint)
    args = get_args(hint)
    if origin is None and not args:
        return [hint]
    found: list[Any] = (
        [] if origin is None or origin in (typing.Union, types.UnionType) else [origin]
    )
    if origin is typing.Literal:
        return found  # values, not types
    for arg in args:
        if arg is not Ellipsis:
            found.extend(_leaves(arg))
    return found


def _library_type(hint: Any) -> bool:
    """Whether a hook for *hint* would change how the library reads or writes its own values.

    A class: it is the library's or a standard type the library reads, or a
    base of one.  A type built from others (``list[X]``, ``X | None``): it
    names a library class, or names no class of the caller's at all
    (``tuple[str, ...]``, which a library value may declare).
    """
    library = _library_classes()
    leaves = [leaf for leaf in _leaves(hint) if isinstance(leaf, type)]
    if isinstance(hint, typing.NewType):
        # cattrs finds a NewType's hook by the NewType itself, which no library value
        # declares: the caller's own NewType is theirs (diff review r35, 3).
        return is_library(hint)
    if get_origin(hint) is None and not get_args(hint):
        return not isinstance(hint, type) or _reaches_library(hint, library)
    if any(is_library(leaf) for leaf in leaves):
        return True
    return all(_reaches_library(leaf, library) for leaf in leaves)


def _asked_about() -> list[Any]:
    """The types the library's own reading and writing ask the converter about."""
    library = _library_classes()
    asked: dict[int, Any] = {id(kind): kind for kind in (*_STANDARD, *library)}
    for cls in library:
        if not attrs.has(cls):
            continue
        try:
            hints = typing.get_type_hints(cls)
        except Exception:  # noqa: BLE001, S112  (a name only type checkers see: skip the class)
            continue
        for hint in hints.values():
            stack = [hint]
            while stack:
                current = stack.pop()
                asked.setdefault(id(current), current)
                stack.extend(arg for arg in get_args(current) if arg is not Ellipsis)
    return list(asked.values())


def _refuse(hint: Any, what: str, method: str) -> None:
    plain_class = isinstance(hint, type) and not get_args(hint)
    name = hint.__qualname__ if plain_class else str(hint)
    raise InvalidTypeError(
        f"serialize.converter.{method} refuses a hook for {shown(name)}: it is one of the "
        "library's types (or is built from them only, or is a standard type its values are "
        "made of), and a hook on the shared converter would replace how the library reads "
        "or writes it for every caller in the process; register hooks for your own classes, "
        "or on a copy of your own (serialize.converter.copy())",
        field=what,
        rule=_RULE,
    )


def _check_type(hint: Any, what: str, method: str) -> None:
    if _library_type(hint):
        _refuse(hint, what, method)


def _check_predicate(predicate: Any, what: str, method: str) -> None:
    """Refuse a predicate that takes in a type the library's values ask the converter about."""
    for hint in _asked_about():
        try:
            taken = predicate(hint)
        except Exception:  # noqa: BLE001  (cattrs' dispatch takes a raising predicate as "no")
            taken = False
        if taken:
            _refuse(hint, what, method)


class Guarded(cattrs.Converter):
    """A converter that, once sealed, takes hooks for the caller's own types only.

    What it promises: a hook for one of the library's types, or a predicate
    that answers yes for one when registered, is refused; and
    :func:`~upwork_safety.serialize.from_dict` and ``from_json`` of one of the
    library's classes return a value of exactly that class, or raise (review
    r36, hostile 2).  What it does not: a predicate that answers otherwise
    later, or the converter's private parts changed by hand, can still change
    how the library's types are read inside a ``list[...]`` or a class of the
    caller's, and how they are written; the library's own classes check their
    fields when built, so a value of one is never built from what such a hook
    makes.
    """

    #: Whether the library has registered its own hooks (private: read :attr:`sealed`).
    _sealed = False

    @property
    def sealed(self) -> bool:
        """Whether the library has registered its own hooks; read-only (review r36, hostile 2)."""
        return self._sealed

    def register_structure_hook(self, cl: Any, func: Any = None) -> Any:
        """The cattrs method, refusing a type of the library's once sealed."""
        if self._sealed and func is not None:
            _check_type(cl, "cl", "register_structure_hook")
        # As a decorator (no func) cattrs calls this method again with the type, and
        # gives the function back.
        return super().register_structure_hook(cl, func)  # pyright: ignore[reportArgumentType]

    def register_unstructure_hook(self, cls: Any = None, func: Any = None) -> Any:
        """The cattrs method, refusing a type of the library's once sealed."""
        if self._sealed and func is not None:
            _check_type(cls, "cls", "register_unstructure_hook")
        return super().register_unstructure_hook(cls, func)  # pyright: ignore[reportArgumentType]

    def register_structure_hook_func(self, check_func: Any, func: Any) -> None:
        """The cattrs method, refusing a predicate that takes in a library type once sealed."""
        if self._sealed:
            _check_predicate(check_func, "check_func", "register_structure_hook_func")
        super().register_structure_hook_func(check_func, func)

    def register_unstructure_hook_func(self, check_func: Any, func: Any) -> None:
        """The cattrs method, refusing a predicate that takes in a library type once sealed."""
        if self._sealed:
            _check_predicate(check_func, "check_func", "register_unstructure_hook_func")
        super().register_unstructure_hook_func(check_func, func)

    def register_structure_hook_factory(self, predicate: Any, factory: Any = None) -> Any:
        """The cattrs method, refusing a predicate that takes in a library type once sealed."""
        if self._sealed:
            _check_predicate(predicate, "predicate", "register_structure_hook_factory")
        return super().register_structure_hook_factory(predicate, factory)

    def register_unstructure_hook_factory(self, predicate: Any, factory: Any = None) -> Any:
        """The cattrs method, refusing a predicate that takes in a library type once sealed."""
        if self._sealed:
            _check_predicate(predicate, "predicate", "register_unstructure_hook_factory")
        return super().register_unstructure_hook_factory(predicate, factory)

    def copy(self, *args: Any, **kwargs: Any) -> Any:
        """The cattrs copy: a converter of the caller's own, which takes any hook."""
        mine = super().copy(*args, **kwargs)
        mine._sealed = False  # noqa: SLF001  (its own class)
        return mine


def guarded(base: type[cattrs.Converter]) -> type[Guarded]:
    """The :class:`Guarded` converter class over *base* (cattrs' own, or the msgspec one)."""
    if base is cattrs.Converter:
        return Guarded
    return type(f"Guarded{base.__name__}", (Guarded, base), {})


#: The module attribute that names the library's converter.
_CONVERTER = "converter"


class SealedModule(types.ModuleType):
    """The class of :mod:`upwork_safety.serialize`: its ``converter`` cannot be rebound.

    The library's functions read and write with the converter the library
    built, whatever the public name is bound to; assigning another converter
    to ``serialize.converter`` would change nothing the library does but
    what the name says, so it is refused, as is deleting the name (review
    r37, hostile 4).  A converter of your own is ``serialize.converter.copy()``,
    called directly (``mine.structure(data, Money)``).  Setting the name to
    the converter it already holds (as ``monkeypatch`` undoing does) is
    allowed; every other name is set as on any module.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        """Set *name*, refusing another object for ``converter``."""
        if name == _CONVERTER and value is not self.__dict__.get(_CONVERTER):
            _refuse_rebinding(f"assigning {type(value).__name__} to")
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        """Delete *name*, refusing ``converter``."""
        if name == _CONVERTER:
            _refuse_rebinding("deleting")
        super().__delattr__(name)

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        """Pickle the module as a reference to its name, as pickling a function that uses it needs.

        A module of another class than ``types.ModuleType`` is not one
        cloudpickle (Dask, multiprocessing's helpers) knows to pickle by
        reference: without this, a function of yours that names ``serialize``
        could not be sent to a worker (the Dask recipe of docs/scaling.md).
        """
        return importlib.import_module, (self.__name__,)


def _refuse_rebinding(what: str) -> None:
    raise InvalidTypeError(
        f"{what} serialize.converter is refused: to_dict, from_dict, to_json and from_json "
        "always use the converter the library built, so rebinding the name would change "
        "nothing they do; for readers or writers of your own, call a copy directly "
        "(mine = serialize.converter.copy(); mine.structure(data, cls))",
        field=_CONVERTER,
        rule="the library's converter, not rebound",
    )
