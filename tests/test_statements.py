"""Tests for upwork_safety.statements: reading Upwork's CSV exports, summaries, fee audit, contracts."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from upwork_safety import ContractKind, ExchangeRate, Money, fees, jss, serialize, statements
from upwork_safety._text import is_blank
from upwork_safety.errors import (
    CurrencyMismatchError,
    InvalidDataError,
    InvalidTypeError,
    InvalidValueError,
)
from upwork_safety.statements import (
    BalanceBreak,
    Statement,
    StatementFormat,
    Transaction,
    TransactionKind,
    audit_fees,
    parse,
    summarize,
    to_contracts,
)

ROOT = Path(__file__).resolve().parent.parent
_EXTRA_RULE = "extra columns the reader keeps"


def _hourly_row(export: StatementFormat) -> Transaction:
    """A $10 hourly row as *export* gives one (hours and a contract id in the weekly summary)."""
    weekly = export is StatementFormat.WEEKLY_SUMMARY
    return Transaction(
        line=2,
        on=date(2024, 9, 2),
        kind=TransactionKind.HOURLY,
        amount=usd("10.00"),
        type_text="" if weekly else "Hourly",
        contract_id="1" if weekly else None,
        hours=Decimal(1) if weekly else None,
        balance=None if weekly else usd("10.00"),
    )


EXAMPLES = ROOT / "docs" / "examples"
HISTORY_FILE = EXAMPLES / "synthetic-transaction-history.csv"
REPORT_FILE = EXAMPLES / "synthetic-transactions-report.csv"
WEEKLY_FILE = EXAMPLES / "synthetic-weekly-summary.csv"

HISTORY = [
    "Date",
    "Ref ID",
    "Type",
    "Description",
    "Agency",
    "Freelancer",
    "Team",
    "Account Name",
    "PO",
    "Amount",
    "Amount in local currency",
    "Currency",
    "Balance",
]
REPORT = [
    "Date",
    "Transaction ID",
    "Transaction Type",
    "Transaction Summary",
    "Transaction Summary Details",
    "Description 1",
    "Description 2",
    "Description 3",
    "Agency",
    "Freelancer",
    "Team",
    "Account Name",
    "PO",
    "Ref ID",
    "Amount $",
    "Amount in local currency",
    "Currency",
    "Current Balance $",
    "Payment Method",
]
WEEKLY = ["Date", "Contract", "Hours", "Amount", "Payment type"]


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def pkr(amount: str) -> Money:
    return Money(amount, "PKR")


def read(path: Path) -> str:
    """The file's text exactly, line ends and byte order mark included."""
    return path.read_bytes().decode("utf-8")


def table(header: list[str], rows: list[dict[str, str]], *, bom: bool = False) -> str:
    """A CSV text with *header* and one line per dict (missing columns empty)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        unknown = set(row) - set(header)
        assert not unknown, unknown
        writer.writerow([row.get(name, "") for name in header])
    return ("\ufeff" if bom else "") + buffer.getvalue()


def history_row(on: str, ref: str, kind: str, amount: str, balance: str, **more: str):
    return {"Date": on, "Ref ID": ref, "Type": kind, "Amount": amount, "Balance": balance, **more}


#: A small Transaction History, newest first: $500 fixed price, its $50 fee, a withdrawal.
SMALL = [
    history_row("Mar 04, 2024", "3", "Withdrawal", "-400.00", "50.00"),
    history_row(
        "Mar 01, 2024",
        "2",
        "Service Fee",
        "-50.00",
        "450.00",
        Description="Service Fee for Ref ID 1",
    ),
    history_row("Mar 01, 2024", "1", "Fixed Price", "500.00", "500.00", Team="Acme"),
]


def problems_of(excinfo: pytest.ExceptionInfo[InvalidDataError]) -> tuple[str, ...]:
    return excinfo.value.problems


def where(problem: str) -> str:
    """``line 4, column 10`` from a problem, without the column name and message."""
    match = re.match(r"line \d+(, column \d+)?", problem)
    assert match is not None, problem
    return match[0]


# ============================================================================ the example files


class TestExampleFiles:
    def test_transactions_report(self):
        """The 19-column example (BOM, newest first) reads into 17 transactions and 2 scheduled."""
        statement = parse(read(REPORT_FILE))
        first = statement.transactions[0]
        assert StatementFormat.TRANSACTIONS_REPORT == statement.format
        assert (17, 2) == (len(statement.transactions), len(statement.scheduled))
        assert (usd("35.50"), usd("30.02")) == (
            statement.opening_balance,
            statement.closing_balance,
        )
        assert (date(2024, 5, 6), date(2024, 8, 5)) == (statement.start, statement.end)
        assert (TransactionKind.CONNECTS, usd("-15.00"), usd("20.50"), 20) == (
            first.kind,
            first.amount,
            first.balance,
            first.line,
        )
        assert () == statement.balance_breaks

    def test_report_fields(self):
        """A Transactions report row keeps its id, client, contract, details and other columns."""
        statement = parse(read(REPORT_FILE))
        income, fee = statement.transactions[1:3]
        assert (
            Transaction(
                line=19,
                on=date(2024, 5, 13),
                kind=TransactionKind.FIXED_PRICE,
                amount=usd("400.00"),
                id="7100002",
                type_text="Fixed-price",
                description="Milestone 1: wireframes",
                balance=usd("420.50"),
                client="Northwind Traders",
                contract="Shop landing page",
                local_amount=usd("400.00"),
                extra=(
                    ("Freelancer", "Ayesha Khan (synthetic)"),
                    ("Account Name", "Ayesha Khan"),
                    ("Ref ID", "7100002"),
                ),
            )
            == income
        )
        assert ("7100002", "7100002") == (fee.id, fee.related_id)

    def test_transaction_history(self):
        """The 13-column example reads newest first into 15 transactions, fees naming their rows."""
        statement = parse(read(HISTORY_FILE))
        fees_named = [t.related_id for t in statement.transactions if t.kind.value == "service_fee"]
        assert StatementFormat.TRANSACTION_HISTORY == statement.format
        assert 15 == len(statement.transactions)
        assert (usd("0.00"), usd("8.02")) == (statement.opening_balance, statement.closing_balance)
        assert ["900001", "900003", "900005", "900009", "900011"] == fees_named
        assert "900003" == statement.transactions[12].related_id  # the refund names its row
        # Each Direct to Local Bank withdrawal has its $0.99 fee (r18 exports F7).
        total = summarize(statement).total
        assert total is not None
        assert (usd("990.00"), usd("1.98")) == (total.withdrawn, total.withdrawal_fees)

    def test_weekly_summary(self):
        """The weekly example reads contract ids, hours and payment types; it has no balance."""
        statement = parse(read(WEEKLY_FILE))
        hours = [t.hours for t in statement.transactions]
        assert StatementFormat.WEEKLY_SUMMARY == statement.format
        assert [Decimal("2.5"), Decimal("3.33333"), None, Decimal("0.16667"), None] == hours
        assert ["38100001", "38100001", "38100002", "38100001", "38100002"] == [
            t.contract_id for t in statement.transactions
        ]
        assert "API integration" == statement.transactions[0].contract
        assert [
            TransactionKind.HOURLY,
            TransactionKind.HOURLY,
            TransactionKind.FIXED_PRICE,
            TransactionKind.HOURLY,
            TransactionKind.BONUS,
        ] == [t.kind for t in statement.transactions]
        assert (None, None) == (statement.opening_balance, statement.closing_balance)

    def test_lines_iterable_reads_the_same(self):
        """A file object (an iterable of lines) reads exactly as its whole text does."""
        for path in (HISTORY_FILE, REPORT_FILE, WEEKLY_FILE):
            with path.open(encoding="utf-8", newline="") as handle:
                from_lines = parse(handle)
            assert parse(read(path)) == from_lines


# ============================================================================ the formats


class TestFormats:
    def test_bom_or_not(self):
        """A UTF-8 byte order mark before the header changes nothing."""
        text = table(HISTORY, SMALL)
        assert parse(text) == parse("\ufeff" + text)

    def test_lower_case_report_header_and_aliases(self):
        """Lower-case names and 'Agency team'/'Client team' are the Transactions report too."""
        text = read(REPORT_FILE).lstrip("\ufeff")
        header, rest = text.split("\r\n", 1)
        lower = (
            header.lower()
            .replace('"agency"', '"Agency team"')
            .replace('"team"', '"Client team"')
            .replace("$", " $")
        )
        statement = parse(lower + "\r\n" + rest)
        assert StatementFormat.TRANSACTIONS_REPORT == statement.format
        assert [t.client for t in parse(text).transactions] == [
            t.client for t in statement.transactions
        ]

    def test_column_order_does_not_matter(self):
        """Columns are found by name, in any order."""
        shuffled = list(reversed(HISTORY))
        assert (
            parse(table(HISTORY, SMALL)).transactions == parse(table(shuffled, SMALL)).transactions
        )

    def test_exchange_rate_variant(self):
        """The Transaction History with ExchangeRate instead of Amount in local currency."""
        header = [
            name if name != "Amount in local currency" else "ExchangeRate" for name in HISTORY
        ]
        rows = [dict(row, ExchangeRate="1") for row in SMALL[:2]] + SMALL[2:]
        statement = parse(table(header, rows))
        assert StatementFormat.TRANSACTION_HISTORY == statement.format
        assert [None, Decimal(1), Decimal(1)] == [t.exchange_rate for t in statement.transactions]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Jan 01, 2023", date(2023, 1, 1)),
            ("Oct 2, 2026", date(2026, 10, 2)),
            ("Dec 31, 2024", date(2024, 12, 31)),
            ("2023-01-01", date(2023, 1, 1)),
        ],
    )
    def test_both_date_styles(self, text, expected):
        """Dates read as 'Jan 01, 2023' (one- or two-digit day) or ISO."""
        rows = [history_row(text, "1", "Bonus", "10.00", "10.00")]
        assert expected == parse(table(HISTORY, rows)).transactions[0].on

    @pytest.mark.parametrize(
        "text",
        [
            "2023-02-30",
            "jan 01, 2023",
            "Sept 01, 2023",
            "01/02/2023",
            "2023-1-1",
            "Jan 1 2023",
            "",
            "Jan 01, 9999",
        ],
    )
    def test_bad_dates(self, text):
        """Impossible days and other date styles are refused at the Date column."""
        rows = [history_row(text, "1", "Bonus", "10.00", "10.00")]
        with pytest.raises(InvalidDataError) as info:
            parse(table(HISTORY, rows))
        assert ["line 2, column 1"] == [where(p) for p in problems_of(info)]

    @pytest.mark.parametrize(
        ("text", "hinted"), [("01/02/2023", True), ("23.07.25", True), ("Jan 1 2023", False)]
    )
    def test_a_spreadsheets_date_says_to_download_again(self, text, hinted):
        """Regression (r11 newcomer #10): a date a spreadsheet re-wrote (7/23/2025) did not
        say what to do; the problem now says to download the export again."""
        rows = [history_row(text, "1", "Bonus", "10.00", "10.00")]
        with pytest.raises(InvalidDataError) as info:
            parse(table(HISTORY, rows))
        (problem,) = problems_of(info)
        assert hinted == ("download the export from Upwork again" in problem.message)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("12.50", "12.50"), ("-0.99", "-0.99"), ("+3", "3"), ("1234.5", "1234.5"), ("0", "0")],
    )
    def test_canonical_amounts(self, text, expected):
        """Amounts are ASCII digits, an optional sign and one decimal point, kept exactly."""
        rows = [history_row("Jan 01, 2023", "1", "Miscellaneous", text, text)]
        assert usd(expected) == parse(table(HISTORY, rows)).transactions[0].amount

    @pytest.mark.parametrize(
        "text",
        [
            "1,234.56",
            "１２.５０",
            "1_000.00",
            "1e3",
            "$12.00",
            " 12.00",
            "12.",
            ".5",
            "NaN",
            "Infinity",
            "12.345",
            "--1",
            "1" * 19,
        ],
    )
    def test_amounts_refused(self, text):
        """Thousands separators, other digits, exponents, symbols and sub-cents are refused."""
        rows = [history_row("Jan 01, 2023", "1", "Miscellaneous", text, "1.00")]
        with pytest.raises(InvalidDataError) as info:
            parse(table(HISTORY, rows))
        assert ["line 2, column 10"] == [where(p) for p in problems_of(info)]

    def test_thousands_separator_named(self):
        """A grouped amount is refused with the reason: exports write none."""
        rows = [history_row("Jan 01, 2023", "1", "Bonus", "1,234.56", "1234.56")]
        with pytest.raises(InvalidDataError) as info:
            parse(table(HISTORY, rows))
        assert "thousands separators" in problems_of(info)[0]

    @pytest.mark.parametrize(
        ("word", "kind"),
        [
            ("Fixed Price", TransactionKind.FIXED_PRICE),
            ("Fixed-price", TransactionKind.FIXED_PRICE),
            ("Milestone", TransactionKind.FIXED_PRICE),
            ("Hourly", TransactionKind.HOURLY),
            ("Bonus", TransactionKind.BONUS),
            ("Refund", TransactionKind.REFUND),
            ("Refund to client", TransactionKind.REFUND),
            ("Service Fee", TransactionKind.SERVICE_FEE),
            ("Service fee refund", TransactionKind.SERVICE_FEE),
            ("Withdrawal", TransactionKind.WITHDRAWAL),
            ("Withdrawal Fee", TransactionKind.WITHDRAWAL_FEE),
            ("Connects", TransactionKind.CONNECTS),
            ("Subscription", TransactionKind.SUBSCRIPTION),
            ("Payment", TransactionKind.PAYMENT),
            ("GST", TransactionKind.TAX),
            ("Miscellaneous", TransactionKind.MISCELLANEOUS),
            ("fixed-PRICE", TransactionKind.FIXED_PRICE),
        ],
    )
    def test_type_words(self, word, kind):
        """Every type word the exports use maps to its kind (case does not matter)."""
        rows = [history_row("Jan 01, 2023", "1", word, "1.00", "1.00")]
        transaction = parse(table(HISTORY, rows)).transactions[0]
        assert (kind, word) == (transaction.kind, transaction.type_text)

    def test_unknown_type(self):
        """An unknown type word names the line, the column and the known words."""
        rows = [history_row("Jan 01, 2023", "1", "Journal", "1.00", "1.00")]
        with pytest.raises(InvalidDataError) as info:
            parse(table(HISTORY, rows))
        (problem,) = problems_of(info)
        assert "line 2, column 3" == where(problem)
        assert "'Journal'" in problem
        assert "'Withdrawal Fee'" in problem

    def test_kinds_are_exactly_the_documented_ones(self):
        """TransactionKind has the twelve documented members, valued by their lower-case names."""
        assert [
            "FIXED_PRICE",
            "HOURLY",
            "BONUS",
            "REFUND",
            "SERVICE_FEE",
            "WITHDRAWAL",
            "WITHDRAWAL_FEE",
            "CONNECTS",
            "SUBSCRIPTION",
            "PAYMENT",
            "TAX",
            "MISCELLANEOUS",
        ] == [k.name for k in TransactionKind]
        assert all(k.value == k.name.lower() for k in TransactionKind)

    def test_unknown_header_names_the_known_formats(self):
        """An unknown header is refused naming every known export and the closest one's gaps."""
        with pytest.raises(InvalidDataError) as info:
            parse("Date,Description,Amount\nJan 01, 2023,x,1.00\n")
        (problem,) = problems_of(info)
        assert problem.startswith("line 1: ")
        for label in (
            "Transaction History (13 columns)",
            "Transaction History (13 columns, with ExchangeRate)",
            "Transactions report (19 columns)",
            "Weekly summary (5 columns)",
        ):
            assert label in problem

    def test_near_miss_header_names_the_differences(self):
        """A header close to a known one says which columns are missing and which unexpected."""
        header = [n for n in HISTORY if n != "PO"] + [f"X{i}" for i in range(12)]
        with pytest.raises(InvalidDataError) as info:
            parse(table(header, []))
        (problem,) = problems_of(info)
        assert (
            "closest is the Transaction History (13 columns): missing or repeated 'PO'" in problem
        )
        assert "unexpected 'X0'" in problem
        assert "and 2 more" in problem
        with pytest.raises(InvalidDataError) as info:
            parse(table([n for n in HISTORY if n != "PO"], []))
        assert problems_of(info)[0].endswith(
            "closest is the Transaction History (13 columns): missing or repeated 'PO'"
        )

    def test_header_with_an_extra_or_repeated_column(self):
        """A known header plus a column, or with one twice, is not a known header."""
        for header in ([*HISTORY, "Notes"], [*HISTORY[:-1], "Date"]):
            with pytest.raises(InvalidDataError):
                parse(table(header, []))

    def test_header_only(self):
        """A header with no rows is an empty statement."""
        statement = parse(table(REPORT, []))
        assert (StatementFormat.TRANSACTIONS_REPORT, (), None) == (
            statement.format,
            statement.transactions,
            statement.start,
        )

    def test_blank_lines_are_skipped(self):
        """Blank lines before the header and between rows are not rows."""
        plain = parse(table(HISTORY, SMALL)).transactions
        spaced = parse("\n\n" + table(HISTORY, SMALL).replace("\r\n", "\r\n\r\n")).transactions
        assert [2 * t.line + 1 for t in plain] == [t.line for t in spaced]
        assert plain == tuple(attrs.evolve(t, line=(t.line - 1) // 2) for t in spaced)

    def test_own_ref_id_is_not_related(self):
        """A row that names its own Ref ID is related to no other row."""
        rows = [history_row("Jan 01, 2023", "5", "Bonus", "1.00", "1.00", Description="Ref ID 5")]
        assert parse(table(HISTORY, rows)).transactions[0].related_id is None

    def test_extra_columns_kept(self):
        """Every non-empty column the statement has no field for is kept, by name."""
        rows = [
            history_row(
                "Jan 01, 2023",
                "1",
                "Bonus",
                "5.00",
                "5.00",
                Agency="Studio",
                PO="PO-7",
                Freelancer="Me",
            )
        ]
        transaction = parse(table(HISTORY, rows)).transactions[0]
        assert (("Agency", "Studio"), ("Freelancer", "Me"), ("PO", "PO-7")) == transaction.extra

    def test_local_amount(self):
        """Amount in local currency with Currency becomes Money in that currency."""
        rows = [
            history_row(
                "Jan 01, 2023",
                "1",
                "Bonus",
                "5.00",
                "5.00",
                **{"Amount in local currency": "1400.00", "Currency": "PKR"},
            )
        ]
        assert pkr("1400.00") == parse(table(HISTORY, rows)).transactions[0].local_amount

    def test_currency_alone_is_kept_as_extra(self):
        """A currency with no local amount is kept among the extra columns."""
        rows = [history_row("Jan 01, 2023", "1", "Bonus", "5.00", "5.00", Currency="USD")]
        transaction = parse(table(HISTORY, rows)).transactions[0]
        assert (None, (("Currency", "USD"),)) == (transaction.local_amount, transaction.extra)


# ============================================================================ bad rows


class TestBadRows:
    def test_every_problem_listed_with_line_and_column(self):
        """A file with several bad cells lists each one, with its line and column, in order."""
        rows = [
            history_row("Jan 02, 2023", "3", "Bonus", "1.0x", "2.00"),
            history_row("Jan 01, 2023", "2", "Tip", "1.00", "1.00"),
            history_row("Jan 32, 2023", "1", "Bonus", "0.00", "abc"),
        ]
        with pytest.raises(InvalidDataError) as info:
            parse(table(HISTORY, rows))
        assert [
            "line 2, column 10",
            "line 3, column 3",
            "line 4, column 1",
            "line 4, column 13",
        ] == [where(p) for p in problems_of(info)]

    def test_column_names_come_from_the_file(self):
        """A problem names the column as the file's header writes it."""
        text = table(HISTORY, [history_row("Jan 01, 2023", "1", "Bonus", "x", "1.00")])
        with pytest.raises(InvalidDataError) as info:
            parse(text.replace('"Amount",', '"amount",', 1).replace("Amount,", "amount,", 1))
        assert problems_of(info)[0].startswith("line 2, column 10 (amount): ")

    def test_wrong_number_of_columns(self):
        """A row with too few or too many cells is one problem naming its line."""
        text = table(HISTORY, SMALL) + "Mar 05, 2024,4\r\n"
        with pytest.raises(InvalidDataError) as info:
            parse(text)
        assert ["line 5"] == [where(p) for p in problems_of(info)]

    def test_empty_amount(self):
        """An empty amount is a problem at the Amount column."""
        with pytest.raises(InvalidDataError) as info:
            parse(table(HISTORY, [history_row("Jan 01, 2023", "1", "Bonus", "", "1.00")]))
        assert ["line 2, column 10"] == [where(p) for p in problems_of(info)]

    def test_bad_local_amount_and_currency(self):
        """A bad local amount, an unknown currency, a local amount with no currency."""
        local = "Amount in local currency"
        rows = [
            history_row("Jan 03, 2023", "3", "Bonus", "1.00", "3.00", **{local: "x"}),
            history_row(
                "Jan 02, 2023", "2", "Bonus", "1.00", "2.00", **{local: "1", "Currency": "XYZ"}
            ),
            history_row("Jan 01, 2023", "1", "Bonus", "1.00", "1.00", **{local: "1"}),
        ]
        with pytest.raises(InvalidDataError) as info:
            parse(table(HISTORY, rows))
        assert ["line 2, column 11", "line 3, column 12", "line 4, column 12"] == [
            where(p) for p in problems_of(info)
        ]

    def test_bad_exchange_rate(self):
        """An ExchangeRate that is not a positive plain number is refused."""
        header = [n if n != "Amount in local currency" else "ExchangeRate" for n in HISTORY]
        for rate in ("0", "-1", "abc"):
            rows = [history_row("Jan 01, 2023", "1", "Bonus", "1.00", "1.00", ExchangeRate=rate)]
            with pytest.raises(InvalidDataError) as info:
                parse(table(header, rows))
            assert ["line 2, column 11"] == [where(p) for p in problems_of(info)]

    def test_not_valid_csv(self):
        """Broken quoting is reported with its line, not a traceback."""
        with pytest.raises(InvalidDataError) as info:
            parse(table(HISTORY, SMALL) + 'Jan 01, 2023,"1"x,Bonus\r\n')
        assert ["line 5"] == [where(p) for p in problems_of(info)]
        assert "not valid CSV" in problems_of(info)[0]

    def test_empty_text(self):
        """Empty text is refused: there is no header."""
        for text in ("", "\n\n", []):
            with pytest.raises(InvalidDataError):
                parse(text)

    @pytest.mark.parametrize("text", [b"Date\n", bytearray(b"Date\n"), 12, None])
    def test_not_text(self, text):
        """Bytes and non-iterables are refused with a type error."""
        with pytest.raises(InvalidTypeError):
            parse(text)

    def test_a_path_or_a_file_name_is_refused_with_how_to_read_it(self):
        """Regression (newcomer trial): a file name was read as a one-line export.

        It was refused as an unknown header, which suggested the wrong kind of export.
        """
        with pytest.raises(InvalidTypeError) as info:
            parse(Path("statement.csv"))
        assert "text" == info.value.field
        assert "read_text" in str(info.value)  # says how to get the text
        for name in ("statement.csv", "  C:\\Users\\me\\Statement.CSV ", "history.txt"):
            with pytest.raises(InvalidValueError) as info:
                parse(name)
            assert ("text", "the file's text, not its path") == (info.value.field, info.value.rule)
        # A one-line header-only text is still read as text (and refused as data).
        with pytest.raises(InvalidDataError):
            parse(",".join(WEEKLY) + ".csv")

    def test_lines_that_are_not_text(self):
        """An iterable whose items are not str is refused naming the line."""
        with pytest.raises(InvalidTypeError, match="line 2"):
            parse([",".join(WEEKLY) + "\n", b"x"])

    def test_weekly_rows(self):
        """Weekly rows need the contract id, hours for hourly rows and none for others."""
        rows = [
            {"Date": "2024-09-02", "Contract": "No id here", "Hours": "1", "Amount": "10"},
            {"Date": "2024-09-02", "Contract": "Job (1)", "Amount": "10"},
            {
                "Date": "2024-09-02",
                "Contract": "Job (1)",
                "Hours": "1",
                "Amount": "10",
                "Payment type": "Bonus",
            },
            {"Date": "2024-09-02", "Contract": "Job (1)", "Hours": "0.3", "Amount": "10"},
            {"Date": "2024-09-02", "Contract": "Job (1)", "Amount": "10", "Payment type": "Tip"},
        ]
        with pytest.raises(InvalidDataError) as info:
            parse(table(WEEKLY, rows))
        assert [
            "line 2, column 2",
            "line 3, column 3",
            "line 4, column 3",
            "line 5, column 3",
            "line 6, column 5",
        ] == [where(p) for p in problems_of(info)]

    @pytest.mark.parametrize(
        ("text", "steps"),
        [
            ("0.16667", 1),
            ("0.33333", 2),
            ("0.5", 3),
            ("8.66667", 52),
            ("1", 6),
            ("2.50", 15),
            ("0.17", 1),
            ("0.333", 2),
        ],
    )
    def test_hours_in_ten_minute_steps(self, text, steps):
        """Hours are whole 10-minute steps, exact or rounded to the decimals Upwork writes."""
        rows = [{"Date": "2024-09-02", "Contract": "Job (1)", "Hours": text, "Amount": "1"}]
        hours = parse(table(WEEKLY, rows)).transactions[0].hours
        assert hours is not None
        assert (Decimal(text), steps) == (hours, round(hours * 6))

    def test_hours_of_a_row_fit_in_a_day(self):
        """Red team r13 #4 and r19 M1: a row is one day's work of a contract, at most 24 h."""
        rows = [{"Date": "2024-09-02", "Contract": "Job (1)", "Hours": "24", "Amount": "1"}]
        assert Decimal(24) == parse(table(WEEKLY, rows)).transactions[0].hours
        for text in ("24.16667", "168", "100000000000000000"):
            rows[0]["Hours"] = text
            with pytest.raises(InvalidDataError) as info:
                parse(table(WEEKLY, rows))
            assert ["line 2, column 3"] == [where(p) for p in problems_of(info)]
        day = parse(table(WEEKLY, [{**rows[0], "Hours": "24"}])).transactions[0]
        with pytest.raises(InvalidValueError) as refused:
            attrs.evolve(day, hours=Decimal("24.5"))
        assert ("Transaction.hours", "at most 24 hours") == (
            refused.value.field,
            refused.value.rule,
        )

    @pytest.mark.parametrize("text", ["0.3", "0.1", "0.16", "0.3334", "1.25", "-1", "1,5", "½"])
    def test_hours_refused(self, text):
        """Hours that are not 10-minute steps as written are refused."""
        rows = [{"Date": "2024-09-02", "Contract": "Job (1)", "Hours": text, "Amount": "1"}]
        with pytest.raises(InvalidDataError) as info:
            parse(table(WEEKLY, rows))
        assert ["line 2, column 3"] == [where(p) for p in problems_of(info)]


# ============================================================================ order, balance, scheduled


class TestBalance:
    def test_oldest_first_reads_the_same(self):
        """A file listing rows oldest first gives the same transactions (with their own lines)."""
        newest = parse(table(HISTORY, SMALL))
        oldest = parse(table(HISTORY, SMALL[::-1]))
        assert [attrs.evolve(t, line=2) for t in newest.transactions] == [
            attrs.evolve(t, line=2) for t in oldest.transactions
        ]
        assert [4, 3, 2] == [t.line for t in newest.transactions]
        assert [2, 3, 4] == [t.line for t in oldest.transactions]

    def test_same_day_order_from_the_balance(self):
        """When every row has one date, the running balance decides the order, both ways."""
        rows = [
            history_row("Mar 01, 2024", "2", "Service Fee", "-50.00", "450.00"),
            history_row("Mar 01, 2024", "1", "Fixed Price", "500.00", "500.00"),
        ]
        for listed in (rows, rows[::-1]):
            statement = parse(table(HISTORY, listed))
            assert ["1", "2"] == [t.id for t in statement.transactions]
            assert () == statement.balance_breaks

    def test_out_of_date_order(self):
        """A row out of date order is named with the row before it."""
        rows = [SMALL[0], SMALL[2], history_row("Mar 09, 2024", "9", "Bonus", "1.00", "51.00")]
        with pytest.raises(InvalidDataError) as info:
            parse(table(HISTORY, rows))
        (problem,) = problems_of(info)
        assert problem.startswith("line 4: dated 2024-03-09, out of order")
        assert "line 3" in problem

    def test_break_is_refused_naming_both_lines(self):
        """A missing row breaks the balance: refused, naming the two lines it falls between."""
        with pytest.raises(InvalidDataError) as info:
            parse(table(HISTORY, [SMALL[0], SMALL[2]]))
        (problem,) = problems_of(info)
        assert problem.startswith("line 2, column 13 (Balance): ")
        assert "between line 3 and line 2" in problem

    def test_every_break_listed(self):
        """Two breaks are two problems."""
        rows = [
            history_row("Mar 05, 2024", "5", "Bonus", "1.00", "99.00"),
            SMALL[0],
            SMALL[2],
        ]
        with pytest.raises(InvalidDataError) as info:
            parse(table(HISTORY, rows))
        assert ["line 3, column 13", "line 2, column 13"] == [where(p) for p in problems_of(info)]

    def test_breaks_allowed_and_listed(self):
        """With allow_breaks the statement is kept and every break listed with both lines."""
        statement = parse(table(HISTORY, [SMALL[0], SMALL[2]]), allow_breaks=True)
        (found,) = statement.balance_breaks
        assert BalanceBreak(3, 2, usd("100.00"), usd("50.00")) == found
        assert usd("-50.00") == found.difference
        assert "line 3 and line 2" in found.describe()

    def test_scheduled_rows_kept_apart(self):
        """Rows after the newest balance with no balance are scheduled, never counted."""
        rows = [
            history_row("Mar 20, 2024", "5", "Service Fee", "-20.00", ""),
            history_row("Mar 20, 2024", "4", "Hourly", "200.00", ""),
            *SMALL,
        ]
        statement = parse(table(HISTORY, rows))
        summary = summarize(statement)
        assert (["4", "5"], 3) == ([t.id for t in statement.scheduled], len(statement.transactions))
        assert usd("500.00") == summary.total.gross
        assert "1 scheduled" not in " ".join(summary.notes)
        assert "2 scheduled rows (not yet paid) are not counted." in summary.notes

    def test_empty_balance_before_the_newest_is_refused(self):
        """A row with no balance dated on or before the newest balance is a missing balance."""
        rows = [SMALL[0], history_row("Mar 04, 2024", "9", "Bonus", "1.00", ""), *SMALL[1:]]
        with pytest.raises(InvalidDataError) as info:
            parse(table(HISTORY, rows))
        (problem,) = problems_of(info)
        assert "line 3, column 13" == where(problem)
        assert "2024-03-04" in problem

    def test_no_balance_on_any_row_is_refused_naming_each_line(self):
        """Regression (red team): a file with an empty Balance on every row read as 0
        transactions, its past withdrawal a "scheduled earning"; with no balanced row
        nothing says which rows are in the future, so each row is a missing balance."""
        rows = [
            history_row("Mar 02, 2024", "2", "Withdrawal", "-100.00", ""),
            history_row("Mar 01, 2024", "1", "Hourly", "500.00", ""),
        ]
        with pytest.raises(InvalidDataError) as info:
            parse(table(HISTORY, rows))
        problems = problems_of(info)
        assert ["line 3, column 13", "line 2, column 13"] == [where(p) for p in problems]
        assert all("(Balance)" in p for p in problems)
        assert {"a balance"} == {p.rule for p in problems}

    def test_scheduled_rows_need_a_row_with_a_balance_before_them(self):
        """A Statement built in code keeps the same rule: scheduled rows follow a transaction."""
        row = Transaction(
            line=2, on=date(2024, 3, 1), kind=TransactionKind.HOURLY, amount=usd("10.00"),
            type_text="Hourly",
        )  # fmt: skip
        with pytest.raises(InvalidValueError) as info:
            Statement(format=StatementFormat.TRANSACTION_HISTORY, transactions=[], scheduled=[row])
        assert "Statement.scheduled[0]" == info.value.field


# ============================================================================ hostile input


class TestHostile:
    def test_five_megabyte_line(self):
        """A 5 MB line is refused at once with one short problem."""
        text = ",".join(WEEKLY) + "\n" + "x" * 5_000_000 + "\n"
        with pytest.raises(InvalidDataError) as info:
            parse(text)
        assert ["line 2"] == [where(p) for p in problems_of(info)]
        assert len(str(info.value)) < 300

    def test_a_million_rows_of_junk(self):
        """A million junk rows stop after MAX_PROBLEMS problems; the message stays short."""
        text = ",".join(WEEKLY) + "\n" + "junk,junk\n" * 1_000_000
        with pytest.raises(InvalidDataError) as info:
            parse(text)
        listed = problems_of(info)
        assert statements.MAX_PROBLEMS == len(listed)
        assert listed[-1].startswith(f"line {statements.MAX_PROBLEMS + 1}: more than")
        assert len(str(info.value)) < 10_000

    def test_endless_lines_are_refused(self):
        """An endless iterable of blank lines stops at MAX_LINES."""
        lines = itertools.chain([",".join(WEEKLY) + "\n"], itertools.repeat("\n"))
        with pytest.raises(InvalidDataError) as info:
            parse(lines)
        assert [f"line {statements.MAX_LINES + 1}"] == [where(p) for p in problems_of(info)]

    def test_endless_characters_are_refused(self):
        """An endless iterable of long rows stops at MAX_CHARS, before MAX_ROWS."""
        row = "2024-09-02,Job (1),1," + "1" * 10 + ".00,\n"
        long_row = '2024-09-02,"' + "J" * 1_900 + ' (1)",1,1,\n'
        lines = itertools.chain([",".join(WEEKLY) + "\n", row], itertools.repeat(long_row))
        with pytest.raises(InvalidDataError) as info:
            parse(lines)
        assert "longer than" in problems_of(info)[-1]

    def test_text_over_the_size_limit(self, monkeypatch):
        """A str longer than MAX_CHARS is refused before it is read."""
        monkeypatch.setattr("upwork_safety.statements._input.MAX_CHARS", 100)
        with pytest.raises(InvalidDataError) as info:
            parse(",".join(WEEKLY) + "\n" + "2024-09-02,Job (1),1,1,\n" * 10)
        assert ["line 1"] == [where(p) for p in problems_of(info)]

    def test_too_many_rows(self, monkeypatch):
        """More than MAX_ROWS rows are refused."""
        monkeypatch.setattr("upwork_safety.statements._parse.MAX_ROWS", 3)
        with pytest.raises(InvalidDataError) as info:
            parse(",".join(WEEKLY) + "\n" + "2024-09-02,Job (1),1,1,\n" * 4)
        assert ["line 5"] == [where(p) for p in problems_of(info)]

    def test_many_breaks(self):
        """59 breaks in the balance: the first MAX_PROBLEMS are listed, the rest counted."""
        rows = [
            history_row(f"2024-01-{1 + i // 3:02d}", str(i), "Bonus", "1.00", "0.00")
            for i in range(60)
        ]
        with pytest.raises(InvalidDataError) as info:
            parse(table(HISTORY, rows))
        listed = problems_of(info)
        # Sixty rows make 59 breaks between neighbours.
        assert (statements.MAX_PROBLEMS, 59) == (len(listed), info.value.count)
        assert str(info.value).endswith("… and 9 more")

    def test_many_rows_out_of_order(self):
        """Rows zigzagging in date: reading stops after MAX_PROBLEMS of them."""
        dates = ["2024-01-10", "2024-01-01"] * 60
        rows = [history_row(d, str(i), "Bonus", "1.00", "0.00") for i, d in enumerate(dates)]
        with pytest.raises(InvalidDataError) as info:
            parse(table(HISTORY, rows))
        assert statements.MAX_PROBLEMS == len(problems_of(info))
        assert "stopped reading" in problems_of(info)[-1]

    def test_long_field(self):
        """A field longer than MAX_FIELD_CHARS is a problem at its column."""
        rows = [history_row("Jan 01, 2023", "1", "Bonus", "1.00", "1.00", Description="d" * 2_001)]
        with pytest.raises(InvalidDataError) as info:
            parse(table(HISTORY, rows))
        assert ["line 2, column 4"] == [where(p) for p in problems_of(info)]

    def test_runaway_quote(self):
        """An unclosed quote is refused, not read to the end of memory."""
        text = ",".join(WEEKLY) + '\n2024-09-02,"' + "x\n" * 100_000
        with pytest.raises(InvalidDataError):
            parse(text)

    def test_an_unclosed_quote_is_reported_where_it_opened(self):
        """Regression (red team): it was reported at the file's last line, then 49 false rows.

        A field quoted on line 2 and never closed swallows the rest of the file:
        one problem, at line 2, naming where reading stopped.
        """
        rows = '2024-09-02,"Job (1),1,1,\n' + "2024-09-03,Job (1),1,1,\n" * 1000
        with pytest.raises(InvalidDataError) as info:
            parse(",".join(WEEKLY) + "\n" + rows)
        assert ["line 2"] == [where(p) for p in problems_of(info)]
        assert "line 1002" in problems_of(info)[0]
        long_field = '2024-09-02,"Job (1),1,1,\n' + ("x" * 1000 + "\n") * 200
        with pytest.raises(InvalidDataError) as info:
            parse(",".join(WEEKLY) + "\n" + long_field + "2024-09-03,Job (1),1,1,\n" * 10)
        assert ["line 2"] == [where(p) for p in problems_of(info)]
        # Review: a quote closed on the next line, then a stray character, is one bad
        # record; reading goes on and finds the problem on line 5 too.
        rows = '2024-09-02,"Job\n(1)"x,1,1,\n2024-09-03,Job (1),1,1,\n2024-09-04,Job (1),oops,1,\n'
        with pytest.raises(InvalidDataError) as info:
            parse(",".join(WEEKLY) + "\n" + rows)
        assert ["line 2", "line 5, column 3"] == [where(p) for p in problems_of(info)]

    def test_nul_characters(self):
        """A NUL character is refused at its line, the same on every Python (csv differs)."""
        with pytest.raises(InvalidDataError) as info:
            parse(",".join(WEEKLY) + "\n2024-09-02,Job (1),1,1\x00,\n")
        assert ["line 2"] == [where(p) for p in problems_of(info)]
        assert "NUL character" in problems_of(info)[0]

    def test_lone_surrogates(self):
        """Regression (red team): a lone surrogate is refused at its line, as a data problem.

        It was an InvalidValueError naming ``Transaction.contract``, with no line.
        """
        rows = "\n2024-09-02,Job (1),1,1,\n2024-09-03,Job \ud800 (1),1,1,\n"
        with pytest.raises(InvalidDataError) as info:
            parse(",".join(WEEKLY) + rows)
        assert ["line 3"] == [where(p) for p in problems_of(info)]

    @pytest.mark.parametrize("bad", ["\x00", "\ud800"])
    def test_a_header_that_is_not_text_is_the_only_problem(self, bad):
        """Regression (review): the next line was then read as the header and refused too."""
        with pytest.raises(InvalidDataError) as info:
            parse(",".join(WEEKLY).replace("Date", f"Da{bad}te") + "\n2024-09-02,Job (1),1,1,\n")
        assert ["line 1"] == [where(p) for p in problems_of(info)]
        # With no line after it, "the text is empty" was added as a second problem.
        with pytest.raises(InvalidDataError) as info:
            parse(",".join(WEEKLY).replace("Date", f"Da{bad}te") + "\n")
        assert ["line 1"] == [where(p) for p in problems_of(info)]


# ============================================================================ the values


class TestValues:
    def base(self, **changes):
        values = {
            "line": 2,
            "on": date(2024, 1, 1),
            "kind": TransactionKind.BONUS,
            "amount": usd("1"),
        }
        values.update(changes)
        return Transaction(**values)

    @pytest.mark.parametrize(
        ("changes", "error"),
        [
            ({"line": 0}, InvalidValueError),
            ({"line": True}, InvalidTypeError),
            ({"on": "2024-01-01"}, InvalidTypeError),
            ({"kind": "bonuses"}, InvalidValueError),
            ({"kind": 3}, InvalidTypeError),
            ({"amount": pkr("1")}, InvalidValueError),
            ({"amount": 1}, InvalidTypeError),
            ({"balance": pkr("1")}, InvalidValueError),
            ({"id": ""}, InvalidValueError),
            ({"id": 7}, InvalidTypeError),
            ({"description": None}, InvalidTypeError),
            ({"hours": Decimal("0.3")}, InvalidValueError),
            ({"hours": Decimal(-1)}, InvalidValueError),
            ({"hours": 1.5}, InvalidTypeError),
            ({"exchange_rate": Decimal(0)}, InvalidValueError),
            ({"exchange_rate": 1}, InvalidTypeError),
            ({"local_amount": "1"}, InvalidTypeError),
            ({"extra": [("a",)]}, InvalidTypeError),
            ({"extra": [("a", 1)]}, InvalidTypeError),
        ],
    )
    def test_transaction_refuses(self, changes, error):
        """A Transaction with a field that breaks its rule cannot be built."""
        with pytest.raises(error):
            self.base(**changes)

    def test_statement_rules(self):
        """A Statement must be in date order, balanced as its format says, scheduled last."""
        history = StatementFormat.TRANSACTION_HISTORY

        def row(line, on, balance=None):
            return self.base(line=line, on=on, type_text="Bonus", balance=balance)

        later = row(2, date(2024, 2, 1), usd("2"))
        earlier = row(3, date(2024, 1, 1), usd("1"))
        for bad, field, rule in (
            ({"transactions": [later, earlier]}, "Statement.transactions[1]", "oldest first"),
            (
                {"transactions": [row(2, date(2024, 1, 1))]},
                "Statement.transactions[0]",
                "a Transaction History needs a balance on every row",
            ),
            (
                {"transactions": [earlier], "scheduled": [row(2, date(2024, 1, 1))]},
                "Statement.scheduled[0]",
                "no balance, dated after every transaction",
            ),
        ):
            with pytest.raises(InvalidValueError) as info:
                Statement(format=history, **bad)
            assert (field, rule) == (info.value.field, info.value.rule)
        weekly = self.base(contract_id="1", type_text="Bonus", balance=usd("1"))
        with pytest.raises(InvalidValueError) as info:
            Statement(format=StatementFormat.WEEKLY_SUMMARY, transactions=[weekly])
        assert "a Weekly summary has no balance on every row" == info.value.rule
        with pytest.raises(InvalidValueError) as info:
            Statement(format="weekly", transactions=[])
        assert "Statement.format" == info.value.field
        with pytest.raises(InvalidTypeError):
            Statement(format=3, transactions=[])
        with pytest.raises(InvalidTypeError):
            Statement(format=StatementFormat.WEEKLY_SUMMARY, transactions=["x"])

    def test_records_and_html(self):
        """A statement has records for pandas and an HTML table for notebooks."""
        statement = parse(read(REPORT_FILE))
        record = statement.to_records()[0]
        assert {
            "line": 20,
            "on": date(2024, 5, 6),
            "id": "7100001",
            "kind": "connects",
            "type": "Connects",
            "amount": Decimal("-15.00"),
            "balance": Decimal("20.50"),
            "client": "",
            "contract": "Connects",
            "description": "Purchased 100 Connects",
            "related_id": None,
            "local_amount": Decimal("-15.00"),
            "local_currency": "USD",
            "extra:Freelancer": "Ayesha Khan (synthetic)",
            "extra:Account Name": "Ayesha Khan",
            "extra:Ref ID": "7100001",
            "extra:Payment Method": None,
        } == record
        html = statement._repr_html_()
        assert html.startswith(
            "<table><caption>Transactions report: 17 transactions from 2024-05-06"
        )
        assert "2 scheduled, not counted" in html
        assert "<caption>Transactions report: 0 transactions</caption>" in (
            parse(table(REPORT, []))._repr_html_()
        )

    def test_weekly_records_carry_hours_contract_ids_and_extra_columns(self):
        """The weekly summary's records have its hours and contract ids, and each added
        column as a key of its own (``extra:`` and its name), ``None`` on rows without it;
        every record of one statement has the same keys (review r9: to_records dropped them)."""
        text = table(
            [*WEEKLY, "Activity ID"],
            [
                {
                    "Date": "2024-09-02",
                    "Contract": "API (381)",
                    "Hours": "2.5",
                    "Amount": "62.5",
                    "Activity ID": "A-1",
                },
                {
                    "Date": "2024-09-04",
                    "Contract": "Shop (382)",
                    "Amount": "300",
                    "Payment type": "Fixed Price Payment",
                },
            ],
        )
        hourly, fixed = parse(text).to_records()
        assert list(hourly) == list(fixed)
        assert ("381", Decimal("2.5"), "A-1") == (
            hourly["contract_id"],
            hourly["hours"],
            hourly["extra:Activity ID"],
        )
        assert ("382", None, None) == (
            fixed["contract_id"],
            fixed["hours"],
            fixed["extra:Activity ID"],
        )
        assert {"local_amount", "exchange_rate"}.isdisjoint(hourly)

    def test_history_records_carry_local_amounts_and_exchange_rates(self):
        """The Transaction History's records have the local amount, its currency and the
        exchange rate; the transaction exports' records have no hours or contract id."""
        rows = [
            history_row("Mar 02, 2024", "2", "Withdrawal", "-100.00", "0.00", ExchangeRate="280.5"),
            history_row("Mar 01, 2024", "1", "Bonus", "100.00", "100.00"),
        ]
        header = [
            name if name != "Amount in local currency" else "ExchangeRate" for name in HISTORY
        ]
        older, newer = parse(table(header, rows)).to_records()
        assert list(older) == list(newer)
        assert (None, Decimal("280.5")) == (older["exchange_rate"], newer["exchange_rate"])
        assert {"hours", "contract_id"}.isdisjoint(older)
        local = parse(read(HISTORY_FILE)).to_records()[0]
        assert (Decimal("300.00"), "USD") == (local["local_amount"], local["local_currency"])

    def test_records_have_every_field_an_export_can_hold(self):
        """Each field an export's rows can hold (but ``extra``, a key per column) is a key of
        its records, so a field added to an export cannot be left out of its DataFrame."""
        from upwork_safety.statements import _statement

        always = {"id", "description", "client", "contract", "related_id"}  # every export's
        for export in StatementFormat:
            assert export.row_fields - {"extra"} - always == set(_statement.RECORD_FIELDS[export])
        assert always <= set(parse(read(WEEKLY_FILE)).to_records()[0])

    def test_extra_columns_never_take_a_field_key(self):
        """A column named like a record's key (``contract_id``) keeps its own, prefixed key."""
        text = table(
            [*WEEKLY, "contract_id"],
            [
                {
                    "Date": "2024-09-02",
                    "Contract": "API (381)",
                    "Hours": "1",
                    "Amount": "25",
                    "contract_id": "x",
                }
            ],
        )
        (record,) = parse(text).to_records()
        assert ("381", "x") == (record["contract_id"], record["extra:contract_id"])

    def test_format_titles(self):
        """Each format has the title Upwork's pages give it."""
        assert ["Transaction History", "Transactions report", "Weekly summary"] == [
            f.title for f in StatementFormat
        ]

    def test_reprs_are_one_short_line(self):
        """A statement, a row, a summary, an audit and a check each show a one-line
        ``<Type ...>`` summary of their key values, not every field (review r9: 98 KB for
        an 18-month file)."""

        def shows(value: object, kind: str, *parts: str) -> None:
            text = repr(value)
            assert text.startswith(f"<{kind} ")
            assert text.endswith(">")
            assert "\n" not in text
            assert len(text) < 200
            assert [] == [part for part in parts if part not in text]

        statement = parse(read(REPORT_FILE))
        shows(statement, "Statement", "transactions_report", "17 transactions", "USD 30.02")
        shows(statement.transactions[1], "Transaction", "line 19", "USD 400.00", "'7100002'")
        weekly = parse(read(WEEKLY_FILE))
        shows(weekly, "Statement", "weekly_summary", "5 transactions", "2024-09-02..2024-09-06")
        shows(weekly.transactions[0], "Transaction", "line 2", "2.5 h", "'38100001'")
        audit = audit_fees(statement)
        shows(audit, "FeeAudit", "5 checked", "1 not as scheduled", "overcharged USD 1.00")
        shows(audit.mismatches[0], "FeeCheck", "fee line 9", "income line 10", "USD 1.00")
        summary = summarize(statement, by="tax_year")
        shows(summary, "Summary", "tax_year", "2 periods", "USD 1,600.00", "USD 1,439.00")

    def test_a_row_holds_no_text_longer_than_a_cell(self):
        """Red team r13 #7: a row built or loaded with a 1 MB description was accepted, where
        the reader refuses a cell over MAX_FIELD_CHARS: a statement is one a file could give."""
        fields = {"line": 2, "on": date(2024, 9, 2), "kind": TransactionKind.BONUS}
        fields |= {"amount": usd("1.00"), "type_text": "Bonus"}
        cell = "x" * statements.MAX_FIELD_CHARS
        assert cell == Transaction(**fields, description=cell).description
        for name in ("id", "description", "client", "contract", "related_id"):
            with pytest.raises(InvalidValueError) as info:
                Transaction(**fields, **{name: cell + "x"})
            assert (f"Transaction.{name}", "at most 2,000 characters") == (
                info.value.field,
                info.value.rule,
            )
        with pytest.raises(InvalidValueError) as info:
            Transaction(**fields, extra=[("Activity ID", cell + "x")])
        assert "Transaction.extra[0][1]" == info.value.field

    def test_reprs_stay_short_whatever_the_data(self):
        """The longest texts a row holds, or a statement of thousands of rows, still show
        in a short line: texts are cut by the library's bounded display."""
        long = "x" * statements.MAX_FIELD_CHARS
        row = Transaction(
            line=2,
            on=date(2024, 9, 2),
            kind=TransactionKind.BONUS,
            amount=usd("1.00"),
            balance=usd("1.00"),
            id=long,
            type_text="Bonus",
            description=long,
            contract=long,
            extra=[(f"c{i}", long) for i in range(100)],
        )
        assert len(repr(row)) < 250
        rows = [
            Transaction(
                line=2 + i,
                on=date(2024, 9, 2),
                kind=TransactionKind.BONUS,
                amount=usd("1.00"),
                balance=usd(f"{i + 1}.00"),
                type_text="Bonus",
                description=long,
            )
            for i in range(2000)
        ]
        statement = Statement(format=StatementFormat.TRANSACTION_HISTORY, transactions=rows)
        assert len(repr(statement)) < 150
        assert statement == Statement(
            format=StatementFormat.TRANSACTION_HISTORY, transactions=rows
        )  # equality is unchanged: only the repr is short


# ============================================================================ summaries


def report_summary(**options):
    return summarize(parse(read(REPORT_FILE)), **options)


@pytest.mark.parametrize(
    ("kind", "word", "amount", "against"),
    [
        (TransactionKind.FIXED_PRICE, "Fixed Price", "-1.00", True),
        (TransactionKind.FIXED_PRICE, "Fixed Price", "1.00", False),
        (TransactionKind.WITHDRAWAL, "Withdrawal", "1.00", True),
        (TransactionKind.WITHDRAWAL, "Withdrawal", "-1.00", False),
        (TransactionKind.SERVICE_FEE, "Service Fee", "1.00", True),
        (TransactionKind.SERVICE_FEE, "Service Fee", "0.00", False),
        (TransactionKind.SERVICE_FEE, "Service fee refund", "-1.00", True),
        (TransactionKind.SERVICE_FEE, "Service fee refund", "0.00", False),
        (TransactionKind.SERVICE_FEE, "Service fee refund", "1.00", False),
        (TransactionKind.PAYMENT, "Payment", "-1.00", False),
        (TransactionKind.MISCELLANEOUS, "Adjustment", "1.00", False),
    ],
)
def test_signed_against_kind(kind, word, amount, against):
    """Third review r13 #8: the sign each kind (a service fee: each word) is written with."""
    row = Transaction(line=2, on=date(2024, 9, 2), kind=kind, amount=usd(amount), type_text=word)
    assert against is row.signed_against_kind


class TestSummary:
    def test_rows_signed_against_their_kind_are_named(self):
        """Red team r13 #3: a positive Withdrawal read as "withdrawn USD -50.00" with no note;
        such rows are counted as written and named in the notes."""
        rows = [
            history_row("2024-08-07", "900003", "Withdrawal", "50.00", "650.00"),
            history_row("2024-08-06", "900002", "Service Fee", "10.00", "600.00"),
            history_row("2024-08-05", "900001", "Fixed Price", "590.00", "590.00"),
        ]
        summary = summarize(parse(table(HISTORY, rows)))
        assert Money("-50.00", "USD") == summary.total.withdrawn
        (note,) = summary.notes
        # A positive row typed "Service Fee" (not "Service fee refund") is named too (second
        # review r13 #9: a service fee row is signed by its word).
        assert note.startswith("2 rows are signed the other way from their kind (line 3: ")
        assert "'Service Fee' USD 10.00" in note
        assert "'Withdrawal' USD 50.00" in note
        refund = [rows[0], {**rows[1], "Type": "Service fee refund"}, rows[2]]
        (note,) = summarize(parse(table(HISTORY, refund))).notes
        assert note.startswith("1 row is signed the other way from its kind (line 2: ")
        kinds = statements.OUTGOING_KINDS
        assert TransactionKind.WITHDRAWAL in kinds
        assert not kinds & statements.INCOME_KINDS

    def test_by_month_worked_by_hand(self):
        """The report by month: May 400 gross, 40 fees, 35 Connects/subscription; June 500 out."""
        summary = report_summary(by="month")
        assert [
            ("2024-05", 4, "400.00", "40.00", "360.00", "0.00", "0.00", "35.00", "325.00"),
            ("2024-06", 4, "250.00", "25.00", "225.00", "500.00", "0.99", "0.00", "-275.99"),
            ("2024-07", 7, "950.00", "96.00", "854.00", "0.00", "0.00", "7.50", "846.50"),
            ("2024-08", 2, "0.00", "0.00", "0.00", "900.00", "0.99", "0.00", "-900.99"),
        ] == [
            (
                r.period,
                r.transactions,
                *(
                    str(getattr(r, n).amount)
                    for n in (
                        "gross",
                        "service_fees",
                        "net",
                        "withdrawn",
                        "withdrawal_fees",
                        "connects_and_subscriptions",
                        "change",
                    )
                ),
            )
            for r in summary.rows
        ]
        assert (date(2024, 7, 1), date(2024, 7, 31)) == (summary.rows[2].start, summary.rows[2].end)

    def test_by_tax_year_worked_by_hand(self):
        """July 2024 starts tax year 2024-25: 650/585 net before it, 950/854 after."""
        summary = report_summary(by="tax_year")
        assert [
            ("2023-24", usd("650.00"), usd("585.00")),
            ("2024-25", usd("950.00"), usd("854.00")),
        ] == [(r.period, r.gross, r.net) for r in summary.rows]
        assert (date(2023, 7, 1), date(2024, 6, 30)) == (summary.rows[0].start, summary.rows[0].end)
        total = summary.total
        assert (usd("1600.00"), usd("161.00"), usd("1439.00"), usd("1400.00"), usd("1.98")) == (
            total.gross,
            total.service_fees,
            total.net,
            total.withdrawn,
            total.withdrawal_fees,
        )
        assert usd("42.50") == total.connects_and_subscriptions

    @pytest.mark.parametrize(
        ("given", "hint"),
        [("tax-year", "'tax_year'"), ("Month", "'month'"), ("calendar year", "'year'")],
    )
    def test_a_period_spelled_as_the_cli_spells_it_is_refused_with_the_spelling(self, given, hint):
        """Newcomer r14 #8: the CLI's ``--by tax-year`` is ``by="tax_year"`` here; the
        refusal says so rather than leaving the reader to guess (r18 F9: a calendar year
        is ``"year"``)."""
        with pytest.raises(InvalidValueError) as info:
            report_summary(by=given)
        rule = "one of ('month', 'tax_year', 'year')"
        assert ("by", rule) == (info.value.field, info.value.rule)
        assert f"did you mean {hint}?" in str(info.value)
        with pytest.raises(InvalidValueError) as info:
            report_summary(by="quarter")
        assert "did you mean" not in str(info.value)

    def test_change_is_the_balance_movement(self):
        """The total change is the closing balance minus the opening balance."""
        statement = parse(read(REPORT_FILE))
        assert (
            statement.closing_balance - statement.opening_balance
            == summarize(statement).total.change
        )

    def test_history_refunds_by_tax_year(self):
        """The history example: 2022-23 nets 960 of 1,150; 2023-24 nets 40 after a 50 refund."""
        summary = summarize(parse(read(HISTORY_FILE)), by="tax_year")
        assert [
            ("2022-23", usd("1150.00"), usd("190.00"), usd("0.00"), usd("960.00"), usd("700.00")),
            ("2023-24", usd("100.00"), usd("10.00"), usd("50.00"), usd("40.00"), usd("290.00")),
        ] == [
            (r.period, r.gross, r.service_fees, r.refunds, r.net, r.withdrawn) for r in summary.rows
        ]

    def test_weekly_summary_note(self):
        """The weekly summary adds up earnings and says fees are not in it."""
        summary = summarize(parse(read(WEEKLY_FILE)))
        assert usd("475.00") == summary.total.gross == summary.total.net
        assert any("earnings only" in note for note in summary.notes)

    def test_empty_months_are_rows(self):
        """Months with no rows between the first and last are zero rows, not gaps."""
        rows = [
            history_row("Apr 02, 2024", "2", "Bonus", "5.00", "15.00"),
            history_row("Jan 31, 2024", "1", "Bonus", "10.00", "10.00"),
        ]
        summary = summarize(parse(table(HISTORY, rows)))
        assert ["2024-01", "2024-02", "2024-03", "2024-04"] == [r.period for r in summary.rows]
        assert [1, 0, 0, 1] == [r.transactions for r in summary.rows]
        assert date(2024, 2, 29) == summary.rows[1].end

    def test_december_to_january(self):
        """Months roll over the year end."""
        rows = [
            history_row("Jan 01, 2025", "2", "Bonus", "5.00", "15.00"),
            history_row("Dec 31, 2024", "1", "Bonus", "10.00", "10.00"),
        ]
        assert ["2024-12", "2025-01"] == [
            r.period for r in summarize(parse(table(HISTORY, rows))).rows
        ]

    def test_other_columns(self):
        """GST goes to taxes; payments and miscellaneous rows to other, signed."""
        rows = [
            history_row("Jan 03, 2024", "3", "Payment", "20.00", "12.00"),
            history_row("Jan 02, 2024", "2", "GST", "-1.00", "-8.00"),
            history_row("Jan 01, 2024", "1", "Miscellaneous", "-7.00", "-7.00"),
        ]
        row = summarize(parse(table(HISTORY, rows))).rows[0]
        assert (usd("1.00"), usd("13.00"), usd("12.00")) == (row.taxes, row.other, row.change)

    def test_pkr_and_tax_estimate(self):
        """Withdrawals at 278.50 and 278.00 PKR, 1% s.154A: Rs1,392.50 and Rs2,502.00."""
        rates = {
            "2023-24": ExchangeRate("USD", "PKR", "278.50"),
            "2024-25": ExchangeRate("USD", "PKR", "278.00"),
            "2025-26": ExchangeRate("USD", "PKR", "300.00"),
        }
        summary = report_summary(by="tax_year", rates=rates, tax="standard")
        assert [
            (pkr("162922.50"), pkr("139250.00"), pkr("1392.50")),
            (pkr("237412.00"), pkr("250200.00"), pkr("2502.00")),
        ] == [(r.net_pkr, r.withdrawn_pkr, r.tax_pkr) for r in summary.rows]
        assert (pkr("400334.50"), pkr("389450.00"), pkr("3894.50")) == (
            summary.net_pkr,
            summary.withdrawn_pkr,
            summary.tax_pkr,
        )
        assert fees.TAX_RATE_NOT_PSEB == summary.rows[0].tax_rate

    def test_pseb_rate_and_one_rate(self):
        """One rate for every period; PSEB-registered: 0.25% of Rs389,200.00 is Rs973.00."""
        summary = report_summary(by="tax_year", rates=ExchangeRate("USD", "PKR", "278"), tax="pseb")
        assert (pkr("973.00"), fees.TAX_RATE_PSEB) == (summary.tax_pkr, summary.rows[1].tax_rate)

    def test_no_tax_rules_before_2022_07(self):
        """Before the export-tax rules start, there is no estimate, and the notes say so."""
        rows = [
            history_row("Jun 30, 2022", "2", "Withdrawal", "-10.00", "0.00"),
            history_row("Jun 01, 2022", "1", "Bonus", "10.00", "10.00"),
        ]
        summary = summarize(
            parse(table(HISTORY, rows)), rates=ExchangeRate("USD", "PKR", "200"), tax="standard"
        )
        assert (None, None) == (summary.rows[0].tax_pkr, summary.tax_pkr)
        assert any("2022-06" in note and "2022-07-01" in note for note in summary.notes)

    @pytest.mark.parametrize(
        ("status", "rate", "tax"), [("standard", "0.01", "20.00"), ("pseb", "0.0025", "5.00")]
    )
    def test_a_withdrawal_on_the_first_day_of_the_tax_rules_is_estimated(self, status, rate, tax):
        """Red team r19 mutation G4: the s.154A rules apply from 2022-07-01 itself.

        USD 10.00 withdrawn on 1 July 2022 at 200 is Rs2,000.00: 1% is
        Rs20.00, 0.25% (PSEB-registered) Rs5.00 (DOMAIN.md section 5).
        """
        rows = [
            history_row("Jul 01, 2022", "2", "Withdrawal", "-10.00", "0.00"),
            history_row("Jun 01, 2022", "1", "Bonus", "10.00", "10.00"),
        ]
        summary = summarize(
            parse(table(HISTORY, rows)), rates=ExchangeRate("USD", "PKR", "200"), tax=status
        )
        july = summary.rows[1]
        assert ("2022-07", pkr("2000.00"), Decimal(rate), pkr(tax), pkr(tax)) == (
            july.period,
            july.withdrawn_pkr,
            july.tax_rate,
            july.tax_pkr,
            summary.tax_pkr,
        )

    def test_without_rates(self):
        """Without rates there are no rupee figures."""
        summary = report_summary()
        assert (None, None, None, None) == (
            summary.rows[0].net_pkr,
            summary.net_pkr,
            summary.tax_pkr,
            summary.rows[0].tax_pkr,
        )

    def test_missing_rates_named(self):
        """A mapping without a rate for a period with money to convert names each such period."""
        with pytest.raises(InvalidValueError, match="2024-06, 2024-07"):
            report_summary(
                rates={
                    "2024-05": ExchangeRate("USD", "PKR", "278"),
                    "2024-08": ExchangeRate("USD", "PKR", "278"),
                }
            )

    def test_a_periods_rate_dated_outside_it_is_refused(self):
        """Regression (red team r15 L1): a tax year's rate dated years away converted and
        taxed it without a word; a period's own rate is dated within it, or undated."""
        inside = {
            "2024-05": ExchangeRate("USD", "PKR", "278", as_of=date(2024, 5, 31)),
            **{f"2024-0{m}": ExchangeRate("USD", "PKR", "278") for m in (6, 7, 8)},
        }
        assert report_summary(rates=inside).rows[0].rate == inside["2024-05"]
        outside = {**inside, "2024-07": ExchangeRate("USD", "PKR", "150", as_of=date(2019, 1, 1))}
        with pytest.raises(InvalidValueError) as info:
            report_summary(rates=outside)
        assert ("rates['2024-07']", "a period's rate dated within it") == (
            info.value.field,
            info.value.rule,
        )
        assert "2019-01-01" in str(info.value)
        one = ExchangeRate("USD", "PKR", "278", as_of=date(2024, 8, 31))
        assert 4 == len(report_summary(rates=one).rows)  # one rate for every period

    def test_empty_period_needs_no_rate(self):
        """A period with nothing to convert needs no rate; its rupee figures are None."""
        rows = [
            history_row("Mar 02, 2024", "2", "Bonus", "5.00", "15.00"),
            history_row("Jan 31, 2024", "1", "Bonus", "10.00", "10.00"),
        ]
        rates = {
            "2024-01": ExchangeRate("USD", "PKR", "280"),
            "2024-03": ExchangeRate("USD", "PKR", "280"),
        }
        summary = summarize(parse(table(HISTORY, rows)), rates=rates)
        assert [pkr("2800.00"), None, pkr("1400.00")] == [r.net_pkr for r in summary.rows]
        assert pkr("4200.00") == summary.net_pkr

    @pytest.mark.parametrize(
        ("options", "error"),
        [
            ({"by": "quarter"}, InvalidValueError),
            ({"by": "tax-year"}, InvalidValueError),
            ({"tax": "pseb"}, InvalidValueError),
            ({"tax": "filer", "rates": ExchangeRate("USD", "PKR", "1")}, InvalidValueError),
            ({"rates": ExchangeRate("USD", "EUR", "1")}, CurrencyMismatchError),
            ({"rates": {"2024-05": ExchangeRate("PKR", "USD", "1")}}, CurrencyMismatchError),
            ({"rates": {"2024-05": "280"}}, InvalidTypeError),
            ({"rates": "280"}, InvalidTypeError),
        ],
    )
    def test_bad_options(self, options, error):
        """Bad grouping, tax status or rates are refused with a library error."""
        with pytest.raises(error):
            report_summary(**options)

    def test_not_a_statement(self):
        """summarize, audit_fees and to_contracts take a Statement."""
        for function in (summarize, audit_fees, to_contracts):
            with pytest.raises(InvalidTypeError):
                function("statement.csv")

    def test_tax_year_labels(self):
        """Tax years run 1 July to 30 June, named by both years."""
        assert ["1999-00", "2024-25", "2024-25", "2025-26"] == [
            statements.tax_year(d)
            for d in (date(2000, 6, 30), date(2024, 7, 1), date(2025, 6, 30), date(2025, 7, 1))
        ]

    def test_the_last_supported_days_tax_year_ends_after_it(self):
        """Regression (red team): a row in 9990's second half failed naming SummaryRow.end."""
        statement = parse(",".join(WEEKLY) + "\n9990-08-02,Job (1),1,62.50,\n")
        rows = summarize(statement, by="tax_year").rows
        assert [("9990-91", date(9990, 7, 1), date(9991, 6, 30))] == [
            (r.period, r.start, r.end) for r in rows
        ]

    def test_records_and_html(self):
        """Records per period for pandas; HTML with the total row and notes."""
        summary = report_summary(
            by="tax_year", rates=ExchangeRate("USD", "PKR", "278"), tax="standard"
        )
        record = summary.to_records()[1]
        assert {
            "period": "2024-25",
            "start": date(2024, 7, 1),
            "end": date(2025, 6, 30),
            "transactions": 9,
            "gross": Decimal("950.00"),
            "service_fees": Decimal("96.00"),
            "refunds": Decimal("0.00"),
            "net": Decimal("854.00"),
            "withdrawn": Decimal("900.00"),
            "withdrawal_fees": Decimal("0.99"),
            "connects_and_subscriptions": Decimal("7.50"),
            "taxes": Decimal("0.00"),
            "other": Decimal("0.00"),
            "change": Decimal("-54.49"),
            "rate": Decimal(278),
            "net_pkr": Decimal("237412.00"),
            "withdrawn_pkr": Decimal("250200.00"),
            "tax_rate": Decimal("0.01"),
            "tax_pkr": Decimal("2502.00"),
        } == record
        html = summary._repr_html_()
        assert "<td>total</td>" in html
        assert "tax year (1 July to 30 June)" in html
        assert "scheduled" in html
        assert "<td>total</td>" in report_summary()._repr_html_()

    def test_empty_statement(self):
        """An empty statement has no rows and a zero total; its table shows no total row.

        Red team r16 L4: the table showed a total dated 0001-01-01, the placeholder dates
        of Summary.total, which the API documents and the notebook never shows.
        """
        summary = summarize(parse(table(REPORT, [])))
        assert ((), usd("0.00"), []) == (summary.rows, summary.total.net, summary.to_records())
        page = summary._repr_html_()
        assert (False, False, True) == ("<td>" in page, "0001" in page, "<th>gross</th>" in page)

    def test_breaks_noted(self):
        """A statement kept with breaks says so in its summary."""
        statement = parse(table(HISTORY, [SMALL[0], SMALL[2]]), allow_breaks=True)
        assert any("breaks 1 time" in note for note in summarize(statement).notes)

    def test_summary_values_refuse_bad_fields(self):
        """Summary rows and summaries check their fields."""
        row = report_summary().rows[0]
        for changes, error in (
            ({"gross": pkr("1")}, InvalidTypeError),
            ({"transactions": -1}, InvalidValueError),
            ({"rate": ExchangeRate("USD", "EUR", "1")}, CurrencyMismatchError),
            ({"rate": "280"}, InvalidTypeError),
            ({"tax_rate": Decimal(2)}, InvalidValueError),
        ):
            with pytest.raises(error):
                attrs.evolve(row, **changes)
        summary = report_summary()
        for changes, error in (
            ({"by": "week"}, InvalidValueError),
            ({"format": "x"}, InvalidValueError),
            ({"format": 3}, InvalidTypeError),
            ({"rows": ["x"]}, InvalidTypeError),
        ):
            with pytest.raises(error):
                attrs.evolve(summary, **changes)


# ============================================================================ fee audit


def report_with(rows: list[dict[str, str]]) -> Statement:
    """A Transactions report from chronological (date, id, type, amount, client, summary) rows."""
    balance = Decimal(0)
    written = []
    for on, ident, kind, amount, client, summary in rows:
        balance += Decimal(amount)
        written.append(
            {
                "Date": on,
                "Transaction ID": ident,
                "Transaction Type": kind,
                "Transaction Summary": summary,
                "Team": client,
                "Amount $": amount,
                "Current Balance $": str(balance),
            }
        )
    return parse(table(REPORT, written[::-1]))


class TestAudit:
    def test_report_example(self):
        """The report: five fees checked, the $600 milestone's $61.00 fee is $1.00 over 10%."""
        audit = audit_fees(parse(read(REPORT_FILE)))
        (wrong,) = audit.mismatches
        assert 5 == len(audit.checks)
        assert ("7100007", usd("61.00"), usd("60.00"), usd("1.00")) == (
            wrong.income.id,
            wrong.charged,
            wrong.expected,
            wrong.difference,
        )
        assert "flat 10% (2023-05-03 to 2025-04-30)" == wrong.schedule
        assert ((), (), usd("1.00")) == (
            audit.not_checked,
            audit.income_without_fee,
            audit.overcharged,
        )
        # Its two $0.99 Direct to Local Bank withdrawal fees are that method's published fee.
        assert [(4, True), (13, True)] == sorted(
            (c.fee.line, c.matches) for c in audit.withdrawal_fees
        )
        (note,) = audit.assumptions
        assert note.startswith("The withdrawal fees of lines 13 and 4 are compared with")

    def test_sliding_scale_from_earlier_rows(self):
        """$400 after $300 billed: 20% of $200 plus 10% of $200 is $60 (HC 211062538 scale)."""
        audit = audit_fees(parse(read(HISTORY_FILE)))
        second = audit.checks[1]
        assert ("900003", usd("300.00"), usd("60.00")) == (
            second.income.id,
            second.billed_before,
            second.expected,
        )
        assert [True] * 5 == [c.matches for c in audit.checks]
        assert [usd("0.00"), usd("300.00"), usd("0.00"), None, None] == [
            c.billed_before for c in audit.checks
        ]
        (assumption,) = audit.assumptions
        assert "2023-01-09" in assumption
        assert "unknown" in assumption
        # The scale's dates come from the history: its start, and the day before its successor's.
        scale = fees.SLIDING_SCALE_2016
        after = fees.SERVICE_FEE_HISTORY[list(fees.SERVICE_FEE_HISTORY).index(scale) + 1]
        assert f"{scale.effective} to {after.effective - timedelta(days=1)}" in assumption

    def test_billings_counted_per_client(self):
        """Each client's billings are its own: a new client starts at 20% again."""
        statement = report_with(
            [
                ("Jan 02, 2020", "1", "Hourly", "600.00", "Acme", "A"),
                ("Jan 02, 2020", "1", "Service Fee", "-110.00", "Acme", "A"),
                ("Jan 09, 2020", "2", "Hourly", "100.00", "Acme", "A"),
                ("Jan 09, 2020", "2", "Service Fee", "-10.00", "Acme", "A"),
                ("Jan 09, 2020", "3", "Hourly", "100.00", "Globex", "G"),
                ("Jan 09, 2020", "3", "Service Fee", "-20.00", "Globex", "G"),
            ]
        )
        audit = audit_fees(statement)
        assert [usd("110.00"), usd("10.00"), usd("20.00")] == [c.expected for c in audit.checks]
        assert () == audit.mismatches

    def test_rows_without_a_client_are_one_client(self):
        """On the sliding scale, income rows with no client share one, and the audit says so."""
        statement = report_with(
            [
                ("Jan 02, 2020", "1", "Hourly", "600.00", "", "A"),
                ("Jan 02, 2020", "1", "Service Fee", "-110.00", "", "A"),
            ]
        )
        assert any("no client" in a for a in audit_fees(statement).assumptions)

    def test_contract_rate_from_2025(self):
        """From 2025-05-01 the contract's rate prices the fee: 12% of $500 is $60."""
        statement = report_with(
            [
                ("Jun 02, 2025", "1", "Fixed-price", "500.00", "Acme", "Logo"),
                ("Jun 02, 2025", "1", "Service Fee", "-60.00", "Acme", "Logo"),
            ]
        )
        audit = audit_fees(statement, rate=Decimal("0.12"))
        (check,) = audit.checks
        assert (usd("60.00"), True, Decimal("0.12")) == (check.expected, check.matches, check.rate)
        assert any("0.12" in a for a in audit.assumptions)
        assert usd("-15.00") == audit_fees(statement, rate="0.15").checks[0].difference

    def test_default_rate_from_2025(self):
        """Without a rate, a 2025-06 fee is checked against the default 10%."""
        statement = report_with(
            [
                ("Jun 02, 2025", "1", "Fixed-price", "500.00", "Acme", "Logo"),
                ("Jun 02, 2025", "1", "Service Fee", "-50.00", "Acme", "Logo"),
            ]
        )
        (check,) = audit_fees(statement).checks
        assert (usd("50.00"), True) == (check.expected, check.matches)

    def test_rate_the_schedule_does_not_charge(self):
        """A contract rate before the per-contract schedule is not applied; the row is still checked.

        On the per-contract schedule, a rate it does not charge leaves the fee unchecked.
        """
        statement = report_with(
            [
                ("Jun 03, 2024", "1", "Hourly", "100.00", "Acme", "A"),
                ("Jun 03, 2024", "1", "Service Fee", "-12.00", "Acme", "A"),
            ]
        )
        audit = audit_fees(statement, rate="0.12")
        (check,) = audit.checks
        assert ((), usd("10.00"), None) == (audit.not_checked, check.expected, check.rate)
        assert any("not applied" in note for note in audit.assumptions)
        later = report_with(
            [
                ("Jun 03, 2025", "1", "Hourly", "100.00", "Acme", "A"),
                ("Jun 03, 2025", "1", "Service Fee", "-12.00", "Acme", "A"),
            ]
        )
        audit = audit_fees(later, rate="0.20")
        (unchecked,) = audit.not_checked
        assert ((), "1") == (audit.checks, unchecked.fee.id)
        assert "cannot price" in unchecked.reason

    def test_rate_ignored_on_the_sliding_scale(self):
        """The sliding scale has no per-contract rate; a given rate does not apply there."""
        statement = report_with(
            [
                ("Jan 02, 2020", "1", "Hourly", "600.00", "Acme", "A"),
                ("Jan 02, 2020", "1", "Service Fee", "-110.00", "Acme", "A"),
            ]
        )
        (check,) = audit_fees(statement, rate="0.10").checks
        assert (usd("110.00"), None) == (check.expected, check.rate)

    def test_unmatched_fees_and_income(self):
        """Fees naming no row, a missing row, several rows or a negative row are unchecked; fee refunds too."""
        history = [
            history_row(
                "Jan 09, 2024", "9", "Service Fee", "-1.00", "71.00", Description="Service Fee"
            ),
            history_row(
                "Jan 08, 2024",
                "8",
                "Service Fee",
                "-1.00",
                "72.00",
                Description="Service Fee for Ref ID 77",
            ),
            history_row(
                "Jan 07, 2024",
                "7",
                "Service Fee",
                "2.00",
                "73.00",
                Description="Service fee refund",
            ),
            history_row(
                "Jan 06, 2024",
                "6",
                "Service Fee",
                "-1.00",
                "71.00",
                Description="Service Fee for Ref ID 5",
            ),
            history_row("Jan 05, 2024", "5", "Hourly", "-10.00", "72.00"),
            history_row(
                "Jan 04, 2024",
                "4",
                "Service Fee",
                "-2.00",
                "82.00",
                Description="Service Fee for Ref ID 3",
            ),
            history_row("Jan 03, 2024", "3", "Bonus", "20.00", "84.00"),
            history_row("Jan 02, 2024", "3", "Bonus", "20.00", "64.00"),
            history_row("Jan 01, 2024", "1", "Fixed Price", "44.00", "44.00"),
        ]
        audit = audit_fees(parse(table(HISTORY, history)))
        reasons = {u.fee.id: u.reason for u in audit.not_checked}
        assert () == audit.checks
        assert ["4", "6", "7", "8", "9"] == sorted(reasons)
        assert "2 income rows have id" in reasons["4"]
        assert "negative" in reasons["6"]
        assert "refund" in reasons["7"]
        assert "no income row with id '77'" in reasons["8"]
        assert "names no income row" in reasons["9"]
        assert ["1"] == [t.id for t in audit.income_without_fee]

    def test_weekly_summary_has_no_fees(self):
        """The weekly summary has no fee rows: every income row is without a fee, and said so."""
        audit = audit_fees(parse(read(WEEKLY_FILE)))
        assert ((), 5) == (audit.checks, len(audit.income_without_fee))
        assert any("no service fee rows" in a for a in audit.assumptions)

    def test_records_and_html(self):
        """Records per checked fee; HTML with the counts."""
        audit = audit_fees(parse(read(REPORT_FILE)))
        assert {
            "on": date(2024, 7, 15),
            "income_line": 10,
            "fee_line": 9,
            "fee_lines": (9,),
            "income_id": "7100007",
            "client": "Northwind Traders",
            "kind": "fixed_price",
            "income": Decimal("600.00"),
            "charged": Decimal("61.00"),
            "expected": Decimal("60.00"),
            "difference": Decimal("1.00"),
            "matches": False,
            "allowed_low": None,
            "allowed_high": None,
            "excess": Decimal("1.00"),
            "excess_from": Decimal("60.00"),
            "within_schedule": False,
            "verdict": "USD 1.00 above the fee expected (flat), USD 60.00",
            "schedule": "flat 10% (2023-05-03 to 2025-04-30)",
            "basis": "flat",
            "rate_assumed": False,
            "billed_before": None,
            "billings_assumed": False,
            "billed_at_most": None,
            "disagrees_with": (),
        } == audit.to_records()[3]
        assert (
            "5 checked, 1 not as scheduled, 0 on an assumed rate, 0 contracts at more than one rate, 0 not checked"
            in (audit._repr_html_())
        )
        assert "unknown" in audit_fees(parse(read(HISTORY_FILE)))._repr_html_()

    def test_audit_values_check_their_fields(self):
        """A fee check or unchecked fee must hold transactions and money."""
        fee = parse(read(REPORT_FILE)).transactions[2]
        with pytest.raises(InvalidTypeError):
            statements.FeeCheck(
                fee=fee, income="x", expected=usd("1"), schedule="s", basis=fees.FeeBasis.FLAT
            )
        with pytest.raises(InvalidTypeError):
            statements.FeeCheck(
                fee=fee, income=fee, expected="1", schedule="s", basis=fees.FeeBasis.FLAT
            )
        with pytest.raises(InvalidTypeError):
            statements.UncheckedFee("x", "why")

    def test_bad_rate(self):
        """A float or non-number rate is refused."""
        statement = parse(read(REPORT_FILE))
        with pytest.raises(InvalidTypeError):
            audit_fees(statement, rate=0.1)
        with pytest.raises(InvalidValueError):
            audit_fees(statement, rate="ten")


# ============================================================================ contracts


class TestContracts:
    def test_report_example(self):
        """The report gives one fixed-price contract (with its bonus) and one hourly."""
        contracts = to_contracts(parse(read(REPORT_FILE)))
        assert [
            (
                "Shop landing page",
                "Northwind Traders",
                ContractKind.FIXED_PRICE,
                date(2024, 5, 13),
                usd("1050.00"),
            ),
            # Its first invoice (2024-06-03) bills the week from 2024-05-27 (review r42, newcomer 4).
            ("API integration", "Globex", ContractKind.HOURLY, date(2024, 5, 27), usd("550.00")),
        ] == [(c.id, c.client_id, c.kind, c.started, c.earnings) for c in contracts]
        assert (None, None, "Shop landing page") == (
            contracts[0].ended,
            contracts[0].feedback,
            contracts[0].title,
        )

    def test_history_by_client_and_kind(self):
        """The Transaction History names no contract: one per client and kind."""
        contracts = to_contracts(parse(read(HISTORY_FILE)))
        assert [
            ("Northwind Traders: fixed price", ContractKind.FIXED_PRICE, usd("800.00")),
            ("Globex: hourly", ContractKind.HOURLY, usd("450.00")),
        ] == [(c.id, c.kind, c.earnings) for c in contracts]

    def test_weekly_by_contract_id(self):
        """Weekly rows group by contract id; each contract gets its own unknown client.

        Fifth round: the title is the export's title, not the id again.
        """
        contracts = to_contracts(parse(read(WEEKLY_FILE)))
        assert [("38100001", "API integration"), ("38100002", "Shop landing page")] == [
            (c.id, c.title) for c in contracts
        ]
        assert [
            (
                "38100001",
                "unknown client of contract 38100001",
                "",
                ContractKind.HOURLY,
                usd("150.00"),
            ),
            (
                "38100002",
                "unknown client of contract 38100002",
                "",
                ContractKind.FIXED_PRICE,
                usd("325.00"),
            ),
        ] == [(c.id, c.client_id, c.client.name, c.kind, c.earnings) for c in contracts]

    def test_engines_run_on_them(self):
        """The fee engine prices the history's contracts as the audit did, and JSS scores them."""
        statement = parse(read(HISTORY_FILE))
        contracts = to_contracts(statement)
        expected = Money.total((c.expected for c in audit_fees(statement).checks), "USD")
        priced = Money.total((fees.service_fee(c, on=date(2023, 7, 31)) for c in contracts), "USD")
        assert expected == priced == usd("200.00")
        assert 2 == len(jss.score(contracts, as_of=date(2023, 8, 1)).impacts)

    def test_same_title_two_clients_and_both_kinds(self):
        """Titles repeated across clients get the client's name; a group of both kinds splits."""
        statement = report_with(
            [
                ("Jan 02, 2024", "1", "Hourly", "10.00", "Acme", "Website"),
                ("Jan 03, 2024", "2", "Fixed-price", "20.00", "Acme", "Website"),
                ("Jan 04, 2024", "3", "Fixed-price", "30.00", "Globex", "Website"),
                ("Jan 05, 2024", "4", "Bonus", "5.00", "Initech", "Thanks"),
                ("Jan 06, 2024", "5", "Hourly", "1.00", "", ""),
            ]
        )
        assert [
            ("Website (hourly)", ContractKind.HOURLY),
            ("Website (fixed price)", ContractKind.FIXED_PRICE),
            ("Website", ContractKind.FIXED_PRICE),
            ("Thanks", ContractKind.FIXED_PRICE),
            ("unknown client: hourly", ContractKind.HOURLY),
        ] == [(c.id, c.kind) for c in to_contracts(statement, bonus_only=ContractKind.FIXED_PRICE)]

    def test_ids_made_unique(self):
        """A title that clashes with another contract's id is told apart by its client."""
        statement = report_with(
            [
                ("Jan 02, 2024", "1", "Fixed-price", "10.00", "Acme", "Site"),
                ("Jan 03, 2024", "2", "Fixed-price", "20.00", "Globex", "Site"),
                ("Jan 04, 2024", "3", "Fixed-price", "30.00", "Globex", "Site (Globex)"),
            ]
        )
        assert ["Site", "Site (Globex)", "Site (Globex) (Globex)"] == [
            c.id for c in to_contracts(statement)
        ]
        clash = report_with(
            [
                ("Jan 02, 2024", "1", "Fixed-price", "10.00", "Globex", "Site (Globex)"),
                ("Jan 03, 2024", "2", "Fixed-price", "20.00", "Acme", "Site"),
                ("Jan 04, 2024", "3", "Fixed-price", "30.00", "Globex", "Site"),
            ]
        )
        assert ["Site (Globex)", "Site", "Site (Globex) #2"] == [c.id for c in to_contracts(clash)]

    def test_negative_income_refused(self):
        """A negative income row cannot be a payment; every such line is named."""
        rows = [
            history_row("Jan 02, 2024", "2", "Hourly", "-5.00", "5.00"),
            history_row("Jan 01, 2024", "1", "Hourly", "10.00", "10.00"),
        ]
        with pytest.raises(InvalidValueError, match="line 2"):
            to_contracts(parse(table(HISTORY, rows)))


# ============================================================================ wrong types (issue 17)

INCOME_ROW = Transaction(
    line=3,
    on=date(2024, 1, 2),
    kind=TransactionKind.HOURLY,
    amount=usd("50"),
    contract_id="1",
    hours=Decimal(2),
)
FEE_ROW = Transaction(
    line=2, on=date(2024, 1, 2), kind=TransactionKind.SERVICE_FEE, amount=usd("-5"), related_id="1"
)
WEEKLY_STATEMENT = Statement(format=StatementFormat.WEEKLY_SUMMARY, transactions=[INCOME_ROW])
NAIVE = datetime(2025, 7, 1)  # naive on purpose: it must be refused


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (lambda: parse(None), InvalidTypeError, "text"),
        (lambda: parse({"Date": "2024-01-01"}), InvalidTypeError, "text"),
        (lambda: parse([",".join(WEEKLY) + "\n", 5]), InvalidTypeError, "text[1]"),
        (lambda: parse("not,an,export\n"), InvalidDataError, "text"),
        (lambda: parse(read(REPORT_FILE), allow_breaks="no"), InvalidTypeError, "allow_breaks"),
        (lambda: summarize(None), InvalidTypeError, "statement"),
        (lambda: audit_fees(5), InvalidTypeError, "statement"),
        (lambda: to_contracts("statement.csv"), InvalidTypeError, "statement"),
        (lambda: summarize(WEEKLY_STATEMENT, by=5), InvalidTypeError, "by"),
        (lambda: summarize(WEEKLY_STATEMENT, tax=1), InvalidTypeError, "tax"),
        (lambda: summarize(WEEKLY_STATEMENT, rates=[1]), InvalidTypeError, "rates"),
        (
            lambda: summarize(WEEKLY_STATEMENT, rates={2024: ExchangeRate("USD", "PKR", "1")}),
            InvalidTypeError,
            "rates",
        ),
        (lambda: audit_fees(WEEKLY_STATEMENT, rate=[1]), InvalidTypeError, "rate"),
        (lambda: statements.tax_year(None), InvalidTypeError, "on"),
        (lambda: statements.tax_year("2025-07-01"), InvalidTypeError, "on"),
        (lambda: statements.tax_year(NAIVE), InvalidValueError, "on"),
    ],
)
def test_functions_name_the_wrong_argument(call, error, field):
    """Each public function refuses a wrong-typed argument with a library error naming it."""
    with pytest.raises(error) as info:
        call()
    assert field == info.value.field


def test_a_bare_period_rate_is_refused_showing_the_exchange_rate_to_pass():
    """rates={"2024-05": "280"} is refused under its key, the message shows the ExchangeRate."""
    with pytest.raises(InvalidTypeError) as info:
        summarize(WEEKLY_STATEMENT, rates={"2024-05": "280"})
    assert ("rates['2024-05']", "a USD to PKR ExchangeRate") == (
        info.value.field,
        info.value.rule,
    )
    assert 'ExchangeRate("USD", "PKR", "280")' in str(info.value)


def test_tax_year_of_an_aware_moment_is_its_utc_day():
    """A moment counts on its UTC day: 30 June 20:00 in New York is 1 July, the next tax year."""
    new_york = timezone(timedelta(hours=-4))
    assert "2025-26" == statements.tax_year(datetime(2025, 6, 30, 20, tzinfo=new_york))


def test_audit_rate_is_a_fraction_as_everywhere():
    """audit_fees takes its rate as the library's other rates do: "10%" is 0.10."""
    statement = report_with(
        [
            ("Jun 03, 2025", "1", "Hourly", "100.00", "Acme", "A"),
            ("Jun 03, 2025", "1", "Service Fee", "-12.00", "Acme", "A"),
        ]
    )
    by_percent = audit_fees(statement, rate="12%")
    assert audit_fees(statement, rate=Decimal("0.12")).checks == by_percent.checks
    assert [(Decimal("0.12"), usd("12.00"))] == [(c.rate, c.expected) for c in by_percent.checks]


@pytest.mark.parametrize(
    ("build", "error", "field"),
    [
        (
            lambda: Statement(format=StatementFormat.WEEKLY_SUMMARY, transactions=None),
            InvalidTypeError,
            "Statement.transactions",
        ),
        (
            lambda: Statement(format=StatementFormat.WEEKLY_SUMMARY, transactions=INCOME_ROW),
            InvalidTypeError,
            "Statement.transactions",
        ),
        (
            lambda: Statement(
                format=StatementFormat.WEEKLY_SUMMARY, transactions=[], scheduled=[5]
            ),
            InvalidTypeError,
            "Statement.scheduled[0]",
        ),
        (
            lambda: attrs.evolve(INCOME_ROW, line="3"),
            InvalidTypeError,
            "Transaction.line",
        ),
        (lambda: attrs.evolve(INCOME_ROW, extra="ab"), InvalidTypeError, "Transaction.extra"),
        (
            lambda: attrs.evolve(INCOME_ROW, extra=[("a", 1)]),
            InvalidTypeError,
            "Transaction.extra[0]",
        ),
        (
            lambda: BalanceBreak(2, 3, usd("1"), usd("1")),
            InvalidValueError,
            "BalanceBreak.found",
        ),
        (
            lambda: BalanceBreak(2, 2, usd("1"), usd("2")),
            InvalidValueError,
            "BalanceBreak.newer_line",
        ),
        (
            lambda: attrs.evolve(report_summary(), rows=5),
            InvalidTypeError,
            "Summary.rows",
        ),
        (
            lambda: attrs.evolve(report_summary(), rows=report_summary().rows[::-1]),
            InvalidValueError,
            "Summary.rows[1]",
        ),
        (lambda: attrs.evolve(report_summary(), notes="abc"), InvalidTypeError, "Summary.notes"),
        (
            lambda: attrs.evolve(report_summary().rows[0], tax_rate="0.01"),
            InvalidTypeError,
            "SummaryRow.tax_rate",
        ),
        (lambda: statements.FeeAudit(checks=None), InvalidTypeError, "FeeAudit.checks"),
        (
            lambda: statements.FeeAudit(checks=(), income_without_fee=[FEE_ROW]),
            InvalidValueError,
            "FeeAudit.income_without_fee[0]",
        ),
        (
            lambda: statements.FeeCheck(
                fee=INCOME_ROW,
                income=INCOME_ROW,
                expected=usd("5"),
                schedule="s",
                basis=fees.FeeBasis.FLAT,
            ),
            InvalidValueError,
            "FeeCheck.fee",
        ),
        (
            lambda: statements.FeeCheck(
                fee=FEE_ROW,
                income=INCOME_ROW,
                expected=usd("5"),
                schedule="s",
                basis=fees.FeeBasis.FLAT,
                rate=0.1,
            ),
            InvalidTypeError,
            "FeeCheck.rate",
        ),
        (
            lambda: statements.UncheckedFee(INCOME_ROW, "why"),
            InvalidValueError,
            "UncheckedFee.fee",
        ),
    ],
)
def test_values_name_the_field_they_refuse(build, error, field):
    """A statement value with a wrong-typed or rule-breaking field is refused naming Class.field."""
    with pytest.raises(error) as info:
        build()
    assert field == info.value.field


# ============================================================================ the tutorial's chart


def test_tutorial_chart_draws_monthly_net():
    """The tutorial's matplotlib example draws one bar per month, at the exact net amounts."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    page = (ROOT / "docs" / "statements.md").read_text("utf-8")
    section = page.split("## Chart your monthly net income", 1)[1]
    (code,) = re.findall(r"^```python\n(.*?)^```", section, re.MULTILINE | re.DOTALL)[:1]
    monthly = summarize(parse(read(REPORT_FILE)), by="month")
    namespace: dict[str, object] = {"monthly": monthly}
    exec(compile(code, "docs/statements.md", "exec"), namespace)  # noqa: S102  (the page's own example)
    ax = namespace["ax"]
    heights = [patch.get_height() for patch in ax.patches]
    plt.close("all")
    assert [360.0, 225.0, 854.0, 0.0] == heights


@pytest.mark.parametrize("body", [",,,,,,,,,,\n", ",,\n", " , \n"])
def test_blank_rows_of_another_width_are_refused(body):
    """A row of empty cells with the wrong column count is a problem, not silently dropped."""
    with pytest.raises(InvalidDataError) as info:
        statements.parse("Date,Contract,Hours,Amount,Payment type\n" + body)
    assert ["line 2"] == [where(p) for p in problems_of(info)]


def test_blank_rows_of_the_header_width_hold_nothing():
    """Empty lines and ",,,," rows in the export's shape are passed over; the real row is read."""
    text = "\n,,,,\nDate,Contract,Hours,Amount,Payment type\n , , , , \n2024-01-01,Logo (1),,5.00,Bonus\n\n"
    statement = statements.parse(text)
    assert 1 == len(statement.transactions)
    assert Money("5.00", "USD") == statement.transactions[0].amount


@pytest.mark.parametrize("by", ["month", "tax_year", "year"])
def test_a_summary_round_trips_through_json(by):
    """Regression (second review): a Summary could not be written ("cannot serialise a str")."""
    from upwork_safety import serialize

    summary = summarize(parse(REPORT_FILE.read_text(encoding="utf-8")), by=by)
    assert summary == serialize.from_json(type(summary), serialize.to_json(summary))
    data = serialize.to_dict(summary)
    data["by"] = "week"
    with pytest.raises(InvalidDataError) as info:
        serialize.from_dict(type(summary), data)
    assert info.value.problems[0].startswith("$.by: ")


def test_checks_do_not_guess_escrow_an_export_cannot_show():
    """A contract read from an export was paid with no milestone on record: no UNFUNDED_MILESTONE.

    The shop landing page (fixed price, USD 1,050.00 paid) used to get a
    DANGER saying nothing was in escrow; the client's verification is still
    unknown (False), so the open hourly contract keeps UNVERIFIED_CLIENT.
    """
    from upwork_safety import checks

    now = datetime(2024, 8, 6, tzinfo=timezone.utc)
    found = {
        c.id: [f.code.name for f in checks.review_contract(c, now=now)]
        for c in to_contracts(parse(read(REPORT_FILE)))
    }
    assert {"Shop landing page": [], "API integration": ["UNVERIFIED_CLIENT"]} == found


def test_a_summary_spans_at_most_a_century():
    """Regression (red team): 98 characters dated year 1 and 9990 made 119,880 monthly rows.

    The span is refused naming both lines; 99 years still summarise.
    """
    head = "Date,Contract,Hours,Amount,Payment type\n"
    far = head + "0001-01-01,A (1),,1.00,Bonus\n9990-12-31,A (1),,1.00,Bonus\n"
    with pytest.raises(InvalidValueError) as info:
        statements.summarize(parse(far), by="month")
    assert ("statement", "at most 100 years") == (info.value.field, info.value.rule)
    assert "(line 2)" in str(info.value)
    assert "(line 3)" in str(info.value)
    near = head + "1926-01-01,A (1),,1.00,Bonus\n2024-12-31,A (1),,1.00,Bonus\n"
    assert 99 * 12 == len(statements.summarize(parse(near), by="month").rows)
    # Review: whole years count, not year numbers (99 years and a day is not 100).
    edge = head + "2000-12-31,A (1),,1.00,Bonus\n2100-01-01,A (1),,1.00,Bonus\n"
    assert 99 * 12 + 2 == len(statements.summarize(parse(edge), by="month").rows)
    whole = head + "2000-12-31,A (1),,1.00,Bonus\n2100-12-31,A (1),,1.00,Bonus\n"
    with pytest.raises(InvalidValueError):
        statements.summarize(parse(whole), by="month")
    assert 100 == statements.MAX_SPAN_YEARS


def test_amounts_are_bounded_so_every_sum_of_an_export_is_exact():
    """Regression (red team): two 18-digit amounts overflowed inside the sums with no line.

    Each USD amount and balance is refused at its line and column when it is
    a billion dollars or more; a Transaction built directly refuses it too.
    """
    big = "999999999999999999.99"
    head = "Date,Contract,Hours,Amount,Payment type\n"
    with pytest.raises(InvalidDataError) as info:
        parse(head + f"2024-01-01,A (1),,{big},Bonus\n2024-01-02,A (1),,{big},Bonus\n")
    assert ["line 2, column 4", "line 3, column 4"] == [where(p) for p in problems_of(info)]
    assert 10**9 == statements.MAX_AMOUNT
    just_below = "999999999.99"
    parsed = parse(head + f"2024-01-01,A (1),,{just_below},Bonus\n")
    assert Money(just_below, "USD") == parsed.transactions[0].amount
    row = parsed.transactions[0]
    with pytest.raises(InvalidValueError) as refused:
        attrs.evolve(row, amount=Money("1000000000", "USD"))
    assert ("Transaction.amount", "below 1,000,000,000 USD") == (
        refused.value.field,
        refused.value.rule,
    )


def test_the_guide_lists_every_type_word_the_reader_knows():
    """docs/statements.md's table of type words is the reader's own list, word for word
    (a newcomer had to guess 'Subscription' for a membership fee)."""
    from upwork_safety.statements._formats import TYPE_WORDS

    text = (ROOT / "docs" / "statements.md").read_text("utf-8")
    table = text.split("<!-- type-words", 1)[1].split("\n\n", 2)[1]
    listed = []
    for row in table.splitlines()[2:]:
        words, kind = (cell.strip() for cell in row.strip("|").split("|"))
        listed += [
            (word.strip(" `"), TransactionKind[kind.strip("`")]) for word in words.split(",")
        ]
    assert list(TYPE_WORDS) == listed


# ============================================================================ what parse refuses, built or loaded


def _json_row(line, on, kind, amount, balance=None, **more):
    row = {"line": line, "on": on, "kind": kind, "amount": {"amount": amount, "currency": "USD"}}
    if balance is not None:
        row["balance"] = {"amount": balance, "currency": "USD"}
    row.update(more)
    return row


def _load_statement(export, rows, scheduled=()):
    from upwork_safety import serialize

    document = {"format": export, "transactions": rows, "scheduled": list(scheduled)}
    return serialize.from_json(Statement, json.dumps(document))


class TestLoadedStatementsKeepTheReadersRules:
    """Regression (red team, loading): Statement, Transaction, Summary and SummaryRow
    accepted from JSON (or code) what parse refuses, and then gave wrong answers."""

    def test_two_rows_on_one_line_are_refused(self):
        """Two rows on line 2 loaded, then summarize failed with an internal BalanceBreak error."""
        rows = [
            _json_row(2, "2024-01-01", "hourly", "10.00", "10.00", type_text="Hourly"),
            _json_row(2, "2024-01-02", "hourly", "10.00", "99.00", type_text="Hourly"),
        ]
        with pytest.raises(InvalidDataError) as info:
            _load_statement("transaction_history", rows)
        (problem,) = info.value.problems
        assert ("$.transactions[1]", "each line once") == (problem.path, problem.rule)

    def test_the_fee_audit_cannot_be_given_a_shared_line(self):
        """Two income rows on line 4 made audit_fees price a fee with billed_before USD 600.00;
        the same rows on their own lines give USD 0.00 before, USD 110.00 expected."""
        rows = [
            _json_row(4, "2020-01-01", "hourly", "600.00", "600.00", type_text="Hourly",
                      id="1", client="A"),
            _json_row(3, "2020-01-01", "service_fee", "-110.00", "490.00",
                      type_text="Service Fee", id="9", client="A", related_id="1"),
            _json_row(4, "2020-01-02", "hourly", "100.00", "590.00", type_text="Hourly",
                      id="2", client="A"),
        ]  # fmt: skip
        with pytest.raises(InvalidDataError) as info:
            _load_statement("transaction_history", rows)
        assert ["$.transactions[2]"] == [p.path for p in info.value.problems]
        rows[2]["line"] = 2
        (check,) = audit_fees(_load_statement("transaction_history", rows)).checks
        assert (usd("0.00"), usd("110.00"), True) == (
            check.billed_before,
            check.expected,
            check.matches,
        )

    def test_a_scheduled_row_cannot_share_a_transactions_line(self):
        """Lines are unique across the transactions and the scheduled rows."""
        done = Transaction(
            line=3, on=date(2024, 3, 1), kind=TransactionKind.HOURLY, amount=usd("10.00"),
            balance=usd("10.00"), type_text="Hourly",
        )  # fmt: skip
        later = attrs.evolve(done, on=date(2024, 3, 9), balance=None)
        with pytest.raises(InvalidValueError) as info:
            Statement(
                format=StatementFormat.TRANSACTION_HISTORY, transactions=[done], scheduled=[later]
            )
        assert ("Statement.scheduled[0]", "each line once") == (
            info.value.field,
            info.value.rule,
        )

    @pytest.mark.parametrize(
        ("lines", "index"),
        [([4, 2, 3], 2), ([2, 4, 3], 2), ([5, 4, 6], 2)],
    )
    def test_rows_keep_the_files_order_one_way(self, lines, index):
        """parse keeps the file's order (reversed when newest first): lines run one way."""
        rows = [
            Transaction(
                line=line, on=date(2024, 3, 1), kind=TransactionKind.BONUS,
                amount=usd("1.00"), balance=usd(str(n + 1)), type_text="Bonus",
            )
            for n, line in enumerate(lines)
        ]  # fmt: skip
        with pytest.raises(InvalidValueError) as info:
            Statement(format=StatementFormat.TRANSACTION_HISTORY, transactions=rows)
        assert (f"Statement.transactions[{index}]", "the file's order") == (
            info.value.field,
            info.value.rule,
        )

    def test_weekly_rows_of_one_day_keep_the_files_order(self):
        """The weekly summary's rows are sorted by date, and by line within a day."""
        first, second = (
            Transaction(
                line=line, on=date(2024, 9, 2), kind=TransactionKind.BONUS,
                amount=usd("1.00"), type_text="Bonus", contract_id="1",
            )
            for line in (2, 3)
        )  # fmt: skip
        ok = Statement(format=StatementFormat.WEEKLY_SUMMARY, transactions=[first, second])
        assert [2, 3] == [row.line for row in ok.transactions]
        with pytest.raises(InvalidValueError) as info:
            Statement(format=StatementFormat.WEEKLY_SUMMARY, transactions=[second, first])
        assert "Statement.transactions[1]" == info.value.field
        later = attrs.evolve(first, on=date(2024, 9, 3))
        across = Statement(format=StatementFormat.WEEKLY_SUMMARY, transactions=[second, later])
        assert [3, 2] == [row.line for row in across.transactions]

    def test_the_weekly_gap_is_closed(self):
        """A weekly summary with fee and withdrawal rows, hours on a bonus and 100.001 loaded;
        summarize then said gross USD 110.001 and that net equals gross."""
        rows = [
            _json_row(2, "2024-09-02", "hourly", "100.001", hours="0.5", contract_id="1"),
            _json_row(3, "2024-09-02", "bonus", "10.00", hours="1.5", type_text="Bonus",
                      contract_id="1"),
            _json_row(4, "2024-09-02", "service_fee", "-10.00", contract_id="1"),
        ]  # fmt: skip
        with pytest.raises(InvalidDataError) as info:
            _load_statement("weekly_summary", rows)
        assert ["$.transactions[0].amount", "$.transactions[1].hours"] == [
            p.path for p in info.value.problems
        ]
        assert "at most 2 decimal places" == info.value.problems[0].rule
        rows[0]["amount"]["amount"] = "100.00"
        del rows[1]["hours"]
        with pytest.raises(InvalidDataError) as info:
            _load_statement("weekly_summary", rows)
        (problem,) = info.value.problems
        assert ("$.transactions[2]", "earnings only") == (problem.path, problem.rule)

    @pytest.mark.parametrize(
        ("export", "changes", "rule"),
        [
            ("weekly_summary", {"hours": None}, "hours on every hourly row and no other"),
            ("weekly_summary", {"contract_id": None}, "a contract id"),
            ("weekly_summary", {"client": "Acme"}, "only the fields a Weekly summary gives"),
            ("weekly_summary", {"type_text": "Bonus"}, "the kind its type word names"),
            ("transaction_history", {"type_text": ""}, "the kind its type word names"),
            ("transaction_history", {"type_text": "Bonuſ"}, "the kind its type word names"),
            (
                "transaction_history",
                {"contract": "Logo"},
                "only the fields a Transaction History gives",
            ),
            (
                "transactions_report",
                {"exchange_rate": Decimal("0.9")},
                "only the fields a Transactions report gives",
            ),
            # extra holds what the reader keeps there, nothing else (r13 hostile #7).
            ("transaction_history", {"extra": (("Activity ID", "1"),)}, _EXTRA_RULE),
            (
                "transactions_report",
                {"extra": (("Freelancer", "A"), ("Amount $", "999"))},
                _EXTRA_RULE,
            ),
            ("transaction_history", {"extra": (("  DATE ", "2024-01-01"),)}, _EXTRA_RULE),
            (
                "weekly_summary",
                {"extra": (("Activity ID", "1"), ("  AMOUNT ", "999.00"))},
                _EXTRA_RULE,
            ),
            ("weekly_summary", {"extra": (("payment   type", "Bonus"),)}, _EXTRA_RULE),
            # The columns read into a field on every row, not only the date, type and
            # amount (review r14 #6): the reader never leaves them to extra.
            ("transaction_history", {"extra": (("Ref ID", "42"),)}, _EXTRA_RULE),
            ("transaction_history", {"extra": (("Balance", "1.00"),)}, _EXTRA_RULE),
            ("transaction_history", {"extra": (("Team", "Acme"),)}, _EXTRA_RULE),
            ("transaction_history", {"extra": (("Description", "Logo"),)}, _EXTRA_RULE),
            ("transactions_report", {"extra": (("Transaction ID", "7"),)}, _EXTRA_RULE),
            ("transactions_report", {"extra": (("Current Balance $", "1.00"),)}, _EXTRA_RULE),
            ("transactions_report", {"extra": (("Client team", "Acme"),)}, _EXTRA_RULE),
            ("transactions_report", {"extra": (("Transaction Summary", "Logo"),)}, _EXTRA_RULE),
        ],
    )
    def test_a_row_holds_only_what_its_export_says(self, export, changes, rule):
        """Each export's rows carry the fields its columns give, and the kind their word names."""
        export = StatementFormat(export)
        row = _hourly_row(export)
        assert row == Statement(format=export, transactions=[row]).transactions[0]
        with pytest.raises(InvalidValueError) as info:
            Statement(format=export, transactions=[attrs.evolve(row, **changes)])
        assert ("Statement.transactions[0]", rule) == (info.value.field, info.value.rule)

    @pytest.mark.parametrize(
        ("export", "extra"),
        [
            ("weekly_summary", (("Activity ID", "1"), ("Memo", "x"))),
            ("transaction_history", (("Freelancer", "Ayesha"), ("  po ", "7"))),
            ("transactions_report", (("Account Name", "Ayesha"), ("Ref ID", "7100001"))),
        ],
    )
    def test_extra_keeps_the_columns_the_reader_keeps_there(self, export, extra):
        """Added columns of the weekly summary; unread own columns of the others."""
        export = StatementFormat(export)
        row = attrs.evolve(_hourly_row(export), extra=extra)
        assert extra == Statement(format=export, transactions=[row]).transactions[0].extra

    def test_the_columns_read_on_every_row_are_the_ones_the_reader_gives_a_field(self):
        """Review r15 L6: always_read is learnt from the reader on a blank record; pinned
        here, so a reader that stopped early on a blank cell cannot shrink it unseen."""
        from upwork_safety.statements._formats import SPECS
        from upwork_safety.statements._rows import always_read

        common = {"date", "amount"}
        history = common | {"type", "ref_id", "description", "team", "balance"}
        report = common | {
            "transaction_type",
            "transaction_id",
            "transaction_summary",
            "transaction_summary_details",
            "team",
            "current_balance",
            "amount_in_local_currency",
        }
        expected = {
            ("transaction_history", ""): history | {"amount_in_local_currency"},
            ("transaction_history", "with ExchangeRate"): history | {"exchangerate"},
            ("transactions_report", ""): report,
            ("weekly_summary", ""): common | {"contract", "hours", "payment_type"},
        }
        assert expected == {
            (spec.format.value, spec.variant): set(always_read(spec)) for spec in SPECS
        }

    def test_reader_and_constructor_keep_one_amount_rule(self):
        """100.001 is refused by parse at its cell and by Transaction, for the same reason."""
        head = ",".join(WEEKLY) + "\n"
        with pytest.raises(InvalidDataError) as parsed:
            parse(head + "2024-09-02,Logo (1),,100.001,Bonus\n")
        with pytest.raises(InvalidValueError) as built:
            Transaction(
                line=2, on=date(2024, 9, 2), kind=TransactionKind.BONUS, amount=usd("100.001")
            )
        (problem,) = problems_of(parsed)
        assert "line 2, column 4" == where(problem)
        reason = "has more than 2 decimal places"
        assert reason in problem
        assert reason in str(built.value)
        with pytest.raises(InvalidValueError) as balance:
            Transaction(
                line=2, on=date(2024, 9, 2), kind=TransactionKind.BONUS, amount=usd("1.00"),
                balance=usd("0.005"),
            )  # fmt: skip
        assert "Transaction.balance" == balance.value.field
        assert built.value.rule == balance.value.rule

    @pytest.mark.parametrize(
        "line", [1, statements.MAX_LINES + 1, 10**5000], ids=["1", "max+1", "huge"]
    )
    def test_a_row_is_on_a_line_an_export_can_have(self, line):
        """Line 1 is at least the header, and no export has more than MAX_LINES lines."""
        with pytest.raises(InvalidValueError) as info:
            Transaction(line=line, on=date(2024, 9, 2), kind=TransactionKind.BONUS, amount=usd("1"))
        assert ("Transaction.line", "2 to 200000") == (info.value.field, info.value.rule)
        assert len(str(info.value)) < 300
        last = Transaction(
            line=statements.MAX_LINES,
            on=date(2024, 9, 2),
            kind=TransactionKind.BONUS,
            amount=usd("1"),
        )
        assert repr(last).startswith("<Transaction line 200000,")

    def test_a_statement_holds_at_most_max_columns_extra_columns(self):
        """Every extra column is a key of every record, so a statement holds as many as a header can."""
        assert 128 == statements.MAX_COLUMNS
        rows = [
            Transaction(
                line=2 + k,
                on=date(2024, 9, 2),
                kind=TransactionKind.HOURLY,
                amount=usd("1"),
                contract="API",
                contract_id="1",
                hours=Decimal(0),  # one contract's day holds 24 hours, not 129
                extra=[(f"c{k}", "v")],
            )
            for k in range(statements.MAX_COLUMNS + 1)
        ]
        kept = Statement(format=StatementFormat.WEEKLY_SUMMARY, transactions=rows[:-1])
        assert statements.MAX_COLUMNS + 11 <= len(kept.to_records()[0])
        with pytest.raises(InvalidValueError) as info:
            Statement(format=StatementFormat.WEEKLY_SUMMARY, transactions=rows)
        assert ("Statement.transactions[128].extra", "at most 128 columns") == (
            info.value.field,
            info.value.rule,
        )
        header = "Date,Contract,Hours,Amount,Payment type," + ",".join(f"x{k}" for k in range(124))
        with pytest.raises(InvalidDataError) as data:
            parse(header + "\n2024-01-08,API (1),1.00000,25.00,\n")
        (problem,) = data.value.problems
        assert 1 == problem.line
        assert "129 columns" in problem.message

    def test_hours_only_on_hourly_rows(self):
        """A Transaction refuses hours on a bonus row, as parse refuses them in the cell."""
        with pytest.raises(InvalidValueError) as built:
            Transaction(
                line=2, on=date(2024, 9, 2), kind=TransactionKind.BONUS, amount=usd("1"),
                hours=Decimal("1.5"),
            )  # fmt: skip
        assert "Transaction.hours" == built.value.field
        with pytest.raises(InvalidDataError) as parsed:
            parse(",".join(WEEKLY) + "\n2024-09-02,Logo (1),1.5,10.00,Bonus\n")
        (problem,) = problems_of(parsed)
        assert "line 2, column 3" == where(problem)
        assert "a bonus row has no hours" in problem


class TestLoadedSummariesKeepTheirPeriods:
    def _row(self, period, start, end):
        zero = usd("0.00")
        return statements.SummaryRow(
            period=period, start=start, end=end, transactions=0, gross=zero, service_fees=zero,
            refunds=zero, withdrawn=zero, withdrawal_fees=zero, connects_and_subscriptions=zero,
            taxes=zero, other=zero,
        )  # fmt: skip

    def test_a_period_called_banana_is_refused_when_loaded(self):
        """Regression (red team): Summary(by="month") loaded a row "banana" over a tax year."""
        from upwork_safety import serialize

        row = serialize.to_dict(self._row("2024-25", date(2024, 7, 1), date(2025, 6, 30)))
        row["period"] = "banana"
        document = {"by": "month", "format": "weekly_summary", "rows": [row]}
        with pytest.raises(InvalidDataError) as info:
            serialize.from_json(statements.Summary, json.dumps(document))
        (problem,) = info.value.problems
        assert "$.rows[0].period" == problem.path

    @pytest.mark.parametrize(
        ("period", "start", "end"),
        [
            ("2024-07", date(2024, 7, 1), date(2024, 7, 15)),
            ("2024-07", date(2024, 7, 2), date(2024, 8, 1)),
            ("2024-08", date(2024, 7, 1), date(2024, 7, 31)),
            ("2024-26", date(2024, 7, 1), date(2025, 6, 30)),
            ("2024-25", date(2024, 1, 1), date(2024, 12, 31)),
            ("", date(2024, 7, 1), date(2024, 7, 31)),
        ],
    )
    def test_a_row_is_one_whole_period_with_its_own_label(self, period, start, end):
        """A month or tax year row's label, first and last day must be one period's."""
        with pytest.raises(InvalidValueError) as info:
            self._row(period, start, end)
        assert "SummaryRow.period" == info.value.field

    def test_rows_are_periods_of_the_summarys_kind(self):
        """A tax-year row in a summary by month is refused, naming the row."""
        month = self._row("2024-07", date(2024, 7, 1), date(2024, 7, 31))
        year = self._row("2024-25", date(2024, 7, 1), date(2025, 6, 30))
        total = self._row("total", date(2024, 7, 1), date(2024, 7, 31))
        fmt = StatementFormat.TRANSACTIONS_REPORT
        assert (month,) == statements.Summary(by="month", format=fmt, rows=[month]).rows
        assert (year,) == statements.Summary(by="tax_year", format=fmt, rows=[year]).rows
        for by, rows in (("month", [year]), ("tax_year", [month]), ("month", [total])):
            with pytest.raises(InvalidValueError) as info:
                statements.Summary(by=by, format=fmt, rows=rows)
            assert "Summary.rows[0]" == info.value.field
        # The month 2006-07 and the tax year 2006-07 share a label, not their days.
        july = self._row("2006-07", date(2006, 7, 1), date(2006, 7, 31))
        with pytest.raises(InvalidValueError):
            statements.Summary(by="tax_year", format=fmt, rows=[july])

    def test_every_summary_summarize_makes_keeps_the_rules(self):
        """summarize's rows pass the same checks (one definition of a period)."""
        statement = parse(read(REPORT_FILE))
        for by in ("month", "tax_year", "year"):
            summary = summarize(statement, by=by)
            assert summary == attrs.evolve(summary)
            assert summary.total == attrs.evolve(summary.total)


# ============================================================================ words, lines, blank names


@pytest.mark.parametrize(
    "word", ["Bonu\u017f", "\ufb01xed price", "HOURLY\x1c", "Service\u3000Fee"]
)
def test_only_ascii_case_and_spacing_are_folded_in_type_words(word):
    """Regression (red team): casefold() and split() read a long s, a ligature, a control
    character and a full-width space as the letters and spaces Upwork writes."""
    with pytest.raises(InvalidDataError) as info:
        parse(table(HISTORY, [history_row("Jan 02, 2024", "1", word, "10.00", "10.00")]))
    (problem,) = problems_of(info)
    assert "line 2, column 3" == where(problem)
    assert "unknown type" in problem


def test_ascii_case_spaces_and_tabs_still_fold():
    """What the guide promises still holds: any ASCII case, runs of spaces and tabs."""
    rows = [history_row("Jan 02, 2024", "1", " fixed  \tPRICE ", "10.00", "10.00")]
    header = ",".join(name.upper().replace(" ", "\t ") for name in HISTORY)
    body = table(HISTORY, rows).split("\r\n", 1)[1]
    (row,) = parse(header + "\r\n" + body).transactions
    assert (TransactionKind.FIXED_PRICE, " fixed  \tPRICE ") == (row.kind, row.type_text)


@pytest.mark.parametrize("name", ["Hour\u017f", "Payment\x1ftype", "Payment\u00a0type"])
def test_only_ascii_case_and_spacing_are_folded_in_header_names(name):
    """A header name with a look-alike letter or spacing is not the column Upwork writes."""
    header = ["Date", "Contract", "Hours", "Amount", "Payment type"]
    header[2 if name.startswith("Hour") else 4] = name
    with pytest.raises(InvalidDataError) as info:
        parse(",".join(header) + "\n2024-09-02,A (1),,10.00,Bonus\n")
    (problem,) = problems_of(info)
    assert "line 1" == where(problem)
    assert repr(name) in problem


def test_a_row_of_control_characters_is_read_not_passed_over_as_blank():
    """Only empty cells and ASCII spaces make a blank row; a row of \\x1c is read (and refused)."""
    with pytest.raises(InvalidDataError) as info:
        parse(",".join(WEEKLY) + "\n\x1c,\x1c,\x1c,\x1c,\x1c\n")
    assert {"line 2"} == {where(p).split(",")[0] for p in problems_of(info)}


def test_lines_without_their_endings_are_refused_not_run_together():
    """Regression (red team): parse(text.splitlines()) read the quoted title "Logo\\nv2" as
    "Logov2"; lines must keep their endings (or come as one text)."""
    text = ",".join(WEEKLY) + '\n2024-09-02,"Logo\nv2 (1)",,10.00,Bonus\n'
    with pytest.raises(InvalidValueError) as info:
        parse(text.splitlines())
    assert ("text[0]", "lines with their line endings") == (info.value.field, info.value.rule)
    assert "keepends=True" in str(info.value)
    for given in (text, text.splitlines(keepends=True), io.StringIO(text, newline="")):
        assert "Logo\nv2" == parse(given).transactions[0].contract


@pytest.mark.parametrize("break_", ["\u2028", "\u2029", "\x85", "\x0c", "\x1e"])
def test_the_lines_splitlines_keeps_are_lines_with_their_endings(break_):
    """Review: the advice of the error above failed for a title holding U+2028.

    ``splitlines(keepends=True)`` also ends a line at U+2028, NEL and the like;
    such a line has its ending, and the title keeps its break.
    """
    text = ",".join(WEEKLY) + f'\n2024-09-02,"Logo{break_}v2 (1)",,10.00,Bonus\n'
    for given in (text, text.splitlines(keepends=True)):
        assert f"Logo{break_}v2" == parse(given).transactions[0].contract


@pytest.mark.parametrize("break_", ["\u2028", "\u2029", "\x85", "\x0c", "\x1e", "\x0b"])
def test_a_break_in_an_unquoted_cell_reads_the_same_from_lines(break_):
    """Red team r12 #5: in an unquoted cell (a memo pasted from a web page), the lines
    of ``splitlines(keepends=True)`` cut the row in two where the text as one str did not:
    "4 columns, but the header has 13".  They are joined again, and the statements equal."""
    text = table(
        HISTORY,
        [
            history_row(
                "2024-08-06",
                "900002",
                "Service Fee",
                "-10.00",
                "90.00",
                Description=f"Service Fee for Ref ID 900001{break_}(web)",
            ),
            history_row("2024-08-05", "900001", "Fixed Price", "100.00", "100.00"),
        ],
    )
    assert '"' not in text  # unquoted: the csv module reads no line break inside
    whole = parse(text)
    assert f"Service Fee for Ref ID 900001{break_}(web)" == whole.transactions[-1].description
    assert whole == parse(text.splitlines(keepends=True))
    assert [2, 3] == sorted(t.line for t in whole.transactions)


def test_a_none_among_the_lines_is_refused_not_read_as_the_end():
    """Red team r13 #1 (high): a ``None`` in a list of lines ended the input there, and the
    rows after it were dropped without a word (USD 100.00 of USD 600.00 gross kept)."""
    rows = [
        history_row("2024-08-06", "900002", "Fixed Price", "500.00", "600.00"),
        history_row("2024-08-05", "900001", "Fixed Price", "100.00", "100.00"),
    ]
    lines = table(HISTORY, rows).splitlines(keepends=True)
    assert 2 == len(parse(lines).transactions)
    for item in (None, 0, b"x"):
        with pytest.raises(InvalidTypeError) as info:
            parse([*lines[:2], item, *lines[2:]])
        assert ("text[2]", "a str line") == (info.value.field, info.value.rule)


def test_the_last_line_may_end_without_a_line_ending():
    """A file whose last line has no line ending reads the same as one whose last line has."""
    lines = [",".join(WEEKLY) + "\r\n", "2024-09-02,Logo (1),,10.00,Bonus"]
    assert Money("10.00", "USD") == parse(lines).transactions[0].amount


@pytest.mark.parametrize(
    ("summary", "team", "ident", "client"),
    [
        (" ", "Globex", "Globex: hourly", "Globex"),
        ("", "Globex", "Globex: hourly", "Globex"),
        ("API", " ", "API", "unknown client of contract API"),
        ("API", "", "API", "unknown client of contract API"),
        (" ", "\t", "unknown client: hourly", "unknown client of the untitled hourly contract"),
        ("\u200b", "Globex", "Globex: hourly", "Globex"),
        ("API", "\u200b", "API", "unknown client of contract API"),
        (
            "\u2060 ",
            "\u200b\ufeff",
            "unknown client: hourly",
            "unknown client of the untitled hourly contract",
        ),
    ],
)
def test_a_blank_title_or_client_names_none_as_an_empty_one_does(summary, team, ident, client):
    """Regression (red team): a title or team of one space failed with "Contract.id must not
    be empty", naming no line; white space alone now names nothing, as an empty cell."""
    row = {"Date": "2024-01-02", "Transaction ID": "1", "Transaction Type": "Hourly",
           "Transaction Summary": summary, "Team": team, "Amount $": "10.00",
           "Current Balance $": "10.00"}  # fmt: skip
    (contract,) = to_contracts(parse(table(REPORT, [row])))
    assert (ident, client, "" if is_blank(summary) else summary) == (
        contract.id,
        contract.client_id,
        contract.title,
    )


@pytest.mark.parametrize("cell", ["\u200b", "\u2060", " \ufeff", "\u3164"])
def test_an_id_cell_that_shows_nothing_is_no_id_as_an_empty_one_is(cell):
    """Review r8 #1: a Transaction ID or Ref ID of "\\u200b" made parse raise a bare
    InvalidValueError with no line; it reads as an empty id cell does, as no id."""
    report = {"Date": "2024-01-02", "Transaction ID": cell, "Transaction Type": "Hourly",
              "Transaction Summary": "API", "Team": "Globex", "Amount $": "10.00",
              "Current Balance $": "10.00"}  # fmt: skip
    (row,) = parse(table(REPORT, [report])).transactions
    assert (None, "API", "Globex") == (row.id, row.contract, row.client)
    rows = [history_row("Jan 02, 2024", cell, "Bonus", "5.00", "5.00")]
    (history,) = parse(table(HISTORY, rows)).transactions
    assert history.id is None


def test_a_weekly_contract_id_that_shows_nothing_is_a_located_problem():
    """Review r8 #1: "API integration (\\u200b)" is a problem of its line and column, listed
    with the file's other problems, not a bare error that stops reading."""
    text = ",".join(WEEKLY) + "\n2024-09-02,API (\u200b),,10.00,Bonus\n2024-09-03,B (1),,x,Bonus\n"
    with pytest.raises(InvalidDataError) as info:
        parse(text)
    first, second = info.value.problems
    assert ("line 2, column 2", 2) == (where(first), first.line)
    assert ("line 3, column 4", 3) == (where(second), second.line)


def test_a_constructor_refusing_a_row_is_a_problem_of_its_line(monkeypatch):
    """Review r8 #1: whatever cell the reader lets through and Transaction refuses is listed
    with its line and column, never raised bare (the reader's checks need not all agree)."""
    monkeypatch.setattr(statements._rows._Row, "optional_id", statements._rows._Row.text)
    rows = [history_row("Jan 03, 2024", "\u200b", "Bonus", "5.00", "10.00"),
            history_row("Jan 02, 2024", "1", "Bonus", "5.00", "5.00", Description="x")]  # fmt: skip
    with pytest.raises(InvalidDataError) as info:
        parse(table(HISTORY, rows))
    (problem,) = info.value.problems
    assert ("line 2, column 2", 2, "not empty") == (where(problem), problem.line, problem.rule)
    assert "Transaction.id" in problem.message


class TestAuditJoinsRedTeamR12:
    """Red team r12: a fee charged twice, a client-written title re-pointing a fee, and a
    saved audit re-pointed or repeated each hid (or invented) an overcharge."""

    @staticmethod
    def report_row(on: str, tid: str, kind: str, amount: str, balance: str, *, title: str = "Site"):
        return {
            "Date": on,
            "Transaction ID": tid,
            "Transaction Type": kind,
            "Transaction Summary": title,
            "Team": "Initech",
            "Amount $": amount,
            "Current Balance $": balance,
        }

    def test_a_fee_charged_twice_on_one_payment_is_an_overcharge(self):
        rows = [
            history_row(
                "Aug 05, 2024",
                "900003",
                "Service Fee",
                "-40.00",
                "320.00",
                Description="Service Fee for Ref ID 900001",
            ),
            history_row(
                "Aug 05, 2024",
                "900002",
                "Service Fee",
                "-40.00",
                "360.00",
                Description="Service Fee for Ref ID 900001",
            ),
            history_row("Aug 05, 2024", "900001", "Fixed Price", "400.00", "400.00"),
        ]
        audit = audit_fees(parse(table(HISTORY, rows)))
        (check,) = audit.checks
        assert ([3, 2], 4) == ([row.line for row in check.fees], check.income.line)
        assert (Money("80.00", "USD"), Money("40.00", "USD")) == (check.charged, check.expected)
        assert Money("40.00", "USD") == audit.overcharged
        assert (check,) == audit.mismatches
        assert (3, (3, 2)) == (
            audit.to_records()[0]["fee_line"],
            audit.to_records()[0]["fee_lines"],
        )

    def test_a_fee_split_over_two_rows_matches(self):
        rows = [
            history_row(
                "Aug 05, 2024",
                "900003",
                "Service Fee",
                "-25.00",
                "360.00",
                Description="Service Fee for Ref ID 900001",
            ),
            history_row(
                "Aug 05, 2024",
                "900002",
                "Service Fee",
                "-15.00",
                "385.00",
                Description="Service Fee for Ref ID 900001",
            ),
            history_row("Aug 05, 2024", "900001", "Fixed Price", "400.00", "400.00"),
        ]
        audit = audit_fees(parse(table(HISTORY, rows)))
        (check,) = audit.checks
        assert (Money("40.00", "USD"), True, ()) == (check.charged, check.matches, audit.mismatches)

    def test_a_ref_id_in_the_contract_title_does_not_move_a_fee(self):
        title = "Ref ID 8100001 follow-up"  # written by the client
        rows = [
            self.report_row(
                "Aug 06, 2024", "8100002", "Service Fee", "-50.00", "500.00", title=title
            ),
            self.report_row(
                "Aug 06, 2024", "8100002", "Fixed-price", "100.00", "550.00", title=title
            ),
            self.report_row(
                "Aug 05, 2024", "8100001", "Service Fee", "-50.00", "450.00", title="Shop"
            ),
            self.report_row(
                "Aug 05, 2024", "8100001", "Fixed-price", "500.00", "500.00", title="Shop"
            ),
        ]
        statement = parse(table(REPORT, rows))
        fees_named = {t.line: t.related_id for t in statement.transactions if t.amount.amount < 0}
        assert {2: "8100002", 4: "8100001"} == fees_named
        audit = audit_fees(statement)
        assert Money("40.00", "USD") == audit.overcharged
        assert () == audit.income_without_fee

    def test_a_saved_check_cannot_be_re_pointed_or_repeated(self):
        rows = [
            history_row(
                "Aug 06, 2024",
                "900004",
                "Service Fee",
                "-50.00",
                "500.00",
                Description="Service Fee for Ref ID 900003",
            ),
            history_row("Aug 06, 2024", "900003", "Fixed Price", "100.00", "550.00"),
            history_row(
                "Aug 05, 2024",
                "900002",
                "Service Fee",
                "-50.00",
                "450.00",
                Description="Service Fee for Ref ID 900001",
            ),
            history_row("Aug 05, 2024", "900001", "Fixed Price", "500.00", "500.00"),
        ]
        audit = audit_fees(parse(table(HISTORY, rows)))
        assert Money("40.00", "USD") == audit.overcharged
        good, bad = sorted(audit.checks, key=lambda c: c.income.id or "")
        with pytest.raises(InvalidValueError) as moved:
            attrs.evolve(bad, income=good.income, expected=good.expected)
        assert ("FeeCheck.fee", "a fee names its income row (related_id == income.id)") == (
            moved.value.field,
            moved.value.rule,
        )
        data = serialize.to_dict(audit)
        first, second = data["checks"]
        second["income"], second["expected"] = first["income"], first["expected"]
        with pytest.raises(InvalidDataError):
            serialize.from_dict(statements.FeeAudit, data)
        with pytest.raises(InvalidValueError) as repeated:
            statements.FeeAudit(checks=[bad, bad, bad])
        assert "FeeAudit.checks[1]" == repeated.value.field
        with pytest.raises(InvalidValueError) as twice:
            attrs.evolve(bad, more_fees=[bad.fee])
        assert "FeeCheck.more_fees[0]" == twice.value.field


class TestFeeRefundsNetR12:
    """Review r12 #1 (high): once fees were added up per income row, a double charge
    Upwork refunded (or a fee reversed and charged again) read as a $40 overcharge."""

    @staticmethod
    def rows(*fees: str) -> list[dict[str, str]]:
        """A $400 payment (oldest) and *fees* after it (signed), newest first, balanced."""
        balance = 400
        written = [history_row("Aug 05, 2024", "900001", "Fixed Price", "400.00", "400.00")]
        for n, amount in enumerate(fees, 2):
            balance += int(float(amount))
            kind = "Service Fee" if amount.startswith("-") else "Service fee refund"
            written.insert(
                0,
                history_row(
                    "Aug 06, 2024",
                    f"90000{n}",
                    kind,
                    amount,
                    f"{balance}.00",
                    Description="Service Fee for Ref ID 900001",
                ),
            )
        return written

    def test_a_reversed_and_recharged_fee_matches(self):
        audit = audit_fees(parse(table(HISTORY, self.rows("-40.00", "40.00", "-40.00"))))
        (check,) = audit.checks
        assert (Money("40.00", "USD"), True, 3) == (check.charged, check.matches, len(check.fees))
        assert check.fee.amount.amount < 0
        assert ((), Money("0.00", "USD")) == (audit.not_checked, audit.overcharged)

    def test_a_fee_refund_listed_before_the_charges_is_not_the_checks_fee(self):
        """Red team r19 mutation U4: on one day the export may list the fee refund first;
        the check's fee is still the first charge, and the three net to the $40 expected."""
        statement = parse(table(HISTORY, self.rows("40.00", "-40.00", "-40.00")))
        refund, first, second = statement.transactions[1:]
        assert (Money("40.00", "USD"), Money("-40.00", "USD")) == (
            refund.amount,
            first.amount,
        )
        (check,) = audit_fees(statement).checks
        assert (first, (refund, second)) == (check.fee, tuple(check.more_fees))
        assert (Money("40.00", "USD"), True) == (check.charged, check.matches)

    def test_charged_twice_refunded_once_is_no_overcharge_and_twice_unrefunded_is(self):
        refunded = audit_fees(parse(table(HISTORY, self.rows("-40.00", "-40.00", "40.00"))))
        assert Money("0.00", "USD") == refunded.overcharged
        doubled = audit_fees(parse(table(HISTORY, self.rows("-40.00", "-40.00"))))
        assert Money("40.00", "USD") == doubled.overcharged

    def test_a_refund_with_no_fee_charged_is_not_checked(self):
        audit = audit_fees(parse(table(HISTORY, self.rows("40.00"))))
        assert () == audit.checks
        ((unchecked),) = audit.not_checked
        assert Money("40.00", "USD") == unchecked.fee.amount

    def test_a_fee_returned_with_a_refund_of_the_payment_still_matches(self):
        """Second review r12 #1: beside a single fee, a fee refund is the fee given back
        with the payment's refund; netting it read a correct fee as "USD 40.00 below"."""
        audit = audit_fees(parse(table(HISTORY, self.rows("-40.00", "40.00"))))
        (check,) = audit.checks
        assert (1, True, ()) == (len(check.fees), check.matches, audit.mismatches)
        (refund,) = audit.not_checked
        assert Money("40.00", "USD") == refund.fee.amount

    def test_a_fee_refund_beside_one_fee_says_whether_the_payment_was_refunded(self):
        """Regression (red team r15 M3): the reason claimed a refund of the payment the
        file did not have; without one, it says the fee refund may have corrected the fee."""
        rows = self.rows("-40.00", "40.00")
        (alone,) = audit_fees(parse(table(HISTORY, rows))).not_checked
        assert "no refund of the payment in this statement names that row" in alone.reason
        payment_back = history_row(
            "Aug 07, 2024", "900009", "Refund", "-400.00", "0.00",
            Description="Refund for Ref ID 900001",
        )  # fmt: skip
        (beside,) = audit_fees(parse(table(HISTORY, [payment_back, *rows]))).not_checked
        assert "the fee returned with a refund of the payment" in beside.reason

    def test_a_saved_audit_keeps_its_fee_rows_in_one_place(self):
        audit = audit_fees(parse(table(HISTORY, self.rows("-40.00", "-40.00", "40.00"))))
        (check,) = audit.checks
        refund = next(row for row in check.fees if row.amount.amount > 0)
        with pytest.raises(InvalidValueError) as both:
            attrs.evolve(audit, not_checked=[statements.UncheckedFee(refund, "edited")])
        assert "FeeAudit.not_checked[0]" == both.value.field
        with pytest.raises(InvalidValueError) as first:
            attrs.evolve(check, fee=refund, more_fees=[check.fee])
        assert ("FeeCheck.fee", "a fee charged") == (first.value.field, first.value.rule)


class TestSavedAuditShapesR13:
    """Review r13 #1-2: a saved audit could take shapes ``audit_fees`` never gives; moving a
    fee refund beside a single $80 fee into the check turned a $40 overcharge into none."""

    HEAD = (
        "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
        "Amount in local currency,Currency,Balance\n"
    )
    ROWS = (
        "2024-09-07,900013,Fixed Price,Invoice,,,Globex,,,100.00,,,420.00\n"
        "2024-09-06,900012,Service Fee,Service Fee for Ref ID 900011,,,Globex,,,-20.00,,,320.00\n"
        "2024-09-06,900011,Fixed Price,Invoice,,,Globex,,,200.00,,,340.00\n"
        "2024-08-07,900003,Service fee refund,Service Fee Refund for Ref ID 900001,,,Initech,,,"
        "40.00,,,140.00\n"
        "2024-08-07,900004,Refund,Refund for Ref ID 900001,,,Initech,,,-200.00,,,100.00\n"
        "2024-08-05,900002,Service Fee,Service Fee for Ref ID 900001,,,Initech,,,-80.00,,,300.00\n"
        "2024-08-05,900001,Fixed Price,Invoice,,,Initech,,,400.00,,,380.00\n"
    )

    def audit(self):
        return audit_fees(parse(self.HEAD + self.ROWS))

    def test_what_the_audit_gives(self):
        audit = self.audit()
        assert Money("40.00", "USD") == audit.overcharged
        assert ["2024-08-05", "2024-09-06"] == [c.fee.on.isoformat() for c in audit.checks]
        assert [5] == [u.fee.line for u in audit.not_checked]
        assert [2] == [row.line for row in audit.income_without_fee]

    def test_a_refund_beside_one_fee_is_not_netted_in_a_saved_check(self):
        audit = self.audit()
        data = serialize.to_dict(audit)
        data["checks"][0]["more_fees"] = [data["not_checked"][0]["fee"]]
        data["not_checked"] = []
        with pytest.raises(InvalidDataError) as info:
            serialize.from_dict(statements.FeeAudit, data)
        (problem,) = info.value.problems
        assert "one fee refund netted for each charge after the first" == problem.rule
        assert "$.checks[0].more_fees[0]" == problem.path

    def test_the_first_fee_is_the_first_charge(self):
        audit = audit_fees(parse(table(HISTORY, TestFeeRefundsNetR12.rows("-40.00", "-40.00"))))
        (check,) = audit.checks
        first, later = check.fees
        moved = attrs.evolve(later, on=later.on + timedelta(days=1))
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(check, fee=moved, more_fees=[first])
        assert ("FeeCheck.more_fees[0]", "fee is the first charge") == (
            info.value.field,
            info.value.rule,
        )

    def test_each_list_runs_oldest_first(self):
        audit = self.audit()
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(audit, checks=audit.checks[::-1], mixed_rates=())
        assert ("FeeAudit.checks[1]", "oldest first") == (info.value.field, info.value.rule)

    def test_income_without_fee_is_income_no_fee_names(self):
        audit = self.audit()
        checked = audit.checks[0].income
        refunded = next(t for t in parse(self.HEAD + self.ROWS).transactions if t.line == 6)
        for row in (checked, refunded, audit.income_without_fee[0]):
            rows = (*audit.income_without_fee, row)
            with pytest.raises(InvalidValueError) as info:
                attrs.evolve(audit, income_without_fee=rows)
            assert info.value.field == "FeeAudit.income_without_fee[1]"
        negative = attrs.evolve(refunded, kind=TransactionKind.FIXED_PRICE, type_text="Fixed Price")
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(audit, income_without_fee=[negative])
        assert "an income row above zero" == info.value.rule

    def test_a_fee_is_not_on_its_income_rows_line(self):
        """Red team r13 #6: a saved check whose fee row sat on its income row's line loaded."""
        (check, _later) = self.audit().checks
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(check, fee=attrs.evolve(check.fee, line=check.income.line))
        assert ("FeeCheck.fee", "each row on a line of its own") == (
            info.value.field,
            info.value.rule,
        )

    def test_a_zero_fee_is_charged_zero_not_negative_zero(self):
        """Review r13 #2: a 0.00 service fee (a waived fee, or a 0% contract) was charged
        -0.00 in the records and the command's JSON."""
        rows = self.ROWS.replace(
            "Service Fee for Ref ID 900011,,,Globex,,,-20.00,,,320.00",
            "Service Fee for Ref ID 900011,,,Globex,,,0.00,,,340.00",
        ).replace("Invoice,,,Globex,,,100.00,,,420.00", "Invoice,,,Globex,,,100.00,,,440.00")
        (_first, check) = audit_fees(parse(self.HEAD + rows)).checks
        assert ("0.00", False) == (str(check.charged.amount), check.charged.amount.is_signed())
        assert Money("-20.00", "USD") == check.difference  # 10% of 200.00 expected

    def test_a_charge_moved_out_of_its_check_is_refused(self):
        """Second review r13 #1 (high): the reverse move, a second $40 charge taken out of
        its check into not_checked, loaded as "overcharged USD 0.00"."""
        doubled = audit_fees(parse(table(HISTORY, TestFeeRefundsNetR12.rows("-40.00", "-40.00"))))
        assert Money("40.00", "USD") == doubled.overcharged
        data = serialize.to_dict(doubled)
        moved = data["checks"][0]["more_fees"].pop()
        data["not_checked"] = [{"fee": moved, "reason": "a duplicate row"}]
        with pytest.raises(InvalidDataError) as info:
            serialize.from_dict(statements.FeeAudit, data)
        (problem,) = info.value.problems
        assert "a checked income row's fees in its check" == problem.rule
        # A refund beside a single charge stays outside the check, as audit_fees leaves it.
        refunded = audit_fees(parse(self.HEAD + self.ROWS))
        assert refunded == serialize.from_dict(statements.FeeAudit, serialize.to_dict(refunded))

    def test_no_two_rows_of_an_audit_share_a_line(self):
        """Second review r13 #8: two fee rows on one line (charged twice over) loaded, and
        so did a fee on another check's income line."""
        doubled = audit_fees(parse(table(HISTORY, TestFeeRefundsNetR12.rows("-40.00", "-40.00"))))
        (check,) = doubled.checks
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(check, more_fees=[attrs.evolve(check.more_fees[0], line=check.fee.line)])
        assert "each row on a line of its own" == info.value.rule
        first, second = self.audit().checks
        on_its_line = attrs.evolve(second.fee, line=first.income.line)
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(self.audit(), checks=[first, attrs.evolve(second, fee=on_its_line)])
        assert ("FeeAudit.checks[1]", "each row on a line of its own") == (
            info.value.field,
            info.value.rule,
        )

    def test_a_fee_not_checked_is_listed_once(self):
        audit = self.audit()
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(audit, not_checked=audit.not_checked * 2)
        assert "FeeAudit.not_checked[1]" == info.value.field


def test_a_reversed_bonus_before_a_payment_lowers_billings_to_no_less_than_zero():
    """Third review r13 #1 (high): under the 2016-2023 sliding scale, a client's negative
    income row (a reversed bonus) before a payment made audit_fees raise ("billed_before
    must not be negative") and the whole audit was lost."""
    rows = [
        history_row(
            "Mar 10, 2023",
            "800001",
            "Service Fee",
            "-100.00",
            "1850.00",
            Description="Service Fee for Ref ID 900002",
            Team="Initech",
        ),
        history_row("Mar 08, 2023", "900002", "Fixed Price", "1000.00", "1950.00", Team="Initech"),
        history_row("Mar 06, 2023", "900001", "Bonus", "-50.00", "950.00", Team="Initech"),
    ]
    (check,) = audit_fees(parse(table(HISTORY, rows))).checks
    assert (Money("0.00", "USD"), "sliding") == (check.billed_before, check.basis.value)


def test_an_income_rows_milestone_title_names_no_other_row():
    """Review r12 #11: in the Transactions report a milestone titled "Milestone 2: Ref ID
    8100001 follow-up" (written by the client) made that $100 payment's related_id name
    another payment."""
    rows = [
        {
            "Date": "Aug 06, 2024",
            "Transaction ID": "8100002",
            "Transaction Type": "Fixed-price",
            "Transaction Summary": "Site",
            "Transaction Summary Details": "Milestone 2: Ref ID 8100001 follow-up",
            "Amount $": "100.00",
            "Current Balance $": "600.00",
        },
        {
            "Date": "Aug 05, 2024",
            "Transaction ID": "8100001",
            "Transaction Type": "Fixed-price",
            "Transaction Summary": "Site",
            "Amount $": "500.00",
            "Current Balance $": "500.00",
        },
    ]
    statement = parse(table(REPORT, rows))
    assert [None, None] == [t.related_id for t in statement.transactions]


class TestUnknownTypes:
    """A newcomer's export with a type word the library does not know was refused whole;
    unknown_types="other" reads such rows as MISCELLANEOUS, named, nothing dropped."""

    TEXT = table(
        HISTORY,
        [
            history_row("Aug 06, 2024", "900002", "Referral Bonus", "25.00", "425.00"),
            history_row("Aug 05, 2024", "900001", "Fixed Price", "400.00", "400.00"),
        ],
    )

    def test_refused_by_default_with_a_rule_to_tell(self):
        with pytest.raises(InvalidDataError) as info:
            parse(self.TEXT)
        (problem,) = info.value.problems
        assert (statements.UNKNOWN_TYPE_RULE, 2) == (problem.rule, problem.line)

    def test_the_flag_is_refused_on_a_weekly_summary(self):
        """Review r13 #5: a Weekly summary loaded with the flag set, which parse never gives."""
        rows = [{"Date": "2024-09-02", "Contract": "Job (1)", "Hours": "1", "Amount": "1"}]
        weekly = parse(table(WEEKLY, rows), unknown_types="other")
        assert weekly.unknown_types_as_other is False
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(weekly, unknown_types_as_other=True)
        assert ("Statement.unknown_types_as_other", "the transaction exports only") == (
            info.value.field,
            info.value.rule,
        )

    def test_read_as_other_when_asked(self):
        statement = parse(self.TEXT, unknown_types="other")
        (row,) = statement.unknown_type_rows
        assert (TransactionKind.MISCELLANEOUS, "Referral Bonus", usd("25.00"), 2) == (
            row.kind,
            row.type_text,
            row.amount,
            row.line,
        )
        assert statement.unknown_types_as_other
        summary = summarize(statement)
        assert (usd("400.00"), usd("25.00")) == (summary.total.gross, summary.total.other)
        (note,) = summary.notes
        assert "'Referral Bonus'" in note
        assert statement == serialize.from_json(Statement, serialize.to_json(statement))
        assert () == parse(self.TEXT.replace("Referral Bonus", "Bonus")).unknown_type_rows

    def test_the_statement_keeps_the_rule_it_was_read_by(self):
        statement = parse(self.TEXT, unknown_types="other")
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(statement, unknown_types_as_other=False)
        assert ("Statement.transactions[1]", "the kind its type word names") == (
            info.value.field,
            info.value.rule,
        )
        known = attrs.evolve(statement.transactions[0], kind=TransactionKind.MISCELLANEOUS)
        with pytest.raises(InvalidValueError):  # a word it knows still names its kind
            attrs.evolve(statement, transactions=[known, statement.transactions[1]])

    def test_the_option_is_checked(self):
        with pytest.raises(InvalidValueError) as info:
            parse(self.TEXT, unknown_types="ignore")  # type: ignore[arg-type]
        assert ("unknown_types", "'refuse' or 'other'") == (info.value.field, info.value.rule)

    def test_a_weekly_summary_still_refuses_them(self):
        text = ",".join(WEEKLY) + "\n2024-09-02,Logo (1),,10.00,Referral Bonus\n"
        with pytest.raises(InvalidDataError):
            parse(text, unknown_types="other")


def test_a_history_income_rows_description_names_no_other_row():
    """Second review r12 #6: the Transaction History's income rows also took a related_id
    from the milestone title in their description."""
    rows = [
        history_row(
            "Aug 06, 2024",
            "900002",
            "Fixed Price",
            "100.00",
            "600.00",
            Description="Invoice for Milestone 2: Ref ID 900001 follow-up",
        ),
        history_row("Aug 05, 2024", "900001", "Fixed Price", "500.00", "500.00"),
    ]
    assert [None, None] == [t.related_id for t in parse(table(HISTORY, rows)).transactions]
