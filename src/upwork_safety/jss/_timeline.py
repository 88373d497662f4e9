"""What :func:`~upwork_safety.jss.timeline` returns: an unchangeable, checked list (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

from upwork_safety import _render
from upwork_safety._validate import sequence_of
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.jss._reports import JSSPoint

if TYPE_CHECKING:
    from collections.abc import Iterable

    from upwork_safety.jss._lapses import Lapse

#: The rule an attempt to change a timeline breaks, in its error.
_UNCHANGEABLE = "a JSSTimeline cannot be changed"


class JSSTimeline(list[JSSPoint]):
    """The list of :class:`JSSPoint` that :func:`~upwork_safety.jss.timeline` returns.

    A ``list`` (``timeline == [point, ...]`` holds, and it reads as one),
    but, like every other value of the library, checked when it is built and
    never changed after: it holds only points (:class:`JSSPoint`), their days in
    increasing order (each day once), and ``append``, ``sort``, item
    assignment and the other changing list methods raise
    :class:`~upwork_safety.errors.InvalidTypeError`.  Build a new one
    instead (``JSSTimeline([*timeline, point])``).  It renders as a table in
    notebooks.

    Args:
        points: The points, earliest first.

    Raises:
        InvalidTypeError: *points* is not a sequence, or one is not a
            :class:`JSSPoint` (``field='JSSTimeline[i]'``).
        InvalidValueError: A point not after the one before it
            (``field='JSSTimeline[i].on'``).
    """

    __slots__ = ("_built",)

    def __init__(self, points: Iterable[JSSPoint] = ()) -> None:
        if getattr(self, "_built", False):  # __init__ called again on a built one
            _refuse("__init__")
        checked = sequence_of(points, JSSPoint, "JSSTimeline")
        for index in range(1, len(checked)):
            before, point = checked[index - 1], checked[index]
            if point.on <= before.on:
                raise InvalidValueError(
                    f"JSSTimeline[{index}] is on {point.on}, not after JSSTimeline[{index - 1}] "
                    f"({before.on}): a timeline's days increase, each once",
                    field=f"JSSTimeline[{index}].on",
                    rule="days in increasing order",
                )
        super().__init__(checked)
        self._built = True

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt through the constructor (a list would be refilled with extend).
        return (type(self), (list(self),))

    def lapses(self) -> tuple[Lapse, ...]:
        """Every :class:`Lapse` of the points, once each, in the order they first appear.

        The open contracts that stop counting or go idle inside the range only
        because the projection gets them no more payments, and the first day
        each does: empty when no point is moved that way.
        """
        found: dict[Lapse, None] = {}
        for point in self:
            found.update(dict.fromkeys(point.lapses))
        return tuple(found)

    def to_records(self) -> list[dict[str, object]]:
        """One row per point: ``on``, ``score``, ``projected`` and its ``lapses`` in words."""
        return [
            {
                "on": p.on,
                "score": p.score,
                "projected": p.projected,
                "lapses": "; ".join(str(lapse) for lapse in p.lapses),
            }
            for p in self
        ]

    def _repr_html_(self) -> str:
        return _render.html_table(
            self.to_records(),
            caption="JSS timeline",
            columns=("on", "score", "projected", "lapses"),
        )

    # The list methods that would change it: each refuses.
    def append(self, *_: Any) -> NoReturn:
        """Refused: a JSSTimeline cannot be changed."""
        _refuse("append")

    def extend(self, *_: Any) -> NoReturn:
        """Refused: a JSSTimeline cannot be changed."""
        _refuse("extend")

    def insert(self, *_: Any) -> NoReturn:
        """Refused: a JSSTimeline cannot be changed."""
        _refuse("insert")

    def pop(self, *_: Any) -> NoReturn:
        """Refused: a JSSTimeline cannot be changed."""
        _refuse("pop")

    def remove(self, *_: Any) -> NoReturn:
        """Refused: a JSSTimeline cannot be changed."""
        _refuse("remove")

    def clear(self) -> NoReturn:
        """Refused: a JSSTimeline cannot be changed."""
        _refuse("clear")

    def sort(self, *_: Any, **__: Any) -> NoReturn:
        """Refused: a JSSTimeline cannot be changed."""
        _refuse("sort")

    def reverse(self) -> NoReturn:
        """Refused: a JSSTimeline cannot be changed."""
        _refuse("reverse")

    def __setitem__(self, *_: Any) -> NoReturn:
        """Refused: a JSSTimeline cannot be changed."""
        _refuse("item assignment")

    def __delitem__(self, *_: Any) -> NoReturn:
        """Refused: a JSSTimeline cannot be changed."""
        _refuse("item deletion")

    def __iadd__(self, *_: Any) -> NoReturn:  # type: ignore[misc]
        """Refused: a JSSTimeline cannot be changed."""
        _refuse("+=")

    def __imul__(self, *_: Any) -> NoReturn:  # type: ignore[misc]
        """Refused: a JSSTimeline cannot be changed."""
        _refuse("*=")


def _refuse(what: str) -> NoReturn:
    raise InvalidTypeError(
        f"{_UNCHANGEABLE} ({what}): build a new one, e.g. JSSTimeline([*timeline, point])",
        field="JSSTimeline",
        rule=_UNCHANGEABLE,
    )
