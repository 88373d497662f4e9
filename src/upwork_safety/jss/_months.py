"""Calendar-month arithmetic of the JSS windows (private).

The score's windows are whole calendar months back from a day (a 24-month
window on 2026-03-31 starts on 2024-03-31, and on 2026-02-28 from a 31st
the day is clamped to the month's end).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

_DAY = timedelta(days=1)


def _shift_months(day: date, months: int) -> date:
    """Move *day* by whole calendar *months*, clamping to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def _months_between(start: date, end: date) -> int:
    """Whole calendar months from *start* to *end* (0 when *end* is not after it)."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    return months if _shift_months(start, months) <= end else months - 1


def _leaves(ended: date, months: int) -> date:
    """The first day on which a contract that ended on *ended* is outside an N-month window."""
    day = _shift_months(ended, months)
    while _shift_months(day, -months) <= ended:
        day += _DAY
    return day
