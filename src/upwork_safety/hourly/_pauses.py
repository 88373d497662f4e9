"""Paused contracts: the spans in which an hourly contract bills nothing (private).

A client (or Upwork, for a billing problem or an hours dispute) can pause an
hourly contract; while it is paused the freelancer cannot log time to it
(HC 211062218, HC 6474413966483) and no weekly payment is issued for a week
in which it was paused at any time (HC 211067938).  Time that still shows
up inside a pause (manual time added later, a diary exported from another
tool) is therefore not invoiced; the invoice reports it as paused time
rather than dropping it silently.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import attrs

from upwork_safety._moments import (
    optional_to_utc,
    optional_utc_field,
    to_utc,
    utc_field,
    utc_instant,
)
from upwork_safety._pickling import through_init
from upwork_safety._render import html_table
from upwork_safety._validate import sequence_of
from upwork_safety.errors import InvalidValueError
from upwork_safety.models import _NOT_AFTER_END, _NOT_BEFORE_START

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Pause"]


@through_init
@attrs.frozen
class Pause:
    """A span in which an hourly contract was paused (UTC).

    While a contract is paused the freelancer cannot log time, nothing is
    invoiced for time inside the pause, and the week's weekly payment is not
    issued (HC 211062218, HC 211067938).  A client's dispute of hours also
    pauses the contract until it is settled (HC 211068588).

    Args:
        start: When the contract was paused (aware; stored in UTC).
        end: When it was restarted, or ``None`` while it is still paused.

    Raises:
        InvalidValueError: A moment is naive, or *end* is not after *start*.
        InvalidTypeError: A moment is not a datetime.

    >>> from datetime import datetime, timezone
    >>> pause = Pause(datetime(2024, 1, 3, 9, tzinfo=timezone.utc),
    ...               datetime(2024, 1, 5, 9, tzinfo=timezone.utc))
    >>> pause.length
    datetime.timedelta(days=2)
    """

    start: datetime = attrs.field(converter=to_utc, validator=utc_field)
    end: datetime | None = attrs.field(
        default=None, converter=optional_to_utc, validator=optional_utc_field
    )

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end <= self.start:
            raise InvalidValueError(
                f"Pause.end ({self.end.isoformat()}) must be after Pause.start "
                f"({self.start.isoformat()}); leave it None while the contract is still paused",
                field="Pause.end",
                rule="after start",
            )

    @property
    def length(self) -> timedelta | None:
        """How long the contract was paused, or ``None`` while it still is."""
        return None if self.end is None else self.end - self.start

    def contains(self, at: datetime) -> bool:
        """Return whether the contract was paused at the moment *at* (the end is exclusive).

        Raises:
            InvalidValueError: *at* is naive.
            InvalidTypeError: *at* is not a datetime.
        """
        moment = utc_instant(at, "at")
        return self.start <= moment and (self.end is None or moment < self.end)

    def overlap(self, start: datetime, end: datetime) -> timedelta:
        """Return how much of the span from *start* to *end* (exclusive) is paused.

        Raises:
            InvalidValueError: A moment is naive.
            InvalidTypeError: A moment is not a datetime.
        """
        first = max(self.start, utc_instant(start, "start"))
        last = utc_instant(end, "end")
        if self.end is not None:
            last = min(last, self.end)
        return max(last - first, timedelta(0))

    def to_records(self) -> list[dict[str, object]]:
        """Return the pause as one row (``start``, ``end``), for a DataFrame."""
        return [{"start": self.start, "end": self.end}]

    def _repr_html_(self) -> str:
        return html_table(self.to_records(), caption="Contract paused")


def pauses_argument(value: Iterable[Pause], what: str = "pauses") -> tuple[Pause, ...]:
    """Check a sequence of pauses: each a :class:`Pause`, none overlapping another.

    Returns them in time order.

    Raises:
        InvalidTypeError: Not a sequence, or an item is not a :class:`Pause`.
        InvalidValueError: Two pauses overlap (the message names both);
            only one can be in force at a time.
    """
    items = sequence_of(value, Pause, what)
    order = sorted(range(len(items)), key=lambda i: items[i].start)
    for before, after in itertools.pairwise(order):
        earlier = items[before]
        if earlier.end is None or items[after].start < earlier.end:
            raise InvalidValueError(
                f"{what}[{before}] (from {earlier.start.isoformat()}) and {what}[{after}] "
                f"(from {items[after].start.isoformat()}) overlap: a contract is paused "
                "once at a time; merge them into one Pause",
                field=f"{what}[{after}]",
                rule="pauses do not overlap",
            )
    return tuple(items[i] for i in order)


def pauses_in_run(
    value: Iterable[Pause],
    started: date | None,
    ended: date | None,
    what: str = "pauses",
    *,
    week: tuple[datetime, datetime],
) -> tuple[Pause, ...]:
    """:func:`pauses_argument`, and none in *week* starting before *started* or after *ended*.

    The Work Diary's rule (``Contract`` refuses time before its start or
    after its end, with the same rules): a contract cannot be paused before
    it exists or after it ended, so a pause that touches the week billed
    (*week*: its first and last moment) must start within the contract's
    run (UTC days).  A pause that starts while the contract runs may last
    past its end (one still open when it ended is a real case), so only the
    start is compared; and a pause outside the week billed is not its
    concern (a client's dispute of the last week's hours pauses the
    contract in the week after, perhaps after it ended).
    """
    items = sequence_of(value, Pause, what)
    for index, pause in enumerate(items):
        if not pause.overlap(*week) > timedelta(0):
            continue  # outside the week billed: its days are not this bill's
        day = pause.start.date()
        where = f"{what}[{index}]"
        if started is not None and day < started:
            raise InvalidValueError(
                f"{where} starts at {pause.start.isoformat()} (UTC), before the contract "
                f"started ({started}): a contract cannot be paused before it starts",
                field=where,
                rule=_NOT_BEFORE_START,
            )
        if ended is not None and day > ended:
            raise InvalidValueError(
                f"{where} starts at {pause.start.isoformat()} (UTC), after the contract "
                f"ended ({ended}): an ended contract cannot be paused",
                field=where,
                rule=_NOT_AFTER_END,
            )
    return pauses_argument(items, what)


def unpaused(
    start: datetime, end: datetime, pauses: tuple[Pause, ...], first: int = 0
) -> list[tuple[datetime, datetime]]:
    """Return the parts of the span *start*–*end* outside *pauses* (sorted, not overlapping).

    *pauses* are in time order; those before *first* are known to end by
    *start* and are not read, so a caller sweeping spans in time order reads
    each pause a bounded number of times.
    """
    parts: list[tuple[datetime, datetime]] = []
    moment = start
    for at in range(first, len(pauses)):  # by index: skipping costs nothing
        pause = pauses[at]
        if pause.end is not None and pause.end <= moment:
            continue
        if pause.start >= end:
            break
        if pause.start > moment:
            parts.append((moment, pause.start))
        if pause.end is None:
            return parts
        moment = pause.end
    if moment < end:
        parts.append((moment, end))
    return parts
