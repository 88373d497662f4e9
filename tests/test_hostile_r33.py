"""Red team r33's smaller findings: an overflow names the amount, four-digit years, ``statement -``."""

from __future__ import annotations

import io
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from upwork_safety import Contract, ContractKind, ExchangeRate, Milestone, Money, escrow, fees
from upwork_safety.cli import main
from upwork_safety.errors import InvalidValueError

UTC = timezone.utc
ROOT = Path(__file__).resolve().parent.parent
EXPORT = ROOT / "docs" / "examples" / "synthetic-transactions-report.csv"
HUGE = Money("999999999999999999.99", "USD")
#: Dated (a reference rate needs its day): the day the payout below becomes available.
SBP = ExchangeRate("USD", "PKR", "280.45", as_of=date(2025, 6, 7))


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


# --------------------------------------------------------------------------- finding 2


def test_quote_withdrawal_names_the_amount_too_large_to_convert() -> None:
    with pytest.raises(InvalidValueError) as info:
        fees.quote_withdrawal(HUGE, "payoneer", reference_rate=SBP)
    assert type(info.value) is InvalidValueError
    assert "amount" == info.value.field
    assert "at most 18 integer digits" == info.value.rule


def test_compare_withdrawals_names_the_amount_too_large_to_convert() -> None:
    with pytest.raises(InvalidValueError) as info:
        fees.compare_withdrawals(HUGE, reference_rate=SBP)
    assert "amount" == info.value.field
    assert "at most 18 integer digits" == info.value.rule


def test_a_payout_names_the_payment_too_large_to_convert() -> None:
    with pytest.raises(InvalidValueError) as info:
        fees.payout(HUGE, method="payoneer", reference_rate=SBP, on=date(2025, 6, 2))
    assert "payment" == info.value.field
    assert "at most 18 integer digits" == info.value.rule


def test_the_conversion_itself_still_names_its_result() -> None:
    """``ExchangeRate.convert`` was given no argument called amount: it names what it computed."""
    with pytest.raises(InvalidValueError) as info:
        SBP.convert(HUGE)
    assert "converted amount" == info.value.field


def test_withdraw_blames_the_amount_not_the_rate(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run("withdraw", "999999999999999999.99", "--rate", "280.45")
    err = capsys.readouterr().err.strip().splitlines()
    assert (2, "") == (code, text)
    assert 1 == len(err)
    assert "error: amount 999999999999999999.99: " in err[0]
    assert "--rate" not in err[0]
    assert "too large" in err[0]


# --------------------------------------------------------------------------- finding 3


def test_a_year_below_1000_is_written_with_four_digits() -> None:
    contract = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2026, 3, 2),
        milestones=[Milestone("m1", "Pipeline", Money("10.00", "USD"))],
    )
    contract = escrow.apply(contract, escrow.Fund("m1", datetime(2026, 3, 2, tzinfo=UTC)))
    for year, written in ((1, "0001-01-01 00:00:00 UTC"), (999, "0999-01-01 00:00:00 UTC")):
        with pytest.raises(InvalidValueError) as info:
            escrow.advance(contract, datetime(year, 1, 1, tzinfo=UTC))
        assert "now" == info.value.field
        assert f"now ({written})" in str(info.value)
        assert "2026-03-02 00:00:00 UTC" in str(info.value)


def test_the_cli_writes_a_year_below_1000_with_four_digits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from upwork_safety import serialize

    contract = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2026, 3, 2),
        milestones=[Milestone("m1", "Pipeline", Money("10.00", "USD"))],
    )
    contract = escrow.apply(contract, escrow.Fund("m1", datetime(2026, 3, 2, tzinfo=UTC)))
    path = tmp_path / "contracts.json"
    path.write_text(serialize.to_json([contract]), encoding="utf-8")
    code, _ = run("check", str(path), "--now", "0001-01-01T00:00:00+00:00")
    err = capsys.readouterr().err
    assert 2 == code
    assert "0001-01-01 00:00:00 UTC" in err
    assert " 1-01-01" not in err


# --------------------------------------------------------------------------- finding 4


def test_statement_dash_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    from_file = run("statement", str(EXPORT), "--json")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(EXPORT.read_bytes())))
    assert (0, from_file[1]) == run("statement", "-", "--json")
    assert from_file[0] == 0


@pytest.mark.parametrize(
    "stdin",
    [
        pytest.param(io.BytesIO, id="bytes"),
        pytest.param(lambda data: io.StringIO(data.decode("utf-8")), id="text"),
    ],
)
def test_statement_dash_takes_any_standard_input(monkeypatch: pytest.MonkeyPatch, stdin) -> None:  # type: ignore[no-untyped-def]
    """A notebook's StringIO or a BytesIO in place of standard input is read as well."""
    monkeypatch.setattr(sys, "stdin", stdin(EXPORT.read_bytes()))
    code, text = run("statement", "-")
    assert 0 == code
    assert text.startswith("Transactions report: 17 transactions")


def test_statement_dash_leaves_standard_input_open(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(EXPORT.read_bytes()))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert 0 == run("statement", "-")[0]
    assert not stdin.buffer.closed


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"x,y\n1,2\n", "standard input: 1 problem:"),
        (b"\xff\xfea\x00b\x00", "standard input: UTF-16 text"),
        (b"", "standard input: 1 problem:"),
    ],
)
def test_statement_dash_errors_name_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data: bytes, words: str
) -> None:
    # As the terminal's or a pipe's: text over a buffered reader of the bytes.
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    code, text = run("statement", "-")
    err = capsys.readouterr().err
    assert (2, "") == (code, text)
    assert words in err
    assert "no such file" not in err


def test_statement_dash_without_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert (2, "") == run("statement", "-")
    assert "standard input: there is none here" in capsys.readouterr().err
