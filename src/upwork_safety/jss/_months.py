"""Calendar-month arithmetic of the JSS windows (private).

The score's windows are whole calendar months back from a day (a 24-month
window on 2026-03-31 starts on 2024-03-31, and on 2026-02-28 from a 31st
the day is clamped to the month's end).  "The last N months" on a day
means one thing everywhere (the score's windows, Top Rated's earnings):
from :func:`_window_start` through that day, both included
(:func:`_in_window`).

Near the ends of Python's calendar (year 1 and year 9999) a window may
reach past them: a window that would start before the calendar's first
day starts on that day (``date.min``; no day before it exists, so every
day of the calendar is inside), and a contract that would leave a window
after the calendar's last day never leaves it within the calendar.
"""

from __future__ import annotations

import calendar
from datetime import MAXYEAR, MINYEAR, date, timedelta

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


def _window_start(day: date, months: int) -> date:
    """The first day of the *months*-month window on *day*: *months* back, or ``date.min``.

    A window that would start before the calendar's first day starts on it.
    """
    start = _months_back(day, months)
    return date.min if start is None else start


def _in_window(day: date, start: date) -> bool:
    """Whether *day* is inside a window whose first day is *start* (see :func:`_window_start`).

    The one rule of "the last N months" on a day D: the window's first day,
    D moved back N calendar months, is inside it, so a contract that ended
    (or a payment made) exactly N months before D still counts on D and no
    longer on the next day (HC 115006097327: a contract leaves the 6-month
    window once it is "six months and one day old").  Days after D are not
    the window's business: the callers only ask about days up to D.
    """
    return start <= day


def _months_between(start: date, end: date) -> int:
    """Whole calendar months from *start* to *end* (0 when *end* is not after it)."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    return months if _shift_months(start, months) <= end else months - 1


def _leaves(ended: date, months: int) -> date | None:
    """The first day on which a contract that ended on *ended* is outside an N-month window.

    ``None`` when that day would be after the calendar's last day.
    """
    if _month_index(ended) + months > _LAST_MONTH:
        return None
    day = _shift_months(ended, months)
    while _in_window(ended, _window_start(day, months)):
        if day == date.max:
            return None
        day += _DAY
    return day
