"""JSS rule-set tests that kill mutants mutmut found surviving: every boundary value is accepted."""

from datetime import timedelta
from decimal import Decimal

import attrs
import pytest

from upwork_safety import jss
from upwork_safety.errors import RulesError


@pytest.mark.parametrize(
    "changes",
    [
        {"windows": (1,)},
        {"trending": (1, 1)},
        {"eligibility_months": 1, "duration_bonus_months": 1, "long_term_months": 1},
        {"min_jobs": 1, "min_clients": 1, "min_window_clients": 1},
        {"top_rated_weeks": 1, "top_rated_required_weeks": 1},
        {"top_rated_weeks": 16, "top_rated_required_weeks": 16},
        {"snapshot_every": timedelta(days=1)},
        {"long_term_payment_interval": timedelta(days=1), "open_idle_after": timedelta(days=1)},
        {"duration_bonus": Decimal(0)},
        {"weight_cap": None},
        {"weight_cap": Decimal("0.01")},
        {"detractor_private_below": 0},
        {"detractor_private_below": 9, "promoter_private_at_least": 9},
        {"promoter_private_at_least": 10},
        {"weight_tiers": (jss.WeightTier(None, Decimal(1)),)},
        {
            "weight_tiers": (
                jss.WeightTier(Decimal(5), Decimal(1)),
                jss.WeightTier(Decimal(5), Decimal(2)),
                jss.WeightTier(None, Decimal(3)),
            )
        },
        {"formula": "net"},
        {"rounding": "ROUND_HALF_EVEN"},
    ],
)
def test_boundary_values_are_accepted(changes):
    """The smallest and largest values each rule allows are accepted, not refused."""
    evolved = attrs.evolve(jss.CURRENT, **changes)
    assert all(getattr(evolved, k) == v for k, v in changes.items())


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"windows": (0,)}, r"JSSRules.windows must be positive whole months, got \(0,\)"),
        ({"top_rated_weeks": 12, "top_rated_required_weeks": 13}, "cannot exceed top_rated_weeks"),
        ({"min_jobs": 0}, "must be positive whole numbers"),
        (
            {"snapshot_every": timedelta(0)},
            r"snapshot_every must be a whole number of days, got 0:00:00",
        ),
        ({"negative_stars_below": Decimal(5), "positive_stars_at_least": Decimal(5)}, "middling"),
        ({"detractor_private_below": -1}, "0 ≤ detractor_private_below"),
        (
            {"detractor_private_below": 8, "promoter_private_at_least": 7},
            "promoter_private_at_least ≤ 10",
        ),
    ],
)
def test_just_outside_the_boundary_is_refused(changes, message):
    """One step past each boundary is refused with the message naming the rule."""
    with pytest.raises(RulesError, match=message):
        attrs.evolve(jss.CURRENT, **changes)


def test_tracked_months_include_trending_and_eligibility():
    """The model tracks every window it needs, longest first, without duplicates."""
    rules = attrs.evolve(jss.CURRENT, windows=(12, 6), trending=(6, 3), eligibility_months=24)
    assert (24, 12, 6, 3) == rules.tracked_months
