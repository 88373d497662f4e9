"""What each reason of a judgement says: :class:`ReasonCode` (private; public in ``jss``).

Every sentence the judge writes in :attr:`Impact.reasons` (and
:attr:`ChangeItem.reasons`) is written beside its code, in the same
statement, so a program reads the code and a person the sentence: the two
come from one decision (closing note r40, jss).  A code that states why a
contract is left out names its :class:`ExclusionCode` in :data:`STATES`,
which is how an :class:`Impact` checks its codes against its exclusion.
"""

from __future__ import annotations

from typing import Any

from upwork_safety._validate import (
    KEPT_ORDER,
    _not_a_member,
    as_sequence,
    as_tuple,
    countable,
    field_name,
    member_text,
)
from upwork_safety.errors import InvalidValueError
from upwork_safety.jss._exclusion import ExclusionCode
from upwork_safety.kinds import StrEnum

__all__ = [
    "MAIN",
    "STATES",
    "WHAT_IF_NOTES",
    "ReasonCode",
    "Said",
    "ScoreReason",
    "codes_field",
    "codes_of_text",
    "match_reasons",
]


class ReasonCode(StrEnum):
    """What one reason says (:attr:`Impact.codes`, one per reason, in order).

    Stable: a code is never renamed or given another meaning, so a program
    can key its own text (in any language) on it, as on an
    :class:`ExclusionCode`.  Members equal their text, and JSON writes the
    text.  A code that says why a contract is left out names its
    :class:`ExclusionCode` in :attr:`states`.  The values a sentence names
    (a day, stars, a weight) are the contract's own, or the
    :class:`Impact`'s and the report's: docs/jss.md, "Reason codes", says
    where each is.
    """

    # The client's signals (feedback, escrow, disputes).
    #: Public stars below the negative line.
    STARS_POOR = "stars_poor"
    #: Public stars at or above the strong line.
    STARS_STRONG = "stars_strong"
    #: Public stars between the two lines.
    STARS_MIDDLING = "stars_middling"
    #: A private score below the detractor line.
    PRIVATE_DETRACTOR = "private_detractor"
    #: A private score at or above the promoter line.
    PRIVATE_PROMOTER = "private_promoter"
    #: A private score between the two lines.
    PRIVATE_PASSIVE = "private_passive"
    #: Ended with a reason for ending the rules count as negative.
    END_REASON_NEGATIVE = "end_reason_negative"
    #: Escrow was refunded to the client.
    ESCROW_REFUNDED = "escrow_refunded"
    #: A dispute gave the client more than the freelancer.
    LOST_DISPUTE = "lost_dispute"
    #: A negative signal wins: the contract counts as negative.
    NEGATIVE_WINS = "negative_wins"
    #: A negative signal wins once the contract counts (it does not count yet).
    NEGATIVE_WINS_ONCE_COUNTED = "negative_wins_once_counted"
    #: Ended without feedback, which the rules do not exclude: it counts.
    NO_FEEDBACK_COUNTED = "no_feedback_counted"
    #: No strong feedback and no long-term relationship: counts as neutral.
    NOT_STRONG = "not_strong"
    #: Nothing earned, but the feedback is not positive enough for the $0 exclusion: it counts.
    UNPAID_NOT_POSITIVE = "unpaid_not_positive"
    #: Paid over the rules' long-term months: a success.
    LONG_TERM = "long_term"
    #: The client hired the freelancer again: a success.
    REHIRED = "rehired"
    # Open contracts.
    #: Open and idle for the rules' idle period: not successful, in the score only.
    OPEN_IDLE = "open_idle"
    #: Open, paid regularly for long enough: counts as a success.
    OPEN_LONG_TERM = "open_long_term"
    # Why it is left out (each states its ExclusionCode, see STATES).
    #: Its client is in the caller's ``exclude_clients``.
    CLIENT_EXCLUDED = "client_excluded"
    #: It starts after the day judged.
    STARTS_AFTER = "starts_after"
    #: Open and not yet paid regularly for long enough to count.
    OPEN_NOT_YET_COUNTED = "open_not_yet_counted"
    #: An open long-term contract with no payment within the payment interval.
    LONG_TERM_LAPSED = "long_term_lapsed"
    #: Nothing earned and positive feedback: out of the score, still an eligible job.
    UNPAID_POSITIVE = "unpaid_positive"
    #: Nothing earned and positive feedback, ended before the eligibility window: counts nowhere.
    UNPAID_POSITIVE_BEFORE_ELIGIBILITY = "unpaid_positive_before_eligibility"
    #: Ended without feedback.
    NO_FEEDBACK = "no_feedback"
    #: A negative signal seen and set aside, as the contract ended without feedback.
    NEGATIVE_SET_ASIDE = "negative_set_aside"
    #: Ended before the longest window: outside every window.
    OUTSIDE_WINDOWS = "outside_windows"
    #: Outside every window, still counted toward lifetime eligibility.
    OUTSIDE_WINDOWS_STILL_ELIGIBLE = "outside_windows_still_eligible"
    # The weight, and notes about the day and the score shown.
    #: The weight, what was earned and the months paid.
    WEIGHT = "weight"
    #: The weight, with paid months counted from a later run of regular payments.
    WEIGHT_FROM_LATER_RUN = "weight_from_later_run"
    #: The last day a counted, ended contract is in the longest window (Impact.leaves_on).
    COUNTS_UNTIL = "counts_until"
    #: The contract records an end, feedback or payments after the day judged.
    RECORDED_AFTER_THE_DAY = "recorded_after_the_day"
    #: Judged on the rules' latest snapshot day, before the day asked.
    SNAPSHOT = "snapshot"
    #: Counted, but outside the one window the score shown comes from: 0 points of it.
    OUTSIDE_SHOWN_WINDOW = "outside_shown_window"
    #: Counted, but outside both windows of the trending score shown: 0 points of it.
    OUTSIDE_TRENDING_PAIR = "outside_trending_pair"
    #: In the longer window of the trending score shown only: half of it.
    HALF_IN_TRENDING = "half_in_trending"
    # explain_change's own (ChangeItem.codes).
    #: Counted both days, and left one or more windows.
    LEFT_WINDOWS = "left_windows"
    #: With this change there is no score (eligibility lost).
    SCORE_LOST = "score_lost"
    #: With this change the eligibility rules are met.
    SCORE_GAINED = "score_gained"

    @property
    def states(self) -> ExclusionCode | None:
        """The :class:`ExclusionCode` this reason states, or ``None`` for one that states none."""
        return STATES.get(self)


class ScoreReason(StrEnum):
    """What a report's (or a what-if's) ``reason`` says (:attr:`JSSReport.reason_codes`).

    The first code is the reason itself, one of the first five members; any
    after it are notes the sentence adds.  Stable, as :class:`ReasonCode`.
    """

    #: A score: the window it comes from and the formula (``window``, ``rules``).
    SCORED = "scored"
    #: No score: too few eligible jobs or clients (see :attr:`JSSRules.min_jobs`).
    NOT_ELIGIBLE = "not_eligible"
    #: No score: no contracts at all.
    NO_CONTRACTS = "no_contracts"
    #: No score: eligible, but no counted contract in any scoring window.
    NO_COUNTED_CONTRACT = "no_counted_contract"
    #: No score: no window has outcomes from enough distinct clients.
    TOO_FEW_CLIENTS = "too_few_clients"
    #: A note: the score shown comes from one client (rules that allow it).
    ONE_CLIENT_WINDOW = "one_client_window"
    #: A note: no contract has ended or has feedback (contracts read from an export).
    ALL_OPEN = "all_open"
    # Notes only a what-if's reason adds (WhatIf.reason_codes).
    #: An added or changed contract records an end or payments after the day.
    RECORDED_AFTER_THE_DAY = "recorded_after_the_day"
    #: An added or changed contract does not count (its impact says why).
    NOT_COUNTED = "not_counted"
    #: The added or changed contracts gave windows enough distinct clients for a score.
    WINDOWS_OPENED = "windows_opened"
    #: The added or changed contracts changed how existing contracts count.
    OTHERS_MOVED = "others_moved"


#: The codes a reason may start with: the reason itself; the rest are notes.
MAIN = frozenset(
    {
        ScoreReason.SCORED,
        ScoreReason.NOT_ELIGIBLE,
        ScoreReason.NO_CONTRACTS,
        ScoreReason.NO_COUNTED_CONTRACT,
        ScoreReason.TOO_FEW_CLIENTS,
    }
)


#: The codes that state why a contract is left out, and the :class:`ExclusionCode` each states.
STATES: dict[ReasonCode, ExclusionCode] = {
    ReasonCode.CLIENT_EXCLUDED: ExclusionCode.CLIENT_EXCLUDED,
    ReasonCode.STARTS_AFTER: ExclusionCode.STARTS_AFTER,
    ReasonCode.OPEN_NOT_YET_COUNTED: ExclusionCode.OPEN_NOT_YET_COUNTED,
    ReasonCode.LONG_TERM_LAPSED: ExclusionCode.LONG_TERM_LAPSED,
    ReasonCode.UNPAID_POSITIVE: ExclusionCode.UNPAID_POSITIVE,
    ReasonCode.UNPAID_POSITIVE_BEFORE_ELIGIBILITY: ExclusionCode.UNPAID_POSITIVE,
    ReasonCode.NO_FEEDBACK: ExclusionCode.NO_FEEDBACK,
    ReasonCode.OUTSIDE_WINDOWS: ExclusionCode.OUTSIDE_WINDOWS,
    ReasonCode.OUTSIDE_WINDOWS_STILL_ELIGIBLE: ExclusionCode.OUTSIDE_WINDOWS,
}

#: One reason as the judge writes it: its code and its sentence, chosen together.
Said = tuple[ReasonCode, str]


def _converted(kind: type[StrEnum], value: Any) -> Any:
    """*value*, an iterable of *kind*'s codes, as a tuple, texts read as members."""
    value = as_tuple(value)
    if type(value) is not tuple:
        return value  # for the validator to refuse
    return tuple(member_text(kind, code) for code in value)


def codes_of_text(value: Any) -> Any:
    """The converter of :attr:`Impact.codes` (and ``ChangeItem.codes``)."""
    return _converted(ReasonCode, value)


def score_codes_of_text(value: Any) -> Any:
    """The converter of :attr:`JSSReport.reason_codes` (and ``WhatIf.reason_codes``)."""
    return _converted(ScoreReason, value)


def _validator(kind: type[StrEnum]) -> Any:
    """An attrs validator: a tuple of *kind*'s members, each named by its index."""

    def check(instance: object, attribute: Any, value: Any) -> None:
        name = field_name(instance, attribute)
        if type(value) is not tuple or not countable(value):
            # A scalar, a text, a set (whose order changes between runs) or too many codes.
            as_sequence(value, name, f"{kind.__name__} codes", ordered=KEPT_ORDER)
        for index, code in enumerate(value):
            if type(code) is not kind:
                _not_a_member(kind, code, f"{name}[{index}]", None)

    return check


#: The validator of :attr:`Impact.codes` (and ``ChangeItem.codes``).
codes_field = _validator(ReasonCode)
#: That of :attr:`JSSReport.reason_codes` (and ``WhatIf.reason_codes``).
score_codes_field = _validator(ScoreReason)


#: The notes only a what-if's reason adds.
WHAT_IF_NOTES = frozenset(
    {
        ScoreReason.RECORDED_AFTER_THE_DAY,
        ScoreReason.NOT_COUNTED,
        ScoreReason.WINDOWS_OPENED,
        ScoreReason.OTHERS_MOVED,
    }
)


def match_score_reason(
    codes: tuple[ScoreReason, ...],
    *,
    scored: bool,
    empty: bool,
    name: str = "JSSReport",
    notes: frozenset[ScoreReason] = frozenset(),
) -> None:
    """Refuse a report's reason codes that do not fit it.

    The first is the reason itself (one of :data:`MAIN`): ``SCORED``
    exactly when there is a score, ``NO_CONTRACTS`` exactly when there are
    no contracts (*empty*); the others are notes, each once: a
    one-client window only with a score, all open with a score or
    without, and the *notes* a what-if adds.
    """
    field = f"{name}.reason_codes"
    expected = ScoreReason.SCORED if scored else ScoreReason.NO_CONTRACTS if empty else None
    first = codes[0] if codes else None
    fits = first in MAIN and (
        first is expected
        if expected is not None
        else first not in {ScoreReason.SCORED, ScoreReason.NO_CONTRACTS}
    )
    if not fits:
        wanted = (
            "scored"
            if scored
            else "no_contracts"
            if empty
            else "not_eligible, no_counted_contract or too_few_clients"
        )
        raise InvalidValueError(
            f"{field} must start with the reason itself ({wanted} for this report), got "
            f"{first.value if first is not None else 'none'}",
            field=field,
            rule="the reason first: scored exactly when there is a score",
        )
    added = codes[1:]
    allowed = notes | {ScoreReason.ALL_OPEN}
    if scored:
        allowed |= {ScoreReason.ONE_CLIENT_WINDOW}
    if len(set(added)) != len(added) or not set(added) <= allowed:
        raise InvalidValueError(
            f"{field} after the first must be notes that fit the report, each once "
            f"({', '.join(sorted(code.value for code in allowed))}), got "
            f"{', '.join(code.value for code in added)}",
            field=field,
            rule="notes that fit the report, each once",
        )


def match_reasons(
    codes: tuple[ReasonCode, ...],
    reasons: tuple[str, ...],
    exclusion: ExclusionCode | None,
    name: str,
) -> None:
    """Refuse *codes* that are not one per reason, or that disagree with *exclusion*.

    An excluded contract has a code stating its exclusion (see
    :data:`STATES`); a counted one has no code stating any.
    """
    if len(codes) != len(reasons):
        raise InvalidValueError(
            f"{name}.codes must hold one ReasonCode per reason, in order: {len(reasons)} "
            f"reason(s), {len(codes)} code(s)",
            field=f"{name}.codes",
            rule="one code per reason",
        )
    stating = [STATES[code] for code in codes if code in STATES]
    stated = set(stating)
    if exclusion is None and stated:
        raise InvalidValueError(
            f"{name}.codes must state no exclusion for a counted contract; they state "
            f"{', '.join(sorted(code.value for code in stated))}",
            field=f"{name}.codes",
            rule="a code stating the exclusion exactly when excluded",
        )
    if exclusion is not None and stating != [exclusion]:
        raise InvalidValueError(
            f"{name}.codes must state the exclusion {exclusion.value} once, and no other: they "
            f"state {', '.join(code.value for code in stating) or 'none'}",
            field=f"{name}.codes",
            rule="a code stating the exclusion exactly when excluded",
        )
