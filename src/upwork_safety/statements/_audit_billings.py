"""What a client's fees on assumed billings say about its earlier billings (private).

Without ``billed_before=`` for a client, :func:`~upwork_safety.statements.audit_fees`
does not know the client's lifetime billings before the export.  Lifetime
billings only grow (a reversed bonus aside), and the sliding scale's fee
never rises as they grow, so each fee judged on them narrows what the
client's billings before each later row can be: :class:`Consistent` carries,
per client, the interval of billings before the next income row that every
fee seen so far allows, and the income rows whose fees set its ends (red
team r40, second pass 3: a 5% fee and then a new client's 16.7% on one
client both passed).

The interval's ends are found from the fee engine itself
(:func:`~upwork_safety.fees.explain_service_fee`, by bisection on cents),
never from a copy of the scale; the work per row is bounded (two bisections
over at most the scale's last band end, or the interval's width).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from upwork_safety._text import is_blank
from upwork_safety.fees import explain_service_fee, schedule_as_of
from upwork_safety.money import Money
from upwork_safety.statements._model import USD, Transaction

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Bounds", "Consistent"]


class Bounds(NamedTuple):
    """The billings with a client before one income row that its earlier fees allow.

    *least* and *most* in cents (*most* ``None``: no fee has bounded it
    from above); *least_from* and *most_from* the income rows whose fees
    set them (``None``: the statement's rows alone, or no bound).
    """

    least: int
    most: int | None
    least_from: Transaction | None
    most_from: Transaction | None

    @property
    def as_money(self) -> tuple[Money, Money | None]:
        """*least* and *most* as USD Money (*most* ``None`` when unbounded)."""
        return money(self.least), None if self.most is None else money(self.most)


def money(cents: int) -> Money:
    """*cents* as USD Money."""
    return Money(Decimal(cents).scaleb(-2), USD)


def cents(amount: Money) -> int:
    """A USD amount in whole cents (billings and income rows are whole cents)."""
    return int(amount.amount.scaleb(2))


def _fee(row: Transaction, billed: int) -> int:
    """The fee engine's fee on *row* at *billed* cents of earlier billings, in cents."""
    return cents(explain_service_fee(row.amount, on=row.on, billed_before=money(billed)).fee)


def _scale_end(row: Transaction) -> int:
    """The scale's last band end on *row*'s date, in cents (past it, every dollar at its lowest)."""
    ends = [tier.up_to for tier in schedule_as_of(row.on).tiers if tier.up_to is not None]
    return max((cents(end) for end in ends), default=0)


class _State:
    """One client's interval, at the income row :attr:`next` (its index among the client's)."""

    __slots__ = ("least", "least_from", "most", "most_from", "next")

    def __init__(self) -> None:
        self.least = 0
        self.most: int | None = None
        self.least_from: Transaction | None = None
        self.most_from: Transaction | None = None
        self.next = 0


class Consistent:
    """Per client, the billings before each income row that the fees judged so far allow.

    Built from the statement's rows (oldest first); :meth:`bounds` and
    :meth:`narrow` are asked about one client's income rows in that order
    (a row asked about after a later one is refused by an assertion: the
    audit's order is the statement's).  Each income row moves both ends by
    its amount (a negative row lowers them, never below $0.00: billings are
    money the client paid, as ``_Billings`` counts them); a row that names
    no client is no one's and is never asked about.
    """

    def __init__(self, transactions: Iterable[Transaction]) -> None:
        self._rows: dict[str, list[Transaction]] = {}
        self._index: dict[Transaction, int] = {}
        for row in transactions:
            if row.is_income and not is_blank(row.client):
                rows = self._rows.setdefault(row.client, [])
                self._index[row] = len(rows)
                rows.append(row)
        self._states: dict[str, _State] = {}

    def _at(self, row: Transaction) -> _State:
        """*row*'s client's interval, moved on to just before *row*."""
        state = self._states.setdefault(row.client, _State())
        rows = self._rows[row.client]
        upto = self._index[row]
        assert state.next <= upto, "asked about a client's rows out of order"
        for earlier in rows[state.next : upto]:
            step = cents(earlier.amount)
            state.least = max(state.least + step, 0)
            if state.most is not None:
                state.most = max(state.most + step, 0)
        state.next = upto
        return state

    def bounds(self, row: Transaction) -> Bounds | None:
        """The billings with *row*'s client before it that its earlier fees allow.

        ``None`` for a row that names no client: it may be any client's, and
        is judged alone.
        """
        if is_blank(row.client):
            return None
        state = self._at(row)
        return Bounds(state.least, state.most, state.least_from, state.most_from)

    def judge(
        self,
        row: Transaction,
        bounds: Bounds | None,
        allowed: tuple[Money, Money] | None,
        charged: Money,
    ) -> tuple[Transaction, ...]:
        """The earlier rows a fee *charged* on *row* contradicts; narrows by it when none.

        *bounds* is what :meth:`bounds` gave for *row* (``None``: judged
        alone), *allowed* the fees they allow.  A fee within *allowed*
        narrows the interval (:meth:`narrow`) and contradicts no row; one
        above it contradicts the row whose fee set the least billings, one
        below it the row that set the most (none, when the bound crossed is
        the statement's rows alone or the scale's own end).
        """
        if bounds is None or allowed is None:
            return ()
        if allowed[0] <= charged <= allowed[1]:
            self.narrow(row, charged)
            return ()
        setter = bounds.least_from if charged > allowed[1] else bounds.most_from
        return () if setter is None else (setter,)

    def narrow(self, row: Transaction, charged: Money) -> None:
        """Narrow *row*'s client's interval to the billings at which the engine charges *charged*.

        Called only for a fee within what the interval allows (from the fee
        at its upper end to the fee at its lower end): a fee outside it is
        a mismatch and leaves the interval as it was, so the client's later
        rows are judged against the fees that agree.  Where the engine's
        rounding steps over *charged* (no billings give it exactly), the
        interval closes on the two cents either side of the step.
        """
        state = self._at(row)
        fee = cents(charged)
        top = state.most if state.most is not None else max(state.least, _scale_end(row))
        # The first billings at which the fee is at most the charge (the fee never rises).
        low, high = state.least, top
        while low < high:
            middle = (low + high) // 2
            if _fee(row, middle) <= fee:
                high = middle
            else:
                low = middle + 1
        least = low
        # The last billings at which the fee is at least the charge.
        low, high = state.least, top
        while low < high:
            middle = (low + high + 1) // 2
            if _fee(row, middle) >= fee:
                low = middle
            else:
                high = middle - 1
        most = low
        least, most = min(least, most), max(least, most)
        if least > state.least:
            state.least, state.least_from = least, row
        if state.most is None and most == top and _fee(row, top) == fee:
            return  # the lowest rate: no bound from above
        if state.most is None or most < state.most:
            state.most, state.most_from = most, row
