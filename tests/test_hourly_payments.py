"""Tests for bonuses, fixed weekly payments and the payout schedule of hourly contracts."""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety import rules, serialize
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidDataError,
    InvalidTypeError,
    InvalidValueError,
    RulesError,
)
from upwork_safety.hourly import (
    BillingWeek,
    Bonus,
    Pause,
    PayoutItem,
    PayoutKind,
    PayoutSchedule,
    PayoutStatus,
    TimeEntry,
    WeeklyPayment,
    WeeklyPaymentBasis,
    billing_week,
    bonus,
    invoice,
    payout_schedule,
    weekly_payment,
)
from upwork_safety.money import Money

UTC = timezone.utc
KARACHI = timezone(timedelta(hours=5))
S = PayoutStatus
#: Monday 2024-01-01 00:00 UTC.
WEEK = BillingWeek(datetime(2024, 1, 1, tzinfo=UTC))


def at(day, hour=0, minute=0, second=0, *, month=1, tz=UTC):
    return datetime(2024, month, day, hour, minute, second, tzinfo=tz)


def usd(amount):
    return Money(amount, "USD")


# --- bonuses ---------------------------------------------------------------------------


def test_bonus_is_pending_five_days_from_payment():
    """A $50 bonus paid Wednesday 15:00 UTC is pending until Monday 15:00 UTC, then available."""
    extra = bonus(usd("50.00"), paid_at=at(10, 15))
    assert at(10, 15) == extra.paid_at
    assert at(15, 15) == extra.available_at
    assert S.UPCOMING == extra.status(at(10, 14, 59, 59))
    assert S.PENDING == extra.status(at(10, 15))
    assert S.PENDING == extra.status(at(15, 14, 59, 59))
    assert S.AVAILABLE == extra.status(at(15, 15))
    assert extra.status(at(10, 15)) == "pending"


def test_bonus_is_never_protected_and_has_its_own_calendar():
    """A bonus is not protected (HC 211068288) and lists its payment and availability."""
    extra = bonus(usd("50.00"), paid_at=at(10, 15))
    assert not extra.protected
    assert "HC 211068288" in extra.not_protected_because
    records = extra.to_records()
    assert [at(10, 15), at(15, 15)] == [r["when"] for r in records]
    assert "HC 211067938" in records[0]["source"]
    assert "<caption>Bonus</caption>" in extra._repr_html_()


def test_bonus_in_any_zone_is_the_same_bonus():
    """A bonus paid at 20:00 in Karachi equals one paid at 15:00 UTC."""
    assert bonus(usd(50), paid_at=at(10, 15)) == bonus(usd(50), paid_at=at(10, 20, tz=KARACHI))


def test_bonus_hold_is_the_security_period_rule():
    """The bonus hold is PlatformRules.security_period; a what-if of 7 days moves it."""
    slow = attrs.evolve(rules.CURRENT, security_period=timedelta(days=7))
    assert at(17, 15) == bonus(usd(50), paid_at=at(10, 15), rules=slow).available_at


@pytest.mark.parametrize(
    ("amount", "kind"),
    [(usd(0), InvalidValueError), (usd("-1"), InvalidValueError), ("50", InvalidTypeError)],
)
def test_bonus_amount_must_be_positive_money(amount, kind):
    """A bonus of zero, a negative bonus or a plain number is refused, naming the amount."""
    with pytest.raises(kind) as info:
        bonus(amount, paid_at=at(10))
    assert "amount" == info.value.field


def test_bonus_constructor_keeps_the_order():
    """A Bonus built by hand must become available after it is paid."""
    extra = bonus(usd(50), paid_at=at(10))
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(extra, available_at=at(10))
    assert "Bonus.available_at" == info.value.field
    assert extra == serialize.from_dict(Bonus, serialize.to_dict(extra))


# --- fixed weekly payments ----------------------------------------------------------


def test_full_week_payment_has_no_review_window():
    """$400 a week: invoiced Monday 12:00, pending at once, available Saturday 12:00 UTC."""
    weekly = weekly_payment(usd("400.00"), week=WEEK, started=date(2023, 12, 1))
    assert WeeklyPaymentBasis.FULL_WEEK == weekly.basis
    assert Decimal(1) == weekly.share
    assert usd("400.00") == weekly.amount
    assert at(8, 12) == weekly.invoiced_at
    assert at(13, 12) == weekly.available_at
    assert weekly.available_at.weekday() == 5  # Saturday
    assert S.UPCOMING == weekly.status(at(8, 11, 59, 59))
    assert S.PENDING == weekly.status(at(8, 12))
    assert S.AVAILABLE == weekly.status(at(13, 12))
    assert weekly.issued
    assert not weekly.protected
    assert "HC 211068288" in weekly.not_protected_because


@pytest.mark.parametrize(
    ("started", "amount"),
    [
        (date(2024, 1, 1), "400.00"),  # Monday: 100%
        (date(2024, 1, 2), "320.00"),  # Tuesday: 80%
        (date(2024, 1, 3), "240.00"),  # Wednesday: 60%
        (date(2024, 1, 4), "160.00"),  # Thursday: 40%
        (date(2024, 1, 5), "80.00"),  # Friday: 20%
        (date(2024, 1, 6), "80.00"),  # Saturday: 20%
        (date(2024, 1, 7), "80.00"),  # Sunday: 20%
    ],
)
def test_first_week_pays_by_the_day_the_contract_started(started, amount):
    """The first week pays HC 211067938's share for the start day: 100/80/60/40/20/20/20%."""
    weekly = weekly_payment(usd("400.00"), week=WEEK, started=started)
    assert usd(amount) == weekly.amount
    assert WeeklyPaymentBasis.CONTRACT_STARTED == weekly.basis


def test_start_given_as_a_moment_uses_its_utc_day():
    """Tuesday 03:00 in Karachi is Monday 22:00 UTC: the contract started on a Monday."""
    weekly = weekly_payment(usd(400), week=WEEK, started=at(2, 3, tz=KARACHI))
    assert usd("400.00") == weekly.amount


@pytest.mark.parametrize(
    ("ended", "amount"),
    [
        (date(2024, 1, 1), "80.00"),
        (date(2024, 1, 3), "240.00"),
        (date(2024, 1, 4), "320.00"),
        (date(2024, 1, 5), "400.00"),
        (date(2024, 1, 7), "400.00"),
    ],
)
def test_last_week_pays_by_the_day_the_contract_ended(ended, amount):
    """The last week pays the (unconfirmed) mirror share: Mon 20% … Thu 80%, Fri–Sun 100%."""
    weekly = weekly_payment(usd("400.00"), week=WEEK, started=date(2023, 6, 1), ended=ended)
    assert usd(amount) == weekly.amount
    assert WeeklyPaymentBasis.CONTRACT_ENDED == weekly.basis


@pytest.mark.parametrize(
    ("started", "ended", "share"),
    [
        (date(2024, 1, 3), date(2024, 1, 5), "0.6"),  # Wed 60%, Fri 100%
        (date(2024, 1, 2), date(2024, 1, 2), "0.4"),  # Tue 80%, Tue 40%
        (date(2024, 1, 1), date(2024, 1, 7), "1"),
    ],
)
def test_start_and_end_in_one_week_pay_the_smaller_share(started, ended, share):
    """A contract that starts and ends in the same week pays the smaller of the two shares."""
    weekly = weekly_payment(usd(400), week=WEEK, started=started, ended=ended)
    assert Decimal(share) == weekly.share
    assert WeeklyPaymentBasis.STARTED_AND_ENDED == weekly.basis


def test_a_pause_anywhere_in_the_week_cancels_the_payment():
    """Paused for an hour on Thursday: no weekly payment for the week (HC 211067938)."""
    weekly = weekly_payment(usd(400), week=WEEK, pauses=[Pause(at(4, 9), at(4, 10))])
    assert WeeklyPaymentBasis.PAUSED == weekly.basis
    assert not weekly.issued
    assert usd("0.00") == weekly.amount
    assert [{"when": at(8, 12), "step": "no weekly payment: paused", "source": "HC 211067938"}] == (
        weekly.to_records()
    )


def test_pauses_outside_the_week_do_not_cancel_it():
    """A pause that ended as the week began, or starts after it, leaves the payment whole."""
    pauses = [Pause(at(1) - timedelta(days=2), at(1)), Pause(at(8))]
    assert usd("400.00") == weekly_payment(usd(400), week=WEEK, pauses=pauses).amount


@pytest.mark.parametrize(
    ("weekly", "amount"),
    [
        (usd("333.33"), "200.00"),  # 199.998
        (usd("0.05"), "0.01"),  # 0.01 exactly at 20%
        (usd("0.07"), "0.01"),  # 0.014
        (Money(1001, "JPY"), Money(200, "JPY")),  # 200.2 yen
    ],
)
def test_share_rounds_half_up_to_the_minor_unit(weekly, amount):
    """weekly amount × share is rounded half up to the currency's minor unit."""
    started = date(2024, 1, 3) if weekly.amount == Decimal("333.33") else date(2024, 1, 6)
    expected = amount if isinstance(amount, Money) else usd(amount)
    assert expected == weekly_payment(weekly, week=WEEK, started=started).amount


def test_weekly_payment_records_html_and_round_trip():
    """An issued payment lists its invoice and availability, renders, and round-trips."""
    weekly = weekly_payment(usd(400), week=WEEK, started=date(2024, 1, 2))
    assert [at(8, 12), at(13, 12)] == [r["when"] for r in weekly.to_records()]
    assert "<caption>Weekly payment, week 2024-01-01" in weekly._repr_html_()
    assert weekly == serialize.from_dict(WeeklyPayment, serialize.to_dict(weekly))


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"started": date(2024, 1, 8)}, "started"),
        ({"ended": date(2023, 12, 31)}, "ended"),
        ({"started": date(2024, 1, 4), "ended": date(2024, 1, 3)}, "ended"),
        ({"started": datetime(2024, 1, 2)}, "started"),
    ],
)
def test_weekly_payment_refuses_weeks_the_contract_did_not_run(kwargs, field):
    """A week before the start or after the end, or an end before the start, is refused."""
    with pytest.raises(InvalidValueError) as info:
        weekly_payment(usd(400), week=WEEK, **kwargs)
    assert field == info.value.field


def test_weekly_payment_constructor_checks_share_and_basis():
    """A WeeklyPayment built by hand needs a 0–1 Decimal share that fits its basis."""
    weekly = weekly_payment(usd(400), week=WEEK)
    for share, kind in [(Decimal("0.5"), InvalidValueError), (Decimal(2), InvalidValueError)]:
        with pytest.raises(kind) as info:
            attrs.evolve(weekly, share=share)
        assert "WeeklyPayment.share" == info.value.field
    with pytest.raises(InvalidTypeError) as info:
        attrs.evolve(weekly, share="1")
    assert "WeeklyPayment.share" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(weekly, basis=WeeklyPaymentBasis.PAUSED)
    assert "WeeklyPayment.share" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(weekly, available_at=weekly.invoiced_at)
    assert "WeeklyPayment.available_at" == info.value.field


def test_weekly_shares_are_dated_rules_with_sources():
    """The shares live in PlatformRules with their source; the end table is unconfirmed."""
    found = {name: source for name, _, source in rules.sources()}
    assert "HC 211067938" == found["weekly_payment_start_percent"].source
    assert not found["weekly_payment_start_percent"].unconfirmed
    assert found["weekly_payment_end_percent"].unconfirmed
    generous = attrs.evolve(rules.CURRENT, weekly_payment_start_percent=(100,) * 7)
    friday = weekly_payment(usd(400), week=WEEK, started=date(2024, 1, 5), rules=generous)
    assert usd("400.00") == friday.amount


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ((100,) * 6, InvalidTypeError),
        ([100] * 7, InvalidTypeError),
        ((100, 80, 60, 40, 20, 20, "20"), InvalidTypeError),
        ((100, 80, 60, 40, 20, 20, True), InvalidTypeError),
        ((101, 80, 60, 40, 20, 20, 20), RulesError),
        ((100, 80, 60, 40, 20, 20, -1), RulesError),
    ],
)
def test_weekly_share_rules_are_checked(value, kind):
    """A what-if weekly share table must hold 7 whole percentages from 0 to 100."""
    with pytest.raises(kind) as info:
        attrs.evolve(rules.CURRENT, weekly_payment_end_percent=value)
    assert "PlatformRules.weekly_payment_end_percent" == info.value.field


# --- the payout schedule --------------------------------------------------------------


def week_of_work(*, top_rated=False):
    """Two tracked hours on Tuesday at $30: $60, all protected."""
    diary = [TimeEntry(at(2, 9), at(2, 11), memo="api", activity=6)]
    return invoice(diary, week=WEEK, rate=usd("30.00"), top_rated=top_rated, client_verified=True)


def test_schedule_orders_by_availability_and_tracks_the_buckets():
    """Hours, a bonus and a weekly payment: each moves through its own buckets on its own dates."""
    hours = week_of_work()
    extra = bonus(usd("50.00"), paid_at=at(10, 15))
    weekly = weekly_payment(usd("400.00"), week=WEEK)
    plan = payout_schedule(invoices=[hours], bonuses=[extra], weekly_payments=[weekly])
    assert [PayoutKind.WEEKLY_PAYMENT, PayoutKind.BONUS, PayoutKind.HOURS] == [
        item.kind for item in plan.items
    ]
    assert [at(13, 12), at(15, 15), at(17)] == [item.available_at for item in plan.items]
    assert usd("510.00") == plan.total
    assert usd("60.00") == plan.protected
    assert {
        S.UPCOMING: usd("50.00"),
        S.IN_REVIEW: usd("60.00"),
        S.PENDING: usd("400.00"),
        S.AVAILABLE: usd("0.00"),
    } == plan.balances(at(9))
    assert {
        S.UPCOMING: usd("0.00"),
        S.IN_REVIEW: usd("0.00"),
        S.PENDING: usd("110.00"),
        S.AVAILABLE: usd("400.00"),
    } == plan.balances(at(13, 12))
    assert usd("510.00") == plan.balances(at(17))[S.AVAILABLE]
    assert list(PayoutStatus) == list(plan.balances(at(1)))


def test_hours_are_in_review_until_the_dispute_window_closes():
    """Invoiced hours are in review to Friday 23:59:59, pending to Wednesday, then available."""
    (item,) = payout_schedule(invoices=[week_of_work()]).items
    assert S.UPCOMING == item.status(at(8, 11, 59, 59))
    assert S.IN_REVIEW == item.status(at(8, 12))
    assert S.IN_REVIEW == item.status(at(12, 23, 59, 59))
    assert S.PENDING == item.status(at(13))
    assert S.AVAILABLE == item.status(at(17))


def test_top_rated_hours_come_before_the_weekly_payment():
    """Top Rated hours are available Saturday 00:00, before the weekly payment's Saturday noon."""
    plan = payout_schedule(
        invoices=[week_of_work(top_rated=True)],
        weekly_payments=[weekly_payment(usd(400), week=WEEK)],
    )
    assert [PayoutKind.HOURS, PayoutKind.WEEKLY_PAYMENT] == [i.kind for i in plan.items]
    assert at(13) == plan.items[0].available_at


def test_empty_schedule_is_zero_dollars():
    """No payments: an empty schedule in USD whose every bucket is zero."""
    plan = payout_schedule()
    assert "USD" == plan.currency
    assert usd("0.00") == plan.total
    assert set(plan.balances(at(1)).values()) == {usd(0)}
    assert [] == plan.to_records()


def test_schedule_records_html_and_round_trip():
    """The schedule renders one row per payment and survives serialisation."""
    plan = payout_schedule(invoices=[week_of_work()], bonuses=[bonus(usd(50), paid_at=at(10, 15))])
    first = plan.to_records()[0]
    assert {
        "kind": "bonus",
        "week": None,
        "amount": Decimal(50),
        "currency": "USD",
        "protected_amount": Decimal("0.00"),
        "protected_amount_currency": "USD",
        "charged_at": at(10, 15),
        "review_ends": None,
        "available_at": at(15, 15),
        "rules_changed": "",
    } == first
    assert "<caption>Hourly payouts</caption>" in plan._repr_html_()
    assert plan == serialize.from_dict(PayoutSchedule, serialize.to_dict(plan))


def test_schedule_refuses_mixed_currencies_and_double_counting():
    """Payments in two currencies, or one week's invoice given twice, are refused."""
    with pytest.raises(CurrencyMismatchError) as info:
        payout_schedule(
            invoices=[week_of_work()],
            bonuses=[bonus(Money("5000", "PKR"), paid_at=at(10))],
        )
    assert "bonuses[0]" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        payout_schedule(invoices=[week_of_work(), week_of_work()])
    assert "invoices[1]" == info.value.field


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"week": WEEK}, "PayoutItem.kind"),  # a bonus has no week
        ({"review_ends": at(11)}, "PayoutItem.kind"),  # a bonus has no review
        ({"protected_amount": usd(1)}, "PayoutItem.kind"),  # a bonus is not protected
        ({"available_at": at(10, 15)}, "PayoutItem.available_at"),
        ({"protected_amount": Money(0, "EUR")}, "PayoutItem.protected_amount"),
        ({"kind": PayoutKind.HOURS}, "PayoutItem.kind"),  # hours need a week
    ],
)
def test_payout_item_fields_fit_its_kind(changes, field):
    """A PayoutItem built by hand must be consistent with its kind and in time order."""
    (item,) = payout_schedule(bonuses=[bonus(usd(50), paid_at=at(10, 15))]).items
    with pytest.raises((InvalidValueError, CurrencyMismatchError)) as info:
        attrs.evolve(item, **changes)
    assert field == info.value.field


def test_payout_item_protection_is_at_most_its_amount():
    """An item cannot be more protected than it is paid."""
    (item,) = payout_schedule(invoices=[week_of_work()]).items
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(item, protected_amount=usd(61))
    assert "PayoutItem.protected_amount" == info.value.field


def test_schedule_constructor_keeps_the_order():
    """A PayoutSchedule built by hand must list payments by availability, in one known currency."""
    plan = payout_schedule(
        invoices=[week_of_work()], weekly_payments=[weekly_payment(usd(400), week=WEEK)]
    )
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(plan, items=tuple(reversed(plan.items)))
    assert "PayoutSchedule.items[1]" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(plan, currency="XYZ")
    assert "PayoutSchedule.currency" == info.value.field


@given(
    st.lists(st.integers(0, 60 * 24 * 30), max_size=5),
    st.lists(st.booleans(), min_size=1, max_size=4),
    st.integers(-3 * 24, 40 * 24),
)
def test_balances_always_add_up_to_the_total(bonus_minutes, weeks_paused, hour):
    """At any moment the four buckets add up to the schedule's total, to the cent."""
    bonuses = [bonus(usd("12.34"), paid_at=at(1) + timedelta(minutes=m)) for m in bonus_minutes]
    weekly = []
    week = WEEK
    for paused in weeks_paused:
        pauses = [Pause(week.start + timedelta(days=2), week.start + timedelta(days=3))]
        weekly.append(weekly_payment(usd("99.99"), week=week, pauses=pauses if paused else []))
        week = week.next()
    plan = payout_schedule(invoices=[week_of_work()], bonuses=bonuses, weekly_payments=weekly)
    moment = at(1) + timedelta(hours=hour)
    balances = plan.balances(moment)
    assert plan.total == Money.total(balances.values(), "USD")
    expected_available = sum((i.amount for i in plan.items if i.available_at <= moment), usd(0))
    assert expected_available == balances[S.AVAILABLE]
    assert isinstance(plan.items[0], PayoutItem)


def test_payout_items_follow_their_weeks_calendar():
    """Red team r8, finding 5: hours and weekly payments are checked against their week.

    Invoiced after the week ends; hours available no earlier than the
    dispute window closes; amounts in whole cents.
    """
    (hours,) = payout_schedule(invoices=[week_of_work()]).items
    (weekly,) = payout_schedule(weekly_payments=[weekly_payment(usd(100), week=WEEK)]).items
    before_the_week = {"charged_at": at(1, month=1) - timedelta(days=365)}
    cases = [
        (
            hours,
            {**before_the_week, "review_ends": before_the_week["charged_at"]},
            "PayoutItem.available_at",
        ),
        (
            hours,
            {"available_at": hours.review_ends + timedelta(seconds=0.5)},
            "PayoutItem.available_at",
        ),
        (weekly, before_the_week, "PayoutItem.available_at"),
        (hours, {"amount": usd("50.001")}, "PayoutItem.amount"),
        (hours, {"protected_amount": usd("0.001")}, "PayoutItem.protected_amount"),
    ]
    for item, changes, field in cases:
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(item, **changes)
        assert field == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(hours, **before_the_week)
    assert "week end < invoice <= end of dispute window < window closes <= available" == (
        info.value.rule
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"share": Decimal("0.37")}, "WeeklyPayment.share"),  # in no table
        ({"share": Decimal(0)}, "WeeklyPayment.share"),  # the table's least is 20%
        ({"share": Decimal("0.8"), "basis": WeeklyPaymentBasis.CONTRACT_ENDED}, None),
        ({"available_at": at(8, 12) + timedelta(microseconds=1)}, "WeeklyPayment.available_at"),
        ({"invoiced_at": at(8, 11), "available_at": at(13, 11)}, "WeeklyPayment.available_at"),
    ],
)
def test_weekly_payment_share_and_moments_are_the_rules(changes, field):
    """Red team r8, finding 9: a started week's share is one of the table's, its moments the rules'."""
    started = weekly_payment(usd(100), week=WEEK, started=date(2024, 1, 3))
    assert (WeeklyPaymentBasis.CONTRACT_STARTED, Decimal("0.6")) == (started.basis, started.share)
    if field is None:
        assert Decimal("0.8") == attrs.evolve(started, **changes).share
        return
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(started, **changes)
    assert field == info.value.field


def test_weekly_payment_keeps_a_what_if_table():
    """A what-if table is kept with the payment, so its share loads back and is checked by it."""
    table = attrs.evolve(rules.CURRENT, weekly_payment_start_percent=(100, 90, 70, 50, 37, 37, 37))
    paid = weekly_payment(usd(100), week=WEEK, started=date(2024, 1, 5), rules=table)
    assert (Decimal("0.37"), table) == (paid.share, paid.rules)
    assert paid == serialize.from_json(WeeklyPayment, serialize.to_json(paid))
    data = serialize.to_dict(paid)
    del data["rules"]
    with pytest.raises(InvalidDataError):
        serialize.from_dict(WeeklyPayment, data)
    plain = weekly_payment(usd(100), week=WEEK)
    assert "rules" not in serialize.to_dict(plain)


_PERCENT_TABLES = st.tuples(*[st.integers(0, 100)] * 7)
#: When a contract may start (or end) relative to WEEK: before (after) it, or on one of its days.
_WEEK_DAYS = tuple(date(2024, 1, 1) + timedelta(days=i) for i in range(7))
_STARTS = (None, date(2023, 12, 1), *_WEEK_DAYS)
_ENDS = (None, date(2024, 2, 1), *_WEEK_DAYS)


def _a_pause_in_run(week, started):
    """An hour's pause in *week* on a day the contract ran (pauses outside its run are refused)."""
    day = (
        week.start
        if started is None or started < week.start.date()
        else week.start.replace(day=started.day, month=started.month, year=started.year)
    )
    return (Pause(day + timedelta(hours=9), day + timedelta(hours=10)),)


@given(_PERCENT_TABLES, _PERCENT_TABLES)
def test_weekly_payment_builds_exactly_the_shares_its_constructor_allows(start, end):
    """Review 8, finding 3: under any weekday tables, a share is built for a basis iff it loads.

    Every week weekly_payment() can price (paused or not, started and ended
    on any day in or around it) gives a (basis, share) the constructor
    accepts, and every whole percentage the constructor accepts for a basis
    is one the builder gives.
    """
    table = attrs.evolve(
        rules.CURRENT, weekly_payment_start_percent=start, weekly_payment_end_percent=end
    )
    built = {
        (paid.basis, paid.share)
        for paused in (False, True)
        for started in _STARTS
        for ended in _ENDS
        if started is None or ended is None or started <= ended
        for paid in [
            weekly_payment(
                usd(100),
                week=WEEK,
                started=started,
                ended=ended,
                pauses=_a_pause_in_run(WEEK, started) if paused else (),
                rules=table,
            )
        ]
    }
    template = weekly_payment(usd(100), week=WEEK, rules=table)
    loads = set()
    for basis in WeeklyPaymentBasis:
        for percent in range(101):
            share = Decimal(percent) / 100
            try:
                attrs.evolve(template, basis=basis, share=share)
            except InvalidValueError as error:
                assert "WeeklyPayment.share" == error.field
            else:
                loads.add((basis, share))
    assert built == loads


# --- ninth outside review (red team r9b) ------------------------------------------


def test_an_edited_weekly_payment_names_every_rule_it_changed():
    """Red team r9b, finding 1: rules edited under the published name are named, as on an invoice.

    A file that keeps the preset's name but gives every weekday 100% and a
    one-day hold loads (it says what those rules give), and
    rules_changed, the repr and the notebook table name both changed rules;
    under the published rules the list is empty.
    """
    paid = weekly_payment(usd("150.00"), week=WEEK, started=date(2024, 1, 5))
    assert ((), Decimal("0.2")) == (paid.rules_changed, paid.share)
    assert "what-if" not in repr(paid)
    assert "what-if" not in paid._repr_html_()
    data = serialize.to_dict(paid)
    edited = serialize.to_dict(rules.CURRENT)
    edited.update(weekly_payment_start_percent=[100] * 7, security_period="86400")
    data.update(rules=edited, share="1", available_at="2024-01-09T12:00:00+00:00")
    loaded = serialize.from_dict(WeeklyPayment, data)
    assert (usd("150.00"), rules.CURRENT.name) == (loaded.amount, loaded.rules.name)
    changed = ("security_period", "weekly_payment_start_percent")
    assert changed == loaded.rules_changed
    assert "what-if rules: security_period, weekly_payment_start_percent" in repr(loaded)
    assert "what-if rules: security_period, weekly_payment_start_percent" in loaded._repr_html_()


def test_weekly_payment_and_invoice_share_one_rules_comparison():
    """Red team r9b, finding 1: a payment and an invoice of one week under one what-if agree."""
    table = attrs.evolve(rules.CURRENT, weekly_payment_start_percent=(100, 80, 60, 40, 37, 0, 0))
    paid = weekly_payment(usd(100), week=WEEK, started=date(2024, 1, 5), rules=table)
    bill = invoice([], week=WEEK, rate=usd(10), rules=table)
    assert (Decimal("0.37"), ("weekly_payment_start_percent",)) == (paid.share, paid.rules_changed)
    assert bill.rules_changed == paid.rules_changed


@pytest.mark.parametrize("started", [date(2024, 1, 1) + timedelta(days=i) for i in range(7)])
def test_published_rules_pay_a_started_week_twenty_percent_at_least(started):
    """Red team r9b, finding 1: under the published rules a started week pays 20% to 100%.

    Never 37%, never nothing, whatever the weekday; 37% or nothing loads
    only under rules that say so, which rules_changed names.
    """
    paid = weekly_payment(usd(100), week=WEEK, started=started)
    assert Decimal("0.2") <= paid.share <= 1
    for share in (Decimal("0.37"), Decimal(0)):
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(paid, share=share)
        assert ("WeeklyPayment.share", "a share the rules' table gives for the basis") == (
            info.value.field,
            info.value.rule,
        )


def _item(*args):
    """A PayoutItem from (kind, amount, charged, review, available[, protected, week])."""
    kind, amount, charged, review, available, protected, week = (*args, "0.00", None)[:7]
    return PayoutItem(
        kind=kind,
        amount=usd(amount),
        charged_at=charged,
        review_ends=review,
        available_at=available,
        protected_amount=usd(protected),
        week=week,
    )


@pytest.mark.parametrize(
    "args",
    [
        # a zero bonus: no Bonus can be worth nothing
        (PayoutKind.BONUS, "0.00", at(7), None, at(12)),
        # a bonus held for a microsecond, not the security period
        (PayoutKind.BONUS, "50.00", at(7), None, at(7) + timedelta(microseconds=1)),
        # a weekly payment charged a microsecond after the week, available a microsecond later
        (
            PayoutKind.WEEKLY_PAYMENT,
            "150.00",
            at(8) + timedelta(microseconds=1),
            None,
            at(8) + timedelta(microseconds=2),
            "0.00",
            WEEK,
        ),
        # hours available one second after the dispute window closes, the window itself moved
        (
            PayoutKind.HOURS,
            "100.00",
            at(8) + timedelta(microseconds=1),
            at(8) + timedelta(microseconds=1),
            at(8, 0, 0, 1) + timedelta(microseconds=1),
            "100.00",
            WEEK,
        ),
    ],
)
def test_a_payout_item_follows_its_rules_calendar(args):
    """Red team r9b, finding 3: a PayoutItem's moments are the ones its rules give, not just in order.

    Each of these kept the calendar's order but no source could give it
    under the published rules; each is refused naming the moments' rule.
    """
    with pytest.raises(InvalidValueError) as info:
        _item(*args)
    assert info.value.field in {"PayoutItem.available_at", "PayoutItem.amount"}
    assert info.value.rule in {"the moments its rules give", "more than zero"}


def test_a_payout_item_built_by_hand_from_the_calendar_loads():
    """Red team r9b, finding 3: items with the published calendar's moments are accepted."""
    cal = WEEK.calendar()
    top = WEEK.calendar(top_rated=True)
    for calendar in (cal, top):
        item = _item(
            PayoutKind.HOURS,
            "60.00",
            calendar.invoiced_at,
            calendar.dispute_window_ends,
            calendar.available_at,
            "60.00",
            WEEK,
        )
        assert ((), rules.CURRENT) == (item.rules_changed, item.rules)
    extra = _item(PayoutKind.BONUS, "5.00", at(7), None, at(12))
    assert () == extra.rules_changed
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(extra, available_at=at(13))
    assert ("PayoutItem.available_at", "the moments its rules give") == (
        info.value.field,
        info.value.rule,
    )


def test_a_what_if_schedule_keeps_its_rules_end_to_end():
    """Red team r9b, finding 3: a schedule built under what-if rules keeps them and names them.

    The items carry the rules of what they come from, so the what-if's
    moments load back from JSON and pickle, and rules_changed (also a
    column of to_records) names the changed rules; the published items
    name none.
    """
    quick = attrs.evolve(
        rules.CURRENT,
        security_period=timedelta(days=1),
        hourly_available_delay=timedelta(days=6),
    )
    hours = invoice(
        [TimeEntry(at(2, 9), at(2, 11), memo="api", activity=6)],
        week=WEEK,
        rate=usd(30),
        client_verified=True,
        rules=quick,
    )
    weekly = weekly_payment(usd(100), week=WEEK, rules=quick)
    extra = bonus(usd(50), paid_at=at(10, 15), rules=quick)
    plain = bonus(usd(5), paid_at=at(10, 15))
    plan = payout_schedule(invoices=[hours], bonuses=[extra, plain], weekly_payments=[weekly])
    changed = {item.kind: item.rules_changed for item in plan.items if item.amount != usd(5)}
    assert {
        PayoutKind.HOURS: ("hourly_available_delay", "security_period"),
        PayoutKind.BONUS: ("hourly_available_delay", "security_period"),
        PayoutKind.WEEKLY_PAYMENT: ("hourly_available_delay", "security_period"),
    } == {kind: tuple(sorted(names)) for kind, names in changed.items()}
    assert [at(10, 15) + timedelta(days=1)] == [
        i.available_at for i in plan.items if i.kind is PayoutKind.BONUS and i.amount == usd(50)
    ]
    by_amount = {row["amount"]: row["rules_changed"] for row in plan.to_records()}
    assert "" == by_amount[Decimal(5)]
    assert "security_period" in by_amount[Decimal(50)]
    assert plan == serialize.from_json(PayoutSchedule, serialize.to_json(plan))
    assert plan == pickle.loads(pickle.dumps(plan))
    data = serialize.to_dict(plan)
    for item in data["items"]:
        item.pop("rules", None)  # drop the what-if: the moments no longer fit
    with pytest.raises(InvalidDataError):
        serialize.from_dict(PayoutSchedule, data)


def test_an_edited_bonus_hold_is_refused_and_a_what_if_named():
    """Red team r9b, finding 5: a Bonus's hold is its rules' security period, not just later.

    A microsecond's hold was accepted; now the hold must be the security
    period of the rules the bonus carries (in force at paid_at by default),
    and a what-if hold is kept, loads back and is named by rules_changed.
    """
    extra = bonus(usd(50), paid_at=at(10))
    assert () == extra.rules_changed
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(extra, available_at=at(10) + timedelta(microseconds=1))
    assert ("Bonus.available_at", "paid_at plus rules.security_period") == (
        info.value.field,
        info.value.rule,
    )
    quick = attrs.evolve(rules.CURRENT, security_period=timedelta(days=1))
    fast = bonus(usd(50), paid_at=at(10), rules=quick)
    assert (at(11), ("security_period",)) == (fast.available_at, fast.rules_changed)
    assert "what-if rules: security_period" in fast._repr_html_()
    assert fast == serialize.from_json(Bonus, serialize.to_json(fast))
    assert "rules" not in serialize.to_dict(extra)


def test_a_week_given_twice_is_named_at_the_callers_argument():
    """Red team r9b, finding 7: the duplicate is the caller's invoices[2], not a sorted position."""
    bill, later = week_of_work(), invoice([], week=WEEK.next(), rate=usd(30))
    with pytest.raises(InvalidValueError) as info:
        payout_schedule(invoices=[bill, later, bill])
    assert ("invoices[2]", "one invoice and one weekly payment per week") == (
        info.value.field,
        info.value.rule,
    )
    assert "invoices[0]" in str(info.value)
    paid = weekly_payment(usd(100), week=WEEK)
    with pytest.raises(InvalidValueError) as info:
        payout_schedule(invoices=[bill], weekly_payments=[paid, paid])
    assert "weekly_payments[1]" == info.value.field


def test_negative_zero_is_no_share_and_no_payout_amount():
    """Red team r9b, finding 6: a share of -0 and a payout amount of -0.00 are refused, not kept.

    Both equal zero, so the range checks let them through and "-0.00" was
    written back out; each is refused under its field's existing rule.
    """
    paused = weekly_payment(usd(150), week=WEEK, pauses=[Pause(at(2, 9), at(2, 10))])
    assert "0" == str(paused.share)
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(paused, share=Decimal("-0"))
    assert ("WeeklyPayment.share", "0 to 1") == (info.value.field, info.value.rule)
    data = serialize.to_dict(paused)
    data["share"] = "-0"
    with pytest.raises(InvalidDataError):
        serialize.from_dict(WeeklyPayment, data)
    (item,) = payout_schedule(weekly_payments=[paused]).items
    for name in ("amount", "protected_amount"):
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(item, **{name: usd("-0.00")})
        assert (f"PayoutItem.{name}", "not negative") == (info.value.field, info.value.rule)
    assert '"-0' not in serialize.to_json(payout_schedule(weekly_payments=[paused]))


def test_the_last_supported_weeks_calendar_is_built_but_not_taken_back_as_input():
    """Red team r9b, finding 8 (documented): the last week is paid; its 9991 moments are no input.

    Invoices and weekly payments of the week holding 9990-12-31 build and
    round-trip; passing one of their calendar moments back as ``at`` is
    refused with the one input bound (as docs/hourly.md says), never
    answered wrongly.
    """
    last = billing_week(datetime(9990, 12, 31, tzinfo=UTC))
    paid = weekly_payment(usd(1), week=last)
    bill = invoice([], week=last, rate=usd(1))
    assert bill == serialize.from_json(type(bill), serialize.to_json(bill))
    assert S.UPCOMING == paid.status(datetime(9990, 12, 31, 23, tzinfo=UTC))
    for query in (
        lambda: paid.status(paid.available_at),
        lambda: bill.calendar.in_dispute_window(bill.invoiced_at),
    ):
        with pytest.raises(InvalidValueError) as info:
            query()
        assert ("at", "on or before 9990-12-31") == (info.value.field, info.value.rule)
