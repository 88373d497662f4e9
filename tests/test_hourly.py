"""Tests for upwork_safety.hourly: billing week, segments, Hourly Protection, calendar, disputes."""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety import hourly, models, rules, serialize
from upwork_safety.errors import InvalidDataError, InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.hourly import (
    BillingWeek,
    HoursDispute,
    Segment,
    TimeEntry,
    UnprotectedReason,
    WeeklyInvoice,
    billing_week,
    dispute_response,
    invoice,
    invoice_for,
    payout_calendar,
    weeks_of,
)
from upwork_safety.models import Client, Contract, ContractKind
from upwork_safety.money import Money

UTC = timezone.utc
KARACHI = timezone(timedelta(hours=5))
NEW_YORK = timezone(timedelta(hours=-5))
USD = "USD"
R = UnprotectedReason

#: Monday 2024-01-01 00:00 UTC, the week most examples use.
WEEK = BillingWeek(datetime(2024, 1, 1, tzinfo=UTC))


def at(day, hour=0, minute=0, second=0, micro=0, *, tz=UTC):
    """A moment in January 2024 (day 1 is the Monday that opens WEEK)."""
    return datetime(2024, 1, day, hour, minute, second, micro, tzinfo=tz)


def entry(start, end, *, manual=False, memo="work", activity=5):
    return TimeEntry(start, end, manual=manual, memo=memo, activity=activity)


def usd(amount):
    return Money(amount, USD)


# --- billing week -------------------------------------------------------------


CALENDARS = [
    # (moment, week start, invoiced, dispute window ends, available)
    pytest.param(
        datetime(2024, 1, 3, 15, 30, tzinfo=UTC),
        datetime(2024, 1, 1, tzinfo=UTC),
        datetime(2024, 1, 8, 12, tzinfo=UTC),
        datetime(2024, 1, 12, 23, 59, 59, tzinfo=UTC),
        datetime(2024, 1, 17, tzinfo=UTC),
        id="plain-week",
    ),
    pytest.param(
        datetime(2024, 2, 1, 9, tzinfo=UTC),
        datetime(2024, 1, 29, tzinfo=UTC),
        datetime(2024, 2, 5, 12, tzinfo=UTC),
        datetime(2024, 2, 9, 23, 59, 59, tzinfo=UTC),
        datetime(2024, 2, 14, tzinfo=UTC),
        id="month-boundary",
    ),
    pytest.param(
        datetime(2024, 2, 29, 23, tzinfo=UTC),
        datetime(2024, 2, 26, tzinfo=UTC),
        datetime(2024, 3, 4, 12, tzinfo=UTC),
        datetime(2024, 3, 8, 23, 59, 59, tzinfo=UTC),
        datetime(2024, 3, 13, tzinfo=UTC),
        id="leap-day",
    ),
    pytest.param(
        datetime(2025, 1, 1, tzinfo=UTC),
        datetime(2024, 12, 30, tzinfo=UTC),
        datetime(2025, 1, 6, 12, tzinfo=UTC),
        datetime(2025, 1, 10, 23, 59, 59, tzinfo=UTC),
        datetime(2025, 1, 15, tzinfo=UTC),
        id="year-boundary",
    ),
    pytest.param(
        datetime(2024, 1, 8, 3, 0, tzinfo=KARACHI),  # Sunday 22:00 UTC
        datetime(2024, 1, 1, tzinfo=UTC),
        datetime(2024, 1, 8, 12, tzinfo=UTC),
        datetime(2024, 1, 12, 23, 59, 59, tzinfo=UTC),
        datetime(2024, 1, 17, tzinfo=UTC),
        id="karachi-monday-is-utc-sunday",
    ),
    pytest.param(
        datetime(2024, 1, 7, 20, 0, tzinfo=NEW_YORK),  # Monday 01:00 UTC
        datetime(2024, 1, 8, tzinfo=UTC),
        datetime(2024, 1, 15, 12, tzinfo=UTC),
        datetime(2024, 1, 19, 23, 59, 59, tzinfo=UTC),
        datetime(2024, 1, 24, tzinfo=UTC),
        id="new-york-sunday-is-utc-monday",
    ),
]


@pytest.mark.parametrize(("moment", "start", "invoiced", "window_ends", "available"), CALENDARS)
def test_billing_week_and_calendar_pinned(moment, start, invoiced, window_ends, available):
    """The week of a moment and its invoice, dispute-window end and payout are the published ones."""
    week = billing_week(moment)
    calendar = week.calendar()
    assert start == week.start
    assert start + timedelta(days=7) - timedelta(microseconds=1) == week.end
    assert invoiced == calendar.invoiced_at
    assert invoiced == calendar.edits_close
    assert window_ends == calendar.dispute_window_ends
    assert available == calendar.available_at
    assert calendar.available_at.weekday() == 2  # Wednesday
    assert calendar.dispute_window_ends.weekday() == 4  # Friday
    assert week.start.tzinfo == UTC


def test_week_boundary_microseconds():
    """Sunday 23:59:59.999999 UTC is the week's last moment; Monday 00:00 opens the next."""
    last = datetime(2024, 1, 7, 23, 59, 59, 999999, tzinfo=UTC)
    assert billing_week(last) == WEEK
    assert WEEK.next() == billing_week(last + timedelta(microseconds=1))
    assert last == WEEK.end
    assert WEEK.contains(last)
    assert last in WEEK
    assert not WEEK.contains(last + timedelta(microseconds=1))
    assert not WEEK.contains(WEEK.start - timedelta(microseconds=1))
    assert WEEK.contains(at(1, 5, tz=KARACHI))  # Monday 00:00 UTC exactly
    assert datetime(2024, 1, 8, tzinfo=UTC) == WEEK.closes_at


def test_week_navigation_and_text():
    """previous() and next() step one week, across a year boundary too."""
    new_year = billing_week(datetime(2025, 1, 2, tzinfo=UTC))
    assert datetime(2024, 12, 23, tzinfo=UTC) == new_year.previous().start
    assert datetime(2025, 1, 6, tzinfo=UTC) == new_year.next().start
    assert new_year == new_year.next().previous()
    assert str(new_year) == "2024-12-30 → 2025-01-05 (UTC)"


@pytest.mark.parametrize(
    ("moment", "step"),
    [
        pytest.param(datetime(1, 1, 3, tzinfo=UTC), BillingWeek.previous, id="first-week"),
        pytest.param(datetime(9990, 12, 31, tzinfo=UTC), BillingWeek.next, id="last-week"),
    ],
)
def test_week_navigation_stops_at_the_supported_calendar(moment, step):
    """Stepping past the first or last supported week is an InvalidValueError, not OverflowError."""
    edge = billing_week(moment)
    with pytest.raises(InvalidValueError) as info:
        step(edge)
    assert "BillingWeek.start" == info.value.field
    assert "a week starting 0001-01-01 to 9990-12-31" == info.value.rule


def test_week_navigation_reaches_both_ends():
    """The weeks next to the ends are still reachable: 0001-01-08 back to 0001-01-01, and on to 9990-12-31."""
    assert (
        datetime(1, 1, 1, tzinfo=UTC)
        == billing_week(datetime(1, 1, 8, tzinfo=UTC)).previous().start
    )
    last = billing_week(datetime(9990, 12, 24, tzinfo=UTC)).next()
    assert datetime(9990, 12, 31, tzinfo=UTC) == last.start


def test_week_start_in_another_zone_is_kept_in_utc():
    """A Monday 00:00 UTC given in Karachi time is the same week, stored in UTC."""
    week = BillingWeek(datetime(2024, 1, 1, 5, 0, tzinfo=KARACHI))
    assert week == WEEK
    assert week.start.tzinfo == UTC


@pytest.mark.parametrize(
    "start",
    [
        datetime(2024, 1, 2, tzinfo=UTC),  # a Tuesday
        datetime(2024, 1, 1, 0, 0, 0, 1, tzinfo=UTC),  # Monday, one microsecond late
        datetime(2024, 1, 1, tzinfo=KARACHI),  # Sunday 19:00 UTC
    ],
)
def test_week_start_must_be_monday_midnight_utc(start):
    """A BillingWeek must start on a Monday 00:00 UTC."""
    with pytest.raises(InvalidValueError) as info:
        BillingWeek(start)
    assert "BillingWeek.start" == info.value.field


def test_naive_and_wrong_types_refused():
    """Naive datetimes and non-datetimes are refused, naming the argument."""
    with pytest.raises(InvalidValueError) as info:
        billing_week(datetime(2024, 1, 1))
    assert "at" == info.value.field
    with pytest.raises(InvalidTypeError) as info:
        billing_week(date(2024, 1, 1))
    assert "at" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        BillingWeek(datetime(2024, 1, 1))
    assert "BillingWeek.start" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        WEEK.contains(datetime(2024, 1, 2))
    assert "at" == info.value.field


@given(
    st.datetimes(
        min_value=datetime(2000, 1, 3),
        max_value=datetime(2100, 1, 1),
        timezones=st.sampled_from([UTC, KARACHI, NEW_YORK, timezone(timedelta(hours=14))]),
    )
)
def test_billing_week_contains_its_moment(moment):
    """The week of any moment, in any zone, is a Monday-00:00-UTC week that contains it."""
    week = billing_week(moment)
    assert week.contains(moment)
    assert week.start.weekday() == 0
    assert timedelta(0) <= moment - week.start < timedelta(days=7)
    assert week == billing_week(week.end) == billing_week(week.start)


def test_weeks_of_entries():
    """weeks_of lists every week an entry touches; an end at Monday 00:00 is exclusive."""
    entries = [
        entry(at(14, 23), at(15, 1)),  # Sunday night into Monday: two weeks
        entry(at(3, 9), at(8)),  # ends exactly as the next week opens
    ]
    assert (WEEK, WEEK.next(), WEEK.next().next()) == weeks_of(entries)
    assert weeks_of([]) == ()


def test_weeks_of_the_last_supported_week():
    """Red team r8, finding 3: an entry in the last supported week lists that week, no error."""
    last_day = datetime(9990, 12, 31, 9, tzinfo=UTC)
    late = entry(last_day, last_day + timedelta(hours=1))
    week = billing_week(last_day)
    assert (week,) == weeks_of([late])
    spanning = entry(week.start - timedelta(hours=1), last_day)
    assert (week.previous(), week) == weeks_of([spanning])


def test_weeks_of_refuses_overlapping_entries_as_invoice_does():
    """Red team r20 M2: overlapping entries were accepted; now refused with invoice's error."""
    first = entry(at(1, 9), at(1, 12))
    again = entry(at(1, 11), at(1, 13))
    with pytest.raises(InvalidValueError) as listed:
        weeks_of([first, again])
    with pytest.raises(InvalidValueError) as billed:
        invoice([first, again], week=WEEK, rate=usd("10"))
    assert ("entries[1]", "entries do not overlap") == (listed.value.field, listed.value.rule)
    assert (billed.value.field, billed.value.rule) == (listed.value.field, listed.value.rule)
    # The same entry twice overlaps itself too (the red team's 8 copies took 12.8 s).
    with pytest.raises(InvalidValueError):
        weeks_of([first, first])


def test_weeks_of_refuses_more_than_max_weeks_before_building_them():
    """Red team r20 M2: one entry from year 1 to 9990 gave 521,253 weeks; now refused at once."""
    assert 100_000 == hourly.MAX_WEEKS
    whole = entry(datetime(1, 1, 1, tzinfo=UTC), datetime(9990, 12, 31, tzinfo=UTC))
    with pytest.raises(InvalidValueError) as refused:
        weeks_of([whole])
    assert ("entries", "at most 100,000 weeks") == (refused.value.field, refused.value.rule)
    assert "521,253" in str(refused.value)


def test_weeks_of_counts_each_week_once_against_the_limit(monkeypatch):
    """Weeks shared by entries count once; weeks between entries do not count at all."""
    monkeypatch.setattr(hourly._week, "MAX_WEEKS", 3)
    sunday_night = entry(at(14, 23), at(15, 1))  # weeks of 8 and 15 January
    same_week = entry(at(3, 9), at(3, 10))  # week of 1 January
    far = entry(datetime(2030, 1, 1, 9, tzinfo=UTC), datetime(2030, 1, 1, 10, tzinfo=UTC))
    monday = BillingWeek(datetime(2024, 1, 8, tzinfo=UTC))
    assert (WEEK, monday, monday.next()) == weeks_of([sunday_night, same_week, entry(at(8), at(9))])
    with pytest.raises(InvalidValueError) as refused:
        weeks_of([sunday_night, same_week, far])
    assert ("entries", "at most 3 weeks") == (refused.value.field, refused.value.rule)


@st.composite
def _diaries(draw):
    """Entries that do not overlap, in any order, minutes to weeks long and apart."""
    moment = WEEK.start - timedelta(days=draw(st.integers(0, 6)))
    entries = []
    for _ in range(draw(st.integers(0, 6))):
        moment += timedelta(minutes=draw(st.integers(0, 3 * 7 * 24 * 60)))
        length = timedelta(minutes=draw(st.integers(1, 3 * 7 * 24 * 60)))
        entries.append(entry(moment, moment + length))
        moment += length
    return draw(st.permutations(entries))


@given(_diaries())
def test_weeks_of_is_every_week_an_entry_touches(entries):
    """weeks_of equals walking each entry week by week (how it was counted before r20 M2)."""
    walked = set()
    for item in entries:
        week = billing_week(item.start)
        while week.start < item.end:
            walked.add(week)
            week = week.next()
    assert sorted(walked, key=lambda w: w.start) == list(weeks_of(entries))


# --- payout calendar -----------------------------------------------------------


def test_top_rated_paid_right_after_the_dispute_window():
    """Top Rated pay is available the second after Friday 23:59:59, not on Wednesday."""
    calendar = payout_calendar(WEEK, top_rated=True)
    assert datetime(2024, 1, 13, tzinfo=UTC) == calendar.available_at
    assert calendar.hold_skipped
    assert calendar.top_rated
    assert calendar.to_records()[-1]["source"] == "HC 360047676133 (Top Rated)"


@pytest.mark.parametrize(
    ("monday", "skipped", "available"),
    [
        # Invoiced Monday 2020-05-04: the first week the Top Rated release applies.
        (datetime(2020, 4, 27, tzinfo=UTC), True, datetime(2020, 5, 9, tzinfo=UTC)),
        # Invoiced 2020-04-27, before the change: the usual Wednesday.
        (datetime(2020, 4, 20, tzinfo=UTC), False, datetime(2020, 5, 6, tzinfo=UTC)),
    ],
)
def test_top_rated_release_starts_2020_05_04(monday, skipped, available):
    """The Top Rated early release applies to weeks invoiced from 2020-05-04."""
    calendar = payout_calendar(BillingWeek(monday), top_rated=True)
    assert skipped == calendar.hold_skipped
    assert available == calendar.available_at


def test_calendar_records_and_html():
    """The calendar renders as five rows in time order and as an HTML table."""
    calendar = payout_calendar(WEEK)
    records = calendar.to_records()
    assert [
        WEEK.start,
        WEEK.end,
        datetime(2024, 1, 8, 12, tzinfo=UTC),
        datetime(2024, 1, 12, 23, 59, 59, tzinfo=UTC),
        datetime(2024, 1, 17, tzinfo=UTC),
    ] == [r["when"] for r in records]
    assert records[-1]["source"] == "HC 211063698"
    html = calendar._repr_html_()
    assert html.startswith("<table><caption>Payout calendar, week 2024-01-01")
    assert "2024-01-17 00:00:00+00:00" in html


def test_calendar_argument_errors():
    """payout_calendar refuses a non-week, a non-bool flag, foreign rules and disordered rules."""
    with pytest.raises(InvalidTypeError) as info:
        payout_calendar(WEEK.start)
    assert "week" == info.value.field
    with pytest.raises(InvalidTypeError) as info:
        payout_calendar(WEEK, top_rated=1)
    assert "top_rated" == info.value.field
    with pytest.raises(InvalidTypeError) as info:
        payout_calendar(WEEK, rules={"hourly_segment": 10})
    assert "rules" == info.value.field


def test_calendar_validates_direct_construction():
    """A PayoutCalendar built by hand must have a week and moments in order."""
    good = payout_calendar(WEEK)
    with pytest.raises(InvalidTypeError) as info:
        attrs.evolve(good, week=WEEK.start)
    assert "PayoutCalendar.week" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(good, available_at=good.invoiced_at)
    assert "PayoutCalendar.available_at" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(good, dispute_window_ends=datetime(2024, 1, 12))
    assert "PayoutCalendar.dispute_window_ends" == info.value.field


# --- segments and protection --------------------------------------------------


def test_protected_week():
    """Tracked time with a memo and activity for a verified client is all protected."""
    result = invoice(
        [entry(at(2, 9), at(2, 11))], week=WEEK, rate=usd("30.00"), client_verified=True
    )
    assert len(result.segments) == 12
    assert Decimal("2.00") == result.billable_hours
    assert Decimal("2.00") == result.protected_hours
    assert Decimal("0.00") == result.unprotected_hours
    assert Decimal("0.00") == result.over_limit_hours
    assert usd("60.00") == result.amount
    assert usd("60.00") == result.protected_amount
    assert usd("0.00") == result.unprotected_amount
    assert result.time_by_reason() == {}
    assert all(s.protected and s.billed for s in result.segments)


@pytest.mark.parametrize(
    ("kwargs", "verified", "expected"),
    [
        ({}, True, ()),
        ({"manual": True, "activity": None}, True, (R.MANUAL, R.LOW_ACTIVITY)),
        ({"manual": True}, True, (R.MANUAL,)),
        ({"memo": ""}, True, (R.NO_MEMO,)),
        ({"memo": "   "}, True, (R.NO_MEMO,)),
        ({"activity": 0}, True, (R.LOW_ACTIVITY,)),
        ({"activity": None}, True, (R.LOW_ACTIVITY,)),
        ({"activity": 1}, True, ()),
        ({}, False, (R.CLIENT_UNVERIFIED,)),
        (
            {"manual": True, "memo": "", "activity": None},
            False,
            (R.MANUAL, R.NO_MEMO, R.LOW_ACTIVITY, R.CLIENT_UNVERIFIED),
        ),
    ],
)
def test_protection_reasons(kwargs, verified, expected):
    """Each kind of segment carries exactly the reasons Hourly Protection does not cover it."""
    result = invoice(
        [entry(at(2, 9), at(2, 9, 20), **kwargs)],
        week=WEEK,
        rate=usd("20.00"),
        client_verified=verified,
    )
    assert [expected, expected] == [s.reasons for s in result.segments]
    assert (not expected) == result.segments[0].protected
    assert result.segments[0].billed


def test_activity_threshold_is_a_rule():
    """The activity threshold comes from the rules and can be changed for a what-if."""
    strict = attrs.evolve(rules.CURRENT, hourly_minimum_activity=5)
    low = invoice(
        [entry(at(2, 9), at(2, 9, 10), activity=4)],
        week=WEEK,
        rate=usd(10),
        rules=strict,
        client_verified=True,
    )
    ok = invoice(
        [entry(at(2, 9), at(2, 9, 10), activity=5)],
        week=WEEK,
        rate=usd(10),
        rules=strict,
        client_verified=True,
    )
    assert low.segments[0].reasons == (R.LOW_ACTIVITY,)
    assert ok.segments[0].reasons == ()


def test_reason_explanations_cite_sources():
    """Every reason explains itself and cites its Help Center article."""
    assert (
        R.OVER_LIMIT.explanation
    ) == "logged after the weekly limit was reached: not invoiced (HC 211063668)"
    for reason in R:
        assert "HC 2110" in reason.explanation


def test_slot_shared_by_two_entries_takes_every_reason():
    """A slot holding a tracked and a manual stretch is protected only if both are."""
    result = invoice(
        [
            entry(at(2, 9, 5), at(2, 9, 10), manual=True, memo="call", activity=None),
            entry(at(2, 9), at(2, 9, 5), memo="code", activity=7),
        ],
        week=WEEK,
        rate=usd(60),
        client_verified=True,
    )
    (segment,) = result.segments
    assert segment.reasons == (R.MANUAL, R.LOW_ACTIVITY)
    assert segment.entries == (1, 0)
    assert segment.memo == "code / call"
    assert segment.activity is None
    assert segment.manual
    assert timedelta(minutes=10) == segment.logged


def test_segment_memo_and_activity_merge():
    """Repeated memos are listed once, and the lowest activity level is the segment's."""
    result = invoice(
        [
            entry(at(2, 9), at(2, 9, 4), memo="api", activity=8),
            entry(at(2, 9, 4), at(2, 9, 7), memo="api", activity=3),
            entry(at(2, 9, 7), at(2, 9, 10), memo="", activity=9),
        ],
        week=WEEK,
        rate=usd(60),
        client_verified=True,
    )
    (segment,) = result.segments
    assert segment.memo == "api"
    assert segment.activity == 3
    assert segment.reasons == (R.NO_MEMO,)


def test_a_crowded_slot_lists_each_memo_once_in_first_seen_order():
    """Red team r9b, finding 2: de-duplicating a slot's memos keeps the first of each, in order.

    Thousands of entries in one slot, memos repeating and padded with
    spaces: the segment lists each memo once, where it first appears (the
    look-up is now a hash, not a list scan; benchmarks/test_bench_hostile.py
    measures the cost).
    """
    count = 3_000
    step = timedelta(minutes=10) / count
    names = ["b", " a ", "c", "a", "b ", ""]
    diary = [
        entry(at(2, 9) + step * i, at(2, 9) + step * (i + 1), memo=names[i % 6], activity=5)
        for i in range(count)
    ]
    (segment,) = invoice(diary, week=WEEK, rate=usd(60), client_verified=True).segments
    assert "b / a / c" == segment.memo
    assert (R.NO_MEMO,) == segment.reasons
    distinct = [
        entry(at(2, 9) + step * i, at(2, 9) + step * (i + 1), memo=f"m{i % 1000}")
        for i in range(count)
    ]
    (segment,) = invoice(distinct, week=WEEK, rate=usd(60)).segments
    assert [f"m{i}" for i in range(1000)] == segment.memo.split(" / ")


# --- whole segments -----------------------------------------------------------


def test_partial_slots_round_to_the_nearest_segment():
    """09:03–11:47 covers 15 full slots and two 7-minute ends: 17 whole segments."""
    result = invoice(
        [entry(at(2, 9, 3), at(2, 11, 47))], week=WEEK, rate=usd(60), client_verified=True
    )
    assert len(result.segments) == 17
    assert timedelta(hours=2, minutes=44) == result.logged_time
    assert timedelta(hours=2, minutes=50) == result.billable_time
    assert at(2, 9) == result.segments[0].start
    assert timedelta(minutes=7) == result.segments[0].logged
    assert at(2, 11, 50) == result.segments[-1].end
    assert usd("170.00") == result.amount


@pytest.mark.parametrize(
    ("minutes", "segments"),
    [
        (timedelta(minutes=4, seconds=59, microseconds=999999), 0),
        (timedelta(minutes=5), 1),
        (timedelta(minutes=10), 1),
    ],
)
def test_half_a_segment_is_the_threshold(minutes, segments):
    """A slot needs at least 5 logged minutes (the default rule) to bill one segment."""
    result = invoice(
        [entry(at(2, 9), at(2, 9) + minutes)], week=WEEK, rate=usd(60), client_verified=True
    )
    assert segments == len(result.segments)
    assert minutes == result.logged_time


def test_cautious_rule_counts_only_full_slots():
    """With hourly_partial_segment_minimum at 10 minutes, only fully logged slots bill."""
    cautious = attrs.evolve(rules.CURRENT, hourly_partial_segment_minimum=timedelta(minutes=10))
    result = invoice(
        [entry(at(2, 9, 3), at(2, 11, 47))],
        week=WEEK,
        rate=usd(60),
        rules=cautious,
        client_verified=True,
    )
    assert timedelta(hours=2, minutes=30) == result.billable_time


def test_entries_crossing_the_week_count_only_their_in_week_part():
    """A Sunday-night-to-Monday entry bills its Sunday part to this week, the rest to the next."""
    crossing = entry(at(7, 23), at(8, 1, 30))
    this = invoice([crossing], week=WEEK, rate=usd(60), client_verified=True)
    following = invoice([crossing], week=WEEK.next(), rate=usd(60), client_verified=True)
    before = entry(at(1) - timedelta(hours=2), at(1, 0, 30))
    assert timedelta(hours=1) == this.billable_time
    assert timedelta(hours=1, minutes=30) == following.billable_time
    assert (this.segments[0].entries[0], following.segments[0].entries[0]) == (0, 0)
    assert (
        timedelta(minutes=30)
        == invoice([before], week=WEEK, rate=usd(60), client_verified=True).billable_time
    )


def test_microsecond_at_the_week_edge_is_logged_but_not_billed():
    """One microsecond of Sunday is this week's logged time but not a billable segment."""
    late = entry(datetime(2024, 1, 7, 23, 59, 59, 999999, tzinfo=UTC), at(8, 0, 10))
    this = invoice([late], week=WEEK, rate=usd(60), client_verified=True)
    assert timedelta(microseconds=1) == this.logged_time
    assert this.segments == ()
    assert (
        timedelta(minutes=10)
        == invoice([late], week=WEEK.next(), rate=usd(60), client_verified=True).billable_time
    )


def test_entries_outside_the_week_are_ignored():
    """Entries from other weeks add nothing, even when given in any order."""
    result = invoice(
        [entry(at(10, 9), at(10, 10)), entry(at(2, 9), at(2, 10)), entry(at(8), at(8, 1))],
        week=WEEK,
        rate=usd(60),
        client_verified=True,
    )
    assert timedelta(hours=1) == result.billable_time
    assert {1} == {i for s in result.segments for i in s.entries}


def test_non_utc_entries():
    """Entries given in Karachi time land in the UTC slots and week they belong to."""
    result = invoice(
        [entry(at(8, 3, tz=KARACHI), at(8, 4, tz=KARACHI))],  # Sunday 22:00–23:00 UTC
        week=WEEK,
        rate=usd(60),
        client_verified=True,
    )
    assert datetime(2024, 1, 7, 22, tzinfo=UTC) == result.segments[0].start
    assert timedelta(hours=1) == result.billable_time


# --- weekly limit -------------------------------------------------------------


def test_weekly_limit_split_in_time_order():
    """With a 2-hour limit, the first 2 hours in time order bill and the last hour is over."""
    entries = [entry(at(3, 9), at(3, 10)), entry(at(2, 9), at(2, 11))]  # given out of order
    result = invoice(entries, week=WEEK, rate=usd("25.00"), weekly_limit=2, client_verified=True)
    assert Decimal("2.00") == result.billable_hours
    assert Decimal("1.00") == result.over_limit_hours
    assert Decimal(2) == result.weekly_limit
    assert all(s.entries == (1,) for s in result.billable_segments)
    assert all(s.entries == (0,) for s in result.over_limit_segments)
    assert all(s.reasons == (R.OVER_LIMIT,) for s in result.over_limit_segments)
    assert usd("50.00") == result.amount
    assert usd("50.00") == result.protected_amount
    assert {R.OVER_LIMIT: timedelta(hours=1)} == result.time_by_reason()


def test_fractional_weekly_limit_counts_whole_segments():
    """A 1.25-hour limit bills 7 segments (1:10); the 8th would pass the limit."""
    result = invoice(
        [entry(at(2, 9), at(2, 11))],
        week=WEEK,
        rate=usd(30),
        weekly_limit="1.25",
        client_verified=True,
    )
    assert timedelta(hours=1, minutes=10) == result.billable_time
    assert timedelta(minutes=50) == result.over_limit_time
    assert usd("35.00") == result.amount


def test_over_limit_segments_keep_their_other_reasons():
    """Over-limit manual time lists both reasons; it is neither billed nor protected."""
    result = invoice(
        [entry(at(2, 9), at(2, 9, 20), manual=True)],
        week=WEEK,
        rate=usd(30),
        weekly_limit="0.1",
        client_verified=True,
    )
    assert result.billable_segments == ()
    assert [s.reasons for s in result.segments] == [(R.OVER_LIMIT, R.MANUAL)] * 2
    assert result.unprotected_segments == ()
    assert usd("0.00") == result.amount


@pytest.mark.parametrize("limit", [0, -1, "0"])
def test_weekly_limit_must_be_positive(limit):
    """A weekly limit of zero or less is refused (None means no limit)."""
    with pytest.raises(InvalidValueError) as info:
        invoice([], week=WEEK, rate=usd(30), weekly_limit=limit, client_verified=True)
    assert "weekly_limit" == info.value.field


@pytest.mark.parametrize("limit", ["168.01", 169, 500])
def test_weekly_limit_is_at_most_a_week_as_for_a_contract(limit):
    """One rule for every weekly limit: the invoice's is a contract's (0 < hours <= 168)."""
    with pytest.raises(InvalidValueError) as info:
        invoice([], week=WEEK, rate=usd(30), weekly_limit=limit, client_verified=True)
    assert ("weekly_limit", "more than 0 and at most 168 hours") == (
        info.value.field,
        info.value.rule,
    )
    with pytest.raises(InvalidValueError) as built:
        Contract("c", "cl", ContractKind.HOURLY, date(2024, 1, 1), weekly_limit=limit)
    assert ("Contract.weekly_limit", info.value.rule) == (built.value.field, built.value.rule)
    whole_week = invoice([], week=WEEK, rate=usd(30), weekly_limit=168, client_verified=True)
    assert Decimal(168) == whole_week.weekly_limit
    with pytest.raises(InvalidValueError) as loaded:
        attrs.evolve(whole_week, weekly_limit=limit)
    assert "WeeklyInvoice.weekly_limit" == loaded.value.field


def test_weekly_limit_float_refused():
    """A float weekly limit is refused like any float number."""
    with pytest.raises(InvalidTypeError) as info:
        invoice([], week=WEEK, rate=usd(30), weekly_limit=2.5, client_verified=True)
    assert "weekly_limit" == info.value.field


# --- money --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "minutes", "expected"),
    [
        (usd("25.00"), 10, usd("4.17")),  # 4.1666…
        (usd("0.03"), 50, usd("0.03")),  # exactly 0.025: half up
        (usd("0.01"), 10, usd("0.00")),  # 0.001666…
        (usd("20.00"), 70, usd("23.33")),  # 23.333…
        (usd("15.50"), 600, usd("155.00")),
        (Money(1000, "JPY"), 10, Money(167, "JPY")),  # yen has no minor unit
    ],
)
def test_amount_rounds_half_up_to_the_minor_unit(rate, minutes, expected):
    """amount is exact billable time × rate, rounded half up to the currency's minor unit."""
    result = invoice(
        [entry(at(2, 9), at(2, 9) + timedelta(minutes=minutes))],
        week=WEEK,
        rate=rate,
        client_verified=True,
    )
    assert expected == result.amount


def test_protected_and_unprotected_amounts_add_up():
    """protected_amount + unprotected_amount is exactly the invoiced amount."""
    result = invoice(
        [entry(at(2, 9), at(2, 9, 10)), entry(at(2, 10), at(2, 10, 10), manual=True)],
        week=WEEK,
        rate=usd("25.00"),
        client_verified=True,
    )
    assert usd("8.33") == result.amount
    assert usd("4.17") == result.protected_amount
    assert usd("4.16") == result.unprotected_amount


@pytest.mark.parametrize("rate", [usd(0), "25.00", Decimal(25)])
def test_rate_must_be_positive_money(rate):
    """The rate must be positive Money."""
    with pytest.raises((InvalidValueError, InvalidTypeError)) as info:
        invoice([], week=WEEK, rate=rate, client_verified=True)
    assert "rate" == info.value.field


# --- invoice argument errors --------------------------------------------------


def test_overlapping_entries_are_an_error_naming_both():
    """Overlapping entries are refused, naming both, rather than paid twice."""
    entries = [
        entry(at(2, 9), at(2, 10)),
        entry(at(3, 9), at(3, 10)),
        entry(at(2, 9, 50), at(2, 11)),
    ]
    with pytest.raises(
        InvalidValueError, match=r"entries\[0\] .* and entries\[2\] .* overlap"
    ) as info:
        invoice(entries, week=WEEK, rate=usd(30), client_verified=True)
    assert "entries[2]" == info.value.field
    with pytest.raises(InvalidValueError, match=r"entries\[1\] .* and entries\[0\]") as info:
        invoice(
            [entry(at(2, 9), at(2, 10)), entry(at(2, 8), at(2, 12))],
            week=WEEK,
            rate=usd(3),
            client_verified=True,
        )
    assert "entries[0]" == info.value.field


def test_overlap_in_another_timezone_is_found():
    """The same minutes written in two zones still overlap."""
    entries = [entry(at(2, 9), at(2, 10)), entry(at(2, 14, 30, tz=KARACHI), at(2, 15, tz=KARACHI))]
    with pytest.raises(InvalidValueError) as info:
        invoice(entries, week=WEEK, rate=usd(30), client_verified=True)
    assert "entries[1]" == info.value.field


def test_touching_entries_do_not_overlap():
    """An entry may start the moment the previous one ends."""
    result = invoice(
        [entry(at(2, 9), at(2, 9, 5)), entry(at(2, 9, 5), at(2, 9, 10))],
        week=WEEK,
        rate=usd(6),
        client_verified=True,
    )
    assert usd("1.00") == result.amount


@pytest.mark.parametrize(
    ("entries", "field"),
    [
        ("not entries", "entries"),
        (5, "entries"),
        (None, "entries"),
        ([("2024-01-02", "2024-01-03")], "entries[0]"),
    ],
)
def test_entries_must_be_time_entries(entries, field):
    """invoice() needs a sequence of TimeEntry."""
    with pytest.raises(InvalidTypeError) as info:
        invoice(entries, week=WEEK, rate=usd(30), client_verified=True)
    assert field == info.value.field


def test_invoice_argument_types():
    """week must be a BillingWeek, flags must be bools, rules a PlatformRules."""
    with pytest.raises(InvalidTypeError) as info:
        invoice([], week=WEEK.start, rate=usd(30), client_verified=True)
    assert "week" == info.value.field
    with pytest.raises(InvalidTypeError) as info:
        invoice([], week=WEEK, rate=usd(30), client_verified="yes")
    assert "client_verified" == info.value.field
    with pytest.raises(InvalidTypeError) as info:
        invoice([], week=WEEK, rate=usd(30), top_rated=None, client_verified=True)
    assert "top_rated" == info.value.field
    with pytest.raises(InvalidTypeError) as info:
        invoice([], week=WEEK, rate=usd(30), rules="current", client_verified=True)
    assert "rules" == info.value.field


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"hourly_segment": timedelta(minutes=11)}, "PlatformRules.hourly_segment"),
        (
            {
                "hourly_segment": timedelta(microseconds=1),
                "hourly_partial_segment_minimum": timedelta(microseconds=1),
            },
            "PlatformRules.hourly_segment",
        ),
        (
            {
                "hourly_segment": timedelta(seconds=30),
                "hourly_partial_segment_minimum": timedelta(seconds=15),
            },
            "PlatformRules.hourly_segment",
        ),
        (
            {
                "hourly_segment": timedelta(minutes=1, seconds=30),
                "hourly_partial_segment_minimum": timedelta(minutes=1),
            },
            "PlatformRules.hourly_segment",
        ),
        (
            {"hourly_partial_segment_minimum": timedelta(minutes=11)},
            "PlatformRules.hourly_partial_segment_minimum",
        ),
        ({"hourly_invoice_delay": timedelta(days=6)}, "PlatformRules.hourly_review_window"),
        ({"hourly_review_window": timedelta(hours=1)}, "PlatformRules.hourly_review_window"),
        ({"hourly_available_delay": timedelta(days=4)}, "PlatformRules.hourly_available_delay"),
    ],
)
def test_hourly_rules_that_do_not_fit_cannot_be_built(changes, field):
    """Hourly timings off the Work Diary grid or out of order are refused when the rules are built.

    A what-if rule set that the hourly engine could not use never exists, so
    no ``invoice`` or ``payout_calendar`` meets one.
    """
    with pytest.raises(RulesError) as info:
        attrs.evolve(rules.CURRENT, **changes)
    assert field == info.value.field


def test_hourly_rules_at_their_limits_can_be_built():
    """The boundaries themselves are allowed: a whole-segment minimum, invoice at the window's end."""
    smallest = attrs.evolve(
        rules.CURRENT,
        hourly_segment=timedelta(minutes=1),
        hourly_partial_segment_minimum=timedelta(microseconds=1),
    )
    minute = invoice(
        [entry(at(2, 9), at(2, 9, 2, 30))],
        week=WEEK,
        rate=usd(60),
        rules=smallest,
        client_verified=True,
    )
    assert 3 == len(minute.segments)
    assert timedelta(minutes=3) == minute.billable_time
    assert minute == serialize.from_json(WeeklyInvoice, serialize.to_json(minute))
    whole = attrs.evolve(rules.CURRENT, hourly_partial_segment_minimum=timedelta(minutes=10))
    assert timedelta(minutes=10) == whole.hourly_partial_segment_minimum
    tight = attrs.evolve(rules.CURRENT, hourly_invoice_delay=rules.CURRENT.hourly_review_window)
    cal = payout_calendar(WEEK, rules=tight)
    assert cal.invoiced_at == cal.dispute_window_ends


def test_time_entry_is_the_models_class():
    """hourly.TimeEntry is the same class as models.TimeEntry, with its validation."""
    assert models.TimeEntry is TimeEntry
    with pytest.raises(InvalidValueError, match="must be after"):
        TimeEntry(at(2, 10), at(2, 9))
    with pytest.raises(InvalidValueError, match="0–10"):
        TimeEntry(at(2, 9), at(2, 10), activity=11)
    with pytest.raises(InvalidValueError, match="timezone-aware"):
        TimeEntry(datetime(2024, 1, 2, 9), at(2, 10))


def test_empty_week():
    """A week with no time invoices nothing and still has its calendar."""
    result = invoice([], week=WEEK, rate=usd(30), top_rated=True, client_verified=True)
    assert usd("0.00") == result.amount
    assert Decimal("0.00") == result.billable_hours
    assert datetime(2024, 1, 13, tzinfo=UTC) == result.available_at
    assert result.top_rated
    assert result.to_records() == []


# --- invoice_for --------------------------------------------------------------


def hourly_contract(**changes):
    values = {
        "id": "c1",
        "client": Client("acme", payment_verified=False),
        "kind": ContractKind.HOURLY,
        "started": date(2023, 12, 1),
        "hourly_rate": usd("40.00"),
        "weekly_limit": Decimal(1),
        "time_entries": (entry(at(2, 9), at(2, 10, 30)),),
    }
    values.update(changes)
    return Contract(**values)


def test_invoice_for_uses_the_contract():
    """invoice_for takes the entries, rate, limit and verification from the contract."""
    result = invoice_for(hourly_contract(), week=WEEK, top_rated=True)
    assert usd("40.00") == result.amount
    assert timedelta(minutes=30) == result.over_limit_time
    assert not result.client_verified
    assert all(R.CLIENT_UNVERIFIED in s.reasons for s in result.segments)
    assert datetime(2024, 1, 13, tzinfo=UTC) == result.available_at


def test_invoice_for_refuses_what_it_cannot_invoice():
    """invoice_for needs an hourly Contract with a rate."""
    with pytest.raises(InvalidTypeError) as info:
        invoice_for("c1", week=WEEK)
    assert "contract" == info.value.field
    fixed = Contract("c2", "acme", ContractKind.FIXED_PRICE, date(2024, 1, 1))
    with pytest.raises(InvalidValueError) as info:
        invoice_for(fixed, week=WEEK)
    assert "Contract.kind" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        invoice_for(hourly_contract(hourly_rate=None), week=WEEK)
    assert "Contract.hourly_rate" == info.value.field


# --- records, HTML, serialisation, direct construction ------------------------


def test_invoice_records_and_html():
    """The invoice renders one record per segment and HTML tables of totals and segments."""
    result = invoice(
        [entry(at(2, 9), at(2, 9, 10), manual=True, memo="call", activity=None)],
        week=WEEK,
        rate=usd("25.00"),
        client_verified=True,
    )
    assert [
        {
            "start": at(2, 9),
            "end": at(2, 9, 10),
            "logged": Decimal("600.0"),
            "manual": True,
            "memo": "call",
            "activity": None,
            "billed": True,
            "protected": False,
            "reasons": "manual, low_activity",
            "entries": "0",
        }
    ] == result.to_records()
    assert result.segments[0].to_records() == result.to_records()
    html = result._repr_html_()
    assert html.startswith("<table><caption>Hourly invoice, week 2024-01-01 → 2024-01-07")
    assert "<td>USD 4.17</td>" in html
    assert "<caption>Segments</caption>" in html
    assert (
        "<th>reasons</th>"
        in invoice([], week=WEEK, rate=usd(1), client_verified=True)._repr_html_()
    )
    assert "<caption>Billing segment</caption>" in result.segments[0]._repr_html_()
    assert usd("4.17") == result.summary()["unprotected_amount"]


def test_invoice_serialises_round_trip():
    """An invoice, its calendar and a dispute survive to_dict/from_dict unchanged."""
    result = invoice(
        [entry(at(2, 9), at(2, 10, 3), activity=None), entry(at(7, 23), at(8, 1))],
        week=WEEK,
        rate=usd("25.00"),
        weekly_limit="1.5",
        client_verified=True,
    )
    assert result == serialize.from_dict(WeeklyInvoice, serialize.to_dict(result))
    dispute = dispute_response(at(9, 10), invoice=result)
    assert dispute == serialize.from_dict(HoursDispute, serialize.to_dict(dispute))


def test_segment_validates_direct_construction():
    """A Segment built by hand is checked: order, logged time, reasons, activity."""
    start = at(2, 9)
    good = Segment(
        start,
        start + timedelta(minutes=10),
        timedelta(minutes=10),
        memo="api",
        activity=5,
        entries=(0,),
    )
    assert good.protected
    assert good.billed
    assert timedelta(minutes=10) == good.length
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(good, end=start)
    assert "Segment.end" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(good, logged=timedelta(minutes=11))
    assert "Segment.logged" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(good, logged=timedelta(0))
    assert "Segment.logged" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(good, over_limit=True)
    assert "Segment.reasons" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(good, reasons=(R.OVER_LIMIT,))
    assert "Segment.reasons" == info.value.field
    with pytest.raises(InvalidTypeError) as info:
        attrs.evolve(good, reasons=("manual",))
    assert "Segment.reasons[0]" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(good, activity=11)
    assert "Segment.activity" == info.value.field
    with pytest.raises(InvalidTypeError) as info:
        attrs.evolve(good, activity=True)
    assert "Segment.activity" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(good, start=datetime(2024, 1, 2, 9))
    assert "Segment.start" == info.value.field


def test_weekly_invoice_validates_direct_construction():
    """A WeeklyInvoice built by hand is checked against its week."""
    result = invoice([entry(at(2, 9), at(2, 9, 20))], week=WEEK, rate=usd(30), client_verified=True)
    first, second = result.segments
    with pytest.raises(InvalidTypeError) as info:
        attrs.evolve(result, segments=("x",))
    assert "WeeklyInvoice.segments[0]" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(result, segments=(attrs.evolve(first, start=at(8), end=at(8, 0, 10)),))
    assert "WeeklyInvoice.segments[0]" == info.value.field
    late = attrs.evolve(first, start=at(7, 23, 55), end=at(8, 0, 5))
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(result, segments=(late,))
    assert "WeeklyInvoice.segments[0]" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(result, segments=(second, first))
    assert "WeeklyInvoice.segments[1]" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(result, calendar=payout_calendar(WEEK.next()))
    assert "WeeklyInvoice.calendar" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(result, logged_time=timedelta(days=8))
    assert "WeeklyInvoice.logged_time" == info.value.field
    with pytest.raises(InvalidTypeError) as info:
        attrs.evolve(result, rate=30)
    assert "WeeklyInvoice.rate" == info.value.field


# --- client-disputed hours ----------------------------------------------------


def test_dispute_deadline_and_silence():
    """A dispute opened Friday 18:00 must be answered by Monday 18:00 (or Wednesday, business)."""
    dispute = dispute_response(datetime(2024, 1, 12, 18, tzinfo=UTC))
    assert datetime(2024, 1, 15, 18, tzinfo=UTC) == dispute.respond_by
    assert datetime(2024, 1, 17, 18, tzinfo=UTC) == dispute.respond_by_if_business_days
    assert dispute.protected_amount is None
    assert "Hourly Protection are paid" in dispute.if_silent
    assert "refunded to the client" in dispute.if_accepted
    assert "dispute specialist" in dispute.if_declined


def test_dispute_opened_on_a_weekend():
    """From a Saturday, three business days are the whole of Monday to Wednesday (to Thursday 00:00).

    Upwork's window closes on Friday, so a Saturday dispute is refused
    (review r24 E1); a what-if window that runs to Sunday takes it.
    """
    saturday = datetime(2024, 1, 13, 8, 30, tzinfo=KARACHI)
    with pytest.raises(InvalidValueError) as caught:
        dispute_response(saturday)
    assert "opened_at" == caught.value.field
    to_sunday = timedelta(days=6, hours=23, minutes=59, seconds=59)
    weekend = attrs.evolve(rules.CURRENT, hourly_review_window=to_sunday)
    dispute = dispute_response(saturday, rules=weekend)
    assert datetime(2024, 1, 13, 3, 30, tzinfo=UTC) == dispute.opened_at
    assert datetime(2024, 1, 16, 3, 30, tzinfo=UTC) == dispute.respond_by
    assert datetime(2024, 1, 18, tzinfo=UTC) == dispute.respond_by_if_business_days


def test_dispute_response_window_is_a_rule():
    """A what-if response window of 2 days 12 hours is honoured in both readings."""
    odd = attrs.evolve(rules.CURRENT, hourly_dispute_response=timedelta(days=2, hours=12))
    dispute = dispute_response(datetime(2024, 1, 12, tzinfo=UTC), rules=odd)
    assert datetime(2024, 1, 14, 12, tzinfo=UTC) == dispute.respond_by
    assert datetime(2024, 1, 16, 12, tzinfo=UTC) == dispute.respond_by_if_business_days


def test_dispute_with_invoice_says_what_is_at_stake():
    """With the invoice, the dispute shows protected pay and pay at risk, and renders."""
    result = invoice(
        [entry(at(2, 9), at(2, 10)), entry(at(3, 9), at(3, 9, 30), memo="")],
        week=WEEK,
        rate=usd("30.00"),
        client_verified=True,
    )
    dispute = dispute_response(datetime(2024, 1, 8, 12, tzinfo=UTC), invoice=result)
    assert usd("30.00") == dispute.protected_amount
    assert usd("15.00") == dispute.unprotected_amount
    records = dispute.to_records()
    # Red team r16 M2: the records held Money; now its amount, the currency beside it.
    assert (Decimal("15.00"), "USD") == (records[4]["value"], records[4]["currency"])
    assert (dispute.opened_at, None) == (records[0]["value"], records[0]["currency"])
    assert "<caption>Client-disputed hours</caption>" in dispute._repr_html_()


@pytest.mark.parametrize(
    "opened",
    [
        datetime(2024, 1, 8, 11, 59, 59, tzinfo=UTC),
        datetime(2024, 1, 13, tzinfo=UTC),
    ],
)
def test_dispute_outside_the_review_window_is_refused(opened):
    """A client can dispute only between Monday 12:00 and Friday 23:59:59 UTC."""
    result = invoice([], week=WEEK, rate=usd(30), client_verified=True)
    with pytest.raises(InvalidValueError) as info:
        dispute_response(opened, invoice=result)
    assert "opened_at" == info.value.field
    assert datetime(2024, 1, 12, 23, 59, 59, tzinfo=UTC) == (
        dispute_response(result.dispute_window_ends, invoice=result).opened_at
    )


def test_dispute_window_takes_in_its_whole_last_second():
    """Friday 23:59:59.5 is inside the window, as Sunday 23:59:59.5 is inside the week.

    The window and the week are read the same way: up to, not including,
    the next whole second (Saturday 00:00 and Monday 00:00).
    """
    result = invoice([], week=WEEK, rate=usd(30), client_verified=True)
    calendar = result.calendar
    late = datetime(2024, 1, 12, 23, 59, 59, 500_000, tzinfo=UTC)
    assert datetime(2024, 1, 13, tzinfo=UTC) == calendar.dispute_window_closes
    assert calendar.in_dispute_window(late)
    assert late == dispute_response(late, invoice=result).opened_at
    assert not calendar.in_dispute_window(calendar.dispute_window_closes)
    assert not calendar.in_dispute_window(calendar.invoiced_at - timedelta(microseconds=1))
    assert calendar.in_dispute_window(calendar.invoiced_at)
    assert WEEK.contains(WEEK.end)
    # Top Rated pay is available the moment the window closes.
    top = WEEK.calendar(top_rated=True)
    assert top.dispute_window_closes == top.available_at
    # Review: the payout schedule read the window the old way (pending at 23:59:59.5).
    from upwork_safety.hourly import PayoutStatus, payout_schedule

    (item,) = payout_schedule(invoices=[result]).items
    assert PayoutStatus.IN_REVIEW is item.status(late)
    assert PayoutStatus.PENDING is item.status(calendar.dispute_window_closes)


def test_dispute_argument_errors():
    """A naive opening time or a non-invoice is refused."""
    with pytest.raises(InvalidValueError) as info:
        dispute_response(datetime(2024, 1, 12))
    assert "opened_at" == info.value.field
    with pytest.raises(InvalidTypeError) as info:
        dispute_response(at(9, 13), invoice={"amount": 1})
    assert "invoice" == info.value.field


# --- properties ---------------------------------------------------------------

ZONES = st.sampled_from([UTC, KARACHI, NEW_YORK])
SEGMENT = timedelta(minutes=10)


@st.composite
def diaries(draw, *, unit):
    """Non-overlapping entries around WEEK (a day either side), on a grid of *unit*."""
    moment = WEEK.start - timedelta(days=1)
    entries = []
    for _ in range(draw(st.integers(0, 8))):
        moment += unit * draw(st.integers(0, timedelta(hours=20) // unit))
        length = unit * draw(st.integers(1, timedelta(hours=30) // unit))
        if moment + length > WEEK.end + timedelta(days=1):
            break
        zone = draw(ZONES)
        entries.append(
            TimeEntry(
                moment.astimezone(zone),
                (moment + length).astimezone(zone),
                manual=draw(st.booleans()),
                memo=draw(st.sampled_from(["", "api", "design"])),
                activity=draw(st.none() | st.integers(0, 10)),
            )
        )
        moment += length
    return draw(st.permutations(entries))


RATES = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(500), places=2).map(usd)
LIMITS = st.none() | st.integers(1, 60) | st.sampled_from(["0.5", "1.25", "10.75"])


def in_week(entries):
    """The exact in-week time of *entries*, computed independently of the library."""
    total = timedelta(0)
    for e in entries:
        start, end = max(e.start, WEEK.start), min(e.end, WEEK.closes_at)
        total += max(end - start, timedelta(0))
    return total


def half_up(value):
    """Round a positive Fraction of dollars half up to the cent."""
    return Decimal(int(value * 100 + Fraction(1, 2))) / 100


@given(diaries(unit=SEGMENT), RATES, LIMITS, st.booleans())
def test_grid_aligned_time_splits_exactly(entries, rate, limit, verified):
    """On the 10-minute grid, billable + over limit = logged in-week time, exactly."""
    result = invoice(entries, week=WEEK, rate=rate, weekly_limit=limit, client_verified=verified)
    assert in_week(entries) == result.billable_time + result.over_limit_time
    assert in_week(entries) == result.logged_time


@given(diaries(unit=timedelta(seconds=37)), RATES, LIMITS, st.booleans())
def test_invoice_invariants(entries, rate, limit, verified):
    """Segments match a brute-force count; protected + unprotected = billable; amounts round."""
    result = invoice(entries, week=WEEK, rate=rate, weekly_limit=limit, client_verified=verified)
    # Brute force: every slot of the week with at least 5 logged minutes is one segment.
    expected_starts = []
    for slot in range(7 * 24 * 6):
        start = WEEK.start + SEGMENT * slot
        covered = sum(
            (max(min(e.end, start + SEGMENT) - max(e.start, start), timedelta(0)) for e in entries),
            timedelta(0),
        )
        if covered >= timedelta(minutes=5):
            expected_starts.append(start)
    assert expected_starts == [s.start for s in result.segments]
    assert SEGMENT * len(result.segments) == result.billable_time + result.over_limit_time
    assert result.billable_time == result.protected_time + result.unprotected_time
    if limit is not None:
        limit_us = Decimal(limit) * 3_600_000_000
        assert result.billable_time // timedelta(microseconds=1) <= limit_us
    # Over-limit segments all come after the billed ones.
    flags = [s.over_limit for s in result.segments]
    assert sorted(flags) == flags
    hours = Fraction(result.billable_time // timedelta(microseconds=1), 3_600_000_000)
    assert half_up(hours * Fraction(rate.amount)) == result.amount.amount
    protected = Fraction(result.protected_time // timedelta(microseconds=1), 3_600_000_000)
    assert half_up(protected * Fraction(rate.amount)) == result.protected_amount.amount
    assert result.amount == result.protected_amount + result.unprotected_amount
    assert result.billable_hours == (Decimal(hours.numerator) / hours.denominator).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    if not verified:
        assert all(R.CLIENT_UNVERIFIED in s.reasons for s in result.segments)
    for segment in result.segments:
        assert segment.protected == (not segment.reasons)
        assert segment.billed != (R.OVER_LIMIT in segment.reasons)


def test_invoice_and_jss_report_reprs_are_one_line():
    """A week's invoice and a JSS report show a one-line summary, not every segment or reason."""
    from upwork_safety import jss

    full_week = [entry(at(d, 9), at(d, 17)) for d in range(1, 6)]
    result = invoice(full_week, week=WEEK, rate=usd("30.00"), client_verified=True)
    shown = repr(result)
    assert "\n" not in shown
    assert len(shown) < 200
    assert shown.startswith("<WeeklyInvoice 2024-01-01 → 2024-01-07 (UTC): 40.00 h at USD 30.00")
    assert "USD 1,200.00" in shown
    report = jss.score([], as_of=date(2024, 1, 8))
    # 2023-12 rules take a biweekly snapshot: the report is of 2024-01-07.
    assert "<JSSReport 2024-01-07: not eligible, 0 contracts counted, " in repr(report)


def test_pay_is_not_available_before_the_dispute_window_closes():
    """Second review: a what-if available half a second after the window's last second
    was built, so pay was both available and in review at 23:59:59.7.

    The window closes at the next whole second.  Fifth round: the rules
    refuse such a set when built (it used to be built and then refused by
    every calendar), and a calendar built by hand still refuses the moment.
    """
    import attrs as _attrs

    from upwork_safety import rules as rule_sets

    with pytest.raises(RulesError) as info:
        _attrs.evolve(
            rule_sets.CURRENT,
            hourly_available_delay=rule_sets.CURRENT.hourly_review_window
            + timedelta(milliseconds=500),
        )
    assert "PlatformRules.hourly_available_delay" == info.value.field
    assert "dispute window closes <= available" == info.value.rule
    calendar = WEEK.calendar()
    with pytest.raises(InvalidValueError) as info:
        _attrs.evolve(
            calendar, available_at=calendar.dispute_window_closes - timedelta(milliseconds=500)
        )
    assert "PayoutCalendar.available_at" == info.value.field
    exact = _attrs.evolve(
        rule_sets.CURRENT,
        hourly_available_delay=rule_sets.CURRENT.hourly_review_window + timedelta(seconds=1),
    )
    calendar = WEEK.calendar(rules=exact)
    assert calendar.dispute_window_closes == calendar.available_at


# --- durations are stored plain (red team r8, finding 4) -------------------------------


class LyingSpan(timedelta):
    """A timedelta whose % says every duration divides evenly."""

    def __mod__(self, other):
        return timedelta(0)

    def __rmod__(self, other):
        return timedelta(0)


class Nanos(timedelta):
    """A timedelta that holds more than a timedelta can (it says so by comparing unequal)."""

    def __eq__(self, other):
        return False

    __hash__ = timedelta.__hash__


def test_a_lying_timedelta_cannot_pass_the_whole_minutes_guard():
    """A subclass's own % is never asked: a 1 µs segment is refused, not walked 3.6e9 times."""
    with pytest.raises(RulesError) as info:
        attrs.evolve(
            rules.CURRENT,
            hourly_segment=LyingSpan(microseconds=1),
            hourly_partial_segment_minimum=timedelta(microseconds=1),
        )
    assert "PlatformRules.hourly_segment" == info.value.field
    what_if = attrs.evolve(rules.CURRENT, hourly_segment=LyingSpan(minutes=20))
    assert timedelta is type(what_if.hourly_segment)
    assert timedelta(minutes=20) == what_if.hourly_segment


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        (rules.PlatformRules, "security_period"),
        (rules.JSSRules, "snapshot_every"),
        (rules.PaymentScheduleRules, "new_method_wait"),
    ],
)
def test_every_rule_duration_is_stored_plain(kind, field):
    """Each rule set stores a timedelta subclass as the plain timedelta it holds."""
    preset = {
        rules.PlatformRules: rules.CURRENT,
        rules.JSSRules: rules.JSS_CURRENT,
        rules.PaymentScheduleRules: rules.PAYMENT_SCHEDULE_HISTORY.current,
    }[kind]
    evolved = attrs.evolve(preset, **{field: LyingSpan(days=3)})
    assert (timedelta, timedelta(days=3)) == (
        type(getattr(evolved, field)),
        getattr(evolved, field),
    )
    with pytest.raises((InvalidTypeError, RulesError)) as info:  # JSSRules: RulesError
        attrs.evolve(preset, **{field: Nanos(days=3)})
    assert f"{kind.__name__}.{field}" == info.value.field


def test_segment_and_invoice_times_are_stored_plain():
    """Segment.logged, WeeklyInvoice.logged_time and paused_time hold plain timedeltas."""
    start = WEEK.start
    segment = Segment(
        start,
        start + timedelta(minutes=10),
        LyingSpan(minutes=10),
        memo="m",
        activity=5,
        entries=(0,),
    )
    assert timedelta is type(segment.logged)
    bill = invoice([entry(at(2, 9), at(2, 10))], week=WEEK, rate=usd("25.00"), client_verified=True)
    same = attrs.evolve(bill, logged_time=LyingSpan(hours=1), paused_time=LyingSpan(0))
    assert (timedelta, timedelta) == (type(same.logged_time), type(same.paused_time))
    assert bill == same
    for change in ({"logged_time": Nanos(hours=1)}, {"paused_time": Nanos(0)}):
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(bill, **change)
        assert f"WeeklyInvoice.{next(iter(change))}" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        Segment(start, start + timedelta(minutes=10), Nanos(minutes=10), entries=(0,))
    assert "Segment.logged" == info.value.field


def test_a_numpy_bool_is_named_as_numpy_s():
    """Minor: a NumPy bool is refused naming its module, not as 'a bool, not bool'."""
    numpy = pytest.importorskip("numpy")
    with pytest.raises(InvalidTypeError) as info:
        TimeEntry(at(2, 9), at(2, 10), manual=numpy.bool_(True))
    assert ("TimeEntry.manual", "a bool") == (info.value.field, info.value.rule)
    assert "not numpy.bool" in str(info.value)
    with pytest.raises(InvalidTypeError) as info:
        invoice([], week=WEEK, rate=usd("25.00"), client_verified=numpy.bool_(True))
    assert "not numpy.bool" in str(info.value)


@pytest.mark.parametrize(
    "entries",
    [(), (0, 0), (10**30,), (sys.maxsize,), (-1,), (True,)],
    ids=["none", "twice", "huge", "maxsize", "negative", "bool"],
)
def test_segment_entries_are_what_invoice_gives(entries):
    """Red team r8, finding 7: a segment lists at least one entry, each once, at a real position."""
    bill = invoice([entry(at(2, 9), at(2, 10))], week=WEEK, rate=usd("25.00"), client_verified=True)
    data = serialize.to_dict(bill)
    data["segments"][0]["entries"] = list(entries)
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(WeeklyInvoice, data)
    assert info.value.problems[0].startswith("$.segments[0].entries")
    with pytest.raises((InvalidValueError, InvalidTypeError)) as direct:
        attrs.evolve(bill.segments[0], entries=entries)
    assert "Segment.entries" == direct.value.field


def test_segment_entries_are_at_most_the_microseconds_logged():
    """Entries do not overlap, so each adds at least a microsecond to the slot's logged time."""
    start = WEEK.start
    end, one = start + timedelta(minutes=10), timedelta(microseconds=1)
    facts = {"memo": "m", "activity": 5}
    assert (0,) == Segment(start, end, one, **facts, entries=(0,)).entries
    with pytest.raises(InvalidValueError) as info:
        Segment(start, end, one, **facts, entries=(0, 1))
    assert "Segment.entries" == info.value.field
    with pytest.raises(TypeError):  # required: a segment's time was logged by some entry
        Segment(start, end, one, **facts)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    "memo", ["", "   ", "\u00a0", "\u200b", "\u2800", "\u3164", "\x00", " \u200d\t"]
)
def test_a_memo_that_shows_nothing_counts_as_none(memo):
    """Red team r8, finding 8: invisible memos (zero-width, Hangul filler, NUL) are no memo."""
    bill = invoice(
        [entry(at(2, 9), at(2, 10), memo=memo)], week=WEEK, rate=usd("25.00"), client_verified=True
    )
    assert Decimal("0.00") == bill.protected_hours
    assert {(R.NO_MEMO,)} == {segment.reasons for segment in bill.segments}
    assert "" == bill.segments[0].memo  # nothing is joined from a blank memo
    data = serialize.to_dict(bill)
    data["segments"][0]["memo"] = memo
    data["segments"][0]["reasons"] = []
    with pytest.raises(InvalidDataError):
        serialize.from_dict(WeeklyInvoice, data)


def test_one_blank_rule_for_memos_and_ids():
    """The blank rule that memos follow is the one ids follow: an invisible id is refused."""
    with pytest.raises(InvalidValueError) as info:
        Client("\u200b")
    assert "Client.id" == info.value.field
    assert (
        "Fix \u200bbug"
        == invoice(
            [entry(at(2, 9), at(2, 10), memo="Fix \u200bbug")],
            week=WEEK,
            rate=usd("25.00"),
            client_verified=True,
        )
        .segments[0]
        .memo
    )


def test_manual_time_with_activity_is_unprotected_for_being_manual():
    """Manual time is unprotected as manual; low activity only when its activity is."""
    bill = invoice(
        [entry(at(2, 9), at(2, 10), manual=True, activity=9)],
        week=WEEK,
        rate=usd("25.00"),
        client_verified=True,
    )
    assert {(R.MANUAL,)} == {segment.reasons for segment in bill.segments}
    assert Decimal("0.00") == bill.protected_hours


def test_invoice_agrees_with_invoice_for_on_the_clients_verification():
    """Red team r8, finding 6: invoice() keeps DESIGN's default (True); given the client's
    verification, it agrees with invoice_for, which reads Client.payment_verified."""
    diary = [entry(at(2, 9), at(2, 10))]
    assert invoice(diary, week=WEEK, rate=usd("25.00")).client_verified is True
    for client, verified in (
        (Client("acme"), False),
        (Client("acme", payment_verified=True), True),
    ):
        contract = Contract(
            "c1",
            client,
            ContractKind.HOURLY,
            date(2024, 1, 1),
            hourly_rate=usd("25.00"),
            time_entries=diary,
        )
        direct = invoice(diary, week=WEEK, rate=usd("25.00"), client_verified=verified)
        assert direct == invoice_for(contract, week=WEEK)
        assert (Decimal("1.00") if verified else Decimal("0.00")) == direct.protected_hours


def test_dispute_response_takes_the_invoices_own_rules():
    """Minor: the 3 days come from the invoice's rules, which also set its dispute window."""
    quick = attrs.evolve(rules.CURRENT, hourly_dispute_response=timedelta(days=1))
    bill = invoice(
        [entry(at(2, 9), at(2, 10))],
        week=WEEK,
        rate=usd("25.00"),
        client_verified=True,
        rules=quick,
    )
    opened = at(10, 9)
    assert opened + timedelta(days=1) == dispute_response(opened, invoice=bill).respond_by
    assert (
        opened + timedelta(days=1) == dispute_response(opened, invoice=bill, rules=quick).respond_by
    )
    with pytest.raises(InvalidValueError) as info:
        dispute_response(opened, invoice=bill, rules=rules.CURRENT)
    assert ("rules", "the invoice's rules") == (info.value.field, info.value.rule)
    assert opened + timedelta(days=3) == dispute_response(opened).respond_by


def test_dispute_response_names_the_rules_that_differ_from_the_invoices():
    """Review 8, finding 12: other rules are refused naming each rule that differs.

    The comparison is rules_changed's: a copy of the invoice's rules under
    another name or date differs in no rule, so it is the invoice's own.
    """
    quick = attrs.evolve(rules.CURRENT, hourly_dispute_response=timedelta(days=1))
    bill = invoice([entry(at(2, 9), at(2, 10))], week=WEEK, rate=usd("25.00"), rules=quick)
    opened = at(10, 9)
    other = attrs.evolve(rules.CURRENT, security_period=timedelta(days=6))
    with pytest.raises(InvalidValueError) as info:
        dispute_response(opened, invoice=bill, rules=other)
    assert "differ in security_period, hourly_dispute_response;" in str(info.value)
    assert ("rules", "the invoice's rules") == (info.value.field, info.value.rule)
    renamed = attrs.evolve(quick, name="my what-if", effective=date(2020, 1, 1))
    assert opened + timedelta(days=1) == (
        dispute_response(opened, invoice=bill, rules=renamed).respond_by
    )


def test_a_rate_below_a_cent_is_refused():
    """Minor: an hourly rate is in whole cents; USD 0.001 would bill USD 0.00."""
    for rate in (usd("0.001"), usd("25.005")):
        with pytest.raises(InvalidValueError) as info:
            invoice([entry(at(2, 9), at(2, 10))], week=WEEK, rate=rate, client_verified=True)
        assert ("rate", "whole minor units") == (info.value.field, info.value.rule)
        with pytest.raises(InvalidValueError) as info:
            Contract("c1", "acme", ContractKind.HOURLY, date(2024, 1, 1), hourly_rate=rate)
        assert "Contract.hourly_rate" == info.value.field


def test_a_zero_weekly_limit_points_to_a_pause():
    """Minor: a dispute's zero limit is modelled as a Pause; weekly_limit=0 is refused saying so."""
    with pytest.raises(InvalidValueError) as info:
        invoice([], week=WEEK, rate=usd("25.00"), weekly_limit=0, client_verified=True)
    assert "weekly_limit" == info.value.field
    assert "Pause" in str(info.value)
