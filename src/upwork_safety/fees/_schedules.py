"""Getting paid automatically: when money leaves the balance on one schedule (private).

Upwork pays the *whole* available balance out on the paydays of the
schedule the freelancer chose (HC 211063708), but only when the balance
reaches the threshold ($100 for U.S. freelancers, $1,000 for everyone
else) or some of it has been held more than 180 days; monthly and
twice-monthly schedules defer a payday on which the whole balance became
available that same day; a newly added method is active after 3 days.
:func:`auto_withdrawals` replays a balance history through a schedule's
paydays (:mod:`upwork_safety.fees._paydays`: the paydays and the values of
a replay; ``_replay``: the replay itself) into an :class:`AutoWithdrawals`;
:func:`compare_schedules` (``_schedule_comparison``) does so for every
schedule and adds up the withdrawal fees.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import (
    TYPE_CHECKING,
    Any,  # noqa: F401  (the hints of attrs __init__ name converters' Any)
    NoReturn,
    cast,
)

import attrs

from upwork_safety import _render
from upwork_safety._decimals import CONTEXT
from upwork_safety._moments import date_field, optional_date_field, optional_to_date, to_date
from upwork_safety._pickling import through_init
from upwork_safety._validate import (
    as_tuple,
    bool_field,
    instance_field,
    items_field,
    member_field,
)
from upwork_safety.errors import InvalidValueError
from upwork_safety.fees._common import check_locale, fmt
from upwork_safety.fees._paydays import (
    _NOTHING,
    Credit,
    PayoutReason,
    ScheduledPayout,
    SkippedPayday,
    SkipReason,
    _check_span,
    _schedule,
    _schedule_arg,
    usd_total,
)
from upwork_safety.fees._replay import _check_history, _inputs, _replay, _usd_method
from upwork_safety.fees._route import method_field
from upwork_safety.money import Money, exact, round_half_up
from upwork_safety.rules import (
    DIRECT_TO_LOCAL_BANK,
    PAYMENT_SCHEDULE_HISTORY,
    PaymentSchedule,
    PaymentScheduleRules,
    WithdrawalMethod,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "AutoWithdrawals",
    "auto_withdrawals",
]


def _default_rules(run: AutoWithdrawals) -> PaymentScheduleRules:
    """The default *rules*: those in force on *start*, as :func:`auto_withdrawals` takes."""
    start: object = run.start
    if type(start) is not date:
        # Refused by start's own validator, which runs first.
        return cast("PaymentScheduleRules", start)
    return PAYMENT_SCHEDULE_HISTORY.in_force(start)


@through_init
@attrs.frozen(kw_only=True, repr=False)
class AutoWithdrawals:
    """A balance history replayed through one automatic payment schedule.

    Built by :func:`auto_withdrawals`; built directly or read back with
    :mod:`~upwork_safety.serialize`, it must be a run that function could
    return: the paydays are replayed again from the fields, by the same
    steps, and every payout and skipped payday must be the one the replay
    makes:

    * each is dated on a payday of *schedule* under *rules* from *start* to
      *end*, in order, one entry a day, and every payday with money on the
      balance is listed (as a payout or as skipped);
    * a payout pays out the whole balance available that day, oldest
      first, each credit of *history* once, and its fee is the method's fee
      for that amount;
    * the reasons follow *rules*: nothing is paid before the method is
      active (``new_method_wait`` after *method_added*); monthly and twice
      monthly defer a payday on which the whole balance became available;
      otherwise a balance at the threshold (``us_threshold`` with
      *us_freelancer*, else ``international_threshold``) pays
      ``threshold``, one holding funds older than ``time_limit`` pays
      ``time_limit``, any other waits (``below_threshold``); a payout the
      method cannot make (below its minimum, or all fees) waits
      (``below_method_minimum``).

    Args:
        schedule: The payment schedule (a :class:`PaymentSchedule`, or its value).
        start: The first day replayed.
        end: The last day replayed (not before *start*, at most 100 years
            after it).
        method: The withdrawal method (available in Pakistan, withdrawing
            the USD balance).
        history: The balance history: what became available, and when (at
            most 100,000 credits, adding up to at most 18 digits before the
            decimal point).
        payouts: Every payout, in order, each dated from *start* to *end*.
        skipped: Every payday with money on the balance that paid nothing,
            with the reason, in order, each dated from *start* to *end*.
        us_freelancer: Whether the U.S. threshold applies.
        method_added: The day the payment method was added, or ``None``
            (active all along).
        rules: The schedule rules the run was replayed under (a what-if
            given to :func:`auto_withdrawals` is kept, and serialised, with
            it); default those in force on *start*.

    Raises:
        InvalidTypeError: A field of the wrong type (the sequences must be
            sequences of their items).
        InvalidValueError: An unknown schedule, *end* before *start* or
            more than 100 years after it, too many credits, or a payout or
            skipped payday that is not the one the replay makes (off the
            schedule's paydays, out of order or outside the period, missing,
            paying other funds, for another reason or with another fee).
            ``field`` names the part, e.g. ``AutoWithdrawals.payouts[0].fee``.
        RulesError: A method not available in Pakistan, or one that does not
            withdraw a USD balance.
    """

    schedule: PaymentSchedule = attrs.field(
        converter=_schedule, validator=member_field(PaymentSchedule)
    )
    start: date = attrs.field(converter=to_date, validator=date_field)
    end: date = attrs.field(converter=to_date, validator=date_field)
    method: WithdrawalMethod = attrs.field(validator=method_field)
    history: tuple[Credit, ...] = attrs.field(converter=as_tuple, validator=items_field(Credit))
    payouts: tuple[ScheduledPayout, ...] = attrs.field(
        converter=as_tuple, validator=items_field(ScheduledPayout)
    )
    skipped: tuple[SkippedPayday, ...] = attrs.field(
        default=(), converter=as_tuple, validator=items_field(SkippedPayday)
    )
    us_freelancer: bool = attrs.field(default=False, validator=bool_field)
    method_added: date | None = attrs.field(
        default=None, converter=optional_to_date, validator=optional_date_field
    )
    rules: PaymentScheduleRules = attrs.field(
        default=attrs.Factory(_default_rules, takes_self=True),
        validator=instance_field(PaymentScheduleRules),
    )

    def __attrs_post_init__(self) -> None:
        _check_span(self.start, self.end, "AutoWithdrawals.")
        _check_history(self.history, "AutoWithdrawals.history")
        _usd_method(self.method, "AutoWithdrawals.method")
        listed = self._listed()
        expected = _replay(
            self.history,
            schedule=self.schedule,
            start=self.start,
            end=self.end,
            method=self.method,
            us_freelancer=self.us_freelancer,
            method_added=self.method_added,
            rules=self.rules,
        )
        have = next(listed, None)
        for want in expected:
            if have is not None and have[0].on < want.on:
                self._refuse_extra(*have)
            if have is None or want.on < have[0].on:
                self._refuse_missing(want)
            self._compare(*have, want)
            have = next(listed, None)
        if have is not None:
            self._refuse_extra(*have)

    def _listed(self) -> Iterator[tuple[ScheduledPayout | SkippedPayday, str]]:
        """The payouts and skipped paydays in date order, each with its field name.

        Each must lie in the period, on a payday of the schedule, in order;
        a day is listed once, as a payout or as skipped.
        """
        payday = self.rules.payday(self.schedule)
        named: list[tuple[ScheduledPayout | SkippedPayday, str]] = []
        groups: tuple[tuple[str, tuple[ScheduledPayout | SkippedPayday, ...]], ...] = (
            ("payouts", self.payouts),
            ("skipped", self.skipped),
        )
        for kind, entries in groups:
            days = [entry.on for entry in entries]
            for index, day in enumerate(days):
                field = f"AutoWithdrawals.{kind}[{index}]"
                if not self.start <= day <= self.end or (index and day <= days[index - 1]):
                    raise InvalidValueError(
                        f"{field} is dated {day}: paydays run in order from {self.start} to "
                        f"{self.end}, one entry a day",
                        field=field,
                        rule="in order, within the period",
                    )
                if not payday.matches(day):
                    raise InvalidValueError(
                        f"{field}.on ({day}) is not a {self.schedule} payday: the "
                        f"schedule pays on {payday.describe()} ({self.rules.name})",
                        field=f"{field}.on",
                        rule="a payday of the schedule",
                    )
            named.extend((e, f"AutoWithdrawals.{kind}[{i}]") for i, e in enumerate(entries))
        named.sort(key=lambda item: item[0].on)  # stable: a day's payout before its skip
        for (first, name), (second, other) in itertools.pairwise(named):
            if first.on == second.on:
                raise InvalidValueError(
                    f"{other} is dated {second.on}, as {name}: a payday pays out or is skipped, "
                    "not both",
                    field=other,
                    rule="one entry a day",
                )
        return iter(named)

    def _terms(self) -> str:
        """The rules that decide a payday, for the messages."""
        threshold = self.rules.threshold(us_freelancer=self.us_freelancer)
        active = (
            ""
            if self.method_added is None
            else f", the method added on {self.method_added} and active "
            f"{_span(self.rules.new_method_wait)} later"
        )
        return (
            f"{self.schedule} by {self.method.name}, threshold {threshold}, time limit "
            f"{_span(self.rules.time_limit)}{active}"
        )

    def _refuse_extra(self, entry: ScheduledPayout | SkippedPayday, field: str) -> NoReturn:
        raise InvalidValueError(
            f"{field} is dated {entry.on}, a payday with nothing on the balance: everything "
            "available by then was paid out before (or nothing was available yet)",
            field=field,
            rule="a payday with money on the balance",
        )

    def _refuse_missing(self, want: ScheduledPayout | SkippedPayday) -> NoReturn:
        kind = "payouts" if isinstance(want, ScheduledPayout) else "skipped"
        raise InvalidValueError(
            f"the payday {want.on} is missing from AutoWithdrawals.{kind}: that day "
            f"{_outcome(want)}, under the run's rules ({self._terms()}); every payday with "
            "money on the balance is listed",
            field=f"AutoWithdrawals.{kind}",
            rule="every payday with money on the balance listed",
        )

    def _compare(
        self,
        have: ScheduledPayout | SkippedPayday,
        field: str,
        want: ScheduledPayout | SkippedPayday,
    ) -> None:
        """*have*, listed as *field*, must be *want*: the replay's entry for its day."""
        if isinstance(want, ScheduledPayout) and isinstance(have, ScheduledPayout):
            if have.funds != want.funds:
                raise InvalidValueError(
                    f"{field}.funds must be the whole balance available on {want.on}: "
                    f"{want.amount} in {len(want.funds)} credits of the history, oldest first "
                    f"(got {have.amount} in {len(have.funds)})",
                    field=f"{field}.funds",
                    rule="the whole available balance, oldest first",
                )
            if have.reason != want.reason:
                self._refuse_reason(f"{field}.reason", have.reason, want.reason)
            if have.fee != want.fee:
                raise InvalidValueError(
                    f"{field}.fee must be {want.fee}, the {self.method.name} fee for "
                    f"{want.amount}; got {have.fee}",
                    field=f"{field}.fee",
                    rule="the method's fee for the amount",
                )
        elif isinstance(want, SkippedPayday) and isinstance(have, SkippedPayday):
            if have.balance != want.balance:
                raise InvalidValueError(
                    f"{field}.balance must be {want.balance}, the balance available on "
                    f"{want.on}; got {have.balance}",
                    field=f"{field}.balance",
                    rule="the balance available that day",
                )
            if have.reason != want.reason:
                self._refuse_reason(f"{field}.reason", have.reason, want.reason)
        else:
            raise InvalidValueError(
                f"{field}: on {want.on} {_outcome(want)}, under the run's rules ({self._terms()})",
                field=field,
                rule="paid out exactly when the rules pay",
            )

    def _refuse_reason(
        self, field: str, got: PayoutReason | SkipReason, wanted: PayoutReason | SkipReason
    ) -> NoReturn:
        raise InvalidValueError(
            f"{field} must be {wanted} under the run's rules ({self._terms()}); got {got}",
            field=field,
            rule="the reason the rules give",
        )

    def __repr__(self) -> str:
        return (
            f"<AutoWithdrawals {self.schedule} {self.start} to {self.end}: "
            f"{len(self.payouts)} payouts, fees {self.fees}>"
        )

    @property
    def withdrawn(self) -> Money:
        """Everything paid out (``USD 0.00`` when nothing was)."""
        return usd_total(p.amount for p in self.payouts)

    @property
    def fees(self) -> Money:
        """What the method charged for all the payouts (``USD 0.00`` for none)."""
        return usd_total(p.fee for p in self.payouts)

    @property
    def left(self) -> Money:
        """What is still on the balance at the end: available by *end* but not paid out."""
        arrived = usd_total(c.amount for c in self.history if c.on <= self.end)
        return arrived - self.withdrawn

    @property
    @exact
    def average_wait_days(self) -> Decimal | None:
        """Days from available to paid out, averaged over the dollars paid (1 decimal, half up).

        ``None`` when nothing was paid out.
        """
        if not self.payouts:
            return None
        weighted = sum(
            (
                c.amount.amount * (payout.on - c.on).days
                for payout in self.payouts
                for c in payout.funds
            ),
            Decimal(0),
        )
        return round_half_up(CONTEXT.divide(weighted, self.withdrawn.amount), 1)

    def to_records(self, *, locale: str | None = None) -> list[dict[str, object]]:
        """Return one dict per payday that paid or was skipped, in date order, with its currency.

        Args:
            locale: When given, money is formatted for it with babel.
        """
        chosen = check_locale(locale)
        rows: list[tuple[date, dict[str, object]]] = [
            (
                p.on,
                {
                    "on": p.on,
                    "paid_out": fmt(p.amount, chosen),
                    "fee": fmt(p.fee, chosen),
                    "currency": p.amount.currency,
                    "outcome": p.reason.value,
                },
            )
            for p in self.payouts
        ]
        rows.extend(
            (
                s.on,
                {
                    "on": s.on,
                    "paid_out": fmt(_NOTHING, chosen),
                    "fee": fmt(_NOTHING, chosen),
                    "currency": _NOTHING.currency,
                    "outcome": f"skipped: {s.reason.value} (balance {s.balance})",
                },
            )
            for s in self.skipped
        )
        return [row for _, row in sorted(rows, key=lambda item: item[0])]

    def _repr_html_(self) -> str:
        return _render.html_table(
            self.to_records(),
            caption=f"{self.schedule} payouts by {self.method.name}, {self.start} to {self.end}",
        )


def _run(
    history: tuple[Credit, ...],
    *,
    schedule: PaymentSchedule,
    start: date,
    end: date,
    method: WithdrawalMethod,
    us_freelancer: bool,
    method_added: date | None,
    rules: PaymentScheduleRules,
) -> AutoWithdrawals:
    entries = tuple(
        _replay(
            history,
            schedule=schedule,
            start=start,
            end=end,
            method=method,
            us_freelancer=us_freelancer,
            method_added=method_added,
            rules=rules,
        )
    )
    return AutoWithdrawals(
        schedule=schedule,
        start=start,
        end=end,
        method=method,
        history=history,
        payouts=tuple(e for e in entries if isinstance(e, ScheduledPayout)),
        skipped=tuple(e for e in entries if isinstance(e, SkippedPayday)),
        us_freelancer=us_freelancer,
        method_added=method_added,
        rules=rules,
    )


def _span(duration: timedelta) -> str:
    """*duration* in words: "180 days", or as timedelta writes a part of a day."""
    whole = duration == timedelta(days=duration.days)
    return f"{duration.days} days" if whole else str(duration)


def _outcome(entry: ScheduledPayout | SkippedPayday) -> str:
    """What a payday did, in words: "USD 1,500.00 is paid out (threshold)"."""
    if isinstance(entry, ScheduledPayout):
        return f"{entry.amount} is paid out ({entry.reason})"
    return f"{entry.balance} waits ({entry.reason})"


@exact
def auto_withdrawals(
    history: Sequence[Credit],
    *,
    start: date | datetime,
    end: date | datetime,
    schedule: PaymentSchedule | str | None = None,
    method: WithdrawalMethod | str = DIRECT_TO_LOCAL_BANK,
    us_freelancer: bool = False,
    method_added: date | datetime | None = None,
    rules: PaymentScheduleRules | None = None,
) -> AutoWithdrawals:
    """Replay a balance history through an automatic payment schedule: when does money leave?

    On each payday from *start* to *end* the whole available balance is
    paid out if it reaches the threshold ($1,000, or $100 with
    *us_freelancer*), or if some of it has been held more than 180 days;
    monthly and twice-monthly schedules defer a payday on which the whole
    balance became available that same day; nothing is paid before the
    method is active (3 days after *method_added*).  Manual withdrawals
    ("Get paid now") are not replayed: nothing in *history* takes money
    off the balance, so a history of every income since you started
    replays money you have already withdrawn.  Start from what is on the
    balance (one :class:`Credit` on today's date) and the money that
    becomes available after it, each net of the service fee, as the
    balance holds it.

    Args:
        history: The balance history, a sequence of :class:`Credit`: each
            amount (net of the service fee) and the day it became
            available (funds available before *start* are on the balance
            from the first payday); at most
            100,000 credits (add up each day's credits into one if more),
            adding up to at most 18 digits before the decimal point.
        start: The first day replayed.
        end: The last day replayed (at most 100 years after *start*).
        schedule: A :class:`PaymentSchedule` or its value; default the
            rules' default (quarterly).
        method: The withdrawal method, whose fee each payout pays.
        us_freelancer: Whether the $100 U.S. threshold applies.
        method_added: The day the payment method was added, if recent.
        rules: The schedule rules; default those in force on *start*.

    Returns:
        An :class:`AutoWithdrawals` with every payout and every skipped
        payday, the fees, what is left and the average wait, holding the
        arguments it was replayed with.

    Raises:
        InvalidTypeError: *history* is not a sequence of :class:`Credit`
            (a ``set`` is refused, rule ``"an ordered sequence"``: credits of
            one day are paid out in the order given), or another
            wrong-typed argument.
        InvalidValueError: An unknown schedule or method, a bad period, or
            a history of more than 100,000 credits or whose credits add up
            past the 18-digit limit (``field='history'``).
        RulesError: A method not available in Pakistan, or one that does
            not withdraw a USD balance.

    $1,500 becomes available on Wednesday 2026-01-28, the month's last: a
    monthly schedule defers it to February's last Wednesday.

    >>> history = [Credit(date(2026, 1, 28), Money("1500.00", "USD"))]
    >>> run = auto_withdrawals(history, schedule="monthly", start=date(2026, 1, 1),
    ...                        end=date(2026, 3, 31))
    >>> [(str(s.on), s.reason.value) for s in run.skipped]
    [('2026-01-28', 'all_new_today')]
    >>> [(str(p.on), str(p.amount), str(p.fee)) for p in run.payouts]
    [('2026-02-25', 'USD 1,500.00', 'USD 0.99')]
    """
    checked, first, last, chosen, us, added, chosen_rules = _inputs(
        history,
        start=start,
        end=end,
        method=method,
        us_freelancer=us_freelancer,
        method_added=method_added,
        rules=rules,
    )
    return _run(
        checked,
        schedule=_schedule_arg(schedule, chosen_rules),
        start=first,
        end=last,
        method=chosen,
        us_freelancer=us,
        method_added=added,
        rules=chosen_rules,
    )
