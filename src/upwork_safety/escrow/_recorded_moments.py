"""Moments a contract records outside its history, which no step or clock may precede (private).

A milestone's own books (``submitted_at`` and the like, set without a
history) and the payments are facts of a contract as much as its events:
the engine reads the latest of them once, when a run opens, and refuses a
step or a *now* earlier than it, naming what it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from upwork_safety.errors import InvalidValueError
from upwork_safety.escrow._reasons import when
from upwork_safety.escrow._refusals import RefusalRule
from upwork_safety.models import (
    _RECORDED_END,
    _recorded_outside,
    _recorded_what,
)

if TYPE_CHECKING:
    from datetime import datetime

    from upwork_safety.escrow._run import Recorded, Run
    from upwork_safety.models import Contract

__all__ = ["check_moments_by", "recorded_after", "recorded_outside"]


def recorded_outside(contract: Contract) -> Recorded | None:
    """The latest moment *contract* records outside its history, what it is, and its rule.

    ``None`` when it records none (``models._recorded_outside``, the reading
    :attr:`~upwork_safety.Contract.recorded_until` makes too).  A
    milestone's own books (``submitted_at`` and the like, set without a
    history) and the payments are facts of the contract as much as its
    events: a clock would show more time left than its rule gives, and money
    paid later would count as paid already.  Read once, when a run opens:
    the run's own steps record nothing earlier than the event they take.
    """
    found = _recorded_outside(contract)
    if found is None:
        return None
    moment, name, milestone_id = found
    if name == _RECORDED_END:
        return moment, name, milestone_id, RefusalRule.RECORDED_END
    rule = RefusalRule.RECORDED_ESCROW if name else RefusalRule.RECORDED_PAYMENT
    return moment, name, milestone_id, rule


def recorded_after(run: Run, moment: datetime) -> tuple[str, str, datetime | None]:
    """What *run*'s contract records later than *moment* (:func:`recorded_outside`), and the rule.

    With that later moment; ``("", "", None)`` when nothing is later.
    """
    recorded = run.recorded
    if recorded is None or not moment < recorded[0]:
        return "", "", None
    latest, name, milestone_id, rule = recorded
    if name:
        what = _recorded_what(name, milestone_id)
    else:
        payments = run.contract.payments
        what = f"Contract.payments[{next(i for i, p in enumerate(payments) if p.moment == latest)}]"
    return f"{what} ({when(latest)})", rule, latest


def check_moments_by(run: Run, moment: datetime) -> None:
    """Refuse a *now* earlier than a moment the contract records (a contract built by hand)."""
    later, rule, _ = recorded_after(run, moment)
    if later:
        raise InvalidValueError(
            f"now ({when(moment)}) is earlier than {later}; the contract is read as "
            "recorded up to now, never beyond it",
            field="now",
            rule=rule,
        )
