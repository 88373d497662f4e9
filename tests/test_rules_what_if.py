"""What-if rule sets (``attrs.evolve``) never print a number they do not use (red team r21)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest
from hypothesis import Phase, find, settings

from upwork_safety import ExchangeRate, Money, checks, fees, hourly, jss, rules
from upwork_safety._cli._fees import tax_note
from upwork_safety.errors import InvalidTypeError, RulesError
from upwork_safety.statements import _audit_notes, _formats, _model
from upwork_safety.testing import factories as f
from upwork_safety.testing import strategies as us

_WHAT_IF_NOTE = "a what-if value: no source gives it"


def utc(*parts: int) -> datetime:
    """An aware UTC datetime."""
    return datetime(*parts, tzinfo=timezone.utc)


# --------------------------------------------------------------------------- M1: names


def test_published_presets_are_labelled_by_their_names():
    """A preset (and a rule set equal to one) keeps its name as its label."""
    for schedule in (*fees.SERVICE_FEE_HISTORY, fees.ENTERPRISE, fees.DATABASE_ADMINISTRATION_2016):
        assert schedule.name == schedule.label
    for preset in jss.HISTORY:
        assert preset.name == preset.label
    assert fees.FLAT_10_2023.name == attrs.evolve(fees.FLAT_10_2023).label


def test_a_what_if_per_contract_range_is_not_named_by_the_preset():
    """A 0–20% range refuses 25% naming 20%, never the preset's 0–15%."""
    wide = attrs.evolve(fees.PER_CONTRACT_2025, maximum_rate=Decimal("0.20"))
    assert "what-if rules: maximum_rate" == wide.label
    with pytest.raises(RulesError) as refused:
        fees.service_fee(Money("100.00", "USD"), on=date(2026, 1, 5), rules=wide, rate="25%")
    assert "0%–20%" in str(refused.value)
    assert "15%" not in str(refused.value)


def test_a_what_if_flat_rate_is_not_named_flat_10():
    """A flat 12% what-if says 12% and never "flat 10%"."""
    flat12 = attrs.evolve(fees.FLAT_10_2023, rate=Decimal("0.12"))
    assert "what-if rules: rate" == flat12.label
    with pytest.raises(RulesError) as refused:
        fees.service_fee(Money("100.00", "USD"), on=date(2024, 1, 10), rules=flat12, rate="5%")
    assert "12%" in str(refused.value)
    assert "10%" not in str(refused.value)


def test_a_what_if_default_rate_cites_no_published_source():
    """A per-contract default of 12% is not "the rate Upwork publishes" nor cited to its page."""
    twelve = attrs.evolve(fees.PER_CONTRACT_2025, rate=Decimal("0.12"))
    explained = fees.explain_service_fee(Money("100.00", "USD"), on=date(2026, 1, 5), rules=twelve)
    assert Money("12.00", "USD") == explained.fee
    assert "12%" in explained.explanation
    assert "publishes" not in explained.explanation
    assert fees.PER_CONTRACT_2025.source.source not in explained.explanation


def test_a_what_if_jss_report_is_not_labelled_last_24_months():
    """An 18-month window is reported as a what-if, not under "last 24 months"."""
    short = attrs.evolve(jss.CURRENT, windows=(18, 9))
    report = jss.score(f.history(6), as_of=date(2025, 12, 1), rules=short)
    assert "what-if rules: windows" == report.rules
    assert "24 months" not in repr(report)
    assert "18 months" in repr(report)


def test_a_renamed_what_if_is_still_a_what_if():
    """The strategies' "what-if on <preset>" names are told apart from the preset they name."""
    renamed = attrs.evolve(jss.CURRENT, name=f"what-if on {jss.CURRENT.name}", windows=(18,))
    assert "what-if rules: windows" == renamed.label
    own = attrs.evolve(fees.FLAT_10_2023, name="mine", rate=Decimal("0.12"))
    assert "what-if rules: rate" == own.label


# --------------------------------------------------------------------------- M2: sources


def test_a_what_if_arrival_does_not_quote_the_presets_range():
    """2–9 business days are not explained by the preset's "up to 7 business days" note."""
    slow = attrs.evolve(fees.DIRECT_TO_LOCAL_BANK, business_days=(2, 9))
    arrives = fees.arrival(slow, utc(2026, 3, 2, 9)).lines()[-1][1]
    assert "2–9 business days" in arrives
    assert fees.DIRECT_TO_LOCAL_BANK.source_of("business_days").note not in arrives
    assert _WHAT_IF_NOTE == slow.source_of("business_days").note
    # The numbers it keeps keep their sources.
    assert fees.DIRECT_TO_LOCAL_BANK.source_of("fixed_fee") == slow.source_of("fixed_fee")


def test_a_what_if_fee_line_cites_no_published_source():
    """A $2 Direct to Local Bank fee is not cited to the page that publishes $0.99."""
    dear = attrs.evolve(fees.DIRECT_TO_LOCAL_BANK, fixed_fee=Money("2.00", "USD"))
    quote = fees.quote_withdrawal(
        Money("100.00", "USD"),
        dear,
        reference_rate=ExchangeRate("USD", "PKR", "280", as_of=date(2025, 6, 2)),
        offered_rate=ExchangeRate("USD", "PKR", "277", as_of=date(2025, 6, 2)),
    )
    line = quote.fees[0]
    assert Money("2.00", "USD") == line.amount
    assert fees.DIRECT_TO_LOCAL_BANK.source_of("fixed_fee").source != line.source
    assert line.unconfirmed


def test_sources_of_a_what_if_pair_new_values_with_no_note():
    """rules.sources() lists a 15-minute segment as a what-if value, the rest as published."""
    fine = attrs.evolve(
        rules.CURRENT,
        hourly_segment=timedelta(minutes=15),
        hourly_partial_segment_minimum=timedelta(minutes=5),
    )
    listed = {name: (value, source) for name, value, source in rules.sources(fine)}
    published = {name: source for name, _, source in rules.sources(rules.CURRENT)}
    assert timedelta(minutes=15) == listed["hourly_segment"][0]
    assert _WHAT_IF_NOTE == listed["hourly_segment"][1].note
    assert listed["hourly_segment"][1].unconfirmed
    assert (
        published["hourly_partial_segment_minimum"] == listed["hourly_partial_segment_minimum"][1]
    )
    strict = attrs.evolve(jss.CURRENT, top_rated_min_score=95)
    jss_listed = {name: source for name, _, source in rules.sources(strict)}
    assert _WHAT_IF_NOTE == jss_listed["top_rated_min_score"].note
    taxed = attrs.evolve(rules.EXPORT_TAX_2022, not_registered=Decimal("0.02"))
    tax_listed = {name: source for name, _, source in rules.sources(taxed)}
    assert _WHAT_IF_NOTE == tax_listed["not_registered"].note
    assert rules.EXPORT_TAX_2022.source == tax_listed["pseb_registered"]


# --------------------------------------------------------------------------- M3: codes


def test_hourly_findings_under_a_what_if_carry_no_published_timing():
    """A Saturday window and a 12-day hold: the findings' code text names no weekday."""
    what_if = attrs.evolve(
        rules.CURRENT,
        hourly_available_delay=timedelta(days=12),
        hourly_invoice_delay=timedelta(hours=18),
        hourly_review_window=timedelta(days=5, hours=23, minutes=59, seconds=59),
    )
    contract = f.hourly_contract(started=date(2026, 3, 2))
    found = {
        finding.code: finding
        for now in (utc(2026, 3, 10, 9), utc(2026, 3, 16, 9))
        for finding in checks.review_contract(contract, now=now, rules=what_if)
        if finding.code in {"HOURS_IN_REVIEW", "HOURS_PENDING"}
    }
    assert utc(2026, 3, 14, 23, 59, 59) == found["HOURS_IN_REVIEW"].due
    assert utc(2026, 3, 21) == found["HOURS_PENDING"].due
    for finding in found.values():
        text = finding.info.trigger + finding.info.rule
        for published in ("Monday", "12:00", "Friday", "Wednesday", "ten days"):
            assert published not in text
    assert "hourly_available_delay" in found["HOURS_PENDING"].info.rule


def test_the_published_hourly_timings_are_the_rules():
    """The timings the catalogue names by field are, under the published rules, the documented ones."""
    calendar = hourly.payout_calendar(hourly.billing_week(utc(2024, 1, 3)))
    assert ("Monday", "Friday", "Wednesday") == tuple(
        moment.strftime("%A")
        for moment in (calendar.invoiced_at, calendar.dispute_window_ends, calendar.available_at)
    )


# --------------------------------------------------------------------------- M4: strategy

#: The JSS rules the strategy's what-ifs left at the preset's value before r21.
_NEWLY_VARIED = (
    "trending",
    "positive_stars_at_least",
    "negative_stars_below",
    "unpaid_positive_stars_at_least",
    "top_rated_min_score",
    "top_rated_min_earnings",
    "top_rated_earnings_months",
    "top_rated_account_days",
    "weight_tiers",
    "weight_cap",
    "unpaid_weight",
    "duration_bonus",
    "duration_bonus_non_positive",
    "duration_bonus_months",
    "long_term_months",
    "eligibility_months",
    "snapshot_anchor",
)


@pytest.mark.parametrize("field", _NEWLY_VARIED)
def test_jss_rules_what_ifs_vary_every_rule(field):
    """The strategy draws a what-if that moves *field* away from its preset's value."""
    by_name = {preset.name: preset for preset in jss.HISTORY}

    def moved(chosen: jss.JSSRules) -> bool:
        preset = by_name.get(chosen.name.removeprefix("what-if on "))
        return preset is not None and getattr(chosen, field) != getattr(preset, field)

    # Generation only: the first what-if that moves the field is proof enough, and
    # shrinking it (a minute a field) would prove nothing more.
    found = find(
        us.jss_rules(),
        moved,
        settings=settings(database=None, max_examples=2000, phases=[Phase.generate]),
    )
    assert found.name.startswith("what-if on ")
    assert found.label.startswith("what-if rules: ")


# --------------------------------------------------------------------------- L2, L3


def test_the_audit_notes_read_the_per_contract_start(monkeypatch):
    """A fee history whose per-contract schedule starts 2025-06-01 is said to start then."""
    later = attrs.evolve(fees.PER_CONTRACT_2025, effective=date(2025, 6, 1))
    history = rules.RuleHistory("service-fee schedules", (*fees.SERVICE_FEE_HISTORY[:-1], later))
    monkeypatch.setattr(_audit_notes, "SERVICE_FEE_HISTORY", history)
    assert date(2025, 6, 1) == _audit_notes._per_contract().effective
    assert "from 2025-06-01, unconfirmed" == _audit_notes._per_contract_since()
    assert "2025-05-01" not in _audit_notes._per_contract_since()


def test_the_hours_refusal_writes_the_segment_in_force(monkeypatch):
    """Under 15-minute segments the example is 15 minutes as 0.25, never 10 as 0.16667."""
    fine = attrs.evolve(
        rules.CURRENT,
        hourly_segment=timedelta(minutes=15),
        hourly_partial_segment_minimum=timedelta(minutes=5),
    )
    monkeypatch.setattr(_model, "as_of", lambda _on: fine)
    refused = _formats.parse_hours("0.1", date(2026, 1, 5))
    assert isinstance(refused, str)
    assert "15 minutes as 0.25 and 30 minutes as 0.5" in refused
    assert "0.16667" not in refused
    published = _formats.parse_hours("0.1", None)
    assert Decimal("0.1") == published
    assert Decimal("0.33333") == _formats._written(20)


def test_the_tax_line_says_what_the_rules_say_of_non_filers(monkeypatch):
    """The non-filer flag of the rules in force is what the CLI's tax line reads."""
    assert "non-filer" in tax_note(None, "standard")
    assert "non-filer" in tax_note(None, "pseb")
    known = attrs.evolve(rules.EXPORT_TAX_2022, non_filer_unconfirmed=False)
    monkeypatch.setattr(
        rules, "EXPORT_TAX_HISTORY", rules.RuleHistory("export tax rules", (known,))
    )
    assert "non-filer" not in tax_note(None, "standard")
    assert "1%" in tax_note(None, "standard")
    # The source note no longer types the flag beside it (truth audit r21 left-over):
    # a what-if that knows the non-filer rate shows nothing saying it is unconfirmed.
    assert "non-filer" not in known.source.note


def test_a_fee_explanation_cites_no_source_for_a_what_if_value_it_prints():
    """Review r21 M1: a moved legacy day, or a range a what-if switched on, was printed under
    the preset's Help Center source; the explanation now cites the what-if source."""
    from upwork_safety import Contract, ContractKind, Payment

    moved = attrs.evolve(fees.FLAT_10_2023, legacy_until=date(2024, 6, 30))
    early = Payment(date(2022, 6, 1), Money("10500.00", "USD"))
    kept = Contract(
        "c1", "acme", ContractKind.FIXED_PRICE, date(2022, 1, 10),
        payments=[early], service_fee_rate="0.05",
    )  # fmt: skip
    legacy = fees.explain_service_fee(
        Money("1000.00", "USD"), on=date(2024, 3, 1), contract=kept, rules=moved
    )
    assert (fees.FeeBasis.LEGACY, Money("50.00", "USD")) == (legacy.basis, legacy.fee)
    assert "2024-06-30" in legacy.explanation
    assert "what-if value" in legacy.explanation
    assert "HC 211062538" not in legacy.explanation
    switched = attrs.evolve(
        fees.FLAT_10_2023, per_contract=True, legacy_rate=None, legacy_until=None
    )
    own = fees.explain_service_fee(
        Money("100.00", "USD"), on=date(2024, 3, 1), rate="0.12", rules=switched
    )
    assert (fees.FeeBasis.CONTRACT, Money("12.00", "USD")) == (own.basis, own.fee)
    assert "what-if value" in own.explanation
    assert "HC 211062538" not in own.explanation
    # The published schedule still cites its own source.
    assert (
        "HC 211062538"
        in fees.explain_service_fee(Money("100.00", "USD"), on=date(2024, 3, 1)).explanation
    )


def test_source_of_refuses_under_the_what_ifs_label():
    """Review r21 L1: the refusal named a 12% what-if "flat 10%"."""
    flat12 = attrs.evolve(fees.FLAT_10_2023, rate=Decimal("0.12"))
    with pytest.raises(RulesError) as info:
        flat12.source_of("bogus")
    assert "what-if rules: rate" in str(info.value)
    assert "flat 10%" not in str(info.value)


# --------------------------------------------------------------------------- r22 L2: nanoseconds


class _Nanos(timedelta):
    """A timedelta that holds more than a timedelta can (it says so by comparing unequal)."""

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = timedelta.__hash__


@pytest.mark.parametrize(
    "name", ["hourly_segment", "hourly_invoice_delay", "security_period", "hourly_dispute_response"]
)
def test_a_what_if_duration_with_nanoseconds_is_refused_for_them(name):
    """Red team r22 L2: refused as 'a timedelta' (a type error) showing the value without its ns."""
    pd = pytest.importorskip("pandas")
    preset = getattr(rules.CURRENT, name)
    with pytest.raises(RulesError) as info:
        attrs.evolve(rules.CURRENT, **{name: pd.Timedelta(preset) + pd.Timedelta(1, "ns")})
    assert (f"PlatformRules.{name}", "at most microseconds") == (
        info.value.field,
        info.value.rule,
    )
    assert "nanoseconds" in str(info.value)
    # The same type without nanoseconds is the plain value it holds.
    kept = getattr(attrs.evolve(rules.CURRENT, **{name: pd.Timedelta(preset)}), name)
    assert (timedelta, preset) == (type(kept), kept)


def test_a_withdrawal_cutoff_reads_a_pandas_timedelta_as_the_other_rule_durations_do():
    """Review r22 L1: WithdrawalMethod.cutoff refused every pandas.Timedelta as 'not
    Timedelta' (rule 'a timedelta or None'); one without nanoseconds is the plain timedelta
    it holds, one with them is refused under 'at most microseconds', as review_period is."""
    pd = pytest.importorskip("pandas")
    bank = fees.DIRECT_TO_LOCAL_BANK
    kept = attrs.evolve(bank, cutoff=pd.Timedelta(hours=15)).cutoff
    assert (timedelta, timedelta(hours=15)) == (type(kept), kept)
    with pytest.raises(RulesError) as info:
        attrs.evolve(bank, cutoff=pd.Timedelta(hours=12, nanoseconds=1))
    assert ("WithdrawalMethod.cutoff", "at most microseconds") == (
        info.value.field,
        info.value.rule,
    )
    assert "nanoseconds" in str(info.value)
    # The time-of-day rule reads the plain value a pandas.Timedelta holds.
    with pytest.raises(RulesError) as late:
        attrs.evolve(bank, cutoff=pd.Timedelta(hours=24))
    assert ("WithdrawalMethod.cutoff", "from 0 to under 24 hours") == (
        late.value.field,
        late.value.rule,
    )


def test_every_rule_set_refuses_a_finer_duration_under_one_rule():
    """PlatformRules, PaymentScheduleRules and WithdrawalMethod say 'at most microseconds',
    as Segment.logged does (review r22 L1: WithdrawalMethod.cutoff said 'a timedelta or None')."""
    schedule = fees.PAYMENT_SCHEDULES
    bank = fees.DIRECT_TO_LOCAL_BANK
    for build, field in (
        (lambda: attrs.evolve(rules.CURRENT, review_period=_Nanos(days=14)), "review_period"),
        (lambda: attrs.evolve(schedule, new_method_wait=_Nanos(days=3)), "new_method_wait"),
        (lambda: attrs.evolve(bank, cutoff=_Nanos(hours=12)), "cutoff"),
    ):
        with pytest.raises(RulesError) as info:
            build()
        assert "at most microseconds" == info.value.rule
        assert info.value.field.endswith(f".{field}")
    with pytest.raises(InvalidTypeError) as info:
        attrs.evolve(rules.CURRENT, review_period=date(2024, 1, 1))  # not a timedelta at all
    assert "a timedelta" == info.value.rule
