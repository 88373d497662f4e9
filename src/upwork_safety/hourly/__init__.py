"""Hourly contracts: billing weeks, Hourly Protection, pauses, bonuses, weekly payments, payouts.

This package owns what happens to the money of an hourly contract
(DOMAIN.md section 3; all clocks UTC):

* :func:`billing_week` finds the Monday 00:00 → Sunday 23:59:59.999999 UTC
  billing week that contains a moment (HC 211063698); :func:`weeks_of`
  lists the weeks a Work Diary touches.
* :func:`invoice` (and :func:`invoice_for`, from a
  :class:`~upwork_safety.Contract`) cuts a week's Work Diary into the
  10-minute segments Upwork invoices (HC 211068518), leaves out time logged
  while the contract was paused (:class:`Pause`, HC 211062218), marks the
  segments logged after the weekly limit as over limit (not invoiced,
  HC 211063668), and says for every billed segment whether Hourly Protection
  covers it and, if not, why (:class:`UnprotectedReason`, HC 211068288).
* :func:`payout_calendar` gives the dates that follow a week: invoice, end
  of the client's dispute window, money available (HC 211063698,
  HC 211062158, HC 360047676133).
* :func:`bonus` and :func:`weekly_payment` model the two other ways an
  hourly contract pays: bonuses (charged fresh, pending five days, never
  protected) and fixed weekly payments (on the Monday invoice, no review
  window, pending five days, never protected) (HC 211067938, HC 211063668).
* :func:`payout_schedule` lays hours, bonuses and weekly payments out in
  the order the money becomes available, with the balance in each bucket
  at any moment.
* :func:`dispute_response` gives the deadline to answer client-disputed
  hours and what silence means (HC 211068588).

Every number comes from :class:`~upwork_safety.rules.PlatformRules`; all
functions take ``rules=`` and default to the rules in force on the date in
question (the end of the week, the moment of a bonus or of a dispute).

>>> from datetime import datetime, timezone
>>> week = billing_week(datetime(2024, 1, 3, 15, 30, tzinfo=timezone.utc))
>>> str(week)
'2024-01-01 → 2024-01-07 (UTC)'
"""

from __future__ import annotations

from upwork_safety.hourly import _week
from upwork_safety.hourly._bonus import Bonus, bonus
from upwork_safety.hourly._disputes import HoursDispute, dispute_response
from upwork_safety.hourly._earnings import PayoutItem, PayoutSchedule, payout_schedule
from upwork_safety.hourly._invoice import WeeklyInvoice
from upwork_safety.hourly._invoicing import invoice, invoice_for
from upwork_safety.hourly._kinds import PayoutKind, PayoutStatus, WeeklyPaymentBasis
from upwork_safety.hourly._pauses import Pause
from upwork_safety.hourly._segment import Segment, UnprotectedReason
from upwork_safety.hourly._week import (
    BillingWeek,
    PayoutCalendar,
    billing_week,
    payout_calendar,
    weeks_of,
)
from upwork_safety.hourly._weekly_payment import WeeklyPayment, weekly_payment
from upwork_safety.models import TimeEntry

# Re-bound here (not copied) so that it carries its documentation.

#: The most billing weeks :func:`weeks_of` returns (over 1,900 years of them): entries
#: that touch more are refused (``InvalidValueError``, ``field='entries'``) before
#: any week is built.
MAX_WEEKS = _week.MAX_WEEKS

__all__ = [
    "MAX_WEEKS",
    "BillingWeek",
    "Bonus",
    "HoursDispute",
    "Pause",
    "PayoutCalendar",
    "PayoutItem",
    "PayoutKind",
    "PayoutSchedule",
    "PayoutStatus",
    "Segment",
    "TimeEntry",
    "UnprotectedReason",
    "WeeklyInvoice",
    "WeeklyPayment",
    "WeeklyPaymentBasis",
    "billing_week",
    "bonus",
    "dispute_response",
    "invoice",
    "invoice_for",
    "payout_calendar",
    "payout_schedule",
    "weekly_payment",
    "weeks_of",
]


def __dir__() -> list[str]:
    """The public names (``__all__``), not the names this module imports (red team r19 L4)."""
    return sorted(__all__)
