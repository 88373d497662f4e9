"""What a score is made of: each contract's :class:`Impact` and each window's :class:`WindowScore`.

Both are frozen, checked by their constructors (and so when unpickled, copied
or read by :func:`upwork_safety.serialize.from_dict`), and pickle compactly
through their constructors, like every value :mod:`upwork_safety.jss._reports`
builds reports from.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any  # noqa: F401  (the hints of attrs __init__ name converters' Any)

import attrs

from upwork_safety._decimals import CONTEXT
from upwork_safety._moments import optional_date_field, optional_to_date
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_int, plain_text
from upwork_safety._validate import bool_field, count_field, id_field, member_field, plain_texts
from upwork_safety.errors import InvalidValueError
from upwork_safety.jss._exclusion import ExclusionCode, exclusion_of_text
from upwork_safety.jss._invariants import (
    decimal_field,
    disagree,
    optional_percent_field,
    optional_points_field,
    reasons_field,
)
from upwork_safety.jss._outcome import Outcome, outcome_of_text
from upwork_safety.jss._points import check_sign
from upwork_safety.jss._reason_codes import ReasonCode, codes_field, codes_of_text, match_reasons
from upwork_safety.rules import _MAX_MONTHS

__all__ = ["MAX_WINDOW_MONTHS", "Impact", "WindowScore"]

# Documented where upwork_safety.jss re-binds it.
MAX_WINDOW_MONTHS: int = _MAX_MONTHS

_ZERO = Decimal(0)
_HALF_HUNDREDTH = Decimal("0.005")
_HUNDRED = Decimal(100)


def _weighed(outcome: Outcome, weight: Decimal, name: str) -> None:
    """Refuse a *weight* that does not fit *outcome*: 0 exactly when the contract is excluded.

    Every counted contract weighs something (each weight tier, the unpaid
    weight and the cap of :class:`~upwork_safety.jss.JSSRules` are positive).
    """
    if outcome is Outcome.EXCLUDED:
        if weight:
            raise InvalidValueError(
                f"{name} of an excluded contract must be 0, got {weight}",
                field=name,
                rule="0 when excluded",
            )
    elif not weight:
        raise InvalidValueError(
            f"{name} of a counted ({outcome.value}) contract must be more than 0",
            field=name,
            rule="more than 0 when counted",
        )


def excluded(outcome: Outcome, exclusion: ExclusionCode | None, name: str) -> None:
    """Refuse an *exclusion* (the field *name*) unless *outcome* is ``EXCLUDED``; need one if so."""
    if (exclusion is None) is (outcome is Outcome.EXCLUDED):
        raise InvalidValueError(
            f"{name} must be an ExclusionCode exactly when the outcome is "
            f"excluded; the outcome is {outcome.value} and the exclusion "
            f"{'None' if exclusion is None else exclusion.value}",
            field=name,
            rule="an ExclusionCode exactly when excluded",
        )


@through_init
@attrs.frozen
class Impact:
    """How one contract counts, and why.

    Attributes:
        contract_id: The contract's id.
        client_id: Its client's id.
        outcome: The :class:`Outcome`.
        weight: How many jobs it counts as: more than ``0`` when counted,
            ``0`` when excluded.
        reasons: Every decision that led to *outcome* and *weight*, in words
            (at least one); in a report whose score comes from a shorter
            window or the trending pair, the last one says when the
            contract is outside it (or, for the pair, in its longer window
            only).
        points: Its percentage points of the score shown, to the hundredth,
            in a :class:`JSSReport` with a score: the points of its
            contracts add up to the unrounded percent the score is rounded
            from (see :attr:`JSSReport.impacts`).  A success in the window
            shown adds ``100 × weight / total``; a neutral outcome
            *neutral_credit* of that; a failure nothing under the share
            formula (it weighs in the total, which is how it costs points)
            and takes as much away under the net formula.  ``0`` when it is
            excluded or outside the window shown; half its share in each
            window of the trending pair.  Under the net formula a window
            whose failures outweigh its successes is floored at 0 (a score
            is never below 0): its percent is 0, and so every contract's
            points from it are 0, the successes' too (``+25`` and three
            times ``-25`` would add up to -50, not to the 0 shown).  Each
            exact share is rounded down or up to the hundredth, so that
            they add up exactly: each is rounded down, and the hundredths
            still missing go to the largest remainders first, equal
            remainders to the smaller contract id (in ``str`` order, code
            point by code point), so the points never depend on the order
            the contracts are given in.  A report refuses points that no
            window of its score shown gives the contract's outcome and
            weight (a success's are never negative, a failure's never
            positive).
            ``None`` without a score, and from
            :func:`~upwork_safety.jss.classify`, which judges a contract
            alone.
        exclusion: Why it does not count, as a stable
            :class:`ExclusionCode` (text such as ``"no_feedback"`` is read
            as its member): set exactly when *outcome* is ``EXCLUDED``,
            ``None`` when it counts.  The judge chooses it in the branch
            that writes the matching sentence in *reasons*, so a program
            reads the code (to group, count or translate) and never the
            words, which may change between versions.
        codes: What each reason says, as a stable :class:`ReasonCode`: one
            per reason, in order (``codes[i]`` is the code of
            ``reasons[i]``; text such as ``"stars_strong"`` is read as its
            member).  The judge writes each sentence and its code in the
            same statement.  An excluded contract has exactly one code that
            states why (its :attr:`ReasonCode.states` is *exclusion*); a
            counted contract has none.
        leaves_on: The first day a counted contract that has ended is
            outside the longest window (so outside every window): the day
            after its end moved forward that many calendar months, the last
            day being said in its ``counts_until`` reason.  From that day it
            counts toward no score (under weekly or fortnightly snapshots, the
            first snapshot on or after it is the first score without it).
            ``None`` for an excluded contract, an open one (it counts while
            open) and one that would leave after 9990-12-31, the last day
            the library supports (it has no ``counts_until`` reason either).  In a
            :class:`JSSReport`, after its :attr:`~JSSReport.computed_on` and
            no later than a contract ending that day would leave.

    Raises:
        InvalidTypeError: A field of the wrong type (*weight* is a ``Decimal``).
        InvalidValueError: An empty id, no reasons, or a weight that is
            negative, beyond :data:`~upwork_safety.money.MAX_DIGITS` digits
            either side of the point, or does not fit the outcome; points
            outside -100 to 100, not to the hundredth, or of a sign the
            outcome cannot give (a success's negative, a failure's
            positive, an excluded contract's not 0); an *exclusion*
            without the ``EXCLUDED`` outcome, or that outcome without one;
            *codes* not one per reason, or stating another exclusion than
            *exclusion* (or any, for a counted contract); *leaves_on* for
            an excluded contract, or without a ``counts_until`` reason, or
            such a reason without it.
    """

    contract_id: str = attrs.field(converter=plain_text, validator=id_field)
    client_id: str = attrs.field(converter=plain_text, validator=id_field)
    outcome: Outcome = attrs.field(converter=outcome_of_text, validator=member_field(Outcome))
    weight: Decimal = attrs.field(validator=decimal_field)
    reasons: tuple[str, ...] = attrs.field(converter=plain_texts, validator=reasons_field)
    points: Decimal | None = attrs.field(default=None, validator=optional_points_field)
    exclusion: ExclusionCode | None = attrs.field(
        default=None,
        converter=exclusion_of_text,
        validator=member_field(ExclusionCode, optional=True),
    )
    codes: tuple[ReasonCode, ...] = attrs.field(
        default=(), converter=codes_of_text, validator=codes_field
    )
    leaves_on: date | None = attrs.field(
        default=None, converter=optional_to_date, validator=optional_date_field
    )

    def __attrs_post_init__(self) -> None:
        _weighed(self.outcome, self.weight, "Impact.weight")
        if self.leaves_on is not None and self.outcome is Outcome.EXCLUDED:
            raise InvalidValueError(
                f"Impact.leaves_on ({self.leaves_on}) must be None for an excluded contract: "
                "only a counted contract leaves the window",
                field="Impact.leaves_on",
                rule="None when excluded",
            )
        excluded(self.outcome, self.exclusion, "Impact.exclusion")
        match_reasons(self.codes, self.reasons, self.exclusion, "Impact")
        # The day and the reason saying it come together (diff review r42, 3).
        if (self.leaves_on is not None) != (ReasonCode.COUNTS_UNTIL in self.codes):
            raise InvalidValueError(
                f"Impact.leaves_on ({self.leaves_on}) must be given exactly when a reason "
                "says the last day the contract counts (code counts_until)",
                field="Impact.leaves_on",
                rule="with its counts_until reason",
            )
        check_sign(self.outcome, self.points, "Impact.points")  # red team r23 L1


@through_init
@attrs.frozen
class WindowScore:
    """The tallies of one rolling window.

    Attributes:
        months: The window's length, 1 to :data:`MAX_WINDOW_MONTHS`.
        contracts: Counted contracts inside it (at most
            :data:`~upwork_safety.money.MAX_DIGITS` digits, like every count
            in a result).
        clients: Their distinct clients (at least one when there are
            contracts, never more than the contracts).
        successes: The summed weight of positive outcomes.
        negatives: The summed weight of negative outcomes.
        total: The summed weight of every counted outcome:
            ``successes + negatives + neutrals``, more than 0 exactly when
            there are contracts.
        percent: The window's unrounded score in percent (to the hundredth),
            or ``None`` when it has no outcomes or too few clients.  Under
            either formula and any neutral credit it lies between
            ``100 × (successes − negatives) / total`` and
            ``100 × (successes + neutrals) / total`` (give or take the half
            hundredth it is rounded by).
        shown: Whether it competes for the displayed score (eligibility-only
            and trending-only windows do not on their own).
        neutrals: The summed weight of neutral outcomes (they earn
            :attr:`~upwork_safety.jss.JSSRules.neutral_credit` of a success).

    Raises:
        InvalidTypeError: A field of the wrong type (the sums are ``Decimal``).
        InvalidValueError: A count or sum out of range (a sum, as every
            amount, has at most :data:`~upwork_safety.money.MAX_DIGITS`
            digits either side of the point, so the sums add up exactly),
            sums that do not add up, or a percent the tallies cannot give.
    """

    months: int = attrs.field(converter=plain_int, validator=count_field(1, MAX_WINDOW_MONTHS))
    contracts: int = attrs.field(converter=plain_int, validator=count_field())
    clients: int = attrs.field(converter=plain_int, validator=count_field())
    successes: Decimal = attrs.field(validator=decimal_field)
    negatives: Decimal = attrs.field(validator=decimal_field)
    total: Decimal = attrs.field(validator=decimal_field)
    percent: Decimal | None = attrs.field(validator=optional_percent_field)
    shown: bool = attrs.field(validator=bool_field)
    neutrals: Decimal = attrs.field(default=_ZERO, validator=decimal_field)

    def __attrs_post_init__(self) -> None:
        contracts = self.contracts
        if self.clients > contracts or (contracts > 0) is not (self.clients > 0):
            raise InvalidValueError(
                f"WindowScore.clients must be from 1 to contracts ({contracts}) when the window "
                f"has contracts, 0 when it has none; got {self.clients}",
                field="WindowScore.clients",
                rule="1 to contracts, 0 without contracts",
            )
        parts = CONTEXT.add(CONTEXT.add(self.successes, self.negatives), self.neutrals)
        if parts != self.total:
            raise disagree(
                "WindowScore.total", self.total, "successes + negatives + neutrals", parts
            )
        if (contracts > 0) is not (self.total > 0):
            raise InvalidValueError(
                f"WindowScore.total must be more than 0 exactly when the window has contracts "
                f"({contracts}), got {self.total}",
                field="WindowScore.total",
                rule="more than 0 exactly when there are contracts",
            )
        if self.percent is not None:
            self._check_percent(self.percent)

    def _check_percent(self, percent: Decimal) -> None:
        total, times = self.total, CONTEXT.multiply
        low = times(_HUNDRED, CONTEXT.subtract(self.successes, self.negatives))
        high = times(_HUNDRED, CONTEXT.add(self.successes, self.neutrals))
        if not total or (
            times(CONTEXT.add(percent, _HALF_HUNDREDTH), total) < low
            or times(CONTEXT.subtract(percent, _HALF_HUNDREDTH), total) > high
        ):
            raise InvalidValueError(
                f"WindowScore.percent ({percent}) must lie between 100 × (successes − "
                "negatives) / total and 100 × (successes + neutrals) / total, or be None "
                "without outcomes",
                field="WindowScore.percent",
                rule="within what the tallies give",
            )
