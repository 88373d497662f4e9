"""Review r27, newcomer pass: the command line passes on the library's own words.

Each test runs the command line in-process and checks the exit status and
the fields of its one-line refusal, not the whole message.
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import attrs
import pytest

from _history_files import history_file
from upwork_safety import ExchangeRate, Money, fees, statements
from upwork_safety._cli._context import CLIError, only_with
from upwork_safety._decimals import fraction
from upwork_safety.cli import main
from upwork_safety.errors import InvalidDataError, InvalidTypeError, InvalidValueError
from upwork_safety.fees import _common
from upwork_safety.statements import StatementFormat

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
REPORT_CSV = EXAMPLES / "synthetic-transactions-report.csv"


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """The lines on stderr of *argv*, refused by argparse with exit status 2 and no output."""
    out = io.StringIO()
    with pytest.raises(SystemExit) as stopped:
        main(list(argv), out=out)
    assert (2, "") == (stopped.value.code, out.getvalue())
    return capsys.readouterr().err.strip().splitlines()


def library_says(text: str) -> str:
    """The library's own refusal of *text* as a rate."""
    with pytest.raises(InvalidValueError) as caught:
        fraction(text, "the rate")
    return str(caught.value)


# --------------------------------------------------------------------------- finding 1


@pytest.mark.parametrize(
    ("argv", "option", "text"),
    [
        (["withdraw", "900", "--rate", "280", "--spread", "150%"], "--spread", "150%"),
        (["fees", "500", "--on", "2025-06-02", "--fee-rate", "12"], "--fee-rate", "12"),
        (["withdraw", "900", "--rate", "280", "--spread", "payoneer=1"], "--spread", "1"),
        (["fees", "500", "--fee-rate", "0.1.2"], "--fee-rate", "0.1.2"),
        (["fees", "500", "--fee-rate=-1%"], "--fee-rate", "-1%"),
    ],
)
def test_a_refused_rate_is_refused_in_the_librarys_words(capsys, argv, option, text):
    """``150%`` is out of range, not "not a rate"; ``12`` keeps the hint to write 0.12."""
    (line,) = refused(capsys, *argv)
    assert line.endswith(f"error: argument {option}: {library_says(text)}")
    assert "is not a rate" not in line


def test_a_whole_percentage_gets_the_fraction_to_write(capsys):
    """``--fee-rate 12`` says what to write for 12%, as the library does."""
    (line,) = refused(capsys, "fees", "500", "--on", "2025-06-02", "--fee-rate", "12")
    assert "(for 12% write 0.12 or '12%')" in line


@pytest.mark.parametrize(
    "argv",
    [
        ["withdraw", "900", "--rate", "280", "--spread", "-1%"],
        ["fees", "500", "--fee-rate", "-1%"],
        ["statement", "x.csv", "--audit", "--fee-rate", "-5%"],
    ],
)
def test_a_negative_rate_is_read_as_a_value_and_refused_by_its_rule(capsys, argv):
    """``--spread -1%`` was argparse's "expected one argument": now the negative rate is refused."""
    (line,) = refused(capsys, *argv)
    assert "expected one argument" not in line
    assert argv[-2] in line
    assert line.endswith(f": {library_says(argv[-1])}")


def test_a_value_starting_with_a_dash_and_a_digit_is_never_an_option(capsys):
    """The amount ``-5%`` is refused as an amount, not taken for an unknown option."""
    (line,) = refused(capsys, "fees", "-5%")
    assert "argument amount: '-5%' is not an amount" in line


# --------------------------------------------------------------------------- finding 2


def failed(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """The lines on stderr of *argv*, refused by the command with exit status 2 and no output."""
    out = io.StringIO()
    assert 2 == main(list(argv), out=out)
    assert "" == out.getvalue()
    return capsys.readouterr().err.strip().splitlines()


@pytest.mark.parametrize(
    "options", [["--days", "30"], ["--step", "3"], ["--days", "30", "--step", "3"]]
)
def test_timeline_options_without_the_timeline_are_refused(tmp_path, capsys, options):
    """``jss --days/--step`` without ``--timeline`` did nothing, silently: now refused."""
    path = str(history_file(tmp_path))
    (line,) = failed(capsys, "jss", path, "--as-of", "2025-06-30", *options)
    assert line.startswith("upwork-safety jss: error: --days and --step")
    assert line.endswith("add --timeline")


def test_timeline_options_with_the_timeline_shape_it(tmp_path):
    """With ``--timeline`` they are used, and left out they default to 365 and 7 days."""
    path = str(history_file(tmp_path))

    def on(*options: str) -> list[str]:
        out = io.StringIO()
        assert 0 == main(
            ["jss", path, "--as-of", "2025-06-30", "--json", "--timeline", *options], out=out
        )
        return [point["on"] for point in json.loads(out.getvalue())["timeline"]]

    assert ["2025-06-02", "2025-06-16", "2025-06-30"] == on("--days", "28", "--step", "14")
    default = on()
    assert (53, "2024-07-01", "2025-06-30") == (len(default), default[0], default[-1])


def test_the_audits_rates_are_refused_without_the_audit_by_the_same_helper(capsys):
    """``statement --fee-rate`` without ``--audit``: the one rule, worded as before."""
    (line,) = failed(capsys, "statement", str(REPORT_CSV), "--fee-rate", "15%")
    assert line.endswith("error: --fee-rate and --contract-rate are the audit's: add --audit")


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (("--a",), "--a is the x's: add --x"),
        (("--a", "--b"), "--a and --b are the x's: add --x"),
        (("--a", "--b", "--c"), "--a, --b and --c are the x's: add --x"),
    ],
)
def test_only_with_names_every_option_and_the_flag(options, said):
    """The one helper for options that do nothing without a flag; nothing when not given."""
    only_with("--x", "the x's", options, given=False)
    with pytest.raises(CLIError) as caught:
        only_with("--x", "the x's", options, given=True)
    assert said == str(caught.value)


# --------------------------------------------------------------------------- finding 3


@pytest.mark.parametrize("command", ["jss", "check"])
@pytest.mark.parametrize(
    ("name", "export"),
    [
        ("synthetic-transactions-report.csv", StatementFormat.TRANSACTIONS_REPORT),
        ("synthetic-transaction-history.csv", StatementFormat.TRANSACTION_HISTORY),
        ("synthetic-weekly-summary.csv", StatementFormat.WEEKLY_SUMMARY),
    ],
)
def test_an_export_given_for_contracts_is_named_and_statement_suggested(
    tmp_path, capsys, command, name, export
):
    """A CSV export was "not valid JSON: Extra data": now the export and what to do with it."""
    path = tmp_path / "my export.csv"
    path.write_bytes((EXAMPLES / name).read_bytes())
    head, *details = failed(capsys, command, str(path))
    assert head.startswith(f"upwork-safety {command}: error: {path}: ")
    assert f"Upwork CSV export (a {export.title})" in head
    assert "not valid JSON" not in "\n".join([head, *details])
    assert f"upwork-safety statement '{path}'" in details[0]  # quoted for the shell
    assert "statements.to_contracts" in details[1]


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "x.csv\n",
        "Date,Amount\n2025-01-01,5\n",
        "Date;Contract;Hours;Amount;Payment type\n",
    ],
)
def test_a_file_that_is_no_export_keeps_the_json_readers_problem(tmp_path, capsys, text):
    """Only a known export's header is named: other bad files get the JSON reader's words."""
    path = tmp_path / "bad.json"
    path.write_text(text, "utf-8")
    head, *details = failed(capsys, "jss", str(path))
    assert head.endswith(f"{path}: 1 problem:")
    assert ["$: not valid JSON"] == [line.strip()[: len("$: not valid JSON")] for line in details]


def test_format_of_names_the_export_parse_reads():
    """``statements.format_of`` answers as ``parse`` reads, without reading the rows."""
    for name in ("synthetic-transactions-report.csv", "synthetic-weekly-summary.csv"):
        text = (EXAMPLES / name).read_text("utf-8")
        assert statements.parse(text).format is statements.format_of(text)
    header = "Date,Contract,Hours,Amount,Payment type\n"
    assert StatementFormat.WEEKLY_SUMMARY is statements.format_of(f"\n sep=,\n{header}bad row\n")
    assert StatementFormat.WEEKLY_SUMMARY is statements.format_of([header, "bad row\n"])
    assert statements.format_of("") is None
    assert statements.format_of('[{"id": "c1"}]') is None
    assert statements.format_of("x" * (statements.MAX_LINE_CHARS + 5)) is None
    with pytest.raises(InvalidTypeError):
        statements.format_of(b"Date,Amount\n")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- finding 4

#: A Transaction History with two rows of type words the library does not know,
#: newest first as Upwork writes it: by date, line 3 comes before line 2.
UNKNOWN_WORDS = (
    "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
    "Amount in local currency,Currency,Balance\n"
    "2024-08-07,900003,Expense,Tools,,,Initech,,,5.00,,,430.00\n"
    "2024-08-06,900002,Referral Bonus,Referral,,,Initech,,,25.00,,,425.00\n"
    "2024-08-05,900001,Fixed Price,Invoice,,,Initech,,,400.00,,,400.00\n"
)


def test_an_unknown_type_word_says_how_to_read_it_in_python():
    """``parse``'s problem named no ``unknown_types="other"``; only the CLI's hint did."""
    with pytest.raises(InvalidDataError) as caught:
        statements.parse(UNKNOWN_WORDS)
    problems = caught.value.problems
    assert [(2, statements.UNKNOWN_TYPE_RULE), (3, statements.UNKNOWN_TYPE_RULE)] == [
        (p.line, p.rule) for p in problems
    ]
    assert all('unknown_types="other"' in p.message for p in problems)
    assert all("--unknown-types other" in p.message for p in problems)


def test_the_cli_shows_the_librarys_hint_once_per_problem(tmp_path, capsys):
    """The command line adds no second hint: the library's names its option."""
    path = tmp_path / "words.csv"
    path.write_text(UNKNOWN_WORDS, "utf-8")
    head, *details = failed(capsys, "statement", str(path))
    assert head.endswith("2 problems:")
    assert 2 == len(details)
    assert all("--unknown-types other" in line for line in details)


def test_a_weekly_summarys_unknown_word_is_always_refused_and_says_no_such_hint():
    """A weekly summary's rows are earnings: ``unknown_types="other"`` does not read them."""
    text = "Date,Contract,Hours,Amount,Payment type\n2024-09-02,Logo (38100002),,150.00,Tip\n"
    with pytest.raises(InvalidDataError) as caught:
        statements.parse(text, unknown_types="other")
    (problem,) = caught.value.problems
    assert statements.UNKNOWN_TYPE_RULE == problem.rule
    assert "unknown_types" not in problem.message


def test_the_summary_note_lists_the_unknown_rows_lines_in_ascending_order():
    """The note read "lines 3, 2" (by date); now in the file's order, words too."""
    statement = statements.parse(UNKNOWN_WORDS, unknown_types="other")
    (note,) = [n for n in statements.summarize(statement).notes if "does not know" in n]
    assert "('Expense', 'Referral Bonus'; lines 2, 3)" in note


# --------------------------------------------------------------------------- finding 5

USD900 = Money("900.00", "USD")
SBP = ExchangeRate("USD", "PKR", "280.00", as_of=date(2025, 6, 2), source="test")
SHOWN = ExchangeRate("USD", "PKR", "277.20", as_of=date(2025, 6, 2), source="Upwork")


@pytest.mark.parametrize(
    "name", ["Direct to Local Bank", "direct to local bank", "Direct to Local Bank (PKR)"]
)
def test_a_method_is_named_as_upwork_and_the_docs_name_it(name):
    """ "Direct to Local Bank", as the docs write it, was refused; only one method has it."""
    by_name = fees.quote_withdrawal(USD900, name, reference_rate=SBP, offered_rate=SHOWN)
    by_key = fees.quote_withdrawal(
        USD900, "direct_to_local_bank", reference_rate=SBP, offered_rate=SHOWN
    )
    assert fees.DIRECT_TO_LOCAL_BANK == by_name.method
    assert by_key == by_name


def test_a_comparison_keyed_by_the_bare_name_is_keyed_by_that_method():
    """``offered_rates={"Direct to Local Bank": …}``: the same rule as ``quote_withdrawal``."""
    comparison = fees.compare_withdrawals(
        USD900, reference_rate=SBP, offered_rates={"Direct to Local Bank": SHOWN}
    )
    keyed = fees.compare_withdrawals(
        USD900, reference_rate=SBP, offered_rates={"direct_to_local_bank": SHOWN}
    )
    assert keyed == comparison


def test_an_unknown_method_lists_the_names_users_see_and_the_keys():
    """The refusal listed only keys; now each method's name and its key."""
    with pytest.raises(InvalidValueError) as caught:
        fees.quote_withdrawal(USD900, "Direct Bank", reference_rate=SBP)
    said = str(caught.value)
    assert ("method", "a known withdrawal method") == (caught.value.field, caught.value.rule)
    for method in fees.PAKISTAN_METHODS:
        assert f"{method.name!r} (key {method.key!r})" in said


def test_a_bare_name_two_methods_share_is_refused(monkeypatch):
    """Accepted only when one method has it: two "Bank (…)" methods make it ambiguous."""
    usd = attrs.evolve(fees.DIRECT_TO_LOCAL_BANK, key="bank_usd", name="Direct to Local Bank (USD)")
    monkeypatch.setattr(_common, "PAKISTAN_METHODS", (fees.DIRECT_TO_LOCAL_BANK, usd))
    with pytest.raises(InvalidValueError) as caught:
        _common.resolve_method("Direct to Local Bank", "method")
    assert "names 2 methods" in str(caught.value)
    assert usd is _common.resolve_method("Direct to Local Bank (USD)", "method")
