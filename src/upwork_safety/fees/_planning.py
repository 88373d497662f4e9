"""How often to withdraw by hand, so a fixed withdrawal fee stays a small share (private).

:func:`plan_withdrawals` weighs rhythms (:class:`Frequency`) against a
method's fixed fee.  Upwork's own automatic schedules are in
``_schedules``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from upwork_safety import _render
from upwork_safety._render import percent
from upwork_safety._validate import id_field, sequence_of
from upwork_safety.errors import CurrencyMismatchError, InvalidTypeError, InvalidValueError
from upwork_safety.fees._common import HUNDRED, ONE, Default, check_locale, fmt, rate_arg
from upwork_safety.fees._route import usable_method
from upwork_safety.money import CONTEXT, MAX_DIGITS, Money, exact, require_money, round_half_up
from upwork_safety.rules import WithdrawalMethod

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "DEFAULT_FREQUENCIES",
    "Frequency",
    "PlanOption",
    "WithdrawalPlan",
    "plan_withdrawals",
]

RateLike = Decimal | int | str


def _per_year(_instance: object, _attribute: object, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(
            f"Frequency.per_year must be a whole number, not {value!r}",
            field="Frequency.per_year",
            rule="an int",
        )
    if value <= 0:
        raise InvalidValueError(
            f"Frequency.per_year must be positive, got {value}",
            field="Frequency.per_year",
            rule="positive",
        )


@attrs.frozen
class Frequency:
    """How often to withdraw.

    Args:
        name: E.g. ``"monthly"``.
        per_year: Withdrawals a year.
    """

    name: str = attrs.field(validator=id_field)
    per_year: int = attrs.field(validator=_per_year)


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


@attrs.frozen(kw_only=True)
class PlanOption:
    """One rhythm considered by :func:`plan_withdrawals`.

    Args:
        frequency: The rhythm.
        amount_each: The balance each withdrawal takes (to the cent).
        fixed_fees_per_year: The method's fixed fee times withdrawals a year.
        fee_share: The fixed fee as a fraction of each withdrawal (half up to
            18 decimal places, the library's limit for decimals).
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


@attrs.frozen(kw_only=True, repr=False)
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

    def __repr__(self) -> str:
        chosen = self.recommended.frequency.name if self.recommended else "none acceptable"
        return f"<WithdrawalPlan {self.monthly_earnings} a month by {self.method.name}: {chosen}>"

    def to_records(self, *, locale: str | None = None) -> list[dict[str, object]]:
        """Return one dict per rhythm considered, most frequent first.

        Args:
            locale: When given, money is formatted for it with babel.
        """
        chosen = check_locale(locale)
        return [
            {
                "frequency": option.frequency.name,
                "per_year": option.frequency.per_year,
                "amount_each": fmt(option.amount_each, chosen),
                "fixed_fees_per_year": fmt(option.fixed_fees_per_year, chosen),
                "fee_share_percent": round_half_up(CONTEXT.multiply(option.fee_share, HUNDRED), 2),
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
    withdrawal is ``monthly_earnings × 12 / k``; the plan picks the most
    frequent rhythm whose fixed fee is at most *max_fee_share* of each
    withdrawal and whose withdrawals reach the method's minimum.

    Args:
        monthly_earnings: Expected balance earned each month (USD, > 0).
        method: A :class:`WithdrawalMethod` or a preset's key or name.
        max_fee_share: The largest share of each withdrawal the fixed fee
            may take, as a fraction (``Decimal("0.005")``, ``"0.005"`` or
            ``"0.5%"``).
        frequencies: The rhythms to consider (default
            :data:`DEFAULT_FREQUENCIES`), a sequence of :class:`Frequency`.

    Returns:
        A :class:`WithdrawalPlan` listing every rhythm and the one chosen.

    Raises:
        InvalidValueError: Non-positive earnings, a share outside 0–1, an
            unknown method, or no rhythms.
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
    if earnings.amount <= 0:
        raise InvalidValueError(
            f"monthly_earnings must be positive, got {earnings}",
            field="monthly_earnings",
            rule="positive",
        )
    share = rate_arg(max_fee_share, "max_fee_share")
    listed = DEFAULT_FREQUENCIES if isinstance(frequencies, Default) else frequencies
    rhythms = sequence_of(listed, Frequency, "frequencies")
    if not rhythms:
        raise InvalidValueError(
            "frequencies must list at least one Frequency",
            field="frequencies",
            rule="at least one Frequency",
        )
    options: list[PlanOption] = []
    fixed = chosen.fixed_fee
    for frequency in rhythms:
        yearly = CONTEXT.multiply(earnings.amount, Decimal(12))
        each = Money(
            round_half_up(CONTEXT.divide(yearly, Decimal(frequency.per_year)), earnings.minor_unit),
            currency,
        )
        fee_share = CONTEXT.divide(fixed.amount, each.amount) if each else ONE
        reason = ""
        if each < chosen.minimum:
            reason = f"each withdrawal is below the {chosen.minimum} minimum"
        elif fee_share > share:
            reason = f"the fixed fee would take {percent(round_half_up(fee_share, 6))}"
        options.append(
            PlanOption(
                frequency=frequency,
                amount_each=each,
                fixed_fees_per_year=fixed * frequency.per_year,
                # Kept to the library's decimal limit (18 places) so that a plan
                # reads back from its JSON; the test above used the exact share.
                fee_share=round_half_up(fee_share, MAX_DIGITS),
                acceptable=not reason,
                reason=reason,
            )
        )
    options.sort(key=lambda o: -o.frequency.per_year)
    recommended = next((o for o in options if o.acceptable), None)
    return WithdrawalPlan(
        method=chosen,
        monthly_earnings=earnings,
        max_fee_share=share,
        options=tuple(options),
        recommended=recommended,
    )
