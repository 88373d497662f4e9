"""The ways to move an Upwork balance to Pakistan, with their costs (private).

DOMAIN.md section 5: Direct to Local Bank, Payoneer (to a PKR and to a USD
account), a US dollar wire and PayPal (unavailable in Pakistan); every number
carries its own source, and unpublished spreads are ``None``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from decimal import Decimal

import attrs

from upwork_safety._amount_fields import check_money
from upwork_safety._display import shown
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_duration, plain_text, whole_number
from upwork_safety._validate import bool_field, finer_error, id_field, text_field
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.money import Money, check_currency, plain_money
from upwork_safety.rules._common import (
    optional_rate_field,
    optional_to_rate,
    rate_field,
    to_rate,
    usd,
)
from upwork_safety.rules._platform import _MAX_DURATION
from upwork_safety.rules._provenance import RuleSource
from upwork_safety.rules._what_if import made_from, sourced

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

_DAY = timedelta(days=1)

#: The most business days a method may take: as long as any rule's duration
#: (366).  Arrival days are counted from processing days up to 9990-12-31, so a
#: longer range would give an arrival that cannot be shown (review r34 1).
MAX_BUSINESS_DAYS = _MAX_DURATION.days

#: Sourced numbers a method may lack (``None``): they need a source only when set.
OPTIONAL_SOURCED_FIELDS = ("cutoff",)


def _business_days(value: object) -> tuple[int, int]:
    field = "WithdrawalMethod.business_days"
    if not isinstance(value, tuple) or len(value) != 2:  # pyright: ignore[reportUnknownArgumentType]
        raise InvalidTypeError(
            f"{field} must be a (fewest, most) tuple, got {shown(value)}",
            field=field,
            rule="a (fewest, most) tuple",
        )
    # The ints they hold: a subclass's comparisons may lie (red team r18 M1).
    low, high = (whole_number(item) for item in value)  # pyright: ignore[reportUnknownVariableType]
    if low is None or high is None or low < 0 or high < 0:
        raise RulesError(
            f"{field} must hold whole days ≥ 0, got {shown(value)}",
            field=field,
            rule="whole days from 0",
        )
    if low > high:
        raise RulesError(
            f"{field} must be (fewest, most), got {shown(value)}",
            field=field,
            rule="fewest <= most",
        )
    if high > MAX_BUSINESS_DAYS:
        raise RulesError(
            f"{field} must be at most {MAX_BUSINESS_DAYS} business days, got {shown(value)}: "
            "the arrival days are counted from the day a withdrawal is processed, up to "
            "9990-12-31, and must fall within the calendar",
            field=field,
            rule=f"at most {MAX_BUSINESS_DAYS} business days",
        )
    return (low, high)


def _cutoff(value: object) -> timedelta | None:
    field = "WithdrawalMethod.cutoff"
    if value is None:
        return None
    if isinstance(value, timedelta):
        # A subclass (pandas.Timedelta) is the plain timedelta it holds; one holding
        # more (nanoseconds) is refused as every rule set's duration is (review r22 L1).
        value = plain_duration(value)
        if type(value) is not timedelta:
            raise finer_error(value, timedelta, field, error=RulesError)
    if type(value) is not timedelta:
        raise InvalidTypeError(
            f"{field} must be a timedelta after 00:00 UTC (timedelta(hours=12) for noon) "
            f"or None, not {type(value).__name__}",
            field=field,
            rule="a timedelta or None",
        )
    if not timedelta(0) <= value < _DAY:
        raise RulesError(
            f"{field} is a time of day, from 00:00 UTC up to but not including 24:00, got {value}",
            field=field,
            rule="from 0 to under 24 hours",
        )
    return value


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
        name = plain_text(name) if isinstance(name, str) else name  # its own __eq__ not asked
        if name not in SOURCED_FIELDS + OPTIONAL_SOURCED_FIELDS or not isinstance(
            source, RuleSource
        ):
            raise InvalidTypeError(
                f"WithdrawalMethod.sources: {shown(name)} must be one of "
                f"{', '.join(SOURCED_FIELDS + OPTIONAL_SOURCED_FIELDS)} "
                f"with a RuleSource, got {type(source).__name__}",
                field="WithdrawalMethod.sources",
                rule="a RuleSource per sourced number",
            )
        if name in items:
            raise RulesError(
                f"WithdrawalMethod.sources names {shown(name)} twice",
                field="WithdrawalMethod.sources",
                rule="one RuleSource per sourced number",
            )
        items[name] = source
    return tuple(items.items())


@through_init
@attrs.frozen(kw_only=True, repr=False)
class WithdrawalMethod:
    """A way to move an Upwork balance to the freelancer, with its costs.

    Args:
        key: A short identifier, e.g. ``"direct_to_local_bank"``;
            :func:`upwork_safety.fees.get_method` finds a method by it.
        name: The name Upwork shows.
        fixed_fee: The fee per withdrawal, in the balance's currency, whole
            minor units (cents).
        percentage_fee: A fee proportional to what is left of the amount
            withdrawn after *fixed_fee* (Upwork's fee is taken first; the
            provider's percentage is charged on what reaches it), as a
            fraction.
        spread: The converter's published (or reported) FX markup against
            the reference rate, as a fraction, or ``None`` when it is not
            published: a quote then needs the rate the method offers
            (``offered_rate=``) or the spread you measured (``spread=``).
        minimum: The smallest balance the method withdraws, whole minor
            units (cents), in the fixed fee's currency: compared with the
            amount taken from the balance (what you ask Upwork for), the
            method's own fee included.
        currency: The currency delivered to the freelancer's account.
        business_days: ``(fewest, most)`` business days to arrive, counted
            from the business day the withdrawal is processed
            (:func:`upwork_safety.fees.arrival`), whole days from 0 to 366
            (as long as any rule's duration); a bound the sources do not
            give is marked by an unconfirmed source.
        available_in_pakistan: Whether freelancers in Pakistan can use it.
        sources: The :class:`~upwork_safety.rules.RuleSource` of each number
            above, by field name: a dict such as ``{"fixed_fee":
            RuleSource("HC 211060578"), ...}`` or ``(field, RuleSource)``
            pairs; kept as pairs in declaration order.
        note: Anything else a user should know.
        cutoff: The time of day from which a request waits for the next
            business day to be processed, as the time after 00:00 UTC
            (``timedelta(hours=12)`` for noon UTC), or ``None`` when none is published (a request is
            then processed on its own day, when that is a business day).
            Needs a source when set.  A ``timedelta`` subclass
            (``pandas.Timedelta``) is kept as the plain ``timedelta`` it holds.
        arrives_at: Where the money is when *business_days* end: ``""``
            (the default) for the freelancer's own account, else the
            intermediary it reaches first (``"Payoneer"``).  The step after
            an intermediary (Payoneer to your bank) has no figure in the
            sources and is not modelled: :func:`upwork_safety.fees.arrival`
            and the CLI say so.

    Raises:
        RulesError: A fee or spread outside 0–1, a negative fixed fee or
            minimum, one below the minor unit (``USD 1.995``), business
            days out of order or over 366, a number without a source, or a
            cutoff outside 00:00–24:00 or holding more than a ``timedelta``
            can (nanoseconds: rule ``at most microseconds``).
    """

    key: str = attrs.field(converter=plain_text, validator=id_field)
    name: str = attrs.field(converter=plain_text, validator=id_field)
    fixed_fee: Money = attrs.field(
        converter=plain_money,
    )
    percentage_fee: Decimal = attrs.field(converter=to_rate, validator=rate_field)
    spread: Decimal | None = attrs.field(converter=optional_to_rate, validator=optional_rate_field)
    minimum: Money = attrs.field(
        converter=plain_money,
    )
    currency: str = attrs.field(converter=plain_text, validator=check_currency)
    business_days: tuple[int, int] = attrs.field(converter=_business_days)
    available_in_pakistan: bool = attrs.field(validator=bool_field)
    sources: tuple[tuple[str, RuleSource], ...] = attrs.field(converter=_sources)
    note: str = attrs.field(converter=plain_text, default="", validator=text_field)
    cutoff: timedelta | None = attrs.field(converter=_cutoff, default=None)
    arrives_at: str = attrs.field(converter=plain_text, default="", validator=text_field)

    def __attrs_post_init__(self) -> None:
        for name in ("fixed_fee", "minimum"):
            value = getattr(self, name)
            field = f"WithdrawalMethod.{name}"
            if not isinstance(value, Money):
                raise InvalidTypeError(
                    f"{field} must be Money, not {type(value).__name__}", field=field, rule="Money"
                )
            try:
                check_money(value, field)  # the one not-negative rule: -0.00 too
            except InvalidValueError as error:
                raise RulesError(str(error), field=field, rule=error.rule) from error
            if not value.is_rounded():
                # Upwork charges and withdraws whole cents (DOMAIN.md sections 4 and 5).
                raise RulesError(
                    f"{field} must be whole {value.currency} minor units (cents): a withdrawal "
                    f"fee and minimum are charged and compared in whole cents, got {value}",
                    field=field,
                    rule="whole minor units",
                )
        if self.fixed_fee.currency != self.minimum.currency:
            raise RulesError(
                "WithdrawalMethod.fixed_fee and .minimum must be in the same currency "
                f"(the balance's), got {self.fixed_fee.currency} and {self.minimum.currency}",
                field="WithdrawalMethod.minimum",
                rule="the balance's currency",
            )
        sourced = {name for name, _ in self.sources}
        if self.cutoff is None and "cutoff" in sourced:
            raise RulesError(
                f"WithdrawalMethod {shown(self.key)} gives a source for a cutoff it does not "
                "have; set cutoff= or leave its source out",
                field="WithdrawalMethod.sources",
                rule="a source only for a number the method has",
            )
        needed = set(SOURCED_FIELDS) | ({"cutoff"} if self.cutoff is not None else set())
        missing = sorted(needed - sourced)
        if missing:
            raise RulesError(
                f"WithdrawalMethod {shown(self.key)} needs a source for every number; missing: "
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

        A what-if (``attrs.evolve`` of a preset) that changes the number but
        keeps the preset's source gets an unconfirmed source saying so
        (``"what-if value (no source)"``): the preset's note describes the
        preset's number, not this one.

        >>> import attrs
        >>> slow = attrs.evolve(DIRECT_TO_LOCAL_BANK, business_days=(2, 9))
        >>> slow.source_of("business_days").note
        'a what-if value: no source gives it'
        >>> slow.source_of("fixed_fee") == DIRECT_TO_LOCAL_BANK.source_of("fixed_fee")
        True

        Raises:
            RulesError: *field* is not one of the sourced numbers.
        """
        for name, source in self.sources:
            if name == field:
                base = made_from(self, PAKISTAN_METHODS, lambda method: method.key)
                # A number the preset has no source for is sourced by the caller.
                inherited = None if base is None else dict(base.sources).get(field)
                if inherited is None:
                    return source
                return sourced(self, base, field, source, inherited)
        raise RulesError(
            f"WithdrawalMethod {shown(self.key)} has no sourced number {shown(field)}; "
            f"sourced numbers: {', '.join(name for name, _ in self.sources)}",
            field="field",
            rule="a sourced number",
        )

    @property
    def unconfirmed(self) -> tuple[str, ...]:
        """The fields whose figures are unconfirmed."""
        return tuple(name for name, _ in self.sources if self.source_of(name).unconfirmed)


_D2LB = "HC 211060578, HC 211063888"

#: Direct to Local Bank in Pakistani rupees: $0.99 a withdrawal, minimum $5
#: (read as the balance withdrawn, fee included: unconfirmed), up to 7
#: business days (the fewest, 1, is unconfirmed).  Upwork's banking partner converts and does not
#: publish its markup, so ``spread`` is ``None``: quote it with the rate
#: Upwork shows before you confirm (``offered_rate=``) or a spread you
#: measured.
DIRECT_TO_LOCAL_BANK = WithdrawalMethod(
    key="direct_to_local_bank",
    name="Direct to Local Bank (PKR)",
    fixed_fee=usd("0.99"),
    percentage_fee=Decimal(0),
    spread=None,
    minimum=usd("5.00"),
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
        "minimum": RuleSource(
            _D2LB,
            unconfirmed=True,
            note="minimum $5 for most Direct to Local Bank withdrawals; the source does not "
            "say whether the $0.99 fee counts: compared with the balance withdrawn, fee "
            "included, so USD 5.00 sends USD 4.01 to be converted",
        ),
        "currency": RuleSource(_D2LB, note="paid out in PKR"),
        "business_days": RuleSource(
            _D2LB,
            unconfirmed=True,
            note="up to 7 business days; the fewest, 1, is not in the sources",
        ),
        "available_in_pakistan": RuleSource(_D2LB, note="individual accounts only"),
        "cutoff": RuleSource(
            _D2LB, note="noon UTC cutoff: a later request is processed the next business day"
        ),
    },
    note="individual bank accounts only",
    cutoff=timedelta(hours=12),
)

_PAYONEER = "COMM Payoneer tip; SEC news reports"

#: Payoneer, converting to a PKR bank account: about $2 a transfer and up to
#: about 2% FX markup (both unconfirmed); about 2 days to reach Payoneer.
PAYONEER = WithdrawalMethod(
    key="payoneer",
    name="Payoneer",
    fixed_fee=usd("2.00"),
    percentage_fee=Decimal(0),
    spread=Decimal("0.02"),
    minimum=usd("0.00"),
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
    arrives_at="Payoneer",
)

#: Payoneer, keeping US dollars and withdrawing them to a non-PKR (USD)
#: bank account in Pakistan: about $2 a transfer to Payoneer plus 3% on the
#: withdrawal to the bank (news reports; the fee and its start date are
#: unconfirmed).  The bank converts at its own, unpublished rate, so
#: ``spread`` is ``None``.
PAYONEER_USD_ACCOUNT = WithdrawalMethod(
    key="payoneer_usd_account",
    name="Payoneer to a USD account",
    fixed_fee=usd("2.00"),
    percentage_fee=Decimal("0.03"),
    spread=None,
    minimum=usd("0.00"),
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
    arrives_at="Payoneer",
)

_WIRE = "HC 211063898 ($30), HC 35089917299219 ($50)"

#: A US dollar wire to a Pakistani bank: $50 on Upwork's newer page ($30 on
#: older pages; when it changed is unconfirmed).  The receiving bank
#: converts at its own, unpublished rate, so ``spread`` is ``None``.
WIRE_USD = WithdrawalMethod(
    key="wire_usd",
    name="US Dollar wire",
    fixed_fee=usd("50.00"),
    percentage_fee=Decimal(0),
    spread=None,
    minimum=usd("0.00"),
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
            _WIRE,
            unconfirmed=True,
            note="processed within about 1 business day, then up to 7 days to arrive, "
            "counted here as business days (the later reading: the source does not say); "
            "the fewest, 1, is not in the sources",
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
    fixed_fee=usd("0.00"),
    percentage_fee=Decimal(0),
    spread=None,
    minimum=usd("0.00"),
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
