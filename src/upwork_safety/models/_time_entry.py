"""A stretch of hourly work as the Work Diary records it (private; public as ``TimeEntry``)."""

from __future__ import annotations

from datetime import datetime

import attrs

from upwork_safety._moments import to_utc, utc_field
from upwork_safety._pickling import through_init
from upwork_safety._plain import optional_plain_int, plain_text
from upwork_safety._scales import ACTIVITY_SCALE
from upwork_safety._validate import bool_field, optional_whole_field, text_field
from upwork_safety.errors import InvalidValueError

__all__ = ["TimeEntry"]


@through_init
@attrs.frozen
class TimeEntry:
    """A stretch of hourly work, as the Work Diary records it.

    Args:
        start: When the stretch began (timezone-aware).
        end: When it ended (timezone-aware, after *start*).
        manual: Whether the time was added by hand rather than tracked by
            the desktop app; manual time is never covered by Hourly
            Protection (HC 211068288).
        memo: The memo the freelancer wrote; protected time needs one (at
            most :data:`~upwork_safety.checks.MAX_TEXT_CHARS` characters, a
            library limit).
        activity: The Work Diary activity level, 0–10, or ``None`` when
            unknown (e.g. manual time).

    No platform rule in the library's sources bounds how long one entry may
    be (the Work Diary bills it in 10-minute segments, week by week: HC
    211068518, 211063698), so none is enforced: an entry may span many
    billing weeks, each billed on its own, and ends at the latest on the
    last day the library supports (9990-12-31 UTC, as every moment).

    Raises:
        InvalidValueError: Naive datetimes, a moment after 9990-12-31, an
            end not after the start, an activity outside 0–10, or a memo
            longer than the library's text limit.
    """

    start: datetime = attrs.field(converter=to_utc, validator=utc_field)
    end: datetime = attrs.field(converter=to_utc, validator=utc_field)
    manual: bool = attrs.field(default=False, validator=bool_field)
    memo: str = attrs.field(converter=plain_text, default="", validator=text_field)
    activity: int | None = attrs.field(
        converter=optional_plain_int, default=None, validator=optional_whole_field(*ACTIVITY_SCALE)
    )

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidValueError(
                f"TimeEntry.end ({self.end.isoformat()}) must be after "
                f"TimeEntry.start ({self.start.isoformat()})",
                field="TimeEntry.end",
                rule="after the start",
            )


def _check_no_overlaps(entries: tuple[TimeEntry, ...], what: str) -> list[int]:
    """Refuse two entries of one Work Diary that overlap (the one rule, private).

    The same minutes cannot be billed twice.  *what* names the sequence in
    the error (``"entries"``, ``"Contract.time_entries"``).

    Returns:
        The entries' positions in time order.  The entries do not overlap,
        so the first starts first and the last ends last: callers read the
        Work Diary's span, or walk it in order, without sorting it again.

    Raises:
        InvalidValueError: Naming the later of the first two entries found
            overlapping, and both in the message.
    """
    order = sorted(range(len(entries)), key=lambda i: (entries[i].start, entries[i].end))
    latest: int | None = None
    for index in order:
        if latest is not None and entries[index].start < entries[latest].end:
            raise InvalidValueError(
                f"{_describe(what, latest, entries[latest])} and "
                f"{_describe(what, index, entries[index])} overlap: the same minutes cannot "
                "be billed twice; split or remove one",
                field=f"{what}[{index}]",
                rule="entries do not overlap",
            )
        # Sorted by start and not overlapping, so this entry ends last so far.
        latest = index
    return order


def _describe(what: str, index: int, entry: TimeEntry) -> str:
    return f"{what}[{index}] ({entry.start.isoformat()} → {entry.end.isoformat()})"
