"""Charging a contract's payments: the rate, the billings before each, the kept 5% (private).

:func:`rate_and_field` combines an explicit rate with the contract's own;
:func:`payment_terms` gives the rate and the billings before one more
payment on a contract, and :func:`_contract_fees` charges each of a
contract's payments in turn, the earlier ones counted as billed before
(:func:`~upwork_safety.fees.service_fee` of a contract).  A contract
charged the legacy 5% must have been at it already (:func:`_check_kept`).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, NoReturn

from upwork_safety._decimals import fitting_total
from upwork_safety._display import shown
from upwork_safety._render import percent
from upwork_safety._validate import instance
from upwork_safety.errors import InvalidValueError, RulesError, UpworkSafetyError
from upwork_safety.fees._common import money_arg, optional_rate
from upwork_safety.fees._fee_explanation import (
    FeeBasis,
    ServiceFee,
    _kept_top_band,
    _named,
    _resolve,
    _schedule,
    cents_arg,
    explain,
    refuse_unkept,
)
from upwork_safety.models import Contract, Payment, _before_start
from upwork_safety.money import Money
from upwork_safety.rules import (
    SERVICE_FEE_HISTORY,
    RuleHistory,
    ServiceFeeSchedule,
    _given_rules,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import date
    from decimal import Decimal


def rate_and_field(rate: object, contract: object) -> tuple[Decimal | None, str]:
    """Combine an explicit *rate* with a contract's own, refusing a conflict."""
    explicit = optional_rate(rate, "rate")
    if contract is None:
        return explicit, "rate"
    contract = instance(contract, Contract, "contract")
    own = contract.service_fee_rate
    if explicit is not None and own is not None and explicit != own:
        raise InvalidValueError(
            f"rate={explicit} conflicts with contract {shown(contract.id)}'s own "
            f"service_fee_rate={own}; pass one or make them agree",
            field="rate",
            rule="agrees with Contract.service_fee_rate",
        )
    if explicit is not None:
        return explicit, "rate"
    return own, "Contract.service_fee_rate"


def _offered(contract: Contract, rules: object) -> bool:
    """Whether *contract*'s offer could show a rate of its own (DOMAIN.md section 4).

    A per-contract rate is shown on the proposal or offer and fixed for the
    contract's life: only a contract started under a per-contract schedule
    has one.  With one schedule as ``rules=`` there is no earlier schedule
    to ask, and the contract is taken as offered under it.
    """
    if rules is not None and not isinstance(rules, RuleHistory):
        return True
    history = SERVICE_FEE_HISTORY if rules is None else rules
    started = contract.started
    return started >= history.first_day and bool(history.in_force(started).per_contract)


def _legacy_ended(contract: Contract, chosen: Decimal, day: date, rules: object) -> bool:
    """Whether *contract* kept *chosen* as a legacy rate that ended before *day*.

    Some schedule of *rules* honoured *chosen* as its legacy rate only until
    before *day*, and the contract has a payment by then (one without never
    kept it: :func:`_refuse_kept_after_end`).
    """
    history = SERVICE_FEE_HISTORY if rules is None else rules
    if not isinstance(history, RuleHistory):
        return False
    return any(
        isinstance(schedule, ServiceFeeSchedule)
        and schedule.legacy_rate == chosen
        and schedule.legacy_until is not None
        and schedule.legacy_until < day
        and any(payment.on <= schedule.legacy_until for payment in contract.payments)
        for schedule in history
    )


def _check_offered(
    contract: Contract, chosen: Decimal, field: str, days: Iterable[date], rules: object
) -> None:
    """Refuse a contract's own rate charged on *days* that its offer could not have shown.

    The one rule (:func:`_offered`): a per-contract schedule's rate other
    than its default is charged only on a contract started under a
    per-contract schedule.  A contract that kept a legacy rate (5% until
    2023-12-31) pays the default of every later schedule (:func:`_rate_in`).
    """
    if _offered(contract, rules):
        return
    for day in sorted(set(days)):
        schedule = _schedule(day, rules)
        if not schedule.per_contract or chosen == schedule.rate:
            continue
        if _legacy_ended(contract, chosen, day, rules):
            continue
        default = "its default" if schedule.rate is None else percent(schedule.rate)
        raise RulesError(
            f"{_named(field, chosen)} on {day}: a contract's own rate is shown on its offer "
            f"under a per-contract schedule ({schedule.label}), and contract "
            f"{shown(contract.id)} started on {contract.started}, before per-contract rates: "
            f"it pays {default}",
            field=field,
            rule="a contract started under a per-contract schedule",
        )


def _counted_payments(contract: Contract, on: date) -> list[tuple[int, Payment]]:
    """The payments up to *on* in date order, each with its place in ``contract.payments``."""
    counted = ((i, p) for i, p in enumerate(contract.payments) if p.on <= on)
    return sorted(counted, key=lambda item: item[1].on)


def _rate_in(
    schedule: ServiceFeeSchedule, chosen: Decimal | None, day: date, *, offered: bool = True
) -> Decimal | None:
    """The rate to charge a contract's payment of *day* at under *schedule*: the one rule.

    A contract's kept top-band rate is charged by the sliding scale's bands
    (``None``), and by the schedule's own rate once the flat schedule stops
    honouring it (a contract that kept 5% pays the flat 10% from 2024: DOMAIN.md
    section 4), and by a per-contract schedule's default on a contract whose
    offer showed no rate (not *offered*: a kept rate after its end, since any
    other is refused by :func:`_check_offered`); any other rate as it is.
    """
    if (
        chosen is None
        or _kept_top_band(schedule, chosen)
        or _kept_rate_ended(schedule, chosen, day)
        or (schedule.per_contract and not offered)
    ):
        return None
    return chosen


def _kept_rate_ended(schedule: ServiceFeeSchedule, chosen: Decimal, day: date) -> bool:
    """Whether *chosen* is *schedule*'s legacy rate and *day* is after it stopped honouring it."""
    ended = schedule.legacy_until
    return chosen == schedule.legacy_rate and ended is not None and day > ended


def _refuse_kept_after_end(
    contract: Contract, schedule: ServiceFeeSchedule, chosen: Decimal, field: str
) -> None:
    """Refuse a kept legacy rate on a contract with no payment while it was honoured.

    After :attr:`ServiceFeeSchedule.legacy_until` a contract that kept the
    legacy rate pays the schedule's own (:func:`_rate_in`); one with no
    payment until then never kept it, so its rate is a mistake, said as
    before rather than charged as something else.
    """
    ended = schedule.legacy_until
    assert ended is not None
    if any(payment.on <= ended for payment in contract.payments):
        return
    raise RulesError(
        f"{_named(field, chosen)}: contracts at the legacy {percent(chosen)} kept it only "
        f"until {ended}, and contract {shown(contract.id)} has no payment by then; the "
        f"schedule in force ({schedule.label}) charges {percent(schedule.rate or chosen)}",
        field=field,
        rule=f"legacy rate until {ended}",
    )


def _charge_in_turn(
    payments: list[tuple[int, Payment]],
    *,
    chosen: Decimal | None,
    field: str,
    billed_before: object,
    rules: object,
    started: date | None,
) -> list[ServiceFee]:
    """Each of a contract's *payments*, in order, with the earlier ones counted as billed before.

    Each payment comes with its place in ``contract.payments``: a refusal of
    its amount names it there (``Contract.payments[2].amount``).

    *started* is the contract's start when its offer showed no rate of its
    own (:func:`_offered`), ``None`` when it did.  A payment charged a
    per-contract schedule's default in place of the contract's *chosen*
    rate for that reason says so (:attr:`ServiceFee.contract_started`).
    """
    fees: list[ServiceFee] = []
    running = billed_before
    for index, payment in payments:
        if fees:  # the billings once the payment before is billed (not after the last: unread)
            running = _billed_after(fees[-1])
        schedule = _schedule(payment.on, rules)
        rate = _rate_in(schedule, chosen, payment.on, offered=started is None)
        fee = explain(
            payment.amount,
            day=payment.on,
            rate=rate,
            rate_field=field,
            billed_before=running,
            rules=rules,
            what=f"payment on {payment.on}",
            field=f"Contract.payments[{index}].amount",
            contract_started=_set_aside(schedule, chosen, rate, started),
        )
        fees.append(fee)
    return fees


def _set_aside(
    schedule: ServiceFeeSchedule,
    chosen: Decimal | None,
    charged: Decimal | None,
    started: date | None,
) -> date | None:
    """The contract's start when *schedule*'s default is charged in place of its *chosen* rate.

    *started* is the start of a contract whose offer showed no rate of its
    own (not :func:`_offered`), ``None`` for one whose did; *charged* is
    what :func:`_rate_in` gave.  The result is
    :attr:`ServiceFee.contract_started`: the reason the explanation gives.
    """
    if started is None or chosen is None or charged is not None or not schedule.per_contract:
        return None
    return started


def started_before_rates(
    rate: object, contract: object, *, day: date, rules: object
) -> date | None:
    """:attr:`ServiceFee.contract_started` for a payment on *day* charged by :func:`payment_terms`.

    Called once :func:`payment_terms` has accepted the arguments.
    """
    if not isinstance(contract, Contract):
        return None
    chosen, _field = rate_and_field(rate, contract)
    if chosen is None or _offered(contract, rules):
        return None
    schedule = _schedule(day, rules)
    charged = _rate_in(schedule, chosen, day, offered=False)
    return _set_aside(schedule, chosen, charged, contract.started)


def _billed_after(fee: ServiceFee) -> Money:
    """The billings with the client once *fee*'s payment is billed (:func:`billed_with`)."""
    return billed_with(fee.billed_before, (fee.amount,), fee.amount.currency)


def billed_with(before: Money | None, amounts: Iterable[Money], currency: str) -> Money:
    """The billings with a client: *before* (``billed_before``) plus a contract's *amounts*.

    The contract's own amounts fit together (its constructor checks their
    total), so only the caller's *before* can take the sum past the digits an
    amount holds: refused by the one shared check, naming ``billed_before``
    (red team r43 F3; ``Money``'s ``+`` would name its own ``sum``).
    """
    start = Money.zero(currency).amount if before is None else before.amount
    total = fitting_total(
        (m.amount for m in amounts),
        "billed_before",
        "the billings with the client before a payment of the contract could not be told",
        start=start,
    )
    return Money(total, currency)


def _contract_fees(
    contract: Contract, *, on: date, rate: object, billed_before: object, rules: object
) -> list[ServiceFee]:
    chosen, field = rate_and_field(rate, contract)
    # rules= is checked as every family's is, before any schedule of it is read.
    _given_rules(rules, ServiceFeeSchedule)
    counted = _counted_payments(contract, on)
    payments = [payment for _, payment in counted]
    fees = _charge_in_turn(
        counted,
        chosen=chosen,
        field=field,
        billed_before=billed_before,
        rules=rules,
        started=None if _offered(contract, rules) else contract.started,
    )
    if chosen is not None:
        _check_offered(contract, chosen, field, (p.on for p in payments), rules)
        ended = [
            schedule
            for payment in payments
            if _kept_rate_ended(schedule := _schedule(payment.on, rules), chosen, payment.on)
        ]
        if ended:
            _refuse_kept_after_end(contract, ended[0], chosen, field)
    legacy = next((fee for fee in fees if fee.basis is FeeBasis.LEGACY), None)
    if legacy is not None and chosen is not None:
        # Only a contract charged the kept rate must have earned it before that
        # schedule, whichever of its payments (if any) fell under the scale.
        _check_kept(
            contract,
            legacy.schedule,
            rate=chosen,
            payments=payments,
            billed_before=billed_before,
            rules=rules,
            field=field,
        )
    return fees


def _reads_billings(schedule: ServiceFeeSchedule) -> bool:
    """Whether a payment's fee under *schedule* depends on the billings with the client before it.

    Only the sliding scale's bands do (:attr:`ServiceFeeSchedule.tiers`):
    a flat or per-contract schedule charges its rate whatever came before.
    """
    return bool(schedule.tiers)


def _position(contract: Contract, payment: Payment, field: str) -> int | None:
    """Where *payment* stands in ``contract.payments``, or ``None`` when it is not one of them.

    The contract's own object is found by identity; a copy (a contract
    reloaded from JSON, a statement import) by equality.  When more than one
    entry could be meant, the fee of each differs under the sliding scale,
    so the payment is refused rather than charged as the first of them,
    under *field*: the caller's argument that gave it (red team r22 L3).
    """
    listed = contract.payments
    same = [i for i, p in enumerate(listed) if p is payment]
    found = same or [i for i, p in enumerate(listed) if p == payment]
    if len(found) <= 1:
        return found[0] if found else None
    return _refuse_many(contract, payment, field, found, same=bool(same))


def _refuse_many(
    contract: Contract, payment: Payment, field: str, found: list[int], *, same: bool
) -> NoReturn:
    """Refuse *payment*, found at the places *found* of the contract (the object itself: *same*)."""
    places = ", ".join(f"payments[{i}]" for i in found)
    what = (
        f"is listed {len(found)} times on contract {shown(contract.id)} ({places})"
        if same
        else f"is a copy equal to {len(found)} payments of contract {shown(contract.id)} ({places})"
    )
    again = ", after giving each entry its own Payment object" if same else ""
    raise InvalidValueError(
        f"{field} ({payment.amount} on {payment.on}) {what}: the sliding scale charges each "
        "after the ones listed before it, so which one is meant decides the fee; pass the "
        f"contract's own entry, contract.payments[i] for the i-th{again}",
        field=field,
        rule="one payment of the contract",
    )


def _earlier(contract: Contract, day: date, payment: object, field: str) -> list[Payment]:
    """The contract's payments billed before one on *day*, in the order service_fee charges them.

    When *payment* is one of the contract's own (:func:`_position`): those
    dated before *day* and those listed before it on *day*.  Otherwise the
    payment is one more on the contract, billed after every payment up to
    and including *day* (as :func:`service_fee` would charge it, appended to
    the contract).  Linear in the contract's payments.
    """
    at = _position(contract, payment, field) if isinstance(payment, Payment) else None
    if at is None:
        return [p for p in contract.payments if p.on <= day]
    listed = contract.payments
    return [p for i, p in enumerate(listed) if p.on < day or (p.on == day and i < at)]


def payment_terms(
    rate: object,
    contract: object,
    *,
    day: date,
    billed_before: object,
    rules: object,
    payment: object = None,
    payment_field: str = "payment",
    work: ContractWork | None = None,
) -> tuple[Decimal | None, str, object]:
    """``(rate, rate_field, billed_before)`` to charge one payment on *day* at.

    Without a contract: the explicit *rate* and *billed_before*.  With one,
    a *day* before the contract started is refused (the contract refuses
    such a payment of its own), and the payment is charged as
    :func:`service_fee` charges the contract's payments (one rule, not a
    copy): its ``service_fee_rate`` (a kept top
    band by the scale's bands), and the kept 5% only for a contract that
    was already at it (:func:`_check_kept`).  Only a schedule that reads
    the billings with the client (:func:`_reads_billings`), or a kept
    legacy rate (checked on them), makes the contract's earlier payments
    (:func:`_earlier`) count: billed before is then *billed_before* plus
    their amounts; under any other schedule the earlier payments cannot
    change the fee and are not read.  A refusal
    of *payment* is under *payment_field*, the caller's argument that gave it.

    *work* is the contract's work shared by many calls (:class:`ContractWork`,
    made for the same *contract*, *rate*, *billed_before* and *rules*):
    each check that reads every payment is then done once for them all.
    """
    chosen, field = rate_and_field(rate, contract)
    if contract is None:
        return chosen, field, billed_before
    assert isinstance(contract, Contract)  # rate_and_field checked it
    if work is None:
        work = ContractWork(contract, billed_before=billed_before, rules=rules)
    if day < contract.started:
        # The contract's own rule for its payments (Contract refuses one dated
        # before it started), so one more payment cannot be charged there either.
        if isinstance(payment, Payment):
            _before_start(payment_field, f"is dated {day}", contract.started, day)
        _before_start("on", f"is {day}", contract.started, day)
    schedule = _schedule(day, rules)
    charged = _rate_in(schedule, chosen, day, offered=_offered(contract, rules))
    if chosen is not None and _kept_rate_ended(schedule, chosen, day):
        work.once(
            ("ended", id(schedule)), _refuse_kept_after_end, contract, schedule, chosen, field
        )
    basis = _resolve(schedule, day, charged, field, rules)[0]
    if chosen is not None and basis is FeeBasis.LEGACY:
        work.once(("kept", id(schedule)), work.check_kept, schedule, chosen, field)
    if chosen is not None:
        work.once(("fits",), _rate_fits_every_payment, contract, chosen, field, rules)
        # The days charged: the payments' own, and *day* (one of them for an own payment).
        work.once(("offered", work.new_day(day)), work.check_offered, chosen, field, day)
    if not _reads_billings(schedule) and basis is not FeeBasis.LEGACY:
        return charged, field, billed_before
    # The kept rate is checked again on the billings before this payment
    # (resolve_rate), so they are counted as service_fee counts them.
    currency = schedule.currency
    start = (
        Money.zero(currency)
        if billed_before is None
        else cents_arg(billed_before, "billed_before", currency)
    )
    earlier = work.billed_earlier(day, payment, payment_field, currency)
    if earlier is None:
        return charged, field, billed_before
    return charged, field, billed_with(start, (earlier,), currency)


def _billed(contract: Contract, earlier: list[Payment], currency: str) -> Money | None:
    """What *earlier* (the contract's payments billed before one) come to, ``None`` if none."""
    if earlier and earlier[0].amount.currency != currency:  # one currency per contract
        # The first payment up to *day* in the contract's list (its own order): named there.
        index = contract.payments.index(earlier[0])
        money_arg(
            earlier[0].amount,
            f"payment on {earlier[0].on}",
            currency,
            field=f"Contract.payments[{index}].amount",
        )
    if not earlier:
        return None
    return Money.total((p.amount for p in earlier), currency)


class ContractWork:
    """The work on a contract's payments that every charge of one of them repeats, done once.

    :func:`payment_terms` checks the contract's rate against every payment
    and counts the payments billed before the one it charges: linear in the
    payments for each call, so charging each payment in turn by it (the
    review's findings, one per pending payment) was quadratic (red team
    r39, hostile 2: 2,000 payments took ~22 s).  One instance, made for a
    contract, its *billed_before* and *rules*, is handed to each call:
    each check's outcome (``None``, or the refusal, raised again as a copy)
    is kept by :meth:`once`, and :meth:`billed_earlier` reads the billings
    before a payment of the contract's own from running totals in the
    order :func:`service_fee` charges them.  A one-call instance (no
    *shared*) does each step as it was done before, directly.
    """

    def __init__(
        self, contract: Contract, *, billed_before: object, rules: object, shared: bool = False
    ) -> None:
        self._contract = contract
        self._billed_before = billed_before
        self._rules = rules
        self._shared = shared
        self._outcomes: dict[tuple[object, ...], UpworkSafetyError | None] = {}
        self._index: _Index | None = None

    def once(self, key: tuple[object, ...], check: Callable[..., object], *args: object) -> None:
        """Run *check* with *args* the first time *key* is asked; after that, its outcome again."""
        if not self._shared:
            check(*args)
            return
        if key not in self._outcomes:
            try:
                check(*args)
            except UpworkSafetyError as exc:
                self._outcomes[key] = exc
                raise
            self._outcomes[key] = None
        refused = self._outcomes[key]
        if refused is not None:
            raise copy.copy(refused)

    def new_day(self, day: date) -> date | None:
        """*day* if no payment of the contract is on it, else ``None`` (the days are the same)."""
        if not self._shared:
            return day
        return None if day in self.index().days else day

    def check_kept(self, schedule: ServiceFeeSchedule, chosen: Decimal, field: str) -> None:
        """:func:`_check_kept` of the contract's payments, for one charged *schedule*'s rate."""
        _check_kept(
            self._contract,
            schedule,
            rate=chosen,
            payments=self._contract.payments,
            billed_before=self._billed_before,
            rules=self._rules,
            field=field,
        )

    def check_offered(self, chosen: Decimal, field: str, day: date) -> None:
        """:func:`_check_offered` on the payments' days and *day*."""
        days = (day, *(p.on for p in self._contract.payments))
        _check_offered(self._contract, chosen, field, days, self._rules)

    def index(self) -> _Index:
        """The contract's payments in the order they are charged, with running totals."""
        if self._index is None:
            self._index = _Index(self._contract.payments)
        return self._index

    def billed_earlier(self, day: date, payment: object, field: str, currency: str) -> Money | None:
        """What the contract's payments billed before one on *day* come to (:func:`_earlier`).

        ``None`` when there are none; a payment in another currency than
        *currency* is refused, naming it in ``contract.payments``.
        """
        contract = self._contract
        if self._shared and isinstance(payment, Payment):
            index = self.index()
            places = index.places.get(id(payment))
            if places is not None and len(places) > 1:
                _refuse_many(contract, payment, field, places, same=True)
            total = None if places is None else index.before(places[0], currency)
            if total is not None:
                return total[0]
        return _billed(contract, _earlier(contract, day, payment, field), currency)


class _Index:
    """A contract's payments sorted as charged (by day, then place), with running totals."""

    def __init__(self, listed: tuple[Payment, ...]) -> None:
        self.days = {p.on for p in listed}
        self.places: dict[int, list[int]] = {}
        for i, p in enumerate(listed):
            self.places.setdefault(id(p), []).append(i)
        order = sorted(range(len(listed)), key=lambda i: (listed[i].on, i))
        self.rank = {i: r for r, i in enumerate(order)}
        currencies = {p.amount.currency for p in listed}
        self.currency = next(iter(currencies)) if len(currencies) == 1 else None
        self.totals: list[Money] = []  # totals[r]: the first r + 1 payments charged
        if self.currency is None or any(p.amount.amount < 0 for p in listed):
            return  # not one contract's payments as its constructor keeps them: each counted
        running = Money.zero(self.currency)
        for i in order:
            try:
                running = Money.total((running, listed[i].amount), self.currency)
            except UpworkSafetyError:
                break  # past the digits a sum holds: each counted, and refused, as before
            self.totals.append(running)

    def before(self, place: int, currency: str) -> tuple[Money | None] | None:
        """``(total,)`` of the payments charged before the one at *place* (``None``: none).

        ``None`` when the running totals cannot say it (another currency).
        """
        rank = self.rank[place]
        if rank == 0:
            return (None,)
        if currency != self.currency or rank > len(self.totals):
            return None
        return (self.totals[rank - 1],)


def _rate_fits_every_payment(
    contract: Contract, chosen: Decimal, field: str, rules: object
) -> None:
    """Refuse a contract rate that a schedule of one of its payments refuses, as service_fee does.

    :func:`service_fee` charges every payment of the contract at its rate, so a
    rate an earlier schedule does not take (a 15% rate on a contract paid in
    2024) is refused there; charging one payment refuses it too.  Each schedule
    the payments fall in is asked once, on its latest payment's day (a rate a
    schedule takes only until a day is refused by the latest).
    """
    history = SERVICE_FEE_HISTORY if rules is None else rules
    if not isinstance(history, RuleHistory):
        return  # one schedule for every payment: the one already asked
    offered = _offered(contract, rules)
    latest: dict[date, tuple[object, date]] = {}
    for payment in contract.payments:
        if payment.on < history.first_day:
            continue  # no schedule: refused where the payment is charged
        schedule = history.in_force(payment.on)
        seen = latest.get(schedule.effective)
        if seen is None or seen[1] < payment.on:
            latest[schedule.effective] = (schedule, payment.on)
    for schedule, day in latest.values():
        if isinstance(schedule, ServiceFeeSchedule):
            _resolve(schedule, day, _rate_in(schedule, chosen, day, offered=offered), field, rules)


def _check_kept(
    contract: Contract,
    flat: ServiceFeeSchedule,
    *,
    rate: Decimal,
    payments: Iterable[Payment],
    billed_before: object,
    rules: object,
    field: str,
) -> None:
    """A contract charged *flat*'s legacy *rate* was already at it when *flat* took effect.

    That is: it started before *flat*'s effective day and, when the schedule
    before *flat* is a sliding scale whose top band is *rate*, its billings
    with the client by then (*billed_before* and its *payments* before that
    day) had passed into the top band.  With ``rules=`` one schedule there is
    no earlier schedule to check against, and the rate is taken as given,
    as for one payment.
    """
    if rules is not None and not isinstance(rules, RuleHistory):
        return
    currency = flat.currency
    before = billed_before if isinstance(billed_before, Money) else None
    billed = billed_with(before, (p.amount for p in payments if p.on < flat.effective), currency)
    refuse_unkept(
        flat,
        rate,
        rules,
        billed,
        field=field,
        counted=f"its payments before {flat.effective} (and billed_before) come to",
        given=isinstance(billed_before, Money),
    )
    if contract.started >= flat.effective:
        raise RulesError(
            f"{_named(field, rate)}: only contracts already at that rate when {flat.label} "
            f"took effect on {flat.effective} kept it; contract {shown(contract.id)} started on "
            f"{contract.started}",
            field=field,
            rule=f"a contract started before {flat.effective}",
        )
