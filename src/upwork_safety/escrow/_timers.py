"""The escrow clocks (private): which rules a clock runs by, and when it runs out.

Every period is elapsed time between UTC instants (a 14-day review period is
14 × 24 hours, whatever the time zone or daylight saving the caller lives
in).  A clock uses the rules in force on the UTC day it started, unless the
caller passes its own ``rules=``.  The one period that is not plain elapsed
time is the client's answer to a dispute, which runs in business time when
the rules say so (:func:`after_business_time`).
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta, timezone

from upwork_safety._calendar import add_business_days
from upwork_safety.rules import PlatformRules, as_of

__all__ = [
    "arbitration_window",
    "client_answer_due",
    "dormancy_times",
    "rules_at",
    "start_of",
]

UTC = timezone.utc


@functools.lru_cache(maxsize=1024)
def _rules_on(day: date) -> PlatformRules:
    return as_of(day)


def rules_at(at: datetime, override: PlatformRules | None) -> PlatformRules:
    """The rules for a clock that started at *at*: *override*, else those in force that UTC day."""
    if override is not None:
        return override
    return _rules_on(at.date())


def start_of(day: date) -> datetime:
    """00:00 UTC on *day*."""
    return datetime.combine(day, time(0), UTC)


def client_answer_due(disputed_at: datetime, override: PlatformRules | None) -> datetime:
    """When the client's time to answer a dispute filed at *disputed_at* runs out.

    In business days (the library's one helper,
    :func:`upwork_safety._calendar.add_business_days`: the same UTC time of
    day, counting days that fall Monday to Friday in UTC, holidays not
    skipped) when the rules say so, else in elapsed time.  A part of a day in
    a what-if period is added as elapsed time.
    """
    rules = rules_at(disputed_at, override)
    span = rules.client_dispute_response
    if not rules.client_response_business_days:
        return disputed_at + span
    whole = timedelta(days=span.days)
    return add_business_days(disputed_at, span.days) + (span - whole)


def arbitration_window(
    answered_at: datetime, override: PlatformRules | None
) -> tuple[datetime, datetime, datetime]:
    """For a dispute answered at *answered_at*: (proposal due, opt-in opens, opt-in closes).

    Mediation lasts at most the mediator's proposal time plus both sides'
    acceptance time; the 7-day arbitration opt-in window opens when it is
    over without an agreement, and closes with the default outcome.
    """
    rules = rules_at(answered_at, override)
    proposal = answered_at + rules.mediation_proposal
    opens = proposal + rules.mediation_acceptance
    return proposal, opens, opens + rules.arbitration_opt_in


def dormancy_times(
    last: datetime, override: PlatformRules | None
) -> tuple[datetime, datetime, datetime]:
    """For escrow untouched since *last*: (first notice, final notice, closing)."""
    rules = rules_at(last, override)
    first = last + rules.dormancy_period
    final = first + rules.dormancy_first_notice
    return first, final, final + rules.dormancy_final_notice
