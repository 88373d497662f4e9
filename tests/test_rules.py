"""Tests for upwork_safety.rules: dated platform rules with their sources."""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest

from upwork_safety import Money, fees, jss, rules
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError, UpworkSafetyError
from upwork_safety.fees import PER_CONTRACT_2025


def test_current_values_match_domain():
    """The current rules hold DOMAIN.md's figures."""
    r = rules.CURRENT
    assert (
        Money("5.00", "USD"),
        timedelta(days=14),
        timedelta(days=5),
        timedelta(days=7),
        timedelta(days=180),
        (timedelta(days=76), timedelta(days=14), timedelta(days=7)),
        timedelta(days=7),
        timedelta(days=5),
        Money("291.00", "USD"),
        timedelta(minutes=10),
        timedelta(days=3),
    ) == (
        r.minimum_milestone,
        r.review_period,
        r.security_period,
        r.refund_response_window,
        r.refund_after_payment_window,
        (r.dormancy_period, r.dormancy_first_notice, r.dormancy_final_notice),
        r.dispute_filing_window,
        r.client_dispute_response,
        r.arbitration_fee,
        r.hourly_segment,
        r.hourly_dispute_response,
    )


def test_hourly_calendar_offsets():
    """From the Monday after a week: invoice Mon 12:00, window to Fri 23:59:59, pay Wed."""
    week_end = datetime(2024, 1, 8, tzinfo=timezone.utc)  # Monday after the week
    r = rules.CURRENT
    assert datetime(2024, 1, 8, 12, tzinfo=timezone.utc) == week_end + r.hourly_invoice_delay
    assert (
        datetime(2024, 1, 12, 23, 59, 59, tzinfo=timezone.utc) == week_end + r.hourly_review_window
    )
    assert datetime(2024, 1, 17, tzinfo=timezone.utc) == week_end + r.hourly_available_delay
    assert (week_end + r.hourly_available_delay).weekday() == 2  # Wednesday


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2023, 12, 4), rules.BEFORE_STREAMLINED_DISPUTES),
        (date(2023, 12, 5), rules.STREAMLINED_DISPUTES),
        (date(2026, 11, 26), rules.CURRENT),
        (date(2010, 1, 1), rules.BEFORE_STREAMLINED_DISPUTES),
        (
            datetime(2023, 12, 5, 3, tzinfo=timezone(timedelta(hours=5))),
            rules.BEFORE_STREAMLINED_DISPUTES,
        ),
        (datetime(2023, 12, 5, 0, tzinfo=timezone.utc), rules.STREAMLINED_DISPUTES),
    ],
)
def test_as_of(on, expected):
    """as_of picks the preset in force on the (UTC) date."""
    assert expected is rules.as_of(on)


def test_as_of_refuses_naive_and_strings():
    """Naive datetimes and strings are refused."""
    with pytest.raises(InvalidValueError, match="naive") as naive:
        rules.as_of(datetime(2024, 1, 1))
    assert "on" == naive.value.field
    assert not isinstance(naive.value, RulesError)
    with pytest.raises(UpworkSafetyError, match="date"):
        rules.as_of("2024-01-01")  # type: ignore[arg-type]


def test_every_rule_has_a_source():
    """sources() lists every rule field with a non-empty source; unconfirmed ones are flagged."""
    listed = rules.sources()
    assert len(listed) == len(attrs.fields(rules.PlatformRules)) - 2
    assert all(src.source for _, _, src in listed)
    unconfirmed = {name for name, _, src in listed if src.unconfirmed}
    assert {"arbitration_fee", "hourly_minimum_activity", "hourly_dispute_response"} <= unconfirmed


def test_what_if_by_evolve():
    """A rule set can be evolved for a what-if, and is validated."""
    slow = attrs.evolve(rules.CURRENT, review_period=timedelta(days=21))
    assert timedelta(days=21) == slow.review_period
    assert timedelta(days=14) == rules.CURRENT.review_period
    assert slow.review_period == rules.sources(slow)[2][1]


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"review_period": timedelta(0)}, "review_period must be a positive duration"),
        ({"minimum_milestone": Money(0, "USD")}, "minimum_milestone must be a positive amount"),
        ({"hourly_minimum_activity": 11}, "0–10 scale"),
    ],
)
def test_bad_rules_refused(change, match):
    """Nonsense rule values are refused."""
    with pytest.raises(RulesError, match=match):
        attrs.evolve(rules.CURRENT, **change)


@pytest.mark.parametrize("fee", [Money("-291.00", "USD"), Money(0, "USD"), Money("291.00", "EUR")])
def test_a_money_rule_is_a_positive_amount_in_the_presets_currency(fee):
    """Regression (red team): a negative or foreign arbitration fee switched its warning off.

    Every Money rule (the minimum milestone, the arbitration fee) is refused
    unless it is positive and in the preset's currency, naming the field.
    """
    with pytest.raises(RulesError) as info:
        attrs.evolve(rules.CURRENT, arbitration_fee=fee)
    assert ("PlatformRules.arbitration_fee", "positive, in USD") == (
        info.value.field,
        info.value.rule,
    )


def test_a_duration_longer_than_a_year_is_refused():
    """Regression (red team): a 999,999,999-day review period was accepted, then overflowed."""
    for days in (367, 999_999_999):
        with pytest.raises(RulesError) as info:
            attrs.evolve(rules.CURRENT, review_period=timedelta(days=days))
        assert ("PlatformRules.review_period", "a positive duration of at most 366 days") == (
            info.value.field,
            info.value.rule,
        )


def test_the_longest_durations_run_on_the_last_supported_day():
    """Every escrow period at its longest, on 9990-12-31: the engines answer, nothing overflows."""
    from upwork_safety import Contract, ContractKind, Milestone, checks, escrow

    year = timedelta(days=366)
    longest = attrs.evolve(
        rules.CURRENT,
        **{
            a.name: year
            for a in attrs.fields(rules.PlatformRules)
            if isinstance(a.default, timedelta) and not a.name.startswith("hourly")
        },
    )
    last = datetime(9990, 12, 31, 23, 59, tzinfo=timezone.utc)
    contract = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(9990, 12, 1),
        milestones=[
            Milestone("m1", "Logo", Money("50", "USD")),
            Milestone("m2", "Site", Money("50", "USD")),
        ],
    )
    contract = escrow.replay(
        contract,
        [
            escrow.Fund("m1", last - timedelta(days=20)),
            escrow.Approve("m1", last - timedelta(days=19)),
            escrow.Fund("m2", last - timedelta(days=10)),
            escrow.Submit("m2", last - timedelta(days=9)),
        ],
        rules=longest,
    )
    assert contract == escrow.advance(contract, last, rules=longest)
    assert escrow.deadlines(contract, last, rules=longest)
    book = escrow.ledger(contract, last, rules=longest)
    assert (Money("50", "USD"), Money("50", "USD")) == (book.in_review, book.pending)
    assert isinstance(checks.review_contract(contract, now=last, rules=longest), list)


def test_sources_of_other_rule_sets_and_bad_input():
    """sources() lists any dated rules object's fields; a non-rules value is refused."""
    from upwork_safety import jss

    assert jss.rule_sources() == rules.sources(jss.CURRENT)
    with pytest.raises(UpworkSafetyError, match="needs a rules object"):
        rules.sources(42)


# --------------------------------------------------------------------------- one mechanism


def test_every_kind_of_rule_has_one_history():
    """Platform rules, fee schedules and JSS rule sets are each a RuleHistory."""
    from upwork_safety import fees, jss

    for history in (rules.HISTORY, fees.SERVICE_FEE_HISTORY, jss.HISTORY):
        assert isinstance(history, rules.RuleHistory)
        assert history.current is history[-1]
        assert len(history) == len(tuple(history))
    assert rules.JSS_HISTORY is jss.HISTORY
    assert rules.SERVICE_FEE_HISTORY is fees.SERVICE_FEE_HISTORY


@pytest.mark.parametrize(
    ("history", "before"),
    [
        ("jss", date(2015, 2, 28)),
    ],
)
def test_a_day_before_the_first_rules_is_a_rules_error(history, before):
    """Asking for a day no rule set covers is a RulesError naming `on`."""
    from upwork_safety import jss

    with pytest.raises(RulesError) as info:
        jss.HISTORY.in_force(before)
    assert "on" == info.value.field


def test_the_same_mistake_gets_the_same_error_everywhere():
    """A naive datetime is an InvalidValueError from every history's lookup."""
    from upwork_safety import fees, jss

    naive = datetime(2024, 1, 1)
    for lookup in (rules.as_of, fees.schedule_as_of, jss.rules_as_of, rules.HISTORY.in_force):
        with pytest.raises(InvalidValueError) as info:
            lookup(naive)
        assert not isinstance(info.value, RulesError)
        assert "on" == info.value.field


def test_history_refuses_presets_out_of_order_or_empty():
    """A RuleHistory needs dated presets, oldest first, with distinct dates."""
    later = attrs.evolve(rules.CURRENT, effective=date(2030, 1, 1), name="later")
    assert later is rules.RuleHistory("what-if", (rules.CURRENT, later)).in_force(date(2031, 1, 1))
    with pytest.raises(RulesError):
        rules.RuleHistory("what-if", (later, rules.CURRENT))
    with pytest.raises(RulesError):
        rules.RuleHistory("what-if", (rules.CURRENT, rules.CURRENT))
    with pytest.raises(RulesError):
        rules.RuleHistory("what-if", ())
    with pytest.raises(UpworkSafetyError):
        rules.RuleHistory("what-if", (42,))
    with pytest.raises(UpworkSafetyError):
        rules.RuleHistory("what-if", rules.CURRENT)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("review_period", 14),
        ("review_period", "14 days"),
        ("minimum_milestone", "5.00"),
        ("one_active_milestone", 1),
        ("hourly_minimum_activity", True),
        ("top_rated_skip_hold_since", "2020-05-04"),
    ],
)
def test_rule_types_are_checked_at_construction(field, value):
    """PlatformRules(review_period=14) fails at once, naming the field, not later in an engine."""
    from upwork_safety.errors import InvalidTypeError

    with pytest.raises(InvalidTypeError) as info:
        attrs.evolve(rules.CURRENT, **{field: value})
    assert f"PlatformRules.{field}" == info.value.field


def test_withdrawal_methods_use_the_one_provenance_type():
    """A withdrawal method's numbers carry RuleSources, listed by sources() like any rule set."""
    from upwork_safety import fees

    listed = {name: source for name, _, source in rules.sources(fees.DIRECT_TO_LOCAL_BANK)}
    assert isinstance(listed["fixed_fee"], rules.RuleSource)
    assert "HC 211060578, HC 211063888" == listed["fixed_fee"].source
    assert fees.DIRECT_TO_LOCAL_BANK.source_of("fixed_fee") is listed["fixed_fee"]
    schedule = {name for name, _, _ in rules.sources(fees.SERVICE_FEE_HISTORY[1])}
    assert "tiers" in schedule


@pytest.mark.parametrize(
    "preset",
    [jss.CURRENT, rules.CURRENT, fees.PAYMENT_SCHEDULES],
    ids=["JSSRules", "PlatformRules", "PaymentScheduleRules"],
)
def test_every_rule_field_names_itself_when_refused(preset):
    """Regression (error sweep, r10): four JSSRules weights were "JSSRules weight", two star
    thresholds "JSSRules star threshold", two sequences "JSSRules", a bad trending pair was
    blamed on ``windows``, and a bad deferred schedule on ``default_schedule``."""
    owner = type(preset).__name__
    for field in attrs.fields(type(preset)):
        if not field.init:
            continue
        for bad in (object(), ["nope"]):
            with pytest.raises(UpworkSafetyError) as info:
                attrs.evolve(preset, **{field.name: bad})
            assert (info.value.field or "").startswith(f"{owner}.{field.name}"), field.name


def test_a_legacy_rate_cannot_end_before_its_schedule_begins():
    """legacy_until before effective is refused (promises r17 #8); on the first day it is kept."""
    with pytest.raises(RulesError) as refused:
        attrs.evolve(rules.FLAT_10_2023, legacy_until=rules.FLAT_10_2023.effective - timedelta(1))
    assert (refused.value.field, refused.value.rule) == (
        "ServiceFeeSchedule.legacy_until",
        "on or after effective",
    )
    same_day = attrs.evolve(rules.FLAT_10_2023, legacy_until=rules.FLAT_10_2023.effective)
    assert same_day.legacy_until == rules.FLAT_10_2023.effective


def test_business_spans_read_whole_days_as_business_days_and_the_rest_as_time():
    """One helper for the escrow client's answer and the hourly dispute (promises r17 #7)."""
    from upwork_safety._calendar import add_business_span

    friday = datetime(2024, 1, 12, 18, 0, tzinfo=timezone.utc)
    assert add_business_span(friday, timedelta(days=5)) == datetime(
        2024, 1, 19, 18, 0, tzinfo=timezone.utc
    )
    assert add_business_span(friday, timedelta(days=1, hours=6)) == datetime(
        2024, 1, 16, 0, 0, tzinfo=timezone.utc
    )
    assert add_business_span(friday, timedelta(hours=3)) == datetime(
        2024, 1, 12, 21, 0, tzinfo=timezone.utc
    )


@pytest.mark.parametrize("name", ["maximum_rte", "max_rate", "fixed_fee", "", "source", 123, None])
def test_service_fee_schedule_source_of_refuses_an_unknown_field(name):
    """Regression (r20 L1): source_of answered any name (a typo, 123) with the flat rate's source."""
    with pytest.raises(RulesError) as info:
        fees.PER_CONTRACT_2025.source_of(name)
    with pytest.raises(RulesError) as method_error:  # the same mistake on a withdrawal method
        fees.DIRECT_TO_LOCAL_BANK.source_of("fixed_fe")
    assert (method_error.value.field, method_error.value.rule) == (
        info.value.field,
        info.value.rule,
    )
    assert ("field", "a sourced number") == (info.value.field, info.value.rule)
    assert "maximum_rate" in str(info.value)


def test_service_fee_schedule_source_of_answers_every_field():
    """Every field of a schedule has its source: the range's for the per-contract range."""
    schedule = fees.PER_CONTRACT_2025
    assert schedule.range_source is not None
    for field in attrs.fields(type(schedule)):
        if field.name in {"source", "range_source"}:
            continue
        ranged = field.name in {"per_contract", "minimum_rate", "maximum_rate"}
        expected = schedule.range_source if ranged else schedule.source
        assert expected is schedule.source_of(field.name)


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (Decimal("0.15"), True),
        ("0.15", True),
        (0, True),
        (Decimal("0.150000000000000001"), False),
        (Decimal("-0.01"), False),
    ],
)
def test_a_schedule_accepts_a_rate_within_its_range(rate, expected):
    """accepts() reads its rate by the library's number rule and compares the value."""
    assert expected == PER_CONTRACT_2025.accepts(rate)


@pytest.mark.parametrize(
    ("rate", "error", "rule"),
    [
        (Decimal("NaN"), InvalidValueError, "finite"),
        (Decimal("sNaN"), InvalidValueError, "finite"),
        ("15%", InvalidValueError, "canonical decimal text"),
        (None, InvalidTypeError, "a number"),
        (0.15, InvalidTypeError, "not a float"),
    ],
)
def test_a_schedule_refuses_a_rate_that_is_not_a_number(rate, error, rule):
    """Red team r23: NaN raised a bare decimal.InvalidOperation, and a str a bare TypeError."""
    with pytest.raises(error) as info:
        PER_CONTRACT_2025.accepts(rate)
    assert (error, "rate", rule) == (type(info.value), info.value.field, info.value.rule)
