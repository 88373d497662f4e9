"""What :func:`~upwork_safety.jss.timeline` returns: an unchangeable, checked list (private)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from upwork_safety import _render
from upwork_safety._frozen_list import FrozenList
from upwork_safety.jss._lapses import Lapse
from upwork_safety.jss._reports import JSSPoint


class JSSTimeline(FrozenList[JSSPoint]):
    """The list of :class:`JSSPoint` that :func:`~upwork_safety.jss.timeline` returns.

    A ``list`` (``timeline == [point, ...]`` holds, and it reads as one),
    but, like every other value of the library, checked when it is built and
    never changed after: it holds only points (:class:`JSSPoint`), their days in
    increasing order (each day once), and ``append``, ``sort``, item
    assignment and the other changing list methods raise
    :class:`~upwork_safety.errors.InvalidTypeError`.  Build a new one
    instead (``JSSTimeline([*timeline, point])``).  It is hashable, as the
    hash of the tuple of its points (equal lists hash alike), so it can be a
    dict or cache key.  Python's own ``list`` methods called on it directly
    (``list.append(timeline, point)``) are not refused: a list changed that
    way is no longer the value it was (its hash changes too); do not.  It
    renders as a table in notebooks.

    Args:
        points: The points, earliest first.

    Raises:
        InvalidTypeError: *points* is not a sequence, or one is not a
            :class:`JSSPoint` (``field='JSSTimeline[i]'``).
        InvalidValueError: A point not after the one before it
            (``field='JSSTimeline[i].on'``).
    """

    __slots__ = ()

    item: ClassVar[type] = JSSPoint
    noun: ClassVar[str] = "a JSSTimeline"
    order_field: ClassVar[str] = "on"
    strictly: ClassVar[bool] = True
    order_rule: ClassVar[str] = "days in increasing order"

    def __init__(self, points: Iterable[JSSPoint] = ()) -> None:
        super().__init__(points)

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
