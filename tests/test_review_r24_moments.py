"""Regressions from review r24 (escrowhourly E1–E3, newcomer N1–N3, N9).

Each test pins real values: a local time the clocks skipped, a numpy or
pandas value where a whole number or a moment is wanted, Money mixed with a
plain number, a DataFrame passed where contracts are, and the week a client
disputes hours in.
"""

from datetime import date, datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    Milestone,
    Money,
    escrow,
    hourly,
    jss,
)
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.models import Feedback, TimeEntry

UTC = timezone.utc
NEW_YORK = ZoneInfo("America/New_York")


# E3: a wall time inside a daylight-saving gap ------------------------------------------


def test_a_local_time_the_clocks_skipped_is_refused_naming_the_field():
    """02:30 on 2025-03-09 never happened in New York: it was recorded as 07:30 UTC."""
    skipped = datetime(2025, 3, 9, 2, 30, tzinfo=NEW_YORK)
    with pytest.raises(InvalidValueError) as caught:
        escrow.Fund("m0", skipped)
    assert ("Fund.at", "a wall time that exists in its zone") == (
        caught.value.field,
        caught.value.rule,
    )
    assert "03:30" in str(caught.value)  # what it would have been read as


@pytest.mark.parametrize(
    "call",
    [
        hourly.billing_week,
        lambda at: TimeEntry(at, at + timedelta(hours=1)),
        hourly.dispute_response,
        lambda at: escrow.ledger(
            Contract("c", "cl", ContractKind.FIXED_PRICE, date(2025, 3, 1)), at
        ),
    ],
    ids=["billing_week", "TimeEntry", "dispute_response", "ledger"],
)
def test_every_entry_point_refuses_the_skipped_time_by_the_one_rule(call):
    with pytest.raises(InvalidValueError) as caught:
        call(datetime(2025, 3, 9, 2, 30, tzinfo=NEW_YORK))
    assert "a wall time that exists in its zone" == caught.value.rule


def test_a_repeated_local_time_is_still_taken_with_either_fold():
    """01:30 on 2025-11-02 happened twice in New York: fold picks which, both exist."""
    first = escrow.Fund("m0", datetime(2025, 11, 2, 1, 30, tzinfo=NEW_YORK)).at
    second = escrow.Fund("m0", datetime(2025, 11, 2, 1, 30, fold=1, tzinfo=NEW_YORK)).at
    assert (datetime(2025, 11, 2, 5, 30, tzinfo=UTC), datetime(2025, 11, 2, 6, 30, tzinfo=UTC)) == (
        first,
        second,
    )


def test_times_either_side_of_the_gap_are_taken():
    before = escrow.Fund("m0", datetime(2025, 3, 9, 1, 59, 59, tzinfo=NEW_YORK)).at
    after = escrow.Fund("m0", datetime(2025, 3, 9, 3, 0, tzinfo=NEW_YORK)).at
    assert (datetime(2025, 3, 9, 6, 59, 59, tzinfo=UTC), datetime(2025, 3, 9, 7, tzinfo=UTC)) == (
        before,
        after,
    )


# N1: numpy and pandas values where a whole number is wanted -----------------------------


def test_a_numpy_int_score_is_told_to_pass_int():
    numpy = pytest.importorskip("numpy")
    with pytest.raises(InvalidTypeError) as caught:
        Feedback(stars="5.0", private_score=numpy.int64(9))
    assert ("Feedback.private_score", "a whole number 0–10") == (
        caught.value.field,
        caught.value.rule,
    )
    assert "pass int(value)" in str(caught.value)
    assert "numpy.int64" in str(caught.value)
    assert 9 == Feedback(stars="5.0", private_score=int(numpy.int64(9))).private_score


def test_a_missing_score_is_told_to_pass_none():
    pandas = pytest.importorskip("pandas")
    for missing in (pandas.NA, float("nan")):
        with pytest.raises(InvalidTypeError) as caught:
            Feedback(stars="5.0", private_score=missing)
        assert "Feedback.private_score" == caught.value.field
        assert "missing value: pass None" in str(caught.value)


def test_a_whole_float_activity_is_told_to_pass_int():
    at = datetime(2025, 1, 6, 9, tzinfo=UTC)
    with pytest.raises(InvalidTypeError) as caught:
        TimeEntry(at, at + timedelta(hours=1), activity=5.0)
    assert "TimeEntry.activity" == caught.value.field
    assert "pass int(value)" in str(caught.value)


# N2: pandas.NaT is a missing value, not a fine timestamp ---------------------------------


def test_nat_as_a_moment_or_a_day_is_called_missing():
    pandas = pytest.importorskip("pandas")
    for call, field in (
        (lambda: escrow.Fund("m0", pandas.NaT), "Fund.at"),
        (lambda: jss.score([], as_of=pandas.NaT), "as_of"),
        (lambda: Contract("c", "cl", ContractKind.FIXED_PRICE, pandas.NaT), "Contract.started"),
    ):
        with pytest.raises(InvalidValueError) as caught:
            call()
        assert (field, "not missing") == (caught.value.field, caught.value.rule)
        assert "microseconds" not in str(caught.value)


class _FirstOffset(tzinfo):
    """A zone attached as pytz's are with ``tzinfo=``: its first offset (local mean time).

    ``utcoffset`` answers New York's 1883 offset, -4:56, whatever the date;
    ``fromutc`` converts as the zone does today (EDT in June, -4:00).
    """

    def utcoffset(self, dt):
        return timedelta(hours=-4, minutes=-56)

    def dst(self, dt):
        return timedelta(0)

    def fromutc(self, dt):
        return dt + timedelta(hours=-4)


def test_a_zone_attached_at_its_first_offset_is_refused_with_the_pytz_advice():
    """Noon on 1 June existed, but such a tzinfo reads 16:56 UTC: refused, saying localize()."""
    with pytest.raises(InvalidValueError) as caught:
        escrow.Fund("m0", datetime(2025, 6, 1, 12, 0, tzinfo=_FirstOffset()))
    assert ("Fund.at", "a wall time that exists in its zone") == (
        caught.value.field,
        caught.value.rule,
    )
    assert "localize" in str(caught.value)


class _BackAt(tzinfo):
    """+5:00, with a ``dst`` and a ``fromutc`` each a way a caller's tzinfo fails converting back."""

    def __init__(self, dst, fromutc=None) -> None:
        self.answer_dst = dst
        self.answer_fromutc = fromutc

    def utcoffset(self, dt):
        return timedelta(hours=5)

    def dst(self, dt):
        return self.answer_dst(dt)

    def fromutc(self, dt):
        if self.answer_fromutc is None:
            return super().fromutc(dt)
        return self.answer_fromutc(dt)


def _raise(error):
    def answer(dt):
        raise error

    return answer


@pytest.mark.parametrize(
    "zone",
    [
        _BackAt(lambda dt: None),  # the standard fromutc needs a dst(): ValueError
        _BackAt(_raise(NotImplementedError("a tzinfo subclass must implement dst()"))),
        _BackAt(lambda dt: timedelta(0), fromutc=lambda dt: "12:00"),  # no datetime: TypeError
        _BackAt(lambda dt: timedelta(0), fromutc=lambda dt: dt + timedelta(days=10**7)),
    ],
    ids=["dst-none", "dst-not-implemented", "fromutc-not-a-datetime", "fromutc-overflows"],
)
def test_a_tzinfo_that_cannot_convert_back_is_taken_unchecked_at_its_offset(zone):
    """Guard (r25 leftover 4): as documented, a time that cannot be checked is read at its offset."""
    event = escrow.Fund("m0", datetime(2025, 6, 1, 12, 0, tzinfo=zone))
    assert datetime(2025, 6, 1, 7, 0, tzinfo=UTC) == event.at


@pytest.mark.parametrize("error", [KeyError("Asia/Nowhere"), AttributeError("_utc_transitions")])
def test_a_tzinfo_that_fails_converting_back_is_refused_not_taken(error):
    """Regression (r25 leftover 4): any exception converting back took the time unchecked.

    Only a tzinfo that cannot convert back (the guard above) is taken so; one
    that fails otherwise is refused, as one whose utcoffset() fails is.
    """
    zone = _BackAt(_raise(error))
    with pytest.raises(InvalidValueError) as caught:
        escrow.Fund("m0", datetime(2025, 6, 1, 12, 0, tzinfo=zone))
    assert ("Fund.at", "a tzinfo with a valid UTC offset", error) == (
        caught.value.field,
        caught.value.rule,
        caught.value.__cause__,
    )


# N3: Money mixed with a plain number ---------------------------------------------------

_M = Money("800", "USD")


@pytest.mark.parametrize(
    ("call", "advice"),
    [
        (lambda: _M + 1, "money + Money('1', 'USD')"),
        (lambda: _M + Decimal(1), "money + Money('1', 'USD')"),
        (lambda: _M - 0.5, "money - Money('0.5', 'USD')"),
        (lambda: 1 + _M, "Money('1', 'USD') + money"),
        (lambda: 2 - _M, "Money('2', 'USD') - money"),
        (lambda: _M < 800.0, "money.amount < Decimal('800.0')"),
        (lambda: _M >= 5, "money.amount >= Decimal('5')"),
        (lambda: sorted([_M, 3]), "Money('3', 'USD')"),
    ],
    ids=["+int", "+Decimal", "-float", "int+", "int-", "<float", ">=int", "sorted"],
)
def test_money_with_a_plain_number_gets_the_library_error_with_advice(call, advice):
    with pytest.raises(InvalidTypeError) as caught:
        call()
    assert ("other", "Money of the same currency") == (caught.value.field, caught.value.rule)
    assert advice in str(caught.value)


@pytest.mark.parametrize(
    ("number", "written"),
    [(Decimal("1E+3"), "'1000'"), (1e15, "'1000000000000000.0'"), (Decimal("0.5"), "'0.5'")],
)
def test_the_advised_money_is_written_as_plain_decimal_text(number, written):
    """The example is plain decimal text Money takes (review r24 A L2: '1E+3' was suggested)."""
    with pytest.raises(InvalidTypeError) as caught:
        _M + number
    assert f"Money({written}, 'USD')" in str(caught.value)
    Money(written.strip("'"), "USD")  # the advice itself is taken


@pytest.mark.parametrize("number", [float("nan"), float("inf"), 1e20, 10**25, Decimal("1E-30")])
def test_a_number_no_money_holds_gets_no_example(number):
    """NaN, an infinity or a number past the digit limits: no Money(...) to suggest."""
    with pytest.raises(InvalidTypeError) as caught:
        _M + number
    assert ("other", "Money of the same currency") == (caught.value.field, caught.value.rule)
    assert "Money(" not in str(caught.value)


def test_money_equality_with_a_non_money_stays_false():
    """== is not refused: Money sits in sets and dict keys beside other values."""
    assert (False, True, False) == (_M == Decimal(800), _M != 800, _M in {800, "800"})
    assert sum([_M, _M]) == Money("1600", "USD")  # sum() starts from 0, still taken
    assert _M.amount == Decimal(800)


# N9: a DataFrame passed where contracts are --------------------------------------------


def test_a_dataframe_of_contracts_is_refused_with_the_column_to_pass():
    pandas = pytest.importorskip("pandas")
    contract = Contract(
        "c1", "acme", ContractKind.FIXED_PRICE, date(2025, 1, 6),
        milestones=[Milestone("m1", "Logo", Money("50", "USD"))],
    )  # fmt: skip
    table = pandas.DataFrame({"freelancer": ["ayesha"], "contract": [contract]})
    with pytest.raises(InvalidTypeError) as caught:
        jss.score(table, as_of=date(2025, 6, 1))
    assert ("contracts", "a sequence, not a table") == (caught.value.field, caught.value.rule)
    assert "df['contract']" in str(caught.value)
    assert "jss.score_frame" in str(caught.value)
    column = jss.score(table["contract"], as_of=date(2025, 6, 1))
    assert column == jss.score([contract], as_of=date(2025, 6, 1))


# E2: escrow.to_mermaid with a RuleHistory ----------------------------------------------


def _seven_day_review_from_2027():
    import attrs

    from upwork_safety import rules

    shorter = attrs.evolve(
        rules.HISTORY.current,
        effective=date(2027, 1, 1),
        name="what-if: 7-day review",
        review_period=timedelta(days=7),
    )
    return rules.RuleHistory("what-if platform rules", (*rules.HISTORY, shorter))


def _auto_approve(diagram):
    return [line.strip() for line in diagram.splitlines() if "AutoApprove" in line]


def test_to_mermaid_draws_the_set_a_history_has_in_force_on_the_day():
    history = _seven_day_review_from_2027()
    assert ["SUBMITTED --> PAID: AutoApprove, auto after 14 days"] == _auto_approve(
        escrow.to_mermaid(rules=history, on=date(2026, 12, 31))
    )
    assert ["SUBMITTED --> PAID: AutoApprove, auto after 7 days"] == _auto_approve(
        escrow.to_mermaid(rules=history, on=datetime(2027, 1, 1, tzinfo=UTC))
    )
    assert escrow.to_mermaid(rules=history, on=date(2027, 1, 1)) == escrow.to_mermaid(
        rules=history.in_force(date(2027, 1, 1))
    )


def test_to_mermaid_on_alone_reads_upworks_history_and_with_one_set_is_refused():
    from upwork_safety import rules

    assert escrow.to_mermaid(on=date(2023, 12, 4)) == escrow.to_mermaid(
        rules=rules.as_of(date(2023, 12, 4))
    )
    with pytest.raises(InvalidValueError) as caught:
        escrow.to_mermaid(rules=rules.CURRENT, on=date(2024, 1, 1))
    assert ("on", "on= with a RuleHistory or no rules") == (caught.value.field, caught.value.rule)


# E1: which week a dispute is about, with or without the invoice -------------------------


def test_a_dispute_in_no_weeks_window_is_refused_without_an_invoice():
    """Saturday 00:00 to Monday 11:59:59 UTC is in no week's window (HC 211062158)."""
    for moment in (
        datetime(2025, 1, 11, tzinfo=UTC),  # Saturday 00:00
        datetime(2025, 1, 12, tzinfo=UTC),  # Sunday
        datetime(2025, 1, 13, 11, 59, 59, 999999, tzinfo=UTC),  # Monday, before invoicing
    ):
        with pytest.raises(InvalidValueError) as caught:
            hourly.dispute_response(moment)
        assert ("opened_at", "within the dispute window (HC 211062158)") == (
            caught.value.field,
            caught.value.rule,
        )
    last = hourly.dispute_response(datetime(2025, 1, 10, 23, 59, 59, 999999, tzinfo=UTC))
    first = hourly.dispute_response(datetime(2025, 1, 13, 12, tzinfo=UTC))
    assert (
        datetime(2025, 1, 13, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(2025, 1, 16, 12, tzinfo=UTC),
    ) == (
        last.respond_by,
        first.respond_by,
    )


def test_a_dispute_reads_the_disputed_weeks_rules_with_or_without_the_invoice():
    """A rule change on Monday 2 March: the week of 23 February keeps its 3 days either way."""
    import attrs

    from upwork_safety import rules

    slow = attrs.evolve(
        rules.CURRENT,
        effective=date(2026, 3, 2),
        name="what-if: 1-day answer",
        hourly_dispute_response=timedelta(days=1),
        hourly_review_window=timedelta(days=2, seconds=86399),
    )
    history = rules.RuleHistory(
        "mine", (rules.BEFORE_STREAMLINED_DISPUTES, rules.STREAMLINED_DISPUTES, slow)
    )
    week = hourly.billing_week(datetime(2026, 2, 25, tzinfo=UTC))
    entry = TimeEntry(
        datetime(2026, 2, 25, 9, tzinfo=UTC), datetime(2026, 2, 25, 10, tzinfo=UTC), memo="x"
    )
    bill = hourly.invoice([entry], week=week, rate=Money("10.00", "USD"), rules=history)
    opened = datetime(2026, 3, 4, 20, tzinfo=UTC)
    alone = hourly.dispute_response(opened, rules=history)
    with_bill = hourly.dispute_response(opened, invoice=bill, rules=history)
    assert datetime(2026, 3, 7, 20, tzinfo=UTC) == alone.respond_by == with_bill.respond_by
    # The next week is under the what-if: 1 day to answer, a window closing on Wednesday.
    assert datetime(2026, 3, 12, 20, tzinfo=UTC) == (
        hourly.dispute_response(datetime(2026, 3, 11, 20, tzinfo=UTC), rules=history).respond_by
    )
    with pytest.raises(InvalidValueError):
        hourly.dispute_response(datetime(2026, 3, 12, tzinfo=UTC), rules=history)
