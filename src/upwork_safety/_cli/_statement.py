"""``upwork-safety statement``: add up an Upwork CSV export (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from upwork_safety._cli._context import Context
    from upwork_safety.statements import Period, SummaryRow

__all__ = ["add_arguments", "run"]

HELP = "add up an Upwork CSV export: earnings, fees and withdrawals by month or tax year"

_SUMMARY_COLUMNS = (
    ("gross", "gross"),
    ("service_fees", "service fees"),
    ("refunds", "refunds"),
    ("net", "net"),
    ("withdrawn", "withdrawn"),
    ("withdrawal_fees", "withdrawal fees"),
    ("connects_and_subscriptions", "connects & subs"),
    ("taxes", "taxes"),
    ("other", "other"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``statement``."""
    parser.add_argument(
        "file", help="a CSV file downloaded from Upwork (transactions or weekly summary)"
    )
    parser.add_argument(
        "--by",
        choices=["month", "tax-year"],
        default="month",
        help="group by calendar month or Pakistani tax year, 1 July to 30 June (default month)",
    )


def _summary_row(row: SummaryRow) -> dict[str, object]:
    data: dict[str, object] = {
        "period": row.period,
        "start": row.start,
        "end": row.end,
        "transactions": row.transactions,
    }
    data.update({name: getattr(row, name) for name, _ in _SUMMARY_COLUMNS})
    data["change"] = row.change
    return data


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Summarise the export by month or by Pakistani tax year."""
    from upwork_safety import statements

    statement = ctx.read_statement(args.file)
    by: Period = "tax_year" if args.by == "tax-year" else "month"
    summary = statements.summarize(statement, by=by)
    if ctx.json:
        ctx.dump(
            {
                "format": statement.format,
                "transactions": len(statement.transactions),
                "scheduled": len(statement.scheduled),
                "from": statement.start,
                "to": statement.end,
                "opening_balance": statement.opening_balance,
                "closing_balance": statement.closing_balance,
                "by": by,
                "rows": [_summary_row(r) for r in summary.rows],
                "total": _summary_row(summary.total),
                "notes": summary.notes,
            }
        )
        return 0
    p = ctx.printer()
    count = len(statement.transactions)
    span = f", {statement.start} to {statement.end}" if count else ""
    p.heading(f"{statement.format.title}: {count} transaction{'s' if count != 1 else ''}{span}")
    if statement.format.has_balance:
        p.pairs(
            [
                ("opening balance", statement.opening_balance),
                ("closing balance", statement.closing_balance),
                ("scheduled", f"{len(statement.scheduled)} rows, not counted"),
            ]
        )
    total = summary.total
    # Columns with no money in any period (taxes, other) are left out; one that nets to
    # zero over the file (a credit and its reversal) is shown, or the money would be hidden.
    shown = [
        (name, title)
        for name, title in _SUMMARY_COLUMNS
        if name not in {"taxes", "other"} or any(getattr(r, name) for r in summary.rows)
    ]
    p.heading("By month" if by == "month" else "By Pakistani tax year (1 July to 30 June)")
    p.table(
        ["period", *(title for _, title in shown)],
        [(r.period, *(getattr(r, name) for name, _ in shown)) for r in (*summary.rows, total)],
    )
    for note in summary.notes:
        p.wrapped(note, first="  Note: ", indent="  ")
    return 0
