"""Tests for paused hourly contracts: time logged inside a Pause is never invoiced."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety import serialize
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.hourly import (
    BillingWeek,
    Pause,
    TimeEntry,
    WeeklyInvoice,
    invoice,
    invoice_for,
    weekly_payment,
)
from upwork_safety.models import Client, Contract, ContractKind
from upwork_safety.money import Money

UTC = timezone.utc
KARACHI = timezone(timedelta(hours=5))
NEW_YORK = timezone(timedelta(hours=-5))
#: Monday 2024-01-01 00:00 UTC.
WEEK = BillingWeek(datetime(2024, 1, 1, tzinfo=UTC))
SEGMENT = timedelta(minutes=10)


def at(day, hour=0, minute=0, *, tz=UTC):
    """A moment in January 2024 (day 1 is the Monday that opens WEEK)."""
    return datetime(2024, 1, day, hour, minute, tzinfo=tz)


def entry(start, end, **kwargs):
    kwargs.setdefault("memo", "work")
    kwargs.setdefault("activity", 5)
    return TimeEntry(start, end, **kwargs)


def usd(amount):
    return Money(amount, "USD")


# --- the Pause value ------------------------------------------------------------


def test_pause_is_stored_in_utc_and_measures_itself():
    """A pause given in Karachi time is the same instants in UTC, two hours long."""
    pause = Pause(at(2, 15, tz=KARACHI), at(2, 17, tz=KARACHI))
    assert Pause(at(2, 10), at(2, 12)) == pause
    assert UTC == pause.start.tzinfo
    assert timedelta(hours=2) == pause.length
    assert pause.contains(at(2, 10))
    assert not pause.contains(at(2, 12))  # the restart is not paused
    assert timedelta(minutes=30) == pause.overlap(at(2, 11, 30), at(2, 14))


def test_open_pause_runs_until_restarted():
    """A pause with no end is still in force: it has no length and covers every later moment."""
    pause = Pause(at(3))
    assert pause.length is None
    assert pause.contains(datetime(2030, 1, 1, tzinfo=UTC))
    assert timedelta(days=5) == pause.overlap(WEEK.start, WEEK.closes_at)
    assert [{"start": at(3), "end": None}] == pause.to_records()
    assert "<caption>Contract paused</caption>" in pause._repr_html_()


@pytest.mark.parametrize(
    ("start", "end", "kind", "field"),
    [
        (at(2, 12), at(2, 12), InvalidValueError, "Pause.end"),
        (at(2, 12), at(2, 11), InvalidValueError, "Pause.end"),
        (datetime(2024, 1, 2, 9), None, InvalidValueError, "Pause.start"),
        (at(2, 9), datetime(2024, 1, 2, 10), InvalidValueError, "Pause.end"),
        ("2024-01-02", None, InvalidTypeError, "Pause.start"),
        (at(2, 9), date(2024, 1, 3), InvalidTypeError, "Pause.end"),
    ],
)
def test_pause_refuses_what_cannot_be(start, end, kind, field):
    """A pause needs aware moments and an end after its start."""
    with pytest.raises(kind) as info:
        Pause(start, end)
    assert field == info.value.field


# --- invoices ------------------------------------------------------------------------


def test_time_inside_a_pause_is_not_invoiced():
    """Tuesday 09:00–11:00 with a 10:00–10:30 pause bills 1 h 30 at $30: $45, 30 min paused."""
    pause = Pause(at(2, 10), at(2, 10, 30))
    result = invoice(
        [entry(at(2, 9), at(2, 11))],
        week=WEEK,
        rate=usd("30.00"),
        pauses=[pause],
        client_verified=True,
    )
    assert timedelta(hours=2) == result.logged_time
    assert timedelta(minutes=30) == result.paused_time
    assert Decimal("0.50") == result.paused_hours
    assert timedelta(hours=1, minutes=30) == result.billable_time
    assert usd("45.00") == result.amount
    assert (pause,) == result.pauses
    assert not any(pause.contains(s.start) for s in result.segments)
    assert Decimal("0.50") == result.summary()["paused_hours"]


@pytest.mark.parametrize(
    ("pause_start", "pause_end", "segments"),
    [
        # 5 minutes left in the first and last slots: each bills (the 5-minute rule).
        ((9, 5), (9, 55), 2),
        # 4 minutes left at each end: neither slot reaches 5 minutes.
        ((9, 4), (9, 56), 0),
    ],
)
def test_unpaused_minutes_count_towards_the_partial_segment_rule(pause_start, pause_end, segments):
    """Off-grid pause edges leave partial slots that bill only with 5 unpaused minutes."""
    pause = Pause(at(2, *pause_start), at(2, *pause_end))
    result = invoice(
        [entry(at(2, 9), at(2, 10))], week=WEEK, rate=usd(60), pauses=[pause], client_verified=True
    )
    assert segments == len(result.segments)
    assert pause.length == result.paused_time


def test_a_pause_inside_one_slot_leaves_one_segment_for_one_entry():
    """A 2-minute pause inside a slot splits the entry, but the slot lists it once, 8 min logged."""
    result = invoice(
        [entry(at(2, 9), at(2, 9, 10))],
        week=WEEK,
        rate=usd(60),
        pauses=[Pause(at(2, 9, 2), at(2, 9, 4))],
        client_verified=True,
    )
    (segment,) = result.segments
    assert (0,) == segment.entries
    assert timedelta(minutes=8) == segment.logged
    assert usd("10.00") == result.amount


def test_open_pause_stops_billing_for_the_rest_of_the_week():
    """Paused from Wednesday 00:00 with no restart: Tuesday bills, Thursday does not."""
    pause = Pause(at(3))
    result = invoice(
        [entry(at(2, 9), at(2, 10)), entry(at(4, 9), at(4, 10))],
        week=WEEK,
        rate=usd("20.00"),
        pauses=[pause],
        client_verified=True,
    )
    assert usd("20.00") == result.amount
    assert timedelta(hours=1) == result.paused_time
    assert {0} == {i for s in result.segments for i in s.entries}


def test_paused_time_does_not_use_up_the_weekly_limit():
    """With a 1-hour limit and the first hour paused, the second hour bills in full."""
    result = invoice(
        [entry(at(2, 9), at(2, 11))],
        week=WEEK,
        rate=usd(40),
        weekly_limit=1,
        pauses=[Pause(at(2, 9), at(2, 10))],
        client_verified=True,
    )
    assert timedelta(hours=1) == result.billable_time
    assert timedelta(0) == result.over_limit_time
    assert usd("40.00") == result.amount


def test_only_pauses_touching_the_week_are_kept():
    """Pauses before or after the week, or ending as it starts, are not listed on its invoice."""
    inside = Pause(at(5, 8), at(5, 9))
    pauses = [
        Pause(at(1) - timedelta(days=3), at(1)),  # ends as the week starts
        inside,
        Pause(at(8), at(9)),  # the next week
    ]
    result = invoice(
        [entry(at(1), at(1, 1))], week=WEEK, rate=usd(10), pauses=pauses, client_verified=True
    )
    assert (inside,) == result.pauses
    assert timedelta(0) == result.paused_time
    assert usd("10.00") == result.amount


def test_overlapping_pauses_are_refused_touching_ones_are_not():
    """Two pauses in force at once are an error naming the later one; back to back is fine."""
    first = Pause(at(2, 9), at(2, 11))
    with pytest.raises(InvalidValueError) as info:
        invoice(
            [],
            week=WEEK,
            rate=usd(1),
            pauses=[Pause(at(2, 10), at(2, 12)), first],
            client_verified=True,
        )
    assert "pauses[0]" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        invoice(
            [],
            week=WEEK,
            rate=usd(1),
            pauses=[Pause(at(1)), Pause(at(3), at(4))],
            client_verified=True,
        )
    assert "pauses[1]" == info.value.field
    ok = invoice(
        [],
        week=WEEK,
        rate=usd(1),
        pauses=[first, Pause(at(2, 11), at(2, 12))],
        client_verified=True,
    )
    assert 2 == len(ok.pauses)


@pytest.mark.parametrize(
    ("pauses", "field"),
    [(None, "pauses"), (Pause(at(2)), "pauses"), ("paused", "pauses"), ([at(2)], "pauses[0]")],
)
def test_pauses_must_be_a_sequence_of_pause(pauses, field):
    """A lone Pause, None, text or a datetime in the list are refused, naming the argument."""
    with pytest.raises(InvalidTypeError) as info:
        invoice([], week=WEEK, rate=usd(1), pauses=pauses, client_verified=True)
    assert field == info.value.field


def test_invoice_for_takes_the_pauses():
    """invoice_for passes the contract's pauses on to the invoice."""
    contract = Contract(
        "h1",
        Client("acme", payment_verified=True),
        ContractKind.HOURLY,
        date(2023, 12, 1),
        hourly_rate=usd("25.00"),
        time_entries=(entry(at(2, 9), at(2, 11)),),
    )
    result = invoice_for(contract, week=WEEK, pauses=[Pause(at(2, 10))])
    assert usd("25.00") == result.amount
    assert timedelta(hours=1) == result.paused_time


def test_invoice_with_pauses_round_trips_and_checks_paused_time():
    """An invoice with pauses round-trips; its pauses must be in order, inside the week, not overlapping."""
    result = invoice(
        [entry(at(2, 9), at(2, 11))],
        week=WEEK,
        rate=usd(30),
        pauses=[Pause(at(2, 10))],
        client_verified=True,
    )
    assert result == serialize.from_dict(WeeklyInvoice, serialize.to_dict(result))
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(result, paused_time=timedelta(hours=3))
    assert "WeeklyInvoice.paused_time" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(result, pauses=(Pause(at(2, 9), at(2, 11)), Pause(at(2, 10))))
    assert "WeeklyInvoice.pauses[1]" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(result, pauses=(Pause(at(3), at(4)), Pause(at(2), at(2, 1))))
    assert "WeeklyInvoice.pauses[0]" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(result, pauses=(Pause(at(8), at(9)),))
    assert "WeeklyInvoice.pauses[0]" == info.value.field


# --- properties ----------------------------------------------------------------------


@st.composite
def grid_spans(draw, *, count):
    """Up to *count* non-overlapping spans on the 10-minute grid, around WEEK."""
    moment = WEEK.start - timedelta(days=1)
    spans = []
    for _ in range(draw(st.integers(0, count))):
        moment += SEGMENT * draw(st.integers(0, 6 * 30))
        length = SEGMENT * draw(st.integers(1, 6 * 30))
        spans.append((moment, moment + length))
        moment += length
    return spans


def in_week(start, end):
    return max(min(end, WEEK.closes_at) - max(start, WEEK.start), timedelta(0))


@given(
    grid_spans(count=6),
    grid_spans(count=3),
    st.none() | st.integers(1, 40),
    st.sampled_from([UTC, KARACHI, NEW_YORK]),
)
def test_grid_time_is_billed_over_limit_or_paused_exactly(spans, paused, limit, zone):
    """On the grid, billable + over limit + paused time is exactly the logged in-week time."""
    entries = [entry(s.astimezone(zone), e.astimezone(zone)) for s, e in spans]
    pauses = [Pause(s.astimezone(zone), e.astimezone(zone)) for s, e in paused]
    result = invoice(
        entries, week=WEEK, rate=usd(30), weekly_limit=limit, pauses=pauses, client_verified=True
    )
    logged = sum((in_week(s, e) for s, e in spans), timedelta(0))
    assert logged == result.logged_time
    assert logged == result.billable_time + result.over_limit_time + result.paused_time
    for segment in result.segments:
        assert not any(p.overlap(segment.start, segment.end) for p in pauses)
    # The same pauses given in UTC give the same invoice.
    same = [Pause(s, e) for s, e in paused]
    utc_entries = [entry(s, e) for s, e in spans]
    assert result == invoice(
        utc_entries, week=WEEK, rate=usd(30), weekly_limit=limit, pauses=same, client_verified=True
    )


@pytest.mark.parametrize("n", [200, 400])
def test_invoice_reads_each_pause_a_bounded_number_of_times(n, monkeypatch):
    """Red team r8, finding 10: entries and pauses are swept together, not entries × pauses.

    Counted, not timed: how often a pause's end is read grows with entries +
    pauses (it grew with their product, 80,000 reads for 400 of each).
    """
    step = timedelta(weeks=1) / n
    diary = [entry(WEEK.start + step * i, WEEK.start + step * i + step / 2) for i in range(n)]
    pauses = [
        Pause(WEEK.start + step * i + step / 2, WEEK.start + step * (i + 1)) for i in range(n)
    ]
    reads = 0
    slot = Pause.end

    def counted(pause):
        nonlocal reads
        reads += 1
        return slot.__get__(pause)

    monkeypatch.setattr(Pause, "end", property(counted))
    bill = invoice(diary, week=WEEK, rate=usd("25.00"), pauses=pauses, client_verified=True)
    assert n == len(bill.pauses)
    assert reads <= 40 * n


# --- ninth outside review (red team r9b) ------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "pause", "rule"),
    [
        # Monday, two days before a Wednesday start: took away the 60% the week pays
        ({"started": date(2024, 1, 3)}, Pause(at(1, 9), at(1, 10)), "not before Contract.started"),
        # Saturday, after a Wednesday end: took away the 60% too
        ({"ended": date(2024, 1, 3)}, Pause(at(6, 9), at(6, 10)), "not after Contract.ended"),
    ],
)
def test_a_weekly_payment_refuses_a_pause_outside_the_contracts_run(kwargs, pause, rule):
    """Red team r9b, finding 4: a pause before the start or after the end is refused, not paid as 0.

    The Work Diary's rule and constants; the field is the caller's
    argument.  A pause on the first or last day, or one still open when the
    contract ended, is the contract's own and keeps the week unpaid.
    """
    calm = Pause(at(3, 9), at(3, 10))
    with pytest.raises(InvalidValueError) as info:
        weekly_payment(usd("150.00"), week=WEEK, pauses=[calm, pause], **kwargs)
    assert ("pauses[1]", rule) == (info.value.field, info.value.rule)
    day = kwargs.get("started", kwargs.get("ended"))
    inside = Pause(datetime(day.year, day.month, day.day, 23, tzinfo=UTC))  # still open
    assert usd("0.00") == weekly_payment(usd("150.00"), week=WEEK, pauses=[inside], **kwargs).amount
    assert usd("90.00") == weekly_payment(usd("150.00"), week=WEEK, **kwargs).amount


def test_invoice_for_refuses_a_pause_outside_the_contract():
    """Red team r9b, finding 4: invoice_for keeps no pause from before the start or after the end."""
    contract = Contract(
        "c1",
        Client("cl", payment_verified=True),
        ContractKind.HOURLY,
        date(2024, 1, 3),
        ended=date(2024, 1, 5),
        hourly_rate=usd(20),
        time_entries=(entry(at(3, 9), at(3, 10)),),
    )
    for pause, rule in (
        (Pause(at(2, 9), at(2, 10)), "not before Contract.started"),
        (Pause(at(6, 9), at(6, 10)), "not after Contract.ended"),
    ):
        with pytest.raises(InvalidValueError) as info:
            invoice_for(contract, week=WEEK, pauses=[pause])
        assert ("pauses[0]", rule) == (info.value.field, info.value.rule)
    kept = invoice_for(contract, week=WEEK, pauses=[Pause(at(5, 23))])
    assert (Pause(at(5, 23)),) == kept.pauses


def test_a_dispute_pause_after_the_contract_ended_is_not_the_weeks_concern():
    """Red team r9c: a client disputes the last week's hours in the week after, after the end.

    docs/hourly.md says to pass a dispute's span as a Pause; one outside the
    week billed touches neither that week's invoice nor its weekly payment.
    """
    contract = Contract(
        "c1",
        Client("cl", payment_verified=True),
        ContractKind.HOURLY,
        date(2024, 1, 1),
        ended=date(2024, 1, 7),
        hourly_rate=usd(20),
        time_entries=(entry(at(3, 9), at(3, 11)),),
    )
    dispute = Pause(datetime(2024, 1, 10, 9, tzinfo=UTC), datetime(2024, 1, 12, 9, tzinfo=UTC))
    billed = invoice_for(contract, week=WEEK, pauses=[dispute])
    assert usd("40.00") == billed.amount
    paid = weekly_payment(
        usd("100.00"), week=WEEK, started=contract.started, ended=contract.ended, pauses=[dispute]
    )
    assert usd("100.00") == paid.amount


def test_a_bonus_paid_at_a_naive_moment_names_paid_at():
    """Red team r9c: the default rules read paid_at first and named 'on'."""
    from upwork_safety.hourly import Bonus

    with pytest.raises(InvalidValueError) as info:
        Bonus(
            amount=usd("5.00"),
            paid_at=datetime(2024, 3, 6),  # naive on purpose
            available_at=datetime(2024, 3, 11, tzinfo=UTC),
        )
    assert "Bonus.paid_at" == info.value.field
