"""Round 41, checks and command line: each test pins one finding's fix.

* hostile 1: ``ARBITRATION_UNECONOMIC`` for a contract that kept the 5% rate into
  2023 is judged at the most favourable rate the schedule allows it, not the gross.
* review 7: ``--billed-before`` defers to the library's "not negative" and "whole
  cents" rules (``-0`` was let through to be refused one layer down).
* hostile 7: an option given after ``--`` is told to go before it, not "did you mean"
  the very same option.
"""

from __future__ import annotations

import argparse
import io
import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from upwork_safety import Contract, ContractKind, Milestone, checks, escrow, fees
from upwork_safety._cli import _args
from upwork_safety.checks import FindingCode
from upwork_safety.cli import main
from upwork_safety.errors import RulesError
from upwork_safety.money import Money

UTC = timezone.utc
FEE = Money("291.00", "USD")
#: Billings past the sliding scale's $10,000: what lets the engine charge a kept 5%.
PAST_THE_SCALE = Money("10000.01", "USD")


def _funded(amount: str, *, started: date, funded: datetime, rate: str | None = "0.05") -> Contract:
    contract = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        started,
        milestones=[Milestone("m1", "Page 1: one HTML page", Money(amount, "USD"))],
        service_fee_rate=None if rate is None else Decimal(rate),
    )
    return escrow.apply(contract, escrow.Fund("m1", funded))


def _codes(contract: Contract, now: datetime) -> dict[FindingCode, checks.Finding]:
    return {f.code: f for f in checks.review_contract(contract, now=now)}


# hostile 1: a kept 5% that only the client's earlier billings confirm ---------------------

KEPT_AT = datetime(2023, 6, 1, 9, tzinfo=UTC)  # the flat 10% schedule, legacy 5% honoured


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("305.00", True),  # the report's milestone: $289.75 at 5%, $274.50 at 10%
        ("306.31", True),  # $290.99 at the kept 5%
        ("306.32", False),  # $291.00 at the kept 5%: winning pays the fee
    ],
)
def test_a_kept_five_percent_is_judged_at_its_most_favourable_net(
    amount: str, expected: bool
) -> None:
    contract = _funded(amount, started=date(2023, 1, 2), funded=KEPT_AT)
    held = Money(amount, "USD")
    # The engine refuses the kept rate only for want of the billings ...
    with pytest.raises(RulesError) as refused:
        fees.explain_service_fee(held, on=KEPT_AT.date(), contract=contract)
    assert "billed_before" == refused.value.needs
    # ... and charges it once they are past the scale: the net the finding is judged at.
    kept = fees.explain_service_fee(
        held, on=KEPT_AT.date(), contract=contract, billed_before=PAST_THE_SCALE
    )
    assert Decimal("0.05") == kept.rate
    assert (kept.net < FEE) is expected
    found = _codes(contract, KEPT_AT + timedelta(hours=1))
    assert (FindingCode.ARBITRATION_UNECONOMIC in found) is expected
    # No rate Upwork never charges: the refusal is only for want of billings.
    assert FindingCode.FEE_RATE_NOT_CHARGED not in found
    if expected:
        finding = found[FindingCode.ARBITRATION_UNECONOMIC]
        assert FEE == finding.amount
        assert "m1" == finding.milestone_id
        assert f"net {kept.net} at the most favourable rate" in finding.evidence
        assert "billed_before unknown" in finding.evidence
        assert f"at most {kept.net} after Upwork's 5% service fee" in finding.message


def test_a_contract_without_a_rate_is_still_judged_at_the_engines_own_figure() -> None:
    """The engine answers: its net, "about", and no word of a most favourable rate."""
    contract = _funded("305.00", started=date(2023, 1, 2), funded=KEPT_AT, rate=None)
    finding = _codes(contract, KEPT_AT + timedelta(hours=1))[FindingCode.ARBITRATION_UNECONOMIC]
    assert "held USD 305.00, net USD 274.50 < arbitration fee USD 291.00" == finding.evidence
    assert "about USD 274.50 after Upwork's 10% service fee" in finding.message


def test_a_rate_refused_for_good_keeps_the_held_amount_and_is_reported() -> None:
    """A kept 5% past 2023-12-31 is refused for good: FEE_RATE_NOT_CHARGED, and the gross.

    Which rate such a contract is charged is not known (its record is wrong), so the held
    amount is compared, never a rate guessed; the contract is told to fix its rate.
    """
    now = datetime(2024, 6, 1, 10, tzinfo=UTC)
    contract = _funded("305.00", started=date(2023, 1, 2), funded=now - timedelta(hours=1))
    found = _codes(contract, now)
    assert FindingCode.FEE_RATE_NOT_CHARGED in found
    assert FindingCode.ARBITRATION_UNECONOMIC not in found  # $305.00 held >= $291.00
    small = _funded("290.00", started=date(2023, 1, 2), funded=now - timedelta(hours=1))
    finding = _codes(small, now)[FindingCode.ARBITRATION_UNECONOMIC]
    assert "held USD 290.00 < arbitration fee USD 291.00" == finding.evidence


def test_the_code_table_names_the_most_favourable_rate() -> None:
    """CODES' trigger says the gross is compared only when nothing prices the milestone."""
    trigger = checks.CODES[FindingCode.ARBITRATION_UNECONOMIC].trigger
    assert "most favourable rate" in trigger
    assert "FEE_RATE_NOT_CHARGED" in trigger


# review 7: --billed-before defers to the library's rules -------------------------------


@pytest.mark.parametrize("text", ["-0", "-0.00", "-1", "-0.01"])
def test_billed_before_refuses_every_signed_amount_in_the_librarys_words(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError) as refused:
        _args.dollars(text)
    assert str(refused.value).startswith("the amount must not be negative, got ")


@pytest.mark.parametrize("text", ["0.001", "0.005", "10000.009"])
def test_billed_before_refuses_a_fraction_of_a_cent(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError) as refused:
        _args.dollars(text)
    assert "has a fraction of a cent" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "value"), [("0", "0"), ("0.00", "0.00"), ("10000.01", "10000.01")]
)
def test_billed_before_takes_zero_and_more_as_written(text: str, value: str) -> None:
    read = _args.dollars(text)
    assert Decimal(value) == read
    assert str(Decimal(value)) == str(read)  # not rewritten


def test_billed_before_minus_zero_is_refused_by_the_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``-0`` had passed the option's own ``< 0`` and been refused one layer down."""
    with pytest.raises(SystemExit) as caught:
        main(["fees", "600", "--on", "2020-01-01", "--billed-before", "-0"], out=io.StringIO())
    assert 2 == caught.value.code
    err = capsys.readouterr().err
    assert err.startswith("upwork-safety fees: error: argument --billed-before: the amount")
    assert "negative zero (-0); write 0" in err


# hostile 7: an option after "--" -------------------------------------------------------


def _refused(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as caught:
        main(list(argv), out=io.StringIO())
    assert 2 == caught.value.code
    return capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["fees", "--", "100", "--on", "2026-01-01"],
        ["fees", "--", "100", "--on=2026-01-01"],
    ],
)
def test_an_option_after_dashes_is_told_to_go_before_them(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    err = _refused(capsys, *argv)
    assert "did you mean --on" not in err
    assert "(--on is an option, but it came after '--'" in err
    assert "give options before '--')" in err


def test_a_misspelt_option_after_dashes_is_told_both(capsys: pytest.CaptureFixture[str]) -> None:
    """The closest option, and that even it would be an argument after ``--``."""
    err = _refused(capsys, "fees", "--", "100", "--fe-rate=2%")
    assert "(did you mean --fee-rate? Options go before '--'.)" in err
    err = _refused(capsys, "fees", "100", "--fe-rate=2%")
    assert err.rstrip().endswith("(did you mean --fee-rate?)")


def test_the_dashes_themselves_are_no_misspelt_option(capsys: pytest.CaptureFixture[str]) -> None:
    """Diff review r41, 10: a second positional after ``--`` left over made "--" look like a
    misspelt option, and the hint suggested the very option given before it."""
    err = _refused(capsys, "fees", "100", "--on", "2026-01-01", "--", "5")
    assert "did you mean" not in err


def test_options_before_dashes_still_read(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    assert 0 == main(["fees", "--on", "2026-01-01", "--json", "--", "100"], out=out)
    shown = json.loads(out.getvalue())
    assert ({"amount": "100.00", "currency": "USD"}, "2026-01-01") == (shown["amount"], shown["on"])
