"""A contract's start day is a UTC day, and the refusal to fund before it says so (newcomer r36, 4).

At 01:00 in Karachi on 7 December it is still 6 December in UTC, so an offer
starting on 2026-12-07 cannot be funded yet; the reason read "the contract
starts on 2026-12-07", which a reader in Karachi took for wrong.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from upwork_safety import Contract, ContractKind, Milestone, Money, checks, escrow
from upwork_safety.checks import FindingCode

KARACHI = ZoneInfo("Asia/Karachi")
OFFER = Contract(
    "c1",
    "acme",
    ContractKind.FIXED_PRICE,
    date(2026, 12, 7),
    milestones=[Milestone("m1", "Website design", Money("600.00", "USD"), description="5 pages")],
)
NOW = datetime(2026, 12, 7, 1, tzinfo=KARACHI)  # 2026-12-06 20:00 UTC


def test_the_engine_reason_names_the_utc_start():
    """``allowed``'s reason gives the start as 00:00 UTC of the start day."""
    reason = escrow.allowed(OFFER, "m1", now=NOW).reason("Fund")
    assert "the contract starts on 2026-12-07, at 00:00 UTC" == reason


def test_the_review_message_names_the_utc_start():
    """``UNFUNDED_MILESTONE``'s message, read in Karachi on the 7th, says the day is UTC."""
    (finding,) = [
        f
        for f in checks.review_contract(OFFER, now=NOW)
        if f.code is FindingCode.UNFUNDED_MILESTONE
    ]
    assert "m1" == finding.milestone_id
    assert "(the contract starts on 2026-12-07, at 00:00 UTC)" in finding.message


def test_the_review_advice_and_script_name_the_utc_day():
    """The advice and script say the start day is a UTC day (lead r36, newcomer 4)."""
    (finding,) = [
        f
        for f in checks.review_contract(OFFER, now=NOW)
        if f.code is FindingCode.UNFUNDED_MILESTONE
    ]
    assert "the contract starts on 2026-12-07 (a UTC day)" in finding.advice
    assert "when the contract starts on 2026-12-07 (UTC)!" in finding.script
