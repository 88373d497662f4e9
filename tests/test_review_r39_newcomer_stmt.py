"""Review r39, newcomer pass: findings 2 (merged same-title contracts) and 6 (CLI text)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest

from upwork_safety import Feedback, jss, statements
from upwork_safety.errors import InvalidTypeError, InvalidValueError

HEADER = (
    "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,"
    "Description 1,Description 2,Description 3,Agency,Freelancer,Team,Account Name,PO,"
    "Ref ID,Amount $,Amount in local currency,Currency,Current Balance $,Payment Method\n"
)
AS_OF = date(2026, 12, 7)


def _report(events: list[tuple[date, str, str]]) -> statements.Statement:
    """A Transactions report (newest first) of $100 fixed-price payments."""
    rows = []
    for number, (day, client, title) in enumerate(events, start=1):
        rows.append(
            f'"{day:%b %d, %Y}",{number},Fixed-price,{title},Milestone 1,,,,,Z,{client},,,,'
            f"100.00,,,{100 * number:.2f},\n"
        )
    return statements.parse(HEADER + "".join(reversed(rows)))


def _zainab() -> statements.Statement:
    """Her minimal case: eight same-titled jobs for one client, 60 days apart, one bad job."""
    jobs = [
        (date(2025, 1, 6) + timedelta(days=60 * k), "Khan Legal LLC", "Urdu translation")
        for k in range(8)
    ]
    return _report([*jobs, (date(2026, 10, 1), "Apex Docs", "Affidavit")])


def _finished(contracts: tuple[object, ...]) -> list[object]:
    """Each contract ended on its last payment, 5 stars, but Apex Docs' 1 star."""
    return [
        attrs.evolve(
            c,
            ended=max(p.on for p in c.payments),
            feedback=Feedback(stars="1.0" if c.client_id == "Apex Docs" else "5.0"),
        )
        for c in contracts
    ]


def test_merged_contracts_names_the_same_title_group_and_why():
    """By default the eight jobs are one contract, and merged_contracts says so, with why."""
    statement = _zainab()
    contracts = statements.to_contracts(statement)
    assert ["Urdu translation", "Affidavit"] == [c.id for c in contracts]
    assert 84 == jss.score(_finished(contracts), as_of=AS_OF).score
    merged = statements.merged_contracts(statement)
    assert ["Urdu translation"] == list(merged)
    why = merged["Urdu translation"]
    assert "8 payments on 8 days from 2025-01-06 to 2026-03-02" in why
    assert "the longest gap 60 days" in why
    assert "'Khan Legal LLC'" in why
    assert "one outcome" in why
    assert "duration bonus" in why
    assert "split_after" in why


def test_split_after_gives_one_contract_per_job_and_her_89():
    """split_after=30 days makes eight contracts of the eight jobs: the score is 89, not 84."""
    statement = _zainab()
    contracts = statements.to_contracts(statement, split_after=timedelta(days=30))
    khan = [c for c in contracts if c.client_id == "Khan Legal LLC"]
    assert 8 == len(khan)
    assert all(1 == len(c.payments) for c in khan)
    assert all("Urdu translation" == c.title for c in khan)
    assert "Urdu translation (from 2025-03-07)" == khan[1].id
    assert [c.started for c in khan] == [c.payments[0].on for c in khan]
    assert 89 == jss.score(_finished(contracts), as_of=AS_OF).score
    assert {} == statements.merged_contracts(statement, split_after=timedelta(days=30))
    split = jss.score(_finished(contracts), as_of=AS_OF)
    assert all(Decimal(1) == i.weight for i in split.impacts)


def test_a_gap_of_exactly_split_after_stays_one_contract():
    """Only a gap longer than split_after splits: 60 days apart with split_after=60 is one."""
    statement = _zainab()
    contracts = statements.to_contracts(statement, split_after=timedelta(days=60))
    assert ["Urdu translation", "Affidavit"] == [c.id for c in contracts]
    assert ["Urdu translation"] == list(
        statements.merged_contracts(statement, split_after=timedelta(days=60))
    )
    parts = statements.to_contracts(statement, split_after=timedelta(days=59))
    assert 9 == len(parts)


def test_split_after_keeps_a_regular_contract_whole_and_splits_at_the_gap():
    """A contract paid weekly stays whole; a pause longer than split_after starts a part."""
    days = [date(2025, 1, 1) + timedelta(days=7 * k) for k in range(4)]
    days += [date(2025, 6, 1), date(2025, 6, 8)]
    statement = _report([(day, "Globex", "Site") for day in days])
    contracts = statements.to_contracts(statement, split_after=timedelta(days=30))
    assert [("Site (from 2025-01-01)", 4), ("Site (from 2025-06-01)", 2)] == [
        (c.id, len(c.payments)) for c in contracts
    ]
    assert ["Site (from 2025-01-01)", "Site (from 2025-06-01)"] == list(
        statements.merged_contracts(statement, split_after=timedelta(days=30))
    )


@pytest.mark.parametrize(
    ("value", "error", "rule"),
    [
        (30, InvalidTypeError, "a timedelta"),
        ("30 days", InvalidTypeError, "a timedelta"),
        (timedelta(0), InvalidValueError, "whole days, at least one"),
        (timedelta(days=-3), InvalidValueError, "whole days, at least one"),
        (timedelta(hours=36), InvalidValueError, "whole days, at least one"),
    ],
)
def test_split_after_is_refused_unless_whole_days(value, error, rule):
    """split_after takes a timedelta of whole days, at least one; else an error naming it."""
    for call in (statements.to_contracts, statements.merged_contracts):
        with pytest.raises(error) as info:
            call(_zainab(), split_after=value)
        assert ("split_after", rule) == (info.value.field, info.value.rule)


def test_a_weekly_summary_names_each_contract_so_none_is_merged_or_split():
    """A weekly summary's rows carry the contract id: nothing to name, nothing split."""
    statement = statements.parse(
        "Date,Contract,Hours,Amount,Payment type\n"
        "2024-01-01,Logo design (38100002),,150.00,Fixed Price Payment\n"
        "2024-09-02,Logo design (38100002),,150.00,Fixed Price Payment\n"
    )
    assert {} == statements.merged_contracts(statement)
    contracts = statements.to_contracts(statement, split_after=timedelta(days=1))
    assert [("38100002", 2)] == [(c.id, len(c.payments)) for c in contracts]


def test_a_contract_paid_on_one_day_is_not_named():
    """Several payments on one day (milestones) are not several contracts the export hides."""
    statement = _report([(date(2025, 1, 6), "Globex", "Site")] * 2)
    assert {} == statements.merged_contracts(statement)


def _cli(*argv: str) -> tuple[int, str]:
    import io

    from upwork_safety.cli import main

    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def _old_jobs(tmp_path, count: int) -> str:
    """A history file: *count* old jobs (ended 2020), then two recent 5-star ones."""
    from upwork_safety import Contract, ContractKind, Money, Payment, serialize

    def job(ident: str, client: str, day: date) -> Contract:
        return Contract(
            ident,
            client,
            ContractKind.FIXED_PRICE,
            day,
            day,
            payments=[Payment(day, Money("100.00", "USD"))],
            feedback=Feedback(stars="5.0"),
        )

    old = [
        job(f"old{k}", f"c{k % 3}", date(2020, 3, 2) + timedelta(days=10 * k)) for k in range(count)
    ]
    new = [job("new1", "n1", date(2026, 9, 1)), job("new2", "n2", date(2026, 10, 1))]
    path = tmp_path / "history.json"
    path.write_text(serialize.to_json(old + new), encoding="utf-8")
    return str(path)


def test_jss_json_lists_every_contract_as_before(tmp_path):
    """--json is unchanged: every contract's impact on its own."""
    import json

    _, text = _cli("jss", _old_jobs(tmp_path, 5), "--as-of", "2026-12-07", "--json")
    impacts = json.loads(text)["impacts"]
    assert [f"old{k}" for k in range(5)] + ["new1", "new2"] == [i["contract_id"] for i in impacts]


def _payoneer_report(tmp_path, count: int) -> str:
    """A Transactions report with *count* Payoneer withdrawals, each with its $2 fee."""
    rows = ['"Jan 01, 2022",1,Fixed-price,Job,,,,,,,Acme,,,,1000.00,,,1000.00,\n']
    balance = Decimal(1000)
    number = 1
    for k in range(count):
        day = date(2022, 1, 2) + timedelta(days=k)
        number += 1
        balance -= 100
        rows.append(
            f'"{day:%b %d, %Y}",{number},Withdrawal,,,,,,,,,,,,-100.00,,,{balance:.2f},Payoneer\n'
        )
        balance -= 2
        rows.append(
            f'"{day:%b %d, %Y}",{number},Withdrawal Fee,,,,,,,,,,,,-2.00,,,{balance:.2f},Payoneer\n'
        )
    path = tmp_path / "report.csv"
    path.write_text(HEADER + "".join(reversed(rows)), encoding="utf-8")
    return str(path)


def test_statement_audit_says_one_not_checked_reason_once_with_every_line(tmp_path):
    """statement --audit: a reason given for several fee rows is one line with count and lines."""
    import json

    path = _payoneer_report(tmp_path, 4)
    code, text = _cli("statement", path, "--audit")
    assert 0 == code
    records = json.loads(_cli("statement", path, "--audit", "--json")[1])
    unchecked = records["fee_audit"]["withdrawal_fees"]["not_checked"]
    assert 4 == len(unchecked)
    assert 1 == len({u["reason"] for u in unchecked})
    words = " ".join(text.split())
    lines = ", ".join(str(u["line"]) for u in unchecked)
    reason = " ".join(unchecked[0]["reason"].split())
    assert f"Not checked, 4 fee rows (lines {lines}): {reason}" in words
    assert 1 == words.count("Not checked")


def test_statement_audit_keeps_a_single_not_checked_line_as_it_was(tmp_path):
    """A reason given for one fee row is said as before: its line, then the reason."""
    _, text = _cli("statement", _payoneer_report(tmp_path, 1), "--audit")
    assert "Not checked, line " in text
    assert "fee rows (lines" not in text
