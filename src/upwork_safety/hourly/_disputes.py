"""Client-disputed hours: the deadline to answer, and what silence costs (private).

A client may dispute a week's hours from Monday 12:00 to Friday 23:59:59 UTC
after the week (HC 211062158).  The freelancer then has 3 days to accept or
decline (HC 211068588); whether those are calendar or business days is
*unconfirmed* (the current article reads as calendar days, an older one said
business days), so :func:`dispute_response` gives both readings.  Business
days come from the library's one business-day helper (Monday–Friday UTC,
holidays not skipped).
"""

from __future__ import annotations

from datetime import datetime

import attrs

from upwork_safety._amount_fields import optional_cents_field
from upwork_safety._calendar import add_business_span, closes_after
from upwork_safety._moments import UTC, computed_utc_field, to_utc, utc_field, utc_instant
from upwork_safety._pickling import through_init
from upwork_safety._render import html_table, plain
from upwork_safety.errors import CurrencyMismatchError, InvalidTypeError, InvalidValueError
from upwork_safety.hourly._args import rules_differ, week_rules
from upwork_safety.hourly._invoice import WeeklyInvoice
from upwork_safety.hourly._week import PayoutCalendar, billing_week, payout_calendar
from upwork_safety.money import Money, optional_plain_money
from upwork_safety.rules import HISTORY, PlatformRules, RuleHistory, _given_rules

__all__ = ["HoursDispute", "dispute_response"]


@through_init
@attrs.frozen
class HoursDispute:
    """A client's dispute of invoiced hours: the deadline to answer and what silence costs.

    Built by :func:`dispute_response`.  While the dispute is open Upwork
    pauses the contract and sets its weekly limit to zero (HC 211068588); pass
    that span as a :class:`Pause` to :func:`invoice` and :func:`weekly_payment`.

    The moments are the ones the rules in force give (the builder function
    computes them); the constructor checks their order, not their values, so
    a what-if rule set can move them.

    Args:
        opened_at: When the client opened the dispute (UTC).
        respond_by: The deadline to accept or decline: ``opened_at`` plus
            ``rules.hourly_dispute_response`` (3 days, read as calendar days,
            as the current HC 211068588 says).
        respond_by_if_business_days: The same 3 days read as business days
            (Monday–Friday UTC, holidays ignored), as an older version of
            HC 211068588 said: the earliest moment with 3 × 24 hours of
            Monday–Friday time since *opened_at*, so the same UTC time of day
            3 business days later, or, for a dispute opened on a Saturday or
            Sunday (only a what-if window reaches the weekend), the whole of
            Monday to Wednesday, to Thursday 00:00 UTC; one opened at
            exactly Wednesday 00:00 has Wednesday to Friday whole, to
            Saturday 00:00.  Never earlier than *respond_by*.
        protected_amount: Pay a dispute cannot take (protected hours), when
            the invoice was given.
        unprotected_amount: Pay the dispute can take back, when the invoice
            was given.

    Raises:
        InvalidValueError: The deadlines are out of order, or only one of
            the amounts is given, or they are in different currencies.
        InvalidTypeError: A field has the wrong type.
    """

    opened_at: datetime = attrs.field(converter=to_utc, validator=utc_field)
    respond_by: datetime = attrs.field(converter=to_utc, validator=computed_utc_field)
    respond_by_if_business_days: datetime = attrs.field(
        converter=to_utc, validator=computed_utc_field
    )
    protected_amount: Money | None = attrs.field(
        converter=optional_plain_money, default=None, validator=optional_cents_field
    )
    unprotected_amount: Money | None = attrs.field(
        converter=optional_plain_money, default=None, validator=optional_cents_field
    )

    #: What happens if the freelancer does not answer by :attr:`respond_by`.
    if_silent = (
        "Upwork reviews the Work Diary without you: hours that qualify for Hourly "
        "Protection are paid, the rest may be refunded to the client (HC 211068588; "
        "an older version said all disputed hours are refunded)"
    )
    #: What accepting the dispute does.
    if_accepted = "all disputed hours are refunded to the client (HC 211068588)"
    #: What declining the dispute does.
    if_declined = (
        "a dispute specialist checks the disputed hours against Hourly Protection: "
        "compliant hours are paid on the usual cycle, the rest refunded (HC 211068588)"
    )

    def __attrs_post_init__(self) -> None:
        if not self.opened_at < self.respond_by <= self.respond_by_if_business_days:
            raise InvalidValueError(
                "HoursDispute needs opened_at < respond_by <= respond_by_if_business_days, got "
                f"{self.opened_at.isoformat()}, {self.respond_by.isoformat()}, "
                f"{self.respond_by_if_business_days.isoformat()}",
                field="HoursDispute.respond_by",
                rule="opened < respond by <= respond by (business days)",
            )
        protected, unprotected = self.protected_amount, self.unprotected_amount
        if (protected is None) != (unprotected is None):
            missing = "protected_amount" if protected is None else "unprotected_amount"
            raise InvalidValueError(
                f"HoursDispute.{missing} is missing: protected_amount and unprotected_amount "
                "come together (both from the invoice) or not at all",
                field=f"HoursDispute.{missing}",
                rule="both or neither",
            )
        if (
            protected is not None
            and unprotected is not None
            and protected.currency != unprotected.currency
        ):
            raise CurrencyMismatchError(
                f"HoursDispute.unprotected_amount is in {unprotected.currency} but "
                f"protected_amount is in {protected.currency}",
                field="HoursDispute.unprotected_amount",
                rule="one currency",
            )

    def _rows(self) -> list[tuple[str, object]]:
        return [
            ("dispute opened", self.opened_at),
            ("respond by (calendar days)", self.respond_by),
            ("respond by (if business days)", self.respond_by_if_business_days),
            ("pay a dispute cannot take", self.protected_amount),
            ("pay a dispute can take back", self.unprotected_amount),
            ("if you stay silent", self.if_silent),
            ("if you accept", self.if_accepted),
            ("if you decline", self.if_declined),
        ]

    def to_records(self) -> list[dict[str, object]]:
        """Return the deadlines and outcomes as rows (``what``, ``value``, ``currency``).

        Money is its ``Decimal`` amount with its ``currency`` beside it (``None``
        on the other rows), as in every report's records.
        """
        return [
            {
                "what": what,
                "value": plain(value),
                "currency": value.currency if isinstance(value, Money) else None,
            }
            for what, value in self._rows()
        ]

    def _repr_html_(self) -> str:
        rows = [{"what": what, "value": value} for what, value in self._rows()]
        return html_table(rows, caption="Client-disputed hours")


def dispute_response(
    opened_at: datetime,
    *,
    invoice: WeeklyInvoice | None = None,
    rules: PlatformRules | RuleHistory[PlatformRules] | None = None,
) -> HoursDispute:
    """Return the deadline to answer client-disputed hours and what silence means.

    Args:
        opened_at: When the client opened the dispute (aware).
        invoice: The disputed week's invoice; when given, *opened_at* must
            fall in its dispute window and the result says how much pay is
            protected and how much is at risk.
        rules: The platform rules; default: the invoice's own rules
            (:attr:`WeeklyInvoice.rules`, which set its dispute window) when
            *invoice* is given, else those in force at the end of the
            disputed week.

    Either way one rule decides: the disputed week's rules set its dispute
    window and the time to answer.  The week is the invoice's, or without
    one the latest week whose dispute window holds *opened_at*
    (under Upwork's rules the week before the one
    *opened_at* falls in), so the answer is the same with or without the
    invoice.  A moment in no week's window (Saturday 00:00 to Monday 11:59:59
    UTC, under Upwork's rules) is refused either way.

    Returns:
        The :class:`HoursDispute`; answer by :attr:`HoursDispute.respond_by`,
        the earlier reading of the unconfirmed "3 days".  For a dispute at
        the end of the calendar (from 9990-12-31 12:00; read as business
        days, from 9990-12-27) the deadline passes 9990-12-31, the last day
        an input may be (docs/hourly.md).

    Raises:
        InvalidValueError: *opened_at* is naive, or outside the disputed
            week's dispute window (clients may dispute only from Monday 12:00
            to Friday 23:59:59 UTC after the week, HC 211062158), or *rules*
            given with an invoice differ from the invoice's own in a rule
            (the message names each; a name or effective date alone is a
            label, not a rule).
        InvalidTypeError: An argument has the wrong type.
        RulesError: *rules* is a history that starts after the disputed week.

    >>> from datetime import datetime, timezone
    >>> dispute = dispute_response(datetime(2024, 1, 12, 18, 0, tzinfo=timezone.utc))
    >>> dispute.respond_by.isoformat()
    '2024-01-15T18:00:00+00:00'
    """
    opened = utc_instant(opened_at, "opened_at")
    protected: Money | None = None
    unprotected: Money | None = None
    if invoice is None:
        calendar = _disputed_week(opened, rules)
        rules = week_rules(rules, calendar.week)
    else:
        if not isinstance(invoice, WeeklyInvoice):
            raise InvalidTypeError(
                f"invoice must be a WeeklyInvoice or None, not {type(invoice).__name__}",
                field="invoice",
                rule="a WeeklyInvoice or None",
            )
        # The invoice's own rules set its dispute window, so they set the answer's too.
        if rules is not None:
            # A history gives the set it gave the invoice: the one in force as the week ends.
            differ = rules_differ(week_rules(rules, invoice.week), invoice.rules)
            if differ:
                raise InvalidValueError(
                    "rules must be the invoice's own (invoice.rules), which set its dispute "
                    f"window; the rules given differ in {', '.join(differ)}; leave rules out "
                    "to use the invoice's",
                    field="rules",
                    rule="the invoice's rules",
                )
        rules = invoice.rules
        if not invoice.calendar.in_dispute_window(opened):
            raise _outside(opened, invoice.calendar)
        protected = invoice.protected_amount
        unprotected = invoice.unprotected_amount
    span = rules.hourly_dispute_response
    return HoursDispute(
        opened_at=opened,
        respond_by=opened + span,
        respond_by_if_business_days=add_business_span(opened, span),
        protected_amount=protected,
        unprotected_amount=unprotected,
    )


def _disputed_week(
    opened_at: datetime,
    rules: PlatformRules | RuleHistory[PlatformRules] | None = None,
) -> PayoutCalendar:
    """Return the payout calendar of the week a dispute opened at *opened_at* is about.

    The latest week whose dispute window, under the rules in force at its
    end (*rules*, or a history's set then), holds *opened_at*.  Under
    Upwork's rules a window runs from Monday 12:00 to Friday 23:59:59 UTC
    after the week, so it is the week before the one *opened_at* falls in;
    a what-if rule set with a longer window may reach further back.  The one
    rule :func:`dispute_response` reads the week by when given no invoice.

    Args:
        opened_at: When the client opened the dispute (aware).
        rules: The platform rules; default: those in force at the end of
            each week looked at.

    Raises:
        InvalidValueError: *opened_at* is naive, or in no week's dispute
            window (Saturday 00:00 to Monday 11:59:59 UTC under Upwork's
            rules); ``field`` ``"opened_at"``.
        InvalidTypeError: An argument has the wrong type.
        RulesError: *rules* is a history that starts after the week.

    >>> from datetime import datetime, timezone
    >>> str(_disputed_week(datetime(2024, 1, 10, 18, 0, tzinfo=timezone.utc)).week)
    '2024-01-01 → 2024-01-07 (UTC)'
    """
    opened = utc_instant(opened_at, "opened_at")
    given = _given_rules(rules, PlatformRules)
    sets = HISTORY if given is None else given if isinstance(given, RuleHistory) else (given,)
    reach = closes_after(max(chosen.hourly_review_window for chosen in sets))
    week = billing_week(opened)
    nearest: PayoutCalendar | None = None
    while week.start > _FIRST_WEEK_START:
        week = week.previous()
        calendar = payout_calendar(week, rules=given)
        if calendar.in_dispute_window(opened):
            return calendar
        if nearest is None:
            nearest = calendar  # the window the message shows: the latest one
        if opened >= week.closes_at + reach:
            break  # no rule set's window reaches further back
    raise _outside(opened, nearest)


#: The first billing week's start: it has no week before it to dispute.
_FIRST_WEEK_START = datetime(1, 1, 1, tzinfo=UTC)


def _outside(opened: datetime, calendar: PayoutCalendar | None) -> InvalidValueError:
    """The error (raise it) refusing a dispute opened outside *calendar*'s window, or any window."""
    if calendar is None:
        where = "no billing week's dispute window holds it"
    else:
        where = (
            f"the week {calendar.week} can be disputed only from "
            f"{calendar.invoiced_at.isoformat()} to the end of "
            f"{calendar.dispute_window_ends.isoformat()}"
        )
    return InvalidValueError(
        f"a client can dispute a week's hours only in its dispute window, Monday 12:00 to "
        f"Friday 23:59:59 UTC after the week under Upwork's rules (HC 211062158); "
        f"{where}, not at {opened.isoformat()}",
        field="opened_at",
        rule="within the dispute window (HC 211062158)",
    )
