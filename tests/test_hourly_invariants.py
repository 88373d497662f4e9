"""Tests that a Segment or WeeklyInvoice in a state invoice() cannot produce cannot be built or loaded."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety import rules, serialize
from upwork_safety.errors import InvalidDataError, InvalidValueError
from upwork_safety.hourly import (
    BillingWeek,
    Pause,
    Segment,
    TimeEntry,
    UnprotectedReason,
    WeeklyInvoice,
    invoice,
    payout_calendar,
)
from upwork_safety.money import Money

UTC = timezone.utc
KARACHI = timezone(timedelta(hours=5))
R = UnprotectedReason
#: Monday 2024-01-01 00:00 UTC.
WEEK = BillingWeek(datetime(2024, 1, 1, tzinfo=UTC))
SEGMENT = timedelta(minutes=10)
RATE = Money("50.00", "USD")
#: A what-if: activity below 6 is not adequate, and only whole slots bill.
STRICT = attrs.evolve(
    rules.CURRENT,
    name="strict what-if",
    hourly_minimum_activity=6,
    hourly_partial_segment_minimum=SEGMENT,
)


def at(day, hour=0, minute=0):
    """A moment in January 2024 (day 1 is the Monday that opens WEEK)."""
    return datetime(2024, 1, day, hour, minute, tzinfo=UTC)


def entry(start, end, **kwargs):
    kwargs.setdefault("memo", "work")
    kwargs.setdefault("activity", 5)
    return TimeEntry(start, end, **kwargs)


def slot(index, **kwargs):
    """A full, protected 10-minute segment: slot *index* of WEEK."""
    start = WEEK.start + SEGMENT * index
    kwargs.setdefault("memo", "work")
    kwargs.setdefault("activity", 5)
    kwargs.setdefault("entries", (index,))
    return Segment(start, start + SEGMENT, SEGMENT, **kwargs)


def bill(segments, **kwargs):
    """A WeeklyInvoice of WEEK built by hand, logged_time = the segments' time by default."""
    kwargs.setdefault("logged_time", sum((s.logged for s in segments), timedelta(0)))
    kwargs.setdefault("calendar", payout_calendar(WEEK))
    return WeeklyInvoice(WEEK, RATE, tuple(segments), **kwargs)


def load_problem_paths(data):
    """Load *data* as a WeeklyInvoice; return the JSON paths of the problems it is refused for."""
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(WeeklyInvoice, data)
    return [problem.split(": ", 1)[0] for problem in info.value.problems]


# --- a segment's reasons follow its own facts ------------------------------------


@pytest.mark.parametrize(
    ("facts", "reasons"),
    [
        pytest.param({"manual": True}, (), id="manual-without-MANUAL"),
        pytest.param({}, (R.MANUAL,), id="MANUAL-without-manual-time"),
        pytest.param({"memo": ""}, (), id="blank-memo-without-NO_MEMO"),
        pytest.param({"memo": "   "}, (), id="spaces-memo-without-NO_MEMO"),
        pytest.param({"activity": None}, (), id="no-activity-without-LOW_ACTIVITY"),
        pytest.param({"activity": 10}, (R.LOW_ACTIVITY,), id="LOW_ACTIVITY-at-the-top-of-scale"),
        pytest.param({"over_limit": True}, (), id="over-limit-without-OVER_LIMIT"),
        pytest.param({}, (R.OVER_LIMIT,), id="OVER_LIMIT-without-over-limit"),
        pytest.param(
            {"manual": True, "activity": None}, (R.LOW_ACTIVITY, R.MANUAL), id="out-of-order"
        ),
        pytest.param({"manual": True}, (R.MANUAL, R.MANUAL), id="repeated"),
    ],
)
def test_segment_reasons_must_follow_its_facts(facts, reasons):
    """A Segment whose reasons contradict its manual, memo, activity or over_limit is refused."""
    with pytest.raises(InvalidValueError) as info:
        slot(0, reasons=reasons, **facts)
    assert "Segment.reasons" == info.value.field


@pytest.mark.parametrize(
    ("facts", "reasons"),
    [
        pytest.param({}, (), id="protected"),
        pytest.param({"memo": "api"}, (R.NO_MEMO,), id="memo-of-one-entry-not-the-other"),
        pytest.param({"activity": 3}, (R.LOW_ACTIVITY,), id="below-a-threshold-above-3"),
        pytest.param({}, (R.CLIENT_UNVERIFIED,), id="unverified-client"),
        pytest.param(
            {"over_limit": True, "manual": True, "memo": "", "activity": None},
            (R.OVER_LIMIT, R.MANUAL, R.NO_MEMO, R.LOW_ACTIVITY, R.CLIENT_UNVERIFIED),
            id="every-reason",
        ),
    ],
)
def test_segment_reasons_some_invoice_could_give(facts, reasons):
    """Reasons that depend on the invoice (threshold, client) are left to the invoice to check."""
    assert reasons == slot(0, reasons=reasons, **facts).reasons


# --- the weekly limit ------------------------------------------------------------------


def test_billed_segments_past_the_weekly_limit_are_refused():
    """60 billed segments under a 1-hour limit (10 h, USD 500 at $50/h) cannot be built."""
    with pytest.raises(InvalidValueError) as info:
        bill([slot(i) for i in range(60)], weekly_limit=1)
    assert "WeeklyInvoice.segments[6].over_limit" == info.value.field


def test_over_limit_before_the_limit_is_reached_is_refused():
    """A segment marked over limit while the limit still has room is refused too."""
    segments = [slot(0), slot(1, over_limit=True, reasons=(R.OVER_LIMIT,))]
    with pytest.raises(InvalidValueError) as info:
        bill(segments, weekly_limit=1)
    assert "WeeklyInvoice.segments[1].over_limit" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        bill(segments)  # no limit: nothing is over it
    assert "WeeklyInvoice.segments[1].over_limit" == info.value.field


def test_json_with_over_limit_flags_cleared_is_refused():
    """A real invoice's JSON with its over_limit flags edited away does not load 4 h under a 1 h limit."""
    real = invoice(
        [entry(at(2, 9), at(2, 13))], week=WEEK, rate=RATE, weekly_limit=1, client_verified=True
    )
    assert Decimal("3.00") == real.over_limit_hours
    data = serialize.to_dict(real)
    for segment in data["segments"]:
        segment.pop("over_limit", None)
        segment["reasons"] = [r for r in segment.get("reasons", []) if r != "over_limit"]
    assert ["$.segments[6].over_limit"] == load_problem_paths(data)


# --- reasons that depend on the client and the rules ------------------------------


def test_protected_segments_for_an_unverified_client_are_refused():
    """Hourly Protection needs a verified client (HC 211068288): no protected segment without one."""
    with pytest.raises(InvalidValueError) as info:
        bill([slot(0), slot(1)], client_verified=False)
    assert "WeeklyInvoice.segments[0].reasons" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        bill([slot(0, reasons=(R.CLIENT_UNVERIFIED,))])  # unverified reason, verified client
    assert "WeeklyInvoice.segments[0].reasons" == info.value.field


def test_json_with_the_client_unverified_is_refused():
    """Editing client_verified to false in a protected week's JSON does not load."""
    data = serialize.to_dict(
        invoice([entry(at(2, 9), at(2, 10))], week=WEEK, rate=RATE, client_verified=True)
    )
    data["client_verified"] = False
    assert ["$.segments[0].reasons"] == load_problem_paths(data)


def test_low_activity_follows_the_invoice_rules():
    """LOW_ACTIVITY is exactly activity None or below the invoice's rules' threshold."""
    with pytest.raises(InvalidValueError) as info:
        bill([slot(0, activity=5)], rules=STRICT)  # 5 < 6 yet protected
    assert "WeeklyInvoice.segments[0].reasons" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        bill([slot(0, activity=5, reasons=(R.LOW_ACTIVITY,))])  # 5 >= 1 yet low
    assert "WeeklyInvoice.segments[0].reasons" == info.value.field
    accepted = bill([slot(0, activity=5, reasons=(R.LOW_ACTIVITY,))], rules=STRICT)
    assert timedelta(0) == accepted.protected_time


# --- logged and paused time ----------------------------------------------------------


@pytest.mark.parametrize(
    "logged_time",
    [
        pytest.param(timedelta(0), id="zero-with-10-hours-of-segments"),
        pytest.param(timedelta(hours=10) - timedelta(microseconds=1), id="a-microsecond-short"),
        pytest.param(timedelta(days=6), id="more-than-the-unbilled-slots-can-hold"),
    ],
)
def test_logged_time_must_cover_the_segments(logged_time):
    """logged_time cannot be less than the segments hold, nor more than the other slots could."""
    with pytest.raises(InvalidValueError) as info:
        bill([slot(i) for i in range(60)], logged_time=logged_time)
    assert "WeeklyInvoice.logged_time" == info.value.field


def test_logged_time_below_the_segments_in_json_is_refused():
    """A JSON invoice saying 60 s were logged while its segments hold 1,200 s does not load."""
    data = serialize.to_dict(
        invoice([entry(at(2, 9), at(2, 9, 20))], week=WEEK, rate=RATE, client_verified=True)
    )
    assert "1200" == data["logged_time"]
    data["logged_time"] = "60"
    assert ["$.logged_time"] == load_problem_paths(data)


def test_paused_time_must_lie_in_the_pauses():
    """Paused time with no pause, or a segment billed inside a pause, is refused."""
    segments = [slot(0), slot(1)]
    with pytest.raises(InvalidValueError) as info:
        bill(segments, logged_time=timedelta(hours=1), paused_time=timedelta(minutes=40))
    assert "WeeklyInvoice.paused_time" == info.value.field
    pause = Pause(WEEK.start, WEEK.start + SEGMENT)
    with pytest.raises(InvalidValueError) as info:
        bill(segments, logged_time=timedelta(minutes=30), paused_time=SEGMENT, pauses=(pause,))
    assert "WeeklyInvoice.segments[0].logged" == info.value.field


# --- segments on the rules' grid -------------------------------------------------------


def test_segments_must_be_slots_of_the_rules_grid():
    """A segment off the grid, of another length, or with less than the partial minimum is refused."""
    off_grid = Segment(at(1, 0, 5), at(1, 0, 15), SEGMENT, memo="work", activity=5, entries=(0,))
    with pytest.raises(InvalidValueError) as info:
        bill([off_grid])
    assert "WeeklyInvoice.segments[0]" == info.value.field
    short = Segment(at(1), at(1, 0, 5), timedelta(minutes=5), memo="work", activity=5, entries=(0,))
    with pytest.raises(InvalidValueError) as info:
        bill([short])
    assert "WeeklyInvoice.segments[0]" == info.value.field
    thin = attrs.evolve(slot(0), logged=timedelta(minutes=4))
    with pytest.raises(InvalidValueError) as info:
        bill([thin])
    assert "WeeklyInvoice.segments[0].logged" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        bill([attrs.evolve(slot(0), logged=timedelta(minutes=7))], rules=STRICT)
    assert "WeeklyInvoice.segments[0].logged" == info.value.field


def test_calendar_must_be_the_rules_calendar():
    """The calendar is the one the invoice's rules give for its week."""
    slow = attrs.evolve(rules.CURRENT, hourly_available_delay=timedelta(days=12))
    with pytest.raises(InvalidValueError) as info:
        bill([slot(0)], calendar=payout_calendar(WEEK, rules=slow))
    assert "WeeklyInvoice.calendar" == info.value.field
    accepted = bill([slot(0)], calendar=payout_calendar(WEEK, rules=slow), rules=slow)
    assert datetime(2024, 1, 20, tzinfo=UTC) == accepted.available_at


# --- the rules travel with the invoice --------------------------------------------------


def test_invoice_holds_its_rules():
    """An invoice keeps the rules it was built under; by default those in force at the week's end."""
    plain = invoice([entry(at(2, 9), at(2, 10))], week=WEEK, rate=RATE, client_verified=True)
    assert rules.as_of(WEEK.end) is plain.rules
    assert "rules" not in serialize.to_dict(plain)  # the default is not written out
    what_if = invoice(
        [entry(at(2, 9), at(2, 10, 7))], week=WEEK, rate=RATE, rules=STRICT, client_verified=True
    )
    assert STRICT == what_if.rules
    assert [R.LOW_ACTIVITY] == sorted({r for s in what_if.segments for r in s.reasons})
    assert timedelta(hours=1) == what_if.billable_time  # the 7 minutes do not make a whole slot
    assert what_if == serialize.from_json(WeeklyInvoice, serialize.to_json(what_if))


def test_what_if_json_without_its_rules_is_refused():
    """A what-if invoice's JSON with its rules removed is checked against the default rules."""
    data = serialize.to_dict(
        invoice(
            [entry(at(2, 9), at(2, 9, 20))],
            week=WEEK,
            rate=RATE,
            rules=STRICT,
            client_verified=True,
        )
    )
    del data["rules"]
    assert ["$.segments[0].reasons"] == load_problem_paths(data)


# --- every invoice() result is accepted ------------------------------------------------


@st.composite
def weeks_of_work(draw):
    """Entries and pauses around WEEK on a 37-second grid, in assorted zones."""
    unit = timedelta(seconds=37)
    moment = WEEK.start - timedelta(hours=12)
    entries = []
    for _ in range(draw(st.integers(0, 8))):
        moment += unit * draw(st.integers(0, timedelta(hours=20) // unit))
        length = unit * draw(st.integers(1, timedelta(hours=30) // unit))
        entries.append(
            TimeEntry(
                moment.astimezone(draw(st.sampled_from([UTC, KARACHI]))),
                moment + length,
                manual=draw(st.booleans()),
                memo=draw(st.sampled_from(["", " ", "api", "design"])),
                activity=draw(st.none() | st.integers(0, 10)),
            )
        )
        moment += length
    pauses = []
    start = WEEK.start - timedelta(hours=6)
    for _ in range(draw(st.integers(0, 3))):
        start += unit * draw(st.integers(0, timedelta(days=2) // unit))
        end = start + unit * draw(st.integers(1, timedelta(days=1) // unit))
        pauses.append(Pause(start, end))
        start = end
    if pauses and draw(st.booleans()):  # the last pause may still be running
        pauses[-1] = Pause(pauses[-1].start)
    return draw(st.permutations(entries)), pauses


WHAT_IFS = st.builds(
    lambda minimum, partial, segment: attrs.evolve(
        rules.CURRENT,
        hourly_minimum_activity=minimum,
        hourly_segment=segment,
        hourly_partial_segment_minimum=min(partial, segment),
    ),
    st.integers(0, 10),
    st.sampled_from([timedelta(microseconds=1), timedelta(minutes=1), timedelta(minutes=5)]),
    st.sampled_from([timedelta(minutes=1), SEGMENT, timedelta(minutes=15)]),
)


@given(
    weeks_of_work(),
    st.none() | st.integers(1, 60) | st.sampled_from(["0.5", "1.25", "10.75"]),
    st.booleans(),
    st.booleans(),
    st.none() | WHAT_IFS,
)
def test_every_invoice_round_trips(work, limit, verified, top_rated, what_if):
    """Whatever invoice() builds, rebuilt field by field or loaded from its JSON, is equal."""
    entries, pauses = work
    result = invoice(
        entries,
        week=WEEK,
        rate=RATE,
        weekly_limit=limit,
        client_verified=verified,
        top_rated=top_rated,
        pauses=pauses,
        rules=what_if,
    )
    assert result == WeeklyInvoice(**attrs.asdict(result, recurse=False))
    assert result == serialize.from_json(WeeklyInvoice, serialize.to_json(result))
    assert result == serialize.from_dict(
        WeeklyInvoice, serialize.to_dict(result, omit_defaults=False)
    )


def test_checking_an_invoice_walks_its_pauses_once(monkeypatch):
    """Review: each segment summed its overlap with every pause, so 1,008 segments and
    20,000 one-second pauses took 15 s to build or load.  The pauses are now walked once;
    counted here in calls, not timed."""
    week = BillingWeek(datetime(2024, 6, 3, tzinfo=timezone.utc))
    entries = [
        TimeEntry(
            week.start + timedelta(minutes=10 * i),
            week.start + timedelta(minutes=10 * i + 10),
            memo="x",
            activity=8,
        )
        for i in range(1008)
    ]
    step = timedelta(days=7) / 2000
    pauses = [
        Pause(
            week.start + step * i + timedelta(seconds=5),
            week.start + step * i + timedelta(seconds=6),
        )
        for i in range(2000)
    ]
    built = invoice(
        entries, week=week, rate=Money("10.00", "USD"), pauses=pauses, client_verified=True
    )
    calls = 0
    overlap = Pause.overlap

    def counted(self, start, end):
        nonlocal calls
        calls += 1
        return overlap(self, start, end)

    monkeypatch.setattr(Pause, "overlap", counted)
    assert built == attrs.evolve(built)
    assert calls <= 2 * (len(built.segments) + len(built.pauses))


def test_a_bonus_and_a_weekly_payment_are_whole_cents():
    """Second review: hourly.Bonus(USD 10.005) was built; what Upwork pays is in cents."""
    from upwork_safety.hourly import Bonus, bonus

    paid = datetime(2024, 1, 10, 15, tzinfo=UTC)
    with pytest.raises(InvalidValueError) as info:
        bonus(Money("10.005", "USD"), paid_at=paid)
    assert ("amount", "whole minor units") == (info.value.field, info.value.rule)
    with pytest.raises(InvalidValueError) as info:
        Bonus(Money("10.005", "USD"), paid, paid + timedelta(days=5))
    assert ("Bonus.amount", "whole minor units") == (info.value.field, info.value.rule)


# --- rules that are not the published ones are always shown (red team r8, finding 1) ----


def edited_file():
    """The red team's edit: a 0-hour week claims 10 protected hours under doctored rules.

    The rules keep the preset's name and effective date; two values change.
    """
    t0 = at(2, 9)
    diary = [
        entry(t0 + SEGMENT * i, t0 + SEGMENT * i + timedelta(minutes=1), activity=0)
        for i in range(60)
    ]
    real = invoice(diary, week=WEEK, rate=RATE, client_verified=True)
    data = serialize.to_dict(real)
    data["rules"] = {
        "effective": rules.CURRENT.effective.isoformat(),
        "name": rules.CURRENT.name,
        "hourly_minimum_activity": 0,
        "hourly_partial_segment_minimum": "60",
    }
    data["segments"] = [
        {
            "start": (t0 + SEGMENT * i).isoformat(),
            "end": (t0 + SEGMENT * (i + 1)).isoformat(),
            "logged": "60",
            "memo": "work",
            "activity": 0,
            "entries": [i],
        }
        for i in range(60)
    ]
    return real, serialize.from_dict(WeeklyInvoice, data)


def test_doctored_rules_under_a_presets_name_are_named():
    """An edited file's rules that keep a preset's name still show which values changed."""
    real, fake = edited_file()
    assert (Decimal("0.00"), ()) == (real.billable_hours, real.rules_changed)
    assert rules.CURRENT.name == fake.rules.name  # the label says nothing
    changed = ("hourly_partial_segment_minimum", "hourly_minimum_activity")
    assert changed == fake.rules_changed
    assert ", ".join(changed) == fake.summary()["rules_changed"]
    assert "what-if rules: hourly_partial_segment_minimum, hourly_minimum_activity" in repr(fake)
    assert "hourly_minimum_activity" in fake._repr_html_()


def test_published_rules_show_no_change_and_what_ifs_load_back_named():
    """An invoice under the published rules names no change; an honest what-if loads back, named."""
    plain = invoice([entry(at(2, 9), at(2, 10))], week=WEEK, rate=RATE, client_verified=True)
    assert () == plain.rules_changed
    assert "" == plain.summary()["rules_changed"]
    assert "what-if" not in repr(plain)
    same_name = attrs.evolve(rules.CURRENT, hourly_minimum_activity=6)
    what_if = invoice(
        [entry(at(2, 9), at(2, 10))], week=WEEK, rate=RATE, rules=same_name, client_verified=True
    )
    loaded = serialize.from_json(WeeklyInvoice, serialize.to_json(what_if))
    assert what_if == loaded
    assert ("hourly_minimum_activity",) == loaded.rules_changed
    strict = invoice(
        [entry(at(2, 9), at(2, 10))], week=WEEK, rate=RATE, rules=STRICT, client_verified=True
    )
    assert ("hourly_partial_segment_minimum", "hourly_minimum_activity") == strict.rules_changed
