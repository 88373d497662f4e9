"""Newcomer r38 (second pass), findings 2 and 3: what the contract review could not judge or skipped.

2: a contract in EUR or GBP lost its net figures and the minimum-milestone and
arbitration findings without a word; now one ``CURRENCY_NOT_MODELLED`` says
what was not checked.  3: a milestone the client sent back for changes gave
no finding for ten weeks, and ``check`` said "nothing here needs your
attention"; now ``CHANGES_REQUESTED`` says what is due and when dormancy
would start, and the command claims no more than its checks cover.
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta, timezone

import attrs

from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    Milestone,
    Money,
    checks,
    escrow,
    rules,
    serialize,
)
from upwork_safety.checks import CODES, Confidence, FindingCode, Severity
from upwork_safety.cli import main
from upwork_safety.testing import factories

UTC = timezone.utc


def _berlin(currency: str, amount: str = "150.00") -> Contract:
    ct = Contract(
        "de-1",
        Client("berlin", "Berlin GmbH", payment_verified=True),
        ContractKind.FIXED_PRICE,
        date(2026, 11, 2),
        milestones=[
            Milestone("m1", "Logo: 3 concepts in SVG and PNG", Money(amount, currency)),
            Milestone("m2", "Brand guide: 10 pages as PDF", Money("3.00", currency)),
        ],
    )
    ct = escrow.apply(ct, escrow.Fund("m1", datetime(2026, 11, 2, 9, tzinfo=UTC)))
    return escrow.apply(ct, escrow.Submit("m1", datetime(2026, 11, 4, 9, tzinfo=UTC)))


NOW = datetime(2026, 11, 5, tzinfo=UTC)


def test_a_eur_contract_says_once_which_checks_it_skipped():
    usd = {f.code for f in checks.review_contract(_berlin("USD"), now=NOW)}
    # In USD the two money checks find something; in EUR they cannot be applied.
    assert {FindingCode.ARBITRATION_UNECONOMIC, FindingCode.MILESTONE_BELOW_MINIMUM} <= usd
    for currency in ("EUR", "GBP"):
        found = checks.review_contract(_berlin(currency), now=NOW)
        skipped = [f for f in found if f.code is FindingCode.CURRENCY_NOT_MODELLED]
        assert len(skipped) == 1
        (finding,) = skipped
        assert (finding.severity, finding.confidence) == (Severity.INFO, Confidence.HIGH)
        assert finding.evidence == f"contract in {currency}; rules in USD"
        assert finding.milestone_id is None
        assert finding.due is None
        for named in ("MILESTONE_BELOW_MINIMUM", "ARBITRATION_UNECONOMIC", "service fee"):
            assert named in finding.message
        assert str(rules.CURRENT.minimum_milestone) in finding.message
        # The time-based findings are still reported.
        assert FindingCode.REVIEW_PERIOD_RUNNING in {f.code for f in found}
    assert FindingCode.CURRENCY_NOT_MODELLED not in usd


def test_an_hourly_contract_in_gbp_names_only_the_fee():
    ct = Contract(
        "uk-1",
        Client("leeds", payment_verified=True),
        ContractKind.HOURLY,
        date(2026, 11, 2),
        hourly_rate=Money("20.00", "GBP"),
    )
    (finding,) = checks.review_contract(ct, now=NOW)
    assert finding.code is FindingCode.CURRENCY_NOT_MODELLED
    assert "service fee" in finding.message
    assert "ARBITRATION_UNECONOMIC" not in finding.message
    assert CODES[FindingCode.CURRENCY_NOT_MODELLED].applies_to == "any contract"


def _sent_back() -> Contract:
    ct = factories.submitted_contract(
        started=date(2026, 11, 16),
        at=datetime(2026, 11, 25, 7, tzinfo=UTC),
        client=factories.VERIFIED_CLIENT,
    )
    return escrow.apply(
        ct, escrow.RequestChanges("m1", datetime(2026, 11, 27, 10, tzinfo=UTC), note="Bolder font")
    )


def test_a_change_request_is_reported_with_the_dormancy_notice_as_due():
    ct = _sent_back()
    now = datetime(2026, 12, 2, 4, tzinfo=UTC)
    (finding,) = checks.review_contract(ct, now=now)
    notice = next(
        d for d in escrow.deadlines(ct, now) if d.kind is escrow.DeadlineKind.DORMANCY_NOTICE
    )
    assert finding.code is FindingCode.CHANGES_REQUESTED
    assert (finding.severity, finding.confidence) == (Severity.INFO, Confidence.HIGH)
    assert finding.milestone_id == "m1"
    assert finding.amount == ct.milestone("m1").held
    assert finding.due == notice.due == datetime(2027, 2, 11, 10, tzinfo=UTC)
    assert finding.time_left == notice.due - now
    assert "2026-11-27 10:00:00 UTC" in finding.message
    assert "Bolder font" in finding.message
    assert rules.CURRENT.review_period == timedelta(days=14)
    assert "fresh review period of 14 days." in finding.message
    assert "Submit work" in finding.advice


def test_near_dormancy_the_dormant_escrow_finding_speaks_alone():
    ct = _sent_back()
    now = datetime(2027, 2, 11, 10, tzinfo=UTC) - timedelta(days=10)
    codes = [f.code for f in checks.review_contract(ct, now=now)]
    assert codes == [FindingCode.DORMANT_ESCROW]


def test_resubmitting_ends_the_finding():
    ct = escrow.apply(_sent_back(), escrow.Submit("m1", datetime(2026, 12, 1, tzinfo=UTC)))
    codes = [f.code for f in checks.review_contract(ct, now=datetime(2026, 12, 2, tzinfo=UTC))]
    assert codes == [FindingCode.REVIEW_PERIOD_RUNNING]


def test_check_reports_the_change_request_and_no_longer_claims_nothing_needs_you(tmp_path):
    path = tmp_path / "changes.json"
    path.write_text(serialize.to_json(_sent_back()), "utf-8")
    out = io.StringIO()
    assert main(["check", str(path), "--now", "2026-12-02T09:00:00+05:00"], out=out) == 0
    assert "CHANGES_REQUESTED [m1]" in out.getvalue()
    funded = escrow.apply(
        factories.contract(started=date(2026, 11, 16), client=factories.VERIFIED_CLIENT),
        escrow.Fund("m1", datetime(2026, 11, 16, 9, tzinfo=UTC)),
    )
    assert checks.review_contract(funded, now=datetime(2026, 11, 17, tzinfo=UTC)) == []
    empty = tmp_path / "funded.json"
    empty.write_text(serialize.to_json(funded), "utf-8")
    quiet = io.StringIO()
    assert main(["check", str(empty), "--now", "2026-11-17T00:00:00+00:00"], out=quiet) == 0
    assert "No findings: none of the checks found anything" in quiet.getvalue()
    assert "nothing here needs your attention" not in quiet.getvalue()


def test_a_change_request_gives_a_what_if_review_period_whole():
    """Review r38, diff review 7: 14 days 12 hours was shown as "14-day"."""
    what_if = attrs.evolve(rules.CURRENT, review_period=timedelta(days=14, hours=12))
    ct = escrow.apply(
        factories.submitted_contract(
            started=date(2026, 11, 16),
            at=datetime(2026, 11, 25, 7, tzinfo=UTC),
            client=factories.VERIFIED_CLIENT,
        ),
        escrow.RequestChanges("m1", datetime(2026, 11, 27, 10, tzinfo=UTC)),
        rules=what_if,
    )
    (finding,) = checks.review_contract(ct, now=datetime(2026, 12, 2, 4, tzinfo=UTC), rules=what_if)
    assert finding.code is FindingCode.CHANGES_REQUESTED
    assert "fresh review period of 14 days, 12:00:00." in finding.message
    assert "14-day" not in finding.message
