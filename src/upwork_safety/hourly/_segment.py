"""Billing segments and Hourly Protection: one 10-minute slot, and why it is unprotected (private).

A :class:`Segment` is one 10-minute slot of the Work Diary as Upwork
invoices it (HC 211068518); its :class:`UnprotectedReason` values say which
Hourly Protection rules it fails (HC 211068288).  :func:`invoice` builds them.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from typing import Any

import attrs

from upwork_safety._display import shown
from upwork_safety._moments import computed_utc_field, to_utc
from upwork_safety._pickling import through_init
from upwork_safety._plain import optional_plain_int, plain_duration, plain_text
from upwork_safety._render import html_table, plain
from upwork_safety._scales import ACTIVITY_SCALE
from upwork_safety._text import is_blank
from upwork_safety._validate import (
    as_tuple,
    bool_field,
    items_field,
    optional_whole_field,
    plain_ints,
    text_field,
)
from upwork_safety.errors import InvalidValueError
from upwork_safety.hourly._args import MICROSECOND as _MICROSECOND
from upwork_safety.hourly._args import duration_field
from upwork_safety.kinds import StrEnum

__all__ = [
    "REASONS_RULE",
    "SEGMENT_COLUMNS",
    "Segment",
    "UnprotectedReason",
    "memo_missing",
    "protection_reasons",
]


class UnprotectedReason(StrEnum):
    """Why Hourly Protection does not cover a segment (HC 211068288)."""

    #: Logged after the weekly limit was reached: not invoiced (HC 211063668).
    OVER_LIMIT = "over_limit"
    #: Manual time, not tracked by the desktop app.
    MANUAL = "manual"
    #: No memo says what the time was for.
    NO_MEMO = "no_memo"
    #: Activity not recorded, or below ``rules.hourly_minimum_activity``.
    LOW_ACTIVITY = "low_activity"
    #: The client has no verified billing method.
    CLIENT_UNVERIFIED = "client_unverified"

    @property
    def explanation(self) -> str:
        """The reason in words, with its source."""
        return _EXPLANATIONS[self]


_EXPLANATIONS = {
    UnprotectedReason.OVER_LIMIT: (
        "logged after the weekly limit was reached: not invoiced (HC 211063668)"
    ),
    UnprotectedReason.MANUAL: "manual time, not tracked by the desktop app (HC 211068288)",
    UnprotectedReason.NO_MEMO: "no memo describing the work (HC 211068288)",
    UnprotectedReason.LOW_ACTIVITY: (
        "activity not recorded or below the threshold (HC 211068288; the threshold "
        "is not published)"
    ),
    UnprotectedReason.CLIENT_UNVERIFIED: (
        "the client has no verified billing method (HC 211068288)"
    ),
}


# --- Field checks --------------------------------------------------------------


def protection_reasons(
    *,
    over_limit: bool,
    manual: bool,
    memo_missing: bool,
    activity: int | None,
    minimum_activity: int,
    client_verified: bool,
) -> tuple[UnprotectedReason, ...]:
    """Return why Hourly Protection does not cover a segment with these facts (HC 211068288).

    The one statement of the rule: :func:`invoice` derives every segment's
    reasons with it, and :class:`Segment` and :class:`WeeklyInvoice` check
    theirs against it.

    Args:
        over_limit: Whether the segment was logged after the weekly limit.
        manual: Whether any of its time is manual.
        memo_missing: Whether any of its time has no memo (a blank one, as
            :func:`memo_missing` reads it, counts as none).
        activity: Its lowest activity level, or ``None`` when any of its
            time recorded none.
        minimum_activity: ``rules.hourly_minimum_activity``.
        client_verified: Whether the client's billing method is verified.

    Returns:
        The reasons, each once, in the order :class:`UnprotectedReason`
        lists them; empty when the segment is protected.
    """
    failed = {
        UnprotectedReason.OVER_LIMIT: over_limit,
        UnprotectedReason.MANUAL: manual,
        UnprotectedReason.NO_MEMO: memo_missing,
        UnprotectedReason.LOW_ACTIVITY: activity is None or activity < minimum_activity,
        UnprotectedReason.CLIENT_UNVERIFIED: not client_verified,
    }
    return tuple(reason for reason in UnprotectedReason if failed[reason])


def memo_missing(memo: str, reasons: tuple[UnprotectedReason, ...]) -> bool:
    """Whether some time in a segment has no memo, as its *memo* and *reasons* say.

    A blank *memo* (the library's one rule, :func:`~upwork_safety._text.is_blank`:
    nothing that shows, so zero-width and other invisible characters count as
    none) means none of the segment's time has one.  A segment joins the
    memos of its entries, so one with a memo lacks one for part of its time
    exactly when it says so (``NO_MEMO`` among *reasons*).
    """
    return is_blank(memo) or UnprotectedReason.NO_MEMO in reasons


def _check_reasons(instance: Segment, attribute: Any, value: Any) -> None:
    items_field(UnprotectedReason)(instance, attribute, value)
    # The threshold and the client belong to the invoice (which checks them);
    # alone, a segment's reasons must be what some client and some threshold
    # on the activity scale give for its own facts.
    lowest, highest = ACTIVITY_SCALE
    expected = protection_reasons(
        over_limit=instance.over_limit,
        manual=instance.manual,
        memo_missing=memo_missing(instance.memo, value),
        activity=instance.activity,
        minimum_activity=highest if UnprotectedReason.LOW_ACTIVITY in value else lowest,
        client_verified=UnprotectedReason.CLIENT_UNVERIFIED not in value,
    )
    if value != expected:
        raise InvalidValueError(
            f"Segment.reasons must be {_shown(expected)} for a segment with over_limit="
            f"{instance.over_limit}, manual={instance.manual}, memo={shown(instance.memo)} and "
            f"activity={instance.activity}, got {_shown(value)} (each reason once, in "
            "UnprotectedReason's order; HC 211068288)",
            field="Segment.reasons",
            rule=REASONS_RULE,
        )


#: The rule a segment's reasons follow, in errors.
REASONS_RULE = "the reasons protection_reasons() gives for the segment's facts"


def _shown(reasons: tuple[UnprotectedReason, ...]) -> str:
    return "(" + ", ".join(reason.name for reason in reasons) + ")"


#: The rule of a segment's entries, in errors.
ENTRIES_RULE = "one or more distinct positions from 0, below sys.maxsize"


def _check_entries(instance: Segment, attribute: Any, value: Any) -> None:
    """What :func:`invoice` gives: the distinct positions of the entries logged in the slot.

    A billed slot has time logged, so at least one entry; each entry is
    listed once (a pause may split one); no Python sequence has a position
    of ``sys.maxsize`` or more; and entries do not overlap, so each adds at
    least a microsecond to *logged*.
    """
    items_field(int)(instance, attribute, value)
    problem = ""
    if not value:
        problem = "at least one entry: time was logged in the slot"
    elif any(type(i) is bool or not 0 <= i < sys.maxsize for i in value):
        problem = "positions in the Work Diary: whole numbers from 0, below sys.maxsize"
    elif len(set(value)) != len(value):
        problem = "each entry once"
    elif type(instance.logged) is timedelta and 0 < instance.logged // _MICROSECOND < len(value):
        # (A logged time of zero or less is refused for itself, in __attrs_post_init__.)
        problem = "no more entries than microseconds logged (entries do not overlap)"
    if problem:
        raise InvalidValueError(
            f"Segment.entries holds the positions, in the Work Diary given to invoice(), of the "
            f"entries logged in the slot: {problem}; got {shown(value)}",
            field="Segment.entries",
            rule=ENTRIES_RULE,
        )


SEGMENT_COLUMNS = (
    "start",
    "end",
    "logged",
    "manual",
    "memo",
    "activity",
    "billed",
    "protected",
    "reasons",
    "entries",
)


@through_init
@attrs.frozen
class Segment:
    """One 10-minute billing segment of the Work Diary, as invoiced (or not).

    Args:
        start: The slot's start (:func:`invoice` puts it on the Work Diary's
            UTC grid of ``rules.hourly_segment`` slots).
        end: The slot's end.
        logged: How much time was logged inside the slot (outside any pause);
            the segment bills whole whatever this is (see the module docs).
        manual: Whether any time in the slot was manual.
        memo: The memos of the entries in the slot, joined with ``" / "``.
        activity: The lowest activity level of the entries in the slot, or
            ``None`` when any of them recorded none.
        over_limit: Whether the slot was logged after the weekly limit was
            reached (not invoiced).
        reasons: Why Hourly Protection does not cover the segment; empty
            when it does.  Each reason once, in :class:`UnprotectedReason`'s
            order, and following the segment's own facts: ``OVER_LIMIT``
            exactly when *over_limit*, ``MANUAL`` exactly when *manual*,
            ``NO_MEMO`` whenever *memo* is blank (and, with a memo, when
            some of the slot's time had none), ``LOW_ACTIVITY`` whenever
            *activity* is ``None`` and never at the top of the scale (10).
            The invoice that holds the segment checks the rest against its
            client and rules: ``CLIENT_UNVERIFIED`` exactly when the client
            is unverified, ``LOW_ACTIVITY`` exactly when *activity* is
            ``None`` or below ``rules.hourly_minimum_activity``.
        entries: The positions, in the list given to :func:`invoice`, of
            the entries whose time falls in the slot (keyword only, required):
            at least one, each once, below ``sys.maxsize``, and no more of
            them than microseconds logged.

    Raises:
        InvalidValueError: *end* not after *start*, *logged* outside the
            slot's length, *reasons* inconsistent with the segment's
            facts (``field`` ``Segment.reasons``), or *entries* that
            :func:`invoice` cannot give (``field`` ``Segment.entries``).
        InvalidTypeError: A field has the wrong type.
    """

    start: datetime = attrs.field(converter=to_utc, validator=computed_utc_field)
    end: datetime = attrs.field(converter=to_utc, validator=computed_utc_field)
    logged: timedelta = attrs.field(converter=plain_duration, validator=duration_field)
    manual: bool = attrs.field(default=False, validator=bool_field)
    memo: str = attrs.field(converter=plain_text, default="", validator=text_field)
    activity: int | None = attrs.field(
        converter=optional_plain_int, default=None, validator=optional_whole_field(*ACTIVITY_SCALE)
    )
    over_limit: bool = attrs.field(default=False, validator=bool_field)
    reasons: tuple[UnprotectedReason, ...] = attrs.field(
        default=(), converter=as_tuple, validator=_check_reasons
    )
    entries: tuple[int, ...] = attrs.field(
        kw_only=True, converter=plain_ints, validator=_check_entries
    )

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidValueError(
                f"Segment.end ({self.end.isoformat()}) must be after "
                f"Segment.start ({self.start.isoformat()})",
                field="Segment.end",
                rule="after start",
            )
        if not timedelta(0) < self.logged <= self.end - self.start:
            raise InvalidValueError(
                f"Segment.logged must be more than zero and at most the segment's "
                f"length {self.end - self.start}, got {self.logged}",
                field="Segment.logged",
                rule="within the segment",
            )

    @property
    def length(self) -> timedelta:
        """The segment's length (what it bills), 10 minutes by default."""
        return self.end - self.start

    @property
    def billed(self) -> bool:
        """Whether the segment is invoiced (it is within the weekly limit)."""
        return not self.over_limit

    @property
    def protected(self) -> bool:
        """Whether Hourly Protection covers the segment."""
        return not self.reasons

    def to_record(self) -> dict[str, object]:
        """Return the segment as one flat dict, for a row of ``pandas.DataFrame``.

        ``logged`` is :attr:`logged` as its exact seconds, a ``Decimal``
        (``Decimal('600')`` is 10 minutes): not hours, which would be
        rounded (10 minutes is 1/6 hour) and would not add up.  Divide a sum
        by 3600 for hours.  ``reasons`` and ``entries`` are joined with
        ``", "``.
        """
        return {
            "start": self.start,
            "end": self.end,
            "logged": plain(self.logged),
            "manual": self.manual,
            "memo": self.memo,
            "activity": self.activity,
            "billed": self.billed,
            "protected": self.protected,
            "reasons": ", ".join(reason.value for reason in self.reasons),
            "entries": ", ".join(str(index) for index in self.entries),
        }

    def to_records(self) -> list[dict[str, object]]:
        """Return ``[self.to_record()]``, for a one-row DataFrame."""
        return [self.to_record()]

    def _repr_html_(self) -> str:
        return html_table(self.to_records(), caption="Billing segment")
