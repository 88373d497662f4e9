"""A contract's milestones and payments as checked tuples (private).

:class:`_Milestones` and :class:`_Payments` are what
:class:`~upwork_safety.models.Contract` keeps: each checked once when
built (``Milestone`` values with unique ids in one currency; ``Payment``
values in one currency), with the indexes the contract and the escrow
engine read (where each id is, which milestones hold escrow, the earliest
payment), so that the next contract after an escrow step re-checks only
what the step changed.
"""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NoReturn

from attrs.exceptions import FrozenInstanceError

from upwork_safety._decimals import CONTEXT, fitting_total
from upwork_safety._display import shown
from upwork_safety._money_fields import ONE_CURRENCY
from upwork_safety._validate import instance, sequence_of
from upwork_safety.errors import CurrencyMismatchError, InvalidValueError
from upwork_safety.kinds import MilestoneState
from upwork_safety.models._milestone import Milestone
from upwork_safety.models._payment import Payment

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date, datetime

    from typing_extensions import Self

    from upwork_safety._history import History
    from upwork_safety.money import Money


def _total(amounts: Sequence[Money] | Any, what: str, start: Decimal = Decimal(0)) -> Decimal:
    """*start* plus *amounts*, refused (naming ``Contract.<what>``) past what Money holds.

    A contract's ``earnings`` and ``ledger`` add its payments and its
    milestones: two milestones of 600,000,000,000,000,000 each built, and
    then neither total could be told (red team r17 L2).
    """
    return fitting_total(
        (amount.amount for amount in amounts),
        f"Contract.{what}",
        "the contract's totals could not be told",
        start=start,
    )


__all__ = [
    "_Milestones",
    "_Payments",
    "_one_currency",
    "_remember",
    "_remember_steps",
    "_steps_remembered",
]


def _one_currency(amounts: Sequence[Money], what: str) -> None:
    """Refuse the first of *amounts* (``Contract.<what>``'s) not in the first one's currency."""
    for index, money in enumerate(amounts):
        if money.currency != amounts[0].currency:
            raise CurrencyMismatchError(
                f"Contract.{what} must all be in one currency: {what}[{index}] is in "
                f"{money.currency}, {what}[0] in {amounts[0].currency}",
                field=f"Contract.{what}[{index}]",
                rule=ONE_CURRENCY,
            )


#: Store an index or a cache of :class:`_Milestones` or :class:`_Payments` (``object``'s
#: own ``__setattr__``, called directly: a Python function around it cost a frame a call).
_keep = object.__setattr__


def _read_only() -> NoReturn:
    """Refuse an assignment, as a frozen attrs class does: the indexes are facts found by checks."""
    raise FrozenInstanceError


def _remember(
    milestones: _Milestones,
    *,
    releases_match: _Payments,
    history_fits: tuple[History, date | None],
) -> None:
    """Record what the contract's checks found: these payments match, this history fits.

    Private to the contract and the engine's next contract (review r15: a public
    method on the milestones a user holds let a contract built from them skip its
    release check).
    """
    _keep(milestones, "releases_match", releases_match)
    _keep(milestones, "history_fits", history_fits)


def _remember_steps(
    milestones: _Milestones, history: History, payments: _Payments, rules: object
) -> None:
    """Record that the escrow engine found *history*'s automatic steps due under *rules*.

    The engine's fact, kept with the milestones as :func:`_remember` keeps
    the contract's own: a contract with the same milestones, history and
    payments is not read again under the same rules.
    """
    _keep(milestones, "steps_due", (history, payments, rules))


def _steps_remembered(
    milestones: _Milestones, history: History, payments: _Payments, rules: object
) -> bool:
    """Whether :func:`_remember_steps` recorded these *history*, *payments* and *rules*."""
    found = milestones.steps_due
    return (
        found is not None
        and found[0] is history
        and found[1] is payments
        and (found[2] is rules or found[2] == rules)
    )


def _refuse_state(what: str) -> NoReturn:
    raise InvalidValueError(
        f"a pickled contract's {what.lower()} are rebuilt by their checks, never given a state",
        field=f"Contract.{what.lower()}",
        rule="a pickled state of its fields",
    )


class _Milestones(tuple[Milestone, ...]):  # noqa: SLOT001  (keeps its two indexes in __dict__)
    """A contract's milestones, checked once: ``Milestone`` values with unique ids, one currency.

    A ``Milestone`` subclass is stored as the plain milestone it holds
    (:func:`~upwork_safety._records.plain_record`).

    Besides the tuple it keeps three derived indexes, built with it: where
    each id is, which milestones hold escrow (only those can have a
    running clock), and the first milestone still waiting to be funded
    (milestones are funded in the contract's order).  :meth:`replacing`
    derives the milestones after an escrow step by checking only what the
    step changed, so the engine's cost does not grow with the number of
    milestones.
    """

    #: The sum of the milestones' amounts (checked to fit a Money).
    total: Decimal
    positions: Mapping[str, int]
    holding: frozenset[int]
    #: The index of the first milestone still ``NOT_FUNDED`` (the number of
    #: milestones when none is).  No step makes a milestone ``NOT_FUNDED``
    #: again, so after a step it only moves forward, past what the step funded.
    waiting: int
    #: The payments whose releases were found to match these milestones'
    #: released escrow (``_contract._match_releases``), so a contract built again
    #: from the same two tuples is not checked twice.  A cache of a fact
    #: about two immutable values: it is set only after the check passed.
    releases_match: _Payments | None
    #: The history and end date found to fit these milestones
    #: (``_contract_checks._check_history``), cached the same way.
    history_fits: tuple[History, date | None] | None
    #: ``(history, payments, rules)``: the escrow engine found the history's
    #: automatic steps due under those rules (``escrow._recorded_steps``); the
    #: rules are the engine's argument, held here, never read.
    steps_due: tuple[History, _Payments, object] | None

    def __new__(cls, items: object) -> Self:
        checked = sequence_of(
            items, Milestone, "Contract.milestones", ordered="the contract's order"
        )
        _one_currency([milestone.amount for milestone in checked], "milestones")
        total = _total([milestone.amount for milestone in checked], "milestones")
        positions: dict[str, int] = {}
        holding: list[int] = []
        for index, milestone in enumerate(checked):
            first = positions.setdefault(milestone.id, index)
            if first != index:
                raise InvalidValueError(
                    f"Contract.milestones[{index}] repeats the id {shown(milestone.id)} of "
                    f"milestones[{first}]; milestone ids must be unique",
                    field=f"Contract.milestones[{index}]",
                    rule="unique milestone ids",
                )
            if milestone.escrow.held.amount:
                holding.append(index)
        new = super().__new__(cls, checked)
        waiting = _first_waiting(checked, 0)
        _keep(new, "total", total)
        _keep(new, "positions", MappingProxyType(positions))
        _keep(new, "holding", frozenset(holding))
        _keep(new, "waiting", waiting)
        _keep(new, "releases_match", None)
        _keep(new, "history_fits", None)
        _keep(new, "steps_due", None)
        return new

    def __setattr__(self, name: str, value: object) -> NoReturn:
        # Its indexes and caches are facts its checks found: assigning one (say,
        # ``releases_match``) would let a contract built from it skip a check.
        _read_only()

    def __delattr__(self, name: str) -> NoReturn:
        _read_only()

    def replacing(self, changes: Mapping[int, Milestone]) -> _Milestones:
        """These milestones with ``changes[index]`` in place of the one at each index.

        Each replacement is checked as the constructor checks an item: a
        ``Milestone`` (a subclass stored as the plain one it holds), with the
        id and the currency of the one it replaces (so the ids stay unique and
        the currency one).
        """
        items = list(self)
        holding = self.holding
        waiting = self.waiting
        total = self.total
        for index, given in changes.items():
            if type(index) is int and 0 <= index < len(items):
                what = f"Contract.milestones[{index}]"  # an int: shown() would write the same
            else:
                what = f"Contract.milestones[{shown(index)}]"
                raise InvalidValueError(
                    f"{what}: there are {len(items)} milestones to replace, at indexes 0 to "
                    f"{len(items) - 1}",
                    field=what,
                    rule="the index of a milestone",
                )
            milestone = instance(given, Milestone, what)
            if milestone.id != items[index].id:
                raise InvalidValueError(
                    f"{what} may only be replaced by its own next state",
                    field=what,
                    rule="the same milestone id",
                )
            # The others are in the replaced one's currency (checked when built).
            if milestone.amount.currency != items[index].amount.currency:
                raise CurrencyMismatchError(
                    f"Contract.milestones must all be in one currency: {what} is in "
                    f"{milestone.amount.currency}, the milestone it replaces in "
                    f"{items[index].amount.currency}",
                    field=what,
                    rule=ONE_CURRENCY,
                )
            # In one currency (just checked), Money equality is the amounts': compared as
            # Decimals, without two Python calls (attrs' __ne__ and __eq__) per milestone.
            if milestone.amount.amount != items[index].amount.amount:  # the engine keeps them
                total = _total(
                    [milestone.amount],
                    "milestones",
                    CONTEXT.subtract(total, items[index].amount.amount),
                )
            items[index] = milestone
            holds = bool(milestone.escrow.held.amount)
            if holds != (index in holding):  # most steps leave it as it was
                holding = holding | {index} if holds else holding - {index}
            if index < waiting and milestone.escrow.state is MilestoneState.NOT_FUNDED:
                waiting = index  # not a step the engine takes, but replacing takes any milestone
        # Like namedtuple._make: the tuple is built directly, since only the
        # replaced items needed checking and the ids (so the positions) are the same.
        new = tuple.__new__(_Milestones, items)
        _keep(new, "total", total)
        _keep(new, "positions", self.positions)
        _keep(new, "holding", holding)
        _keep(new, "waiting", _first_waiting(items, waiting))
        _keep(new, "releases_match", None)
        _keep(new, "history_fits", None)
        _keep(new, "steps_due", None)
        return new

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Milestones, (tuple(self),))

    def __setstate__(self, state: object) -> NoReturn:
        # Its indexes are computed by its constructor, never read from a pickle: a
        # state (a pickle's BUILD, never written by __reduce__) would fill them.
        _refuse_state("Milestones")


def _first_waiting(milestones: Sequence[Milestone], start: int) -> int:
    """The index of the first ``NOT_FUNDED`` milestone from *start* on (``len`` if none)."""
    index = start
    while (
        index < len(milestones) and milestones[index].escrow.state is not MilestoneState.NOT_FUNDED
    ):
        index += 1
    return index


def _payment(value: object, what: str) -> Payment:
    """*value*, a Payment, as the plain Payment it holds (a subclass rebuilt); else refused."""
    return instance(value, Payment, what)


class _Payments(tuple[Payment, ...]):  # noqa: SLOT001  (keeps its earliest day in __dict__)
    """A contract's payments, checked once: ``Payment`` values in one currency.

    A ``Payment`` subclass is stored as the plain payment it holds
    (:func:`~upwork_safety._records.plain_record`).

    It keeps the earliest payment's index, so a contract checks that nothing
    was paid before it started in one step, however many payments it has,
    and the latest payment's moment (:attr:`Payment.moment`), so the engine
    reads the contract at no earlier moment, in one step too.
    """

    earliest: int | None
    latest: datetime | None
    #: The sum of the payments (checked to fit a Money).
    total: Decimal

    def __new__(cls, items: object) -> Self:
        checked = sequence_of(items, Payment, "Contract.payments", ordered="as recorded")
        _one_currency([payment.amount for payment in checked], "payments")
        total = _total([payment.amount for payment in checked], "payments")
        new = super().__new__(cls, checked)
        _keep(new, "total", total)
        earliest: int | None = None
        for index, payment in enumerate(checked):
            if earliest is None or payment.on < checked[earliest].on:
                earliest = index
        _keep(new, "earliest", earliest)
        _keep(new, "latest", max((payment.moment for payment in checked), default=None))
        return new

    def __setattr__(self, name: str, value: object) -> NoReturn:
        _read_only()

    def __delattr__(self, name: str) -> NoReturn:
        _read_only()

    def appending(self, new: Sequence[Payment]) -> _Payments:
        """These payments and *new* ones after them (checked: each a Payment, one currency).

        A subclass is stored as the plain Payment it holds, as the constructor stores it.
        """
        if not new:
            return self
        new = [_payment(item, f"Contract.payments[{i}]") for i, item in enumerate(new, len(self))]
        currency = (self or new)[0].amount.currency
        for index, payment in enumerate(new, len(self)):
            if payment.amount.currency != currency:
                raise CurrencyMismatchError(
                    f"Contract.payments[{index}] must be a Payment in {currency}",
                    field=f"Contract.payments[{index}]",
                    rule=ONE_CURRENCY,
                )
        total = _total([payment.amount for payment in new], "payments", self.total)
        grown = tuple.__new__(_Payments, (*self, *new))
        _keep(grown, "total", total)
        earliest = self.earliest
        for index, payment in enumerate(new, len(self)):
            if earliest is None or payment.on < grown[earliest].on:
                earliest = index
        _keep(grown, "earliest", earliest)
        latest = max(payment.moment for payment in new)
        _keep(grown, "latest", latest if self.latest is None else max(self.latest, latest))
        return grown

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Payments, (tuple(self),))

    def __setstate__(self, state: object) -> NoReturn:
        # Its indexes are computed by its constructor, never read from a pickle: a
        # state (a pickle's BUILD, never written by __reduce__) would fill them.
        _refuse_state("Payments")
