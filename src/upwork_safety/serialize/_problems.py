"""Turning a tree of reading errors into ``"$.path: what is wrong"`` lines, boundedly (private).

cattrs raises a tree of errors (one per class, list and field) with notes
naming each attribute or index.  This module walks that tree to the
problem lines of :class:`~upwork_safety.errors.InvalidDataError`, keeping
the first :data:`LIMIT` and counting the rest, so neither the collection
nor the message grows with a hostile document.  Paths come from the notes
and from the errors' own attributes (``where`` of a refused leaf, ``field``
of a library error raised by a constructor); no message text is read.

The writers build the same tree for a value they refuse (:class:`Written`),
so a refusal names where the value is by the same walk
(:func:`written_error`).
"""

from __future__ import annotations

import heapq
import re
from typing import TYPE_CHECKING, Any, cast

import cattrs

from upwork_safety._display import shown
from upwork_safety._text import unicode_text
from upwork_safety.errors import (
    MAX_PROBLEMS,
    InvalidTypeError,
    InvalidValueError,
    Problem,
    UpworkSafetyError,
)
from upwork_safety.models import Escrow
from upwork_safety.serialize._strict import RefusedError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

#: The longest problem line kept; a longer message is cut, so a hostile value
#: quoted in a message cannot make the error large.
_LINE = 300

#: How many problems are kept (the rest are counted); the same limit as
#: :class:`~upwork_safety.errors.InvalidDataError`'s.
LIMIT = MAX_PROBLEMS

#: A key written as it is after a dot in a path: a name such as a field's.
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
#: The most characters of any other key shown in a path.
_KEY_CHARS = 40


def key_path(path: str, key: object) -> str:
    r"""*path* followed by an object's *key*: ``$.amount``, or ``$['x\x1b[31m']`` escaped.

    The one way the readers put a key from the data into a path.  A key
    that is a plain name follows a dot; any other key goes in brackets as
    its ``repr``, cut to 40 characters, so a terminal escape, a line break,
    a lone surrogate (``'\ud800'``, which no UTF-8 output could hold) or a
    megabyte of text in a key never reaches a message as it is.
    """
    if isinstance(key, str) and _NAME.fullmatch(key):
        return f"{path}.{key}"
    if isinstance(key, str) and len(key) > _KEY_CHARS:
        return f"{path}[{key[:_KEY_CHARS]!r}…]"
    return f"{path}[{shown(key)}]"


def lone_surrogate_at(data: object) -> str | None:
    r"""The path (``$['a'][1]``) of the first text in *data* that UTF-8 cannot hold.

    *data* is written data (dicts, lists and scalars, as :func:`to_dict`
    gives); a key or a text holding a lone surrogate (``'\ud800'``) is
    looked for in the order JSON writes them, keys before their values,
    without recursion (the data may be deep).  ``None`` if there is none.
    """
    stack: list[tuple[str, object, bool]] = [("$", data, False)]
    while stack:
        path, item, is_key = stack.pop()
        if isinstance(item, str):
            if not item.isascii() and not unicode_text(item):
                return path
        elif not is_key and isinstance(item, dict):
            parts: list[tuple[str, object, bool]] = []
            for key, part in item.items():
                place = key_path(path, key)
                parts += [(place, key, True), (place, part, False)]
            stack.extend(reversed(parts))
        elif not is_key and isinstance(item, (list, tuple)):
            stack.extend(reversed([(f"{path}[{i}]", part, False) for i, part in enumerate(item)]))
    return None


class ItemsError(cattrs.IterableValidationError):
    """A list failed to read: the failing items' errors, and what was not kept.

    Attributes:
        uncounted: Problems found in the list beyond the errors kept.
        complete: ``False`` if reading stopped before the end of the list
            with items left that might hold more problems.
    """

    uncounted: int
    complete: bool

    def __new__(  # noqa: PYI034  (typing.Self needs Python 3.11)
        cls,
        excs: Any,
        cl: Any,
        uncounted: int = 0,
        complete: bool = True,  # noqa: FBT001, FBT002
    ) -> ItemsError:
        obj = super().__new__(cls, f"While structuring {cl!r}", excs, cl)
        obj.uncounted = uncounted
        obj.complete = complete
        return obj

    def __init__(
        self,
        excs: Any,
        cl: Any,
        uncounted: int = 0,  # noqa: ARG002  (set by __new__)
        complete: bool = True,  # noqa: ARG002, FBT001, FBT002  (set by __new__)
    ) -> None:
        super().__init__(f"While structuring {cl!r}", excs, cl)

    def derive(self, excs: Any) -> ItemsError:
        """A copy holding *excs* (the ExceptionGroup protocol)."""
        return ItemsError(excs, self.cl, self.uncounted, self.complete)


def tally(exc: BaseException) -> tuple[int, int]:
    """``(kept, total)``: problems held as errors in *exc*'s tree, and all it found."""
    if isinstance(exc, cattrs.BaseValidationError):
        kept = 0
        total = getattr(exc, "uncounted", 0)
        for inner in exc.exceptions:
            k, t = tally(inner)
            kept += k
            total += t
        return kept, total
    return 1, 1


#: What to write for a required field that a hand-written file commonly leaves out,
#: by (class, field): the bare "required field missing" leaves the reader to guess.
_MISSING_HINTS: dict[tuple[type | None, str | None], str] = {
    (
        Escrow,
        "funded",
    ): "every escrow records what the client funded; a funded, submitted or changes-requested "
    'milestone holds all of it, so give "funded" and "held", both the milestone\'s amount',
}


def complete(exc: BaseException) -> bool:
    """Whether every part of *exc*'s tree was read to its end."""
    if isinstance(exc, cattrs.BaseValidationError):
        return getattr(exc, "complete", True) and all(complete(e) for e in exc.exceptions)
    return True


def problems(exc: BaseException) -> tuple[list[Problem], int]:
    """The first :data:`LIMIT` problems of *exc*'s tree, and the total count."""
    out: list[Problem] = []
    total = _walk(exc, "$", None, out)
    return out, total


def _note(exc: BaseException) -> object:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, (cattrs.AttributeValidationNote, cattrs.IterableValidationNote)):
            return note
    return None


def _walk(exc: BaseException, path: str, owner: type | None, out: list[Problem]) -> int:
    if isinstance(exc, cattrs.BaseValidationError):
        total: int = getattr(exc, "uncounted", 0)
        for inner in exc.exceptions:
            note = _note(inner)
            if isinstance(note, cattrs.AttributeValidationNote):
                child = f"{path}.{note.name}"
            elif isinstance(note, cattrs.IterableValidationNote):
                # A list's index, or (reading a mapping) a key from the data.
                index = note.index
                child = f"{path}[{index}]" if type(index) is int else key_path(path, index)
            else:
                child = path
            hint = _MISSING_HINTS.get((getattr(exc, "cl", None), getattr(note, "name", None)))
            if isinstance(inner, KeyError) and hint is not None:
                if len(out) < LIMIT:
                    out.append(Problem(child, f"required field missing: {hint}", rule="required"))
                total += 1
                continue
            total += _walk(inner, child, exc.cl if note is None else None, out)
        return total
    if len(out) < LIMIT:
        out.append(_line(exc, path, owner))
    return 1


def _line(exc: BaseException, path: str, owner: type | None) -> Problem:
    rule: str | None = None
    if isinstance(exc, RefusedError):
        path += exc.where
        rule = exc.rule
    elif isinstance(exc, UpworkSafetyError):
        rule = exc.rule
        if owner is not None and exc.field:
            # A constructor refused the object: its error names the field
            # ("Contract.ended"), which is the key below this object's path.
            prefix = getattr(owner, "__name__", "") + "."
            if exc.field.startswith(prefix):
                path += "." + exc.field[len(prefix) :]
    if isinstance(exc, KeyError):
        message = "required field missing"
        rule = "required"
    elif isinstance(exc, cattrs.ForbiddenExtraKeysError):
        extra = exc.extra_fields
        first = heapq.nsmallest(10, (str(k) for k in extra))
        message = f"unknown field(s) {first}" + (
            f" and {len(extra) - len(first)} more" if len(extra) > len(first) else ""
        )
        rule = "known fields only"
    elif isinstance(exc, cattrs.StructureHandlerNotFoundError):
        message = f"cannot read this type: {exc}"
    else:
        message = str(exc) or type(exc).__name__
    room = _LINE - len(path) - 2
    if len(message) > room:
        message = message[: max(room - 1, 0)] + "…"
    return Problem(path, message, rule=rule)


# --------------------------------------------------------------------------- writing

#: The argument every writer refusal names: ``to_dict``'s and ``to_json``'s *value*.
WRITTEN_FIELD = "value"


class Written(cattrs.ClassValidationError):
    """A writer's refusal inside a value, noted with the field, index or key it is under.

    The writers of objects, lists and dicts wrap a refusal from inside them
    in one of these, its note naming where (as cattrs notes reading errors),
    so :func:`written_error` finds the path by the reader's own walk.

    Attributes:
        value: The object, list or dict whose writer wrapped the refusal:
            the writer one level up finds it among its parts by identity,
            without writing anything again.
    """

    value: object


def written_field(path: str) -> str:
    """The ``field`` naming a place in a written value: the reader's *path*, ``$`` as ``value``."""
    return WRITTEN_FIELD + path[1:]


def refused_by_writer(exc: BaseException) -> bool:
    """Whether *exc* is a writer's refusal of a value (``field`` ``"value"``), placed or not."""
    if isinstance(exc, Written):
        return True
    return type(exc) in {InvalidTypeError, InvalidValueError} and (
        getattr(exc, "field", None) == WRITTEN_FIELD
    )


def placed(exc: Exception, note: object, value: object, cl: Any) -> Written:
    """*exc* (a writer's refusal) noted as under *note* (``None``: *value* itself) of *value*."""
    if note is not None:
        # Exception.add_note() is 3.11+; cattrs reads __notes__ either way.
        exc.__notes__ = [*getattr(exc, "__notes__", ()), note]  # type: ignore[attr-defined]
    written = Written(f"While unstructuring {cl!r}", [exc], cl)
    written.value = value
    return written


def _leaf(exc: BaseException) -> BaseException:
    """The one refusal a writer's group holds: each level of it wraps a single error."""
    while isinstance(exc, cattrs.BaseValidationError):
        exc = exc.exceptions[0]
    return exc


def placed_at_itself(exc: Exception, value: object, cl: Any) -> Written:
    """*exc*, a refusal from inside *value*, named at *value* itself, not below it.

    For a set: its items have no order until written (sorted), so no index
    below it is a place a reader could find (review r28 4).  Any place the
    items' writers noted on the refusal is dropped, so the set's container
    names the set (``value[0]``), never an index that is not there.
    """
    leaf = _leaf(exc)
    kept = [
        n
        for n in getattr(leaf, "__notes__", ())
        if not isinstance(n, (cattrs.AttributeValidationNote, cattrs.IterableValidationNote))
    ]
    leaf.__notes__ = kept  # type: ignore[attr-defined]
    return placed(cast("Exception", leaf), None, value, cl)


def place(
    exc: Exception,
    value: object,
    cl: Any,
    parts: Iterable[tuple[Any, object, Callable[[Any], object]]],
    note: Callable[[Any], object],
) -> Written:
    """*exc*, a refusal from writing *value*, placed under the part it came from.

    *parts* are *value*'s ``(key, part, writer)`` in the order they are
    written, and ``note(key)`` the note naming a key.  A refusal already
    placed below came from the part that is its ``value``; a bare one (a
    leaf writer's) from the first part whose writer refuses it when written
    again, which costs nothing below that part, where nothing is placed.
    Else it is placed at *value* itself.
    """
    if isinstance(exc, Written):
        for key, part, _ in parts:
            if part is exc.value:
                return placed(exc, note(key), value, cl)
    else:
        for key, part, write in parts:
            try:
                write(part)
            except (UpworkSafetyError, Written) as inner:  # noqa: PERF203  (a refusal is looked for)
                if refused_by_writer(inner):
                    return placed(inner, note(key), value, cl)
    return placed(exc, None, value, cl)


def written_error(exc: Written) -> UpworkSafetyError:
    """The refusal inside *exc*, its ``field`` the value's place (``value.inner.at``).

    The path is the reader's (:func:`problems`: ``$.inner.at``, ``$[0]``,
    ``$['a b']``) with ``$`` read as the argument, ``value``; the error is
    of the refusal's own class, with its rule, and its message starts with
    the place.
    """
    (found,), _ = problems(exc)
    leaf = cast("UpworkSafetyError", _leaf(exc))  # refused_by_writer placed only these
    path = found.path or "$"
    if path == "$":
        return leaf  # value itself: named "value" already
    field = written_field(path)
    return type(leaf)(f"{field}: {leaf}", field=field, rule=leaf.rule)


def index_note(index: int | str, t: object) -> cattrs.IterableValidationNote:
    """The note that an error is at *index* (a list's, or a dict's key) of a *t*."""
    return cattrs.IterableValidationNote(f"{t} @ index {index}", index, t)


def index_noted(exc: Exception, index: int, t: object) -> Exception:
    # Exception.add_note() is 3.11+; cattrs reads __notes__ either way.
    exc.__notes__ = [*getattr(exc, "__notes__", ()), index_note(index, t)]  # type: ignore[attr-defined]
    return exc
