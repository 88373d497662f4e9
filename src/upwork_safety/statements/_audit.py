"""Every service fee in a statement, set against the fee schedule in force (private).

The fee a row should have cost comes from :func:`upwork_safety.fees.service_fee`
and the dated schedules behind it; nothing here knows a fee rate of its own.
"""

from __future__ import annotations

from collections import defaultdict

# Imported at run time: the API docs resolve audit_fees's annotations (rates: Mapping[...]).
from collections.abc import Mapping  # noqa: TC003
from decimal import Decimal
from typing import Any

import attrs

from upwork_safety import _render
from upwork_safety._display import shown
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text
from upwork_safety._validate import (
    as_tuple,
    fraction,
    id_field,
    instance_field,
    items_field,
    plain_texts,
    sequence_of,
    text_field,
    text_items_field,
)
from upwork_safety.errors import (
    InvalidTypeError,
    InvalidValueError,
    RulesError,
)
from upwork_safety.fees import (
    FeeBasis,
    ServiceFeeSchedule,
    schedule_as_of,
)
from upwork_safety.money import Money, exact, optional_plain_money, plain_money
from upwork_safety.statements import _audit_notes as notes
from upwork_safety.statements._audit_pricing import (
    REFUND_ALONE,
    _billed_before,
    _join,
    _Legacy,
    _legacy_fee,
    _priced,
    _priced_at,
    _rates,
)
from upwork_safety.statements._model import (
    USD,
    Transaction,
    TransactionKind,
    optional_fraction_field,
    usd_field,
)
from upwork_safety.statements._statement import Statement, check_statement

RateLike = Decimal | int | str


def _service_fee_row(row: Transaction, what: str) -> None:
    if row.kind is not TransactionKind.SERVICE_FEE:
        raise InvalidValueError(
            f"{what} must be a service fee row, not a {row.kind.value} row (line {row.line})",
            field=what,
            rule="a service fee row",
        )


def _optional_pair(value: Any) -> Any:
    """A converter: a list or tuple given as *allowed* as a tuple of plain Money; else as it is."""
    if isinstance(value, (list, tuple)):
        return tuple(plain_money(end) for end in value)
    return value


def _allowed_field(instance: object, attribute: Any, value: Any) -> None:
    """A validator: ``None``, or two non-negative USD amounts."""
    if value is None:
        return
    if not isinstance(value, tuple) or len(value) != 2:
        raise InvalidTypeError(
            "FeeCheck.allowed must be None or a (lowest, highest) pair of Money",
            field="FeeCheck.allowed",
            rule="a pair of Money",
        )
    check = usd_field(non_negative=True)
    for end in value:
        check(instance, attribute, end)


@through_init
@attrs.frozen(kw_only=True)
class FeeCheck:
    """One service fee set against the fee the schedule charges on its income row.

    Args:
        fee: The service fee row (the first fee charged, when the income
            row has more rows): a charge, 0 or negative as the export signs it.
        income: The income row it was charged on: the one its ``related_id``
            names.
        more_fees: The other service fee rows on the same income row: a
            fee split over rows, charged twice, or refunded (a positive
            row).  They are added to *fee* in :attr:`charged`, so the fees
            of one income row are judged once, together, net of their
            refunds, against its one fee.
        expected: The fee by the schedule in force on the income row's date
            (or the contract rate given to :func:`audit_fees`).
        schedule: The name of that schedule.
        basis: Which rate *expected* was charged at, as the fee engine says
            (:class:`~upwork_safety.fees.FeeBasis`): ``SLIDING``, ``FLAT``,
            ``LEGACY`` (the 5% some contracts kept until 2023-12-31),
            ``CONTRACT`` (a rate given to :func:`audit_fees`) or ``DEFAULT``:
            the published rate, **assumed** because the schedule charges each
            contract its own rate and the export does not show it.
        billed_before: The lifetime billings with the client before the
            income row, as far as the statement shows them (the 2016–2023
            sliding scale's input); ``None`` on other schedules.
        rate: The contract rate applied (a given one, or the legacy rate),
            or ``None``.
        allowed: With an assumed rate (``DEFAULT``), the lowest and the
            highest fee a contract rate the schedule allows charges on the
            income row (``0%`` and ``15%`` from 2025-05-01); ``None``
            otherwise.

    *expected*, *schedule*, *basis* and *allowed* are what the fee engine
    (:func:`~upwork_safety.fees.explain_service_fee`, as :func:`audit_fees`
    calls it) gives for the income row's amount and date with *rate* and
    *billed_before*; a check that says otherwise is refused, so an edited
    file cannot move what counts as an overcharge.  Two inputs come from
    rows a single check does not hold, and are checked only as far as the
    check can see: *billed_before* (the client's earlier billings, which
    the sliding scale charges by) is taken as given, and a ``LEGACY`` check
    must have the flat schedule's legacy rate, a date up to its last day and
    *expected* at that rate, but whether the client's contracts had reached
    it (their earlier billings) is the audit's to judge, not the check's.

    Raises:
        InvalidTypeError: A field of the wrong type.
        InvalidValueError: *fee* or a row of *more_fees* not a service fee
            row, or naming another row than *income* (its ``related_id``),
            a fee row given twice, *income* not an income row or a negative
            one, a negative amount, a rate that is
            not a fraction from 0 up to 1, fields that disagree with *basis*
            (*allowed* given exactly with ``DEFAULT``, a rate with
            ``CONTRACT`` and ``LEGACY`` and none with ``SLIDING`` and
            ``DEFAULT``, *billed_before* on the sliding scale only), a rate
            the schedule in force does not charge, or *expected*, *schedule*,
            *basis* or *allowed* other than the fee engine's for the income
            row.
        CurrencyMismatchError: An amount not in USD.
    """

    fee: Transaction = attrs.field(validator=instance_field(Transaction))
    income: Transaction = attrs.field(validator=instance_field(Transaction))
    expected: Money = attrs.field(converter=plain_money, validator=usd_field(non_negative=True))
    schedule: str = attrs.field(converter=plain_text, validator=text_field)
    basis: FeeBasis = attrs.field(validator=instance_field(FeeBasis))
    billed_before: Money | None = attrs.field(
        converter=optional_plain_money,
        default=None,
        validator=usd_field(non_negative=True, optional=True),
    )
    rate: Decimal | None = attrs.field(default=None, validator=optional_fraction_field)
    allowed: tuple[Money, Money] | None = attrs.field(
        default=None, converter=_optional_pair, validator=_allowed_field
    )
    more_fees: tuple[Transaction, ...] = attrs.field(
        default=(), converter=as_tuple, validator=items_field(Transaction)
    )

    def __attrs_post_init__(self) -> None:
        self._check_fees()
        if not self.income.is_income:
            raise InvalidValueError(
                f"FeeCheck.income must be an income row (fixed price, hourly or bonus), not a "
                f"{self.income.kind.value} row (line {self.income.line})",
                field="FeeCheck.income",
                rule="an income row",
            )
        if self.income.amount.amount < 0:
            raise InvalidValueError(
                f"FeeCheck.income must be an income row a fee is charged on, not a negative one "
                f"({self.income.amount}, line {self.income.line})",
                field="FeeCheck.income",
                rule="an income row of 0 or more",
            )
        self._check_basis()
        self._check_priced()

    def _check_fees(self) -> None:
        """Each fee row is a service fee naming the income row, given once; *fee* a charge."""
        if self.fee.amount.amount > 0:
            raise InvalidValueError(
                f"FeeCheck.fee must be a fee charged (0 or negative, line {self.fee.line}), "
                f"not a refund of one ({self.fee.amount}); a refund goes in more_fees",
                field="FeeCheck.fee",
                rule="a fee charged",
            )
        seen: set[Transaction] = set()
        for index, row in enumerate(self.fees):
            where = "FeeCheck.fee" if not index else f"FeeCheck.more_fees[{index - 1}]"
            _service_fee_row(row, where)
            if row in seen:
                raise InvalidValueError(
                    f"{where} is line {row.line} again: each fee row is added once",
                    field=where,
                    rule="each fee row once",
                )
            seen.add(row)
            if row.related_id is None or row.related_id != self.income.id:
                # The fee counts against the row it names, never a bigger one chosen by hand.
                raise InvalidValueError(
                    f"{where} (line {row.line}) names income row {shown(row.related_id)}, "
                    f"not the income row checked ({shown(self.income.id)}, line "
                    f"{self.income.line})",
                    field=where,
                    rule="a fee names its income row (related_id == income.id)",
                )

    def _check_priced(self) -> None:
        """*expected*, *schedule*, *basis* and *allowed* are the fee engine's, never copies."""
        income = self.income
        try:
            priced = _priced(income, rate=self.rate, billed=self.billed_before)
        except RulesError as exc:
            raise InvalidValueError(
                f"FeeCheck.rate: the schedule in force on the income row's date ({income.on}, "
                f"line {income.line}) does not charge it: {exc}",
                field="FeeCheck.rate",
                rule="a rate the schedule in force charges",
            ) from None
        given = {
            "schedule": self.schedule,
            "basis": self.basis,
            "expected": self.expected,
            "allowed": self.allowed,
        }
        for name, value in given.items():
            derived = getattr(priced, name)
            if value != derived:
                raise InvalidValueError(
                    f"FeeCheck.{name} must be {_said(derived)}, what the fee engine gives for "
                    f"the income row ({income.amount} on {income.on}, line {income.line}"
                    f"{'' if self.rate is None else f', rate {self.rate}'}), got {shown(value)}",
                    field=f"FeeCheck.{name}",
                    rule="the fee engine's for the income row",
                )

    def _check_basis(self) -> None:
        """The fields a basis needs, and none it cannot have."""
        basis = self.basis
        assumed = basis is FeeBasis.DEFAULT
        if (self.allowed is not None) != assumed:
            said = "needs" if assumed else "cannot have"
            raise InvalidValueError(
                f"FeeCheck.allowed: a check on the {basis.value} basis {said} the range of fees "
                "a contract rate allows (only an assumed rate, DEFAULT, has one)",
                field="FeeCheck.allowed",
                rule="allowed exactly with the DEFAULT basis",
            )
        if self.allowed is not None and not self.allowed[0] <= self.expected <= self.allowed[1]:
            raise InvalidValueError(
                f"FeeCheck.allowed must run from its lowest to its highest fee with expected "
                f"({self.expected}) between them, got {self.allowed[0]} to {self.allowed[1]}",
                field="FeeCheck.allowed",
                rule="lowest <= expected <= highest",
            )
        needs_rate = basis in {FeeBasis.CONTRACT, FeeBasis.LEGACY}
        if needs_rate and self.rate is None:
            raise InvalidValueError(
                f"FeeCheck.rate: a check on the {basis.value} basis names the rate it charged",
                field="FeeCheck.rate",
                rule=f"a rate with the {basis.value} basis",
            )
        if basis in {FeeBasis.SLIDING, FeeBasis.DEFAULT} and self.rate is not None:
            raise InvalidValueError(
                f"FeeCheck.rate: a check on the {basis.value} basis charges no contract rate, "
                f"got {self.rate}",
                field="FeeCheck.rate",
                rule=f"no rate with the {basis.value} basis",
            )
        if self.billed_before is not None and basis is not FeeBasis.SLIDING:
            raise InvalidValueError(
                f"FeeCheck.billed_before is the sliding scale's input; a check on the "
                f"{basis.value} basis has none",
                field="FeeCheck.billed_before",
                rule="billed_before on the sliding scale only",
            )

    @property
    def fees(self) -> tuple[Transaction, ...]:
        """Every fee row charged on the income row: *fee*, then *more_fees*."""
        return (self.fee, *self.more_fees)

    @property
    def charged(self) -> Money:
        """The fees Upwork charged on the income row, net of refunds, as a positive amount."""
        return -Money.total((row.amount for row in self.fees), USD)

    @property
    def difference(self) -> Money:
        """``charged - expected``: positive when Upwork charged more than the schedule."""
        return self.charged - self.expected

    @property
    def matches(self) -> bool:
        """Whether the fee charged is exactly the fee expected, to the cent."""
        return not self.difference

    @property
    def rate_assumed(self) -> bool:
        """Whether *expected* rests on an assumed rate (the contract's own is not known)."""
        return self.basis is FeeBasis.DEFAULT

    @property
    def within_schedule(self) -> bool:
        """Whether a rate the schedule allows explains the fee charged.

        That is the fee expected or, when the contract's rate was assumed,
        any fee from the lowest to the highest in :attr:`allowed`.
        """
        return not self.excess

    @property
    def excess(self) -> Money:
        """What was charged beyond every fee the schedule allows on the row (negative: below).

        :attr:`difference` when the rate is known; with an assumed rate, the
        distance from the nearest end of :attr:`allowed`, so a fee another
        contract rate charges counts as none.
        """
        if self.allowed is None:
            return self.difference
        low, high = self.allowed
        if self.charged > high:
            return self.charged - high
        if self.charged < low:
            return self.charged - low
        return Money.zero(USD).rounded()  # in cents, as every other difference

    def __repr__(self) -> str:
        # One line: the two rows it joins, each with every column of the export, are long.
        expected = f"expected {self.expected} ({self.basis.value}"
        if self.allowed is not None:
            expected += f"; rate assumed, {self.allowed[0]} to {self.allowed[1]} allowed"
        verdict = "within the schedule" if self.within_schedule else f"excess {self.excess}"
        lines = ", ".join(str(row.line) for row in self.fees)
        return (
            f"<FeeCheck fee line{'s' if self.more_fees else ''} {lines} on income line "
            f"{self.income.line} "
            f"({self.income.on}): "
            f"charged {self.charged} on {self.income.amount}, {expected}): {verdict}>"
        )


def _said(value: object) -> str:
    """A value the engine gave, for a message: Money and pairs of it as ``USD 1.00``."""
    if isinstance(value, tuple):
        return " to ".join(str(item) for item in value)
    # The engine's schedule names are the library's own, short: shown whole.
    return shown(value, limit=200) if isinstance(value, str) else str(value)


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


def _check_groups(value: Any) -> Any:
    """An attrs converter: groups of checks as a tuple of tuples (the rest for the validator)."""
    outer = as_tuple(value)
    return tuple(as_tuple(group) for group in outer) if isinstance(outer, tuple) else outer


def _groups_of_checks(instance: FeeAudit, attribute: Any, value: Any) -> None:
    """Each group is two or more of the audit's own checks, each in one group at most."""
    name = f"FeeAudit.{attribute.name}"
    groups = sequence_of(value, tuple, name)
    own = set(instance.checks)
    seen: set[FeeCheck] = set()
    for index, group in enumerate(groups):
        where = f"{name}[{index}]"
        sequence_of(group, FeeCheck, where)
        if len(group) < 2 or any(c not in own or c in seen for c in group):
            raise InvalidValueError(
                f"{where} must be two or more of FeeAudit.checks, each in one group only",
                field=where,
                rule="two or more of the audit's checks",
            )
        seen.update(group)


@through_init
@attrs.frozen(kw_only=True)
class FeeAudit:
    """Every service fee of a statement, checked or explained.

    Args:
        checks: Every fee joined to its income row, oldest first.
        not_checked: Fees that could not be checked, each with the reason.
        income_without_fee: Income rows no fee row names.
        assumptions: What the expected fees assume, in words.
        mixed_rates: The fees of each contract that no one rate explains,
            one group per contract (Transactions report, from 2025-05-01,
            when its rate is not given with ``rates=``): each fee is within
            the schedule's 0–15%, so none is a mismatch, but a contract's
            rate is fixed for its life (unconfirmed), so some of them may be
            overcharges.  Each group is also named in *assumptions*.

    Raises:
        InvalidTypeError: A field that is not a sequence, or an item of the
            wrong type.
        InvalidValueError: An income row in *income_without_fee* that is
            not an income row, two checks of one income row or holding
            one fee row (a repeated check would count its excess twice), or
            a fee row both in a check and in *not_checked*.
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
    mixed_rates: tuple[tuple[FeeCheck, ...], ...] = attrs.field(
        default=(), converter=_check_groups, validator=_groups_of_checks
    )

    def __attrs_post_init__(self) -> None:
        fees: set[Transaction] = set()
        incomes: set[Transaction] = set()
        rule = "each income row and each fee row in one place"
        for index, check in enumerate(self.checks):
            # One check per income row, each fee row in one check: a check repeated or a fee
            # moved to a second check would count its excess twice.
            where = f"FeeAudit.checks[{index}]"
            if check.income in incomes:
                raise InvalidValueError(
                    f"{where} checks income line {check.income.line} again: each income row "
                    "is checked once, with all its fees",
                    field=where,
                    rule=rule,
                )
            twice = next((row for row in check.fees if row in fees), None)
            if twice is not None:
                raise InvalidValueError(
                    f"{where} holds fee line {twice.line}, which another check holds",
                    field=where,
                    rule=rule,
                )
            incomes.add(check.income)
            fees.update(check.fees)
        for index, unchecked in enumerate(self.not_checked):
            if unchecked.fee in fees:
                where = f"FeeAudit.not_checked[{index}]"
                raise InvalidValueError(
                    f"{where} is fee line {unchecked.fee.line}, which a check holds: a fee "
                    "row is checked or not, never both",
                    field=where,
                    rule=rule,
                )
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
        """The checks whose fee no rate the schedule allows explains.

        See :attr:`FeeCheck.within_schedule`.  A fee that differs from an
        assumed rate's but is one another contract rate charges is not one:
        it is in :attr:`on_assumed_rate`.
        """
        return tuple(c for c in self.checks if not c.within_schedule)

    @property
    def on_assumed_rate(self) -> tuple[FeeCheck, ...]:
        """The checks whose expected fee rests on an assumed rate (``FeeCheck.rate_assumed``)."""
        return tuple(c for c in self.checks if c.rate_assumed)

    @property
    def overcharged(self) -> Money:
        """What was charged beyond the rates allowed: every check's positive ``excess`` added up.

        A fee below the rates (``excess`` negative: on the sliding scale, a
        client billed before the statement's first row, as ``assumptions``
        says) never offsets one above them.
        """
        zero = Money.zero(USD).rounded()  # in cents, as every excess
        return Money.total((zero, *(c.excess for c in self.checks if c.excess > zero)), USD)

    def __repr__(self) -> str:
        # One line: every check holds two whole rows of the export.
        mismatches = len(self.mismatches)
        over = sum(1 for c in self.mismatches if c.excess.amount > 0)
        overcharged = (
            f" ({over} above the rates, overcharged {self.overcharged}; {mismatches - over} below)"
            if mismatches
            else ""
        )
        without = len(self.income_without_fee)
        return (
            f"<FeeAudit {len(self.checks)} checked, {mismatches} not as scheduled{overcharged}, "
            f"{len(self.on_assumed_rate)} on an assumed rate, {len(self.mixed_rates)} "
            f"contract{'' if len(self.mixed_rates) == 1 else 's'} at more than one rate, "
            f"{len(self.not_checked)} not checked, {without} income "
            f"row{'' if without == 1 else 's'} without a fee>"
        )

    def to_records(self) -> list[dict[str, object]]:
        """One dict per checked income row, money as ``Decimal`` USD.

        ``fee_line`` is the first fee row's line, ``fee_lines`` every fee
        row's (more than one when the fee was split or charged twice), and
        ``charged`` their fees added up.
        """
        return [
            {
                "on": c.income.on,
                "income_line": c.income.line,
                "fee_line": c.fee.line,
                "fee_lines": tuple(row.line for row in c.fees),
                "income_id": c.income.id,
                "client": c.income.client,
                "kind": _render.plain(c.income.kind),
                "income": _render.plain(c.income.amount),
                "charged": _render.plain(c.charged),
                "expected": _render.plain(c.expected),
                "difference": _render.plain(c.difference),
                "matches": c.matches,
                "within_schedule": c.within_schedule,
                "schedule": c.schedule,
                "basis": c.basis.value,
                "rate_assumed": c.rate_assumed,
                "billed_before": _render.plain(c.billed_before),
            }
            for c in self.checks
        ]

    def _repr_html_(self) -> str:
        caption = (
            f"Service fees: {len(self.checks)} checked, {len(self.mismatches)} not as scheduled, "
            f"{len(self.on_assumed_rate)} on an assumed rate, {len(self.mixed_rates)} "
            f"contract(s) at more than one rate, {len(self.not_checked)} not checked"
        )
        if self.assumptions:
            caption += ". " + " ".join(self.assumptions)
        return _render.html_table(self.to_records(), caption=caption)


def _joined(
    statement: Statement, unchecked: list[UncheckedFee], named: set[str]
) -> dict[Transaction, list[Transaction]]:
    """Each income row with every fee row joined to it, in the order of its first fee.

    The fees of one row are judged once, together: split over rows,
    charged twice, or charged and refunded (a positive fee row).  A fee that
    joins no row goes to *unchecked* with the reason, and so does a fee
    refund on a row no fee is charged on; every id a fee names is added to
    *named*.
    """
    income_by_id: dict[str, list[Transaction]] = defaultdict(list)
    for row in statement.transactions:
        if row.is_income and row.id is not None:
            income_by_id[row.id].append(row)
    joined: dict[Transaction, list[Transaction]] = {}
    for fee in statement.transactions:
        if fee.kind is not TransactionKind.SERVICE_FEE:
            continue
        if fee.related_id is not None:
            named.add(fee.related_id)
        found = _join(fee, income_by_id, statement.format)
        if isinstance(found, str):
            unchecked.append(UncheckedFee(fee, REFUND_ALONE if fee.amount.amount > 0 else found))
        else:
            joined.setdefault(found, []).append(fee)
    charged: dict[Transaction, list[Transaction]] = {}
    for income, rows in joined.items():
        if any(row.amount.amount <= 0 for row in rows):
            charged[income] = rows
        else:
            unchecked.extend(UncheckedFee(row, REFUND_ALONE) for row in rows)
    return charged


@exact
def audit_fees(
    statement: Statement,
    *,
    rate: RateLike | None = None,
    rates: Mapping[str, RateLike] | None = None,
) -> FeeAudit:
    """Check every service fee in *statement* against the fee schedule in force.

    Each service fee row is joined to the income row it names (its
    ``related_id``: ``Service Fee for Ref ID 900001`` in the Transaction
    History, the shared ``Transaction ID`` in the Transactions report) and
    set against :func:`upwork_safety.fees.explain_service_fee` on that
    income row's amount and date.  The fees of one income row are added up
    and judged once (one :class:`FeeCheck`), net of the fee refunds that
    name the same row: a fee split over two rows matches, a fee charged
    twice is an overcharge, and one charged twice and refunded once is not.
    Fees with no income row in the statement, fee refunds on a row no fee
    is charged on, and fees the schedule cannot price are listed in
    ``not_checked`` with the reason; income rows no fee names in
    ``income_without_fee``.

    The 2016-06-21 to 2023-05-02 sliding scale charges by the lifetime
    billings with the client.  They are computed from the statement's own
    earlier income rows per client (``Transaction.client``); billings before
    the statement's first row are unknown and taken as zero, which the audit
    states in ``assumptions``; a row that names no client counts towards no
    client's billings and is taken as a new client's.

    Under the flat 10% from 2023-05-03, contracts already at the scale's 5%
    kept 5% until 2023-12-31.  A fee of that legacy rate is accepted
    (``basis`` ``LEGACY``) when the fee engine's rule for a contract that
    kept it holds for the client's income rows in the statement before
    2023-05-03; the export does not say when the row's contract started,
    which ``assumptions`` states.

    From 2025-05-01 each contract has its own rate (0–15%, unconfirmed),
    which the export does not show.  Without *rate* or *rates*, a fee is
    compared with the published 10% (``basis`` ``DEFAULT``,
    :attr:`FeeCheck.rate_assumed`), and a fee some rate in the range
    charges (:attr:`FeeCheck.allowed`) is not a mismatch; ``assumptions``
    says so.  A contract's rate is fixed for its life: in the Transactions
    report, a contract whose fees at the flat or an assumed rate no single
    rate charges is named in ``assumptions``.

    Args:
        statement: What :func:`parse` returned.
        rate: The contract's own fee rate, a fraction (``Decimal("0.10")``,
            ``"0.10"`` or ``"10%"``, as everywhere in the library), passed to
            :func:`~upwork_safety.fees.explain_service_fee` for every fee
            outside the sliding scale (which has no per-contract rate) whose
            contract *rates* does not name.  Only the per-contract schedule
            (from 2025-05-01) charges a contract's own rate: on an earlier
            schedule it is not applied, the fee is checked as without it,
            and ``assumptions`` names the rows where it differs from that
            schedule's rate.  On the per-contract schedule, a fee it cannot
            price at the rate (above its highest) is listed in
            ``not_checked`` with its reason.
        rates: Each contract's own rate, by its title as the Transactions
            report writes it (``Transaction Summary``); used like *rate* for
            the fees of that contract's income rows.  Only the Transactions
            report names contracts; two contracts with one title share it,
            and a blank title names none.

    Returns:
        The audit: checks (with both amounts and the difference), the fees
        not checked, income without a fee, and the assumptions made.

    Raises:
        InvalidTypeError: *statement* is not a Statement, *rate* or a rate
            of *rates* is a float or not a number, or *rates* is not a
            mapping of str.
        InvalidValueError: A rate that is not a fraction from 0 up to 1,
            *rates* given for an export that names no contract, or naming
            a blank title or one no income row of the statement has.
    """
    statement = check_statement(statement)
    contract_rate = None if rate is None else fraction(rate, "rate")
    by_title = _rates(statement, rates)
    before = _billed_before(statement.transactions)
    legacy = _Legacy(statement)
    checks: list[FeeCheck] = []
    unchecked: list[UncheckedFee] = []
    unclaimed: list[Transaction] = []  # fees at the legacy rate on rows with no client
    not_applied: list[Transaction] = []  # a given rate the schedule in force has no place for
    inferred: list[Transaction] = []  # fees taken as the legacy rate without a rate given
    named: set[str] = set()
    sliding_scale: ServiceFeeSchedule | None = None  # the scale used, for the assumptions
    for found, fee_rows in _joined(statement, unchecked, named).items():
        schedule = schedule_as_of(found.on)
        sliding = bool(schedule.tiers)
        billed = before[found.line] if sliding else None
        used_rate = None if sliding else by_title.get(found.contract, contract_rate)
        try:
            priced, used_rate = _priced_at(found, used_rate, billed, schedule, not_applied)
        except RulesError as exc:
            reason = f"the schedule in force cannot price it: {exc}"
            unchecked.extend(UncheckedFee(fee, reason) for fee in fee_rows)
            continue
        if sliding:
            sliding_scale = schedule
        given = used_rate
        charged = -Money.total((fee.amount for fee in fee_rows), USD)
        priced, used_rate = _legacy_fee(
            charged, found, schedule, legacy, (priced, used_rate), unclaimed=unclaimed
        )
        if priced.basis is FeeBasis.LEGACY and given is None:
            inferred.append(found)
        first = next(row for row in fee_rows if row.amount.amount <= 0)  # a charge
        more = [row for row in fee_rows if row is not first]
        checks.append(
            FeeCheck(
                fee=first,
                income=found,
                expected=priced.expected,
                schedule=priced.schedule,
                basis=priced.basis,
                billed_before=billed,
                rate=used_rate,
                allowed=priced.allowed,
                more_fees=more,
            )
        )
    without = tuple(
        row
        for row in statement.transactions
        if row.is_income and row.amount.amount > 0 and (row.id is None or row.id not in named)
    )
    mixed = notes.mixed_rate_groups(statement, checks)
    said = [
        *notes.assumptions(statement, checks, contract_rate, sliding_scale=sliding_scale),
        *notes.not_applied_notes(not_applied),
        *notes.assumed_rate_notes(checks),
        *notes.one_rate_notes(mixed),
        *notes.legacy_notes(inferred),
        *notes.no_client_legacy_notes(unclaimed),
    ]
    order = {row: position for position, row in enumerate(statement.transactions)}
    unchecked.sort(key=lambda u: order[u.fee])  # statement order, as the checks
    return FeeAudit(
        checks=checks,
        not_checked=unchecked,
        income_without_fee=without,
        assumptions=said,
        mixed_rates=mixed,
    )
