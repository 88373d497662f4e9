"""A contract with one client, and the escrow engine's one way to build the next one (private).

:class:`Contract` holds the facts (milestones, payments, feedback, history,
Work Diary) and checks what can be checked without a pass over every
milestone: unique milestone ids, one currency, the history's order
and start, the fields that fit its kind.  Its milestones and payments are
kept in checked tuples (:class:`_Milestones`, :class:`_Payments`, in
``_collections``) so that
:func:`_next`, which the escrow engine uses after each step, re-checks only
what the step changed; :func:`_position` and :func:`_indexes` read the
indexes kept with the milestones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timezone
from decimal import Decimal
from operator import attrgetter
from typing import TYPE_CHECKING, NoReturn, cast

import attrs

from upwork_safety._amount_fields import more_than_zero, whole_cents
from upwork_safety._decimals import fraction
from upwork_safety._display import shown
from upwork_safety._events import Event
from upwork_safety._history import History, history
from upwork_safety._history import extend as _extend
from upwork_safety._moments import date_field, optional_date_field, optional_to_date, to_date
from upwork_safety._money_fields import ONE_CURRENCY
from upwork_safety._pickling import through_init
from upwork_safety._plain import plain_text
from upwork_safety._records import plain_record
from upwork_safety._validate import id_field, member_field, member_text, sequence_of, text_field
from upwork_safety.errors import CurrencyMismatchError, InvalidTypeError, InvalidValueError
from upwork_safety.kinds import ContractKind
from upwork_safety.models._client import Client
from upwork_safety.models._collections import (
    _Milestones,
    _Payments,
    _remember,
    _steps_remembered,
)
from upwork_safety.models._collections import _remember_steps as _remember_steps_of
from upwork_safety.models._contract_checks import (
    _before_start,
    _check_history,
    _check_moments,
    _check_time_entries,
)
from upwork_safety.models._escrow import _MOMENTS_HELD
from upwork_safety.models._feedback import Feedback
from upwork_safety.models._milestone import Milestone
from upwork_safety.models._payment import Payment
from upwork_safety.models._recorded import check_recorded
from upwork_safety.models._releases import _match_new_releases, _match_releases
from upwork_safety.models._time_entry import TimeEntry
from upwork_safety.money import Money, optional_plain_money, to_decimal

__all__ = ["Contract"]


def _client(value: Client | str) -> Client:
    if type(value) is Client:  # the common case: every contract the escrow engine builds
        return value
    if isinstance(value, str):
        return Client(value)
    if not isinstance(value, Client):
        raise InvalidTypeError(
            f"Contract.client must be a Client or a client id str, not {type(value).__name__}",
            field="Contract.client",
            rule="a Client or a client id",
        )
    # A subclass is stored as the plain Client it holds, as every record of a contract is.
    return plain_record(value, Client, "Contract.client")


def _feedback(value: Feedback | None) -> Feedback | None:
    # Anything but a Feedback is left for __attrs_post_init__ to refuse, naming the field.
    return None if value is None else plain_record(value, Feedback, "Contract.feedback")


#: How many milestone ids a message lists before saying how many more there are.
_LISTED = 10


#: A contract without milestones or payments shares these (they never change).
_ZERO = Decimal(0)
_NO_MILESTONES = _Milestones(())
_NO_PAYMENTS = _Payments(())


#: The indexes each checked collection keeps, read from its class: one its constructor
#: did not build (a hand-made pickle's ``copyreg._reconstructor`` skips ``__new__``)
#: lacks them, and is checked again like any sequence (red team r18 L2).
_MILESTONE_INDEXES = frozenset(_Milestones.__annotations__)
_PAYMENT_INDEXES = frozenset(_Payments.__annotations__)


def _empty(value: object) -> bool:
    """Whether *value* is the empty tuple, asked by its type.

    Never ``==``, which a numpy array or pandas Series answers item by item
    (review r34 5).
    """
    return type(value) is tuple and not value


def _milestones(value: Iterable[Milestone]) -> tuple[Milestone, ...]:
    if type(value) is _Milestones and value.__dict__.keys() >= _MILESTONE_INDEXES:
        return value
    return _NO_MILESTONES if _empty(value) else _Milestones(value)


def _payments(value: Iterable[Payment]) -> tuple[Payment, ...]:
    if type(value) is _Payments and value.__dict__.keys() >= _PAYMENT_INDEXES:
        return value
    return _NO_PAYMENTS if _empty(value) else _Payments(value)


def _time_entries(value: Iterable[TimeEntry]) -> tuple[TimeEntry, ...]:
    if _empty(value):  # a fixed-price contract's, every time it is rebuilt
        return ()
    # The overlap check sorts the entries, and the date check reads its order:
    # both run in __attrs_post_init__ (_check_time_entries), off one sort.
    return sequence_of(value, TimeEntry, "Contract.time_entries", ordered="as recorded")


def _history(value: Iterable[Event]) -> History:
    return history(value, "Contract.history")


def _fee_rate(value: Decimal | int | str | None) -> Decimal | None:
    # The library's one rate rule: Decimal("0.10"), "0.10" or "10%"; below 1.
    return None if value is None else fraction(value, "Contract.service_fee_rate")


#: The hours in a week: no weekly limit can be more.
_HOURS_PER_WEEK = Decimal(7 * 24)
#: The rule an open contract with feedback breaks.
FEEDBACK_ONLY_ON_ENDED = "feedback only on an ended contract"


def _weekly_limit_hours(value: object, what: str) -> Decimal | None:
    """A weekly limit in hours, more than 0 and at most a week's 168, or ``None`` for none.

    The one rule for every weekly limit: a contract's, and the one an
    invoice is billed under.  Floats are refused, as for amounts.
    """
    if value is None:
        return None
    hours = to_decimal(value, what)
    if not Decimal(0) < hours <= _HOURS_PER_WEEK:
        # Upwork sets a disputed contract's limit to zero while it is paused; the
        # library models that span as a Pause, which also explains the time.
        hint = "; a contract paused (or its hours disputed) is a Pause, not a zero limit"
        raise InvalidValueError(
            f"{what} is hours per week, more than 0 and at most {_HOURS_PER_WEEK} "
            f"(None = no limit), got {hours}{hint if hours == 0 else ''}",
            field=what,
            rule=f"more than 0 and at most {_HOURS_PER_WEEK} hours",
        )
    return hours


def _weekly_limit(value: Decimal | int | str | None) -> Decimal | None:
    return _weekly_limit_hours(value, "Contract.weekly_limit")


def _contract_kind(value: ContractKind | str) -> ContractKind:
    """A converter: the ContractKind member a text names; anything else is for member_field."""
    if type(value) is ContractKind:  # every contract the escrow engine builds: as it is
        return value
    return cast("ContractKind", member_text(ContractKind, value))


@through_init
@attrs.frozen
class Contract:
    """A contract with one client: fixed price (milestones) or hourly.

    Args:
        id: A non-empty identifier, written as it shows (as
            ``Client.id``: no surrounding spaces, line breaks, tabs or
            invisible characters).
        client: A :class:`Client`, or a plain client id ``str``.
        kind: :attr:`ContractKind.FIXED_PRICE` or :attr:`ContractKind.HOURLY`.
        started: The start date, a UTC day: the contract is open from
            00:00 UTC on it (05:00 in Pakistan), and events, funding and
            hours count from then.  A ``datetime`` is refused: pass the
            UTC day (``moment.astimezone(timezone.utc).date()``).
        ended: The end date, or ``None`` while the contract is open; not
            before *started*.
        milestones: Fixed-price milestones, in order; ids unique; in the
            contract's one currency.
        payments: Everything paid to the freelancer, in the contract's one
            currency: the one record of every payout (:class:`Payment`).
        feedback: What the client said at the end, if anything: only on an
            ended contract (*ended* set), since the client gives it when
            the contract ends and the JSS counts it from that day.
        service_fee_rate: The contract's own service fee as a fraction
            (``Decimal("0.10")`` for 10%), shown on the offer since
            2025-05-01; the fee engine checks it against the schedule in
            force (0–15% today).
        hourly_rate: The hourly rate (hourly contracts only), more than
            zero (rule ``"more than zero"``), in whole cents.
        weekly_limit: The weekly hour limit (hourly contracts only).
        history: The escrow events recorded on the contract, in time
            order and not before *started* (any sequence of events; stored
            as a :class:`History`).  :func:`~upwork_safety.escrow.apply`
            records every event it applies, but a contract described by
            hand need not hold all of them: an empty or partial history is
            accepted (a milestone's escrow and the payments may be given
            mid-way, as :class:`Escrow` allows), and only what the history
            does hold is checked against the contract (below).
        title: A short description of the job.
        time_entries: The Work Diary of an hourly contract: entries that do
            not overlap (the same minutes cannot be billed twice), none
            before *started* or after *ended* (UTC days): a contract is
            worked on only while it runs.

    *milestones*, *payments*, *history* and *time_entries* take any
    sequence, a pandas Series or numpy array of the records included, and
    are stored as tuples, in the order given.  A ``set`` or ``frozenset``
    is refused (``InvalidTypeError``, rule ``"an ordered sequence"``): its
    order changes from run to run, and the milestones' order is the order
    they are funded in.

    A subclass of a record (``Client``, ``Milestone`` and its ``Escrow``,
    ``Payment``, ``Feedback``, ``TimeEntry``, an escrow event) is stored as
    the plain record it holds, rebuilt through its constructor from the
    record class's own fields (a subclass's properties are never read), as
    every ``Money``, ``str`` and ``int`` field stores the plain value: a
    contract equals itself after a round trip through
    :mod:`~upwork_safety.serialize`.

    The constructor checks each milestone's own books (:class:`Escrow`),
    unique ids, one currency for milestones, payments and the hourly rate,
    that nothing was paid before the start, that the Work Diary
    (*time_entries*) lies within *started* to *ended* (UTC days), the
    history's order and start,
    that the history fits the contract (its events name the contract's
    milestones; it ends once, on *ended*'s day; nothing is funded or
    submitted after the end), that each milestone's escrow and the payments
    are what the recorded events left (the state the last event leads to,
    the moments of a submission, a refund request and a dispute, the
    amounts an approval or a dispute's resolution states, each release paid
    at an event that releases, the money each event moves from what the
    ones before it left; docs/escrow.md lists the rules), that an
    ended contract holds escrow only under a refund request
    or a dispute (ending it, or dormancy closing it, turns the rest into a
    refund request: a contract recorded as ended with escrow still funded is
    refused rather than reviewed, since no deadline the escrow engine keeps
    could be told for it), and that the release payments pay the contract's
    own milestones and add up to what each milestone's escrow says was
    released.  A
    contract built by an escrow step is checked for what the step changed
    only, against the contract before it, so a step costs the same on a big
    contract.

    Raises:
        InvalidTypeError: A field of the wrong type, a collection
            holding something else than its items, or a set where a
            sequence is taken (rule ``"an ordered sequence"``).
        InvalidValueError: An end before the start, *feedback* on a
            contract with no end (``field`` ``Contract.feedback``, rule
            ``"feedback only on an ended contract"``), duplicate milestone
            ids, a payment before the start, a history out of time order,
            before the start or that does not fit the contract, Work Diary
            entries that overlap or fall outside *started* to *ended*,
            fields that do not fit *kind*, escrow held on an ended
            contract in another state than ``REFUND_REQUESTED`` or
            ``DISPUTED`` (``field`` ``Contract.milestones[i].escrow``),
            release payments that pay no
            milestone of the contract or do not add up to a milestone's
            released escrow, or escrow and payments that the recorded
            history contradicts (``field`` the milestone's escrow, the
            moment, ``Contract.payments`` or the history event at fault).
        CurrencyMismatchError: Milestones, payments or the hourly rate in
            more than one currency.
    """

    id: str = attrs.field(converter=plain_text, validator=id_field)
    client: Client = attrs.field(converter=_client)
    kind: ContractKind = attrs.field(converter=_contract_kind, validator=member_field(ContractKind))
    started: date = attrs.field(converter=to_date, validator=date_field)
    ended: date | None = attrs.field(
        default=None, converter=optional_to_date, validator=optional_date_field
    )
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=_milestones)
    payments: tuple[Payment, ...] = attrs.field(default=(), converter=_payments)
    feedback: Feedback | None = attrs.field(default=None, converter=_feedback)
    service_fee_rate: Decimal | None = attrs.field(default=None, converter=_fee_rate)
    hourly_rate: Money | None = attrs.field(converter=optional_plain_money, default=None)
    weekly_limit: Decimal | None = attrs.field(default=None, converter=_weekly_limit)
    history: Sequence[Event] = attrs.field(default=(), converter=_history)
    title: str = attrs.field(converter=plain_text, default="", validator=text_field)
    time_entries: tuple[TimeEntry, ...] = attrs.field(default=(), converter=_time_entries)

    def __attrs_post_init__(self) -> None:
        if self.ended is not None and self.ended < self.started:
            raise InvalidValueError(
                f"Contract.ended ({self.ended}) must not be before "
                f"Contract.started ({self.started})",
                field="Contract.ended",
                rule="not before Contract.started",
            )
        if self.feedback is not None and not isinstance(self.feedback, Feedback):
            raise InvalidTypeError(
                "Contract.feedback must be a Feedback or None",
                field="Contract.feedback",
                rule="a Feedback or None",
            )
        if self.feedback is not None and self.ended is None:
            # The client gives feedback when the contract ends (DOMAIN.md section 6),
            # and the JSS counts it from that day: an open contract has none yet.
            raise InvalidValueError(
                "Contract.feedback is what the client said when the contract ended: "
                "an open contract (Contract.ended is None) has none; give the day it "
                "ended as Contract.ended, or leave feedback=None",
                field="Contract.feedback",
                rule=FEEDBACK_ONLY_ON_ENDED,
            )
        history = _history_of(self)
        first = history.first
        if first is not None and first.at.date() < self.started:
            _before_start(
                "Contract.history[0]",
                f"({type(first).__name__}) is at {first.at.isoformat()}",
                self.started,
                first.at.date(),
            )
        self._check_kind()
        self._check_currency()
        milestones = _checked(self)
        payments = _payments_of(self)
        if payments.earliest is not None and payments[payments.earliest].on < self.started:
            index = payments.earliest
            _before_start(
                f"Contract.payments[{index}]",
                f"is dated {payments[index].on}",
                self.started,
                payments[index].on,
            )
        _check_time_entries(self.time_entries, self.started, self.ended)
        fits = milestones.history_fits
        releases = milestones.releases_match is not payments
        recorded = fits is None or fits[0] is not history or fits[1] != self.ended
        if releases:
            _match_releases(milestones, payments)
        if recorded:
            currency = self.milestones[0].amount.currency if self.milestones else None
            _check_history(history, milestones.positions, self.ended, currency)
        # Not cached with the history: it reads ``started`` too, and only the
        # milestones holding escrow, so it costs next to nothing.
        _check_moments(milestones, self.started, self.ended)
        if releases or recorded:
            # The escrow engine's own steps are checked by its guards (its next
            # contract comes with both marks set): this reads the whole history
            # only for a contract built, evolved or loaded by hand.
            check_recorded(milestones, milestones.positions, payments, history, self.ended)
            _remember(milestones, releases_match=payments, history_fits=(history, self.ended))

    def _check_currency(self) -> None:
        """Milestones, payments and the hourly rate share one currency (each list its own)."""
        first = self.milestones[0].amount if self.milestones else self.hourly_rate
        if first is None or not self.payments:
            return  # fixed price and hourly fields cannot meet (_check_kind)
        paid = self.payments[0].amount.currency
        if paid != first.currency:
            name = "milestones[0].amount" if self.milestones else "hourly_rate"
            raise CurrencyMismatchError(
                f"a contract is in one currency: Contract.payments[0] is in {paid}, "
                f"Contract.{name} in {first.currency}",
                field="Contract.payments[0]",
                rule=ONE_CURRENCY,
            )

    def _check_kind(self) -> None:
        if self.kind is ContractKind.FIXED_PRICE:
            if self.time_entries:
                self._wrong_kind("time_entries", "hourly", "fixed price")
            if self.hourly_rate is not None:
                self._wrong_kind("hourly_rate", "hourly", "fixed price")
            if self.weekly_limit is not None:
                self._wrong_kind("weekly_limit", "hourly", "fixed price")
        elif self.milestones:
            self._wrong_kind("milestones", "fixed-price", "hourly")
        if self.hourly_rate is not None:
            if not isinstance(self.hourly_rate, Money):
                raise InvalidTypeError(
                    "Contract.hourly_rate must be Money or None",
                    field="Contract.hourly_rate",
                    rule="Money",
                )
            # One made without its fields (a pickle with no state) is refused naming the field;
            # zero or less by the amounts' one "more than zero" rule (review r43, review 1).
            more_than_zero(self.hourly_rate, "Contract.hourly_rate")
            # An Upwork rate is in cents: one below a cent would bill nothing.
            whole_cents(self.hourly_rate, "Contract.hourly_rate")

    @staticmethod
    def _wrong_kind(name: str, belongs: str, kind: str) -> NoReturn:
        verb = "belong" if name in ("milestones", "time_entries") else "belongs"
        raise InvalidValueError(
            f"Contract.{name} {verb} to {belongs} contracts; this one is {kind}",
            field=f"Contract.{name}",
            rule=f"{belongs} contracts only",
        )

    @property
    def earnings(self) -> Money:
        """The sum of :attr:`payments`.

        Zero in its minor unit (``0.00``) when there are none, in the
        contract's one currency: its milestones' or its hourly rate's, USD
        when it has neither.
        """
        if not self.payments:
            first = self.milestones[0].amount if self.milestones else self.hourly_rate
            return Money.zero("USD" if first is None else first.currency).rounded()
        return Money.total((p.amount for p in self.payments), self.payments[0].amount.currency)

    @property
    def last_paid_at(self) -> datetime | None:
        """When the latest of :attr:`payments` was made (:attr:`Payment.moment`), or ``None``.

        Kept when the contract is built, so reading it costs nothing however
        many payments there are.  The escrow engine reads a contract at no
        earlier moment.
        """
        return _payments_of(self).latest

    @property
    def recorded_until(self) -> datetime:
        """The last moment the contract records: 00:00 UTC on its first day, or a later fact.

        The latest of its first day's start, its last :attr:`history` event, a
        moment on a milestone's escrow (``submitted_at``, ...), its latest
        payment (:attr:`last_paid_at`), 00:00 UTC on the day it :attr:`ended`
        and the end of its last Work Diary entry. A contract is read as
        recorded up to a moment, never beyond it: the escrow engine (and
        :func:`~upwork_safety.checks.review_contract` on a fixed-price
        contract) refuses a ``now`` earlier than this; on an
        hourly contract, ``review_contract`` refuses one before the end of its
        Work Diary. Both take this moment and any later one.
        """
        moments = [datetime.combine(self.started, time(0), timezone.utc)]
        if self.history:
            moments.append(self.history[-1].at)
        outside = _recorded_outside(self)
        if outside is not None:
            moments.append(outside[0])
        moments.extend(entry.end for entry in self.time_entries)
        return max(moments)

    @property
    def client_id(self) -> str:
        """The client's id (a shortcut for ``contract.client.id``)."""
        return self.client.id

    def milestone(self, milestone_id: str) -> Milestone:
        """Return the milestone with *milestone_id*.

        Raises:
            InvalidValueError: No milestone has that id.
        """
        return self.milestones[_position(self, milestone_id)]


def _position(contract: Contract, milestone_id: object, what: str = "milestone_id") -> int:
    """Where the milestone *milestone_id* is in ``contract.milestones``; errors name *what*."""
    positions = _checked(contract).positions
    # Looked up by the text it holds: a str subclass's own __hash__ or __eq__ never
    # answers (red team r30 L3), as the constructors store plain str.
    milestone_id = plain_text(cast("str", milestone_id))
    index: int | None = positions.get(milestone_id) if type(milestone_id) is str else None
    if index is None:
        if not isinstance(milestone_id, str):
            raise InvalidTypeError(
                f"{what} must be a str, not {type(milestone_id).__name__}",
                field=what,
                rule="a str",
            )
        ids = [shown(m.id) for m in contract.milestones[:_LISTED]]
        more = len(contract.milestones) - _LISTED
        known = ", ".join(ids) + (f" and {more} more" if more > 0 else "") if ids else "none"
        raise InvalidValueError(
            f"contract {shown(contract.id)} has no milestone {shown(milestone_id)} "
            f"(milestones: {known})",
            field=what,
            rule="a milestone of the contract",
        )
    return index


if TYPE_CHECKING:

    def _checked(contract: Contract) -> _Milestones:
        """``contract.milestones``, which the converter always makes a :class:`_Milestones`."""
        ...

    def _history_of(contract: Contract) -> History:
        """``contract.history``, which the converter always makes a :class:`History`."""
        ...

    def _payments_of(contract: Contract) -> _Payments:
        """``contract.payments``, which the converter always makes a :class:`_Payments`."""
        ...

else:  # The same reads, typed above, as C calls: a Python function (and typing.cast in it)
    _checked = attrgetter("milestones")  # cost two frames a read, dozens of reads a step
    _history_of = attrgetter("history")
    _payments_of = attrgetter("payments")


def _remember_steps(contract: Contract, rules: object) -> None:
    """Note that the escrow engine found *contract*'s automatic steps due under *rules*.

    The engine's fact about the contract's history and payments; the models
    hold it and never read *rules* (``escrow._recorded_steps``).
    """
    _remember_steps_of(_checked(contract), _history_of(contract), _payments_of(contract), rules)


def _steps_checked(contract: Contract, rules: object) -> bool:
    """Whether :func:`_remember_steps` noted *contract*'s history and payments under *rules*."""
    return _steps_remembered(
        _checked(contract), _history_of(contract), _payments_of(contract), rules
    )


def _indexes(contract: Contract) -> tuple[Mapping[str, int], frozenset[int], int]:
    """Where each milestone id is in ``contract.milestones``, which hold escrow, the first waiting.

    All kept with the milestones (the first waiting is the index of the first
    ``NOT_FUNDED`` milestone, or their number); read together, as the escrow
    engine opens a run.
    """
    milestones = _checked(contract)
    return milestones.positions, milestones.holding, milestones.waiting


def _recorded_outside(contract: Contract) -> tuple[datetime, str, str] | None:
    """The latest moment *contract* records outside its history, and where, or ``None``.

    A moment on a milestone's escrow (only a milestone holding escrow has
    one: :data:`~._escrow._MOMENTS_HELD`), as ``(moment, field name,
    milestone id)``, the latest payment (:attr:`Contract.last_paid_at`),
    as ``(moment, "", "")`` (which payment is looked up only to say so), or
    00:00 UTC on the day the contract ended, as ``(moment, _RECORDED_END, "")``.
    :func:`_recorded_what` names an escrow moment for a message, only when
    one is shown.  The one reading of :attr:`Contract.recorded_until` and the
    escrow engine's.
    """
    found: tuple[datetime, str, str] | None = None
    for index in sorted(_checked(contract).holding):
        milestone = contract.milestones[index]
        for name in _MOMENTS_HELD[milestone.escrow.state]:
            moment: datetime | None = getattr(milestone.escrow, name)
            if moment is not None and (found is None or found[0] < moment):
                found = (moment, name, milestone.id)
    latest = contract.last_paid_at
    if latest is not None and (found is None or found[0] < latest):
        found = (latest, "", "")
    if contract.ended is not None:
        # The end is a fact recorded as much as a payment (review r41, 3): read before
        # its day, the contract would be both open and ended.
        end = datetime.combine(contract.ended, time(0), timezone.utc)
        if found is None or found[0] < end:
            found = (end, _RECORDED_END, "")
    return found


#: The field name :func:`_recorded_outside` gives the contract's end (its 00:00 UTC).
_RECORDED_END = "ended"
#: The rule a moment before the day a contract ended breaks (the engine's ``now`` or event).
_BEFORE_END_RULE = "not before the recorded end"


def _recorded_what(name: str, milestone_id: str) -> str:
    """An escrow moment (or the end) :func:`_recorded_outside` found, named for a message."""
    if name == _RECORDED_END:
        return "Contract.ended"
    return f"escrow.{name} of milestone {shown(milestone_id)}"


def _next(
    contract: Contract,
    *,
    changed: Mapping[int, Milestone],
    paid: Sequence[Payment],
    payments: Sequence[Payment] | None,
    events: tuple[Event, ...],
    ended: date | None,
) -> Contract:
    """The contract after escrow steps: the escrow engine's one way to build the next contract.

    Only what the steps changed is checked again (the replaced milestones,
    the payments added, the events appended, through the constructors of
    :class:`_Milestones`, :class:`_Payments` and the history); the rest was
    checked when *contract* was built.  *payments*, when given, replaces
    every payment (after a refund of paid money) and is checked in full.
    """
    milestones = _checked(contract)
    new_milestones = milestones.replacing(changed) if changed else milestones
    if payments is None:
        old_payments = _payments_of(contract)
        new_payments = old_payments.appending(paid)
        _match_new_releases(milestones, new_milestones, changed, paid, len(old_payments))
    else:  # a refund of paid money rewrote the payments: they are all checked here
        new_payments = _Payments((*payments, *paid))
        _match_releases(new_milestones, new_payments)
    history = _extend(_history_of(contract), events, "Contract.history")
    # Nothing is read here: the engine's guards already refused every event
    # _check_history would (a milestone the contract does not have, a second
    # end, funding after the end), so the new history is marked as fitting,
    # keyed by the steps' end date; tests pin that the guards and the check agree.
    _remember(new_milestones, releases_match=new_payments, history_fits=(history, ended))
    return Contract(
        contract.id,
        contract.client,
        contract.kind,
        contract.started,
        ended,
        new_milestones,
        new_payments,
        contract.feedback,
        contract.service_fee_rate,
        contract.hourly_rate,
        contract.weekly_limit,
        history,
        contract.title,
        contract.time_entries,
    )
