"""Property tests for upwork_safety.statements: whatever is written in an export format reads back."""

from __future__ import annotations

import csv
import io
import itertools
import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety import Money
from upwork_safety.statements import (
    INCOME_KINDS,
    StatementFormat,
    TransactionKind,
    audit_fees,
    parse,
    summarize,
)
from upwork_safety.statements._model import segment_steps

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
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
WORDS = {
    "Fixed Price": TransactionKind.FIXED_PRICE,
    "Fixed-price": TransactionKind.FIXED_PRICE,
    "Hourly": TransactionKind.HOURLY,
    "Bonus": TransactionKind.BONUS,
    "Refund": TransactionKind.REFUND,
    "Service Fee": TransactionKind.SERVICE_FEE,
    "Withdrawal": TransactionKind.WITHDRAWAL,
    "Withdrawal Fee": TransactionKind.WITHDRAWAL_FEE,
    "Connects": TransactionKind.CONNECTS,
    "Subscription": TransactionKind.SUBSCRIPTION,
    "Payment": TransactionKind.PAYMENT,
    "GST": TransactionKind.TAX,
    "Miscellaneous": TransactionKind.MISCELLANEOUS,
}
WEEKLY_WORDS = {
    "": TransactionKind.HOURLY,
    "Fixed Price Payment": TransactionKind.FIXED_PRICE,
    "Bonus": TransactionKind.BONUS,
}

#: Free text with no digits (so no accidental "Ref ID 123"), line breaks and quotes included.
texts = st.text(
    st.characters(blacklist_categories=("Cs", "Nd"), blacklist_characters="\x00"), max_size=25
)
titles = st.text(
    st.characters(blacklist_categories=("Cs", "Nd", "Zs", "Cc"), blacklist_characters="()"),
    max_size=20,
)


def written_date(on: date, style: str) -> str:
    if style == "iso":
        return on.isoformat()
    day = f"{on.day:02d}" if style == "padded" else str(on.day)
    return f"{MONTHS[on.month - 1]} {day}, {on.year}"


def written_amount(cents: int, *, short: bool) -> str:
    value = Decimal(cents) / 100
    if short and cents % 100 == 0:
        return str(cents // 100)
    return f"{value:.2f}"


def csv_text(header: list[str], rows: list[dict[str, str]], *, bom: bool) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return ("\ufeff" if bom else "") + buffer.getvalue()


@attrs.frozen
class Row:
    on: date
    word: str
    cents: int
    description: str
    client: str
    refers_to: int | None


@st.composite
def transaction_rows(draw: st.DrawFn) -> tuple[list[Row], list[Row]]:
    """Rows oldest first (at least two dates when there are two rows), then scheduled rows."""
    count = draw(st.integers(0, 10))
    on = draw(st.dates(date(2015, 1, 1), date(2030, 12, 31)))
    rows: list[Row] = []
    for index in range(count):
        if index:
            on += timedelta(days=draw(st.integers(1 if index == 1 else 0, 40)))
        refers = draw(st.none() | st.integers(0, index - 1)) if index else None
        rows.append(
            Row(
                on,
                draw(st.sampled_from(sorted(WORDS))),
                draw(st.integers(-(10**9), 10**9)),
                draw(texts),
                draw(texts),
                refers,
            )
        )
    scheduled = []
    if rows and draw(st.booleans()):
        later = rows[-1].on + timedelta(days=draw(st.integers(1, 30)))
        scheduled.append(Row(later, "Hourly", draw(st.integers(0, 10**6)), "", "", None))
    return rows, scheduled


def ids(rows: list[Row]) -> list[str]:
    return [str(7_000_000 + i) for i in range(len(rows))]


def description(row: Row, idents: list[str]) -> str:
    if row.refers_to is None:
        return row.description
    return f"{row.description} (Ref ID {idents[row.refers_to]})"


OPTIONS = st.fixed_dictionaries(
    {
        "report": st.booleans(),
        "newest_first": st.booleans(),
        "style": st.sampled_from(["iso", "padded", "short"]),
        "bom": st.booleans(),
        "lower": st.booleans(),
        "short": st.booleans(),
    }
)


@given(data=transaction_rows(), opening=st.integers(-(10**6), 10**9), options=OPTIONS)
def test_transaction_exports_read_back(data, opening, options):
    """Rows written in either transaction export, any order and date style, read back the same."""
    report, style, short = options["report"], options["style"], options["short"]
    rows, scheduled = data
    idents = ids(rows + scheduled)
    balance = opening
    written = []
    for index, row in enumerate(rows + scheduled):
        is_scheduled = index >= len(rows)
        balance += row.cents
        values = {
            "date": written_date(row.on, style),
            "id": idents[index],
            "type": row.word,
            "description": description(row, idents),
            "team": row.client,
            "amount": written_amount(row.cents, short=short),
            "balance": "" if is_scheduled else written_amount(balance, short=short),
        }
        if report:
            written.append(
                {
                    "Date": values["date"],
                    "Transaction ID": values["id"],
                    "Transaction Type": values["type"],
                    "Transaction Summary Details": values["description"],
                    "Team": values["team"],
                    "Amount $": values["amount"],
                    "Current Balance $": values["balance"],
                }
            )
        else:
            written.append(
                {
                    "Date": values["date"],
                    "Ref ID": values["id"],
                    "Type": values["type"],
                    "Description": values["description"],
                    "Team": values["team"],
                    "Amount": values["amount"],
                    "Balance": values["balance"],
                }
            )
    header = REPORT if report else HISTORY
    if options["lower"]:
        header = [name.lower() for name in header]
        written = [{k.lower(): v for k, v in row.items()} for row in written]
    ordered = written[::-1] if options["newest_first"] else written
    text = csv_text(header, ordered, bom=options["bom"])

    statement = parse(text)

    expected_format = (
        StatementFormat.TRANSACTIONS_REPORT if report else StatementFormat.TRANSACTION_HISTORY
    )
    running = opening
    expected = []
    for index, row in enumerate(rows):
        running += row.cents
        related = None if row.refers_to is None else idents[row.refers_to]
        if report and WORDS[row.word] is TransactionKind.SERVICE_FEE:
            related = idents[index]  # the report's join key, whatever the texts say
        elif WORDS[row.word] in INCOME_KINDS:
            related = None  # its texts are titles the client writes
        expected.append(
            (
                row.on,
                WORDS[row.word],
                Money(Decimal(row.cents) / 100, "USD"),
                Money(Decimal(running) / 100, "USD"),
                idents[index],
                description(row, idents),
                row.client,
                related,
            )
        )
    assert expected_format == statement.format
    assert expected == [
        (t.on, t.kind, t.amount, t.balance, t.id, t.description, t.client, t.related_id)
        for t in statement.transactions
    ]
    assert [(s.on, idents[len(rows) + i], None) for i, s in enumerate(scheduled)] == [
        (s.on, s.id, s.balance) for s in statement.scheduled
    ]
    assert () == statement.balance_breaks


@st.composite
def weekly_rows(draw: st.DrawFn) -> list[tuple[date, str, str, str, int, int]]:
    count = draw(st.integers(0, 10))
    # A row is one day's work of a contract (at most 144 ten-minute steps); each row's
    # contract is its own, so no contract's day holds more than 24 hours.
    return [
        (
            draw(st.dates(date(2015, 1, 1), date(2030, 12, 31))),
            draw(titles),
            str(draw(st.integers(1, 10**9)) * 100 + index),
            draw(st.sampled_from(sorted(WEEKLY_WORDS))),
            draw(st.integers(0, 144)),
            draw(st.integers(-(10**7), 10**9)),
        )
        for index in range(count)
    ]


def written_hours(steps: int) -> str:
    exact = Decimal(steps) / 6
    if steps % 3 == 0:
        return format(exact.normalize(), "f")
    return str(exact.quantize(Decimal("0.00001"), rounding=ROUND_HALF_UP))


@given(rows=weekly_rows(), style=st.sampled_from(["iso", "padded", "short"]), short=st.booleans())
def test_weekly_summary_reads_back(rows, style, short):
    """Weekly rows read back with their contract, hours and kind, sorted by date."""
    written = [
        {
            "Date": written_date(on, style),
            "Contract": f"{title} ({contract_id})",
            "Hours": written_hours(steps) if word == "" else "",
            "Amount": written_amount(cents, short=short),
            "Payment type": word,
        }
        for on, title, contract_id, word, steps, cents in rows
    ]
    statement = parse(csv_text(WEEKLY, written, bom=False))
    expected = sorted(
        (
            (
                on,
                index + 2,
                WEEKLY_WORDS[word],
                Money(Decimal(cents) / 100, "USD"),
                title,
                contract_id,
                Decimal(written_hours(steps)) if word == "" else None,
            )
            for index, (on, title, contract_id, word, steps, cents) in enumerate(rows)
        ),
        key=lambda item: (item[0], item[1]),
    )
    assert expected == [
        (t.on, t.line, t.kind, t.amount, t.contract, t.contract_id, t.hours)
        for t in statement.transactions
    ]


@given(data=transaction_rows(), opening=st.integers(-(10**6), 10**9))
def test_summaries_add_up(data, opening):
    """Months, tax years and calendar years add up to the same totals, and to the balance's
    movement."""
    rows, _ = data
    balance = opening
    written = []
    for index, row in enumerate(rows):
        balance += row.cents
        written.append(
            {
                "Date": row.on.isoformat(),
                "Ref ID": str(index + 1),
                "Type": row.word,
                "Amount": written_amount(row.cents, short=False),
                "Balance": written_amount(balance, short=False),
            }
        )
    statement = parse(csv_text(HISTORY, written[::-1], bom=False))
    months = summarize(statement, by="month")
    years = summarize(statement, by="tax_year")
    calendar = summarize(statement, by="year")
    assert attrs.evolve(months.total, start=years.total.start, end=years.total.end) == years.total
    assert attrs.evolve(months.total, start=calendar.total.start, end=calendar.total.end) == (
        calendar.total
    )
    if statement.transactions:
        assert statement.closing_balance - statement.opening_balance == months.total.change
        # A calendar year is twelve months: its rows are the months' added up.
        assert len(months.rows) == 12 * len(calendar.rows) - (
            months.rows[0].start.month - 1 + 12 - months.rows[-1].start.month
        )
        assert [r.transactions for r in calendar.rows] == [
            sum(m.transactions for m in months.rows if m.period[:4] == r.period)
            for r in calendar.rows
        ]
        for summary in (months, years, calendar):
            assert all(
                a.end + timedelta(days=1) == b.start for a, b in itertools.pairwise(summary.rows)
            )
            assert len(statement.transactions) == sum(r.transactions for r in summary.rows)
    audit = audit_fees(statement)
    fee_rows = [t for t in statement.transactions if t.kind is TransactionKind.SERVICE_FEE]
    assert len(fee_rows) == len(audit.checks) + len(audit.not_checked)


@given(steps=st.integers(0, 6_000), places=st.integers(2, 8))
def test_ten_minute_steps_rounded_any_way(steps, places):
    """A 10-minute step rounded half up to 2-8 places is accepted; one minute more is not."""
    exact = Decimal(steps) / 6
    quantum = Decimal(1).scaleb(-places)
    on = date(2024, 9, 2)
    assert segment_steps(exact.quantize(quantum, rounding=ROUND_HALF_UP), on)
    assert not segment_steps(
        (exact + Decimal(1) / 60).quantize(quantum, rounding=ROUND_HALF_UP), on
    )


#: The weekly summary's contract cell as first written: "title, spaces, (id)" at the end.
#: Kept here as the specification of split_contract, which reads the cell from the
#: end instead (this expression took time quadratic in a run of spaces).
_CONTRACT_SPEC = re.compile(r"(.*?)\s*\(([^()]+)\)", re.DOTALL)


@given(st.text(alphabet="ab1 ()\t\n\u00a0\u2003", max_size=16))
def test_split_contract_reads_cells_as_its_specification_does(cell):
    """Title and id, or refused, exactly where the specification's expression says."""
    from upwork_safety.statements._formats import split_contract

    match = _CONTRACT_SPEC.fullmatch(cell.strip())
    # The id as written: spaces inside the parentheses are refused, never trimmed (r31).
    readable = match is not None and match[2].strip() and match[2] == match[2].strip()
    expected = (match[1], match[2]) if readable and match is not None else None
    got = split_contract(cell)
    assert expected == (None if isinstance(got, str) else got)
