"""The kinds a JSS rule set is made of: its formula, rounding and job-size tiers (private).

Public through :mod:`upwork_safety.rules` and :mod:`upwork_safety.jss`; the
rule sets that use them are in :mod:`upwork_safety.rules._jss`.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import (
    Any,  # noqa: F401  (the hints of attrs __init__ name converters' Any)
    cast,
)

import attrs

from upwork_safety._pickling import through_init
from upwork_safety._validate import member_text
from upwork_safety.errors import InvalidValueError
from upwork_safety.kinds import StrEnum
from upwork_safety.rules._jss_fields import _optional_decimal, _tier_weight

__all__ = ["PUBLISHED_TIERS", "Formula", "Rounding", "WeightTier", "formula", "rounding"]


class Formula(StrEnum):
    """How the weighted outcomes become a percentage (:attr:`JSSRules.formula`).

    Members equal their text, so ``formula="net"`` keeps working.
    """

    #: Weighted successes / weighted total (reproduces the community's worked examples).
    SUCCESS_SHARE = "success_share"
    #: (Weighted successes − weighted negatives) / weighted total, floored at 0
    #: (Upwork's 2015 framing read literally).
    NET = "net"


class Rounding(StrEnum):
    """How the percentage is rounded to a whole number (:attr:`JSSRules.rounding`).

    The values are the names of the :mod:`decimal` rounding constants, so
    ``rounding=decimal.ROUND_HALF_EVEN`` (the text ``"ROUND_HALF_EVEN"``) keeps working.
    """

    HALF_UP = decimal.ROUND_HALF_UP
    HALF_EVEN = decimal.ROUND_HALF_EVEN
    HALF_DOWN = decimal.ROUND_HALF_DOWN
    FLOOR = decimal.ROUND_FLOOR
    CEILING = decimal.ROUND_CEILING
    DOWN = decimal.ROUND_DOWN
    UP = decimal.ROUND_UP


def formula(value: Formula | str) -> Formula:
    """*value* as its :class:`Formula` member (the converter of ``JSSRules.formula``)."""
    # A value that is not a member is left for member_field to refuse.
    return cast("Formula", member_text(Formula, value))


def rounding(value: Rounding | str) -> Rounding:
    """*value* as its :class:`Rounding` member (the converter of ``JSSRules.rounding``)."""
    return cast("Rounding", member_text(Rounding, value))


@through_init
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
    weight: Decimal = attrs.field(converter=_tier_weight)

    def __attrs_post_init__(self) -> None:
        if self.weight <= 0:
            raise InvalidValueError(
                f"WeightTier.weight must be positive, got {self.weight}",
                field="WeightTier.weight",
                rule="more than zero",
            )


#: The published tiers (HC 34958134307475): $1–$250 → 1, $251–$1,000 →
#: 1.25, over $1,000 → 1.5.  Earnings between two published bounds (say
#: $250.50) go to the higher tier: a modelling assumption.
PUBLISHED_TIERS = (
    WeightTier(Decimal(250), Decimal(1)),
    WeightTier(Decimal(1000), Decimal("1.25")),
    WeightTier(None, Decimal("1.5")),
)
