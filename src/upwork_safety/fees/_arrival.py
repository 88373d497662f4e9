"""When a withdrawal arrives: the day it is processed and its business-day range (private).

A request is processed on the first business day (Monday to Friday, UTC,
holidays not skipped: :mod:`upwork_safety._calendar`) on or after the
request's UTC day, and one business day later when it comes at or after
the method's cutoff (Direct to Local Bank: noon UTC).  The money then
arrives between the method's fewest and most business days after that day
(:attr:`~upwork_safety.fees.WithdrawalMethod.business_days`).  Counting
from the processing day, not from the request, is the later of the two
readings, so money is never shown as arriving early.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import attrs

from upwork_safety._calendar import business_day_after, first_business_day
from upwork_safety._last_day import LATEST
from upwork_safety._moments import utc_instant
from upwork_safety._pickling import through_init
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.fees._common import optional_day
from upwork_safety.fees._paydays import _rules
from upwork_safety.fees._route import usable_method
from upwork_safety.money import exact
from upwork_safety.rules import PaymentScheduleRules, RuleHistory, WithdrawalMethod

__all__ = ["Arrival", "arrival"]

_DAY = timedelta(days=1)


def _moment(value: object, what: str = "Arrival.requested_at") -> datetime:
    if issubclass(type(value), date) and not issubclass(type(value), datetime):
        raise InvalidTypeError(
            f"{what} is the moment of the request, an aware datetime, not a date: a request "
            "after the method's cutoff time waits for the next business day",
            field=what,
            rule="an aware datetime",
        )
    return utc_instant(value, what)


def _method(value: object) -> WithdrawalMethod:
    return usable_method(value, "Arrival.method")


def _processed(method: WithdrawalMethod, requested_at: datetime) -> date:
    """The business day a request at the UTC moment *requested_at* is processed by *method*."""
    day = datetime.combine(requested_at.date(), time(0), timezone.utc)
    cutoff = method.cutoff
    late = cutoff is not None and requested_at - day >= cutoff
    # A request on a weekend waits for Monday; one after the cutoff for the day after its own.
    return first_business_day(requested_at.date() + _DAY if late else requested_at.date())


def _check_processed(method: WithdrawalMethod, requested_at: datetime, what: str) -> None:
    """Refuse a request processed after the last day, naming *what*, the caller's argument.

    The arrival's business days are counted from the processing day, a timer's
    start, which (as every such start) may not fall after :data:`LATEST`: a
    request after the cutoff on the last day would be processed on the next
    (red team r20 L1: the error named ``start``, a moment the caller never passed).
    """
    processed = _processed(method, requested_at)
    if processed > LATEST:
        raise InvalidValueError(
            f"{what} ({requested_at.isoformat()}) would be processed by {method.name} on "
            f"{processed}, the next business day, after the last supported day "
            f"({LATEST.isoformat()}) from which its business days can be counted",
            field=what,
            rule=f"processed on or before {LATEST.isoformat()}",
        )


@through_init
@attrs.frozen(kw_only=True, repr=False)
class Arrival:
    """When a withdrawal requested at one moment reaches the freelancer's account.

    Built by :func:`arrival`.  Every date is derived from the two fields,
    so an arrival cannot disagree with its method's rules.

    Args:
        method: The :class:`~upwork_safety.fees.WithdrawalMethod` (or a
            preset's key); one not available in Pakistan is refused.
        requested_at: The moment the withdrawal was requested, an aware
            datetime in any zone (kept in UTC).

    Raises:
        RulesError: A method not available in Pakistan.
        InvalidTypeError: A *requested_at* that is not a datetime (a date
            is refused: the cutoff is a time of day).
        InvalidValueError: A naive *requested_at*, one processed after
            9990-12-31 (after the cutoff on that last day), or an unknown method.
    """

    method: WithdrawalMethod = attrs.field(converter=_method)
    requested_at: datetime = attrs.field(converter=_moment)

    def __attrs_post_init__(self) -> None:
        _check_processed(self.method, self.requested_at, "Arrival.requested_at")

    def __repr__(self) -> str:
        return (
            f"<Arrival {self.method.name}: requested {self.requested_at.isoformat()}, "
            f"arrives {self._days()} at {self.arrives_at}>"
        )

    def _days(self) -> str:
        first, last = self.earliest, self.latest
        return str(first) if first == last else f"{first} to {last}"

    @property
    def processed_on(self) -> date:
        """The business day the request is processed (UTC).

        The request's own day when it is a business day and the request
        comes before the method's cutoff (or the method has none); else the
        next business day.
        """
        return _processed(self.method, self.requested_at)

    @property
    def earliest(self) -> date:
        """The first day the money may arrive: the fewest business days after processing."""
        return self._after(self.method.business_days[0])

    @property
    def latest(self) -> date:
        """The last day the money should arrive: the most business days after processing."""
        return self._after(self.method.business_days[1])

    @property
    def unconfirmed(self) -> bool:
        """Whether the sources leave the method's business-day range unconfirmed.

        True when its ``business_days`` source is marked unconfirmed: Direct
        to Local Bank's fewest day (the sources say only "up to 7 business
        days"), the wire's unit and fewest day, Payoneer's 2 days.
        """
        return self.method.source_of("business_days").unconfirmed

    @property
    def arrives_at(self) -> str:
        """Where the money is on :attr:`earliest` to :attr:`latest`, in words.

        ``"your account"`` for a method that pays into it (Direct to Local
        Bank, a wire); for one whose days end at an intermediary
        (:attr:`WithdrawalMethod.arrives_at`, Payoneer), that intermediary,
        and that the transfer from it to your bank is not modelled: the
        sources give no figure for it, neither its days nor its fee.
        """
        through = self.method.arrives_at
        if not through:
            return "your account"
        return f"{through}; its transfer to your bank is not modelled"

    def _after(self, days: int) -> date:
        return business_day_after(self.processed_on, days)

    def lines(self) -> list[tuple[str, str]]:
        """Return each step as ``(step, when)``, for printing.

        The last says where the money is then (:attr:`arrives_at`: for
        Payoneer, at Payoneer, the transfer to the bank not modelled), what
        the method's source counts the days to, and "unconfirmed" when the
        range is (:attr:`unconfirmed`).
        """
        cutoff = self.method.cutoff
        rule = "no cutoff published" if cutoff is None else f"cutoff {cutoff} UTC"
        low, high = self.method.business_days
        span = f"{low}" if low == high else f"{low}–{high}"
        said = self.method.source_of("business_days").note
        flag = ", unconfirmed" if self.unconfirmed else ""
        return [
            ("Requested", f"{self.requested_at.isoformat()} ({rule})"),
            ("Processed", f"{self.processed_on} (business days are Monday–Friday, UTC)"),
            (
                "Arrives",
                f"{self._days()} at {self.arrives_at} ({span} business days later{flag}: {said})",
            ),
        ]


@exact
def arrival(
    method: WithdrawalMethod | str,
    requested_at: datetime,
    *,
    method_added: date | datetime | None = None,
    rules: PaymentScheduleRules | RuleHistory[PaymentScheduleRules] | None = None,
) -> Arrival:
    """Say when a withdrawal requested at *requested_at* arrives by *method*.

    The request is processed on the first business day (Monday to Friday in
    UTC; public holidays are not skipped, since Upwork publishes no holiday
    calendar) on or after its UTC day, or the next one when it comes at or
    after the method's cutoff (Direct to Local Bank: noon UTC, HC
    211060578).  The money arrives between the method's fewest and most
    business days after that day: 1 to 7 for Direct to Local Bank.  These
    are ranges, not a promise: a bank can be later.  Where the sources do
    not give a bound or the unit (Direct to Local Bank's fewest day; the
    wire's, and whether its "up to 7 days" are business days), the range
    is the library's reading and :attr:`Arrival.unconfirmed` is true.

    Args:
        method: A :class:`~upwork_safety.fees.WithdrawalMethod` or a
            preset's key (``"direct_to_local_bank"``).
        requested_at: When you ask Upwork for the withdrawal, an aware
            datetime (2 pm in Karachi is 09:00 UTC: before the cutoff).
        method_added: The day the payment method was added, if recent: a
            new method can be used once the rules' ``new_method_wait`` has
            passed (3 days, HC 211063708), so a request before then is refused.
        rules: The payment-schedule rules that say how long a new method
            waits; default those in force on *method_added*.

    Returns:
        An :class:`Arrival` with ``processed_on``, ``earliest``, ``latest``
        and ``arrives_at``: Payoneer's days end at Payoneer, and its
        transfer to your bank after that is not modelled (the sources give
        no figure for it).

    Raises:
        InvalidValueError: A request before the method is active, or one
            processed after 9990-12-31, the last supported day (after the
            cutoff on that day; both ``field='requested_at'``), a naive
            *requested_at*, or an unknown method.
        InvalidTypeError: A wrong-typed argument (a date for *requested_at*).
        RulesError: A method not available in Pakistan.

    >>> from datetime import datetime, timezone
    >>> thursday_1pm = datetime(2026, 12, 3, 13, 0, tzinfo=timezone.utc)
    >>> late = arrival("direct_to_local_bank", thursday_1pm)
    >>> str(late.processed_on), str(late.earliest), str(late.latest)
    ('2026-12-04', '2026-12-07', '2026-12-15')
    """
    chosen = usable_method(method, "method")
    moment = _moment(requested_at, "requested_at")
    added = optional_day(method_added, "method_added")
    wait = _rules(rules, moment.date() if added is None else added)  # checked when given
    if added is not None:
        day = moment.date()
        if not wait.method_active(added, day):
            raise InvalidValueError(
                f"requested_at is {day}, but a payment method added on {added} can be used only "
                f"{wait.new_method_wait.days} days later, from {_active_from(added, wait)}",
                field="requested_at",
                rule="not before the new method is active",
            )
    _check_processed(chosen, moment, "requested_at")
    return Arrival(method=chosen, requested_at=moment)


def _active_from(added: date, rules: PaymentScheduleRules) -> str:
    try:
        return str(added + rules.new_method_wait)
    except OverflowError:
        return "after the last day of the calendar"
