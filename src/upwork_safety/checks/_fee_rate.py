"""``FEE_RATE_NOT_CHARGED``: a contract's own service fee rate the fee engine refuses (private).

A :class:`~upwork_safety.Contract` records its ``service_fee_rate`` as a
fact (the rate shown on its offer); whether Upwork charges that rate on a
day is the fee engine's judgement, by the schedules in force
(:func:`upwork_safety.fees.explain_service_fee`).  When the engine refuses
the rate, the findings that say what becomes withdrawable cannot give the
amount after the fee; rather than only losing that figure, the review says
why, with the engine's ``field`` and ``rule`` as evidence (review r38,
review 2).  Anything else the engine cannot answer (a currency other than
USD) is genuinely unknown here and gets no finding; so is a kept legacy rate
the engine refuses only because the client's earlier billings are not given
(a :class:`~upwork_safety.Contract` cannot hold them, and the engine charges
the rate once they pass the scale's top threshold): that refusal is told
apart by its ``needs`` (``"billed_before"``), data set where the engine
raises it, never its text.
"""

from __future__ import annotations

from datetime import timezone
from typing import TYPE_CHECKING

import upwork_safety.fees as fees  # noqa: PLR0402  (the engine's public API, by name)
from upwork_safety._display import shown
from upwork_safety._render import percent
from upwork_safety.checks._codes import FindingCode
from upwork_safety.checks._findings import Finding, make_finding
from upwork_safety.errors import RulesError, UpworkSafetyError
from upwork_safety.money import Money

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from upwork_safety.models import Contract

#: The field the fee engine names when it refuses a contract's own rate.
_RATE_FIELD = "Contract.service_fee_rate"


def _refusal(contract: Contract, now: datetime) -> RulesError | None:
    """The fee engine's refusal of *contract*'s own rate, on its payments or a payment now.

    Two questions, each asked once: the contract's payments as
    :func:`~upwork_safety.fees.service_fee` charges them (all of them, in
    one pass), and one more payment now.  Asking the engine once per
    payment was quadratic in the payments (red team r38 second pass,
    finding 2: 2,000 payments took 11-13 s), since each call already
    checks the rate against every payment's schedule.
    """
    day = max(now.astimezone(timezone.utc).date(), contract.started)
    questions: list[Callable[[], object]] = []
    if contract.payments:
        last = max(payment.on for payment in contract.payments)
        questions.append(lambda: fees.service_fee(contract, on=last))
    questions.append(
        lambda: fees.explain_service_fee(Money("100.00", "USD"), on=day, contract=contract)
    )
    for question in questions:
        refused = _rate_refused(question)
        if refused is not None:
            return refused
    return None


def _rate_refused(question: Callable[[], object]) -> RulesError | None:
    """The engine's refusal of the contract's own rate when asked *question*, else ``None``."""
    try:
        question()
    except RulesError as exc:
        # Refused for want of billings the review cannot know: not a rate Upwork never charges.
        return exc if exc.field == _RATE_FIELD and exc.needs != "billed_before" else None
    except UpworkSafetyError:  # another currency, a day the schedules do not cover: unknown
        return None
    return None


def fee_rate_findings(contract: Contract, now: datetime) -> list[Finding]:
    """``FEE_RATE_NOT_CHARGED`` when the fee engine refuses *contract*'s own rate, else nothing."""
    own = contract.service_fee_rate
    if own is None:
        return []
    refused = _refusal(contract, now)
    if refused is None:
        return []
    return [
        make_finding(
            FindingCode.FEE_RATE_NOT_CHARGED,
            f"Contract {shown(contract.id)} records a service fee of {percent(own)}, a rate "
            f"Upwork does not charge on it: {refused}.",
            "Check the service fee shown on the contract's offer and record that rate (or "
            "none, for the schedule's own); until then the amounts after the fee cannot be "
            "worked out, and the findings that say when money becomes available to withdraw "
            "leave them out.",
            "",
            evidence=f"field={refused.field}; rule={refused.rule}",
        )
    ]
