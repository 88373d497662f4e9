"""Invoicing a week of the Work Diary: :func:`invoice` and :func:`invoice_for` (private).

:func:`invoice` cuts one billing week of a Work Diary into the 10-minute
billing segments Upwork invoices (HC 211068518), leaves out time logged while
the contract was paused (HC 211062218), marks the segments logged after the
weekly limit was reached as over limit (not invoiced, HC 211063668), and says
for every billed segment whether Hourly Protection covers it and, if not, why
(HC 211068288); the :class:`WeeklyInvoice` it returns is ``_invoice``'s.

**How a partly logged segment counts.**  Upwork bills whole segments: "Upwork
uses 10-minute billing segments, therefore some rounding must occur"
(HC 211068518).  The Work Diary is a grid of 10-minute slots in UTC
(hh:00, hh:10, …), so the library counts each slot once: a slot in which at
least :attr:`~upwork_safety.rules.PlatformRules.hourly_partial_segment_minimum`
(5 minutes, half a segment; *unconfirmed*, Upwork does not publish the rule)
is logged bills as one whole segment, and a slot with less bills nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal

from upwork_safety._decimals import flag
from upwork_safety._display import shown
from upwork_safety._text import is_blank
from upwork_safety._validate import instance, sequence_of
from upwork_safety.errors import InvalidValueError
from upwork_safety.hourly._args import positive_cents, week_rules
from upwork_safety.hourly._invoice import WeeklyInvoice, _limit_segments
from upwork_safety.hourly._pauses import Pause, pauses_argument, pauses_in_run, unpaused
from upwork_safety.hourly._segment import Segment, protection_reasons
from upwork_safety.hourly._week import BillingWeek, payout_calendar, week_argument
from upwork_safety.models import (
    Contract,
    ContractKind,
    TimeEntry,
    _check_no_overlaps,
    _weekly_limit_hours,
)
from upwork_safety.money import Money
from upwork_safety.rules import PlatformRules, RuleHistory

__all__ = ["invoice", "invoice_for"]


def _memo(members: list[TimeEntry], blank: list[bool]) -> str:
    """The members' memos joined, each once, in order; *blank* says which members have none.

    A dict keeps the first of each memo in order and finds a repeat in one
    hash look-up, so the cost grows with the memos' length, not with the
    square of how many entries share a slot (a list look-up did).
    """
    memos = dict.fromkeys(
        entry.memo.strip() for entry, no_memo in zip(members, blank, strict=True) if not no_memo
    )
    return " / ".join(memos)


def _activity(members: list[TimeEntry]) -> int | None:
    levels = [e.activity for e in members]
    if any(level is None for level in levels):
        return None
    return min(level for level in levels if level is not None)


def invoice(
    entries: Iterable[TimeEntry],
    *,
    week: BillingWeek,
    rate: Money,
    weekly_limit: Decimal | int | str | None = None,
    client_verified: bool = True,
    top_rated: bool = False,
    pauses: Iterable[Pause] = (),
    rules: PlatformRules | RuleHistory[PlatformRules] | None = None,
) -> WeeklyInvoice:
    """Invoice one billing week of a Work Diary and say what Hourly Protection covers.

    The week's time is cut into the Work Diary's 10-minute UTC slots, in
    time order.  Entries crossing the week's boundaries count only their
    part inside the week, and time inside a :class:`Pause` is not invoiced
    (it is reported as :attr:`WeeklyInvoice.paused_time`).  A slot counts as
    one whole segment when at least ``rules.hourly_partial_segment_minimum``
    of its unpaused time is logged (see the module docs).  Once the weekly
    limit is reached, later segments are over limit and not invoiced.  A
    billed segment is protected only if all its time is tracked (not manual),
    has a memo, has activity of at least ``rules.hourly_minimum_activity``,
    and the client is verified (HC 211068288).

    Args:
        entries: The Work Diary (any weeks; only *week*'s time is used; at
            most 200,000 entries, the most any list argument holds).
        week: The billing week to invoice.
        rate: The hourly rate, positive :class:`~upwork_safety.money.Money`
            in whole cents (an Upwork rate is; a rate below a cent would
            bill nothing).
        weekly_limit: The contract's weekly limit in hours
            (``Decimal | int | str``, more than 0 and at most 168, as for a
            :class:`~upwork_safety.Contract`), or ``None`` for no
            limit.
        client_verified: Whether the client has a verified billing method
            (Hourly Protection needs one, HC 211068288).  The default,
            ``True``, is the public signature's; :func:`invoice_for` reads
            ``Client.payment_verified`` instead, which is ``False`` unless
            the client says so: pass what the client's profile shows.
        top_rated: Whether the freelancer is Top Rated (changes when the pay
            is available, for a week invoiced on or after 2020-05-04: the
            invoice day decides, so the week of 2020-04-27 already gets it).
        pauses: When the contract was paused (a sequence of :class:`Pause`,
            not overlapping); nothing logged inside them is invoiced.
        rules: The platform rules; default: those in force at the end of *week*.

    Returns:
        The week's :class:`WeeklyInvoice`, which keeps the rules it was
        counted under (:attr:`WeeklyInvoice.rules`).

    Raises:
        InvalidValueError: Two entries or two pauses overlap (the message
            names both), the rate or the limit is not positive, the rate
            times the billable hours is too large for Money to hold
            (``field`` ``WeeklyInvoice.rate``), or more than 200,000
            entries or pauses (an endless generator is refused there).
        InvalidTypeError: An argument has the wrong type (a sequence that is
            not one, an item that is not a :class:`TimeEntry` or
            :class:`Pause`, a number where Money is expected, ...).
    """
    week = week_argument(week)
    rate = positive_cents(rate, "rate")
    limit = _weekly_limit_hours(weekly_limit, "weekly_limit")
    client_verified = flag(client_verified, "client_verified")
    rules = week_rules(rules, week)
    items = sequence_of(entries, TimeEntry, "entries")
    order = _check_no_overlaps(items, "entries")  # the entries' time order
    paused = tuple(
        p for p in pauses_argument(pauses) if p.overlap(week.start, week.closes_at) > timedelta(0)
    )
    calendar = payout_calendar(week, top_rated=top_rated, rules=rules)

    segment = rules.hourly_segment
    slots: dict[int, list[tuple[int, timedelta]]] = {}
    logged = timedelta(0)
    paused_time = timedelta(0)
    # Entries (not overlapping) and pauses (in time order, not overlapping) are
    # swept together: a pause that ended before an entry starts ended before every
    # later one too, so it is passed once, and the cost grows with entries + pauses.
    first_pause = 0
    # Whether each entry in the week has no memo, read once however many slots it spans.
    blank: dict[int, bool] = {}
    for index in order:
        start = max(items[index].start, week.start)
        end = min(items[index].end, week.closes_at)
        if end <= start:
            continue
        blank[index] = is_blank(items[index].memo)
        logged += end - start
        while first_pause < len(paused) and (paused[first_pause].end or end) <= start:
            first_pause += 1
        pieces = unpaused(start, end, paused, first_pause)
        paused_time += end - start - sum((e - s for s, e in pieces), timedelta(0))
        for part_start, part_end in pieces:
            first = (part_start - week.start) // segment
            last = -((week.start - part_end) // segment)  # ceiling: exclusive slot bound
            for slot in range(first, last):
                slot_start = week.start + segment * slot
                covered = min(part_end, slot_start + segment) - max(part_start, slot_start)
                slots.setdefault(slot, []).append((index, covered))

    budget = _limit_segments(limit, segment)
    billed = 0
    segments: list[Segment] = []
    for slot in sorted(slots):
        parts = slots[slot]
        covered = sum((c for _, c in parts), timedelta(0))
        if covered < rules.hourly_partial_segment_minimum:
            continue
        over = budget is not None and billed >= budget
        billed += not over
        indices = tuple(dict.fromkeys(i for i, _ in parts))  # a pause may split an entry
        members = [items[i] for i in indices]
        blanks = [blank[i] for i in indices]
        slot_start = week.start + segment * slot
        manual = any(e.manual for e in members)
        activity = _activity(members)
        segments.append(
            Segment(
                start=slot_start,
                end=slot_start + segment,
                logged=covered,
                manual=manual,
                memo=_memo(members, blanks),
                activity=activity,
                over_limit=over,
                reasons=protection_reasons(
                    over_limit=over,
                    manual=manual,
                    memo_missing=any(blanks),
                    activity=activity,
                    minimum_activity=rules.hourly_minimum_activity,
                    client_verified=client_verified,
                ),
                entries=indices,
            )
        )
    return WeeklyInvoice(
        week=week,
        rate=rate,
        segments=tuple(segments),
        calendar=calendar,
        logged_time=logged,
        weekly_limit=limit,
        client_verified=client_verified,
        paused_time=paused_time,
        pauses=paused,
        rules=rules,
    )


def invoice_for(
    contract: Contract,
    *,
    week: BillingWeek,
    top_rated: bool = False,
    pauses: Iterable[Pause] = (),
    rules: PlatformRules | RuleHistory[PlatformRules] | None = None,
) -> WeeklyInvoice:
    """Invoice one week of an hourly contract's Work Diary.

    Takes the entries, rate, weekly limit and the client's verification
    from *contract* and calls :func:`invoice`.

    Args:
        contract: An hourly :class:`~upwork_safety.Contract` with an
            ``hourly_rate``.
        week: The billing week to invoice.
        top_rated: Whether the freelancer is Top Rated.
        pauses: When the contract was paused (see :func:`invoice`); none
            may start before ``contract.started`` or after
            ``contract.ended`` (UTC days), as for its Work Diary.
        rules: The platform rules; default: those in force at the end of *week*.

    Returns:
        The week's :class:`WeeklyInvoice`.

    Raises:
        InvalidValueError: The contract is fixed price or has no hourly
            rate, or a pause starts before it started or after it ended
            (``field`` ``pauses[i]``, the Work Diary's rules).
        InvalidTypeError: *contract* is not a Contract, or another argument
            has the wrong type.
    """
    contract = instance(contract, Contract, "contract")
    if contract.kind is not ContractKind.HOURLY:
        raise InvalidValueError(
            f"contract {shown(contract.id)} is fixed price; only hourly contracts are "
            "invoiced weekly",
            field="Contract.kind",
            rule="an hourly contract",
        )
    if contract.hourly_rate is None:
        raise InvalidValueError(
            f"contract {shown(contract.id)} has no hourly_rate; set Contract.hourly_rate to "
            "invoice it",
            field="Contract.hourly_rate",
            rule="an hourly rate",
        )
    week = week_argument(week)
    in_run = pauses_in_run(
        pauses, contract.started, contract.ended, week=(week.start, week.closes_at)
    )
    return invoice(
        contract.time_entries,
        week=week,
        rate=contract.hourly_rate,
        weekly_limit=contract.weekly_limit,
        client_verified=contract.client.payment_verified,
        top_rated=top_rated,
        pauses=in_run,
        rules=rules,
    )
