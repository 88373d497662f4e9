"""The factories' argument checks: overrides that name a field, one source per field (private).

Every factory in :mod:`upwork_safety.testing.factories` takes keyword
overrides; these refuse an override that names no field (with the closest
name) and an override passed together with the factory argument that fills
the same field.
"""

from __future__ import annotations

import difflib
import functools
import inspect
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import attrs

from upwork_safety._display import shown
from upwork_safety.errors import InvalidTypeError, InvalidValueError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["one_source", "overrides_of"]


def _arguments(factory: Callable[..., object]) -> tuple[str, ...]:
    """The names *factory* takes by keyword, read from its signature (not ``**overrides``)."""
    kinds = (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    found = inspect.signature(factory).parameters.values()
    return tuple(p.name for p in found if p.kind in kinds)


def overrides_of(
    cls: type, overrides: dict[str, Any], *factories: Callable[..., object]
) -> dict[str, Any]:
    """*overrides*, each naming a field of *cls* (attrs.evolve would raise a bare TypeError).

    A name that is neither is refused listing the *factories*' own arguments
    first (``amount=``, the one a typo such as ``amout=`` most often meant),
    then the fields, with the closest name of either when one is close
    (review r24, newcomer N5).
    """
    own = tuple(dict.fromkeys(name for f in factories for name in _arguments(f)))
    fields = tuple(name for name in attrs.fields_dict(cls) if name not in own)
    for name in overrides:
        if name not in fields and name not in own:
            close = difflib.get_close_matches(name, own + fields, n=1)
            hint = f" (did you mean {close[0]}=?)" if close else ""
            names = f"{factories[0].__name__}()"
            raise InvalidTypeError(
                f"{name}= is neither an argument of {names} nor a {cls.__name__} field{hint}; "
                f"arguments: {', '.join(own)}; {cls.__name__} fields: {', '.join(fields)}",
                field=name,
                rule=f"an argument of {names} or a {cls.__name__} field",
            )
    return overrides


_P = ParamSpec("_P")
_T = TypeVar("_T")


def one_source(
    fills: Mapping[str, tuple[str, ...]],
) -> Callable[[Callable[_P, _T]], Callable[_P, _T]]:
    """Refuse an override of a field that a factory argument passed with it fills in.

    *fills* maps each of the factory's own arguments to the fields it fills
    (``amount`` fills ``milestones``): passing both would silently drop one
    of them (red team r23 M2), so the call is refused with an
    :class:`~upwork_safety.InvalidValueError` naming both.  Arguments left
    at their defaults are not checked: ``contract(milestones=...)`` is how
    to give the contract milestones of your own.
    """

    def decorate(factory: Callable[_P, _T]) -> Callable[_P, _T]:
        @functools.wraps(factory)
        def checked(*args: _P.args, **kwargs: _P.kwargs) -> _T:
            for name, fields in fills.items():
                for field in fields:
                    if name in kwargs and field in kwargs:
                        raise InvalidValueError(
                            f"{name}= and {field}= both give {factory.__name__}()'s "
                            f"{field}: pass one of them, not both (one would be dropped; "
                            f"got {name}={shown(kwargs[name])})",
                            field=name,
                            rule=f"{name}= or {field}=, not both",
                        )
            return factory(*args, **kwargs)

        return checked

    return decorate
