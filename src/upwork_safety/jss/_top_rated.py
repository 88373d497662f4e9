"""Top Rated: the 13-of-16-weeks JSS rule, and the earnings and account-age criteria beside it.

HC 211068468: a Job Success Score of 90% or more in at least 13 of the last
16 weeks, at least $1,000 earned in the last 12 months, and a first
contract started more than 90 days ago.  Every figure is a field of
:class:`~upwork_safety.jss.JSSRules`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import (
    Any,  # noqa: F401  (the hints of attrs __init__ name converters' Any)
)

import attrs

from upwork_safety import _render
from upwork_safety._amount_fields import money_field
from upwork_safety._decimals import fitting_total
from upwork_safety._display import shown
from upwork_safety._moments import (
    date_field,
    optional_date_field,
    optional_to_date,
    to_date,
    utc_day,
)
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_int
from upwork_safety._validate import as_tuple, bool_field, count_field, instance_field, items_field
from upwork_safety.errors import CurrencyMismatchError, InvalidValueError
from upwork_safety.jss._invariants import disagree
from upwork_safety.jss._model import _contracts, _rules, timeline
from upwork_safety.jss._months import _window_start
from upwork_safety.jss._reports import JSSPoint
from upwork_safety.models import Contract
from upwork_safety.money import Money, exact, plain_money
from upwork_safety.rules import JSS_HISTORY, JSSRules, RuleHistory

__all__ = ["TopRated", "TopRatedWeeks", "top_rated", "top_rated_weeks"]


_WEEK = timedelta(weeks=1)


def _check(name: str, value: object, rule: str, expected: object) -> None:
    """Refuse a derived field *name* whose *value* is not *expected*."""
    if value != expected:
        raise disagree(name, value, rule, expected)


def _met(flag: bool) -> str:  # noqa: FBT001  (a flag in words, for a repr)
    return "met" if flag else "not met"


def _weeks_text(weeks: TopRatedWeeks) -> str:
    """The Job Success criterion in words: ``10 of 13 weeks at 90% or more, 12 needed (met)``."""
    return (
        f"{weeks.qualifying} of {len(weeks.weeks)} weeks at {weeks.threshold}% or more, "
        f"{weeks.required} needed ({_met(weeks.met)})"
    )


@through_init
@attrs.frozen
class TopRatedWeeks:
    """The 13-of-16-weeks Job Success part of the Top Rated rule.

    Attributes:
        as_of: The last week's day.
        weeks: The weekly scores, oldest first, a week apart, the last on
            *as_of* (at least that one).
        threshold: The score a week needs (a whole percent).
        required: How many weeks need it (1 or more).
        qualifying: How many weeks have it: the weeks whose score is at
            least *threshold* ("not eligible" never qualifies).
        met: Whether *qualifying* reaches *required*.

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: A value out of range, weeks that are not a week
            apart up to *as_of*, or a *qualifying* or *met* that the weeks
            do not give.
    """

    as_of: date = attrs.field(converter=to_date, validator=date_field)
    weeks: tuple[JSSPoint, ...] = attrs.field(converter=as_tuple, validator=items_field(JSSPoint))
    threshold: int = attrs.field(converter=plain_int, validator=count_field(0, 100))
    required: int = attrs.field(converter=plain_int, validator=count_field(1))
    qualifying: int = attrs.field(converter=plain_int, validator=count_field())
    met: bool = attrs.field(validator=bool_field)

    def __attrs_post_init__(self) -> None:
        weeks = self.weeks
        if not weeks or weeks[-1].on != self.as_of:
            raise InvalidValueError(
                "TopRatedWeeks.weeks must end with the score on as_of "
                f"({self.as_of}), got {'no weeks' if not weeks else weeks[-1].on}",
                field="TopRatedWeeks.weeks",
                rule="the last week on as_of",
            )
        for index in range(1, len(weeks)):
            if weeks[index].on - weeks[index - 1].on != _WEEK:
                raise InvalidValueError(
                    "TopRatedWeeks.weeks must be a week apart, oldest first; "
                    f"weeks[{index}] is on {weeks[index].on} after {weeks[index - 1].on}",
                    field=f"TopRatedWeeks.weeks[{index}].on",
                    rule="a week apart, oldest first",
                )
        qualifying = sum(1 for p in weeks if p.score is not None and p.score >= self.threshold)
        _check(
            "TopRatedWeeks.qualifying",
            self.qualifying,
            "the weeks scoring threshold or more",
            qualifying,
        )
        _check("TopRatedWeeks.met", self.met, "qualifying >= required", qualifying >= self.required)

    def __repr__(self) -> str:
        # One line: a JSSPoint per week would make a long attrs dump.
        return f"<TopRatedWeeks {self.as_of}: {_weeks_text(self)}>"

    def to_records(self) -> list[dict[str, object]]:
        """One row per week: the day, the score and whether it qualifies."""
        return [
            {
                "on": p.on,
                "score": p.score,
                "qualifies": p.score is not None and p.score >= self.threshold,
            }
            for p in self.weeks
        ]

    def _repr_html_(self) -> str:
        verdict = "met" if self.met else "not met"
        caption = (
            f"Top Rated JSS rule {verdict}: {self.qualifying} of {len(self.weeks)} weeks at "
            f"{self.threshold}% or more (needs {self.required})"
        )
        return _render.html_table(self.to_records(), caption=caption)


@through_init
@attrs.frozen
class TopRated:
    """Every Top Rated criterion the model can check, and whether each is met.

    Attributes:
        as_of: The day asked about.
        weeks: The Job Success part (:class:`TopRatedWeeks`, on *as_of*).
        earned: What was paid in the last ``top_rated_earnings_months``
            (in the rules' currency): from the day that many months before
            *as_of* through *as_of*, both included, the same "last N
            months" as the score's windows.
        earnings_needed: What Top Rated needs there (same currency).
        earnings_met: Whether *earned* reaches it.
        first_contract: The day the first contract started (not after
            *as_of*), or ``None``.
        account_days: Days from *first_contract* to *as_of* (0 without one).
        account_days_needed: Top Rated needs more days than this.
        account_met: Whether *account_days* is more than that.
        met: Whether every criterion is met (the others Upwork lists, such
            as a complete profile and no account holds, are not modelled).

    Raises:
        InvalidTypeError: A field of the wrong type.
        CurrencyMismatchError: *earned* and *earnings_needed* in two currencies.
        InvalidValueError: A value out of range, or a derived field
            (*account_days*, a ``*_met`` flag, *met*) that disagrees with
            what it is derived from.
    """

    as_of: date = attrs.field(converter=to_date, validator=date_field)
    weeks: TopRatedWeeks = attrs.field(validator=instance_field(TopRatedWeeks))
    earned: Money = attrs.field(converter=plain_money, validator=money_field)
    earnings_needed: Money = attrs.field(converter=plain_money, validator=money_field)
    earnings_met: bool = attrs.field(validator=bool_field)
    first_contract: date | None = attrs.field(
        converter=optional_to_date, validator=optional_date_field
    )
    account_days: int = attrs.field(converter=plain_int, validator=count_field())
    account_days_needed: int = attrs.field(converter=plain_int, validator=count_field(1))
    account_met: bool = attrs.field(validator=bool_field)
    met: bool = attrs.field(validator=bool_field)

    def __attrs_post_init__(self) -> None:
        day = self.as_of
        _check("TopRated.weeks.as_of", self.weeks.as_of, "as_of", day)
        earned, needed = self.earned, self.earnings_needed
        if earned.currency != needed.currency:
            raise CurrencyMismatchError(
                f"TopRated.earned is in {earned.currency} but earnings_needed in {needed.currency}",
                field="TopRated.earned",
                rule="one currency",
            )
        _check(
            "TopRated.earnings_met",
            self.earnings_met,
            "earned >= earnings_needed",
            earned.amount >= needed.amount,
        )
        first = self.first_contract
        if first is not None and first > day:
            raise InvalidValueError(
                f"TopRated.first_contract ({first}) must not be after as_of ({day})",
                field="TopRated.first_contract",
                rule="on or before as_of",
            )
        age = 0 if first is None else (day - first).days
        _check(
            "TopRated.account_days",
            self.account_days,
            "the days from first_contract to as_of (0 without one)",
            age,
        )
        _check(
            "TopRated.account_met",
            self.account_met,
            "account_days > account_days_needed",
            age > self.account_days_needed,
        )
        _check(
            "TopRated.met",
            self.met,
            "weeks.met and earnings_met and account_met",
            self.weeks.met and self.earnings_met and self.account_met,
        )

    def __repr__(self) -> str:
        # One line: the weeks (each a JSSPoint) would make a long attrs dump.
        return (
            f"<TopRated {self.as_of}: {'met' if self.met else 'not met'}; "
            f"{_weeks_text(self.weeks)}; earned {self.earned} of {self.earnings_needed} "
            f"({_met(self.earnings_met)}); {self.account_days} account days, more than "
            f"{self.account_days_needed} needed ({_met(self.account_met)})>"
        )

    def to_records(self) -> list[dict[str, object]]:
        """One row per criterion: what it needs, what there is, and whether it is met."""
        return [
            {
                "criterion": f"JSS ≥ {self.weeks.threshold}% in {self.weeks.required} of "
                f"{len(self.weeks.weeks)} weeks",
                "value": f"{self.weeks.qualifying} weeks",
                "met": self.weeks.met,
            },
            {
                "criterion": f"earned at least {self.earnings_needed}",
                "value": str(self.earned),
                "met": self.earnings_met,
            },
            {
                "criterion": f"first contract more than {self.account_days_needed} days ago",
                "value": f"{self.account_days} days",
                "met": self.account_met,
            },
        ]

    def _repr_html_(self) -> str:
        caption = f"Top Rated {'met' if self.met else 'not met'} on {self.as_of.isoformat()}"
        return _render.html_table(self.to_records(), caption=caption)


@exact
def top_rated_weeks(
    contracts: Iterable[Contract],
    *,
    as_of: date | datetime,
    rules: JSSRules | RuleHistory[JSSRules] | None = None,
    exclude_clients: Iterable[str] = (),
) -> TopRatedWeeks:
    """Apply Top Rated's Job Success rule: 90% or more in 13 of the last 16 weeks.

    The weekly scores are read on *as_of* and on the same weekday of each
    earlier week (weeks before the calendar's first day, in year 1, do not
    exist and are not read).  The earnings and account-age criteria are
    checked by :func:`top_rated`.

    Args:
        contracts: The freelancer's contracts.
        as_of: The last week's day.
        rules: The rule set for every week; default the one in force on each.
            The thresholds come from *rules* or the rules in force on *as_of*.
        exclude_clients: Client ids to leave out, each the client of a
            contract in *contracts* (else refused: ``InvalidValueError``,
            field ``exclude_clients[i]``).

    Returns:
        A :class:`TopRatedWeeks`.

    Raises:
        InvalidValueError: A naive datetime.
        RulesError: *as_of* before 2015-03-01 without explicit *rules* (the
            weeks before then are not read: they had no score).
    """
    day = utc_day(as_of, "as_of")
    thresholds = _rules(rules, day)
    # Weeks before the calendar's first day (year 1) do not exist, and, under the
    # rules in force, weeks before the JSS existed have no score: neither is read.
    if rules is None:
        earliest = JSS_HISTORY.first_day
    elif isinstance(rules, RuleHistory):
        earliest = rules.first_day  # a history's weeks before its first day have no rules
    else:
        earliest = date.min
    back = min(thresholds.top_rated_weeks - 1, (day - earliest).days // 7)
    first = day - timedelta(weeks=back)
    weeks = tuple(
        timeline(
            contracts,
            start=first,
            end=day,
            step=timedelta(weeks=1),
            rules=rules,
            exclude_clients=exclude_clients,
        )
    )
    qualifying = sum(
        1 for p in weeks if p.score is not None and p.score >= thresholds.top_rated_min_score
    )
    return TopRatedWeeks(
        as_of=day,
        weeks=weeks,
        threshold=thresholds.top_rated_min_score,
        required=thresholds.top_rated_required_weeks,
        qualifying=qualifying,
        met=qualifying >= thresholds.top_rated_required_weeks,
    )


@exact
def top_rated(
    contracts: Iterable[Contract],
    *,
    as_of: date | datetime,
    rules: JSSRules | RuleHistory[JSSRules] | None = None,
    exclude_clients: Iterable[str] = (),
) -> TopRated:
    """Check every Top Rated criterion the model knows (HC 211068468).

    Args:
        contracts: The freelancer's contracts, with their payments.
        as_of: The day.
        rules: The rule set; default the one in force on *as_of* (for the
            weekly scores, the one in force on each week).
        exclude_clients: Client ids to leave out of the Job Success Score
            (their earnings still count), each the client of a contract in
            *contracts* (else refused: ``InvalidValueError``, field
            ``exclude_clients[i]``).

    Returns:
        A :class:`TopRated`: the weekly scores, the earnings of the last
        12 months (a payment counts through the day it is 12 months old, as
        a contract does in the score's windows: from the day 12 months before
        *as_of*, or the day after when that day was moved back to a shorter
        month's end, through *as_of*; every payment when the period reaches
        back before year 1), the account's age, and whether each is enough.

    Raises:
        CurrencyMismatchError: A payment in a currency other than the rules'.
        InvalidValueError: A naive datetime; or the 12 months' earnings of
            every contract together past
            :data:`~upwork_safety.money.MAX_DIGITS` digits before the point,
            though each contract's own fit (``field`` ``"contracts"``,
            ``rule`` "a total of at most 18 integer digits").
    """
    day = utc_day(as_of, "as_of")
    items = _contracts(contracts)
    thresholds = _rules(rules, day)
    weeks = top_rated_weeks(items, as_of=day, rules=rules, exclude_clients=exclude_clients)
    # The score's own "last N months" (_months._in_window): a payment counts
    # through the day it is N months old, so from the window's first day
    # (date.min when that is before the calendar) through *day*, both included.
    since = _window_start(day, thresholds.top_rated_earnings_months)
    total = fitting_total(
        _paid_within(items, since, day, thresholds.currency),
        "contracts",
        f"the earnings of the last {thresholds.top_rated_earnings_months} months could not be told",
    )
    earned = Money(total, thresholds.currency)
    needed = Money(thresholds.top_rated_min_earnings, thresholds.currency)
    starts = [c.started for c in items if c.started <= day]
    first = min(starts) if starts else None
    age = (day - first).days if first is not None else 0
    earnings_met = earned.amount >= needed.amount
    account_met = age > thresholds.top_rated_account_days
    return TopRated(
        as_of=day,
        weeks=weeks,
        earned=earned,
        earnings_needed=needed,
        earnings_met=earnings_met,
        first_contract=first,
        account_days=age,
        account_days_needed=thresholds.top_rated_account_days,
        account_met=account_met,
        met=weeks.met and earnings_met and account_met,
    )


def _paid_within(
    items: Sequence[Contract], since: date, day: date, currency: str
) -> Iterator[Decimal]:
    """Each payment's amount made from *since* through *day*; any not in *currency* refused.

    Every payment's currency is checked, in the window or not, before the
    sum is (the sum is the shared ``_decimals.fitting_total``'s, rule
    ``TOTAL_RULE``: red team r43 F3).
    """
    for index, contract in enumerate(items):
        for number, payment in enumerate(contract.payments):
            if payment.amount.currency != currency:
                raise CurrencyMismatchError(
                    f"contract {shown(contract.id)} is paid in {payment.amount.currency}; "
                    f"Top Rated earnings are counted in {currency}",
                    field=f"contracts[{index}].payments[{number}].amount",
                    rule=f"paid in {currency}",
                )
            if since <= payment.on <= day:
                yield payment.amount.amount
