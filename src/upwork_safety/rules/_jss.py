"""Dated Job Success Score rule sets (private; public via ``rules`` and ``jss``).

Upwork does not publish the JSS formula.  Every number the model uses lives
in a frozen :class:`JSSRules`; each field records where it comes from
(Help Center "HC …", Community "COMM …") or says that it is a *modelling
assumption*.  The presets follow the rule changes Upwork announced, oldest
first; :func:`rules_as_of` picks the one in force on a date.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, cast

import attrs

from upwork_safety._validate import decimal_value, plain_date
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.kinds import EndReason
from upwork_safety.rules._history import RuleHistory
from upwork_safety.rules._provenance import RuleSource, sources
from upwork_safety.rules._provenance import rule as _rule

__all__ = [
    "CURRENT",
    "ELIGIBILITY_2023",
    "HISTORY",
    "JOB_SIZE_2020",
    "LAUNCH_2015",
    "NO_FEEDBACK_2020",
    "ROUNDING_MODES",
    "TRENDING_2021",
    "JSSRules",
    "WeightTier",
    "rule_sources",
    "rules_as_of",
]

#: The rounding modes :attr:`JSSRules.rounding` accepts (the names of the
#: :mod:`decimal` constants).
ROUNDING_MODES: frozenset[str] = frozenset(
    {
        decimal.ROUND_HALF_UP,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_FLOOR,
        decimal.ROUND_CEILING,
        decimal.ROUND_DOWN,
        decimal.ROUND_UP,
    }
)

FORMULAS: frozenset[str] = frozenset({"success_share", "net"})

_ASSUMPTION = "modelling assumption"


def _optional_decimal(value: object) -> Decimal | None:
    return None if value is None else decimal_value(value, "WeightTier.up_to")


def _weight(value: object) -> Decimal:
    return decimal_value(value, "JSS weight")


def _optional_weight(value: object) -> Decimal | None:
    return None if value is None else _weight(value)


def _stars(value: object) -> Decimal:
    return decimal_value(value, "JSSRules star threshold")


def _tuple(value: object) -> tuple[Any, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidTypeError(f"JSSRules expects a sequence here, not {type(value).__name__}")
    return tuple(cast("Iterable[object]", value))


@attrs.frozen
class WeightTier:
    """One earnings tier of the job-size weighting.

    Args:
        up_to: The highest earnings (in :attr:`JSSRules.currency`) that
            still fall in this tier, or ``None`` for the open top tier.
        weight: How many jobs a contract in this tier counts as.

    Raises:
        InvalidValueError: A weight that is not positive.
    """

    up_to: Decimal | None = attrs.field(converter=_optional_decimal)
    weight: Decimal = attrs.field(converter=_weight)

    def __attrs_post_init__(self) -> None:
        if self.weight <= 0:
            raise InvalidValueError(f"WeightTier.weight must be positive, got {self.weight}")


#: The published tiers (HC 34958134307475): $1–$250 → 1, $251–$1,000 →
#: 1.25, over $1,000 → 1.5.  Earnings between two published bounds (say
#: $250.50) go to the higher tier: a modelling assumption.
PUBLISHED_TIERS = (
    WeightTier(Decimal(250), Decimal(1)),
    WeightTier(Decimal(1000), Decimal("1.25")),
    WeightTier(None, Decimal("1.5")),
)


def _months_tuple(value: object) -> tuple[int, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidTypeError("JSSRules.windows must be a sequence of whole months")
    return tuple(cast("Iterable[int]", value))


def _trending(value: object) -> tuple[int, int] | None:
    if value is None:
        return None
    months = _months_tuple(value)
    if len(months) != 2:
        raise RulesError(f"JSSRules.trending must be a pair of windows in months, got {months}")
    return (months[0], months[1])


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@attrs.frozen(kw_only=True)
class JSSRules:
    """One dated rule set of the Job Success Score model.

    Every field carries its source (see :func:`rule_sources`); fields whose
    source says "modelling assumption" are this library's choices where
    Upwork publishes nothing.  Evolve a preset for a what-if::

        >>> import attrs
        >>> from upwork_safety import jss
        >>> strict = attrs.evolve(jss.CURRENT, formula="net")
        >>> strict.formula
        'net'

    Raises:
        RulesError: A field breaks its rule (e.g. an unknown formula,
            windows that are not positive whole months, tiers out of order).
    """

    #: First day the rule set applies.
    effective: date = attrs.field()
    #: A short human name.
    name: str = attrs.field()

    # --- Windows and snapshots ---------------------------------------------
    #: Rolling windows in months; the displayed score is the best of them.
    windows: tuple[int, ...] = _rule(
        (24,),
        "HC 34958134307475 (current: 24 months); COMM 2015 (best of 6, 12, 24)",
        "a contract counts in an N-month window until it is N months and one day old "
        "(HC 115006097327)",
        converter=_months_tuple,
    )
    #: The two windows (months) averaged into the "trending" score, or None.
    trending: tuple[int, int] | None = _rule(
        None,
        "COMM 'How Job Success Score is Calculated'",
        "displayed = max(24m, 12m, 6m, (6m + 3m)/2)",
        converter=_trending,
    )
    #: How often the score is recomputed (whole days).
    snapshot_every: timedelta = _rule(
        timedelta(days=1), "HC 34958134307475 (daily); COMM 2015 (biweekly)", "update cadence"
    )
    #: A day on which a snapshot is taken; the others follow every snapshot_every.
    snapshot_anchor: date = _rule(
        date(2015, 3, 2),
        _ASSUMPTION,
        "Upwork does not say on which days biweekly snapshots fell",
        unconfirmed=True,
    )

    # --- Eligibility -------------------------------------------------------
    #: The window (months) in which eligible jobs and clients are counted.
    eligibility_months: int = _rule(24, "COMM 'Job Success Score Update, December 2023'", "")
    #: Counted (non-excluded) jobs needed in the eligibility window.
    min_jobs: int = _rule(2, "COMM 'Job Success Score Update, December 2023'", "before: 4")
    #: Distinct clients needed in the eligibility window.
    min_clients: int = _rule(2, "COMM 'Job Success Score Update, December 2023'", "")
    #: Distinct clients a window needs before its score can be displayed.
    min_window_clients: int = _rule(
        2,
        "COMM announcement 2020-11-08 (minimum distinct clients 3 → 2)",
        "applying it per window is a modelling assumption",
    )

    # --- Weights -------------------------------------------------------------
    #: The currency of the tier bounds; contracts must be paid in it.
    currency: str = _rule("USD", "HC 34958134307475", "tiers are published in US dollars")
    #: Earnings tiers, lowest first; the last has up_to=None.
    weight_tiers: tuple[WeightTier, ...] = _rule(
        PUBLISHED_TIERS,
        "HC 34958134307475",
        "$1–$250 → 1; $251–$1,000 → 1.25; over $1,000 → 1.5",
        converter=_tuple,
    )
    #: Extra weight per duration_bonus_months of paid duration (0 = none).
    duration_bonus: Decimal = _rule(
        Decimal(1),
        "HC 34958134307475",
        "paid duration runs from the start to the latest payment: a modelling assumption",
        converter=_weight,
    )
    #: Months of paid duration per duration_bonus.
    duration_bonus_months: int = _rule(3, "HC 34958134307475", "every 3 months")
    #: The largest weight a contract can have, or None for no cap.
    weight_cap: Decimal | None = _rule(
        Decimal(8), "HC 34958134307475", "at most 8 jobs", converter=_optional_weight
    )

    # --- Long-term and open contracts ----------------------------------------
    #: Paid duration (months) that makes a contract a long-term relationship.
    long_term_months: int = _rule(
        3, "HC 211063558 (long-term relationships); SEC: 'three months or longer'", ""
    )
    #: An open contract counts once it has been paid over at least this long.
    long_term_payment_interval: timedelta = _rule(
        timedelta(days=90),
        "HC 34958134307475",
        "'long-term contracts count once payment is made every 90 days'",
    )
    #: An open contract with no payment for this long counts as not successful.
    open_idle_after: timedelta = _rule(
        timedelta(days=180),
        "HC 115006097327 ('several months')",
        "the exact period is not published",
        unconfirmed=True,
    )

    # --- Exclusions ----------------------------------------------------------
    #: Exclude contracts with $0 earned and positive feedback.
    exclude_unpaid_positive: bool = _rule(
        True,  # noqa: FBT003  (a rules value, not a flag argument)
        "COMM 'Job size will now be factored into your JSS' (2020-03-01)",
        "",
    )
    #: Exclude contracts with no feedback and no earnings.
    exclude_no_feedback_no_earnings: bool = _rule(
        True,  # noqa: FBT003  (a rules value, not a flag argument)
        "COMM announcement 2020-11-08",
        "a recorded end reason counts as feedback: a modelling assumption",
    )

    # --- Outcome thresholds (all modelling assumptions) -----------------------
    #: Public stars at or above this are strong feedback.
    positive_stars_at_least: Decimal = _rule(
        Decimal("4.5"), _ASSUMPTION, "strong public feedback", unconfirmed=True, converter=_stars
    )
    #: Public stars below this are a negative outcome.
    negative_stars_below: Decimal = _rule(
        Decimal(4), _ASSUMPTION, "poor public feedback", unconfirmed=True, converter=_stars
    )
    #: A private score at or above this is a promoter (strong feedback).
    promoter_private_at_least: int = _rule(
        9, _ASSUMPTION, "Net Promoter convention: 9–10", unconfirmed=True
    )
    #: A private score below this is a detractor (negative, even with 5 stars).
    detractor_private_below: int = _rule(
        7,
        "HC FAQ 38439816969875 (private feedback counts); threshold: modelling assumption",
        "Net Promoter convention: 0–6",
        unconfirmed=True,
    )
    #: End reasons that make an outcome negative.
    negative_end_reasons: tuple[EndReason, ...] = _rule(
        (EndReason.UNSUCCESSFUL, EndReason.CANCELLED_EARLY, EndReason.FREELANCER_UNRESPONSIVE),
        "HC 211063558 (reason for ending counts); the list is a modelling assumption",
        "work failed, cancelled early, freelancer vanished",
        converter=_tuple,
    )
    #: Escrow refunded to the client makes an outcome negative.
    refund_is_negative: bool = _rule(
        True,  # noqa: FBT003  (a rules value, not a flag argument)
        "HC 17931783162643 (disputes and contracts without work delivered)",
        "modelling assumption: any refunded escrow",
    )
    #: A dispute resolved mostly in the client's favour makes an outcome negative.
    lost_dispute_is_negative: bool = _rule(
        True,  # noqa: FBT003  (a rules value, not a flag argument)
        "HC 17931783162643",
        "modelling assumption: lost = more to the client than to the freelancer",
    )

    # --- Formula -------------------------------------------------------------
    #: "success_share" (weighted successes / total) or "net" ((successes − negatives) / total).
    formula: str = _rule(
        "success_share",
        "COMM 2015 framing '(successful − negative) / total' is 'net'",
        "success_share reproduces the community's worked examples",
    )
    #: How the percentage is rounded to a whole number (a decimal module constant).
    rounding: str = _rule(
        decimal.ROUND_HALF_UP, _ASSUMPTION, "Upwork shows whole percents", unconfirmed=True
    )

    # --- Top Rated -------------------------------------------------------------
    #: Weekly JSS needed for Top Rated.
    top_rated_min_score: int = _rule(90, "HC 211068468", "JSS ≥ 90%")
    #: Weeks looked back for Top Rated.
    top_rated_weeks: int = _rule(16, "HC 211068468", "the last 16 weeks")
    #: Weeks of the look-back that must meet the score.
    top_rated_required_weeks: int = _rule(13, "HC 211068468", "13 of 16 weeks")

    #: Every window length the model keeps, longest first (derived).
    _tracked: tuple[int, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:  # noqa: C901, PLR0912  (one check per rule)
        plain_date(self.effective, "JSSRules.effective")
        plain_date(self.snapshot_anchor, "JSSRules.snapshot_anchor")
        windows = self.windows
        if not windows or not all(_is_count(m) and m > 0 for m in windows):
            raise RulesError(f"JSSRules.windows must be positive whole months, got {windows}")
        counts = [*(self.trending or ()), self.eligibility_months, self.duration_bonus_months]
        counts += [self.long_term_months, self.min_jobs, self.min_clients]
        counts += [self.min_window_clients, self.top_rated_weeks, self.top_rated_required_weeks]
        if not all(_is_count(n) and n > 0 for n in counts):
            raise RulesError(
                "JSSRules month and count fields (trending, eligibility_months, "
                "duration_bonus_months, long_term_months, min_jobs, min_clients, "
                "min_window_clients, top_rated_weeks, top_rated_required_weeks) must be "
                "positive whole numbers"
            )
        if self.top_rated_required_weeks > self.top_rated_weeks:
            raise RulesError("JSSRules.top_rated_required_weeks cannot exceed top_rated_weeks")
        for name in ("snapshot_every", "long_term_payment_interval", "open_idle_after"):
            span = getattr(self, name)
            if not isinstance(span, timedelta) or span.days < 1 or span % timedelta(days=1):
                raise RulesError(f"JSSRules.{name} must be a whole number of days, got {span}")
        tiers = self.weight_tiers
        if not all(isinstance(t, WeightTier) for t in cast("tuple[object, ...]", tiers)):
            raise RulesError("JSSRules.weight_tiers must be WeightTier values")
        reasons = cast("tuple[object, ...]", self.negative_end_reasons)
        if not all(isinstance(r, EndReason) for r in reasons):
            raise RulesError("JSSRules.negative_end_reasons must be EndReason members")
        if not tiers or tiers[-1].up_to is not None:
            raise RulesError("JSSRules.weight_tiers must end with an open tier (up_to=None)")
        bounds = [t.up_to for t in tiers[:-1]]
        if any(b is None for b in bounds) or bounds != sorted(bounds):  # type: ignore[type-var]
            raise RulesError("JSSRules.weight_tiers must be in ascending order of up_to")
        if self.duration_bonus < 0 or (self.weight_cap is not None and self.weight_cap <= 0):
            raise RulesError("JSSRules.duration_bonus must be ≥ 0 and weight_cap positive")
        if not self.negative_stars_below < self.positive_stars_at_least:
            raise RulesError(
                "JSSRules.negative_stars_below must be below positive_stars_at_least "
                "(the stars between them are middling)"
            )
        if not 0 <= self.detractor_private_below <= self.promoter_private_at_least <= 10:
            raise RulesError(
                "JSSRules private-score thresholds must satisfy "
                "0 ≤ detractor_private_below ≤ promoter_private_at_least ≤ 10"
            )
        if self.formula not in FORMULAS:
            raise RulesError(
                f"JSSRules.formula must be 'success_share' or 'net', got {self.formula!r}"
            )
        if self.rounding not in ROUNDING_MODES:
            raise RulesError(
                f"JSSRules.rounding must be a decimal rounding mode name, got {self.rounding!r}"
            )
        months = {*self.windows, *(self.trending or ()), self.eligibility_months}
        object.__setattr__(self, "_tracked", tuple(sorted(months, reverse=True)))

    @property
    def tracked_months(self) -> tuple[int, ...]:
        """Every window length the model keeps (scoring, trending, eligibility), longest first."""
        return self._tracked

    def snapshot(self, on: date) -> date:
        """Return the latest snapshot day on or before *on*.

        Args:
            on: Any date.

        Returns:
            *on* itself for daily updates; for biweekly snapshots, the last
            snapshot day (counted from :attr:`snapshot_anchor`) not after it.
        """
        every = self.snapshot_every.days
        return on - timedelta(days=(on - self.snapshot_anchor).days % every)


#: The rules Upwork announced with the score in March 2015: best of 6, 12 and
#: 24 months, snapshots every two weeks, every job weighs the same, and a
#: score needs 4 jobs from 2 clients (and, per window, 3 distinct clients).
LAUNCH_2015 = JSSRules(
    effective=date(2015, 3, 1),
    name="2015: best of 6/12/24 months, biweekly, unweighted",
    windows=(24, 12, 6),
    snapshot_every=timedelta(days=14),
    min_jobs=4,
    min_clients=2,
    min_window_clients=3,
    weight_tiers=(WeightTier(None, Decimal(1)),),
    duration_bonus=Decimal(0),
    weight_cap=None,
    exclude_unpaid_positive=False,
    exclude_no_feedback_no_earnings=False,
)

#: From 2020-03-01 bigger jobs weigh more; $0 contracts with positive feedback
#: are excluded.  The tier amounts are the ones published later (assumed).
JOB_SIZE_2020 = attrs.evolve(
    LAUNCH_2015,
    effective=date(2020, 3, 1),
    name="2020-03-01: job-size weighting",
    weight_tiers=PUBLISHED_TIERS,
    exclude_unpaid_positive=True,
)

#: From 2020-11-08 contracts with no feedback and no earnings are excluded and
#: a window needs 2 distinct clients instead of 3.
NO_FEEDBACK_2020 = attrs.evolve(
    JOB_SIZE_2020,
    effective=date(2020, 11, 8),
    name="2020-11-08: no-feedback, no-earnings contracts excluded",
    exclude_no_feedback_no_earnings=True,
    min_window_clients=2,
)

#: The "trending" variant (around 2021; start date unconfirmed): displayed =
#: max(24m, 12m, 6m, (6m + 3m)/2).
TRENDING_2021 = attrs.evolve(
    NO_FEEDBACK_2020,
    effective=date(2021, 1, 1),
    name="~2021: trending score (6m + 3m)/2 joins the best-of",
    trending=(6, 3),
)

#: December 2023: eligibility is 2 jobs with 2 clients within 24 months
#: (the day in December is unconfirmed; the 1st is used).
ELIGIBILITY_2023 = attrs.evolve(
    TRENDING_2021,
    effective=date(2023, 12, 1),
    name="2023-12: eligible with 2 jobs from 2 clients",
    min_jobs=2,
    min_clients=2,
)

#: The current Help Center description (HC 34958134307475): the last 24
#: months only, updated daily, published weights with a duration bonus and a
#: cap of 8.  Its start date is not published; 2024-06-01 is assumed.
CURRENT = JSSRules(effective=date(2024, 6, 1), name="current: last 24 months, daily, weighted")

#: Every preset, oldest first.
HISTORY: RuleHistory[JSSRules] = RuleHistory(
    "JSS rules",
    (LAUNCH_2015, JOB_SIZE_2020, NO_FEEDBACK_2020, TRENDING_2021, ELIGIBILITY_2023, CURRENT),
)


def rules_as_of(on: date | datetime) -> JSSRules:
    """Return the JSS rule set in force on *on* (``HISTORY.in_force(on)``).

    Args:
        on: A date, or a timezone-aware datetime (its UTC date is used).

    Returns:
        The newest preset whose ``effective`` date is not after *on*.

    Raises:
        InvalidValueError: *on* is a naive datetime.
        RulesError: *on* is before 2015-03-01, the first published JSS rules.
    """
    return HISTORY.in_force(on)


def rule_sources(rules: JSSRules | None = None) -> list[tuple[str, object, RuleSource]]:
    """List every rule of *rules* (default :data:`CURRENT`) with its value and source.

    Returns:
        ``(field name, value, RuleSource)`` for each rule field, in
        declaration order (see :func:`upwork_safety.rules.sources`).
    """
    return sources(CURRENT if rules is None else rules)
