"""The last day the library supports, and its refusal (private, lowest layer).

The engines add platform timers (review and refund windows, dormancy,
two-year JSS windows) to the days and moments they are given; days within a
few years of Python's last day (9999-12-31) would overflow, so every input
day after :data:`LATEST` is refused with this bound in the message.  It
sits below ``money`` so that a value as low as ``ExchangeRate`` refuses its
own ``as_of`` by the same rule the moments do.
"""

from __future__ import annotations

from datetime import date
from typing import NoReturn

from upwork_safety.errors import InvalidValueError

#: The last supported day.
LATEST = date(9990, 12, 31)


def too_late(value: date, what: str) -> NoReturn:
    """Refuse a day or moment after :data:`LATEST`, naming *what*.

    Worded for every caller (a score sets no timers): the bound is the
    library's last day, whatever the day is for.
    """
    raise InvalidValueError(
        f"{what} must be on or before {LATEST.isoformat()} UTC, the last day the library "
        f"supports, got {value.isoformat()}",
        field=what,
        rule=f"on or before {LATEST.isoformat()}",
    )
