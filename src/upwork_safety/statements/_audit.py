"""Every service fee in a statement, set against the fee schedule in force (private).

The fee a row should have cost comes from :func:`upwork_safety.fees.service_fee`
and the dated schedules behind it; nothing here knows a fee rate of its own.
"""

from __future__ import annotations

# Imported at run time: the API docs resolve audit_fees's annotations (rates: Mapping[...]).
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from upwork_safety import _render
from upwork_safety._decimals import fraction
from upwork_safety._groups import tuples_of_tuples
from upwork_safety._pickling import through_init
from upwork_safety._validate import (
    KEPT_ORDER,
    as_tuple,
    items_field,
    plain_texts,
    sequence_of,
    text_items_field,
)
from upwork_safety.errors import (
    InvalidValueError,
    RulesError,
)
from upwork_safety.fees import (
    FeeBasis,
    ServiceFeeSchedule,
    schedule_as_of,
)
from upwork_safety.money import Money, exact
from upwork_safety.statements import _audit_notes as notes
from upwork_safety.statements._audit_billings import Consistent
from upwork_safety.statements._audit_join import _joined
from upwork_safety.statements._audit_pricing import (
    _billed_before,
    _Billings,
    _Legacy,
    _legacy_fee,
    _priced_at,
    _rates,
)
from upwork_safety.statements._fee_check import FeeCheck, UncheckedFee
from upwork_safety.statements._fee_rows import is_charge, nets_another
from upwork_safety.statements._model import USD, Transaction
from upwork_safety.statements._statement import Statement, check_statement
from upwork_safety.statements._withdrawal_fee import (
    WithdrawalFeeCheck,
    one_per_withdrawal,
    withdrawal_checks,
    withdrawal_record,
)

if TYPE_CHECKING:
    from datetime import date

RateLike = Decimal | int | str


_read_groups = tuples_of_tuples("FeeAudit.mixed_rates")


def _check_groups(value: Any) -> Any:
    """An attrs converter: groups of checks as a tuple of tuples, read in bounded memory.

    Review r28 3: a group is read one item past the bound at most, and all
    of them together too; the rest is for the validator.
    """
    return _read_groups(value)


def _groups_of_checks(instance: FeeAudit, attribute: Any, value: Any) -> None:
    """Each group is two or more of the audit's own checks, each in one group at most."""
    name = f"FeeAudit.{attribute.name}"
    groups = sequence_of(value, tuple, name, ordered=KEPT_ORDER)
    own = set(instance.checks)
    seen: set[FeeCheck] = set()
    for index, group in enumerate(groups):
        where = f"{name}[{index}]"
        sequence_of(group, FeeCheck, where, ordered=KEPT_ORDER)
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
        checks: Every fee joined to its income row, oldest first (by the
            date of each check's ``fee``, the first fee charged).
        not_checked: Fees that could not be checked, each with the reason,
            oldest first.
        income_without_fee: Income rows above zero that no fee row names
            (no ``related_id`` of a fee in *checks* or *not_checked*),
            oldest first.
        assumptions: What the expected fees assume, in words.
        mixed_rates: The fees of each contract that no one rate explains,
            one group per contract (Transactions report, from 2025-05-01,
            when its rate is not given with ``rates=``): each fee is within
            the schedule's 0–15%, so none is a mismatch, but a contract's
            rate is fixed for its life (unconfirmed), so some of them may be
            overcharges.  Each group is also named in *assumptions*.
        withdrawal_fees: Every withdrawal fee row, each set against the
            published fee of the method the export names, or with the reason
            it is not (:class:`WithdrawalFeeCheck`), oldest first.

    The constructor holds :func:`audit_fees`' rules between the rows it is
    given, so a saved audit cannot move a fee onto another payment or out
    of its check, or count one twice.  It does not hold the export, so it
    cannot see an edit inside a row (an amount, or the payment a fee names
    in ``related_id``) or a check left out with all its rows: to be sure of
    a saved audit, audit the export again.

    Raises:
        InvalidTypeError: A field that is not a sequence, or an item of the
            wrong type.
        InvalidValueError: Two checks of one income row or holding one
            fee row (a repeated check would count its excess twice), a fee
            row both in a check and in *not_checked* or twice in
            *not_checked*, a fee in *not_checked* naming an income row a
            check holds (but a fee refund beside that check's single
            charge), a row of *income_without_fee* that is not an income row
            above zero, is given twice, is checked, or that a fee names, two
            rows on one line, or rows out of date order in any of the four.
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
    withdrawal_fees: tuple[WithdrawalFeeCheck, ...] = attrs.field(
        default=(), converter=as_tuple, validator=items_field(WithdrawalFeeCheck)
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
                    f"{where} is fee line {unchecked.fee.line}, which a check "
                    "holds or an earlier row of not_checked lists: a fee row is checked or "
                    "not, once",
                    field=where,
                    rule=rule,
                )
            fees.add(unchecked.fee)
        self._check_unchecked_beside_checks()
        named = {row.related_id for row in fees if row.related_id is not None}
        without: set[Transaction] = set()
        for index, row in enumerate(self.income_without_fee):
            where = f"FeeAudit.income_without_fee[{index}]"
            if not row.is_income or row.amount.amount <= 0:
                raise InvalidValueError(
                    f"{where} must be an income row above zero, not a {row.kind.value} row of "
                    f"{row.amount} (line {row.line})",
                    field=where,
                    rule="an income row above zero",
                )
            if row in incomes or row in without or (row.id is not None and row.id in named):
                raise InvalidValueError(
                    f"{where} (line {row.line}) is an income row a fee names, a check holds, "
                    "or an earlier row of income_without_fee lists: it is listed only when no "
                    "fee row names it, once",
                    field=where,
                    rule="income no fee row names, once",
                )
            without.add(row)
        self._check_withdrawal_fees()
        self._check_lines()
        self._check_order()

    def _check_withdrawal_fees(self) -> None:
        """The withdrawal fee checks as ``audit_fees`` gives them (``one_per_withdrawal``)."""
        one_per_withdrawal(self.withdrawal_fees)

    def _check_unchecked_beside_checks(self) -> None:
        """A fee naming a checked income row is in its check, but a refund beyond those netted.

        ``audit_fees``' rule (``_audit_join._joined``): every fee row of an income row it
        checks is in that check, except a fee refund beyond those netted
        (``_fee_rows.netted_beside``: beside a single charge, or the second
        refund of a double charge), which goes with a refund of the payment; a
        charge moved out of its check would hide what it overcharged.
        """
        checked = {check.income.id: check for check in self.checks if check.income.id is not None}
        for index, unchecked in enumerate(self.not_checked):
            fee = unchecked.fee
            check = checked.get(fee.related_id) if fee.related_id is not None else None
            if check is None:
                continue
            if not is_charge(fee) and not nets_another(check.fees):
                continue  # a refund beyond those netted (netted_beside)
            where = f"FeeAudit.not_checked[{index}]"
            raise InvalidValueError(
                f"{where} (fee line {fee.line}) names income line {check.income.line}, which "
                "a check holds: every fee of a checked income row is in its check, but a fee "
                "refund beyond the one netted for each charge after the first",
                field=where,
                rule="a checked income row's fees in its check",
            )

    def _check_lines(self) -> None:
        """Every row of the audit on a line of its own, as the rows of one export are."""
        rows: list[tuple[str, Transaction]] = []
        for index, check in enumerate(self.checks):
            rows.append((f"FeeAudit.checks[{index}]", check.income))
            rows.extend((f"FeeAudit.checks[{index}]", fee) for fee in check.fees)
        rows.extend(
            (f"FeeAudit.not_checked[{index}]", unchecked.fee)
            for index, unchecked in enumerate(self.not_checked)
        )
        rows.extend(
            (f"FeeAudit.income_without_fee[{index}]", row)
            for index, row in enumerate(self.income_without_fee)
        )
        rows.extend(
            (f"FeeAudit.withdrawal_fees[{index}]", fee)
            for index, check in enumerate(self.withdrawal_fees)
            for fee in check.fees
        )
        seen: dict[int, Transaction] = {}
        for where, row in rows:
            other = seen.setdefault(row.line, row)
            if other != row:
                raise InvalidValueError(
                    f"{where} holds line {row.line}, the line of another row of the audit: "
                    "two rows of an export never share a line",
                    field=where,
                    rule="each row on a line of its own",
                )

    def _check_order(self) -> None:
        """Each of the audit's lists of rows, oldest first."""
        days: dict[str, list[date]] = {
            "checks": [check.fee.on for check in self.checks],
            "not_checked": [unchecked.fee.on for unchecked in self.not_checked],
            "income_without_fee": [row.on for row in self.income_without_fee],
            "withdrawal_fees": [check.fee.on for check in self.withdrawal_fees],
        }
        for name, dates in days.items():
            for index in range(1, len(dates)):
                if dates[index] < dates[index - 1]:
                    where = f"FeeAudit.{name}[{index}]"
                    raise InvalidValueError(
                        f"{where} is dated {dates[index]}, before the one listed above it "
                        f"({dates[index - 1]}): FeeAudit.{name} runs oldest first",
                        field=where,
                        rule="oldest first",
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
    def on_assumed_billings(self) -> tuple[FeeCheck, ...]:
        """The sliding-scale checks on a client's unknown earlier billings (``billings_assumed``).

        A client not given to :func:`audit_fees` with ``billed_before=``:
        its fee is judged against every fee the scale charges at any earlier
        billings (:attr:`FeeCheck.allowed`), so a fee in that range is here,
        not in :attr:`mismatches`.
        """
        return tuple(c for c in self.checks if c.billings_assumed)

    @property
    def overcharged(self) -> Money:
        """What was charged beyond the rates allowed: every check's positive ``excess`` added up.

        A fee below the rates (``excess`` negative) never offsets one above
        them.
        """
        zero = Money.zero(USD).rounded()  # in cents, as every excess
        return Money.total((zero, *(c.excess for c in self.checks if c.excess > zero)), USD)

    @property
    def withdrawal_mismatches(self) -> tuple[WithdrawalFeeCheck, ...]:
        """The withdrawal fees checked that are not their method's published fee."""
        return tuple(c for c in self.withdrawal_fees if c.matches is False)

    @property
    def withdrawal_overcharged(self) -> Money:
        """What withdrawal fees charged beyond their methods' published fees, added up.

        Kept apart from :attr:`overcharged` (service fees); a fee below its
        method's never offsets one above.
        """
        zero = Money.zero(USD).rounded()
        over = (c.difference for c in self.withdrawal_mismatches)
        return Money.total((zero, *(d for d in over if d is not None and d > zero)), USD)

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
        # Assumed billings only when there are some: the line stays short.
        guessed = len(self.on_assumed_billings)
        billings = f"{guessed} on assumed billings, " * bool(guessed)
        # Withdrawal fees only when one is not as published: the line stays short.
        off = len(self.withdrawal_mismatches)
        withdrawals = f"; {off} withdrawal fee{'' if off == 1 else 's'} not as published" * bool(
            off
        )
        return (
            f"<FeeAudit {len(self.checks)} checked, {mismatches} not as scheduled{overcharged}, "
            f"{len(self.on_assumed_rate)} on an assumed rate, {billings}{len(self.mixed_rates)} "
            f"contract{'' if len(self.mixed_rates) == 1 else 's'} at more than one rate, "
            f"{len(self.not_checked)} not checked, {without} income "
            f"row{'' if without == 1 else 's'} without a fee{withdrawals}>"
        )

    def to_records(self) -> list[dict[str, object]]:
        """One dict per checked income row (:attr:`checks`), money as ``Decimal`` USD.

        ``fee_line`` is the first fee row's line, ``fee_lines`` every fee
        row's (more than one when the fee was split or charged twice), and
        ``charged`` their fees added up.  Each row carries what its verdict
        rests on: ``matches`` is only whether
        ``charged`` equals ``expected`` to the cent
        (:attr:`FeeCheck.matches`); the verdict is ``within_schedule``
        (:attr:`FeeCheck.within_schedule`, false for each of
        :attr:`mismatches`), in words in ``verdict``.  With an assumed rate
        or assumed billings, ``expected`` is one fee of a range and
        ``allowed_low`` and ``allowed_high`` are its ends
        (:attr:`FeeCheck.allowed`; both ``None`` when the rate is known, and
        the fee allowed is ``expected``), so a fee can be within the
        schedule without matching.  ``excess`` is what was charged beyond
        every fee allowed (negative: below them; :attr:`overcharged` adds
        up the positive ones), measured from ``excess_from``
        (``excess == charged - excess_from``).

        The withdrawal fees are in :meth:`withdrawal_records`.
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
                "allowed_low": None if c.allowed is None else _render.plain(c.allowed[0]),
                "allowed_high": None if c.allowed is None else _render.plain(c.allowed[1]),
                "excess": _render.plain(c.excess),
                "excess_from": _render.plain(c.excess_from),
                "within_schedule": c.within_schedule,
                "verdict": c.verdict,
                "schedule": c.schedule,
                "basis": c.basis.value,
                "rate_assumed": c.rate_assumed,
                "billed_before": _render.plain(c.billed_before),
                "billings_assumed": c.billings_assumed,
                "billed_at_most": _render.plain(c.billed_at_most),
                "disagrees_with": tuple(row.line for row in c.disagrees_with),
            }
            for c in self.checks
        ]

    def withdrawal_records(self) -> list[dict[str, object]]:
        """One dict per withdrawal fee check (:attr:`withdrawal_fees`), money as ``Decimal`` USD.

        The rows :meth:`to_records` gives for the service fees, for the
        withdrawal fees: ``on`` is the first fee
        row's date, ``fee_line`` its line and ``fee_lines`` every fee row's
        (:attr:`WithdrawalFeeCheck.fees`), ``fee_id`` their ``Transaction
        ID`` (the withdrawal's, in the Transactions report), ``payment_method``
        the first row's ``Payment Method`` as written (``None`` when the row
        has no value there, :meth:`Transaction.extra_value`), ``method`` the name of
        the library's preset it names (``None``: none known), ``charged``
        the rows' total.  ``expected`` (the method's published fee),
        ``difference`` and ``matches`` are ``None`` when the fee is not
        checked, and ``reason`` says why (``None`` when it is checked):
        ``matches`` is the verdict, false for each of
        :attr:`withdrawal_mismatches`.
        """
        return [withdrawal_record(c) for c in self.withdrawal_fees]

    def _repr_html_(self) -> str:
        guessed = len(self.on_assumed_billings)
        billings = f"{guessed} on assumed billings, " * bool(guessed)
        caption = (
            f"Service fees: {len(self.checks)} checked, {len(self.mismatches)} not as scheduled, "
            f"{len(self.on_assumed_rate)} on an assumed rate, {billings}{len(self.mixed_rates)} "
            f"contract{'' if len(self.mixed_rates) == 1 else 's'} at more than one rate, "
            f"{len(self.not_checked)} not checked"
        )
        if self.assumptions:
            caption += ". " + " ".join(self.assumptions)
        table = _render.html_table(self.to_records(), caption=caption)
        if not self.withdrawal_fees:
            return table
        checked = sum(1 for c in self.withdrawal_fees if c.matches is not None)
        withdrawals = (
            f"Withdrawal fees: {checked} checked, {len(self.withdrawal_mismatches)} not as "
            f"published, {len(self.withdrawal_fees) - checked} not checked"
        )
        return table + _render.html_table(self.withdrawal_records(), caption=withdrawals)


@exact
def audit_fees(
    statement: Statement,
    *,
    rate: RateLike | None = None,
    rates: Mapping[str, RateLike] | None = None,
    billed_before: Mapping[str, Money] | None = None,
) -> FeeAudit:
    """Check every service fee in *statement* against the fee schedule in force.

    Each service fee row is joined to the income row it names (its
    ``related_id``: ``Service Fee for Ref ID 900001`` in the Transaction
    History, the shared ``Transaction ID`` in the Transactions report) and
    set against :func:`upwork_safety.fees.explain_service_fee` on that
    income row's amount and date.  The fees of one income row are added up
    and judged once (one :class:`FeeCheck`): a fee split over two rows
    matches, and a fee charged twice is an overcharge.  Where a row was
    charged more than once, the fee refunds that name it are netted (a fee
    reversed and charged again matches, a double charge refunded once is
    not an overcharge); beside a single fee, a fee refund is the fee
    returned with a refund of the payment, so the fee is checked alone.
    Fees with no income row in the statement, fee refunds not netted, and
    fees the schedule cannot price are listed in ``not_checked`` with the
    reason; income rows no fee names in ``income_without_fee``.

    The 2016-06-21 to 2023-05-02 sliding scale charges by the lifetime
    billings with the client: what *billed_before* gives for the client
    (``Transaction.client``), then the statement's own earlier income rows
    with it.  For a client *billed_before* does not name, its billings
    before the statement's first row are unknown: the check is marked
    :attr:`FeeCheck.billings_assumed`, its ``expected`` is the fee on the
    statement's rows alone (the highest the client can owe), and any fee
    from that down to the fee at any earlier billings
    (:attr:`FeeCheck.allowed`) is within the schedule, counted in
    :attr:`FeeAudit.on_assumed_billings`, not as a mismatch; ``assumptions``
    says so.  A client's fees on assumed billings are judged together:
    lifetime billings only grow and the scale's fee never rises with them,
    so each fee within the schedule narrows the billings the client's later
    rows can have (:attr:`FeeCheck.billed_before` rises to the least,
    :attr:`FeeCheck.billed_at_most` is the most, both found from the fee
    engine), and a later fee no billings consistent with the earlier ones
    explain is a mismatch naming the rows it contradicts
    (:attr:`FeeCheck.disagrees_with`); it leaves the interval as it was.
    A row that names no client counts towards no client's billings and is
    judged alone, as a client's with unknown billings.

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
        billed_before: Each client's lifetime billings before the
            statement's first row, by the client as the export writes it
            (``Transaction.client``: ``Team`` in the Transaction History),
            as :func:`~upwork_safety.fees.explain_service_fee` takes
            ``billed_before`` for one payment (``Money`` in USD, not
            negative, whole cents; ``Money("0.00", "USD")`` for a client new
            at the statement's start).  Used on the sliding scale, and for
            whether a client's contracts could have kept its 5% on the flat
            schedule after it, which also needs a paid row of the client in
            the statement before the flat schedule (2023-05-03): for an
            export that starts later, a kept 5% is judged as not kept.

    Returns:
        The audit: checks (with both amounts and the difference), the fees
        not checked, income without a fee, and the assumptions made.

    Raises:
        InvalidTypeError: *statement* is not a Statement, *rate* or a rate
            of *rates* is a float or not a number, or *rates* is not a
            mapping of str.
        InvalidValueError: A rate that is not a fraction from 0 up to 1,
            *rates* given for an export that names no contract, or naming
            a blank title or one no income row of the statement has (the
            refusal lists the statement's titles, and names the one meant
            when one differs only in case or is close); *billed_before*
            naming a blank client or one no income row of the statement
            has (listed as for *rates*), or a figure the fee engine refuses
            as ``billed_before`` (negative, or not whole cents; the refusal's
            field is ``billed_before['client']``).
        CurrencyMismatchError: A figure of *billed_before* not in USD.
    """
    statement = check_statement(statement)
    contract_rate = None if rate is None else fraction(rate, "rate")
    by_title = _rates(statement, rates)
    billings = _Billings(statement.transactions, _billed_before(statement, billed_before))
    legacy = _Legacy(statement, billings)
    checks: list[FeeCheck] = []
    unchecked: list[UncheckedFee] = []
    unclaimed: list[Transaction] = []  # fees at the legacy rate on rows with no client
    not_applied: list[Transaction] = []  # a given rate the schedule in force has no place for
    inferred: list[Transaction] = []  # fees taken as the legacy rate without a rate given
    by_contract: list[Transaction] = []  # rows whose own contract kept the legacy rate
    named: set[str] = set()
    sliding_scale: ServiceFeeSchedule | None = None  # the scale used, for the assumptions
    consistent = Consistent(statement.transactions)
    order = {row: position for position, row in enumerate(statement.transactions)}
    # Oldest income row first: each fee on assumed billings narrows the client's later ones.
    joined = sorted(_joined(statement, unchecked, named).items(), key=lambda pair: order[pair[0]])
    for found, fee_rows in joined:
        schedule = schedule_as_of(found.on)
        sliding = bool(schedule.tiers)
        billed = billings.before(found) if sliding else None
        guessed = sliding and billings.assumed(found)
        bounds = consistent.bounds(found) if guessed else None
        billed, billed_most = (billed, None) if bounds is None else bounds.as_money
        used_rate = None if sliding else by_title.get(found.contract, contract_rate)
        try:
            priced, used_rate = _priced_at(
                found,
                used_rate,
                billed,
                schedule,
                not_applied,
                billings_assumed=guessed,
                billed_most=billed_most,
            )
        except RulesError as exc:
            reason = f"the schedule in force cannot price it: {exc}"
            unchecked.extend(UncheckedFee(fee, reason) for fee in fee_rows)
            continue
        if sliding:
            sliding_scale = schedule
        given = used_rate
        charged = -Money.total((fee.amount for fee in fee_rows), USD)
        kept_before = len(by_contract)
        priced, used_rate = _legacy_fee(
            charged,
            found,
            schedule,
            legacy,
            (priced, used_rate),
            unclaimed=unclaimed,
            by_contract=by_contract,
        )
        if priced.basis is FeeBasis.LEGACY and given is None and len(by_contract) == kept_before:
            inferred.append(found)
        first = next(row for row in fee_rows if is_charge(row))
        more = [row for row in fee_rows if row is not first]
        disagrees = consistent.judge(found, bounds, priced.allowed, charged)
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
                billings_assumed=guessed,
                billed_at_most=billed_most,
                disagrees_with=disagrees,
            )
        )
    checks.sort(key=lambda check: order[check.fee])  # by the first fee charged
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
        *notes.contract_kept_notes(by_contract),
        *notes.no_client_legacy_notes(unclaimed),
    ]
    unchecked.sort(key=lambda u: order[u.fee])  # statement order, as the checks
    withdrawals = withdrawal_checks(statement.transactions)
    return FeeAudit(
        checks=checks,
        not_checked=unchecked,
        income_without_fee=without,
        assumptions=[*said, *notes.withdrawal_notes(withdrawals)],
        mixed_rates=mixed,
        withdrawal_fees=withdrawals,
    )
