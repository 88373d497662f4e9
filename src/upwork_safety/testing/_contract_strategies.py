"""Strategies for the models: clients, feedback, payments, milestones, contracts (private).

Public through :mod:`upwork_safety.testing.strategies`.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import NamedTuple, cast

import attrs
from hypothesis import strategies as st

from upwork_safety import hourly
from upwork_safety._last_day import LATEST
from upwork_safety._scales import ACTIVITY_SCALE, PRIVATE_SCORE_SCALE
from upwork_safety._validate import instance
from upwork_safety.errors import InvalidTypeError
from upwork_safety.models import (
    Client,
    Contract,
    ContractKind,
    EndReason,
    Feedback,
    Milestone,
    Payment,
    TimeEntry,
)
from upwork_safety.money import ExchangeRate, Money, to_decimal
from upwork_safety.testing._arguments import (
    _UTC,
    _currency,
    _refuse,
    _sometimes,
    built,
    kind_of,
    later,
    mapped,
)
from upwork_safety.testing._renamed import as_arguments
from upwork_safety.testing._rules import change_days, minimum_milestone, own_rates
from upwork_safety.testing._scalar_strategies import (
    LAST_DAY,
    _numbered,
    amounts,
    aware_datetimes,
    dates,
    ids,
    money,
)


@functools.cache
def clients() -> st.SearchStrategy[Client]:
    """:class:`Client` values (ids ``client-1`` to ``client-50``, so clients recur)."""
    return built(
        Client,
        id=_numbered("client-", 50),
        name=st.sampled_from(["", "Acme", "Studio Noor", "Jane D."]),
        payment_verified=st.booleans(),
        country=st.sampled_from(["", "United States", "Pakistan", "Germany"]),
    )


@functools.cache
def feedbacks() -> st.SearchStrategy[Feedback]:
    """:class:`Feedback`, each part possibly missing."""
    return built(
        Feedback,
        stars=st.none() | amounts(min_value="1", max_value="5", places=1),
        private_score=st.none() | st.integers(*PRIVATE_SCORE_SCALE),
        end_reason=st.none() | st.sampled_from(EndReason),
    )


def payments(currency: str = "USD") -> st.SearchStrategy[Payment]:
    """:class:`Payment` values in *currency* up to 20,000 of it, in whole minor units.

    Recorded by hand: no milestone, no moment.

    Raises:
        InvalidTypeError, InvalidValueError: A currency the library refuses.
    """
    return _payments(_currency(currency, "currency"))


@functools.cache
def _payments(currency: str) -> st.SearchStrategy[Payment]:
    return built(Payment, on=dates(), amount=money(currency, max_value="20000"))


def exchange_rates(
    *,
    min_value: Decimal | int | str = "100",
    max_value: Decimal | int | str = "400",
    as_of: st.SearchStrategy[date | None] | None = None,
) -> st.SearchStrategy[ExchangeRate]:
    """USD→PKR rates from *min_value* to *max_value* (4 places), dated by *as_of*.

    *as_of* is a strategy that draws the rate's day; by default a day of
    :func:`dates` (from 2015) or none.  The day picks the rules in force
    wherever the rate is used, so narrow it to the days your code supports:
    a withdrawal quote's reference rate needs its day (an undated one is
    refused), and :func:`~upwork_safety.fees.quote_withdrawal` reads its
    s.154A tax rules by it, which start on 2022-07-01, so a quote on an
    earlier day is refused (``as_of=us.dates(min_value=date(2022, 7, 1))``).

    Raises:
        InvalidTypeError: A float or non-number bound, or *as_of* not a strategy.
        InvalidValueError: A bound with more than 4 decimals, *min_value* not
            positive (a rate is), or above *max_value*.
    """
    rates = amounts(min_value=min_value, max_value=max_value, places=4)
    if to_decimal(min_value, "min_value") <= 0:
        _refuse("min_value", f"must be positive (a rate is), got {min_value}", "positive")
    if as_of is not None and not isinstance(as_of, st.SearchStrategy):
        raise InvalidTypeError(
            f"as_of must be a Hypothesis strategy of dates (e.g. us.dates(min_value=...)) or "
            f"None, not {type(as_of).__name__}",
            field="as_of",
            rule="a strategy or None",
        )
    return built(
        ExchangeRate,
        base=st.just("USD"),
        quote=st.just("PKR"),
        rate=rates,
        as_of=st.none() | dates() if as_of is None else as_of,
        source=st.sampled_from(["", "SBP interbank"]),
    )


_TITLES = ("Logo in SVG and PNG", "Landing page", "API client")
_DESCRIPTIONS = ("", "3 concepts, 2 rounds", "Figma + HTML")
_LAST_DAY = LAST_DAY
_LAST_MOMENT = datetime.combine(LATEST, time.max, tzinfo=_UTC)

#: From when every fee schedule charges a contract's own rate, and its range (from the rules).
_OWN_RATES = own_rates()


@functools.cache
def _milestone_terms() -> st.SearchStrategy[tuple[str, Money, str, date | None]]:
    """(title, amount, description, due) of an unfunded USD milestone."""
    return st.tuples(
        st.sampled_from(_TITLES),
        money("USD", min_value=minimum_milestone(), max_value="5000"),
        st.sampled_from(_DESCRIPTIONS),
        st.none() | dates(),
    )


def _milestone(milestone_id: str, terms: tuple[str, Money, str, date | None]) -> Milestone:
    title, amount, description, due = terms
    return Milestone(milestone_id, title, amount, description=description, due=due)


def milestones(*, milestone_id: str | None = None) -> st.SearchStrategy[Milestone]:
    """Unfunded USD :class:`Milestone` values, at least the minimum milestone ($5).

    The minimum is the largest of every escrow rule set's
    (:attr:`~upwork_safety.rules.PlatformRules.minimum_milestone`), so every
    rule set takes the milestone.

    Raises:
        InvalidTypeError, InvalidValueError: A *milestone_id* a milestone
            refuses (not a str, or empty).
    """
    if milestone_id is not None:
        with as_arguments({"Milestone.id": "milestone_id"}):
            Milestone(milestone_id, "title", Money(5, "USD"))
    return _milestones(milestone_id)


@functools.cache
def _milestones(milestone_id: str | None) -> st.SearchStrategy[Milestone]:
    mid = st.just(milestone_id) if milestone_id is not None else ids()
    return built(_milestone, mid, _milestone_terms())


def _entry(
    start: datetime, seconds: int, *, manual: bool, memo: str, activity: int | None
) -> TimeEntry:
    end = later(start, timedelta(seconds=seconds))
    return TimeEntry(start, end, manual=manual, memo=memo, activity=activity)


@functools.cache
def time_entries() -> st.SearchStrategy[TimeEntry]:
    """A :class:`TimeEntry` of 1 minute to 8 hours."""
    return built(
        _entry,
        aware_datetimes(),
        st.integers(min_value=60, max_value=8 * 3600),
        manual=st.booleans(),
        memo=st.sampled_from(["", "Fix checkout bug", "Write tests"]),
        activity=st.none() | st.integers(*ACTIVITY_SCALE),
    )


def _own_rate() -> st.SearchStrategy[Decimal | None]:
    if _OWN_RATES is None:  # pragma: no cover  (the newest schedule charges a contract's own rate)
        return st.none()
    # Half and half, as docs/testing.md says: ``st.none() | amounts(...)`` gave a rate to
    # about a quarter of the contracts that can carry one (red team r20 L1).
    rates = amounts(min_value=_OWN_RATES.low, max_value=_OWN_RATES.high)
    return _sometimes(st.none(), rates, one_in=2)


@functools.cache
def _base_parts() -> st.SearchStrategy[tuple[object, ...]]:
    """Everything a contract of either kind has, as one tuple of draws."""
    return st.tuples(
        _numbered("c", 9999),
        clients() | _numbered("client-", 50),
        dates(),
        st.none() | st.integers(0, 400),
        st.lists(_payment_parts(), max_size=3),
        st.none() | feedbacks(),
        _own_rate(),
        st.sampled_from(["", "Shopify store", "Data pipeline"]),
    )


@functools.cache
def _payment_parts() -> st.SearchStrategy[tuple[int, int, Money]]:
    """``(way, days, amount)`` of a payment: *days* after the start, or (way 2) a rule's day.

    Drawn after the start, never before it: a payment drawn on its own day
    dragged the contract's start back to it (``started = min(...)``), so
    about half the contracts started in 2015.
    """
    return st.tuples(
        st.sampled_from(range(3)), st.integers(0, 400), money("USD", max_value="20000")
    )


def _paid(parts: list[tuple[int, int, Money]], started: date, last: date) -> tuple[Payment, ...]:
    """Payments from *started* to *last*: *days* after the start, or on the next rule day."""
    room = (last - started).days
    paid = []
    for way, days, amount in parts:
        on = started + timedelta(days=min(days, room))
        if way == _ON_RULE_DAY:
            # The first day a rule changes from the start on, when there is one in reach.
            on = next((day for day in change_days() if started <= day <= last), on)
        paid.append(Payment(on, amount))
    return tuple(paid)


#: The way of :func:`_payment_parts` that pays on a day a rule changes (one in three).
_ON_RULE_DAY = 2


class Anchor(NamedTuple):
    """What a freelancer's history fixes of one of its contracts (private).

    Its *id* and *client*, its *started* day, *ended* (or ``None``, open) and
    *feedback*, and *last*, the day by which everything it records falls
    (payments, its end, its Work Diary), and whether it was *paid* at least
    once: a history's contracts end inside one JSS window before its day
    and carry feedback often (``_freelancer_histories``).
    """

    id: str
    client: str
    started: date
    last: date
    ended: date | None
    feedback: Feedback | None
    paid: bool


def _contract_base(
    draw: st.DrawFn, kind: ContractKind, anchor: Anchor | None = None
) -> dict[str, object]:
    contract_id, client, started, length, parts, feedback, rate, title = draw(_base_parts())
    last = _LAST_DAY
    if anchor is not None:
        contract_id, client, started, last = anchor.id, anchor.client, anchor.started, anchor.last
        if not parts and anchor.paid:
            parts = [draw(_payment_parts())]
    started = cast("date", started)
    last = max(last, started)
    # Nothing is paid before a contract starts (Contract refuses it).
    paid = _paid(cast("list[tuple[int, int, Money]]", parts), started, last)
    paid_on = [payment.on for payment in paid]
    # A contract's own fee rate is drawn only where the fees charge one: from
    # the day every later schedule charges one (every payment is on or after
    # the start, so each is charged by such a schedule).
    if _OWN_RATES is None or started < _OWN_RATES.first_day:
        rate = None
    ended = None
    if anchor is not None:
        length = None if anchor.ended is None else (anchor.ended - started).days
        feedback = anchor.feedback
    if length is not None:
        # A contract ends after its start and after what was paid on it.
        ended = min(max([started + timedelta(days=cast("int", length)), *paid_on]), last)
    else:
        feedback = None  # Upwork asks for feedback when a contract ends
    return {
        "id": contract_id,
        "client": client,
        "kind": kind,
        "started": started,
        "ended": ended,
        "payments": paid,
        "feedback": feedback,
        "service_fee_rate": rate,
        "title": title,
    }


@st.composite
def fixed_price_contracts(draw: st.DrawFn) -> Contract:
    """Fixed-price contracts with 0–3 unfunded milestones and no escrow history.

    The start is a day of :func:`dates` (a third of them from 2025-05-01,
    where a contract may carry its own fee rate, half the time); each
    payment falls 0 to 400 days after it or, one in three, on a day a rule changes.

    The 0–3 payments are recorded by hand, as a statement import records
    them (:func:`payments`: kind ``other``, no milestone, no moment, USD
    0.00 to 20,000.00), and have nothing to do with the milestones: a
    contract may be paid with every milestone unfunded, with no milestone
    at all, or more than all its milestones together.  No escrow run gives
    such a contract: :func:`~upwork_safety.escrow.ledger` counts none of it
    as paid, while the fees and the JSS count every payment.  For payments
    that follow from the milestones (releases and bonuses, with their
    ``at`` and ``milestone_id``), draw :func:`contract_histories`.
    """
    return _fixed(draw, None)


def _fixed(draw: st.DrawFn, anchor: Anchor | None) -> Contract:
    base = _contract_base(draw, ContractKind.FIXED_PRICE, anchor)
    terms = draw(st.lists(_milestone_terms(), max_size=3))
    items = tuple(_milestone(f"m{i + 1}", t) for i, t in enumerate(terms))
    return Contract(milestones=items, **base)  # type: ignore[arg-type]


def _diary(entries: list[TimeEntry], first: datetime) -> tuple[TimeEntry, ...]:
    """*entries* as one Work Diary: laid end to end from *first*.

    A Work Diary never bills the same minutes twice (``Contract`` refuses
    overlapping entries), so entries drawn independently are laid end to
    end, each keeping its length and other fields.
    """
    diary = []
    at = first
    for entry in entries:
        length = entry.end - entry.start
        diary.append(attrs.evolve(entry, start=at, end=at + length))
        at += length
    return tuple(diary)


#: Where a Work Diary starts, in hours after 00:00 UTC on the contract's first
#: day: that midnight, or Karachi's next midnight (19:00 UTC), or (negative)
#: that many hours before the first Monday 00:00 UTC after the start, so
#: entries cross the billing week's boundary.
_DIARY_STARTS = st.sampled_from([0, 19, -1, -3, -6])


@st.composite
def hourly_contracts(draw: st.DrawFn) -> Contract:
    """Hourly contracts with a rate, maybe a weekly limit, and a Work Diary of 0–6 entries.

    The diary starts at 00:00 UTC on the first day, at midnight in Karachi
    (19:00 UTC), or a few hours before the next Monday 00:00 UTC, so its
    entries often cross a billing week's boundary; the contract's end is
    moved past the diary's last entry when needed.
    """
    return _hourly(draw, None)


def _hourly(draw: st.DrawFn, anchor: Anchor | None) -> Contract:
    base = _contract_base(draw, ContractKind.HOURLY, anchor)
    started = cast("date", base["started"])
    entries = draw(st.lists(time_entries(), max_size=6))
    diary: tuple[TimeEntry, ...] = ()
    if entries:
        first = datetime.combine(started, time(0), tzinfo=_UTC)
        hours = draw(_DIARY_STARTS)
        if hours < 0:
            first = hourly.billing_week(first).closes_at
        diary = _diary(entries, first + timedelta(hours=hours))
        ended = cast("date | None", base["ended"])
        last = (diary[-1].end - timedelta(microseconds=1)).date()
        if ended is not None and ended < last:
            base["ended"] = last
    return Contract(
        hourly_rate=draw(money("USD", min_value="3", max_value="200")),
        weekly_limit=draw(st.none() | mapped(st.integers(1, 80), Decimal)),
        time_entries=diary,
        **base,  # type: ignore[arg-type]
    )


def contracts(kind: ContractKind | str | None = None) -> st.SearchStrategy[Contract]:
    """Fixed-price or hourly :class:`Contract` values, or only those of *kind*.

    ``contracts(ContractKind.HOURLY)`` is :func:`hourly_contracts` and
    ``contracts(ContractKind.FIXED_PRICE)`` :func:`fixed_price_contracts`.
    Their payments are recorded by hand (kind ``other``), unrelated to the
    milestones or the Work Diary (see :func:`fixed_price_contracts`).

    *kind* may also be its text (``contracts(kind="hourly")``), as
    :class:`Contract` takes it.

    Raises:
        InvalidTypeError: *kind* is neither a :class:`ContractKind`, its text, nor ``None``.
        InvalidValueError: *kind* is text no :class:`ContractKind` has.
    """
    return _of_kind(None if kind is None else kind_of(ContractKind, kind, "kind"))


@functools.cache
def _of_kind(kind: ContractKind | None) -> st.SearchStrategy[Contract]:
    if kind is ContractKind.FIXED_PRICE:
        return fixed_price_contracts()
    if kind is ContractKind.HOURLY:
        return hourly_contracts()
    return fixed_price_contracts() | hourly_contracts()


def moments_after(
    contract: Contract, *, within: timedelta = timedelta(days=400)
) -> st.SearchStrategy[datetime]:
    """Aware moments at which *contract* can be read: from its :attr:`~Contract.recorded_until`.

    Up to *within* later (and not after 9990-12-31, the library's last
    day), drawn as :func:`aware_datetimes` draws (whole
    seconds after the first moment, shown in several time zones): the
    ``now`` to pass to :mod:`~upwork_safety.escrow` and
    :func:`~upwork_safety.checks.review_contract`, which refuse a moment
    earlier than anything the contract records.

    Raises:
        InvalidTypeError: *contract* is not a Contract, or *within* not a timedelta.
        InvalidValueError: *within* is negative, or runs past the last datetime.
    """
    contract = instance(contract, Contract, "contract")
    within = instance(within, timedelta, "within")
    if within < timedelta(0):
        _refuse("within", f"must not be negative, got {within}", "not negative")
    first = contract.recorded_until
    try:
        last = first + within
    except OverflowError:
        _refuse(
            "within", f"runs past the last datetime from {first.isoformat()}", "a reachable end"
        )
    # The library takes no moment after its last day: the draws stop there.
    return aware_datetimes(min_value=first, max_value=min(last, _LAST_MOMENT))


def contracts_with_moments(
    kind: ContractKind | str | None = None,
) -> st.SearchStrategy[tuple[Contract, datetime]]:
    """``(contract, now)``: a :func:`contracts` value (of *kind*) and a moment it can be read at.

    *now* is drawn by :func:`moments_after`, so a property over "any
    contract at any moment" never trips over a moment earlier than the
    contract's own records.

    Raises:
        InvalidTypeError, InvalidValueError: As :func:`contracts`.
    """
    return contracts(kind).flatmap(lambda c: st.tuples(st.just(c), moments_after(c)))
