"""The escrow package's text-valued kinds: what a deadline is, and who must act (private).

Both are :class:`~upwork_safety.kinds.StrEnum`: members equal their text
(``DeadlineKind.REVIEW_ENDS == "review_ends"``), so code that compared
strings keeps working, and they print as that text.
"""

from __future__ import annotations

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
