"""Round 43, the lead's own fixes: the hourly finding's logged time (newcomer 3)."""

from datetime import date, datetime, timedelta, timezone

from upwork_safety import Client, Contract, ContractKind, Money, checks, hourly
from upwork_safety.checks import FindingCode

UTC = timezone.utc


def _contract(minutes: int) -> Contract:
    start = datetime(2026, 12, 8, 4, 0, tzinfo=UTC)
    entry = hourly.TimeEntry(start, start + timedelta(minutes=minutes), memo="standup", manual=True)
    return Contract(
        "h1",
        Client("acme", payment_verified=True),
        ContractKind.HOURLY,
        date(2026, 12, 7),
        hourly_rate=Money("18.50", "USD"),
        time_entries=[entry],
    )


def _unprotected(contract: Contract) -> checks.Finding:
    found = checks.review_contract(contract, now=datetime(2026, 12, 8, 5, tzinfo=UTC))
    (finding,) = [f for f in found if f.code is FindingCode.UNPROTECTED_HOURS]
    return finding


def test_the_unprotected_hours_say_the_time_logged_and_the_time_billable() -> None:
    """25 minutes logged bill as 30 (whole 10-minute segments): the finding said "0:30 h logged"."""
    finding = _unprotected(_contract(25))
    assert finding.amount == Money("9.25", "USD")  # the billable half hour
    assert "0:25 h logged (0:30 h billable" in finding.message
    assert "0:30 h logged" not in finding.message


def test_whole_segments_are_said_once() -> None:
    finding = _unprotected(_contract(30))
    assert finding.amount == Money("9.25", "USD")
    assert "0:30 h logged this week" in finding.message
    assert "billable" not in finding.message
