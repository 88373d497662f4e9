"""Tests for upwork_safety.statements on the shapes of real exports an audit found.

Type words public parsers of the real report read, a weekly summary with
extra columns, spreadsheet re-saves, and the fee audit's assumed and legacy
rates.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from test_statements import HISTORY, REPORT  # the export headers, written once for the tests
from upwork_safety import Contract, ContractKind, Money, Payment, fees, serialize
from upwork_safety.errors import InvalidDataError, InvalidTypeError, InvalidValueError
from upwork_safety.statements import (
    FeeAudit,
    FeeCheck,
    TransactionKind,
    audit_fees,
    parse,
    summarize,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def table(header: list[str], rows: list[dict[str, str]]) -> str:
    """A CSV text with *header* and one line per dict (missing columns empty)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return buffer.getvalue()


def history(rows: list[tuple[str, str, str, str, str, str]]) -> str:
    """A Transaction History from chronological (date, ref, type, amount, team, description) rows."""
    balance = Decimal(0)
    written = []
    for on, ref, kind, amount, team, description in rows:
        balance += Decimal(amount)
        written.append(
            {
                "Date": on,
                "Ref ID": ref,
                "Type": kind,
                "Description": description,
                "Team": team,
                "Amount": amount,
                "Balance": str(balance),
            }
        )
    return table(HISTORY, written[::-1])


def report(rows: list[tuple[str, str, str, str, str, str]]) -> str:
    """A Transactions report from chronological (date, id, type, amount, team, summary) rows."""
    balance = Decimal(0)
    written = []
    for on, ident, kind, amount, team, summary in rows:
        balance += Decimal(amount)
        written.append(
            {
                "Date": on,
                "Transaction ID": ident,
                "Transaction Type": kind,
                "Transaction Summary": summary,
                "Team": team,
                "Amount $": amount,
                "Current Balance $": str(balance),
            }
        )
    return table(REPORT, written[::-1])


# ============================================================================ type words


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("Membership", TransactionKind.SUBSCRIPTION),
        ("VAT", TransactionKind.TAX),
        ("WHT", TransactionKind.TAX),
        ("Adjustment", TransactionKind.MISCELLANEOUS),
        ("Processing Fee", TransactionKind.MISCELLANEOUS),
        ("misc", TransactionKind.MISCELLANEOUS),
    ],
)
def test_type_words_public_parsers_of_the_real_report_read(word, kind):
    """Each word with evidence is read as its kind, and the row keeps the word as written."""
    text = history([("Jan 02, 2024", "1", word, "-3.00", "", "")])
    (row,) = parse(text, allow_breaks=True).transactions
    assert (kind, word) == (row.kind, row.type_text)


@pytest.mark.parametrize("word", ["expense", "Salary", "Membership Fee"])
def test_type_words_without_evidence_of_their_kind_are_still_refused(word):
    """Words whose kind no source settles are refused, naming the line, column and word."""
    with pytest.raises(InvalidDataError) as info:
        parse(history([("Jan 02, 2024", "1", word, "-3.00", "", "")]))
    (problem,) = info.value.problems
    assert (2, "line 2, column 3 (Type)") == (problem.line, problem.path)
    assert repr(word) in problem.message


def test_the_new_words_are_counted_where_the_guide_says():
    """VAT and WHT are taxes, Membership a subscription, Adjustment and Processing Fee 'other'."""
    text = history(
        [
            ("Jan 02, 2024", "1", "Fixed Price", "100.00", "Acme", ""),
            ("Jan 03, 2024", "2", "VAT", "-2.00", "", ""),
            ("Jan 03, 2024", "3", "WHT", "-1.00", "", ""),
            ("Jan 04, 2024", "4", "Membership", "-10.00", "", ""),
            ("Jan 05, 2024", "5", "Adjustment", "4.00", "", ""),
            ("Jan 05, 2024", "6", "Processing Fee", "-0.50", "", ""),
        ]
    )
    (row,) = summarize(parse(text), by="tax_year").rows
    assert (usd("3.00"), usd("10.00"), usd("3.50"), usd("90.50")) == (
        row.taxes,
        row.connects_and_subscriptions,
        row.other,
        row.change,
    )


# ============================================================================ the fee audit


def _report_2025(charged: str) -> str:
    return report(
        [
            ("Aug 04, 2025", "8100002", "Fixed-price", "100.00", "Initech", "Site"),
            ("Aug 04, 2025", "8100002", "Service Fee", f"-{charged}", "Initech", "Site"),
        ]
    )


def test_an_assumed_rate_is_said_and_a_fee_another_allowed_rate_charges_is_no_overcharge():
    """A 15% fee in 2025 with no rate given: 10% assumed and said; 0-15% allowed, so no mismatch."""
    audit = audit_fees(parse(_report_2025("15.00")))
    (check,) = audit.checks
    assert (usd("10.00"), fees.FeeBasis.DEFAULT, True) == (
        check.expected,
        check.basis,
        check.rate_assumed,
    )
    assert ((usd("0.00"), usd("15.00")), False, True) == (
        check.allowed,
        check.matches,
        check.within_schedule,
    )
    assert (usd("5.00"), usd("0.00")) == (check.difference, check.excess)
    assert ((), (check,), usd("0.00")) == (
        audit.mismatches,
        audit.on_assumed_rate,
        audit.overcharged,
    )
    (note,) = audit.assumptions
    assert "assumed" in note
    assert "10%" in note
    assert "0%–15%" in note
    assert "unconfirmed" in note
    assert "line 3" in note


def test_a_fee_beyond_every_allowed_rate_is_over_by_what_exceeds_the_highest():
    """A 20% fee in 2025 is over the 15% top of the range by $5.00, not over 10% by $10.00."""
    audit = audit_fees(parse(_report_2025("20.00")))
    (check,) = audit.mismatches
    assert (usd("10.00"), usd("5.00"), usd("5.00")) == (
        check.difference,
        check.excess,
        audit.overcharged,
    )


def test_a_given_rate_is_not_assumed():
    """With the contract's rate given, the fee is checked against it and nothing is assumed."""
    audit = audit_fees(parse(_report_2025("15.00")), rate="15%")
    (check,) = audit.checks
    assert (fees.FeeBasis.CONTRACT, None, True, ()) == (
        check.basis,
        check.allowed,
        check.matches,
        audit.on_assumed_rate,
    )


def test_rates_by_contract_title():
    """rates= gives each contract (by its Transaction Summary) its own rate; others keep rate=."""
    text = report(
        [
            ("Aug 04, 2025", "1", "Fixed-price", "100.00", "Initech", "Site"),
            ("Aug 04, 2025", "1", "Service Fee", "-15.00", "Initech", "Site"),
            ("Aug 05, 2025", "2", "Hourly", "200.00", "Globex", "API"),
            ("Aug 05, 2025", "2", "Service Fee", "-16.00", "Globex", "API"),
            ("Aug 06, 2025", "3", "Hourly", "100.00", "Acme", "Logo"),
            ("Aug 06, 2025", "3", "Service Fee", "-10.00", "Acme", "Logo"),
        ]
    )
    audit = audit_fees(parse(text), rates={"Site": "15%", "API": Decimal("0.08")})
    assert [
        (usd("15.00"), fees.FeeBasis.CONTRACT, Decimal("0.15")),
        (usd("16.00"), fees.FeeBasis.CONTRACT, Decimal("0.08")),
        (usd("10.00"), fees.FeeBasis.DEFAULT, None),
    ] == [(c.expected, c.basis, c.rate) for c in audit.checks]
    audit = audit_fees(parse(text), rates={"Site": "15%"}, rate="8%")
    assert [Decimal("0.15"), Decimal("0.08"), Decimal("0.08")] == [c.rate for c in audit.checks]
    assert usd("2.00") == audit.overcharged  # Logo's $10.00 against 8%


def test_rates_are_refused_when_they_cannot_apply():
    """rates= naming no contract of the file, for an export without contracts, or not a mapping."""
    statement = parse(_report_2025("10.00"))
    with pytest.raises(InvalidValueError) as info:
        audit_fees(statement, rates={"Logo": "10%"})
    assert ("rates", "a contract title of the statement") == (info.value.field, info.value.rule)
    assert "'Logo'" in str(info.value)
    with pytest.raises(InvalidTypeError) as info:
        audit_fees(statement, rates=[("Site", "10%")])
    assert "rates" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        audit_fees(statement, rates={"Site": "20%x"})
    assert "rates['Site']" == info.value.field
    older = parse((EXAMPLES / "synthetic-transaction-history.csv").read_text("utf-8"))
    with pytest.raises(InvalidValueError) as info:
        audit_fees(older, rates={"Site": "10%"})
    assert ("rates", "a Transactions report") == (info.value.field, info.value.rule)


def _legacy_history(*later: tuple[str, str, str, str, str, str]) -> str:
    return history(
        [
            ("Jan 09, 2023", "101", "Fixed Price", "11450.00", "Globex", "Milestone 1"),
            (
                "Jan 09, 2023",
                "102",
                "Service Fee",
                "-1122.50",
                "Globex",
                "Service Fee for Ref ID 101",
            ),
            *later,
        ]
    )


def test_the_legacy_five_percent_is_accepted_for_a_client_billed_past_the_top_band():
    """June 2023, 5% of $1,000 for a client billed $11,450 before 2023-05-03: the legacy rate."""
    text = _legacy_history(
        ("Jun 12, 2023", "105", "Fixed Price", "1000.00", "Globex", "Milestone 9"),
        ("Jun 12, 2023", "106", "Service Fee", "-50.00", "Globex", "Service Fee for Ref ID 105"),
    )
    audit = audit_fees(parse(text))
    first, legacy = audit.checks
    assert (True, fees.FeeBasis.SLIDING) == (first.matches, first.basis)
    assert (usd("50.00"), fees.FeeBasis.LEGACY, Decimal("0.05"), True) == (
        legacy.expected,
        legacy.basis,
        legacy.rate,
        legacy.matches,
    )
    assert ((), usd("0.00")) == (audit.mismatches, audit.overcharged)
    note = audit.assumptions[-1]
    assert "legacy 5%" in note
    assert "2023-12-31" in note
    assert "started before 2023-05-03" in note


def test_a_report_contract_paid_before_the_flat_rate_is_expected_at_the_legacy_five():
    """Regression (red team r15 H1): "Big build" with Acme billed $12,000 in 2022 and $1,000
    on 2023-06-05, charged 10%. The contract was at 5% and kept it (DOMAIN.md section 4),
    as the fee engine charges it: $50.00 expected, $50.00 over. Another title of the same
    client, first paid after 2023-05-03, is not presumed to have kept it."""
    text = report(
        [
            ("Jun 01, 2022", "1", "Hourly", "12000.00", "Acme", "Big build"),
            ("Jun 01, 2022", "1", "Service Fee", "-1150.00", "Acme", "Big build"),
            ("Jun 05, 2023", "2", "Hourly", "1000.00", "Acme", "Big build"),
            ("Jun 05, 2023", "2", "Service Fee", "-100.00", "Acme", "Big build"),
            ("Jun 06, 2023", "3", "Hourly", "1000.00", "Acme", "New site"),
            ("Jun 06, 2023", "3", "Service Fee", "-100.00", "Acme", "New site"),
        ]
    )
    audit = audit_fees(parse(text))
    _, kept, new = audit.checks
    assert (usd("50.00"), fees.FeeBasis.LEGACY, Decimal("0.05"), False) == (
        kept.expected,
        kept.basis,
        kept.rate,
        kept.matches,
    )
    assert (usd("100.00"), fees.FeeBasis.FLAT, True) == (new.expected, new.basis, new.matches)
    assert ((kept,), usd("50.00")) == (audit.mismatches, audit.overcharged)
    (note,) = [n for n in audit.assumptions if "line 5" in n]
    assert "paid before 2023-05-03" in note
    engine = Contract(
        "Big build", "Acme", ContractKind.HOURLY, date(2022, 6, 1), service_fee_rate="5%",
        payments=[Payment(date(2022, 6, 1), usd("12000.00")),
                  Payment(date(2023, 6, 5), usd("1000.00"))],
    )  # fmt: skip
    assert kept.expected == fees.service_fee(engine, on=date(2023, 6, 5)) - fees.service_fee(
        engine, on=date(2023, 6, 4)
    )


def test_the_legacy_rate_follows_the_fee_engines_rule_and_no_other():
    """Not for a client under the top band, not after 2023-12-31, and 10% stays 10% for such a client."""
    under = history(
        [
            ("Jan 09, 2023", "101", "Fixed Price", "9000.00", "Globex", ""),
            ("Jun 12, 2023", "105", "Fixed Price", "1000.00", "Globex", ""),
            (
                "Jun 12, 2023",
                "106",
                "Service Fee",
                "-50.00",
                "Globex",
                "Service Fee for Ref ID 105",
            ),
        ]
    )
    (check,) = audit_fees(parse(under)).checks
    assert (usd("100.00"), fees.FeeBasis.FLAT, False) == (
        check.expected,
        check.basis,
        check.within_schedule,
    )
    late = _legacy_history(
        ("Jan 08, 2024", "105", "Fixed Price", "1000.00", "Globex", ""),
        ("Jan 08, 2024", "106", "Service Fee", "-50.00", "Globex", "Service Fee for Ref ID 105"),
    )
    assert [True, False] == [c.within_schedule for c in audit_fees(parse(late)).checks]
    other_client = _legacy_history(
        ("Jun 12, 2023", "105", "Fixed Price", "1000.00", "Initech", ""),
        ("Jun 12, 2023", "106", "Service Fee", "-50.00", "Initech", "Service Fee for Ref ID 105"),
    )
    audit = audit_fees(parse(other_client))
    # Below the rates: no overcharge, and no offset against one either.
    assert ([usd("0.00"), usd("-50.00")], "0.00") == (
        [c.excess for c in audit.checks],
        str(audit.overcharged.amount),
    )
    flat = _legacy_history(
        ("Jun 12, 2023", "105", "Fixed Price", "1000.00", "Globex", ""),
        ("Jun 12, 2023", "106", "Service Fee", "-100.00", "Globex", "Service Fee for Ref ID 105"),
    )
    audit = audit_fees(parse(flat))
    assert (fees.FeeBasis.FLAT, True) == (audit.checks[1].basis, audit.checks[1].matches)
    assert not any("legacy" in a for a in audit.assumptions)


def _reversed_bonus(export, june_fee: str) -> str:
    """Acme: $10,500 in January 2023, a $1,000 bonus reversed in February, $100 in April and June.

    Billings before 2023-05-03 are $9,600 once the reversal is counted ($10,600 without it).
    """
    ids = ("1", "1", "2", "3", "3", "4", "4") if export is report else (
        "101", "102", "103", "104", "105", "106", "107")  # fmt: skip
    fee = "Site" if export is report else "Service Fee for Ref ID {}"
    rows = [
        ("Jan 10, 2023", "Fixed Price", "10500.00", "Site"),
        ("Jan 10, 2023", "Service Fee", "-1075.00", fee.format(ids[0])),
        ("Feb 10, 2023", "Bonus", "-1000.00", "Site"),
        ("Apr 03, 2023", "Fixed Price", "100.00", "Site"),
        ("Apr 03, 2023", "Service Fee", "-10.00", fee.format(ids[3])),
        ("Jun 05, 2023", "Fixed Price", "100.00", "Site"),
        ("Jun 05, 2023", "Service Fee", june_fee, fee.format(ids[5])),
    ]
    return export(
        [
            (on, i, kind, amount, "Acme", text)
            for i, (on, kind, amount, text) in zip(ids, rows, strict=True)
        ]
    )


@pytest.mark.parametrize("export", [report, history])
def test_a_reversed_bonus_counts_once_for_the_scale_and_the_legacy_rate(export):
    """Regression (promises r17 finding 1): billings were counted two ways.

    The audit priced April 2023 at 10% (billings $9,500 after a reversed $1,000 bonus),
    yet counted $10,600 for the legacy 5%: in the report it expected 5% in June and
    called the right 10% a $5.00 overcharge; in the history it accepted a 5% fee as legacy.
    By one count Acme never passed $10,000, so June is the flat 10%, $10.00.
    """
    audit = audit_fees(parse(_reversed_bonus(export, "-10.00")))
    january, april, june = audit.checks
    assert (usd("0.00"), usd("9500.00")) == (january.billed_before, april.billed_before)
    assert (usd("10.00"), fees.FeeBasis.SLIDING, True) == (
        april.expected,
        april.basis,
        april.matches,
    )
    assert (usd("10.00"), fees.FeeBasis.FLAT, True) == (june.expected, june.basis, june.matches)
    assert ((), usd("0.00")) == (audit.mismatches, audit.overcharged)
    assert not any("legacy" in a for a in audit.assumptions)
    five = audit_fees(parse(_reversed_bonus(export, "-5.00")))
    june = five.checks[-1]
    assert (usd("10.00"), fees.FeeBasis.FLAT, usd("-5.00")) == (
        june.expected,
        june.basis,
        june.excess,
    )
    assert ((june,), usd("0.00")) == (five.mismatches, five.overcharged)
    assert not any("legacy" in a for a in five.assumptions)


def test_billings_past_the_top_band_after_a_reversal_still_keep_the_legacy_rate():
    """The same count the other way: $12,000 less a $1,000 reversal is $11,000, past $10,000."""
    text = history(
        [
            ("Jan 10, 2023", "101", "Fixed Price", "12000.00", "Acme", ""),
            (
                "Jan 10, 2023",
                "102",
                "Service Fee",
                "-1175.00",
                "Acme",
                "Service Fee for Ref ID 101",
            ),
            ("Feb 10, 2023", "103", "Bonus", "-1000.00", "Acme", ""),
            ("Jun 05, 2023", "104", "Fixed Price", "100.00", "Acme", ""),
            ("Jun 05, 2023", "105", "Service Fee", "-5.00", "Acme", "Service Fee for Ref ID 104"),
        ]
    )
    june = audit_fees(parse(text)).checks[-1]
    assert (usd("5.00"), fees.FeeBasis.LEGACY, True) == (june.expected, june.basis, june.matches)


def test_a_fee_check_keeps_its_basis_rules():
    """FeeCheck refuses a range without an assumed rate, an assumed rate without one, and a range not around expected."""
    statement = parse(_report_2025("15.00"))
    income, fee = statement.transactions
    base = {"fee": fee, "income": income, "expected": usd("10.00"), "schedule": "s"}
    with pytest.raises(InvalidValueError) as info:
        FeeCheck(**base, basis=fees.FeeBasis.DEFAULT)
    assert "FeeCheck.allowed" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        FeeCheck(**base, basis=fees.FeeBasis.FLAT, allowed=(usd("0"), usd("15")))
    assert "FeeCheck.allowed" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        FeeCheck(**base, basis=fees.FeeBasis.DEFAULT, allowed=(usd("11"), usd("15")))
    assert "FeeCheck.allowed" == info.value.field
    with pytest.raises(InvalidTypeError) as info:
        FeeCheck(**base, basis=fees.FeeBasis.DEFAULT, allowed=(usd("0"),))
    assert "FeeCheck.allowed" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        FeeCheck(**base, basis=fees.FeeBasis.LEGACY)
    assert "FeeCheck.rate" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        FeeCheck(**base, basis=fees.FeeBasis.FLAT, billed_before=usd("1.00"))
    assert "FeeCheck.billed_before" == info.value.field
    schedule = fees.schedule_as_of(income.on).name
    check = FeeCheck(
        **{**base, "schedule": schedule}, basis=fees.FeeBasis.DEFAULT, allowed=[usd("0"), usd("15")]
    )
    assert (usd("0"), usd("15")) == check.allowed


def _edited(audit, **changes):
    """The audit as JSON with its first check's fields replaced, loaded back."""
    data = serialize.to_dict(audit)
    data["checks"][0].update(changes)
    return serialize.from_dict(FeeAudit, data)


def _money(amount: str) -> dict[str, str]:
    return serialize.to_dict(usd(amount))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"allowed": [_money("0.00"), _money("90.00")]}, "allowed"),
        ({"allowed": [_money("0.00"), _money("40.00")]}, "allowed"),
        ({"expected": _money("40.00"), "allowed": [_money("0.00"), _money("90.00")]}, "expected"),
        ({"basis": "legacy", "allowed": None, "rate": "0.4", "expected": _money("40.00")}, "rate"),
        ({"basis": "contract", "allowed": None, "rate": "0.4"}, "rate"),
        ({"basis": "contract", "allowed": None, "rate": "0.15"}, "expected"),
        ({"schedule": "flat 10% (2023-05-03 to 2025-04-30)"}, "schedule"),
    ],
)
def test_an_edited_fee_check_cannot_hide_an_overcharge(changes, field):
    """Review r8 #2: allowed=[0, 90] in an edited file turned a $25 overcharge into none; a
    check's expected, basis, rate and allowed are the fee engine's for its income row."""
    audit = audit_fees(parse(_report_2025("40.00")))
    assert (usd("25.00"), 1) == (audit.overcharged, len(audit.mismatches))
    assert audit == _edited(audit)
    with pytest.raises(InvalidDataError) as info:
        _edited(audit, **changes)
    (problem,) = info.value.problems
    assert f"FeeCheck.{field}" in problem.message


def test_a_fee_check_built_in_code_is_the_engines_or_refused():
    """FeeCheck refuses an expected fee, basis or range the engine does not give, naming the field."""
    (check,) = audit_fees(parse(_report_2025("40.00"))).checks
    for changes, field in (
        ({"expected": usd("40.00"), "allowed": (usd("0.00"), usd("40.00"))}, "FeeCheck.expected"),
        ({"allowed": (usd("1.00"), usd("15.00"))}, "FeeCheck.allowed"),
        ({"basis": fees.FeeBasis.FLAT, "allowed": None}, "FeeCheck.basis"),
        ({"basis": fees.FeeBasis.CONTRACT, "allowed": None, "rate": Decimal("0.10")}, None),
    ):
        if field is None:
            assert fees.FeeBasis.CONTRACT == attrs.evolve(check, **changes).basis
            continue
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(check, **changes)
        assert (field, "the fee engine's for the income row") == (
            info.value.field,
            info.value.rule,
        )


def test_a_legacy_check_needs_the_legacy_rate_and_a_date_it_was_kept():
    """A LEGACY check holds the flat schedule's 5%, on or before 2023-12-31, expected at 5%."""
    text = _legacy_history(
        ("Jun 12, 2023", "105", "Fixed Price", "1000.00", "Globex", "Milestone 9"),
        ("Jun 12, 2023", "106", "Service Fee", "-50.00", "Globex", "Service Fee for Ref ID 105"),
    )
    legacy = audit_fees(parse(text)).checks[1]
    assert fees.FeeBasis.LEGACY == legacy.basis
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(legacy, rate=Decimal("0.03"), expected=usd("30.00"))
    assert "FeeCheck.rate" == info.value.field
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(legacy, expected=usd("20.00"))
    assert "FeeCheck.expected" == info.value.field
    late = attrs.evolve(legacy.income, on=legacy.income.on.replace(year=2024))
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(legacy, income=late)
    assert "FeeCheck.rate" == info.value.field


def test_legacy_five_percent_is_not_accepted_for_rows_with_no_client():
    """Review r8 #12: rows with no Team are not one client; their billings reach no threshold."""
    text = history(
        [
            ("Jan 09, 2023", "101", "Fixed Price", "11450.00", "", "Milestone 1"),
            ("Jun 12, 2023", "105", "Fixed Price", "1000.00", "", "Milestone 9"),
            ("Jun 12, 2023", "106", "Service Fee", "-50.00", "", "Service Fee for Ref ID 105"),
        ]
    )
    audit = audit_fees(parse(text))
    (check,) = audit.checks
    assert (fees.FeeBasis.FLAT, usd("100.00"), False) == (
        check.basis,
        check.expected,
        check.within_schedule,
    )
    assert any("no client" in note and "line 3" in note for note in audit.assumptions)


def test_a_report_fee_without_an_income_row_of_its_id_blames_the_join_not_the_dates():
    """The reason says no income row shares the fee's own Transaction ID, the report's join rule."""
    text = report(
        [
            ("Aug 04, 2025", "8100001", "Fixed-price", "100.00", "Initech", "Site"),
            ("Aug 04, 2025", "8100002", "Service Fee", "-10.00", "Initech", "Site"),
        ]
    )
    audit = audit_fees(parse(text))
    (unchecked,) = audit.not_checked
    assert "shares its own Transaction ID '8100002'" in unchecked.reason
    assert "dated before" not in unchecked.reason


# ============================================================================ the weekly summary's added columns


def _weekly_with(header_extra: str, cell: str) -> str:
    text = (EXAMPLES / "synthetic-weekly-summary.csv").read_text("utf-8")
    lines = text.splitlines()
    return "\r\n".join([lines[0] + "," + header_extra, *(line + "," + cell for line in lines[1:])])


def test_a_weekly_summary_with_added_columns_keeps_them_in_extra():
    """An 'Activity ID' column (HC 51481326960275) is read, its values kept in extra."""
    statement = parse(_weekly_with('"Activity ID"', '"A-1"'))
    first = statement.transactions[0]
    assert (5, (("Activity ID", "A-1"),)) == (len(statement.transactions), first.extra)
    assert (usd("62.50"), Decimal("2.5")) == (first.amount, first.hours)


def test_a_weekly_summary_still_needs_its_five_columns_and_named_added_ones():
    """Without Hours it is refused, naming Hours; an added column without a name is refused."""
    text = _weekly_with('"Activity ID"', '"A-1"').replace('"Hours"', '"Activity"', 1)
    with pytest.raises(InvalidDataError) as info:
        parse(text)
    (problem,) = info.value.problems
    assert "'Hours'" in problem.message
    with pytest.raises(InvalidDataError) as info:
        parse(_weekly_with('""', '"A-1"'))
    (problem,) = info.value.problems
    assert (1, "column 6 has no name") == (
        problem.line,
        "column 6 has no name" if "column 6 has no name" in problem.message else problem.message,
    )


# ============================================================================ spreadsheet re-saves


REPORT_TEXT = (EXAMPLES / "synthetic-transactions-report.csv").read_text("utf-8-sig")


def test_excels_sep_line_is_passed_over():
    """'sep=,' on line 1 (Excel's separator line) is passed over; rows keep their line numbers."""
    plain = parse(REPORT_TEXT)
    marked = parse("sep=,\r\n" + REPORT_TEXT)
    assert [r.line + 1 for r in plain.transactions] == [r.line for r in marked.transactions]
    assert [r.amount for r in plain.transactions] == [r.amount for r in marked.transactions]


def test_a_bad_header_after_the_sep_line_says_the_header_must_follow_it():
    """After 'sep=,', a header that is no export's names line 1 as Excel's separator line."""
    with pytest.raises(InvalidDataError) as info:
        parse("sep=,\r\nDate,Description\r\nJan 01, 2023,x\r\n")
    (problem,) = info.value.problems
    assert (2, "a known export's header") == (problem.line, problem.rule)
    assert "line 1 is Excel's separator line 'sep=,'" in problem.message


@pytest.mark.parametrize(
    ("text", "line", "said"),
    [
        ("sep=;\r\n" + REPORT_TEXT.replace('","', '";"'), 1, "Excel's separator line 'sep=;'"),
        (REPORT_TEXT.replace('","', '";"'), 1, "looks semicolon-separated"),
        ("\r\n" + REPORT_TEXT.replace(",", ";"), 2, "looks semicolon-separated"),
    ],
)
def test_a_semicolon_separated_resave_is_one_problem_saying_so(text, line, said):
    """A file separated by ';' is refused once, at its first line, saying so (not once a row)."""
    with pytest.raises(InvalidDataError) as info:
        parse(text)
    (problem,) = info.value.problems
    assert (line, "comma-separated") == (problem.line, problem.rule)
    assert said in problem.message


def test_a_date_a_spreadsheet_rewrote_on_every_row_is_listed_three_times_and_counted():
    """Every date as m/d/yyyy: three listed with their lines, the rest counted, the total exact."""
    rows = list(csv.reader(io.StringIO(REPORT_TEXT)))
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    for row in rows[1:]:
        month, day, year = row[0].replace(",", "").split()
        row[0] = f"{months.index(month) + 1}/{int(day)}/{year}"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    with pytest.raises(InvalidDataError) as info:
        parse(buffer.getvalue())
    error = info.value
    count = len(rows) - 1
    assert (count, [2, 3, 4]) == (error.count, [p.line for p in error.problems])
    assert {"a date like 'Jan 01, 2023' or '2023-01-01'"} == {p.rule for p in error.problems}
    assert (
        f"on {count - 3} more lines, not listed: lines 5 to {count + 1}"
        in error.problems[-1].message
    )
    assert (count - 3, False) == (error.noted, "… and" in str(error))


def _dates_rewritten_on(lines: set[int]) -> str:
    """The synthetic report with the date rewritten (as m/d/yyyy) on the given file lines."""
    rows = list(csv.reader(io.StringIO(REPORT_TEXT)))
    for line in lines:
        rows[line - 1][0] = "8/5/2024"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("lines", "note"),
    [
        ({2, 3, 4, 5, 6}, "on 2 more lines, not listed: lines 5 to 6"),
        ({2, 3, 4, 9}, "on 1 more line, not listed: line 9"),
        ({2, 3, 4, 5, 8, 12}, "on 3 more lines, not listed: lines 5, 8 and 12"),
        (
            {2, 3, 4, 5, 7, 9, 11, 13, 15, 20},
            "on 7 more lines, not listed: lines 5, 7, 9, 11, 13 and 2 others, the last on line 20",
        ),
    ],
)
def test_a_repeated_problem_is_counted_once_and_names_only_lines_that_have_it(lines, note):
    """Review r8 #11: "2 more lines (lines 5 to 6)" then "… and 2 more" counted them twice, and
    "lines 5 to 900" covered lines without the problem."""
    with pytest.raises(InvalidDataError) as info:
        parse(_dates_rewritten_on(lines))
    error = info.value
    assert (len(lines), 3) == (error.count, len(error.problems))
    assert error.problems[-1].message.endswith(f"the same problem in this column {note}")
    assert not any(line.startswith("  … and") for line in str(error).splitlines())


def test_other_problems_are_still_each_listed():
    """Problems without a repeated rule (unknown type words) are listed one by one, as before."""
    rows = list(csv.reader(io.StringIO(REPORT_TEXT)))
    for index, row in enumerate(rows[1:6]):
        row[2] = f"Weird {index}"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    with pytest.raises(InvalidDataError) as info:
        parse(buffer.getvalue(), allow_breaks=True)
    assert [2, 3, 4, 5, 6] == [p.line for p in info.value.problems]


# ============================================================================ contracts of bonuses only


WEEKLY_BONUS_ONLY = (
    '"Date","Contract","Hours","Amount","Payment type"\r\n'
    '"2024-04-29","Logo design (38100001)","","150","Fixed Price Payment"\r\n'
    '"2024-05-08","Fix font problem on mini site (37108658)","","5","Bonus"\r\n'
    '"2024-05-09","Fix font problem on mini site (37108658)","","2.5","Bonus"\r\n'
)


def test_a_contract_of_bonuses_only_is_not_guessed_fixed_price():
    """A weekly contract whose rows are bonuses only is refused, naming it and its lines."""
    from upwork_safety.statements import to_contracts

    with pytest.raises(InvalidValueError) as info:
        to_contracts(parse(WEEKLY_BONUS_ONLY))
    assert ("statement", "a contract kind the export shows") == (
        info.value.field,
        info.value.rule,
    )
    assert "contract '37108658' (lines 3, 4)" in str(info.value)
    assert "bonus_only=" in str(info.value)


def test_bonus_only_says_the_kind_the_caller_knows():
    """bonus_only= gives such contracts their kind; other contracts keep theirs."""
    from upwork_safety import ContractKind
    from upwork_safety.statements import to_contracts

    contracts = to_contracts(parse(WEEKLY_BONUS_ONLY), bonus_only=ContractKind.HOURLY)
    assert [
        ("38100001", ContractKind.FIXED_PRICE, usd("150.00")),
        ("37108658", ContractKind.HOURLY, usd("7.50")),
    ] == [(c.id, c.kind, c.earnings) for c in contracts]
    with pytest.raises(InvalidTypeError) as info:
        to_contracts(parse(WEEKLY_BONUS_ONLY), bonus_only="hourly")
    assert "bonus_only" == info.value.field


def test_a_client_of_bonuses_only_in_the_history_is_refused_too():
    """The Transaction History groups by client: a client with only bonuses is named."""
    from upwork_safety.statements import to_contracts

    text = history(
        [
            ("Jan 02, 2024", "1", "Fixed Price", "100.00", "Acme", ""),
            ("Jan 03, 2024", "2", "Bonus", "10.00", "Globex", ""),
        ]
    )
    with pytest.raises(InvalidValueError) as info:
        to_contracts(parse(text))
    assert "the contracts of 'Globex' (line 2)" in str(info.value)


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_a_report_read_with_another_encoding_says_how_to_read_it(encoding):
    """Newcomer 8: read_text() in Windows' default encoding left the BOM as 'ï»¿' in the
    first cell, and the error did not say why or what to do."""
    text = (EXAMPLES / "synthetic-transactions-report.csv").read_text(encoding=encoding)
    with pytest.raises(InvalidDataError) as info:
        parse(text)
    (problem,) = info.value.problems
    assert (1, "a known export's header") == (problem.line, problem.rule)
    assert "encoding='utf-8-sig'" in problem.message


def test_a_ref_id_shared_by_many_income_rows_gives_a_short_reason():
    """Review 8 (complexity): every fee naming an id shared by n income rows listed all n
    lines, so the audit was quadratic in time and in the memory its result kept."""
    header = (
        '"Date","Ref ID","Type","Description","Agency","Freelancer","Team","Account Name",'
        '"PO","Amount","Amount in local currency","Currency","Balance"\n'
    )
    rows, balance = [], Decimal(0)
    for _ in range(1_000):
        balance += 100
        rows.append(
            f'"Jan 01, 2023","1000","Fixed Price","m","","A","T","A","","100.00","100.00",'
            f'"USD","{balance:.2f}"\n'
        )
        balance -= 10
        rows.append(
            f'"Jan 01, 2023","1001","Service Fee","Service Fee for Ref ID 1000","","A","T",'
            f'"A","","-10.00","-10.00","USD","{balance:.2f}"\n'
        )
    audit = audit_fees(parse(header + "".join(reversed(rows))))
    assert 1_000 == len(audit.not_checked)
    reasons = {item.reason for item in audit.not_checked}
    assert 1 == len(reasons)
    (reason,) = reasons
    assert "1,000 income rows have id '1000'" in reason
    assert "and 995 more" in reason
    assert len(reason) < 200


# ============================================================================ ninth red team


def test_overcharged_adds_only_fees_above_the_rates():
    """An undercharge (a client billed before the file) never hides an overcharge of another."""
    audit = audit_fees(
        parse(
            history(
                [
                    ("Jan 10, 2022", "1", "Fixed Price", "300.00", "Northwind", "M1"),
                    (
                        "Jan 10, 2022",
                        "2",
                        "Service Fee",
                        "-30.00",
                        "Northwind",
                        "Service Fee for Ref ID 1",
                    ),
                    ("Feb 10, 2022", "3", "Fixed Price", "300.00", "Globex", "M1"),
                    (
                        "Feb 10, 2022",
                        "4",
                        "Service Fee",
                        "-90.00",
                        "Globex",
                        "Service Fee for Ref ID 3",
                    ),
                ]
            )
        ),
        # Both new at the export's start (review r40 1: else the $30 is on assumed billings).
        billed_before={"Northwind": usd("0.00"), "Globex": usd("0.00")},
    )
    assert [usd("-30.00"), usd("30.00")] == [c.excess for c in audit.checks]
    assert (usd("30.00"), 2) == (audit.overcharged, len(audit.mismatches))


def test_rows_with_no_client_are_each_a_new_client_on_the_sliding_scale():
    """Two untitled clients' first $500 at 20%: no overcharge, each billed $0.00 before."""
    audit = audit_fees(
        parse(
            history(
                [
                    ("Jan 10, 2022", "1", "Fixed Price", "500.00", "", "Milestone 1"),
                    ("Jan 10, 2022", "2", "Service Fee", "-100.00", "", "Service Fee for Ref ID 1"),
                    ("Feb 10, 2022", "3", "Fixed Price", "500.00", "", "Milestone 1"),
                    ("Feb 10, 2022", "4", "Service Fee", "-100.00", "", "Service Fee for Ref ID 3"),
                ]
            )
        )
    )
    assert [(usd("0.00"), usd("100.00"))] * 2 == [
        (c.billed_before, c.expected) for c in audit.checks
    ]
    assert (usd("0.00"), ()) == (audit.overcharged, audit.mismatches)
    assert any("no client" in note and "unknown billings" in note for note in audit.assumptions)
    assert [True, True] == [c.billings_assumed for c in audit.checks]


def _contract_2024_to_2025(june_fee: str) -> str:
    return report(
        [
            ("Mar 04, 2024", "7001", "Hourly", "1000.00", "Initech", "API work"),
            ("Mar 04, 2024", "7001", "Service Fee", "-100.00", "Initech", "API work"),
            ("Jun 02, 2025", "7003", "Hourly", "1000.00", "Initech", "API work"),
            ("Jun 02, 2025", "7003", "Service Fee", f"-{june_fee}", "Initech", "API work"),
            ("Jun 03, 2025", "7004", "Hourly", "200.00", "Globex", "Logo"),
            ("Jun 03, 2025", "7004", "Service Fee", "-30.00", "Globex", "Logo"),
        ]
    )


def test_a_contract_whose_fees_are_not_one_rate_is_named():
    """A contract's rate is fixed for its life: 10% then 15% on one contract is named."""
    audit = audit_fees(parse(_contract_2024_to_2025("150.00")))
    assert () == audit.mismatches  # each fee alone is one the schedule in force allows
    (named,) = [note for note in audit.assumptions if "not all one rate" in note]
    assert "'API work'" in named
    assert "'Initech'" in named
    assert "lines 5 and 7" in named
    assert "'Logo'" not in named  # one fee is always one rate
    steady = audit_fees(parse(_contract_2024_to_2025("100.00")))
    assert [] == [note for note in steady.assumptions if "not all one rate" in note]
    # Regression (r11 newcomer #4): the headline said "0 not as scheduled, overcharged
    # USD 0.00" and only a sentence named the contract; the groups are a field too.
    (group,) = audit.mixed_rates
    assert [(7, "100.00"), (5, "150.00")] == [(c.income.line, str(c.charged.amount)) for c in group]
    assert "1 contract at more than one rate" in repr(audit)
    assert () == steady.mixed_rates
    assert audit == serialize.from_json(type(audit), serialize.to_json(audit))
    with pytest.raises(InvalidValueError) as alone:
        attrs.evolve(audit, mixed_rates=[group[:1]])
    assert ("FeeAudit.mixed_rates[0]", "two or more of the audit's checks") == (
        alone.value.field,
        alone.value.rule,
    )


def test_rates_are_not_applied_where_the_schedule_charges_none():
    """A contract's own rate applies from 2025-05-01; its earlier fees keep their schedule's check."""
    text = report(
        [
            ("Mar 03, 2025", "1", "Fixed-price", "100.00", "Initech", "Site"),
            ("Mar 03, 2025", "1", "Service Fee", "-20.00", "Initech", "Site"),
            ("Jun 02, 2025", "2", "Fixed-price", "100.00", "Initech", "Site"),
            ("Jun 02, 2025", "2", "Service Fee", "-12.00", "Initech", "Site"),
        ]
    )
    audit = audit_fees(parse(text), rates={"Site": "12%"})
    assert [
        (fees.FeeBasis.FLAT, None, usd("10.00")),
        (fees.FeeBasis.CONTRACT, Decimal("0.12"), usd("0.00")),
    ] == [(c.basis, c.rate, c.excess) for c in audit.checks]
    assert ((), usd("10.00")) == (audit.not_checked, audit.overcharged)
    assert any("not applied" in note and "line 5" in note for note in audit.assumptions)
    # On the per-contract schedule a rate it does not charge still leaves the fee unchecked.
    (unchecked,) = audit_fees(parse(text), rates={"Site": "20%"}).not_checked
    assert "2" == unchecked.fee.id


@pytest.mark.parametrize("title", ["", " ", "\u200b"])
def test_rates_refuse_a_blank_title(title):
    """A blank title is every untitled contract's: it names no contract."""
    text = report(
        [
            ("Aug 04, 2025", "1", "Fixed-price", "100.00", "Initech", title),
            ("Aug 04, 2025", "1", "Service Fee", "-15.00", "Initech", title),
        ]
    )
    with pytest.raises(InvalidValueError) as info:
        audit_fees(parse(text), rates={title: "15%"})
    assert ("rates", "a contract title that shows something") == (info.value.field, info.value.rule)


WEEKLY_HEADER = "Date,Contract,Hours,Amount,Payment type"


@pytest.mark.parametrize(
    ("added", "said"),
    [(",X,x", "has the name of column 6, 'x'"), (",X,\u200b", "column 7 has no name")],
)
def test_weekly_added_columns_need_names_of_their_own(added, said):
    """An added column named twice (case folded) or by invisible characters is refused."""
    with pytest.raises(InvalidDataError) as info:
        parse(f"{WEEKLY_HEADER}{added}\n2024-01-08,API (123),1.00000,25.00,,a,b\n")
    (problem,) = info.value.problems
    assert 1 == problem.line
    assert said in problem.message


@pytest.mark.parametrize(
    ("extra", "field", "rule"),
    [
        ([("X", "a"), ("x", "b")], "Transaction.extra[1][0]", "one pair per column"),
        ([("\u200b", "a")], "Transaction.extra[0][0]", "a column name that shows something"),
        ([("X", " ")], "Transaction.extra[0][1]", "a non-empty cell"),
    ],
)
def test_a_transaction_keeps_each_extra_column_once_named_and_filled(extra, field, rule):
    """Transaction.extra holds what the reader keeps: named columns, once each, with values."""
    (row,) = parse(f"{WEEKLY_HEADER},X\n2024-01-08,API (123),1.00000,25.00,,a\n").transactions
    assert (("X", "a"),) == row.extra
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(row, extra=extra)
    assert (field, rule) == (info.value.field, info.value.rule)


@pytest.mark.parametrize(("line", "named"), [("sep=\t", "'\\t'"), ("sep=;;;;", "';'")])
def test_other_separator_lines_are_named(line, named):
    """A tab, or a separator padded to the header's width, is read as the separator declared."""
    with pytest.raises(InvalidDataError) as info:
        parse(f"{line}\r\n" + REPORT_TEXT)
    (problem,) = info.value.problems
    assert (1, "comma-separated") == (problem.line, problem.rule)
    assert f"separated by {named}" in problem.message


def test_a_padded_comma_separator_line_is_passed_over():
    """'sep=,,,,' (a tool padded the line to the header's width) is Excel's 'sep=,'."""
    plain = parse(REPORT_TEXT)
    padded = parse("sep=,,,,\r\n" + REPORT_TEXT)
    assert [r.line + 1 for r in plain.transactions] == [r.line for r in padded.transactions]


@pytest.mark.parametrize("given", [{"rate": "0.05"}, {"rates": {"A": "0.05"}}])
def test_a_given_rate_of_5_percent_is_not_the_2023_legacy_rate(given):
    """A 2025 contract rate of 5% does not turn a correct 2023 flat 10% into an overcharge."""
    text = report(
        [
            ("Jun 05, 2023", "1", "Hourly", "100.00", "Acme", "A"),
            ("Jun 05, 2023", "1", "Service Fee", "-10.00", "Acme", "A"),
            ("Jun 03, 2025", "2", "Hourly", "100.00", "Acme", "A"),
            ("Jun 03, 2025", "2", "Service Fee", "-5.00", "Acme", "A"),
        ]
    )
    audit = audit_fees(parse(text), **given)
    assert [
        (fees.FeeBasis.FLAT, None, usd("10.00"), usd("0.00")),
        (fees.FeeBasis.CONTRACT, Decimal("0.05"), usd("5.00"), usd("0.00")),
    ] == [(c.basis, c.rate, c.expected, c.excess) for c in audit.checks]
    assert usd("0.00") == audit.overcharged
    (note,) = [n for n in audit.assumptions if "not applied" in n]
    assert "line 5" in note
    # A rate equal to the earlier schedule's own changes nothing there, and is not named.
    same = audit_fees(parse(text), rate="0.10")
    assert [] == [n for n in same.assumptions if "not applied" in n]


@pytest.mark.parametrize("line", ["sep=,\t", "\tsep=,", " sep=, "])
def test_spacing_around_the_comma_separator_line_is_passed_over(line):
    """Tabs or spaces around 'sep=,' leave it Excel's separator line (as before the tab rule)."""
    plain = parse(REPORT_TEXT)
    marked = parse(f"{line}\r\n" + REPORT_TEXT)
    assert [r.line + 1 for r in plain.transactions] == [r.line for r in marked.transactions]


def test_added_column_names_are_told_apart_by_one_rule():
    """A name and the same name after a no-break space are two columns, in the header and in extra."""
    text = f"{WEEKLY_HEADER},\u00a0Activity ID,Activity ID\n2024-09-02,API (381),1,25,,x,y\n"
    (row,) = parse(text).transactions
    assert (("\u00a0Activity ID", "x"), ("Activity ID", "y")) == row.extra


def test_an_amount_a_spreadsheet_rewrote_on_every_row_is_listed_three_times_and_counted():
    """'$150.00' on every row: three listed, the rest counted, like a rewritten date."""
    rows = "".join("2024-08-19,Logo (38100002),,$150.00,Fixed Price Payment\n" for _ in range(120))
    with pytest.raises(InvalidDataError) as info:
        parse(f"{WEEKLY_HEADER}\n{rows}")
    assert (120, 3) == (info.value.count, len(info.value.problems))
    assert {"column 4 (Amount)"} == {p.path.partition(", ")[2] for p in info.value.problems}
    assert "lines 5 to 121" in info.value.problems[-1].message


@pytest.mark.parametrize("ending", ["", "\n", "\r\n"])
def test_the_longest_line_is_counted_without_its_line_ending(ending):
    """A line of exactly MAX_LINE_CHARS characters is read whatever ends it; one more is not."""
    from upwork_safety import statements

    notes = 11  # added columns, each within MAX_FIELD_CHARS, filling the line
    prefix = "2024-08-19,Logo (38100002),,150.00,Fixed Price Payment"
    budget = statements.MAX_LINE_CHARS - len(prefix) - notes  # a comma before each note
    sizes = [budget // notes] * notes
    sizes[0] += budget - sum(sizes)
    longest = prefix + "".join("," + "x" * size for size in sizes)
    header = f"{WEEKLY_HEADER}," + ",".join(f"Note {k}" for k in range(notes)) + "\n"
    (row,) = parse(header + longest + ending).transactions
    assert (statements.MAX_LINE_CHARS, notes) == (len(longest), len(row.extra))
    with pytest.raises(InvalidDataError) as info:
        parse(header + longest + "x" + ending)
    assert 2 == info.value.problems[0].line


def test_an_added_column_is_held_to_the_longest_field_too():
    """MAX_FIELD_CHARS is every field's limit, an added column's as well."""
    from upwork_safety import statements

    text = f"{WEEKLY_HEADER},Note\n2024-08-19,Logo (1),,150.00,Fixed Price Payment,"
    with pytest.raises(InvalidDataError) as info:
        parse(text + "x" * (statements.MAX_FIELD_CHARS + 1) + "\n")
    (problem,) = info.value.problems
    assert (2, "line 2, column 6 (Note)") == (problem.line, problem.path)


def test_the_tax_year_start_is_written_once(monkeypatch):
    """Regression (promises r17 finding 6): 1 July was written three times in _summary.

    tax_year, a period's bounds and the first tax year the calendar holds now all read
    _TAX_YEAR_START, so moving it (to 6 April here) moves all three together.
    """
    from upwork_safety.statements import _summary

    assert (7, 1) == _summary._TAX_YEAR_START
    assert ("2024-25", date(2024, 7, 1), date(2025, 6, 30)) == _summary._bounds(
        date(2025, 6, 30), "tax_year"
    )
    monkeypatch.setattr(_summary, "_TAX_YEAR_START", (4, 6))
    assert ("2024-25", "2025-26") == (
        _summary.tax_year(date(2025, 4, 5)),
        _summary.tax_year(date(2025, 4, 6)),
    )
    assert ("2025-26", date(2025, 4, 6), date(2026, 4, 5)) == _summary._bounds(
        date(2025, 12, 31), "tax_year"
    )
    with pytest.raises(InvalidValueError) as info:
        _summary.tax_year(date(1, 4, 5))
    assert "on or after 0001-04-06" == info.value.rule


def test_a_fee_refund_written_with_a_refund_says_so_in_one_short_reason():
    """Regression (newcomer r17 L12): the $10 fee given back with a $100 refund was "not
    checked" with a long reason about the report's Transaction ID join. It shares its id
    with the refund, and no published rule says what share of a fee a refund returns."""
    text = report(
        [
            ("Oct 14, 2024", "1", "Fixed-price", "250.00", "Contoso", "Landing page copy"),
            ("Oct 14, 2024", "1", "Service Fee", "-25.00", "Contoso", "Landing page copy"),
            ("Oct 28, 2024", "2", "Refund", "-100.00", "Contoso", "Landing page copy"),
            ("Oct 28, 2024", "2", "Service Fee", "10.00", "Contoso", "Landing page copy"),
        ]
    )
    audit = audit_fees(parse(text))
    (unchecked,) = audit.not_checked
    assert (2, usd("10.00")) == (unchecked.fee.line, unchecked.fee.amount)  # newest first
    assert (
        "the service fee given back with the refund on line 3 (USD -100.00): Upwork publishes "
        "no rule for how much of a fee a refund returns"
    ) == unchecked.reason
    assert ((), usd("0.00")) == (audit.mismatches, audit.overcharged)
