"""What a row of an Upwork export is: its kinds, the exports, their type words (private).

The words each export writes in its type column and the kind each names, and
how the readers compare them (:func:`folded`).  Split from ``_model`` so that
module holds the values a statement is made of.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from upwork_safety._validate import member_text
from upwork_safety.kinds import StrEnum

if TYPE_CHECKING:
    from decimal import Decimal

    from upwork_safety.money import Money


class TransactionKind(StrEnum):
    """What a row of an Upwork export is, whatever words the export uses for it.

    :data:`INCOME_KINDS` are the kinds that are earnings before fees.
    """

    FIXED_PRICE = "fixed_price"
    HOURLY = "hourly"
    BONUS = "bonus"
    REFUND = "refund"
    SERVICE_FEE = "service_fee"
    WITHDRAWAL = "withdrawal"
    WITHDRAWAL_FEE = "withdrawal_fee"
    CONNECTS = "connects"
    SUBSCRIPTION = "subscription"
    PAYMENT = "payment"
    TAX = "tax"
    MISCELLANEOUS = "miscellaneous"


#: The kinds that are earnings before Upwork's fee: fixed price, hourly, bonus.
INCOME_KINDS = frozenset(
    {TransactionKind.FIXED_PRICE, TransactionKind.HOURLY, TransactionKind.BONUS}
)
#: The kinds the exports write as money taken from the balance (negative): a fee, a
#: charge, a payout or money given back.  Earnings are written positive; payments and
#: miscellaneous rows go either way.  A row the other way round is a reversal, and a
#: positive service fee row is Upwork's own "Service fee refund".
OUTGOING_KINDS = frozenset(
    {
        TransactionKind.REFUND,
        TransactionKind.SERVICE_FEE,
        TransactionKind.WITHDRAWAL,
        TransactionKind.WITHDRAWAL_FEE,
        TransactionKind.CONNECTS,
        TransactionKind.SUBSCRIPTION,
        TransactionKind.TAX,
    }
)


def against_its_kind(kind: TransactionKind, amount: Decimal, type_text: str) -> bool:
    """Whether a row is signed the other way from its kind's rows, or from its type word.

    Earnings with a minus sign, or money taken (:data:`OUTGOING_KINDS`) above
    zero; but a service fee row is signed by its word: a fee refund
    (:func:`is_fee_refund`) with no minus sign, any other fee at zero or below.
    A minus sign is the library's one rule for "negative" (``Decimal.is_signed``,
    as ``_amount_fields.check_money`` reads it): ``-0.00`` has one (red team r41,
    hostile 3).
    """
    if kind in INCOME_KINDS:
        return amount.is_signed()
    if kind is TransactionKind.SERVICE_FEE:
        return amount.is_signed() if is_fee_refund(type_text) else amount > 0
    return kind in OUTGOING_KINDS and amount > 0


def signed_text(money: Money) -> str:
    """*money* as its text shows it, but with the minus sign of ``-0.00`` kept.

    ``str(Money("-0.00", "USD"))`` is ``"USD 0.00"``; a row named for its sign
    (:func:`against_its_kind`) must show it (red team r41, hostile 3).
    """
    text = str(money)
    if money.amount.is_zero() and money.amount.is_signed():
        currency, _, number = text.partition(" ")
        return f"{currency} -{number}"
    return text


class StatementFormat(StrEnum):
    """The Upwork export a statement was read from."""

    #: The older "Transaction History" (13 columns, ``Ref ID`` per row).
    TRANSACTION_HISTORY = "transaction_history"
    #: The current "Transactions" report (19 columns, ``Transaction ID``).
    TRANSACTIONS_REPORT = "transactions_report"
    #: The weekly summary of earnings (5 columns: no fees, no balance).
    WEEKLY_SUMMARY = "weekly_summary"

    # A member is text (r20 M2), so this shadows str.title: the export's name
    # was this property's before the kind became a StrEnum, and callers read it.
    @property
    def title(self) -> str:  # type: ignore[override]  # pyright: ignore[reportIncompatibleMethodOverride]
        """The export's name as Upwork's pages call it."""
        return _TITLES[self]

    @property
    def has_balance(self) -> bool:
        """Whether rows of this export carry a running balance."""
        return self is not StatementFormat.WEEKLY_SUMMARY

    @property
    def row_fields(self) -> frozenset[str]:
        """The optional :class:`Transaction` fields this export's columns give.

        Beyond ``line``, ``on``, ``kind``, ``amount``, ``type_text`` and
        ``balance``, which every row has (``balance`` where
        :attr:`has_balance`): every other optional field of its rows holds
        its default, as the reader leaves it.

        >>> sorted(StatementFormat.WEEKLY_SUMMARY.row_fields)
        ['contract', 'contract_id', 'extra', 'hours']
        """
        return ROW_FIELDS[self]

    def type_words(self, kind: TransactionKind) -> tuple[str, ...]:
        """The words this export writes in its type column for *kind*; none if it has no such rows.

        >>> StatementFormat.TRANSACTION_HISTORY.type_words(TransactionKind.TAX)
        ('GST', 'VAT', 'WHT')
        >>> StatementFormat.WEEKLY_SUMMARY.type_words(TransactionKind.REFUND)
        ()
        """
        words = WEEKLY_TYPE_WORDS if self is StatementFormat.WEEKLY_SUMMARY else TYPE_WORDS
        return tuple(word for word, named in words if named is kind)


_TITLES = {
    StatementFormat.TRANSACTION_HISTORY: "Transaction History",
    StatementFormat.TRANSACTIONS_REPORT: "Transactions report",
    StatementFormat.WEEKLY_SUMMARY: "Weekly summary",
}

# ---------------------------------------------------------------------------- type words

#: The spacing the exports' words are compared without: runs of ASCII spaces and tabs.
_SPACING = re.compile(r"[ \t]+")
#: ASCII upper case to lower case, and nothing else (``str.lower`` also maps the
#: Kelvin sign to ``k``, ``casefold`` the long s to ``s``).
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def folded(text: str) -> str:
    """*text* as the readers compare words and column names: ASCII case and spacing folded.

    Runs of ASCII spaces and tabs count as one space and are dropped at the
    ends; ASCII capitals count as small letters.  Nothing else is folded:
    ``Bonuſ`` (a long s), ``ﬁxed`` (a ligature), a full-width space or a
    control character make a word the exports do not write.
    """
    return _SPACING.sub(" ", text).strip(" ").translate(_ASCII_LOWER)


#: The word of a service fee row that gives a fee back (a positive row).
_FEE_REFUND = "Service fee refund"

#: The type words of the two transaction exports as they are written, and the
#: kind each names (docs/statements.md lists them, with the evidence for each).
#: ``Membership``, ``VAT``, ``WHT``, ``Processing Fee`` and ``Adjustment`` come
#: from a public parser of the real Transactions report, which files Membership
#: beside Subscription as a platform fee, VAT, WHT and Processing Fee as rows to
#: skip (tax-related), and Adjustment beside Refund; ``Misc`` from Upwork's own
#: list of a statement's payment types (HC 14380868618898).  A word whose kind
#: the evidence does not settle (that list's ``expense`` and ``salary``: paid to
#: the freelancer, but earnings or not?) is not read.
TYPE_WORDS: tuple[tuple[str, TransactionKind], ...] = (
    ("Fixed Price", TransactionKind.FIXED_PRICE),
    ("Fixed-price", TransactionKind.FIXED_PRICE),
    ("Milestone", TransactionKind.FIXED_PRICE),
    ("Hourly", TransactionKind.HOURLY),
    ("Bonus", TransactionKind.BONUS),
    ("Refund", TransactionKind.REFUND),
    ("Refund to client", TransactionKind.REFUND),
    ("Service Fee", TransactionKind.SERVICE_FEE),
    (_FEE_REFUND, TransactionKind.SERVICE_FEE),
    ("Withdrawal", TransactionKind.WITHDRAWAL),
    ("Withdrawal Fee", TransactionKind.WITHDRAWAL_FEE),
    ("Connects", TransactionKind.CONNECTS),
    ("Subscription", TransactionKind.SUBSCRIPTION),
    ("Membership", TransactionKind.SUBSCRIPTION),
    ("Payment", TransactionKind.PAYMENT),
    ("GST", TransactionKind.TAX),
    ("VAT", TransactionKind.TAX),
    ("WHT", TransactionKind.TAX),
    ("Miscellaneous", TransactionKind.MISCELLANEOUS),
    ("Misc", TransactionKind.MISCELLANEOUS),
    ("Adjustment", TransactionKind.MISCELLANEOUS),
    ("Processing Fee", TransactionKind.MISCELLANEOUS),
)


def blank(cell: str) -> bool:
    """Whether *cell* is empty or ASCII spaces and tabs only (no other character is spacing).

    Not :func:`~upwork_safety._text.is_blank`, on purpose: this decides
    whether a cell was left empty, so that a row of them is passed over
    unread and a column of them is not kept in ``extra`` (nor can
    :class:`Transaction` keep one there).  A cell of
    invisible characters (a zero-width space, a control) is not passed over:
    the row is read, and a cell that must show something is refused with its
    line and column, so nothing is dropped unseen.
    """
    return not cell.strip(" \t")


#: The fields beyond line, date, kind, amount, type word and balance that each
#: export's rows can hold: what its columns give (:attr:`StatementFormat.row_fields`).
ROW_FIELDS: dict[StatementFormat, frozenset[str]] = {
    StatementFormat.TRANSACTION_HISTORY: frozenset(
        {"id", "description", "client", "related_id", "local_amount", "exchange_rate", "extra"}
    ),
    StatementFormat.TRANSACTIONS_REPORT: frozenset(
        {"id", "description", "client", "contract", "related_id", "local_amount", "extra"}
    ),
    StatementFormat.WEEKLY_SUMMARY: frozenset({"contract", "contract_id", "hours", "extra"}),
}

#: The same words, folded (:func:`folded`).
TYPES: dict[str, TransactionKind] = {folded(word): kind for word, kind in TYPE_WORDS}

#: The weekly summary's ``Payment type`` words as it writes them; empty means
#: hourly.  It lists earnings only, so these are the :data:`INCOME_KINDS`.
WEEKLY_TYPE_WORDS: tuple[tuple[str, TransactionKind], ...] = (
    ("", TransactionKind.HOURLY),
    ("Fixed Price Payment", TransactionKind.FIXED_PRICE),
    ("Bonus", TransactionKind.BONUS),
)
#: The same words, folded (:func:`folded`).
WEEKLY_TYPES: dict[str, TransactionKind] = {folded(word): kind for word, kind in WEEKLY_TYPE_WORDS}


def is_fee_refund(type_text: str) -> bool:
    """Whether a service fee row's type word says it gives a fee back ("Service fee refund")."""
    return folded(type_text) == _FOLDED_FEE_REFUND


_FOLDED_FEE_REFUND = folded(_FEE_REFUND)


def format_of_text(value: object) -> StatementFormat:
    """A converter: the StatementFormat a text names; anything else is for member_field."""
    return member_text(StatementFormat, value)  # type: ignore[return-value]


def kind_of_text(value: object) -> TransactionKind:
    """A converter: the TransactionKind a text names; anything else is for member_field."""
    return member_text(TransactionKind, value)  # type: ignore[return-value]


def kind_named(text: str, export: StatementFormat) -> TransactionKind | None:
    """The kind the type word *text* names in *export*, or ``None`` for a word it does not use."""
    table = WEEKLY_TYPES if export is StatementFormat.WEEKLY_SUMMARY else TYPES
    return table.get(folded(text))
