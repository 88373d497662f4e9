"""Every service fee in a statement, set against the fee schedule in force (private).

The fee a row should have cost comes from :func:`upwork_safety.fees.service_fee`
and the dated schedules behind it; nothing here knows a fee rate of its own.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from upwork_safety import _render
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text
from upwork_safety._validate import (
    as_tuple,
    fraction,
    id_field,
    instance_field,
    items_field,
    plain_texts,
    text_field,
    text_items_field,
)
from upwork_safety.errors import (
    InvalidValueError,
    RulesError,
)
from upwork_safety.fees import SERVICE_FEE_HISTORY, ServiceFeeSchedule, schedule_as_of, service_fee
from upwork_safety.money import Money, exact, optional_plain_money, plain_money
from upwork_safety.statements._model import (
    USD,
    Statement,
    StatementFormat,
    Transaction,
    TransactionKind,
    check_statement,
    optional_fraction_field,
    usd_field,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

RateLike = Decimal | int | str


def _service_fee_row(row: Transaction, what: str) -> None:
    if row.kind is not TransactionKind.SERVICE_FEE:
        raise InvalidValueError(
            f"{what} must be a service fee row, not a {row.kind.value} row (line {row.line})",
            field=what,
            rule="a service fee row",
        )


@through_init
@attrs.frozen(kw_only=True)
class FeeCheck:
    """One service fee set against the fee the schedule charges on its income row.

    Args:
        fee: The service fee row.
        income: The income row it was charged on.
        expected: The fee by the schedule in force on the income row's date
            (or the contract rate given to :func:`audit_fees`).
        schedule: The name of that schedule.
        billed_before: The lifetime billings with the client before the
            income row, as far as the statement shows them (the 2016–2023
            sliding scale's input); ``None`` on other schedules.
        rate: The contract rate applied, or ``None``.

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: *fee* not a service fee row, *income* not an
            income row, a negative amount, or a rate that is not a fraction
            from 0 up to 1.
        CurrencyMismatchError: An amount not in USD.
    """

    fee: Transaction = attrs.field(validator=instance_field(Transaction))
    income: Transaction = attrs.field(validator=instance_field(Transaction))
    expected: Money = attrs.field(converter=plain_money, validator=usd_field(non_negative=True))
    schedule: str = attrs.field(converter=plain_text, validator=text_field)
    billed_before: Money | None = attrs.field(
        converter=optional_plain_money,
        default=None,
        validator=usd_field(non_negative=True, optional=True),
    )
    rate: Decimal | None = attrs.field(default=None, validator=optional_fraction_field)

    def __attrs_post_init__(self) -> None:
        _service_fee_row(self.fee, "FeeCheck.fee")
        if not self.income.is_income:
            raise InvalidValueError(
                f"FeeCheck.income must be an income row (fixed price, hourly or bonus), not a "
                f"{self.income.kind.value} row (line {self.income.line})",
                field="FeeCheck.income",
                rule="an income row",
            )

    @property
    def charged(self) -> Money:
        """The fee Upwork charged, as a positive amount."""
        return -self.fee.amount

    @property
    def difference(self) -> Money:
        """``charged - expected``: positive when Upwork charged more than the schedule."""
        return self.charged - self.expected

    @property
    def matches(self) -> bool:
        """Whether the fee charged is exactly the fee expected, to the cent."""
        return not self.difference


@through_init
@attrs.frozen
class UncheckedFee:
    """A service fee row the audit could not check, and why.

    Attributes:
        fee: The service fee row.
        reason: Why it could not be checked, in words (not empty).

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: *fee* not a service fee row, or an empty reason.
    """

    fee: Transaction = attrs.field(validator=instance_field(Transaction))
    reason: str = attrs.field(converter=plain_text, validator=id_field)

    def __attrs_post_init__(self) -> None:
        _service_fee_row(self.fee, "UncheckedFee.fee")


@through_init
@attrs.frozen(kw_only=True)
class FeeAudit:
    """Every service fee of a statement, checked or explained.

    Args:
        checks: Every fee joined to its income row, oldest first.
        not_checked: Fees that could not be checked, each with the reason.
        income_without_fee: Income rows no fee row names.
        assumptions: What the expected fees assume, in words.

    Raises:
        InvalidTypeError: A field that is not a sequence, or an item of the
            wrong type.
        InvalidValueError: An income row in *income_without_fee* that is
            not an income row.
    """

    checks: tuple[FeeCheck, ...] = attrs.field(converter=as_tuple, validator=items_field(FeeCheck))
    not_checked: tuple[UncheckedFee, ...] = attrs.field(
        default=(), converter=as_tuple, validator=items_field(UncheckedFee)
    )
    income_without_fee: tuple[Transaction, ...] = attrs.field(
        default=(), converter=as_tuple, validator=items_field(Transaction)
    )
    assumptions: tuple[str, ...] = attrs.field(
        default=(), converter=plain_texts, validator=text_items_field
    )

    def __attrs_post_init__(self) -> None:
        for index, row in enumerate(self.income_without_fee):
            if not row.is_income:
                raise InvalidValueError(
                    f"FeeAudit.income_without_fee[{index}] must be an income row, not a "
                    f"{row.kind.value} row (line {row.line})",
                    field=f"FeeAudit.income_without_fee[{index}]",
                    rule="an income row",
                )

    @property
    def mismatches(self) -> tuple[FeeCheck, ...]:
        """The checks whose fee differs from the schedule's."""
        return tuple(c for c in self.checks if not c.matches)

    @property
    def overcharged(self) -> Money:
        """The differences of every check added up: what was charged beyond the schedules."""
        return Money.total((c.difference for c in self.checks), USD)

    def to_records(self) -> list[dict[str, object]]:
        """One dict per checked fee, money as ``Decimal`` USD."""
        return [
            {
                "on": c.income.on,
                "income_line": c.income.line,
                "fee_line": c.fee.line,
                "income_id": c.income.id,
                "client": c.income.client,
                "kind": _render.plain(c.income.kind),
                "income": _render.plain(c.income.amount),
                "charged": _render.plain(c.charged),
                "expected": _render.plain(c.expected),
                "difference": _render.plain(c.difference),
                "matches": c.matches,
                "schedule": c.schedule,
                "billed_before": _render.plain(c.billed_before),
            }
            for c in self.checks
        ]

    def _repr_html_(self) -> str:
        caption = (
            f"Service fees: {len(self.checks)} checked, {len(self.mismatches)} not as scheduled, "
            f"{len(self.not_checked)} not checked"
        )
        if self.assumptions:
            caption += ". " + " ".join(self.assumptions)
        return _render.html_table(self.to_records(), caption=caption)


def _billed_before(transactions: Iterable[Transaction]) -> dict[int, Money]:
    """Each income row's lifetime billings with its client in the rows before it."""
    running: dict[str, Money] = defaultdict(lambda: Money.zero(USD))
    before: dict[int, Money] = {}
    for row in transactions:
        if row.is_income:
            before[row.line] = running[row.client]
            running[row.client] = running[row.client] + row.amount
    return before


@exact
def audit_fees(statement: Statement, *, rate: RateLike | None = None) -> FeeAudit:
    """Check every service fee in *statement* against the fee schedule in force.

    Each service fee row is joined to the income row it names (its
    ``related_id``: ``Service Fee for Ref ID 900001`` in the Transaction
    History, the shared ``Transaction ID`` in the Transactions report) and
    set against :func:`upwork_safety.fees.service_fee` on that income row's
    amount and date.  Fees with no income row in the statement, fee refunds
    and fees the schedule cannot price are listed in ``not_checked`` with the
    reason; income rows no fee names in ``income_without_fee``.

    The 2016-06-21 to 2023-05-02 sliding scale charges by the lifetime
    billings with the client.  They are computed from the statement's own
    earlier income rows per client (``Transaction.client``); billings before
    the statement's first row are unknown and taken as zero, which the audit
    states in ``assumptions``.

    Args:
        statement: What :func:`parse` returned.
        rate: The contract's own fee rate, a fraction (``Decimal("0.10")``,
            ``"0.10"`` or ``"10%"``, as everywhere in the library), passed to
            :func:`~upwork_safety.fees.service_fee` for every fee outside the
            sliding scale (which has no per-contract rate).  Without it, a
            schedule that needs one (from 2025-05-01) follows whatever
            :func:`~upwork_safety.fees.service_fee` does without a rate; a
            fee it refuses to price is listed in ``not_checked`` with its
            reason.

    Returns:
        The audit: checks (with both amounts and the difference), the fees
        not checked, income without a fee, and the assumptions made.

    Raises:
        InvalidTypeError: *statement* is not a Statement, or *rate* is a float
            or not a number.
        InvalidValueError: *rate* is not a fraction from 0 up to 1.
    """
    statement = check_statement(statement)
    contract_rate = None if rate is None else fraction(rate, "rate")
    income_by_id: dict[str, list[Transaction]] = defaultdict(list)
    for row in statement.transactions:
        if row.is_income and row.id is not None:
            income_by_id[row.id].append(row)
    before = _billed_before(statement.transactions)
    checks: list[FeeCheck] = []
    unchecked: list[UncheckedFee] = []
    named: set[str] = set()
    sliding_scale: ServiceFeeSchedule | None = None  # the scale used, for the assumptions
    for fee in statement.transactions:
        if fee.kind is not TransactionKind.SERVICE_FEE:
            continue
        if fee.related_id is not None:
            named.add(fee.related_id)
        found = _join(fee, income_by_id)
        if isinstance(found, str):
            unchecked.append(UncheckedFee(fee, found))
            continue
        schedule = schedule_as_of(found.on)
        sliding = bool(schedule.tiers)
        billed = before[found.line] if sliding else None
        used_rate = None if sliding else contract_rate
        try:
            expected = service_fee(found.amount, on=found.on, rate=used_rate, billed_before=billed)
        except RulesError as exc:
            unchecked.append(UncheckedFee(fee, f"the schedule in force cannot price it: {exc}"))
            continue
        if sliding:
            sliding_scale = schedule
        checks.append(
            FeeCheck(
                fee=fee,
                income=found,
                expected=expected,
                schedule=schedule.name,
                billed_before=billed,
                rate=used_rate,
            )
        )
    without = tuple(
        row
        for row in statement.transactions
        if row.is_income and row.amount.amount > 0 and (row.id is None or row.id not in named)
    )
    return FeeAudit(
        checks=checks,
        not_checked=unchecked,
        income_without_fee=without,
        assumptions=_assumptions(statement, checks, contract_rate, sliding_scale=sliding_scale),
    )


def _join(fee: Transaction, income_by_id: dict[str, list[Transaction]]) -> Transaction | str:
    """The income row *fee* was charged on, or why there is none to check against."""
    if fee.amount.amount > 0:
        return "a refund of a service fee (a positive amount), not a fee charged"
    if fee.related_id is None:
        return "it names no income row (no 'Ref ID' in its description)"
    candidates = income_by_id.get(fee.related_id, [])
    if not candidates:
        return (
            f"no income row with id {fee.related_id} in this statement (it may be dated "
            "before the statement's first row)"
        )
    if len(candidates) > 1:
        lines = ", ".join(str(c.line) for c in candidates)
        return f"several income rows have id {fee.related_id} (lines {lines})"
    income = candidates[0]
    if income.amount.amount < 0:
        return f"its income row (line {income.line}) is negative, {income.amount}"
    return income


def _in_force(schedule: ServiceFeeSchedule) -> str:
    """When *schedule* was in force, from SERVICE_FEE_HISTORY: ``"2016-06-21 to 2023-05-02"``."""
    later = [s.effective for s in SERVICE_FEE_HISTORY if s.effective > schedule.effective]
    if not later:
        return f"from {schedule.effective}"
    return f"{schedule.effective} to {min(later) - timedelta(days=1)}"


def _assumptions(
    statement: Statement,
    checks: list[FeeCheck],
    rate: Decimal | None,
    *,
    sliding_scale: ServiceFeeSchedule | None,
) -> tuple[str, ...]:
    notes: list[str] = []
    if sliding_scale is not None and statement.start is not None:
        notes.append(
            "Lifetime billings with each client before the statement's first row "
            f"({statement.start}) are unknown and taken as $0.00; on the "
            f"{_in_force(sliding_scale)} sliding scale a client you billed before then was "
            "charged less than expected here."
        )
        if any(c.income.client == "" and c.billed_before is not None for c in checks):
            notes.append("Income rows with no client (Team) are counted as one client.")
    if rate is not None:
        notes.append(
            f"The contract rate {rate} is applied outside the sliding scale, which has no "
            "per-contract rate."
        )
    if statement.format is StatementFormat.WEEKLY_SUMMARY:
        notes.append("The weekly summary has no service fee rows, so no fee can be checked.")
    return tuple(notes)
