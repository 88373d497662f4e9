"""How every public value pickles and copies: through its constructor (private).

attrs gives a frozen class ``__getstate__``/``__setstate__``, which put the
field values back without running a converter or a validator, so an edited
pickle would load a value its constructor refuses (a ``Money`` in currency
``"XYZ"``, an escrow that holds more than was funded).  :func:`through_init`
gives a class a ``__reduce__`` that sends the class and its constructor's
arguments instead: unpickling, :func:`copy.copy` and :func:`copy.deepcopy`
call the constructor, so every check of the class runs again and a value
that breaks a documented rule cannot be loaded.  A pickle in attrs' own form
(an empty object, then its fields: written by an older version of the
library, or by hand) reaches ``__setstate__``, which builds the value
through the constructor too and takes its fields from there.

The arguments are the field values in order, without names, so pickles stay
compact (millions of reports travel back from worker processes).

The same decorator runs a class's own checks (its ``__attrs_post_init__``,
where the checks across fields live) in the library's decimal context
(:func:`~upwork_safety._context.in_context`): every way a value is built (its
constructor, ``attrs.evolve``, ``serialize``'s loaders, unpickling, copying)
goes through them, and a caller's ``decimal`` context (``prec = 6``, a trap
on ``Inexact``) must change nothing they accept (review r32, embedder 1: a
contract the engine built was refused on reload, its bonus summed to six
digits).
"""

from __future__ import annotations

from typing import TypeVar

import attrs

from upwork_safety._context import in_context
from upwork_safety._display import shown
from upwork_safety.errors import InvalidTypeError, InvalidValueError

_C = TypeVar("_C", bound=type)


def through_init(cls: _C) -> _C:
    """A class decorator over ``@attrs.frozen``: *cls* pickles and copies through its constructor.

    Every public attrs class of the library wears it (a test lists them
    all); a subclass inherits it and pickles through its own constructor.
    The class's own ``__attrs_post_init__`` (its checks across fields) runs
    in the library's decimal context, whatever the caller's.
    """
    cls.__reduce__ = _reduce  # type: ignore[assignment,method-assign]
    cls.__setstate__ = _setstate  # type: ignore[attr-defined]
    checks = cls.__dict__.get("__attrs_post_init__")
    if checks is not None:
        cls.__attrs_post_init__ = in_context(checks)  # type: ignore[attr-defined]
    return cls


def _reduce(self: object) -> tuple[object, ...]:
    """``(class, arguments)``: the value's constructor and the fields it takes, in order.

    Fields the constructor does not take (``init=False``) are computed by it
    and not sent.  When any argument is keyword-only, all are sent by
    position and passed by their keyword (:func:`_build`), which attrs names
    by the field's alias (``_tracked`` is ``tracked``).  Read from the class
    each time (attrs keeps its fields on the class): no cache outlives a
    class made on the fly.
    """
    cls: type = type(self)
    taken = [field for field in attrs.fields(cls) if field.init]
    values = tuple([getattr(self, field.name) for field in taken])
    if any(field.kw_only for field in taken):
        return (_build, (cls, *values))
    return (cls, values)


def _build(cls: type, *values: object) -> object:
    """``cls(**arguments)`` for a class whose constructor takes keyword-only arguments.

    Only a class that pickles this way, given one value per argument, is
    built: a pickle edited to name another class, or to send too few or too
    many values, is refused.
    """
    if getattr(cls, "__reduce__", None) is not _reduce:  # an edited pickle may name anything
        raise InvalidTypeError(
            f"a pickle may rebuild only a value of upwork_safety, not {shown(cls)}",
            field="cls",
            rule="a value of upwork_safety",
        )
    aliases = [field.alias for field in attrs.fields(cls) if field.init]
    if len(values) != len(aliases):
        raise InvalidValueError(
            f"a pickled {cls.__name__} must hold its {len(aliases)} fields, got {len(values)}",
            field=cls.__name__,
            rule="a pickled state of its fields",
        )
    return cls(**dict(zip(aliases, values, strict=True)))


def _setstate(self: object, state: object) -> None:
    """Fill an empty value from a pickled *state*, checked by the constructor.

    attrs writes a value's state as a dict of its fields (a tuple before
    attrs 22.2); either is read, the constructor builds a value from the
    fields it takes, and this value takes that value's fields, so nothing
    unchecked is ever set.
    """
    cls: type = type(self)
    every = attrs.fields(cls)
    if any(hasattr(self, field.name) for field in every):
        # Only an empty object, just made by the pickle, is filled: a BUILD aimed at
        # a value already built (and checked inside a container) would change it.
        raise InvalidValueError(
            f"a pickle may fill only an empty {cls.__name__}, not one already built",
            field=cls.__name__,
            rule="a pickled state of its fields",
        )
    names = [field.name for field in every]
    if isinstance(state, tuple) and len(state) <= len(names):
        state = dict(zip(names, state, strict=False))
    if not isinstance(state, dict):
        raise InvalidTypeError(
            f"a pickled {cls.__name__} must hold its fields as a dict (or a tuple of at "
            f"most {len(names)}), not {type(state).__name__}",
            field=cls.__name__,
            rule="a pickled state of its fields",
        )
    unknown = [name for name in state if name not in names]
    if unknown:
        raise InvalidValueError(
            f"a pickled {cls.__name__} holds {shown(unknown[0])}, which is none of its fields",
            field=cls.__name__,
            rule="a pickled state of its fields",
        )
    taken = [field for field in every if field.init]
    missing = [field.name for field in taken if field.name not in state]
    if missing:
        raise InvalidValueError(
            f"a pickled {cls.__name__} lacks its field {shown(missing[0])}",
            field=f"{cls.__name__}.{missing[0]}",
            rule="a pickled state of its fields",
        )
    fresh = _build(cls, *(state[field.name] for field in taken))
    for field in every:
        object.__setattr__(self, field.name, getattr(fresh, field.name))
