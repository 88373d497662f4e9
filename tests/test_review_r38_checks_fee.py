"""Round 38 code review, finding 2: a contract fee rate the fee engine refuses is a finding."""

from __future__ import annotations

from datetime import date, datetime, timezone

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
