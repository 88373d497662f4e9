"""Upwork's freelancer service-fee schedules, dated (private; public via ``rules`` and ``fees``).

DOMAIN.md section 4: the schedules since 2016 (flat 10%, the 2016–2023
sliding scale on lifetime billings with a client, flat 10% from 2023, and
the per-contract rate from 2025 with its published 10% default), plus the two
that apply to some contracts only (Enterprise clients, and Database
Administration from June 2016).  Sources are Help Center articles by number
("HC 211062538" is ``support.upwork.com/hc/en-us/articles/211062538``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

import attrs

from upwork_safety._amount_fields import whole_cents
from upwork_safety._display import shown
from upwork_safety._moments import settle_date
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text
from upwork_safety._render import percent
from upwork_safety._validate import as_sequence, bool_field, id_field
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.money import Money, check_currency, optional_plain_money, to_decimal
from upwork_safety.rules._common import (
    ZERO,
    optional_rate_field,
    optional_source_field,
    optional_to_rate,
    rate_field,
    source_field,
    to_rate,
    usd,
)
from upwork_safety.rules._history import RuleHistory, rule_set_kind
from upwork_safety.rules._provenance import RuleSource
from upwork_safety.rules._what_if import _WHAT_IF_SOURCE, changed, label, made_from, sourced

# --------------------------------------------------------------------------
# Service fee (DOMAIN.md section 4)
# --------------------------------------------------------------------------


def _tiers(value: Iterable[FeeTier]) -> tuple[FeeTier, ...]:
    return as_sequence(value, "ServiceFeeSchedule.tiers", "FeeTier", ordered="lowest band first")


def _up_to(_instance: object, _attribute: object, up_to: Money | None) -> None:
    value: object = up_to
    if value is not None and (not isinstance(value, Money) or value.amount <= 0):
        raise RulesError(
            f"FeeTier.up_to must be positive Money or None, got {shown(value)}",
            field="FeeTier.up_to",
            rule="positive Money or None",
        )
    if isinstance(value, Money):
        # Billings with a client are whole cents (as ServiceFee.billed_before): a band
        # ends on a cent.  The library's whole-cents rule, raised as a broken rule.
        try:
            whole_cents(value, "FeeTier.up_to")
        except InvalidValueError as error:
            raise RulesError(str(error), field=error.field, rule=error.rule) from None


@through_init
@attrs.frozen
class FeeTier:
    """One band of the 2016–2023 sliding scale.

    Args:
        up_to: The lifetime billings with the client at which this band
            ends (inclusive), whole cents, or ``None`` for the last,
            open-ended band.
        rate: The fee on billings that fall in this band, as a fraction.

    Raises:
        RulesError: An *up_to* that is not positive Money or not whole minor
            units (cents), or a *rate* outside 0 to 1.
    """

    up_to: Money | None = attrs.field(converter=optional_plain_money, validator=_up_to)
    rate: Decimal = attrs.field(converter=to_rate, validator=rate_field)


#: The fields of a :class:`ServiceFeeSchedule` its :attr:`~ServiceFeeSchedule.range_source` cites.
_RANGE_FIELDS = frozenset({"per_contract", "minimum_rate", "maximum_rate"})

#: The bounds of the per-contract range: a figure of a per-contract schedule only.
_RANGE_BOUNDS = frozenset({"minimum_rate", "maximum_rate"})

#: The source of the range bounds of a flat or sliding schedule: they do not apply.
_NO_RANGE = RuleSource(
    "not applicable",
    note="no per-contract range: the schedule's flat rate or bands apply to every contract",
)


def _rule_fields() -> tuple[str, ...]:
    """The fields that are rules, not labels: every field but the name and the two sources."""
    return tuple(name for name in _sourced_fields() if name != "name")


def _sourced_fields() -> tuple[str, ...]:
    """The fields :meth:`ServiceFeeSchedule.source_of` answers: every field but the two sources."""
    return tuple(
        field.name
        for field in attrs.fields(ServiceFeeSchedule)
        if field.name not in {"source", "range_source"}
    )


@rule_set_kind
@through_init
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
        minimum_rate: Lowest per-contract rate accepted (default 0).
        maximum_rate: Highest per-contract rate accepted, or ``None`` (the
            default) when no cap is published: any fraction below 1 is
            accepted.  The 15% cap is :data:`PER_CONTRACT_2025`'s alone; a
            flat or sliding schedule has no range (one given is refused),
            and :func:`~upwork_safety.rules.sources` lists its range fields
            as not applicable.
        legacy_rate: A rate older contracts kept under a flat schedule.
        legacy_until: Last day *legacy_rate* was honoured, on or after
            *effective*.
        currency: The currency the fee is charged in and the tiers are
            counted in: an ISO 4217 code babel knows (``"USD"``).
        source: Where the schedule (its flat or default rate, its tiers)
            is published.
        range_source: Where a per-contract schedule's range comes from,
            when that differs from *source* (it may be unconfirmed while the
            default rate is published).

    Raises:
        RulesError: The fields do not describe exactly one shape, a
            default rate lies outside the per-contract range, a band's
            end in another currency than *currency* (``rule="in USD"``) or
            not above the previous one's (``rule="increasing band ends"``),
            or *legacy_until* is before *effective*.
    """

    effective: date = attrs.field()
    # No converter: pyright cannot match a converted field to RuleHistory's protocol,
    # so id_field refuses a str subclass instead of storing it plain.
    name: str = attrs.field(validator=id_field)
    rate: Decimal | None = attrs.field(
        default=None, converter=optional_to_rate, validator=optional_rate_field
    )
    tiers: tuple[FeeTier, ...] = attrs.field(default=(), converter=_tiers)
    per_contract: bool = attrs.field(default=False, validator=bool_field)
    minimum_rate: Decimal = attrs.field(default=ZERO, converter=to_rate, validator=rate_field)
    maximum_rate: Decimal | None = attrs.field(
        default=None, converter=optional_to_rate, validator=optional_rate_field
    )
    legacy_rate: Decimal | None = attrs.field(
        default=None, converter=optional_to_rate, validator=optional_rate_field
    )
    legacy_until: date | None = attrs.field(default=None)
    currency: str = attrs.field(default="USD", converter=plain_text, validator=check_currency)
    source: RuleSource = attrs.field(factory=lambda: RuleSource(""), validator=source_field)
    range_source: RuleSource | None = attrs.field(
        default=None, validator=optional_source_field, metadata={"provenance": True}
    )

    def __attrs_post_init__(self) -> None:
        settle_date(self, "effective", "ServiceFeeSchedule.effective")
        shapes = [bool(self.tiers), self.rate is not None or self.per_contract]
        if sum(shapes) != 1:
            raise RulesError(
                f"ServiceFeeSchedule {shown(self.name)} needs exactly one of a flat rate, "
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
            settle_date(self, "legacy_until", "ServiceFeeSchedule.legacy_until")
            if self.legacy_until < self.effective:
                raise RulesError(
                    f"ServiceFeeSchedule.legacy_until is {self.legacy_until}, before the "
                    f"schedule takes effect on {self.effective}: the legacy rate is honoured "
                    "under this schedule, from its first day",
                    field="ServiceFeeSchedule.legacy_until",
                    rule="on or after effective",
                )
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
        if not self.per_contract and (self.minimum_rate or top is not None):
            # A range means nothing where the schedule sets the rate (second red team r42, 7).
            field = "maximum_rate" if top is not None else "minimum_rate"
            raise RulesError(
                f"ServiceFeeSchedule.{field} is a per-contract range; a flat or sliding "
                "schedule sets the rate itself, so give it no range (minimum_rate 0, "
                "maximum_rate None), or per_contract=True",
                field=f"ServiceFeeSchedule.{field}",
                rule="a range on per-contract schedules only",
            )
        if self.per_contract and self.rate is not None and not self.accepts(self.rate):
            raise RulesError(
                f"ServiceFeeSchedule.rate ({self.rate}), the default, is outside the "
                f"per-contract range {self.range_text()}",
                field="ServiceFeeSchedule.rate",
                rule="within the per-contract range",
            )

    def _check_tiers(self) -> None:
        previous = ZERO
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
                # Two rules, two errors: a band's currency is not its order (review r40, 8).
                if tier.up_to.currency != self.currency:
                    raise RulesError(
                        f"ServiceFeeSchedule.tiers[{index}].up_to is in "
                        f"{tier.up_to.currency}; a band's end must be in the schedule's "
                        f"currency, {self.currency}",
                        field=f"ServiceFeeSchedule.tiers[{index}].up_to",
                        rule=f"in {self.currency}",
                    )
                if tier.up_to.amount <= previous:
                    raise RulesError(
                        f"ServiceFeeSchedule.tiers[{index}].up_to ({tier.up_to}) must be above "
                        f"the previous band's end ({Money(previous, self.currency)})",
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
        """Whether a per-contract *rate* lies within this schedule's range.

        Raises:
            InvalidTypeError: *rate* is a float, a bool or not a number.
            InvalidValueError: *rate* is not a finite number within the
                library's limits (``field`` ``"rate"``): a NaN is refused
                so, never compared into a bare ``decimal.InvalidOperation``.
        """
        value = to_decimal(rate, "rate")
        top = self.maximum_rate
        return self.minimum_rate <= value and (top is None or value <= top)

    def range_text(self) -> str:
        """The per-contract range in words: ``"0%–15%"`` or ``"from 0% (no published cap)"``."""
        if self.maximum_rate is None:
            return f"from {percent(self.minimum_rate)} (no published cap)"
        return f"{percent(self.minimum_rate)}–{percent(self.maximum_rate)}"

    def source_of(self, field: str) -> RuleSource:
        """Return the source of *field*: :attr:`range_source` for the per-contract range.

        A what-if (``attrs.evolve``) that changes a value but keeps the
        published schedule's source gets, for that value, an unconfirmed
        source saying so (``"what-if value (no source)"``): the preset's
        note describes the preset's value, not this one.

        Args:
            field: A field name, e.g. ``"rate"`` or ``"maximum_rate"``.

        Raises:
            RulesError: *field* is not a field of the schedule (a sourced
                number, as :meth:`WithdrawalMethod.source_of` refuses one).
        """
        names = _sourced_fields()
        if field not in names:  # a tuple: a number or an unhashable name is simply absent
            raise RulesError(
                f"ServiceFeeSchedule {shown(self.label, 80)} has no sourced number {shown(field)}; "
                f"sourced numbers: {', '.join(names)}",
                field="field",
                rule="a sourced number",
            )
        base = self._preset()
        own = self._own_source(field)
        if base is not None and field in _RANGE_BOUNDS and base.per_contract != self.per_contract:
            # A what-if that turns the range on or off: no source gives its range.
            return _WHAT_IF_SOURCE
        inherited = own if base is None else base._own_source(field)  # noqa: SLF001  # same class
        return sourced(self, base, field, own, inherited)

    def _own_source(self, field: str) -> RuleSource:
        """The source this schedule gives for *field*, what-if or not.

        A flat or sliding schedule has no per-contract range: its range
        fields are not a figure of its source (review r42, review 2).
        """
        if field in _RANGE_BOUNDS and not self.per_contract:
            return _NO_RANGE
        if self.range_source is not None and field in _RANGE_FIELDS:
            return self.range_source
        return self.source

    def _preset(self) -> ServiceFeeSchedule | None:
        """The published schedule this one was made from (itself when it is one)."""
        return made_from(
            self, _PUBLISHED, lambda schedule: schedule.name, lambda: _in_force(self.effective)
        )

    @property
    def label(self) -> str:
        """The name, or ``"what-if rules: <fields>"`` for a what-if: the schedule in messages.

        A preset's name states its values (``"flat 10% (2023-05-03 to
        2025-04-30)"``), and ``attrs.evolve`` keeps it: once a rule differs
        from the published schedule it was made from (the one of the same
        name, else the one in force on its *effective* day), the label names
        the fields changed instead, so a what-if never shows a figure it
        does not use.

        >>> import attrs
        >>> FLAT_10_2023.label
        'flat 10% (2023-05-03 to 2025-04-30)'
        >>> attrs.evolve(FLAT_10_2023, rate=Decimal("0.12")).label
        'what-if rules: rate'
        """
        return label(self.name, changed(self, self._preset(), _rule_fields()))

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
        FeeTier(usd("500.00"), Decimal("0.20")),
        FeeTier(usd("10000.00"), Decimal("0.10")),
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


#: Every published schedule: the ones a what-if is told apart from.
_PUBLISHED: tuple[ServiceFeeSchedule, ...] = (
    *SERVICE_FEE_HISTORY,
    *DATABASE_ADMINISTRATION_HISTORY,
    ENTERPRISE,
)


def _in_force(effective: date) -> ServiceFeeSchedule:
    """The published schedule in force on *effective* (the first covers every earlier day)."""
    return SERVICE_FEE_HISTORY.in_force(effective)


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
