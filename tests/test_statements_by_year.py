"""summarize(by="year"): a statement added up by calendar year (newcomer r18 F9).

"What did I earn this year" was answered only by month or by Pakistani tax
year (1 July to 30 June); ``by="year"`` was refused.  A calendar year runs 1
January to 31 December and is labelled ``"2026"``, through the same one
definition of a period as the others.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import attrs
import pytest

from upwork_safety import ExchangeRate, Money, fees, serialize, statements
from upwork_safety.errors import InvalidDataError, InvalidTypeError, InvalidValueError
from upwork_safety.rules import EXPORT_TAX_HISTORY, RuleHistory
from upwork_safety.statements import Summary, SummaryRow, parse, summarize

HEADER = (
    "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
    "Amount in local currency,Currency,Balance\n"
)


def history(*rows: tuple[str, str, str, str]) -> str:
    """A Transaction History of (date, type, amount, balance) rows given oldest first."""
    lines = [
        f"{on},{index},{kind},,,,Acme,,,{amount},,,{balance}\n"
        for index, (on, kind, amount, balance) in enumerate(rows, start=1)
    ]
    return HEADER + "".join(reversed(lines))  # the export writes the newest first


#: New Year's Eve and Day 2023/24, nothing in 2025, then January 2026.
ACROSS = parse(
    history(
        ("2023-12-31", "Fixed Price", "500.00", "500.00"),
        ("2023-12-31", "Service Fee", "-50.00", "450.00"),
        ("2024-01-01", "Withdrawal", "-400.00", "50.00"),
        ("2024-01-01", "Withdrawal Fee", "-0.99", "49.01"),
        ("2026-01-02", "Hourly", "200.00", "249.01"),
        ("2026-01-02", "Service Fee", "-20.00", "229.01"),
        ("2026-01-02", "Refund", "-30.00", "199.01"),
        ("2026-01-05", "Withdrawal", "-150.00", "49.01"),
    )
)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def pkr(amount: str) -> Money:
    return Money(amount, "PKR")


def test_december_and_january_fall_in_their_own_years_and_an_empty_year_has_its_row():
    """31 Dec 2023 counts in 2023, 1 Jan 2024 in 2024; 2025 has no rows and still a row."""
    summary = summarize(ACROSS, by="year")
    assert "year" == summary.by
    assert [
        ("2023", date(2023, 1, 1), date(2023, 12, 31), 2),
        ("2024", date(2024, 1, 1), date(2024, 12, 31), 2),
        ("2025", date(2025, 1, 1), date(2025, 12, 31), 0),
        ("2026", date(2026, 1, 1), date(2026, 12, 31), 4),
    ] == [(r.period, r.start, r.end, r.transactions) for r in summary.rows]
    columns = [
        (r.gross, r.service_fees, r.refunds, r.net, r.withdrawn, r.withdrawal_fees, r.change)
        for r in summary.rows
    ]
    zero = usd("0.00")
    assert [
        (usd("500.00"), usd("50.00"), zero, usd("450.00"), zero, zero, usd("450.00")),
        (zero, zero, zero, zero, usd("400.00"), usd("0.99"), usd("-400.99")),
        (zero, zero, zero, zero, zero, zero, zero),
        (usd("200.00"), usd("20.00"), usd("30.00"), usd("150.00"), usd("150.00"), zero, zero),
    ] == columns
    total = summary.total
    assert ("total", date(2023, 1, 1), date(2026, 12, 31), 8) == (
        total.period,
        total.start,
        total.end,
        total.transactions,
    )
    assert (usd("700.00"), usd("600.00"), usd("550.00"), usd("49.01")) == (
        total.gross,
        total.net,
        total.withdrawn,
        total.change,
    )
    assert ACROSS.closing_balance - ACROSS.opening_balance == total.change


def test_a_tax_year_holds_both_sides_of_new_year_that_the_calendar_year_splits():
    """The same rows by tax year: 31 Dec 2023 and 1 Jan 2024 are both in 2023-24."""
    by_tax_year = summarize(ACROSS, by="tax_year")
    assert ["2023-24", "2024-25", "2025-26"] == [r.period for r in by_tax_year.rows]
    assert (4, usd("450.00"), usd("400.00")) == (
        by_tax_year.rows[0].transactions,
        by_tax_year.rows[0].net,
        by_tax_year.rows[0].withdrawn,
    )
    by_year = summarize(ACROSS, by="year")
    assert attrs.evolve(by_year.total, start=date(2023, 7, 1), end=date(2026, 6, 30)) == (
        by_tax_year.total
    )


def test_rates_keyed_by_year_convert_each_year_at_its_own():
    """Rs: 2023 net 450 x 280 = 126,000; 2024 withdrew 400 x 279 = 111,600 (1% tax 1,116);
    2026 net and withdrawn 150 x 281 = 42,150 (tax 421.50).  2025 has nothing to convert
    and needs no rate."""
    rates = {
        "2023": ExchangeRate("USD", "PKR", "280.00"),
        "2024": ExchangeRate("USD", "PKR", "279.00", as_of=date(2024, 12, 31)),
        "2026": ExchangeRate("USD", "PKR", "281.00"),
    }
    summary = summarize(ACROSS, by="year", rates=rates, tax="standard")
    assert [
        (pkr("126000.00"), pkr("0.00"), pkr("0.00")),
        (pkr("0.00"), pkr("111600.00"), pkr("1116.00")),
        (None, None, None),
        (pkr("42150.00"), pkr("42150.00"), pkr("421.50")),
    ] == [(r.net_pkr, r.withdrawn_pkr, r.tax_pkr) for r in summary.rows]
    assert (pkr("168150.00"), pkr("153750.00"), pkr("1537.50")) == (
        summary.net_pkr,
        summary.withdrawn_pkr,
        summary.tax_pkr,
    )
    assert fees.TAX_RATE_NOT_PSEB == summary.rows[1].tax_rate
    record = summary.to_records()[1]
    assert ("2024", Decimal("279.00"), Decimal("111600.00"), Decimal("1116.00")) == (
        record["period"],
        record["rate"],
        record["withdrawn_pkr"],
        record["tax_pkr"],
    )


def test_a_year_without_its_rate_is_named():
    """2026 has money to convert and no rate: named, as for the other periods."""
    rates = {"2023": ExchangeRate("USD", "PKR", "280"), "2024": ExchangeRate("USD", "PKR", "279")}
    with pytest.raises(InvalidValueError) as info:
        summarize(ACROSS, by="year", rates=rates)
    assert ("rates", "a rate for every period with a net amount or withdrawals") == (
        info.value.field,
        info.value.rule,
    )
    assert "rates has no USD→PKR rate for 2026," in str(info.value)


def test_a_years_rate_dated_in_another_year_is_refused():
    """A rate keyed "2024" and dated 1 January 2025 is a key or a date keyed in wrong."""
    rates = {
        "2023": ExchangeRate("USD", "PKR", "280"),
        "2024": ExchangeRate("USD", "PKR", "279", as_of=date(2025, 1, 1)),
        "2026": ExchangeRate("USD", "PKR", "281"),
    }
    with pytest.raises(InvalidValueError) as info:
        summarize(ACROSS, by="year", rates=rates)
    assert ("rates['2024']", "a period's rate dated within it") == (
        info.value.field,
        info.value.rule,
    )


@pytest.mark.parametrize(
    ("by", "key"),
    [
        ("year", "2026-27"),  # a tax year's label
        ("year", "2026-01"),  # a month's label
        ("year", "2026/27"),
        ("year", "26"),
        ("year", "0000"),
        ("year", "12026"),
        ("year", " 2026"),
        ("month", "2026"),  # a year's label in a summary by month
        ("tax_year", "2026"),  # ... or by tax year
    ],
)
def test_a_key_that_is_no_period_of_the_summary_is_refused(by, key):
    """A key must be a label the summary itself writes: "2026-27" is no calendar year."""
    rates = dict.fromkeys(
        [r.period for r in summarize(ACROSS, by=by).rows], ExchangeRate("USD", "PKR", "280")
    )
    with pytest.raises(InvalidValueError) as info:
        summarize(ACROSS, by=by, rates={**rates, key: ExchangeRate("USD", "PKR", "280")})
    assert (f"rates[{key!r}]", f"a key that is a period by {by}") == (
        info.value.field,
        info.value.rule,
    )


def test_the_refused_key_is_named_with_the_form_of_a_year():
    """The message names the key, what a key by year looks like, and the statement's years."""
    rates = {"2026": ExchangeRate("USD", "PKR", "281"), "2026-27": ExchangeRate("USD", "PKR", "1")}
    with pytest.raises(InvalidValueError) as info:
        summarize(ACROSS, by="year", rates=rates)
    message = str(info.value)
    assert "'2026-27'" in message
    assert "'2024', a calendar year (1 January to 31 December)" in message
    assert "the statement's periods are 2023, 2024, 2025, 2026" in message


def test_a_year_wide_table_beyond_the_statement_is_accepted():
    """Keys for years the statement does not reach are fine (one table for every file)."""
    table = {str(year): ExchangeRate("USD", "PKR", "280") for year in range(2020, 2031)}
    assert pkr("168000.00") == summarize(ACROSS, by="year", rates=table).net_pkr


def test_the_first_and_last_years_the_calendar_holds():
    """Year 1 and 9990 (the last day an export may carry) are whole years too."""
    head = "Date,Contract,Hours,Amount,Payment type\n"
    early = summarize(parse(head + "0001-01-01,A (1),,1.00,Bonus\n"), by="year")
    late = summarize(parse(head + "9990-12-31,A (1),,1.00,Bonus\n"), by="year")
    assert [("0001", date(1, 1, 1), date(1, 12, 31))] == [
        (r.period, r.start, r.end) for r in early.rows
    ]
    assert [("9990", date(9990, 1, 1), date(9990, 12, 31))] == [
        (r.period, r.start, r.end) for r in late.rows
    ]


class TestTheTaxEstimateOfAYear:
    """A calendar year holds the second half of one tax year and the first of the next:
    its estimate is at the rules in force on its withdrawals' days."""

    RATE = ExchangeRate("USD", "PKR", "200")

    def test_withdrawals_after_the_rules_start_in_2022_are_estimated(self):
        """The rules start on 2022-07-01: a 2022 withdrawal in August is 1% of Rs20,000."""
        text = history(
            ("2022-03-01", "Bonus", "100.00", "100.00"),
            ("2022-08-01", "Withdrawal", "-100.00", "0.00"),
        )
        summary = summarize(parse(text), by="year", rates=self.RATE, tax="standard")
        assert (fees.TAX_RATE_NOT_PSEB, pkr("200.00")) == (
            summary.rows[0].tax_rate,
            summary.rows[0].tax_pkr,
        )
        assert not any("s.154A" in note for note in summary.notes)

    def test_a_withdrawal_before_the_rules_start_leaves_the_year_unestimated(self):
        """A March 2022 withdrawal has no rules: no estimate for 2022, and the notes say why."""
        text = history(
            ("2022-03-01", "Bonus", "100.00", "100.00"),
            ("2022-03-02", "Withdrawal", "-50.00", "50.00"),
            ("2022-08-01", "Withdrawal", "-50.00", "0.00"),
        )
        summary = summarize(parse(text), by="year", rates=self.RATE, tax="standard")
        assert (None, None) == (summary.rows[0].tax_rate, summary.tax_pkr)
        assert (
            "No s.154A estimate for 2022: the library's export-tax rules start on 2022-07-01."
            in summary.notes
        )
        by_month = summarize(parse(text), rates=self.RATE, tax="standard")
        assert pkr("100.00") == by_month.tax_pkr  # August's, by month

    def test_withdrawals_under_rules_of_two_rates_are_not_estimated_at_one(self, monkeypatch):
        """Were the rate to change on 1 July 2026, a 2026 with withdrawals on both sides gets
        no single rate (the January day's 1% would misstate December's)."""
        from upwork_safety.statements import _summarize

        (current,) = EXPORT_TAX_HISTORY.presets
        raised = attrs.evolve(current, effective=date(2026, 7, 1), not_registered="0.02")
        monkeypatch.setattr(
            _summarize, "EXPORT_TAX_HISTORY", RuleHistory("export tax rules", (current, raised))
        )
        text = history(
            ("2026-01-05", "Bonus", "100.00", "100.00"),
            ("2026-02-01", "Withdrawal", "-50.00", "50.00"),
            ("2026-12-01", "Withdrawal", "-50.00", "0.00"),
        )
        summary = summarize(parse(text), by="year", rates=self.RATE, tax="standard")
        assert (None, None) == (summary.rows[0].tax_rate, summary.tax_pkr)
        assert (
            "No s.154A estimate for 2026: its withdrawals fall under export-tax rules of "
            "different rates." in summary.notes
        )
        by_month = summarize(parse(text), rates=self.RATE, tax="standard")
        # February at 1% of Rs10,000, December at 2% of Rs10,000.
        assert (pkr("100.00"), pkr("200.00"), pkr("300.00")) == (
            by_month.rows[1].tax_pkr,
            by_month.rows[-1].tax_pkr,
            by_month.tax_pkr,
        )


class TestYearRows:
    """A SummaryRow or Summary by year, built in code or loaded, is one whole year."""

    @staticmethod
    def _row(period: str, start: date, end: date) -> SummaryRow:
        zero = usd("0.00")
        return SummaryRow(
            period=period, start=start, end=end, transactions=0, gross=zero, service_fees=zero,
            refunds=zero, withdrawn=zero, withdrawal_fees=zero, connects_and_subscriptions=zero,
            taxes=zero, other=zero,
        )  # fmt: skip

    def test_a_whole_year_is_a_row(self):
        row = self._row("2024", date(2024, 1, 1), date(2024, 12, 31))
        assert ("2024", date(2024, 12, 31)) == (row.period, row.end)

    @pytest.mark.parametrize(
        ("period", "start", "end"),
        [
            ("2024", date(2024, 1, 1), date(2024, 6, 30)),
            ("2024", date(2024, 7, 1), date(2025, 6, 30)),
            ("2025", date(2024, 1, 1), date(2024, 12, 31)),
            ("24", date(2024, 1, 1), date(2024, 12, 31)),
            ("2024-25", date(2024, 1, 1), date(2024, 12, 31)),
        ],
    )
    def test_a_year_row_has_its_own_label_and_days(self, period, start, end):
        with pytest.raises(InvalidValueError) as info:
            self._row(period, start, end)
        assert "SummaryRow.period" == info.value.field
        assert "a calendar year (1 January to 31 December) such as '2024'" in str(info.value)

    def test_a_summary_by_year_holds_years_only(self):
        fmt = statements.StatementFormat.TRANSACTIONS_REPORT
        year = self._row("2024", date(2024, 1, 1), date(2024, 12, 31))
        month = self._row("2024-01", date(2024, 1, 1), date(2024, 1, 31))
        assert (year,) == Summary(by="year", format=fmt, rows=[year]).rows
        for by, rows in (("year", [month]), ("month", [year]), ("tax_year", [year])):
            with pytest.raises(InvalidValueError) as info:
                Summary(by=by, format=fmt, rows=rows)
            assert "Summary.rows[0]" == info.value.field
        with pytest.raises(InvalidValueError) as gap:
            Summary(
                by="year",
                format=fmt,
                rows=[year, self._row("2026", date(2026, 1, 1), date(2026, 12, 31))],
            )
        assert ("Summary.rows[1]", "consecutive periods, oldest first") == (
            gap.value.field,
            gap.value.rule,
        )

    def test_a_summary_by_year_round_trips_and_a_loaded_wrong_year_is_refused(self):
        summary = summarize(ACROSS, by="year", rates=ExchangeRate("USD", "PKR", "280"))
        assert summary == serialize.from_json(Summary, serialize.to_json(summary))
        document = json.loads(serialize.to_json(summary))
        assert ("year", "2025") == (document["by"], document["rows"][2]["period"])
        document["rows"][2]["period"] = "2025-26"
        with pytest.raises(InvalidDataError) as info:
            serialize.from_json(Summary, json.dumps(document))
        assert info.value.problems[0].startswith("$.rows[2]")

    def test_the_notebook_table_says_calendar_year(self):
        html = summarize(ACROSS, by="year")._repr_html_()
        assert "by calendar year (1 January to 31 December)" in html
        assert ">2025<" in html


class TestPeriodName:
    """statements.period_name: the words the summary, its errors and the CLI use."""

    def test_each_period_in_words_with_its_days_from_the_one_definition(self):
        assert [
            "month",
            "Pakistani tax year (1 July to 30 June)",
            "calendar year (1 January to 31 December)",
        ] == [statements.period_name(by) for by in ("month", "tax_year", "year")]
        assert "calendar year" == statements.period_name("year", days=False)

    @pytest.mark.parametrize(
        ("args", "kwargs", "error", "field"),
        [
            (("quarter",), {}, InvalidValueError, "by"),
            ((2024,), {}, InvalidTypeError, "by"),
            (("year",), {"days": 1}, InvalidTypeError, "days"),
        ],
    )
    def test_bad_arguments_are_refused_naming_them(self, args, kwargs, error, field):
        with pytest.raises(error) as info:
            statements.period_name(*args, **kwargs)
        assert field == info.value.field
