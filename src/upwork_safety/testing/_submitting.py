"""How :func:`~upwork_safety.testing.factories.submitted_contract` funds and submits (private).

The escrow engine judges both steps; this module only names what it
refuses by the factory's argument that caused it, so each rule (the
minimum milestone, the order of funding, dormancy) lives once, in the
engine (review r37, review 4).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from upwork_safety import escrow
from upwork_safety._display import utc_text
from upwork_safety.errors import InvalidValueError, TransitionError
from upwork_safety.models import _BEFORE_END_RULE
from upwork_safety.rules import _rule_source

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from upwork_safety.errors import UpworkSafetyError
    from upwork_safety.models import Contract


def funded_by_engine(made: Contract, funded: datetime, overrides: Mapping[str, object]) -> Contract:
    """*made* with its milestone ``m1`` funded at *funded*, as the escrow engine funds it.

    The engine alone judges the ``Fund`` (its guards: an open contract,
    milestones funded in order, the minimum milestone of the rules in force
    at *funded*).  What it refuses is re-raised naming the argument that
    caused it (:func:`_fund_argument`), its ``rule`` the engine's own
    (review r37, review 3 and 4).
    """
    try:
        return escrow.apply(made, escrow.Fund("m1", funded))
    except (TransitionError, InvalidValueError) as error:
        field, why, rule = _fund_argument(made, funded, overrides, error)
        raise InvalidValueError(
            f"{field}: {why} (submitted_contract() funds milestone 'm1' at {utc_text(funded)})",
            field=field,
            rule=rule,
        ) from None


def _fund_argument(
    made: Contract, funded: datetime, overrides: Mapping[str, object], error: UpworkSafetyError
) -> tuple[str, str, str]:
    """The argument a refused ``Fund`` of ``m1`` comes from, what to do, and the rule.

    The engine's error names the event; which argument put the refused
    value there follows from where it points: no milestone ``m1``
    (``milestones``), a funding earlier than a payment the contract records
    (``payments``) or than its other records (``history`` or
    ``milestones``), an ended contract (``ended``).  A refusal of the
    ``Fund`` itself is the amount's when the engine refuses that amount
    alone, a fresh milestone ``m1`` of a fresh contract (:func:`_refused_alone`);
    else it is what ``milestones=`` or ``history=`` put before it.
    """
    field = error.field or ""
    rule = error.rule or ""
    others = "history" if "history" in overrides else "milestones"
    if field.endswith(".milestone_id"):
        return "milestones", f"there is no milestone 'm1' to fund and submit: {error}", rule
    if field.endswith(".at") and rule == _BEFORE_END_RULE:
        return "ended", f"{error}; an ended contract funds nothing: pass ended=None", rule
    if field.endswith(".at"):
        paid = made.last_paid_at
        named = "payments" if paid is not None and funded < paid else others
        return named, f"{error}; pass an earlier {named}= or a later funded_at=", rule
    if made.ended is not None:
        return "ended", f"{error}; an ended contract funds nothing: pass ended=None", rule
    if _refused_alone(error):
        index = next(i for i, each in enumerate(made.milestones) if each.id == "m1")
        named = f"milestones[{index}].amount" if "milestones" in overrides else "amount"
        why = f"{error}: the client cannot fund it; give {named} at least the minimum"
        return named, why, rule
    return others, f"{error}", rule


def _refused_alone(error: UpworkSafetyError) -> bool:
    """Whether the engine refused the ``Fund`` for its amount alone (the minimum milestone).

    The engine's ``rule`` says which guard refused it
    (:attr:`~upwork_safety.escrow.RefusalRule.MINIMUM_MILESTONE`), so nothing
    is asked twice (review r39, review 1).
    """
    return isinstance(error, TransitionError) and (
        error.rule == escrow.RefusalRule.MINIMUM_MILESTONE
    )


def submitted_by_engine(made: Contract, submitted: datetime, funded: datetime) -> Contract:
    """*made*, its milestone ``m1`` funded at *funded*, with the work submitted at *submitted*.

    The escrow engine takes the ``Submit`` after every automatic step due
    before it; the one that can come first is dormancy's: escrow untouched
    through the dormancy period and both notices closes the contract
    (DOMAIN.md section 1), and a closed contract takes no submission.  The
    engine's closing (its ``DormancyRefundRequest``, counted as the engine
    counts it) is refused naming ``at``.
    """
    try:
        return escrow.apply(made, escrow.Submit("m1", submitted))
    except (TransitionError, InvalidValueError) as error:
        closed = escrow.advance(made, submitted)
        steps = [e for e in closed.history if isinstance(e, escrow.DormancyRefundRequest)]
        if not steps:
            raise InvalidValueError(
                f"at: the escrow engine refuses the submission at {utc_text(submitted)}: {error}",
                field="at",
                rule=error.rule,
            ) from None
        closing = steps[0].at
    source = _rule_source("dormancy_period").source
    raise InvalidValueError(
        f"at is {utc_text(submitted)}, when dormancy had closed the contract: escrow "
        f"funded at {utc_text(funded)} and untouched through the dormancy period and "
        f"both notices ({source}) closes it at {utc_text(closing)}; pass an earlier at=, "
        "or a later funded_at=",
        field="at",
        rule="before dormancy closes the contract",
    )
