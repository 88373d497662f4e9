"""When a statement's income row can first be withdrawn, and which billing week an hourly row pays.

A statement lists what was paid, not what it pays for nor when it is
available: a fixed-price or bonus row is held for the security period from
its day, but an hourly row is Upwork's invoice for a billing week (dated
the Monday after the week, its description naming the week), available on
that week's payout calendar day, later.  This module reads the week from
the one form Upwork writes, and never guesses it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta, timezone

from upwork_safety._display import shown
from upwork_safety._validate import instance
from upwork_safety.errors import InvalidValueError
from upwork_safety.hourly import BillingWeek, billing_week
from upwork_safety.rules import _available_after
from upwork_safety.rules import as_of as platform_as_of
from upwork_safety.statements._kinds import INCOME_KINDS, TransactionKind
from upwork_safety.statements._model import Transaction

__all__ = ["available_on", "invoiced_week"]

#: Upwork's hourly invoice text: ``Invoice for 10/12/2026-10/18/2026``, alone or
#: followed by `` - `` and the rest of one line (Upwork writes the hours there,
#: ``- 6:30 hrs @ $15.00/hr``, which is not read).  ASCII digits only.
_INVOICE = re.compile(
    r"Invoice for ([0-9]{2})/([0-9]{2})/([0-9]{4})-([0-9]{2})/([0-9]{2})/([0-9]{4})(?: - (.*))?",
    re.DOTALL,
)
#: Unicode categories the text after `` - `` may not hold: control characters (a
#: line break, a tab), format characters (a zero-width space, a direction override)
#: and line or paragraph separators.  Upwork writes its invoice text on one line.
_NOT_TEXT = frozenset({"Cc", "Cf", "Zl", "Zp"})
_SUNDAY_AFTER = timedelta(days=6)


def _day(month: str, day: str, year: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:  # not a day of the calendar (02/30/2026)
        return None


def _named_week(row: Transaction) -> BillingWeek | None:
    """The week the row's description names in Upwork's exact form, or ``None``."""
    found = _INVOICE.fullmatch(row.description)
    if found is None:
        return None
    rest = found.group(7) or ""
    if any(unicodedata.category(char) in _NOT_TEXT for char in rest):
        return None  # not the one line of text Upwork writes: not read
    first = _day(*found.group(1, 2, 3))
    last = _day(*found.group(4, 5, 6))
    if first is None or last is None or first.weekday() != 0 or last != first + _SUNDAY_AFTER:
        return None  # not a Monday-to-Sunday billing week: not read as one
    if row.on <= last:
        return None  # an invoice is dated after the week it invoices
    return billing_week(datetime.combine(first, time(0), timezone.utc))


def invoiced_week(row: Transaction) -> BillingWeek | None:
    """The billing week an hourly row pays, when the export says it; else ``None``.

    * A Transactions report or Transaction History row is Upwork's invoice
      for a week, dated the Monday after it, and its description names the
      week in one form: ``Invoice for 10/12/2026-10/18/2026``, alone or
      followed by `` - `` and the hours (``- 6:30 hrs @ $15.00/hr``).  The
      week is read exactly: month/day/year, ASCII digits, a Monday to the
      Sunday six days later, and the row dated after that Sunday.  What
      follows `` - `` is not read (the hours are not checked against the
      amount), but it must be one line of text: a control character (a
      line break, a tab), a format character (a zero-width space) or a
      line separator there gives ``None``.
    * A weekly summary row (the only rows with :attr:`~Transaction.hours`)
      is one day's work, so it pays the week containing its day.

    Anything else gives ``None``, never a guess: a row that is not hourly,
    a description in any other form (edited, another language, dates
    that are not a billing week, or more than one line), or an invoice
    dated within its own week.

    >>> from datetime import date
    >>> from upwork_safety import Money
    >>> from upwork_safety.statements import Transaction
    >>> row = Transaction(
    ...     line=2, on=date(2026, 10, 19), kind="hourly", amount=Money("97.50", "USD"),
    ...     description="Invoice for 10/12/2026-10/18/2026 - 6:30 hrs @ $15.00/hr",
    ... )
    >>> print(invoiced_week(row))
    2026-10-12 → 2026-10-18 (UTC)

    Args:
        row: A :class:`Transaction`.

    Returns:
        The :class:`~upwork_safety.hourly.BillingWeek`, or ``None``.

    Raises:
        InvalidTypeError: *row* is not a Transaction.
    """
    row = instance(row, Transaction, "row")
    if row.kind is not TransactionKind.HOURLY:
        return None
    if row.hours is not None:
        return billing_week(datetime.combine(row.on, time(0), timezone.utc))
    return _named_week(row)


def available_on(row: Transaction, *, top_rated: bool = False) -> date:
    """The first day (UTC) a statement's income row can be withdrawn, by what it pays.

    * **Hourly** rows: the day its :func:`invoiced_week` is available, the
      Wednesday ten days after the week ends (HC 211063698), or for a Top
      Rated freelancer the day after the client's review window
      (HC 360047676133): ``invoiced_week(row).calendar(top_rated=...)``'s
      ``available_at``, under the rules in force that week.
    * **Fixed-price** and **bonus** rows: the row's day plus the security
      period in force that day (5 days, HC 211060918).
    * Never before the row's own day plus that security period: money is
      pending for it from the day it is paid, and
      :func:`~upwork_safety.fees.payout` refuses an earlier day.  An
      invoice is dated the Monday after its week, five days or more
      before the week's day, so this changes nothing for it; an hourly
      row dated later than that (a charge retried, disputed hours paid)
      is available when its own security period ends, later than its
      week's day.
    * At the end of the calendar the day may be after 9990-12-31, the
      library's last (a fixed-price row of 9990-12-31 is available on
      9991-01-05): it is the right answer and is given, as ``hourly``,
      ``escrow`` and ``checks`` give their days past it, but it cannot be
      passed back in: ``payout`` refuses it as ``available_on=``, and
      refuses such a payment saying it is available after the last day
      (no rate can be dated on or after its day).

    Pass it to :func:`~upwork_safety.fees.payout` as ``available_on=``,
    which otherwise reads a payment with no hourly *contract* as released
    fixed-price money.  The day is the platform's rule: a hold or a dispute
    can make it later, which the export does not show.

    >>> from datetime import date
    >>> from upwork_safety import Money
    >>> from upwork_safety.statements import Transaction
    >>> row = Transaction(
    ...     line=2, on=date(2026, 10, 19), kind="hourly", amount=Money("97.50", "USD"),
    ...     description="Invoice for 10/12/2026-10/18/2026 - 6:30 hrs @ $15.00/hr",
    ... )
    >>> available_on(row), available_on(row, top_rated=True)
    (datetime.date(2026, 10, 28), datetime.date(2026, 10, 24))

    Args:
        row: An income :class:`Transaction` (fixed price, hourly or bonus).
        top_rated: Whether the freelancer is Top Rated (hourly rows only).

    Returns:
        The day, a :class:`~datetime.date`.

    Raises:
        InvalidTypeError: *row* is not a Transaction, or *top_rated* not a bool.
        InvalidValueError: *row* is not income (``rule='an income row'``),
            or is an hourly row whose week the export does not say
            (:func:`invoiced_week` gives ``None``;
            ``rule='an hourly row that names its week'``): find the week
            yourself and pass ``hourly.billing_week(...).calendar()``'s
            ``available_at`` day to ``payout``.
    """
    row = instance(row, Transaction, "row")
    top_rated = instance(top_rated, bool, "top_rated")
    if row.kind not in INCOME_KINDS:
        raise InvalidValueError(
            f"available_on: line {row.line} is a {row.kind.value} row, not income: only "
            "fixed-price, hourly and bonus rows become available to withdraw",
            field="row",
            rule="an income row",
        )
    # One rule for every row (fees.payout's): pending for the security period from its day.
    start = datetime.combine(row.on, time(0), timezone.utc)
    held = _available_after(start, platform_as_of(row.on)).date()
    if row.kind is not TransactionKind.HOURLY:
        return held
    week = invoiced_week(row)
    if week is None:
        raise InvalidValueError(
            f"available_on: the hourly row of line {row.line} ({row.on}, description "
            f"{shown(row.description)}) does not name its billing week as Upwork writes it "
            "('Invoice for MM/DD/YYYY-MM/DD/YYYY'), and its week is not guessed: find the "
            "week it invoices and pass hourly.billing_week(...).calendar().available_at's "
            "day as payout(available_on=...)",
            field="row",
            rule="an hourly row that names its week",
        )
    return max(week.calendar(top_rated=top_rated).available_at.date(), held)
