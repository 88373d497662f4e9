"""How the command line reads its options: each once, refused under the command's name.

Red team r23: M1 (an option given twice was replaced by the second), L1 (what a
command does not take was refused without the command's name), L2 (a file's
problem list lost the library's "reading stopped there"), L3 (a number over
the digit limits was "not a number"), L4 (``jss --days`` read ``2_8``) and L5
(the ``--json`` keys docs/cli.md lists are the keys printed).
"""

import argparse
import io
import json
import re
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from _history_files import finished_contracts, history_file
from upwork_safety import serialize
from upwork_safety._cli import _args, _jss
from upwork_safety._cli._context import problems_error
from upwork_safety.cli import build_parser, main
from upwork_safety.errors import InvalidDataError, Problem

ROOT = Path(__file__).resolve().parent.parent
CLOCK = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch):
    """Every command here reads CLOCK, never the wall clock."""
    from upwork_safety import cli

    monkeypatch.setattr(cli, "_clock", lambda: CLOCK)


def refused(capsys, *argv):
    """The exit status and standard error of *argv*, which argparse refuses; stdout is empty."""
    out = io.StringIO()
    with pytest.raises(SystemExit) as info:
        main(list(argv), out=out)
    captured = capsys.readouterr()
    assert "" == out.getvalue() == captured.out
    assert "Traceback" not in captured.err
    return info.value.code, captured.err


def ran(*argv):
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def _commands(parser):
    """Each command's name and parser, from the parser's commands action."""
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(commands.choices)


#: A value each option's reader accepts, by the reader (a new reader needs one here).
SAMPLES = {
    _args.rate: "5%",
    _args.day: "2025-06-02",
    _args.moment: "2025-06-02T10:00:00+00:00",
    _args.locale: "en_PK",
    _args.positive: "280",
    _args.dollars: "100",
    _jss._days: "28",
    None: "x",
}

#: The options meant to be given more than once (each one value of a list).
REPEATABLE = {
    ("withdraw", "--offered-rate"),
    ("withdraw", "--spread"),
    ("jss", "--exclude-client"),
    ("statement", "--contract-rate"),
    ("statement", "--billed-before"),
}


def _sample(action):
    if action.choices:
        return next(iter(action.choices))
    return SAMPLES[action.type]


def _single_value_options():
    """``(command or None, action)`` for every option that takes one value, in every parser."""
    parser = build_parser()
    found = []
    for command, child in [(None, parser), *_commands(parser).items()]:
        for action in child._actions:
            if not action.option_strings or isinstance(
                action, argparse._HelpAction | argparse._VersionAction
            ):
                continue
            if isinstance(action, argparse._StoreTrueAction):
                continue  # a flag: given twice it is given once
            if isinstance(action, argparse._AppendAction):
                assert (command, action.option_strings[0]) in REPEATABLE
                continue
            # Nothing else may escape the one rule (red team r23 M1).
            assert isinstance(action, _args.Once), (command, action.option_strings)
            found.append((command, action))
    return found


OPTIONS = _single_value_options()


def test_the_walk_finds_every_command_and_the_options_the_report_named():
    named = {(c, a.option_strings[0]) for c, a in OPTIONS}
    assert {
        ("fees", "--fee-rate"),
        ("fees", "--billed-before"),
        ("fees", "--on"),
        ("withdraw", "--rate"),
        ("withdraw", "--tax"),
        ("withdraw", "--now"),
        ("demo", "--rate"),
        ("rules", "--on"),
        ("statement", "--fee-rate"),
        (None, "--locale"),
    } <= named
    assert {"demo", "fees", "withdraw", "jss", "check", "week", "scan", "statement", "rules"} == {
        c for c, _ in OPTIONS if c is not None
    }
    # Every command's parser has the --locale of every command, so each is walked.
    assert all((c, "--locale") in named for c in _commands(build_parser()))


@pytest.mark.parametrize(
    ("command", "action"),
    OPTIONS,
    ids=[f"{c or 'top'} {a.option_strings[0]}" for c, a in OPTIONS],
)
def test_every_option_given_twice_is_refused_naming_it(capsys, command, action):
    """Red team r23 M1: any one-value option given twice is refused, in every spelling."""
    value = _sample(action)
    first, second = action.option_strings[0], action.option_strings[-1]
    argv = [first, value, f"{second}={value}"]
    code, err = refused(capsys, *([command] if command else []), *argv)
    assert 2 == code
    prefix = f"upwork-safety {command}: error:" if command else "upwork-safety: error:"
    assert err.startswith(f"{prefix} argument {'/'.join(action.option_strings)}: given twice")
    assert 1 == len(err.splitlines())


@pytest.mark.parametrize(
    "argv",
    [
        ["fees", "1000", "--on", "2025-06-02", "--fee-rate", "15%", "--fee-rate", "5%"],
        ["fees", "600", "--on", "2020-01-01", "--billed-before", "0", "--billed-before", "9900"],
        ["fees", "600", "--on", "2020-01-01", "--on", "2024-01-01"],
        ["withdraw", "900", "--rate", "280", "--rate", "300"],
        ["withdraw", "900", "--rate", "280", "--tax", "pseb", "--tax", "none"],
        [
            "withdraw",
            "900",
            "--rate",
            "280",
            "--now",
            "2026-12-03T11:00:00Z",
            "--now",
            "2026-12-03T13:00:00Z",
        ],
        ["demo", "--rate", "280", "--rate", "250"],
        ["rules", "--on", "2023-12-04", "--on", "2023-12-05"],
        ["statement", "x.csv", "--audit", "--fee-rate", "15%", "--rate", "5%"],
        ["--json", "fees", "500", "--fee-rate", "5%", "--fee", "5%"],
    ],
)
def test_the_reports_repeated_options_are_refused(capsys, argv):
    """Red team r23 M1: each case the report found, the second value read or not."""
    code, err = refused(capsys, *argv)
    option = next(a for a in reversed(argv) if a.startswith("--") and a != "--json")
    command = next(a for a in argv if not a.startswith("-"))
    assert 2 == code
    assert err.startswith(f"upwork-safety {command}: error: argument ")
    name = {"--fee": "--fee-rate", "--rate": "--rate"}.get(option, option)
    assert f"{name}" in err.split(":")[2]
    assert "given twice" in err


@pytest.mark.parametrize(
    ("argv", "prefix"),
    [
        (["--locale", "en_PK", "fees", "500", "--locale", "en_US"], "upwork-safety fees:"),
        (["fees", "500", "--locale", "en_PK", "--locale", "en_PK"], "upwork-safety fees:"),
        (["--locale", "en_PK", "--locale", "en_US", "fees", "500"], "upwork-safety:"),
    ],
)
def test_a_locale_before_and_after_the_command_is_given_twice(capsys, argv, prefix):
    """Red team r23 M1: --locale before the command and again after it was the second."""
    code, err = refused(capsys, *argv)
    assert 2 == code
    assert err.startswith(f"{prefix} error: argument --locale: given twice")


def test_a_locale_on_either_side_and_flags_twice_still_work():
    """The rule refuses a value given twice, nothing else: a flag twice is the flag."""
    before = ran("--locale", "en_PK", "fees", "500", "--on", "2025-06-02")
    after = ran("fees", "500", "--on", "2025-06-02", "--locale", "en_PK")
    assert before == after
    assert 0 == before[0]
    assert "US$" in before[1]
    assert ran("--json", "fees", "500", "--on", "2025-06-02") == ran(
        "--json", "fees", "500", "--on", "2025-06-02", "--json"
    )
    code, _ = ran("withdraw", "900", "--rate", "280", "--spread", "1%", "--spread", "wire_usd=2%")
    assert 0 == code


@pytest.mark.parametrize(
    ("argv", "command", "named"),
    [
        (["fees", "500", "--on", "2025-06-02", "--bogus"], "fees", "--bogus"),
        (["check", "x.json", "--now", "2025-06-02T10:00:00Z", "extra"], "check", "extra"),
        (["rules", "--fee-rate", "12%"], "rules", "--fee-rate"),
        (["fees", "--version"], "fees", "--version"),
        (["fees", "500", "600"], "fees", "600"),
        (["jss", "x.json", "--timeline", "--days", "7", "x"], "jss", "x"),
    ],
)
def test_what_a_command_does_not_take_is_refused_under_its_name(capsys, argv, command, named):
    """Red team r23 L1: ``upwork-safety COMMAND: error:``, as docs/cli.md promises."""
    code, err = refused(capsys, *argv)
    assert 2 == code
    assert err.startswith(f"upwork-safety {command}: error: unrecognized arguments: ")
    assert named in err


def test_what_comes_before_the_command_is_the_top_parsers(capsys):
    code, err = refused(capsys, "--bogus", "fees", "500")
    assert 2 == code
    assert err.startswith("upwork-safety: error: unrecognized arguments: --bogus")


def _stopped_early():
    problems = [
        Problem(f"$[{i}].kind", "expected one of 'fixed_price', 'hourly'") for i in range(50)
    ]
    return InvalidDataError(problems, count=51, complete=False)


def test_a_problem_list_keeps_the_librarys_bounded_lines():
    """Red team r23 L2: "… and reading stopped there: there may be more" is kept."""
    error = _stopped_early()
    cli_error = problems_error("bad.json", error)
    assert str(cli_error).startswith("bad.json: at least 51 problems")
    assert list(cli_error.details) == str(error).split("\n")[1:]
    assert "  … and 1 more" == cli_error.details[-2]
    assert cli_error.details[-1].startswith("  … and reading stopped there")


def test_a_file_whose_reading_stopped_early_says_so(tmp_path, capsys, monkeypatch):
    """Red team r23 L2, through the command: the last line says there may be more."""
    path = tmp_path / "bad.json"
    path.write_text("[]", "utf-8")

    def stopped(*_args, **_kwargs):
        raise _stopped_early()

    monkeypatch.setattr(serialize, "from_json", stopped)
    code, _ = ran("jss", str(path))
    err = capsys.readouterr().err.splitlines()
    assert 2 == code
    assert err[0].startswith("upwork-safety jss: error: ")
    assert "at least 51 problems" in err[0]
    assert err[-1].startswith("  … and reading stopped there")
    assert 53 == len(err)  # the head, 50 problems, "… and 1 more", "reading stopped"


@pytest.mark.parametrize(
    ("argv", "option", "rule"),
    [
        (["withdraw", "900", "--rate", "280.1234567890123456789"], "--rate", "18 decimal places"),
        (["withdraw", "900", "--rate", "2" + "0" * 21], "--rate", "18 digits before"),
        (
            ["withdraw", "900", "--rate", "280", "--offered-rate", "277.1234567890123456789"],
            "--offered-rate",
            "18 decimal places",
        ),
        (["demo", "--rate", "280.1234567890123456789"], "--rate", "18 decimal places"),
        (["fees", "900.0000000000000000001"], "amount", "18 decimal places"),
        (["fees", "1" * 19], "amount", "18 digits before"),
        (
            ["withdraw", "900", "--rate", "280", "--spread", "0.1234567890123456789"],
            "--spread",
            "18 decimal places",
        ),
    ],
)
def test_a_number_over_the_digit_limits_names_the_limit(capsys, argv, option, rule):
    """Red team r23 L3: the library's rule, not "not a number (digits and one decimal point)"."""
    code, err = refused(capsys, *argv)
    assert 2 == code
    assert err.startswith(f"upwork-safety {argv[0]}: error: argument {option}: ")
    assert rule in err
    assert "not a number" not in err
    assert "not an amount" not in err


@pytest.mark.parametrize("option", ["--days", "--step"])
@pytest.mark.parametrize("text", ["2_8", " 28 ", "\u0662\u0668", "\uff12\uff18", "28.0", "+", ""])
def test_jss_days_are_read_by_the_one_number_rule(tmp_path, capsys, option, text):
    """Red team r23 L4: ``int()`` had read ``2_8``, `` 28 `` and Arabic-Indic digits as 28."""
    code, err = refused(capsys, "jss", "x.json", "--timeline", f"{option}={text}")
    assert 2 == code
    assert err.startswith(f"upwork-safety jss: error: argument {option}: ")
    assert "whole number of days" in err


def test_jss_days_in_plain_digits_are_read():
    assert 28 == _jss._days("28")
    assert 36_500 == _jss._days("36500")
    with pytest.raises(argparse.ArgumentTypeError, match="from 1 to 36500"):
        _jss._days("36501")


# --------------------------------------------------------------------------- L5


def _history(tmp_path):
    return str(history_file(tmp_path, finished_contracts(1)))


def _documented_rows():
    """Each command's row of docs/cli.md's JSON table: its document's cell."""
    text = (ROOT / "docs" / "cli.md").read_text("utf-8")
    section = text[text.index("## JSON output") :]
    section = section[: section.index("\n## ")]
    return dict(re.findall(r"^\| `(\w+)` \| (.*) \|$", section, re.MULTILINE))


def _top_keys(cell, nth=0):
    """The keys of the *nth* ``{…}`` code of *cell*, at its top level (nested ones left out)."""
    start = [found.start() + 1 for found in re.finditer(r"`\{", cell)][nth]
    keys, depth = [], 0
    for found in re.finditer(r'[{}\[\]]|"(\w+)"', cell[start:]):
        mark = found.group()
        if mark in "{[":
            depth += 1
        elif mark in "}]":
            depth -= 1
            if depth == 0:
                return keys
        elif depth == 1:
            keys.append(found.group(1))
    raise AssertionError(cell)


def _json_runs(tmp_path):
    history = _history(tmp_path)
    csv = str(ROOT / "docs" / "examples" / "synthetic-transactions-report.csv")
    return {
        "demo": (["demo"], set()),
        "fees": (["fees", "500", "--on", "2025-06-02"], set()),
        "withdraw": (["withdraw", "900", "--rate", "280"], set()),
        "jss": (["jss", history, "--as-of", "2025-06-30", "--timeline"], {"timeline"}),
        "check": (["check", history], set()),
        "scan": (["scan", "Add me on telegram"], set()),
        "statement": (["statement", csv, "--audit", "--fee-rate", "15%"], {"fee_audit"}),
        "rules": (["rules", "--on", "2025-06-02"], set()),
    }


def test_the_json_table_lists_every_key_each_command_prints(tmp_path):
    """Red team r23 L5: demo printed ``break_even_rate``, which the table did not list."""
    rows = _documented_rows()
    runs = _json_runs(tmp_path)
    assert set(runs) == set(rows)
    for command, (argv, optional) in runs.items():
        code, text = ran("--json", *argv)
        assert 0 == code, command
        document = json.loads(text)
        if isinstance(document, list):  # check: one document per contract
            document = document[0]
        documented = set(_top_keys(rows[command]))
        for key in optional:  # named in the row after the document's own keys
            assert f'"{key}"' in rows[command], (command, key)
        assert documented | optional == set(document), command
        if command == "withdraw":  # and each method's row, the table's second set
            assert set(_top_keys(rows[command], 1)) == set(document["methods"][0])


def test_the_demos_break_even_rate_is_an_exchange_rate_in_pkr_per_usd():
    """Red team r23 L5: the key now documented, with its unit; null once the bank is ranked."""
    document = json.loads(ran("--json", "demo")[1])
    rate = document["break_even_rate"]
    assert {"base", "quote", "rate", "as_of", "source"} == set(rate)
    assert ("USD", "PKR") == (rate["base"], rate["quote"])
    assert isinstance(rate["rate"], str)
    assert Decimal(rate["rate"]) > 0
    ranked = json.loads(ran("--json", "demo", "--offered-rate", "277.20")[1])
    assert ranked["break_even_rate"] is None
    cell = _documented_rows()["demo"]
    assert '"break_even_rate"' in cell
    assert "PKR per USD" in cell


def test_fees_help_takes_its_dates_and_legacy_rate_from_the_schedules(capsys, monkeypatch):
    """``fees --help`` names the schedules reading --billed-before from the rules (review r33, 7).

    The years and the kept 5% were typed into the help; a what-if or a corrected date in
    the rules left it wrong.
    """
    import attrs

    from upwork_safety import fees
    from upwork_safety._cli._fees import billed_before_help
    from upwork_safety.rules import RuleHistory

    sliding, flat = fees.SLIDING_SCALE_2016, fees.FLAT_10_2023
    assert (2016, 2023, Decimal("0.05")) == (
        sliding.effective.year,
        flat.effective.year,
        flat.legacy_rate,
    )
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit):
        main(["fees", "--help"])
    words = re.sub(r"\s+", " ", capsys.readouterr().out)
    assert "read by the 2016-2023 sliding scale, and by the 2023 flat schedule to check a " in words
    assert "kept 5% --fee-rate" in words
    changed = RuleHistory(
        "what-if",
        (
            fees.FLAT_10_2016,
            attrs.evolve(sliding, effective=sliding.effective.replace(year=2017)),
            attrs.evolve(flat, effective=flat.effective.replace(year=2024), legacy_rate=Decimal("0.04"), legacy_until=flat.legacy_until.replace(year=2024)),
        ),
    )  # fmt: skip
    assert (
        "lifetime billings with this client before, in USD (default 0: a new client; read by "
        "the 2017-2024 sliding scale, and by the 2024 flat schedule to check a kept 4%% "
        "--fee-rate, which needs billings past the sliding scale's top band)"
    ) == billed_before_help(changed)
    alone = billed_before_help(RuleHistory("flat", (fees.FLAT_10_2016,)))
    assert alone.endswith("in USD (default 0: a new client)")
