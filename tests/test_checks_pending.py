"""Tests for FUNDS_PENDING: paid money in its security period, and when it becomes available.

Red team r19 M1: a freelancer whose milestone was approved or released
automatically saw "No findings" while the money was still pending.
"""

from datetime import date, datetime, timedelta, timezone

import attrs
import pytest

from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    InvalidValueError,
    Milestone,
    Money,
    checks,
    escrow,
    rules,
    serialize,
)
from upwork_safety.checks import CODES, FindingCode, Severity
from upwork_safety.models import Escrow, MilestoneState, Payment

UTC = timezone.utc
KARACHI = timezone(timedelta(hours=5))
TITLE = "WordPress site: 5 pages (Home, About, Listings, Blog, Contact)"
DESCRIPTION = "Delivered on the staging URL and as a ZIP; 2 revision rounds"
SUBMITTED = datetime(2026, 3, 9, 20, 0, tzinfo=KARACHI)
RELEASED = datetime(2026, 3, 23, 15, 0, tzinfo=UTC)
AVAILABLE = datetime(2026, 3, 28, 15, 0, tzinfo=UTC)


def usd(amount):
    """US dollars."""
    return Money(amount, "USD")


def submitted(amount="430.00"):
    """The newcomer's contract: m1 funded and submitted 2026-03-09 20:00 Karachi time."""
    books = Escrow(MilestoneState.SUBMITTED, usd(amount), held=usd(amount), submitted_at=SUBMITTED)
    return Contract(
        "c-karachi",
        Client("dubai-realty"),
        ContractKind.FIXED_PRICE,
        date(2026, 3, 2),
        milestones=[Milestone("m1", TITLE, usd(amount), DESCRIPTION, escrow=books)],
    )


def pending_of(found):
    """The FUNDS_PENDING findings of *found*."""
    return [f for f in found if f.code is FindingCode.FUNDS_PENDING]


def test_code_is_documented_info_for_fixed_price_with_the_security_period_source():
    """FUNDS_PENDING is an INFO contract code citing the security period's source."""
    info = CODES["FUNDS_PENDING"]
    source = {name: s.source for name, _, s in rules.sources()}["security_period"]
    assert (Severity.INFO, "fixed-price contract", source) == (
        info.severity,
        info.applies_to,
        info.source,
    )


def test_released_automatically_money_is_pending_until_the_engines_available_moment():
    """Regression r19 M1: on 24 March the auto-released USD 430 was 'No findings'."""
    now = datetime(2026, 3, 24, 10, 0, tzinfo=KARACHI)
    (finding,) = checks.review_contract(submitted(), now=now)
    assert FindingCode.FUNDS_PENDING == finding.code
    assert Severity.INFO == finding.severity
    assert "m1" == finding.milestone_id
    assert AVAILABLE == finding.due
    assert timedelta(days=4, hours=10) == finding.time_left
    assert usd("430.00") == finding.amount
    assert "" == finding.script
    # The engine's own figures: its funds_available deadline and its ledger's pending bucket.
    current = escrow.advance(submitted(), now)
    engine = [d.due for d in escrow.deadlines(current, now) if d.kind == "funds_available"]
    assert [AVAILABLE] == engine
    assert escrow.ledger(current, now).pending == finding.amount


def test_the_finding_ends_when_the_money_becomes_available():
    """A second before the due moment it is still pending; at the moment, nothing is reported."""
    before = checks.review_contract(submitted(), now=AVAILABLE - timedelta(seconds=1))
    assert [(AVAILABLE, timedelta(seconds=1))] == [(f.due, f.time_left) for f in before]
    assert [] == checks.review_contract(submitted(), now=AVAILABLE)


def test_review_running_says_when_the_release_would_become_available():
    """While in review, the finding also gives the available moment after an auto-release."""
    now = datetime(2026, 3, 10, 10, 0, tzinfo=KARACHI)
    (finding,) = checks.review_contract(submitted(), now=now)
    assert (FindingCode.REVIEW_PERIOD_RUNNING, RELEASED) == (finding.code, finding.due)
    assert "2026-03-28 15:00:00 UTC" in finding.message


def test_approval_with_a_bonus_is_one_finding_of_both_amounts():
    """A release and its bonus leave the security period together: one finding, their sum."""
    approved_at = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
    event = escrow.Approve("m1", approved_at, bonus=usd("50.00"))
    contract = escrow.apply(submitted(), event)
    now = datetime(2026, 3, 13, tzinfo=UTC)
    (finding,) = pending_of(checks.review_contract(contract, now=now))
    assert (datetime(2026, 3, 17, 9, 0, tzinfo=UTC), usd("480.00")) == (
        finding.due,
        finding.amount,
    )
    book = escrow.ledger(contract, now)
    assert book.pending + book.bonus_pending == finding.amount
    assert 2 == finding.evidence.count("funds_available")


def test_partial_releases_at_two_moments_are_two_findings():
    """Money paid at two moments becomes available at two moments, each with its amount."""
    contract = escrow.apply(
        submitted(), escrow.Approve("m1", datetime(2026, 3, 12, 9, tzinfo=UTC), amount=usd("30"))
    )
    contract = escrow.apply(contract, escrow.Approve("m1", datetime(2026, 3, 13, 9, tzinfo=UTC)))
    found = pending_of(checks.review_contract(contract, now=datetime(2026, 3, 14, tzinfo=UTC)))
    assert [
        (datetime(2026, 3, 17, 9, tzinfo=UTC), usd("30.00")),
        (datetime(2026, 3, 18, 9, tzinfo=UTC), usd("400.00")),
    ] == [(f.due, f.amount) for f in found]


def test_the_available_moment_follows_the_rules_not_a_copy_of_five_days():
    """With a what-if security period of 10 days, the finding's due moves with it."""
    longer = attrs.evolve(rules.as_of(date(2026, 3, 1)), security_period=timedelta(days=10))
    now = datetime(2026, 3, 24, tzinfo=UTC)
    (finding,) = checks.review_contract(submitted(), now=now, rules=longer)
    assert (FindingCode.FUNDS_PENDING, RELEASED + timedelta(days=10)) == (
        finding.code,
        finding.due,
    )


def test_a_bonus_recorded_without_a_milestone_is_reported_for_the_contract():
    """A hand-recorded bonus with no milestone gives a finding with no milestone id."""
    paid_at = datetime(2026, 3, 20, 12, tzinfo=UTC)
    bonus = Payment(paid_at.date(), usd("25.00"), at=paid_at, kind="bonus")
    contract = attrs.evolve(submitted(), payments=(bonus,))
    found = pending_of(checks.review_contract(contract, now=datetime(2026, 3, 21, tzinfo=UTC)))
    assert [(None, paid_at + timedelta(days=5), usd("25.00"))] == [
        (f.milestone_id, f.due, f.amount) for f in found
    ]


@pytest.mark.parametrize("day", [24, 27])
def test_cli_check_prints_the_pending_finding(day, tmp_path, capsys):
    """`upwork-safety check --json` reports FUNDS_PENDING with its due and amount."""
    import json

    from upwork_safety import cli, serialize

    path = tmp_path / "submitted.json"
    path.write_text(serialize.to_json(submitted()), encoding="utf-8")
    now = f"2026-03-{day}T10:00:00+05:00"
    assert 0 == cli.main(["check", str(path), "--now", now, "--json"])
    (report,) = json.loads(capsys.readouterr().out)
    (finding,) = report["findings"]
    assert ("FUNDS_PENDING", "2026-03-28T15:00:00+00:00") == (finding["code"], finding["due"])
    assert {"amount": "430.00", "currency": "USD"} == finding["amount"]


def test_funds_available_deadlines_carry_the_payment_they_free():
    """``Deadline.amount``: the engine's funds_available deadline says how much becomes available
    (FUNDS_PENDING reads it, where it had matched payments by recomputing the security period)."""
    released = escrow.advance(submitted(), RELEASED)
    bonus = attrs.evolve(
        released,
        payments=(
            *released.payments,
            Payment(RELEASED.date(), usd("25.00"), at=RELEASED, kind="bonus"),
        ),
    )
    found = [
        (d.due, d.amount)
        for d in escrow.deadlines(bonus, RELEASED)
        if d.kind is escrow.DeadlineKind.FUNDS_AVAILABLE
    ]
    assert {(AVAILABLE, usd("430.00")), (AVAILABLE, usd("25.00"))} == set(found)
    assert all(
        d.amount is None
        for d in escrow.deadlines(submitted(), SUBMITTED)
        if d.kind is not escrow.DeadlineKind.FUNDS_AVAILABLE
    )
    findings = pending_of(checks.review_contract(bonus, now=RELEASED))
    assert {(usd("430.00"), AVAILABLE), (usd("25.00"), AVAILABLE)} == {
        (f.amount, f.due) for f in findings
    }


def test_a_deadline_of_another_kind_cannot_carry_an_amount():
    """The amount is the money a funds_available deadline frees; no other kind has one."""
    with pytest.raises(InvalidValueError) as info:
        escrow.Deadline(
            "review_ends", RELEASED, "m1", "client", "auto-release", "HC 1", usd("430.00")
        )
    assert ("Deadline.amount", "only for funds_available") == (info.value.field, info.value.rule)
    kept = escrow.Deadline(
        "funds_available", AVAILABLE, "m1", "nobody", "available", "HC 1", usd("430.00")
    )
    assert kept == serialize.from_json(escrow.Deadline, serialize.to_json(kept))
    assert "amount" in kept.to_records()[0]


def test_a_bonus_recorded_by_its_day_alone_is_pending_from_that_day():
    """Review r19 M1: the ledger held a bonus paid on a day (no moment) pending while
    deadlines skipped it, so review_contract said nothing; both read it from 00:00 UTC."""
    released = escrow.advance(submitted(), RELEASED)
    bonus = attrs.evolve(
        released,
        payments=(*released.payments, Payment(date(2026, 3, 24), usd("50.00"), kind="bonus")),
    )
    now = datetime(2026, 3, 25, tzinfo=UTC)
    assert usd("50.00") == escrow.ledger(bonus, now).bonus_pending
    frees = datetime(2026, 3, 29, tzinfo=UTC)
    assert (frees, usd("50.00")) in {
        (d.due, d.amount)
        for d in escrow.deadlines(bonus, now)
        if d.kind is escrow.DeadlineKind.FUNDS_AVAILABLE
    }
    assert (usd("50.00"), frees) in {
        (f.amount, f.due) for f in pending_of(checks.review_contract(bonus, now=now))
    }
    assert usd("50.00") == escrow.ledger(bonus, frees).bonus_available
