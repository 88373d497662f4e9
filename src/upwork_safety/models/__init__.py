"""The contract models: clients, feedback, payments, milestones with their escrow, and contracts.

All are frozen attrs classes whose constructors refuse a value that breaks
a documented rule, with an error naming the field and the rule, so an
impossible state can be neither built nor loaded:

* a milestone's :class:`Escrow` adds up (``funded == held + released +
  refunded + carried_over``) and its fields fit its state (a ``SUBMITTED``
  milestone has a submission time, a ``PAID`` one was paid, ...);
* a :class:`Payment` says what it pays: escrow released for a milestone, a
  bonus, or another payment;
* a :class:`Contract`'s history is in time order and starts no earlier than
  the contract, its milestone ids are unique and its payments share one
  currency.

Collections are tuples (the history is a :class:`History`, an append-only
tuple-like log).  Engines return new values and never mutate these.
"""

from __future__ import annotations

from upwork_safety._history import History
from upwork_safety.kinds import ContractKind, EndReason, MilestoneState
from upwork_safety.models._client import Client
from upwork_safety.models._contract import _BEFORE_END_RULE as _BEFORE_END_RULE
from upwork_safety.models._contract import _RECORDED_END as _RECORDED_END
from upwork_safety.models._contract import Contract

# The escrow engine's private helpers (the next contract after a step, the
# milestone indexes, the shared zero buckets) are re-exported here, not in
# __all__: another package may import only this public module (test_layers).
from upwork_safety.models._contract import _history_of as _history_of
from upwork_safety.models._contract import _indexes as _indexes
from upwork_safety.models._contract import _next as _next
from upwork_safety.models._contract import _position as _position
from upwork_safety.models._contract import _recorded_outside as _recorded_outside
from upwork_safety.models._contract import _recorded_what as _recorded_what
from upwork_safety.models._contract import _remember_steps as _remember_steps
from upwork_safety.models._contract import _steps_checked as _steps_checked
from upwork_safety.models._contract import _weekly_limit_hours as _weekly_limit_hours
from upwork_safety.models._contract_checks import _NOT_AFTER_END as _NOT_AFTER_END
from upwork_safety.models._contract_checks import _NOT_BEFORE_START as _NOT_BEFORE_START
from upwork_safety.models._contract_checks import _before_start as _before_start
from upwork_safety.models._contract_checks import _start_fix as _start_fix
from upwork_safety.models._escrow import _ESCROW_FIELDS as _ESCROW_FIELDS
from upwork_safety.models._escrow import _HOLDING as _HOLDING
from upwork_safety.models._escrow import _MOMENTS as _MOMENTS
from upwork_safety.models._escrow import _MOMENTS_HELD as _MOMENTS_HELD
from upwork_safety.models._escrow import Escrow
from upwork_safety.models._escrow import _zero as _zero
from upwork_safety.models._feedback import Feedback
from upwork_safety.models._milestone import Milestone
from upwork_safety.models._payment import Payment, PaymentKind
from upwork_safety.models._recorded_states import _RESULTS as _RESULTS
from upwork_safety.models._time_entry import TimeEntry
from upwork_safety.models._time_entry import _check_no_overlaps as _check_no_overlaps

__all__ = [
    "Client",
    "Contract",
    "ContractKind",
    "EndReason",
    "Escrow",
    "Feedback",
    "History",
    "Milestone",
    "MilestoneState",
    "Payment",
    "PaymentKind",
    "TimeEntry",
]


def __dir__() -> list[str]:
    """The public names (``__all__``), not the names this module imports (red team r19 L4)."""
    return sorted(__all__)
