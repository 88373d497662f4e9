"""Round 38 code review, finding 2: a contract fee rate the fee engine refuses is a finding."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from upwork_safety import Client, Contract, ContractKind, Milestone, Money, checks, escrow, fees
from upwork_safety.checks import CODES, Confidence, FindingCode, Severity
from upwork_safety.errors import RulesError

UTC = timezone.utc


def _approved(rate: str | None, *, currency: str = "USD") -> Contract:
    ct = Contract(
        "c1",
        Client("cl", payment_verified=True),
        ContractKind.FIXED_PRICE,
        started=date(2025, 3, 1),
        service_fee_rate=rate,
        milestones=[
            Milestone("m1", "Deliver 3 logo concepts as PNG and SVG", Money("600", currency))
        ],
    )
    for event in (
        escrow.Fund("m1", datetime(2025, 6, 1, 9, tzinfo=UTC)),
        escrow.Submit("m1", datetime(2025, 6, 2, 9, tzinfo=UTC)),
        escrow.Approve("m1", datetime(2025, 6, 3, 9, tzinfo=UTC)),
    ):
        ct = escrow.apply(ct, event)
    return ct


NOW = datetime(2025, 6, 4, tzinfo=UTC)


def test_a_rate_the_fee_engine_refuses_is_reported_with_its_field_and_rule():
    """Review r38, 2: the review swallowed the engine's refusal; now it says it."""
    ct = _approved("0.15")
    with pytest.raises(RulesError) as refused:
        fees.service_fee(ct, on=date(2025, 6, 30))
    found = {f.code: f for f in checks.review_contract(ct, now=NOW)}
    assert set(found) == {FindingCode.FEE_RATE_NOT_CHARGED, FindingCode.FUNDS_PENDING}
    rate = found[FindingCode.FEE_RATE_NOT_CHARGED]
    assert (rate.severity, rate.confidence) == (Severity.WARNING, Confidence.HIGH)
    assert rate.evidence == f"field={refused.value.field}; rule={refused.value.rule}"
    assert refused.value.field == "Contract.service_fee_rate"
    assert "15%" in rate.message
    # The pending money still says the fee comes off, without a figure it cannot tell.
    assert "less Upwork's service fee" in found[FindingCode.FUNDS_PENDING].message


def test_a_rate_the_engine_charges_gets_no_finding():
    for rate in (None, "0.10"):
        codes = [f.code for f in checks.review_contract(_approved(rate), now=NOW)]
        assert codes == [FindingCode.FUNDS_PENDING]


def test_another_currency_gets_it_only_when_the_rate_itself_is_refused():
    """The net of a EUR payment is unknowable (no finding), but a rate is judged on its own."""
    for rate, expected in ((None, False), ("0.15", True)):
        found = checks.review_contract(_approved(rate, currency="EUR"), now=NOW)
        assert (FindingCode.FEE_RATE_NOT_CHARGED in [f.code for f in found]) is expected


def test_an_hourly_contract_gets_it_too():
    ct = Contract(
        "h1",
        Client("cl", payment_verified=True),
        ContractKind.HOURLY,
        started=date(2025, 3, 3),
        hourly_rate=Money("20", "USD"),
        service_fee_rate="0.15",
    )
    codes = [f.code for f in checks.review_contract(ct, now=NOW)]
    assert FindingCode.FEE_RATE_NOT_CHARGED in codes
    assert CODES[FindingCode.FEE_RATE_NOT_CHARGED].applies_to == "any contract"


def _kept_legacy(now: datetime) -> Contract:
    """A 2022 contract at the sliding scale's 5%, kept into 2023 if its billings passed $10,000."""
    ct = Contract(
        "c1",
        Client("cl", payment_verified=True),
        ContractKind.FIXED_PRICE,
        started=date(2022, 1, 10),
        service_fee_rate="0.05",
        milestones=[Milestone("m1", "Deliver 3 logo concepts as PNG and SVG", Money("600", "USD"))],
    )
    for event in (
        escrow.Fund("m1", now - timedelta(days=3)),
        escrow.Submit("m1", now - timedelta(days=2)),
        escrow.Approve("m1", now - timedelta(days=1)),
    ):
        ct = escrow.apply(ct, event)
    return ct


def test_a_kept_rate_refused_only_for_unknown_billings_is_not_reported():
    """Review r38, diff review 2: the engine charges it once the billings are given."""
    now = datetime(2023, 6, 4, tzinfo=UTC)
    ct = _kept_legacy(now)
    with pytest.raises(RulesError) as refused:
        fees.service_fee(ct, on=date(2023, 6, 3))
    assert refused.value.field == "Contract.service_fee_rate"
    charged = fees.service_fee(ct, on=date(2023, 6, 3), billed_before=Money("20000", "USD"))
    assert charged == Money("30.00", "USD")
    assert [f.code for f in checks.review_contract(ct, now=now)] == [FindingCode.FUNDS_PENDING]


def test_a_kept_rate_past_its_legacy_end_still_is_reported():
    """After the legacy rate's end no billings make it charged: still a finding."""
    now = datetime(2024, 6, 4, tzinfo=UTC)
    ct = _kept_legacy(now)
    with pytest.raises(RulesError) as refused:
        fees.service_fee(ct, on=date(2024, 6, 3), billed_before=Money("20000", "USD"))
    found = {f.code: f for f in checks.review_contract(ct, now=now)}
    rate = found[FindingCode.FEE_RATE_NOT_CHARGED]
    assert (rate.severity, rate.confidence) == (Severity.WARNING, Confidence.HIGH)
    assert refused.value.field == "Contract.service_fee_rate"
    assert rate.evidence.startswith(f"field={refused.value.field}; rule=")
