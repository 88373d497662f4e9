"""When a withdrawal arrives: fees.arrival, the cutoff and the new-method wait (newcomer r16)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety import fees, rules
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.testing import strategies as us

UTC = timezone.utc
KARACHI = ZoneInfo("Asia/Karachi")
THURSDAY = date(2026, 12, 3)


def _at(day: date, hour: int, minute: int = 0, second: int = 0, micro: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute, second, micro), UTC)


def _days(found: fees.Arrival) -> tuple[date, date, date]:
    return found.processed_on, found.earliest, found.latest


@pytest.mark.parametrize(
    ("requested", "processed", "earliest", "latest"),
    [
        # Before noon UTC on a Thursday: processed that day, 1 to 7 business days on.
        (_at(THURSDAY, 11, 59, 59, 999_999), THURSDAY, date(2026, 12, 4), date(2026, 12, 14)),
        # At noon: the cutoff has passed, so Friday; then Monday to the Tuesday after next.
        (_at(THURSDAY, 12), date(2026, 12, 4), date(2026, 12, 7), date(2026, 12, 15)),
        # Friday after noon and the weekend all wait for Monday.
        (_at(date(2026, 12, 4), 12), date(2026, 12, 7), date(2026, 12, 8), date(2026, 12, 16)),
        (_at(date(2026, 12, 5), 3), date(2026, 12, 7), date(2026, 12, 8), date(2026, 12, 16)),
        (_at(date(2026, 12, 6), 23, 59), date(2026, 12, 7), date(2026, 12, 8), date(2026, 12, 16)),
        # Monday 00:00 UTC is Monday's own morning.
        (_at(date(2026, 12, 7), 0), date(2026, 12, 7), date(2026, 12, 8), date(2026, 12, 16)),
    ],
)
def test_direct_to_local_bank_is_processed_by_its_noon_utc_cutoff(
    requested, processed, earliest, latest
):
    """Up to 7 business days, noon UTC cutoff (DOMAIN.md section 5, HC 211060578)."""
    found = fees.arrival("direct_to_local_bank", requested)
    assert _days(found) == (processed, earliest, latest)
    assert found.method is fees.DIRECT_TO_LOCAL_BANK
    assert found.requested_at == requested


def test_the_same_instant_in_karachi_gives_the_same_arrival():
    """5 pm in Karachi is noon UTC: the cutoff is read in UTC, not the caller's zone."""
    before = fees.arrival("direct_to_local_bank", datetime(2026, 12, 3, 16, 59, 59, tzinfo=KARACHI))
    at_noon = fees.arrival("direct_to_local_bank", datetime(2026, 12, 3, 17, 0, tzinfo=KARACHI))
    assert before == fees.arrival("direct_to_local_bank", _at(THURSDAY, 11, 59, 59))
    assert at_noon == fees.arrival("direct_to_local_bank", _at(THURSDAY, 12))
    assert before.processed_on == THURSDAY
    assert at_noon.processed_on == date(2026, 12, 4)
    assert at_noon.requested_at.tzinfo is UTC


def test_methods_without_a_cutoff_are_processed_on_the_next_business_day():
    """Payoneer (about 2 days) and a wire (1 to 8): no cutoff, so only the weekend waits."""
    late_thursday = _at(THURSDAY, 23)
    assert _days(fees.arrival("payoneer", late_thursday)) == (
        THURSDAY,
        date(2026, 12, 7),
        date(2026, 12, 7),
    )
    saturday = _at(date(2026, 12, 5), 9)
    assert _days(fees.arrival(fees.PAYONEER, saturday)) == (
        date(2026, 12, 7),
        date(2026, 12, 9),
        date(2026, 12, 9),
    )
    assert _days(fees.arrival(fees.WIRE_USD, saturday)) == (
        date(2026, 12, 7),
        date(2026, 12, 8),
        date(2026, 12, 17),
    )


def test_a_what_if_method_uses_its_own_cutoff_and_days():
    """A method the caller builds: a 17:00 cutoff and 0 to 3 business days."""
    own = attrs.evolve(
        fees.DIRECT_TO_LOCAL_BANK,
        key="own",
        cutoff=timedelta(hours=17),
        business_days=(0, 3),
    )
    found = fees.arrival(own, _at(THURSDAY, 16, 59))
    assert _days(found) == (THURSDAY, THURSDAY, date(2026, 12, 8))
    assert fees.arrival(own, _at(THURSDAY, 17)).processed_on == date(2026, 12, 4)


def test_lines_say_what_the_days_count_to():
    """Payoneer's days reach Payoneer, and the line says so (its source's note)."""
    steps = dict(fees.arrival("payoneer", _at(THURSDAY, 9)).lines())
    assert set(steps) == {"Requested", "Processed", "Arrives"}
    assert steps["Arrives"].startswith(
        "2026-12-07 at Payoneer; its transfer to your bank is not modelled (2 business days later"
    )
    assert "to Payoneer" in steps["Arrives"]
    bank = dict(fees.arrival("direct_to_local_bank", _at(THURSDAY, 9)).lines())
    assert bank["Arrives"].startswith("2026-12-04 to 2026-12-14")
    assert "12:00:00" in bank["Requested"]


def test_a_method_not_available_in_pakistan_is_refused():
    """PayPal does not serve Pakistan: the same refusal as a quote's."""
    with pytest.raises(RulesError) as refused:
        fees.arrival("paypal", _at(THURSDAY, 9))
    assert refused.value.field == "method"
    assert refused.value.rule == "available in Pakistan"
    with pytest.raises(RulesError) as built:
        fees.Arrival(method=fees.PAYPAL, requested_at=_at(THURSDAY, 9))
    assert built.value.field == "Arrival.method"


@pytest.mark.parametrize(
    ("requested", "error", "rule"),
    [
        (THURSDAY, InvalidTypeError, "an aware datetime"),
        (datetime(2026, 12, 3, 9, 0), InvalidValueError, None),
        ("2026-12-03T09:00:00+00:00", InvalidTypeError, None),
    ],
)
def test_the_request_must_be_an_aware_moment(requested, error, rule):
    """A date has no time to compare with the cutoff; a naive time has no zone."""
    with pytest.raises(error) as refused:
        fees.arrival("payoneer", requested)
    assert refused.value.field == "requested_at"
    if rule is not None:
        assert refused.value.rule == rule
    with pytest.raises(error) as built:
        fees.Arrival(method=fees.PAYONEER, requested_at=requested)
    assert built.value.field == "Arrival.requested_at"


def test_a_request_processed_after_the_last_day_is_refused_naming_requested_at():
    """Red team r20 L1: after the cutoff on 9990-12-31 the error named ``start``, 9991-01-01.

    The request was accepted, and reading its days (even its repr) raised naming
    an internal moment; now it is refused up front naming the caller's argument.
    """
    last_day = date(9990, 12, 31)
    late = _at(last_day, 13)
    with pytest.raises(InvalidValueError) as refused:
        fees.arrival(fees.DIRECT_TO_LOCAL_BANK, late)
    assert ("requested_at", "processed on or before 9990-12-31") == (
        refused.value.field,
        refused.value.rule,
    )
    assert late.isoformat() in str(refused.value)
    assert "9991-01-01" in str(refused.value)  # the day it would be processed on
    with pytest.raises(InvalidValueError) as built:
        fees.Arrival(method=fees.DIRECT_TO_LOCAL_BANK, requested_at=late)
    assert "Arrival.requested_at" == built.value.field
    # Before the cutoff, or by a method without one, that day is still taken.
    assert (last_day, date(9991, 1, 1), date(9991, 1, 9)) == _days(
        fees.arrival(fees.DIRECT_TO_LOCAL_BANK, _at(last_day, 11))
    )
    assert last_day == fees.arrival(fees.PAYONEER, late).processed_on


def test_a_new_method_is_usable_three_days_after_it_was_added():
    """Added on Monday 2026-11-30: refused on Wednesday, processed on Thursday (HC 211063708)."""
    added = date(2026, 11, 30)
    with pytest.raises(InvalidValueError) as refused:
        fees.arrival("direct_to_local_bank", _at(date(2026, 12, 2), 23, 59), method_added=added)
    assert refused.value.field == "requested_at"
    assert refused.value.rule == "not before the new method is active"
    assert "2026-12-03" in str(refused.value)
    found = fees.arrival("direct_to_local_bank", _at(THURSDAY, 0), method_added=added)
    assert found.processed_on == THURSDAY
    with pytest.raises(InvalidValueError):  # before it was added at all
        fees.arrival("payoneer", _at(date(2026, 11, 29), 9), method_added=added)


def test_the_new_method_wait_is_the_payment_schedules_own_rule():
    """One rule for the schedules' replay and for arrival: a what-if wait of 7 days."""
    week = attrs.evolve(rules.PAYMENT_SCHEDULES, new_method_wait=timedelta(days=7))
    added = date(2026, 11, 30)
    with pytest.raises(InvalidValueError):
        fees.arrival("payoneer", _at(date(2026, 12, 6), 9), method_added=added, rules=week)
    assert fees.arrival("payoneer", _at(date(2026, 12, 7), 9), method_added=added, rules=week)
    assert week.method_active(added, date(2026, 12, 7))
    assert not week.method_active(added, date(2026, 12, 6))
    assert rules.PAYMENT_SCHEDULES.method_active(added, date(2026, 12, 3))
    assert not rules.PAYMENT_SCHEDULES.method_active(added, date(2026, 12, 2))
    assert not rules.PAYMENT_SCHEDULES.method_active(added, date(2026, 11, 29))
    with pytest.raises(InvalidTypeError) as refused:
        rules.PAYMENT_SCHEDULES.method_active(added, _at(THURSDAY, 9))  # type: ignore[arg-type]
    assert refused.value.field == "on"


@pytest.mark.parametrize(
    ("cutoff", "error"),
    [
        (timedelta(hours=24), RulesError),
        (timedelta(seconds=-1), RulesError),
        (time(12, 0), InvalidTypeError),
        (12, InvalidTypeError),
    ],
)
def test_a_cutoff_is_a_time_of_day_after_midnight_utc(cutoff, error):
    """From 00:00 up to but not including 24:00, as a timedelta."""
    with pytest.raises(error) as refused:
        attrs.evolve(fees.DIRECT_TO_LOCAL_BANK, cutoff=cutoff)
    assert refused.value.field == "WithdrawalMethod.cutoff"


def test_a_cutoff_needs_its_source_and_a_source_needs_its_cutoff():
    """Every number of a method carries its source; none is cited for a number it lacks."""
    sources = dict(fees.PAYONEER.sources)
    with pytest.raises(RulesError) as missing:
        attrs.evolve(fees.PAYONEER, cutoff=timedelta(hours=12))
    assert missing.value.field == "WithdrawalMethod.sources"
    assert "cutoff" in str(missing.value)
    cited = {**sources, "cutoff": rules.RuleSource("mine")}
    with pytest.raises(RulesError) as extra:
        attrs.evolve(fees.PAYONEER, sources=cited)
    assert extra.value.rule == "a source only for a number the method has"
    own = attrs.evolve(fees.PAYONEER, sources=cited, cutoff=timedelta(hours=15))
    assert own.source_of("cutoff") == rules.RuleSource("mine")
    assert fees.DIRECT_TO_LOCAL_BANK.cutoff == timedelta(hours=12)
    assert rules.OPTIONAL_SOURCED_FIELDS == ("cutoff",)


_METHODS = st.sampled_from([m for m in fees.PAKISTAN_METHODS if m.available_in_pakistan])


@given(method=_METHODS, requested=us.aware_datetimes())
def test_property_arrival_is_in_order_on_business_days_in_any_zone(method, requested):
    """Processed on a business day within 3 days of the request, then the method's range.

    The same instant in UTC gives the same arrival; earliest and latest are
    the method's fewest and most business days after the processing day.
    """
    found = fees.arrival(method, requested)
    assert found == fees.arrival(method, requested.astimezone(UTC))
    day = requested.astimezone(UTC).date()
    assert day <= found.processed_on <= day + timedelta(days=3)
    assert found.processed_on.weekday() < 5
    assert found.processed_on <= found.earliest <= found.latest
    for days, end in zip(method.business_days, (found.earliest, found.latest), strict=True):
        weekdays = sum(
            (found.processed_on + timedelta(days=n)).weekday() < 5
            for n in range(1, (end - found.processed_on).days + 1)
        )
        assert weekdays == days
        assert days == 0 or end.weekday() < 5


def test_rules_given_without_a_new_method_are_still_checked():
    """rules= is read only with method_added=, but a wrong value is refused, not dropped."""
    with pytest.raises(InvalidTypeError) as refused:
        fees.arrival("payoneer", _at(THURSDAY, 9), rules="weekly")  # type: ignore[arg-type]
    assert refused.value.field == "rules"
