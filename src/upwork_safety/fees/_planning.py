"""How often to withdraw by hand, so a fixed withdrawal fee stays a small share (private).

:func:`plan_withdrawals` weighs rhythms (:class:`Frequency`) against a
method's fixed fee.  Upwork's own automatic schedules are in
``_schedules``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from upwork_safety import _render
from upwork_safety._amount_fields import (
    money_field,
    more_than_zero,
    positive_cents_field,
    whole_cents,
)
from upwork_safety._decimals import CONTEXT, INTEGER_DIGITS_RULE, fraction
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_int, plain_text
from upwork_safety._render import percent
from upwork_safety._validate import (
    as_tuple,
    bool_field,
    count_field,
    field_name,
    id_field,
    instance_field,
    items_field,
    sequence_of,
    text_field,
)
from upwork_safety.errors import CurrencyMismatchError, InvalidTypeError, InvalidValueError
from upwork_safety.fees._common import (
    HUNDRED,
    ONE,
    ZERO,
    Default,
    check_locale,
    fmt,
    rate_arg,
)
from upwork_safety.fees._route import usable_method
from upwork_safety.money import (
    MAX_DIGITS,
    Money,
    exact,
    plain_money,
    require_money,
    round_down,
    round_half_up,
)
from upwork_safety.rules import WithdrawalMethod

__all__ = [
    "DEFAULT_FREQUENCIES",
    "Frequency",
    "PlanOption",
    "WithdrawalPlan",
    "plan_withdrawals",
]

RateLike = Decimal | int | str


@through_init
@attrs.frozen
class Frequency:
    """How often to withdraw.

    Args:
        name: E.g. ``"monthly"``.
        per_year: Withdrawals a year: a whole number from 1, of at most 18
            digits.

    Raises:
        InvalidTypeError: A name that is not text, or *per_year* not an int.
        InvalidValueError: An empty name, or *per_year* not positive or of
            more than 18 digits.
    """

    name: str = attrs.field(converter=plain_text, validator=id_field)
    per_year: int = attrs.field(converter=plain_int, validator=count_field(low=1))


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

_DEFAULT_FREQUENCIES = Default("DEFAULT_FREQUENCIES")


def _fee_share_field(instance: object, attribute: Any, value: Any) -> None:
    """A fee share: a finite ``Decimal`` from 0, within the decimal limit (it may pass 1)."""
    name = field_name(instance, attribute)
    if type(value) is not Decimal:
        raise InvalidTypeError(
            f"{name} must be a Decimal, not {type(value).__name__}", field=name, rule="a Decimal"
        )
    fraction(value, name, below_one=False)


def _max_share_field(instance: object, attribute: Any, value: Any) -> None:
    """The largest share: a ``Decimal`` fraction from 0 below 1, as ``max_fee_share=`` takes."""
    name = field_name(instance, attribute)
    if type(value) is not Decimal:
        raise InvalidTypeError(
            f"{name} must be a Decimal, not {type(value).__name__}", field=name, rule="a Decimal"
        )
    fraction(value, name)


def _exact_share(fixed: Decimal, each: Money) -> Decimal:
    """The fixed fee as an exact fraction of each withdrawal.

    No fee takes nothing (0), even of nothing; a fee on a zero withdrawal
    takes all of it (1).
    """
    if not fixed:
        return ZERO
    return CONTEXT.divide(fixed, each.amount) if each else ONE


def _kept_share(share: Decimal) -> Decimal:
    """*share* kept to the library's decimal limit (18 places), so a plan reads back from JSON."""
    return round_half_up(share, MAX_DIGITS)


@through_init
@attrs.frozen(kw_only=True)
class PlanOption:
    """One rhythm considered by :func:`plan_withdrawals`.

    Args:
        frequency: The rhythm.
        amount_each: The balance each withdrawal takes (≥ 0): the earnings
            of the period, rounded down to the cent (what has been earned
            by then; never more).
        fixed_fees_per_year: The method's fixed fee times withdrawals a
            year, in the same currency.
        fee_share: The fixed fee as a fraction of each withdrawal (half up to
            18 decimal places, the library's limit for decimals; ``0`` when
            the method has no fixed fee, else ``1`` when each withdrawal is
            zero, and above 1 when the fee is larger than the withdrawal).
        acceptable: Whether the rhythm keeps the share within the limit and
            each withdrawal at or above the method's minimum (and above
            zero).
        reason: Why not, when it is not acceptable (empty exactly when it is).

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: Negative or part-cent money, amounts in two
            currencies, a fee share that disagrees with the amounts, or a
            *reason* that disagrees with *acceptable*.
    """

    frequency: Frequency = attrs.field(validator=instance_field(Frequency))
    amount_each: Money = attrs.field(converter=plain_money, validator=money_field)
    fixed_fees_per_year: Money = attrs.field(converter=plain_money, validator=money_field)
    fee_share: Decimal = attrs.field(validator=_fee_share_field)
    acceptable: bool = attrs.field(validator=bool_field)
    reason: str = attrs.field(converter=plain_text, default="", validator=text_field)

    def __attrs_post_init__(self) -> None:
        each, yearly = self.amount_each, self.fixed_fees_per_year
        whole_cents(each, "PlanOption.amount_each")
        whole_cents(yearly, "PlanOption.fixed_fees_per_year")
        if yearly.currency != each.currency:
            raise CurrencyMismatchError(
                f"PlanOption.fixed_fees_per_year is in {yearly.currency}, amount_each in "
                f"{each.currency}: both are the balance's currency",
                field="PlanOption.fixed_fees_per_year",
                rule=f"in {each.currency}",
            )
        fixed = CONTEXT.divide(yearly.amount, Decimal(self.frequency.per_year))
        expected = _kept_share(_exact_share(fixed, each))
        if self.fee_share != expected:
            raise InvalidValueError(
                f"PlanOption.fee_share must be the fixed fee ({yearly.currency} {fixed}) as a "
                f"share of each withdrawal ({each}), {expected}; got {self.fee_share}",
                field="PlanOption.fee_share",
                rule="fixed fee / amount_each",
            )
        if self.acceptable == bool(self.reason):
            said = "gives a reason" if self.acceptable else "gives no reason"
            raise InvalidValueError(
                f"PlanOption.reason: an option that is {'' if self.acceptable else 'not '}"
                f"acceptable {said}; a reason is given exactly when it is not acceptable",
                field="PlanOption.reason",
                rule="a reason exactly when not acceptable",
            )


@through_init
@attrs.frozen(kw_only=True, repr=False)
class WithdrawalPlan:
    """How often to withdraw so fixed fees stay under a chosen share.

    Built by :func:`plan_withdrawals`; built directly or read back with
    :mod:`~upwork_safety.serialize`, it must be a plan that function could
    return: every option is worked out again from the fields above it.

    Args:
        method: The withdrawal method (available in Pakistan).
        monthly_earnings: The expected balance earned each month (in the
            method's balance currency, USD; > 0, in whole cents).
        max_fee_share: The largest share of each withdrawal the fixed fee
            may take, a ``Decimal`` fraction from 0 below 1.
        options: Every rhythm considered, most frequent first (at least
            one); each option's amounts, fee share and acceptability are
            those of its rhythm under the fields above.
        recommended: The most frequent acceptable rhythm (the first
            acceptable option), or ``None`` when none is acceptable.

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: Earnings not above zero or not in whole cents, a
            share outside 0–1, no options or options out of order, an option
            that disagrees with the fields, or *recommended* not the first
            acceptable option.
        CurrencyMismatchError: Earnings not in the method's balance currency.
        RulesError: A method not available in Pakistan.
    """

    method: WithdrawalMethod = attrs.field(validator=instance_field(WithdrawalMethod))
    monthly_earnings: Money = attrs.field(converter=plain_money, validator=positive_cents_field)
    max_fee_share: Decimal = attrs.field(validator=_max_share_field)
    options: tuple[PlanOption, ...] = attrs.field(
        converter=as_tuple, validator=items_field(PlanOption)
    )
    recommended: PlanOption | None = attrs.field(
        validator=instance_field(PlanOption, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        method = self.method
        usable_method(method, "WithdrawalPlan.method")
        currency = method.balance_currency
        if self.monthly_earnings.currency != currency:
            raise CurrencyMismatchError(
                f"WithdrawalPlan.monthly_earnings is in {self.monthly_earnings.currency}; "
                f"{method.name} withdraws a {currency} balance",
                field="WithdrawalPlan.monthly_earnings",
                rule=f"in {currency}",
            )
        if not self.options:
            raise InvalidValueError(
                "WithdrawalPlan.options must list at least one PlanOption",
                field="WithdrawalPlan.options",
                rule="at least one PlanOption",
            )
        previous = None
        for index, option in enumerate(self.options):
            self._check_option(index, option)
            if previous is not None and option.frequency.per_year > previous:
                raise InvalidValueError(
                    f"WithdrawalPlan.options[{index}] ({option.frequency.name}) is more frequent "
                    "than the option before it: options are most frequent first",
                    field=f"WithdrawalPlan.options[{index}]",
                    rule="most frequent first",
                )
            previous = option.frequency.per_year
        first = _first_acceptable(self.options)
        chosen = None if first is None else self.options[first]
        if self.recommended != chosen:
            expected = "None" if chosen is None else f"the {chosen.frequency.name} option"
            raise InvalidValueError(
                f"WithdrawalPlan.recommended must be the most frequent acceptable option, "
                f"{expected}",
                field="WithdrawalPlan.recommended",
                rule="the first acceptable option, or None",
            )

    def _check_option(self, index: int, option: PlanOption) -> None:
        """*option* must be what :func:`plan_withdrawals` works out for its rhythm."""
        expected = _option(
            option.frequency,
            self.monthly_earnings,
            self.method,
            self.max_fee_share,
            names=("WithdrawalPlan.monthly_earnings", f"WithdrawalPlan.options[{index}].frequency"),
        )
        for name in ("amount_each", "fixed_fees_per_year", "acceptable", "reason"):
            got, wanted = getattr(option, name), getattr(expected, name)
            if type(got) is not type(wanted) or got != wanted:
                field = f"WithdrawalPlan.options[{index}].{name}"
                raise InvalidValueError(
                    f"{field} must be {wanted} for {option.frequency.name} withdrawals of "
                    f"{self.monthly_earnings} a month by {self.method.name} (fixed fees at most "
                    f"{percent(self.max_fee_share)}), got {got}",
                    field=field,
                    rule=f"as plan_withdrawals works out {name}",
                )

    def __repr__(self) -> str:
        chosen = self.recommended.frequency.name if self.recommended else "none acceptable"
        return f"<WithdrawalPlan {self.monthly_earnings} a month by {self.method.name}: {chosen}>"

    def to_records(self, *, locale: str | None = None) -> list[dict[str, object]]:
        """Return one dict per rhythm considered, most frequent first (amounts in ``currency``).

        Args:
            locale: When given, money is formatted for it with babel.
        """
        chosen = check_locale(locale)
        first = _first_acceptable(self.options)
        return [
            {
                "frequency": option.frequency.name,
                "per_year": option.frequency.per_year,
                "amount_each": fmt(option.amount_each, chosen),
                "fixed_fees_per_year": fmt(option.fixed_fees_per_year, chosen),
                "currency": option.amount_each.currency,
                "fee_share_percent": round_half_up(CONTEXT.multiply(option.fee_share, HUNDRED), 2),
                "acceptable": option.acceptable,
                "recommended": index == first,
                "reason": option.reason,
            }
            for index, option in enumerate(self.options)
        ]

    def _repr_html_(self) -> str:
        return _render.html_table(
            self.to_records(),
            caption=(
                f"Withdrawing {self.monthly_earnings} a month by {self.method.name}, "
                f"fixed fees at most {percent(self.max_fee_share)}"
            ),
        )


@exact
def plan_withdrawals(
    monthly_earnings: Money,
    method: WithdrawalMethod | str,
    *,
    max_fee_share: RateLike,
    frequencies: Sequence[Frequency] | Default = _DEFAULT_FREQUENCIES,
) -> WithdrawalPlan:
    """Choose how often to withdraw so the fixed fee stays under *max_fee_share*.

    A fixed fee hurts small withdrawals: $0.99 is 1% of $99 but 0.1% of
    $990.  Withdrawing the whole month's earnings *k* times a year, each
    withdrawal is ``monthly_earnings × 12 / k``, rounded down to the cent
    (never more than has been earned); the plan picks the most
    frequent rhythm whose fixed fee is at most *max_fee_share* of each
    withdrawal and whose withdrawals reach the method's minimum.

    Args:
        monthly_earnings: Expected balance earned each month (USD, > 0, in
            whole cents).
        method: A :class:`WithdrawalMethod` or a preset's key or name.
        max_fee_share: The largest share of each withdrawal the fixed fee
            may take, as a fraction (``Decimal("0.005")``, ``"0.005"`` or
            ``"0.5%"``).
        frequencies: The rhythms to consider (default
            :data:`DEFAULT_FREQUENCIES`), a sequence of :class:`Frequency`.

    Returns:
        A :class:`WithdrawalPlan` listing every rhythm and the one chosen.

    Raises:
        InvalidValueError: Earnings not positive or not in whole cents, a
            share outside 0–1, an unknown method, no rhythms, or amounts past
            the library's 18-digit limit (each withdrawal of the earnings, a
            rhythm's fixed fees a year, or the fixed fee's share of each
            withdrawal, naming ``method.fixed_fee``).
        InvalidTypeError: *frequencies* is not a sequence of Frequency, or
            another wrong-typed argument.
        RulesError: A method not available in Pakistan.
    """
    chosen = usable_method(method)
    earnings = require_money(monthly_earnings, "monthly_earnings")
    currency = chosen.balance_currency
    if earnings.currency != currency:
        raise CurrencyMismatchError(
            f"monthly_earnings is in {earnings.currency}; {chosen.name} "
            f"withdraws a {currency} balance",
            field="monthly_earnings",
            rule=f"in {currency}",
        )
    whole_cents(more_than_zero(earnings, "monthly_earnings"), "monthly_earnings")
    share = rate_arg(max_fee_share, "max_fee_share")
    listed = DEFAULT_FREQUENCIES if isinstance(frequencies, Default) else frequencies
    rhythms = sequence_of(listed, Frequency, "frequencies")
    if not rhythms:
        raise InvalidValueError(
            "frequencies must list at least one Frequency",
            field="frequencies",
            rule="at least one Frequency",
        )
    options = [
        _option(frequency, earnings, chosen, share, names=("monthly_earnings", f"frequencies[{i}]"))
        for i, frequency in enumerate(rhythms)
    ]
    options.sort(key=lambda o: -o.frequency.per_year)
    first = _first_acceptable(options)
    recommended = None if first is None else options[first]
    return WithdrawalPlan(
        method=chosen,
        monthly_earnings=earnings,
        max_fee_share=share,
        options=tuple(options),
        recommended=recommended,
    )


def _option(
    frequency: Frequency,
    earnings: Money,
    method: WithdrawalMethod,
    share: Decimal,
    *,
    names: tuple[str, str],
) -> PlanOption:
    """The option :func:`plan_withdrawals` works out for one rhythm (and a plan checks).

    *names* are the fields to blame when an amount passes the 18-digit
    limit: the earnings (each withdrawal grows with them) and the rhythm
    (its fixed fees a year grow with ``per_year``).
    """
    earnings_name, frequency_name = names
    yearly = CONTEXT.multiply(earnings.amount, Decimal(12))
    exact_each = CONTEXT.divide(yearly, Decimal(frequency.per_year))
    try:
        # Down, never up: a withdrawal cannot take money not yet earned, so the
        # minimum and the fee share are judged on what each really takes.
        each = Money(round_down(exact_each, earnings.minor_unit), earnings.currency)
    except InvalidValueError as error:
        raise InvalidValueError(
            f"{earnings_name} ({earnings}) withdrawn {frequency.per_year} times a year makes "
            f"each withdrawal longer than the library's limit of {MAX_DIGITS} digits before "
            "the decimal point",
            field=earnings_name,
            rule=error.rule,
        ) from None
    fixed = method.fixed_fee
    try:
        fixed_per_year = fixed * frequency.per_year
    except InvalidValueError as error:
        raise InvalidValueError(
            f"{frequency_name}.per_year ({frequency.per_year}) times the {method.name} fixed "
            f"fee of {fixed} makes the fixed fees a year longer than the library's limit of "
            f"{MAX_DIGITS} digits before the decimal point",
            field=f"{frequency_name}.per_year",
            rule=error.rule,
        ) from None
    fee_share = _exact_share(fixed.amount, each)
    if fee_share.adjusted() >= MAX_DIGITS:
        raise InvalidValueError(
            f"the {method.name} fixed fee of {fixed} is at least {10**MAX_DIGITS:,} times "
            f"each withdrawal ({each}): a share beyond the library's limit of {MAX_DIGITS} "
            "digits before the decimal point",
            field="method.fixed_fee",
            rule=INTEGER_DIGITS_RULE,
        )
    reason = ""
    if each < method.minimum:
        reason = f"each withdrawal is below the {method.minimum} minimum"
    elif not each:
        reason = (
            f"each withdrawal would be {each}: {earnings} a month over {frequency.per_year} "
            "withdrawals a year is less than a cent each"
        )
    elif fee_share > share:
        # The test uses the exact share of the rounded-down withdrawal; the
        # option keeps it to 18 places.
        reason = f"the fixed fee would take {percent(round_half_up(fee_share, 6))}"
    return PlanOption(
        frequency=frequency,
        amount_each=each,
        fixed_fees_per_year=fixed_per_year,
        fee_share=_kept_share(fee_share),
        acceptable=not reason,
        reason=reason,
    )


def _first_acceptable(options: Sequence[PlanOption]) -> int | None:
    """The index of the most frequent acceptable option (options are most frequent first)."""
    return next((index for index, option in enumerate(options) if option.acceptable), None)
