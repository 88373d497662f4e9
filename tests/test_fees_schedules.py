"""Tests for upwork_safety.fees automatic payment schedules (HC 211063708): when money leaves.

Calendar facts used below: 2026-01-01 is a Thursday, so January 2026's
Wednesdays are the 7th, 14th, 21st and 28th; the last Mondays of the 2026
quarters are March 30, June 29, September 28 and December 28.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upwork_safety import fees, rules, serialize
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidDataError,
    InvalidTypeError,
    InvalidValueError,
    RulesError,
)
from upwork_safety.fees import _replay
from upwork_safety.money import Money


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def credit(on: date, amount: str) -> fees.Credit:
    return fees.Credit(on, usd(amount))


YEAR = {"start": date(2026, 1, 1), "end": date(2026, 12, 31)}
#: $600 becomes available on the 2nd Wednesday of every month of 2026.
MONTHLY_600 = [
    credit(date(2026, month, day), "600.00")
    for month, day in [
        (1, 14),
        (2, 11),
        (3, 11),
        (4, 8),
        (5, 13),
        (6, 10),
        (7, 8),
        (8, 12),
        (9, 9),
        (10, 14),
        (11, 11),
        (12, 9),
    ]
]


def days(*values: str) -> tuple[date, ...]:
    return tuple(date.fromisoformat(v) for v in values)


# --------------------------------------------------------------------------
# Paydays
# --------------------------------------------------------------------------


def test_quarterly_paydays_are_the_help_centers_2016_dates():
    """Quarterly pays the last Monday of each quarter: 2016-03-28, 06-27, 09-26, 12-26 (HC)."""
    expected = days("2016-03-28", "2016-06-27", "2016-09-26", "2016-12-26")
    assert expected == fees.paydays("quarterly", start=date(2016, 1, 1), end=date(2016, 12, 31))
    assert expected == fees.paydays(start=date(2016, 1, 1), end=date(2016, 12, 31))


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        ("weekly", days("2026-01-07", "2026-01-14", "2026-01-21", "2026-01-28", "2026-02-04")),
        (
            fees.PaymentSchedule.TWICE_MONTHLY,
            days(
                "2026-01-07", "2026-01-21", "2026-02-04", "2026-02-18", "2026-03-04", "2026-03-18"
            ),
        ),
        ("monthly", days("2026-01-28", "2026-02-25", "2026-03-25")),
        ("quarterly", days("2026-03-30")),
    ],
)
def test_paydays_in_early_2026(schedule, expected):
    """Every Wednesday; the 1st and 3rd Wednesday; the last Wednesday; the quarter's last Monday."""
    end = expected[-1] if schedule == "weekly" else date(2026, 3, 31)
    assert expected == fees.paydays(schedule, start=date(2026, 1, 1), end=end)


def test_paydays_include_both_ends_and_take_aware_datetimes():
    """start and end are included; an aware datetime counts by its UTC day."""
    wednesday = date(2026, 1, 7)
    assert (wednesday,) == fees.paydays("weekly", start=wednesday, end=wednesday)
    late = datetime(2026, 1, 6, 23, 0, tzinfo=timezone(timedelta(hours=-5)))  # Jan 7 UTC
    assert (wednesday,) == fees.paydays("weekly", start=late, end=wednesday)


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"schedule": "daily"}, InvalidValueError, "schedule"),
        ({"schedule": 5}, InvalidTypeError, "schedule"),
        ({"end": date(2025, 12, 31)}, InvalidValueError, "end"),
        ({"end": date(2127, 1, 1)}, InvalidValueError, "end"),
        ({"start": "2026-01-01"}, InvalidTypeError, "start"),
        ({"rules": "quarterly"}, InvalidTypeError, "rules"),
    ],
)
def test_paydays_refuse_bad_arguments(kwargs, error, field):
    """An unknown schedule, a backwards or century-long period, or a wrong type is refused."""
    arguments = {"schedule": "weekly", **YEAR, **kwargs}
    with pytest.raises(error) as info:
        fees.paydays(**arguments)
    assert field == info.value.field


# --------------------------------------------------------------------------
# When money leaves
# --------------------------------------------------------------------------


def test_a_year_of_600_a_month_on_every_schedule():
    """$600 a month, non-US: $1,000 is reached every other month; quarterly pays 4 times.

    Weekly pays on the 2nd Wednesday of Feb, Apr, Jun, Aug, Oct and Dec (6 × $0.99 = $5.94);
    quarterly on the four last Mondays ($3.96), the money waiting 48.2 days on average.
    """
    comparison = fees.compare_schedules(MONTHLY_600, **YEAR)
    assert [
        {
            "schedule": "weekly",
            "payouts": 6,
            "withdrawn": Decimal("7200.00"),
            "fees": Decimal("5.94"),
            "left": Decimal("0.00"),
            "currency": "USD",
            "average_wait_days": Decimal("15.2"),
        },
        {
            "schedule": "twice_monthly",
            "payouts": 6,
            "withdrawn": Decimal("7200.00"),
            "fees": Decimal("5.94"),
            "left": Decimal("0.00"),
            "currency": "USD",
            "average_wait_days": Decimal("22.2"),
        },
        {
            "schedule": "monthly",
            "payouts": 6,
            "withdrawn": Decimal("7200.00"),
            "fees": Decimal("5.94"),
            "left": Decimal("0.00"),
            "currency": "USD",
            "average_wait_days": Decimal("31.5"),
        },
        {
            "schedule": "quarterly",
            "payouts": 4,
            "withdrawn": Decimal("7200.00"),
            "fees": Decimal("3.96"),
            "left": Decimal("0.00"),
            "currency": "USD",
            "average_wait_days": Decimal("48.2"),
        },
    ] == comparison.to_records()
    assert fees.PaymentSchedule.QUARTERLY == comparison.cheapest.schedule
    weekly = comparison.runs[0]
    assert days(
        "2026-02-11", "2026-04-08", "2026-06-10", "2026-08-12", "2026-10-14", "2026-12-09"
    ) == tuple(p.on for p in weekly.payouts)
    assert {fees.PayoutReason.THRESHOLD} == {p.reason for p in weekly.payouts}
    quarterly = comparison.runs[3]
    assert days("2026-03-30", "2026-06-29", "2026-09-28", "2026-12-28") == tuple(
        p.on for p in quarterly.payouts
    )
    assert [usd("1800.00")] * 4 == [p.amount for p in quarterly.payouts]


def test_each_payout_pays_the_whole_balance_and_says_what_it_cost():
    """A monthly payout takes every credit held, oldest first, and pays the method's fee."""
    run = fees.auto_withdrawals(MONTHLY_600, schedule="monthly", **YEAR)
    first = run.payouts[0]
    assert (date(2026, 2, 25), usd("1200.00"), usd("0.99")) == (first.on, first.amount, first.fee)
    assert (MONTHLY_600[0], MONTHLY_600[1]) == first.funds
    assert date(2026, 1, 14) == first.oldest
    assert (date(2026, 1, 28), usd("600.00"), fees.SkipReason.BELOW_THRESHOLD) == (
        run.skipped[0].on,
        run.skipped[0].balance,
        run.skipped[0].reason,
    )


def test_the_threshold_is_100_dollars_for_us_freelancers():
    """$150 available on Tuesday 2026-01-13 is paid on Wednesday the 14th only for a US freelancer."""
    history = [credit(date(2026, 1, 13), "150.00")]
    us = fees.auto_withdrawals(history, schedule="weekly", us_freelancer=True, **YEAR)
    assert [(date(2026, 1, 14), usd("150.00"))] == [(p.on, p.amount) for p in us.payouts]
    abroad = fees.auto_withdrawals(
        history, schedule="weekly", start=date(2026, 1, 1), end=date(2026, 1, 31)
    )
    assert () == abroad.payouts
    assert usd("150.00") == abroad.left
    assert [fees.SkipReason.BELOW_THRESHOLD] * 3 == [s.reason for s in abroad.skipped]
    assert abroad.average_wait_days is None


def test_exactly_the_threshold_pays():
    """A balance equal to $1,000 is paid out."""
    run = fees.auto_withdrawals([credit(date(2026, 1, 7), "1000.00")], schedule="weekly", **YEAR)
    assert [date(2026, 1, 7)] == [p.on for p in run.payouts]


def test_monthly_defers_a_payday_on_which_the_whole_balance_became_available():
    """$1,500 available on Wednesday 2026-01-28: monthly waits until February 25; weekly pays at once."""
    history = [credit(date(2026, 1, 28), "1500.00")]
    monthly = fees.auto_withdrawals(history, schedule="monthly", **YEAR)
    assert [(date(2026, 1, 28), fees.SkipReason.ALL_NEW_TODAY)] == [
        (s.on, s.reason) for s in monthly.skipped
    ]
    assert [date(2026, 2, 25)] == [p.on for p in monthly.payouts]
    weekly = fees.auto_withdrawals(history, schedule="weekly", **YEAR)
    assert [date(2026, 1, 28)] == [p.on for p in weekly.payouts]


def test_twice_monthly_defers_but_quarterly_does_not():
    """Twice monthly defers a 3rd-Wednesday windfall to the next 1st Wednesday; quarterly pays."""
    twice = fees.auto_withdrawals(
        [credit(date(2026, 1, 21), "1500.00")], schedule="twice_monthly", **YEAR
    )
    assert [date(2026, 1, 21)] == [s.on for s in twice.skipped]
    assert [date(2026, 2, 4)] == [p.on for p in twice.payouts]
    quarterly = fees.auto_withdrawals(
        [credit(date(2026, 3, 30), "1500.00")], schedule="quarterly", **YEAR
    )
    assert [date(2026, 3, 30)] == [p.on for p in quarterly.payouts]


def test_the_deferral_needs_the_whole_balance_to_be_new():
    """$100 held from earlier and $1,400 new on the payday: the monthly payday pays all $1,500."""
    history = [credit(date(2026, 1, 14), "100.00"), credit(date(2026, 1, 28), "1400.00")]
    run = fees.auto_withdrawals(history, schedule="monthly", **YEAR)
    assert [(date(2026, 1, 28), usd("1500.00"))] == [(p.on, p.amount) for p in run.payouts]


def test_funds_held_more_than_180_days_are_paid_whatever_the_balance():
    """$300 from Friday 2026-01-16: 180 days on July 15 is not over; July 22 (187 days) pays."""
    history = [credit(date(2026, 1, 16), "300.00")]
    weekly = fees.auto_withdrawals(history, schedule="weekly", **YEAR)
    assert [(date(2026, 7, 22), fees.PayoutReason.TIME_LIMIT)] == [
        (p.on, p.reason) for p in weekly.payouts
    ]
    assert date(2026, 7, 15) == weekly.skipped[-1].on
    assert Decimal("187.0") == weekly.average_wait_days
    quarterly = fees.auto_withdrawals(history, **YEAR)
    assert [(date(2026, 9, 28), fees.PayoutReason.TIME_LIMIT)] == [
        (p.on, p.reason) for p in quarterly.payouts
    ]


def test_a_new_method_is_active_after_three_days():
    """A method added Monday 2026-01-26 is active on the 29th: the Wednesday 28th pays nothing."""
    history = [credit(date(2026, 1, 14), "1200.00")]
    late = fees.auto_withdrawals(history, schedule="weekly", method_added=date(2026, 1, 26), **YEAR)
    assert [date(2026, 1, 14), date(2026, 1, 21), date(2026, 1, 28)] == [s.on for s in late.skipped]
    assert {fees.SkipReason.METHOD_NOT_ACTIVE} == {s.reason for s in late.skipped}
    assert [date(2026, 2, 4)] == [p.on for p in late.payouts]
    sooner = fees.auto_withdrawals(
        history, schedule="weekly", method_added=date(2026, 1, 25), **YEAR
    )
    assert [date(2026, 1, 28)] == [p.on for p in sooner.payouts]


def test_a_balance_too_small_for_the_method_waits():
    """$3 held over 180 days: below Direct to Local Bank's $5 minimum it waits; Payoneer pays $2 of fees."""
    history = [credit(date(2025, 1, 1), "3.00")]
    bank = fees.auto_withdrawals(history, schedule="quarterly", **YEAR)
    assert () == bank.payouts
    assert {fees.SkipReason.BELOW_METHOD_MINIMUM} == {s.reason for s in bank.skipped}
    payoneer = fees.auto_withdrawals(history, schedule="quarterly", method="payoneer", **YEAR)
    assert [(date(2026, 3, 30), usd("3.00"), usd("2.00"))] == [
        (p.on, p.amount, p.fee) for p in payoneer.payouts
    ]


def test_what_is_left_at_the_end_and_what_came_before_the_start():
    """Funds available before start are on the balance; funds after the last payday are left."""
    history = [credit(date(2025, 12, 20), "700.00"), credit(date(2026, 12, 30), "900.00")]
    run = fees.auto_withdrawals(history, schedule="quarterly", **YEAR)
    # 2025-12-20 to 2026-06-29 is 191 days: over the limit on the second quarter's payday.
    assert [(date(2026, 6, 29), usd("700.00"), fees.PayoutReason.TIME_LIMIT)] == [
        (p.on, p.amount, p.reason) for p in run.payouts
    ]
    assert (usd("700.00"), usd("900.00")) == (run.withdrawn, run.left)
    with_later = fees.auto_withdrawals(
        [*history, credit(date(2027, 1, 5), "5000.00")], schedule="quarterly", **YEAR
    )
    assert usd("900.00") == with_later.left


def test_a_what_if_threshold():
    """Rules are data: with a $500 threshold, $600 a month is paid every month."""
    lower = attrs.evolve(fees.PAYMENT_SCHEDULES, international_threshold=usd("500.00"))
    run = fees.auto_withdrawals(MONTHLY_600, schedule="monthly", rules=lower, **YEAR)
    assert 12 == len(run.payouts)


def test_reports_render_round_trip_and_print_short():
    """Runs and comparisons give records (plain or localised), HTML, short reprs, and round-trip."""
    run = fees.auto_withdrawals(MONTHLY_600, schedule="monthly", **YEAR)
    records = run.to_records()
    assert {
        "on": date(2026, 1, 28),
        "paid_out": Decimal("0.00"),
        "fee": Decimal("0.00"),
        "currency": "USD",
        "outcome": "skipped: below_threshold (balance USD 600.00)",
    } == records[0]
    assert {
        "on": date(2026, 2, 25),
        "paid_out": "US$1,200.00",
        "fee": "US$0.99",
        "currency": "USD",
        "outcome": "threshold",
    } == run.to_records(locale="en_PK")[1]
    assert [r["on"] for r in records] == sorted(r["on"] for r in records)
    assert "<AutoWithdrawals monthly 2026-01-01 to 2026-12-31: 6 payouts, fees USD 5.94>" == repr(
        run
    )
    assert "<caption>monthly payouts by Direct to Local Bank (PKR)" in run._repr_html_()
    assert run == serialize.from_dict(fees.AutoWithdrawals, serialize.to_dict(run))
    comparison = fees.compare_schedules(MONTHLY_600, schedules=("weekly", "quarterly"), **YEAR)
    assert "<ScheduleComparison weekly: USD 5.94, quarterly: USD 3.96>" == repr(comparison)
    assert "US$3.96" == comparison.to_records(locale="en_PK")[1]["fees"]
    assert "<caption>Automatic payment schedules</caption>" in comparison._repr_html_()
    assert comparison == serialize.from_dict(fees.ScheduleComparison, serialize.to_dict(comparison))


# --------------------------------------------------------------------------
# Bad input and broken invariants
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("history", "field"),
    [
        (credit(date(2026, 1, 7), "1.00"), "history"),
        (None, "history"),
        ("credits", "history"),
        ([credit(date(2026, 1, 7), "1.00"), usd("5")], "history[1]"),
    ],
)
def test_the_history_must_be_a_sequence_of_credits(history, field):
    """A lone credit, None, a string or a stray item is refused naming the argument."""
    with pytest.raises(InvalidTypeError) as info:
        fees.auto_withdrawals(history, **YEAR)
    assert field == info.value.field


def test_compare_schedules_refuses_a_single_schedule():
    """schedules= takes a sequence: "weekly" alone is refused."""
    with pytest.raises(InvalidTypeError) as info:
        fees.compare_schedules(MONTHLY_600, schedules="weekly", **YEAR)
    assert "schedules" == info.value.field


@pytest.mark.parametrize(
    ("amount", "error"),
    [
        (usd("0"), InvalidValueError),
        (usd("-1"), InvalidValueError),
        (Money("100", "PKR"), CurrencyMismatchError),
        ("100", InvalidTypeError),
    ],
)
def test_a_credit_is_a_positive_usd_amount(amount, error):
    """A credit is more than zero, in USD, and Money."""
    with pytest.raises(error) as info:
        fees.Credit(date(2026, 1, 7), amount)
    assert "Credit.amount" == info.value.field


def test_a_credit_is_on_a_date():
    """A credit's day is a plain date."""
    with pytest.raises(InvalidTypeError) as info:
        fees.Credit(datetime(2026, 1, 7, tzinfo=timezone.utc), usd("1"))  # type: ignore[arg-type]
    assert "Credit.on" == info.value.field


def test_methods_must_be_usable_and_withdraw_dollars():
    """PayPal is refused in Pakistan; a method withdrawing another balance currency is refused."""
    with pytest.raises(RulesError) as paypal:
        fees.auto_withdrawals(MONTHLY_600, method="paypal", **YEAR)
    assert "method" == paypal.value.field
    euro = attrs.evolve(fees.PAYONEER, fixed_fee=Money("1", "EUR"), minimum=Money("0", "EUR"))
    with pytest.raises(RulesError) as balance:
        fees.auto_withdrawals(MONTHLY_600, method=euro, **YEAR)
    assert "method" == balance.value.field


def test_a_run_cannot_pay_funds_it_was_not_given():
    """AutoWithdrawals refuses payouts of credits that are not in its history (or paid twice)."""
    run = fees.auto_withdrawals(MONTHLY_600, schedule="monthly", **YEAR)
    with pytest.raises(InvalidValueError) as missing:
        attrs.evolve(run, history=MONTHLY_600[2:])
    # Without January's and February's $600 the January payday had nothing to skip.
    assert ("AutoWithdrawals.skipped[0]", "a payday with money on the balance") == (
        missing.value.field,
        missing.value.rule,
    )
    with pytest.raises(InvalidValueError) as twice:
        attrs.evolve(run, payouts=(run.payouts[0], run.payouts[0]))
    assert "AutoWithdrawals.payouts[1]" == twice.value.field
    with pytest.raises(InvalidValueError) as early:
        attrs.evolve(run.payouts[0], on=date(2026, 1, 1))
    assert "ScheduledPayout.funds" == early.value.field


def test_payout_values_refuse_wrong_types_naming_the_field():
    """Payouts, skipped paydays, runs and comparisons check their fields' types at construction."""
    run = fees.auto_withdrawals(MONTHLY_600, schedule="monthly", **YEAR)
    payout, skip = run.payouts[0], run.skipped[0]
    for build, error, field in (
        (
            lambda: attrs.evolve(payout, funds=payout.funds[0]),
            InvalidTypeError,
            "ScheduledPayout.funds",
        ),
        (lambda: attrs.evolve(payout, reason=None), InvalidTypeError, "ScheduledPayout.reason"),
        (lambda: attrs.evolve(payout, reason="bonus"), InvalidValueError, "ScheduledPayout.reason"),
        (
            lambda: attrs.evolve(payout, fee=Money("1", "PKR")),
            CurrencyMismatchError,
            "ScheduledPayout.fee",
        ),
        (lambda: attrs.evolve(skip, balance=600), InvalidTypeError, "SkippedPayday.balance"),
        (lambda: attrs.evolve(skip, balance=usd("0")), InvalidValueError, "SkippedPayday.balance"),
        (lambda: attrs.evolve(skip, reason=1), InvalidTypeError, "SkippedPayday.reason"),
        (
            lambda: attrs.evolve(run, schedule="daily"),
            InvalidValueError,
            "AutoWithdrawals.schedule",
        ),
        (lambda: attrs.evolve(run, method="payoneer"), InvalidTypeError, "AutoWithdrawals.method"),
        (lambda: attrs.evolve(run, history=None), InvalidTypeError, "AutoWithdrawals.history"),
        (lambda: attrs.evolve(run, skipped="x"), InvalidTypeError, "AutoWithdrawals.skipped"),
        (
            lambda: attrs.evolve(run, end=date(2025, 12, 31)),
            InvalidValueError,
            "AutoWithdrawals.end",
        ),
        (
            lambda: attrs.evolve(run, payouts=run.payouts[::-1]),
            InvalidValueError,
            "AutoWithdrawals.payouts[1]",
        ),
        (lambda: fees.ScheduleComparison(run), InvalidTypeError, "ScheduleComparison.runs"),
        (lambda: fees.ScheduleComparison(()), InvalidValueError, "ScheduleComparison.runs"),
        (
            lambda: fees.ScheduleComparison(
                (run, fees.auto_withdrawals(MONTHLY_600, method="payoneer", **YEAR))
            ),
            InvalidValueError,
            "ScheduleComparison.runs[1]",
        ),
    ):
        with pytest.raises(error) as info:
            build()
        assert field == info.value.field
    assert fees.SkipReason.ALL_NEW_TODAY is attrs.evolve(skip, reason="all_new_today").reason


def test_comparing_no_schedules_is_refused():
    """compare_schedules needs at least one schedule: an empty comparison has no cheapest run."""
    with pytest.raises(InvalidValueError) as info:
        fees.compare_schedules(MONTHLY_600, schedules=(), **YEAR)
    assert ("schedules", "at least one schedule") == (info.value.field, info.value.rule)


# --------------------------------------------------------------------------
# The rules as data
# --------------------------------------------------------------------------


def test_schedule_rules_carry_their_sources():
    """Every number comes from HC 211063708; the 3-day wait is also on HC 35089917299219."""
    listed = {name: source for name, _, source in rules.sources(fees.PAYMENT_SCHEDULES)}
    assert "HC 211063708; HC 35089917299219" == listed.pop("new_method_wait").source
    assert {"HC 211063708"} == {source.source for source in listed.values()}
    assert (usd("100.00"), usd("1000.00"), timedelta(days=180), timedelta(days=3)) == (
        fees.PAYMENT_SCHEDULES.us_threshold,
        fees.PAYMENT_SCHEDULES.international_threshold,
        fees.PAYMENT_SCHEDULES.time_limit,
        fees.PAYMENT_SCHEDULES.new_method_wait,
    )
    assert fees.PAYMENT_SCHEDULES is fees.PAYMENT_SCHEDULE_HISTORY.in_force(date(2026, 1, 1))
    assert "the last Monday of Mar, Jun, Sep, Dec" == fees.PAYMENT_SCHEDULES.quarterly.describe()
    assert "the 1st and 3rd Wednesday of each month" == (
        fees.PAYMENT_SCHEDULES.twice_monthly.describe()
    )
    assert "every Wednesday" == fees.PAYMENT_SCHEDULES.weekly.describe()


@pytest.mark.parametrize(
    ("args", "error", "field"),
    [
        ((7,), RulesError, "Payday.weekday"),
        ((True,), RulesError, "Payday.weekday"),
        ((2, (6,)), RulesError, "Payday.weeks"),
        ((2, (), (13,)), RulesError, "Payday.months"),
        ((2, "1"), InvalidTypeError, "Payday.weeks"),
        ((2, (), 3), InvalidTypeError, "Payday.months"),
        ((2, (1.0,)), RulesError, "Payday.weeks"),
        ((2, [[1]]), RulesError, "Payday.weeks"),
        ((2, (True,)), RulesError, "Payday.weeks"),
        ((2, (), (1.0,)), RulesError, "Payday.months"),
        ((2.0,), RulesError, "Payday.weekday"),
    ],
)
def test_bad_paydays_are_refused(args, error, field):
    """A payday rule needs a weekday 0–6, weeks 1–5 or -1, months 1–12, each an int (not 1.0)."""
    with pytest.raises(error) as info:
        fees.Payday(*args)
    assert field == info.value.field


@pytest.mark.parametrize(
    ("changes", "error", "field"),
    [
        ({"us_threshold": Money("100", "PKR")}, RulesError, "PaymentScheduleRules.us_threshold"),
        ({"us_threshold": usd("0")}, RulesError, "PaymentScheduleRules.us_threshold"),
        ({"time_limit": 180}, InvalidTypeError, "PaymentScheduleRules.time_limit"),
        ({"weekly": "wednesday"}, InvalidTypeError, "PaymentScheduleRules.weekly"),
        ({"default_schedule": "daily"}, RulesError, "PaymentScheduleRules.default_schedule"),
        (
            {"deferred_when_all_new": "monthly"},
            InvalidTypeError,
            "PaymentScheduleRules.deferred_when_all_new",
        ),
    ],
)
def test_bad_schedule_rules_are_refused(changes, error, field):
    """A what-if rule set with a wrong type or an impossible value is refused at construction."""
    with pytest.raises(error) as info:
        attrs.evolve(fees.PAYMENT_SCHEDULES, **changes)
    assert field == info.value.field


UTC = timezone.utc
PKT = timezone(timedelta(hours=5))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2024, 1, 2, 22, 0, tzinfo=UTC), False),  # Tuesday 22:00 UTC
        (datetime(2024, 1, 2, 22, 0, tzinfo=UTC).astimezone(PKT), False),  # Wednesday 03:00 PKT
        (datetime(2024, 1, 3, 0, 0, tzinfo=UTC), True),
        (datetime(2024, 1, 3, 4, 0, tzinfo=PKT), False),  # Tuesday 23:00 UTC
        (datetime(2024, 1, 4, 4, 59, tzinfo=PKT), True),  # Wednesday 23:59 UTC
        (date(2024, 1, 3), True),
    ],
)
def test_a_payday_judges_the_utc_day_of_a_moment(moment, expected):
    """Regression: one instant got two answers in two zones; the UTC day is judged, as paydays() does."""
    weekly = fees.PAYMENT_SCHEDULES.weekly
    assert expected is weekly.matches(moment)
    day = moment if type(moment) is date else moment.astimezone(UTC).date()
    found = fees.paydays("weekly", start=day, end=day)
    assert expected is (found == (day,))


@pytest.mark.parametrize(
    ("day", "error"),
    [
        (datetime(2024, 1, 3), InvalidValueError),  # naive
        ("2024-01-03", InvalidTypeError),
        (None, InvalidTypeError),
    ],
)
def test_a_payday_refuses_naive_moments_and_other_types(day, error):
    """Regression: a naive datetime was judged by its wall clock; text raised AttributeError."""
    with pytest.raises(error) as info:
        fees.PAYMENT_SCHEDULES.weekly.matches(day)
    assert "day" == info.value.field


@pytest.mark.parametrize(
    ("schedule", "error"),
    [("fortnightly", InvalidValueError), (3, InvalidTypeError), (None, InvalidTypeError)],
)
def test_an_unknown_schedule_is_a_library_error(schedule, error):
    """Regression: payday("fortnightly") raised builtins.ValueError."""
    with pytest.raises(error) as info:
        fees.PAYMENT_SCHEDULES.payday(schedule)
    assert "schedule" == info.value.field
    assert fees.PAYMENT_SCHEDULES.monthly is fees.PAYMENT_SCHEDULES.payday("monthly")
    assert fees.PAYMENT_SCHEDULES.monthly is fees.PAYMENT_SCHEDULES.payday(
        fees.PaymentSchedule.MONTHLY
    )


def test_the_threshold_question_takes_a_bool():
    """us_freelancer="no" was read as true (a non-empty string); it is refused."""
    with pytest.raises(InvalidTypeError) as info:
        fees.PAYMENT_SCHEDULES.threshold(us_freelancer="no")  # type: ignore[arg-type]
    assert "us_freelancer" == info.value.field
    assert usd("1000.00") == fees.PAYMENT_SCHEDULES.threshold(us_freelancer=False)


# --------------------------------------------------------------------------
# The replay: linear in paydays + credits, and the same as the plain one
# --------------------------------------------------------------------------


def _reference(history, *, schedule, start, end, method, us_freelancer, method_added, rules):
    """The straightforward replay (the engine before red-team issue 11): each payday adds
    up and scans every credit held.  Returns the payouts as (on, funds, reason, fee) and
    the skipped paydays as (on, balance, reason)."""
    threshold = rules.threshold(us_freelancer=us_freelancer)
    active_from = None if method_added is None else method_added + rules.new_method_wait
    waiting = sorted(history, key=lambda c: c.on)
    held, payouts, skipped = [], [], []
    for day in fees.paydays(schedule, start=start, end=end, rules=rules):
        held += [c for c in waiting if c.on <= day]
        waiting = [c for c in waiting if c.on > day]
        balance = Money.total((c.amount for c in held), "USD")
        if not balance:
            continue
        if active_from is not None and day < active_from:
            reason = fees.SkipReason.METHOD_NOT_ACTIVE
        elif schedule in rules.deferred_when_all_new and all(c.on == day for c in held):
            reason = fees.SkipReason.ALL_NEW_TODAY
        elif balance >= threshold:
            reason = fees.PayoutReason.THRESHOLD
        elif any(day - c.on > rules.time_limit for c in held):
            reason = fees.PayoutReason.TIME_LIMIT
        else:
            reason = fees.SkipReason.BELOW_THRESHOLD
        fee = method.fixed_fee + (balance * method.percentage_fee).rounded()
        if isinstance(reason, fees.PayoutReason) and (
            balance < method.minimum or balance - fee <= usd("0")
        ):
            reason = fees.SkipReason.BELOW_METHOD_MINIMUM
        if isinstance(reason, fees.SkipReason):
            skipped.append((day, balance, reason))
        else:
            payouts.append((day, tuple(held), reason, fee))
            held = []
    return payouts, skipped


#: A random replay's arguments: a few credits around a period of up to two years.
replays = st.fixed_dictionaries(
    {
        "history": st.lists(
            st.builds(
                fees.Credit,
                st.dates(date(2025, 6, 1), date(2028, 3, 31)),
                st.integers(1, 300_000).map(lambda cents: Money(Decimal(cents).scaleb(-2), "USD")),
            ),
            min_size=1,
            max_size=40,
        ),
        "schedule": st.sampled_from(fees.PaymentSchedule),
        "start": st.dates(date(2026, 1, 1), date(2026, 12, 31)),
        "days": st.integers(0, 730),
        "method": st.sampled_from([fees.DIRECT_TO_LOCAL_BANK, fees.PAYONEER, fees.WIRE_USD]),
        "us_freelancer": st.booleans(),
        "method_added": st.none() | st.dates(date(2025, 12, 1), date(2027, 6, 30)),
        "rules": st.builds(
            lambda days, threshold: attrs.evolve(
                fees.PAYMENT_SCHEDULES,
                time_limit=timedelta(days=days),
                international_threshold=Money(threshold, "USD"),
            ),
            st.integers(0, 200),
            st.integers(1, 3_000),
        )
        | st.just(fees.PAYMENT_SCHEDULES),
    }
)


def _replayed(arguments):
    arguments = dict(arguments)
    arguments["end"] = arguments["start"] + timedelta(days=arguments.pop("days"))
    return arguments, fees.auto_withdrawals(**arguments)


@given(replays)
def test_the_replay_is_the_straightforward_one(arguments):
    """Red team 11: the linear replay gives exactly the payouts and skips of the plain one."""
    arguments, run = _replayed(arguments)
    payouts, skipped = _reference(**arguments)
    assert payouts == [(p.on, p.funds, p.reason, p.fee) for p in run.payouts]
    assert skipped == [(s.on, s.balance, s.reason) for s in run.skipped]


def _calls(history, **arguments):
    """How many Python and C calls one replay makes (counted, not timed)."""
    count = 0

    def profile(_frame, event, _arg):
        nonlocal count
        count += event in {"call", "c_call"}

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        fees.auto_withdrawals(history, **arguments)
    finally:
        sys.setprofile(previous)
    return count


def test_a_replay_grows_with_paydays_plus_credits():
    """Regression (red team 11): each payday re-added and re-scanned every credit held, so
    2,000 credits held through a century of weekly paydays took 12.8 s, 6,000 took 37 s.
    The balance is now a running total whose first credit is the oldest: a payday costs
    the same whatever is held.  Counted in calls over ten years of Wednesdays, not timed:
    a budget of 110 calls per payday and credit (each credit's amount goes through the
    shared not-negative rule, review r40)."""
    start, end = date(2020, 1, 1), date(2029, 12, 31)
    paydays = len(fees.paydays("weekly", start=start, end=end))
    counts = {}
    for size in (500, 1_000):
        history = [credit(start + timedelta(days=i % 3_650), "0.01") for i in range(size)]
        # Added on the last day: nothing is paid, so every credit stays held throughout.
        counts[size] = _calls(history, schedule="weekly", start=start, end=end, method_added=end)
        assert counts[size] <= 110 * (paydays + size)
    # 500 more credits cost about what 500 credits cost, not 500 × the paydays.
    assert counts[1_000] - counts[500] <= 100 * 500


def test_a_history_of_more_than_max_credits_is_refused(monkeypatch):
    """A replay takes at most MAX_CREDITS credits (100,000): more is refused naming history."""
    assert 100_000 == _replay.MAX_CREDITS
    monkeypatch.setattr(_replay, "MAX_CREDITS", 2)
    history = [credit(date(2026, 1, 7), "600.00")] * 3
    for replay in (fees.auto_withdrawals, fees.compare_schedules):
        with pytest.raises(InvalidValueError) as info:
            replay(history, **YEAR)
        assert ("history", "at most 2 credits") == (info.value.field, info.value.rule)
    assert 1 == len(fees.auto_withdrawals(history[:2], schedule="weekly", **YEAR).payouts)


def test_a_wait_for_the_method_past_the_calendar_is_never_over():
    """Regression: a what-if wait past date.max raised OverflowError; the method is never active."""
    forever = attrs.evolve(fees.PAYMENT_SCHEDULES, new_method_wait=timedelta(days=10**8))
    run = fees.auto_withdrawals(
        [credit(date(2026, 1, 7), "1200.00")],
        schedule="monthly",
        method_added=date(2026, 1, 1),
        rules=forever,
        **YEAR,
    )
    assert () == run.payouts
    assert {fees.SkipReason.METHOD_NOT_ACTIVE} == {s.reason for s in run.skipped}
    assert 12 == len(run.skipped)


# --------------------------------------------------------------------------
# A run, built by hand or loaded, is one auto_withdrawals could return
# --------------------------------------------------------------------------

#: $1,500 available on Wednesday 2026-01-28: monthly skips that day (all new) and
#: pays it on February 25 for $0.99 (the red team's example).
WINDFALL = [credit(date(2026, 1, 28), "1500.00")]
Q1 = {"start": date(2026, 1, 1), "end": date(2026, 3, 31)}


def _windfall() -> fees.AutoWithdrawals:
    return fees.auto_withdrawals(WINDFALL, schedule="monthly", **Q1)


def _refused(data) -> tuple[str | None, str | None]:
    """The one problem from_dict finds in *data*: (path, rule)."""
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(fees.AutoWithdrawals, data)
    (problem,) = info.value.problems
    return problem.path, problem.rule


def test_the_red_teams_forged_payout_is_refused_when_loaded():
    """Red team 6: a payout moved to Thursday, its fee zeroed and its reason made the 180-day
    rule loaded as USD 0.00 of fees; each of the three is refused, naming its field."""
    data = serialize.to_dict(_windfall())
    payout = data["payouts"][0]
    for key, value, rule in (
        ("on", "2026-01-29", "a payday of the schedule"),
        ("fee", {"amount": "0.00", "currency": "USD"}, "the method's fee for the amount"),
        ("reason", "time_limit", "the reason the rules give"),
    ):
        forged = {**data, "payouts": [{**payout, key: value}]}
        assert (f"$.payouts[0].{key}", rule) == _refused(forged)


def _payout(run, index=0, **changes):
    payouts = list(run.payouts)
    payouts[index] = attrs.evolve(payouts[index], **changes)
    return {"payouts": tuple(payouts)}


def _skip(run, index=0, **changes):
    skipped = list(run.skipped)
    skipped[index] = attrs.evolve(skipped[index], **changes)
    return {"skipped": tuple(skipped)}


#: Each run auto_withdrawals could not return: (name, the change to the monthly
#: MONTHLY_600 run, field, rule).  That run skips Jan 28 (USD 600, below the
#: threshold), pays USD 1,200 on Feb 25, skips Mar 25, pays Apr 29, ...
IMPOSSIBLE_RUNS = [
    (
        "payout off the schedule",
        lambda r: _payout(r, on=date(2026, 2, 26)),
        "AutoWithdrawals.payouts[0].on",
        "a payday of the schedule",
    ),
    (
        "skip off the schedule",
        lambda r: _skip(r, on=date(2026, 1, 21)),
        "AutoWithdrawals.skipped[0].on",
        "a payday of the schedule",
    ),
    (
        "a day paid and skipped",
        lambda r: _skip(r, on=date(2026, 2, 25)),
        "AutoWithdrawals.skipped[0]",
        "one entry a day",
    ),
    (
        "fee",
        lambda r: _payout(r, fee=usd("0.00")),
        "AutoWithdrawals.payouts[0].fee",
        "the method's fee for the amount",
    ),
    (
        "reason",
        lambda r: _payout(r, reason="time_limit"),
        "AutoWithdrawals.payouts[0].reason",
        "the reason the rules give",
    ),
    (
        "part of the balance",
        lambda r: _payout(r, funds=r.payouts[0].funds[1:]),
        "AutoWithdrawals.payouts[0].funds",
        "the whole available balance, oldest first",
    ),
    (
        "a payout of a skipped payday",
        lambda r: {
            "payouts": (
                fees.ScheduledPayout(
                    on=date(2026, 1, 28), funds=MONTHLY_600[:1], reason="threshold", fee=usd("0.99")
                ),
                *r.payouts[1:],
            ),
            "skipped": r.skipped[1:],
        },
        "AutoWithdrawals.payouts[0]",
        "paid out exactly when the rules pay",
    ),
    (
        "a skip of a paying payday",
        lambda r: {
            "payouts": r.payouts[1:],
            "skipped": (
                r.skipped[0],
                fees.SkippedPayday(
                    on=date(2026, 2, 25), balance=usd("1200.00"), reason="below_threshold"
                ),
                *r.skipped[1:],
            ),
        },
        "AutoWithdrawals.skipped[1]",
        "paid out exactly when the rules pay",
    ),
    (
        "a payout left out",
        lambda r: {"payouts": r.payouts[1:]},
        "AutoWithdrawals.payouts",
        "every payday with money on the balance listed",
    ),
    (
        "a skip left out",
        lambda r: {"skipped": r.skipped[1:]},
        "AutoWithdrawals.skipped",
        "every payday with money on the balance listed",
    ),
    (
        "skipped balance",
        lambda r: _skip(r, balance=usd("599.99")),
        "AutoWithdrawals.skipped[0].balance",
        "the balance available that day",
    ),
    (
        "skipped reason",
        lambda r: _skip(r, reason="method_not_active"),
        "AutoWithdrawals.skipped[0].reason",
        "the reason the rules give",
    ),
    (
        "a US freelancer's threshold",
        lambda r: {"us_freelancer": True},
        "AutoWithdrawals.skipped[0]",
        "paid out exactly when the rules pay",
    ),
    (
        "a method not yet active",
        lambda r: {"method_added": date(2026, 1, 26)},
        "AutoWithdrawals.skipped[0].reason",
        "the reason the rules give",
    ),
    (
        "other rules",
        lambda r: {"rules": attrs.evolve(r.rules, international_threshold=usd("500.00"))},
        "AutoWithdrawals.skipped[0]",
        "paid out exactly when the rules pay",
    ),
    (
        "another method's fee",
        lambda r: {"method": fees.PAYONEER},
        "AutoWithdrawals.payouts[0].fee",
        "the method's fee for the amount",
    ),
    (
        "a century and a day",
        lambda r: {"end": date(2126, 1, 4)},
        "AutoWithdrawals.end",
        "at most 100 years after start",
    ),
]


@pytest.mark.parametrize(
    ("change", "field", "rule"),
    [case[1:] for case in IMPOSSIBLE_RUNS],
    ids=[case[0] for case in IMPOSSIBLE_RUNS],
)
def test_a_run_auto_withdrawals_could_not_return_is_refused(change, field, rule):
    """Red team 6: every payout and skip is the one the replay makes of the run's fields."""
    run = fees.auto_withdrawals(MONTHLY_600, schedule="monthly", **YEAR)
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(run, **change(run))
    assert (field, rule) == (info.value.field, info.value.rule)


def test_a_payday_with_nothing_on_the_balance_is_not_listed():
    """After February's payout the balance is empty: a skip listed on March 25 is refused."""
    run = _windfall()
    empty = fees.SkippedPayday(on=date(2026, 3, 25), balance=usd("1.00"), reason="below_threshold")
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(run, skipped=(*run.skipped, empty))
    assert ("AutoWithdrawals.skipped[1]", "a payday with money on the balance") == (
        info.value.field,
        info.value.rule,
    )


def test_the_run_says_what_the_replay_expected():
    """A wrong fee names the fee the method charges; a wrong reason names the rules' numbers."""
    run = _windfall()
    with pytest.raises(InvalidValueError) as fee:
        attrs.evolve(run, **_payout(run, fee=usd("0.00")))
    assert "must be USD 0.99" in str(fee.value)
    with pytest.raises(InvalidValueError) as reason:
        attrs.evolve(run, **_payout(run, reason="time_limit"))
    assert "threshold USD 1,000.00, time limit 180 days" in str(reason.value)


def test_a_run_refuses_a_method_it_could_not_replay():
    """The method must be usable in Pakistan and withdraw the USD balance, as for the replay."""
    run = _windfall()
    euro = attrs.evolve(fees.PAYONEER, fixed_fee=Money("1", "EUR"), minimum=Money("0", "EUR"))
    for method in (fees.PAYPAL, euro):
        with pytest.raises(RulesError) as info:
            attrs.evolve(run, method=method)
        assert "AutoWithdrawals.method" == info.value.field


def test_a_run_holds_at_most_max_credits(monkeypatch):
    """A run of more than MAX_CREDITS credits is refused naming its history."""
    run = _windfall()
    monkeypatch.setattr(_replay, "MAX_CREDITS", 1)
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(run, history=WINDFALL * 2)
    assert ("AutoWithdrawals.history", "at most 1 credits") == (info.value.field, info.value.rule)


def test_a_run_keeps_its_threshold_method_date_and_what_if_rules():
    """A run remembers us_freelancer, method_added and rules, so it reads back as it was."""
    lower = attrs.evolve(fees.PAYMENT_SCHEDULES, international_threshold=usd("500.00"))
    run = fees.auto_withdrawals(
        MONTHLY_600,
        schedule="monthly",
        us_freelancer=True,
        method_added=date(2026, 1, 26),
        rules=lower,
        **YEAR,
    )
    assert (True, date(2026, 1, 26), lower) == (run.us_freelancer, run.method_added, run.rules)
    assert [fees.SkipReason.METHOD_NOT_ACTIVE] == [s.reason for s in run.skipped]
    data = serialize.to_dict(run)
    assert {"amount": "500.00", "currency": "USD"} == data["rules"]["international_threshold"]
    assert run == serialize.from_dict(fees.AutoWithdrawals, data)
    # A run under the rules in force writes none of the defaults: its short form is
    # what earlier versions wrote, and still loads.
    plain = fees.auto_withdrawals(MONTHLY_600, schedule="monthly", **YEAR)
    assert {"schedule", "start", "end", "method", "history", "payouts", "skipped"} == set(
        serialize.to_dict(plain)
    )
    assert fees.PAYMENT_SCHEDULES is plain.rules


@pytest.mark.parametrize(
    ("build", "field", "rule"),
    [
        (
            lambda: fees.Credit(date(2026, 1, 7), usd("100.005")),
            "Credit.amount",
            "whole minor units",
        ),
        (
            lambda: fees.SkippedPayday(
                on=date(2026, 1, 7), balance=usd("0.001"), reason="below_threshold"
            ),
            "SkippedPayday.balance",
            "whole minor units",
        ),
        (
            lambda: fees.ScheduledPayout(
                on=date(2026, 1, 7),
                funds=[credit(date(2026, 1, 7), "1000.00")],
                reason="threshold",
                fee=usd("0.995"),
            ),
            "ScheduledPayout.fee",
            "whole minor units",
        ),
        (
            lambda: fees.ScheduledPayout(
                on=date(2026, 1, 7),
                funds=[credit(date(2026, 1, 7), "900.00"), credit(date(2026, 1, 6), "100.00")],
                reason="threshold",
                fee=usd("0.99"),
            ),
            "ScheduledPayout.funds[1]",
            "oldest first",
        ),
    ],
    ids=["credit", "skipped balance", "fee", "funds order"],
)
def test_payouts_skips_and_credits_are_whole_cents_oldest_first(build, field, rule):
    """The balance holds whole cents, and a payout lists its funds oldest first."""
    with pytest.raises(InvalidValueError) as info:
        build()
    assert (field, rule) == (info.value.field, info.value.rule)


def test_a_comparison_replays_each_schedule_once_all_else_equal():
    """A comparison refuses a schedule twice, or runs of other thresholds, method dates or rules."""
    weekly = fees.auto_withdrawals(MONTHLY_600, schedule="weekly", **YEAR)
    for other, rule in (
        (weekly, "each schedule once"),
        (
            fees.auto_withdrawals(MONTHLY_600, schedule="monthly", us_freelancer=True, **YEAR),
            "one history, period, method and rules",
        ),
        (
            fees.auto_withdrawals(
                MONTHLY_600, schedule="monthly", method_added=date(2026, 1, 2), **YEAR
            ),
            "one history, period, method and rules",
        ),
    ):
        with pytest.raises(InvalidValueError) as info:
            fees.ScheduleComparison((weekly, other))
        assert ("ScheduleComparison.runs[1]", rule) == (info.value.field, info.value.rule)
    with pytest.raises(InvalidValueError) as twice:
        fees.compare_schedules(MONTHLY_600, schedules=("weekly", "monthly", "weekly"), **YEAR)
    assert ("schedules[2]", "each schedule once") == (twice.value.field, twice.value.rule)


@given(replays)
def test_every_run_builds_and_round_trips(arguments):
    """Whatever auto_withdrawals returns passes its own checks and reads back equal from JSON."""
    _, run = _replayed(arguments)
    assert run == attrs.evolve(run)
    assert run == serialize.from_json(fees.AutoWithdrawals, serialize.to_json(run))


@settings(max_examples=30)
@given(replays)
def test_every_comparison_builds_and_round_trips(arguments):
    """Whatever compare_schedules returns passes its own checks and reads back equal."""
    arguments = dict(arguments)
    del arguments["schedule"]
    arguments["end"] = arguments["start"] + timedelta(days=arguments.pop("days"))
    comparison = fees.compare_schedules(**arguments)
    assert comparison == serialize.from_json(fees.ScheduleComparison, serialize.to_json(comparison))


# --------------------------------------------------------------------------
# Red team r10: cheapest, zero totals, totals past the limit (findings 15, 13, 7)
# --------------------------------------------------------------------------


def test_cheapest_breaks_a_tie_toward_the_less_frequent_schedule():
    """One $1,500 payout each, $0.99 each: a tie, so the least frequent (quarterly) is cheapest."""
    comparison = fees.compare_schedules([credit(date(2026, 1, 5), "1500.00")], **YEAR)
    assert [(r["payouts"], r["fees"]) for r in comparison.to_records()] == [
        (1, Decimal("0.99"))
    ] * 4
    assert comparison.cheapest.schedule == fees.PaymentSchedule.QUARTERLY


def test_cheapest_is_not_a_schedule_that_paid_nothing_out():
    """$1,500 on 29 Dec: twice monthly and quarterly pay nothing by the 31st; monthly is cheapest.

    Weekly and monthly both pay it out for $0.99 (a tie, so the less
    frequent); a run that paid nothing has no fee but is not "cheapest".
    """
    comparison = fees.compare_schedules([credit(date(2026, 12, 29), "1500.00")], **YEAR)
    records = comparison.to_records()
    assert [(r["schedule"], r["fees"], r["left"]) for r in records] == [
        ("weekly", Decimal("0.99"), Decimal("0.00")),
        ("twice_monthly", Decimal("0.00"), Decimal("1500.00")),
        ("monthly", Decimal("0.99"), Decimal("0.00")),
        ("quarterly", Decimal("0.00"), Decimal("1500.00")),
    ]
    assert str(records[1]["withdrawn"]) == "0.00"  # with its cents, like every amount
    assert comparison.cheapest.schedule == fees.PaymentSchedule.MONTHLY


def test_a_history_adding_up_past_the_limit_is_refused_naming_history():
    """Two credits of 18 nines each fit Money, their sum does not: refused naming history."""
    big = "999999999999999999.99"
    history = [credit(date(2026, 1, 1), big), credit(date(2026, 1, 2), big)]
    for replay in (fees.auto_withdrawals, fees.compare_schedules):
        with pytest.raises(InvalidValueError) as caught:
            replay(history, start=date(2026, 1, 1), end=date(2026, 3, 1))
        assert caught.value.field == "history"
        assert caught.value.rule == "a total of at most 18 integer digits"
    with pytest.raises(InvalidValueError) as caught:
        fees.ScheduledPayout(
            on=date(2026, 1, 7), funds=history, reason="threshold", fee=usd("0.99")
        )
    assert caught.value.field == "ScheduledPayout.funds"
