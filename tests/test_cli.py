"""Tests for the upwork-safety command line (upwork_safety.cli)."""

import io
import json
import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from _history_files import history_file
from upwork_safety import (
    Contract,
    ContractKind,
    EndReason,
    Feedback,
    Milestone,
    Money,
    Payment,
    fees,
    serialize,
    statements,
)
from upwork_safety._cli._context import CLIError, options_for
from upwork_safety.cli import main
from upwork_safety.errors import InvalidDataError, InvalidValueError
from upwork_safety.money import ExchangeRate

#: The moment the command line's clock reads in these tests (a Thursday, 09:00 UTC):
#: commands that default to now (withdraw's arrival) never read the wall clock here.
CLOCK = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _pinned_clock(monkeypatch):
    """Every command here reads CLOCK, never the wall clock (a test may pin its own)."""
    from upwork_safety import cli

    monkeypatch.setattr(cli, "_clock", lambda: CLOCK)


def run(*argv):
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


class TestWithdraw:
    def test_says_when_the_money_arrives(self):
        """Regression (newcomer r18 F11): withdraw gives each method's arrival window.

        Asked on Thursday 2026-12-03 at 2 pm in Karachi (09:00 UTC, before Direct
        to Local Bank's noon cutoff): processed that day, 1 to 7 business days.
        """
        argv = ("withdraw", "900", "--rate", "280", "--offered-rate", "277.20")
        code, text = run(*argv, "--now", "2026-12-03T14:00:00+05:00")
        words = " ".join(text.split())
        assert 0 == code
        assert "When it arrives, requested 2026-12-03 09:00 UTC" in words
        assert "Direct to Local Bank (PKR) 2026-12-03 2026-12-04 to 2026-12-14" in words
        assert "Payoneer 2026-12-03 2026-12-07" in words
        # Payoneer's two days are to Payoneer, not the bank: the source says so.
        assert "Payoneer: about 2 days to Payoneer; the transfer to the bank comes after" in words
        # Review r18 #9: the footer no longer says the notes' unconfirmed bounds are the sources'.
        assert "the ranges the sources give" not in words
        assert "with what they leave unconfirmed said above: not a promise." in words
        # After the cutoff it is processed the next business day (Friday).
        _, text = run(*argv, "--now", "2026-12-03T12:00:00+00:00", "--json")
        data = json.loads(text)
        assert "2026-12-03T12:00:00+00:00" == data["requested_at"]
        arrivals = {row["method"]: row["arrival"] for row in data["methods"]}
        assert {
            "processed_on": "2026-12-04",
            "earliest": "2026-12-07",
            "latest": "2026-12-15",
            "at": "your account",
            "note": "up to 7 business days; the fewest, 1, is not in the sources",
            "unconfirmed": True,
        } == arrivals["Direct to Local Bank (PKR)"]
        assert arrivals["PayPal"] is None  # not available in Pakistan: never arrives

    def test_arrival_defaults_to_the_clock(self):
        """Without --now the request is the CLI's clock (CLOCK here), as check's --now."""
        _, text = run("withdraw", "900", "--rate", "280", "--json")
        data = json.loads(text)
        assert CLOCK.isoformat() == data["requested_at"]
        arrivals = {row["method"]: row["arrival"] for row in data["methods"]}
        assert "2026-12-03" == arrivals["Direct to Local Bank (PKR)"]["processed_on"]

    def test_a_naive_now_is_refused(self, capsys):
        """--now needs a UTC offset, as every moment on the command line."""
        with pytest.raises(SystemExit) as info:
            main(["withdraw", "900", "--rate", "280", "--now", "2026-12-03T09:00:00"])
        assert 2 == info.value.code
        assert "has no UTC offset" in capsys.readouterr().err

    def test_text_ranks_the_methods_whose_cost_is_known(self):
        """$900 at 280, 1% tax: Payoneer is ranked; Direct to Local Bank's break-even rate is shown."""
        code, text = run("withdraw", "900", "--rate", "280")
        assert 0 == code
        assert "PKR 243,947.09" in text
        assert "at least 274.10 PKR per USD" in text
        assert "--offered-rate direct_to_local_bank=RATE" in text
        assert "not compared: PayPal: not available in Pakistan" in text
        assert "Best here among the methods whose cost is known: Payoneer" in text

    @pytest.mark.parametrize(
        ("reference", "spread", "least"),
        [("0.0036", "0.020644", "0.0035257"), ("280", "0.021376", "274.02")],
    )
    def test_the_least_rate_agrees_with_its_spread(self, reference, spread, least):
        """The least winning rate is rounded up, never past the reference (review r24, N8).

        $720 at 0.0036 (a PKR→USD rate typed as PKR per USD): Direct to Local
        Bank wins up to a 2.0644% spread, a rate of 0.0036 × 0.979356 =
        0.0035256816; rounded up to the paisa it read "at least 0.01", above
        the reference.  Five significant digits give 0.0035257, whose own
        spread (2.0639%) is within 2.0644%.  At 280 the paisa is finer than
        that and stays: 274.0128... → 274.02.  The API and the CLI say the same.
        """
        comparison = fees.compare_withdrawals(
            Money("720", "USD"),
            reference_rate=ExchangeRate("USD", "PKR", reference, as_of=CLOCK.date()),
        )
        assert Decimal(spread) == comparison.break_even_spread("direct_to_local_bank")
        exact = comparison.break_even_rate("direct_to_local_bank")
        assert exact is not None
        shown = Decimal(least)
        assert exact.rate <= shown < Decimal(reference)
        assert 1 - shown / Decimal(reference) <= Decimal(spread)
        note = next(r["note"] for r in comparison.to_records() if r["received"] is None)
        assert note.endswith(f"(an offered rate of at least {least})")
        code, text = run("withdraw", "720", "--rate", reference)
        assert 0 == code
        assert f"at least {least} PKR per USD" in " ".join(text.split())

    @pytest.mark.parametrize("rate", ["0.05", "280.500"])
    def test_the_title_writes_the_rate_in_plain_digits(self, rate):
        """Red team r14 F7: ``--rate 0.0000005`` was titled "at 5E-7 PKR per USD".

        Since r40 (red team, hostile 5) that rate is refused (every rupee figure rounds
        to zero): :meth:`test_a_rate_that_rounds_the_cost_away_is_refused`.
        """
        code, text = run("withdraw", "900", "--rate", rate)
        plain = f"{Decimal(rate):f}"
        title = f"Withdrawing USD 900.00 to Pakistan at {plain} PKR per USD, the rate of 2026-12-03"
        assert (0, title) == (code, text.splitlines()[0])

    def test_a_rate_that_rounds_the_cost_away_is_refused(self, capsys):
        """``--rate 0.0000005``: USD 900.00 is PKR 0.00, so the cost would read 0% (r40)."""
        code, _ = run("withdraw", "900", "--rate", "0.0000005")
        assert 2 == code
        said = " ".join(capsys.readouterr().err.split())
        assert "USD→PKR 0.0000005, USD 900.00 converts to PKR 0.00" in said

    @pytest.mark.parametrize(
        ("extra", "day"),
        [
            ((), "2026-12-03"),  # the CLI's clock (CLOCK here): today, UTC
            (("--now", "2026-12-06T02:00:00+05:00"), "2026-12-05"),  # --now's UTC day
            (("--on", "2025-06-02", "--now", "2026-12-06T02:00:00+05:00"), "2025-06-02"),
        ],
    )
    def test_the_reference_rate_is_dated_and_the_title_and_json_say_which_day(self, extra, day):
        """The library refuses an undated reference rate (DOMAIN.md section 5), so --rate is
        the rate of --on, else of --now's UTC day, else of today (UTC), and says so."""
        code, text = run("withdraw", "900", "--rate", "280", *extra)
        assert (0, f"Withdrawing USD 900.00 to Pakistan at 280 PKR per USD, the rate of {day}") == (
            code,
            text.splitlines()[0],
        )
        _, text = run("withdraw", "900", "--rate", "280", *extra, "--json")
        assert (day, "280") == (json.loads(text)["on"], json.loads(text)["reference_rate"])

    def test_offered_rate_and_spreads_price_every_method(self):
        """--offered-rate for Direct to Local Bank and --spread wire_usd=0.5% rank three methods."""
        code, text = run(
            "withdraw", "900", "--rate", "280", "--offered-rate", "277.20",
            "--spread", "wire_usd=0.5%",
        )  # fmt: skip
        assert 0 == code
        assert "PKR 246,713.51" in text
        assert (
            text.index("Direct to Local Bank")
            < text.index("Payoneer ")
            < text.index("US Dollar wire")
        )

    def test_json(self):
        """--json gives one record per method, with the break-even spread of the unpriced ones."""
        code, text = run("withdraw", "900", "--rate", "280", "--offered-rate", "277.20", "--json")
        data = json.loads(text)
        assert 0 == code
        received = {"amount": "246713.51", "currency": "PKR"}  # money as every document has it
        assert ("0.01", received) == (data["tax_rate"], data["methods"][0]["received"])
        assert "offered" == data["methods"][0]["rate_basis"]
        assert {"amount": "900.00", "currency": "USD"} == data["amount"]  # as typed: 900
        assert {
            "method",
            "received",
            "fees",
            "spread",
            "rate_basis",
            "tax",
            "cost_vs_reference",
            "cost_percent",
            "effective_rate",
            "business_days",
            "break_even_spread",
            "note",
            "arrival",
        } == set(data["methods"][0])

    def test_spread_for_every_method_and_per_method(self):
        """A bare --spread 1% applies to every method; METHOD=RATE to one."""
        _, text = run("withdraw", "900", "--rate", "280", "--spread", "1%", "--json")
        data = json.loads(text)
        priced = [m for m in data["methods"] if m["received"] is not None]
        assert {"0.01"} == {m["spread"] for m in priced}
        assert 4 == len(priced)

    def test_a_bare_spread_over_a_reported_one_is_said(self):
        """Regression (r11 newcomer #1): a bare --spread 0.5% silently priced Payoneer at
        0.5% instead of its reported 2% and made it the best; the output now says so."""
        args = ("withdraw", "1000", "--rate", "280", "--offered-rate", "277.20")
        _, bare = run(*args, "--spread", "0.5%")
        assert "Payoneer is priced at your 0.5% spread, not the 2% it is reported" in " ".join(
            bare.split()
        )
        _, named = run(*args, "--spread", "wire_usd=0.5%")
        assert "reported to take" not in named
        _, same = run(*args, "--spread", "2%")  # Payoneer's own: nothing replaced
        assert "reported to take" not in same

    def test_tax_choices(self):
        """--tax pseb withholds 0.25%, --tax none nothing; the default is 1%."""
        rates = [
            json.loads(run("withdraw", "900", "--rate", "280", "--json", *tax)[1])["tax_rate"]
            for tax in ([], ["--tax", "pseb"], ["--tax", "none"])
        ]
        assert ["0.01", "0.0025", "0"] == rates

    def test_locale(self):
        """--locale changes how money reads."""
        _, text = run("withdraw", "900", "--rate", "280", "--locale", "en_US")
        assert "PKR243,947.09" in text

    def test_output_fits_100_columns(self):
        """Every line fits a 100-column terminal, even with every method ranked."""
        _, text = run("withdraw", "900", "--rate", "280", "--spread", "1%", "--tax", "pseb")
        assert [] == [line for line in text.splitlines() if len(line) > 100]

    def test_an_offered_rate_and_a_spread_for_one_method_is_refused(self, capsys):
        """One method cannot have both an offered rate and a spread."""
        code, _ = run(
            "withdraw", "900", "--rate", "280", "--offered-rate", "277.20",
            "--spread", "direct_to_local_bank=1%",
        )  # fmt: skip
        assert 2 == code
        assert "not both" in capsys.readouterr().err

    def test_an_unknown_method_is_refused(self, capsys):
        """--offered-rate directbank=280 names the known methods."""
        code, _ = run("withdraw", "900", "--rate", "280", "--offered-rate", "directbank=280")
        assert 2 == code
        assert "known: direct_to_local_bank" in capsys.readouterr().err

    @pytest.mark.parametrize(
        ("options", "said"),
        [
            (["--offered-rate", "paypal=270"], "not available in Pakistan"),
            (
                [
                    "--offered-rate",
                    "direct_to_local_bank=277",
                    "--offered-rate",
                    "direct_to_local_bank=276",
                ],
                "twice",
            ),
            (["--spread", "1%", "--spread", "2%"], "twice"),
            (["--offered-rate", "270", "--offered-rate", "direct_to_local_bank=275"], "twice"),
        ],
    )
    def test_a_rate_that_would_be_ignored_or_overwritten_is_refused(self, capsys, options, said):
        """Regression (newcomer trial): these were accepted, and one value silently unused."""
        code, text = run("withdraw", "900", "--rate", "280", *options)
        assert (2, "") == (code, text)
        assert said in capsys.readouterr().err

    def test_a_bare_spread_leaves_a_method_with_an_offered_rate_alone(self):
        """Regression (second review): --offered-rate 277.20 --spread 1% was refused as "both"."""
        code, text = run(
            "withdraw", "900", "--rate", "280", "--offered-rate", "277.20", "--spread", "1%", "--json"
        )  # fmt: skip
        basis = {m["method"]: m["rate_basis"] for m in json.loads(text)["methods"]}
        assert (0, "offered", "spread") == (
            code,
            basis["Direct to Local Bank (PKR)"],
            basis["US Dollar wire"],
        )

    @pytest.mark.parametrize("order", ["named first", "bare first"])
    def test_a_named_method_wins_over_a_bare_spread_in_either_order(self, order):
        """--spread 3% with --spread wire_usd=1%: the wire gets 1%, whichever comes first."""
        pair = [["--spread", "wire_usd=1%"], ["--spread", "3%"]]
        if order == "bare first":
            pair.reverse()
        code, text = run("withdraw", "900", "--rate", "280", *pair[0], *pair[1], "--json")
        spreads = {m["method"]: m["spread"] for m in json.loads(text)["methods"]}
        assert (0, "0.01", "0.03") == (code, spreads["US Dollar wire"], spreads["Payoneer"])


class TestFees:
    def test_the_fee_rate_help_claims_no_default_rate(self, capsys):
        """Regression: --fee-rate's help said "(default: 10%)", false under the 2016–2023 scale."""
        with pytest.raises(SystemExit):
            run("fees", "--help")
        helped = " ".join(capsys.readouterr().out.split())
        assert "default: 10%" not in helped
        assert "default: what the schedule in force on --on charges" in helped

    def test_billed_before_says_when_it_has_no_effect(self, capsys):
        """Regression (newcomer trial): --billed-before under a flat schedule was ignored silently."""
        _, flat = run("fees", "500", "--on", "2024-06-02", "--billed-before", "9000")
        _, sliding = run("fees", "500", "--on", "2020-06-02", "--billed-before", "9000")
        assert ("had no effect" in flat, "had no effect" in sliding) == (True, False)
        code, text = run("fees", "--on", "2024-06-02", "--billed-before", "9000")
        assert (2, "") == (code, text)
        assert "--billed-before needs an AMOUNT" in capsys.readouterr().err
        code, text = run("fees", "--on", "2025-06-02", "--fee-rate", "12%")
        assert (2, "") == (code, text)
        assert "--fee-rate needs an AMOUNT" in capsys.readouterr().err
        used = [
            json.loads(run("fees", "500", "--on", on, "--billed-before", "100", "--json")[1])[
                "billed_before_used"
            ]
            for on in ("2024-06-02", "2020-06-02")
        ]
        assert [False, True] == used
        # Review r16 L4: the kept 5% in 2023 is allowed by --billed-before, which had an effect;
        # refused, the message names the option and no library argument.
        _, kept = run(
            "fees", "100", "--on", "2023-06-01", "--fee-rate", "5%", "--billed-before", "10000.01"
        )
        assert "had no effect" not in kept
        code, text = run(
            "fees", "100", "--on", "2023-06-01", "--fee-rate", "5%", "--billed-before", "10000"
        )
        err = capsys.readouterr().err
        assert (2, "") == (code, text)
        assert ("--fee-rate 5%" in err, "billed_before" in err) == (True, False)

    def test_sliding_scale_example(self):
        """$600 with a new client in 2020: fee $110, net $490 (HC 211062538)."""
        code, text = run("fees", "600", "--on", "2020-05-01")
        assert 0 == code
        assert "USD 110.00" in text
        assert "USD 490.00" in text

    def test_from_2025_the_default_is_ten_percent_and_says_so(self):
        """$100 on 2026-01-01 without --fee-rate: $10, the rate Upwork publishes."""
        code, text = run("fees", "100", "--on", "2026-01-01")
        assert 0 == code
        assert "USD 10.00" in text
        assert "the rate Upwork publishes" in text

    def test_json_with_rate(self):
        """--fee-rate 12% on $500 in 2026: fee $60, the contract's own rate."""
        code, text = run("fees", "500", "--on", "2026-01-01", "--fee-rate", "12%", "--json")
        data = json.loads(text)
        assert (0, {"amount": "60.00", "currency": "USD"}) == (code, data["fee"])
        assert ("0.12", "contract") == (data["rate"], data["basis"])

    def test_history_only(self):
        """Without an amount, the fee history is listed."""
        code, text = run("fees", "--on", "2024-01-01")
        assert 0 == code
        assert "sliding scale" in text
        assert "client paid" not in text

    def test_a_fraction_of_a_cent_is_refused(self, capsys):
        """fees 0.001 is refused, not printed as $0.00 three times."""
        with pytest.raises(SystemExit) as info:
            main(["fees", "0.001"])
        assert 2 == info.value.code
        assert "fraction of a cent" in capsys.readouterr().err

    def test_output_fits_100_columns(self):
        """Every line fits a 100-column terminal."""
        _, text = run("fees", "1000", "--on", "2025-06-02", "--fee-rate", "12%")
        assert [] == [line for line in text.splitlines() if len(line) > 100]


class TestRules:
    def test_text(self):
        """The rules in force are listed with sources and unconfirmed flags."""
        code, text = run("rules", "--on", "2024-01-01")
        assert 0 == code
        assert "review_period" in text
        assert "14 days" in text
        assert "arbitration_fee" in text
        assert "(unconfirmed)" in text
        assert [] == [line for line in text.splitlines() if len(line) > 100]

    def test_the_jss_values_are_listed_with_their_sources(self):
        """Regression (fidelity audit r17 L4): the text output named the JSS preset only,
        though `demo` says every number is shown by `rules`; it now lists every field."""
        from upwork_safety import jss

        _, text = run("rules", "--on", "2025-06-02")
        shown = text[text.index("Job Success Score model on 2025-06-02") :]
        for name, _, _ in jss.rule_sources(jss.CURRENT):
            assert f"  {name} " in shown, name
        row = next(line for line in shown.splitlines() if line.startswith("  open_idle_after "))
        assert "180 days" in row
        assert "(unconfirmed)" in shown[shown.index("  open_idle_after ") :]

    def test_the_dollars_kept_in_pakistan_are_listed_from_their_day(self):
        """Regression (newcomer trial): the SBP retention rule was missing from `rules`."""
        _, text = run("rules", "--on", "2025-06-02")
        assert "Dollars kept in Pakistan on 2025-06-02" in text
        assert "50% of a month's proceeds" in text
        assert "USD 5,000.00" in text
        _, before = run("rules", "--on", "2023-10-22")
        assert "no rule known before 2023-10-23" in before
        _, dumped = run("rules", "--on", "2023-10-23", "--json")
        kept = json.loads(dumped)["retention"]
        assert ("2023-10-23", "0.50", "5000.00") == (
            kept["effective"],
            kept["share"],
            kept["monthly_amount"]["amount"],
        )
        assert json.loads(run("rules", "--on", "2023-10-22", "--json")[1])["retention"] is None

    def test_json(self):
        """--json lists every rule with its source."""
        _, text = run("rules", "--on", "2023-12-04", "--json")
        data = json.loads(text)
        assert "before the streamlined dispute process" == data["platform"]["name"]
        review = next(r for r in data["platform"]["rules"] if r["name"] == "review_period")
        assert ("1209600", False) == (review["value"], review["unconfirmed"])


class TestJSS:
    def test_score_and_reasons(self, tmp_path):
        """The score, the reason and every contract's impact are printed."""
        code, text = run("jss", str(history_file(tmp_path)), "--as-of", "2025-07-01")
        assert 0 == code
        assert "Job Success Score on 2025-07-01" in text
        assert "c2" in text

    def test_the_table_gives_each_contracts_points(self, tmp_path):
        """r21 left-over: the table had no points column (``Impact.points``).

        Four strong jobs and one poor, each weighing 1: 80%, 20.00 points from
        each strong job and 0.00 from the poor one; one job is not eligible: "-".
        """
        code, text = run("jss", str(history_file(tmp_path)), "--as-of", "2025-07-01")
        assert (0, True) == (code, "80%" in text)
        ids = {f"c{i}" for i in range(5)}
        rows = {w[0]: w[4] for w in map(str.split, text.splitlines()) if w[:1] and w[0] in ids}
        assert {"c0": "20.00", "c1": "20.00", "c2": "0.00", "c3": "20.00", "c4": "20.00"} == rows
        one = Contract(
            "solo",
            "client",
            ContractKind.FIXED_PRICE,
            date(2025, 1, 1),
            ended=date(2025, 1, 20),
            payments=[Payment(date(2025, 1, 20), Money("300", "USD"))],
            feedback=Feedback(Decimal(5), 9, EndReason.COMPLETED),
            service_fee_rate=Decimal("0.10"),
        )
        solo = tmp_path / "solo"
        solo.mkdir()
        _, text = run("jss", str(history_file(solo, [one])), "--as-of", "2025-07-01")
        assert "not eligible" in text
        assert ["-"] == [
            line.split()[4] for line in text.splitlines() if "solo" in line.split()[:1]
        ]

    def test_the_snapshot_day_is_named_when_it_is_not_the_day_asked(self, tmp_path):
        """Regression (newcomer trial): reasons dated 2019-05-26 for --as-of 2019-06-01, unexplained."""
        from upwork_safety import jss

        path = str(history_file(tmp_path))
        report = jss.score(
            serialize.from_json(list[Contract], Path(path).read_text()), as_of=date(2019, 6, 1)
        )
        assert date(2019, 5, 26) == report.computed_on
        _, text = run("jss", path, "--as-of", "2019-06-01")
        assert "computed on 2019-05-26" in text
        on_the_day = jss.score([], as_of=date(2025, 7, 1))
        _, same = run("jss", path, "--as-of", str(on_the_day.computed_on))
        assert "computed on" not in same
        # The JSON says it too, with the window and the rules (red team r15 L3).
        _, text = run("jss", path, "--as-of", "2019-06-01", "--json")
        data = json.loads(text)
        assert ("2019-06-01", "2019-05-26") == (data["as_of"], data["computed_on"])
        assert (report.window, report.rules) == (data["window"], data["rules"])

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

    @pytest.mark.parametrize(
        ("days", "step", "first"), [(365, 7, "2024-07-02"), (10, 3, "2025-06-22")]
    )
    def test_timeline_ends_on_as_of(self, tmp_path, days, step, first):
        """Regression (outside review): with --days not a multiple of --step the last
        point was the day before --as-of (365 days of weekly points ended 2025-06-30).
        """
        code, text = run(
            "jss",
            str(history_file(tmp_path)),
            "--as-of",
            "2025-07-01",
            "--timeline",
            "--days",
            str(days),
            "--step",
            str(step),
            "--json",
        )
        days_shown = [point["on"] for point in json.loads(text)["timeline"]]
        assert 0 == code
        assert (first, "2025-07-01") == (days_shown[0], days_shown[-1])
        assert days // step + 1 == len(days_shown)

    def test_a_forward_timeline_says_what_it_projects(self, tmp_path):
        """Regression (newcomer r18 F6): points past the file's last day are marked, and the
        open contract they let lapse is named with its days, in text and in --json.
        """
        weekly = Contract(
            "hourly",
            "lumen",
            ContractKind.HOURLY,
            date(2025, 3, 3),
            payments=[
                Payment(date(2025, 3, 3) + timedelta(days=7 * i), Money("160", "USD"))
                for i in range(10)
            ],
        )
        path = history_file(tmp_path)
        contracts = serialize.from_json(list[Contract], path.read_text("utf-8"))
        path = history_file(tmp_path, [*contracts, weekly])
        argv = ("jss", str(path), "--as-of", "2026-01-01", "--timeline", "--days", "240")
        code, text = run(*argv, "--step", "60", "--json")
        points = json.loads(text)["timeline"]
        assert 0 == code
        # The file ends on 2025-05-20; the last payment is 2025-05-05: long-term until
        # 2025-08-03, idle from 2025-11-01.
        assert [
            ("2025-05-06", False, []),
            ("2025-07-05", True, []),
            (
                "2025-09-03",
                True,
                [{"contract_id": "hourly", "kind": "stopped", "since": "2025-08-04"}],
            ),
            (
                "2025-11-02",
                True,
                [{"contract_id": "hourly", "kind": "idle", "since": "2025-11-01"}],
            ),
            (
                "2026-01-01",
                True,
                [{"contract_id": "hourly", "kind": "idle", "since": "2025-11-01"}],
            ),
        ] == [(pt["on"], pt["projected"], pt["lapses"]) for pt in points]
        code, text = run(*argv, "--step", "60")
        words = " ".join(text.split())
        assert 0 == code
        assert "2025-09-03 80 yes" in words
        assert "- hourly stops counting as a long-term contract from 2025-08-04" in words
        assert "- hourly is idle from 2025-11-01: it counts as not successful" in words

    def test_a_timeline_inside_the_data_projects_nothing(self, tmp_path):
        """A timeline that ends on the file's last day marks no point and adds no note."""
        code, text = run(
            "jss",
            str(history_file(tmp_path)),
            "--as-of",
            "2025-05-20",
            "--timeline",
            "--days",
            "14",
        )
        assert 0 == code
        assert "yes" not in text
        assert "Projected" not in text

    @staticmethod
    def _open(name, client, started, *paid_on):
        """An open contract as to_contracts builds it: no ended, no feedback."""
        return Contract(
            name,
            client,
            ContractKind.FIXED_PRICE,
            started,
            payments=[Payment(day, Money("300", "USD")) for day in paid_on],
        )

    def test_warns_when_no_contract_scored_has_feedback(self, tmp_path):
        """Review 9: an export's contracts, open and unpaid for months, warn; the score is kept."""
        from upwork_safety import jss

        history = [
            self._open(f"c{i}", f"client{i}", date(2024, 1, 1), date(2024, 2, 1)) for i in range(3)
        ]
        path = history_file(tmp_path, history)
        code, text = run("jss", str(path), "--as-of", "2025-07-01")
        score = jss.score(history, as_of=date(2025, 7, 1)).score
        # Idle open contracts count in a score, never toward eligibility (red team r15 H1).
        assert (0, None) == (code, score)
        assert "not eligible: 0 eligible job(s) from 0 client(s)" in text
        warning = " ".join(text.split("Warning:")[1].split("\n\n")[0].split())
        assert warning.startswith("no contract scored has feedback, and 3 open ones count as idle")
        assert "add ended and feedback" in warning
        _, data = run("jss", str(path), "--as-of", "2025-07-01", "--json")
        assert "Warning" not in data

    def test_no_warning_once_a_scored_contract_has_feedback(self, tmp_path):
        """With feedback on one scored contract, or no idle open one, nothing is said."""
        idle = self._open("idle", "a", date(2024, 1, 1), date(2024, 2, 1))
        reviewed = Contract(
            "done",
            "b",
            ContractKind.FIXED_PRICE,
            date(2025, 1, 1),
            ended=date(2025, 1, 20),
            payments=[Payment(date(2025, 1, 20), Money("300", "USD"))],
            feedback=Feedback(Decimal(5), 9, EndReason.COMPLETED),
        )
        recent = self._open("recent", "c", date(2025, 6, 1), date(2025, 6, 20))
        for history in ([idle, reviewed], [recent]):
            _, text = run("jss", str(history_file(tmp_path, history)), "--as-of", "2025-07-01")
            assert "Warning" not in text

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
        ("{", "$: not valid JSON"),
        ('{"id": 3}', "$.id: expected a string, got int"),
        (
            '[{"id": "c", "client": "x", "kind": "weekly", "started": "2024-01-01"}]',
            "$[0].kind: expected one of",
        ),
        ("[" * 100_000, "$: JSON nested too deeply"),
        ("[]", "the file holds an empty list"),
    ],
)
def test_bad_files_exit_2_with_the_problem_and_no_traceback(tmp_path, capsys, content, problem):
    """Bad files exit 2, print nothing on stdout, and name the file and the problem on stderr."""
    path = tmp_path / "in.json"
    if content is not None:
        path.write_text(content, "utf-8")
    code, text = run("jss", str(path))
    err = capsys.readouterr().err
    assert (2, "") == (code, text)
    assert err.startswith(f"upwork-safety jss: error: {path}: ")
    assert problem in err
    assert "Traceback" not in err


def test_every_problem_in_a_bad_file_is_listed(tmp_path, capsys):
    """A contract file with four problems lists all four, one per line, after a count."""
    path = tmp_path / "in.json"
    path.write_text('{"id": 3}', "utf-8")
    assert 2 == run("check", str(path))[0]
    lines = capsys.readouterr().err.splitlines()
    assert f"upwork-safety check: error: {path}: 4 problems:" == lines[0]
    assert 5 == len(lines)
    assert "  $.id: expected a string, got int" == lines[1]
    assert {"  $.client: required field missing", "  $.kind: required field missing"} <= set(lines)


def test_a_huge_bad_file_lists_the_first_problems_and_counts_the_rest(tmp_path, capsys):
    """A million bad items: the first 50 problems are listed and the rest counted, quickly."""
    path = tmp_path / "in.json"
    path.write_text("[" + ",".join(["0"] * 1_000_000) + "]", "utf-8")
    assert 2 == run("check", str(path))[0]
    lines = capsys.readouterr().err.splitlines()
    assert f"upwork-safety check: error: {path}: 1000000 problems:" == lines[0]
    assert "  … and 999950 more" == lines[-1]
    assert 52 == len(lines)


def test_unreadable_and_binary_files(tmp_path, capsys):
    """A directory or non-UTF-8 file is a clear error too."""
    assert 2 == run("jss", str(tmp_path))[0]
    binary = tmp_path / "b.json"
    binary.write_bytes(b"\xff\xfe")
    assert 2 == run("jss", str(binary))[0]
    latin = tmp_path / "l.json"
    latin.write_bytes(b"[\xe9]")
    assert 2 == run("jss", str(latin))[0]
    utf16 = tmp_path / "s.csv"
    utf16.write_bytes("Date,Contract\n".encode("utf-16"))
    assert 2 == run("statement", str(utf16))[0]
    err = capsys.readouterr().err.strip().splitlines()
    assert "cannot read" in err[0]
    # Each says what to do; a byte order mark names UTF-16, which editors save.
    assert ["UTF-16 text", "not UTF-8 text from byte 1", "UTF-16 text"] == [
        next(k for k in ("UTF-16 text", "not UTF-8 text from byte 1") if k in line)
        for line in err[1:]
    ]
    assert all("save it as UTF-8" in line for line in err[1:])


@pytest.mark.parametrize(
    ("argv", "problem"),
    [
        (["withdraw", "abc", "--rate", "280"], "argument amount: 'abc' is not an amount"),
        (["withdraw", "1e3", "--rate", "280"], "argument amount: '1e3' is not an amount"),
        # Red team r23 L3: the digit limit it breaks, not "not an amount".
        (["fees", "1" + "0" * 30], "at most 18 digits before the decimal point"),
        (["withdraw", "900", "--rate", "-1"], "argument --rate: '-1' must be more than 0"),
        (["withdraw", "900", "--rate", "inf"], "is not a number like 280"),
        (["withdraw", "900", "--rate", "1e20"], "is not a number like 280"),
        (["fees", "--on", "20260101"], "expected an ISO date like"),
        (["fees", "--on", "2025-13-01"], "no such month"),
        (["withdraw", "900"], "the following arguments are required: --rate"),
        # Newcomer r27 1: the library's own rule for a rate, which quotes the text.
        (
            ["withdraw", "900", "--rate", "280", "--spread", "150%"],
            "argument --spread: the rate is a fraction from 0 up to (not including) 1, got '150%'",
        ),
        (["withdraw", "900", "--rate", "280", "--spread", "1e-2"], "got '1e-2'"),
        (
            ["fees", "500", "--fee-rate", "0.1.2"],
            "argument --fee-rate: the rate must be a fraction",
        ),
        (["withdraw", "9.999", "--rate", "280"], "'9.999' has a fraction of a cent"),
        (["withdraw", "900", "--rate", "280", "--offered-rate", "-1"], "must be more than 0"),
        (["fees", "--on", "2024-02-30"], "'2024-02-30' is not a day of the calendar"),
        (["check", "x.json", "--now", "2024-01-01T10:00"], "has no UTC offset"),
        (["check", "x.json", "--now", "soon"], "expected an ISO datetime like"),
        (["jss", "x.json", "--days", "0"], "must be from 1 to 36500 days"),
        (["jss", "x.json", "--step", "x"], "is not a whole number of days"),
        (["nope"], "invalid choice: 'nope'"),
        (["withdraw", "900", "--rate", "280", "--locale", "xx"], "locale='xx' is not a locale"),
        (["withdraw", "900", "--rate", "280", "--locale", "en-PK"], "'en-PK' is not a locale"),
        (
            ["withdraw", "900", "--rate", "280", "--locale", "en_US.UTF-8"],
            "babel would read it as 'en_US'",
        ),
        (
            ["fees", "600", "--billed-before", "-5"],
            "--billed-before: the amount must not be negative, got USD -5.00",
        ),
    ],
)
def test_bad_arguments(capsys, argv, problem):
    """Bad numbers, dates, locales and billings exit 2 with one line on stderr."""
    with pytest.raises(SystemExit) as info:
        main(argv)
    err = capsys.readouterr().err.strip().splitlines()
    assert 2 == info.value.code
    assert 1 == len(err)
    assert problem in err[0]


@pytest.mark.parametrize("module", ["upwork_safety", "upwork_safety.cli"])
def test_python_dash_m(module):
    """python -m upwork_safety runs the same CLI, and so does python -m upwork_safety.cli
    (red team r13: it printed nothing and exited 0)."""
    done = subprocess.run(  # noqa: S603  (the test's own interpreter and module)
        [
            *(sys.executable, "-m", module, "withdraw", "100", "--rate", "280", "--json"),
            *("--now", "2026-12-03T09:00:00+00:00"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == done.returncode
    assert json.loads(done.stdout)["methods"]


def test_output_in_a_code_page_without_arrows_is_escaped_not_a_traceback():
    """Redirected output on Windows is in the ANSI code page: an arrow is written as an escape.

    ``rules`` prints "→" (U+2192), which cp1252 lacks; it used to exit 1 with
    a UnicodeEncodeError traceback.
    """
    done = subprocess.run(
        [sys.executable, "-m", "upwork_safety", "rules", "--on", "2025-06-02"],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
    )
    assert (0, b"") == (done.returncode, done.stderr)
    assert b"\\u2192" in done.stdout


def test_json_output_in_a_code_page_is_valid_json(tmp_path):
    """Review: the escapes for a cp1252 stream made --json output invalid (``\\U0001f600``).

    With --json, characters the stream cannot hold are JSON escapes (a
    surrogate pair for an emoji), so the document reads back unchanged.
    """
    contract = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2026, 3, 1),
        milestones=[Milestone("m1", "Logo \U0001f600 design", Money("150", "USD"))],
    )
    path = tmp_path / "c.json"
    path.write_text(serialize.to_json(contract), "utf-8")
    argv = ["check", str(path), "--json", "--now", "2026-03-10T09:00:00+00:00"]
    done = subprocess.run(  # noqa: S603  (this interpreter, a file this test wrote)
        [sys.executable, "-m", "upwork_safety", *argv],
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
    )
    assert 0 == done.returncode
    assert b"\\ud83d\\ude00" in done.stdout
    read = json.loads(done.stdout.decode("cp1252"))
    assert "Logo \U0001f600 design" in read[0]["findings"][0]["message"]
    assert read == json.loads(run(*argv)[1])


EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
REPORT_CSV = EXAMPLES / "synthetic-transactions-report.csv"


class TestStatement:
    def test_by_month(self):
        """The report example by month: every month, the total, the scheduled rows noted."""
        code, text = run("statement", str(REPORT_CSV))
        assert 0 == code
        assert "Transactions report: 17 transactions, 2024-05-06 to 2024-08-05" in text
        assert "opening balance  USD 35.50" in text
        assert [line.split()[0] for line in text.splitlines() if line.startswith("  20")] == [
            "2024-05",
            "2024-06",
            "2024-07",
            "2024-08",
        ]
        assert "USD 1,439.00" in text
        assert "Note: 2 scheduled rows (not yet paid) are not counted." in text

    def test_by_tax_year_json(self):
        """--by tax-year --json gives the periods, totals and notes as data."""
        code, text = run("statement", str(REPORT_CSV), "--by", "tax-year", "--json")
        data = json.loads(text)
        assert 0 == code
        assert ("transactions_report", "tax_year", 17, 2) == (
            data["format"],
            data["by"],
            data["transactions"],
            data["scheduled"],
        )
        assert ["2023-24", "2024-25"] == [r["period"] for r in data["rows"]]
        assert {"amount": "1439.00", "currency": "USD"} == data["total"]["net"]
        assert {"amount": "30.02", "currency": "USD"} == data["closing_balance"]

    def test_by_year(self, tmp_path):
        """Newcomer r18 F9: --by year gives one row per calendar year, 31 December and
        1 January apart, an empty year included, in text and in JSON."""
        path = tmp_path / "years.csv"
        path.write_text(
            "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
            "Amount in local currency,Currency,Balance\n"
            "2026-01-02,3,Withdrawal,,,,,,,-100.00,,,50.00\n"
            "2024-01-01,2,Bonus,,,,Acme,,,50.00,,,150.00\n"
            "2023-12-31,1,Fixed Price,,,,Acme,,,100.00,,,100.00\n",
            encoding="utf-8",
        )
        code, text = run("statement", str(path), "--by", "year")
        assert 0 == code
        assert "By calendar year (1 January to 31 December)" in text
        rows = [line.split() for line in text.splitlines() if line.startswith(("  20", "  total"))]
        assert [
            ["2023", "USD", "100.00"],
            ["2024", "USD", "50.00"],
            ["2025", "USD", "0.00"],
            ["2026", "USD", "0.00"],
            ["total", "USD", "150.00"],
        ] == [row[:3] for row in rows]
        assert ["USD", "100.00"] == rows[3][9:11]  # 2026's withdrawal
        code, dumped = run("statement", str(path), "--by", "year", "--json")
        data = json.loads(dumped)
        assert (0, "year") == (code, data["by"])
        assert [
            ("2023", "2023-01-01", "2023-12-31", 1),
            ("2024", "2024-01-01", "2024-12-31", 1),
            ("2025", "2025-01-01", "2025-12-31", 0),
            ("2026", "2026-01-01", "2026-12-31", 1),
        ] == [(r["period"], r["start"], r["end"], r["transactions"]) for r in data["rows"]]
        assert {"amount": "50.00", "currency": "USD"} == data["total"]["change"]  # 150 - 100

    def test_weekly_summary(self):
        """The weekly example has no balance lines and says fees are not in it."""
        code, text = run("statement", str(EXAMPLES / "synthetic-weekly-summary.csv"))
        assert 0 == code
        assert "opening balance" not in text
        assert "USD 475.00" in text
        assert "earnings only" in text
        # Its table shows the figures its records hold, as --json does: gross only, never a
        # 0.00 placeholder for fees, refunds, withdrawals or net (closing note r38).
        header = next(
            line.split() for line in text.splitlines() if line.lstrip().startswith("period")
        )
        assert ["period", "gross"] == header
        assert "USD 0.00" not in text
        _, history = run("statement", str(EXAMPLES / "synthetic-transaction-history.csv"))
        assert "service fees" in history
        assert "net" in history

    def test_taxes_and_other_columns_only_when_used(self, tmp_path):
        """Columns that are zero for the whole file are left out; used ones are shown."""
        path = tmp_path / "gst.csv"
        path.write_text(
            '"Date","Ref ID","Type","Description","Agency","Freelancer","Team","Account Name",'
            '"PO","Amount","Amount in local currency","Currency","Balance"\n'
            '"Jan 02, 2024","2","GST","","","","","","","-1.00","","","9.00"\n'
            '"Jan 01, 2024","1","Bonus","","","","","","","10.00","","","10.00"\n',
            "utf-8",
        )
        _, text = run("statement", str(path))
        _, plain = run("statement", str(REPORT_CSV))
        assert "taxes" in text
        assert "other" not in text
        assert "taxes" not in plain

    @pytest.mark.parametrize(
        ("content", "problem"),
        [
            (None, "no such file"),
            ("Date,Amount\n", "line 1: the header is not one of an Upwork export"),
            ("", "line 1: the text is empty"),
            (
                "Date,Contract,Hours,Amount,Payment type\n2024-09-02,Job (1),0.3,1,\n",
                "line 2, column 3 (Hours): '0.3' is not a whole number of 10-minute steps",
            ),
            (
                "Date,Contract,Hours,Amount,Payment type\n" + "x" * 5_000_000 + "\n",
                "line 2: longer than 20,000 characters",
            ),
            (
                "Date,Contract,Hours,Amount,Payment type\n" + "a,b\n" * 1000,
                "line 51: more than 49 problems; stopped reading here",
            ),
        ],
    )
    def test_bad_files(self, tmp_path, capsys, content, problem):
        """A bad export exits 2, prints nothing on stdout, and names the file and every problem."""
        path = tmp_path / "export.csv"
        if content is not None:
            path.write_text(content, "utf-8")
        code, out = run("statement", str(path))
        err = capsys.readouterr().err
        assert (2, "") == (code, out)
        assert err.startswith(f"upwork-safety statement: error: {path}: ")
        assert problem in err
        # The first line, at most 50 problems, and when reading stopped early the
        # note that there may be more (r25 H3: the error says it is not complete).
        assert len(err.splitlines()) <= 52

    def test_every_problem_is_listed_as_the_guide_says(self, tmp_path, capsys):
        """Review: the guide said "one line ... the first problem and how many more"; the
        CLI lists every problem with its line and column, as docs/cli.md now says."""
        path = tmp_path / "export.csv"
        head = "Date,Contract,Hours,Amount,Payment type\n"
        path.write_text(head + "2024-13-01,A (1),,1.00,Bonus\n" * 3, "utf-8")
        assert (2, "") == run("statement", str(path))
        err = capsys.readouterr().err.splitlines()
        assert f"upwork-safety statement: error: {path}: 3 problems:" == err[0]
        assert ["  line 2, column 1", "  line 3, column 1", "  line 4, column 1"] == [
            line.split(" (")[0] for line in err[1:]
        ]
        guide = (Path(__file__).parent.parent / "docs" / "cli.md").read_text("utf-8")
        assert "the first problem, and how many more" not in guide

    def test_a_file_with_no_balance_on_any_row_exits_2(self, tmp_path, capsys):
        """Regression (red team): an export with its Balance column empty on every row
        exited 0 reporting "0 transactions"; each row is a missing balance."""
        path = tmp_path / "export.csv"
        path.write_text(
            "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
            "Amount in local currency,Currency,Balance\n"
            "2024-03-02,2,Withdrawal,d,,,T,,,-100.00,,,\n"
            "2024-03-01,1,Hourly,d,,,T,,,500.00,,,\n",
            "utf-8",
        )
        assert (2, "") == run("statement", str(path))
        err = capsys.readouterr().err.splitlines()
        assert f"upwork-safety statement: error: {path}: 2 problems:" == err[0]
        assert all("column 13 (Balance)" in line for line in err[1:])

    def test_balance_break(self, tmp_path, capsys):
        """A break in the running balance is one problem naming both lines of the file."""
        lines = REPORT_CSV.read_bytes().decode("utf-8").splitlines(keepends=True)
        path = tmp_path / "missing-row.csv"
        path.write_text("".join(lines[:10] + lines[11:]), "utf-8")
        code, _ = run("statement", str(path))
        err = capsys.readouterr().err.splitlines()
        assert 2 == code
        assert f"upwork-safety statement: error: {path}: 1 problem:" == err[0]
        assert 2 == len(err)
        assert "between line 11 and line 10" in err[1]

    def test_unreadable_and_binary(self, tmp_path, capsys):
        """A directory or a file that is not UTF-8 is one clear line."""
        binary = tmp_path / "b.csv"
        binary.write_bytes(b"Date,\xff\n")
        assert 2 == run("statement", str(tmp_path))[0]
        assert 2 == run("statement", str(binary))[0]
        err = capsys.readouterr().err.splitlines()
        assert "cannot read" in err[0]
        assert "not UTF-8" in err[1]

    def test_bad_by(self, capsys):
        """--by takes month, tax-year or year only (or the library's tax_year)."""
        with pytest.raises(SystemExit) as info:
            main(["statement", str(REPORT_CSV), "--by", "quarter"])
        assert 2 == info.value.code
        assert "argument --by: must be one of" in capsys.readouterr().err

    def test_fresh_process(self):
        """python -m upwork_safety statement reads every example file."""
        for name in sorted(p.name for p in EXAMPLES.glob("*.csv")):
            done = subprocess.run(  # noqa: S603  (the repository's own example files)
                [
                    sys.executable,
                    "-m",
                    "upwork_safety",
                    "statement",
                    str(EXAMPLES / name),
                    "--json",
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            assert (0, "") == (done.returncode, done.stderr)
            assert json.loads(done.stdout)["total"]["gross"]["currency"] == "USD"


class TestScan:
    def test_start_before_funding(self):
        """A client asking to start before funding is flagged with a reply script."""
        code, text = run("scan", "Please start today, I'll fund the milestone once I see progress.")
        assert 0 == code
        assert "DANGER  START_BEFORE_FUNDING" in text
        assert "What to do:" in text

    def test_ordinary_message(self):
        """An ordinary message has no findings."""
        code, text = run("scan", "Thanks, the draft looks great. See you on Monday.")
        assert 0 == code
        assert "No findings" in text

    def test_outgoing_json(self):
        """--outgoing catches review begging; --json lists the codes."""
        code, text = run("scan", "Please leave me 5 stars!", "--outgoing", "--json")
        data = json.loads(text)
        assert (0, "outgoing") == (code, data["direction"])
        assert ["REVIEW_BEGGING"] == [f["code"] for f in data["findings"]]

    def test_json_escapes_what_could_act_on_a_terminal(self):
        """Review 8: --json wrote a bidi override from the message raw; it is a JSON escape."""
        message = "Add me on What\u202esApp now"
        code, text = run("scan", message, "--json")
        (finding,) = json.loads(text)["findings"]
        start, end = finding["span"]
        assert (0, message[start:end]) == (code, finding["evidence"])
        assert "\u202e" not in text
        assert "\\u202e" in text

    def test_each_finding_shows_its_evidence(self):
        """Review 9: the text output shows the words that triggered each finding, under it."""
        message = "Bhai WhatsApp pe aa jao, 0321-4567890, wahan detail se baat karte hain"
        code, text = run("scan", message)
        lines = text.splitlines()
        start = lines.index("  WARNING OFF_PLATFORM_CONTACT")
        evidence = [line.strip() for line in lines[start:] if "Evidence:" in line]
        assert (0, ['Evidence: "0321-4567890"']) == (code, evidence)
        assert lines.index('          Evidence: "0321-4567890"') < next(
            i for i, line in enumerate(lines) if "What to do:" in line
        )

    def test_evidence_escapes_what_could_act_on_a_terminal(self):
        """The evidence is the message's own words: a bidi override in them is escaped."""
        code, text = run("scan", "Add me on What\u202esApp now")
        assert 0 == code
        assert "\u202e" not in text
        assert 'Evidence: "Add me on What\\u202esApp"' in text


def test_json_in_a_code_page_escapes_del_too():
    """Review 8: on a stream that is not UTF-8, --json escaped non-ASCII but wrote DEL raw."""
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="cp1252")
    assert 0 == main(["scan", "Add me on What\x7fsApp now", "--json"], out=stream)
    stream.flush()
    assert b"\x7f" not in buffer.getvalue()
    (finding,) = json.loads(buffer.getvalue().decode("cp1252"))["findings"]
    assert "Add me on What\x7fsApp" == finding["evidence"]


@pytest.mark.parametrize("char", ["\x7f", "\x9b", "\x85", "\u202e", "\u2066", "\u200b", "\u2028"])
def test_json_text_escapes_hidden_characters(char):
    """Every character that can act on a terminal becomes a JSON escape; the value is unchanged."""
    from upwork_safety.cli import _terminal_json

    value = {"client": f"ac{char}me", "note": "\u0628\u200c\u0627 caf\u00e9 \U0001f600"}
    dumped = json.dumps(value, indent=2, ensure_ascii=False)
    text = _terminal_json(dumped)
    assert char not in text
    assert value == json.loads(text)
    assert (
        "\u0628\u200c\u0627 caf\u00e9 \U0001f600" in text
    )  # Urdu, its joiner and emoji stay readable
    assert dumped.count("\n") == text.count("\n")  # the layout is JSON's own


class TestCheck:
    def contract_file(self, tmp_path):
        from upwork_safety import Milestone, escrow

        contract = Contract(
            "c1",
            "acme",
            ContractKind.FIXED_PRICE,
            date(2026, 3, 2),
            milestones=[Milestone("m1", "Build the website", Money("900", "USD"))],
            service_fee_rate=Decimal("0.10"),
        )
        from datetime import datetime, timezone

        contract = escrow.apply(
            contract, escrow.Fund("m1", datetime(2026, 3, 2, 9, tzinfo=timezone.utc))
        )
        contract = escrow.apply(
            contract, escrow.Submit("m1", datetime(2026, 3, 9, 15, 30, tzinfo=timezone.utc))
        )
        path = tmp_path / "contract.json"
        path.write_text(serialize.to_json(contract), "utf-8")
        return path

    def test_review_clock(self, tmp_path):
        """A running review clock is reported with the exact auto-release time."""
        path = self.contract_file(tmp_path)
        code, text = run("check", str(path), "--now", "2026-03-10T00:00:00+00:00")
        assert 0 == code
        assert "REVIEW_PERIOD_RUNNING" in text
        assert "2026-03-23" in text

    def test_json(self, tmp_path):
        """--json lists findings per contract."""
        path = self.contract_file(tmp_path)
        code, text = run("check", str(path), "--now", "2026-03-10T00:00:00+00:00", "--json")
        data = json.loads(text)
        assert 0 == code
        assert "c1" == data[0]["contract"]
        assert "REVIEW_PERIOD_RUNNING" in {f["code"] for f in data[0]["findings"]}


class TestDemo:
    def test_a_failure_prints_nothing_on_stdout(self, capsys):
        """A demo that fails in its fifth section prints none of the four before it."""
        code, text = run("demo", "--rate", "999999999999999999")
        err = capsys.readouterr().err.strip().splitlines()
        assert (2, "") == (code, text)
        assert 1 == len(err)
        assert "the converted amount is too large" in err[0]

    def test_whole_cents_are_accepted_with_trailing_zeros(self):
        """0.010 is a whole cent."""
        code, text = run("fees", "0.010", "--on", "2024-01-10")
        assert 0 == code
        assert "USD 0.01" in text

    def test_text(self):
        """The demo walks every step and states its figures."""
        code, text = run("demo")
        assert 0 == code
        for step in (
            "1. The offer",
            "2. The client's first message",
            "3. Funded",
            "4. Upwork's service fee",
            "5. Getting it to Pakistan",
            "6. What the client's feedback",
        ):
            assert step in text
        assert "VAGUE_MILESTONE" in text
        assert "START_BEFORE_FUNDING" in text
        assert "2026-03-23 15:30:00 UTC" in text
        assert "USD 90.00" in text
        assert "PKR 219,498.05" in text
        assert "at least 274.06 PKR per USD" in text
        assert "the rate Upwork publishes" in text

    def test_offered_rate(self):
        """--offered-rate 277.20 quotes Direct to Local Bank at that rate: PKR 222,014.99."""
        code, text = run("demo", "--offered-rate", "277.20")
        assert 0 == code
        assert "PKR 222,014.99" in text
        assert "at least 274.06" not in text

    def test_json_and_locale(self):
        """--json gives the demo's key figures; the story is the same in any locale."""
        code, text = run("demo", "--json")
        data = json.loads(text)
        assert 0 == code
        assert ["VAGUE_MILESTONE"] == data["milestone_findings"]["vague"]
        assert [] == data["milestone_findings"]["specific"]
        assert "2026-03-23T15:30:00+00:00" == data["auto_release_at"]
        assert {"amount": "90.00", "currency": "USD"} == data["service_fee"]
        assert "274.05756" == data["break_even_rate"]["rate"]
        _, plain = run("demo")
        _, urdu = run("demo", "--locale", "ur_PK")
        assert "PKR 219,498.05" in plain
        assert "Rs219,498.05" in urdu


class TestEdges:
    def test_no_method_can_deliver(self):
        """$1 cannot be withdrawn by any method; each reason is listed."""
        code, text = run("withdraw", "1", "--rate", "280")
        assert 0 == code
        words = " ".join(text.split())
        assert "No method can deliver this amount" in words
        assert "below the Direct to Local Bank (PKR) minimum of USD 5.00" in words

    def test_timeline_text(self, tmp_path):
        """--timeline prints the score over time."""
        code, text = run(
            "jss",
            str(history_file(tmp_path)),
            "--as-of",
            "2025-07-01",
            "--timeline",
            "--days",
            "14",
        )
        assert 0 == code
        assert "Timeline" in text
        assert "2025-06-17" in text

    def test_default_dates_come_from_the_clock(self, monkeypatch, tmp_path):
        """Without --on/--now the CLI (and only the CLI) uses today's date and time."""
        from datetime import datetime, timezone

        from upwork_safety import cli

        monkeypatch.setattr(cli, "_today", lambda: date(2023, 12, 4))
        monkeypatch.setattr(cli, "_now", lambda: datetime(2026, 3, 10, tzinfo=timezone.utc))
        _, text = run("rules", "--json")
        assert "2023-12-04" == json.loads(text)["on"]
        _, text = run("check", str(TestCheck().contract_file(tmp_path)), "--json")
        assert "2026-03-10T00:00:00+00:00" == json.loads(text)[0]["now"]

    def test_clock_helpers_read_one_utc_clock(self, monkeypatch):
        """--now defaults to the UTC clock to the second, --on to its UTC day (a fixed clock here)."""
        from datetime import datetime, timezone

        from upwork_safety import cli

        late = datetime(2026, 3, 10, 23, 59, 59, 999_999, tzinfo=timezone.utc)
        monkeypatch.setattr(cli, "_clock", lambda: late)
        assert datetime(2026, 3, 10, 23, 59, 59, tzinfo=timezone.utc) == cli._now()
        assert timedelta(0) == cli._now().utcoffset()
        assert date(2026, 3, 10) == cli._today()

    def test_library_error_is_one_line(self, tmp_path, capsys):
        """An error from an engine (hours without a rate) is one line, exit 2."""
        from datetime import datetime, timezone

        from upwork_safety.models import TimeEntry

        start = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)
        contract = Contract(
            "h1",
            "acme",
            ContractKind.HOURLY,
            date(2026, 3, 1),
            time_entries=[TimeEntry(start, start + timedelta(hours=1), memo="x", activity=5)],
        )
        path = tmp_path / "h.json"
        path.write_text(serialize.to_json(contract), "utf-8")
        code, _ = run("check", str(path), "--now", "2026-03-03T00:00:00+00:00")
        err = capsys.readouterr().err.strip().splitlines()
        assert 2 == code
        assert 1 == len(err)
        assert err[0].startswith("upwork-safety check: error: ")

    def test_broken_pipe_is_quiet(self):
        """Output piped into a closed reader (e.g. head) stops without a traceback."""

        class Closed(io.StringIO):
            def write(self, text):
                raise BrokenPipeError

        assert 0 == main(["rules"], out=Closed())

    def test_durations_read_naturally(self):
        """Durations print as days, hours or minutes."""
        from upwork_safety._cli._printer import duration as _duration

        assert ["14 days", "1 day", "12 hours", "10 minutes", "0:00:01.500000"] == [
            _duration(timedelta(days=14)),
            _duration(timedelta(days=1)),
            _duration(timedelta(hours=12)),
            _duration(timedelta(minutes=10)),
            _duration(timedelta(seconds=1.5)),
        ]


def test_broken_pipe_in_a_real_pipe():
    """`upwork-safety rules | head -1` ends quietly with status 0."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "upwork_safety", "rules", "--on", "2024-01-01"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )
    assert proc.stdout is not None
    proc.stdout.read(10)
    proc.stdout.close()
    _, err = proc.communicate()
    assert (0, b"") == (proc.returncode, err)


def test_huge_timeline_and_empty_file(tmp_path, capsys):
    """A timeline reaching before year 1 and an empty list file are clear errors."""
    code, _ = run(
        "jss",
        str(history_file(tmp_path)),
        "--as-of",
        "2025-06-30",
        "--timeline",
        "--days",
        "36500",
    )
    empty = tmp_path / "empty.json"
    empty.write_text("[]", "utf-8")
    code2, _ = run("check", str(empty))
    err = capsys.readouterr().err.strip().splitlines()
    assert (2, 2) == (code, code2)
    assert "--days 36500: no JSS rules are known before 2015-03-01, asked for 1925-07-27" in err[0]
    assert "empty list" in err[1]


def test_library_rules_error_passes_through(capsys):
    """A fee error from the library is one line on stderr, as the library words it."""
    code, _ = run("fees", "600", "--on", "2020-03-01", "--fee-rate", "0.12")
    err = capsys.readouterr().err.strip().splitlines()
    assert 2 == code
    assert 1 == len(err)
    assert "sliding scale" in err[0]


class TestWhatANewUserMeets:
    """The command line as a newcomer meets it (issue 17): help, options anywhere, clean output."""

    def test_version(self, capsys):
        """--version prints the program and the installed version."""
        from upwork_safety import __version__

        with pytest.raises(SystemExit) as info:
            main(["--version"])
        assert 0 == info.value.code
        assert f"upwork-safety {__version__}" == capsys.readouterr().out.strip()

    def test_bare_command_prints_usage_and_the_commands(self, capsys):
        """No command: usage and every command with its one-line help, on stderr, exit 2."""
        code, text = run()
        err = capsys.readouterr().err
        assert (2, "") == (code, text)
        assert err.startswith("usage: upwork-safety")
        for name in (
            "demo",
            "fees",
            "withdraw",
            "jss",
            "check",
            "week",
            "scan",
            "statement",
            "rules",
        ):
            assert f"    {name} " in err

    @pytest.mark.parametrize(
        "argv",
        [
            ["--json", "fees", "500", "--on", "2024-01-10"],
            ["fees", "--json", "500", "--on", "2024-01-10"],
            ["fees", "500", "--on", "2024-01-10", "--json"],
        ],
    )
    def test_json_before_or_after_the_command(self, argv):
        """--json works before the command and after it, with the same result."""
        code, text = run(*argv)
        assert 0 == code
        assert {"amount": "50.00", "currency": "USD"} == json.loads(text)["fee"]

    def test_locale_before_the_command(self):
        """--locale before the command formats amounts too."""
        _, text = run("--locale", "en_PK", "fees", "500", "--on", "2024-01-10")
        assert "US$450.00" in text

    @pytest.mark.parametrize(
        "argv",
        [
            ["rules", "--on", "2025-06-02"],
            ["fees", "1000", "--on", "2025-06-02", "--fee-rate", "12%"],
            ["withdraw", "900", "--rate", "280", "--offered-rate", "277.20"],
            ["demo"],
            ["scan", "Bhai payment bahar kar dein, mera WhatsApp 0300 1234567 hai"],
            ["statement", "docs/examples/synthetic-transactions-report.csv", "--by", "tax-year"],
        ],
        ids=lambda argv: argv[0],
    )
    def test_output_fits_100_columns_without_a_leading_blank_line(self, argv, monkeypatch):
        """Every command's text fits a 100-column terminal and starts with its first heading."""
        monkeypatch.chdir(Path(__file__).resolve().parent.parent)
        code, text = run(*argv)
        assert 0 == code
        assert text.splitlines()[0].strip()
        assert [] == [line for line in text.splitlines() if len(line) > 100]

    def test_jss_fits_100_columns(self, tmp_path):
        """The jss table wraps each contract's reasons inside 100 columns."""
        code, text = run("jss", str(history_file(tmp_path)), "--as-of", "2025-06-30")
        assert 0 == code
        assert [] == [line for line in text.splitlines() if len(line) > 100]

    def test_one_money_style(self):
        """Tables, headings and the library's own messages all write money as 'USD 900.00'."""
        _, text = run("demo")
        assert "USD 900.00" in text
        assert "PKR 219,498.05" in text
        assert "US$" not in text
        assert "Rs" not in text.replace("Rs ", "")

    def test_the_now_example_is_accepted_when_fed_back(self, tmp_path, capsys):
        """The moment the --now error suggests is accepted as it is."""
        path = history_file(tmp_path)
        with pytest.raises(SystemExit):
            main(["check", str(path), "--now", "2026-11-26"])
        err = capsys.readouterr().err
        suggestion = err.split("e.g. ", 1)[1].split(" ", 1)[0]
        assert "2026-11-26T00:00:00+00:00" == suggestion
        assert 0 == run("check", str(path), "--now", suggestion)[0]

    def test_messages_name_options_not_library_arguments(self, capsys):
        """A fee rate outside the schedule names --fee-rate, never the library's rate=."""
        code, text = run("fees", "1000", "--on", "2025-06-02", "--fee-rate", "20%")
        err = capsys.readouterr().err
        assert (2, "") == (code, text)
        assert "--fee-rate 20%" in err
        assert "rate=" not in err

    def test_a_day_before_the_tax_rules_asks_for_tax_none(self, capsys):
        """withdraw --on 2021-01-01 says to give --tax none, not the library's tax_rate=."""
        code, _ = run("withdraw", "900", "--rate", "280", "--on", "2021-01-01")
        err = capsys.readouterr().err
        assert 2 == code
        assert "--tax none" in err
        assert "tax_rate" not in err
        assert (
            0 == run("withdraw", "900", "--rate", "280", "--on", "2021-01-01", "--tax", "none")[0]
        )

    def test_a_day_before_the_jss_rules_names_as_of(self, tmp_path, capsys):
        """jss --as-of 2014-01-01 names the option and the first day, not rules=."""
        code, _ = run("jss", str(history_file(tmp_path)), "--as-of", "2014-01-01")
        err = capsys.readouterr().err
        assert 2 == code
        assert "--as-of 2014-01-01" in err
        assert "rules=" not in err

    def test_rules_before_the_jss_launch(self):
        """rules --on 2010-01-01 works and says the score did not exist yet."""
        code, text = run("rules", "--on", "2010-01-01")
        assert 0 == code
        assert "not launched yet" in text


def test_tax_note_reads_the_rates_in_force(monkeypatch):
    """The withdraw and demo tax line is read from the dated s.154A rules, not written out.

    A later rule set (a what-if 0.5% for PSEB-registered freelancers from
    2030) shows on and after its day, and the 2022 rates before it.
    """
    import attrs as _attrs

    from upwork_safety import rules as _rules
    from upwork_safety._cli._fees import tax_note

    later = _attrs.evolve(
        _rules.EXPORT_TAX_2022, effective=date(2030, 1, 1), pseb_registered=Decimal("0.005")
    )
    history = _rules.RuleHistory("export tax rules", (_rules.EXPORT_TAX_2022, later))
    monkeypatch.setattr(_rules, "EXPORT_TAX_HISTORY", history)
    assert "0.5% if you are PSEB-registered" in tax_note(date(2030, 1, 1), "standard")
    assert "0.25% if you are PSEB-registered" in tax_note(date(2029, 12, 31), "standard")
    assert tax_note(None, "pseb").startswith("(0.5% income tax")
    assert "--tax none" in tax_note(None, "none")


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (("rules", "--on", "2025-W23-1"), "expected an ISO date like"),
        (("rules", "--on", "20250602"), "expected an ISO date like"),
        (("rules", "--on", "2025-153"), "expected an ISO date like"),
        (("jss", "H", "--now", "20250602T100000+0500"), "expected an ISO datetime like"),
        (("jss", "H", "--now", "2025-06-02T10:00:00,5+00:00"), "expected an ISO datetime like"),
        (("jss", "H", "--now", "2025-06-02T10:00"), "has no UTC offset"),
    ],
)
def test_dates_on_the_command_line_follow_the_json_files_rule(argv, shown, capsys, tmp_path):
    """Regression (red team): week dates, ordinal dates and basic format were accepted here.

    The JSON files refuse them, so the command line reads dates the same one way.
    """
    argv = tuple(str(history_file(tmp_path)) if a == "H" else a for a in argv)
    if "--now" in argv and argv[0] == "jss":
        argv = ("check", *argv[1:])
    with pytest.raises(SystemExit) as done:
        run(*argv)
    assert 2 == done.value.code
    assert shown in capsys.readouterr().err
    assert 0 == run("rules", "--on", "2025-06-02")[0]


def test_a_json_file_with_a_byte_order_mark_is_read(tmp_path, capsys):
    """Regression (red team): a UTF-8 BOM (Notepad writes one) was refused as invalid JSON.

    The statement command already took one; now every file does.
    """
    plain = history_file(tmp_path)
    marked = tmp_path / "marked.json"
    marked.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())
    assert run("jss", str(plain), "--as-of", "2025-06-30") == run(
        "jss", str(marked), "--as-of", "2025-06-30"
    )
    # A byte that is not UTF-8 after the mark is named by its offset in the file.
    broken = tmp_path / "broken.json"
    broken.write_bytes(b"\xef\xbb\xbf[\xff")
    capsys.readouterr()
    assert 2 == run("jss", str(broken), "--as-of", "2025-06-30")[0]
    assert "not UTF-8 text from byte 4" in capsys.readouterr().err


def test_scan_reads_standard_input_and_files(monkeypatch, tmp_path, capsys):
    """Fifth round (newcomer): `echo ... | upwork-safety scan -` scanned the text "-" and said
    "No findings".  "-" now reads standard input, and --file a UTF-8 file."""
    message = "Please start now, I'll fund the milestone later"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(message.encode())))
    code, out = run("scan", "--json", "-")
    assert 0 == code
    assert ["START_BEFORE_FUNDING"] == [f["code"] for f in json.loads(out)["findings"]]
    path = tmp_path / "message.txt"
    path.write_text(message + "\nThanks!\n", encoding="utf-8")
    code, out = run("scan", "--json", "--file", str(path))
    assert ["START_BEFORE_FUNDING"] == [f["code"] for f in json.loads(out)["findings"]]
    for args in (("scan",), ("scan", "text", "--file", str(path))):
        code, out = run(*args)
        assert (2, "") == (code, out)
        assert "--file" in capsys.readouterr().err


def test_scan_refuses_an_empty_message(monkeypatch, tmp_path, capsys):
    """Newcomer 8: `scan ""` said "No findings", hiding a quoting mistake; it is refused."""
    path = tmp_path / "empty.txt"
    path.write_text(" \n", encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    for args, where in (
        (("scan", ""), "the message"),
        (("scan", "  \t"), "the message"),
        (("scan", "-"), "standard input"),
        (("scan", "--file", str(path)), str(path)),
    ):
        assert (2, "") == run(*args)
        err = capsys.readouterr().err
        assert f"{where} is empty" in err


def test_scan_refuses_a_message_that_shows_nothing(tmp_path, capsys):
    """Review r8 #7: a zero-width space alone said "No findings"; it is refused as empty."""
    path = tmp_path / "zero-width.txt"
    path.write_text("\u200b\n", encoding="utf-8")
    for args, where in (
        (("scan", "\u200b"), "the message"),
        (("scan", " \u2060\u200d "), "the message"),
        (("scan", "--file", str(path)), str(path)),
    ):
        assert (2, "") == run(*args)
        assert f"{where} is empty" in capsys.readouterr().err


def test_scan_dash_without_a_byte_stream(monkeypatch, capsys):
    """Review: with sys.stdin a StringIO (a notebook) or None (pythonw), scan - raised
    AttributeError; a text stream is read as text, and no stream is a clear error."""
    monkeypatch.setattr(
        sys, "stdin", io.StringIO("Please start now, I'll fund the milestone later")
    )
    code, out = run("scan", "--json", "-")
    assert (0, ["START_BEFORE_FUNDING"]) == (code, [f["code"] for f in json.loads(out)["findings"]])
    monkeypatch.setattr(sys, "stdin", None)
    assert (2, "") == run("scan", "-")
    assert "standard input" in capsys.readouterr().err


def test_scan_dash_reads_a_byte_stream_and_refuses_a_closed_one(monkeypatch, capsys):
    """Second review: a BytesIO in place of stdin was passed on as bytes, and a closed
    stream raised a ValueError traceback."""
    monkeypatch.setattr(sys, "stdin", io.BytesIO(b"Please start now, I'll fund later"))
    code, out = run("scan", "--json", "-")
    assert (0, ["START_BEFORE_FUNDING"]) == (code, [f["code"] for f in json.loads(out)["findings"]])
    closed = io.StringIO("x")
    closed.close()
    monkeypatch.setattr(sys, "stdin", closed)
    assert (2, "") == run("scan", "-")
    assert "standard input" in capsys.readouterr().err


# --------------------------------------------------------------------------- red team (loading)

#: Characters that act on a terminal: escape, bell, carriage return, a C1 CSI, a bidi override.
ACTING = ("\x1b", "\x07", "\r", "\x9b", "\u202e")


def _escape_contract(tmp_path, **fields):
    data = {"id": "c1", "client": "acme", "kind": "fixed_price", "started": "2025-06-02"}
    data.update(fields)
    path = tmp_path / "esc.json"
    path.write_text(json.dumps([data]), "utf-8")
    return path


def test_check_refuses_ids_with_unseen_characters_and_prints_them_escaped(tmp_path, capsys):
    """Regression (red team): a contract id with an OSC title sequence and a screen clear
    reached the terminal as it was. Since review r39 (review 2) such an id is refused when
    the file is read; the refusal names the place and shows the id escaped, so nothing in it
    acts on the terminal."""
    path = _escape_contract(
        tmp_path,
        id="c\x1b]0;pwned\x07\x1b[2J",
        milestones=[
            {"id": "m\r1\u202e", "title": "Logo\x1b[8m hidden",
             "amount": {"amount": "150.00", "currency": "USD"}},
        ],
    )  # fmt: skip
    code, text = run("check", str(path), "--now", "2025-06-02T10:00:00+00:00")
    err = capsys.readouterr().err
    assert (2, "") == (code, text)
    assert "$[0]" in err
    assert "\\x1b" in err or "\\r" in err
    assert [] == [char for char in ACTING if char in err]


def test_jss_refuses_contract_and_client_ids_with_unseen_characters_escaped(tmp_path, capsys):
    """The jss command refuses such ids the same way, escaped (review r39, review 2)."""
    path = _escape_contract(
        tmp_path,
        id="shop\x1b[31m\x9b2J",
        client="north\rwind",
        ended="2025-06-20",
        payments=[{"on": "2025-06-20", "amount": {"amount": "400.00", "currency": "USD"}}],
    )
    code, text = run("jss", str(path), "--as-of", "2025-06-30")
    err = capsys.readouterr().err
    assert (2, "") == (code, text)
    assert "\\x1b" in err or "\\r" in err
    assert [] == [char for char in ACTING if char in err]


def test_audit_prose_prints_a_contract_title_escaped(tmp_path):
    """Regression (red team r15 M1): a fee mismatch's line quoted the client-written
    contract title raw (an escape sequence, a right-to-left override)."""
    header = (
        "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,"
        "Description 1,Description 2,Description 3,Agency,Freelancer,Team,Account Name,PO,"
        "Ref ID,Amount $,Amount in local currency,Currency,Current Balance $,Payment Method\n"
    )
    title = "Site\x1b[2J\u202e)sgnittes("
    path = tmp_path / "report.csv"
    path.write_text(
        header
        + f'"Aug 04, 2024",81,Service Fee,"{title}",,,,,,,Initech,,,,-15.00,,,85.00,\n'
        + f'"Aug 04, 2024",81,Fixed-price,"{title}",,,,,,,Initech,,,,100.00,,,100.00,\n',
        encoding="utf-8",
    )
    code, text = run("statement", str(path), "--audit")
    assert 0 == code
    assert "USD 5.00 above" in text
    assert "Site\\x1b[2J\\u202e)sgnittes(" in " ".join(text.split())
    assert [] == [char for char in ACTING if char in text]


def test_locale_amounts_keep_their_spaces_and_marks(tmp_path):
    """Escaping touches data from the input, not the amounts a locale writes (no-break spaces)."""
    code, text = run("withdraw", "900", "--rate", "280", "--locale", "fr_FR")
    assert 0 == code
    assert "\u202f" in text or "\xa0" in text
    assert "\\u202f" not in text
    assert "\\xa0" not in text


def test_joiners_are_shown_while_bidi_overrides_are_escaped():
    """Review: the Urdu non-joiner and the joiner of emoji sequences were escaped as well."""
    from upwork_safety._cli._printer import shown

    urdu = "\u0645\u06cc\u200c\u0646"  # a word with a zero-width non-joiner
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert urdu == shown(urdu)
    assert family == shown(family)
    assert "c\\u202e1" == shown("c\u202e1")  # a right-to-left override still escaped
    assert "a\\x1b[2Jb" == shown("a\x1b[2Jb")


def test_errors_on_standard_error_are_escaped(tmp_path, capsys):
    """Regression (red team): a repeated JSON key with ANSI escapes reached the terminal."""
    path = tmp_path / "dup.json"
    path.write_text('{"x\\u001b[31mRED": 1, "x\\u001b[31mRED": 2}', "utf-8")
    assert 2 == run("check", str(path))[0]
    err = capsys.readouterr().err
    assert "  $['x\\x1b[31mRED']: duplicate key" in err.splitlines()
    code, _ = run("jss", str(_escape_contract(tmp_path)), "--exclude-client", "x\x1b[2J\udcff")
    err = capsys.readouterr().err
    assert 2 == code
    assert "--exclude-client 'x\\x1b[2J\\udcff':" in err  # quoted, cut short (r25 H5)
    assert [] == [char for char in (*ACTING, "\udcff") if char in err]


def test_jss_names_the_files_elements_that_repeat_an_id(tmp_path, capsys):
    """Review: two contracts with id "shop" said "contracts has two contracts with id 'shop'",
    the library's argument; now every repeat is named by its place in the file."""
    shop = {"id": "shop", "client": "northwind", "kind": "fixed_price", "started": "2025-01-06"}
    other = {**shop, "id": "api"}
    path = tmp_path / "dup.json"
    path.write_text(json.dumps([shop, other, shop, shop]), "utf-8")
    assert (2, "") == run("jss", str(path), "--as-of", "2025-06-01")
    lines = capsys.readouterr().err.splitlines()
    assert f"upwork-safety jss: error: {path}: 2 problems:" == lines[0]
    assert [
        "  $[2].id: 'shop' is also the id of $[0]",
        "  $[3].id: 'shop' is also the id of $[0]",
    ] == [line.split(";")[0] for line in lines[1:]]
    assert "contracts has" not in "\n".join(lines)


def test_a_contracts_file_over_the_json_limit_is_refused_before_reading(tmp_path, capsys):
    """A JSON file of contracts over 10 MB is refused unread: "[{},{},…]" cost 23 times
    its size in memory before it was refused."""
    from upwork_safety import cli

    assert 10_000_000 == cli.MAX_JSON_BYTES
    path = tmp_path / "big.json"
    path.write_text("[" + "{}," * (cli.MAX_JSON_BYTES // 3) + "{}]", "utf-8")
    assert (2, "") == run("check", str(path))
    err = capsys.readouterr().err
    assert f"upwork-safety check: error: {path}: larger than 10,000,000 bytes" in err


def test_argparse_errors_are_escaped_too(capsys):
    """An unrecognized argument is quoted by argparse as it is; the CLI escapes it."""
    with pytest.raises(SystemExit) as info:
        main(["rules", "x\x1b[2J"])
    err = capsys.readouterr().err
    assert 2 == info.value.code
    assert "unrecognized arguments: x\\x1b[2J" in err
    assert "\x1b" not in err


def test_a_statement_with_a_repeated_problem_counts_it_once(tmp_path, capsys):
    """Review r8 #11: the CLI's list of problems adds no "… and N more" for lines a note counts."""
    lines = REPORT_CSV.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    rewritten = [lines[0], *(re.sub(r'^"[^"]*"', "8/5/2024", line) for line in lines[1:])]
    saved = tmp_path / "rewritten.csv"
    saved.write_text("".join(rewritten), encoding="utf-8")
    capsys.readouterr()
    assert 2 == run("statement", str(saved))[0]
    err = capsys.readouterr().err
    assert "more lines, not listed: lines 5 to" in err
    assert "… and" not in err


def test_a_statement_saved_as_windows_1252_names_the_byte_and_line(tmp_path, capsys):
    """A spreadsheet's CP-1252 re-save: the first byte that is not UTF-8 and its line are named."""
    text = REPORT_CSV.read_bytes()
    at = text.index(b"Northwind Traders") + len(b"Northwind Tr")
    saved = tmp_path / "resaved.csv"
    saved.write_bytes(text[:at] + b"\xe9" + text[at + 1 :])
    capsys.readouterr()
    assert 2 == run("statement", str(saved))[0]
    line = text[:at].count(b"\n") + 1
    assert f"not UTF-8 text from byte {at} (line {line})" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("data", "where"),
    [
        # A character cut by the chunk boundary, then a byte that cannot continue it.
        (b"a\n" * 32_767 + b"a\xc3(", (65_535, 32_768)),
        # A character cut by the end of the file.
        (b"ab\ncd\xe2\x82", (5, 2)),
        (b"all good\n", None),
    ],
)
def test_the_first_byte_that_is_not_utf8_is_found_across_chunks(tmp_path, data, where):
    """The re-read that finds the bad byte counts the file's bytes and lines, chunk by chunk."""
    from upwork_safety.cli import _first_bad_byte

    path = tmp_path / "f.csv"
    path.write_bytes(data)
    assert where == _first_bad_byte(str(path), 1_000_000)


def _documented_keys(command: str) -> set[str]:
    """The top-level keys docs/cli.md's JSON table gives for *command* (nested ones dropped)."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text("utf-8")
    (row,) = [line for line in text.splitlines() if line.startswith(f"| `{command}` | `{{")]
    document = row.split("`", 3)[3]
    document = document[: document.index("}`") + 1]
    while True:  # drop nested objects and lists until only the top level is left
        flat = re.sub(r"\{[^{}]*\}|\[[^\[\]]*\]", "", document[1:-1])
        if flat == document[1:-1]:
            break
        document = "{" + flat + "}"
    return set(re.findall(r'"(\w+)"', document))


@pytest.mark.parametrize(
    ("command", "argv"),
    [
        ("fees", ("fees", "100", "--on", "2025-06-01", "--json")),
        ("rules", ("rules", "--on", "2025-06-01", "--json")),
        ("scan", ("scan", "--json", "Add me on telegram @recruiter_jo")),
    ],
)
def test_the_json_table_in_the_docs_names_every_top_level_key(command, argv):
    """docs/cli.md's table of JSON documents says what each command writes, no more, no less."""
    code, text = run(*argv)
    assert 0 == code or command == "scan"
    assert _documented_keys(command) == set(json.loads(text))


def test_a_line_of_the_longest_length_keeps_its_crlf():
    """Red team r12 #6: a line of exactly MAX_LINE_CHARS characters ending in CRLF was
    read as "...\\r" and a line "\\n" of its own, so every later line number in the
    statement command's errors was one too high."""
    from upwork_safety import statements
    from upwork_safety.cli import _bounded_lines

    longest = "x" * statements.MAX_LINE_CHARS
    text = f"a,b\r\n{longest}\r\nc,d\r\n"
    lines = list(_bounded_lines(io.StringIO(text, newline=""), statements.MAX_LINE_CHARS))
    assert text.splitlines(keepends=True) == lines
    over = f"{longest}y\r\n"
    read = list(_bounded_lines(io.StringIO(over, newline=""), statements.MAX_LINE_CHARS))
    assert len(read[0]) == statements.MAX_LINE_CHARS + 2  # refused by the parser's bound
    header = (
        "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
        "Amount in local currency,Currency,Balance\r\n"
    )
    bad = "2024-08-05,1,Fixed Price,Invoice,,,Initech,,,4oo,,,400.00\r\n"
    for middle, lines in (
        (longest, ["line 2", "line 3, column 10 (Amount)"]),  # the bad amount is on line 3
        (longest + "y", ["line 2"]),  # one character over: refused, naming its line
    ):
        source = io.StringIO(header + middle + "\r\n" + bad, newline="")
        with pytest.raises(InvalidDataError) as info:
            statements.parse(_bounded_lines(source, statements.MAX_LINE_CHARS))
        assert lines == [problem.path for problem in info.value.problems]


def test_statement_shows_a_column_whose_total_is_zero(tmp_path):
    """Red team r12 #4: a $50 credit in January and its reversal in February total zero,
    and the `other` column was left out, so both months read as all zeros."""
    header = (
        "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
        "Amount in local currency,Currency,Balance\n"
    )
    path = tmp_path / "adjustments.csv"
    path.write_text(
        header
        + "2024-02-05,900004,Adjustment,Reversal of credit,,,Initech,,,-50.00,,,0.00\n"
        + "2024-01-05,900003,Adjustment,Goodwill credit,,,Initech,,,50.00,,,50.00\n",
        encoding="utf-8",
    )
    code, text = run("statement", str(path))
    assert 0 == code
    rows = {line.split()[0]: line for line in text.splitlines() if line.startswith("  20")}
    assert "other" in text
    assert "USD 50.00" in rows["2024-01"]
    assert "USD -50.00" in rows["2024-02"]


class TestStatementAudit:
    """statement --audit: the library's fee audit, in text and as JSON."""

    def test_text_names_the_fee_not_as_scheduled(self):
        code, text = run("statement", str(REPORT_CSV), "--audit")
        assert 0 == code
        audit = text[text.index("Service fees, checked") :]
        assert "overcharged         USD 1.00" in audit
        assert "Fee line 9: charged USD 61.00 on USD 600.00 (line 10, 2024-07-15" in audit

    def test_json_gives_the_audit_as_data(self):
        from upwork_safety import statements

        code, text = run("statement", str(REPORT_CSV), "--audit", "--json")
        assert 0 == code
        data = json.loads(text)["fee_audit"]
        audit = statements.audit_fees(statements.parse(REPORT_CSV.read_text("utf-8")))
        assert (len(audit.checks), {"amount": "1.00", "currency": "USD"}) == (
            data["checked"],
            data["overcharged"],
        )
        (wrong,) = data["mismatches"]
        assert ([9], 10, {"amount": "1.00", "currency": "USD"}, "flat") == (
            wrong["fee_lines"],
            wrong["income_line"],
            wrong["excess"],
            wrong["basis"],
        )
        assert ([], [], []) == (
            data["not_checked"],
            data["income_without_fee"],
            data["mixed_rates"],
        )

    def test_without_the_option_there_is_no_audit(self):
        code, text = run("statement", str(REPORT_CSV), "--json")
        assert 0 == code
        assert "fee_audit" not in json.loads(text)

    def test_a_double_charge_is_reported_from_the_command_line(self, tmp_path):
        header = (
            "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
            "Amount in local currency,Currency,Balance\n"
        )
        fee = "Service Fee,Service Fee for Ref ID 900001,,,Initech,,,-40.00,,,"
        path = tmp_path / "twice.csv"
        path.write_text(
            header
            + f"2024-08-05,900003,{fee}320.00\n"
            + f"2024-08-05,900002,{fee}360.00\n"
            + "2024-08-05,900001,Fixed Price,Invoice,,,Initech,,,400.00,,,400.00\n",
            encoding="utf-8",
        )
        code, text = run("statement", str(path), "--audit")
        assert 0 == code
        assert "overcharged         USD 40.00" in text
        # The check's own order (fee, the first charged, then more_fees), as --json and repr
        # give it; the text sorted them (review r25 leftovers 3).
        assert "Fee lines 3, 2: charged USD 80.00 on USD 400.00" in text
        code, text = run("statement", str(path), "--audit", "--json")
        (wrong,) = json.loads(text)["fee_audit"]["mismatches"]
        assert (0, [3, 2]) == (code, wrong["fee_lines"])

    @staticmethod
    def _fifteen_percent(tmp_path):
        """A 2025 payment of $100 charged $15: a contract's own 15%, which the export hides."""
        path = tmp_path / "own-rate.csv"
        path.write_text(
            "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
            "Amount in local currency,Currency,Balance\n"
            "2025-06-02,900002,Service Fee,Service Fee for Ref ID 900001,,,Initech,,,-15.00,,,85.00\n"
            "2025-06-02,900001,Fixed Price,Invoice,,,Initech,,,100.00,,,100.00\n",
            encoding="utf-8",
        )  # fmt: skip
        return path

    def test_a_mismatch_in_json_gives_its_allowed_range_and_verdict(self, tmp_path):
        """Left open r42: ``--json`` lacked the range and verdict ``FeeAudit.to_records()`` has.

        A 2025 payment of $100 charged $20 on an assumed rate: the schedule allows $0 to $15,
        so the excess ($5) is measured from the range's end, not from the fee expected.
        """
        path = tmp_path / "over.csv"
        path.write_text(
            "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
            "Amount in local currency,Currency,Balance\n"
            "2025-06-02,900002,Service Fee,Service Fee for Ref ID 900001,,,Initech,,,-20.00,,,80.00\n"
            "2025-06-02,900001,Fixed Price,Invoice,,,Initech,,,100.00,,,100.00\n",
            encoding="utf-8",
        )  # fmt: skip
        code, text = run("statement", str(path), "--audit", "--json")
        (wrong,) = json.loads(text)["fee_audit"]["mismatches"]
        records = statements.audit_fees(statements.parse(path.read_text("utf-8")))
        (record,) = records.to_records()
        usd = [{"amount": amount, "currency": "USD"} for amount in ("0.00", "15.00", "5.00")]
        assert (0, usd[:2], usd[2], usd[1]) == (
            code,
            wrong["allowed"],
            wrong["excess"],
            wrong["excess_from"],
        )
        assert (record["verdict"], record["allowed_high"]) == (wrong["verdict"], Decimal("15.00"))
        assert wrong["verdict"].startswith("USD 5.00 above")

    def test_an_empty_statement_has_no_total_in_json(self, tmp_path):
        """Red team r16 L4: "total" carried the placeholder dates 0001-01-01; now null."""
        path = tmp_path / "empty.csv"
        path.write_text(
            "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
            "Amount in local currency,Currency,Balance\n",
            encoding="utf-8",
        )
        code, text = run("statement", str(path), "--json")
        document = json.loads(text)
        assert (0, [], None, None, None) == (
            code,
            document["rows"],
            document["from"],
            document["to"],
            document["total"],
        )

    def test_the_contract_rate_is_given_on_the_command_line(self, tmp_path):
        """Newcomer r14 #5: the audit's note asked for rate=, which the CLI had no option for."""
        path = self._fifteen_percent(tmp_path)
        code, text = run("statement", str(path), "--audit", "--json")
        assert (0, 1) == (code, json.loads(text)["fee_audit"]["on_assumed_rate"])
        code, text = run("statement", str(path), "--audit", "--json", "--fee-rate", "15%")
        audit = json.loads(text)["fee_audit"]
        assert (0, 0, []) == (code, audit["on_assumed_rate"], audit["mismatches"])

    def test_the_fee_rate_keeps_its_older_name(self, tmp_path):
        """API review r20 L6: ``--fee-rate`` (``withdraw --rate`` is PKR per USD); ``--rate`` works."""
        path = self._fifteen_percent(tmp_path)
        given = [
            run("statement", str(path), "--audit", "--json", o, "15%")
            for o in ("--fee-rate", "--rate")
        ]
        assert given[0] == given[1]
        assert 0 == json.loads(given[0][1])["fee_audit"]["on_assumed_rate"]

    @pytest.mark.parametrize(
        ("argv", "said"),
        [
            (["--fee-rate", "15%"], "--fee-rate and --contract-rate are the audit's"),
            (["--rate", "15%"], "--fee-rate and --contract-rate are the audit's"),
            (["--audit", "--contract-rate", "15%"], "needs a contract title"),
            (["--audit", "--contract-rate", "Logo=15%", "--contract-rate", "Logo=10%"], "twice"),
            # A Transaction History names no contract (review r14 #10: the library's rates=).
            (["--audit", "--contract-rate", "Invoice=15%"], "use --fee-rate for every contract"),
        ],
    )
    def test_contract_rates_are_refused_when_they_cannot_apply(self, tmp_path, capsys, argv, said):
        code, _ = run("statement", str(self._fifteen_percent(tmp_path)), *argv)
        assert 2 == code
        assert said in capsys.readouterr().err


def test_statement_unknown_types(tmp_path, capsys):
    """--unknown-types other reads a row of an unknown type word under `other`, named in
    the notes; without it the error says how."""
    path = tmp_path / "referral.csv"
    path.write_text(
        "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
        "Amount in local currency,Currency,Balance\n"
        "2024-08-06,900002,Referral Bonus,Referral,,,Initech,,,25.00,,,425.00\n"
        "2024-08-05,900001,Fixed Price,Invoice,,,Initech,,,400.00,,,400.00\n",
        encoding="utf-8",
    )
    code, _ = run("statement", str(path))
    assert 2 == code
    assert "--unknown-types other" in capsys.readouterr().err
    code, text = run("statement", str(path), "--unknown-types", "other", "--json")
    assert 0 == code
    data = json.loads(text)
    assert {"amount": "25.00", "currency": "USD"} == data["total"]["other"]
    assert any("Referral Bonus" in note for note in data["notes"])


# --------------------------------------------------------------------------- red team r16 L2
# A refusal names the command's option, never the library argument it fills.


@pytest.mark.parametrize(
    ("argv", "option", "library"),
    [
        (["jss", "x.json", "--as-of", "9999-12-31"], "argument --as-of:", "as_of"),
        (["fees", "1000", "--on", "9999-01-01"], "argument --on:", "on must"),
        (["rules", "--on", "9999-12-31"], "argument --on:", "on must"),
        (["withdraw", "100", "--rate", "280", "--on", "9991-01-01"], "argument --on:", "on must"),
        (
            ["fees", "1000", "--billed-before", "0.001"],
            "argument --billed-before:",
            "billed_before",
        ),
        (
            ["fees", "1000", "--fee-rate=-1%"],
            "argument --fee-rate: the rate is a fraction",
            "rate=",
        ),
    ],
)
def test_a_value_the_library_would_refuse_is_refused_with_the_option(capsys, argv, option, library):
    """Days after 9990-12-31 and sub-cent billings are refused where argparse reads them."""
    with pytest.raises(SystemExit) as info:
        main(argv)
    err = capsys.readouterr().err.strip().splitlines()
    assert 2 == info.value.code
    assert 1 == len(err)
    assert option in err[0]
    assert library not in err[0]


def test_the_last_day_is_still_read():
    """9990-12-31, the last supported day, is accepted by every date option."""
    assert 0 == run("rules", "--on", "9990-12-31")[0]
    assert 0 == run("fees", "1000", "--on", "9990-12-31", "--billed-before", "0")[0]


def test_an_unknown_contract_title_names_the_option(capsys):
    """--contract-rate with a title no income row has: the option and the title are named."""
    code, text = run("statement", str(REPORT_CSV), "--audit", "--contract-rate", "nosuch=5%")
    err = capsys.readouterr().err.strip().splitlines()
    assert (2, "") == (code, text)
    assert err[0].startswith("upwork-safety statement: error: --contract-rate:")
    assert "'nosuch'" in err[0]
    assert "rates" not in err[0]


def test_a_zero_width_contract_title_is_refused_by_the_command(capsys):
    """A title of only a zero-width space is no title: the command says so, not rates=."""
    code, _ = run("statement", str(REPORT_CSV), "--audit", "--contract-rate", "\u200b=5%")
    err = capsys.readouterr().err
    assert 2 == code
    assert "--contract-rate needs a contract title" in err
    assert "rates" not in err


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["demo", "--rate", "999999999999999999"], "--rate 999999999999999999:"),
        (["demo", "--offered-rate", "999999999999999999"], "--offered-rate 999999999999999999:"),
        (["withdraw", "1000", "--rate", "999999999999999999"], "--rate 999999999999999999:"),
        (
            ["withdraw", "1000", "--rate", "280", "--offered-rate", "999999999999999999"],
            "--offered-rate 999999999999999999:",
        ),
        (
            ["withdraw", "1000", "--rate", "280", "--offered-rate", "wire_usd=999999999999999999"],
            "--offered-rate wire_usd=999999999999999999:",
        ),
    ],
)
def test_a_rate_too_large_to_convert_at_names_the_option(capsys, argv, option):
    """Rupees too many to hold are refused naming the rate's option, before any output."""
    code, text = run(*argv)
    err = capsys.readouterr().err.strip().splitlines()
    assert (2, "") == (code, text)
    assert 1 == len(err)
    assert f"error: {option}" in err[0]
    assert "too large" in err[0]


class TestOptionsFor:
    """The one mapping from a library error's field to the command's option."""

    def test_an_error_about_a_mapped_field_names_the_option(self):
        """The field decides: the CLIError starts with the option as given."""
        with pytest.raises(CLIError) as info, options_for({"rate": "--fee-rate 20%"}):
            raise InvalidValueError("refused", field="rate", rule="within 0%–15%")
        assert "--fee-rate 20%: refused" == str(info.value)

    @pytest.mark.parametrize(
        "error",
        [
            InvalidValueError("refused", field="billed_before", rule="r"),
            InvalidValueError("refused", field="rate", rule="r"),
            InvalidValueError("refused"),
        ],
    )
    def test_any_other_error_is_left_as_it_is(self, error):
        """A field not mapped, an option not given, or no field: the library's error."""
        with (
            pytest.raises(InvalidValueError) as info,
            options_for({"rate": None, "on": "--on 2026-01-01"}),
        ):
            raise error
        assert error is info.value


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize(
    "argv",
    [("statement",), ("check",), ("jss", "--as-of", "2026-12-01"), ("scan", "--file")],
    ids=["statement", "check", "jss", "scan"],
)
def test_a_named_pipe_with_no_writer_is_refused_not_waited_on(tmp_path, argv):
    """Red team r31: a FIFO nothing writes to made every file-reading command wait for ever.

    Run in a child process, so a regression fails on the bound instead of
    hanging the suite; the bound is a safety net, not a timing assertion.
    """
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    done = subprocess.run(  # noqa: S603  (the test's own interpreter and module)
        [sys.executable, "-m", "upwork_safety", *argv, str(pipe)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert (2, "") == (done.returncode, done.stdout)
    assert f"{pipe}: a pipe with nothing written to it" in done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_with_a_writer_is_read_as_before(tmp_path):
    """A pipe that has its writer (as ``<(...)`` gives) is read whole, blocking as usual."""
    read, write = os.pipe()
    with os.fdopen(write, "wb") as writer:
        writer.write(b"Send the advance on JazzCash, not through Upwork")
    try:
        code, text = run("scan", "--file", f"/dev/fd/{read}", "--json")
    finally:
        os.close(read)
    assert 0 == code
    assert "OFF_PLATFORM_PAYMENT" in {f["code"] for f in json.loads(text)["findings"]}


@pytest.mark.skipif(not hasattr(os, "pipe"), reason="pipes")
def test_a_pipe_whose_writer_wrote_nothing_says_so(capsys):
    """Diff review r33 4: ``<(true)`` is a pipe whose writer ran; the message allows for it."""
    read, write = os.pipe()
    os.close(write)
    try:
        assert (2, "") == run("statement", f"/dev/fd/{read}")
    finally:
        os.close(read)
    err = capsys.readouterr().err
    assert "a pipe with nothing written to it (its writer wrote nothing" in err
