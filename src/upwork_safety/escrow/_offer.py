"""The contract as it was offered, from a stored one (private; published as ``escrow.as_offered``).

A contract the engine moved records every step in its history, and every
payout and escrow change follows from those steps, so the contract before
them is the stored one without them.  Correcting a staff entry means
replaying the events people performed, with the fix, on that contract
(docs/cookbook.md): an app that stored only the current contract gets it
here, checked to be exact.
"""

from __future__ import annotations

import attrs

from upwork_safety._decimals import exact
from upwork_safety._display import shown
from upwork_safety._history import History
from upwork_safety.errors import InvalidValueError, UpworkSafetyError
from upwork_safety.escrow._engine import check_rules, fixed_price, replay
from upwork_safety.escrow._recorded_steps import STEP_DUE_RULE
from upwork_safety.models import Contract, Escrow, PaymentKind
from upwork_safety.rules import PlatformRules, RuleHistory

__all__ = ["OFFER_RULE", "as_offered"]

#: The rule a contract that its history does not rebuild from its offer breaks.
OFFER_RULE = "a contract its history rebuilds from the offer"

#: The payments the engine makes (an escrow release, a bonus): its history records them.
_ENGINE_PAID = frozenset({PaymentKind.RELEASE, PaymentKind.BONUS})


@exact
def as_offered(
    contract: Contract,
    *,
    rules: PlatformRules | RuleHistory[PlatformRules] | None = None,
) -> Contract:
    """Return *contract* as it was offered, before any escrow step: what its history replays on.

    The offer has no history, no end and no feedback, no release or bonus
    payment (the engine paid them, at events its history records), and
    every milestone's escrow back to ``Escrow.unfunded`` (a carried
    remainder included: the partial approval that carried it is in the
    history).  Everything else is kept as it is: the milestones' ids,
    titles, amounts and order, the client, the start, and the payments
    recorded by hand (kind ``other``).

    It is exact, or refused: replaying ``contract.history`` on the offer
    under *rules* (:func:`replay`) gives *contract* back, but for its
    feedback (given at the end, outside the history: add it back with
    ``attrs.evolve``) and the place of the payments recorded by hand among
    the engine's: the replay lists those by hand first, then the engine's,
    each kind in its stored order, so a payment by hand listed after the
    engine's (added with ``[*contract.payments, payment]``) is kept, and
    comes first in the replayed contract.  So the events people performed,
    corrected, can be replayed on it (docs/cookbook.md, "Correcting a staff
    entry").

    Args:
        contract: A fixed-price contract, as stored.
        rules: The rules its history was recorded under, as for
            :func:`replay`; by default those in force.

    Returns:
        The contract as offered.

    Raises:
        InvalidValueError: The history does not rebuild *contract* from
            that offer (``field`` ``"contract"``, ``rule`` ``"a contract its
            history rebuilds from the offer"``; the message says what
            differs, and the replay's own error is its ``__cause__``): a
            milestone whose escrow was set by hand, an end with no
            ``EndContract`` in the history, a payment recorded by hand dated
            later than an event (wherever it is listed), a history
            recorded under other *rules*, or an automatic step in the
            history at another moment than its clock makes due (edited,
            or saved by 0.2.0 with a weekend dispute: the message names
            the entry, ``Contract.history[i]``, and docs/upgrading.md
            shows how to rebuild such a contract from its events).  Also
            an hourly contract (``field`` ``"contract"``).
        InvalidTypeError: *contract* or *rules* of the wrong type.
    """
    contract = fixed_price(contract)
    given = check_rules(rules)
    offer = attrs.evolve(
        contract,
        history=History(()),
        ended=None,
        feedback=None,
        payments=[p for p in contract.payments if p.kind not in _ENGINE_PAID],
        milestones=[
            attrs.evolve(m, escrow=Escrow.unfunded(m.amount.currency)) for m in contract.milestones
        ],
    )
    try:
        rebuilt = replay(offer, contract.history, rules=given)
    except UpworkSafetyError as error:
        raise InvalidValueError(
            f"contract {shown(contract.id)} cannot be rebuilt from its offer: "
            + _why_refused(error, given_rules=rules is not None),
            field="contract",
            rule=OFFER_RULE,
        ) from error
    expected = _as_replayed(contract)
    if rebuilt != expected:
        raise InvalidValueError(
            f"contract {shown(contract.id)} cannot be rebuilt from its offer: its history, "
            f"replayed on it, gives other {_differs(rebuilt, expected)}; they were set by hand, "
            "or the history was recorded under other rules (rules=)",
            field="contract",
            rule=OFFER_RULE,
        )
    return offer


def _why_refused(error: UpworkSafetyError, *, given_rules: bool) -> str:
    """Why replaying the history on the offer was refused (*error*), and what to do, in words.

    An automatic step recorded at another moment than its clock gives is
    the step's own fault, not the rules' unless the caller chose them
    (newcomer r36, 2): a contract saved by 0.2.0 with a dispute filed on a
    weekend holds its release at 0.2.0's deadline, which no rules give.
    """
    if error.rule != STEP_DUE_RULE:
        return (
            f"replaying its history on it is refused ({error}); it holds something its "
            "history did not record (set by hand), or was recorded under other rules (rules=)"
        )
    entry = "Contract.history" + (error.field or "").removeprefix("events")
    rules = "the rules given" if given_rules else "the rules in force"
    return (
        f"{entry} is an automatic step at another moment than its clock makes due under "
        f"{rules} ({error}): it was edited, or saved by 0.2.0, which released a dispute "
        "filed on a Saturday or Sunday too early. Rebuild the contract by replaying only "
        "the events people performed on it as offered, so the engine takes each automatic "
        "step when it is due (docs/upgrading.md, 'A contract saved by 0.2.0')"
    )


def _as_replayed(contract: Contract) -> Contract:
    """*contract* as a replay on its offer lists it: no feedback, the payments by hand first.

    The offer keeps the payments recorded by hand, and the replay appends
    the engine's after them, so the stored order of the two kinds is not
    the history's to rebuild (hostile r35, 8): each kind keeps its own order.
    """
    hand = [p for p in contract.payments if p.kind not in _ENGINE_PAID]
    paid = [p for p in contract.payments if p.kind in _ENGINE_PAID]
    if contract.feedback is None and list(contract.payments) == [*hand, *paid]:
        return contract
    return attrs.evolve(contract, feedback=None, payments=[*hand, *paid])


def _differs(rebuilt: Contract, stored: Contract) -> str:
    """The fields of *rebuilt* and *stored* that differ, in words (at least one does)."""
    names = [
        field.name
        for field in attrs.fields(type(stored))
        if getattr(rebuilt, field.name) != getattr(stored, field.name)
    ]
    if "milestones" in names:
        ids = [
            shown(mine.id)
            for mine, theirs in zip(rebuilt.milestones, stored.milestones, strict=True)
            if mine != theirs
        ]
        names[names.index("milestones")] = f"milestones ({', '.join(ids)})"
    return ", ".join(names)
