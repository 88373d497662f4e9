"""Strategies for rule sets: the published presets and what-if variations of them (private).

Public through :mod:`upwork_safety.testing.strategies`.  Every number a
variation draws is read from the rule histories of :mod:`upwork_safety.rules`
(a preset's own value, the longest duration any preset holds, the scales the
rules are written on), never copied, so a new preset moves the draws with it.
"""

from __future__ import annotations

import functools
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs
from hypothesis import strategies as st

from upwork_safety import rules
from upwork_safety._calendar import closes_after
from upwork_safety._decimals import CONTEXT, flag
from upwork_safety._scales import ACTIVITY_SCALE, PRIVATE_SCORE_SCALE, STAR_SCALE
from upwork_safety.errors import RulesError
from upwork_safety.kinds import EndReason
from upwork_safety.money import Money, minor_unit
from upwork_safety.rules import Formula, JSSRules, PlatformRules, Rounding, WeightTier
from upwork_safety.testing._arguments import built, mapped
from upwork_safety.testing._scalar_strategies import dates

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

_R = TypeVar("_R", PlatformRules, JSSRules)

_DAY = timedelta(days=1)
_MINUTE = timedelta(minutes=1)
_HOUR = timedelta(hours=1)
_SECOND = timedelta(seconds=1)
_WEEK = timedelta(weeks=1)

#: The PlatformRules timings that must fit together (the constructor's hourly
#: checks); a what-if redraws them as one group, or keeps them all.
_HOURLY_GRID = (
    "hourly_segment",
    "hourly_partial_segment_minimum",
    "hourly_invoice_delay",
    "hourly_review_window",
    "hourly_available_delay",
)
#: The weekday tables of weekly payments.
_WEEKDAY_TABLES = ("weekly_payment_start_percent", "weekly_payment_end_percent")


def _rule_fields(cls: type) -> tuple[attrs.Attribute[object], ...]:
    return tuple(field for field in attrs.fields(cls) if "rule" in field.metadata)


def _longest(presets: Iterable[object], names: Iterable[str]) -> timedelta:
    """The longest of the durations *names* in any of *presets*: what a what-if may reach."""
    spans: list[timedelta] = [getattr(preset, name) for preset in presets for name in names]
    return max(spans)


def _what_if(preset: _R, changes: Mapping[str, object]) -> _R:
    """*preset* with *changes* (``None`` keeps a field), renamed when anything changed."""
    chosen: dict[str, Any] = {k: v for k, v in changes.items() if v is not None}
    if not chosen:
        return preset
    return attrs.evolve(preset, name=f"what-if on {preset.name}", **chosen)


# --------------------------------------------------------------------------- platform


def platform_rules(*, what_if: bool = True) -> st.SearchStrategy[PlatformRules]:
    """:class:`~upwork_safety.rules.PlatformRules`: presets, and what-if variations of them.

    A preset of :data:`upwork_safety.rules.HISTORY` (shrinking to the
    oldest; each is drawn early in a run), and with *what_if* (the default)
    variations of them that the constructor accepts, renamed ``"what-if on
    <preset>"``: each escrow and dispute duration kept or redrawn in whole
    days up to the longest duration any preset holds; the minimum milestone
    and the arbitration fee from one cent to twice the preset's; the
    switches flipped (the review period always shorter than dormancy's
    whole course, as the constructor requires); the minimum activity anywhere on the Work Diary's
    scale; the weekday tables of weekly payments redrawn from 0 to the
    preset's full share; and the hourly timings redrawn together so they
    still fit (a segment that divides the preset's or is a multiple of it
    and divides a week, the invoice before the end of the review window,
    the pay available after it closes).  Pass one to any ``rules=``
    argument, e.g. :func:`upwork_safety.hourly.invoice`::

        >>> from hypothesis import find, settings
        >>> from upwork_safety.testing import strategies as us
        >>> slow = find(us.platform_rules(), lambda r: r.review_period.days > 30,
        ...             settings=settings(database=None))
        >>> slow.name.startswith("what-if on"), slow.review_period.days
        (True, 31)

    Raises:
        InvalidTypeError: *what_if* is not a bool.
    """
    return _platform_rules(flag(what_if, "what_if"))


@functools.cache
def _platform_rules(what_if: bool) -> st.SearchStrategy[PlatformRules]:  # noqa: FBT001  (cache key)
    presets = st.sampled_from(tuple(rules.HISTORY))
    if not what_if:
        return presets
    return presets | presets.flatmap(_platform_variations)


@functools.cache  # one strategy per preset: Hypothesis checks each new strategy on first draw
def _platform_variations(preset: PlatformRules) -> st.SearchStrategy[PlatformRules]:
    changes: dict[str, st.SearchStrategy[object]] = {}
    fields = _rule_fields(PlatformRules)
    days = [
        f.name for f in fields if isinstance(f.default, timedelta) and f.name not in _HOURLY_GRID
    ]
    top = _longest(rules.HISTORY, days) // _DAY
    for name in days:
        changes[name] = st.none() | mapped(st.integers(1, top), lambda n: n * _DAY)
    for field in fields:
        value = getattr(preset, field.name)
        if isinstance(value, Money):
            changes[field.name] = st.none() | _cents_up_to(value + value)
        elif isinstance(value, bool):
            changes[field.name] = st.none() | st.booleans()
    changes["top_rated_skip_hold_since"] = st.none() | dates()
    changes["hourly_minimum_activity"] = st.none() | st.integers(*ACTIVITY_SCALE)
    for name in _WEEKDAY_TABLES:
        table: tuple[int, ...] = getattr(preset, name)
        whole = max(table)
        changes[name] = st.none() | st.tuples(*(st.integers(0, whole) for _ in table))
    return built(
        lambda drawn, grid: _what_if(
            preset, _review_before_dormancy(preset, {**drawn, **(grid or {})})
        ),
        st.fixed_dictionaries(changes),
        st.none() | _hourly_grid(preset),
    )


def _review_before_dormancy(preset: PlatformRules, drawn: dict[str, object]) -> dict[str, object]:
    """*drawn* with a review period the constructor takes: shorter than dormancy's course.

    The periods are drawn one by one; a review period as long as
    :attr:`~upwork_safety.rules.PlatformRules.dormancy_course` (read from
    the rules with the drawn dormancy, never re-added here) is drawn again
    as the longest shorter one.
    """
    dormancy: dict[str, Any] = {
        k: v for k, v in drawn.items() if k.startswith("dormancy_") and v is not None
    }
    # A one-day review fits any dormancy (each of its three periods is at least a day).
    course = attrs.evolve(preset, review_period=_DAY, **dormancy).dormancy_course
    review = drawn.get("review_period")
    if (review if isinstance(review, timedelta) else preset.review_period) >= course:
        return {**drawn, "review_period": course - _DAY}
    return drawn


def _cents_up_to(top: Money) -> st.SearchStrategy[Money]:
    places = minor_unit(top.currency)
    units = int(top.amount.scaleb(places, context=CONTEXT))
    return mapped(
        st.integers(1, units),
        lambda n: Money(Decimal(n).scaleb(-places, context=CONTEXT), top.currency),
    )


def _segments(preset: PlatformRules) -> tuple[timedelta, ...]:
    """Segments the constructor takes near the preset's: whole minutes dividing a week.

    The preset's divisors and its multiples up to an hour's worth of segments.
    """
    base = preset.hourly_segment // _MINUTE
    per_hour = _HOUR // preset.hourly_segment or 1
    minutes = range(1, base * per_hour + 1)
    return tuple(
        m * _MINUTE
        for m in minutes
        if (base % m == 0 or m % base == 0) and not _WEEK % (m * _MINUTE)
    )


def _hourly_grid(preset: PlatformRules) -> st.SearchStrategy[dict[str, timedelta]]:
    review = preset.hourly_review_window
    spare = (preset.hourly_available_delay - closes_after(review)) // _DAY

    @st.composite
    def grid(draw: st.DrawFn) -> dict[str, timedelta]:
        segment = draw(st.sampled_from(_segments(preset)))
        partial = draw(st.integers(1, segment // _MINUTE)) * _MINUTE
        invoice = draw(st.integers(1, review // _HOUR)) * _HOUR
        window = invoice + draw(st.integers(0, (review - invoice) // _SECOND)) * _SECOND
        available = closes_after(window) + draw(st.integers(0, max(spare, 0))) * _DAY
        return {
            "hourly_segment": segment,
            "hourly_partial_segment_minimum": partial,
            "hourly_invoice_delay": invoice,
            "hourly_review_window": window,
            "hourly_available_delay": available,
        }

    return grid()


# --------------------------------------------------------------------------- JSS


def jss_rules(*, what_if: bool = True) -> st.SearchStrategy[JSSRules]:
    """:class:`~upwork_safety.jss.JSSRules`: presets, and what-if variations of them.

    A preset of :data:`upwork_safety.jss.HISTORY` (also ``rules.JSS_HISTORY``;
    shrinking to the oldest, each drawn early in a run), and with *what_if* (the default)
    variations the constructor accepts, renamed ``"what-if on <preset>"``:
    the formula and rounding; the job and client counts from 1 to twice the
    preset's; the scoring windows (the preset's longest kept, so its
    eligibility window still fits), the trending pair (or none) and the
    eligibility window (or the lifetime) within it; the Top Rated weeks,
    score, earnings (whole cents), earnings months and account days; the
    snapshot, long-term and idle durations in whole days up to the longest
    any preset holds, the long-term months and the snapshot anchor (within
    a year); the star thresholds in tenths on the 1.0–5.0 scale (negative
    below positive) and the private-score thresholds on the 0–10 scale, in
    order; the weight tiers (up to four), the cap, the unpaid weight and the
    duration bonuses; the neutral credit in hundredths below 1; the
    switches; and which end reasons count as negative.  Every rule varies
    but ``currency``, which the contracts scored must share.  Pass one to
    :func:`upwork_safety.jss.score` as ``rules=``::

        >>> from hypothesis import find, settings
        >>> from upwork_safety.testing import strategies as us
        >>> find(us.jss_rules(), lambda r: r.formula == "net",
        ...      settings=settings(database=None)).formula
        <Formula.NET: 'net'>

    Raises:
        InvalidTypeError: *what_if* is not a bool.
    """
    return _jss_rules(flag(what_if, "what_if"))


@functools.cache
def _jss_rules(what_if: bool) -> st.SearchStrategy[JSSRules]:  # noqa: FBT001  (cache key)
    presets = st.sampled_from(tuple(rules.JSS_HISTORY))
    if not what_if:
        return presets
    return presets | presets.flatmap(_jss_variations)


#: JSS durations, whole days (the constructor's rule).
_JSS_DURATIONS = ("snapshot_every", "long_term_payment_interval", "open_idle_after")
_JSS_COUNTS = ("min_jobs", "min_clients", "min_window_clients")
_JSS_SWITCHES = (
    "exclude_unpaid_positive",
    "exclude_no_feedback",
    "refund_is_negative",
    "lost_dispute_is_negative",
    "rehire_needs_earnings",
)


@functools.cache  # one strategy per preset, as for the platform rules
def _jss_variations(preset: JSSRules) -> st.SearchStrategy[JSSRules]:
    changes: dict[str, st.SearchStrategy[object]] = {
        "formula": st.none() | st.sampled_from(Formula),
        "rounding": st.none() | st.sampled_from(Rounding),
    }
    for name in _JSS_COUNTS:
        changes[name] = st.none() | st.integers(1, 2 * getattr(preset, name))
    top = _longest(rules.JSS_HISTORY, _JSS_DURATIONS) // _DAY
    for name in _JSS_DURATIONS:
        changes[name] = st.none() | mapped(st.integers(1, top), lambda n: n * _DAY)
    for name in _JSS_SWITCHES:
        changes[name] = st.none() | st.booleans()
    longest = max(preset.windows)
    changes["windows"] = st.none() | mapped(
        st.lists(
            st.integers(1, longest - 1) if longest > 1 else st.nothing(), max_size=2, unique=True
        ),
        lambda more: tuple(sorted({longest, *more}, reverse=True)),
    )
    changes["private"] = st.none() | mapped(
        st.lists(st.integers(*PRIVATE_SCORE_SCALE), min_size=2, max_size=2), sorted
    )
    changes["neutral_credit"] = st.none() | mapped(
        st.integers(0, 99), lambda n: Decimal(n).scaleb(-2, context=CONTEXT)
    )
    changes["top_rated_weeks"] = st.none() | st.integers(1, 2 * preset.top_rated_weeks).flatmap(
        lambda weeks: st.tuples(st.just(weeks), st.integers(1, weeks))
    )
    changes["negative_end_reasons"] = st.none() | mapped(
        st.lists(st.sampled_from(EndReason), unique=True), tuple
    )
    changes.update(_jss_thresholds(preset))
    changes.update(_jss_weights(preset))
    # Red team r21 M4: a draw the constructor refuses (a weight above a kept cap)
    # is left out, so every rule set drawn is one a caller could build.
    return mapped(st.fixed_dictionaries(changes), lambda drawn: _jss_what_if(preset, drawn)).filter(
        lambda chosen: chosen is not None
    )  # type: ignore[return-value]


#: Drawn for a field that holds ``None`` when off (``None`` itself keeps the preset's value).
_OFF = "off"
#: The stars of the public scale, in the tenths an average is shown in.
_TENTHS = 10


def _stars(low: int, high: int) -> st.SearchStrategy[Decimal]:
    """A star threshold from *low* to *high* tenths of a star."""
    return mapped(st.integers(low, high), lambda n: Decimal(n).scaleb(-1, context=CONTEXT))


def _jss_thresholds(preset: JSSRules) -> dict[str, st.SearchStrategy[object]]:
    """The star, Top Rated, trending, eligibility and snapshot-day draws of a what-if."""
    low, high = (int(CONTEXT.multiply(end, _TENTHS)) for end in STAR_SCALE)
    longest = max(preset.windows)
    trending = st.integers(2, longest).flatmap(
        lambda long: st.tuples(st.just(long), st.integers(1, long - 1))
    )
    cents = minor_unit(preset.currency)
    earnings = int(preset.top_rated_min_earnings.scaleb(cents, context=CONTEXT))
    return {
        "stars": st.none()
        | mapped(st.lists(st.integers(low, high), min_size=2, max_size=2, unique=True), sorted),
        "unpaid_positive_stars_at_least": st.none() | _stars(low, high),
        "top_rated_min_score": st.none() | st.integers(0, 100),
        "top_rated_min_earnings": st.none()
        | mapped(
            st.integers(0, 2 * earnings), lambda n: Decimal(n).scaleb(-cents, context=CONTEXT)
        ),
        "top_rated_earnings_months": st.none()
        | st.integers(1, 2 * preset.top_rated_earnings_months),
        "top_rated_account_days": st.none() | st.integers(1, 2 * preset.top_rated_account_days),
        "trending": st.none() | st.just(_OFF) | trending,
        "eligibility_months": st.none() | st.just(_OFF) | st.integers(1, longest),
        "long_term_months": st.none() | st.integers(1, 2 * preset.long_term_months),
        "snapshot_anchor": st.none()
        | mapped(st.integers(-366, 366), lambda n: preset.snapshot_anchor + n * _DAY),
    }


def _jss_weights(preset: JSSRules) -> dict[str, st.SearchStrategy[object]]:
    """The job-size weighting draws of a what-if: tiers, cap, unpaid weight, duration bonus.

    Weights are drawn in tenths up to the heaviest cap any preset holds (or
    the heaviest tier), and a cap from there up, so a kept cap mostly fits.
    """
    caps = [p.weight_cap for p in rules.JSS_HISTORY if p.weight_cap is not None]
    top = int(CONTEXT.multiply(max([*caps, *(t.weight for t in preset.weight_tiers)]), _TENTHS))
    weight = mapped(st.integers(1, top), lambda n: Decimal(n).scaleb(-1, context=CONTEXT))
    bound = max([t.up_to for t in preset.weight_tiers if t.up_to is not None] or [Decimal(1000)])
    tiers = st.lists(st.integers(0, 2 * int(bound)), max_size=3, unique=True).flatmap(
        lambda ends: mapped(
            st.lists(weight, min_size=len(ends) + 1, max_size=len(ends) + 1),
            lambda weights: tuple(
                WeightTier(Decimal(end) if end is not None else None, w)
                for end, w in zip([*sorted(ends), None], weights, strict=True)
            ),
        )
    )
    bonus = mapped(st.integers(0, top), lambda n: Decimal(n).scaleb(-1, context=CONTEXT))
    return {
        "weight_tiers": st.none() | tiers,
        "weight_cap": st.none()
        | st.just(_OFF)
        | mapped(st.integers(top, 2 * top), lambda n: Decimal(n).scaleb(-1, context=CONTEXT)),
        "unpaid_weight": st.none() | st.just(_OFF) | weight,
        "duration_bonus": st.none() | bonus,
        "duration_bonus_non_positive": st.none() | st.just(_OFF) | bonus,
        "duration_bonus_months": st.none() | st.integers(1, 2 * preset.duration_bonus_months),
    }


def _jss_what_if(preset: JSSRules, drawn: dict[str, object]) -> JSSRules | None:
    changes = {name: None if value == _OFF else value for name, value in drawn.items()}
    kept = {name for name, value in drawn.items() if value is None}
    stars = changes.pop("stars")
    if "stars" not in kept:
        low, high = cast("list[int]", stars)
        changes["negative_stars_below"] = Decimal(low).scaleb(-1, context=CONTEXT)
        changes["positive_stars_at_least"] = Decimal(high).scaleb(-1, context=CONTEXT)
    private = changes.pop("private")
    if private is not None:
        low, high = cast("list[int]", private)
        changes["detractor_private_below"] = low
        changes["promoter_private_at_least"] = high
    weeks = changes.pop("top_rated_weeks")
    if weeks is not None:
        changes["top_rated_weeks"], changes["top_rated_required_weeks"] = cast(
            "tuple[int, int]", weeks
        )
    # A field switched off is set to None; one kept is left out.
    chosen: dict[str, Any] = {name: value for name, value in changes.items() if name not in kept}
    if not chosen:
        return preset
    try:
        return attrs.evolve(preset, name=f"what-if on {preset.name}", **chosen)
    except RulesError:
        return None
