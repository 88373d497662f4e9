"""Calendar-month arithmetic of the JSS windows (private).

"The last N months" means one thing everywhere (the score's windows, the
trending pair, eligibility, Top Rated's earnings), and one rule says it:
:func:`_in_window`, a contract that ended on E is in the N-month window on
D while E moved forward N calendar months (clamped to the month's end) is
not before D.  The rest follow from it: :func:`_window_start` is the first
end day the window on D holds (the engines compare end days with it) and
:func:`_leaves` the first day a contract is out.

Near the ends of Python's calendar (year 1 and year 9999) a window may
reach past them: a window that would start before the calendar's first
day starts on that day (``date.min``; no day before it exists, so every
day of the calendar is inside), and a contract that would leave a window
after the calendar's last day never leaves it within the calendar.  The
day a contract leaves is told (:func:`_leaves_told`) only within the days
the library supports, on or before :data:`~upwork_safety._last_day.LATEST`
(9990-12-31), the bound every date field holds (red team r43 F2).
"""

from __future__ import annotations

import calendar
from datetime import MAXYEAR, MINYEAR, date, timedelta

from upwork_safety._last_day import LATEST

_DAY = timedelta(days=1)
#: The month index (year * 12 + month - 1) of January of year 1 and December of year 9999.
_FIRST_MONTH = MINYEAR * 12
_LAST_MONTH = MAXYEAR * 12 + 11


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _shift_months(day: date, months: int) -> date:
    """Move *day* by whole calendar *months*, clamping to the month's last day.

    The month reached must be in the calendar (see :func:`_months_back`
    and :func:`_leaves` for the ends).
    """
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)  # hot: _month_index inlined
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def _months_back(day: date, months: int) -> date | None:
    """*day* moved back by whole calendar *months*, or ``None`` if that is before the calendar."""
    if _month_index(day) - months < _FIRST_MONTH:
        return None
    return _shift_months(day, -months)


def _in_window(ended: date, on: date, months: int) -> bool:
    """Whether a contract ended (or a payment made) on *ended* is in the N-month window on *on*.

    The one rule of "the last N months" (HC 115006097327: a contract leaves
    the 6-month window once it is "six months and one day old"): move the
    end forward N calendar months, clamping to the month's last day; the
    contract counts through that day and no longer on the next.  So one that
    ended 28 February leaves a 6-month window on 29 August and one that
    ended 31 August on 1 March, whatever the length of the months between.
    Days before *ended* are not the rule's business: the callers only ask
    about days from the end on.  A contract whose N months run past the
    calendar's last day never leaves within it.
    """
    if _month_index(ended) + months > _LAST_MONTH:
        return True
    return on <= _shift_months(ended, months)


def _window_start(on: date, months: int) -> date:
    """The first end day inside the *months* window on *on*, read from :func:`_in_window`.

    :func:`_in_window` keeps more of the days the later a contract ended,
    so the window on *on* is every end day from this one through *on*:
    callers compare ``start <= ended`` instead of shifting each contract.
    It is *on* moved back N months, or the day after when that day was
    clamped to a shorter month's end and is already out (on 29 August, 28
    February is out, so a 6-month window starts on 1 March); ``date.min``
    when the window reaches back before the calendar (every day is inside).
    """
    start = _months_back(on, months)
    if start is None:
        return date.min
    return start if _in_window(start, on, months) else start + _DAY


def _months_between(start: date, end: date) -> int:
    """Whole calendar months from *start* to *end* (0 when *end* is not after it)."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    return months if _shift_months(start, months) <= end else months - 1


def _leaves(ended: date, months: int) -> date | None:
    """The first day on which a contract that ended on *ended* is outside an N-month window.

    The day after the last one :func:`_in_window` keeps; ``None`` when that
    would be after the calendar's last day (it never leaves within it).
    """
    if _month_index(ended) + months > _LAST_MONTH:
        return None
    last = _shift_months(ended, months)
    return None if last == date.max else last + _DAY


def _leaves_told(ended: date, months: int) -> date | None:
    """:func:`_leaves`, or ``None`` when that day is after the library's last day.

    The day a value tells (:attr:`~upwork_safety.jss.Impact.leaves_on`, the ``counts_until``
    reason, the report's check of them): every date field is on or
    before :data:`~upwork_safety._last_day.LATEST`, so a contract that
    leaves later is told as one that does not leave within the days the
    library supports (red team r43 F2).
    """
    day = _leaves(ended, months)
    return None if day is None or day > LATEST else day
