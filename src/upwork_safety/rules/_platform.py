"""Dated platform rules: the timings and limits of escrow, disputes and hourly work (private).

Upwork revises its Help Center in place, so every number lives here, in a
frozen, dated :class:`PlatformRules`, never as a bare constant inside an
engine.  Each field records its source (Upwork Help Center article numbers,
"HC …"; Community posts, "COMM …") and whether the figure is *unconfirmed*.

Engines take ``rules=`` and default to :func:`as_of` for the date in
question.  For a what-if, evolve a rule set::

    >>> import attrs
    >>> from datetime import timedelta
    >>> from upwork_safety import rules
    >>> slow_client = attrs.evolve(rules.CURRENT, review_period=timedelta(days=21))
    >>> slow_client.review_period.days
    21
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import attrs

from upwork_safety._calendar import closes_after
from upwork_safety._display import shown, type_name
from upwork_safety._moments import settle_date
from upwork_safety._pickling import through_init
from upwork_safety._scales import ACTIVITY_SCALE
from upwork_safety._text import long_text
from upwork_safety._validate import finer_error, refuse_subclass, text_value
from upwork_safety.errors import InvalidTypeError, RulesError
from upwork_safety.money import Money
from upwork_safety.rules._history import RuleHistory, rule_set_kind
from upwork_safety.rules._provenance import RuleSource
from upwork_safety.rules._provenance import rule as _rule

__all__ = [
    "BEFORE_STREAMLINED_DISPUTES",
    "CURRENT",
    "HISTORY",
    "STREAMLINED_DISPUTES",
    "PlatformRules",
    "as_of",
]


#: The longest duration a rule may have.  Every platform period is days or
#: weeks; the engines add several of them to moments up to the last
#: supported day (9990-12-31), so a longer one is refused here rather than
#: overflowing Python's calendar later.
_MAX_DURATION = timedelta(days=366)


#: The Work Diary's grid is counted in minutes: a billing segment is a whole
#: number of them (Upwork's is 10, HC 211068518).
_SEGMENT_UNIT = timedelta(minutes=1)
_SEGMENT_UNIT_RULE = "a whole number of minutes, at least one"


def _days(n: int) -> timedelta:
    return timedelta(days=n)


#: The day of Upwork's streamlined fixed-price dispute process: its announcement
#: gives the dispute timings from this day, so a rule set in force before it lists
#: them as unconfirmed (``published=``, :func:`~upwork_safety.rules.sources`).
_STREAMLINED_DAY = date(2023, 12, 5)


# --- Hourly weekly payments: percent of the weekly amount by UTC weekday ----------
#: Monday first.  HC 211067938: "When the contract begins, we invoice a
#: percentage of the total weekly amount based on the day the contract began".
_WEEKLY_PAYMENT_START_PERCENT = (100, 80, 60, 40, 20, 20, 20)
#: The end-of-contract table of HC 211067938 is cut off in every copy the
#: library's authors could read; this mirror of the start table is an assumption.
_WEEKLY_PAYMENT_END_PERCENT = (20, 40, 60, 80, 100, 100, 100)


def _check_weekday_percent(_instance: object, attribute: Any, value: Any) -> None:
    name = f"PlatformRules.{attribute.name}"
    if type(value) is not tuple or len(value) != 7:
        raise InvalidTypeError(
            f"{name} must be a tuple of 7 whole percentages, Monday first, not {shown(value)}",
            field=name,
            rule="7 percentages, Monday first",
        )
    for percent in value:
        if type(percent) is not int:
            raise InvalidTypeError(
                f"{name} holds whole percentages such as 80, not {shown(percent)}",
                field=name,
                rule="whole percentages",
            )
        if not 0 <= percent <= 100:
            raise RulesError(
                f"{name} holds percentages of the weekly amount from 0 to 100, "
                f"got {shown(percent)}",
                field=name,
                rule="0 to 100",
            )


@rule_set_kind
@through_init
@attrs.frozen(kw_only=True)
class PlatformRules:
    """Every timing and limit of DOMAIN.md sections 1–3, as in force from *effective*.

    All durations are ``timedelta`` and all platform clocks are UTC.  Use
    :func:`sources` to list each field with its source.

    Raises:
        InvalidTypeError: A field of another type than the preset's.
        RulesError: A duration that is not positive or is longer than
            366 days, a minimum milestone
            that is not, an activity threshold off the 0–10 scale, or
            hourly timings that do not fit together: ``hourly_segment``
            must be a whole number of minutes (at least one, so a week has
            at most 10,080 segments) that divides a week,
            ``hourly_partial_segment_minimum`` be at
            most one segment, and invoice <= end of the dispute window, and
            the window closed (the whole of its last second, one second
            after ``hourly_review_window``) when the pay becomes available
            (``hourly_invoice_delay <= hourly_review_window`` and
            ``hourly_review_window + 1 s <= hourly_available_delay``).
    """

    #: First day these rules apply.
    effective: date = attrs.field()
    #: A short human name for this rule set.
    # No converter: pyright cannot match a converted field to RuleHistory's protocol,
    # so __attrs_post_init__ refuses a str subclass instead of storing it plain.
    name: str = attrs.field()

    # --- Fixed price and escrow (DOMAIN.md section 1) ------------------
    #: Smallest amount a milestone may have, in US dollars (Upwork's contract
    #: currency); a milestone in another currency is not held to it, as no
    #: exchange rate is known.
    minimum_milestone: Money = _rule(
        Money("5.00", "USD"), "HC 360000990268", "minimum milestone amount"
    )
    #: Only one milestone may be funded (active) at a time per contract, and
    #: the others wait unfunded, in the contract's order (off: several at
    #: once, in any order).
    one_active_milestone: bool = _rule(
        True,
        "HC 360000990268",
        "only one milestone funded/active at a time; later ones wait unfunded",
    )
    #: How long the client has to review submitted work; silence releases the escrow.
    review_period: timedelta = _rule(
        _days(14),
        "HC 211068218, HC 360000990348, HC 40525949818387",
        "client review period after submission (UTC); silence = approval",
    )
    #: Released money is *Pending* this long, then *Available*.
    security_period: timedelta = _rule(
        _days(5), "HC 211060918", "security period: pending before available"
    )
    #: The freelancer's time to accept or dispute an escrow refund request.
    refund_response_window: timedelta = _rule(
        _days(7), "HC 211062058", "answer an escrow refund request; silence = refund"
    )
    #: How long after a payment the freelancer may still refund it.
    refund_after_payment_window: timedelta = _rule(
        _days(180), "HC section 360002670934", "freelancer may refund paid money"
    )
    #: Escrow untouched this long triggers the first dormancy notice.
    dormancy_period: timedelta = _rule(
        _days(76), "HC 'Contracts Gone Dormant' (14380530158482)", "escrow untouched"
    )
    #: Time between the first (2-week) dormancy notice and the final one.
    dormancy_first_notice: timedelta = _rule(
        _days(14), "HC 'Contracts Gone Dormant' (14380530158482)", "2-week notice"
    )
    #: Time between the final (1-week) notice and the automatic refund request.
    dormancy_final_notice: timedelta = _rule(
        _days(7), "HC 'Contracts Gone Dormant' (14380530158482)", "1-week notice"
    )

    # --- Disputes (DOMAIN.md section 2) --------------------------------
    #: The freelancer files a dispute within this long after the contract ends.
    dispute_filing_window: timedelta = _rule(
        _days(7),
        "COMM 'Streamlined dispute experience for fixed-price contracts'",
        "file a dispute after the contract ends or a refund request",
        published=_STREAMLINED_DAY,
    )
    #: The client's time to answer a dispute; silence sends the funds to the freelancer.
    #: Counted in business days when :attr:`client_response_business_days`.
    client_dispute_response: timedelta = _rule(
        _days(5),
        "COMM (2023-12-05); HC 211062068",
        "client silence = funds to freelancer",
        published=_STREAMLINED_DAY,
    )
    #: Whether :attr:`client_dispute_response` counts business days: the earliest
    #: moment with that many days of Monday-to-Friday time (UTC; holidays are not
    #: skipped) since the filing, so 5 days from a Friday 15:00 end the next
    #: Friday 15:00; a filing on a Saturday or Sunday counts from Monday 00:00
    #: UTC, so its 5 days end at the next Saturday 00:00 (the end of Friday), as
    #: do those of a filing at exactly Monday 00:00.
    client_response_business_days: bool = _rule(
        True,
        "HC 211062068 ('respond within 5 business days')",
        "Monday-Friday; the UTC weekend is assumed (the HC names no time zone)",
        unconfirmed=True,
    )
    #: Whether the freelancer may dispute on an active contract escrow the client
    #: does not release (no review clock runs: work delivered outside "Submit
    #: work", changes requested, or a partial approval's remainder held or carried
    #: to a later milestone), through Support.
    dispute_on_active_contract: bool = _rule(
        True,
        "HC 211068528, HC 211062068",
        "client refuses to release, or releases part and carries the rest on",
    )
    #: The mediator's time to propose a resolution.
    mediation_proposal: timedelta = _rule(
        _days(2), "COMM (2023-12-05)", "mediator proposes a resolution", published=_STREAMLINED_DAY
    )
    #: Both parties' time to accept the mediator's proposal.
    mediation_acceptance: timedelta = _rule(
        _days(2), "COMM (2023-12-05)", "both parties accept or decline", published=_STREAMLINED_DAY
    )
    #: Time to opt in to arbitration and pay its fee, from the end of mediation
    #: (the client's answer + :attr:`mediation_proposal` + :attr:`mediation_acceptance`).
    arbitration_opt_in: timedelta = _rule(
        _days(7),
        "HC 14044146250259",
        "both decline = funds to client; only one pays = funds to the payer",
    )
    #: Arbitration fee each party pays.
    arbitration_fee: Money = _rule(
        Money("291.00", "USD"),
        "COMM threads 2017–2021",
        "historic figure; check the current fee before relying on it",
        unconfirmed=True,
    )

    # --- Hourly (DOMAIN.md section 3; all offsets from the end of the billing week,
    # --- i.e. the Monday 00:00 UTC that follows it) ----------------------
    #: Time is billed in segments of this length.
    hourly_segment: timedelta = _rule(timedelta(minutes=10), "HC 211068518", "10-minute segments")
    #: A partly logged 10-minute slot of the Work Diary bills as one whole segment
    #: when at least this much of it is logged, else not at all.
    hourly_partial_segment_minimum: timedelta = _rule(
        timedelta(minutes=5),
        "HC 211068518 (rounding rule not published)",
        "modelling assumption: a partial slot rounds to the nearest whole segment",
        unconfirmed=True,
    )
    #: The client is invoiced (and Work Diary edits close) this long after the week.
    hourly_invoice_delay: timedelta = _rule(
        timedelta(hours=12),
        "HC 211063698, HC 211068518",
        "Monday 12:00 UTC after the week",
    )
    #: The client's review/dispute window closes this long after the week.
    hourly_review_window: timedelta = _rule(
        timedelta(days=4, hours=23, minutes=59, seconds=59),
        "HC 211062158",
        "Monday 12:00 → Friday 23:59:59 UTC after the week",
    )
    #: Hourly pay becomes available this long after the week (Wednesday, 10 days
    #: after the week's last day).
    hourly_available_delay: timedelta = _rule(
        _days(9), "HC 211063698", "Wednesday 10 days after the week ends"
    )
    #: Top Rated freelancers' hourly pay invoiced on or after this date skips the
    #: hold: the invoice day (Monday after the week) decides, not the week's days.
    top_rated_skip_hold_since: date = _rule(
        date(2020, 5, 4),
        "HC 360047676133",
        "Top Rated: available right after the review window",
    )
    #: Lowest per-segment activity (0–10, the Work Diary scale) that counts as
    #: adequate for Hourly Protection.
    hourly_minimum_activity: int = _rule(
        1,
        "HC 211068288 (threshold not published)",
        "modelling assumption: any recorded activity counts",
        unconfirmed=True,
    )
    #: The freelancer's time to answer client-disputed hours.
    hourly_dispute_response: timedelta = _rule(
        _days(3),
        "HC 211068588",
        "calendar days assumed (current HC text); an older HC text said business days",
        unconfirmed=True,
    )
    # --- Hourly: fixed weekly payments (bonuses reuse security_period: HC 211067938
    # --- says they are "subject to the same five-day security period") --------
    #: Percent of the weekly payment invoiced for the week the contract starts,
    #: by the UTC weekday it starts, Monday first.
    weekly_payment_start_percent: tuple[int, ...] = _rule(
        _WEEKLY_PAYMENT_START_PERCENT,
        "HC 211067938",
        "weekly payment, first week: starts Mon 100% … Thu 40%, Fri–Sun 20%",
        validator=_check_weekday_percent,
    )
    #: Percent of the weekly payment invoiced for the week the contract ends,
    #: by the UTC weekday it ends, Monday first.
    weekly_payment_end_percent: tuple[int, ...] = _rule(
        _WEEKLY_PAYMENT_END_PERCENT,
        "HC 211067938 (end table cut off)",
        "modelling assumption, mirror of the start table",
        unconfirmed=True,
        validator=_check_weekday_percent,
    )

    def __attrs_post_init__(self) -> None:
        settle_date(self, "effective", "PlatformRules.effective")
        refuse_subclass(self.name, str, "PlatformRules.name")
        long_text(text_value(self.name, "PlatformRules.name"), "PlatformRules.name")
        for field in attrs.fields(type(self)):
            if "rule" not in field.metadata:
                continue
            name = f"PlatformRules.{field.name}"
            value = getattr(self, field.name)
            kind = type(field.default)
            # Read by type: the converter stores a subclass of str, int, timedelta,
            # date or Money as the plain value, so what is left is not one (a bool
            # is not a count, a datetime not a date), or is a timedelta holding more
            # than one can: its nanoseconds are refused as such (red team r22 L2).
            if kind is timedelta and type(value) is not kind and issubclass(type(value), kind):
                raise finer_error(value, kind, name, error=RulesError)
            if type(value) is not kind:
                article = "an" if kind.__name__[:1] in "aeiou" else "a"
                raise InvalidTypeError(
                    f"{name} must be {article} {kind.__name__} like the preset's "
                    f"{field.default!r}, not {type_name(value)} {shown(value)}",
                    field=name,
                    rule=f"a {kind.__name__}",
                )
            if isinstance(value, Money) and (
                value.amount <= 0 or value.currency != field.default.currency
            ):
                # A zero, negative or foreign-currency amount would quietly switch a
                # check off (an arbitration fee below every milestone, say).
                raise RulesError(
                    f"{name} must be a positive amount in {field.default.currency}, got {value}",
                    field=name,
                    rule=f"positive, in {field.default.currency}",
                )
            if isinstance(value, Money) and not value.is_rounded():
                # A fee or minimum Upwork charges is in cents, like every amount it moves.
                raise RulesError(
                    f"{name} must be whole {value.currency} cents, got {value}",
                    field=name,
                    rule="whole minor units",
                )
            if isinstance(value, timedelta) and not timedelta(0) < value <= _MAX_DURATION:
                raise RulesError(
                    f"{name} must be a positive duration of at most {_MAX_DURATION.days} days, "
                    f"got {value}",
                    field=name,
                    rule=f"a positive duration of at most {_MAX_DURATION.days} days",
                )
        lowest, highest = ACTIVITY_SCALE
        if not lowest <= self.hourly_minimum_activity <= highest:
            raise RulesError(
                f"PlatformRules.hourly_minimum_activity must be on the {lowest}–{highest} scale",
                field="PlatformRules.hourly_minimum_activity",
                rule=f"{lowest} to {highest}",
            )
        self._check_hourly()
        self._check_dormancy()

    @property
    def dormancy_course(self) -> timedelta:
        """How long escrow must sit untouched before dormancy closes its contract.

        The dormancy period plus both notices (``dormancy_period +
        dormancy_first_notice + dormancy_final_notice``): 76 + 14 + 7 = 97
        days under the published rules.  The review period must be shorter
        (the constructor's rule)::

            >>> from upwork_safety import rules
            >>> rules.CURRENT.dormancy_course.days
            97
        """
        return self.dormancy_period + self.dormancy_first_notice + self.dormancy_final_notice

    def _check_dormancy(self) -> None:
        """A review period runs out before dormancy could close its contract.

        Submitting starts the review period and is a step that restarts the
        dormancy clock, so with the review shorter than the whole dormancy
        (period and both notices) work in review is always released first, as
        Upwork's timings have it: dormancy never closes a contract on work in
        review, which would leave escrow in review on an ended contract.
        """
        dormant = self.dormancy_course
        if self.review_period >= dormant:
            raise RulesError(
                f"PlatformRules.review_period ({self.review_period.days} days) must be shorter "
                f"than dormancy's whole course ({dormant.days} days: the period and both "
                "notices), or dormancy could close a contract on work still in review",
                field="PlatformRules.review_period",
                rule="shorter than dormancy_period + both notices",
            )

    def _check_hourly(self) -> None:
        """The hourly timings fit together: segments on a week's grid, steps in order."""
        segment = self.hourly_segment
        if segment % _SEGMENT_UNIT:
            # invoice() walks a week slot by slot: whole minutes keep a week to at
            # most 10,080 slots (a microsecond segment would be 6e11 of them).
            raise RulesError(
                f"PlatformRules.hourly_segment must be a whole number of minutes "
                f"(at least {_SEGMENT_UNIT}), got {segment}",
                field="PlatformRules.hourly_segment",
                rule=_SEGMENT_UNIT_RULE,
            )
        if timedelta(weeks=1) % segment:
            raise RulesError(
                f"PlatformRules.hourly_segment ({segment}) must divide a week evenly "
                "so segments sit on the Work Diary's grid",
                field="PlatformRules.hourly_segment",
                rule="divides a week evenly",
            )
        if self.hourly_partial_segment_minimum > segment:
            raise RulesError(
                "PlatformRules.hourly_partial_segment_minimum must be at most "
                f"hourly_segment ({segment}), got {self.hourly_partial_segment_minimum}",
                field="PlatformRules.hourly_partial_segment_minimum",
                rule="at most hourly_segment",
            )
        if not self.hourly_invoice_delay <= self.hourly_review_window:
            raise RulesError(
                "PlatformRules.hourly_review_window must not end before the invoice "
                f"(hourly_invoice_delay {self.hourly_invoice_delay}), got "
                f"{self.hourly_review_window}",
                field="PlatformRules.hourly_review_window",
                rule="invoice <= end of dispute window",
            )
        if not closes_after(self.hourly_review_window) <= self.hourly_available_delay:
            raise RulesError(
                "PlatformRules.hourly_available_delay must not come before the dispute window "
                f"closes (the second after hourly_review_window {self.hourly_review_window}), "
                f"got {self.hourly_available_delay}",
                field="PlatformRules.hourly_available_delay",
                rule="dispute window closes <= available",
            )


def _available_after(paid_at: datetime, rules: PlatformRules) -> datetime:
    """When money paid out at *paid_at* leaves *rules*' security period and becomes available.

    The one reading of :attr:`PlatformRules.security_period` (HC 211060918):
    the period counted as elapsed time from the payment.  Which rule set
    applies is the caller's (the escrow engine's: those in force on the
    UTC day it was paid, or a what-if); every engine and check that says
    when paid money becomes available reads the period through here
    (re-exported, outside ``__all__``, as ``rules._available_after``).
    """
    return paid_at + rules.security_period


#: The rules since Upwork's streamlined fixed-price dispute process (2023-12-05).
STREAMLINED_DISPUTES = PlatformRules(
    effective=_STREAMLINED_DAY, name="streamlined disputes (2023-12-05)"
)

#: The rules before 2023-12-05.  The dispute timings of the older process are
#: not published in the library's sources; the same figures are used, and
#: :func:`~upwork_safety.rules.sources` lists them as unconfirmed in this set
#: (their fields' ``published`` day is after its ``effective``), as the docs
#: (escrow.md, rules.md) say.
BEFORE_STREAMLINED_DISPUTES = attrs.evolve(
    STREAMLINED_DISPUTES,
    effective=date.min,
    name="before the streamlined dispute process",
)

#: Every preset, oldest first.
HISTORY: RuleHistory[PlatformRules] = RuleHistory(
    "platform rules", (BEFORE_STREAMLINED_DISPUTES, STREAMLINED_DISPUTES)
)

#: The rules in force now (the newest preset).
CURRENT = HISTORY.current


def as_of(on: date | datetime) -> PlatformRules:
    """Return the platform rules in force on *on* (``HISTORY.in_force(on)``).

    Args:
        on: A date, or a timezone-aware datetime (its UTC date is used).

    Returns:
        The newest preset whose ``effective`` date is not after *on*.

    Raises:
        InvalidValueError: *on* is a naive datetime.
    """
    return HISTORY.in_force(on)


#: Each :class:`PlatformRules` field's :class:`RuleSource`, read once from the fields' metadata.
_SOURCES: dict[str, RuleSource] = {
    field.name: field.metadata["rule"]
    for field in attrs.fields(PlatformRules)
    if "rule" in field.metadata
}


def _rule_source(field: str) -> RuleSource:
    """The :class:`RuleSource` of the :class:`PlatformRules` field *field*, as its class gives it.

    Every preset cites it; whether a set in force before the figure's
    published day lists it as unconfirmed is :func:`~upwork_safety.rules.sources`'s to say.

    Private: the escrow reports and the findings cite it, through
    ``upwork_safety.rules`` (which re-exports it outside ``__all__``).
    """
    return _SOURCES[field]
