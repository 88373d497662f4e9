"""Moments from outside the standard library's happy path: subclasses, odd tzinfos, the calendar's edges.

Regressions from the third red-team pass: each of these used to give a raw
Python exception, store a value the library could not write back, or fail
on a value the library had computed itself.
"""

from datetime import date, datetime, timedelta, timezone, tzinfo

import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    Milestone,
    Money,
    checks,
    escrow,
    hourly,
    serialize,
)
from upwork_safety.checks import Finding, FindingCode, Severity
from upwork_safety.cli import main
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.models import TimeEntry

UTC = timezone.utc
LAST = datetime(9990, 12, 31, 23, 59, tzinfo=UTC)


class Moment(datetime):
    """A datetime subclass such as a third-party library might hand over."""


class Broken(tzinfo):
    """A tzinfo that misbehaves in one of the ways a caller's own class can."""

    def __init__(self, how: str) -> None:
        self.how = how

    def utcoffset(self, dt):
        if self.how == "too big":
            return timedelta(hours=30)
        if self.how == "not a timedelta":
            return 5
        raise KeyError("no such zone")

    def dst(self, dt):
        return None


def _in_the_last_days(*events):
    """A one-milestone contract from 9990-12-01, the last supported month, with *events*."""
    contract = Contract(
        "c1", "acme", ContractKind.FIXED_PRICE, date(9990, 12, 1),
        milestones=[Milestone("m1", "Logo", Money("50", "USD"))],
    )  # fmt: skip
    return escrow.replay(contract, list(events))


def test_a_datetime_subclass_is_stored_as_a_plain_datetime():
    """Equal instants give equal values, whatever class they came in."""
    plain = datetime(2026, 3, 4, 9, tzinfo=UTC)
    for given in (
        Moment(2026, 3, 4, 9, tzinfo=UTC),
        Moment(2026, 3, 4, 14, tzinfo=timezone(timedelta(hours=5))),
    ):
        event = escrow.Fund("m1", given)
        assert (datetime, plain) == (type(event.at), event.at)
        assert event == escrow.Fund("m1", plain)
        assert event == serialize.from_json(escrow.Fund, serialize.to_json(event))
    entry = TimeEntry(Moment(2026, 3, 4, 9, tzinfo=UTC), Moment(2026, 3, 4, 10, tzinfo=UTC))
    assert (datetime, datetime) == (type(entry.start), type(entry.end))
    assert (
        datetime(2026, 3, 2, tzinfo=UTC)
        == hourly.billing_week(Moment(2026, 3, 4, 9, tzinfo=UTC)).start
    )


def test_a_timestamp_finer_than_a_microsecond_is_refused_not_rounded():
    """pandas.Timestamp with nanoseconds: refused naming the field (it was stored, then lost on write)."""
    pd = pytest.importorskip("pandas")
    fine = pd.Timestamp("2026-03-04 09:00:00.000000001", tz="UTC")
    with pytest.raises(InvalidValueError) as info:
        escrow.Fund("m1", fine)
    assert ("Fund.at", "at most microseconds") == (info.value.field, info.value.rule)
    with pytest.raises(InvalidValueError) as info:
        hourly.billing_week(fine)
    assert "at most microseconds" == info.value.rule
    whole = pd.Timestamp("2026-03-04 09:00:00.000001", tz="Asia/Karachi")
    assert datetime(2026, 3, 4, 4, 0, 0, 1, tzinfo=UTC) == escrow.Fund("m1", whole).at
    assert (
        datetime(2026, 3, 2, tzinfo=UTC)
        == hourly.billing_week(pd.Timestamp("2026-03-04 09:00", tz="UTC")).start
    )


@pytest.mark.parametrize("how", ["too big", "not a timedelta", "raises"])
def test_a_tzinfo_that_fails_is_a_library_error_naming_the_field(how):
    """A caller's tzinfo that raises or gives a bad offset: InvalidValueError, not ValueError/TypeError/KeyError."""
    moment = datetime(2026, 3, 2, 9, tzinfo=Broken(how))
    for call, field in (
        (lambda: escrow.Fund("m1", moment), "Fund.at"),
        (lambda: hourly.billing_week(moment), "at"),
        (lambda: TimeEntry(moment, datetime(2026, 3, 2, 10, tzinfo=UTC)), "TimeEntry.start"),
    ):
        with pytest.raises(InvalidValueError) as info:
            call()
        assert (field, "a tzinfo with a valid UTC offset") == (info.value.field, info.value.rule)


def test_findings_and_deadlines_may_fall_after_the_last_input_day():
    """Regression: review_contract on 9990-12-31 failed building its own finding (due 9991-01-13)."""
    contract = _in_the_last_days(
        escrow.Fund("m1", LAST - timedelta(days=2)),
        escrow.Submit("m1", LAST - timedelta(days=1)),
    )
    due = LAST - timedelta(days=1) + timedelta(days=14)
    assert [due] == [d.due for d in escrow.deadlines(contract, LAST) if d.kind == "review_ends"]
    findings = checks.review_contract(contract, now=LAST)
    assert due in [f.due for f in findings]


def test_a_findings_due_moment_is_normalised_to_utc():
    """Finding.due: equal instants give equal findings (an aware non-UTC due was kept as given)."""
    karachi = timezone(timedelta(hours=5))
    finding = Finding(
        FindingCode.REVIEW_PERIOD_RUNNING,
        Severity.INFO,
        "m",
        "m",
        due=datetime(2026, 3, 4, 14, tzinfo=karachi),
    )
    assert datetime(2026, 3, 4, 9, tzinfo=UTC) == finding.due
    with pytest.raises(InvalidValueError):
        Finding(
            FindingCode.REVIEW_PERIOD_RUNNING, Severity.INFO, "m", "m", due=datetime(2026, 3, 4)
        )
    with pytest.raises(InvalidTypeError):
        Finding(FindingCode.REVIEW_PERIOD_RUNNING, Severity.INFO, "m", "m", due="2026-03-04")


@pytest.mark.parametrize("now", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"])
def test_the_cli_refuses_a_moment_off_the_calendar(tmp_path, capsys, now):
    """Regression: --now that leaves the calendar once in UTC was an OverflowError traceback."""
    path = tmp_path / "c.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["check", str(path), "--now", now])
    assert 2 == exited.value.code
    assert "outside the calendar" in capsys.readouterr().err


def test_the_last_billing_week_has_a_payout_calendar_and_an_invoice():
    """Regression (red team): the week of 9990-12-31 failed naming an internal 'on'."""
    from upwork_safety.models import TimeEntry

    week = hourly.billing_week(LAST)
    assert datetime(9991, 1, 16, tzinfo=UTC) == hourly.payout_calendar(week).available_at
    contract = Contract(
        "h", "acme", ContractKind.HOURLY, date(9990, 12, 1), hourly_rate=Money("20", "USD"),
        time_entries=[TimeEntry(LAST - timedelta(hours=2), LAST - timedelta(hours=1))],
    )  # fmt: skip
    assert hourly.invoice_for(contract, week=week).week == week


def test_a_datetime_subclass_cannot_answer_for_its_own_fields():
    """Regression (review): a subclass whose year said 2020 was stored as 2020-12-31."""

    class Liar(datetime):
        @property
        def year(self) -> int:
            return 2020

        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = datetime.__hash__

    with pytest.raises(InvalidValueError) as info:
        escrow.Fund("m1", Liar(9999, 12, 31, tzinfo=UTC))
    assert ("Fund.at", "on or before 9990-12-31") == (info.value.field, info.value.rule)
    assert datetime(2026, 3, 4, tzinfo=UTC) == escrow.Fund("m1", Liar(2026, 3, 4, tzinfo=UTC)).at


def test_computed_moments_are_converted_on_any_day_and_refused_alike():
    """Regression (review): a report's moment after 9990 in another zone, or a fickle tzinfo."""
    from upwork_safety.escrow import Deadline, DeadlineKind

    def deadline(due):
        return Deadline(DeadlineKind.REVIEW_ENDS, due, None, "client", "x", "HC 1")

    later = datetime(9991, 1, 5, tzinfo=timezone(timedelta(hours=5)))
    assert datetime(9991, 1, 4, 19, tzinfo=UTC) == deadline(later).due
    assert type(deadline(Moment(9991, 1, 1, tzinfo=UTC)).due) is datetime
    with pytest.raises(InvalidValueError) as info:
        deadline(datetime(9991, 1, 1))
    assert "Deadline.due" == info.value.field
    naive_rule = info.value.rule
    with pytest.raises(InvalidValueError) as info:
        escrow.Fund("m1", datetime(2026, 1, 1))
    assert naive_rule == info.value.rule  # the same rule as for an input moment
    with pytest.raises(InvalidValueError) as info:
        deadline(datetime(2026, 3, 4, tzinfo=Broken("raises")))
    assert "a tzinfo with a valid UTC offset" == info.value.rule


def test_a_subclass_claiming_to_be_the_base_class_is_still_read_as_a_subclass():
    """Regression (second review): a __class__ property skipped the base-class reading."""
    from upwork_safety import rules

    class Claims(datetime):
        __class__ = property(lambda self: datetime)
        year = property(lambda self: 2020)

    class Day(date):
        __class__ = property(lambda self: date)

        def __le__(self, other: object) -> bool:
            return True

    late = Claims(9999, 12, 31, tzinfo=UTC)
    for call in (
        lambda: escrow.Fund("m1", late),
        lambda: hourly.bonus(Money(5, "USD"), paid_at=late, rules=rules.CURRENT),
        lambda: Contract("c", "a", ContractKind.FIXED_PRICE, Day(9999, 12, 31)),
    ):
        with pytest.raises(InvalidValueError) as info:
            call()
        assert "on or before 9990-12-31" == info.value.rule


def test_date_fields_of_rules_and_rates_hold_plain_dates():
    """Regression (second review): rule sets and rates kept a date subclass as given.

    A rate's ``as_of`` has a converter (review r35, hostile 7), and so has a
    rule set's ``effective`` (review r36, hostile 5): the plain date of its
    day, whose own ``>`` checks the bound.
    """
    import attrs

    from upwork_safety import ExchangeRate, rules

    class Later(date):
        def __gt__(self, other: object) -> bool:
            return True

    day = ExchangeRate("USD", "PKR", "280", as_of=Later(2024, 1, 1)).as_of
    assert (date, date(2024, 1, 1)) == (type(day), day)
    effective = attrs.evolve(rules.CURRENT, effective=Later(2020, 1, 1)).effective
    assert (date, date(2020, 1, 1)) == (type(effective), effective)


def test_an_escrow_dispute_on_the_last_days_can_still_be_reported():
    """Regression (second review): its business-day deadline fell after 9990-12-31 and every report failed."""
    contract = _in_the_last_days(
        escrow.Fund("m1", datetime(9990, 12, 20, tzinfo=UTC)),
        escrow.RequestRefund("m1", datetime(9990, 12, 29, tzinfo=UTC)),
        escrow.OpenDispute("m1", datetime(9990, 12, 30, 12, tzinfo=UTC)),
    )
    assert Money("50", "USD") == escrow.ledger(contract, LAST).at_risk
    due = [d.due for d in escrow.deadlines(contract, LAST)]
    assert [datetime(9991, 1, 5, tzinfo=UTC)] == due  # 5 business days from a Sunday: Mon..Fri
    assert contract == escrow.advance(contract, LAST)
    assert checks.review_contract(contract, now=LAST)
    respond = hourly.dispute_response(datetime(9990, 12, 27, 12, tzinfo=UTC))
    assert datetime(9991, 1, 1, 12, tzinfo=UTC) == respond.respond_by_if_business_days


class Changing(tzinfo):
    """Answers *first* the first time its offset is asked for, then *later* every time."""

    def __init__(self, first, later) -> None:
        self.answers = [first]
        self.later = later

    def utcoffset(self, dt):
        return self.answers.pop() if self.answers else self.later

    def dst(self, dt):
        return None

    def tzname(self, dt):
        return "changing"


@pytest.mark.parametrize(
    ("first", "later"),
    [(timedelta(0), None), (timedelta(hours=5), timedelta(hours=-3))],
    ids=["then-naive", "then-another-offset"],
)
def test_a_moment_is_built_from_the_one_offset_checked(first, later):
    """Red team r18 M4: a second ``utcoffset()`` answer of None made CPython read local time.

    The offset is asked for once: the moment stored is the wall time less that
    offset, whatever the tzinfo says later (and whatever the process's zone is).
    """
    wall = datetime(2024, 1, 2, 12, 0)
    event = escrow.Fund("m1", wall.replace(tzinfo=Changing(first, later)))
    assert datetime(2024, 1, 2, 12, 0, tzinfo=UTC) - first == event.at
    assert (UTC, 0) == (event.at.tzinfo, event.at.fold)


def test_a_moment_with_fold_is_stored_without_it():
    """The UTC moment is built by hand: the wall time's fold (a repeated hour) is not carried."""
    wall = datetime(2024, 11, 3, 1, 30, fold=1, tzinfo=timezone(timedelta(hours=-5)))
    moment = escrow.Fund("m1", wall).at
    assert (datetime(2024, 11, 3, 6, 30, tzinfo=UTC), 0) == (moment, moment.fold)
