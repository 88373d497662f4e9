"""A weekly summary's hours, added up by contract per day and per billing week (private).

A row of the weekly summary is one day's work of one contract, so the rows
of one contract on one date hold at most the 24 hours of a day, and those in
one billing week at most its 168 hours.  The week is the library's one
billing-week rule (:func:`upwork_safety._calendar.week_start`, which
:func:`upwork_safety.hourly.billing_week` uses), the row's date read as a UTC
day.  :class:`~upwork_safety.statements.Statement` refuses hours past either
limit and the reader reports them with their lines; both call
:func:`hours_over`, which reads the rows once.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from upwork_safety._calendar import week_start
from upwork_safety._decimals import CONTEXT
from upwork_safety._moments import UTC
from upwork_safety.statements._model import DAY_HOURS, WEEK_HOURS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from upwork_safety.statements._model import Transaction

_MINUTES_PER_HOUR = Decimal(60)
#: From the Monday that opens a billing week to its Sunday.
_TO_SUNDAY = timedelta(weeks=1) - timedelta(days=1)
#: Lines named in a message; the rest are counted.
_NAMED_LINES = 10


@attrs.define
class _Group:
    """The rows of one contract in one day or week, as they are added up."""

    minutes: int = 0
    hours: Decimal = Decimal(0)
    lines: list[int] = attrs.Factory(list)
    over_at: int | None = None  # the index of the row that took it over its limit


@attrs.frozen
class HoursOver:
    """One contract's rows holding more hours than one day or billing week has (private)."""

    contract_id: str
    period: str  # "day" or "billing week"
    day: date | None  # the day, for a day's hours
    week: date  # the Monday that opens the billing week
    hours: Decimal  # the rows' hours added up as written
    limit: Decimal
    lines: tuple[int, ...]
    index: int  # the row (in the order given) that took the total over the limit

    @property
    def rule(self) -> str:
        """The rule broken, e.g. ``at most 168 hours per contract and billing week``."""
        return f"at most {self.limit} hours per contract and {self.period}"

    def describe(self) -> str:
        """What is wrong, naming the contract, the period and the lines."""
        week = f"the billing week {self.week} to {self.week + _TO_SUNDAY} (Monday to Sunday, UTC)"
        when = f"in {week}" if self.day is None else f"on {self.day}, in {week}"
        named = ", ".join(str(line) for line in self.lines[:_NAMED_LINES])
        more = (
            f" and {len(self.lines) - _NAMED_LINES} more" if len(self.lines) > _NAMED_LINES else ""
        )
        word = "line" if len(self.lines) == 1 else "lines"
        return (
            f"contract {self.contract_id} has {self.hours} hours {when} ({word} {named}{more}), "
            f"more than the {self.limit} hours a {self.period} has"
        )


def _minutes(hours: Decimal) -> int:
    """*hours* in whole minutes: a row's hours are whole segments within half a minute."""
    return int(CONTEXT.multiply(hours, _MINUTES_PER_HOUR).to_integral_value(context=CONTEXT))


def hours_over(rows: Sequence[Transaction]) -> list[HoursOver]:
    """Every contract's day and billing week whose rows hold more hours than it has.

    Linear in the rows: each is added to its contract's day and week once.
    Totals are compared in whole minutes, so ``0.33333`` three times is one
    hour.  In the order the limits were passed (by the index of the row that
    passed it; a day before its week).
    """
    weeks: dict[date, date] = {}
    groups: dict[tuple[str, str, date], _Group] = {}
    limits = (("day", _minutes(DAY_HOURS)), ("billing week", _minutes(WEEK_HOURS)))
    for index, row in enumerate(rows):
        if row.hours is None or row.contract_id is None:
            continue
        monday = weeks.get(row.on)
        if monday is None:
            monday = week_start(datetime.combine(row.on, time(), tzinfo=UTC)).date()
            weeks[row.on] = monday
        minutes = _minutes(row.hours)
        for (period, limit), start in zip(limits, (row.on, monday), strict=True):
            group = groups.setdefault((row.contract_id, period, start), _Group())
            group.minutes += minutes
            group.hours = CONTEXT.add(group.hours, row.hours)
            group.lines.append(row.line)
            if group.over_at is None and group.minutes > limit:
                group.over_at = index
    found = [
        HoursOver(
            contract_id=contract,
            period=period,
            day=start if period == "day" else None,
            week=weeks[start] if period == "day" else start,
            hours=group.hours,
            limit=DAY_HOURS if period == "day" else WEEK_HOURS,
            lines=tuple(group.lines),
            index=group.over_at,
        )
        for (contract, period, start), group in groups.items()
        if group.over_at is not None
    ]
    return sorted(found, key=lambda over: (over.index, over.period != "day"))
