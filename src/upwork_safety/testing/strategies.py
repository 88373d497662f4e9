"""Hypothesis strategies for every public upwork_safety type.

Use them in your own tests::

    from hypothesis import given
    from upwork_safety.testing import strategies as us

    @given(us.contracts())
    def test_my_report_handles_any_contract(contract): ...

Every strategy produces only valid values (they pass the models'
validators); shrinking goes towards small, simple contracts.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from upwork_safety import escrow
from upwork_safety._events import (
    AcceptRefund,
    AnswerDispute,
    Approve,
    AutoApprove,
    AutoDisputeRelease,
    AutoRefund,
    DormancyRefundRequest,
    EndContract,
    Fund,
    OpenDispute,
    Refund,
    RequestChanges,
    RequestRefund,
    ResolveDispute,
    Submit,
)
from upwork_safety.models import (
    Client,
    Contract,
    ContractKind,
    EndReason,
    Feedback,
    Milestone,
    MilestoneState,
    Payment,
    TimeEntry,
)
from upwork_safety.money import ExchangeRate, Money

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
    "hourly_contracts",
    "ids",
    "milestones",
    "money",
    "payments",
    "time_entries",
]

#: Currencies used by default: Upwork's contract currency and Pakistan's.
DEFAULT_CURRENCIES = ("USD", "PKR")


@functools.cache
def currencies() -> st.SearchStrategy[str]:
    """ISO codes the library accepts; USD and PKR by default."""
    return st.sampled_from(DEFAULT_CURRENCIES)


@functools.cache
def amounts(
    *, min_value: Decimal | str = "0", max_value: Decimal | str = "100000", places: int = 2
) -> st.SearchStrategy[Decimal]:
    """Decimal amounts with at most *places* decimals between the bounds."""
    return st.decimals(
        min_value=Decimal(min_value),
        max_value=Decimal(max_value),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


@functools.cache
def money(
    currency: str | None = None,
    *,
    min_value: Decimal | str = "0",
    max_value: Decimal | str = "100000",
) -> st.SearchStrategy[Money]:
    """Non-negative :class:`Money` in *currency* (or a sampled one)."""
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
    """Dates within Upwork's era by default."""
    return st.dates(min_value=min_value, max_value=max_value)


@functools.cache
def aware_datetimes(
    *,
    min_value: datetime = datetime(2015, 1, 1),  # noqa: DTZ001  (hypothesis wants naive bounds)
    max_value: datetime = datetime(2030, 12, 31),  # noqa: DTZ001
) -> st.SearchStrategy[datetime]:
    """Timezone-aware datetimes, UTC or a fixed offset (e.g. Karachi's +05:00)."""
    zones = st.sampled_from(
        [timezone.utc, timezone(timedelta(hours=5)), timezone(timedelta(hours=-5))]
    )
    return st.datetimes(min_value=min_value, max_value=max_value, timezones=zones)


@functools.cache
def clients() -> st.SearchStrategy[Client]:
    """:class:`Client` values."""
    return st.builds(
        Client,
        id=ids(),
        name=st.text(max_size=20),
        payment_verified=st.booleans(),
        country=st.sampled_from(["", "United States", "Pakistan", "Germany"]),
    )


@functools.cache
def feedbacks() -> st.SearchStrategy[Feedback]:
    """:class:`Feedback`, each part possibly missing."""
    return st.builds(
        Feedback,
        stars=st.none() | amounts(min_value="1", max_value="5"),
        private_score=st.none() | st.integers(0, 10),
        end_reason=st.none() | st.sampled_from(EndReason),
    )


@functools.cache
def payments(currency: str = "USD") -> st.SearchStrategy[Payment]:
    """:class:`Payment` values in *currency*."""
    return st.builds(Payment, on=dates(), amount=money(currency, max_value="20000"))


@functools.cache
def exchange_rates() -> st.SearchStrategy[ExchangeRate]:
    """USD→PKR rates around the interbank range."""
    return st.builds(
        ExchangeRate,
        base=st.just("USD"),
        quote=st.just("PKR"),
        rate=amounts(min_value="100", max_value="400", places=4).filter(bool),
        as_of=st.none() | dates(),
        source=st.sampled_from(["", "SBP interbank"]),
    )


@st.composite
def milestones(draw: st.DrawFn, *, milestone_id: str | None = None) -> Milestone:
    """Unfunded USD :class:`Milestone` values, at least the $5 minimum."""
    return Milestone(
        id=milestone_id if milestone_id is not None else draw(ids()),
        title=draw(st.sampled_from(["Logo in SVG and PNG", "Landing page", "API client"])),
        amount=draw(money("USD", min_value="5", max_value="5000")),
        description=draw(st.text(max_size=40)),
        due=draw(st.none() | dates()),
        state=MilestoneState.NOT_FUNDED,
    )


@st.composite
def time_entries(draw: st.DrawFn) -> TimeEntry:
    """A :class:`TimeEntry` of 1 minute to 8 hours."""
    start = draw(aware_datetimes())
    length = draw(st.integers(min_value=60, max_value=8 * 3600))
    return TimeEntry(
        start=start,
        end=start + timedelta(seconds=length),
        manual=draw(st.booleans()),
        memo=draw(st.sampled_from(["", "Fix checkout bug", "Write tests"])),
        activity=draw(st.none() | st.integers(0, 10)),
    )


@st.composite
def _contract_base(draw: st.DrawFn, kind: ContractKind) -> dict[str, object]:
    started = draw(dates())
    ended = draw(st.none() | dates(min_value=started, max_value=date(2030, 12, 31)))
    return {
        "id": draw(ids()),
        "client": draw(clients() | ids()),
        "kind": kind,
        "started": started,
        "ended": ended,
        "payments": tuple(draw(st.lists(payments(), max_size=4))),
        "feedback": draw(st.none() | feedbacks()),
        "service_fee_rate": draw(st.none() | amounts(min_value="0", max_value="0.15")),
        "title": draw(st.sampled_from(["", "Shopify store", "Data pipeline"])),
    }


@st.composite
def fixed_price_contracts(draw: st.DrawFn) -> Contract:
    """Fixed-price contracts with unfunded milestones and no escrow history."""
    base = draw(_contract_base(ContractKind.FIXED_PRICE))
    count = draw(st.integers(0, 3))
    items = tuple(draw(milestones(milestone_id=f"m{i + 1}")) for i in range(count))
    return Contract(milestones=items, **base)  # type: ignore[arg-type]


@st.composite
def hourly_contracts(draw: st.DrawFn) -> Contract:
    """Hourly contracts with a rate, maybe a weekly limit, and a Work Diary."""
    base = draw(_contract_base(ContractKind.HOURLY))
    return Contract(
        hourly_rate=draw(money("USD", min_value="3", max_value="200")),
        weekly_limit=draw(st.none() | st.integers(1, 80).map(Decimal)),
        time_entries=tuple(draw(st.lists(time_entries(), max_size=3))),
        **base,  # type: ignore[arg-type]
    )


@functools.cache
def contracts() -> st.SearchStrategy[Contract]:
    """Fixed-price or hourly :class:`Contract` values."""
    return fixed_price_contracts() | hourly_contracts()


@functools.cache
def events() -> st.SearchStrategy[object]:
    """Any single escrow event (not necessarily allowed in any given state)."""
    mid = st.sampled_from(["m1", "m2", "m3"])
    at = aware_datetimes()
    usd = money("USD", max_value="1000")
    return st.one_of(
        st.builds(Fund, mid, at),
        st.builds(Submit, mid, at),
        st.builds(RequestChanges, mid, at),
        st.builds(Approve, mid, at, amount=st.none() | usd, bonus=st.none() | usd),
        st.builds(RequestRefund, mid, at),
        st.builds(AcceptRefund, mid, at),
        st.builds(Refund, mid, at, amount=st.none() | usd),
        st.builds(OpenDispute, mid, at),
        st.builds(AnswerDispute, mid, at),
        st.builds(ResolveDispute, mid, at, usd, usd),
        st.builds(EndContract, at),
        st.builds(AutoApprove, mid, at),
        st.builds(AutoRefund, mid, at),
        st.builds(DormancyRefundRequest, mid, at),
        st.builds(AutoDisputeRelease, mid, at),
    )


def _cents(draw: st.DrawFn, upto: Money) -> Money:
    """A whole-cent amount from one cent up to *upto*."""
    cents = int(upto.amount * 100)
    return Money(Decimal(draw(st.integers(1, max(cents, 1)))) / 100, upto.currency)


def _event_for(
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
        partial = held.amount >= Decimal("0.02") and draw(st.booleans())
        return Refund(mid, at, amount=_cents(draw, held) if partial else None)
    if name == "ResolveDispute":
        to_freelancer = Money(
            Decimal(draw(st.integers(0, int(held.amount * 100)))) / 100, held.currency
        )
        return ResolveDispute(mid, at, to_freelancer, held - to_freelancer)
    if name == "EndContract":
        return EndContract(at)
    simple: dict[str, Callable[[str, datetime], escrow.ManualEvent]] = {
        "Fund": Fund,
        "Submit": Submit,
        "RequestChanges": RequestChanges,
        "RequestRefund": RequestRefund,
        "AcceptRefund": AcceptRefund,
        "OpenDispute": OpenDispute,
        "AnswerDispute": AnswerDispute,
    }
    return simple[name](mid, at)


@st.composite
def contract_histories(
    draw: st.DrawFn, *, max_events: int = 12
) -> tuple[Contract, tuple[escrow.ManualEvent, ...], Contract]:
    """A fixed-price contract, a valid sequence of manual events, and the result.

    Each event is drawn from what :func:`upwork_safety.escrow.allowed` says is
    allowed at that moment, with clock jumps of up to 20 days between events
    (so review periods, refund windows and dormancy can run out).  Returns
    ``(original, events, final)`` where ``final`` is the original with every
    event applied and :func:`~upwork_safety.escrow.advance` run to the last
    event's time.
    """
    original = draw(fixed_price_contracts().filter(lambda c: bool(c.milestones)))
    original = Contract(  # a fresh contract: open, no history
        id=original.id,
        client=original.client,
        kind=original.kind,
        started=original.started,
        milestones=original.milestones,
        service_fee_rate=original.service_fee_rate,
        title=original.title,
    )
    start = original.started
    at = datetime(start.year, start.month, start.day, 9, tzinfo=timezone.utc)
    contract = original
    events: list[escrow.ManualEvent] = []
    for _ in range(draw(st.integers(0, max_events))):
        at += timedelta(minutes=draw(st.integers(1, 20 * 24 * 60)))
        contract = escrow.advance(contract, at)
        if contract.ended is not None:
            break
        milestone = draw(st.sampled_from(contract.milestones))
        names = escrow.allowed(contract, milestone.id, now=at).allowed
        if not names:
            continue
        event = _event_for(draw, draw(st.sampled_from(sorted(names))), milestone, at)
        # allowed() and apply() agree by contract; a refusal here is an engine bug.
        contract = escrow.apply(contract, event)
        events.append(event)
    return original, tuple(events), contract
