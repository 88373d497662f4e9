"""Upwork's service fee on a payment, by the dated schedule in force, and its inverse (private).

:func:`explain_service_fee` works out one transaction's fee and says which
rate it used and why (:class:`ServiceFee`, :class:`FeeBasis`);
:func:`service_fee` and :func:`net_earnings` return the money alone, and
also take a whole contract; :func:`gross_for_net` prices work for a net
amount.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from upwork_safety._display import shown
from upwork_safety._moments import date_field, to_date
from upwork_safety._pickling import through_init
from upwork_safety._render import percent
from upwork_safety._validate import instance, whole_cents
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.fees._common import (
    ZERO,
    Steps,
    day_arg,
    first_reaching,
    from_units,
    money_arg,
    most_units,
    optional_rate,
    units_up,
)
from upwork_safety.kinds import StrEnum
from upwork_safety.models import Contract, Payment
from upwork_safety.money import (
    MAX_DIGITS,
    Money,
    exact,
    optional_plain_money,
    plain_money,
    rate_of,
    round_half_up,
)
from upwork_safety.rules import SERVICE_FEE_HISTORY, RuleHistory, ServiceFeeSchedule

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "FeeBasis",
    "ServiceFee",
    "explain_service_fee",
    "gross_for_net",
    "net_earnings",
    "service_fee",
]

#: What ``rules=`` accepts: one schedule, a history of them, or ``None`` (Upwork's).
Rules = ServiceFeeSchedule | RuleHistory[ServiceFeeSchedule] | None
RateLike = Decimal | int | str


class FeeBasis(StrEnum):
    """Which rate a service fee was charged at, and why."""

    #: The schedule's flat rate.
    FLAT = "flat"
    #: A legacy rate the contract kept (5% until 2023-12-31).
    LEGACY = "legacy"
    #: The sliding scale's marginal bands on lifetime billings with the client.
    SLIDING = "sliding"
    #: The published default of a per-contract schedule: the contract's own
    #: rate was not given.
    DEFAULT = "default"
    #: The contract's own rate.
    CONTRACT = "contract"


def _named(field: str, rate: Decimal) -> str:
    """How a refused rate is named in a message: true for the API and the command line alike."""
    what = "the contract's service_fee_rate" if field.startswith("Contract") else "a contract rate"
    return f"{what} of {percent(rate)}"


def _resolve(  # noqa: C901  (one branch per schedule shape and rate rule)
    schedule: ServiceFeeSchedule,
    on: date,
    rate: Decimal | None,
    field: str,
    rules: object = None,
) -> tuple[FeeBasis, Decimal | None]:
    """The basis and the rate to charge on *on*, or a RulesError naming *field*.

    *rules* is what the caller passed as ``rules=`` (``None`` for Upwork's
    history): a refusal under a flat schedule says when that history's
    per-contract rates start, if they start later.
    """
    if schedule.tiers:
        if rate is not None:
            kept = (
                "; for a contract that kept it into 2023, service_fee(contract, on=...) charges "
                "its payments under the scale by the bands"
                if _kept_top_band(schedule, rate)
                else ""
            )
            raise RulesError(
                f"{_named(field, rate)} on {on}: the schedule in force ({schedule.name}) has no "
                "per-contract rate; its fee depends on the lifetime billings with the client "
                f"(billed before this payment){kept}",
                field=field,
                rule="no per-contract rate under the sliding scale",
            )
        return FeeBasis.SLIDING, None
    if schedule.per_contract:
        if rate is None:
            if schedule.rate is None:
                raise RulesError(
                    f"the service fee on {on} needs the contract's own rate: the schedule "
                    f"({schedule.name}) charges {schedule.range_text()} per contract and has "
                    "no default; pass rate= or a Contract with service_fee_rate",
                    field=field,
                    rule="the contract's own rate",
                )
            return FeeBasis.DEFAULT, schedule.rate
        if not schedule.accepts(rate):
            raise RulesError(
                f"{_named(field, rate)} is outside the {schedule.range_text()} per-contract "
                f"range of the schedule in force on {on} ({schedule.name})",
                field=field,
                rule=f"within {schedule.range_text()}",
            )
        return FeeBasis.CONTRACT, rate
    flat = schedule.rate
    if flat is None:  # pragma: no cover  (a flat schedule has a rate: checked by the schedule)
        raise RulesError(f"{schedule.name} has no rate", field="rules", rule="a flat rate")
    if rate is None or rate == flat:
        return FeeBasis.FLAT, flat
    if rate == schedule.legacy_rate and schedule.legacy_until is not None:
        if on <= schedule.legacy_until:
            return FeeBasis.LEGACY, rate
        raise RulesError(
            f"{_named(field, rate)} on {on}: contracts at the legacy {percent(rate)} kept it only "
            f"until {schedule.legacy_until}; the schedule in force ({schedule.name}) "
            f"charges {percent(flat)}",
            field=field,
            rule=f"legacy rate until {schedule.legacy_until}",
        )
    legacy = (
        f" (or the legacy {percent(schedule.legacy_rate)} until {schedule.legacy_until})"
        if schedule.legacy_rate is not None
        else ""
    )
    raise RulesError(
        f"{_named(field, rate)} on {on}: the schedule in force ({schedule.name}) charges a flat "
        f"{percent(flat)}{legacy}{_per_contract_start(rules, on)}",
        field=field,
        rule=f"the flat {percent(flat)}",
    )


def _per_contract_start(rules: object, on: date) -> str:
    """When the first schedule with per-contract rates after *on* starts, in *rules*' history.

    ``""`` when *rules* is one schedule, or its history has no such schedule
    after *on*.
    """
    history = SERVICE_FEE_HISTORY if rules is None else rules
    if not isinstance(history, RuleHistory):
        return ""
    for schedule in history:
        if isinstance(schedule, ServiceFeeSchedule) and schedule.per_contract:
            if schedule.effective > on:
                return f"; per-contract rates start with the {schedule.effective} schedule"
            return ""
    return ""


def _sliding_fee(schedule: ServiceFeeSchedule, amount: Decimal, before: Decimal) -> Decimal:
    """The exact marginal fee on billings from *before* to *before* + *amount*."""
    fee = ZERO
    end = before + amount
    lower = ZERO
    for tier in schedule.tiers:
        upper = None if tier.up_to is None else tier.up_to.amount
        band_start = max(before, lower)
        band_end = end if upper is None else min(end, upper)
        if band_end > band_start:
            fee += (band_end - band_start) * tier.rate
        if upper is not None:
            lower = upper
    return fee


def cents_arg(value: object, what: str, currency: str, *, why: str = "") -> Money:
    """What a service fee is charged on, or billings before it: :func:`money_arg`, in whole cents.

    The one rule for :class:`ServiceFee`'s amounts and the fee functions'
    arguments: Upwork charges and bills whole cents, as a Payment holds.
    """
    return whole_cents(money_arg(value, what, currency, why=why), what)


def _contract_rate(value: Decimal | int | str | None) -> Decimal | None:
    return optional_rate(value, "ServiceFee.contract_rate")


@through_init
@attrs.frozen(kw_only=True, repr=False)
class ServiceFee(Steps):
    """Upwork's service fee on one payment, with the rate it used and why.

    Built by :func:`explain_service_fee`; the fee is worked out from the
    fields (it is never stored), so a ``ServiceFee`` cannot disagree with its
    schedule.

    Args:
        amount: What the client paid for the work (before the fee), in the
            schedule's currency, whole cents.
        on: The payment date.
        schedule: The service-fee schedule applied.
        contract_rate: The contract's own rate, when it was given.
        billed_before: Lifetime billings with the client before this
            payment, whole cents (the sliding scale's input; ``None`` for a
            new client).

    Raises:
        RulesError: A contract rate the schedule does not charge on *on*.
        InvalidValueError: A negative amount or *billed_before*, or one below
            the cent (what Upwork charges and bills is whole cents).
        CurrencyMismatchError: An amount not in the schedule's currency.
    """

    amount: Money = attrs.field(
        converter=plain_money,
    )
    on: date = attrs.field(converter=to_date, validator=date_field)
    schedule: ServiceFeeSchedule = attrs.field()
    contract_rate: Decimal | None = attrs.field(default=None, converter=_contract_rate)
    billed_before: Money | None = attrs.field(converter=optional_plain_money, default=None)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.schedule, ServiceFeeSchedule):
            raise InvalidTypeError(
                "ServiceFee.schedule must be a ServiceFeeSchedule",
                field="ServiceFee.schedule",
                rule="a ServiceFeeSchedule",
            )
        currency = self.schedule.currency
        cents_arg(self.amount, "ServiceFee.amount", currency)
        if self.billed_before is not None:
            cents_arg(self.billed_before, "ServiceFee.billed_before", currency)
        _resolve(self.schedule, self.on, self.contract_rate, "ServiceFee.contract_rate")

    def __repr__(self) -> str:
        rate = "" if self.rate is None else f" {percent(self.rate)}"
        return f"<ServiceFee {self.fee} on {self.amount}: {self.basis}{rate}, {self.on}>"

    @property
    def basis(self) -> FeeBasis:
        """Which rate was charged, and why (:class:`FeeBasis`)."""
        return _resolve(self.schedule, self.on, self.contract_rate, "contract_rate")[0]

    @property
    def rate(self) -> Decimal | None:
        """The rate charged, or ``None`` under the sliding scale (see :attr:`effective_rate`)."""
        return _resolve(self.schedule, self.on, self.contract_rate, "contract_rate")[1]

    @property
    @exact
    def fee(self) -> Money:
        """The fee, rounded half up to the cent."""
        rate = self.rate
        if rate is None:
            before = ZERO if self.billed_before is None else self.billed_before.amount
            exact_fee = _sliding_fee(self.schedule, self.amount.amount, before)
            # Rounded once, from the exact sum of the bands: a band rate with
            # 18 places gives an exact fee with more than Money may hold.
            currency = self.amount.currency
            return Money(round_half_up(exact_fee, self.amount.minor_unit), currency)
        return rate_of(self.amount, rate)

    @property
    def net(self) -> Money:
        """What reaches the Upwork balance: :attr:`amount` minus :attr:`fee`."""
        return self.amount - self.fee

    @property
    def explanation(self) -> str:
        """Which rate was charged and where it comes from, in words."""
        schedule = self.schedule
        rate = self.rate
        cited = schedule.source.source
        if self.basis is FeeBasis.SLIDING:
            before = self.billed_before or Money.zero(self.amount.currency)
            return f"{schedule.describe()}; billed before: {before} ({cited})"
        if rate is None:  # pragma: no cover  (only the sliding scale has no single rate)
            return schedule.name
        if self.basis is FeeBasis.DEFAULT:
            return (
                f"{percent(rate)}: the rate Upwork publishes, used because the contract's "
                f"own rate was not given ({cited})"
            )
        if self.basis is FeeBasis.CONTRACT:
            ranged = schedule.range_source or schedule.source
            flag = ", unconfirmed" if ranged.unconfirmed else ""
            return (
                f"{percent(rate)}: the contract's own rate (per-contract range "
                f"{schedule.range_text()}: {ranged.source}{flag})"
            )
        if self.basis is FeeBasis.LEGACY:
            return (
                f"{percent(rate)}: the legacy rate this contract kept, honoured until "
                f"{schedule.legacy_until} ({cited})"
            )
        return f"{percent(rate)}: the flat rate in force on {self.on} ({cited})"

    def lines(self) -> list[tuple[str, Money, str]]:
        """Return each step as ``(step, amount, note)``; the fee is negative."""
        return [
            ("Client paid", self.amount, f"on {self.on}"),
            ("Upwork service fee", -self.fee, self.explanation),
            ("Net earnings", self.net, "reaches the Upwork balance"),
        ]

    def _caption(self) -> str:
        return f"Service fee on {self.amount} paid on {self.on}"


def _schedule(on: date, rules: object) -> ServiceFeeSchedule:
    if rules is None:
        return SERVICE_FEE_HISTORY.in_force(on)
    if isinstance(rules, ServiceFeeSchedule):
        return rules
    if isinstance(rules, RuleHistory):
        chosen: object = rules.in_force(on)
        if isinstance(chosen, ServiceFeeSchedule):
            return chosen
    raise InvalidTypeError(
        "rules must be a ServiceFeeSchedule, a RuleHistory of them, or None, "
        f"not {type(rules).__name__}",
        field="rules",
        rule="a ServiceFeeSchedule or RuleHistory",
    )


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


def explain(
    amount: object,
    *,
    day: date,
    rate: Decimal | None,
    rate_field: str,
    billed_before: object,
    rules: object,
    what: str = "amount",
) -> ServiceFee:
    schedule = _schedule(day, rules)
    currency = schedule.currency
    money = cents_arg(amount, what, currency, why=f"Upwork's service fee is charged on {currency}")
    before = None if billed_before is None else cents_arg(billed_before, "billed_before", currency)
    _resolve(schedule, day, rate, rate_field, rules)  # the error names the caller's argument
    return ServiceFee(
        amount=money, on=day, schedule=schedule, contract_rate=rate, billed_before=before
    )


@exact
def explain_service_fee(
    amount: Money,
    *,
    on: date | datetime,
    rate: RateLike | None = None,
    billed_before: Money | None = None,
    contract: Contract | None = None,
    rules: Rules = None,
) -> ServiceFee:
    """Work out the service fee on one payment and say which rate it used, and why.

    From 2025-05-01 the Help Center still publishes a flat 10%, while
    secondary sources report a per-contract rate of 0–15% shown on the
    offer: without the contract's own rate the fee is 10%
    (:attr:`FeeBasis.DEFAULT`), with it, that rate (:attr:`FeeBasis.CONTRACT`).

    Args:
        amount: The payment (USD).
        on: The payment date (a date, or an aware datetime's UTC date).
        rate: The contract's own fee as a fraction (``Decimal("0.12")``,
            ``"0.12"`` or ``"12%"``): used from 2025-05-01 (0–15%), and
            under the 2023 flat 10% schedule as the legacy 5% (honoured
            until 2023-12-31).  Refused by the sliding scale.
        billed_before: Lifetime billings with this client before this
            payment (the 2016–2023 sliding scale's input; ``None`` means a
            new client).  Ignored by the other schedules.  With *contract*,
            the billings before the contract's first payment.
        contract: The contract the payment is on: the payment is charged as
            :func:`service_fee` charges the contract's payments (its
            ``service_fee_rate``, and the kept 5% only for a contract already
            at it).  The payment is one more on the contract: under the
            sliding scale, every payment of the contract up to and including
            *on* counts as billed before, as :func:`service_fee` would charge
            it appended to the contract.
        rules: A schedule (e.g. :data:`ENTERPRISE`) or a history of them
            (e.g. :data:`DATABASE_ADMINISTRATION_HISTORY`) to use instead of
            Upwork's marketplace schedules.

    Returns:
        A :class:`ServiceFee` with ``fee``, ``net``, ``rate``, ``basis`` and
        ``explanation``.

    Raises:
        RulesError: A rate the schedule does not charge, or a date before
            the first schedule of *rules*.
        InvalidValueError: A negative amount or one below the cent, a rate that is not a fraction
            below 1, or *rate* conflicting with the contract's own.
        CurrencyMismatchError: An amount not in USD.
        InvalidTypeError: A wrong-typed argument.

    >>> from upwork_safety.money import Money
    >>> fee = explain_service_fee(Money("100.00", "USD"), on=date(2026, 1, 5))
    >>> print(fee.fee, fee.basis)
    USD 10.00 default
    >>> print(explain_service_fee(Money("100.00", "USD"), on=date(2026, 1, 5), rate="15%").fee)
    USD 15.00
    """
    if isinstance(amount, Contract):
        raise InvalidTypeError(
            "explain_service_fee explains one payment: pass its amount and the contract as "
            "contract=...; for a whole contract, service_fee(contract, on=...) and "
            "net_earnings(contract, on=...) take it as it is",
            field="amount",
            rule="Money",
        )
    day = day_arg(on, "on")
    chosen, field, before = payment_terms(
        rate, contract, day=day, billed_before=billed_before, rules=rules
    )
    return explain(
        amount, day=day, rate=chosen, rate_field=field, billed_before=before, rules=rules
    )


def _counted_payments(contract: Contract, on: date) -> list[Payment]:
    return sorted((p for p in contract.payments if p.on <= on), key=lambda p: p.on)


def _kept_top_band(schedule: ServiceFeeSchedule, rate: Decimal | None) -> bool:
    """Whether *rate* is the sliding scale's top band: the rate a contract "kept" into 2023.

    A contract "already at 5%" when the sliding scale ended (the 2023
    schedule's note, HC 211062538) is one whose billings with the client had passed into the
    scale's top band: its payments under the scale are charged by the bands,
    which reach that rate by themselves, and the rate is kept for the flat
    schedule that honours it.  Any other contract rate under the scale is
    refused.
    """
    return rate is not None and bool(schedule.tiers) and rate == schedule.tiers[-1].rate


def _rate_in(schedule: ServiceFeeSchedule, chosen: Decimal | None) -> Decimal | None:
    """The rate to charge a contract's payment at under *schedule*: the one rule for both paths.

    A contract's kept top-band rate is charged by the sliding scale's bands
    (``None``), any other rate as it is.
    """
    return None if chosen is not None and _kept_top_band(schedule, chosen) else chosen


def _charge_in_turn(
    payments: list[Payment],
    *,
    chosen: Decimal | None,
    field: str,
    billed_before: object,
    rules: object,
) -> list[ServiceFee]:
    """Each of a contract's *payments*, in order, with the earlier ones counted as billed before."""
    fees: list[ServiceFee] = []
    running = billed_before
    for payment in payments:
        fee = explain(
            payment.amount,
            day=payment.on,
            rate=_rate_in(_schedule(payment.on, rules), chosen),
            rate_field=field,
            billed_before=running,
            rules=rules,
            what=f"payment on {payment.on}",
        )
        fees.append(fee)
        running = _billed_after(fee)
    return fees


def _billed_after(fee: ServiceFee) -> Money:
    """The billings with the client once *fee*'s payment is billed."""
    return fee.amount if fee.billed_before is None else fee.billed_before + fee.amount


def _contract_fees(
    contract: Contract, *, on: date, rate: object, billed_before: object, rules: object
) -> list[ServiceFee]:
    chosen, field = rate_and_field(rate, contract)
    payments = _counted_payments(contract, on)
    fees = _charge_in_turn(
        payments,
        chosen=chosen,
        field=field,
        billed_before=billed_before,
        rules=rules,
    )
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


def _position(contract: Contract, payment: Payment) -> int | None:
    """Where *payment* stands in ``contract.payments``, or ``None`` when it is not one of them.

    The contract's own object is found by identity; a copy (a contract
    reloaded from JSON, a statement import) by equality.  When more than one
    entry could be meant, the fee of each differs under the sliding scale,
    so the payment is refused rather than charged as the first of them.
    """
    listed = contract.payments
    same = [i for i, p in enumerate(listed) if p is payment]
    found = same or [i for i, p in enumerate(listed) if p == payment]
    if len(found) <= 1:
        return found[0] if found else None
    places = ", ".join(f"payments[{i}]" for i in found)
    what = (
        f"is listed {len(found)} times on contract {shown(contract.id)} ({places})"
        if same
        else f"is a copy equal to {len(found)} payments of contract {shown(contract.id)} ({places})"
    )
    again = ", after giving each entry its own Payment object" if same else ""
    raise InvalidValueError(
        f"payment ({payment.amount} on {payment.on}) {what}: the sliding scale charges each "
        "after the ones listed before it, so which one is meant decides the fee; pass the "
        f"contract's own entry, contract.payments[i] for the i-th{again}",
        field="payment",
        rule="one payment of the contract",
    )


def _earlier(contract: Contract, day: date, payment: object) -> list[Payment]:
    """The contract's payments billed before one on *day*, in the order service_fee charges them.

    When *payment* is one of the contract's own (:func:`_position`): those
    dated before *day* and those listed before it on *day*.  Otherwise the
    payment is one more on the contract, billed after every payment up to
    and including *day* (as :func:`service_fee` would charge it, appended to
    the contract).  Linear in the contract's payments.
    """
    at = _position(contract, payment) if isinstance(payment, Payment) else None
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
) -> tuple[Decimal | None, str, object]:
    """``(rate, rate_field, billed_before)`` to charge one payment on *day* at.

    Without a contract: the explicit *rate* and *billed_before*.  With one,
    the payment is charged as :func:`service_fee` charges the contract's
    payments (one rule, not a copy): its ``service_fee_rate`` (a kept top
    band by the scale's bands), and the kept 5% only for a contract that
    was already at it (:func:`_check_kept`).  Only a schedule that reads
    the billings with the client (:func:`_reads_billings`) makes the
    contract's earlier payments (:func:`_earlier`) count: billed before is
    then *billed_before* plus their amounts; under any other schedule the
    earlier payments cannot change the fee and are not read.
    """
    chosen, field = rate_and_field(rate, contract)
    if contract is None:
        return chosen, field, billed_before
    assert isinstance(contract, Contract)  # rate_and_field checked it
    schedule = _schedule(day, rules)
    charged = _rate_in(schedule, chosen)
    basis = _resolve(schedule, day, charged, field, rules)[0]
    if chosen is not None and basis is FeeBasis.LEGACY:
        _check_kept(
            contract,
            schedule,
            rate=chosen,
            payments=contract.payments,
            billed_before=billed_before,
            rules=rules,
            field=field,
        )
    if chosen is not None:
        _rate_fits_every_payment(contract, chosen, field, rules)
    if not _reads_billings(schedule):
        return charged, field, billed_before
    currency = schedule.currency
    start = (
        Money.zero(currency)
        if billed_before is None
        else cents_arg(billed_before, "billed_before", currency)
    )
    earlier = _earlier(contract, day, payment)
    if earlier and earlier[0].amount.currency != currency:  # one currency per contract
        money_arg(earlier[0].amount, f"payment on {earlier[0].on}", currency)
    if not earlier:
        return charged, field, billed_before
    return charged, field, start + Money.total((p.amount for p in earlier), currency)


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
            _resolve(schedule, day, _rate_in(schedule, chosen), field, rules)


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
    history = SERVICE_FEE_HISTORY if rules is None else rules
    if not isinstance(history, RuleHistory):
        return
    earlier = [s for s in history if s.effective < flat.effective]
    scale = earlier[-1] if earlier else None
    if isinstance(scale, ServiceFeeSchedule) and _kept_top_band(scale, rate):
        floor = scale.tiers[-2].up_to if len(scale.tiers) > 1 else None
        currency = scale.currency
        before = billed_before if isinstance(billed_before, Money) else Money.zero(currency)
        billed = Money.total(
            (before, *(p.amount for p in payments if p.on < flat.effective)), currency
        )
        if floor is not None and billed <= floor:
            raise RulesError(
                f"{_named(field, rate)}: a contract kept that rate only if its billings with "
                f"the client passed {floor} under {scale.name}; its payments before "
                f"{flat.effective} (and billed_before) come to {billed}",
                field=field,
                rule=f"billings over {floor} under the sliding scale",
            )
    if contract.started >= flat.effective:
        raise RulesError(
            f"{_named(field, rate)}: only contracts already at that rate when {flat.name} "
            f"took effect on {flat.effective} kept it; contract {shown(contract.id)} started on "
            f"{contract.started}",
            field=field,
            rule=f"a contract started before {flat.effective}",
        )


@exact
def service_fee(
    amount: Money | Contract,
    *,
    on: date | datetime,
    rate: RateLike | None = None,
    billed_before: Money | None = None,
    rules: Rules = None,
) -> Money:
    """Return Upwork's service fee on a payment, by the schedule in force *on* that date.

    The fee is computed per transaction and rounded half up to the cent
    (HC 211062538: $266.64 → $26.66, $333.36 → $33.34).  From 2025-05-01 it
    is the published flat 10% unless the contract's own rate is given;
    :func:`explain_service_fee` says which rate was used.

    A :class:`~upwork_safety.Contract` stands for the money paid to
    the freelancer on it up to and including *on*: each of its payments is
    one transaction, charged by the schedule in force on the payment's own
    date, with the contract's ``service_fee_rate``, and the sliding scale
    counts the earlier payments as billed before.  A contract that kept the
    legacy 5% into 2023 carries it as its rate: its payments under the
    sliding scale are charged by the bands (the top band is that 5%), and
    any other rate is refused there.  Only a contract already at 5% when
    the flat schedule took effect (2023-05-03) kept it: one started before
    that day whose billings with the client by then (*billed_before* and
    its payments before that day) had passed the scale's $10,000; any other
    is refused on a day it would be charged the kept rate, whether or not
    any of its payments fell under the scale.

    Args:
        amount: The payment (USD), or a contract whose payments to charge.
        on: The payment date (for a contract, the last day counted).
        rate: The contract's own fee as a fraction, as in
            :func:`explain_service_fee`.
        billed_before: As :func:`explain_service_fee`.
        rules: As :func:`explain_service_fee`.

    Returns:
        The fee, in USD, rounded to the cent.

    Raises:
        RulesError: A rate the schedule does not charge on that date, or
            the kept 5% for a contract that was not already at 5%.
        InvalidValueError: A negative amount or one below the cent, or *rate* conflicting with the
            contract's own.
        CurrencyMismatchError: An amount not in USD.
        InvalidTypeError: A wrong-typed argument.

    >>> from upwork_safety.money import Money
    >>> service_fee(Money("500.00", "USD"), on=date(2024, 1, 10))
    Money(amount=Decimal('50.00'), currency='USD')
    """
    return _charged(amount, on=on, rate=rate, billed_before=billed_before, rules=rules)[0]


def _charged(
    amount: object, *, on: object, rate: object, billed_before: object, rules: object
) -> tuple[Money, Money]:
    """``(fee, net)`` of a payment, or of a contract's payments up to *on* (summed)."""
    day = day_arg(on, "on")
    if isinstance(amount, Contract):
        fees = _contract_fees(amount, on=day, rate=rate, billed_before=billed_before, rules=rules)
        return Money.total((f.fee for f in fees), "USD"), Money.total((f.net for f in fees), "USD")
    chosen, field = rate_and_field(rate, None)
    charged = explain(
        amount, day=day, rate=chosen, rate_field=field, billed_before=billed_before, rules=rules
    )
    return charged.fee, charged.net


@exact
def net_earnings(
    amount: Money | Contract,
    *,
    on: date | datetime,
    rate: RateLike | None = None,
    billed_before: Money | None = None,
    rules: Rules = None,
) -> Money:
    """Return what reaches the freelancer's Upwork balance: *amount* minus the service fee.

    Takes the same arguments as :func:`service_fee`; a contract stands for
    its payments up to and including *on*.

    Returns:
        The net amount in USD.

    Raises:
        RulesError: As :func:`service_fee`.

    >>> from upwork_safety.money import Money
    >>> net_earnings(Money("266.64", "USD"), on=date(2024, 1, 10))
    Money(amount=Decimal('239.98'), currency='USD')
    """
    return _charged(amount, on=on, rate=rate, billed_before=billed_before, rules=rules)[1]


@exact
def gross_for_net(
    net: Money,
    *,
    on: date | datetime,
    rate: RateLike | None = None,
    billed_before: Money | None = None,
    contract: Contract | None = None,
    rules: Rules = None,
) -> Money:
    """Return the smallest payment whose net (after the service fee) reaches *net*.

    Use it to price a milestone: to take home $300.02 in 2024, ask for
    $333.36.  Exact to the cent; because of rounding, a few nets cannot be
    hit exactly and the result's net is then one cent above *net*.

    Args:
        net: The amount the freelancer wants to receive (USD, ≥ 0).
        on: The payment date.
        rate: As :func:`explain_service_fee`.
        billed_before: As :func:`explain_service_fee`.
        contract: As :func:`explain_service_fee`: the payment is priced as
            one more payment on the contract on *on*, billed after all of the
            contract's payments up to and including *on*.
        rules: As :func:`explain_service_fee`.

    Returns:
        The gross payment in USD, in whole cents.

    Raises:
        RulesError: As :func:`service_fee`.
        InvalidValueError: A negative *net*, one that only a payment
            beyond the library's 18-digit limit would reach, or a negative
            *billed_before* or one below the cent (as :func:`service_fee`).

    >>> from upwork_safety.money import Money
    >>> gross_for_net(Money("300.02", "USD"), on=date(2024, 1, 10))
    Money(amount=Decimal('333.36'), currency='USD')
    """
    day = day_arg(on, "on")
    chosen, field, earlier = payment_terms(
        rate, contract, day=day, billed_before=billed_before, rules=rules
    )
    schedule = _schedule(day, rules)
    currency = schedule.currency
    target = money_arg(net, "net", currency, why="Upwork's service fee is charged on USD")
    before = None if earlier is None else cents_arg(earlier, "billed_before", currency)
    _resolve(schedule, day, chosen, field, rules)

    def net_of(cents: int) -> Money:
        gross = from_units(cents, currency)
        return ServiceFee(
            amount=gross, on=day, schedule=schedule, contract_rate=chosen, billed_before=before
        ).net

    # Every marginal rate is below 1, so the net never falls as the gross grows.
    low = units_up(target.amount, currency)
    most = most_units(currency)
    found = first_reaching(lambda cents: net_of(cents) >= target, low, most)
    if found is None:
        largest = from_units(most, currency)
        raise InvalidValueError(
            f"net {target} needs a payment larger than the largest amount the library holds "
            f"({largest}, {MAX_DIGITS} digits before the decimal point), whose net is only "
            f"{net_of(most)}",
            field="net",
            rule=f"at most {MAX_DIGITS} integer digits",
        )
    return from_units(found, currency)
