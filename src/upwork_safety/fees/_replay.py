"""One replay of a balance history through a schedule's paydays, and its checked inputs (private).

:func:`_replay` walks the paydays from the first day to the last and says
what each one with money on the balance does: a :class:`ScheduledPayout`
of the whole available balance, or a :class:`SkippedPayday` with the
reason (HC 211063708).  It is the one replay: :func:`auto_withdrawals`
builds its run from it and an :class:`AutoWithdrawals` checks itself
against it (``_schedules``).  :func:`_inputs` checks what both replays take
(at most :data:`MAX_CREDITS` credits, a method that withdraws USD).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from upwork_safety._decimals import CONTEXT, flag
from upwork_safety._validate import sequence_of
from upwork_safety.errors import InvalidValueError, RulesError
from upwork_safety.fees._common import day_arg, optional_day
from upwork_safety.fees._paydays import (
    MAX_CREDITS,
    Credit,
    PayoutReason,
    ScheduledPayout,
    SkippedPayday,
    SkipReason,
    _check_span,
    _days,
    _rules,
    check_total,
)
from upwork_safety.fees._route import method_fees, unusable, usable_method
from upwork_safety.money import Money

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import date

    from upwork_safety.rules import PaymentSchedule, PaymentScheduleRules, WithdrawalMethod


def _replay(
    history: tuple[Credit, ...],
    *,
    schedule: PaymentSchedule,
    start: date,
    end: date,
    method: WithdrawalMethod,
    us_freelancer: bool,
    method_added: date | None,
    rules: PaymentScheduleRules,
) -> Iterator[ScheduledPayout | SkippedPayday]:
    """Each payday from *start* to *end* with money on the balance: its payout, or why it waits.

    The one replay: :func:`auto_withdrawals` builds its run from it, and an
    :class:`AutoWithdrawals` checks itself against it.  Credits join the
    balance in the order they became available and a payout takes them
    all, so the balance held is oldest first: its first credit is the
    oldest (the time limit and the same-day deferral look at it alone) and
    its total is kept as credits join.  A payday costs the same whatever
    the balance holds: time grows with paydays + credits, not their product.
    """
    threshold = rules.threshold(us_freelancer=us_freelancer)
    deferred = schedule in rules.deferred_when_all_new
    waiting = sorted(history, key=_available)
    arrived = 0
    held: list[Credit] = []
    total = Decimal(0)
    for day in _days(schedule, start, end, rules):
        while arrived < len(waiting) and waiting[arrived].on <= day:
            held.append(waiting[arrived])
            total = CONTEXT.add(total, waiting[arrived].amount.amount)
            arrived += 1
        if not held:
            continue
        balance = Money(total, "USD")
        oldest = held[0].on
        reason: SkipReason | PayoutReason
        if method_added is not None and not rules.method_active(method_added, day):
            reason = SkipReason.METHOD_NOT_ACTIVE
        elif deferred and oldest == day:
            reason = SkipReason.ALL_NEW_TODAY
        elif balance >= threshold:
            reason = PayoutReason.THRESHOLD
        elif day - oldest > rules.time_limit:
            reason = PayoutReason.TIME_LIMIT
        else:
            reason = SkipReason.BELOW_THRESHOLD
        if isinstance(reason, PayoutReason) and unusable(method, balance):
            reason = SkipReason.BELOW_METHOD_MINIMUM
        if isinstance(reason, SkipReason):
            yield SkippedPayday(on=day, balance=balance, reason=reason)
            continue
        fixed, share = method_fees(method, balance)
        yield ScheduledPayout(on=day, funds=tuple(held), reason=reason, fee=fixed + share)
        held = []
        total = Decimal(0)


def _available(credit: Credit) -> date:
    return credit.on


def _usd_method(entry: object, what: str) -> WithdrawalMethod:
    """The method *entry* names: usable in Pakistan and withdrawing the USD balance."""
    chosen = usable_method(entry, what)
    if chosen.balance_currency != "USD":
        raise RulesError(
            f"{chosen.name} withdraws a {chosen.balance_currency} balance; Upwork's is in USD",
            field=what,
            rule="withdraws a USD balance",
        )
    return chosen


def _check_history(history: tuple[Credit, ...], what: str) -> None:
    if len(history) > MAX_CREDITS:
        raise InvalidValueError(
            f"{what} holds {len(history):,} credits; a replay takes at most {MAX_CREDITS:,}: "
            "add up each day's credits into one, or replay a shorter period",
            field=what,
            rule=f"at most {MAX_CREDITS:,} credits",
        )
    check_total(history, what)


def _inputs(
    history: object,
    *,
    start: object,
    end: object,
    method: object,
    us_freelancer: object,
    method_added: object,
    rules: object,
) -> tuple[
    tuple[Credit, ...], date, date, WithdrawalMethod, bool, date | None, PaymentScheduleRules
]:
    checked = sequence_of(history, Credit, "history", ordered="the order of credits on one day")
    _check_history(checked, "history")
    first = day_arg(start, "start")
    last = day_arg(end, "end")
    _check_span(first, last)
    chosen_rules = _rules(rules, first)
    chosen = _usd_method(method, "method")
    us = flag(us_freelancer, "us_freelancer")
    added = optional_day(method_added, "method_added")
    return checked, first, last, chosen, us, added, chosen_rules
