"""What the factories and strategies read from the library's rules (private).

One source of truth: the days a rule changes and the days a contract may
carry its own service-fee rate are read from the rules histories of
:mod:`upwork_safety.rules`, never copied, so a new rule set moves both the
factories' defaults and the strategies' favourite days with it.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from upwork_safety import rules
from upwork_safety.rules import SERVICE_FEE_HISTORY, RuleHistory, ServiceFeeSchedule


class OwnRates(NamedTuple):
    """From *first_day* on, every fee schedule charges a contract's own rate in *low*–*high*."""

    first_day: date
    default: Decimal | None
    low: Decimal
    high: Decimal


@functools.cache
def own_rates() -> OwnRates | None:
    """The day from which every later service-fee schedule charges a contract's own rate.

    A contract that starts on or after it is paid only under such schedules
    (nothing is paid before a contract starts), so any rate in the range is
    charged by the fee engine whatever the payment's day.  ``None`` when the
    newest schedule has no per-contract rate.
    """
    tail: list[ServiceFeeSchedule] = []
    for schedule in reversed(SERVICE_FEE_HISTORY):
        if not schedule.per_contract:
            break
        tail.insert(0, schedule)
    if not tail:
        return None
    low = max(schedule.minimum_rate for schedule in tail)
    high = min(
        Decimal(1) if schedule.maximum_rate is None else schedule.maximum_rate for schedule in tail
    )
    defaults = {schedule.rate for schedule in tail}
    default = defaults.pop() if len(defaults) == 1 else None
    return OwnRates(tail[0].effective, default, low, high)


def default_fee_rate(started: date) -> Decimal | None:
    """The rate a factory contract carries when it starts on *started*.

    The per-contract schedules' published default from the day every
    schedule charges a contract's own rate, else ``None`` (the schedule in
    force decides, as for a contract that names no rate), so the fee engine
    charges a factory contract on any day it is paid.
    """
    era = own_rates()
    if era is None or started < era.first_day:
        return None
    return era.default


@functools.cache
def newest_rules_day() -> date:
    """The first day on which every rule set of :mod:`upwork_safety.rules` is its newest.

    The latest ``effective`` day of every :class:`~upwork_safety.rules.RuleHistory`
    the module publishes (2025-05-01, the per-contract fee schedule, today):
    from it on, a value is read under today's rules.
    """
    newest: date = max(preset.effective for history in _histories() for preset in history)
    return newest


def _histories() -> list[RuleHistory[Any]]:
    found = [getattr(rules, name) for name in rules.__all__]
    return [history for history in found if isinstance(history, RuleHistory)]


@functools.cache
def change_days() -> tuple[date, ...]:
    """Every day a rule set of :mod:`upwork_safety.rules` starts, and the day before each.

    Read from every :class:`~upwork_safety.rules.RuleHistory` the module
    publishes (the fee schedules, the JSS, the platform, tax and retention
    rules...), with the last day a legacy fee rate was honoured and the day
    after.  Sorted, without repeats.
    """
    days: set[date] = set()
    for history in _histories():
        for preset in history:
            starts = preset.effective
            if starts > date.min:
                days.update((starts - timedelta(days=1), starts))
            last = getattr(preset, "legacy_until", None)
            if isinstance(last, date):
                days.update((last, last + timedelta(days=1)))
    return tuple(sorted(days))


@functools.cache
def minimum_milestone() -> Decimal:
    """The largest minimum milestone of any escrow rule set, in dollars.

    A drawn milestone at least this large is one every rule set builds.
    """
    return max(platform.minimum_milestone.amount for platform in rules.HISTORY)


@functools.cache
def clock_jumps() -> tuple[timedelta, ...]:
    """Jumps that land just past an escrow clock of some rule set: its period plus one minute.

    The review period, the security period, the review and security
    periods together (escrow paid and available), the refund windows, the
    dispute filing window, a client's answer counted in business days (at
    most two weekend days more), mediation through the arbitration opt-in,
    and dormancy's whole course.
    """
    spans: set[timedelta] = set()
    for platform in rules.HISTORY:
        spans.update(
            (
                platform.review_period,
                platform.security_period,
                platform.review_period + platform.security_period,
                platform.refund_response_window,
                platform.refund_after_payment_window,
                platform.dispute_filing_window,
                platform.client_dispute_response + timedelta(days=2),
                platform.mediation_proposal
                + platform.mediation_acceptance
                + platform.arbitration_opt_in,
                platform.dormancy_course,
            )
        )
    return tuple(sorted(span + timedelta(minutes=1) for span in spans))
