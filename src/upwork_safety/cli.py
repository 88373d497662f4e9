"""The ``upwork-safety`` command: the one module that prints, reads files and reads the clock.

Every command prints aligned text tables by default and machine-readable
JSON with ``--json``.  Bad input (a missing or malformed file, a bad number
or date) exits with status 2 and one line on stderr naming the problem;
there is never a traceback.

Run ``upwork-safety --help`` or see the CLI reference in the docs.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import textwrap
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from upwork_safety.errors import InvalidDataError, UpworkSafetyError
from upwork_safety.models import Contract
from upwork_safety.money import ExchangeRate, Money

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from upwork_safety.fees import WithdrawalComparison, WithdrawalMethod
    from upwork_safety.statements import Period, Statement, SummaryRow

__all__ = ["main"]

PROG = "upwork-safety"
UTC = timezone.utc


class CLIError(Exception):
    """A problem with the command line or an input file, shown as one line."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr, exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


# --------------------------------------------------------------------------- argument types


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def _not_negative(text: str) -> Decimal:
    value = _decimal(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must not be negative")
    return value


def _positive(text: str) -> Decimal:
    value = _decimal(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
    return value


def _fraction(text: str) -> Decimal:
    """A rate given as a fraction (0.02) or a percentage (2%): the library's one rule."""
    from upwork_safety._validate import fraction  # noqa: PLC0415  (keeps `--help` fast)

    try:
        return fraction(text, "the rate")
    except UpworkSafetyError as exc:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a rate: write a fraction from 0 up to 1 (e.g. 0.02) or a "
            "percentage (e.g. 2%)"
        ) from exc


def _cents(text: str) -> Decimal:
    """A positive amount of dollars in whole cents, as plain digits (``0.001`` is refused)."""
    from upwork_safety.money import round_half_up, to_decimal  # noqa: PLC0415  (`--help` fast)

    try:
        value = to_decimal(text, "the amount")
    except UpworkSafetyError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an amount like 900 or 900.50 (digits and one decimal point, "
            "at most 18 digits before it)"
        ) from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
    if round_half_up(value, 2) != value:
        raise argparse.ArgumentTypeError(
            f"{text!r} has a fraction of a cent: amounts are in whole cents (e.g. 0.01)"
        )
    return value


def _per_method(kind: Callable[[str], Decimal]) -> Callable[[str], tuple[str, Decimal]]:
    """``METHOD=VALUE`` (a method's key) or a bare ``VALUE`` (the method left to the command)."""

    def parse(text: str) -> tuple[str, Decimal]:
        method, _, value = text.rpartition("=")
        return method.strip(), kind(value)

    return parse


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-26") from None


def _datetime(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a datetime like 2026-11-26T09:00:00+00:00"
        ) from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no UTC offset; add one, e.g. {text}+00:00 (Upwork's clocks are UTC)"
        )
    return value


def _locale(text: str) -> str:
    try:
        Money(1, "USD").format(locale=text)
    except UpworkSafetyError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a locale babel knows; use e.g. en_PK, ur_PK or en_US"
        ) from None
    return text


def _today() -> date:
    return datetime.now(UTC).date()


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


# --------------------------------------------------------------------------- output


def _dump(data: object, out: TextIO) -> None:
    from upwork_safety import serialize  # noqa: PLC0415  (keeps `--help` fast)

    # The library's one writer, every field written out.
    out.write(serialize.to_json(data, indent=2, omit_defaults=False) + "\n")


def _duration(value: timedelta) -> str:
    """``14 days``, ``12 hours``, ``10 minutes`` or timedelta's own form."""
    seconds = int(value.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds and seconds % size == 0 and value.microseconds == 0:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return str(value)


class Printer:
    """Text output for one command: headings, key/value lines and aligned tables."""

    def __init__(self, out: TextIO, locale: str) -> None:
        self.out = out
        self.locale = locale

    def money(self, value: Money | None) -> str:
        """Format *value* for the chosen locale."""
        return "" if value is None else value.rounded().format(locale=self.locale)

    def line(self, text: str = "") -> None:
        """Print one line."""
        self.out.write(text + "\n")

    def wrapped(self, text: str, *, indent: str = "  ", first: str | None = None) -> None:
        """Print *text* wrapped at 88 columns, every line after the first at *indent*."""
        self.line(
            textwrap.fill(
                text,
                width=88,
                initial_indent=indent if first is None else first,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )

    def heading(self, text: str) -> None:
        """Print a section heading."""
        self.line()
        self.line(text)
        self.line("=" * len(text))

    def pairs(self, items: Sequence[tuple[str, object]]) -> None:
        """Print aligned ``key: value`` lines."""
        width = max((len(k) for k, _ in items), default=0)
        for key, value in items:
            self.line(f"  {key.ljust(width)}  {self.cell(value)}")

    def cell(self, value: object) -> str:
        """Format one table cell."""
        if isinstance(value, Money):
            return self.money(value)
        if isinstance(value, datetime):
            return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        if isinstance(value, Enum):
            return str(value.name)
        if isinstance(value, timedelta):
            return _duration(value)
        if value is None:
            return "-"
        return str(value)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        """Print an aligned table; numbers and money are right-aligned."""
        cells = [[self.cell(v) for v in row] for row in rows]
        numeric = [
            all(isinstance(row[i], (Money, Decimal, int)) for row in rows if row[i] is not None)
            and bool(rows)
            for i in range(len(headers))
        ]
        widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]

        def fmt(values: Sequence[str]) -> str:
            parts = [
                v.rjust(w) if num else v.ljust(w)
                for v, w, num in zip(values, widths, numeric, strict=True)
            ]
            return "  " + "  ".join(parts).rstrip()

        self.line(fmt(list(headers)))
        self.line("  " + "  ".join("-" * w for w in widths))
        for row in cells:
            self.line(fmt(row))


# --------------------------------------------------------------------------- input files


def _read_contracts(path: str) -> list[Contract]:
    from upwork_safety import serialize  # noqa: PLC0415  (keeps `--help` fast)

    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CLIError(f"{path}: no such file") from None
    except OSError as exc:
        raise CLIError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise CLIError(f"{path}: not UTF-8 text") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CLIError(f"{path}: not valid JSON: {exc}") from None
    except RecursionError:
        raise CLIError(f"{path}: JSON nested too deeply") from None
    if data == []:
        raise CLIError(f"{path}: the file holds an empty list; expected contracts")
    try:
        if isinstance(data, list):
            return serialize.from_dict(list[Contract], data)
        return [serialize.from_dict(Contract, data)]
    except InvalidDataError as exc:
        first = exc.problems[0]
        more = len(exc.problems) - 1
        suffix = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
        raise CLIError(f"{path}: {first}{suffix}") from None


def _bounded_lines(handle: TextIO, limit: int) -> Iterator[str]:
    """The lines of *handle*, each read with a bound so one huge line cannot fill memory."""
    while line := handle.readline(limit + 1):
        yield line


def _read_statement(path: str) -> Statement:
    from upwork_safety import statements  # noqa: PLC0415  (keeps `--help` fast)

    try:
        with Path(path).open(encoding="utf-8", newline="") as handle:
            return statements.parse(_bounded_lines(handle, statements.MAX_LINE_CHARS))
    except FileNotFoundError:
        raise CLIError(f"{path}: no such file") from None
    except OSError as exc:
        raise CLIError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise CLIError(f"{path}: not UTF-8 text") from None
    except InvalidDataError as exc:
        first = exc.problems[0]
        more = len(exc.problems) - 1
        suffix = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
        raise CLIError(f"{path}: {first}{suffix}") from None


def _reference(rate: Decimal, on: date | None) -> ExchangeRate:
    return ExchangeRate("USD", "PKR", rate, as_of=on, source="given on the command line")


# --------------------------------------------------------------------------- commands


def _cmd_rules(args: argparse.Namespace, out: TextIO) -> int:
    from upwork_safety import fees, jss, rules  # noqa: PLC0415

    on: date = args.on or _today()
    platform = rules.as_of(on)
    schedule = fees.schedule_as_of(on)
    jss_rules = jss.rules_as_of(on)
    listed = rules.sources(platform)
    if args.json:
        _dump(
            {
                "on": on,
                "platform": {
                    "name": platform.name,
                    "effective": platform.effective,
                    "rules": [
                        {
                            "name": n,
                            "value": v,
                            "source": s.source,
                            "unconfirmed": s.unconfirmed,
                            "note": s.note,
                        }
                        for n, v, s in listed
                    ],
                },
                "service_fee": schedule,
                "jss": jss_rules,
            },
            out,
        )
        return 0
    p = Printer(out, args.locale)
    p.heading(f"Platform rules in force on {on}: {platform.name}")
    p.table(
        ["rule", "value", "source", "note"],
        [
            (n, v, s.source + (" (unconfirmed)" if s.unconfirmed else ""), s.note)
            for n, v, s in listed
        ],
    )
    p.heading(f"Service fee on {on}: {schedule.name}")
    fee_pairs: list[tuple[str, object]] = [
        ("effective", schedule.effective),
        ("source", _source(schedule.source)),
    ]
    if schedule.range_source is not None:
        fee_pairs.append(("range", _source(schedule.range_source)))
    p.pairs(fee_pairs)
    p.heading(f"Job Success Score model on {on}: {jss_rules.name}")
    p.pairs([("effective", jss_rules.effective)])
    return 0


def _cmd_fees(args: argparse.Namespace, out: TextIO) -> int:
    from upwork_safety import fees  # noqa: PLC0415

    on: date = args.on or _today()
    schedule = fees.schedule_as_of(on)
    result: dict[str, object] = {"on": on, "schedule": schedule}
    explained = None
    if args.amount is not None:
        amount = Money(args.amount, "USD")
        billed = None if args.billed_before is None else Money(args.billed_before, "USD")
        explained = fees.explain_service_fee(
            amount, on=on, rate=args.fee_rate, billed_before=billed
        )
        result.update(
            amount=amount,
            fee=explained.fee,
            net=explained.net,
            rate=explained.rate,
            basis=explained.basis,
            explanation=explained.explanation,
        )
    if args.json:
        result["history"] = fees.SERVICE_FEE_HISTORY
        _dump(result, out)
        return 0
    p = Printer(out, args.locale)
    p.heading("Upwork's freelancer service fee over time")
    p.table(
        ["from", "schedule"],
        [
            (
                "(always)" if s.effective == date.min else s.effective,
                s.name + (" *" if s.unconfirmed else ""),
            )
            for s in fees.SERVICE_FEE_HISTORY
        ],
    )
    p.line("  * partly unconfirmed; sources: 'upwork-safety rules', or the Rules page")
    p.heading(f"In force on {on}: {schedule.name}")
    if explained is not None:
        p.pairs(
            [
                ("client paid", explained.amount),
                ("service fee", explained.fee),
                ("you earn", explained.net),
            ]
        )
        p.wrapped(explained.explanation, indent="    ")
    return 0


def _source(source: object) -> str:
    """One line for a rule's source: the citation, flagged when unconfirmed."""
    text = str(getattr(source, "source", source))
    return text + (" (unconfirmed)" if getattr(source, "unconfirmed", False) else "")


def _keyed_rates(
    given: Sequence[tuple[str, Decimal]], bare: str | None, option: str
) -> dict[str, Decimal]:
    """``METHOD=VALUE`` pairs by method key; a bare value goes to *bare* (or every method)."""
    from upwork_safety import fees  # noqa: PLC0415

    keyed: dict[str, Decimal] = {}
    for method, value in given:
        if not method:
            targets = [bare] if bare else [m.key for m in fees.PAKISTAN_METHODS]
        else:
            try:
                targets = [fees.get_method(method).key]
            except UpworkSafetyError:
                known = ", ".join(m.key for m in fees.PAKISTAN_METHODS)
                raise CLIError(f"{option} {method}=...: unknown method; known: {known}") from None
        keyed.update(dict.fromkeys(targets, value))
    return keyed


def _cmd_withdraw(args: argparse.Namespace, out: TextIO) -> int:
    from upwork_safety import fees  # noqa: PLC0415

    amount = Money(args.amount, "USD")
    reference = _reference(args.rate, args.on)
    offered = _keyed_rates(args.offered_rate, "direct_to_local_bank", "--offered-rate")
    spreads = _keyed_rates(args.spread, None, "--spread")
    both = sorted(set(offered) & set(spreads))
    if both:
        raise CLIError(f"give {both[0]} an --offered-rate or a --spread, not both")
    comparison = fees.compare_withdrawals(
        amount,
        reference_rate=reference,
        offered_rates={
            key: ExchangeRate("USD", "PKR", rate, as_of=args.on, source="offered")
            for key, rate in offered.items()
        },
        spreads=dict(spreads),
        on=args.on,
        tax_rate=Decimal(0) if args.tax == "none" else None,
        pseb_registered=args.tax == "pseb",
    )
    if args.json:
        _dump(
            {
                "amount": amount,
                "reference_rate": reference.rate,
                "tax_rate": comparison.tax_rate,
                "methods": comparison.to_records(),
            },
            out,
        )
        return 0
    p = Printer(out, args.locale)
    p.heading(f"Withdrawing {p.money(amount)} to Pakistan at {args.rate} PKR per USD")
    if comparison.quotes:
        p.table(
            ["method", "fees", "tax", "you receive", "rate", "cost vs ref.", "cost %"],
            [
                (
                    q.method.name,
                    q.total_fees,
                    q.tax,
                    q.received,
                    q.effective_rate,
                    q.cost_vs_reference,
                    f"{q.cost_percent}%",
                )
                for q in comparison.quotes
            ],
        )
    elif not comparison.unpriced:
        p.line("  No method can deliver this amount:")
    for method in comparison.unpriced:
        p.wrapped(_unpriced_line(comparison, method), indent="    ", first="  ")
    for skipped in comparison.skipped:
        p.line(f"  not compared: {skipped.method.name}: {skipped.reason}")
    p.wrapped(_tax_note(comparison.tax_rate, args.tax), indent="   ", first="  ")
    if comparison.best is not None:
        best = comparison.best
        among = " among the methods whose cost is known" if comparison.unpriced else ""
        p.line()
        p.wrapped(f"Best here{among}: {best.method.name}, {p.money(best.received)} received.")
    return 0


def _unpriced_line(comparison: WithdrawalComparison, method: WithdrawalMethod) -> str:
    """What a comparison can say about a method whose markup is not published."""
    option = f"--offered-rate {method.key}=RATE"
    if not comparison.quotes:
        return f"{method.name}: its exchange rate is not published; give it with {option}."
    spread = comparison.break_even_spread(method)
    if spread is None:
        return (
            f"{method.name}: its exchange rate is not published, and it cannot be the best "
            "here even at the reference rate."
        )
    from upwork_safety._demo import rate_at_least  # noqa: PLC0415  (one helper for both)

    least = rate_at_least(comparison.reference_rate.with_spread(spread).rate)
    return (
        f"{method.name}: its exchange rate is not published; it is the best choice if it "
        f"offers at least {least} PKR per USD (a spread up to "
        f"{(spread * 100).normalize():f}%). Give the rate it shows with {option}."
    )


def _tax_note(rate: Decimal, choice: str) -> str:
    if choice == "none":
        return "(no income tax withheld: --tax none)"
    percent = f"{(rate * 100).normalize():f}%"
    if choice == "pseb":
        return f"({percent} income tax withheld by the bank under s.154A: PSEB-registered)"
    return (
        f"({percent} income tax withheld by the bank under s.154A; 0.25% if you are "
        "PSEB-registered: --tax pseb)"
    )


def _cmd_jss(args: argparse.Namespace, out: TextIO) -> int:
    from upwork_safety import jss  # noqa: PLC0415

    history = _read_contracts(args.history)
    as_of: date = args.as_of or _today()
    report = jss.score(history, as_of=as_of, exclude_clients=args.exclude_client)
    points = None
    if args.timeline:
        try:
            start = as_of - timedelta(days=args.days)
        except OverflowError:
            raise CLIError(f"--days {args.days} reaches back before the year 1") from None
        points = jss.timeline(
            history,
            start=start,
            end=as_of,
            step=timedelta(days=args.step),
            exclude_clients=args.exclude_client,
        )
    if args.json:
        data: dict[str, object] = {
            "as_of": as_of,
            "score": report.score,
            "reason": report.reason,
            "impacts": report.impacts,
        }
        if points is not None:
            data["timeline"] = [{"on": pt.on, "score": pt.score} for pt in points]
        _dump(data, out)
        return 0
    p = Printer(out, args.locale)
    shown = "not eligible" if report.score is None else f"{report.score}%"
    p.heading(f"Job Success Score on {as_of}: {shown}")
    p.line(f"  {report.reason}")
    p.line()
    p.table(
        ["contract", "client", "outcome", "weight", "why"],
        [
            (i.contract_id, i.client_id, i.outcome, i.weight, "; ".join(i.reasons))
            for i in report.impacts
        ],
    )
    if points is not None:
        p.heading("Timeline")
        p.table(["on", "score"], [(pt.on, pt.score) for pt in points])
    return 0


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from upwork_safety import checks  # noqa: PLC0415

    now: datetime = args.now or _now()
    results = [
        (contract, checks.review_contract(contract, now=now))
        for contract in _read_contracts(args.contract)
    ]
    if args.json:
        _dump(
            [{"contract": c.id, "now": now, "findings": found} for c, found in results],
            out,
        )
        return 0
    p = Printer(out, args.locale)
    for contract, found in results:
        p.heading(f"Contract {contract.id} at {p.cell(now)}")
        _print_findings(p, found)
    return 0


def _print_findings(p: Printer, found: Sequence[Any]) -> None:
    if not found:
        p.line("  No findings: nothing here needs your attention.")
        return
    for finding in found:
        where = f" [{finding.milestone_id}]" if finding.milestone_id else ""
        p.line(f"  {finding.severity.name:<7} {finding.code}{where}")
        p.wrapped(finding.message, indent=" " * 10)
        p.wrapped(f"What to do: {finding.advice}", indent=" " * 10)


def _cmd_scan(args: argparse.Namespace, out: TextIO) -> int:
    from upwork_safety import checks  # noqa: PLC0415

    direction = checks.Direction.OUTGOING if args.outgoing else checks.Direction.INCOMING
    found = checks.scan_message(args.message, direction=direction)
    if args.json:
        _dump({"direction": direction, "findings": found}, out)
        return 0
    p = Printer(out, args.locale)
    p.heading(f"Scanning an {direction} message")
    _print_findings(p, found)
    return 0


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


def _cmd_statement(args: argparse.Namespace, out: TextIO) -> int:
    from upwork_safety import statements  # noqa: PLC0415

    statement = _read_statement(args.file)
    by: Period = "tax_year" if args.by == "tax-year" else "month"
    summary = statements.summarize(statement, by=by)
    if args.json:
        _dump(
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
            },
            out,
        )
        return 0
    p = Printer(out, args.locale)
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
    # Columns that are zero for the whole file (taxes, other) are left out.
    shown = [
        (name, title)
        for name, title in _SUMMARY_COLUMNS
        if name not in {"taxes", "other"} or getattr(total, name)
    ]
    p.heading("By month" if by == "month" else "By Pakistani tax year (1 July to 30 June)")
    p.table(
        ["period", *(title for _, title in shown)],
        [(r.period, *(getattr(r, name) for name, _ in shown)) for r in (*summary.rows, total)],
    )
    for note in summary.notes:
        p.wrapped(note, first="  Note: ", indent="  ")
    return 0


def _cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from upwork_safety._demo import run_demo  # noqa: PLC0415

    # The story is told into a buffer and shown only once all of it worked, so a
    # failure prints nothing on stdout; with --json only the figures are shown.
    story = io.StringIO()
    data = run_demo(Printer(story, args.locale), reference=args.rate, offered=args.offered_rate)
    if args.json:
        _dump(data, out)
    else:
        out.write(story.getvalue())
    return 0


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    """Return the ``upwork-safety`` argument parser (documented in the CLI reference)."""
    common = _Parser(add_help=False)
    common.add_argument("--json", action="store_true", help="print machine-readable JSON")
    common.add_argument(
        "--locale",
        type=_locale,
        default="en_PK",
        help="locale for money in text output, e.g. en_PK, ur_PK, en_US (default en_PK)",
    )
    parser = _Parser(
        prog=PROG,
        description="Rules that keep Upwork freelancers from losing money and reputation.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, func: Callable[[argparse.Namespace, TextIO], int], text: str) -> Any:  # noqa: ANN401
        cmd = sub.add_parser(name, parents=[common], help=text, description=text)
        cmd.set_defaults(func=func)
        return cmd

    demo = command(
        "demo", _cmd_demo, "walk one contract from a vague milestone to rupees in the bank"
    )
    demo.add_argument(
        "--rate", type=_positive, default=Decimal("280.00"), help="PKR per USD (default 280.00)"
    )
    demo.add_argument(
        "--offered-rate",
        type=_positive,
        help="the PKR per USD Upwork shows for Direct to Local Bank before you confirm",
    )

    fees = command("fees", _cmd_fees, "the service fee in force on a date, and what you earn")
    fees.add_argument("amount", nargs="?", type=_cents, help="what the client paid, in USD")
    fees.add_argument("--on", type=_date, help="date (default today)")
    fees.add_argument(
        "--fee-rate", type=_fraction, help="the contract's own fee, e.g. 12%% (default: 10%%)"
    )
    fees.add_argument(
        "--billed-before",
        type=_not_negative,
        help="lifetime billings with this client before, in USD (2016–2023 sliding scale)",
    )

    withdraw = command("withdraw", _cmd_withdraw, "compare ways to get USD to a Pakistani bank")
    withdraw.add_argument("amount", type=_cents, help="the Upwork balance to withdraw, in USD")
    withdraw.add_argument(
        "--rate", type=_positive, required=True, help="reference rate, PKR per USD (e.g. SBP)"
    )
    withdraw.add_argument("--on", type=_date, help="date of the reference rate")
    withdraw.add_argument(
        "--offered-rate",
        type=_per_method(_positive),
        action="append",
        default=[],
        metavar="[METHOD=]RATE",
        help="the PKR per USD a method shows before you confirm (bare: Direct to Local Bank)",
    )
    withdraw.add_argument(
        "--spread",
        type=_per_method(_fraction),
        action="append",
        default=[],
        metavar="[METHOD=]RATE",
        help="FX markup you measured, e.g. wire_usd=1%% (bare: every method)",
    )
    withdraw.add_argument(
        "--tax",
        choices=["standard", "pseb", "none"],
        default="standard",
        help="s.154A tax the bank withholds: standard 1%% (default), pseb 0.25%%, none",
    )

    jss = command("jss", _cmd_jss, "the Job Success Score a contract history gives")
    jss.add_argument("history", help="JSON file of contracts written by upwork_safety.serialize")
    jss.add_argument("--as-of", type=_date, help="date (default today)")
    jss.add_argument("--timeline", action="store_true", help="also print the score over time")
    jss.add_argument("--days", type=int, default=365, help="timeline length in days (default 365)")
    jss.add_argument("--step", type=int, default=7, help="timeline step in days (default 7)")
    jss.add_argument(
        "--exclude-client", action="append", default=[], help="client id to leave out (repeatable)"
    )

    check = command("check", _cmd_check, "review a contract for risks right now")
    check.add_argument("contract", help="JSON file of a contract (or a list) from serialize")
    check.add_argument("--now", type=_datetime, help="aware datetime (default now, UTC)")

    scan = command("scan", _cmd_scan, "scan a message for the classic traps")
    scan.add_argument("message", help="the message text")
    scan.add_argument("--outgoing", action="store_true", help="a message you are about to send")

    statement = command(
        "statement",
        _cmd_statement,
        "add up an Upwork CSV export: earnings, fees and withdrawals by month or tax year",
    )
    statement.add_argument(
        "file", help="a CSV file downloaded from Upwork (transactions or weekly summary)"
    )
    statement.add_argument(
        "--by",
        choices=["month", "tax-year"],
        default="month",
        help="group by calendar month or Pakistani tax year, 1 July to 30 June (default month)",
    )

    rules = command("rules", _cmd_rules, "the rules in force on a date, with sources")
    rules.add_argument("--on", type=_date, help="date (default today)")
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status.

    Args:
        argv: Arguments (default ``sys.argv[1:]``).
        out: Where to print (default ``sys.stdout``).

    Returns:
        0 on success, 2 for bad input (reported as one line on stderr).
    """
    stream = sys.stdout if out is None else out
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "jss" and (args.days <= 0 or args.step <= 0):
        parser.error("--days and --step must be positive")
    try:
        return int(args.func(args, stream))
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly, like other tools
        if stream is sys.stdout:  # pragma: no cover  (tested in a subprocess)
            # Python flushes stdout at exit; point it at /dev/null so that cannot fail too.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except CLIError as exc:
        sys.stderr.write(f"{PROG}: error: {exc}\n")
    except UpworkSafetyError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        sys.stderr.write(f"{PROG}: error: {first}\n")
    return 2
