"""Dated fee rules (private; public via :mod:`upwork_safety.rules` and :mod:`upwork_safety.fees`).

Every number of DOMAIN.md sections 4 and 5 lives here as data: the
service-fee schedules Upwork has used since 2016 (and the two it applies to
some contracts only: Enterprise clients, and Database Administration in
June 2016), the withdrawal methods a freelancer in Pakistan can use, the
income tax Pakistani banks withhold on IT-export receipts, and the automatic
payment schedules that decide when money leaves the Upwork balance.  Each
carries its source and says which figures are *unconfirmed*; all are frozen
attrs classes, so a what-if is an ``attrs.evolve`` away.

Sources are Upwork Help Center articles by number ("HC 211062538" is
``support.upwork.com/hc/en-us/articles/211062538``), Upwork Community posts
("COMM") and secondary pages such as news reports ("SEC").
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs

from upwork_safety._validate import (
    bool_field,
    fraction,
    id_field,
    plain_date,
    text_field,
)
from upwork_safety.errors import InvalidTypeError, RulesError
from upwork_safety.kinds import StrEnum
from upwork_safety.money import CONTEXT, Money
from upwork_safety.rules._history import RuleHistory
from upwork_safety.rules._provenance import RuleSource
from upwork_safety.rules._provenance import rule as _rule

__all__ = [
    "DATABASE_ADMINISTRATION_2016",
    "DATABASE_ADMINISTRATION_HISTORY",
    "DIRECT_TO_LOCAL_BANK",
    "ENTERPRISE",
    "EXPORT_TAX_2022",
    "EXPORT_TAX_HISTORY",
    "FLAT_10_2016",
    "FLAT_10_2023",
    "PAKISTAN_METHODS",
    "PAYMENT_SCHEDULES",
    "PAYMENT_SCHEDULE_HISTORY",
    "PAYONEER",
    "PAYONEER_USD_ACCOUNT",
    "PAYPAL",
    "PER_CONTRACT_2025",
    "SERVICE_FEE_HISTORY",
    "SLIDING_SCALE_2016",
    "TAX_RATE_NOT_PSEB",
    "TAX_RATE_PSEB",
    "WIRE_USD",
    "ExportTaxRules",
    "FeeTier",
    "Payday",
    "PaymentSchedule",
    "PaymentScheduleRules",
    "ServiceFeeSchedule",
    "WithdrawalMethod",
    "schedule_as_of",
]

_ONE = Decimal(1)
_ZERO = Decimal(0)
_HUNDRED = Decimal(100)


def _rate_rule(what: str) -> str:
    return f"{what.rpartition('.')[2]}: a fraction from 0 up to (not including) 1"


def _fraction(value: object, what: str) -> Decimal:
    """A rate in a rules object: the library's one rate rule, refused as a RulesError."""
    try:
        return fraction(value, what)
    except ValueError as error:  # a rules object that breaks the rule is a RulesError
        raise RulesError(str(error), field=what, rule=_rate_rule(what)) from None


def _tier_rate(value: object) -> Decimal:
    return _fraction(value, "FeeTier.rate")


def _minimum_rate(value: object) -> Decimal:
    return _fraction(value, "ServiceFeeSchedule.minimum_rate")


def _maximum_rate(value: object) -> Decimal | None:
    return None if value is None else _fraction(value, "ServiceFeeSchedule.maximum_rate")


def _flat_rate(value: object) -> Decimal | None:
    return None if value is None else _fraction(value, "ServiceFeeSchedule.rate")


def _legacy_rate(value: object) -> Decimal | None:
    return None if value is None else _fraction(value, "ServiceFeeSchedule.legacy_rate")


def _percentage_fee(value: object) -> Decimal:
    return _fraction(value, "WithdrawalMethod.percentage_fee")


def _method_spread(value: object) -> Decimal | None:
    return None if value is None else _fraction(value, "WithdrawalMethod.spread")


def _pseb_rate(value: object) -> Decimal:
    return _fraction(value, "ExportTaxRules.pseb_registered")


def _other_rate(value: object) -> Decimal:
    return _fraction(value, "ExportTaxRules.not_registered")


def _tiers(value: Iterable[FeeTier]) -> tuple[FeeTier, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not hasattr(value, "__iter__"):
        raise InvalidTypeError(
            f"ServiceFeeSchedule.tiers must be a sequence of FeeTier, not {type(value).__name__}",
            field="ServiceFeeSchedule.tiers",
            rule="a sequence of FeeTier",
        )
    return tuple(value)


def _up_to(_instance: object, _attribute: object, up_to: Money | None) -> None:
    value: object = up_to
    if value is not None and (not isinstance(value, Money) or value.amount <= 0):
        raise RulesError(
            f"FeeTier.up_to must be positive Money or None, got {value!r}",
            field="FeeTier.up_to",
            rule="positive Money or None",
        )


def _source_field(instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    if not isinstance(value, RuleSource):
        name = f"{type(instance).__name__}.{attribute.name}"
        raise InvalidTypeError(
            f"{name} must be a RuleSource, not {type(value).__name__}",
            field=name,
            rule="a RuleSource",
        )


def _optional_source(instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    if value is not None:
        _source_field(instance, attribute, value)


def percent(rate: Decimal) -> str:
    """*rate* (a fraction) as a percentage, no trailing zeros: ``Decimal("0.025")`` → ``2.5%``."""
    text = format(CONTEXT.multiply(rate, _HUNDRED).normalize(CONTEXT), "f")
    return f"{text}%"


# --------------------------------------------------------------------------
# Service fee (DOMAIN.md section 4)
# --------------------------------------------------------------------------


@attrs.frozen
class FeeTier:
    """One band of the 2016–2023 sliding scale.

    Args:
        up_to: The lifetime billings with the client at which this band
            ends (inclusive), or ``None`` for the last, open-ended band.
        rate: The fee on billings that fall in this band, as a fraction.
    """

    up_to: Money | None = attrs.field(validator=_up_to)
    rate: Decimal = attrs.field(converter=_tier_rate)


@attrs.frozen(kw_only=True, repr=False)
class ServiceFeeSchedule:
    """Upwork's freelancer service fee as in force from *effective*.

    Exactly one of three shapes:

    * a flat *rate* on every payment (until 2016-06-20, and 2023-05-03 to
      2025-04-30), optionally with a *legacy_rate* some contracts kept until
      *legacy_until*;
    * marginal *tiers* on the lifetime billings with the client (2016-06-21
      to 2023-05-02);
    * a per-contract rate (*per_contract* true) between *minimum_rate* and
      *maximum_rate*, the contract's own, with *rate* as the default when
      the contract's rate is not given (from 2025-05-01 the Help Center
      still publishes a flat 10%, so that is the default; Enterprise
      contracts likewise).  Without a default *rate*, the contract's rate is
      required.

    Args:
        effective: First day the schedule applies.
        name: A short human name.
        rate: The flat rate, or a per-contract schedule's default; ``None``
            for the sliding scale (and a per-contract schedule without a
            default).
        tiers: The sliding-scale bands, lowest first, the last open-ended.
        per_contract: Whether each contract may carry its own rate.
        minimum_rate: Lowest per-contract rate accepted.
        maximum_rate: Highest per-contract rate accepted, or ``None`` when
            no cap is published (any fraction below 1 is accepted).
        legacy_rate: A rate older contracts kept under a flat schedule.
        legacy_until: Last day *legacy_rate* was honoured.
        currency: The currency the tiers are counted in.
        source: Where the schedule (its flat or default rate, its tiers)
            is published.
        range_source: Where a per-contract schedule's range comes from,
            when that differs from *source* (it may be unconfirmed while the
            default rate is published).

    Raises:
        RulesError: The fields do not describe exactly one shape, or a
            default rate lies outside the per-contract range.
    """

    effective: date = attrs.field()
    name: str = attrs.field(validator=id_field)
    rate: Decimal | None = attrs.field(default=None, converter=_flat_rate)
    tiers: tuple[FeeTier, ...] = attrs.field(default=(), converter=_tiers)
    per_contract: bool = attrs.field(default=False, validator=bool_field)
    minimum_rate: Decimal = attrs.field(default=_ZERO, converter=_minimum_rate)
    maximum_rate: Decimal | None = attrs.field(default=Decimal("0.15"), converter=_maximum_rate)
    legacy_rate: Decimal | None = attrs.field(default=None, converter=_legacy_rate)
    legacy_until: date | None = attrs.field(default=None)
    currency: str = attrs.field(default="USD", validator=text_field)
    source: RuleSource = attrs.field(factory=lambda: RuleSource(""), validator=_source_field)
    range_source: RuleSource | None = attrs.field(
        default=None, validator=_optional_source, metadata={"provenance": True}
    )

    def __attrs_post_init__(self) -> None:
        plain_date(self.effective, "ServiceFeeSchedule.effective")
        shapes = [bool(self.tiers), self.rate is not None or self.per_contract]
        if sum(shapes) != 1:
            raise RulesError(
                f"ServiceFeeSchedule {self.name!r} needs exactly one of a flat rate, "
                "sliding-scale tiers or per_contract=True",
                field="ServiceFeeSchedule",
                rule="one shape",
            )
        self._check_tiers()
        self._check_range()
        if (self.legacy_rate is None) != (self.legacy_until is None):
            raise RulesError(
                "ServiceFeeSchedule.legacy_rate and .legacy_until go together (both or neither)",
                field="ServiceFeeSchedule.legacy_until",
                rule="with legacy_rate",
            )
        if self.legacy_until is not None:
            plain_date(self.legacy_until, "ServiceFeeSchedule.legacy_until")
            if self.rate is None or self.per_contract:
                raise RulesError(
                    "ServiceFeeSchedule.legacy_rate belongs to a flat-rate schedule",
                    field="ServiceFeeSchedule.legacy_rate",
                    rule="flat schedules only",
                )

    def _check_range(self) -> None:
        top = self.maximum_rate
        if top is not None and self.minimum_rate > top:
            raise RulesError(
                f"ServiceFeeSchedule.minimum_rate ({self.minimum_rate}) is above "
                f"maximum_rate ({top})",
                field="ServiceFeeSchedule.minimum_rate",
                rule="minimum_rate <= maximum_rate",
            )
        if self.per_contract and self.rate is not None and not self.accepts(self.rate):
            raise RulesError(
                f"ServiceFeeSchedule.rate ({self.rate}), the default, is outside the "
                f"per-contract range {self.range_text()}",
                field="ServiceFeeSchedule.rate",
                rule="within the per-contract range",
            )

    def _check_tiers(self) -> None:
        previous = _ZERO
        for index, tier in enumerate(self.tiers):
            if not isinstance(tier, FeeTier):
                raise InvalidTypeError(
                    f"ServiceFeeSchedule.tiers[{index}] must be a FeeTier, "
                    f"not {type(tier).__name__}",
                    field=f"ServiceFeeSchedule.tiers[{index}]",
                    rule="a FeeTier",
                )
            last = index == len(self.tiers) - 1
            if (tier.up_to is None) != last:
                raise RulesError(
                    "ServiceFeeSchedule.tiers: only the last band is open-ended (up_to=None)",
                    field=f"ServiceFeeSchedule.tiers[{index}].up_to",
                    rule="only the last band is open-ended",
                )
            if tier.up_to is not None:
                if tier.up_to.currency != self.currency or tier.up_to.amount <= previous:
                    raise RulesError(
                        f"ServiceFeeSchedule.tiers[{index}].up_to must be in "
                        f"{self.currency} and above the previous band's end",
                        field=f"ServiceFeeSchedule.tiers[{index}].up_to",
                        rule="increasing band ends",
                    )
                previous = tier.up_to.amount

    def __repr__(self) -> str:
        return f"<ServiceFeeSchedule {self.name!r}>"

    @property
    def kind(self) -> str:
        """``"flat"``, ``"sliding"`` or ``"per_contract"``."""
        if self.per_contract:
            return "per_contract"
        return "sliding" if self.tiers else "flat"

    def accepts(self, rate: Decimal) -> bool:
        """Whether a per-contract *rate* lies within this schedule's range."""
        top = self.maximum_rate
        return self.minimum_rate <= rate and (top is None or rate <= top)

    def range_text(self) -> str:
        """The per-contract range in words: ``"0%–15%"`` or ``"from 0% (no published cap)"``."""
        if self.maximum_rate is None:
            return f"from {percent(self.minimum_rate)} (no published cap)"
        return f"{percent(self.minimum_rate)}–{percent(self.maximum_rate)}"

    def source_of(self, field: str) -> RuleSource:
        """Return the source of *field*: :attr:`range_source` for the per-contract range.

        Args:
            field: A field name, e.g. ``"rate"`` or ``"maximum_rate"``.
        """
        if self.range_source is not None and field in {
            "per_contract",
            "minimum_rate",
            "maximum_rate",
        }:
            return self.range_source
        return self.source

    @property
    def unconfirmed(self) -> bool:
        """Whether anything in the schedule is unconfirmed (its source or its range's)."""
        return self.source.unconfirmed or (
            self.range_source is not None and self.range_source.unconfirmed
        )

    def describe(self) -> str:
        """Return the schedule in words, e.g. ``"flat 10%"``."""
        if self.per_contract:
            text = f"per contract, {self.range_text()}, shown on the offer"
            if self.rate is not None:
                text += f"; {percent(self.rate)} when the contract's own rate is not given"
            return text
        if self.rate is not None:
            text = f"flat {percent(self.rate)}"
            if self.legacy_rate is not None:
                text += (
                    f" ({percent(self.legacy_rate)} contracts honoured until {self.legacy_until})"
                )
            return text
        bands: list[str] = []
        start = "0.00"
        for tier in self.tiers:
            if tier.up_to is None:
                bands.append(f"{percent(tier.rate)} above {start}")
            else:
                bands.append(f"{percent(tier.rate)} up to {tier.up_to.amount:,}")
                start = f"{tier.up_to.amount:,}"
        return "marginal on lifetime billings with the client: " + ", ".join(bands)


def _usd(amount: str) -> Money:
    return Money(amount, "USD")


_FEE_HC = "HC 211062538"

#: Flat 10% on every payment, until 2016-06-20.
FLAT_10_2016 = ServiceFeeSchedule(
    effective=date.min,
    name="flat 10% (until 2016-06-20)",
    rate=Decimal("0.10"),
    source=RuleSource(
        f"{_FEE_HC} (fee history); replaced by the sliding scale on 2016-06-21",
        note="flat 10% of each payment",
    ),
)

#: The marginal 20/10/5 sliding scale on lifetime billings with the client,
#: 2016-06-21 to 2023-05-02.  Upwork's example: $600 with a new client →
#: fee $110, net $490.
SLIDING_SCALE_2016 = ServiceFeeSchedule(
    effective=date(2016, 6, 21),
    name="sliding scale 20/10/5 (2016-06-21 to 2023-05-02)",
    tiers=(
        FeeTier(_usd("500.00"), Decimal("0.20")),
        FeeTier(_usd("10000.00"), Decimal("0.10")),
        FeeTier(None, Decimal("0.05")),
    ),
    source=RuleSource(
        _FEE_HC,
        note="20% of the first $500 billed with a client, 10% of $500.01–$10,000, 5% above",
    ),
)

#: Flat 10% from 2023-05-03; contracts already at 5% kept it until 2023-12-31.
#: Upwork's example: $500 → fee $50, net $450.
FLAT_10_2023 = ServiceFeeSchedule(
    effective=date(2023, 5, 3),
    name="flat 10% (2023-05-03 to 2025-04-30)",
    rate=Decimal("0.10"),
    legacy_rate=Decimal("0.05"),
    legacy_until=date(2023, 12, 31),
    source=RuleSource(
        _FEE_HC,
        note="flat 10%; contracts already at 5% kept 5% until 2023-12-31",
    ),
)

#: From 2025-05-01: the Help Center still publishes a flat 10%, which is the
#: default; secondary sources report a variable 0–15% per contract, shown on
#: the proposal or offer and fixed for the contract's life, so a contract's
#: own rate in that range is used when given (the range and its start date
#: are unconfirmed).
PER_CONTRACT_2025 = ServiceFeeSchedule(
    effective=date(2025, 5, 1),
    name="10%, or the contract's own 0–15% (from 2025-05-01)",
    rate=Decimal("0.10"),
    per_contract=True,
    minimum_rate=Decimal(0),
    maximum_rate=Decimal("0.15"),
    source=RuleSource(
        _FEE_HC,
        note="the Help Center still publishes a flat 10%: the default when the contract's "
        "own rate is not given",
    ),
    range_source=RuleSource(
        "SEC reports of Upwork's variable fee; the contract's own offer",
        unconfirmed=True,
        note="a 0–15% rate per contract, shown on the proposal or offer and fixed for the "
        "contract's life; no published rule for how it is set; start date 2025-05-01 "
        "from secondary sources",
    ),
)

#: Every service-fee schedule of the marketplace, oldest first.
SERVICE_FEE_HISTORY: RuleHistory[ServiceFeeSchedule] = RuleHistory(
    "service-fee schedules",
    (FLAT_10_2016, SLIDING_SCALE_2016, FLAT_10_2023, PER_CONTRACT_2025),
)

#: The sliding scale as it started for new contracts in the Database
#: Administration category, on 2016-06-07, two weeks before every other
#: category (HC 211062538, 2016 version).
DATABASE_ADMINISTRATION_2016 = attrs.evolve(
    SLIDING_SCALE_2016,
    effective=date(2016, 6, 7),
    name="sliding scale 20/10/5, Database Administration (2016-06-07 to 2023-05-02)",
    source=RuleSource(
        f"{_FEE_HC} (2016 version)",
        note="the new fee took effect for new contracts in the Database Administration "
        "category on 2016-06-07, and in all other categories on 2016-06-21",
    ),
)

#: The schedules of a Database Administration contract, oldest first: the
#: sliding scale from 2016-06-07 instead of 2016-06-21.  Pass it as
#: ``rules=`` to the fee functions.
DATABASE_ADMINISTRATION_HISTORY: RuleHistory[ServiceFeeSchedule] = RuleHistory(
    "service-fee schedules (Database Administration)",
    (
        attrs.evolve(FLAT_10_2016, name="flat 10% (until 2016-06-06, Database Administration)"),
        DATABASE_ADMINISTRATION_2016,
        FLAT_10_2023,
        PER_CONTRACT_2025,
    ),
)

#: Contracts with Enterprise clients: the sliding scale never applied to
#: them; "in general" a flat 10%, the fee specified on each contract offer
#: (HC 226684828).  No range is published, so a contract's own rate is
#: accepted from 0 up to (not including) 100%.  Pass it as ``rules=``.
ENTERPRISE = ServiceFeeSchedule(
    effective=date.min,
    name="Enterprise client: the contract's own fee, in general 10%",
    rate=Decimal("0.10"),
    per_contract=True,
    minimum_rate=Decimal(0),
    maximum_rate=None,
    source=RuleSource(
        "HC 226684828",
        note="sliding fees do not apply to Enterprise contracts; in general a flat 10%, "
        "specified on each contract offer",
    ),
    range_source=RuleSource(
        "HC 226684828; Upwork agent FAQ 'Enterprise freelancer service fees'",
        unconfirmed=True,
        note="negotiated per client ('sometimes higher' than 10%); no published range",
    ),
)


def schedule_as_of(on: date | datetime) -> ServiceFeeSchedule:
    """Return the service-fee schedule in force on *on* (``SERVICE_FEE_HISTORY.in_force(on)``).

    Args:
        on: A date, or a timezone-aware datetime (its UTC date is used).

    Returns:
        The newest schedule of :data:`SERVICE_FEE_HISTORY` whose
        ``effective`` date is not after *on*.

    Raises:
        InvalidTypeError: *on* is not a date.
        InvalidValueError: *on* is a naive datetime.

    >>> schedule_as_of(date(2020, 1, 15)).name
    'sliding scale 20/10/5 (2016-06-21 to 2023-05-02)'
    """
    return SERVICE_FEE_HISTORY.in_force(on)


# --------------------------------------------------------------------------
# Withdrawals (DOMAIN.md section 5)
# --------------------------------------------------------------------------


#: The fields of a :class:`WithdrawalMethod` that are numbers from the sources.
SOURCED_FIELDS = (
    "fixed_fee",
    "percentage_fee",
    "spread",
    "minimum",
    "currency",
    "business_days",
    "available_in_pakistan",
)


def _business_days(value: object) -> tuple[int, int]:
    field = "WithdrawalMethod.business_days"
    if not isinstance(value, tuple) or len(value) != 2:  # pyright: ignore[reportUnknownArgumentType]
        raise InvalidTypeError(
            f"{field} must be a (fewest, most) tuple, got {value!r}",
            field=field,
            rule="a (fewest, most) tuple",
        )
    low, high = value  # pyright: ignore[reportUnknownVariableType]
    for item in (low, high):  # pyright: ignore[reportUnknownVariableType]
        if isinstance(item, bool) or not isinstance(item, int) or item < 0:
            raise RulesError(
                f"{field} must hold whole days ≥ 0, got {value!r}",
                field=field,
                rule="whole days from 0",
            )
    if low > high:
        raise RulesError(
            f"{field} must be (fewest, most), got {value!r}", field=field, rule="fewest <= most"
        )
    return (low, high)  # pyright: ignore[reportUnknownVariableType]


def _sources(value: object) -> tuple[tuple[str, RuleSource], ...]:
    pairs: Iterable[object]
    if isinstance(value, Mapping):
        pairs = value.items()
    elif isinstance(value, (tuple, list)):
        pairs = value
    else:
        raise InvalidTypeError(
            "WithdrawalMethod.sources must map each number's field name to a RuleSource "
            f"(a dict, or (field, RuleSource) pairs), not {type(value).__name__}",
            field="WithdrawalMethod.sources",
            rule="a RuleSource per sourced number",
        )
    items: dict[str, RuleSource] = {}
    for pair in pairs:
        name, source = pair if isinstance(pair, tuple) and len(pair) == 2 else (pair, None)
        if name not in SOURCED_FIELDS or not isinstance(source, RuleSource):
            raise InvalidTypeError(
                f"WithdrawalMethod.sources: {name!r} must be one of {', '.join(SOURCED_FIELDS)} "
                f"with a RuleSource, got {type(source).__name__}",
                field="WithdrawalMethod.sources",
                rule="a RuleSource per sourced number",
            )
        if name in items:
            raise RulesError(
                f"WithdrawalMethod.sources names {name!r} twice",
                field="WithdrawalMethod.sources",
                rule="one RuleSource per sourced number",
            )
        items[name] = source
    return tuple(items.items())


@attrs.frozen(kw_only=True, repr=False)
class WithdrawalMethod:
    """A way to move an Upwork balance to the freelancer, with its costs.

    Args:
        key: A short identifier, e.g. ``"direct_to_local_bank"``;
            :func:`upwork_safety.fees.get_method` finds a method by it.
        name: The name Upwork shows.
        fixed_fee: The fee per withdrawal, in the balance's currency.
        percentage_fee: A fee proportional to the amount withdrawn, as a
            fraction.
        spread: The converter's published (or reported) FX markup against
            the reference rate, as a fraction, or ``None`` when it is not
            published: a quote then needs the rate the method offers
            (``offered_rate=``) or the spread you measured (``spread=``).
        minimum: The smallest balance the method withdraws.
        currency: The currency delivered to the freelancer's account.
        business_days: ``(fewest, most)`` business days to arrive.
        available_in_pakistan: Whether freelancers in Pakistan can use it.
        sources: The :class:`~upwork_safety.rules.RuleSource` of each number
            above, by field name: a dict such as ``{"fixed_fee":
            RuleSource("HC 211060578"), ...}`` or ``(field, RuleSource)``
            pairs; kept as pairs in declaration order.
        note: Anything else a user should know.

    Raises:
        RulesError: A fee or spread outside 0–1, a negative minimum, or a
            number without a source.
    """

    key: str = attrs.field(validator=id_field)
    name: str = attrs.field(validator=id_field)
    fixed_fee: Money = attrs.field()
    percentage_fee: Decimal = attrs.field(converter=_percentage_fee)
    spread: Decimal | None = attrs.field(converter=_method_spread)
    minimum: Money = attrs.field()
    currency: str = attrs.field(validator=text_field)
    business_days: tuple[int, int] = attrs.field(converter=_business_days)
    available_in_pakistan: bool = attrs.field(validator=bool_field)
    sources: tuple[tuple[str, RuleSource], ...] = attrs.field(converter=_sources)
    note: str = attrs.field(default="", validator=text_field)

    def __attrs_post_init__(self) -> None:
        for name in ("fixed_fee", "minimum"):
            value = getattr(self, name)
            field = f"WithdrawalMethod.{name}"
            if not isinstance(value, Money):
                raise InvalidTypeError(
                    f"{field} must be Money, not {type(value).__name__}", field=field, rule="Money"
                )
            if value.amount < 0:
                raise RulesError(
                    f"{field} must not be negative, got {value}", field=field, rule="not negative"
                )
        if self.fixed_fee.currency != self.minimum.currency:
            raise RulesError(
                "WithdrawalMethod.fixed_fee and .minimum must be in the same currency "
                f"(the balance's), got {self.fixed_fee.currency} and {self.minimum.currency}",
                field="WithdrawalMethod.minimum",
                rule="the balance's currency",
            )
        Money.zero(self.currency)  # validates the ISO code
        missing = sorted(set(SOURCED_FIELDS) - {name for name, _ in self.sources})
        if missing:
            raise RulesError(
                f"WithdrawalMethod {self.key!r} needs a source for every number; missing: "
                + ", ".join(missing),
                field="WithdrawalMethod.sources",
                rule="a RuleSource per sourced number",
            )

    def __repr__(self) -> str:
        return f"<WithdrawalMethod {self.key!r}>"

    @property
    def balance_currency(self) -> str:
        """The currency of the balance the method withdraws (its fees' currency)."""
        return self.fixed_fee.currency

    def source_of(self, field: str) -> RuleSource:
        """Return the source of *field* (e.g. ``"fixed_fee"``).

        Raises:
            RulesError: *field* is not one of the sourced numbers.
        """
        for name, source in self.sources:
            if name == field:
                return source
        raise RulesError(
            f"WithdrawalMethod has no sourced number {field!r}; "
            f"sourced numbers: {', '.join(SOURCED_FIELDS)}",
            field="field",
            rule="a sourced number",
        )

    @property
    def unconfirmed(self) -> tuple[str, ...]:
        """The fields whose figures are unconfirmed."""
        return tuple(name for name, source in self.sources if source.unconfirmed)


_D2LB = "HC 211060578, HC 211063888"

#: Direct to Local Bank in Pakistani rupees: $0.99 a withdrawal, minimum $5,
#: up to 7 business days.  Upwork's banking partner converts and does not
#: publish its markup, so ``spread`` is ``None``: quote it with the rate
#: Upwork shows before you confirm (``offered_rate=``) or a spread you
#: measured.
DIRECT_TO_LOCAL_BANK = WithdrawalMethod(
    key="direct_to_local_bank",
    name="Direct to Local Bank (PKR)",
    fixed_fee=_usd("0.99"),
    percentage_fee=Decimal(0),
    spread=None,
    minimum=_usd("5.00"),
    currency="PKR",
    business_days=(1, 7),
    available_in_pakistan=True,
    sources={
        "fixed_fee": RuleSource(_D2LB, note="$0.99 per withdrawal"),
        "percentage_fee": RuleSource(_D2LB, note="no percentage fee"),
        "spread": RuleSource(
            _D2LB,
            note="converted by Upwork's banking partner; markup not published: pass the rate "
            "Upwork shows (offered_rate=) or the spread you measured",
        ),
        "minimum": RuleSource(_D2LB, note="minimum $5"),
        "currency": RuleSource(_D2LB, note="paid out in PKR"),
        "business_days": RuleSource(_D2LB, note="up to 7 business days; noon UTC cutoff"),
        "available_in_pakistan": RuleSource(_D2LB, note="individual accounts only"),
    },
    note="noon UTC cutoff; individual bank accounts only",
)

_PAYONEER = "COMM Payoneer tip; SEC news reports"

#: Payoneer, converting to a PKR bank account: about $2 a transfer and up to
#: about 2% FX markup (both unconfirmed); about 2 days to reach Payoneer.
PAYONEER = WithdrawalMethod(
    key="payoneer",
    name="Payoneer",
    fixed_fee=_usd("2.00"),
    percentage_fee=Decimal(0),
    spread=Decimal("0.02"),
    minimum=_usd("0.00"),
    currency="PKR",
    business_days=(2, 2),
    available_in_pakistan=True,
    sources={
        "fixed_fee": RuleSource(_PAYONEER, unconfirmed=True, note="about $2 per transfer"),
        "percentage_fee": RuleSource(
            _PAYONEER,
            unconfirmed=True,
            note="none to a PKR bank account in our sources (3% to non-PKR accounts: "
            "see PAYONEER_USD_ACCOUNT)",
        ),
        "spread": RuleSource(
            _PAYONEER, unconfirmed=True, note="Payoneer converts to PKR; up to about 2%"
        ),
        "minimum": RuleSource(
            _PAYONEER,
            unconfirmed=True,
            note="no minimum in our sources; the amount must exceed the fees",
        ),
        "currency": RuleSource(_PAYONEER, note="converted to PKR by Payoneer"),
        "business_days": RuleSource(
            _PAYONEER,
            unconfirmed=True,
            note="about 2 days to Payoneer; the transfer to the bank comes after",
        ),
        "available_in_pakistan": RuleSource(_PAYONEER, note="widely used in Pakistan"),
    },
    note="Payoneer's fees to Pakistani banks are unconfirmed",
)

#: Payoneer, keeping US dollars and withdrawing them to a non-PKR (USD)
#: bank account in Pakistan: about $2 a transfer to Payoneer plus 3% on the
#: withdrawal to the bank (news reports; the fee and its start date are
#: unconfirmed).  The bank converts at its own, unpublished rate, so
#: ``spread`` is ``None``.
PAYONEER_USD_ACCOUNT = WithdrawalMethod(
    key="payoneer_usd_account",
    name="Payoneer to a USD account",
    fixed_fee=_usd("2.00"),
    percentage_fee=Decimal("0.03"),
    spread=None,
    minimum=_usd("0.00"),
    currency="USD",
    business_days=(2, 2),
    available_in_pakistan=True,
    sources={
        "fixed_fee": RuleSource(_PAYONEER, unconfirmed=True, note="about $2 per transfer"),
        "percentage_fee": RuleSource(
            "SEC news reports",
            unconfirmed=True,
            note="3% on withdrawals to non-PKR bank accounts in Pakistan; date unconfirmed",
        ),
        "spread": RuleSource(
            _PAYONEER, note="the receiving bank converts at its own rate; not published"
        ),
        "minimum": RuleSource(
            _PAYONEER,
            unconfirmed=True,
            note="no minimum in our sources; the amount must exceed the fees",
        ),
        "currency": RuleSource(_PAYONEER, note="US dollars to a foreign-currency account"),
        "business_days": RuleSource(
            _PAYONEER,
            unconfirmed=True,
            note="about 2 days to Payoneer; the transfer to the bank comes after",
        ),
        "available_in_pakistan": RuleSource(_PAYONEER, note="widely used in Pakistan"),
    },
    note="Payoneer's fees to Pakistani banks are unconfirmed",
)

_WIRE = "HC 211063898 ($30), HC 35089917299219 ($50)"

#: A US dollar wire to a Pakistani bank: $50 on Upwork's newer page ($30 on
#: older pages; when it changed is unconfirmed).  The receiving bank
#: converts at its own, unpublished rate, so ``spread`` is ``None``.
WIRE_USD = WithdrawalMethod(
    key="wire_usd",
    name="US Dollar wire",
    fixed_fee=_usd("50.00"),
    percentage_fee=Decimal(0),
    spread=None,
    minimum=_usd("0.00"),
    currency="USD",
    business_days=(1, 8),
    available_in_pakistan=True,
    sources={
        "fixed_fee": RuleSource(
            _WIRE,
            unconfirmed=True,
            note="$50 on the newer page, $30 on older pages; date of change unconfirmed",
        ),
        "percentage_fee": RuleSource(_WIRE, note="no percentage fee from Upwork"),
        "spread": RuleSource(
            _WIRE, note="the receiving bank converts at its own rate; not published"
        ),
        "minimum": RuleSource(
            _WIRE,
            unconfirmed=True,
            note="no minimum in our sources; the amount must exceed the fee",
        ),
        "currency": RuleSource(_WIRE, note="delivered in US dollars"),
        "business_days": RuleSource(
            _WIRE, note="about 1 business day, plus up to 7 days at the banks"
        ),
        "available_in_pakistan": RuleSource(_WIRE, note="to a Pakistani bank account"),
    },
    note="intermediary and receiving-bank charges are not included",
)

#: PayPal: not available to freelancers in Pakistan.  Listed so comparisons
#: can say so instead of leaving it out silently.
PAYPAL = WithdrawalMethod(
    key="paypal",
    name="PayPal",
    fixed_fee=_usd("0.00"),
    percentage_fee=Decimal(0),
    spread=None,
    minimum=_usd("0.00"),
    currency="USD",
    business_days=(0, 0),
    available_in_pakistan=False,
    sources={
        **{
            field: RuleSource("SEC", unconfirmed=True, note="not applicable in Pakistan")
            for field in SOURCED_FIELDS
            if field != "available_in_pakistan"
        },
        "available_in_pakistan": RuleSource("SEC", note="PayPal does not serve Pakistan"),
    },
    note="not available in Pakistan",
)

#: Every method a freelancer in Pakistan might look for, PayPal included
#: (as unavailable).
PAKISTAN_METHODS: tuple[WithdrawalMethod, ...] = (
    DIRECT_TO_LOCAL_BANK,
    PAYONEER,
    PAYONEER_USD_ACCOUNT,
    WIRE_USD,
    PAYPAL,
)


# --------------------------------------------------------------------------
# Tax (DOMAIN.md section 5)
# --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ExportTaxRules:
    """Income tax a Pakistani bank withholds on IT-export receipts.

    Args:
        effective: First day the rates apply.
        pseb_registered: The rate for freelancers registered with the
            Pakistan Software Export Board.
        not_registered: The rate for everyone else.
        source: Where the rates are published.
        name: A short human name.
        non_filer_unconfirmed: Whether the treatment of non-filers is
            unconfirmed (it is: check with your bank).
    """

    effective: date = attrs.field()
    pseb_registered: Decimal = attrs.field(converter=_pseb_rate)
    not_registered: Decimal = attrs.field(converter=_other_rate)
    source: RuleSource = attrs.field(validator=_source_field)
    name: str = attrs.field(default="s.154A withholding", validator=id_field)
    non_filer_unconfirmed: bool = attrs.field(default=True, validator=bool_field)

    def __attrs_post_init__(self) -> None:
        plain_date(self.effective, "ExportTaxRules.effective")

    def rate(self, *, pseb_registered: bool) -> Decimal:
        """The rate the bank withholds, for a PSEB-registered freelancer or not.

        Raises:
            InvalidTypeError: *pseb_registered* is not a bool.
        """
        if not isinstance(pseb_registered, bool):
            raise InvalidTypeError(
                f"pseb_registered must be a bool, not {type(pseb_registered).__name__}",
                field="pseb_registered",
                rule="a bool",
            )
        return self.pseb_registered if pseb_registered else self.not_registered


#: The withholding on IT-export receipts under s.154A of the Income Tax
#: Ordinance 2001, a final tax since the Finance Act 2022: 0.25% for
#: PSEB-registered freelancers, 1% otherwise; unchanged by the Finance Act
#: 2025 (proposals for 2026-27 are proposals, not law).
EXPORT_TAX_2022 = ExportTaxRules(
    effective=date(2022, 7, 1),
    pseb_registered=Decimal("0.0025"),
    not_registered=Decimal("0.01"),
    name="s.154A withholding, final tax (Finance Act 2022)",
    source=RuleSource(
        "Income Tax Ordinance 2001, s.154A; Finance Act 2022; SEC law-firm summaries of "
        "the Finance Act 2025",
        note="final tax withheld by the bank; unchanged by the Finance Act 2025; "
        "non-filer treatment unconfirmed",
    ),
)

#: The s.154A rules, oldest first.  Earlier rates are not in DOMAIN.md's
#: sources: before 2022-07-01, pass ``tax_rate=`` yourself.
EXPORT_TAX_HISTORY: RuleHistory[ExportTaxRules] = RuleHistory(
    "export tax rules", (EXPORT_TAX_2022,)
)

#: 0.25%: the bank's withholding for PSEB-registered freelancers (s.154A).
TAX_RATE_PSEB: Decimal = EXPORT_TAX_2022.pseb_registered

#: 1%: the bank's withholding for freelancers not registered with PSEB (s.154A).
TAX_RATE_NOT_PSEB: Decimal = EXPORT_TAX_2022.not_registered


# --------------------------------------------------------------------------
# Automatic payment schedules (DOMAIN.md section 5, "Getting paid")
# --------------------------------------------------------------------------


class PaymentSchedule(StrEnum):
    """How often Upwork pays the balance out automatically (HC 211063708)."""

    WEEKLY = "weekly"
    TWICE_MONTHLY = "twice_monthly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "last"}


def _weekday(_instance: object, _attribute: object, value: Any) -> None:  # noqa: ANN401
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        raise RulesError(
            f"Payday.weekday must be 0 (Monday) to 6 (Sunday), got {value!r}",
            field="Payday.weekday",
            rule="0 (Monday) to 6 (Sunday)",
        )


def _int_tuple(value: object) -> tuple[int, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"a Payday's weeks and months must be sequences of int, not {type(value).__name__}",
            field="Payday",
            rule="a sequence of int",
        )
    return tuple(value)  # items checked by the validators


def _weeks(_instance: object, _attribute: object, value: tuple[Any, ...]) -> None:
    for item in value:
        if isinstance(item, bool) or item not in _ORDINALS:
            raise RulesError(
                f"Payday.weeks holds 1–5 (the nth weekday of the month) or -1 (the last), "
                f"got {item!r}",
                field="Payday.weeks",
                rule="1 to 5, or -1",
            )


def _months(_instance: object, _attribute: object, value: tuple[Any, ...]) -> None:
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int) or not 1 <= item <= 12:
            raise RulesError(
                f"Payday.months holds month numbers 1–12, got {item!r}",
                field="Payday.months",
                rule="1 to 12",
            )


@attrs.frozen
class Payday:
    """Which days a payment schedule pays on: a weekday, which of them in the month, which months.

    Args:
        weekday: 0 (Monday) to 6 (Sunday).
        weeks: Which of that weekday's occurrences in the month pay: 1–5
            for the nth, -1 for the last; empty for every one.
        months: The months that pay (1–12); empty for every month.

    >>> Payday(2, (-1,)).describe()
    'the last Wednesday of each month'
    """

    weekday: int = attrs.field(validator=_weekday)
    weeks: tuple[int, ...] = attrs.field(default=(), converter=_int_tuple, validator=_weeks)
    months: tuple[int, ...] = attrs.field(default=(), converter=_int_tuple, validator=_months)

    def matches(self, day: date) -> bool:
        """Whether *day* is a payday under this rule."""
        if day.weekday() != self.weekday or (self.months and day.month not in self.months):
            return False
        if not self.weeks:
            return True
        nth = (day.day - 1) // 7 + 1
        last = day.day + 7 > calendar.monthrange(day.year, day.month)[1]
        return nth in self.weeks or (last and -1 in self.weeks)

    def describe(self) -> str:
        """The rule in words, e.g. ``"the 1st and 3rd Wednesday of each month"``."""
        name = _WEEKDAYS[self.weekday]
        if not self.weeks:
            text = f"every {name}"
        else:
            text = f"the {' and '.join(_ORDINALS[w] for w in self.weeks)} {name}"
        if self.months:
            months = ", ".join(calendar.month_abbr[m] for m in self.months)
            return f"{text} of {months}"
        return text if not self.weeks else f"{text} of each month"


def _threshold(_instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    name = f"PaymentScheduleRules.{attribute.name}"
    if not isinstance(value, Money):
        raise InvalidTypeError(f"{name} must be Money", field=name, rule="Money")
    if value.amount <= 0:
        raise RulesError(f"{name} must be positive, got {value}", field=name, rule="positive")


def _duration(_instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    name = f"PaymentScheduleRules.{attribute.name}"
    if not isinstance(value, timedelta):
        raise InvalidTypeError(f"{name} must be a timedelta", field=name, rule="a timedelta")
    if value < timedelta(0):
        raise RulesError(f"{name} must not be negative", field=name, rule="not negative")


def _payday(_instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    if not isinstance(value, Payday):
        name = f"PaymentScheduleRules.{attribute.name}"
        raise InvalidTypeError(f"{name} must be a Payday", field=name, rule="a Payday")


def _schedule_kind(value: object) -> PaymentSchedule:
    try:
        return PaymentSchedule(value)
    except ValueError:
        known = ", ".join(s.value for s in PaymentSchedule)
        raise RulesError(
            f"PaymentScheduleRules.default_schedule must be one of {known}, got {value!r}",
            field="PaymentScheduleRules.default_schedule",
            rule="a PaymentSchedule",
        ) from None


def _schedule_kinds(value: object) -> tuple[PaymentSchedule, ...]:
    return tuple(_schedule_kind(item) for item in _int_or_text_tuple(value))


def _int_or_text_tuple(value: object) -> tuple[object, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            "PaymentScheduleRules.deferred_when_all_new must be a sequence of PaymentSchedule, "
            f"not {type(value).__name__}",
            field="PaymentScheduleRules.deferred_when_all_new",
            rule="a sequence of PaymentSchedule",
        )
    return tuple(value)  # each item checked by the caller


_SCHEDULE_HC = "HC 211063708"


@attrs.frozen(kw_only=True)
class PaymentScheduleRules:
    """When Upwork pays a freelancer's balance out automatically (HC 211063708).

    A scheduled payout pays the *whole* available balance, and only when it
    reaches the threshold, or when some of it has been held longer than the
    time limit; monthly and twice-monthly schedules defer a payout when the
    whole balance became available that same day.  "Get paid now" (a manual
    withdrawal) is always possible.  A newly added payment method becomes
    active after a wait.  Use :func:`upwork_safety.rules.sources` to list
    each field with its source.
    """

    #: First day these rules apply (the Help Center gives no start date; its
    #: examples date from 2016).
    effective: date = attrs.field(default=date.min)
    #: A short human name for this rule set.
    name: str = attrs.field(default="automatic payment schedules", validator=id_field)
    #: Weekly: every Wednesday.
    weekly: Payday = _rule(Payday(2), _SCHEDULE_HC, "weekly: every Wednesday", validator=_payday)
    #: Twice per month: the 1st and 3rd Wednesday.
    twice_monthly: Payday = _rule(
        Payday(2, (1, 3)),
        _SCHEDULE_HC,
        "twice per month: first and third Wednesday of each month",
        validator=_payday,
    )
    #: Monthly: the last Wednesday.
    monthly: Payday = _rule(
        Payday(2, (-1,)), _SCHEDULE_HC, "monthly: last Wednesday of each month", validator=_payday
    )
    #: Quarterly: the last Monday of March, June, September and December.
    quarterly: Payday = _rule(
        Payday(0, (-1,), (3, 6, 9, 12)),
        _SCHEDULE_HC,
        "quarterly: last Monday of each quarter (e.g. 2016-03-28, 06-27, 09-26, 12-26)",
        validator=_payday,
    )
    #: The schedule used when the freelancer chooses none.
    default_schedule: PaymentSchedule = _rule(
        PaymentSchedule.QUARTERLY,
        _SCHEDULE_HC,
        "quarterly is the default",
        converter=_schedule_kind,
    )
    #: A US freelancer's balance is paid out when it reaches this.
    us_threshold: Money = _rule(
        Money("100.00", "USD"),
        _SCHEDULE_HC,
        "balance limit for U.S. freelancers: paid out at $100 or more",
        validator=_threshold,
    )
    #: Everyone else's balance is paid out when it reaches this.
    international_threshold: Money = _rule(
        Money("1000.00", "USD"),
        _SCHEDULE_HC,
        "balance limit for non-U.S. freelancers: paid out at $1,000 or more",
        validator=_threshold,
    )
    #: Funds held longer than this are paid out whatever the balance.
    time_limit: timedelta = _rule(
        timedelta(days=180),
        _SCHEDULE_HC,
        "funds held longer than 180 days are paid out on the next scheduled date",
        validator=_duration,
    )
    #: These schedules defer a payout when the whole balance became available that day.
    deferred_when_all_new: tuple[PaymentSchedule, ...] = _rule(
        (PaymentSchedule.MONTHLY, PaymentSchedule.TWICE_MONTHLY),
        _SCHEDULE_HC,
        "monthly and twice-monthly schedules do not pay out if the entire balance became "
        "available that same day",
        converter=_schedule_kinds,
    )
    #: A newly added payment method becomes active after this long.
    new_method_wait: timedelta = _rule(
        timedelta(days=3),
        "HC 35089917299219",
        "a new payment method becomes active in three calendar days",
        validator=_duration,
    )

    def __attrs_post_init__(self) -> None:
        plain_date(self.effective, "PaymentScheduleRules.effective")
        for name in ("us_threshold", "international_threshold"):
            if getattr(self, name).currency != "USD":
                raise RulesError(
                    f"PaymentScheduleRules.{name} must be in USD, the balance's currency",
                    field=f"PaymentScheduleRules.{name}",
                    rule="USD",
                )

    def payday(self, schedule: PaymentSchedule) -> Payday:
        """The :class:`Payday` rule of *schedule*."""
        return getattr(self, PaymentSchedule(schedule).value)  # type: ignore[no-any-return]

    def threshold(self, *, us_freelancer: bool) -> Money:
        """The balance that triggers a scheduled payout."""
        return self.us_threshold if us_freelancer else self.international_threshold


#: The automatic payment schedules as the Help Center describes them.
PAYMENT_SCHEDULES = PaymentScheduleRules()

#: Every payment-schedule rule set, oldest first.
PAYMENT_SCHEDULE_HISTORY: RuleHistory[PaymentScheduleRules] = RuleHistory(
    "payment-schedule rules", (PAYMENT_SCHEDULES,)
)
