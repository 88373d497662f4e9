"""The hourly package's kinds: payout status and kind, weekly-payment basis (private).

Each is a :class:`~upwork_safety.kinds.StrEnum`, so a member equals its text
(``status == "pending"``) and that text is what serialised data holds.
:func:`payout_status` is the one rule that puts a payment in a
:class:`PayoutStatus` bucket, for hours, bonuses and weekly payments alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from upwork_safety._calendar import closes_after
from upwork_safety._moments import utc_instant
from upwork_safety.kinds import StrEnum

if TYPE_CHECKING:
    from datetime import datetime

__all__ = ["PayoutKind", "PayoutStatus", "WeeklyPaymentBasis", "payout_status"]


class PayoutStatus(StrEnum):
    """Where a payment is on its way to the freelancer's balance (the buckets of HC 211063718)."""

    #: Not charged to the client yet: the week is still being worked or
    #: awaits its Monday invoice, or the bonus is not paid yet.
    UPCOMING = "upcoming"
    #: Invoiced hours the client can still dispute (HC 211062158).
    IN_REVIEW = "in_review"
    #: Charged and in the security period (HC 211060918), or hours past
    #: their review waiting for their Wednesday (HC 211063698).
    PENDING = "pending"
    #: Available to withdraw.
    AVAILABLE = "available"


class PayoutKind(StrEnum):
    """What an hourly contract pays for (HC 211067938 names the three)."""

    #: Hours invoiced from the Work Diary (a :class:`WeeklyInvoice`).
    HOURS = "hours"
    #: A bonus or other manual payment (a :class:`Bonus`).
    BONUS = "bonus"
    #: A fixed weekly payment (a :class:`WeeklyPayment`).
    WEEKLY_PAYMENT = "weekly_payment"


class WeeklyPaymentBasis(StrEnum):
    """Why a week's fixed weekly payment is the share it is (HC 211067938)."""

    #: The contract ran the whole week: 100%.
    FULL_WEEK = "full_week"
    #: The contract started in the week: the share for the day it started.
    CONTRACT_STARTED = "contract_started"
    #: The contract ended in the week: the share for the day it ended (*unconfirmed*).
    CONTRACT_ENDED = "contract_ended"
    #: The contract started and ended in the week: the smaller of the two
    #: shares (a modelling assumption; Upwork publishes no rule for it).
    STARTED_AND_ENDED = "started_and_ended"
    #: The contract was paused (or its hours disputed) at some time in the
    #: week: no weekly payment is issued.
    PAUSED = "paused"


def payout_status(
    at: object, charged_at: datetime, available_at: datetime, review_ends: datetime | None = None
) -> PayoutStatus:
    """Where a payment charged at *charged_at* is at the moment *at*.

    Upcoming before the charge; in review through the last second
    *review_ends* (invoiced hours only; the client's dispute window takes in
    the whole of it); then pending until *available_at*; then available.

    Raises:
        InvalidValueError: *at* is naive.
        InvalidTypeError: *at* is not a datetime.
    """
    moment = utc_instant(at, "at")
    if moment < charged_at:
        return PayoutStatus.UPCOMING
    if review_ends is not None and moment < closes_after(review_ends):
        return PayoutStatus.IN_REVIEW
    if moment < available_at:
        return PayoutStatus.PENDING
    return PayoutStatus.AVAILABLE
