"""One contract whose standing changed between two days: :class:`ChangeItem` (private).

Its own module (from :mod:`._explain`, which builds it), with the
:class:`ChangeKind` it is read as.
"""

from __future__ import annotations

from decimal import Decimal
from typing import (
    Any,  # noqa: F401  (the hints of attrs __init__ name converters' Any)
    cast,
)

import attrs

from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text
from upwork_safety._validate import id_field, member_field, member_text, plain_texts
from upwork_safety.errors import InvalidValueError
from upwork_safety.jss._exclusion import ExclusionCode, exclusion_of_text
from upwork_safety.jss._invariants import (
    decimal_field,
    disagree,
    optional_points_field,
    reasons_field,
)
from upwork_safety.jss._outcome import Outcome, outcome_of_text
from upwork_safety.jss._reason_codes import ReasonCode, codes_field, codes_of_text, match_reasons
from upwork_safety.jss._tallies import _weighed, excluded
from upwork_safety.kinds import StrEnum

__all__ = ["ChangeItem", "ChangeKind", "change_of"]


class ChangeKind(StrEnum):
    """How a contract's standing changed between two days (:attr:`ChangeItem.change`).

    Members equal their text, so ``item.change == "left"`` keeps working.
    """

    #: Counted now, not before.
    ENTERED = "entered"
    #: Counted before, not now (e.g. it left the window).
    LEFT = "left"
    #: Counted both times, differently.
    CHANGED = "changed"


def _change_kind(value: ChangeKind | str) -> ChangeKind:
    # A value that is not a member is left for member_field to refuse.
    return cast("ChangeKind", member_text(ChangeKind, value))


def change_of(before: Outcome, after: Outcome) -> ChangeKind | None:
    """The change from outcome *before* to *after*; ``None`` when excluded both times."""
    if before is Outcome.EXCLUDED:
        return None if after is Outcome.EXCLUDED else ChangeKind.ENTERED
    return ChangeKind.LEFT if after is Outcome.EXCLUDED else ChangeKind.CHANGED


@through_init
@attrs.frozen
class ChangeItem:
    """One contract whose standing changed between two dates.

    Attributes:
        contract_id: The contract.
        change: A :class:`ChangeKind`, read from the two outcomes: entered
            (excluded before, counted after), left (counted before,
            excluded after, e.g. it left the window) or changed (counted
            both times).  Text such as ``"left"`` is read as its member.
        before: Its outcome at the earlier date.
        after: Its outcome at the later date (not excluded both times: that
            is no change of standing).
        weight_before: Its weight at the earlier date (0 exactly when
            excluded, as for :class:`Impact`).
        weight_after: Its weight at the later date.
        points: How many percentage points (unrounded, to the hundredth) it
            moved the score, applied in :func:`explain_change`'s own order
            (leaving, then changed, then entering; by day, then id), never
            the list's; ``None`` when a step has no score to compare.
        reasons: Why it counts as it does at the later date (at least one).
        exclusion_before: Why it did not count at the earlier date, as the
            earlier report's :attr:`Impact.exclusion` says it: an
            :class:`ExclusionCode` exactly when *before* is ``EXCLUDED``.
        exclusion_after: The same at the later date (the code of a
            contract that left: ``"outside_windows"``, ``"no_feedback"``...).
        codes: What each reason says, a :class:`ReasonCode` per reason in
            order, as :attr:`Impact.codes`; a contract that left has
            exactly one stating *exclusion_after*.

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: A weight that does not fit its outcome, a
            *change* the outcomes do not give, points outside -100 to 100,
            no reasons, an exclusion code without the ``EXCLUDED`` outcome
            of its day (or that outcome without one), or *codes* not one
            per reason or stating another exclusion than *exclusion_after*.
    """

    contract_id: str = attrs.field(converter=plain_text, validator=id_field)
    change: ChangeKind = attrs.field(converter=_change_kind, validator=member_field(ChangeKind))
    before: Outcome = attrs.field(converter=outcome_of_text, validator=member_field(Outcome))
    after: Outcome = attrs.field(converter=outcome_of_text, validator=member_field(Outcome))
    weight_before: Decimal = attrs.field(validator=decimal_field)
    weight_after: Decimal = attrs.field(validator=decimal_field)
    points: Decimal | None = attrs.field(validator=optional_points_field)
    reasons: tuple[str, ...] = attrs.field(converter=plain_texts, validator=reasons_field)
    exclusion_before: ExclusionCode | None = attrs.field(
        default=None,
        converter=exclusion_of_text,
        validator=member_field(ExclusionCode, optional=True),
    )
    exclusion_after: ExclusionCode | None = attrs.field(
        default=None,
        converter=exclusion_of_text,
        validator=member_field(ExclusionCode, optional=True),
    )
    codes: tuple[ReasonCode, ...] = attrs.field(
        default=(), converter=codes_of_text, validator=codes_field
    )

    def __attrs_post_init__(self) -> None:
        _weighed(self.before, self.weight_before, "ChangeItem.weight_before")
        _weighed(self.after, self.weight_after, "ChangeItem.weight_after")
        expected = change_of(self.before, self.after)
        if expected is None:
            raise InvalidValueError(
                "ChangeItem.after: a contract excluded on both days did not change its "
                "standing, so it is no ChangeItem",
                field="ChangeItem.after",
                rule="counted on at least one of the days",
            )
        if self.change is not expected:
            raise disagree(
                "ChangeItem.change",
                self.change,
                "what the outcomes give (entered, left or changed)",
                expected,
            )
        excluded(self.before, self.exclusion_before, "ChangeItem.exclusion_before")
        excluded(self.after, self.exclusion_after, "ChangeItem.exclusion_after")
        match_reasons(self.codes, self.reasons, self.exclusion_after, "ChangeItem")
