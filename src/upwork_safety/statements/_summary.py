"""Earnings, fees and withdrawals by month, Pakistani tax year or calendar year (private).

Pakistan's tax year runs 1 July to 30 June and is named by both calendar
years: 1 July 2024 to 30 June 2025 is "2024-25"; a calendar year runs 1
January to 31 December and is named by its number, "2024".  The s.154A
estimate uses the export-tax rules in force on the withdrawals' dates
(:data:`~upwork_safety.fees.EXPORT_TAX_HISTORY`), never numbers of its own.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, cast, get_args

import attrs

from upwork_safety import _render
from upwork_safety._amount_fields import whole_cents
from upwork_safety._decimals import flag
from upwork_safety._display import shown
from upwork_safety._moments import computed_date_field, date_field, to_date, utc_day
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_int, plain_text
from upwork_safety._rate_args import exchange_rate_arg
from upwork_safety._validate import (
    as_tuple,
    bool_field,
    count_field,
    field_name,
    items_field,
    member_field,
    plain_texts,
    refuse_subclass,
    text_field,
    text_items_field,
)
from upwork_safety.errors import CurrencyMismatchError, InvalidTypeError, InvalidValueError
from upwork_safety.money import ExchangeRate, Money, plain_money, rate_of
from upwork_safety.statements._kinds import StatementFormat, TransactionKind, format_of_text
from upwork_safety.statements._model import USD, Transaction, optional_fraction_field

if TYPE_CHECKING:
    from collections.abc import Iterable

#: How :func:`summarize` groups rows: calendar months, Pakistani tax years or calendar years.
Period = Literal["month", "tax_year", "year"]
#: Which s.154A rate to estimate with: PSEB-registered (0.25%) or not (1%).
TaxStatus = Literal["pseb", "standard"]

_PERIODS: tuple[str, ...] = get_args(Period)
_TAX_STATUSES: tuple[str, ...] = get_args(TaxStatus)
_PKR = "PKR"
#: The period of a summary's total row.
TOTAL = "total"
#: Sums start from 0.00 so that empty columns read like the others.
_ZERO = Money("0.00", USD)

_COLUMNS = {
    TransactionKind.FIXED_PRICE: "gross",
    TransactionKind.HOURLY: "gross",
    TransactionKind.BONUS: "gross",
    TransactionKind.SERVICE_FEE: "service_fees",
    TransactionKind.REFUND: "refunds",
    TransactionKind.WITHDRAWAL: "withdrawn",
    TransactionKind.WITHDRAWAL_FEE: "withdrawal_fees",
    TransactionKind.CONNECTS: "connects_and_subscriptions",
    TransactionKind.SUBSCRIPTION: "connects_and_subscriptions",
    TransactionKind.TAX: "taxes",
    TransactionKind.PAYMENT: "other",
    TransactionKind.MISCELLANEOUS: "other",
}
_MONEY_COLUMNS = (
    "gross",
    "service_fees",
    "refunds",
    "withdrawn",
    "withdrawal_fees",
    "connects_and_subscriptions",
    "taxes",
    "other",
)
#: The record keys a weekly summary's figures fill (review r38, newcomer 2): it lists
#: earnings only, so every other figure of its records is unknown, ``None``, never a zero
#: a DataFrame would sum (its rows keep 0.00 there, and :attr:`Summary.notes` says why).
#: :meth:`SummaryRow.record` of an ``earnings_only`` row applies it, the one reader
#: (review r38, hostile2 7).
_WEEKLY_KNOWN = frozenset({"period", "start", "end", "transactions", "gross", "rate", "tax_rate"})
#: Columns shown as costs: the negative sum of their rows, so a fee of $10 reads 10.00.
#: Every money column but the earnings (gross) and the signed rest (other).
_COSTS = frozenset(_MONEY_COLUMNS) - {"gross", "other"}


#: The Pakistani tax year's first day, ``(month, day)``: 1 July (a tax year runs to 30 June,
#: Income Tax Ordinance 2001).  Written once: :func:`tax_year`, the periods' bounds and the
#: first tax year the calendar holds are all worked out from it.
_TAX_YEAR_START = (7, 1)


def _tax_year_start(year: int) -> date:
    """The first day of the tax year that starts in *year*."""
    month, day = _TAX_YEAR_START
    return date(year, month, day)


def _first_tax_year() -> date:
    """The first day of the first tax year Python's calendar can hold (in year 1)."""
    return _tax_year_start(1)


def _tax_year_first(day: date) -> date:
    """The first day of the tax year *day* falls in (*day* from :func:`_first_tax_year`)."""
    start = _tax_year_start(day.year)
    return start if day >= start else _tax_year_start(day.year - 1)


def tax_year(on: date | datetime) -> str:
    """The Pakistani tax year *on* falls in, e.g. ``"2024-25"`` for 2024-07-01 to 2025-06-30.

    Args:
        on: A date, or an aware datetime (its UTC date counts).

    Raises:
        InvalidTypeError: *on* is neither a date nor a datetime.
        InvalidValueError: *on* is a naive datetime, or before 1 July of year 1.

    >>> tax_year(date(2025, 6, 30)), tax_year(date(2025, 7, 1))
    ('2024-25', '2025-26')
    """
    day = utc_day(on, "on")
    earliest = _first_tax_year()
    if day < earliest:
        raise InvalidValueError(
            f"on ({day}) falls before {earliest}, the start of the first tax year "
            "the calendar can hold",
            field="on",
            rule=f"on or after {earliest}",
        )
    first = _tax_year_first(day).year
    return f"{first:04d}-{(first + 1) % 100:02d}"


def _bounds(on: date, by: Period) -> tuple[str, date, date]:
    """The period *on* falls in: its label, first day and last day.

    The one definition of a period, used by :func:`summarize` to make the
    rows and check the keys of its rates, and by :class:`SummaryRow` and
    :class:`Summary` to check the rows.
    """
    if by == "month":
        start = on.replace(day=1)
        following = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return f"{start.year:04d}-{start.month:02d}", start, following - timedelta(days=1)
    if by == "year":
        return f"{on.year:04d}", date(on.year, 1, 1), date(on.year, 12, 31)
    start = _tax_year_first(on)
    return tax_year(on), start, _tax_year_start(start.year + 1) - timedelta(days=1)


#: What each period is called in words: errors, the notebook caption, the CLI's heading.
_PERIOD_NAMES: dict[Period, str] = {
    "month": "month",
    "tax_year": "Pakistani tax year",
    "year": "calendar year",
}
#: A day whose periods' labels serve as examples in messages ("2024-07", "2024-25", "2024").
_EXAMPLE_DAY = date(2024, 7, 1)
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _period_name(by: Period, *, days: bool = True) -> str:
    """*by* in words: ``"month"``, or a year with its days from :func:`_bounds`."""
    name = _PERIOD_NAMES[by]
    if by == "month" or not days:
        return name
    _, start, end = _bounds(_EXAMPLE_DAY, by)
    first, last = (f"{d.day} {_MONTH_NAMES[d.month - 1]}" for d in (start, end))
    return f"{name} ({first} to {last})"


def period_name(by: Period, *, days: bool = True) -> str:
    """A period of :func:`summarize` in words, as its messages and the CLI name it.

    Args:
        by: ``"month"``, ``"tax_year"`` or ``"year"``.
        days: Whether a year says which days it runs (a month does not).

    Raises:
        InvalidValueError: *by* is none of the periods.
        InvalidTypeError: *by* is not a str, or *days* not a bool.

    >>> period_name("tax_year")
    'Pakistani tax year (1 July to 30 June)'
    >>> period_name("year"), period_name("year", days=False)
    ('calendar year (1 January to 31 December)', 'calendar year')
    """
    by = _check_by(by, "by")
    flag(days, "days")
    return _period_name(by, days=days)


def _period_example(by: Period) -> str:
    """The label of one period *by* (``"2024-07"``, ``"2024-25"``, ``"2024"``), for messages."""
    return _bounds(_EXAMPLE_DAY, by)[0]


def _is_period(row: SummaryRow, by: Period) -> bool:
    """Whether *row* is exactly one period *by*: its label and its days."""
    if by == "tax_year" and row.start < _first_tax_year():
        return False  # no tax year of the calendar starts before 1 July of year 1
    return _bounds(row.start, by) == (row.period, row.start, row.end)


def _usd(instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: a sum of an export's rows, Money in whole US cents (any sign)."""
    if not isinstance(value, Money) or value.currency != USD:
        name = field_name(instance, attribute)
        raise InvalidTypeError(
            f"{name} must be Money in USD, got {shown(value)}", field=name, rule="Money in USD"
        )
    if not value.is_rounded():
        whole_cents(value, field_name(instance, attribute))


def _check_rate(value: object, what: str) -> ExchangeRate:
    """*value* if it is an ExchangeRate from USD to PKR, else an error naming *what*."""
    value = exchange_rate_arg(value, what, USD, _PKR, rule="a USD to PKR ExchangeRate")
    if (value.base, value.quote) != (USD, _PKR):
        raise CurrencyMismatchError(
            f"{what} converts {value.base} to {value.quote}; summaries convert USD to PKR",
            field=what,
            rule="a USD to PKR ExchangeRate",
        )
    return value


def _optional_rate(instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        _check_rate(value, field_name(instance, attribute))


@through_init
@attrs.frozen(kw_only=True)
class SummaryRow:
    """One period of a :class:`Summary` (or its total).

    Earnings are positive; the cost columns (service fees, refunds,
    withdrawals and their fees, Connects and subscriptions, taxes Upwork
    charged) are the money they took, so a $10.00 fee reads ``10.00``.

    Args:
        period: ``"2024-07"`` (month), ``"2024-25"`` (tax year), ``"2024"``
            (calendar year) or ``"total"``.
        start: The period's first day (for a month, tax year or calendar
            year, the first day of that very period).
        end: The period's last day (likewise).
        transactions: How many rows fall in it.
        gross: Earnings before fees: fixed price, hourly and bonus rows.
        service_fees: Upwork's service fees (net of fee refunds).
        refunds: Money refunded to clients.
        withdrawn: Money withdrawn from the Upwork balance.
        withdrawal_fees: What the withdrawals cost in fees.
        connects_and_subscriptions: Connects and membership bought.
        taxes: Taxes Upwork charged (GST and the like).
        other: Payments and miscellaneous rows, signed as in the export.
        rate: The USD→PKR rate the period was converted at, if any.
        tax_rate: The s.154A rate estimated with, if any.
        earnings_only: The export lists earnings only (a weekly summary), so
            every figure but *gross* is unknown: the cost columns hold 0.00
            as placeholders, :attr:`net` and :attr:`change` equal *gross*,
            and :meth:`record` gives ``None`` for each of them, as
            :attr:`net_pkr`, :attr:`withdrawn_pkr` and :attr:`tax_pkr` are
            ``None``.  A :class:`Summary` of a weekly summary holds such
            rows only.  Such a row with any other figure than 0.00 is
            refused, so :meth:`record` never drops a figure the row holds.

    Raises:
        InvalidTypeError: A field of the wrong type, or a money column not in USD.
        InvalidValueError: A negative count, *end* before *start*, a period
            that is neither ``"total"`` nor a month, tax year or calendar year
            whose label, first and last day all agree (``"2024-07"`` from
            2024-07-01 to 2024-07-31, ``"2024"`` from 2024-01-01 to
            2024-12-31), a tax rate that is not a fraction from 0 up to 1,
            or an *earnings_only* row with a figure but *gross* that is not
            0.00 (``field='SummaryRow.<column>'``).
        CurrencyMismatchError: A rate that does not convert USD to PKR.
    """

    period: str = attrs.field(converter=plain_text, validator=text_field)
    start: date = attrs.field(converter=to_date, validator=date_field)
    # A period's last day: the tax year of the last supported day ends after it.
    end: date = attrs.field(converter=to_date, validator=computed_date_field)
    transactions: int = attrs.field(converter=plain_int, validator=count_field())
    gross: Money = attrs.field(converter=plain_money, validator=_usd)
    service_fees: Money = attrs.field(converter=plain_money, validator=_usd)
    refunds: Money = attrs.field(converter=plain_money, validator=_usd)
    withdrawn: Money = attrs.field(converter=plain_money, validator=_usd)
    withdrawal_fees: Money = attrs.field(converter=plain_money, validator=_usd)
    connects_and_subscriptions: Money = attrs.field(converter=plain_money, validator=_usd)
    taxes: Money = attrs.field(converter=plain_money, validator=_usd)
    other: Money = attrs.field(converter=plain_money, validator=_usd)
    rate: ExchangeRate | None = attrs.field(default=None, validator=_optional_rate)
    tax_rate: Decimal | None = attrs.field(default=None, validator=optional_fraction_field)
    earnings_only: bool = attrs.field(default=False, validator=bool_field)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValueError(
                f"SummaryRow.end ({self.end}) is before start ({self.start})",
                field="SummaryRow.end",
                rule="on or after start",
            )
        periods = cast("tuple[Period, ...]", _PERIODS)
        if self.period != TOTAL and not any(_is_period(self, by) for by in periods):
            kinds = "; ".join(
                f"a {_period_name(by)} such as {shown(_period_example(by))}" for by in periods
            )
            raise InvalidValueError(
                f"SummaryRow.period {shown(self.period)} from {self.start} to {self.end} is not "
                f"one whole period with its own label, first and last day ({kinds}), nor 'total'",
                field="SummaryRow.period",
                rule="one period (month, tax year or year) with its own days, or 'total'",
            )
        if self.earnings_only:  # placeholders only: record() gives None for them
            for name in _MONEY_COLUMNS:
                figure: Money = getattr(self, name)
                if name != "gross" and figure.amount:
                    raise InvalidValueError(
                        f"SummaryRow.{name} is {figure}, but an earnings_only row (a weekly "
                        "summary's) does not hold it: it must be 0.00, a placeholder",
                        field=f"SummaryRow.{name}",
                        rule="zero for an earnings-only row",
                    )

    @property
    def net(self) -> Money:
        """Earnings after Upwork's fees and refunds: ``gross - service_fees - refunds``."""
        return self.gross - self.service_fees - self.refunds

    @property
    def change(self) -> Money:
        """How much the balance moved: every row of the period added up, signed."""
        costs = self.withdrawn + self.withdrawal_fees + self.connects_and_subscriptions + self.taxes
        return self.net - costs + self.other

    @property
    def net_pkr(self) -> Money | None:
        """:attr:`net` in rupees at :attr:`rate`.

        ``None`` without a rate, or when the net is unknown
        (:attr:`earnings_only`: the export does not hold the fees).
        """
        if self.rate is None or self.earnings_only:
            return None
        return self.rate.convert(self.net)

    @property
    def withdrawn_pkr(self) -> Money | None:
        """:attr:`withdrawn` in rupees at :attr:`rate`.

        ``None`` without a rate, or when the withdrawals are unknown
        (:attr:`earnings_only`).
        """
        if self.rate is None or self.earnings_only:
            return None
        return self.rate.convert(self.withdrawn)

    @property
    def tax_pkr(self) -> Money | None:
        """The s.154A estimate: :attr:`tax_rate` of :attr:`withdrawn_pkr`, rounded half up.

        The bank withholds it from what it receives from abroad, so it is
        estimated on what was withdrawn, at the given rate; the bank's own
        figure uses its rate and the amount it actually received.  ``None``
        without a rate or a tax rate, or when the withdrawals are unknown
        (:attr:`earnings_only`).
        """
        withdrawn = self.withdrawn_pkr
        if withdrawn is None or self.tax_rate is None:
            return None
        return rate_of(withdrawn, self.tax_rate)

    def record(self) -> dict[str, object]:
        """The row as one flat dict (money as ``Decimal``).

        A figure the export does not hold is ``None``, not zero: for an
        :attr:`earnings_only` row (a weekly summary's) every amount but
        ``gross`` (fees, refunds, withdrawals, ``net``, ``change``).
        """
        record: dict[str, object] = {
            "period": self.period,
            "start": self.start,
            "end": self.end,
            "transactions": self.transactions,
        }
        for name in (*_MONEY_COLUMNS[:3], "net", *_MONEY_COLUMNS[3:], "change"):
            known = not self.earnings_only or name in _WEEKLY_KNOWN
            record[name] = _render.plain(getattr(self, name)) if known else None
        return record


def _row(
    period: str,
    start: date,
    end: date,
    transactions: int,
    sums: dict[str, Money],
    *,
    earnings_only: bool,
) -> SummaryRow:
    return SummaryRow(
        period=period,
        start=start,
        end=end,
        transactions=transactions,
        gross=sums["gross"],
        service_fees=sums["service_fees"],
        refunds=sums["refunds"],
        withdrawn=sums["withdrawn"],
        withdrawal_fees=sums["withdrawal_fees"],
        connects_and_subscriptions=sums["connects_and_subscriptions"],
        taxes=sums["taxes"],
        other=sums["other"],
        earnings_only=earnings_only,
    )


def _sum_rows(rows: Iterable[Transaction]) -> dict[str, Money]:
    sums: dict[str, Money] = dict.fromkeys(_MONEY_COLUMNS, _ZERO)
    for row in rows:
        column = _COLUMNS[row.kind]
        sums[column] = sums[column] + (-row.amount if column in _COSTS else row.amount)
    return sums


def _optional_money_sum(values: Iterable[Money | None]) -> Money | None:
    present = [v for v in values if v is not None]
    return Money.total(present, _PKR) if present else None


def _check_by(value: object, what: str) -> Period:
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"{what} must be one of {_PERIODS}, not {type(value).__name__}",
            field=what,
            rule=f"one of {_PERIODS}",
        )
    if value not in _PERIODS:
        # The CLI spells its option "tax-year"; the library's value is the identifier.
        # A calendar year is "year" (the other periods are calendar months, or tax years).
        spelled = value.replace("-", "_").replace(" ", "_").casefold().removeprefix("calendar_")
        hint = f" (did you mean {shown(spelled)}?)" if spelled in _PERIODS else ""
        raise InvalidValueError(
            f"{what} must be one of {_PERIODS}, got {shown(value)}{hint}",
            field=what,
            rule=f"one of {_PERIODS}",
        )
    return cast("Period", plain_text(value))


def _by(instance: object, attribute: Any, value: Any) -> None:
    refuse_subclass(value, str, field_name(instance, attribute))
    _check_by(value, field_name(instance, attribute))


@through_init
@attrs.frozen(kw_only=True)
class Summary:
    """A statement added up by month, by Pakistani tax year or by calendar year.

    Args:
        by: ``"month"``, ``"tax_year"`` or ``"year"``.
        format: The export the statement came from (a :class:`StatementFormat`, or its text).
        rows: One row per period from the first transaction's to the last's,
            empty periods included, oldest first.
        notes: What the figures leave out or assume, in words.

    Raises:
        InvalidTypeError: A field of the wrong type (a sequence given as
            anything but a sequence, or an item of the wrong type).
        InvalidValueError: An unknown *by*, a row that is not one period of
            *by* (its label, first and last day those of one month, one
            tax year or one calendar year), rows that are not consecutive
            periods, oldest first, or a row whose
            :attr:`~SummaryRow.earnings_only` is not that of *format* (true
            for a weekly summary only).
    """

    by: Period = attrs.field(validator=_by)
    format: StatementFormat = attrs.field(
        converter=format_of_text, validator=member_field(StatementFormat)
    )
    rows: tuple[SummaryRow, ...] = attrs.field(
        converter=as_tuple, validator=items_field(SummaryRow)
    )
    notes: tuple[str, ...] = attrs.field(
        default=(), converter=plain_texts, validator=text_items_field
    )

    def __attrs_post_init__(self) -> None:
        earnings_only = self.format is StatementFormat.WEEKLY_SUMMARY
        for index, row in enumerate(self.rows):
            if row.earnings_only is not earnings_only:
                raise InvalidValueError(
                    f"Summary.rows[{index}].earnings_only is {row.earnings_only}, but a summary "
                    f"of a {self.format.value} holds rows with earnings_only={earnings_only}: "
                    "only a weekly summary lists earnings only",
                    field=f"Summary.rows[{index}].earnings_only",
                    rule="earnings only for a weekly summary, and for it only",
                )
            if not _is_period(row, self.by):
                kind = _period_name(self.by, days=False)
                raise InvalidValueError(
                    f"Summary.rows[{index}] is {shown(row.period)} from {row.start} to "
                    f"{row.end}, not one {kind}: a summary by {self.by} has a row per {kind}",
                    field=f"Summary.rows[{index}]",
                    rule=f"one {kind} per row",
                )
        for index, (older, newer) in enumerate(itertools.pairwise(self.rows), start=1):
            if newer.start != older.end + timedelta(days=1):
                raise InvalidValueError(
                    f"Summary.rows[{index}] starts on {newer.start}, but the period before it "
                    f"ends on {older.end}: rows are consecutive periods, oldest first",
                    field=f"Summary.rows[{index}]",
                    rule="consecutive periods, oldest first",
                )

    @property
    def total(self) -> SummaryRow:
        """Every period added up (period ``"total"``; no rate of its own).

        With no rows at all, every amount is zero and ``start`` and ``end`` are
        ``date.min``, a placeholder: the notebook table then shows no total row
        and the CLI's ``--json`` writes ``"total": null``.
        """
        weekly = self.format is StatementFormat.WEEKLY_SUMMARY
        if not self.rows:
            zeros: dict[str, Money] = dict.fromkeys(_MONEY_COLUMNS, _ZERO)
            return _row(TOTAL, date.min, date.min, 0, zeros, earnings_only=weekly)
        sums = {
            name: Money.total((getattr(r, name) for r in self.rows), USD) for name in _MONEY_COLUMNS
        }
        count = sum(r.transactions for r in self.rows)
        return _row(TOTAL, self.rows[0].start, self.rows[-1].end, count, sums, earnings_only=weekly)

    @property
    def net_pkr(self) -> Money | None:
        """Net earnings in rupees, each period at its own rate.

        ``None`` without rates, or when the export does not hold the fees
        (a weekly summary: :attr:`SummaryRow.earnings_only`).
        """
        return _optional_money_sum(r.net_pkr for r in self.rows)

    @property
    def withdrawn_pkr(self) -> Money | None:
        """Withdrawals in rupees, each period at its own rate.

        ``None`` without rates, or when the export does not hold the
        withdrawals (a weekly summary).
        """
        return _optional_money_sum(r.withdrawn_pkr for r in self.rows)

    @property
    def tax_pkr(self) -> Money | None:
        """The s.154A estimate summed over the periods that have one.

        A period whose withdrawals the library cannot estimate (before its
        export-tax rules start, or under rules of two rates)
        adds nothing, and :attr:`notes` names it: a summary by calendar year
        whose 2022 holds a withdrawal from before 1 July leaves all of 2022
        out, where a summary by tax year leaves out 2021-22 only.  ``None``
        when no period is estimated (so for a weekly summary, which does not
        hold the withdrawals).
        """
        return _optional_money_sum(r.tax_pkr for r in self.rows)

    def __repr__(self) -> str:
        # One line: a row per period, each with a dozen money columns.
        count = len(self.rows)
        text = f"<Summary by {self.by} of a {self.format.value}: {count} period"
        text += "" if count == 1 else "s"
        if self.rows:
            total = self.total
            text += (
                f" {self.rows[0].period}..{self.rows[-1].period}, gross {total.gross}, "
                f"service fees {total.service_fees}, net {total.net}, withdrawn {total.withdrawn}"
            )
        return text + ">"

    def to_records(self) -> list[dict[str, object]]:
        """One dict per period (not the total), money as ``Decimal`` USD.

        With rates, each record also has ``rate``, ``net_pkr`` and
        ``withdrawn_pkr``; with a tax estimate, ``tax_rate`` and ``tax_pkr``.

        A figure the export does not hold is ``None``, not zero: the weekly
        summary lists earnings only, so in its records every amount but
        ``gross`` (fees, refunds, withdrawals, ``net``, ``change`` and the
        rupee and tax figures made of them) is ``None``.
        """
        records = []
        converted = any(r.rate is not None for r in self.rows)
        taxed = any(r.tax_rate is not None for r in self.rows)
        for row in self.rows:
            record = row.record()
            if converted:
                record["rate"] = None if row.rate is None else row.rate.rate
                record["net_pkr"] = _render.plain(row.net_pkr)
                record["withdrawn_pkr"] = _render.plain(row.withdrawn_pkr)
            if taxed:
                record["tax_rate"] = row.tax_rate
                record["tax_pkr"] = _render.plain(row.tax_pkr)
            records.append(record)
        return records

    def _repr_html_(self) -> str:
        records = self.to_records()
        if not records:  # no period: no total row, whose dates would be placeholders
            columns = list(self.total.record())
            caption = f"{self.format.title}: no transactions"
            return _render.html_table([], caption=caption, columns=columns)
        total = self.total.record()
        if "net_pkr" in records[0]:
            total.update(
                net_pkr=_render.plain(self.net_pkr), withdrawn_pkr=_render.plain(self.withdrawn_pkr)
            )
        if "tax_pkr" in records[0]:
            total["tax_pkr"] = _render.plain(self.tax_pkr)
        caption = f"{self.format.title} by {_period_name(self.by)}, amounts in USD"
        if self.notes:
            caption += ". " + " ".join(self.notes)
        columns = list(records[0])
        return _render.html_table([*records, total], caption=caption, columns=columns)
