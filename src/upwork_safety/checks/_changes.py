"""``CHANGES_REQUESTED``: a milestone the client sent back, waiting for the freelancer (private).

"Request changes" stops the review clock, and resubmitting through
"Submit work" starts a fresh review period (DOMAIN.md section 1, HC
360000980507): until then the escrow stays held, nothing is paid, and the
next step is the freelancer's.  The review reported nothing here until the
dormancy notice came near (newcomer r38, second pass, finding 3), so a
morning list built on :func:`~upwork_safety.checks.review_contract` dropped
the milestone for ten weeks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import upwork_safety.escrow as escrow  # noqa: PLR0402  (the engine's public API, by name)
from upwork_safety._display import shown
from upwork_safety._events import RequestChanges
from upwork_safety._render import period_text
from upwork_safety.checks._clocks import _left, _milestone_name, _when
from upwork_safety.checks._codes import FindingCode
from upwork_safety.checks._findings import Finding, make_finding
from upwork_safety.checks._milestones import short
from upwork_safety.models import MilestoneState

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from upwork_safety.models import Contract, Milestone
    from upwork_safety.rules import PlatformRules


def _asked(contract: Contract, milestone: Milestone) -> RequestChanges | None:
    """The contract's last recorded change request on *milestone*, if its history has one."""
    return next(
        (
            event
            for event in reversed(contract.history)
            if isinstance(event, RequestChanges) and event.milestone_id == milestone.id
        ),
        None,
    )


def changes_findings(
    contract: Contract,
    deadlines: Sequence[escrow.Deadline],
    now: datetime,
    in_force: PlatformRules,
    *,
    reported: Sequence[Finding],
) -> list[Finding]:
    """One ``CHANGES_REQUESTED`` per milestone the client sent back, due at its dormancy notice.

    A milestone already reported as ``DORMANT_ESCROW`` (its notice is near)
    is left to that finding, whose advice is to submit the work.
    """
    dormant = {f.milestone_id for f in reported if f.code is FindingCode.DORMANT_ESCROW}
    notices = {
        d.milestone_id: d for d in deadlines if d.kind is escrow.DeadlineKind.DORMANCY_NOTICE
    }
    found: list[Finding] = []
    for milestone in contract.milestones:
        if milestone.state is not MilestoneState.CHANGES_REQUESTED or milestone.id in dormant:
            continue
        asked = _asked(contract, milestone)
        when = "" if asked is None else f" at {_when(asked.at)}"
        note = "" if asked is None or not asked.note else f" ({shown(short(asked.note, 60))})"
        notice = notices.get(milestone.id)
        if notice is not None:
            dormancy = (
                f" If nothing moves the escrow, Upwork sends its first dormancy notice at "
                f"{_when(notice.due)} ({_left(notice.due - now)} from now)."
            )
        elif contract.ended is None:
            # Nothing dates the escrow's last move: the engine gives no dormancy date
            # rather than count from the contract's first day (review r41, 1).
            dormancy = (
                " When Upwork's dormancy notices come is not known: nothing recorded says "
                "when the escrow last moved (record the change request, with its moment, "
                "in the contract's history)."
            )
        else:
            dormancy = ""
        message = (
            f"The client asked for changes to milestone {_milestone_name(milestone)}{when}"
            f"{note}: the review clock is stopped and its {milestone.held} stays in escrow "
            "until you resubmit; resubmitting through 'Submit work' starts a fresh review "
            f"period of {period_text(in_force.review_period)}.{dormancy}"
        )
        advice = (
            "Make the changes and resubmit through 'Submit work' (nothing is paid until "
            "you do); if the request goes beyond what the milestone says, agree it with "
            "the client in the contract's messages first."
        )
        script = (
            "Hi! Thanks for the feedback. I'm working on the changes and will resubmit the "
            "milestone on Upwork as soon as they're done."
        )
        fields: dict[str, object] = {"evidence": f"state {milestone.state.name}"}
        if notice is not None:
            fields = {
                "due": notice.due,
                "time_left": notice.due - now,
                "evidence": f"state {milestone.state.name}; {notice.kind} at {_when(notice.due)}",
            }
        found.append(
            make_finding(
                FindingCode.CHANGES_REQUESTED,
                message,
                advice,
                script,
                milestone_id=milestone.id,
                amount=milestone.held,
                **fields,
            )
        )
    return found
