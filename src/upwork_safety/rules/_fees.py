"""Dated fee rules (private; public via :mod:`upwork_safety.rules` and :mod:`upwork_safety.fees`).

Every number of DOMAIN.md sections 4 and 5 lives here as data: the four
service-fee schedules Upwork has used since 2016, the withdrawal methods a
freelancer in Pakistan can use, and the income tax Pakistani banks withhold
on IT-export receipts.  Each carries its source and says which figures are
*unconfirmed*; all are frozen attrs classes, so a what-if is an
``attrs.evolve`` away.

Sources are Upwork Help Center articles by number ("HC 211062538" is
``support.upwork.com/hc/en-us/articles/211062538``), Upwork Community posts
("COMM") and secondary pages such as news reports ("SEC").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from upwork_safety._validate import bool_field, decimal_value, id_field, plain_date, text_field
from upwork_safety.errors import InvalidTypeError, RulesError
from upwork_safety.money import Money
from upwork_safety.rules._history import RuleHistory
from upwork_safety.rules._provenance import RuleSource

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "DIRECT_TO_LOCAL_BANK",
    "EXPORT_TAX_2022",
    "FLAT_10_2016",
    "FLAT_10_2023",
    "PAKISTAN_METHODS",
    "PAYONEER",
    "PAYPAL",
    "PER_CONTRACT_2025",
    "SERVICE_FEE_HISTORY",
    "SLIDING_SCALE_2016",
    "TAX_RATE_NOT_PSEB",
    "TAX_RATE_PSEB",
    "WIRE_USD",
    "ExportTaxRules",
    "FeeTier",
    "ServiceFeeSchedule",
    "WithdrawalMethod",
    "schedule_as_of",
]

_ONE = Decimal(1)
_ZERO = Decimal(0)


def _fraction(value: object, what: str) -> Decimal:
    rate = decimal_value(value, what)
    if not _ZERO <= rate < _ONE:
        raise RulesError(f"{what} is a fraction from 0 (inclusive) to 1 (exclusive), got {rate}")
    return rate


def _tier_rate(value: object) -> Decimal:
    return _fraction(value, "FeeTier.rate")


def _minimum_rate(value: object) -> Decimal:
    return _fraction(value, "ServiceFeeSchedule.minimum_rate")


def _maximum_rate(value: object) -> Decimal:
    return _fraction(value, "ServiceFeeSchedule.maximum_rate")


def _flat_rate(value: object) -> Decimal | None:
    return None if value is None else _fraction(value, "ServiceFeeSchedule.rate")


def _legacy_rate(value: object) -> Decimal | None:
    return None if value is None else _fraction(value, "ServiceFeeSchedule.legacy_rate")


def _percentage_fee(value: object) -> Decimal:
    return _fraction(value, "WithdrawalMethod.percentage_fee")


def _method_spread(value: object) -> Decimal:
    return _fraction(value, "WithdrawalMethod.spread")


def _pseb_rate(value: object) -> Decimal:
    return _fraction(value, "ExportTaxRules.pseb_registered")


def _other_rate(value: object) -> Decimal:
    return _fraction(value, "ExportTaxRules.not_registered")


def _tiers(value: Iterable[FeeTier]) -> tuple[FeeTier, ...]:
    return tuple(value)


def _up_to(_instance: object, _attribute: object, up_to: Money | None) -> None:
    value: object = up_to
    if value is not None and (not isinstance(value, Money) or value.amount <= 0):
        raise RulesError(f"FeeTier.up_to must be positive Money or None, got {value!r}")


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


@attrs.frozen(kw_only=True)
class ServiceFeeSchedule:
    """Upwork's freelancer service fee as in force from *effective*.

    Exactly one of three shapes:

    * a flat *rate* on every payment (until 2016-06-20, and 2023-05-03 to
      2025-04-30), optionally with a *legacy_rate* some contracts kept until
      *legacy_until*;
    * marginal *tiers* on the lifetime billings with the client (2016-06-21
      to 2023-05-02);
    * a per-contract rate between *minimum_rate* and *maximum_rate* that the
      caller must supply (from 2025-05-01), when *per_contract* is true.

    Args:
        effective: First day the schedule applies.
        name: A short human name.
        rate: The flat rate, or ``None``.
        tiers: The sliding-scale bands, lowest first, the last open-ended.
        per_contract: Whether each contract carries its own rate.
        minimum_rate: Lowest per-contract rate accepted.
        maximum_rate: Highest per-contract rate accepted.
        legacy_rate: A rate older contracts kept under a flat schedule.
        legacy_until: Last day *legacy_rate* was honoured.
        currency: The currency the tiers are counted in.
        source: Where the schedule is published.

    Raises:
        RulesError: The fields do not describe exactly one shape.
    """

    effective: date = attrs.field()
    name: str = attrs.field(validator=id_field)
    rate: Decimal | None = attrs.field(
        default=None,
        converter=_flat_rate,
    )
    tiers: tuple[FeeTier, ...] = attrs.field(default=(), converter=_tiers)
    per_contract: bool = attrs.field(default=False, validator=bool_field)
    minimum_rate: Decimal = attrs.field(
        default=_ZERO,
        converter=_minimum_rate,
    )
    maximum_rate: Decimal = attrs.field(
        default=Decimal("0.15"),
        converter=_maximum_rate,
    )
    legacy_rate: Decimal | None = attrs.field(
        default=None,
        converter=_legacy_rate,
    )
    legacy_until: date | None = attrs.field(default=None)
    currency: str = attrs.field(default="USD", validator=text_field)
    source: RuleSource = attrs.field(factory=lambda: RuleSource(""))

    def __attrs_post_init__(self) -> None:
        plain_date(self.effective, "ServiceFeeSchedule.effective")
        shapes = [self.rate is not None, bool(self.tiers), self.per_contract]
        if sum(shapes) != 1:
            raise RulesError(
                f"ServiceFeeSchedule {self.name!r} needs exactly one of a flat rate, "
                "sliding-scale tiers or per_contract=True"
            )
        self._check_tiers()
        if self.minimum_rate > self.maximum_rate:
            raise RulesError(
                f"ServiceFeeSchedule.minimum_rate ({self.minimum_rate}) is above "
                f"maximum_rate ({self.maximum_rate})"
            )
        if (self.legacy_rate is None) != (self.legacy_until is None):
            raise RulesError(
                "ServiceFeeSchedule.legacy_rate and .legacy_until go together (both or neither)"
            )
        if self.legacy_until is not None:
            plain_date(self.legacy_until, "ServiceFeeSchedule.legacy_until")
            if self.rate is None:
                raise RulesError("ServiceFeeSchedule.legacy_rate belongs to a flat-rate schedule")

    def _check_tiers(self) -> None:
        previous = _ZERO
        for index, tier in enumerate(self.tiers):
            if not isinstance(tier, FeeTier):
                raise InvalidTypeError(
                    f"ServiceFeeSchedule.tiers[{index}] must be a FeeTier, "
                    f"not {type(tier).__name__}"
                )
            last = index == len(self.tiers) - 1
            if (tier.up_to is None) != last:
                raise RulesError(
                    "ServiceFeeSchedule.tiers: only the last band is open-ended (up_to=None)"
                )
            if tier.up_to is not None:
                if tier.up_to.currency != self.currency or tier.up_to.amount <= previous:
                    raise RulesError(
                        f"ServiceFeeSchedule.tiers[{index}].up_to must be in "
                        f"{self.currency} and above the previous band's end"
                    )
                previous = tier.up_to.amount

    @property
    def kind(self) -> str:
        """``"flat"``, ``"sliding"`` or ``"per_contract"``."""
        if self.rate is not None:
            return "flat"
        return "sliding" if self.tiers else "per_contract"

    def describe(self) -> str:
        """Return the schedule in words, e.g. ``"flat 10%"``."""
        if self.rate is not None:
            text = f"flat {_percent(self.rate)}"
            if self.legacy_rate is not None:
                text += (
                    f" ({_percent(self.legacy_rate)} contracts honoured until {self.legacy_until})"
                )
            return text
        if self.tiers:
            bands: list[str] = []
            start = f"0.00 {self.currency}"
            for tier in self.tiers:
                if tier.up_to is None:
                    bands.append(f"{_percent(tier.rate)} above {start}")
                else:
                    bands.append(f"{_percent(tier.rate)} up to {tier.up_to.amount:,}")
                    start = f"{tier.up_to.amount:,}"
            return "marginal on lifetime billings with the client: " + ", ".join(bands)
        return (
            f"per contract, {_percent(self.minimum_rate)}–{_percent(self.maximum_rate)}, "
            "shown on the offer"
        )


def _percent(rate: Decimal) -> str:
    text = format((rate * 100).normalize(), "f")
    return f"{text}%"


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

#: A per-contract rate of 0–15%, shown on the proposal or offer and fixed for
#: the contract's life.  The start date comes from secondary sources.
PER_CONTRACT_2025 = ServiceFeeSchedule(
    effective=date(2025, 5, 1),
    name="per-contract 0–15% (from 2025-05-01)",
    per_contract=True,
    minimum_rate=Decimal(0),
    maximum_rate=Decimal("0.15"),
    source=RuleSource(
        "SEC reports of Upwork's variable fee; the contract's own offer",
        unconfirmed=True,
        note="start date 2025-05-01 from secondary sources; the rate is the contract's own",
    ),
)

#: Every service-fee schedule, oldest first.
SERVICE_FEE_HISTORY: RuleHistory[ServiceFeeSchedule] = RuleHistory(
    "service-fee schedules",
    (FLAT_10_2016, SLIDING_SCALE_2016, FLAT_10_2023, PER_CONTRACT_2025),
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
    if not isinstance(value, tuple) or len(value) != 2:  # pyright: ignore[reportUnknownArgumentType]
        raise InvalidTypeError(
            f"WithdrawalMethod.business_days must be a (fewest, most) tuple, got {value!r}"
        )
    low, high = value  # pyright: ignore[reportUnknownVariableType]
    for item in (low, high):  # pyright: ignore[reportUnknownVariableType]
        if isinstance(item, bool) or not isinstance(item, int) or item < 0:
            raise RulesError(
                f"WithdrawalMethod.business_days must hold whole days ≥ 0, got {value!r}"
            )
    if low > high:
        raise RulesError(f"WithdrawalMethod.business_days must be (fewest, most), got {value!r}")
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


@attrs.frozen(kw_only=True)
class WithdrawalMethod:
    """A way to move an Upwork balance to the freelancer, with its costs.

    Args:
        key: A short identifier, e.g. ``"direct_to_local_bank"``;
            :func:`upwork_safety.fees.get_method` finds a method by it.
        name: The name Upwork shows.
        fixed_fee: The fee per withdrawal, in the balance's currency.
        percentage_fee: A fee proportional to the amount withdrawn, as a
            fraction.
        spread: The default FX markup against the reference rate, as a
            fraction; a quote may override it.
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
    spread: Decimal = attrs.field(converter=_method_spread)
    minimum: Money = attrs.field()
    currency: str = attrs.field(validator=text_field)
    business_days: tuple[int, int] = attrs.field(converter=_business_days)
    available_in_pakistan: bool = attrs.field(validator=bool_field)
    sources: tuple[tuple[str, RuleSource], ...] = attrs.field(converter=_sources)
    note: str = attrs.field(default="", validator=text_field)

    def __attrs_post_init__(self) -> None:
        for name in ("fixed_fee", "minimum"):
            value = getattr(self, name)
            if not isinstance(value, Money):
                raise InvalidTypeError(
                    f"WithdrawalMethod.{name} must be Money, not {type(value).__name__}"
                )
            if value.amount < 0:
                raise RulesError(f"WithdrawalMethod.{name} must not be negative, got {value}")
        if self.fixed_fee.currency != self.minimum.currency:
            raise RulesError(
                "WithdrawalMethod.fixed_fee and .minimum must be in the same currency "
                f"(the balance's), got {self.fixed_fee.currency} and {self.minimum.currency}"
            )
        Money.zero(self.currency)  # validates the ISO code
        missing = sorted(set(SOURCED_FIELDS) - {name for name, _ in self.sources})
        if missing:
            raise RulesError(
                f"WithdrawalMethod {self.key!r} needs a source for every number; missing: "
                + ", ".join(missing)
            )

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
            f"sourced numbers: {', '.join(SOURCED_FIELDS)}"
        )

    @property
    def unconfirmed(self) -> tuple[str, ...]:
        """The fields whose figures are unconfirmed."""
        return tuple(name for name, source in self.sources if source.unconfirmed)


_D2LB = "HC 211060578, HC 211063888"

#: Direct to Local Bank in Pakistani rupees: $0.99 a withdrawal, minimum $5,
#: up to 7 business days.  Upwork's banking partner converts; its markup is
#: not published, so the default spread is 0 and a quote should pass the
#: spread you observe.
DIRECT_TO_LOCAL_BANK = WithdrawalMethod(
    key="direct_to_local_bank",
    name="Direct to Local Bank (PKR)",
    fixed_fee=_usd("0.99"),
    percentage_fee=Decimal(0),
    spread=Decimal(0),
    minimum=_usd("5.00"),
    currency="PKR",
    business_days=(1, 7),
    available_in_pakistan=True,
    sources={
        "fixed_fee": RuleSource(_D2LB, note="$0.99 per withdrawal"),
        "percentage_fee": RuleSource(_D2LB, note="no percentage fee"),
        "spread": RuleSource(
            _D2LB,
            unconfirmed=True,
            note="converted by Upwork's banking partner; markup not published, pass your own",
        ),
        "minimum": RuleSource(_D2LB, note="minimum $5"),
        "currency": RuleSource(_D2LB, note="paid out in PKR"),
        "business_days": RuleSource(_D2LB, note="up to 7 business days; noon UTC cutoff"),
        "available_in_pakistan": RuleSource(_D2LB, note="individual accounts only"),
    },
    note="noon UTC cutoff; individual bank accounts only",
)

_PAYONEER = "COMM Payoneer tip; SEC news reports"

#: Payoneer: about $2 a transfer and up to about 2% FX markup (both
#: unconfirmed); about 2 days to reach Payoneer.
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
            note="none to a PKR account; news reports say 3% to non-PKR bank accounts",
        ),
        "spread": RuleSource(_PAYONEER, unconfirmed=True, note="Payoneer converts; up to about 2%"),
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
    note="the 3% Pakistan fee applies to withdrawals to non-PKR bank accounts (date unconfirmed)",
)

_WIRE = "HC 211063898 ($30), HC 35089917299219 ($50)"

#: A US dollar wire to a Pakistani bank: $50 on Upwork's newer page ($30 on
#: older pages; when it changed is unconfirmed).  The receiving bank converts
#: at its own rate, so the default spread is 0: pass the bank's.
WIRE_USD = WithdrawalMethod(
    key="wire_usd",
    name="US Dollar wire",
    fixed_fee=_usd("50.00"),
    percentage_fee=Decimal(0),
    spread=Decimal(0),
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
            _WIRE,
            unconfirmed=True,
            note="the receiving bank converts at its own rate; pass its spread",
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
    spread=Decimal(0),
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
        non_filer_unconfirmed: Whether the treatment of non-filers is
            unconfirmed (it is: check with your bank).
    """

    effective: date = attrs.field()
    pseb_registered: Decimal = attrs.field(converter=_pseb_rate)
    not_registered: Decimal = attrs.field(converter=_other_rate)
    source: RuleSource = attrs.field()
    non_filer_unconfirmed: bool = attrs.field(default=True, validator=bool_field)

    def __attrs_post_init__(self) -> None:
        plain_date(self.effective, "ExportTaxRules.effective")


#: The withholding on IT-export receipts under s.154A of the Income Tax
#: Ordinance 2001, a final tax since the Finance Act 2022: 0.25% for
#: PSEB-registered freelancers, 1% otherwise.
EXPORT_TAX_2022 = ExportTaxRules(
    effective=date(2022, 7, 1),
    pseb_registered=Decimal("0.0025"),
    not_registered=Decimal("0.01"),
    source=RuleSource(
        "Income Tax Ordinance 2001, s.154A; Finance Act 2022",
        note="final tax withheld by the bank; non-filer treatment unconfirmed",
    ),
)

#: 0.25%: the bank's withholding for PSEB-registered freelancers (s.154A).
TAX_RATE_PSEB: Decimal = EXPORT_TAX_2022.pseb_registered

#: 1%: the bank's withholding for freelancers not registered with PSEB (s.154A).
TAX_RATE_NOT_PSEB: Decimal = EXPORT_TAX_2022.not_registered
