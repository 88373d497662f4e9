"""Why a contract does not count: :class:`ExclusionCode` (private; public as ``jss.ExclusionCode``).

Each code is one of the model's documented reasons for leaving a contract
out, stated by the judge in the same branch that writes the reason's
English sentence, so a program reads the code and a person the sentence:
the two come from one decision.
"""

from __future__ import annotations

from typing import cast

from upwork_safety._validate import member_text
from upwork_safety.kinds import StrEnum

__all__ = ["ExclusionCode", "exclusion_of_text"]


class ExclusionCode(StrEnum):
    """Why an excluded contract does not count (:attr:`Impact.exclusion`).

    Stable: a code is never renamed or given another meaning, so a program
    can key its own text (in any language) on it, as it does on a
    :class:`~upwork_safety.checks.FindingCode`.  Members equal their text
    (``impact.exclusion == "no_feedback"``), and JSON writes the text.
    """

    #: Its client is in the caller's ``exclude_clients``.
    CLIENT_EXCLUDED = "client_excluded"
    #: It starts after the day judged.
    STARTS_AFTER = "starts_after"
    #: Still open and not yet paid regularly for long enough to count as a
    #: long-term contract (nor idle long enough to count as not successful).
    OPEN_NOT_YET_COUNTED = "open_not_yet_counted"
    #: An open long-term contract with no payment within the payment
    #: interval: it counts again once paid.
    LONG_TERM_LAPSED = "long_term_lapsed"
    #: Ended with nothing earned and positive feedback: left out of the score,
    #: still an eligible job if it ended inside the eligibility window.
    UNPAID_POSITIVE = "unpaid_positive"
    #: Ended without feedback (public stars or a private score).
    NO_FEEDBACK = "no_feedback"
    #: Ended before the longest window: outside every window (under lifetime
    #: eligibility it still counts toward eligibility).
    OUTSIDE_WINDOWS = "outside_windows"


def exclusion_of_text(value: ExclusionCode | str | None) -> ExclusionCode | None:
    """A converter: the member a text names; ``None`` and other values are for the validator."""
    return None if value is None else cast("ExclusionCode", member_text(ExclusionCode, value))
