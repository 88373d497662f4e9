"""Hypothesis strategies for every public upwork_safety type.

Use them in your own tests::

    from hypothesis import given
    from upwork_safety.testing import strategies as us

    @given(us.contracts())
    def test_my_report_handles_any_contract(contract): ...

Every strategy produces only valid values (they pass the models'
validators); shrinking goes towards small, simple contracts.  They are
built to be cheap: amounts, dates and moments are drawn as integers and
mapped (no rejection sampling, no filters), text fields are sampled from
short lists, so a contract costs about a millisecond and a whole escrow
history a few (see ``docs/testing.md`` for measured figures).
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, cast

import attrs

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover  (tested in a subprocess)
    msg = (
        "upwork_safety.testing.strategies needs Hypothesis: install the 'testing' extra "
        "(upwork_safety.testing.factories works without it)"
    )
    raise ImportError(msg) from error

from upwork_safety import escrow
from upwork_safety._events import (
    AcceptRefund,
    AnswerDispute,
    Approve,
    ArbitrationDefault,
    AutoApprove,
    AutoDisputeRelease,
    AutoRefund,
    ClientPaysArbitration,
    DormancyRefundRequest,
    EndContract,
    FreelancerPaysArbitration,
    Fund,
    OpenDispute,
    Refund,
    RequestChanges,
    RequestRefund,
    ResolveDispute,
    Submit,
)
from upwork_safety._scales import ACTIVITY_SCALE, PRIVATE_SCORE_SCALE
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
from upwork_safety.money import ExchangeRate, Money
from upwork_safety.rules import PER_CONTRACT_2025

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "amounts",
    "aware_datetimes",
    "clients",
    "contract_histories",
    "contracts",
    "currencies",
    "dates",
    "events",
    "exchange_rates",
    "feedbacks",
    "fixed_price_contracts",
    "histories",
    "hourly_contracts",
    "ids",
    "milestones",
    "money",
    "payments",
    "time_entries",
]

#: Currencies used by default: Upwork's contract currency and Pakistan's.
DEFAULT_CURRENCIES = ("USD", "PKR")
_UTC = timezone.utc
_ZONES = (_UTC, timezone(timedelta(hours=5)), timezone(timedelta(hours=-5)))
_EPOCH = datetime(1970, 1, 1)  # noqa: DTZ001  (naive bounds, as Hypothesis takes them)


@functools.cache
def currencies() -> st.SearchStrategy[str]:
    """ISO codes the library accepts; USD and PKR by default."""
    return st.sampled_from(DEFAULT_CURRENCIES)


@functools.cache
def amounts(
    *, min_value: Decimal | str = "0", max_value: Decimal | str = "100000", places: int = 2
) -> st.SearchStrategy[Decimal]:
    """Decimal amounts with exactly *places* decimals between the bounds.

    Drawn as a whole number of the smallest unit, so it shrinks towards
    *min_value* (or zero) and costs one integer draw.
    """
    scale = Decimal(10) ** places
    low = int((Decimal(min_value) * scale).to_integral_value(rounding="ROUND_CEILING"))
    high = int((Decimal(max_value) * scale).to_integral_value(rounding="ROUND_FLOOR"))
    return st.integers(low, high).map(lambda n: Decimal(n).scaleb(-places))


@functools.cache
def money(
    currency: str | None = None,
    *,
    min_value: Decimal | str = "0",
    max_value: Decimal | str = "100000",
) -> st.SearchStrategy[Money]:
    """Non-negative :class:`Money` in *currency* (or a sampled one), whole cents."""
    cur = st.just(currency) if currency else currencies()
    return st.builds(Money, amounts(min_value=min_value, max_value=max_value), cur)


@functools.cache
def ids() -> st.SearchStrategy[str]:
    """Short, non-blank identifiers."""
    return st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=12)


@functools.cache
def dates(
    *, min_value: date = date(2015, 1, 1), max_value: date = date(2030, 12, 31)
) -> st.SearchStrategy[date]:
    """Dates within Upwork's era by default (a day offset from *min_value*)."""
    span = (max_value - min_value).days
    return st.integers(0, span).map(lambda n: min_value + timedelta(days=n))


@functools.cache
def aware_datetimes(
    *,
    min_value: datetime = datetime(2015, 1, 1),  # noqa: DTZ001  (hypothesis-style naive bounds)
    max_value: datetime = datetime(2030, 12, 31),  # noqa: DTZ001
) -> st.SearchStrategy[datetime]:
    """Timezone-aware datetimes, UTC or a fixed offset (e.g. Karachi's +05:00).

    The bounds are naive, read as UTC; the moment is drawn as whole seconds
    after *min_value*, then shown in one of the zones.
    """
    span = int((max_value - min_value).total_seconds())
    start = min_value.replace(tzinfo=_UTC)
    return st.builds(
        lambda seconds, zone: (start + timedelta(seconds=seconds)).astimezone(zone),
        st.integers(0, span),
        st.sampled_from(_ZONES),
    )


def _numbered(prefix: str, top: int) -> st.SearchStrategy[str]:
    """Ids like ``c1`` … ``c<top>``: one integer draw, shrinking to ``c1``."""
    return st.integers(1, top).map(lambda n: f"{prefix}{n}")


@functools.cache
def clients() -> st.SearchStrategy[Client]:
    """:class:`Client` values (ids ``client-1`` to ``client-50``, so clients recur)."""
    return st.builds(
        Client,
        id=_numbered("client-", 50),
        name=st.sampled_from(["", "Acme", "Studio Noor", "Jane D."]),
        payment_verified=st.booleans(),
        country=st.sampled_from(["", "United States", "Pakistan", "Germany"]),
    )


@functools.cache
def feedbacks() -> st.SearchStrategy[Feedback]:
    """:class:`Feedback`, each part possibly missing."""
    return st.builds(
        Feedback,
        stars=st.none() | amounts(min_value="1", max_value="5", places=1),
        private_score=st.none() | st.integers(*PRIVATE_SCORE_SCALE),
        end_reason=st.none() | st.sampled_from(EndReason),
    )


@functools.cache
def payments(currency: str = "USD") -> st.SearchStrategy[Payment]:
    """:class:`Payment` values in *currency* (recorded by hand: no milestone, no moment)."""
    return st.builds(Payment, on=dates(), amount=money(currency, max_value="20000"))


def exchange_rates(
    *,
    min_value: Decimal | str = "100",
    max_value: Decimal | str = "400",
    as_of: st.SearchStrategy[date | None] | None = None,
) -> st.SearchStrategy[ExchangeRate]:
    """USD→PKR rates from *min_value* to *max_value* (4 places), dated by *as_of*.

    *as_of* draws the rate's day; by default a day of :func:`dates` or none.
    The day picks the rules in force wherever the rate is used (a withdrawal
    quote reads its tax rules by it), so narrow it to the days your code
    supports, e.g. ``as_of=us.dates(min_value=date(2024, 1, 1))``.
    """
    return st.builds(
        ExchangeRate,
        base=st.just("USD"),
        quote=st.just("PKR"),
        rate=amounts(min_value=min_value, max_value=max_value, places=4),
        as_of=st.none() | dates() if as_of is None else as_of,
        source=st.sampled_from(["", "SBP interbank"]),
    )


_TITLES = ("Logo in SVG and PNG", "Landing page", "API client")
_DESCRIPTIONS = ("", "3 concepts, 2 rounds", "Figma + HTML")
_LAST_DAY = date(2030, 12, 31)

#: The first schedule that charges a contract's own rate, and its range.
_OWN_RATES = PER_CONTRACT_2025
_OWN_RATE_TOP = _OWN_RATES.maximum_rate if _OWN_RATES.maximum_rate is not None else Decimal(1)


@functools.cache
def _milestone_terms() -> st.SearchStrategy[tuple[str, Money, str, date | None]]:
    """(title, amount, description, due) of an unfunded USD milestone."""
    return st.tuples(
        st.sampled_from(_TITLES),
        money("USD", min_value="5", max_value="5000"),
        st.sampled_from(_DESCRIPTIONS),
        st.none() | dates(),
    )


def _milestone(milestone_id: str, terms: tuple[str, Money, str, date | None]) -> Milestone:
    title, amount, description, due = terms
    return Milestone(milestone_id, title, amount, description=description, due=due)


@functools.cache
def milestones(*, milestone_id: str | None = None) -> st.SearchStrategy[Milestone]:
    """Unfunded USD :class:`Milestone` values, at least the $5 minimum."""
    mid = st.just(milestone_id) if milestone_id is not None else ids()
    return st.builds(_milestone, mid, _milestone_terms())


def _entry(
    start: datetime, seconds: int, *, manual: bool, memo: str, activity: int | None
) -> TimeEntry:
    end = start + timedelta(seconds=seconds)
    return TimeEntry(start, end, manual=manual, memo=memo, activity=activity)


@functools.cache
def time_entries() -> st.SearchStrategy[TimeEntry]:
    """A :class:`TimeEntry` of 1 minute to 8 hours."""
    return st.builds(
        _entry,
        aware_datetimes(),
        st.integers(min_value=60, max_value=8 * 3600),
        manual=st.booleans(),
        memo=st.sampled_from(["", "Fix checkout bug", "Write tests"]),
        activity=st.none() | st.integers(*ACTIVITY_SCALE),
    )


@functools.cache
def _base_parts() -> st.SearchStrategy[tuple[object, ...]]:
    """Everything a contract of either kind has, as one tuple of draws."""
    return st.tuples(
        _numbered("c", 9999),
        clients() | _numbered("client-", 50),
        dates(),
        st.none() | st.integers(0, 400),
        st.lists(payments(), max_size=3).map(tuple),
        st.none() | feedbacks(),
        st.none() | amounts(min_value=_OWN_RATES.minimum_rate, max_value=_OWN_RATE_TOP),
        st.sampled_from(["", "Shopify store", "Data pipeline"]),
    )


def _contract_base(draw: st.DrawFn, kind: ContractKind) -> dict[str, object]:
    contract_id, client, started, length, paid, feedback, rate, title = draw(_base_parts())
    # Nothing is paid before a contract starts (Contract refuses it).
    paid_on = [payment.on for payment in cast("tuple[Payment, ...]", paid)]
    started = min([cast("date", started), *paid_on])
    # A contract's own fee rate is drawn only where the fees charge one: from
    # the per-contract schedule's first day (every payment is on or after
    # the start, so each is charged by that schedule or a later one).
    if started < _OWN_RATES.effective:
        rate = None
    ended = None
    if length is not None:
        ended = min(started + timedelta(days=cast("int", length)), _LAST_DAY)
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
    """Fixed-price contracts with 0–3 unfunded milestones and no escrow history."""
    base = _contract_base(draw, ContractKind.FIXED_PRICE)
    terms = draw(st.lists(_milestone_terms(), max_size=3))
    items = tuple(_milestone(f"m{i + 1}", t) for i, t in enumerate(terms))
    return Contract(milestones=items, **base)  # type: ignore[arg-type]


def _diary(entries: list[TimeEntry], started: date) -> tuple[TimeEntry, ...]:
    """*entries* as one Work Diary: laid end to end from 00:00 UTC on *started*.

    A Work Diary never bills the same minutes twice (``Contract`` refuses
    overlapping entries) and lies within the contract's days, so entries
    drawn independently are laid end to end from the contract's first
    moment, each keeping its length and other fields.  Three entries of at
    most 8 hours fit in the first day, so a contract that ends the day it
    starts holds them too.
    """
    if not entries:
        return ()
    at = datetime.combine(started, time(0), tzinfo=timezone.utc)
    diary = []
    for entry in entries:
        length = entry.end - entry.start
        diary.append(attrs.evolve(entry, start=at, end=at + length))
        at += length
    return tuple(diary)


@st.composite
def hourly_contracts(draw: st.DrawFn) -> Contract:
    """Hourly contracts with a rate, maybe a weekly limit, and a Work Diary."""
    base = _contract_base(draw, ContractKind.HOURLY)
    started = cast("date", base["started"])
    return Contract(
        hourly_rate=draw(money("USD", min_value="3", max_value="200")),
        weekly_limit=draw(st.none() | st.integers(1, 80).map(Decimal)),
        time_entries=_diary(draw(st.lists(time_entries(), max_size=3)), started),
        **base,  # type: ignore[arg-type]
    )


@functools.cache
def contracts() -> st.SearchStrategy[Contract]:
    """Fixed-price or hourly :class:`Contract` values."""
    return fixed_price_contracts() | hourly_contracts()


def histories(*, min_size: int = 0, max_size: int = 8) -> st.SearchStrategy[list[Contract]]:
    """A freelancer's history: a list of :func:`contracts` with distinct ids.

    What :func:`upwork_safety.jss.score` and the other JSS functions take
    (they refuse two contracts with one id).
    """
    return st.lists(
        contracts(), min_size=min_size, max_size=max_size, unique_by=lambda contract: contract.id
    )


@functools.cache
def events() -> st.SearchStrategy[object]:
    """Any single escrow event (not necessarily allowed in any given state)."""
    mid = st.sampled_from(["m1", "m2", "m3"])
    at = aware_datetimes()
    usd = money("USD", max_value="1000")
    simple = (
        Fund,
        Submit,
        RequestChanges,
        RequestRefund,
        AcceptRefund,
        OpenDispute,
        AnswerDispute,
        ClientPaysArbitration,
        FreelancerPaysArbitration,
        AutoApprove,
        AutoRefund,
        DormancyRefundRequest,
        AutoDisputeRelease,
        ArbitrationDefault,
    )
    return st.one_of(
        *(st.builds(kind, mid, at) for kind in simple),
        st.builds(Approve, mid, at, amount=st.none() | usd, bonus=st.none() | usd),
        st.builds(Refund, mid, at, amount=st.none() | usd),
        st.builds(ResolveDispute, mid, at, usd, usd),
        st.builds(EndContract, at),
    )


# --------------------------------------------------------------------------- histories


def _cents(draw: st.DrawFn, upto: Money) -> Money:
    """A whole-cent amount from one cent up to *upto*."""
    cents = int(upto.amount * 100)
    return Money(Decimal(draw(st.integers(1, max(cents, 1)))).scaleb(-2), upto.currency)


_SIMPLE: dict[str, Callable[[str, datetime], escrow.ManualEvent]] = {
    "Fund": Fund,
    "Submit": Submit,
    "RequestChanges": RequestChanges,
    "RequestRefund": RequestRefund,
    "AcceptRefund": AcceptRefund,
    "OpenDispute": OpenDispute,
    "AnswerDispute": AnswerDispute,
    "ClientPaysArbitration": ClientPaysArbitration,
    "FreelancerPaysArbitration": FreelancerPaysArbitration,
}


def _event_for(  # noqa: PLR0911  (one return per kind of event)
    draw: st.DrawFn, name: str, milestone: Milestone, at: datetime
) -> escrow.ManualEvent:
    """Build the manual event *name* for *milestone* with sensible amounts."""
    mid = milestone.id
    held = milestone.held
    if name == "Approve":
        amount = None
        if held.amount >= Decimal("0.02") and draw(st.booleans()):
            amount = _cents(draw, held - Money("0.01", held.currency))
        bonus = draw(st.none() | money(held.currency, min_value="1", max_value="50"))
        return Approve(mid, at, amount=amount, bonus=bonus)
    if name == "Refund":
        partial = draw(st.booleans())
        if held.amount >= Decimal("0.02") and partial:
            return Refund(mid, at, amount=_cents(draw, held - Money("0.01", held.currency)))
        if not held.amount and partial:
            # One cent of a payment: what is refundable (inside its window) is at least that.
            return Refund(mid, at, amount=Money("0.01", held.currency))
        return Refund(mid, at)
    if name == "ResolveDispute":
        to_freelancer = Money(
            Decimal(draw(st.integers(0, int(held.amount * 100)))).scaleb(-2), held.currency
        )
        return ResolveDispute(mid, at, to_freelancer, held - to_freelancer)
    if name == "EndContract":
        return EndContract(at)
    return _SIMPLE[name](mid, at)


#: Clock jumps between events: often minutes or days, sometimes just past a
#: business week, a refund window, a review period, or the dormancy period.
_JUMPS = st.one_of(
    st.integers(1, 3 * 24 * 60).map(lambda m: timedelta(minutes=m)),
    st.sampled_from([timedelta(days=d, minutes=1) for d in (5, 7, 8, 11, 14, 20, 97, 181)]),
)


@st.composite
def _fresh_contract(draw: st.DrawFn) -> Contract:
    """An open fixed-price contract with 1–3 unfunded USD milestones and nothing else."""
    count = draw(st.integers(1, 3))
    return Contract(
        id=f"c{draw(st.integers(1, 99))}",
        client=draw(st.sampled_from(["acme", "studio-noor", "client-7"])),
        kind=ContractKind.FIXED_PRICE,
        started=draw(dates(max_value=date(2029, 12, 31))),
        milestones=tuple(
            Milestone(
                f"m{i + 1}",
                _TITLES[i],
                draw(money("USD", min_value="5", max_value="5000")),
            )
            for i in range(count)
        ),
        service_fee_rate=draw(st.sampled_from([None, Decimal("0.10")])),
    )


@st.composite
def contract_histories(
    draw: st.DrawFn, *, max_events: int = 12
) -> tuple[Contract, tuple[escrow.ManualEvent, ...], Contract]:
    """A fixed-price contract, a valid sequence of manual events, and the result.

    Each event is drawn from what :func:`upwork_safety.escrow.allowed` says is
    allowed at that moment (partial approvals with bonuses, refunds of escrow
    and of payments, disputes through mediation and arbitration, the end of
    the contract), with clock jumps from minutes to past the dormancy period
    between events, so review periods, refund windows, dispute clocks and
    dormancy run out and their automatic steps appear in the history.
    Returns ``(original, events, final)`` where ``final`` is the original
    with every event applied and :func:`~upwork_safety.escrow.advance` run
    to the last moment.
    """
    original = draw(_fresh_contract())
    start = original.started
    at = datetime(start.year, start.month, start.day, 9, tzinfo=_UTC)
    contract = original
    events: list[escrow.ManualEvent] = []
    for _ in range(draw(st.integers(0, max_events))):
        at += draw(_JUMPS)
        contract = escrow.advance(contract, at)
        milestone = contract.milestones[draw(st.integers(0, len(contract.milestones) - 1))]
        names = escrow.allowed(contract, milestone.id, now=at).allowed
        if not names:  # pragma: no cover  (EndContract or a milestone step is always left)
            continue
        event = _event_for(draw, draw(st.sampled_from(names)), milestone, at)
        # allowed() and apply() agree by construction; a refusal here is an engine bug.
        contract = escrow.apply(contract, event)
        events.append(event)
    return original, tuple(events), contract
