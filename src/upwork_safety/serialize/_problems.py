"""Turning a tree of reading errors into ``"$.path: what is wrong"`` lines, boundedly (private).

cattrs raises a tree of errors (one per class, list and field) with notes
naming each attribute or index.  This module walks that tree to the
problem lines of :class:`~upwork_safety.errors.InvalidDataError`, keeping
the first :data:`LIMIT` and counting the rest, so neither the collection
nor the message grows with a hostile document.  Paths come from the notes
and from the errors' own attributes (``where`` of a refused leaf, ``field``
of a library error raised by a constructor); no message text is read.
"""

from __future__ import annotations

import heapq
from typing import Any

import cattrs

from upwork_safety.errors import MAX_PROBLEMS, UpworkSafetyError
from upwork_safety.serialize._strict import RefusedError

#: How many problems are kept (the rest are counted); the same limit as
#: :class:`~upwork_safety.errors.InvalidDataError`'s.
LIMIT = MAX_PROBLEMS

#: The longest problem line kept; longer messages are cut.
_LINE = 300


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
        excs: Any,  # noqa: ANN401
        cl: Any,  # noqa: ANN401
        uncounted: int = 0,
        complete: bool = True,  # noqa: FBT001, FBT002
    ) -> ItemsError:
        obj = super().__new__(cls, f"While structuring {cl!r}", excs, cl)
        obj.uncounted = uncounted
        obj.complete = complete
        return obj

    def __init__(
        self,
        excs: Any,  # noqa: ANN401
        cl: Any,  # noqa: ANN401
        uncounted: int = 0,  # noqa: ARG002  (set by __new__)
        complete: bool = True,  # noqa: ARG002, FBT001, FBT002  (set by __new__)
    ) -> None:
        super().__init__(f"While structuring {cl!r}", excs, cl)

    def derive(self, excs: Any) -> ItemsError:  # noqa: ANN401
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


def complete(exc: BaseException) -> bool:
    """Whether every part of *exc*'s tree was read to its end."""
    if isinstance(exc, cattrs.BaseValidationError):
        return getattr(exc, "complete", True) and all(complete(e) for e in exc.exceptions)
    return True


def problems(exc: BaseException) -> tuple[list[str], int]:
    """The first :data:`LIMIT` problem lines of *exc*'s tree, and the total count."""
    out: list[str] = []
    total = _walk(exc, "$", None, out)
    return out, total


def _note(exc: BaseException) -> object:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, (cattrs.AttributeValidationNote, cattrs.IterableValidationNote)):
            return note
    return None


def _walk(exc: BaseException, path: str, owner: type | None, out: list[str]) -> int:
    if isinstance(exc, cattrs.BaseValidationError):
        total: int = getattr(exc, "uncounted", 0)
        for inner in exc.exceptions:
            note = _note(inner)
            if isinstance(note, cattrs.AttributeValidationNote):
                child = f"{path}.{note.name}"
            elif isinstance(note, cattrs.IterableValidationNote):
                child = f"{path}[{note.index}]"
            else:
                child = path
            total += _walk(inner, child, exc.cl if note is None else None, out)
        return total
    if len(out) < LIMIT:
        out.append(_line(exc, path, owner))
    return 1


def _line(exc: BaseException, path: str, owner: type | None) -> str:
    if isinstance(exc, RefusedError):
        path += exc.where
    elif isinstance(exc, UpworkSafetyError) and owner is not None and exc.field:
        # A constructor refused the object: its error names the field
        # ("Contract.ended"), which is the key below this object's path.
        prefix = getattr(owner, "__name__", "") + "."
        if exc.field.startswith(prefix):
            path += "." + exc.field[len(prefix) :]
    if isinstance(exc, KeyError):
        message = "required field missing"
    elif isinstance(exc, cattrs.ForbiddenExtraKeysError):
        extra = exc.extra_fields
        first = heapq.nsmallest(10, (str(k) for k in extra))
        message = f"unknown field(s) {first}" + (
            f" and {len(extra) - len(first)} more" if len(extra) > len(first) else ""
        )
    elif isinstance(exc, cattrs.StructureHandlerNotFoundError):
        message = f"cannot read this type: {exc}"
    else:
        message = str(exc) or type(exc).__name__
    line = f"{path}: {message}"
    return line if len(line) <= _LINE else line[: _LINE - 1] + "…"
