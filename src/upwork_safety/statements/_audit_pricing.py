"""How :func:`~upwork_safety.statements.audit_fees` prices each fee (private).

The fee engine's pricing of an income row (the one source of a
:class:`FeeCheck`'s fields), the rates a caller gives per contract, each
row's billings with its client before it, whether a client's contracts
could have kept a flat schedule's legacy rate, and the join of a fee to
the income row it was charged on.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple, cast

from upwork_safety._decimals import fraction, restore_context
from upwork_safety._display import shown
from upwork_safety._text import is_blank
from upwork_safety.errors import InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.fees import (
    FeeBasis,
    ServiceFee,
    ServiceFeeSchedule,
    explain_service_fee,
    schedule_as_of,
)
from upwork_safety.money import Money
from upwork_safety.statements import _audit_notes as notes
from upwork_safety.statements._kinds import StatementFormat
from upwork_safety.statements._model import USD, Transaction
from upwork_safety.statements._rows import ref_ids_named

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date
    from decimal import Decimal

    from upwork_safety.statements._statement import Statement


class _Priced(NamedTuple):
    """What the fee engine charges on one income row: the one source of a check's fields."""

    expected: Money
    basis: FeeBasis
    schedule: str
    #: For an assumed rate (``DEFAULT``), the fees of the lowest and highest rate allowed;
    #: for assumed billings (``SLIDING``), the fees at any earlier billings and at *billed*.
    allowed: tuple[Money, Money] | None


def _priced(
    found: Transaction,
    *,
    rate: Decimal | None,
    billed: Money | None,
    billings_assumed: bool = False,
    billed_most: Money | None = None,
) -> _Priced:
    """The engine's fee on *found*: its basis, schedule and, for an input assumed, the range.

    :func:`audit_fees` prices each fee with it, and :class:`FeeCheck` checks
    its fields against it, so an edited check cannot say otherwise.  On the
    sliding scale with *billings_assumed* (the client's billings before the
    export unknown, *billed* only those the statement shows, so a lower
    bound), the range runs from the fee at *billed_most* (the most the
    client's earlier fees allow) or, without it, at billings past the
    scale's last band end (every dollar at its lowest rate) to the fee at
    *billed*.

    Raises:
        RulesError: A rate the schedule in force on *found*'s date does not charge.
    """
    in_force = schedule_as_of(found.on)
    if billed is None and rate is not None and rate == in_force.legacy_rate:
        # Whether the client's contracts had kept the legacy rate is the
        # audit's to judge on their billings (:class:`_Billings`), not one
        # row's: the engine's ServiceFee charges the rate without that check,
        # where explain_service_fee reads no billed_before as a new client.
        explained = ServiceFee(
            amount=found.amount, on=found.on, schedule=in_force, contract_rate=rate
        )
    else:
        explained = explain_service_fee(found.amount, on=found.on, rate=rate, billed_before=billed)
    schedule = explained.schedule
    if explained.basis is FeeBasis.SLIDING and billings_assumed:
        ends = [tier.up_to for tier in schedule.tiers if tier.up_to is not None]
        unbounded = max([*ends, explained.billed_before or Money.zero(USD)])
        most = unbounded if billed_most is None else billed_most
        low = explain_service_fee(found.amount, on=found.on, billed_before=most).fee
        return _Priced(explained.fee, explained.basis, schedule.name, (low, explained.fee))
    if explained.basis is not FeeBasis.DEFAULT:
        return _Priced(explained.fee, explained.basis, schedule.name, None)
    low = explain_service_fee(found.amount, on=found.on, rate=schedule.minimum_rate).fee
    top = schedule.maximum_rate
    high = (
        found.amount
        if top is None
        else explain_service_fee(found.amount, on=found.on, rate=top).fee
    )
    return _Priced(explained.fee, explained.basis, schedule.name, (low, high))


class _Billings:
    """Each client's lifetime billings in the statement: the audit's one count of them.

    The sliding scale prices each income row by it (:meth:`before`), and
    :class:`_Legacy` asks by it whether a client's contracts could have kept
    a flat schedule's legacy rate (:meth:`by`), so the two never disagree
    (promises r17: a reversed bonus lowered one and not the other).

    A row that names no client may be any client's: it counts towards no
    client's billings, and its own are taken as $0.00 (a new client's, the
    highest fee the scale charges), so the audit never reports an overcharge
    because of rows whose client it cannot tell apart.  A negative income
    row (a reversed bonus) lowers the billings, never below $0.00: billings
    are money the client paid.
    """

    def __init__(
        self, transactions: Iterable[Transaction], given: Mapping[str, Money] | None = None
    ) -> None:
        zero = Money.zero(USD).rounded()  # in cents, as every billing (red team r22 L1)
        #: Each client's billings before the statement, as the caller gave them.
        self._given: dict[str, Money] = dict(given or {})
        running: dict[str, Money] = defaultdict(lambda: zero)
        running.update(self._given)
        self._before: dict[int, Money] = {}
        #: Each client's billings after each of their income rows, oldest first.
        self._after: dict[str, list[tuple[date, Money]]] = defaultdict(list)
        for row in transactions:
            if not row.is_income:
                continue
            if is_blank(row.client):
                self._before[row.line] = zero
                continue
            self._before[row.line] = running[row.client]
            running[row.client] = max(running[row.client] + row.amount, zero)
            self._after[row.client].append((row.on, running[row.client]))

    def before(self, row: Transaction) -> Money:
        """The billings with *row*'s client before it: given, then the rows before it.

        $0.00 for no client.
        """
        return self._before[row.line]

    def assumed(self, row: Transaction) -> bool:
        """Whether *row*'s client's billings before the statement are unknown (not given)."""
        return is_blank(row.client) or row.client not in self._given

    def by(self, client: str, day: date) -> Money:
        """The billings with *client* before *day*: given, then the rows dated before it."""
        billed = self._given.get(client, Money.zero(USD).rounded())
        for on, after in self._after.get(client, ()):
            if on >= day:
                break
            billed = after
        return billed


#: How many of a statement's contract titles a refusal of an unknown one lists.
_TITLES_LISTED = 6
#: A title longer than this is matched only in another case, never by closeness.
_CLOSE_CHARS = 100
#: The most titles a close match is looked for among (the statement's first).
_CLOSE_TITLES = 200


def _titles_hint(title: str, titles: list[str], *, what: str = "contract title") -> str:
    """The title *title* most likely meant (the same in another case, or a close one), and some.

    ``(did you mean 'Flutter app'?); its contracts are 'Flutter app', 'Logo'``:
    the titles in the statement's order, the first :data:`_TITLES_LISTED`.
    """
    if not titles:
        return f"; the statement has no income row with a {what}"
    same = [t for t in titles if t.casefold() == title.casefold()]
    # difflib's cost is quadratic in a title's length: a close title is looked for only
    # among short ones, a bounded number of them (review r31, diff review 4).
    short = [t for t in titles if len(t) <= _CLOSE_CHARS][:_CLOSE_TITLES]
    looked = len(title) <= _CLOSE_CHARS
    close = same or (difflib.get_close_matches(title, short, n=1) if looked else [])
    hint = f" (did you mean {shown(close[0])}?)" if close else ""
    listed = ", ".join(shown(t) for t in titles[:_TITLES_LISTED])
    more = f" and {len(titles) - _TITLES_LISTED} more" if len(titles) > _TITLES_LISTED else ""
    plural = "contracts" if what == "contract title" else "clients"
    return f"{hint}; its {plural} are {listed}{more}"


def _rates(statement: Statement, rates: object) -> dict[str, Decimal]:
    """*rates* checked: each contract title of the statement's income rows, with its fraction."""
    if rates is None:
        return {}
    if not isinstance(rates, Mapping):
        raise InvalidTypeError(
            f"rates must be a mapping of contract title to rate, not {type(rates).__name__}",
            field="rates",
            rule="a mapping of contract title to rate",
        )
    if statement.format is not StatementFormat.TRANSACTIONS_REPORT:
        raise InvalidValueError(
            f"rates= names contracts by title, and the {statement.format.title} names no "
            "contract (only the Transactions report does, in Transaction Summary); pass rate= "
            "for one rate on every fee",
            field="rates",
            rule="a Transactions report",
        )
    # In the statement's order, for the refusal that lists them.
    titles = list(
        dict.fromkeys(
            row.contract
            for row in statement.transactions
            if row.is_income and not is_blank(row.contract)
        )
    )
    checked: dict[str, Decimal] = {}
    for title, value in rates.items():
        if not isinstance(title, str):
            raise InvalidTypeError(
                f"rates keys must be contract titles (str), not {type(title).__name__}",
                field="rates",
                rule="str contract titles",
            )
        if is_blank(title):
            # Every untitled contract of every client has it: it names no one contract.
            raise InvalidValueError(
                f"rates names a blank contract title ({shown(title)}), which names no contract: "
                "every untitled contract of every client has it",
                field="rates",
                rule="a contract title that shows something",
            )
        if title not in titles:
            raise InvalidValueError(
                f"rates names the contract {shown(title)}, which no income row of the statement "
                f"has as its Transaction Summary{_titles_hint(title, titles)}",
                field="rates",
                rule="a contract title of the statement",
            )
        checked[title] = fraction(value, f"rates[{shown(title)}]")
    if type(rates) is not dict:
        restore_context()  # the caller's mapping ran: the library's context back (red team r33 1)
    return checked


class _Legacy:
    """Which clients' contracts could have kept a flat schedule's legacy rate, by the fee engine.

    The engine's own rule (:func:`upwork_safety.fees.explain_service_fee`
    with ``billed_before=``) decides, on the client's billings before the
    flat schedule took effect as :class:`_Billings` counts them (the count
    the sliding scale was priced by): past the scale's top threshold, the
    legacy rate may be charged; otherwise it is refused.  The client must
    also have been paid before that day, by a contract that could have been
    at the rate.  What the export cannot say (whether the contract of the
    row started before that day) the audit states in its assumptions.

    Rows that name no client (a ``Team`` that shows nothing) may be any
    number of clients: they count towards no client's billings, and the
    legacy rate is never accepted on them (the audit says so).
    """

    def __init__(self, statement: Statement, billings: _Billings) -> None:
        self._billings = billings
        self._paid: dict[str, list[Transaction]] = defaultdict(list)
        for row in statement.transactions:
            if row.is_income and row.amount.amount > 0 and not is_blank(row.client):
                self._paid[row.client].append(row)
        self._kept: dict[tuple[str, object], bool] = {}

    def kept(self, income: Transaction, schedule: ServiceFeeSchedule) -> bool:
        """Whether *income*'s client may have had contracts at *schedule*'s legacy rate."""
        if is_blank(income.client):
            return False  # no client: whose billings reached the threshold is unknown
        key = (income.client, schedule.effective)
        if key not in self._kept:
            paid = any(r.on < schedule.effective for r in self._paid[income.client])
            billed = self._billings.by(income.client, schedule.effective)
            self._kept[key] = paid and self._engine_keeps(billed, income, schedule)
        return self._kept[key]

    def contract_kept(self, income: Transaction, schedule: ServiceFeeSchedule) -> bool:
        """Whether *income*'s contract was at the legacy rate when the flat schedule began.

        Its contract (its title and client) was paid before the flat rate, by a
        client whose billings could keep the legacy rate.  Only a Transactions
        report names a contract; two contracts with one title and one client
        cannot be told apart (the audit says so).
        """
        if is_blank(income.contract) or not self.kept(income, schedule):
            return False
        return any(
            row.contract == income.contract and row.on < schedule.effective
            for row in self._paid[income.client]
        )

    @staticmethod
    def _engine_keeps(billed: Money, income: Transaction, schedule: ServiceFeeSchedule) -> bool:
        try:
            explain_service_fee(
                income.amount, on=income.on, rate=schedule.legacy_rate, billed_before=billed
            )
        except RulesError:
            return False
        return True


def _priced_at(
    found: Transaction,
    rate: Decimal | None,
    billed: Money | None,
    schedule: ServiceFeeSchedule,
    not_applied: list[Transaction],
    *,
    billings_assumed: bool = False,
    billed_most: Money | None = None,
) -> tuple[_Priced, Decimal | None]:
    """The engine's pricing of *found* with a given contract *rate*, and the rate applied.

    A rate given for a contract is its own rate, which only the per-contract
    schedule (from 2025-05-01) charges.  On an earlier schedule it is not
    applied: the row is priced as without it (so the legacy 5% is inferred
    only as it is without a rate, and said), and added to *not_applied*
    when the rate differs from that schedule's own, so giving a rate never
    makes the audit check less or more than the schedule in force.

    Raises:
        RulesError: A rate the per-contract schedule does not charge.
    """
    if rate is not None and not schedule.per_contract:
        if rate != schedule.rate:
            not_applied.append(found)
        rate = None
    priced = _priced(
        found, rate=rate, billed=billed, billings_assumed=billings_assumed, billed_most=billed_most
    )
    return priced, rate


def _legacy_fee(
    charged: Money,
    found: Transaction,
    schedule: ServiceFeeSchedule,
    legacy: _Legacy,
    priced: tuple[_Priced, Decimal | None],
    *,
    unclaimed: list[Transaction],
    by_contract: list[Transaction],
) -> tuple[_Priced, Decimal | None]:
    """The legacy rate's pricing and rate where it applies, else *priced* as it was.

    It applies when it is what was *charged* and could have been, or when
    the row's own contract kept it.  A row whose contract (its title and
    client) was paid before the flat schedule, by a client whose billings
    could keep the legacy rate, is
    priced at it whatever was charged, and added to *by_contract* (red team
    r15: a flat fee there was taken as right).  Otherwise *priced* (the
    engine's pricing and the rate given), as it was: a flat fee charged at
    the flat rate, or priced at a rate the caller gave, is never taken for a
    legacy one.  A fee at the legacy rate on a row that names no client is
    added to *unclaimed*, to be said.
    """
    flat, given = priced
    if flat.basis is not FeeBasis.FLAT or given is not None or schedule.legacy_rate is None:
        return priced
    try:
        kept = _priced(found, rate=schedule.legacy_rate, billed=None)
    except RulesError:  # after the legacy rate's last day
        return priced
    if legacy.contract_kept(found, schedule):
        by_contract.append(found)
        return kept, schedule.legacy_rate
    if charged == flat.expected or kept.expected != charged:
        return priced
    if not legacy.kept(found, schedule):
        if is_blank(found.client):
            unclaimed.append(found)
        return priced
    return kept, schedule.legacy_rate


def _join(
    fee: Transaction, income_by_id: dict[str, list[Transaction]], export: StatementFormat
) -> Transaction | str:
    """The income row *fee* (a charge, or a refund of one) names, or why there is none."""
    if fee.related_id is None:
        named = ref_ids_named(fee)
        if len(named) < 2:
            return "it names no income row (no 'Ref ID' in its description)"
        listed = ", ".join(shown(found) for found in named[:3])
        more = f" and {len(named) - 3:,} more" if len(named) > 3 else ""
        return (
            f"its texts name {len(named):,} rows by Ref ID ({listed}{more}): which income "
            "row it was charged on is not known, so it is joined to none"
        )
    candidates = income_by_id.get(fee.related_id, [])
    if not candidates:
        return _no_income(fee.related_id, own=fee.related_id == fee.id, export=export)
    if len(candidates) > 1:
        # The first few lines and a count: a reason stays short however many rows share
        # the id (thousands of fees naming one shared id made the audit quadratic).
        return (
            f"{len(candidates):,} income rows have id {shown(fee.related_id)} "
            f"({notes.lines_named(candidates)})"
        )
    income = candidates[0]
    if income.amount.amount < 0:
        return f"its income row (line {income.line}) is negative, {income.amount}"
    return income


#: What a positive service-fee row is, for the reasons it is not checked.
REFUND = "a refund of a service fee (a positive amount)"
#: Why a fee refund written with a refund of a payment (one id) is not checked.
REFUND_WITH_PAYMENT = (
    "the service fee given back with the refund on line {line} ({amount}): Upwork publishes no "
    "rule for how much of a fee a refund returns"
)
#: Why a fee refund is not checked: no fee is charged on its income row in the statement.
REFUND_ALONE = f"{REFUND}, with no fee charged on its income row in this statement"
#: Why a fee refund beside its row's single fee is not netted against it.
REFUND_BESIDE_ONE_FEE = (
    f"{REFUND} beside the one fee charged on its income row (net of a fee charged again and "
    "given back): the fee returned with a refund of the payment, so that fee is checked as "
    "charged"
)
#: The same, where no refund of the payment in the statement names the income row (red team
#: r15): the fee refund may have corrected the fee, which the audit cannot tell.
REFUND_BESIDE_ONE_FEE_ALONE = (
    f"{REFUND} beside the one fee charged on its income row (net of a fee charged again and "
    "given back), and no refund of the payment in this statement names that row: it may have "
    "corrected the fee, but a fee refund is netted only against a fee charged again, so that "
    "fee is checked as charged; if this "
    "refund corrected it, take the refund off what the check says is over"
)


def _no_income(related: str, *, own: bool, export: StatementFormat) -> str:
    """Why no income row matched: the join rule the fee was read by, and what it found."""
    if own and export is StatementFormat.TRANSACTIONS_REPORT:
        # Nothing in the row named another id: the report's join rule was all there was.
        return (
            f"no income row shares its own Transaction ID {shown(related)}: in the "
            "Transactions report a service fee is joined to the income row with the same "
            "Transaction ID, and no income row of this "
            "statement has that id, so the row it was charged on has another id or is not "
            "in this file"
        )
    return (
        f"no income row with id {shown(related)}, the id its texts name as 'Ref ID', "
        "in this statement (it may be dated before the statement's first row)"
    )


def _billed_before(statement: Statement, given: object) -> dict[str, Money]:
    """*billed_before* checked: each client of the statement's income rows, with its billings.

    A figure is checked by the fee engine's own rule for ``billed_before``
    (:func:`~upwork_safety.fees.explain_service_fee`: money in USD, not
    negative, whole cents), priced on the client's first income row; a
    refusal names the client (``billed_before['Northwind']``).
    """
    if given is None:
        return {}
    if not isinstance(given, Mapping):
        raise InvalidTypeError(
            f"billed_before must be a mapping of client to Money, not {type(given).__name__}",
            field="billed_before",
            rule="a mapping of client to Money",
        )
    first: dict[str, Transaction] = {}
    for row in statement.transactions:
        if row.is_income and not is_blank(row.client):
            first.setdefault(row.client, row)
    checked: dict[str, Money] = {}
    for client, value in given.items():
        row = _client_row(client, first)
        where = f"billed_before[{shown(client)}]"
        try:  # the engine's rule for billed_before, the one source of it
            read = explain_service_fee(
                Money.zero(USD), on=row.on, billed_before=cast("Money", value)
            ).billed_before
        except (InvalidTypeError, InvalidValueError) as exc:
            raise type(exc)(f"{where}: {exc}", field=where, rule=exc.rule) from None
        checked[client] = cast("Money", read)  # given, so read: never None
    if type(given) is not dict:
        restore_context()  # the caller's mapping ran: the library's context back (red team r33 1)
    return checked


def _client_row(client: object, first: dict[str, Transaction]) -> Transaction:
    """The first income row of *client*, a key of ``billed_before``, or why it names none."""
    if not isinstance(client, str):
        raise InvalidTypeError(
            f"billed_before keys must be clients (str), not {type(client).__name__}",
            field="billed_before",
            rule="str clients",
        )
    if is_blank(client):
        raise InvalidValueError(
            f"billed_before names a blank client ({shown(client)}), which names no client: "
            "rows with no client may be any client's",
            field="billed_before",
            rule="a client that shows something",
        )
    row = first.get(client)
    if row is None:
        raise InvalidValueError(
            f"billed_before names the client {shown(client)}, which no income row of the "
            f"statement has{_titles_hint(client, list(first), what='client')}",
            field="billed_before",
            rule="a client of the statement",
        )
    return row
