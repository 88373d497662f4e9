"""The fixed-price escrow engine: every milestone from offer to money in hand.

A milestone starts ``NOT_FUNDED``; the client's :class:`Fund` puts its
amount in escrow; the freelancer's :class:`Submit` starts the client's
review period; the client approves (:class:`Approve`, in full, in part or
with a bonus), asks for changes (:class:`RequestChanges`) or stays silent
and :func:`advance` releases the money when the review period has fully
elapsed.  Released money is *pending* for the security period, then
*available* (:func:`ledger`).  Escrow refund requests, voluntary refunds,
disputes, the end of the contract and dormancy are modelled too, each with
the timings of :class:`~upwork_safety.rules.PlatformRules` (DOMAIN.md
sections 1 and 2).

Everything is a pure function of its arguments: :func:`apply` and
:func:`advance` return a new :class:`~upwork_safety.models.Contract` whose
``history`` records every step (automatic ones as their own event classes)
and whose ``payments`` record every payout, so earnings and the Job Success
Score see them.  Money is conserved after every step::

    funded == work_in_progress + in_review + pending + available + refunded

>>> from datetime import date, datetime, timezone
>>> from upwork_safety import Contract, ContractKind, Milestone, Money, escrow
>>> logo = Milestone("m1", "Logo, 3 concepts", Money("15.00", "USD"))
>>> c = Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2024, 3, 1), milestones=[logo])
>>> c = escrow.apply(c, escrow.Fund("m1", datetime(2024, 3, 1, 9, tzinfo=timezone.utc)))
>>> c = escrow.apply(c, escrow.Submit("m1", datetime(2024, 3, 4, 17, tzinfo=timezone.utc)))
>>> escrow.deadlines(c, datetime(2024, 3, 5, tzinfo=timezone.utc))[0].due
datetime.datetime(2024, 3, 18, 17, 0, tzinfo=datetime.timezone.utc)
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import attrs

from upwork_safety._events import (
    AUTOMATIC_EVENTS,
    EVENT_TYPES,
    MANUAL_EVENTS,
    AcceptRefund,
    AnswerDispute,
    Approve,
    AutoApprove,
    AutoDisputeRelease,
    AutomaticEvent,
    AutoRefund,
    DormancyRefundRequest,
    EndContract,
    Event,
    Fund,
    ManualEvent,
    OpenDispute,
    Refund,
    Release,
    RequestChanges,
    RequestRefund,
    ResolveDispute,
    Submit,
)
from upwork_safety._render import html_table, plain
from upwork_safety._validate import utc_instant
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    TransitionError,
)
from upwork_safety.models import Contract, ContractKind, Milestone, MilestoneState, Payment
from upwork_safety.money import CONTEXT as _CONTEXT
from upwork_safety.money import Money
from upwork_safety.rules import PlatformRules, as_of

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "AcceptRefund",
    "AnswerDispute",
    "Approve",
    "AutoApprove",
    "AutoDisputeRelease",
    "AutoRefund",
    "AutomaticEvent",
    "Choices",
    "Deadline",
    "DormancyRefundRequest",
    "EndContract",
    "Event",
    "Fund",
    "Ledger",
    "ManualEvent",
    "OpenDispute",
    "Refund",
    "Release",
    "RequestChanges",
    "RequestRefund",
    "ResolveDispute",
    "Submit",
    "advance",
    "allowed",
    "apply",
    "deadlines",
    "is_automatic",
    "ledger",
    "replay",
    "to_mermaid",
]

_S = MilestoneState
_AUTOMATIC = (AutoApprove, AutoRefund, DormancyRefundRequest, AutoDisputeRelease)
_MANUAL = frozenset(MANUAL_EVENTS)
_T = TypeVar("_T")
_UTC = timezone.utc

#: States in which the freelancer works on escrowed money (no dispute, no refund request).
_WORKING = frozenset({_S.FUNDED, _S.SUBMITTED, _S.CHANGES_REQUESTED})
#: States that make a milestone "active": no other milestone may be funded meanwhile.
_ACTIVE = _WORKING | {_S.REFUND_REQUESTED, _S.DISPUTED}

#: The events a person performs on one milestone, in the order :func:`allowed` lists them.
_MILESTONE_EVENTS: tuple[type, ...] = (
    Fund,
    Submit,
    RequestChanges,
    Approve,
    RequestRefund,
    AcceptRefund,
    Refund,
    OpenDispute,
    AnswerDispute,
    ResolveDispute,
)

# --------------------------------------------------------------------------- helpers


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in attrs.fields(cls))


@functools.cache
def _copier(cls: type) -> Callable[[Any, dict[str, object]], Any]:
    """Compile a copy function for slotted attrs class *cls*.

    It writes each slot through its member descriptor (the fastest way to
    fill a frozen slotted instance), taking the value from *changes* or from
    the original.
    """
    names = _field_names(cls)
    setters = ", ".join(f"set_{name}=slots[{name!r}].__set__" for name in names)
    lines = [f"def copy(instance, changes, new_=object.__new__, cls=cls, {setters}):"]
    lines.append("    new = new_(cls)")
    lines.extend(
        f"    set_{name}(new, changes[{name!r}] if {name!r} in changes else instance.{name})"
        for name in names
    )
    lines.append("    return new")
    # attrs puts every field's slot on the class itself (the models use no inheritance).
    namespace: dict[str, Any] = {"cls": cls, "slots": {n: vars(cls)[n] for n in names}}
    exec("\n".join(lines), namespace)  # noqa: S102  (generated from attrs field names only)
    copy: Callable[[Any, dict[str, object]], Any] = namespace["copy"]
    return copy


def _copy(instance: _T, **changes: object) -> _T:
    """Return a copy of a frozen attrs *instance* with *changes*, skipping validation.

    The engine only ever builds values that are valid by construction (every
    amount it stores comes from checked arithmetic), so re-running every
    validator and converter of a ``Contract`` (which walks its whole history)
    on each step would make a step cost O(history) for nothing.
    """
    cls: type = type(instance)
    result: _T = _copier(cls)(instance, changes)
    return result


_NEW = object.__new__
_SET_AMOUNT = vars(Money)["amount"].__set__
_SET_CURRENCY = vars(Money)["currency"].__set__


def _money(amount: Decimal, currency: str) -> Money:
    """Build Money from the exact sum or difference of valid amounts (no re-validation)."""
    new: Money = _NEW(Money)
    _SET_AMOUNT(new, amount)
    _SET_CURRENCY(new, currency)
    return new


@functools.cache
def _zero(currency: str) -> Money:
    return Money.zero(currency)


def _build(cls: type[_T], **values: object) -> _T:
    """Build a value of *cls* from fields the engine has already checked."""
    new = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(new, name, value)
    return new


def _plus(a: Money, b: Money) -> Money:
    """*a* + *b*, both of the milestone's currency (its fields share one currency)."""
    return _money(_CONTEXT.add(a.amount, b.amount), a.currency)


def _minus(a: Money, b: Money) -> Money:
    """*a* - *b*, both of the milestone's currency; callers ensure the result is not negative."""
    return _money(_CONTEXT.subtract(a.amount, b.amount), a.currency)


@functools.lru_cache(maxsize=1024)
def _rules_on(day: date) -> PlatformRules:
    return as_of(day)


def _rules_at(at: datetime, override: PlatformRules | None) -> PlatformRules:
    """The rules for a clock that started at *at*: *override*, else those in force that day."""
    if override is not None:
        return override
    return _rules_on(at.date())


def _check_rules(rules: object) -> PlatformRules | None:
    if rules is not None and not isinstance(rules, PlatformRules):
        raise InvalidTypeError(f"rules must be a PlatformRules or None, not {type(rules).__name__}")
    return rules


def _fixed_price(contract: object) -> Contract:
    if not isinstance(contract, Contract):
        raise InvalidTypeError(f"contract must be a Contract, not {type(contract).__name__}")
    if contract.kind is not ContractKind.FIXED_PRICE:
        raise InvalidValueError(
            f"the escrow engine runs fixed-price contracts; contract {contract.id!r} is hourly"
        )
    return contract


def _index(contract: Contract, milestone_id: str) -> int:
    for index, milestone in enumerate(contract.milestones):
        if milestone.id == milestone_id:
            return index
    contract.milestone(milestone_id)  # raises the standard "no milestone" error
    raise AssertionError  # pragma: no cover  (milestone() raised)


def _days(delta: timedelta) -> str:
    if delta % timedelta(days=1):
        return str(delta)
    days = delta.days
    return f"{days} day{'s' if days != 1 else ''}"


def _when(at: datetime) -> str:
    return at.astimezone(_UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _last_at(contract: Contract) -> datetime | None:
    return contract.history[-1].at if contract.history else None


def _dormancy_total(rules: PlatformRules) -> timedelta:
    return rules.dormancy_period + rules.dormancy_first_notice + rules.dormancy_final_notice


def _holds(milestone: Milestone) -> bool:
    return milestone.held.amount > 0


def _active(milestone: Milestone) -> bool:
    return milestone.state in _ACTIVE or _holds(milestone)


def _dormant_candidate(milestone: Milestone) -> bool:
    """Escrow that no running clock will move: only dormancy ends its wait."""
    if milestone.state in (_S.FUNDED, _S.CHANGES_REQUESTED):
        return True
    return milestone.state in (_S.PAID, _S.NOT_FUNDED) and _holds(milestone)


def _refundable_paid(milestone: Milestone, at: datetime, rules: PlatformRules | None) -> Money:
    """Paid escrow the freelancer may still refund at *at* (within the window of each payment)."""
    total = Money.zero(milestone.amount.currency)
    for release in milestone.releases:
        window = _rules_at(release.at, rules).refund_after_payment_window
        if at < release.at + window:
            total += release.amount
    return total


def _whole_cents(value: Money, what: str) -> None:
    if not value.is_rounded():
        raise InvalidValueError(
            f"{what} must be whole {value.currency} minor units (escrow moves cents), got {value}"
        )


def _check_amount(value: Money, milestone: Milestone, what: str) -> None:
    if value.currency != milestone.amount.currency:
        raise CurrencyMismatchError(
            f"{what} is in {value.currency} but milestone {milestone.id!r} is in "
            f"{milestone.amount.currency}"
        )
    if value.amount <= 0:
        raise InvalidValueError(f"{what} must be more than zero, got {value}")
    _whole_cents(value, what)


# --------------------------------------------------------------------------- refusals


def _state_reason(milestone: Milestone) -> str:  # noqa: PLR0911  (one reason per state)
    """Why a milestone in its current state takes no further step of the kind asked."""
    state = milestone.state
    if state is _S.REFUND_REQUESTED:
        return (
            "the client asked for the escrow back: the freelancer accepts the refund, "
            "returns it (Refund) or opens a dispute"
        )
    if state is _S.DISPUTED:
        return "its money is frozen in a dispute until the dispute is resolved"
    if state is _S.REFUNDED:
        return "it was refunded and is closed"
    if state is _S.PAID and _holds(milestone):
        return (
            f"it is paid; only the {milestone.held} left in escrow can still be approved "
            "or refunded"
        )
    if state is _S.PAID:
        return "it is paid and nothing is left in escrow"
    if state is _S.NOT_FUNDED:
        if _holds(milestone):
            return (
                f"it holds only the {milestone.held} carried from a partial approval and "
                "is not funded yet: the client funds it (or ends the contract to ask for it back)"
            )
        return "nothing is in escrow: the client funds it first"
    return "work has not been submitted for review"


def _refusal(  # noqa: C901, PLR0911, PLR0912  (one flat decision table, read top to bottom)
    contract: Contract,
    milestone: Milestone,
    kind: type,
    at: datetime,
    rules: PlatformRules | None,
) -> str | None:
    """Return why *kind* is not allowed for *milestone* now, or ``None`` if it is."""
    state = milestone.state
    ended = (
        f"the contract ended on {contract.ended.isoformat()}" if contract.ended is not None else ""
    )
    if kind is Fund:
        if ended:
            return ended
        if state is not _S.NOT_FUNDED:
            return f"it was already funded ({state.name}); a milestone is funded once"
        for other in contract.milestones:
            if other is not milestone and _active(other):
                return (
                    f"milestone {other.id!r} is still active ({other.state.name}); only one "
                    "milestone may be funded at a time (HC 360000990268): it must be paid or "
                    "refunded first"
                )
        minimum = _rules_at(at, rules).minimum_milestone
        if (
            milestone.amount.currency == minimum.currency
            and milestone.amount.amount < minimum.amount
        ):
            return (
                f"its amount {milestone.amount} is below the {minimum} minimum milestone "
                "(HC 360000990268)"
            )
        return None
    if kind is Submit:
        if ended:
            return ended
        if state in (_S.FUNDED, _S.CHANGES_REQUESTED):
            return None
        if state is _S.NOT_FUNDED:
            return (
                "it is not funded: ask the client to fund it first; only funded work is "
                "protected (HC 211063748)"
            )
        if state is _S.SUBMITTED:
            return "work is already submitted and the client's review period is running"
        return _state_reason(milestone)
    if kind is RequestChanges:
        if state is _S.SUBMITTED:
            return None
        return _state_reason(milestone)
    if kind in (Approve, RequestRefund):
        if state in _WORKING or (state is _S.PAID and _holds(milestone)):
            return None
        if kind is RequestRefund and state is _S.REFUND_REQUESTED:
            return "a refund request is already pending"
        return _state_reason(milestone)
    if kind is AcceptRefund:
        if state is _S.REFUND_REQUESTED:
            return None
        if state is _S.DISPUTED:
            return _state_reason(milestone)
        return "no escrow refund request is pending"
    if kind is Refund:
        if _holds(milestone) and (state in _WORKING or state in (_S.REFUND_REQUESTED, _S.PAID)):
            return None
        if state is _S.PAID and milestone.released.amount > 0:
            if _refundable_paid(milestone, at, rules).amount > 0:
                return None
            latest = milestone.releases[-1].at
            window = _rules_at(latest, rules).refund_after_payment_window
            return (
                f"the {_days(window)} to refund its payments closed at {_when(latest + window)} "
                "(HC section 360002670934)"
            )
        return _state_reason(milestone)
    if kind is OpenDispute:
        if state is _S.REFUND_REQUESTED:
            return None
        if state is _S.DISPUTED:
            return "a dispute is already open"
        return (
            "there is nothing to dispute: a dispute answers an escrow refund request or the "
            "end of the contract"
        )
    if kind is AnswerDispute:
        if state is _S.DISPUTED and milestone.dispute_answered_at is None:
            return None
        if state is _S.DISPUTED:
            answered = milestone.dispute_answered_at
            assert answered is not None  # noqa: S101  (narrowing for type checkers)
            return f"the client already answered the dispute at {_when(answered)}"
        return "there is no open dispute"
    # ResolveDispute
    if state is _S.DISPUTED:
        return None
    return "there is no open dispute"


def _allowed_names(
    contract: Contract, milestone: Milestone, at: datetime, rules: PlatformRules | None
) -> tuple[str, ...]:
    names = [
        kind.__name__
        for kind in _MILESTONE_EVENTS
        if _refusal(contract, milestone, kind, at, rules) is None
    ]
    if contract.ended is None:
        names.append("EndContract")
    return tuple(names)


# --------------------------------------------------------------------------- steps


def _with(
    contract: Contract,
    event: Event,
    index: int | None = None,
    milestone: Milestone | None = None,
    **changes: object,
) -> Contract:
    """The contract after *event*: *milestone* replaces the one at *index*."""
    if index is not None:
        ms = contract.milestones
        changes["milestones"] = (*ms[:index], milestone, *ms[index + 1 :])
    return _copy(contract, history=(*contract.history, event), **changes)


def _settled(milestone: Milestone, **changes: object) -> Milestone:
    """The milestone once its escrow is empty: PAID if anything was paid, else REFUNDED."""
    released: Money = changes.get("released", milestone.released)  # type: ignore[assignment]
    return _copy(
        milestone,
        state=_S.PAID if released.amount > 0 else _S.REFUNDED,
        held=_zero(milestone.amount.currency),
        submitted_at=None,
        refund_requested_at=None,
        disputed_at=None,
        dispute_answered_at=None,
        **changes,
    )


def _payout(
    contract: Contract, milestone: Milestone, at: datetime, amount: Money, bonus: Money
) -> tuple[dict[str, object], tuple[Payment, ...]]:
    """Milestone changes and the contract's payments after paying *amount* + *bonus*."""
    currency = milestone.amount.currency
    if contract.payments and contract.payments[0].amount.currency != currency:
        raise CurrencyMismatchError(
            f"contract {contract.id!r} is paid in {contract.payments[0].amount.currency} but "
            f"milestone {milestone.id!r} pays in {currency}"
        )
    changes: dict[str, object] = {
        "released": _plus(milestone.released, amount),
        "releases": (*milestone.releases, _build(Release, at=at, amount=amount, bonus=bonus)),
    }
    if bonus.amount:
        changes["bonus"] = _plus(milestone.bonus, bonus)
    payment = _build(Payment, on=at.date(), amount=_plus(amount, bonus))
    return changes, (*contract.payments, payment)


def _fund(c: Contract, i: int, m: Milestone, e: Fund, _r: PlatformRules | None) -> Contract:
    if m.amount.amount <= m.held.amount:
        # A carried remainder already covers the milestone: nothing more is deposited.
        return _with(c, e, i, _copy(m, state=_S.FUNDED))
    deposit = _minus(m.amount, m.held)
    return _with(c, e, i, _copy(m, state=_S.FUNDED, held=m.amount, funded=_plus(m.funded, deposit)))


def _submit(c: Contract, i: int, m: Milestone, e: Submit, _r: PlatformRules | None) -> Contract:
    return _with(c, e, i, _copy(m, state=_S.SUBMITTED, submitted_at=e.at))


def _request_changes(
    c: Contract, i: int, m: Milestone, e: RequestChanges, _r: PlatformRules | None
) -> Contract:
    return _with(c, e, i, _copy(m, state=_S.CHANGES_REQUESTED, submitted_at=None))


def _next_unfunded(c: Contract, m: Milestone) -> int | None:
    for index, other in enumerate(c.milestones):
        if (
            other is not m
            and other.state is _S.NOT_FUNDED
            and other.amount.currency == m.amount.currency
        ):
            return index
    return None


def _approve(c: Contract, i: int, m: Milestone, e: Approve, _r: PlatformRules | None) -> Contract:
    zero = _zero(m.amount.currency)
    amount = m.held if e.amount is None else e.amount
    if e.amount is not None:
        _check_amount(e.amount, m, "Approve.amount")
        if e.amount > m.held:
            raise InvalidValueError(
                f"Approve.amount ({e.amount}) is more than the {m.held} in escrow for milestone "
                f"{m.id!r}; pay more as a bonus (Approve.bonus), which is charged fresh "
                "(HC 360000990348)"
            )
    bonus = zero
    if e.bonus is not None:
        _check_amount(e.bonus, m, "Approve.bonus")
        bonus = e.bonus
    changes, payments = _payout(c, m, e.at, amount, bonus)
    remainder = _minus(m.held, amount)
    if not remainder.amount:
        return _with(c, e, i, _settled(m, **changes), payments=payments)
    paid = _copy(
        m, state=_S.PAID, held=remainder, submitted_at=None, refund_requested_at=None, **changes
    )
    target = _next_unfunded(c, m) if c.ended is None else None
    if target is None:
        # No later milestone to carry it to: it stays in escrow until refunded or disputed.
        return _with(c, e, i, paid, payments=payments)
    # HC 360000990348: the unreleased remainder funds the next milestone.
    paid = _copy(paid, held=zero, carried_over=_plus(m.carried_over, remainder))
    nxt = c.milestones[target]
    nxt = _copy(nxt, held=_plus(nxt.held, remainder), funded=_plus(nxt.funded, remainder))
    ms = list(c.milestones)
    ms[i] = paid
    ms[target] = nxt
    return _with(c, e, milestones=tuple(ms), payments=payments)


def _request_refund(
    c: Contract,
    i: int,
    m: Milestone,
    e: RequestRefund | DormancyRefundRequest,
    _r: PlatformRules | None,
) -> Contract:
    new = _copy(m, state=_S.REFUND_REQUESTED, refund_requested_at=e.at, submitted_at=None)
    return _with(c, e, i, new)


def _refund_all(
    c: Contract, i: int, m: Milestone, e: AcceptRefund | AutoRefund, _r: PlatformRules | None
) -> Contract:
    return _with(c, e, i, _settled(m, refunded=_plus(m.refunded, m.held)))


def _refund(c: Contract, i: int, m: Milestone, e: Refund, r: PlatformRules | None) -> Contract:
    if _holds(m):
        amount = m.held if e.amount is None else e.amount
        if e.amount is not None:
            _check_amount(e.amount, m, "Refund.amount")
            if e.amount > m.held:
                raise InvalidValueError(
                    f"Refund.amount ({e.amount}) is more than the {m.held} in escrow for "
                    f"milestone {m.id!r}"
                )
        if amount == m.held:
            return _with(c, e, i, _settled(m, refunded=_plus(m.refunded, amount)))
        new = _copy(m, held=_minus(m.held, amount), refunded=_plus(m.refunded, amount))
        return _with(c, e, i, new)
    return _refund_paid(c, i, m, e, r)


def _refund_paid(c: Contract, i: int, m: Milestone, e: Refund, r: PlatformRules | None) -> Contract:
    """The freelancer gives back money already paid (HC section 360002670934)."""
    refundable = _refundable_paid(m, e.at, r)
    amount = refundable if e.amount is None else e.amount
    if e.amount is not None:
        _check_amount(e.amount, m, "Refund.amount")
        if e.amount > refundable:
            raise InvalidValueError(
                f"Refund.amount ({e.amount}) is more than the {refundable} paid for milestone "
                f"{m.id!r} within the refund window (HC section 360002670934)"
            )
    # The newest payments are given back first, in the releases and in the payments.
    left = amount
    releases = list(m.releases)
    for index in range(len(releases) - 1, -1, -1):
        if not left.amount:
            break
        release = releases[index]
        take = min(left, release.amount, key=lambda money: money.amount)
        releases[index] = _copy(release, amount=release.amount - take)
        left -= take
    left = amount
    payments = list(c.payments)
    for index in range(len(payments) - 1, -1, -1):
        if not left.amount:
            break
        payment = payments[index]
        take = min(left, payment.amount, key=lambda money: money.amount)
        payments[index] = _copy(payment, amount=payment.amount - take)
        left -= take
    released = m.released - amount
    new = _copy(
        m,
        state=_S.PAID if released.amount > 0 else _S.REFUNDED,
        released=released,
        refunded=m.refunded + amount,
        releases=tuple(releases),
    )
    kept = tuple(p for p in payments if p.amount.amount > 0)
    return _with(c, e, i, new, payments=kept)


def _open_dispute(
    c: Contract, i: int, m: Milestone, e: OpenDispute, _r: PlatformRules | None
) -> Contract:
    new = _copy(m, state=_S.DISPUTED, disputed_at=e.at, refund_requested_at=None)
    return _with(c, e, i, new)


def _answer_dispute(
    c: Contract, i: int, m: Milestone, e: AnswerDispute, _r: PlatformRules | None
) -> Contract:
    return _with(c, e, i, _copy(m, dispute_answered_at=e.at))


def _resolve_dispute(
    c: Contract, i: int, m: Milestone, e: ResolveDispute, _r: PlatformRules | None
) -> Contract:
    for name in ("to_freelancer", "to_client"):
        value: Money = getattr(e, name)
        if value.currency != m.amount.currency:
            raise CurrencyMismatchError(
                f"ResolveDispute.{name} is in {value.currency} but milestone {m.id!r} is in "
                f"{m.amount.currency}"
            )
        _whole_cents(value, f"ResolveDispute.{name}")
    if e.to_freelancer + e.to_client != m.held:
        raise InvalidValueError(
            f"ResolveDispute must split exactly the disputed {m.held} of milestone {m.id!r}: "
            f"to_freelancer ({e.to_freelancer}) + to_client ({e.to_client}) = "
            f"{e.to_freelancer + e.to_client}"
        )
    refunded = m.refunded + e.to_client
    if not e.to_freelancer.amount:
        return _with(c, e, i, _settled(m, refunded=refunded))
    changes, payments = _payout(c, m, e.at, e.to_freelancer, _zero(m.amount.currency))
    return _with(c, e, i, _settled(m, refunded=refunded, **changes), payments=payments)


def _release_all(
    c: Contract, i: int, m: Milestone, e: AutoApprove | AutoDisputeRelease, _r: PlatformRules | None
) -> Contract:
    changes, payments = _payout(c, m, e.at, m.held, _zero(m.amount.currency))
    return _with(c, e, i, _settled(m, **changes), payments=payments)


def _dormancy(
    c: Contract, i: int, m: Milestone, e: DormancyRefundRequest, r: PlatformRules | None
) -> Contract:
    after = _request_refund(c, i, m, e, r)
    if after.ended is None:
        # "Contracts Gone Dormant": the contract is closed with the refund request.
        after = _copy(after, ended=e.at.date())
    return after


def _end(c: Contract, e: EndContract) -> Contract:
    day = e.at.date()
    ms = tuple(
        _copy(m, state=_S.REFUND_REQUESTED, refund_requested_at=e.at, submitted_at=None)
        if _holds(m) and m.state not in (_S.REFUND_REQUESTED, _S.DISPUTED)
        else m
        for m in c.milestones
    )
    return _with(c, e, milestones=ms, ended=day)


_HANDLERS: dict[type, Callable[[Contract, int, Milestone, Any, PlatformRules | None], Contract]] = {
    Fund: _fund,
    Submit: _submit,
    RequestChanges: _request_changes,
    Approve: _approve,
    RequestRefund: _request_refund,
    AcceptRefund: _refund_all,
    Refund: _refund,
    OpenDispute: _open_dispute,
    AnswerDispute: _answer_dispute,
    ResolveDispute: _resolve_dispute,
    AutoApprove: _release_all,
    AutoRefund: _refund_all,
    AutoDisputeRelease: _release_all,
    DormancyRefundRequest: _dormancy,
}

# --------------------------------------------------------------------------- timers


def _timer(  # noqa: PLR0911  (one clock per state)
    contract: Contract, milestone: Milestone, rules: PlatformRules | None
) -> tuple[datetime, type] | None:
    """The automatic step that waits on *milestone*, with when it is due."""
    state = milestone.state
    if state is _S.SUBMITTED and milestone.submitted_at is not None:
        start = milestone.submitted_at
        return start + _rules_at(start, rules).review_period, AutoApprove
    if state is _S.REFUND_REQUESTED and milestone.refund_requested_at is not None:
        start = milestone.refund_requested_at
        return start + _rules_at(start, rules).refund_response_window, AutoRefund
    if state is _S.DISPUTED:
        if milestone.disputed_at is None or milestone.dispute_answered_at is not None:
            return None
        start = milestone.disputed_at
        return start + _rules_at(start, rules).client_dispute_response, AutoDisputeRelease
    if not _dormant_candidate(milestone):
        return None
    last = _last_at(contract)
    if contract.ended is None:
        if last is None:
            last = datetime.combine(contract.started, time(0), _UTC)
        return last + _dormancy_total(_rules_at(last, rules)), DormancyRefundRequest
    if contract.history and type(contract.history[-1]) is DormancyRefundRequest:
        # Dormancy closes the contract for every milestone still holding escrow at once.
        assert last is not None  # noqa: S101  (narrowing: history is not empty)
        return last, DormancyRefundRequest
    return None


def _next_timer(
    contract: Contract, rules: PlatformRules | None
) -> tuple[datetime, type, int] | None:
    """The earliest automatic step waiting on the contract: (due, event class, milestone index)."""
    best: tuple[datetime, type, int] | None = None
    for index, milestone in enumerate(contract.milestones):
        found = _timer(contract, milestone, rules)
        if found is not None and (best is None or found[0] < best[0]):
            best = (found[0], found[1], index)
    return best


def _next_automatic(contract: Contract, rules: PlatformRules | None) -> AutomaticEvent | None:
    best = _next_timer(contract, rules)
    if best is None:
        return None
    due, kind, index = best
    event: AutomaticEvent = kind(contract.milestones[index].id, due)
    return event


def _advance(contract: Contract, now: datetime, rules: PlatformRules | None) -> Contract:
    while True:
        best = _next_timer(contract, rules)
        if best is None or best[0] > now:
            return contract
        due, kind, index = best
        milestone = contract.milestones[index]
        event = kind(milestone.id, due)
        contract = _HANDLERS[kind](contract, index, milestone, event, rules)


def _check_time(contract: Contract, at: datetime, event: str, milestone: str | None) -> None:
    last = _last_at(contract)
    if last is not None and at < last:
        previous = contract.history[-1]
        raise TransitionError(
            f"{event} at {_when(at)} is earlier than the last event in the history "
            f"({type(previous).__name__} at {_when(last)}); events must be applied in time order",
            milestone_id=milestone,
            state="history ends at " + _when(last),
            event=event,
        )
    if at.date() < contract.started:
        raise TransitionError(
            f"{event} at {_when(at)} is before contract {contract.id!r} started "
            f"({contract.started.isoformat()})",
            milestone_id=milestone,
            state="not started",
            event=event,
        )


# --------------------------------------------------------------------------- public API


def is_automatic(event: object) -> bool:
    """Return whether *event* is one that only :func:`advance` produces.

    >>> from datetime import datetime, timezone
    >>> is_automatic(AutoApprove("m1", datetime(2024, 1, 1, tzinfo=timezone.utc)))
    True
    """
    return isinstance(event, _AUTOMATIC)


def apply(
    contract: Contract, event: ManualEvent, *, rules: PlatformRules | None = None
) -> Contract:
    """Apply one event a person performs and return the new contract.

    Every automatic step due up to ``event.at`` (a review period that ran
    out, an unanswered refund request, ...) happens first, exactly as on the
    platform, and is recorded in the history before *event*.

    Args:
        contract: A fixed-price contract; it is never modified.
        event: :class:`Fund`, :class:`Submit`, :class:`RequestChanges`,
            :class:`Approve`, :class:`RequestRefund`, :class:`AcceptRefund`,
            :class:`Refund`, :class:`OpenDispute`, :class:`AnswerDispute`,
            :class:`ResolveDispute` or :class:`EndContract`.
        rules: The rules to use; by default those in force on the UTC date
            each clock started (:func:`upwork_safety.rules.as_of`).

    Returns:
        The contract with *event* (and any automatic steps before it)
        appended to ``history``; money paid out is also appended to
        ``payments``.

    Raises:
        TransitionError: The event is not allowed in the milestone's state
            (the error names the milestone, its state, the event and what is
            allowed instead), is earlier than the last event, or is
            automatic.
        InvalidValueError: An amount that does not fit (more than the
            escrow, not whole cents, a dispute split that does not add up).
    """
    contract = _fixed_price(contract)
    rules = _check_rules(rules)
    kind = type(event)
    if kind not in _MANUAL:
        _not_manual(event)
    name = kind.__name__
    milestone_id = None if kind is EndContract else event.milestone_id  # type: ignore[union-attr]
    _check_time(contract, event.at, name, milestone_id)
    contract = _advance(contract, event.at, rules)
    if isinstance(event, EndContract):
        if contract.ended is not None:
            raise TransitionError(
                f"EndContract refused: contract {contract.id!r} already ended on "
                f"{contract.ended.isoformat()}",
                state="ended",
                event=name,
            )
        return _end(contract, event)
    assert milestone_id is not None  # noqa: S101  (narrowing: not EndContract)
    index = _index(contract, milestone_id)
    milestone = contract.milestones[index]
    reason = _refusal(contract, milestone, type(event), event.at, rules)
    if reason is not None:
        allowed_now = _allowed_names(contract, milestone, event.at, rules)
        instead = ", ".join(allowed_now) if allowed_now else "nothing"
        raise TransitionError(
            f"{name} refused for milestone {milestone_id!r} ({milestone.state.name}): "
            f"{reason}. Allowed now: {instead}",
            milestone_id=milestone_id,
            state=milestone.state.name,
            event=name,
            allowed=allowed_now,
        )
    return _HANDLERS[kind](contract, index, milestone, event, rules)


def _not_manual(event: object) -> NoReturn:
    name = type(event).__name__
    if isinstance(event, _AUTOMATIC):
        raise TransitionError(
            f"{name} is automatic: only advance() produces it, when its time comes",
            milestone_id=event.milestone_id,
            state="automatic",
            event=name,
        )
    raise InvalidTypeError(f"event must be one of the escrow event classes, not {name}")


def advance(contract: Contract, now: datetime, *, rules: PlatformRules | None = None) -> Contract:
    """Apply every automatic step due up to *now*, earliest first.

    Automatic steps: :class:`AutoApprove` when the review period has fully
    elapsed (at that second, not one before), :class:`AutoRefund` when a
    refund request went unanswered, :class:`AutoDisputeRelease` when the
    client did not answer a dispute, and :class:`DormancyRefundRequest`
    when escrow sat untouched through the dormancy period and both notices.
    Each is recorded in ``history`` at the moment it was due.

    Args:
        contract: A fixed-price contract; it is never modified.
        now: The moment to advance to (timezone-aware).
        rules: The rules to use; by default those in force when each clock
            started.

    Returns:
        The contract as it stands at *now*.

    Raises:
        InvalidValueError: *now* is naive or earlier than the last event.
    """
    contract = _fixed_price(contract)
    rules = _check_rules(rules)
    now = utc_instant(now, "now")
    last = _last_at(contract)
    if last is not None and now < last:
        raise InvalidValueError(
            f"now ({_when(now)}) is earlier than the last event in the history "
            f"({_when(last)}); time only moves forward"
        )
    return _advance(contract, now, rules)


def replay(
    contract: Contract, events: Iterable[Event], *, rules: PlatformRules | None = None
) -> Contract:
    """Apply *events* in order, checking each automatic one against the clock.

    Replaying a contract's ``history`` on the contract as it was before
    gives back the same contract.  Automatic events in *events* must be
    exactly the ones :func:`advance` would produce at that moment; missing
    ones are produced as :func:`apply` goes.

    Args:
        contract: The contract to start from (never modified).
        events: Manual and automatic events, in time order.
        rules: As for :func:`apply`.

    Returns:
        The contract after every event.

    Raises:
        TransitionError: An event is not allowed, or an automatic event is
            not the step due at its moment.
    """
    contract = _fixed_price(contract)
    rules = _check_rules(rules)
    for event in events:
        if not isinstance(event, _AUTOMATIC):
            contract = apply(contract, event, rules=rules)
            continue
        due = _next_automatic(contract, rules)
        if due != event:
            name = type(event).__name__
            expected = "nothing" if due is None else f"{type(due).__name__} at {_when(due.at)}"
            raise TransitionError(
                f"{name} for milestone {event.milestone_id!r} at {_when(event.at)} is not the "
                f"automatic step due (next due: {expected})",
                milestone_id=event.milestone_id,
                state=contract.milestone(event.milestone_id).state.name,
                event=name,
            )
        index = _index(contract, event.milestone_id)
        contract = _HANDLERS[type(event)](contract, index, contract.milestones[index], event, rules)
    return contract


# --------------------------------------------------------------------------- reports


@attrs.frozen
class Deadline:
    """Something that happens at *due* unless someone acts first.

    Attributes:
        kind: A stable name: ``"review_ends"``, ``"refund_response_due"``,
            ``"dispute_response_due"``, ``"mediation_proposal_due"``,
            ``"mediation_acceptance_due"``, ``"arbitration_opt_in_due"``,
            ``"funds_available"``, ``"refund_window_closes"``,
            ``"dispute_window_closes"``, ``"dormancy_notice"``,
            ``"dormancy_final_notice"`` or ``"dormancy_close"``.
        due: When (UTC).
        milestone_id: The milestone concerned, or ``None`` for the contract.
        who: Who must act before *due*: ``"client"``, ``"freelancer"``,
            ``"mediator"``, ``"both"``, ``"either"`` or ``"nobody"``.
        consequence: What happens at *due* if nobody acts.
        source: Where the rule is published.
    """

    kind: str
    due: datetime
    milestone_id: str | None
    who: str
    consequence: str
    source: str

    def to_records(self) -> list[dict[str, object]]:
        """One flat dict with every field, for ``pandas.DataFrame``."""
        return [{name: plain(getattr(self, name)) for name in _field_names(Deadline)}]

    def _repr_html_(self) -> str:
        return html_table(self.to_records(), caption="Escrow deadline")


def _source(field: str) -> str:
    return str(attrs.fields_dict(PlatformRules)[field].metadata["rule"].source)


def _milestone_deadlines(
    milestone: Milestone, now: datetime, rules: PlatformRules | None
) -> list[Deadline]:
    found: list[Deadline] = []
    mid = milestone.id
    held = milestone.held
    state = milestone.state
    if state is _S.SUBMITTED and milestone.submitted_at is not None:
        start = milestone.submitted_at
        found.append(
            Deadline(
                "review_ends",
                start + _rules_at(start, rules).review_period,
                mid,
                "client",
                f"the {held} in escrow is released to the freelancer automatically",
                _source("review_period"),
            )
        )
    if state is _S.REFUND_REQUESTED and milestone.refund_requested_at is not None:
        start = milestone.refund_requested_at
        found.append(
            Deadline(
                "refund_response_due",
                start + _rules_at(start, rules).refund_response_window,
                mid,
                "freelancer",
                f"the {held} in escrow is refunded to the client; accept, return it or "
                "open a dispute before then",
                _source("refund_response_window"),
            )
        )
    if state is _S.DISPUTED and milestone.disputed_at is not None:
        if milestone.dispute_answered_at is None:
            start = milestone.disputed_at
            found.append(
                Deadline(
                    "dispute_response_due",
                    start + _rules_at(start, rules).client_dispute_response,
                    mid,
                    "client",
                    f"the disputed {held} is released to the freelancer",
                    _source("client_dispute_response"),
                )
            )
        else:
            start = milestone.dispute_answered_at
            r = _rules_at(start, rules)
            proposal = start + r.mediation_proposal
            acceptance = proposal + r.mediation_acceptance
            found.extend(
                (
                    Deadline(
                        "mediation_proposal_due",
                        proposal,
                        mid,
                        "mediator",
                        "the mediator proposes how to split the disputed money",
                        _source("mediation_proposal"),
                    ),
                    Deadline(
                        "mediation_acceptance_due",
                        acceptance,
                        mid,
                        "both",
                        "without both accepting, the dispute moves to arbitration",
                        _source("mediation_acceptance"),
                    ),
                    Deadline(
                        "arbitration_opt_in_due",
                        acceptance + r.arbitration_opt_in,
                        mid,
                        "both",
                        f"both decline: the {held} goes to the client; only one pays the "
                        f"{r.arbitration_fee} fee: it goes to the payer",
                        _source("arbitration_opt_in"),
                    ),
                )
            )
    for release in milestone.releases:
        total = release.amount + release.bonus
        if total.amount:
            found.append(
                Deadline(
                    "funds_available",
                    release.at + _rules_at(release.at, rules).security_period,
                    mid,
                    "nobody",
                    f"{total} paid at {_when(release.at)} moves from pending to available",
                    _source("security_period"),
                )
            )
    if state is _S.PAID and not _holds(milestone) and milestone.released.amount > 0:
        latest = milestone.releases[-1].at
        found.append(
            Deadline(
                "refund_window_closes",
                latest + _rules_at(latest, rules).refund_after_payment_window,
                mid,
                "freelancer",
                "the freelancer can no longer refund this milestone's payments",
                _source("refund_after_payment_window"),
            )
        )
    return [d for d in found if d.due > now]


def _contract_deadlines(
    contract: Contract, now: datetime, rules: PlatformRules | None
) -> list[Deadline]:
    found: list[Deadline] = []
    if contract.ended is None:
        waiting = [m for m in contract.milestones if _dormant_candidate(m)]
        if waiting:
            last = _last_at(contract) or datetime.combine(contract.started, time(0), _UTC)
            r = _rules_at(last, rules)
            first = last + r.dormancy_period
            final = first + r.dormancy_first_notice
            source = _source("dormancy_period")
            for m in waiting:
                found.extend(
                    (
                        Deadline(
                            "dormancy_notice",
                            first,
                            m.id,
                            "either",
                            "escrow untouched: Upwork sends the 2-week dormancy notice",
                            source,
                        ),
                        Deadline(
                            "dormancy_final_notice",
                            final,
                            m.id,
                            "either",
                            "Upwork sends the final 1-week dormancy notice",
                            source,
                        ),
                        Deadline(
                            "dormancy_close",
                            final + r.dormancy_final_notice,
                            m.id,
                            "either",
                            f"the contract closes and the {m.held} in escrow becomes a refund "
                            "request (the freelancer then has the usual response window)",
                            source,
                        ),
                    )
                )
    else:
        for event in reversed(contract.history):
            if isinstance(event, (EndContract, DormancyRefundRequest)):
                window = _rules_at(event.at, rules).dispute_filing_window
                at_stake = [m for m in contract.milestones if m.state is _S.REFUND_REQUESTED]
                consequence = (
                    "no dispute can be filed after this; escrow still under a refund request "
                    "goes back to the client"
                    if at_stake
                    else "no dispute can be filed after this"
                )
                found.append(
                    Deadline(
                        "dispute_window_closes",
                        event.at + window,
                        None,
                        "freelancer",
                        consequence,
                        _source("dispute_filing_window"),
                    )
                )
                break
    return [d for d in found if d.due > now]


def deadlines(
    contract: Contract, now: datetime, *, rules: PlatformRules | None = None
) -> list[Deadline]:
    """What happens next, when, who must act, and what silence causes.

    The contract is first advanced to *now* (:func:`advance`), so a review
    period that already ran out shows as its consequence (money pending),
    not as a deadline.

    Args:
        contract: A fixed-price contract.
        now: The moment to look from (timezone-aware).
        rules: As for :func:`apply`.

    Returns:
        Every deadline after *now*, soonest first, with ``due`` in UTC.

    Raises:
        InvalidValueError: *now* is naive or earlier than the last event.
    """
    contract = advance(contract, now, rules=rules)
    found = _contract_deadlines(contract, now, rules)
    for milestone in contract.milestones:
        found.extend(_milestone_deadlines(milestone, now, rules))
    found = [attrs.evolve(d, due=d.due.astimezone(_UTC)) for d in found]
    order = {m.id: index for index, m in enumerate(contract.milestones)}
    found.sort(key=lambda d: (d.due, -1 if d.milestone_id is None else order[d.milestone_id]))
    return found


def _check_ledger(instance: Ledger, _attribute: object, value: Money) -> None:
    parts = (
        instance.work_in_progress,
        instance.in_review,
        instance.pending,
        instance.available,
        instance.refunded,
    )
    total = Decimal(0)
    for part in parts:
        if part.currency != value.currency:
            raise CurrencyMismatchError(
                f"Ledger buckets must share one currency, got {part.currency} and {value.currency}"
            )
        total = _CONTEXT.add(total, part.amount)
    if value.amount != total:
        raise InvalidValueError(
            "Ledger.funded must equal work_in_progress + in_review + pending + available + "
            f"refunded, got {value} against {_money(total, value.currency)}"
        )


@attrs.frozen
class Ledger:
    """Where a contract's money is at one moment, in the freelancer's buckets (HC 211063718).

    ``funded == work_in_progress + in_review + pending + available +
    refunded`` always (the constructor refuses anything else).  Bonuses are
    paid fresh, not from escrow, so they are counted apart.

    Attributes:
        at: The moment.
        work_in_progress: Escrow not submitted for review (including escrow
            under a refund request or a dispute, see *at_risk*).
        in_review: Escrow of submitted work whose review period runs.
        pending: Escrow paid out, still in the security period.
        available: Escrow paid out and past the security period.
        refunded: Escrow returned to the client.
        bonus_pending: Bonuses still in the security period.
        bonus_available: Bonuses past the security period.
        at_risk: The part of *work_in_progress* under a refund request or
            in dispute.
        funded: Everything the client deposited into escrow.
    """

    at: datetime
    work_in_progress: Money
    in_review: Money
    pending: Money
    available: Money
    refunded: Money
    bonus_pending: Money
    bonus_available: Money
    at_risk: Money
    funded: Money = attrs.field(validator=_check_ledger)

    @property
    def in_escrow(self) -> Money:
        """Money still held in escrow (work in progress plus in review)."""
        return self.work_in_progress + self.in_review

    @property
    def bonuses(self) -> Money:
        """Every bonus paid, pending or available."""
        return self.bonus_pending + self.bonus_available

    @property
    def paid(self) -> Money:
        """Everything paid to the freelancer: escrow released plus bonuses."""
        return self.pending + self.available + self.bonuses

    def to_records(self) -> list[dict[str, object]]:
        """One row per bucket (``bucket``, ``amount``, ``currency``), for ``pandas``."""
        names = (
            "work_in_progress",
            "in_review",
            "pending",
            "available",
            "refunded",
            "funded",
            "bonus_pending",
            "bonus_available",
            "at_risk",
        )
        rows: list[dict[str, object]] = []
        for name in names:
            value: Money = getattr(self, name)
            rows.append({"bucket": name, "amount": plain(value), "currency": value.currency})
        return rows

    def _repr_html_(self) -> str:
        return html_table(self.to_records(), caption=f"Escrow ledger at {_when(self.at)}")


def ledger(contract: Contract, now: datetime, *, rules: PlatformRules | None = None) -> Ledger:
    """The freelancer's money buckets at *now* (after :func:`advance` to *now*).

    Args:
        contract: A fixed-price contract.
        now: The moment (timezone-aware).
        rules: As for :func:`apply`; the security period of each payment
            is that in force when it was paid.

    Returns:
        A :class:`Ledger`, in the currency of the first milestone (USD when
        there is none).

    Raises:
        InvalidValueError: *now* is naive or earlier than the last event.
        CurrencyMismatchError: The milestones are in different currencies.
    """
    contract = advance(contract, now, rules=rules)
    currency = contract.milestones[0].amount.currency if contract.milestones else "USD"
    add = _CONTEXT.add
    zero = Decimal(0)
    wip = review = pending = available = refunded = funded = zero
    bonus_pending = bonus_available = at_risk = zero
    for m in contract.milestones:
        if m.amount.currency != currency:
            raise CurrencyMismatchError(
                f"ledger() needs one currency: milestone {m.id!r} is in {m.amount.currency}, "
                f"the first milestone in {currency}"
            )
        held = m.held.amount
        if m.state is _S.SUBMITTED:
            review = add(review, held)
        else:
            wip = add(wip, held)
        if m.state in (_S.REFUND_REQUESTED, _S.DISPUTED):
            at_risk = add(at_risk, held)
        refunded = add(refunded, m.refunded.amount)
        funded = add(funded, _CONTEXT.subtract(m.funded.amount, m.carried_over.amount))
        for release in m.releases:
            if now >= release.at + _rules_at(release.at, rules).security_period:
                available = add(available, release.amount.amount)
                bonus_available = add(bonus_available, release.bonus.amount)
            else:
                pending = add(pending, release.amount.amount)
                bonus_pending = add(bonus_pending, release.bonus.amount)
    # Built without re-running the constructor's check: the sums above add up by
    # construction, and the stateful tests check the identity independently.
    return _build(
        Ledger,
        at=now,
        work_in_progress=_money(wip, currency),
        in_review=_money(review, currency),
        pending=_money(pending, currency),
        available=_money(available, currency),
        refunded=_money(refunded, currency),
        bonus_pending=_money(bonus_pending, currency),
        bonus_available=_money(bonus_available, currency),
        at_risk=_money(at_risk, currency),
        funded=_money(funded, currency),
    )


@attrs.frozen
class Choices:
    """The events allowed on one milestone now, and why each other one is not.

    ``"Submit" in choices`` tells whether :class:`Submit` is allowed.

    Attributes:
        milestone_id: The milestone.
        state: Its state.
        allowed: Names of the allowed events (``EndContract`` included while
            the contract is open).
        refused: ``(event name, reason)`` for every other event.
    """

    milestone_id: str
    state: MilestoneState
    allowed: tuple[str, ...]
    refused: tuple[tuple[str, str], ...]

    def __contains__(self, name: object) -> bool:
        return name in self.allowed

    def reason(self, name: str) -> str | None:
        """Return why event *name* is refused, or ``None`` if it is allowed.

        Raises:
            InvalidValueError: *name* is not a manual escrow event.
        """
        if name in self.allowed:
            return None
        for event, why in self.refused:
            if event == name:
                return why
        raise InvalidValueError(f"{name!r} is not a manual escrow event")

    def to_records(self) -> list[dict[str, object]]:
        """One row per event: ``event``, ``allowed``, ``reason``."""
        rows: list[dict[str, object]] = [
            {"event": name, "allowed": True, "reason": ""} for name in self.allowed
        ]
        rows.extend({"event": name, "allowed": False, "reason": why} for name, why in self.refused)
        return rows

    def _repr_html_(self) -> str:
        caption = f"Milestone {self.milestone_id} ({self.state.name})"
        return html_table(self.to_records(), caption=caption)


def allowed(
    contract: Contract,
    milestone_id: str,
    *,
    now: datetime | None = None,
    rules: PlatformRules | None = None,
) -> Choices:
    """The events allowed on *milestone_id*, with the reason each other one is not.

    Args:
        contract: A fixed-price contract.
        milestone_id: The milestone.
        now: If given, the contract is first advanced to *now* and the
            events are judged at *now*; else at the last event's moment.
        rules: As for :func:`apply`.

    Returns:
        A :class:`Choices`.

    Raises:
        InvalidValueError: No milestone has that id, or *now* is naive or
            earlier than the last event.
    """
    contract = _fixed_price(contract)
    if now is not None:
        contract = advance(contract, now, rules=rules)
        at = now
    else:
        at = _last_at(contract) or datetime.combine(contract.started, time(0), _UTC)
    milestone = contract.milestones[_index(contract, milestone_id)]
    names = _allowed_names(contract, milestone, at, rules)
    refused = [
        (kind.__name__, reason)
        for kind in _MILESTONE_EVENTS
        if (reason := _refusal(contract, milestone, kind, at, rules)) is not None
    ]
    if contract.ended is not None:
        refused.append(("EndContract", f"the contract already ended on {contract.ended}"))
    return Choices(milestone_id, milestone.state, names, tuple(refused))


# --------------------------------------------------------------------------- diagram

#: (from, to, event, rules field of the timer or None), drawn by :func:`to_mermaid`.
_EDGES: tuple[tuple[str, str, str, str | None], ...] = (
    ("[*]", "NOT_FUNDED", "", None),
    ("NOT_FUNDED", "FUNDED", "Fund", None),
    ("FUNDED", "SUBMITTED", "Submit", None),
    ("CHANGES_REQUESTED", "SUBMITTED", "Submit", None),
    ("SUBMITTED", "CHANGES_REQUESTED", "RequestChanges", None),
    ("FUNDED", "PAID", "Approve", None),
    ("CHANGES_REQUESTED", "PAID", "Approve", None),
    ("SUBMITTED", "PAID", "Approve", None),
    ("SUBMITTED", "PAID", "AutoApprove", "review_period"),
    ("FUNDED", "REFUND_REQUESTED", "RequestRefund or EndContract", None),
    ("SUBMITTED", "REFUND_REQUESTED", "RequestRefund or EndContract", None),
    ("CHANGES_REQUESTED", "REFUND_REQUESTED", "RequestRefund or EndContract", None),
    ("FUNDED", "REFUND_REQUESTED", "DormancyRefundRequest", "dormancy"),
    ("CHANGES_REQUESTED", "REFUND_REQUESTED", "DormancyRefundRequest", "dormancy"),
    ("PAID", "REFUND_REQUESTED", "RequestRefund of a remainder", None),
    ("FUNDED", "REFUNDED", "Refund", None),
    ("SUBMITTED", "REFUNDED", "Refund", None),
    ("CHANGES_REQUESTED", "REFUNDED", "Refund", None),
    ("REFUND_REQUESTED", "REFUNDED", "AcceptRefund or Refund", None),
    ("REFUND_REQUESTED", "REFUNDED", "AutoRefund", "refund_response_window"),
    ("REFUND_REQUESTED", "DISPUTED", "OpenDispute", None),
    ("DISPUTED", "PAID", "ResolveDispute", None),
    ("DISPUTED", "REFUNDED", "ResolveDispute", None),
    ("DISPUTED", "PAID", "AutoDisputeRelease", "client_dispute_response"),
    ("PAID", "REFUNDED", "Refund of a payment", "refund_after_payment_window"),
    ("PAID", "[*]", "", None),
    ("REFUNDED", "[*]", "", None),
)


def to_mermaid(*, rules: PlatformRules | None = None) -> str:
    """A Mermaid ``stateDiagram-v2`` of a milestone, with the timers on the automatic edges.

    Args:
        rules: Whose timings to write (default: the rules in force now,
            :data:`upwork_safety.rules.CURRENT`).

    Returns:
        The diagram source, one edge per line.
    """
    from upwork_safety.rules import CURRENT  # noqa: PLC0415  (the default only)

    rules = _check_rules(rules) or CURRENT
    lines = ["stateDiagram-v2"]
    for source, target, label, timer in _EDGES:
        text = label
        if timer == "dormancy":
            text += f", auto after {_days(_dormancy_total(rules))} untouched"
        elif timer == "refund_after_payment_window":
            text += f", within {_days(rules.refund_after_payment_window)}"
        elif timer is not None:
            text += f", auto after {_days(getattr(rules, timer))}"
        lines.append(f"    {source} --> {target}" + (f": {text}" if text else ""))
    return "\n".join(lines)


# Keep the registry honest: every event class has a handler or is EndContract.
assert set(_HANDLERS) | {EndContract} == set(EVENT_TYPES)  # noqa: S101
assert set(_AUTOMATIC) == set(AUTOMATIC_EVENTS)  # noqa: S101
