"""How one contract counts: :class:`Outcome` (private module; public as ``jss.Outcome``).

Its own module so that both the reports (:mod:`._reports`) and the one
rule for a contract's points (:mod:`._points`) can read it.
"""

from __future__ import annotations

from typing import cast

from upwork_safety._validate import member_text
from upwork_safety.kinds import StrEnum

__all__ = ["Outcome", "outcome_of_text"]


class Outcome(StrEnum):
    """How one contract counts in the score."""

    #: Counted, and counted as a success.
    POSITIVE = "positive"
    #: Counted in the total, but not as a success (it lowers the share, unless
    #: the rules give neutral outcomes partial credit).
    NEUTRAL = "neutral"
    #: Counted in the total as a failure.
    NEGATIVE = "negative"
    #: Not counted at all.
    EXCLUDED = "excluded"


def outcome_of_text(value: Outcome | str) -> Outcome:
    """A converter: the Outcome member a text names; anything else is for member_field."""
    return cast("Outcome", member_text(Outcome, value))
