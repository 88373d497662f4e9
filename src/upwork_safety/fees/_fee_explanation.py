"""One payment's service fee: the rate its schedule charges, and why (private).

:class:`ServiceFee` is the explanation of one transaction's fee: from the
amount, the schedule in force and the contract's own rate it works out the
fee, the net, the :class:`FeeBasis` and the words.  :func:`_resolve` is the
one rule for the rate a schedule charges on a day (refusing any other,
naming the argument at fault), and :func:`explain` builds a
:class:`ServiceFee` from a caller's arguments.  ``_contract_terms`` charges
a contract's payments with it; the public functions are in ``_service_fee``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from upwork_safety._amount_fields import whole_cents
from upwork_safety._moments import date_field, optional_date_field, optional_to_date, to_date
from upwork_safety._pickling import through_init
from upwork_safety._render import billings_rule, percent
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.fees._common import ZERO, Steps, money_arg, optional_rate
from upwork_safety.kinds import StrEnum
from upwork_safety.money import (
    Money,
    exact,
    optional_plain_money,
    plain_money,
    rate_of,
    round_half_up,
)
from upwork_safety.rules import (
    _WHAT_IF_SOURCE,
    SERVICE_FEE_HISTORY,
    RuleHistory,
    RuleSource,
    ServiceFeeSchedule,
    _pick_rules,
)

__all__ = [
    "FeeBasis",
    "ServiceFee",
]


class FeeBasis(StrEnum):
    """Which rate a service fee was charged at, and why."""

    #: The schedule's flat rate.
    FLAT = "flat"
    #: A legacy rate the contract kept (5% until 2023-12-31).
    LEGACY = "legacy"
    #: The sliding scale's marginal bands on lifetime billings with the client.
    SLIDING = "sliding"
    #: The published default of a per-contract schedule: the contract's own
    #: rate was not given, or the contract started before per-contract rates
    #: (:attr:`ServiceFee.contract_started`), so its offer showed none.
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
                f"{_named(field, rate)} on {on}: the schedule in force ({schedule.label}) has no "
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
                    f"({schedule.label}) charges {schedule.range_text()} per contract and has "
                    "no default; pass rate= or a Contract with service_fee_rate",
                    field=field,
                    rule="the contract's own rate",
                )
            return FeeBasis.DEFAULT, schedule.rate
        if not schedule.accepts(rate):
            raise RulesError(
                f"{_named(field, rate)} is outside the {schedule.range_text()} per-contract "
                f"range of the schedule in force on {on} ({schedule.label})",
                field=field,
                rule=f"within {schedule.range_text()}",
            )
        return FeeBasis.CONTRACT, rate
    flat = schedule.rate
    if flat is None:  # pragma: no cover  (a flat schedule has a rate: checked by the schedule)
        raise RulesError(f"{schedule.label} has no rate", field="rules", rule="a flat rate")
    if rate is None or rate == flat:
        return FeeBasis.FLAT, flat
    if rate == schedule.legacy_rate and schedule.legacy_until is not None:
        if on <= schedule.legacy_until:
            return FeeBasis.LEGACY, rate
        raise RulesError(
            f"{_named(field, rate)} on {on}: contracts at the legacy {percent(rate)} kept it only "
            f"until {schedule.legacy_until}; the schedule in force ({schedule.label}) "
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
        f"{_named(field, rate)} on {on}: the schedule in force ({schedule.label}) charges a flat "
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


def cents_arg(
    value: object, what: str, currency: str, *, why: str = "", field: str | None = None
) -> Money:
    """What a service fee is charged on, or billings before it: :func:`money_arg`, in whole cents.

    The one rule for :class:`ServiceFee`'s amounts and the fee functions'
    arguments: Upwork charges and bills whole cents, as a Payment holds.
    *field* as :func:`money_arg`'s (a Payment's amount is whole cents already).
    """
    return whole_cents(money_arg(value, what, currency, why=why, field=field), what)


def _contract_rate(value: Decimal | int | str | None) -> Decimal | None:
    return optional_rate(value, "ServiceFee.contract_rate")


def _cited(schedule: ServiceFeeSchedule, *fields: str) -> RuleSource:
    """The source of the values *fields* name, printed together.

    The first field's source, or the what-if one when any of them is a
    what-if value (it has no source).
    """
    sources = [schedule.source_of(field) for field in fields]
    return _WHAT_IF_SOURCE if _WHAT_IF_SOURCE in sources else sources[0]


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
        contract_started: The day the contract started, given when it
            started before per-contract rates: its offer showed no rate of
            its own, so the schedule's default is charged whatever rate the
            contract names (a contract that kept 5% into 2023 among them);
            :attr:`explanation` says so.  ``None`` otherwise.

    Raises:
        RulesError: A contract rate the schedule does not charge on *on*.
        InvalidValueError: A negative amount or *billed_before*, or one below
            the cent (what Upwork charges and bills is whole cents); a
            *contract_started* with a *contract_rate*, under a schedule
            without per-contract rates, or not before the schedule's
            effective day.
        CurrencyMismatchError: An amount not in the schedule's currency.
    """

    amount: Money = attrs.field(
        converter=plain_money,
    )
    on: date = attrs.field(converter=to_date, validator=date_field)
    schedule: ServiceFeeSchedule = attrs.field()
    contract_rate: Decimal | None = attrs.field(default=None, converter=_contract_rate)
    billed_before: Money | None = attrs.field(converter=optional_plain_money, default=None)
    contract_started: date | None = attrs.field(
        default=None, converter=optional_to_date, validator=optional_date_field
    )

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
        started = self.contract_started
        if started is not None and (
            self.contract_rate is not None
            or not self.schedule.per_contract
            or started >= self.schedule.effective
        ):
            raise InvalidValueError(
                f"ServiceFee.contract_started ({started}) is given only for a contract that "
                f"started before per-contract rates, charged the default of a per-contract "
                f"schedule ({self.schedule.label}, from {self.schedule.effective}) with no "
                "contract_rate",
                field="ServiceFee.contract_started",
                rule="a contract started before the per-contract schedule",
            )

    def __repr__(self) -> str:
        rate = "" if self.rate is None else f" {percent(self.rate)}"
        return f"<ServiceFee {self.fee} on {self.amount}: {self.basis}{rate}, {self.on}>"

    @property
    def basis(self) -> FeeBasis:
        """Which rate was charged, and why (:class:`FeeBasis`)."""
        return _resolve(self.schedule, self.on, self.contract_rate, "contract_rate")[0]

    @property
    def rate(self) -> Decimal | None:
        """The rate charged, or ``None`` under the sliding scale.

        The sliding scale charges each band of the client's billings its own
        rate, so no single rate was charged: :attr:`fee` is the sum of the
        bands, and :attr:`explanation` names the bands and the billings before.
        """
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
        # The source of the rule applied: a what-if value has none (red team r21 M2).
        field = {FeeBasis.SLIDING: "tiers", FeeBasis.LEGACY: "legacy_rate"}.get(self.basis, "rate")
        cited = schedule.source_of(field).source
        if self.basis is FeeBasis.SLIDING:
            before = self.billed_before or Money.zero(self.amount.currency)
            return f"{schedule.describe()}; billed before: {before} ({cited})"
        if rate is None:  # pragma: no cover  (only the sliding scale has no single rate)
            return schedule.label
        if self.basis is FeeBasis.DEFAULT:
            what = (
                "the what-if default"
                if schedule.source_of("rate") == _WHAT_IF_SOURCE
                else "the rate Upwork publishes"
            )
            why = (
                "the contract's own rate was not given"
                if self.contract_started is None
                else f"the contract started on {self.contract_started}, before per-contract "
                "rates, so its offer showed no rate of its own"
            )
            return f"{percent(rate)}: {what}, used because {why} ({cited})"
        if self.basis is FeeBasis.CONTRACT:
            # The range, and the switch that turns it on (review r21 M1: a what-if switch).
            ranged = _cited(schedule, "maximum_rate", "minimum_rate", "per_contract")
            flag = ", unconfirmed" if ranged.unconfirmed else ""
            return (
                f"{percent(rate)}: the contract's own rate (per-contract range "
                f"{schedule.range_text()}: {ranged.source}{flag})"
            )
        if self.basis is FeeBasis.LEGACY:
            # The rate and the day it is honoured until (review r21 M1: a what-if day).
            kept = _cited(schedule, "legacy_rate", "legacy_until").source
            return (
                f"{percent(rate)}: the legacy rate this contract kept, honoured until "
                f"{schedule.legacy_until} ({kept})"
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
    """The schedule for *on*, as every family resolves its ``rules=`` (:func:`_pick_rules`).

    A schedule given is used as given for any day; a history given that
    starts after *on* is refused naming ``rules``.
    """
    return _pick_rules(rules, ServiceFeeSchedule, SERVICE_FEE_HISTORY, on)


def explain(
    amount: object,
    *,
    day: date,
    rate: Decimal | None,
    rate_field: str,
    billed_before: object,
    rules: object,
    what: str = "amount",
    field: str | None = None,
    contract_started: date | None = None,
) -> ServiceFee:
    schedule = _schedule(day, rules)
    currency = schedule.currency
    why = f"Upwork's service fee is charged on {currency}"
    money = cents_arg(amount, what, currency, why=why, field=field)
    before = None if billed_before is None else cents_arg(billed_before, "billed_before", currency)
    resolve_rate(
        schedule, day, rate, rate_field, rules, billed_before=before
    )  # errors name the argument
    return ServiceFee(
        amount=money,
        on=day,
        schedule=schedule,
        contract_rate=rate,
        billed_before=before,
        contract_started=contract_started,
    )


def resolve_rate(
    schedule: ServiceFeeSchedule,
    on: date,
    rate: Decimal | None,
    field: str,
    rules: object,
    *,
    billed_before: Money | None,
) -> tuple[FeeBasis, Decimal | None]:
    """:func:`_resolve`, and a legacy rate refused when *billed_before* shows it never applied.

    Billings only grow: a client not past the scale's top threshold by this
    payment was not past it when the scale ended either, so the contract
    was never at that rate (fidelity r16 L4).  ``None`` is a new client, as
    every fee function documents it: $0 billed, so never at that rate
    (review r29 promises 1; it was read as "unknown" and the rate trusted).
    """
    basis, charged = _resolve(schedule, on, rate, field, rules)
    if basis is FeeBasis.LEGACY and rate is not None:
        refuse_unkept(
            schedule,
            rate,
            rules,
            Money.zero(schedule.currency) if billed_before is None else billed_before,
            field=field,
            counted="the client's billings before this payment (none given: a new client) come to"
            if billed_before is None
            else "the client's billings before this payment come to",
            given=billed_before is not None,
        )
    return basis, charged


def refuse_unkept(
    flat: ServiceFeeSchedule,
    rate: Decimal,
    rules: object,
    billed: Money,
    *,
    field: str,
    counted: str,
    given: bool,
) -> None:
    """Refuse *flat*'s legacy *rate* for billings that never passed the scale's top band.

    The sliding scale before *flat* (in *rules*, Upwork's history when
    ``None``) charged its top band on lifetime billings with the client
    exceeding its last threshold ($10,000, HC 211062538): a contract was
    "already at 5%" only past it, so exactly $10,000.00 is not enough.  With
    ``rules=`` one schedule there is no scale to check against.  *counted*
    says what *billed* is, for the message; *given* whether the caller gave
    the billings before (``billed_before``): the refusal is then final, and
    only without them is it for want of them (``needs``).
    """
    history = SERVICE_FEE_HISTORY if rules is None else rules
    if not isinstance(history, RuleHistory):
        return
    earlier = [s for s in history if s.effective < flat.effective]
    scale = earlier[-1] if earlier else None
    if not isinstance(scale, ServiceFeeSchedule) or not _kept_top_band(scale, rate):
        return
    floor = scale.tiers[-2].up_to if len(scale.tiers) > 1 else None
    if floor is not None and billed <= floor:
        raise RulesError(
            f"{_named(field, rate)}: a contract kept that rate only if its billings with the "
            f"client passed {floor} under {scale.label}; {counted} {billed}",
            field=field,
            rule=billings_rule(floor),
            # Told apart as data, never by the rule's text (review r40, 4); only when the
            # caller's billings before were not given (diff review r40, 2).
            needs=None if given else "billed_before",
        )


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
