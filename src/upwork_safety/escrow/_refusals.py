"""The rules a refused escrow step breaks, as stable keys, and the reason type that carries one.

A guard (``_guards.py``) or a refusal (``_reasons.py``) answers with a
:class:`Reason`: the sentence people read (with the amounts, ids and
moments in it) that is also its ``rule``, a short key that is the same for
every amount, id and state (review r39, review 1).  Each key is written
once, in :class:`RefusalRule`; the guards, the engine's
:class:`~upwork_safety.errors.TransitionError`, the docs and the tests read
it from there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from upwork_safety._history import TIME_ORDER_RULE
from upwork_safety.models import _BEFORE_END_RULE, _NOT_BEFORE_START
from upwork_safety.rules import PlatformRules

if TYPE_CHECKING:
    from datetime import date

__all__ = [
    "FUND_ORDER_RULE",
    "NOT_REFUSED",
    "ONE_ACTIVE_RULE",
    "REFUSAL_KEYS",
    "SWITCHES",
    "Reason",
    "RefusalRule",
    "ended_reason",
]


class RefusalRule:
    """The ``rule`` of a :class:`~upwork_safety.errors.TransitionError` a step's guard raises.

    Branch on these (``error.rule == escrow.RefusalRule.MINIMUM_MILESTONE``),
    never on the message: the message says the same with the amounts, ids,
    states and moments in it, and so does
    :attr:`~upwork_safety.escrow.Choices.refused`.  A refusal whose ``field``
    ends in ``.at`` (a window that closed, mediation still running) is about
    the event's moment; the others name the event itself.  A row a rule set
    switches off (:attr:`~upwork_safety.escrow.Transition.switch`) is refused
    with that switch's :class:`~upwork_safety.rules.PlatformRules` field name
    as its rule.
    """

    #: ``Fund`` or ``Submit`` (or any step of a row that needs it) on an ended contract.
    CONTRACT_OPEN: Final = "the contract is open"
    #: ``Fund`` of a milestone below the minimum milestone of the rules in force.
    MINIMUM_MILESTONE: Final = "minimum milestone"
    #: ``Fund`` while another milestone holds escrow (one active milestone).
    ONE_ACTIVE: Final = "one milestone holding escrow"
    #: ``Fund`` while an earlier milestone of the contract still waits for its own.
    FUND_ORDER: Final = "milestones funded in the contract's order"
    #: ``Fund`` of a milestone funded before.
    FUNDED_ONCE: Final = "funded once"
    #: ``Submit`` of a milestone not funded yet: only funded work is protected.
    FUNDED_FIRST: Final = "funded first"
    #: ``Submit`` while the work is under the client's review.
    ONE_REVIEW: Final = "one submission under review"
    #: ``RequestRefund`` while a refund request is pending.
    ONE_REFUND_REQUEST: Final = "one refund request at a time"
    #: ``AcceptRefund`` with no escrow refund request pending.
    REFUND_REQUESTED: Final = "a pending refund request"
    #: ``OpenDispute`` while a dispute is open.
    ONE_DISPUTE: Final = "one dispute at a time"
    #: ``OpenDispute`` with nothing a dispute answers (no refund request, no escrow held).
    SOMETHING_TO_DISPUTE: Final = "something to dispute"
    #: ``OpenDispute`` after the filing window of the refund request closed (``field`` ``.at``).
    FILING_WINDOW: Final = "within the dispute filing window"
    #: A dispute step (answer, arbitration fee, resolution) with no dispute open.
    OPEN_DISPUTE: Final = "an open dispute"
    #: ``AnswerDispute`` of a dispute the client answered before.
    ANSWERED_ONCE: Final = "a dispute answered once"
    #: An arbitration fee before mediation started or ended (``field`` ``.at`` while it runs).
    MEDIATION_FIRST: Final = "arbitration after mediation"
    #: An arbitration fee paid before by the same party.
    FEE_PAID_ONCE: Final = "an arbitration fee paid once"
    #: An arbitration fee after the opt-in window closed (``field`` ``.at``).
    ARBITRATION_WINDOW: Final = "within the arbitration opt-in window"
    #: ``Refund`` of paid money with no payment of the milestone recorded.
    PAYMENT_RECORDED: Final = "a recorded payment"
    #: ``Refund`` of paid money after the refund window closed (``field`` ``.at``).
    REFUND_WINDOW: Final = "within the refund window"
    #: A step the milestone's state takes no further (it holds no escrow, it is
    #: settled, its money is frozen in a dispute, its work is not submitted).
    STATE: Final = "allowed in the milestone's state"

    # The step's moment (``field`` ``.at``): the same events later are allowed.
    #: Any step before the contract started (00:00 UTC of ``Contract.started``).
    STARTED: Final = _NOT_BEFORE_START
    #: A step earlier than the last event of the contract's history.
    TIME_ORDER: Final = TIME_ORDER_RULE
    #: A step earlier than a moment recorded on a milestone's escrow (a contract built by hand).
    RECORDED_ESCROW: Final = "not before any recorded escrow moment"
    #: A step earlier than a payment the contract records.
    RECORDED_PAYMENT: Final = "not before any recorded payment"
    #: A step before the day the contract records as its end (``Contract.ended``).
    RECORDED_END: Final = _BEFORE_END_RULE

    @classmethod
    def keys(cls) -> frozenset[str]:
        """Every key above: the values a refusal's ``rule`` takes, besides a rule set's switch."""
        return REFUSAL_KEYS


#: The :class:`RefusalRule` keys, read from the class (one source for both).
REFUSAL_KEYS: frozenset[str] = frozenset(
    value for name, value in vars(RefusalRule).items() if name.isupper()
)
#: The :class:`~upwork_safety.rules.PlatformRules` switches (its bool fields): the
#: rule of a step a rule set switches off (:attr:`~upwork_safety.escrow.Transition.switch`).
SWITCHES: frozenset[str] = frozenset(
    field.name for field in attrs.fields(PlatformRules) if type(field.default) is bool
)


#: The rule a recorded Fund of a milestone while an earlier one still waited breaks.
FUND_ORDER_RULE = RefusalRule.FUND_ORDER
#: The rule two milestones holding escrow at once break (a Fund while another held,
#: or a contract built with two).
ONE_ACTIVE_RULE = RefusalRule.ONE_ACTIVE


class Reason(str):  # noqa: SLOT000  (a str subclass cannot slot its two attributes)
    """Why a step is refused: the sentence (the string itself), its rule key and its part.

    A string, so every message, report and :class:`~upwork_safety.escrow.Choices`
    that shows a reason shows it unchanged; :attr:`rule` is the key
    (:class:`RefusalRule`) and :attr:`part` the event's field the refusal is
    about (``"at"``), or ``""`` for the event itself.
    """

    rule: str
    part: str

    def __new__(cls, text: str, rule: str, part: str = "") -> Reason:  # noqa: PYI034
        reason = super().__new__(cls, text)
        reason.rule = rule
        reason.part = part
        return reason

    def field(self, arg: str) -> str:
        """Where the refusal points for an event passed as *arg* (``event.at``, or *arg*)."""
        return f"{arg}.{self.part}" if self.part else arg


def ended_reason(ended: date) -> Reason:
    """Why ``EndContract`` is refused on a contract that ended on *ended*: one sentence.

    :func:`~upwork_safety.escrow.apply`'s error and
    :func:`~upwork_safety.escrow.allowed`'s :class:`~upwork_safety.escrow.Choices`
    both give it.
    """
    return Reason(f"the contract already ended on {ended.isoformat()}", RefusalRule.CONTRACT_OPEN)


#: No refusal: a row that applies.
NOT_REFUSED = Reason("", "")
