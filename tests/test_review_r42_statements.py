"""Review r42 (newcomer 2, 4): the fee audit's records carry their verdicts; hourly contracts
start on the week their first invoice bills."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest

from upwork_safety import ContractKind, Money, jss, statements
from upwork_safety.errors import InvalidValueError
from upwork_safety.hourly import TimeEntry

HEADER = (
    "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,"
    "Description 1,Description 2,Description 3,Agency,Freelancer,Team,Account Name,PO,"
    "Ref ID,Amount $,Amount in local currency,Currency,Current Balance $,Payment Method\n"
)

AUDITED = (
    '"Jun 23, 2025",3,Withdrawal Fee,,,,,,,,,,,,-2.00,,,40.02,Payoneer\n'
    '"Jun 23, 2025",3,Withdrawal,,,,,,,,,,,,-50.00,,,42.02,Payoneer\n'
    '"Jun 16, 2025",2,Withdrawal Fee,,,,,,,,,,,,-1.98,,,92.02,Direct to Local Bank (PKR)\n'
    '"Jun 16, 2025",2,Withdrawal,,,,,,,,,,,,-250.00,-69500.00,PKR,94.00,'
    "Direct to Local Bank (PKR)\n"
    '"Jun 09, 2025",1,Service Fee,Dashboard,,,,,,,Globex,,,,-46.00,,,344.00,\n'
    '"Jun 09, 2025",1,Fixed-price,Dashboard,,,,,,,Globex,,,,300.00,,,390.00,\n'
    '"Jun 02, 2025",0,Service Fee,Report,,,,,,,Initech,,,,-5.00,,,90.00,\n'
    '"Jun 02, 2025",0,Fixed-price,Report,,,,,,,Initech,,,,95.00,,,95.00,\n'
)


def _audit() -> statements.FeeAudit:
    return statements.audit_fees(statements.parse(HEADER + AUDITED))


# --- newcomer 2: what each verdict rests on, in the records --------------------------------


def test_records_say_why_a_fee_that_does_not_match_is_within_the_schedule():
    """5.00 on 95.00 is not the assumed 10% (9.50) but within 0-15%: the row says both."""
    within, over = _audit().to_records()
    assert (within["matches"], within["within_schedule"]) == (False, True)
    assert (within["allowed_low"], within["allowed_high"]) == (Decimal("0.00"), Decimal("14.25"))
    assert (within["excess"], within["excess_from"]) == (Decimal("0.00"), Decimal("5.00"))
    assert within["verdict"] == "within the schedule"
    # 46.00 on 300.00 is 1.00 above the highest fee the range allows (45.00).
    assert (over["matches"], over["within_schedule"]) == (False, False)
    assert (over["allowed_low"], over["allowed_high"]) == (Decimal("0.00"), Decimal("45.00"))
    assert (over["difference"], over["excess"]) == (Decimal("16.00"), Decimal("1.00"))
    assert over["excess"] == over["charged"] - over["excess_from"]
    assert over["verdict"].startswith("USD 1.00 above the highest fee")


def test_records_match_the_checks_they_come_from():
    """Every verdict column is the check's own (one source of truth)."""
    audit = _audit()
    for check, row in zip(audit.checks, audit.to_records(), strict=True):
        assert row["verdict"] == check.verdict
        assert row["within_schedule"] is check.within_schedule
        assert row["excess"] == check.excess.amount
        assert check.allowed is not None
        assert (row["allowed_low"], row["allowed_high"]) == tuple(m.amount for m in check.allowed)
    assert [r for r in audit.to_records() if not r["within_schedule"]] == [
        r for r, c in zip(audit.to_records(), audit.checks, strict=True) if c in audit.mismatches
    ]


def test_records_on_a_known_rate_have_no_range():
    """A rate given: the fee allowed is the expected one, allowed_low and _high are None."""
    audit = statements.audit_fees(statements.parse(HEADER + AUDITED), rate="10%")
    row = audit.to_records()[0]
    assert (row["allowed_low"], row["allowed_high"], row["basis"]) == (None, None, "contract")
    assert (row["matches"], row["within_schedule"], row["excess"]) == (
        False,
        False,
        Decimal("-4.50"),
    )
    assert row["excess_from"] == Decimal("9.50")


def test_withdrawal_records_one_per_withdrawal_with_the_verdict_or_reason():
    audit = _audit()
    doubled, payoneer = audit.withdrawal_records()
    assert doubled == {
        "on": date(2025, 6, 16),
        "fee_line": 4,
        "fee_lines": (4,),
        "fee_id": "2",
        "payment_method": "Direct to Local Bank (PKR)",
        "method": "Direct to Local Bank (PKR)",
        "charged": Decimal("1.98"),
        "expected": Decimal("0.99"),
        "difference": Decimal("0.99"),
        "matches": False,
        "reason": None,
    }
    assert (payoneer["fee_line"], payoneer["method"], payoneer["charged"]) == (
        2,
        "Payoneer",
        Decimal("2.00"),
    )
    assert (payoneer["expected"], payoneer["difference"], payoneer["matches"]) == (None, None, None)
    assert isinstance(payoneer["reason"], str)
    assert payoneer["reason"] == audit.withdrawal_fees[1].reason
    assert [r["matches"] for r in audit.withdrawal_records()].count(False) == len(
        audit.withdrawal_mismatches
    )


def test_withdrawal_records_without_a_method_column():
    """The Transaction History names no method: the fee is listed, with no verdict."""
    history = statements.parse(
        "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
        "Amount in local currency,Currency,Balance\n"
        "2024-08-05,900002,Withdrawal Fee,Withdrawal Fee,,,,,,-0.99,,,399.01\n"
        "2024-08-05,900001,Fixed Price,Invoice,,,Initech,,,400.00,,,400.00\n"
    )
    (row,) = statements.audit_fees(history).withdrawal_records()
    assert (row["fee_line"], row["payment_method"], row["method"], row["matches"]) == (
        2,
        None,
        None,
        None,
    )
    assert isinstance(row["reason"], str)


def test_html_shows_the_withdrawal_fees_too():
    html = _audit()._repr_html_()
    assert html.count("<table>") == 2
    assert "Withdrawal fees: 1 checked, 1 not as published, 1 not checked" in html
    assert "<th>verdict</th>" in html
    assert "<th>reason</th>" in html


def test_html_without_withdrawal_fees_is_one_table():
    only_fees = HEADER + "".join(AUDITED.splitlines(keepends=True)[4:])
    html = statements.audit_fees(statements.parse(only_fees))._repr_html_()
    assert html.count("<table>") == 1


# --- newcomer 4: an hourly contract starts on the week its first invoice bills -------------

HOURLY = (
    '"Dec 07, 2026",2,Hourly,ETL support,Invoice for 11/30/2026-12/06/2026 - 12:00 hrs @ '
    "$25.00/hr,,,,,,Globex,,,,300.00,,,600.00,\n"
    '"Nov 30, 2026",1,Hourly,ETL support,Invoice for 11/23/2026-11/29/2026 - 12:00 hrs @ '
    "$25.00/hr,,,,,,Globex,,,,300.00,,,300.00,\n"
)
PKT = timezone(timedelta(hours=5))


def _diary(day: int) -> list[TimeEntry]:
    """Four hours logged in Karachi on *day* November 2026."""
    return [
        TimeEntry(
            datetime(2026, 11, day, 10, tzinfo=PKT),
            datetime(2026, 11, day, 14, tzinfo=PKT),
            memo="ETL",
            activity=7,
        )
    ]


def test_hourly_contract_starts_on_the_monday_of_its_first_invoiced_week():
    (job,) = statements.to_contracts(statements.parse(HEADER + HOURLY))
    assert (job.kind, job.started) == (ContractKind.HOURLY, date(2026, 11, 23))
    # The payments stay on the rows' dates.
    assert [p.on for p in job.payments] == [date(2026, 11, 30), date(2026, 12, 7)]
    diary = _diary(23)
    with_diary = attrs.evolve(
        job, time_entries=diary, hourly_rate=Money("25.00", "USD"), weekly_limit=20
    )
    assert with_diary.time_entries == tuple(diary)


def test_the_diary_before_the_first_invoiced_week_is_still_refused():
    (job,) = statements.to_contracts(statements.parse(HEADER + HOURLY))
    early = _diary(22)
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(job, time_entries=early, hourly_rate=Money("25.00", "USD"), weekly_limit=20)
    assert caught.value.field == "Contract.time_entries[0]"


def test_an_unreadable_week_falls_back_to_the_row_date():
    edited = HOURLY.replace("Invoice for 11/23/2026-11/29/2026", "Invoice for last week")
    (job,) = statements.to_contracts(statements.parse(HEADER + edited))
    # The second invoice's week (from 2026-11-30) is not before the first row (2026-11-30).
    assert job.started == date(2026, 11, 30)
    none_readable = edited.replace("Invoice for 11/30/2026-12/06/2026", "Invoice week 49")
    (job,) = statements.to_contracts(statements.parse(HEADER + none_readable))
    assert job.started == date(2026, 11, 30)


def test_a_bonus_before_the_first_invoiced_week_starts_the_contract():
    bonus = '"Nov 20, 2026",0,Bonus,ETL support,,,,,,,Globex,,,,50.00,,,0.00,\n'
    (job,) = statements.to_contracts(statements.parse(HEADER + HOURLY + bonus))
    assert job.started == date(2026, 11, 20)


def test_a_fixed_price_contract_still_starts_on_its_first_payment():
    fixed = '"Nov 30, 2026",1,Fixed-price,Logo,,,,,,,Globex,,,,300.00,,,300.00,\n'
    (job,) = statements.to_contracts(statements.parse(HEADER + fixed))
    assert (job.kind, job.started) == (ContractKind.FIXED_PRICE, date(2026, 11, 30))


def test_a_weekly_summary_contract_starts_on_its_first_day_worked():
    weekly = statements.parse(
        '"Date","Contract","Hours","Amount","Payment type"\n'
        '"2024-09-04","API integration (38100001)","2.5","62.5",""\n'
        '"2024-09-05","API integration (38100001)","1","25",""\n'
    )
    (job,) = statements.to_contracts(weekly)
    assert (job.kind, job.started) == (ContractKind.HOURLY, date(2024, 9, 4))


def test_split_parts_keep_their_names_and_start_on_their_own_first_week():
    earlier = (
        '"Mar 02, 2026",3,Hourly,ETL support,Invoice for 02/23/2026-03/01/2026 - 1:00 hrs @ '
        "$25.00/hr,,,,,,Globex,,,,25.00,,,25.00,\n"
    )
    text = HOURLY.replace(",600.00,", ",625.00,").replace(",300.00,\n", ",325.00,\n")
    parts = statements.to_contracts(
        statements.parse(HEADER + text + earlier), split_after=timedelta(days=30)
    )
    assert [(c.id, c.started) for c in parts] == [
        ("ETL support (from 2026-03-02)", date(2026, 2, 23)),
        ("ETL support (from 2026-11-30)", date(2026, 11, 23)),
    ]


def test_jss_counts_a_long_term_hourly_contract_from_its_first_invoiced_week():
    """Paid 31 Aug, 12 Oct and 23 Nov for the weeks before: 93 days from 24 Aug on 25 Nov."""
    rows = (
        '"Nov 23, 2026",3,Hourly,ETL support,Invoice for 11/16/2026-11/22/2026 - 4:00 hrs @ '
        "$25.00/hr,,,,,,Globex,,,,100.00,,,300.00,\n"
        '"Oct 12, 2026",2,Hourly,ETL support,Invoice for 10/05/2026-10/11/2026 - 4:00 hrs @ '
        "$25.00/hr,,,,,,Globex,,,,100.00,,,200.00,\n"
        '"Aug 31, 2026",1,Hourly,ETL support,Invoice for 08/24/2026-08/30/2026 - 4:00 hrs @ '
        "$25.00/hr,,,,,,Globex,,,,100.00,,,100.00,\n"
    )
    contracts = statements.to_contracts(statements.parse(HEADER + rows))
    assert contracts[0].started == date(2026, 8, 24)
    (row,) = jss.score(contracts, as_of=date(2026, 11, 25)).to_records()
    # Counted from the first payment's day (31 Aug) it was 86 days: excluded, not yet counted.
    assert (row["outcome"], row["weight"], row["exclusion"]) == ("positive", Decimal("1.25"), None)
