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

import importlib
from datetime import date, datetime, timedelta, timezone

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from upwork_safety import Client, Contract, ContractKind, Money, checks, hourly, rules
from upwork_safety.checks import CODES, FindingCode, Severity, _hourly_pay, _hourly_weeks
from upwork_safety.models import TimeEntry
from upwork_safety.testing import strategies as us

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


def test_a_work_diary_of_thousands_of_years_is_reviewed_again():
    """Red team r20 L1: one entry from 2000 to 9990, which ``Contract`` accepts, was
    refused (``hourly.MAX_WEEKS``, "pass the Work Diary in parts"); it is reviewed,
    and only its last week, invoiced Mon 9990-01-01 12:00, waits for its pay."""
    start = datetime(2000, 1, 1, tzinfo=UTC)
    end = datetime(9990, 1, 1, tzinfo=UTC)  # a Monday 00:00: the last week is 25-31 Dec 9989
    long_entry = TimeEntry(start=start, end=end, memo="x", activity=5)
    eternal = Contract(
        id="h",
        client="c",
        kind=ContractKind.HOURLY,
        started=date(2000, 1, 1),
        hourly_rate=Money("10", "USD"),
        time_entries=(long_entry,),
    )
    found = checks.review_contract(eternal, now=datetime(9990, 1, 4, tzinfo=UTC))
    assert [
        FindingCode.UNPROTECTED_HOURS,
        FindingCode.UNVERIFIED_CLIENT,
        FindingCode.HOURS_IN_REVIEW,
    ] == [f.code for f in found]
    (review,) = pay_of(found)
    # 168 hours at $10, due at the end of the dispute window, Friday 5 Jan 9990 23:59:59.
    assert (usd("1680.00"), datetime(9990, 1, 5, 23, 59, 59, tzinfo=UTC)) == (
        review.amount,
        review.due,
    )
    assert "last week (9989-12-25 → 9989-12-31 (UTC))" in review.message
    late = checks.review_contract(eternal, now=datetime(9990, 2, 1, tzinfo=UTC))
    assert [FindingCode.UNVERIFIED_CLIENT] == [f.code for f in late]


# --- Only the last few weeks are looked at (red team r20 M3) -------------------------


def old_pay_findings(contract, now, chosen):
    """The findings as computed before r20 M3, the reference: every week of the Work Diary
    (``hourly.weeks_of``), each checked against its own payout calendar."""

    def unpaid(week):
        calendar = week.calendar(rules=chosen)
        return calendar.invoiced_at <= now < calendar.available_at

    weeks = [week for week in hourly.weeks_of(contract.time_entries) if unpaid(week)]
    return _hourly_pay.pay_findings(contract, weeks, now, chosen)


def old_past_weeks(now, chosen):
    """The weeks UNPROTECTED_HOURS looked at before r20 M3, the reference: back from *now*
    until the longest dispute window of the rules in use has closed."""
    longest = (
        chosen.hourly_review_window
        if chosen is not None
        else max(preset.hourly_review_window for preset in rules.HISTORY)
    )
    weeks = []
    week = hourly.billing_week(now).previous()
    while now < week.closes_at + longest + timedelta(seconds=1):
        back = len(weeks) + 1
        weeks.append((week, "last week" if back == 1 else f"{back} weeks ago"))
        week = week.previous()
    return weeks


#: A what-if rule set whose window and payday are weeks away, so several weeks wait.
LONG_WAIT = attrs.evolve(
    rules.CURRENT,
    hourly_review_window=timedelta(days=20),
    hourly_available_delay=timedelta(days=25),
)


@settings(max_examples=80, deadline=None)
@given(
    st.data(),
    us.hourly_contracts(),
    st.sampled_from([None, rules.CURRENT, LONG_WAIT]),
)
def test_the_findings_are_those_of_every_week_of_the_work_diary(data, diary, chosen):
    """Looking only at the last weeks gives exactly what looking at every week gave."""
    now = data.draw(us.moments_after(diary, within=timedelta(days=40)), label="now")
    assert old_pay_findings(diary, now, chosen) == _hourly_pay.hourly_pay_findings(
        diary, now, chosen
    )
    assert old_past_weeks(now, chosen) == _hourly_weeks._past_weeks(now, chosen)


def test_a_review_looks_at_the_last_weeks_not_the_whole_work_diary(monkeypatch):
    """Five years of daily entries: the review reads a few weeks' calendars, not 261."""
    first = datetime(2021, 12, 6, 9, tzinfo=UTC)
    days = [
        TimeEntry(first + timedelta(days=n), first + timedelta(days=n, hours=3), memo="w")
        for n in range(5 * 365)
    ]
    diary = attrs.evolve(contract(days[-7:]), started=date(2021, 12, 6), time_entries=days)
    read = []
    calendar = hourly.BillingWeek.calendar

    def counted(week, **kwargs):
        read.append(week)
        return calendar(week, **kwargs)

    invoiced = []
    invoice_for = hourly.invoice_for

    def counted_invoice(contract, *, week, **kwargs):
        invoiced.append(week)
        return invoice_for(contract, week=week, **kwargs)

    monkeypatch.setattr(hourly.BillingWeek, "calendar", counted)
    monkeypatch.setattr(hourly, "invoice_for", counted_invoice)
    now = days[-1].end + timedelta(days=3)  # Monday 7 Dec 2026 12:00, the invoice
    found = pay_of(checks.review_contract(diary, now=now))
    # Each of the two weeks waiting is invoiced once, though last week's hours are also
    # read for UNPROTECTED_HOURS (the engine reads the whole Work Diary for an invoice).
    last_week = hourly.billing_week(now).previous()
    assert [last_week, last_week.previous()] == invoiced
    assert [FindingCode.HOURS_PENDING, FindingCode.HOURS_IN_REVIEW] == [f.code for f in found]
    # This week, the two waiting for their pay, and the week where the walk stops.
    assert {hourly.billing_week(now - timedelta(weeks=n)) for n in range(4)} == set(read)
    assert len(read) <= 20


def test_after_a_rule_change_that_shortens_the_wait_an_older_week_is_still_pending(monkeypatch):
    """With rules=None each week has the rules in force at its end.  Under a (made-up)
    history whose 30-day wait becomes 9 days from Tue 1 Dec 2026, the week of 23 Nov is
    paid on 30 Dec, after the week of 30 Nov (16 Dec): on 20 Dec the newer week is paid
    and the older still pending, and the walk back must not stop at the newer one."""
    slow = attrs.evolve(
        rules.CURRENT,
        effective=date.min,
        name="slow",
        hourly_available_delay=timedelta(days=30),
    )
    fast = attrs.evolve(rules.CURRENT, effective=date(2026, 12, 1), name="fast")
    history = rules.RuleHistory("platform rules", (slow, fast))
    monkeypatch.setattr(
        importlib.import_module("upwork_safety.rules._platform"), "HISTORY", history
    )
    monkeypatch.setattr(_hourly_pay, "HISTORY", history)
    older = hourly.billing_week(datetime(2026, 11, 25, tzinfo=UTC))
    newer = older.next()
    assert (datetime(2026, 12, 30, tzinfo=UTC), datetime(2026, 12, 16, tzinfo=UTC)) == (
        older.calendar().available_at,
        newer.calendar().available_at,
    )
    both = contract([entry(30, 10, 4), entry(1, 10, 2)])  # Mon 30 Nov, Tue 1 Dec (Karachi)
    both = attrs.evolve(
        both,
        time_entries=[
            TimeEntry(
                datetime(2026, 11, 25, 9, tzinfo=UTC),
                datetime(2026, 11, 25, 12, tzinfo=UTC),
                memo="API",
                activity=7,
            ),
            *both.time_entries,
        ],
    )
    for day in range(14, 32):
        now = datetime(2026, 12, day, 6, tzinfo=UTC)
        assert old_pay_findings(both, now, None) == _hourly_pay.hourly_pay_findings(both, now, None)
    now = datetime(2026, 12, 20, tzinfo=UTC)
    (pending,) = pay_of(checks.review_contract(both, now=now))
    assert (FindingCode.HOURS_PENDING, datetime(2026, 12, 30, tzinfo=UTC), usd("45.00")) == (
        pending.code,
        pending.due,
        pending.amount,
    )
    assert "3 weeks ago (2026-11-23 → 2026-11-29 (UTC))" in pending.message


def test_a_week_is_named_alike_by_every_hourly_finding():
    """Red team r20 L3: one wording of a week's age, for UNPROTECTED_HOURS and HOURS_*."""
    now = datetime(2026, 12, 9, tzinfo=UTC)  # a Wednesday
    this = hourly.billing_week(now)
    assert ["this week", "last week", "2 weeks ago", "3 weeks ago"] == [
        _hourly_pay.week_label(this, now),
        _hourly_pay.week_label(this.previous(), now),
        _hourly_pay.week_label(this.previous().previous(), now),
        _hourly_pay.week_label(this.previous().previous().previous(), now),
    ]
    found = checks.review_contract(newcomer(), now=now)
    unprotected, review = (
        next(f for f in found if f.code is code)
        for code in (FindingCode.UNPROTECTED_HOURS, FindingCode.HOURS_IN_REVIEW)
    )
    week = "last week (2026-11-30 → 2026-12-06 (UTC))"
    assert week in unprotected.message
    assert week in review.message
