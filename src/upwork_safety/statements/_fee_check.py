"""One service fee set against its income row's fee, and a fee that could not be (private).

:class:`FeeCheck` and :class:`UncheckedFee` are the values
:func:`~upwork_safety.statements.audit_fees` (in ``_audit``) builds; each
checks, when built or loaded, that it is what the audit could give: its
fees name its income row, and its expected fee is the fee engine's.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

import attrs

from upwork_safety._display import shown
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text
from upwork_safety._text import is_blank
from upwork_safety._validate import (
    as_tuple,
    bool_field,
    instance_field,
    items_field,
    member_field,
    member_text,
    shown_text_field,
    text_field,
)
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.fees import FeeBasis, explain_service_fee
from upwork_safety.money import Money, optional_plain_money, plain_money
from upwork_safety.statements._audit_pricing import _priced
from upwork_safety.statements._fee_rows import check_more_fees, is_charge
from upwork_safety.statements._kinds import TransactionKind
from upwork_safety.statements._model import USD, Transaction, optional_fraction_field, usd_field

__all__ = ["FeeCheck", "UncheckedFee"]


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


def _basis(value: FeeBasis | str) -> FeeBasis:
    """A converter: the FeeBasis member a text names; anything else is for member_field."""
    return cast("FeeBasis", member_text(FeeBasis, value))


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
            row has more rows: none in *more_fees* is dated before it): a
            charge, 0 or negative as the export signs it.
        income: The income row it was charged on: the one its ``related_id``
            names.
        more_fees: The other service fee rows on the same income row: a
            fee split over rows, charged again, or refunded (a positive row,
            only where the row was charged more than once: beside a single
            fee, :func:`~upwork_safety.statements.audit_fees` leaves a fee
            refund in ``not_checked``).  They are added to
            *fee* in :attr:`charged`, so the fees of one income row are
            judged once, together, against its one fee.
        expected: The fee by the schedule in force on the income row's date
            (or the contract rate given to :func:`audit_fees`).
        schedule: The name of that schedule.
        basis: Which rate *expected* was charged at, as the fee engine says
            (:class:`~upwork_safety.fees.FeeBasis`, or its text): ``SLIDING``, ``FLAT``,
            ``LEGACY`` (the 5% some contracts kept until 2023-12-31),
            ``CONTRACT`` (a rate given to :func:`audit_fees`) or ``DEFAULT``:
            the published rate, **assumed** because the schedule charges each
            contract its own rate and the export does not show it.
        billed_before: The lifetime billings with the client before the
            income row (the 2016–2023 sliding scale's input): those given to
            :func:`audit_fees` for the client (``billed_before=``) and the
            statement's rows before it, or, with *billings_assumed*, only the
            statement's rows (the least the client can have been billed);
            ``None`` on other schedules.
        rate: The contract rate applied (a given one, or the legacy rate),
            or ``None``.
        allowed: With an assumed rate (``DEFAULT``), the lowest and the
            highest fee a contract rate the schedule allows charges on the
            income row (``0%`` and ``15%`` from 2025-05-01); with assumed
            billings (``SLIDING``), the fee at any earlier billings (past
            the scale's last band end: every dollar at its lowest rate) and
            the fee at *billed_before* (the highest); ``None`` otherwise.
        billings_assumed: On the sliding scale, whether the client's
            billings before the statement are unknown (not given to
            :func:`audit_fees`, or the row names no client): *billed_before*
            is then a lower bound, *expected* the highest fee, and a fee in
            *allowed* is within the schedule.  ``False`` on other schedules.
        billed_at_most: With *billings_assumed*, the most the client can
            have been billed before the income row, as the fees of its
            earlier rows in the statement show (a fee at 5% only a client
            billed past the scale's last band end pays, a fee at 20% only a
            new one): *allowed* runs from the fee at it.  ``None`` when no
            earlier fee bounds it (then *allowed* runs from the fee at any
            earlier billings); always ``None`` without *billings_assumed*.
            :func:`audit_fees` also raises *billed_before* to the least
            billings those fees allow.
        disagrees_with: With *billings_assumed*, for a fee outside
            *allowed*: the client's earlier income rows whose fees (within
            the schedule) bounded the billings that the fee charged here
            contradicts, so that no single billings before the statement
            explain both; empty when the fee is outside what any billings
            give, or within the schedule.

    With *billings_assumed* the client's fees are judged together: lifetime
    billings only grow, and the sliding scale's fee never rises with them,
    so a fee only a client with about $10,000 of earlier billings pays and,
    later, one only a new client pays cannot both be right.  *billed_before*
    and *billed_at_most* carry what the earlier fees allow; a fee they do
    not explain is a mismatch and names the rows in *disagrees_with*.

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
            a fee row given twice or on the line of another row, *fee* a
            refund or dated after a charge in *more_fees*, a fee refund in
            *more_fees* beside a single charge, *income* not an income row or
            a negative one, a negative amount, a rate that is
            not a fraction from 0 up to 1, fields that disagree with *basis*
            (*allowed* given exactly with ``DEFAULT`` or *billings_assumed*,
            *billings_assumed* on the sliding scale only, a rate with
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
    basis: FeeBasis = attrs.field(converter=_basis, validator=member_field(FeeBasis))
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
    billings_assumed: bool = attrs.field(default=False, validator=bool_field)
    billed_at_most: Money | None = attrs.field(
        converter=optional_plain_money,
        default=None,
        validator=usd_field(non_negative=True, optional=True),
    )
    disagrees_with: tuple[Transaction, ...] = attrs.field(
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
        self._check_consistent()
        self._check_priced()

    def _check_fees(self) -> None:
        """Each fee row is a service fee naming the income row, given once; *fee* a charge."""
        if not is_charge(self.fee):
            raise InvalidValueError(
                f"FeeCheck.fee must be a fee charged (0 or negative, line {self.fee.line}), "
                f"not a refund of one ({self.fee.amount}); a refund goes in more_fees",
                field="FeeCheck.fee",
                rule="a fee charged",
            )
        seen: set[Transaction] = set()
        lines = {self.income.line}
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
            if row.line in lines:
                raise InvalidValueError(
                    f"{where} is on line {row.line}, the line of the income row or of a fee "
                    "before it: two rows of an export never share a line",
                    field=where,
                    rule="each row on a line of its own",
                )
            lines.add(row.line)
            if row.related_id is None or row.related_id != self.income.id:
                # The fee counts against the row it names, never a bigger one chosen by hand.
                raise InvalidValueError(
                    f"{where} (line {row.line}) names income row {shown(row.related_id)}, "
                    f"not the income row checked ({shown(self.income.id)}, line "
                    f"{self.income.line})",
                    field=where,
                    rule="a fee names its income row (related_id == income.id)",
                )
        # audit_fees' rule (_audit_join._joined): beside one fee, a fee refund is the fee
        # given back with a refund of the payment, never netted against the fee.
        check_more_fees(
            "FeeCheck",
            self.fee,
            self.more_fees,
            "the income row was charged more than once; beside one fee it goes with a "
            "refund of the payment, in FeeAudit.not_checked",
        )

    def _check_priced(self) -> None:
        """*expected*, *schedule*, *basis* and *allowed* are the fee engine's, never copies."""
        income = self.income
        try:
            priced = _priced(
                income,
                rate=self.rate,
                billed=self.billed_before,
                billings_assumed=self.billings_assumed,
                billed_most=self.billed_at_most,
            )
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

    def _check_consistent(self) -> None:
        """*billed_at_most* and *disagrees_with* only on assumed billings, and as they can be."""
        if not self.billings_assumed:
            given = {"billed_at_most": self.billed_at_most is not None}
            given["disagrees_with"] = bool(self.disagrees_with)
            for name in (name for name, there in given.items() if there):
                raise InvalidValueError(
                    f"FeeCheck.{name}: only a check on assumed billings has one (billings_assumed)",
                    field=f"FeeCheck.{name}",
                    rule=f"{name} with billings_assumed only",
                )
            return
        low = self.billed_before
        if self.billed_at_most is not None and low is not None and self.billed_at_most < low:
            raise InvalidValueError(
                f"FeeCheck.billed_at_most ({self.billed_at_most}) is below billed_before "
                f"({low}): the most the client can have been billed is not below the least",
                field="FeeCheck.billed_at_most",
                rule="billed_before <= billed_at_most",
            )
        if self.disagrees_with and self.within_schedule:
            raise InvalidValueError(
                "FeeCheck.disagrees_with: a fee within the schedule disagrees with no row",
                field="FeeCheck.disagrees_with",
                rule="disagrees_with only for a fee outside allowed",
            )
        for index, row in enumerate(self.disagrees_with):
            where = f"FeeCheck.disagrees_with[{index}]"
            if not row.is_income or row.client != self.income.client or row.on > self.income.on:
                raise InvalidValueError(
                    f"{where} (line {row.line}) must be an earlier income row of the same "
                    f"client as the income row checked (line {self.income.line})",
                    field=where,
                    rule="an earlier income row of the same client",
                )
            if row == self.income or is_blank(row.client):
                raise InvalidValueError(
                    f"{where} (line {row.line}) is the income row checked, or names no client",
                    field=where,
                    rule="an earlier income row of the same client",
                )

    def _check_basis(self) -> None:
        """The fields a basis needs, and none it cannot have."""
        basis = self.basis
        if self.billings_assumed and basis is not FeeBasis.SLIDING:
            raise InvalidValueError(
                f"FeeCheck.billings_assumed: a check on the {basis.value} basis charges by no "
                "billings (only the sliding scale does)",
                field="FeeCheck.billings_assumed",
                rule="billings_assumed on the sliding scale only",
            )
        assumed = basis is FeeBasis.DEFAULT or self.billings_assumed
        if (self.allowed is not None) != assumed:
            said = "needs" if assumed else "cannot have"
            raise InvalidValueError(
                f"FeeCheck.allowed: a check on the {basis.value} basis {said} the range of fees "
                "an unknown input allows (only an assumed rate, DEFAULT, or assumed billings "
                "have one)",
                field="FeeCheck.allowed",
                rule="allowed exactly with the DEFAULT basis or billings_assumed",
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
        """The fees charged on the income row, net of any refund among them, as a positive amount.

        Zero or below only when the refunds among :attr:`fees` are as large
        as the charges.
        """
        return -Money.total((row.amount for row in self.fees), USD)

    @property
    def difference(self) -> Money:
        """``charged - expected``: positive when Upwork charged more than the schedule."""
        return self.charged - self.expected

    @property
    def matches(self) -> bool:
        """Whether the fee charged is exactly the fee expected, to the cent.

        Not the verdict: that is :attr:`within_schedule`.  With an assumed
        rate or assumed billings, :attr:`expected` is one fee of the range
        :attr:`allowed`, so a fee another rate in it charges (15% where 10%
        is assumed) does not match but is within the schedule.  When the
        rate is known (:attr:`allowed` ``None``) the two agree.
        """
        return not self.difference

    @property
    def rate_assumed(self) -> bool:
        """Whether *expected* rests on an assumed rate (the contract's own is not known).

        On the sliding scale the input assumed is the client's earlier
        billings instead: :attr:`billings_assumed`.
        """
        return self.basis is FeeBasis.DEFAULT

    @property
    def within_schedule(self) -> bool:
        """Whether a rate the schedule allows explains the fee charged: the check's verdict.

        That is the fee expected or, when the contract's rate or the client's
        earlier billings were assumed, any fee from the lowest to the highest
        in :attr:`allowed` (so it can hold where :attr:`matches` does not).
        :attr:`FeeAudit.mismatches <upwork_safety.statements.FeeAudit.mismatches>`
        are the checks where it does not; :attr:`verdict` says it in words.
        """
        return not self.excess

    @property
    def excess(self) -> Money:
        """What was charged beyond every fee the schedule allows on the row (negative: below).

        :attr:`difference` when the rate is known; with an assumed rate or
        assumed billings, the distance from the nearest end of :attr:`allowed`, so a fee another
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

    @property
    def excess_from(self) -> Money:
        """The fee :attr:`excess` is measured from: ``excess == charged - excess_from``.

        :attr:`expected` when the rate is known; with an assumed rate, the
        highest fee in :attr:`allowed` when more was charged, the lowest when
        less, and the fee charged itself when a rate allowed explains it.
        """
        return self.charged - self.excess

    @property
    def excess_from_text(self) -> str:
        """What :attr:`excess_from` is, in words, e.g. ``the fee expected (flat)``.

        With an assumed rate it names the range the schedule allows: ``the
        highest fee the 0%–15% range allows`` (``the lowest …`` for a fee
        below it, ``the fee charged, within …`` for one inside it), so a
        line that says "expected USD 50.00" and "USD 5.00 above" says above
        what.
        """
        if self.allowed is None:
            return f"the fee expected ({self.basis.value})"
        if self.billings_assumed:
            text = _BILLINGS_BOUNDS[(self.excess.amount > 0) - (self.excess.amount < 0)]
            if self.billed_at_most is None:
                text = text.replace("on the most billings", "at any earlier billings")
            if self.disagrees_with:
                lines = ", ".join(str(row.line) for row in self.disagrees_with)
                text += f" that the fee on line {lines} allows"
            return text
        schedule = explain_service_fee(self.income.amount, on=self.income.on).schedule
        if schedule.maximum_rate is None:
            span = f"the range {schedule.range_text()}"
        else:
            span = f"the {schedule.range_text()} range"
        if self.excess.amount > 0:
            return f"the highest fee {span} allows"
        if self.excess.amount < 0:
            return f"the lowest fee {span} allows"
        return f"the fee charged, within {span}"

    @property
    def verdict(self) -> str:
        """The fee charged against the schedule, in words.

        For example ``USD 5.00 above the highest fee the 0%–15% range
        allows, USD 75.00`` (an assumed rate: the excess is measured from
        the end of :attr:`allowed`, not from :attr:`expected`), ``USD 1.00
        above the fee expected (flat), USD 60.00``, or ``within the
        schedule``.
        """
        if self.within_schedule:
            return "within the schedule"
        side = "above" if self.excess.amount > 0 else "below"
        return f"{abs(self.excess)} {side} {self.excess_from_text}, {self.excess_from}"

    def __repr__(self) -> str:
        # One line: the two rows it joins, each with every column of the export, are long.
        expected = f"expected {self.expected} ({self.basis.value}"
        if self.allowed is not None:
            assumed = "billings before the statement" if self.billings_assumed else "rate"
            expected += f"; {assumed} assumed, {self.allowed[0]} to {self.allowed[1]} allowed"
        verdict = self.verdict
        lines = ", ".join(str(row.line) for row in self.fees)
        return (
            f"<FeeCheck fee line{'s' if self.more_fees else ''} {lines} on income line "
            f"{self.income.line} "
            f"({self.income.on}): "
            f"charged {self.charged} on {self.income.amount}, {expected}): {verdict}>"
        )


#: What an excess is measured from with assumed billings: by its sign (0, above, below); the
#: least and most billings are those the statement's rows and the client's earlier fees allow
#: (``billed_before``, ``billed_at_most``), and a fee they contradict names its line.
_BILLINGS_BOUNDS = (
    "the fee charged, within what the sliding scale charges at any earlier billings",
    "the highest fee the sliding scale charges, on the least billings",
    "the lowest fee the sliding scale charges, on the most billings",
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
    reason: str = attrs.field(converter=plain_text, validator=shown_text_field)

    def __attrs_post_init__(self) -> None:
        _service_fee_row(self.fee, "UncheckedFee.fee")
