"""Tests for HOURS_IN_REVIEW and HOURS_PENDING: a billed week's review window and payday.

Red team r20 M1 (newcomer): ``review_contract`` (and so ``upwork-safety check``)
said "No findings" for an hourly contract whose last week the client could
still dispute, and never said when the pay becomes available; for fixed
price REVIEW_PERIOD_RUNNING and FUNDS_PENDING give both moments.

The expected moments are hand-checked against DOMAIN.md section 3 for the
week Mon 2026-11-30 00:00 → Sun 2026-12-06 23:59:59 UTC: invoiced Mon 7 Dec
12:00, the client can dispute until Fri 11 Dec 23:59:59, the pay is
available Wed 16 Dec 00:00 (ten days after the week's Sunday), and for a
Top Rated freelancer right after the window, Sat 12 Dec 00:00.
"""

from datetime import date, datetime, timedelta, timezone

import attrs
import pytest

from upwork_safety import Client, Contract, ContractKind, Money, checks, hourly, rules
from upwork_safety.checks import CODES, FindingCode, Severity
from upwork_safety.models import TimeEntry

UTC = timezone.utc
KARACHI = timezone(timedelta(hours=5))

INVOICED = datetime(2026, 12, 7, 12, tzinfo=UTC)
WINDOW_ENDS = datetime(2026, 12, 11, 23, 59, 59, tzinfo=UTC)
AVAILABLE = datetime(2026, 12, 16, tzinfo=UTC)
TOP_RATED = datetime(2026, 12, 12, tzinfo=UTC)


def usd(amount):
    """US dollars."""
    return Money(amount, "USD")


def entry(day, hour, hours, **kwargs):
    """A desktop-app entry on *day* (30 is 30 Nov, else December 2026), Karachi time."""
    month = 11 if day == 30 else 12
    start = datetime(2026, month, day, hour, tzinfo=KARACHI)
    values = {"memo": "API work", "activity": 7} | kwargs
    return TimeEntry(start, start + timedelta(hours=hours), **values)


def contract(entries, *, ended=None):
    """The newcomer's hourly contract: $15/h, a 20-hour limit, a verified client."""
    return Contract(
        "h1",
        Client("acme", "Acme", payment_verified=True),
        ContractKind.HOURLY,
        date(2026, 11, 1),
        ended=ended,
        hourly_rate=usd("15.00"),
        weekly_limit=20,
        time_entries=entries,
    )


def newcomer():
    """hourly.json of the trial: 12 h in the week of 30 Nov, 7 protected ($105 of $180)."""
    return contract(
        [
            entry(30, 10, 4),
            entry(1, 20, 2, manual=True, memo="Client call", activity=8),
            entry(3, 9, 3, memo="Bugfix", activity=0),
            entry(7, 1, 3, memo="Late deploy", activity=6),  # Sun 6 Dec 20:00 UTC
        ]
    )


def pay_of(found):
    """The HOURS_IN_REVIEW and HOURS_PENDING findings of *found*."""
    wanted = {FindingCode.HOURS_IN_REVIEW, FindingCode.HOURS_PENDING}
    return [f for f in found if f.code in wanted]


def test_codes_are_documented_info_hourly_codes_citing_the_rules_sources():
    """Both codes are INFO hourly-contract codes citing the PlatformRules fields they use."""
    by_field = {name: s.source for name, _, s in rules.sources()}
    review, pending = CODES["HOURS_IN_REVIEW"], CODES["HOURS_PENDING"]
    assert (Severity.INFO, "hourly contract") == (review.severity, review.applies_to)
    assert (Severity.INFO, "hourly contract") == (pending.severity, pending.applies_to)
    assert by_field["hourly_review_window"] in review.source
    assert by_field["hourly_available_delay"] in review.source
    assert by_field["hourly_available_delay"] in pending.source
    assert by_field["top_rated_skip_hold_since"] in pending.source


def test_last_week_in_review_gives_the_window_end_and_the_payday():
    """Regression r20 M1: at Tue 8 Dec 10:00 Karachi the week was disputable and unreported."""
    now = datetime(2026, 12, 8, 10, tzinfo=KARACHI)
    found = checks.review_contract(newcomer(), now=now)
    assert [FindingCode.UNPROTECTED_HOURS, FindingCode.HOURS_IN_REVIEW] == [f.code for f in found]
    (review,) = pay_of(found)
    assert Severity.INFO == review.severity
    assert (WINDOW_ENDS, timedelta(days=3, hours=18, minutes=59, seconds=59)) == (
        review.due,
        review.time_left,
    )
    assert usd("180.00") == review.amount
    assert (None, "") == (review.milestone_id, review.script)
    # The payday and the Top Rated payday are in the message, as REVIEW_PERIOD_RUNNING's is.
    assert "2026-12-16 00:00:00 UTC" in review.message
    assert "2026-12-12 00:00:00 UTC" in review.message
    assert "USD 105.00 of it covered by Hourly Protection" in review.message
    # The engine's own figures for the week.
    week = hourly.billing_week(now - timedelta(days=2))
    bill = hourly.invoice_for(newcomer(), week=week)
    assert (INVOICED, WINDOW_ENDS, AVAILABLE) == (
        bill.invoiced_at,
        bill.dispute_window_ends,
        bill.available_at,
    )
    assert (bill.amount, bill.dispute_window_ends) == (review.amount, review.due)
    assert TOP_RATED == week.calendar(top_rated=True).available_at


def test_a_fully_protected_week_in_review_is_no_longer_no_findings():
    """Regression r20 M1: a fully protected week in review gave an empty review."""
    protected = contract([entry(30, 10, 4)])
    (review,) = checks.review_contract(protected, now=datetime(2026, 12, 8, 5, tzinfo=UTC))
    assert (FindingCode.HOURS_IN_REVIEW, WINDOW_ENDS, usd("60.00")) == (
        review.code,
        review.due,
        review.amount,
    )
    assert "all of it covered by Hourly Protection" in review.message


def test_nothing_before_the_invoice_then_in_review_from_it():
    """Before Monday 12:00 the week is not billed (the diary may change); from 12:00 it is."""
    protected = contract([entry(30, 10, 4)])
    assert [] == checks.review_contract(protected, now=INVOICED - timedelta(seconds=1))
    (review,) = checks.review_contract(protected, now=INVOICED)
    assert (FindingCode.HOURS_IN_REVIEW, WINDOW_ENDS) == (review.code, review.due)


def test_after_the_window_the_week_is_pending_until_wednesday():
    """From Sat 00:00 the week is HOURS_PENDING, due Wed 16 Dec 00:00, then nothing."""
    protected = contract([entry(30, 10, 4)])
    last_second = checks.review_contract(protected, now=WINDOW_ENDS)
    assert [(FindingCode.HOURS_IN_REVIEW, timedelta())] == [
        (f.code, f.time_left) for f in last_second
    ]
    (pending,) = checks.review_contract(protected, now=TOP_RATED)
    assert (FindingCode.HOURS_PENDING, AVAILABLE, timedelta(days=4), usd("60.00")) == (
        pending.code,
        pending.due,
        pending.time_left,
        pending.amount,
    )
    assert "" == pending.script
    # A Top Rated freelancer's pay is available from Saturday: the message says so.
    assert "2026-12-12 00:00:00 UTC" in pending.message
    before = checks.review_contract(protected, now=AVAILABLE - timedelta(seconds=1))
    assert [(FindingCode.HOURS_PENDING, timedelta(seconds=1))] == [
        (f.code, f.time_left) for f in before
    ]
    assert [] == checks.review_contract(protected, now=AVAILABLE)


def test_two_weeks_one_pending_one_in_review_soonest_first():
    """At Mon 14 Dec 12:00 the week of 30 Nov is pending and the week of 7 Dec in review."""
    both = contract([entry(30, 10, 4), entry(8, 10, 2)])
    found = checks.review_contract(both, now=datetime(2026, 12, 14, 12, tzinfo=UTC))
    assert [
        (FindingCode.HOURS_PENDING, AVAILABLE, usd("60.00")),
        (FindingCode.HOURS_IN_REVIEW, datetime(2026, 12, 18, 23, 59, 59, tzinfo=UTC), usd("30.00")),
    ] == [(f.code, f.due, f.amount) for f in found]
    assert "2 weeks ago" in found[0].message
    assert "last week" in found[1].message


def test_an_ended_contract_still_reports_the_pay_it_waits_for():
    """The contract ended on Tuesday 1 Dec; its last week's pay is still to come."""
    ended = contract([entry(30, 10, 4)], ended=date(2026, 12, 1))
    (pending,) = checks.review_contract(ended, now=datetime(2026, 12, 14, tzinfo=UTC))
    assert (FindingCode.HOURS_PENDING, AVAILABLE) == (pending.code, pending.due)


def test_before_top_rated_early_release_existed_no_top_rated_moment_is_given():
    """The hold is skipped only for weeks invoiced from 2020-05-04 (HC 360047676133)."""
    start = datetime(2019, 12, 3, 9, tzinfo=UTC)  # a Tuesday
    old = Contract(
        "h0",
        Client("acme", payment_verified=True),
        ContractKind.HOURLY,
        date(2019, 12, 2),
        hourly_rate=usd("15.00"),
        time_entries=[TimeEntry(start, start + timedelta(hours=2), memo="API", activity=7)],
    )
    (review,) = checks.review_contract(old, now=datetime(2019, 12, 10, tzinfo=UTC))
    assert (FindingCode.HOURS_IN_REVIEW, datetime(2019, 12, 18, tzinfo=UTC)) == (
        review.code,
        hourly.billing_week(start).calendar().available_at,
    )
    assert not hourly.billing_week(start).calendar(top_rated=True).hold_skipped
    assert "Top Rated" not in review.message


def test_a_what_if_window_moves_both_moments():
    """Under rules with a 20-day review window the finding follows the engine's calendar."""
    what_if = attrs.evolve(
        rules.CURRENT,
        hourly_review_window=timedelta(days=20),
        hourly_available_delay=timedelta(days=25),
    )
    protected = contract([entry(30, 10, 4)])
    calendar = hourly.billing_week(INVOICED - timedelta(days=2)).calendar(rules=what_if)
    now = datetime(2026, 12, 20, tzinfo=UTC)  # after the published window, inside this one
    (review,) = checks.review_contract(protected, now=now, rules=what_if)
    assert (FindingCode.HOURS_IN_REVIEW, calendar.dispute_window_ends) == (
        review.code,
        review.due,
    )
    # The week closes Mon 7 Dec 00:00; its window ends 20 days later.
    assert datetime(2026, 12, 27, tzinfo=UTC) == review.due
    assert calendar.available_at.strftime("%Y-%m-%d %H:%M:%S UTC") in review.message


def test_a_work_diary_of_more_weeks_than_the_engine_returns_names_the_contracts_field():
    """Red team r20 M2 meets these findings: one entry of thousands of years is refused fast
    by ``weeks_of``'s bound, and the review names the contract's field, not the engine's."""
    from upwork_safety.errors import InvalidValueError

    entry = TimeEntry(
        start=datetime(2000, 1, 1, tzinfo=timezone.utc),
        end=datetime(9990, 1, 1, tzinfo=timezone.utc),
        memo="x",
        activity=5,
    )
    contract = Contract(
        id="h",
        client="c",
        kind=ContractKind.HOURLY,
        started=date(2000, 1, 1),
        hourly_rate=Money("10", "USD"),
        time_entries=(entry,),
    )
    with pytest.raises(InvalidValueError) as info:
        checks.review_contract(contract, now=datetime(9990, 2, 1, tzinfo=timezone.utc))
    assert "Contract.time_entries" == info.value.field
    assert f"at most {hourly.MAX_WEEKS:,} weeks" == info.value.rule
