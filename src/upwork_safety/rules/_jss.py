"""Dated Job Success Score rule sets (private; public via ``rules`` and ``jss``).

Upwork does not publish the JSS formula.  Every number the model uses lives
in a frozen :class:`JSSRules`; each field records where it comes from
(Help Center "HC …", Community "COMM …") or says that it is a *modelling
assumption*.  The presets follow the rule changes Upwork announced, oldest
first; :func:`rules_as_of` picks the one in force on a date.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import pairwise
from typing import (
    Any,  # noqa: F401  (the hints of attrs __init__ name converters' Any)
    cast,
)

import attrs

from upwork_safety._moments import settle_date, utc_day
from upwork_safety._pickling import through_init
from upwork_safety._text import long_text
from upwork_safety._validate import member_field, refuse_subclass, text_value
from upwork_safety.errors import InvalidValueError, RulesError
from upwork_safety.kinds import EndReason
from upwork_safety.money import check_currency
from upwork_safety.rules._history import RuleHistory, rule_set_kind
from upwork_safety.rules._jss_fields import (
    _fraction,
    _money_amount,
    _months_tuple,
    _optional_weight,
    _stars,
    _trending,
    _tuple,
    _weight,
    check_amounts,
    check_counts,
    check_durations,
    check_feedback,
    check_types,
)
from upwork_safety.rules._jss_kinds import PUBLISHED_TIERS, Formula, Rounding, WeightTier
from upwork_safety.rules._jss_kinds import formula as _formula
from upwork_safety.rules._jss_kinds import rounding as _rounding
from upwork_safety.rules._provenance import rule as _rule
from upwork_safety.rules._what_if import changed, label, made_from

__all__ = [
    "CURRENT",
    "ELIGIBILITY_2023",
    "HISTORY",
    "JOB_SIZE_2020",
    "LAUNCH_2015",
    "NO_FEEDBACK_2020",
    "TRENDING_2021",
    "JSSRules",
]


_ASSUMPTION = "modelling assumption"


@rule_set_kind
@through_init
@attrs.frozen(kw_only=True)
class JSSRules:
    """One dated rule set of the Job Success Score model.

    Every field carries its source (see :func:`rule_sources`); fields whose
    source says "modelling assumption" are this library's choices where
    Upwork publishes nothing, and fields set from the public cases of
    docs/jss-calibration.md say so.  Evolve a preset for a what-if::

        >>> import attrs
        >>> from upwork_safety import jss
        >>> strict = attrs.evolve(jss.CURRENT, formula="net")
        >>> strict.formula
        <Formula.NET: 'net'>
        >>> strict.formula == "net"
        True

    Month fields (the windows, ``trending``, ``eligibility_months``,
    ``duration_bonus_months``, ``long_term_months``,
    ``top_rated_earnings_months``) hold 1 to 1,200 months (100 years),
    ``top_rated_weeks`` and ``top_rated_required_weeks`` 1 to 5,200 weeks,
    ``top_rated_account_days`` 1 to 36,600 days, the durations
    (``snapshot_every``, ``long_term_payment_interval``,
    ``open_idle_after``) whole days up to the longest duration that
    :class:`~upwork_safety.rules.PlatformRules` allows (366 days), and the
    counts (``min_jobs``, ``min_clients``, ``min_window_clients``) at most
    :data:`~upwork_safety.money.MAX_DIGITS` digits, so that every rule set
    that can be built can be used on every supported day, shown and saved.
    The windows are distinct, longest first; the star thresholds lie on
    the public 1.0–5.0 star scale (as the private-score thresholds lie on
    0–10); ``weight_cap`` is at least every tier's weight and
    ``unpaid_weight``; ``top_rated_min_earnings`` is in whole cents.

    Raises:
        RulesError: A field breaks its rule (e.g. an unknown formula,
            windows that are not positive whole months, are longer than
            100 years, repeat or are not longest first, a star threshold
            off the 1.0–5.0 scale, a weight cap below a tier's weight,
            Top Rated earnings below a cent, a trending pair that is not two distinct windows,
            the longer first, an eligibility window longer than every
            scoring window, a duration over 366 days, tiers out of order).
        InvalidTypeError: A field of the wrong type (a ``str`` where a
            sequence or a number is expected, a float).
    """

    #: First day the rule set applies.
    effective: date = attrs.field()
    #: A short human name.
    # No converter: pyright cannot match a converted field to RuleHistory's protocol,
    # so __attrs_post_init__ refuses a str subclass instead of storing it plain.
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
    #: The two windows (months) averaged into the "trending" score, the longer
    #: first, or None.
    trending: tuple[int, int] | None = _rule(
        None,
        "COMM 'How Job Success Score is Calculated'",
        "(6, 3): displayed = max(24m, 12m, 6m, (6m + 3m)/2); None: no trending score, as "
        "the current Help Center page (HC 34958134307475) describes the 24-month score only",
        converter=_trending,
    )
    #: How often the score is recomputed (whole days).
    snapshot_every: timedelta = _rule(
        timedelta(days=1), "HC 34958134307475 (daily); COMM 2015 (biweekly)", "update cadence"
    )
    #: A day on which a snapshot is taken; the others follow every snapshot_every.
    snapshot_anchor: date = _rule(
        date(2016, 4, 3),
        "update days quoted in public cases (docs/jss-calibration.md): Sundays 2016-04-03, "
        "2017-05-14, 2020-11-08 (COMM 175648, 343552, 432561); 2023-10-29 (COMM 1456747) "
        "after a one-week shift in 2021",
        "Upwork does not publish the days; any snapshot day of the preset serves as anchor",
        unconfirmed=True,
    )

    # --- Eligibility -------------------------------------------------------
    #: The window (months) in which eligible jobs and clients are counted, at
    #: most the longest scoring window (of windows and trending: the jobs it
    #: counts are jobs that count), or None for the freelancer's whole history
    #: ("in your lifetime"), where jobs older than every window count toward
    #: eligibility only.
    eligibility_months: int | None = _rule(
        24,
        "COMM 'Job Success Score Update, December 2023' (within 24 months); "
        "HC 34958134307475, newest wording ('in your lifetime')",
        "None counts every eligible job ever",
    )
    #: Eligible jobs needed in the eligibility window: the jobs with feedback
    #: and the open long-term contracts that count, including two kinds the
    #: score leaves out (a $0 job with positive feedback; under lifetime
    #: eligibility, a job outside every window), never an idle open contract
    #: nor a client the caller excluded.  Not the contracts the score counts.
    min_jobs: int = _rule(2, "COMM 'Job Success Score Update, December 2023'", "before: 4")
    #: Distinct clients of those eligible jobs (the same jobs as
    #: ``min_jobs`` counts) needed in the eligibility window.
    min_clients: int = _rule(2, "COMM 'Job Success Score Update, December 2023'", "")
    #: Distinct clients a window needs before its score can be displayed.
    min_window_clients: int = _rule(
        2,
        "COMM announcement 2020-11-08 (minimum distinct clients 3 → 2)",
        "applying it per window is a modelling assumption; 1 in CURRENT, whose eligibility "
        "counts the clients of a lifetime (a score's reason says when its window holds one "
        "client's outcomes)",
        unconfirmed=True,
    )

    # --- Weights -------------------------------------------------------------
    #: The currency of the tier bounds; contracts must be paid in it.
    currency: str = _rule("USD", "HC 34958134307475", "tiers are published in US dollars")
    #: Earnings tiers, lowest first; the last has up_to=None.
    weight_tiers: tuple[WeightTier, ...] = _rule(
        PUBLISHED_TIERS,
        "HC 34958134307475",
        "$1–$250 → 1; $251–$1,000 → 1.25; over $1,000 → 1.5",
        converter=_tuple("weight_tiers"),
    )
    #: The weight of a counted contract that earned nothing, or None for the
    #: lowest tier's weight.
    unpaid_weight: Decimal | None = _rule(
        None,
        _ASSUMPTION,
        "the published tiers start at $1; what a $0 contract weighs is not published",
        unconfirmed=True,
        converter=_optional_weight("unpaid_weight"),
    )
    #: Extra weight per duration_bonus_months of paid duration (0 = none).
    duration_bonus: Decimal = _rule(
        Decimal(1),
        "HC 34958134307475",
        "paid duration runs from the start of the run of regular payments (none over "
        "long_term_payment_interval apart) to the latest payment, open or ended: a modelling "
        "assumption",
        converter=_weight("duration_bonus"),
    )
    #: The duration bonus of outcomes that are not successes (neutral and
    #: negative), or None for the same as duration_bonus.
    duration_bonus_non_positive: Decimal | None = _rule(
        None,
        "HC 34958134307475 (the bonus is published for every job); " + _ASSUMPTION,
        "whether a long, weak contract outweighs many short good ones is not published",
        unconfirmed=True,
        converter=_optional_weight("duration_bonus_non_positive"),
    )
    #: Months of paid duration per duration_bonus.
    duration_bonus_months: int = _rule(3, "HC 34958134307475", "every 3 months")
    #: The largest weight a contract can have, or None for no cap.
    weight_cap: Decimal | None = _rule(
        Decimal(8), "HC 34958134307475", "at most 8 jobs", converter=_optional_weight("weight_cap")
    )

    # --- Long-term and open contracts ----------------------------------------
    #: Paid duration (months) that makes a contract a long-term relationship.
    long_term_months: int = _rule(
        3,
        "HC 211063558 (long-term relationships); SEC: 'three months or longer'",
        "the Help Center gives no figure; 3 is a secondary page's",
        unconfirmed=True,
    )
    #: An open contract counts once it has been paid at least this often for at
    #: least this long, counted up to the day scored, and while its latest
    #: payment is no older than this; a gap longer than this starts a new run of
    #: regular payments (paid duration is counted from the run's start).
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
    #: Whether a rehire (another contract with the same client) makes a success
    #: only of a contract that earned something.
    rehire_needs_earnings: bool = _rule(
        True,
        "HC 211063558 (rehires count); set from the public case 'cathy' (docs/jss-calibration.md)",
        "a $0 contract closed and reopened with the same client is not a relationship",
        unconfirmed=True,
    )

    # --- Exclusions ----------------------------------------------------------
    #: Exclude contracts with $0 earned and positive feedback (from the score;
    #: such a contract, a job with feedback, still counts toward eligibility).
    exclude_unpaid_positive: bool = _rule(
        True,
        "COMM 'Job size will now be factored into your JSS' (2020-03-01)",
        "excluded from the score; still an eligible job (a job with feedback, the current "
        "help page's wording): a modelling assumption",
    )
    #: Public stars at or above this are "positive feedback" for the $0
    #: exclusion (a promoter private score is too); a $0 contract below it,
    #: and not negative, counts as a neutral outcome.
    unpaid_positive_stars_at_least: Decimal = _rule(
        Decimal("4.5"),
        "COMM 'Job size will now be factored into your JSS' ('positive feedback', no "
        "threshold); " + _ASSUMPTION,
        "the strong-feedback line (positive_stars_at_least); 4.0, not negative, is the other "
        "reading: with 4.5 a $0 job with 4.0–4.49 stars counts against the freelancer",
        unconfirmed=True,
        converter=_stars("unpaid_positive_stars_at_least"),
    )
    #: Exclude contracts that ended without feedback, whether or not anything was paid.
    exclude_no_feedback: bool = _rule(
        True,
        "COMM announcement 2020-11-08; HC (eligible jobs are the jobs with feedback)",
        "feedback is public stars or a private score; a reason for ending alone is none "
        "(Upwork's help lists it as a separate input, HC 211063558)",
    )

    # --- Outcome thresholds (all modelling assumptions) -----------------------
    #: Public stars at or above this are strong feedback.
    positive_stars_at_least: Decimal = _rule(
        Decimal("4.5"),
        _ASSUMPTION,
        "strong public feedback",
        unconfirmed=True,
        converter=_stars("positive_stars_at_least"),
    )
    #: Public stars below this are a negative outcome.
    negative_stars_below: Decimal = _rule(
        Decimal(4),
        _ASSUMPTION,
        "poor public feedback",
        unconfirmed=True,
        converter=_stars("negative_stars_below"),
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
    #: The share of a success that a neutral outcome earns (0 = none: it only
    #: adds to the total).
    neutral_credit: Decimal = _rule(
        Decimal(0),
        _ASSUMPTION,
        "partial credit for middling feedback is not published",
        unconfirmed=True,
        converter=_fraction,
    )
    #: End reasons that make an outcome negative.
    negative_end_reasons: tuple[EndReason, ...] = _rule(
        (EndReason.UNSUCCESSFUL, EndReason.CANCELLED_EARLY, EndReason.FREELANCER_UNRESPONSIVE),
        "HC 211063558 (reason for ending counts); the list is a modelling assumption",
        "work failed, cancelled early, freelancer vanished",
        unconfirmed=True,
        converter=_tuple("negative_end_reasons"),
    )
    #: Escrow refunded to the client makes an outcome negative.
    refund_is_negative: bool = _rule(
        True,
        "HC 17931783162643 (disputes and contracts without work delivered)",
        "modelling assumption: any refunded escrow",
        unconfirmed=True,
    )
    #: A dispute resolved mostly in the client's favour makes an outcome negative.
    lost_dispute_is_negative: bool = _rule(
        True,
        "HC 17931783162643",
        "modelling assumption: lost = more to the client than to the freelancer",
        unconfirmed=True,
    )

    # --- Formula -------------------------------------------------------------
    #: :class:`Formula`: weighted successes / total, or (successes − negatives) / total.
    formula: Formula = _rule(
        Formula.SUCCESS_SHARE,
        "COMM 2015 framing '(successful − negative) / total' is 'net'",
        "success_share reproduces the community's worked examples",
        converter=_formula,
        validator=member_field(Formula, error=RulesError),
    )
    #: :class:`Rounding`: how the percentage is rounded to a whole number.
    rounding: Rounding = _rule(
        Rounding.HALF_UP,
        _ASSUMPTION,
        "Upwork shows whole percents",
        unconfirmed=True,
        converter=_rounding,
        validator=member_field(Rounding, error=RulesError),
    )

    # --- Top Rated -------------------------------------------------------------
    #: Weekly JSS needed for Top Rated.
    top_rated_min_score: int = _rule(90, "HC 211068468", "JSS ≥ 90%")
    #: Weeks looked back for Top Rated.
    top_rated_weeks: int = _rule(16, "HC 211068468", "the last 16 weeks")
    #: Weeks of the look-back that must meet the score.
    top_rated_required_weeks: int = _rule(13, "HC 211068468", "13 of 16 weeks")
    #: Earnings (in :attr:`currency`) needed over top_rated_earnings_months.
    top_rated_min_earnings: Decimal = _rule(
        Decimal(1000),
        "HC 211068468",
        "$1,000 earned in the last 12 months",
        converter=_money_amount,
    )
    #: The months over which top_rated_min_earnings is counted.
    top_rated_earnings_months: int = _rule(12, "HC 211068468", "the last 12 months")
    #: Days since the first contract started that Top Rated needs (more than this).
    top_rated_account_days: int = _rule(90, "HC 211068468", "first contract over 90 days ago")

    #: Every window length the model keeps, longest first (derived).
    _tracked: tuple[int, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        settle_date(self, "effective", "JSSRules.effective")
        settle_date(self, "snapshot_anchor", "JSSRules.snapshot_anchor")
        refuse_subclass(self.name, str, "JSSRules.name")
        long_text(text_value(self.name, "JSSRules.name"), "JSSRules.name")
        check_counts(self)
        check_durations(self)
        check_types(self)
        self._check_weights()
        check_amounts(self)
        check_feedback(self)
        months = {*self.windows, *(self.trending or ())}
        if self.eligibility_months is not None:
            months.add(self.eligibility_months)
        object.__setattr__(self, "_tracked", tuple(sorted(months, reverse=True)))

    def _check_weights(self) -> None:
        tiers = self.weight_tiers
        if not all(isinstance(t, WeightTier) for t in cast("tuple[object, ...]", tiers)):
            raise RulesError(
                "JSSRules.weight_tiers must be WeightTier values",
                field="JSSRules.weight_tiers",
                rule="WeightTier values",
            )
        if not tiers or tiers[-1].up_to is not None:
            raise RulesError(
                "JSSRules.weight_tiers must end with an open tier (up_to=None)",
                field="JSSRules.weight_tiers",
                rule="an open top tier",
            )
        bounds = [t.up_to for t in tiers[:-1]]
        if any(b is None for b in bounds) or any(
            low >= high  # type: ignore[operator]
            for low, high in pairwise(bounds)
        ):
            raise RulesError(
                "JSSRules.weight_tiers must be in strictly ascending order of up_to (a "
                f"repeated bound leaves a tier that never applies), got "
                f"{[str(bound) for bound in bounds]}",
                field="JSSRules.weight_tiers",
                rule="ascending order",
            )
        if bounds and bounds[0] < 0:  # type: ignore[operator]
            raise RulesError(
                f"JSSRules.weight_tiers must start at 0 or more, got up_to={bounds[0]}",
                field="JSSRules.weight_tiers",
                rule="bounds from 0",
            )
        try:
            check_currency(self, attrs.fields(JSSRules).currency, self.currency)
        except InvalidValueError as error:  # a code babel does not know, or lower case
            raise RulesError(str(error), field=error.field, rule=error.rule) from None
        bonus = self.duration_bonus_non_positive
        if self.duration_bonus < 0 or (bonus is not None and bonus < 0):
            raise RulesError(
                "JSSRules.duration_bonus (and duration_bonus_non_positive) must be ≥ 0",
                field="JSSRules.duration_bonus",
                rule="not negative",
            )
        for name in ("weight_cap", "unpaid_weight"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                raise RulesError(
                    f"JSSRules.{name} must be positive or None, got {value}",
                    field=f"JSSRules.{name}",
                    rule="more than zero",
                )

    @property
    def label(self) -> str:
        """The name, or ``"what-if rules: <fields>"`` for a what-if: what reports call the rules.

        A preset's name states its values (``"current: last 24 months,
        daily, weighted"``), and ``attrs.evolve`` keeps it: once a rule
        differs from the preset it was made from (the one of the same name,
        else the one in force on its *effective* day), the label names the
        fields changed instead.

        >>> import attrs
        >>> attrs.evolve(CURRENT, windows=(18, 9)).label
        'what-if rules: windows'
        """
        base = made_from(self, HISTORY, lambda rules: rules.name, lambda: _in_force(self.effective))
        return label(self.name, changed(self, base, _RULE_FIELDS))

    @property
    def tracked_months(self) -> tuple[int, ...]:
        """Every window length the model keeps (scoring, trending, eligibility), longest first."""
        return self._tracked

    @property
    def lifetime_eligibility(self) -> bool:
        """Whether eligibility counts every eligible job ever (``eligibility_months is None``)."""
        return self.eligibility_months is None

    def snapshot(self, on: date | datetime) -> date:
        """Return the latest snapshot day on or before *on*.

        A rule set computes its first score on its :attr:`effective` day
        (the day the rules change, the score is recomputed under them), then
        on every :attr:`snapshot_every` counted from :attr:`snapshot_anchor`.
        So each snapshot day of the dated presets lies inside its own rule
        set's period, and one snapshot day has one score: the one of the
        rules in force on it.

        Args:
            on: A date, or a timezone-aware datetime (its UTC day), on or
                before 9990-12-31, the library's last day.

        Returns:
            *on*'s day itself for daily updates; for biweekly snapshots, the last
            snapshot day not after it: the effective day when no periodic
            snapshot falls between it and *on*.  Used before its effective
            day (a rule set passed explicitly), only the periodic days count;
            one that would fall before the calendar is its first day
            (``date.min``, 1 January of year 1).

        Raises:
            InvalidTypeError: *on* is neither a date nor a datetime
                (``field='on'``).
            InvalidValueError: *on* is a naive datetime, or after
                9990-12-31 (``field='on'``).
        """
        on = utc_day(on, "on")  # as every day argument (review r38, review 4)
        back = (on - self.snapshot_anchor).days % self.snapshot_every.days
        # The ordinal of date.min is 1: a snapshot before it is taken on it.
        periodic = date.min if back >= on.toordinal() else on - timedelta(days=back)
        if self.effective <= on:
            return max(periodic, self.effective)
        return periodic


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
    exclude_no_feedback=False,
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

#: From 2020-11-08 contracts closed without feedback are excluded, whether or
#: not anything was paid, and a window needs 2 distinct clients instead of 3.
NO_FEEDBACK_2020 = attrs.evolve(
    JOB_SIZE_2020,
    effective=date(2020, 11, 8),
    name="2020-11-08: contracts without feedback excluded",
    exclude_no_feedback=True,
    min_window_clients=2,
)

#: The "trending" variant (around 2021; start date unconfirmed): displayed =
#: max(24m, 12m, 6m, (6m + 3m)/2).  The biweekly update days moved by a
#: week some time in 2021: 2021-10-31 and 2023-10-29 were update days.
TRENDING_2021 = attrs.evolve(
    NO_FEEDBACK_2020,
    effective=date(2021, 1, 1),
    name="~2021: trending score (6m + 3m)/2 joins the best-of",
    trending=(6, 3),
    snapshot_anchor=date(2023, 10, 29),
)

#: December 2023: eligibility is 2 jobs with 2 clients within 24 months, as
#: the announcement implied (the day in December is unconfirmed; the 1st is used).
ELIGIBILITY_2023 = attrs.evolve(
    TRENDING_2021,
    effective=date(2023, 12, 1),
    name="2023-12: eligible with 2 jobs from 2 clients",
    min_jobs=2,
    min_clients=2,
)

#: The current Help Center description (HC 34958134307475): the last 24
#: months only, updated daily, published weights with a duration bonus and a
#: cap of 8, and eligibility counted over the freelancer's lifetime (its
#: newest wording): 2 jobs from 2 clients ever, so the 24-month window shows
#: a score whatever number of clients it holds (min_window_clients=1, a
#: modelling assumption; a per-window minimum of 2 would make the lifetime
#: wording change nothing).  Its start date is not published; 2024-06-01 is assumed.
CURRENT = JSSRules(
    effective=date(2024, 6, 1),
    name="current: last 24 months, daily, weighted",
    eligibility_months=None,
    min_window_clients=1,
)

#: Every preset, oldest first.
HISTORY: RuleHistory[JSSRules] = RuleHistory(
    "JSS rules",
    (LAUNCH_2015, JOB_SIZE_2020, NO_FEEDBACK_2020, TRENDING_2021, ELIGIBILITY_2023, CURRENT),
)

#: The fields of a JSS rule set that are rules (its first day too), not its name.
_RULE_FIELDS = tuple(
    field.name
    for field in attrs.fields(JSSRules)
    if "rule" in field.metadata or field.name == "effective"
)


def _in_force(effective: date) -> JSSRules:
    """The preset in force on *effective*, or the first for an earlier day."""
    return HISTORY.in_force(max(effective, HISTORY.first_day))
