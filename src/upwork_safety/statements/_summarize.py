"""Adding a statement up by period: :func:`summarize` (private).

The values it builds (:class:`~upwork_safety.statements.Summary` and its
rows) and the period rules live in :mod:`._summary`; this module walks a
statement's transactions period by period.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

import attrs

from upwork_safety._decimals import bounded
from upwork_safety._display import shown
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.fees import EXPORT_TAX_HISTORY
from upwork_safety.money import ExchangeRate, exact
from upwork_safety.statements._kinds import StatementFormat, TransactionKind, signed_text
from upwork_safety.statements._statement import Statement, check_statement
from upwork_safety.statements._summary import (
    _TAX_STATUSES,
    Period,
    Summary,
    SummaryRow,
    TaxStatus,
    _bounds,
    _check_by,
    _check_rate,
    _first_tax_year,
    _period_example,
    _period_name,
    _row,
    _sum_rows,
)

if TYPE_CHECKING:
    from decimal import Decimal

    from upwork_safety.statements._model import Transaction


def _rate_for(rates: ExchangeRate | Mapping[str, ExchangeRate], period: str) -> ExchangeRate | None:
    if isinstance(rates, ExchangeRate):
        return rates
    return rates.get(period)


def _check_rates(rates: object) -> ExchangeRate | Mapping[str, ExchangeRate] | None:
    if rates is None:
        return None
    if isinstance(rates, ExchangeRate):
        return _check_rate(rates, "rates")
    if not isinstance(rates, Mapping):
        raise InvalidTypeError(
            "rates must be an ExchangeRate or a mapping of period to ExchangeRate, "
            f"not {type(rates).__name__}",
            field="rates",
            rule="an ExchangeRate or a mapping of period to ExchangeRate",
        )
    # Read once, through the library's one bounded reader: a mapping whose keys
    # never end is refused past MAX_ITEMS, not looped over forever (review r29,
    # hostile 4); the checks after this one read the copy.
    read: dict[str, ExchangeRate] = {}
    for key, rate in bounded(rates.items(), "rates"):
        if not isinstance(key, str):
            raise InvalidTypeError(
                f"rates keys are periods such as '2024-07', '2024-25' or '2024', not "
                f"{type(key).__name__}",
                field="rates",
                rule="a mapping of period (str) to ExchangeRate",
            )
        read[key] = _check_rate(rate, f"rates[{shown(key)}]")
    return read


#: The shape of a period's label as :func:`~._summary._bounds` writes it: ``2024-07``,
#: ``2024-25`` or ``2024``.  Only the shape: whether it is a label is asked of ``_bounds``.
_LABEL = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?")


def _names_a_period(key: str, by: Period) -> bool:
    """Whether *key* is the label of some period *by* month, tax year or calendar year.

    Checked against :func:`~._summary._bounds`, the one definition of a
    period, so ``2026/27``, ``2026-2027``, ``2024-7``, a month's label in a
    summary by tax year or a tax year's in a summary by year are not.
    """
    match = _LABEL.fullmatch(key)
    if match is None:
        return False
    year = int(match[1])
    # The period so labelled holds one of these days: 1 January (the calendar year),
    # 31 December (the tax year that starts on 1 July of *year*), or the month's first day.
    candidates = [(year, 1, 1), (year, 12, 31)]
    if match[2] is not None and 1 <= int(match[2]) <= 12:
        candidates.append((year, int(match[2]), 1))
    return any(_label(candidate, by) == key for candidate in candidates)


def _label(day: tuple[int, int, int], by: Period) -> str | None:
    """The label of the period *day* falls in, or ``None`` past the calendar's ends."""
    try:
        return _bounds(date(*day), by)[0]
    except (ValueError, OverflowError):  # year 0, or past the calendar's last
        return None


def _check_keys(
    rates: ExchangeRate | Mapping[str, ExchangeRate] | None, by: Period, periods: list[str]
) -> None:
    """Refuse a key of *rates* that is no period's label: a typo would be ignored unseen.

    A key for a period the statement does not reach is accepted: a year-wide
    table of rates may be passed to any statement.
    """
    if rates is None or isinstance(rates, ExchangeRate):
        return
    wrong = [key for key in rates if not _names_a_period(key, by)]
    if not wrong:
        return
    form = f"{shown(_period_example(by))}, a {_period_name(by)}"
    if not periods:
        have = "the statement has no transactions"
    elif len(periods) <= 6:
        have = f"the statement's periods are {', '.join(periods)}"
    else:
        have = f"the statement's periods run from {periods[0]} to {periods[-1]}"
    name = f"rates[{shown(wrong[0])}]"
    raise InvalidValueError(
        f"rates has {'a key' if len(wrong) == 1 else 'keys'} "
        f"{', '.join(shown(key) for key in wrong)} that {'is' if len(wrong) == 1 else 'are'} "
        f"not a period of a summary by {by}: each key is a period such as {form}; {have}",
        field=name,
        rule=f"a key that is a period by {by}",
    )


def _rate_in_period(rate: ExchangeRate, period: str, start: date, end: date) -> None:
    """Refuse a period's own rate dated outside it: a key or a date keyed in wrong.

    A reference rate comes with its date (DOMAIN.md section 5).  One rate
    for every period is held to the same rule over the statement's whole
    span (*period* is then ``""``): a rate dated years away from every
    period is a date keyed in wrong as surely.  Undated rates are taken as
    given (red team r15).
    """
    if rate.as_of is None or start <= rate.as_of <= end:
        return
    if period:
        name = f"rates[{shown(period)}]"
        where = f"the period {period} ({start} to {end})"
        advice = "give the period's own rate"
    else:
        name = "rates"
        where = f"the statement's periods ({start} to {end})"
        advice = "give a rate dated within them, or a mapping of each period's own rate"
    raise InvalidValueError(
        f"{name} is dated {rate.as_of}, outside {where} whose withdrawals and earnings it "
        f"converts: {advice}, or pass one undated rate (rates=ExchangeRate(...)) for every "
        "period",
        field=name,
        rule="a period's rate dated within it",
    )


def _tax_rate(status: TaxStatus, start: date, rows: list[Transaction]) -> Decimal | str:
    """A period's s.154A rate: that of the rules in force on its withdrawals' days.

    A period without withdrawals takes its first day's (its estimate is
    zero).  One rate would misstate withdrawals before the rules start, or
    under rules of different rates (a calendar year holds both halves of two
    tax years), so then the answer is why there is none, for the notes.
    """
    days = {row.on for row in rows if row.kind is TransactionKind.WITHDRAWAL} or {start}
    first = EXPORT_TAX_HISTORY.first_day
    if min(days) < first:
        return f"the library's export-tax rules start on {first}"
    pseb = status == "pseb"
    found = {EXPORT_TAX_HISTORY.in_force(day).rate(pseb_registered=pseb) for day in days}
    if len(found) > 1:
        return "its withdrawals fall under export-tax rules of different rates"
    return found.pop()


def _check_tax(tax: object) -> None:
    if tax is not None and not isinstance(tax, str):
        raise InvalidTypeError(
            f"tax must be one of {_TAX_STATUSES} or None, not {type(tax).__name__}",
            field="tax",
            rule=f"one of {_TAX_STATUSES} or None",
        )
    if tax is not None and tax not in _TAX_STATUSES:
        raise InvalidValueError(
            f"tax must be one of {_TAX_STATUSES} or None, got {shown(tax)}",
            field="tax",
            rule=f"one of {_TAX_STATUSES} or None",
        )


@exact
def summarize(
    statement: Statement,
    *,
    by: Period = "month",
    rates: ExchangeRate | Mapping[str, ExchangeRate] | None = None,
    tax: TaxStatus | None = None,
) -> Summary:
    """Add a statement up by month, Pakistani tax year (1 July to 30 June) or calendar year.

    Scheduled rows are never counted.  Every period from the first
    transaction's to the last's has a row, empty ones included, so a chart
    of the rows has no gaps.  The rows cover the statement's whole span
    (there is no start or end date to limit them): for one period, take the
    row whose ``period`` it is (``"2026"`` by year).

    Args:
        statement: What :func:`parse` returned.
        by: ``"month"`` (periods ``"2024-07"``), ``"tax_year"`` (periods
            ``"2024-25"``, 1 July 2024 to 30 June 2025) or ``"year"``
            (calendar years, periods ``"2024"``, 1 January to 31 December).
        rates: USD→PKR rates to convert net earnings and withdrawals at: one
            :class:`~upwork_safety.ExchangeRate` for every period, or a
            mapping from period to rate.  One dated rate must be dated
            within the statement's periods (from the first one's first day
            to the last one's last); an undated one is taken as given.
            A mapping needs a rate for every
            period whose net amount (``net``: earnings less service fees and
            refunds) or withdrawals are not zero, each undated or dated
            within its period.  Every key must be a period's label by
            *by* (``"2026/27"`` is refused, naming it); a period the
            statement does not reach is accepted, so one table of rates
            serves every statement.
            Costs (withdrawal fees, Connects, taxes) are not converted.
        tax: Estimate the s.154A tax the bank withholds on withdrawals:
            ``"pseb"`` (registered with the Pakistan Software Export Board)
            or ``"standard"``, at the rate of the export-tax rules in force
            on the days of each period's withdrawals.  A period with
            withdrawals before the rules start (2022-07-01), or under rules
            of different rates, has no estimate, and the notes say why.
            Needs *rates*.  A withdrawal counts in the period of its date
            in the export, while the bank withholds when the rupees arrive
            (:func:`~upwork_safety.fees.arrival`): one made on 30 June is in
            that tax year here and in the next on the bank's certificate.

    Returns:
        The summary: rows, a total and notes on what the figures leave out.

    Raises:
        InvalidValueError: *by* or *tax* is not one of the values above,
            *tax* is given without *rates*, a period needs a rate the
            mapping lacks (every missing period is named), a key of the
            mapping is no period by *by* (each such key is named), a period's rate
            in the mapping is dated outside the period, one rate for every
            period is dated outside them all (before the first period's first
            day or after the last period's last), or the statement
            spans :data:`MAX_SPAN_YEARS` years or more, or the mapping
            holds more than 200,000 entries (the library's list bound).
        InvalidTypeError: *statement* is not a Statement, or *rates* is not
            a rate or mapping of rates.
        CurrencyMismatchError: A rate does not convert USD to PKR.
    """
    statement = check_statement(statement)
    by = _check_by(by, "by")
    _check_tax(tax)
    checked = _check_rates(rates)
    if tax is not None and checked is None:
        raise InvalidValueError(
            "tax needs rates=: s.154A is withheld on the rupees the bank receives, so "
            "withdrawals must be converted first",
            field="rates",
            rule="rates= with tax=",
        )
    groups = _periods(statement.transactions, by)
    _check_keys(checked, by, [bounds[0] for bounds, _ in groups])
    if isinstance(checked, ExchangeRate) and groups:
        _rate_in_period(checked, "", groups[0][0][1], groups[-1][0][2])
    rows: list[SummaryRow] = []
    weekly = statement.format is StatementFormat.WEEKLY_SUMMARY
    missing: list[str] = []
    untaxed: dict[str, str] = {}  # period: why it has no estimate
    for (period, start, end), members in groups:
        sums = _sum_rows(members)
        row = _row(period, start, end, len(members), sums, earnings_only=weekly)
        if checked is not None:
            rate = _rate_for(checked, period)
            if rate is not None and not isinstance(checked, ExchangeRate):
                _rate_in_period(rate, period, start, end)
            if rate is None and (row.net or row.withdrawn):
                missing.append(period)
            tax_rate = None if tax is None else _tax_rate(tax, start, members)
            if isinstance(tax_rate, str):
                if row.withdrawn:
                    untaxed[period] = tax_rate
                tax_rate = None
            row = attrs.evolve(row, rate=rate, tax_rate=tax_rate)
        rows.append(row)
    if missing:
        raise InvalidValueError(
            f"rates has no USD→PKR rate for {', '.join(missing)}, which "
            f"{'have' if len(missing) > 1 else 'has'} a net amount (earnings less service fees and "
            "refunds) or withdrawals to convert",
            field="rates",
            rule="a rate for every period with a net amount or withdrawals",
        )
    return Summary(
        by=by, format=statement.format, rows=tuple(rows), notes=_notes(statement, untaxed)
    )


#: The longest span of years :func:`summarize` covers: it writes a row for every
#: period between the first transaction and the last, so a file dated from year
#: 1 to 9990 would make 119,880 monthly rows.  Upwork (and oDesk before it) is
#: far younger than a century.
MAX_SPAN_YEARS = 100


def _periods(
    transactions: tuple[Transaction, ...], by: Period
) -> list[tuple[tuple[str, date, date], list[Transaction]]]:
    if not transactions:
        return []
    groups: list[tuple[tuple[str, date, date], list[Transaction]]] = []
    first = transactions[0]
    newest = transactions[-1]
    # Whole years from the first day to the last (2000-12-31 to 2100-01-01 is 99).
    years = newest.on.year - first.on.year
    years -= (newest.on.month, newest.on.day) < (first.on.month, first.on.day)
    if years >= MAX_SPAN_YEARS:
        raise InvalidValueError(
            f"the statement runs from {first.on} (line {first.line}) to {newest.on} (line "
            f"{newest.line}): a summary has a row for every period in between, so it "
            f"covers at most {MAX_SPAN_YEARS} years; check those dates",
            field="statement",
            rule=f"at most {MAX_SPAN_YEARS} years",
        )
    if by == "tax_year" and first.on < _first_tax_year():
        raise InvalidValueError(
            f"line {first.line}: dated {first.on}, before {_first_tax_year()}, the start of the "
            "first tax year the calendar can hold; summarize it by month",
            field="statement",
            rule=f"tax years from {_first_tax_year()}",
        )
    bounds = _bounds(first.on, by)
    last = transactions[-1].on
    index = 0
    while True:
        members: list[Transaction] = []
        while index < len(transactions) and transactions[index].on <= bounds[2]:
            members.append(transactions[index])
            index += 1
        groups.append((bounds, members))
        if bounds[2] >= last:
            return groups
        bounds = _bounds(bounds[2] + timedelta(days=1), by)


def _notes(statement: Statement, untaxed: dict[str, str]) -> tuple[str, ...]:
    notes: list[str] = []
    counted = set(statement.transactions)  # scheduled rows are never counted
    if statement.scheduled:
        count = len(statement.scheduled)
        notes.append(
            f"{count} scheduled row{'s' if count != 1 else ''} (not yet paid) "
            f"{'are' if count != 1 else 'is'} not counted."
        )
    if statement.format is StatementFormat.WEEKLY_SUMMARY:
        notes.append(
            "The weekly summary lists earnings only: service fees, refunds and withdrawals are "
            "not in it, so only gross earnings are known (each row's record gives None for the "
            "rest)."
        )
    turns = statement.date_turns
    if turns:
        lines = ", ".join(str(line) for line in turns[:10])
        more = f" and {len(turns) - 10} more" if len(turns) > 10 else ""
        one = len(turns) == 1
        notes.append(
            f"The file's dates turn back at line{'' if one else 's'} {lines}{more}: its rows "
            "are counted in date order, and rows pasted or joined twice are counted twice "
            "(identical rows can be genuine, so nothing was refused): check the file there."
        )
    other = statement.other_order
    # Noted only when the guess changes what is shown (review r19 L2: +100 / -100 / +100
    # on one day opens and closes the same either way).
    if other is not None and (other.opening_balance, other.closing_balance) != (
        statement.opening_balance,
        statement.closing_balance,
    ):
        way = (
            "newest"
            if statement.transactions[0].line > statement.transactions[-1].line
            else "oldest"
        )
        notes.append(
            f"Every transaction is dated {statement.start} and the running balance reads the "
            f"same either way, so the file's order was assumed: {way} first, giving an opening "
            f"balance of {statement.opening_balance} and a closing balance of "
            f"{statement.closing_balance}; read the other way they would be "
            f"{other.opening_balance} and {other.closing_balance} (statement.other_order)."
        )
    if statement.balance_breaks:
        notes.append(
            f"The running balance breaks {len(statement.balance_breaks)} time(s): rows may be "
            "missing from these figures."
        )
    for reason in dict.fromkeys(untaxed.values()):  # one note per reason, in period order
        periods = ", ".join(period for period, why in untaxed.items() if why == reason)
        notes.append(f"No s.154A estimate for {periods}: {reason}.")
    # In the file's line order, as the lines are named (newcomer r27 4: by date they read
    # "lines 12, 8").
    unknown = sorted(
        (row for row in statement.unknown_type_rows if row in counted), key=lambda row: row.line
    )
    if unknown:
        # The first few words and lines, and a count: a note stays short on any file.
        words = list(dict.fromkeys(row.type_text for row in unknown))
        shown_words = ", ".join(shown(word) for word in words[:5])
        lines = ", ".join(str(row.line) for row in unknown[:10])
        more = f" and {len(unknown) - 10} more" if len(unknown) > 10 else ""
        notes.append(
            f"{len(unknown)} row{'s' if len(unknown) != 1 else ''} of a type the library does "
            f"not know ({shown_words}{', …' if len(words) > 5 else ''}; line"
            f"{'s' if len(unknown) != 1 else ''} {lines}{more}) "
            f"{'are' if len(unknown) != 1 else 'is'} counted under other: check what "
            f"{'they are' if len(unknown) != 1 else 'it is'} (earnings would belong in gross)."
        )
    against = [row for row in statement.transactions if row.signed_against_kind]
    if against:
        # The first few, with a count: a note stays short on any file.
        listed = "; ".join(
            f"line {row.line}: {shown(row.type_text)} {signed_text(row.amount)}"
            for row in against[:5]
        )
        more = f"; and {len(against) - 5} more" if len(against) > 5 else ""
        one = len(against) == 1
        # A -0.00 row has the sign but moves no total (diff review r41, noticed).
        zeros = sum(1 for row in against if not row.amount.amount)
        moved = (
            ("it changes no total" if one else "none changes a total")
            if zeros == len(against)
            else f"{'it works' if one else 'each works'} against its column"
            + (f" ({zeros} written -0.00 change no total)" if zeros else "")
        )
        notes.append(
            f"{len(against)} row{'' if one else 's'} {'is' if one else 'are'} signed the other "
            f"way from {'its' if one else 'their'} kind ({listed}{more}): counted as written, "
            f"so {moved} (a reversal, or a row to check)."
        )
    return tuple(notes)
