"""Tests for the upwork-safety command line (upwork_safety.cli)."""

import io
import json
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal

import pytest

from upwork_safety import Contract, ContractKind, EndReason, Feedback, Money, Payment, serialize
from upwork_safety.cli import main


def run(*argv):
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def history_file(tmp_path, contracts=None):
    if contracts is None:
        contracts = [
            Contract(
                f"c{i}",
                f"client{i % 3}",
                ContractKind.FIXED_PRICE,
                date(2025, 1, 1) + timedelta(days=30 * i),
                ended=date(2025, 1, 20) + timedelta(days=30 * i),
                payments=[Payment(date(2025, 1, 20) + timedelta(days=30 * i), Money("300", "USD"))],
                feedback=Feedback(
                    Decimal(5) if i != 2 else Decimal(2), 9 if i != 2 else 2, EndReason.COMPLETED
                ),
                service_fee_rate=Decimal("0.10"),
            )
            for i in range(5)
        ]
    path = tmp_path / "history.json"
    path.write_text(serialize.to_json(contracts), "utf-8")
    return path


class TestWithdraw:
    def test_text_table_matches_domain_example(self):
        """$900 at 280 with 1% tax: Direct to Local Bank delivers Rs249,205.57, best first."""
        code, text = run("withdraw", "900", "--rate", "280", "--tax", "standard")
        assert 0 == code
        assert "Rs249,205.57" in text
        assert (
            text.index("Direct to Local Bank")
            < text.index("Payoneer")
            < text.index("US Dollar wire")
        )
        assert "not compared: PayPal: not available in Pakistan" in text

    def test_json(self):
        """--json gives the itemised quotes as data."""
        code, text = run("withdraw", "900", "--rate", "280", "--json")
        data = json.loads(text)
        assert 0 == code
        assert {"amount": "251722.80", "currency": "PKR"} == data["quotes"][0]["received"]

    def test_spread_override_and_percent(self):
        """--spread 1% applies to every method."""
        _, text = run("withdraw", "900", "--rate", "280", "--spread", "1%", "--json")
        data = json.loads(text)
        assert {"0.01"} == {q["spread"] for q in data["quotes"]}

    def test_locale(self):
        """--locale changes how money reads."""
        _, text = run("withdraw", "900", "--rate", "280", "--locale", "en_US")
        assert "PKR251,722.80" in text


class TestFees:
    def test_sliding_scale_example(self):
        """$600 with a new client in 2020: fee $110, net $490 (HC 211062538)."""
        code, text = run("fees", "600", "--on", "2020-05-01")
        assert 0 == code
        assert "US$110.00" in text
        assert "US$490.00" in text

    def test_per_contract_needs_rate(self, capsys):
        """From 2025-05-01 a missing rate is one clear error line naming the option."""
        code, _ = run("fees", "500", "--on", "2026-01-01")
        err = capsys.readouterr().err
        assert 2 == code
        assert 1 == len(err.strip().splitlines())
        assert "--fee-rate" in err

    def test_json_with_rate(self):
        """--fee-rate 12% on $500 in 2026: fee $60."""
        code, text = run("fees", "500", "--on", "2026-01-01", "--fee-rate", "12%", "--json")
        data = json.loads(text)
        assert (0, {"amount": "60.00", "currency": "USD"}) == (code, data["fee"])

    def test_history_only(self):
        """Without an amount, the fee history is listed."""
        code, text = run("fees", "--on", "2024-01-01")
        assert 0 == code
        assert "sliding scale" in text
        assert "client paid" not in text


class TestRules:
    def test_text(self):
        """The rules in force are listed with sources and unconfirmed flags."""
        code, text = run("rules", "--on", "2024-01-01")
        assert 0 == code
        assert "review_period" in text
        assert "14 days" in text
        assert "COMM threads 2017–2021 (unconfirmed)" in text

    def test_json(self):
        """--json lists every rule with its source."""
        _, text = run("rules", "--on", "2023-12-04", "--json")
        data = json.loads(text)
        assert "before the streamlined dispute process" == data["platform"]["name"]
        review = next(r for r in data["platform"]["rules"] if r["name"] == "review_period")
        assert ("1209600.0", False) == (review["value"], review["unconfirmed"])


class TestJSS:
    def test_score_and_reasons(self, tmp_path):
        """The score, the reason and every contract's impact are printed."""
        code, text = run("jss", str(history_file(tmp_path)), "--as-of", "2025-07-01")
        assert 0 == code
        assert "Job Success Score on 2025-07-01" in text
        assert "c2" in text

    def test_json_and_timeline(self, tmp_path):
        """--json --timeline gives the score and weekly points."""
        code, text = run(
            "jss",
            str(history_file(tmp_path)),
            "--as-of",
            "2025-07-01",
            "--timeline",
            "--days",
            "28",
            "--json",
        )
        data = json.loads(text)
        assert 0 == code
        assert 5 == len(data["timeline"])
        assert data["timeline"][-1]["score"] == data["score"]

    def test_single_object_file(self, tmp_path):
        """A file holding one contract (not a list) is read too."""
        path = tmp_path / "one.json"
        path.write_text(
            serialize.to_json(Contract("c1", "x", ContractKind.FIXED_PRICE, date(2025, 1, 1))),
            "utf-8",
        )
        code, text = run("jss", str(path), "--as-of", "2025-07-01")
        assert 0 == code
        assert "not eligible" in text


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such file"),
        ("{", "not valid JSON"),
        ('{"id": 3}', "$.id: expected a string, got int (and 3 more problems)"),
        (
            '[{"id": "c", "client": "x", "kind": "weekly", "started": "2024-01-01"}]',
            "$[0].kind: expected one of",
        ),
        ("[" * 100_000, "JSON nested too deeply"),
    ],
)
def test_bad_files_one_line_no_traceback(tmp_path, capsys, content, problem):
    """Bad files exit 2 with one line on stderr naming the problem and its path."""
    path = tmp_path / "in.json"
    if content is not None:
        path.write_text(content, "utf-8")
    code, _ = run("jss", str(path))
    err = capsys.readouterr().err
    assert 2 == code
    assert [f"upwork-safety: error: {path}: {problem}"] == [
        line[: len(f"upwork-safety: error: {path}: {problem}")] for line in err.strip().splitlines()
    ]


def test_unreadable_and_binary_files(tmp_path, capsys):
    """A directory or non-UTF-8 file is a clear error too."""
    assert 2 == run("jss", str(tmp_path))[0]
    binary = tmp_path / "b.json"
    binary.write_bytes(b"\xff\xfe")
    assert 2 == run("jss", str(binary))[0]
    err = capsys.readouterr().err.strip().splitlines()
    assert "cannot read" in err[0]
    assert "not UTF-8" in err[1]


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["withdraw", "abc", "--rate", "280"], "argument amount: 'abc' is not a number"),
        (["withdraw", "900", "--rate", "-1"], "argument --rate: '-1' must be more than 0"),
        (["withdraw", "900", "--rate", "inf"], "not a finite number"),
        (["withdraw", "900"], "the following arguments are required: --rate"),
        (
            ["withdraw", "900", "--rate", "280", "--spread", "150%"],
            "must be a fraction from 0 to 1",
        ),
        (["fees", "--on", "2024-02-30"], "'2024-02-30' is not a date"),
        (["check", "x.json", "--now", "2024-01-01T10:00"], "has no UTC offset"),
        (["check", "x.json", "--now", "soon"], "is not a datetime"),
        (["jss", "x.json", "--days", "0"], "--days and --step must be positive"),
        (["nope"], "invalid choice: 'nope'"),
    ],
)
def test_bad_arguments(capsys, argv, problem):
    """Bad numbers and dates exit 2 with one line on stderr."""
    with pytest.raises(SystemExit) as info:
        main(argv)
    err = capsys.readouterr().err.strip().splitlines()
    assert 2 == info.value.code
    assert 1 == len(err)
    assert problem in err[0]


def test_python_dash_m():
    """python -m upwork_safety runs the same CLI."""
    done = subprocess.run(
        [sys.executable, "-m", "upwork_safety", "withdraw", "100", "--rate", "280", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == done.returncode
    assert json.loads(done.stdout)["quotes"]
