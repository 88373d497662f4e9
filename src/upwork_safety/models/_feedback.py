"""What the client said when a contract ended: stars, private score, end reason (private)."""

from __future__ import annotations

from decimal import Decimal
from typing import cast

import attrs

from upwork_safety._pickling import through_init
from upwork_safety._plain import optional_plain_int
from upwork_safety._scales import PRIVATE_SCORE_SCALE, STAR_SCALE
from upwork_safety._validate import member_field, member_text, optional_whole_field
from upwork_safety.errors import InvalidValueError
from upwork_safety.kinds import EndReason
from upwork_safety.money import to_decimal

__all__ = ["Feedback"]


def _stars(value: Decimal | float | str | None) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, float):
        # Star ratings are averages people type as 4.5, not money: keep the
        # digits as written (float's own repr: a subclass does not answer).
        value = float.__repr__(value)
    return to_decimal(value, "Feedback.stars")


def _check_stars(_instance: object, _attribute: object, value: Decimal | None) -> None:
    lowest, highest = STAR_SCALE
    if value is not None and not lowest <= value <= highest:
        raise InvalidValueError(
            f"Feedback.stars is the public {lowest:.1f}–{highest:.1f} average, got {value}",
            field="Feedback.stars",
            rule=f"from {lowest:.1f} to {highest:.1f}",
        )


def _end_reason(value: EndReason | str | None) -> EndReason | None:
    """A converter: the EndReason member a text names; anything else is for member_field."""
    return cast("EndReason | None", member_text(EndReason, value))


@through_init
@attrs.frozen
class Feedback:
    """What the client said when the contract ended.

    Args:
        stars: The public rating, the 1.0–5.0 average of six scores, or
            ``None`` when the client left none.  ``str``, ``int``,
            ``Decimal`` or ``float`` (kept as written).
        private_score: The private 0–10 "how likely are you to recommend",
            which the freelancer never sees but the JSS uses, or ``None``.
        end_reason: Why the client ended the contract, or ``None``.
    """

    stars: Decimal | None = attrs.field(default=None, converter=_stars, validator=_check_stars)
    private_score: int | None = attrs.field(
        default=None,
        converter=optional_plain_int,
        validator=optional_whole_field(*PRIVATE_SCORE_SCALE),
    )
    end_reason: EndReason | None = attrs.field(
        default=None,
        converter=_end_reason,
        validator=member_field(EndReason, optional=True),
    )
