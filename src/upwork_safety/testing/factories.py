"""Small factories: valid values in one call, with every field overridable.

For example-based tests where a Hypothesis strategy is more than you need::

    >>> from datetime import datetime, timezone
    >>> from upwork_safety.testing import factories
    >>> contract = factories.contract(amount="250")
    >>> contract.milestones[0].amount
    Money(amount=Decimal('250'), currency='USD')
    >>> submitted = factories.submitted_contract(at=datetime(2026, 3, 9, 15, tzinfo=timezone.utc))
    >>> submitted.milestones[0].state.name
    'SUBMITTED'
    >>> len(factories.history(4))
    4

Every factory takes keyword overrides for the fields it fills in, and the
defaults are fixed (no randomness, no clock), so a test that uses them reads
the same every run.  They need nothing beyond the library itself.  A
wrong-typed argument, or an override that names no field, gets the
library's own error naming it, like every public function.  So does an
override of a field one of the factory's own arguments fills in, passed
together with that argument (``contract(amount="999", milestones=...)``,
``hourly_contract(rate="35", hourly_rate=...)``): one of the two would be
dropped, so neither is chosen for you.  Amounts of US dollars may be Money,
or a string, int or Decimal of dollars (``"250"``, ``250``).

The default amounts are written with their cents (``"500.00"``, a rate of
``"20.00"``), as the testing guide advises for snapshot tests, so the JSON of
a value built from defaults writes every amount with two decimals.  They
are equal to the same amounts without cents (``Money("500", "USD") ==
Money("500.00", "USD")``, with the same hash); only their text differs.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs

from upwork_safety._amount_fields import more_than_zero, whole_cents
from upwork_safety._decimals import MAX_ITEMS, count
from upwork_safety._display import utc_text
from upwork_safety._last_day import LATEST
from upwork_safety._members import CheckedEnum
from upwork_safety._moments import utc_day, utc_instant
from upwork_safety._scales import ACTIVITY_SCALE
from upwork_safety.errors import (
    InvalidValueError,
)
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
from upwork_safety.money import Money, to_decimal
from upwork_safety.testing._factory_arguments import one_source, overrides_of
from upwork_safety.testing._renamed import as_arguments
from upwork_safety.testing._rules import default_fee_rate
from upwork_safety.testing._submitting import funded_by_engine, submitted_by_engine

if TYPE_CHECKING:
    from collections.abc import Mapping


__all__ = [
    "FROM_RULES",
    "VERIFIED_CLIENT",
    "FeeRate",
    "FromRules",
    "contract",
    "finished_contract",
    "history",
    "hourly_contract",
    "milestone",
    "submitted_contract",
]

UTC = timezone.utc
#: The start date every factory uses unless told otherwise.
START = date(2026, 3, 2)


class FromRules(CheckedEnum):
    """The type of :data:`FROM_RULES`, the one value meaning "the rate the fee schedules give".

    A one-member enum, so a type checker narrows ``rate is FROM_RULES`` and
    a wrapper of your own can name it in :data:`FeeRate`.
    """

    FROM_RULES = "from the rules"


#: The default ``service_fee_rate`` of :func:`contract`, :func:`hourly_contract`
#: and :func:`finished_contract`: read from the fee schedules for the start date.
#: From the day every schedule charges a contract's own rate (2025-05-01)
#: it is their published default (10%); before it, ``None``, since the
#: sliding scale of 2016–2023 refuses a contract's own rate.
FROM_RULES = FromRules.FROM_RULES

#: What a factory's ``service_fee_rate`` accepts: a rate (``Decimal`` or a
#: string such as ``"0.10"``), ``None`` for none, or :data:`FROM_RULES`.
#: Name it in a typed wrapper of your own:
#: ``def offer(rate: factories.FeeRate = factories.FROM_RULES) -> Contract``.
FeeRate: TypeAlias = Decimal | str | Literal[FromRules.FROM_RULES] | None


def _fee_rate(value: FeeRate, started: date) -> Decimal | str | None:
    """*value*, or the rate the fee schedules give a contract started on *started*."""
    return default_fee_rate(started) if value is FROM_RULES else value


def _dollars(value: object, what: str) -> Money:
    """*value* as it is if Money, else a number of US dollars (``"500"``, ``500``)."""
    money = value if isinstance(value, Money) else Money(to_decimal(value, what), "USD")
    return whole_cents(money, what)


def _whole(value: object, what: str, *, least: int) -> int:
    """*value* if it is an ``int`` (not a bool) of at least *least*."""
    return count(value, what, low=least)


def _fits(first: date, days: int, what: str) -> None:
    """Refuse *days* after *first* that would run past the library's last day."""
    if days > (LATEST - first).days:
        raise InvalidValueError(
            f"{what} is too large: the contracts would end after {LATEST.isoformat()}",
            field=what,
            rule=f"ending on or before {LATEST.isoformat()}",
        )


#: The fields of the values :func:`milestone` builds, by the argument that fills each.
_MILESTONE_ARGUMENTS = {
    "Milestone.id": "milestone_id",
    "Milestone.title": "title",
    "Milestone.amount": "amount",
}
#: The same for the contract factories (a client id becomes a ``Client``).
_CONTRACT_ARGUMENTS = {
    "Contract.id": "contract_id",
    "Contract.client": "client",
    "Client.id": "client",
    "Contract.service_fee_rate": "service_fee_rate",
}
#: The same for :func:`finished_contract`: its payment and feedback too.
_FINISHED_ARGUMENTS = {
    **_CONTRACT_ARGUMENTS,
    "Payment.amount": "earned",
    "Feedback.stars": "stars",
    "Feedback.private_score": "private_score",
    "Feedback.end_reason": "end_reason",
}


def _given(cls: type, overrides: Mapping[str, object]) -> dict[str, str]:
    """The overrides' fields of *cls* (``Contract.title``) by the name they were passed as."""
    return {f"{cls.__name__}.{name}": name for name in overrides}


def _moment(value: object, what: str) -> datetime | None:
    return None if value is None else utc_instant(value, what)


def _at_nine(day: date) -> datetime:
    """09:00 UTC on *day*: when :func:`submitted_contract` funds its milestone by default."""
    return datetime(day.year, day.month, day.day, 9, tzinfo=UTC)


@one_source({"milestone_id": ("id",)})
def milestone(
    *,
    milestone_id: str = "m1",
    title: str = "Landing page: 3 pages in HTML/CSS, 2 revisions",
    amount: Money | Decimal | int | str = "500.00",
    **overrides: Any,
) -> Milestone:
    """An unfunded USD milestone of *amount*.

    *amount* is Money, or a string, int or Decimal of US dollars
    (``"500"``, ``500``), in whole cents.  Any other
    :class:`~upwork_safety.Milestone` field may be given by name
    (*overrides*); ``id=`` together with *milestone_id* is refused.

    Raises:
        InvalidTypeError: An argument of the wrong type, or an override
            that names no field.
        InvalidValueError: *amount* not in whole cents or not positive, a
            *milestone_id* or *title* a milestone refuses (empty, say), or an
            override of a field an argument passed with it fills in.  The
            ``field`` is the argument as passed (``amount``, ``title``), an
            override's its own name.
    """
    money = _dollars(amount, "amount")
    overrides_of(Milestone, overrides, milestone)
    with as_arguments(_MILESTONE_ARGUMENTS):
        made = Milestone(milestone_id, title, money)
    with as_arguments(_given(Milestone, overrides)):
        return attrs.evolve(made, **overrides) if overrides else made


@one_source({"contract_id": ("id",), "amount": ("milestones",)})
def contract(
    *,
    contract_id: str = "c1",
    client: Client | str = "acme",
    started: date | datetime = START,
    amount: Money | Decimal | int | str = "500.00",
    service_fee_rate: FeeRate = FROM_RULES,
    **overrides: Any,
) -> Contract:
    """An open fixed-price contract with one unfunded milestone of *amount*.

    It starts on *started*: a date, or an aware datetime's UTC day (as for
    every factory's start; :class:`~upwork_safety.Contract` itself takes a
    date only, so a local moment is a day earlier or later than its local
    date when its UTC day differs).  *amount* is as for :func:`milestone`.
    *service_fee_rate* defaults to
    :data:`FROM_RULES`: the published 10% from 2025-05-01, where a contract
    carries its own rate, and ``None`` before it, so the fee functions
    charge the contract whatever its start date.  Any other
    :class:`~upwork_safety.Contract` field may be given by name
    (*overrides*), such as ``milestones=`` for milestones of your own;
    ``milestones=`` together with *amount*, or ``id=`` with *contract_id*,
    is refused (one of the two would be dropped).

    Raises:
        InvalidTypeError: An argument of the wrong type, or an override
            that names no field.
        InvalidValueError: *amount* not in whole cents or not positive, a
            *client* or *contract_id* a contract refuses (an empty id), a
            *service_fee_rate* outside 0 to 1, a value an override gives
            that a contract refuses, or an override of a field an argument
            passed with it fills in.  The ``field`` is the argument as
            passed (``client``, not ``Client.id``; ``milestones[0].amount``
            for an override's milestone).
    """
    overrides_of(Contract, overrides, contract)
    first = utc_day(started, "started")
    only = milestone(amount=amount)
    with as_arguments(_CONTRACT_ARGUMENTS):
        made = Contract(
            contract_id,
            client,
            ContractKind.FIXED_PRICE,
            first,
            milestones=(only,),
            service_fee_rate=_fee_rate(service_fee_rate, first),
        )
    with as_arguments(_given(Contract, overrides)):
        return attrs.evolve(made, **overrides) if overrides else made


#: When each day's Work Diary entry of :func:`hourly_contract` starts: 09:00 UTC.
_WORKDAY_START = 9


#: The hourly factory's client: payment verified, so Hourly Protection can cover its hours.
VERIFIED_CLIENT = Client("acme", "Acme", payment_verified=True)


@one_source(
    {
        "contract_id": ("id",),
        "rate": ("hourly_rate",),
        "days": ("time_entries",),
        "hours": ("time_entries",),
    }
)
def hourly_contract(
    *,
    contract_id: str = "c1",
    client: Client | str = VERIFIED_CLIENT,
    started: date | datetime = START,
    rate: Money | Decimal | int | str = "20.00",
    weekly_limit: Decimal | int | str | None = None,
    days: int = 3,
    hours: int = 2,
    service_fee_rate: FeeRate = FROM_RULES,
    **overrides: Any,
) -> Contract:
    """An open hourly contract at *rate* an hour with a Work Diary of *days* entries.

    One entry a day from *started* (a date, or an aware datetime's UTC day,
    as for :func:`contract`), each *hours* (1 to 24) whole hours from
    09:00 UTC, tracked (not manual), with a memo and the highest activity,
    for a client whose payment is verified (:data:`VERIFIED_CLIENT`, the
    default), so Hourly Protection covers all of it; pass ``client="acme"``
    (unverified, as a bare id is) to see it covered by none.
    *rate* is Money, or a string, int or Decimal of US dollars (``"35"``,
    ``35``), positive and in whole cents; *weekly_limit* is in hours, or
    ``None`` for none.  *service_fee_rate* defaults to :data:`FROM_RULES`,
    as for :func:`contract`.  Any other :class:`~upwork_safety.Contract`
    field may be given by name (*overrides*), as for :func:`contract` (e.g.
    ``ended=`` or ``time_entries=()``); ``hourly_rate=`` together with
    *rate*, ``time_entries=`` with *days* or *hours*, or ``id=`` with
    *contract_id*, is refused.

    >>> from upwork_safety import hourly
    >>> made = hourly_contract(weekly_limit=5)
    >>> len(made.time_entries), made.hourly_rate
    (3, Money(amount=Decimal('20.00'), currency='USD'))
    >>> bill = hourly.invoice_for(made, week=hourly.billing_week(made.time_entries[0].start))
    >>> bill.billable_hours, bill.over_limit_hours
    (Decimal('5.00'), Decimal('1.00'))

    Raises:
        InvalidTypeError: An argument of the wrong type, or an override
            that names no field.
        InvalidValueError: *rate* not positive or not whole cents, a
            *weekly_limit* the contract refuses, *days* negative, above
            200,000 (the most time entries a contract holds) or running past
            the library's last day, *hours* outside 1 to 24, or an override
            of a field an argument passed with it fills in; a *client*,
            *contract_id* or *service_fee_rate* a contract refuses, named
            as passed (``client``, not ``Client.id``).
    """
    overrides_of(Contract, overrides, hourly_contract)
    first = utc_day(started, "started")
    money = more_than_zero(_dollars(rate, "rate"), "rate")  # the hourly rate's one rule
    count = _whole(days, "days", least=0)
    if count > MAX_ITEMS:  # refused before any entry is built (review r31, hostile 7)
        raise InvalidValueError(
            f"days must be at most {MAX_ITEMS:,}, one time entry a day, the most entries a "
            f"contract holds; got {count:,}",
            field="days",
            rule=f"at most {MAX_ITEMS:,} items",
        )
    _fits(first, count, "days")
    length = _whole(hours, "hours", least=1)
    day = timedelta(days=1)
    if length > day // timedelta(hours=1):
        raise InvalidValueError(
            f"hours must be at most {day // timedelta(hours=1)} (one entry a day), got {length}",
            field="hours",
            rule="1 to 24",
        )
    opening = datetime(first.year, first.month, first.day, _WORKDAY_START, tzinfo=UTC)
    diary = tuple(
        TimeEntry(
            opening + i * day,
            opening + i * day + timedelta(hours=length),
            memo="Build the checkout page",
            activity=ACTIVITY_SCALE[1],
        )
        for i in range(count)
    )
    with as_arguments({**_CONTRACT_ARGUMENTS, "Contract.weekly_limit": "weekly_limit"}):
        made = Contract(
            contract_id,
            client,
            ContractKind.HOURLY,
            first,
            hourly_rate=money,
            weekly_limit=weekly_limit,
            time_entries=diary,
            service_fee_rate=_fee_rate(service_fee_rate, first),
        )
    with as_arguments(_given(Contract, overrides)):
        return attrs.evolve(made, **overrides) if overrides else made


def submitted_contract(
    *,
    at: datetime | None = None,
    funded_at: datetime | None = None,
    **overrides: Any,
) -> Contract:
    """A :func:`contract` whose milestone was funded and then submitted at *at*.

    The milestone is funded no earlier than the contract starts, and the
    work submitted no earlier than it was funded: an *at* before the
    funding (by default 09:00 UTC on the start date, 2026-03-02) is refused
    naming ``at`` and the arguments that move the funding earlier,
    ``funded_at=`` or ``started=``; a *funded_at* before the start is
    refused naming ``funded_at`` and ``started=``.  The escrow engine
    judges the rest (its ``Fund`` and ``Submit``, under the rules in force
    at each, :func:`~upwork_safety.escrow.rules_in_force`), and what it
    refuses is raised as :class:`~upwork_safety.InvalidValueError` naming
    the argument that caused it, never the event you did not write: an
    *amount* below the minimum milestone (the client could not fund it), an
    *at* on or after dormancy closed the contract (escrow untouched for the
    dormancy period and both notices, as the engine counts it), and an
    override the funding breaks: ``ended=`` (an ended contract funds
    nothing), ``payments=`` later than the funding, ``milestones=`` with no
    ``m1`` or with milestones the engine funds before it.

    Args:
        at: When the work was submitted (default 7 days after funding).
        funded_at: When the client funded it (default 09:00 UTC on the start date).
        overrides: Passed to :func:`contract`.

    Raises:
        InvalidTypeError: *at* or *funded_at* is not a datetime, or an
            override :func:`contract` refuses.
        InvalidValueError: *at* or *funded_at* is a naive datetime,
            *funded_at* before the contract's start day
            (``field='funded_at'``), *at* before the funding
            (``field='at'``), an *amount* below the minimum milestone in
            force when it is funded (``field='amount'``, or
            ``'milestones[i].amount'`` for a milestone of ``milestones=``),
            an *at* (or the default, 7 days after the funding) after the
            library's last day, 9990-12-31 (``field='at'``, the default's
            message naming ``started=`` and ``funded_at=``), or at or after
            dormancy closed the contract (``field='at'``: the escrow sat
            untouched through the dormancy period and both notices, 97 days
            under the published rules), an ``ended=`` contract
            (``field='ended'``), ``payments=`` later than the funding
            (``field='payments'``), ``milestones=`` without a milestone
            ``m1`` or with one the engine must fund first
            (``field='milestones'``), any other refusal of the engine's
            (``field`` the override it comes from, ``rule`` the engine's),
            and the value errors of :func:`contract`.
    """
    overrides_of(Contract, overrides, submitted_contract, contract)
    submitted = _moment(at, "at")
    funded = _moment(funded_at, "funded_at")
    made = contract(**overrides)
    start = made.started
    if funded is not None and funded.date() < start:
        raise InvalidValueError(
            f"funded_at is {utc_text(funded)}, before the contract starts ({start}): pass "
            f"started=date({funded.year}, {funded.month}, {funded.day}) or earlier, or a "
            "later funded_at",
            field="funded_at",
            rule="on or after the contract's start day",
        )
    default_funding = funded is None
    funded = funded or _at_nine(start)
    if submitted is not None and submitted < funded:
        move = "pass an earlier funded_at="
        if default_funding:
            # The default funding is 09:00 UTC on the start day: a start that early enough.
            day = submitted.date() if submitted >= _at_nine(submitted.date()) else None
            day = day or submitted.date() - timedelta(days=1)
            also = " (and started= no later than its day)" if submitted.date() < start else ""
            move = (
                f"the funding defaults to 09:00 UTC on the start day ({start}), so pass "
                f"started=date({day.year}, {day.month}, {day.day}) or earlier, or "
                f"funded_at= at or before it{also}"
            )
        raise InvalidValueError(
            f"at is {utc_text(submitted)}, before the milestone was funded "
            f"({utc_text(funded)}): work is "
            f"submitted after it is funded; {move}",
            field="at",
            rule="at or after the funding",
        )
    if submitted is None:
        submitted = funded + timedelta(days=7)
        if submitted.date() > LATEST:
            # Named here: the engine would name its own "now", a field the factory has not.
            raise InvalidValueError(
                f"at, by default 7 days after the funding ({utc_text(funded)}), would be "
                f"{utc_text(submitted)}, after {LATEST.isoformat()}, the last day the library "
                "supports: pass an at= on or before it, or an earlier started= or funded_at=",
                field="at",
                rule=f"on or before {LATEST.isoformat()}",
            )
    made = funded_by_engine(made, funded, overrides)
    return submitted_by_engine(made, submitted, funded)


@one_source(
    {
        "contract_id": ("id",),
        "days": ("ended", "payments"),
        "earned": ("payments",),
        "stars": ("feedback",),
        "private_score": ("feedback",),
        "end_reason": ("feedback",),
    }
)
def finished_contract(
    *,
    contract_id: str = "c1",
    client: Client | str = "acme",
    started: date | datetime = START,
    days: int = 30,
    earned: Money | Decimal | int | str = "500.00",
    stars: Decimal | str | None = "5.0",
    private_score: int | None = 10,
    end_reason: EndReason | None = EndReason.COMPLETED,
    service_fee_rate: FeeRate = FROM_RULES,
    **overrides: Any,
) -> Contract:
    """An ended contract with one payment and feedback: a JSS history entry.

    It ends *days* (0 or more) after *started* (a date, or an aware
    datetime's UTC day), and *earned* (as *amount* for :func:`milestone`)
    is paid on the day it ends.  *service_fee_rate* defaults to
    :data:`FROM_RULES`, as for :func:`contract`.  Any other
    :class:`~upwork_safety.Contract` field may be given by name
    (*overrides*), as for :func:`contract`.  An ``ended=`` of your own moves
    the payment to that day too (unless you also give ``payments=``), so
    nothing is paid after the end; it is refused together with *days*, as
    ``payments=`` is with *days* or *earned*, ``feedback=`` with *stars*,
    *private_score* or *end_reason*, and ``id=`` with *contract_id*.

    Raises:
        InvalidTypeError: An argument of the wrong type, or an override
            that names no field.
        InvalidValueError: *days* negative or running past the library's
            last day, *earned* negative or not in whole cents, *stars*,
            *private_score*, *end_reason*, *client* or *service_fee_rate*
            a contract refuses (``field`` the argument, ``stars`` rather
            than ``Feedback.stars``), an override of a field
            an argument passed with it fills in, or ``ended=None`` while it
            has feedback (``field`` ``"ended"``: an open contract has no
            feedback yet).
    """
    overrides_of(Contract, overrides, finished_contract)
    first = utc_day(started, "started")
    length = _whole(days, "days", least=0)
    _fits(first, length, "days")
    ended = first + timedelta(days=length)
    money = _dollars(earned, "earned")
    with as_arguments(_FINISHED_ARGUMENTS):
        feedback = (
            None
            if stars is None and private_score is None and end_reason is None
            else Feedback(stars=stars, private_score=private_score, end_reason=end_reason)
        )
        made = Contract(
            contract_id,
            client,
            ContractKind.FIXED_PRICE,
            first,
            ended=ended,
            payments=(Payment(ended, money),),
            feedback=feedback,
            service_fee_rate=_fee_rate(service_fee_rate, first),
        )
    if not overrides:
        return made
    with as_arguments(_given(Contract, overrides)):
        try:
            made = attrs.evolve(made, **overrides)
        except InvalidValueError as error:
            if error.field != "Contract.feedback" or overrides.get("ended", ended) is not None:
                raise
            # ended=None: Contract refuses the feedback this factory gave (given when a
            # contract ends); the argument at fault is ended, and the rule is Contract's own.
            raise InvalidValueError(
                "finished_contract builds an ended contract with feedback: ended=None would "
                "leave its feedback on an open contract, which has none yet; for an open "
                "contract use contract(), or pass stars=None, private_score=None and "
                "end_reason=None too",
                field="ended",
                rule=error.rule,
            ) from None
    if "payments" not in overrides and made.ended is not None and made.ended != ended:
        # The payment is made on the day the contract ends, whichever day that is.
        made = attrs.evolve(made, payments=(Payment(made.ended, money),))
    return made


def history(
    count: int, *, clients: int = 3, start: date | datetime = date(2025, 1, 6)
) -> list[Contract]:
    """*count* (0 or more) good, ended contracts with *clients* (1 or more) clients, a month apart.

    Their ids are ``h1`` … ``h<count>``, so they never repeat the other
    factories' default id (``c1``): ``history(5) + [finished_contract()]``
    is a valid history.

    Raises:
        InvalidTypeError: *count* or *clients* is not an int, or *start*
            neither a date nor an aware datetime.
        InvalidValueError: *count* is negative or *clients* below 1.
    """
    many = _whole(count, "count", least=0)
    spread = _whole(clients, "clients", least=1)
    first = utc_day(start, "start")
    if many:
        _fits(first, 30 * (many - 1) + 20, "count")
    return [
        finished_contract(
            contract_id=f"h{i + 1}",
            client=f"client{i % spread + 1}",
            started=first + timedelta(days=30 * i),
            days=20,
        )
        for i in range(many)
    ]


def __dir__() -> list[str]:
    """The public names (``__all__``), not the names this module imports (red team r19 L4)."""
    return sorted(__all__)
