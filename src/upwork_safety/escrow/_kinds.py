"""The escrow package's kinds: what a deadline is, who must act, which manual event (private).

Both are :class:`~upwork_safety.kinds.StrEnum`: members equal their text
(``DeadlineKind.REVIEW_ENDS == "review_ends"``), so code that compared
strings keeps working, and they print as that text.
"""

from __future__ import annotations

from upwork_safety._display import shown
from upwork_safety._events import MANUAL_EVENTS, event_class
from upwork_safety.errors import InvalidValueError
from upwork_safety.kinds import StrEnum

__all__ = ["DeadlineKind", "Party"]


class DeadlineKind(StrEnum):
    """What an escrow :class:`~upwork_safety.escrow.Deadline` is about."""

    #: The client's review period ends: silence releases the escrow.
    REVIEW_ENDS = "review_ends"
    #: The freelancer's time to answer an escrow refund request ends: silence refunds it.
    REFUND_RESPONSE_DUE = "refund_response_due"
    #: The client's time to answer a dispute ends: silence releases the funds.
    DISPUTE_RESPONSE_DUE = "dispute_response_due"
    #: The mediator's time to propose a resolution ends.
    MEDIATION_PROPOSAL_DUE = "mediation_proposal_due"
    #: Both sides' time to accept the mediator's proposal ends.
    MEDIATION_ACCEPTANCE_DUE = "mediation_acceptance_due"
    #: The arbitration opt-in window closes: the default outcome applies.
    ARBITRATION_OPT_IN_DUE = "arbitration_opt_in_due"
    #: A payment's security period ends: pending money becomes available.
    FUNDS_AVAILABLE = "funds_available"
    #: The freelancer can no longer refund a milestone's payments.
    REFUND_WINDOW_CLOSES = "refund_window_closes"
    #: The freelancer can no longer dispute a milestone's refund request (the
    #: filing window, or the automatic refund if that comes first).
    DISPUTE_WINDOW_CLOSES = "dispute_window_closes"
    #: Upwork sends the first (2-week) dormancy notice.
    DORMANCY_NOTICE = "dormancy_notice"
    #: Upwork sends the final (1-week) dormancy notice.
    DORMANCY_FINAL_NOTICE = "dormancy_final_notice"
    #: The dormant contract closes and its escrow becomes a refund request.
    DORMANCY_CLOSE = "dormancy_close"


class Party(StrEnum):
    """Who must act before a :class:`~upwork_safety.escrow.Deadline`."""

    CLIENT = "client"
    FREELANCER = "freelancer"
    MEDIATOR = "mediator"
    #: Both sides must act (e.g. accept a proposal, pay for arbitration).
    BOTH = "both"
    #: Either side's activity is enough (e.g. to keep a contract from going dormant).
    EITHER = "either"
    #: Nothing to do: the time passes by itself.
    NOBODY = "nobody"


#: The names a :class:`~upwork_safety.escrow.Choices` may list: the manual escrow events.
EVENT_NAMES = tuple(kind.__name__ for kind in MANUAL_EVENTS)


def event_kind_name(event: object, name: str) -> str:
    """The name of the manual escrow event kind *event* stands for; else raise naming *name*.

    *event* may be one of :data:`MANUAL_EVENTS`, an event of one of them
    (an instance of a subclass too: read as the plain event it holds, by
    the escrow engine's own rule, :func:`~upwork_safety._events.event_class`),
    or the class's name; anything else (an automatic event, a misspelt name,
    a number) is refused, so a test for an event never answers ``False``
    for a mistake.
    """
    if isinstance(event, str):
        text = str(event)
        if text in EVENT_NAMES:
            return text
    else:
        kind = event if isinstance(event, type) else event_class(event)
        if kind in MANUAL_EVENTS:
            return kind.__name__
    # A class is named (its repr would be "<type object>"), read through type's
    # own descriptor so a metaclass cannot answer for it.
    got = (
        f"the class {type.__dict__['__qualname__'].__get__(event)}"
        if isinstance(event, type)
        else shown(event)
    )
    raise InvalidValueError(
        f"{got} is not a manual escrow event: {name} must be one of "
        f"{', '.join(EVENT_NAMES)} (the class, an event of it, or its name)",
        field=name,
        rule="a manual escrow event",
    )


def event_name(value: str, name: str) -> None:
    """*value*, plain text, must name a manual escrow event; else raise naming *name*."""
    if value not in EVENT_NAMES:
        raise InvalidValueError(
            f"{name} must name a manual escrow event ({', '.join(EVENT_NAMES)}), "
            f"got {shown(value)}",
            field=name,
            rule="a manual escrow event",
        )
