"""What each field of a JSS rule set may hold (private; used by ``_jss``).

The limits of the month, week, day and count fields, the converters that
read a field as given, and the checks :class:`JSSRules` runs once it is
built: counts and their limits, durations, types, the weight cap and
the Top Rated earnings, and the feedback thresholds (each on its scale,
:mod:`upwork_safety._scales`).  The check of the weight tiers stays beside ``WeightTier``
in ``_jss``.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING, Any, cast

from upwork_safety._amount_fields import decimal_value, whole_cents
from upwork_safety._decimals import MAX_COUNT, flag
from upwork_safety._display import shown
from upwork_safety._plain import plain_int_items
from upwork_safety._scales import PRIVATE_SCORE_SCALE, STAR_SCALE
from upwork_safety._validate import KEPT_ORDER, as_sequence
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.kinds import EndReason
from upwork_safety.money import MAX_DIGITS, Money
from upwork_safety.rules._platform import _MAX_DURATION

if TYPE_CHECKING:
    from collections.abc import Callable

    from upwork_safety.rules._jss import JSSRules

_ZERO = Decimal(0)

#: The longest span, in years, that a month or week field of a rule set may
#: cover.  Far beyond any real window (the longest is 24 months), and short
#: enough that a window counted back from any supported day, or forward to
#: the day a contract leaves it, stays in (or is clipped to) the calendar.
_MAX_YEARS = 100
#: The most months a month field (a window, a period) may hold.
_MAX_MONTHS = 12 * _MAX_YEARS
#: The most weeks top_rated_weeks may hold.
_MAX_WEEKS = 52 * _MAX_YEARS
#: The most days top_rated_account_days may hold.
_MAX_DAYS = 366 * _MAX_YEARS
#: Month fields, bounded by _MAX_MONTHS.
_MONTH_FIELDS = frozenset(
    {
        "windows",
        "trending",
        "eligibility_months",
        "duration_bonus_months",
        "long_term_months",
        "top_rated_earnings_months",
    }
)
#: Durations: whole days, at most the longest duration of the platform rules
#: (the same rule: the engines add them to days up to the last supported one).
_DURATION_FIELDS = ("snapshot_every", "long_term_payment_interval", "open_idle_after")


def _optional_decimal(value: object) -> Decimal | None:
    return None if value is None else decimal_value(value, "WeightTier.up_to")


def _weight(name: str) -> Callable[[object], Decimal]:
    """A converter of the field *name* (a weight or a star threshold) to a ``Decimal``."""

    def convert(value: object) -> Decimal:
        return decimal_value(value, f"JSSRules.{name}")

    return convert


def _optional_weight(name: str) -> Callable[[object], Decimal | None]:
    """:func:`_weight`, or ``None``."""
    convert = _weight(name)

    def optional(value: object) -> Decimal | None:
        return None if value is None else convert(value)

    return optional


_stars = _weight


def _tier_weight(value: object) -> Decimal:
    return decimal_value(value, "WeightTier.weight")


def _fraction(value: object) -> Decimal:
    return decimal_value(value, "JSSRules.neutral_credit")


def _money_amount(value: object) -> Decimal:
    return decimal_value(value, "JSSRules.top_rated_min_earnings")


def _tuple(name: str) -> Callable[[object], tuple[Any, ...]]:
    """A converter of the field *name* to a tuple, refusing what is not a sequence."""

    def convert(value: object) -> tuple[Any, ...]:
        return as_sequence(value, f"JSSRules.{name}", "values", ordered=KEPT_ORDER)

    return convert


def _months_tuple(value: object, name: str = "JSSRules.windows") -> tuple[int, ...]:
    return plain_int_items(as_sequence(value, name, "whole months", ordered=KEPT_ORDER))


def _trending(value: object) -> tuple[int, int] | None:
    if value is None:
        return None
    months = _months_tuple(value, "JSSRules.trending")
    if len(months) != 2:
        raise RulesError(
            f"JSSRules.trending must be a pair of windows in months, got {shown(months)}",
            field="JSSRules.trending",
            rule="a pair of windows",
        )
    return (months[0], months[1])


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _limit(name: str) -> tuple[int, str, str]:
    """The largest value of the count field *name*, the rule's words and why."""
    span = f" ({_MAX_YEARS} years)"
    if name in _MONTH_FIELDS:
        return _MAX_MONTHS, f"at most {_MAX_MONTHS:,} months", span
    if name in ("top_rated_weeks", "top_rated_required_weeks"):
        return _MAX_WEEKS, f"at most {_MAX_WEEKS:,} weeks", span
    if name == "top_rated_account_days":
        return _MAX_DAYS, f"at most {_MAX_DAYS:,} days", span
    return MAX_COUNT, f"at most {MAX_DIGITS} digits", " (like every number the library holds)"


def _check_order(windows: tuple[int, ...]) -> None:
    """Refuse windows that repeat one, or are not longest first."""
    if any(longer <= shorter for longer, shorter in pairwise(windows)):
        # The best of them is shown: a repeated window adds nothing, and the
        # presets (and every report's windows) list them longest first.
        raise RulesError(
            f"JSSRules.windows must be distinct windows, the longest first, as (24, 12, 6), "
            f"got {shown(windows)}",
            field="JSSRules.windows",
            rule="distinct windows, longest first",
        )


def check_counts(rules: JSSRules) -> None:
    windows = rules.windows
    if not windows or not all(_is_count(m) and m > 0 for m in windows):
        raise RulesError(
            f"JSSRules.windows must be positive whole months, got {shown(windows)}",
            field="JSSRules.windows",
            rule="positive whole months",
        )
    counts = {
        "windows": windows,
        "trending": rules.trending or (1,),
        "eligibility_months": (
            (1,) if rules.eligibility_months is None else (rules.eligibility_months,)
        ),
    }
    for name in (
        "duration_bonus_months",
        "long_term_months",
        "min_jobs",
        "min_clients",
        "min_window_clients",
        "top_rated_weeks",
        "top_rated_required_weeks",
        "top_rated_earnings_months",
        "top_rated_account_days",
    ):
        counts[name] = (getattr(rules, name),)
    for name, values in counts.items():
        if not all(_is_count(n) and n > 0 for n in values):
            raise RulesError(
                f"JSSRules.{name} must be a positive whole number, got "
                f"{shown(getattr(rules, name))}"
                " (month and count fields must be positive whole numbers)",
                field=f"JSSRules.{name}",
                rule="a positive whole number",
            )
        limit, words, why = _limit(name)
        if max(values) > limit:
            raise RulesError(
                f"JSSRules.{name} must be {words}{why}, got {shown(getattr(rules, name))}",
                field=f"JSSRules.{name}",
                rule=words,
            )
    _check_order(windows)  # after the limits: a window too long is said to be too long
    if rules.trending is not None and not rules.trending[0] > rules.trending[1]:
        raise RulesError(
            "JSSRules.trending must be two distinct windows, the longer first, as (6, 3), "
            f"got {rules.trending}",
            field="JSSRules.trending",
            rule="two distinct windows, longer first",
        )
    longest = max((*windows, *(rules.trending or ())))
    if rules.eligibility_months is not None and rules.eligibility_months > longest:
        raise RulesError(
            f"JSSRules.eligibility_months ({rules.eligibility_months}) must be at most the "
            f"longest scoring window ({longest} months, of windows and trending), or None "
            "to count eligibility over the freelancer's lifetime: eligibility counts jobs "
            "that count, and a job older than every scoring window does not",
            field="JSSRules.eligibility_months",
            rule="at most the longest scoring window, or None",
        )
    if rules.top_rated_required_weeks > rules.top_rated_weeks:
        raise RulesError(
            "JSSRules.top_rated_required_weeks cannot exceed top_rated_weeks",
            field="JSSRules.top_rated_required_weeks",
            rule="at most top_rated_weeks",
        )
    if not _is_count(rules.top_rated_min_score) or not 0 <= rules.top_rated_min_score <= 100:
        raise RulesError(
            "JSSRules.top_rated_min_score must be a whole percent from 0 to 100",
            field="JSSRules.top_rated_min_score",
            rule="a whole percent",
        )


def check_amounts(rules: JSSRules) -> None:
    """The weight cap against the weights it caps, and the Top Rated earnings in whole cents.

    Run after the weight tiers and the currency are checked.
    """
    heaviest = max([tier.weight for tier in rules.weight_tiers] + [rules.unpaid_weight or _ZERO])
    if rules.weight_cap is not None and rules.weight_cap < heaviest:
        # The cap is the most a contract can weigh: below a tier's own weight,
        # that tier (and every one above it) would never apply.
        raise RulesError(
            f"JSSRules.weight_cap ({rules.weight_cap}) must be at least every weight a contract "
            f"starts from (the heaviest tier, or unpaid_weight: {heaviest}), or None: a lower "
            "cap would weigh every job of the heavier tiers the same",
            field="JSSRules.weight_cap",
            rule="at least every tier's weight",
        )
    if rules.top_rated_min_earnings < 0:
        raise RulesError(
            "JSSRules.top_rated_min_earnings must not be negative",
            field="JSSRules.top_rated_min_earnings",
            rule="not negative",
        )
    name = "JSSRules.top_rated_min_earnings"
    try:  # an amount Upwork counts is in cents, as every amount of PlatformRules
        whole_cents(Money(rules.top_rated_min_earnings, rules.currency), name)
    except InvalidValueError as error:
        raise RulesError(str(error), field=error.field, rule=error.rule) from None


def check_durations(rules: JSSRules) -> None:
    for name in _DURATION_FIELDS:
        span = getattr(rules, name)
        # Read by type: the converter made any subclass plain, so % is timedelta's own.
        if type(span) is not timedelta or span.days < 1 or span % timedelta(days=1):
            raise RulesError(
                f"JSSRules.{name} must be a whole number of days, got {span}",
                field=f"JSSRules.{name}",
                rule="a whole number of days",
            )
        if span > _MAX_DURATION:
            raise RulesError(
                f"JSSRules.{name} must be at most {_MAX_DURATION.days} days, got {span}",
                field=f"JSSRules.{name}",
                rule=f"at most {_MAX_DURATION.days} days",
            )


def check_types(rules: JSSRules) -> None:
    for name in (
        "exclude_unpaid_positive",
        "exclude_no_feedback",
        "refund_is_negative",
        "lost_dispute_is_negative",
        "rehire_needs_earnings",
    ):
        flag(getattr(rules, name), f"JSSRules.{name}")
    currency = cast("object", rules.currency)
    if not isinstance(currency, str) or len(currency) != 3:
        raise RulesError(
            f"JSSRules.currency must be a three-letter currency code, got {shown(rules.currency)}",
            field="JSSRules.currency",
            rule="an ISO 4217 code",
        )
    for name in ("promoter_private_at_least", "detractor_private_below"):
        if not _is_count(getattr(rules, name)):
            raise InvalidTypeError(
                f"JSSRules.{name} must be a whole number, not "
                f"{type(getattr(rules, name)).__name__}",
                field=f"JSSRules.{name}",
                rule="a whole number from 0 to 10",
            )


#: The star thresholds of a rule set, each on the public star scale (STAR_SCALE).
_STAR_FIELDS = ("negative_stars_below", "positive_stars_at_least", "unpaid_positive_stars_at_least")


def check_feedback(rules: JSSRules) -> None:
    low, high = STAR_SCALE
    for name in _STAR_FIELDS:
        stars = getattr(rules, name)
        if not low <= stars <= high:
            # Off the scale, a threshold switches a rule off or on for every review
            # (no review reaches 6 stars; every one is below 5.5), as a private-score
            # threshold off its 0-10 scale would.
            raise RulesError(
                f"JSSRules.{name} is a threshold on the public {low:.1f}–{high:.1f} star "
                f"scale, got {stars}",
                field=f"JSSRules.{name}",
                rule=f"from {low:.1f} to {high:.1f}",
            )
    if not rules.negative_stars_below < rules.positive_stars_at_least:
        raise RulesError(
            "JSSRules.negative_stars_below must be below positive_stars_at_least "
            "(the stars between them are middling)",
            field="JSSRules.negative_stars_below",
            rule="below positive_stars_at_least",
        )
    lowest, highest = PRIVATE_SCORE_SCALE
    if not lowest <= rules.detractor_private_below <= rules.promoter_private_at_least <= highest:
        raise RulesError(
            "JSSRules private-score thresholds must satisfy "
            f"{lowest} ≤ detractor_private_below ≤ promoter_private_at_least ≤ {highest}",
            field="JSSRules.detractor_private_below",
            rule=f"{lowest} ≤ detractor ≤ promoter ≤ {highest}",
        )
    if not 0 <= rules.neutral_credit < 1:
        raise RulesError(
            f"JSSRules.neutral_credit must be from 0 up to (not including) 1, got "
            f"{rules.neutral_credit}",
            field="JSSRules.neutral_credit",
            rule="a fraction below 1",
        )
    reasons = cast("tuple[object, ...]", rules.negative_end_reasons)
    if not all(isinstance(r, EndReason) for r in reasons):
        raise RulesError(
            "JSSRules.negative_end_reasons must be EndReason members",
            field="JSSRules.negative_end_reasons",
            rule="EndReason members",
        )
