"""Fees and withdrawals: from what the client paid to rupees in a Pakistani bank.

Four things take money between a client's payment and the freelancer's
account, and this module shows each of them:

1. Upwork's **service fee**, by the dated schedule in force on the payment
   date (:func:`service_fee`, :func:`net_earnings`, and the inverse
   :func:`gross_for_net`);
2. the **withdrawal method's fee** (:class:`WithdrawalMethod`, presets
   :data:`DIRECT_TO_LOCAL_BANK`, :data:`PAYONEER`, :data:`WIRE_USD`);
3. the **exchange-rate spread** against a reference rate the caller
   supplies (the library never fetches rates);
4. the **income tax** the bank withholds (:data:`TAX_RATE_PSEB`,
   :data:`TAX_RATE_NOT_PSEB`).

:func:`quote_withdrawal` itemises 2–4 for one method,
:func:`compare_withdrawals` ranks the methods, :func:`break_even` finds the
amount where one method overtakes another, :func:`withdrawal_for_target`
inverts a quote, :func:`plan_withdrawals` picks how often to withdraw, and
:func:`payout` runs the whole path in one call.

Fees are computed per transaction and rounded half up to the cent, as in
Upwork's own examples::

    >>> from datetime import date
    >>> from upwork_safety.money import Money
    >>> service_fee(Money("600.00", "USD"), on=date(2020, 3, 1))
    Money(amount=Decimal('110.00'), currency='USD')
"""

from __future__ import annotations

import abc
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext
from typing import TYPE_CHECKING

import attrs

from upwork_safety import _render
from upwork_safety._validate import bool_field, decimal_value, id_field, text_field, utc_day
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    RulesError,
)
from upwork_safety.models import Contract, Payment
from upwork_safety.money import ExchangeRate, Money, minor_unit
from upwork_safety.rules._fees import (
    DIRECT_TO_LOCAL_BANK,
    EXPORT_TAX_2022,
    FLAT_10_2016,
    FLAT_10_2023,
    PAKISTAN_METHODS,
    PAYONEER,
    PAYPAL,
    PER_CONTRACT_2025,
    SERVICE_FEE_HISTORY,
    SLIDING_SCALE_2016,
    TAX_RATE_NOT_PSEB,
    TAX_RATE_PSEB,
    WIRE_USD,
    ExportTaxRules,
    FeeTier,
    ServiceFeeSchedule,
    WithdrawalMethod,
    schedule_as_of,
)

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = [
    "DEFAULT_FREQUENCIES",
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
    "BreakEven",
    "ExportTaxRules",
    "FeeLine",
    "FeeTier",
    "Frequency",
    "Payout",
    "PlanOption",
    "ServiceFeeSchedule",
    "SkippedMethod",
    "WithdrawalComparison",
    "WithdrawalMethod",
    "WithdrawalPlan",
    "WithdrawalQuote",
    "break_even",
    "compare_withdrawals",
    "get_method",
    "gross_for_net",
    "net_earnings",
    "payout",
    "plan_withdrawals",
    "quote_withdrawal",
    "schedule_as_of",
    "service_fee",
    "withdrawal_for_target",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_HUNDRED = Decimal(100)
#: Break-even search scans at most this many cents around the crossing.
_MAX_SCAN = 100_000

RateLike = Decimal | int | str


# ==========================================================================
# Service fee
# ==========================================================================


def _quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-minor_unit(currency))


def _round(value: Decimal, currency: str) -> Decimal:
    return value.quantize(_quantum(currency), rounding=ROUND_HALF_UP)


def _optional_rate(rate: RateLike | None, what: str = "rate") -> Decimal | None:
    return None if rate is None else decimal_value(rate, what)


def _contract_rate(rate: RateLike | None, contract: Contract | None) -> Decimal | None:
    """Combine an explicit *rate* with a contract's own, refusing a conflict."""
    explicit = _optional_rate(rate)
    if contract is None:
        return explicit
    if not isinstance(contract, Contract):
        raise InvalidTypeError(f"contract must be a Contract, not {type(contract).__name__}")
    own = contract.service_fee_rate
    if explicit is not None and own is not None and explicit != own:
        raise InvalidValueError(
            f"rate={explicit} conflicts with contract {contract.id!r}'s own "
            f"service_fee_rate={own}; pass one or make them agree"
        )
    return explicit if explicit is not None else own


def _schedule(on: date, rules: ServiceFeeSchedule | None) -> ServiceFeeSchedule:
    if rules is None:
        return schedule_as_of(on)
    if not isinstance(rules, ServiceFeeSchedule):
        raise InvalidTypeError(
            f"rules must be a ServiceFeeSchedule or None, not {type(rules).__name__}"
        )
    return rules


def _applicable_rate(schedule: ServiceFeeSchedule, on: date, rate: Decimal | None) -> Decimal:
    """Return the flat or per-contract rate to charge on *on*, or refuse *rate*.

    Only called for flat and per-contract schedules.
    """
    if schedule.per_contract:
        if rate is None:
            raise RulesError(
                f"the service fee on {on} needs the contract's own rate: from "
                f"{schedule.effective} Upwork charges a per-contract fee of "
                f"{_pct(schedule.minimum_rate)}–{_pct(schedule.maximum_rate)}, shown on the "
                "proposal or offer; pass rate= (e.g. Decimal('0.10')) or a Contract "
                "with service_fee_rate"
            )
        if not schedule.minimum_rate <= rate <= schedule.maximum_rate:
            raise RulesError(
                f"rate={rate} is outside the {_pct(schedule.minimum_rate)}–"
                f"{_pct(schedule.maximum_rate)} per-contract range of the schedule in force "
                f"on {on} ({schedule.name})"
            )
        return rate
    flat = schedule.rate
    assert flat is not None  # noqa: S101  (only flat and per-contract schedules reach here)
    if rate is None or rate == flat:
        return flat
    if rate == schedule.legacy_rate:
        assert schedule.legacy_until is not None  # noqa: S101  (validated together)
        if on <= schedule.legacy_until:
            return rate
        raise RulesError(
            f"rate={rate} on {on}: contracts at the legacy {_pct(rate)} kept it only "
            f"until {schedule.legacy_until}; the schedule in force ({schedule.name}) "
            f"charges {_pct(flat)}"
        )
    raise RulesError(
        f"rate={rate} on {on}: the schedule in force ({schedule.name}) charges a flat "
        f"{_pct(flat)}"
        + (
            f" (or the legacy {_pct(schedule.legacy_rate)} until {schedule.legacy_until})"
            if schedule.legacy_rate is not None
            else ""
        )
        + "; per-contract rates start with the 2025-05-01 schedule"
    )


def _pct(rate: Decimal | None) -> str:
    return f"{format((Decimal(rate or 0) * _HUNDRED).normalize(), 'f')}%"


def _sliding_fee(schedule: ServiceFeeSchedule, amount: Decimal, before: Decimal) -> Decimal:
    """The marginal fee on billings from *before* to *before* + *amount*."""
    fee = _ZERO
    start = before
    end = before + amount
    lower = _ZERO
    for tier in schedule.tiers:
        upper = None if tier.up_to is None else tier.up_to.amount
        band_start = max(start, lower)
        band_end = end if upper is None else min(end, upper)
        if band_end > band_start:
            fee += (band_end - band_start) * tier.rate
        if upper is not None:
            lower = upper
    return fee


def _check_usd(amount: object, what: str, currency: str) -> Money:
    if not isinstance(amount, Money):
        raise InvalidTypeError(f"{what} must be Money, not {type(amount).__name__}")
    if amount.currency != currency:
        raise CurrencyMismatchError(
            f"{what} is in {amount.currency}; Upwork's service fee is charged on {currency}"
        )
    if amount.amount < 0:
        raise InvalidValueError(f"{what} must not be negative, got {amount}")
    return amount


def _fee_on(
    amount: Decimal,
    *,
    on: date,
    rate: Decimal | None,
    before: Decimal,
    schedule: ServiceFeeSchedule,
) -> Decimal:
    """The fee on one transaction, rounded half up to the cent."""
    if schedule.tiers:
        if rate is not None:
            raise RulesError(
                f"rate={rate} on {on}: the schedule in force ({schedule.name}) has no "
                "per-contract rate; its fee depends on billed_before, the lifetime billings "
                "with the client"
            )
        exact = _sliding_fee(schedule, amount, before)
    else:
        exact = amount * _applicable_rate(schedule, on, rate)
    return _round(exact, schedule.currency)


def service_fee(
    amount: Money | Contract,
    *,
    on: date,
    rate: RateLike | None = None,
    billed_before: Money | None = None,
    rules: ServiceFeeSchedule | None = None,
) -> Money:
    """Return Upwork's service fee on a payment, by the schedule in force *on* that date.

    The fee is computed per transaction and rounded half up to the cent
    (HC 211062538: $266.64 → $26.66, $333.36 → $33.34).

    A :class:`~upwork_safety.models.Contract` stands for the money paid to
    the freelancer on it up to and including *on*: each of its payments is
    one transaction, charged by the schedule in force on the payment's own
    date, with the contract's ``service_fee_rate``, and the sliding scale
    counts the earlier payments as billed before.

    Args:
        amount: The payment (USD), or a contract whose payments to charge.
        on: The payment date (for a contract, the last day counted).
        rate: The contract's fee as a fraction (``Decimal("0.10")``).
            Required from 2025-05-01 (0–0.15).  Under the 2023 flat 10%
            schedule, ``Decimal("0.05")`` says the contract kept the legacy 5%
            (honoured until 2023-12-31).  Refused by the sliding scale.
        billed_before: Lifetime billings with this client before this
            payment (the sliding scale's input; ``None`` means a new
            client).  Ignored by the flat and per-contract schedules.
        rules: A schedule to use instead of the one in force *on*.

    Returns:
        The fee, in USD, rounded to the cent.

    Raises:
        RulesError: A rate the schedule does not charge, a missing rate
            from 2025-05-01, or a rate outside 0–15%.
        InvalidValueError: A negative amount, or *rate* conflicting with the
            contract's own.
        CurrencyMismatchError: An amount not in USD.
        InvalidTypeError: *on* is not a date, or *amount* not Money.

    >>> service_fee(Money("500.00", "USD"), on=date(2024, 1, 10))
    Money(amount=Decimal('50.00'), currency='USD')
    """
    day = utc_day(on, "on")
    if isinstance(amount, Contract):
        return _contract_fee(
            amount,
            on=day,
            rate=_contract_rate(rate, amount),
            billed_before=billed_before,
            rules=rules,
        )
    schedule = _schedule(day, rules)
    money = _check_usd(amount, "amount", schedule.currency)
    before = _billed_before(billed_before, schedule.currency)
    fee = _fee_on(money.amount, on=day, rate=_optional_rate(rate), before=before, schedule=schedule)
    return Money(fee, schedule.currency)


def _billed_before(billed_before: Money | None, currency: str) -> Decimal:
    if billed_before is None:
        return _ZERO
    return _check_usd(billed_before, "billed_before", currency).amount


def _counted_payments(contract: Contract, on: date) -> list[Payment]:
    return sorted((p for p in contract.payments if p.on <= on), key=lambda p: p.on)


def _contract_fee(
    contract: Contract,
    *,
    on: date,
    rate: Decimal | None,
    billed_before: Money | None,
    rules: ServiceFeeSchedule | None,
) -> Money:
    total = Money.zero("USD")
    running = billed_before
    for payment in _counted_payments(contract, on):
        total += service_fee(
            payment.amount, on=payment.on, rate=rate, billed_before=running, rules=rules
        )
        running = payment.amount if running is None else running + payment.amount
    return total


def net_earnings(
    amount: Money | Contract,
    *,
    on: date,
    rate: RateLike | None = None,
    billed_before: Money | None = None,
    rules: ServiceFeeSchedule | None = None,
) -> Money:
    """Return what reaches the freelancer's Upwork balance: *amount* minus the service fee.

    Takes the same arguments as :func:`service_fee`; a contract stands for
    its payments up to and including *on*.

    Returns:
        The net amount in USD.

    Raises:
        RulesError: As :func:`service_fee`.

    >>> net_earnings(Money("266.64", "USD"), on=date(2024, 1, 10))
    Money(amount=Decimal('239.98'), currency='USD')
    """
    fee = service_fee(amount, on=on, rate=rate, billed_before=billed_before, rules=rules)
    if isinstance(amount, Contract):
        gross = Money.total((p.amount for p in _counted_payments(amount, utc_day(on, "on"))), "USD")
    else:
        gross = amount
    return gross - fee


def gross_for_net(
    net: Money,
    *,
    on: date,
    rate: RateLike | None = None,
    billed_before: Money | None = None,
    contract: Contract | None = None,
    rules: ServiceFeeSchedule | None = None,
) -> Money:
    """Return the smallest payment whose net (after the service fee) reaches *net*.

    Use it to price a milestone: to take home $300.02 in 2024, ask for
    $333.36.  Exact to the cent; because of rounding, a few nets cannot be
    hit exactly and the result's net is then one cent above *net*.

    Args:
        net: The amount the freelancer wants to receive (USD, ≥ 0).
        on: The payment date.
        rate: As :func:`service_fee`.
        billed_before: As :func:`service_fee`.
        contract: A contract whose ``service_fee_rate`` to use.
        rules: A schedule to use instead of the one in force *on*.

    Returns:
        The gross payment in USD, rounded to the cent.

    Raises:
        RulesError: As :func:`service_fee`.
        InvalidValueError: A negative *net*.

    >>> gross_for_net(Money("300.02", "USD"), on=date(2024, 1, 10))
    Money(amount=Decimal('333.36'), currency='USD')
    """
    day = utc_day(on, "on")
    schedule = _schedule(day, rules)
    currency = schedule.currency
    target = _check_usd(net, "net", currency).amount
    before = _billed_before(billed_before, currency)
    fee_rate = _contract_rate(rate, contract)
    step = _quantum(currency)

    def net_of(gross: Decimal) -> Decimal:
        return gross - _fee_on(gross, on=day, rate=fee_rate, before=before, schedule=schedule)

    # The fee never exceeds the highest marginal rate, so the answer lies in
    # [target, (target + one cent) / (1 - highest rate)]; net_of is
    # non-decreasing in the gross (every marginal rate is below 1), so a
    # binary search over whole cents finds the smallest gross.
    highest = max(
        [t.rate for t in schedule.tiers]
        or [_applicable_rate(schedule, day, fee_rate)]  # also validates the rate
    )
    low = target.quantize(step, rounding=ROUND_CEILING)
    high = ((low + step) / (_ONE - highest)).quantize(step, rounding=ROUND_CEILING)
    low_cents = int(low / step)
    high_cents = int(high / step)
    while low_cents < high_cents:
        middle = (low_cents + high_cents) // 2
        if net_of(middle * step) >= target:
            high_cents = middle
        else:
            low_cents = middle + 1
    return Money(low_cents * step, currency)


# ==========================================================================
# Withdrawals
# ==========================================================================


def get_method(name: str | WithdrawalMethod) -> WithdrawalMethod:
    """Return the preset withdrawal method called *name*.

    Args:
        name: A method's ``key`` (``"payoneer"``) or ``name`` (``"Payoneer"``),
            any case; a :class:`WithdrawalMethod` is returned unchanged.

    Raises:
        InvalidValueError: No preset has that key or name.
        InvalidTypeError: *name* is neither a str nor a method.

    >>> get_method("Direct to Local Bank (PKR)").key
    'direct_to_local_bank'
    """
    if isinstance(name, WithdrawalMethod):
        return name
    if not isinstance(name, str):
        raise InvalidTypeError(
            f"method must be a WithdrawalMethod or its name, not {type(name).__name__}"
        )
    wanted = name.strip().casefold()
    for method in PAKISTAN_METHODS:
        if wanted in {method.key.casefold(), method.name.casefold()}:
            return method
    known = ", ".join(repr(m.key) for m in PAKISTAN_METHODS)
    raise InvalidValueError(f"unknown withdrawal method {name!r}; known methods: {known}")


@attrs.frozen
class FeeLine:
    """One fee taken from a withdrawal.

    Args:
        name: What the fee is, e.g. ``"Direct to Local Bank (PKR) fee"``.
        amount: The fee, in the balance's currency.
        source: Where the figure comes from.
        unconfirmed: Whether the figure is unconfirmed.
    """

    name: str = attrs.field(validator=id_field)
    amount: Money = attrs.field()
    source: str = attrs.field(default="", validator=text_field)
    unconfirmed: bool = attrs.field(default=False, validator=bool_field)


def _fmt(value: Money, locale: str | None) -> object:
    return _render.plain(value) if locale is None else value.format(locale=locale)


class _Steps(abc.ABC):
    """Rendering shared by reports made of ``(step, amount, note)`` lines."""

    __slots__ = ()

    @abc.abstractmethod
    def lines(self) -> list[tuple[str, Money, str]]:
        """Return each step as ``(step, amount, note)``; costs are negative."""

    @abc.abstractmethod
    def _caption(self) -> str: ...

    def to_records(self, *, locale: str | None = None) -> list[dict[str, object]]:
        """Return one dict per step (``step``, ``amount``, ``currency``, ``note``).

        Args:
            locale: When given (e.g. ``"en_PK"``, ``"ur_PK"``), amounts are
                formatted for it with babel; otherwise they are ``Decimal``.
        """
        return [
            {"step": step, "amount": _fmt(money, locale), "currency": money.currency, "note": note}
            for step, money, note in self.lines()
        ]

    def _repr_html_(self) -> str:
        rows = [{"step": s, "amount": m, "note": n} for s, m, n in self.lines()]
        return _render.html_table(rows, caption=self._caption())

    def summary(self, *, locale: str) -> str:
        """Return the steps as lines of text with money formatted for *locale*."""
        return "\n".join(
            f"{step}: {money.format(locale=locale)}" for step, money, _ in self.lines()
        )


@attrs.frozen(kw_only=True)
class WithdrawalQuote(_Steps):
    """What a withdrawal costs and delivers, every step itemised.

    Built by :func:`quote_withdrawal`.

    Args:
        method: The withdrawal method.
        sent: The Upwork balance withdrawn.
        fees: One line per fee the method takes out of *sent*.
        reference_rate: The caller's reference rate (e.g. SBP interbank).
        spread: The converter's markup against the reference, a fraction.
        applied_rate: The reference rate after the spread.
        converted: What is left after the fees, converted at *applied_rate*.
        tax_rate: The income tax rate the bank withholds, a fraction.
        tax: The tax withheld on *converted*.
        received: What reaches the freelancer's account.
        effective_rate: *received* per unit of *sent* (4 decimals).
        cost_vs_reference: What *sent* buys at the reference rate with no
            costs, minus *received*: fees, spread and tax together.
        cost_percent: *cost_vs_reference* as a percent of that ideal
            amount (2 decimals).
    """

    method: WithdrawalMethod
    sent: Money
    fees: tuple[FeeLine, ...]
    reference_rate: ExchangeRate
    spread: Decimal
    applied_rate: ExchangeRate
    converted: Money
    tax_rate: Decimal
    tax: Money
    received: Money
    effective_rate: Decimal
    cost_vs_reference: Money
    cost_percent: Decimal

    @property
    def total_fees(self) -> Money:
        """The method's fees together, in the balance's currency."""
        return Money.total((line.amount for line in self.fees), self.sent.currency)

    @property
    def spread_cost(self) -> Money:
        """What the spread costs, in the received currency."""
        left = self.sent - self.total_fees
        at_reference = _fx(left.amount, self.reference_rate.rate, self.converted.currency)
        return Money(at_reference, self.converted.currency) - self.converted

    def lines(self) -> list[tuple[str, Money, str]]:
        """Return each step as ``(step, amount, note)``; costs are negative."""
        rows: list[tuple[str, Money, str]] = [("Withdrawn", self.sent, "Upwork balance")]
        rows.extend(
            (
                line.name,
                -line.amount,
                line.source + (" (unconfirmed)" if line.unconfirmed else ""),
            )
            for line in self.fees
        )
        rows.append(
            (
                "Converted",
                self.converted,
                (
                    f"at {self.applied_rate.rate.normalize():f} = reference "
                    f"{self.reference_rate.rate.normalize():f} less a {_pct(self.spread)} spread"
                ),
            )
        )
        if self.spread:
            rows.append(
                ("Spread cost (included above)", -self.spread_cost, "against the reference rate")
            )
        rows.append(
            (
                "Income tax withheld",
                -self.tax,
                f"{_pct(self.tax_rate)} of the converted amount (Income Tax Ordinance s.154A)",
            )
        )
        rows.append(("Received", self.received, self.method.name))
        rows.append(
            (
                "Cost against the reference rate",
                -self.cost_vs_reference,
                f"{self.cost_percent}% of what the balance buys at the reference rate",
            )
        )
        return rows

    def _caption(self) -> str:
        return f"Withdrawal by {self.method.name}"


@attrs.frozen
class SkippedMethod:
    """A method a comparison left out, and why.

    Args:
        method: The method left out.
        reason: Why, in words.
    """

    method: WithdrawalMethod
    reason: str = attrs.field(validator=id_field)


@attrs.frozen(kw_only=True)
class WithdrawalComparison:
    """Quotes for several methods, best first, plus the methods skipped and why.

    Iterating, indexing and ``len()`` go over :attr:`quotes`.

    Args:
        amount: The balance withdrawn.
        reference_rate: The reference rate every quote used.
        quotes: One quote per usable method, most received first.
        skipped: Every method that could not be quoted, with the reason.
    """

    amount: Money
    reference_rate: ExchangeRate
    quotes: tuple[WithdrawalQuote, ...]
    skipped: tuple[SkippedMethod, ...] = ()

    @property
    def best(self) -> WithdrawalQuote | None:
        """The quote that delivers the most, or ``None`` when none could be made."""
        return self.quotes[0] if self.quotes else None

    def __iter__(self) -> Iterator[WithdrawalQuote]:
        return iter(self.quotes)

    def __len__(self) -> int:
        return len(self.quotes)

    def __getitem__(self, index: int) -> WithdrawalQuote:
        return self.quotes[index]

    def _rows(self, locale: str | None) -> list[dict[str, object]]:
        rows: list[dict[str, object]] = []
        for quote in self.quotes:
            low, high = quote.method.business_days
            rows.append(
                {
                    "method": quote.method.name,
                    "received": quote.received if locale is None else _fmt(quote.received, locale),
                    "fees": quote.total_fees if locale is None else _fmt(quote.total_fees, locale),
                    "spread": quote.spread,
                    "tax": quote.tax if locale is None else _fmt(quote.tax, locale),
                    "cost_vs_reference": (
                        quote.cost_vs_reference
                        if locale is None
                        else _fmt(quote.cost_vs_reference, locale)
                    ),
                    "cost_percent": quote.cost_percent,
                    "effective_rate": quote.effective_rate,
                    "business_days": f"{low}–{high}",
                    "note": ", ".join(quote.method.unconfirmed) + " unconfirmed"
                    if quote.method.unconfirmed
                    else "",
                }
            )
        rows.extend(
            {
                "method": skipped.method.name,
                "received": None,
                "fees": None,
                "spread": None,
                "tax": None,
                "cost_vs_reference": None,
                "cost_percent": None,
                "effective_rate": None,
                "business_days": None,
                "note": f"skipped: {skipped.reason}",
            }
            for skipped in self.skipped
        )
        return rows

    def to_records(self, *, locale: str | None = None) -> list[dict[str, object]]:
        """Return one dict per method, best first, then the skipped methods.

        Args:
            locale: When given (e.g. ``"en_PK"``), money is formatted for it
                with babel; otherwise money is its ``Decimal`` amount.
        """
        return [
            {key: _render.plain(value) for key, value in row.items()} for row in self._rows(locale)
        ]

    def _repr_html_(self) -> str:
        return _render.html_table(
            self._rows(None),
            caption=f"Withdrawing {self.amount} at {self.reference_rate.rate.normalize():f}",
        )

    def summary(self, *, locale: str) -> str:
        """Return one line per method, best first, money formatted for *locale*."""
        lines = [
            f"{q.method.name}: {q.received.format(locale=locale)} "
            f"(costs {q.cost_vs_reference.format(locale=locale)}, {q.cost_percent}%)"
            for q in self.quotes
        ]
        lines.extend(f"{s.method.name}: skipped, {s.reason}" for s in self.skipped)
        return "\n".join(lines)


def _fraction_arg(value: RateLike, what: str) -> Decimal:
    fraction = decimal_value(value, what)
    if fraction < 0:
        raise InvalidValueError(f"{what} must not be negative, got {fraction}")
    if fraction >= 1:
        raise InvalidValueError(
            f"{what} is a fraction below 1 (Decimal('0.02') for 2%), got {fraction}"
        )
    return fraction


def _fx(amount: Decimal, rate: Decimal, currency: str) -> Decimal:
    return _round(amount * rate, currency)


@attrs.frozen
class _Setup:
    """A withdrawal's validated inputs, shared by the quote and the searches."""

    method: WithdrawalMethod
    reference: ExchangeRate
    spread: Decimal
    tax_rate: Decimal

    @property
    def balance_currency(self) -> str:
        return self.method.fixed_fee.currency

    @property
    def applied(self) -> Decimal:
        return self.reference.rate * (_ONE - self.spread)

    def fees(self, amount: Decimal) -> tuple[Decimal, Decimal]:
        percent = _round(amount * self.method.percentage_fee, self.balance_currency)
        return self.method.fixed_fee.amount, percent

    def usable(self, amount: Decimal) -> str:
        """Return why *amount* cannot be withdrawn, or ``""`` if it can."""
        if amount < self.method.minimum.amount:
            return (
                f"{self.balance_currency} {amount:,} is below the {self.method.name} "
                f"minimum of {self.method.minimum}"
            )
        fixed, percent = self.fees(amount)
        if amount - fixed - percent <= 0:
            return (
                f"{self.balance_currency} {amount:,} does not cover the {self.method.name} "
                f"fees of {self.balance_currency} {fixed + percent:,}"
            )
        return ""

    def received(self, amount: Decimal) -> tuple[Decimal, Decimal, Decimal]:
        """Return ``(converted, tax, received)`` for a usable *amount*."""
        fixed, percent = self.fees(amount)
        quote = self.reference.quote
        converted = _fx(amount - fixed - percent, self.applied, quote)
        tax = _round(converted * self.tax_rate, quote)
        return converted, tax, converted - tax


def _setup(
    amount_currency: str,
    method: WithdrawalMethod | str,
    reference_rate: ExchangeRate,
    spread: RateLike | None,
    tax_rate: RateLike | None,
) -> _Setup:
    chosen = get_method(method)
    if not chosen.available_in_pakistan:
        raise RulesError(
            f"{chosen.name} is not available to freelancers in Pakistan "
            f"({chosen.source_of('available_in_pakistan').source}); choose another method"
        )
    if not isinstance(reference_rate, ExchangeRate):
        raise InvalidTypeError(
            f"reference_rate must be an ExchangeRate, not {type(reference_rate).__name__}"
        )
    balance = chosen.fixed_fee.currency
    if amount_currency != balance:
        raise CurrencyMismatchError(
            f"the amount is in {amount_currency} but {chosen.name} withdraws a {balance} balance"
        )
    if reference_rate.base != balance:
        hint = (
            f"; this looks inverted: pass reference_rate.inverse() "
            f"({reference_rate.quote}→{reference_rate.base})"
            if reference_rate.quote == balance
            else ""
        )
        raise CurrencyMismatchError(
            f"reference_rate converts {reference_rate.base}→{reference_rate.quote}, but the "
            f"balance is in {balance}: a {balance}→<your currency> rate is needed{hint}"
        )
    if chosen.currency not in {balance, reference_rate.quote}:
        raise CurrencyMismatchError(
            f"{chosen.name} delivers {chosen.currency}, but reference_rate converts to "
            f"{reference_rate.quote}; pass a {balance}→{chosen.currency} rate"
        )
    chosen_spread = chosen.spread if spread is None else _fraction_arg(spread, "spread")
    chosen_tax = _ZERO if tax_rate is None else _fraction_arg(tax_rate, "tax_rate")
    return _Setup(chosen, reference_rate, chosen_spread, chosen_tax)


def _quote(setup: _Setup, amount: Money) -> WithdrawalQuote:
    problem = setup.usable(amount.amount)
    if problem:
        raise InvalidValueError(problem)
    method = setup.method
    currency = setup.balance_currency
    quote_currency = setup.reference.quote
    fixed, percent = setup.fees(amount.amount)
    lines: list[FeeLine] = []
    if method.fixed_fee.amount:
        source = method.source_of("fixed_fee")
        lines.append(
            FeeLine(f"{method.name} fee", Money(fixed, currency), source.source, source.unconfirmed)
        )
    if method.percentage_fee:
        source = method.source_of("percentage_fee")
        lines.append(
            FeeLine(
                f"{method.name} {_pct(method.percentage_fee)} fee",
                Money(percent, currency),
                source.source,
                source.unconfirmed,
            )
        )
    converted, tax, received = setup.received(amount.amount)
    ideal = _fx(amount.amount, setup.reference.rate, quote_currency)
    cost = ideal - received
    with localcontext() as context:
        context.prec = 40
        effective = (received / amount.amount).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        percent_cost = (
            (cost / ideal * _HUNDRED).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            if ideal
            else _ZERO
        )
    return WithdrawalQuote(
        method=method,
        sent=amount,
        fees=tuple(lines),
        reference_rate=setup.reference,
        spread=setup.spread,
        applied_rate=setup.reference.with_spread(setup.spread),
        converted=Money(converted, quote_currency),
        tax_rate=setup.tax_rate,
        tax=Money(tax, quote_currency),
        received=Money(received, quote_currency),
        effective_rate=effective,
        cost_vs_reference=Money(cost, quote_currency),
        cost_percent=percent_cost,
    )


def _balance(amount: object, what: str = "amount") -> Money:
    if not isinstance(amount, Money):
        raise InvalidTypeError(f"{what} must be Money, not {type(amount).__name__}")
    if not amount.is_rounded():
        raise InvalidValueError(f"{what} must be whole cents, got {amount}")
    return amount


def quote_withdrawal(
    amount: Money,
    method: WithdrawalMethod | str,
    *,
    reference_rate: ExchangeRate,
    spread: RateLike | None = None,
    tax_rate: RateLike | None = None,
) -> WithdrawalQuote:
    """Quote withdrawing *amount* of the Upwork balance by *method*, every cost itemised.

    The method's fees come out of *amount*; the rest is converted at
    ``reference_rate × (1 − spread)`` and rounded half up to the minor unit;
    the bank then withholds *tax_rate* of the converted amount.

    Args:
        amount: The balance to withdraw (USD, whole cents).
        method: A :class:`WithdrawalMethod` or a preset's key or name.
        reference_rate: The reference USD→PKR rate (e.g. SBP interbank) on
            the day; the library never fetches rates.
        spread: The converter's markup against the reference as a fraction
            (``Decimal("0.01")`` for 1%); default: the method's own.
        tax_rate: The income tax the bank withholds, e.g.
            :data:`TAX_RATE_NOT_PSEB`; default: none.

    Returns:
        The itemised :class:`WithdrawalQuote`.

    Raises:
        InvalidValueError: An amount below the method's minimum or not
            covering its fees, a negative spread or tax rate, an unknown method.
        RulesError: A method not available in Pakistan.
        CurrencyMismatchError: A rate in the wrong direction or currency.

    >>> from upwork_safety.money import ExchangeRate
    >>> usd_pkr = ExchangeRate("USD", "PKR", "280.00")
    >>> nine_hundred = Money("900.00", "USD")
    >>> quote_withdrawal(nine_hundred, DIRECT_TO_LOCAL_BANK, reference_rate=usd_pkr).received
    Money(amount=Decimal('251722.80'), currency='PKR')
    """
    money = _balance(amount)
    setup = _setup(money.currency, method, reference_rate, spread, tax_rate)
    return _quote(setup, money)


def _by_received(quote: WithdrawalQuote) -> tuple[Decimal, int, str]:
    return (-quote.received.amount, quote.method.business_days[1], quote.method.name)


def compare_withdrawals(
    amount: Money,
    *,
    reference_rate: ExchangeRate,
    methods: Sequence[WithdrawalMethod | str] = PAKISTAN_METHODS,
    tax_rate: RateLike | None = None,
) -> WithdrawalComparison:
    """Quote *amount* by every method, best (most received) first.

    Each method uses its own default spread; to use the spread you observe,
    pass ``attrs.evolve(method, spread=...)``.  Methods that are not
    available in Pakistan, or that cannot withdraw *amount* (below the
    minimum, or not covering the fees), are listed in ``skipped`` with the
    reason, never dropped silently.

    Args:
        amount: The balance to withdraw.
        reference_rate: The reference rate every quote is measured against.
        methods: The methods to compare (default :data:`PAKISTAN_METHODS`).
        tax_rate: The income tax withheld, as in :func:`quote_withdrawal`.

    Returns:
        A :class:`WithdrawalComparison`.

    Raises:
        InvalidValueError: An unknown method name, a bad tax rate.
        CurrencyMismatchError: A rate in the wrong direction or currency
            for a usable method.
    """
    money = _balance(amount)
    quotes: list[WithdrawalQuote] = []
    skipped: list[SkippedMethod] = []
    for entry in methods:
        method = get_method(entry)
        if not method.available_in_pakistan:
            skipped.append(SkippedMethod(method, "not available in Pakistan"))
            continue
        setup = _setup(money.currency, method, reference_rate, None, tax_rate)
        problem = setup.usable(money.amount)
        if problem:
            skipped.append(SkippedMethod(method, problem))
            continue
        quotes.append(_quote(setup, money))
    return WithdrawalComparison(
        amount=money,
        reference_rate=reference_rate,
        quotes=tuple(sorted(quotes, key=_by_received)),
        skipped=tuple(skipped),
    )


@attrs.frozen(kw_only=True)
class BreakEven:
    """Where one withdrawal method overtakes another.

    Args:
        amount: Above this balance (to the cent), *better_above* delivers
            more than *better_below*; at it, it does not.
        better_above: The name of the method that wins above *amount*.
        better_below: The name of the method that wins (or ties) at and
            below *amount*.
    """

    amount: Money
    better_above: str
    better_below: str


def _lowest_usable(setup: _Setup, step: Decimal) -> Decimal:
    """The smallest whole-cent balance *setup* can withdraw."""
    method = setup.method
    keep = _ONE - method.percentage_fee
    estimate = max(method.minimum.amount, method.fixed_fee.amount / keep)
    cents = max(int((estimate / step).to_integral_value(rounding=ROUND_FLOOR)) - 2, 0)
    while setup.usable(cents * step):
        cents += 1
    return cents * step


def break_even(
    a: WithdrawalMethod | str,
    b: WithdrawalMethod | str,
    *,
    reference_rate: ExchangeRate,
    tax_rate: RateLike | None = None,
) -> BreakEven | None:
    """Return the balance above which one of two methods delivers more, or ``None``.

    A method with a lower spread but a higher fixed fee (a wire against
    Payoneer, say) loses on small withdrawals and wins on large ones; this
    finds the crossing, exactly to the cent: above the returned amount the
    winner receives strictly more at every cent, at the amount it does not.

    Args:
        a: One method (or its key or name), with its own spread.
        b: The other.
        reference_rate: The reference rate both are measured against.
        tax_rate: The income tax withheld, as in :func:`quote_withdrawal`.

    Returns:
        A :class:`BreakEven`, or ``None`` when one method is at least as
        good at every balance both can withdraw (no crossing).

    Raises:
        RulesError: A method not available in Pakistan, or two methods so
            alike that the crossing cannot be pinned to the cent within
            100,000 cents of scanning.
        InvalidValueError: An unknown method name.
    """
    first = _setup(DIRECT_TO_LOCAL_BANK.fixed_fee.currency, a, reference_rate, None, tax_rate)
    second = _setup(first.balance_currency, b, reference_rate, None, tax_rate)
    quote_currency = reference_rate.quote
    step = _quantum(first.balance_currency)

    # Without rounding each method receives slope * x - offset.
    def line(setup: _Setup) -> tuple[Decimal, Decimal]:
        keep = setup.applied * (_ONE - setup.tax_rate)
        return (_ONE - setup.method.percentage_fee) * keep, setup.method.fixed_fee.amount * keep

    slope_a, offset_a = line(first)
    slope_b, offset_b = line(second)
    if slope_a == slope_b:
        return None
    winner, loser = (first, second) if slope_a > slope_b else (second, first)
    (w_slope, w_offset), (l_slope, l_offset) = (
        ((slope_a, offset_a), (slope_b, offset_b))
        if winner is first
        else ((slope_b, offset_b), (slope_a, offset_a))
    )
    gap = w_slope - l_slope
    crossing = (w_offset - l_offset) / gap
    # Rounding moves each method's result by at most half a cent of the
    # balance (the percentage fee) times the rate, plus half a minor unit
    # for the conversion and for the tax: beyond `noise / gap` of the
    # crossing the winner wins whatever the rounding.
    half = _quantum(quote_currency) / 2
    noise = (step / 2) * (first.applied + second.applied) + 4 * half
    high = crossing + noise / gap
    lowest = max(_lowest_usable(first, step), _lowest_usable(second, step))
    high_cents = int((high / step).to_integral_value(rounding=ROUND_CEILING)) + 1
    lowest_cents = int(lowest / step)
    if high_cents <= lowest_cents:
        return None
    scan = high_cents - max(lowest_cents, int((crossing - noise / gap) / step) - 1)
    if scan > _MAX_SCAN:
        raise RulesError(
            f"{winner.method.name} and {loser.method.name} are too alike to pin their "
            f"break-even to the cent (it lies near {first.balance_currency} "
            f"{crossing.quantize(step)}); compare quotes at the amounts you need"
        )
    cents = high_cents - 1
    while cents >= lowest_cents:
        amount = cents * step
        if winner.received(amount)[2] <= loser.received(amount)[2]:
            return BreakEven(
                amount=Money(amount, first.balance_currency),
                better_above=winner.method.name,
                better_below=loser.method.name,
            )
        cents -= 1
    return None


def withdrawal_for_target(
    target: Money,
    method: WithdrawalMethod | str,
    *,
    reference_rate: ExchangeRate,
    spread: RateLike | None = None,
    tax_rate: RateLike | None = None,
) -> Money:
    """Return the smallest balance to withdraw so that at least *target* arrives.

    The inverse of :func:`quote_withdrawal`: exact to the cent, so
    withdrawing one cent less delivers less than *target* (or is below the
    method's minimum).

    Args:
        target: What must arrive, in the currency *reference_rate* converts to.
        method: A :class:`WithdrawalMethod` or a preset's key or name.
        reference_rate: As :func:`quote_withdrawal`.
        spread: As :func:`quote_withdrawal`.
        tax_rate: As :func:`quote_withdrawal`.

    Returns:
        The balance to withdraw, in whole cents.

    Raises:
        CurrencyMismatchError: *target* not in the rate's quote currency.
        InvalidValueError: A negative target, or the errors of
            :func:`quote_withdrawal`.
    """
    setup = _setup(
        DIRECT_TO_LOCAL_BANK.fixed_fee.currency, method, reference_rate, spread, tax_rate
    )
    if not isinstance(target, Money):
        raise InvalidTypeError(f"target must be Money, not {type(target).__name__}")
    if target.currency != reference_rate.quote:
        raise CurrencyMismatchError(
            f"target is in {target.currency} but reference_rate converts to {reference_rate.quote}"
        )
    if target.amount < 0:
        raise InvalidValueError(f"target must not be negative, got {target}")
    step = _quantum(setup.balance_currency)
    low_cents = int(_lowest_usable(setup, step) / step)
    # received() never decreases as the balance grows (every fee and tax is
    # a fraction below 1 of what it is charged on), so search by halving.
    high_cents = low_cents
    while setup.received(high_cents * step)[2] < target.amount:
        high_cents = high_cents * 2 + 100
    while low_cents < high_cents:
        middle = (low_cents + high_cents) // 2
        if setup.received(middle * step)[2] >= target.amount:
            high_cents = middle
        else:
            low_cents = middle + 1
    return Money(low_cents * step, setup.balance_currency)


# ==========================================================================
# Planning
# ==========================================================================


@attrs.frozen
class Frequency:
    """How often to withdraw.

    Args:
        name: E.g. ``"monthly"``.
        per_year: Withdrawals a year.
    """

    name: str = attrs.field(validator=id_field)
    per_year: int = attrs.field()

    def __attrs_post_init__(self) -> None:
        if isinstance(self.per_year, bool) or not isinstance(self.per_year, int):
            raise InvalidTypeError(
                f"Frequency.per_year must be a whole number, not {self.per_year!r}"
            )
        if self.per_year <= 0:
            raise InvalidValueError(f"Frequency.per_year must be positive, got {self.per_year}")


#: The withdrawal rhythms :func:`plan_withdrawals` considers, most frequent first.
DEFAULT_FREQUENCIES: tuple[Frequency, ...] = (
    Frequency("weekly", 52),
    Frequency("every 2 weeks", 26),
    Frequency("monthly", 12),
    Frequency("every 2 months", 6),
    Frequency("quarterly", 4),
    Frequency("twice a year", 2),
    Frequency("yearly", 1),
)


@attrs.frozen(kw_only=True)
class PlanOption:
    """One rhythm considered by :func:`plan_withdrawals`.

    Args:
        frequency: The rhythm.
        amount_each: The balance each withdrawal takes (to the cent).
        fixed_fees_per_year: The method's fixed fee times withdrawals a year.
        fee_share: The fixed fee as a fraction of each withdrawal.
        acceptable: Whether the rhythm keeps the share within the limit and
            each withdrawal at or above the method's minimum.
        reason: Why not, when it is not acceptable.
    """

    frequency: Frequency
    amount_each: Money
    fixed_fees_per_year: Money
    fee_share: Decimal
    acceptable: bool
    reason: str = ""


@attrs.frozen(kw_only=True)
class WithdrawalPlan:
    """How often to withdraw so fixed fees stay under a chosen share.

    Args:
        method: The withdrawal method.
        monthly_earnings: The expected balance earned each month.
        max_fee_share: The largest share of each withdrawal the fixed fee
            may take.
        options: Every rhythm considered, most frequent first.
        recommended: The most frequent acceptable rhythm, or ``None`` when
            none is acceptable.
    """

    method: WithdrawalMethod
    monthly_earnings: Money
    max_fee_share: Decimal
    options: tuple[PlanOption, ...]
    recommended: PlanOption | None

    def to_records(self, *, locale: str | None = None) -> list[dict[str, object]]:
        """Return one dict per rhythm considered, most frequent first.

        Args:
            locale: When given, money is formatted for it with babel.
        """
        return [
            {
                "frequency": option.frequency.name,
                "per_year": option.frequency.per_year,
                "amount_each": _fmt(option.amount_each, locale),
                "fixed_fees_per_year": _fmt(option.fixed_fees_per_year, locale),
                "fee_share_percent": (option.fee_share * _HUNDRED).quantize(Decimal("0.01")),
                "acceptable": option.acceptable,
                "recommended": option is self.recommended,
                "reason": option.reason,
            }
            for option in self.options
        ]

    def _repr_html_(self) -> str:
        return _render.html_table(
            self.to_records(),
            caption=(
                f"Withdrawing {self.monthly_earnings} a month by {self.method.name}, "
                f"fixed fees at most {_pct(self.max_fee_share)}"
            ),
        )


def plan_withdrawals(
    monthly_earnings: Money,
    method: WithdrawalMethod | str,
    *,
    max_fee_share: RateLike,
    frequencies: Sequence[Frequency] = DEFAULT_FREQUENCIES,
) -> WithdrawalPlan:
    """Choose how often to withdraw so the fixed fee stays under *max_fee_share*.

    A fixed fee hurts small withdrawals: $0.99 is 1% of $99 but 0.1% of
    $990.  Withdrawing the whole month's earnings *k* times a year, each
    withdrawal is ``monthly_earnings × 12 / k``; the plan picks the most
    frequent rhythm whose fixed fee is at most *max_fee_share* of each
    withdrawal and whose withdrawals reach the method's minimum.

    Args:
        monthly_earnings: Expected balance earned each month (USD, > 0).
        method: A :class:`WithdrawalMethod` or a preset's key or name.
        max_fee_share: The largest share of each withdrawal the fixed fee
            may take, as a fraction (``Decimal("0.005")`` for 0.5%).
        frequencies: The rhythms to consider (default
            :data:`DEFAULT_FREQUENCIES`).

    Returns:
        A :class:`WithdrawalPlan` listing every rhythm and the one chosen.

    Raises:
        InvalidValueError: Non-positive earnings, a share outside 0–1, an
            unknown method, or no rhythms.
        RulesError: A method not available in Pakistan.
    """
    chosen = get_method(method)
    if not chosen.available_in_pakistan:
        raise RulesError(f"{chosen.name} is not available to freelancers in Pakistan")
    if not isinstance(monthly_earnings, Money):
        raise InvalidTypeError(
            f"monthly_earnings must be Money, not {type(monthly_earnings).__name__}"
        )
    currency = chosen.fixed_fee.currency
    if monthly_earnings.currency != currency:
        raise CurrencyMismatchError(
            f"monthly_earnings is in {monthly_earnings.currency}; {chosen.name} "
            f"withdraws a {currency} balance"
        )
    if monthly_earnings.amount <= 0:
        raise InvalidValueError(f"monthly_earnings must be positive, got {monthly_earnings}")
    share = _fraction_arg(max_fee_share, "max_fee_share")
    rhythms = tuple(frequencies)
    if not rhythms:
        raise InvalidValueError("frequencies must list at least one Frequency")
    options: list[PlanOption] = []
    fixed = chosen.fixed_fee.amount
    for frequency in rhythms:
        if not isinstance(frequency, Frequency):
            raise InvalidTypeError(
                f"frequencies must hold Frequency values, not {type(frequency).__name__}"
            )
        each = _round(monthly_earnings.amount * 12 / frequency.per_year, currency)
        with localcontext() as context:
            context.prec = 40
            fee_share = (fixed / each) if each else Decimal(1)
        reason = ""
        if each < chosen.minimum.amount:
            reason = f"each withdrawal is below the {chosen.minimum} minimum"
        elif fee_share > share:
            reason = f"the fixed fee would take {_pct(fee_share.quantize(Decimal('0.000001')))}"
        options.append(
            PlanOption(
                frequency=frequency,
                amount_each=Money(each, currency),
                fixed_fees_per_year=Money(fixed * frequency.per_year, currency),
                fee_share=fee_share,
                acceptable=not reason,
                reason=reason,
            )
        )
    options.sort(key=lambda o: -o.frequency.per_year)
    recommended = next((o for o in options if o.acceptable), None)
    return WithdrawalPlan(
        method=chosen,
        monthly_earnings=monthly_earnings,
        max_fee_share=share,
        options=tuple(options),
        recommended=recommended,
    )


# ==========================================================================
# The whole path
# ==========================================================================


@attrs.frozen(kw_only=True)
class Payout(_Steps):
    """A client's payment all the way to the freelancer's account.

    Built by :func:`payout`.

    Args:
        paid: What the client paid for the work (before Upwork's fee).
        on: The payment date (it picks the service-fee schedule).
        schedule: The name of the service-fee schedule applied.
        service_fee: Upwork's service fee.
        balance: What reached the Upwork balance (and is withdrawn).
        withdrawal: The itemised withdrawal quote.
    """

    paid: Money
    on: date
    schedule: str
    service_fee: Money
    balance: Money
    withdrawal: WithdrawalQuote

    @property
    def received(self) -> Money:
        """What arrives in the freelancer's account."""
        return self.withdrawal.received

    @property
    def cost_vs_reference(self) -> Money:
        """What *paid* buys at the reference rate, minus what is received."""
        rate = self.withdrawal.reference_rate
        return rate.convert(self.paid) - self.received

    @property
    def cost_percent(self) -> Decimal:
        """:attr:`cost_vs_reference` as a percent of *paid* at the reference rate."""
        ideal = self.withdrawal.reference_rate.convert(self.paid).amount
        if not ideal:
            return _ZERO
        with localcontext() as context:
            context.prec = 40
            return (self.cost_vs_reference.amount / ideal * _HUNDRED).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )

    def lines(self) -> list[tuple[str, Money, str]]:
        """Return each step as ``(step, amount, note)``; costs are negative."""
        rows: list[tuple[str, Money, str]] = [
            ("Client paid", self.paid, f"on {self.on}"),
            ("Upwork service fee", -self.service_fee, self.schedule),
            ("Upwork balance", self.balance, "available to withdraw"),
        ]
        rows.extend(self.withdrawal.lines()[1:-1])
        rows.append(
            (
                "Total cost against the reference rate",
                -self.cost_vs_reference,
                f"{self.cost_percent}% of what the payment buys at the reference rate",
            )
        )
        return rows

    def _caption(self) -> str:
        return f"{self.paid} paid on {self.on}"


def payout(
    payment: Payment | Money,
    *,
    method: WithdrawalMethod | str,
    reference_rate: ExchangeRate,
    on: date | None = None,
    rate: RateLike | None = None,
    billed_before: Money | None = None,
    contract: Contract | None = None,
    spread: RateLike | None = None,
    tax_rate: RateLike | None = None,
    rules: ServiceFeeSchedule | None = None,
) -> Payout:
    """Follow a client's payment to the freelancer's bank: fee, balance, withdrawal, rupees.

    The whole net balance is withdrawn by *method*.

    Args:
        payment: A :class:`~upwork_safety.models.Payment`, or the amount paid.
        method: A :class:`WithdrawalMethod` or a preset's key or name.
        reference_rate: As :func:`quote_withdrawal`.
        on: The payment date; defaults to a Payment's own date and is
            required for a bare amount.
        rate: The contract's service fee, as :func:`service_fee`.
        billed_before: As :func:`service_fee`.
        contract: A contract whose ``service_fee_rate`` to use.
        spread: As :func:`quote_withdrawal`.
        tax_rate: As :func:`quote_withdrawal`.
        rules: A service-fee schedule to use instead of the one in force.

    Returns:
        A :class:`Payout` with every step.

    Raises:
        InvalidValueError: No date for a bare amount, *on* disagreeing with
            the payment's date, and every error of :func:`service_fee` and
            :func:`quote_withdrawal`.
    """
    if isinstance(payment, Payment):
        if on is not None and utc_day(on, "on") != payment.on:
            raise InvalidValueError(
                f"on={on} disagrees with the payment's own date {payment.on}; pass one"
            )
        day = payment.on
        paid = payment.amount
    elif on is None:
        raise InvalidValueError(
            "payout() needs on= (the payment date) for a bare amount: it picks the "
            "service-fee schedule"
        )
    else:
        day = utc_day(on, "on")
        paid = payment
    fee_rate = _contract_rate(rate, contract)
    schedule = _schedule(day, rules)
    fee = service_fee(paid, on=day, rate=fee_rate, billed_before=billed_before, rules=schedule)
    balance = paid - fee
    quote = quote_withdrawal(
        balance, method, reference_rate=reference_rate, spread=spread, tax_rate=tax_rate
    )
    return Payout(
        paid=paid,
        on=day,
        schedule=schedule.name,
        service_fee=fee,
        balance=balance,
        withdrawal=quote,
    )
