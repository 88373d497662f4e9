"""A lost dispute on a contract that ended without feedback: seen, set aside, said (r35, newcomer 5)."""

from datetime import date, datetime, timezone

import attrs

from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    EndReason,
    Feedback,
    Milestone,
    Money,
    escrow,
    jss,
)
from upwork_safety.jss import Outcome

UTC = timezone.utc


def at(*args):
    """An aware UTC datetime."""
    return datetime(*args, tzinfo=UTC)


def usd(amount):
    """US dollars."""
    return Money(amount, "USD")


def lost_dispute(to_client="250.00", to_freelancer="0.00"):
    """m1 paid, m2 disputed and resolved (*to_client* / *to_freelancer*), ended without feedback."""
    contract = Contract(
        "cafe",
        Client("chai-corner", "Chai Corner"),
        ContractKind.FIXED_PRICE,
        date(2026, 7, 27),
        milestones=[
            Milestone("m1", "Logo: 3 concepts in SVG", usd("150.00")),
            Milestone("m2", "Brand guide: 12-page PDF", usd("250.00")),
        ],
    )
    for event in (
        escrow.Fund("m1", at(2026, 7, 27, 5)),
        escrow.Submit("m1", at(2026, 8, 3, 13)),
        escrow.Approve("m1", at(2026, 8, 10, 9)),
        escrow.Fund("m2", at(2026, 10, 20, 5)),
        escrow.Submit("m2", at(2026, 11, 20, 13)),
        escrow.RequestRefund("m2", at(2026, 11, 26, 7)),
        escrow.OpenDispute("m2", at(2026, 12, 1, 6)),
        escrow.AnswerDispute("m2", at(2026, 12, 3, 6)),
        escrow.ResolveDispute(
            "m2", at(2026, 12, 4, 19), to_freelancer=usd(to_freelancer), to_client=usd(to_client)
        ),
    ):
        contract = escrow.apply(contract, event)
    if contract.ended is None:
        contract = escrow.apply(contract, escrow.EndContract(at(2026, 12, 4, 20)))
    return contract


def test_lost_dispute_without_feedback_is_named_as_set_aside():
    """Newcomer r35 5: the reasons say the lost dispute was seen and set aside by the rule."""
    impact = jss.classify(lost_dispute(), as_of=date(2026, 12, 11))
    assert Outcome.EXCLUDED == impact.outcome
    assert 2 == len(impact.reasons)
    assert impact.reasons[0].startswith("ended without feedback: excluded")
    assert impact.reasons[1] == (
        "lost the dispute on milestone 'm2' (USD 250.00 to the client, USD 0.00 to the "
        "freelancer): seen, and set aside as the contract ended without feedback; with "
        "feedback, it would count as not successful (a negative signal always wins)"
    )


def test_the_score_does_not_change_and_feedback_decides():
    """The score is untouched (DOMAIN.md section 6); with feedback the lost dispute counts."""
    lost = lost_dispute()
    assert Outcome.EXCLUDED == jss.classify(lost, as_of=date(2026, 12, 11)).outcome
    with_feedback = attrs.evolve(
        lost, feedback=Feedback(stars="5.0", private_score=9, end_reason=EndReason.COMPLETED)
    )
    judged = jss.classify(with_feedback, as_of=date(2026, 12, 11))
    assert Outcome.NEGATIVE == judged.outcome
    assert any(r.startswith("lost the dispute on milestone 'm2'") for r in judged.reasons)


def test_without_a_negative_signal_the_exclusion_says_only_itself():
    """A dispute won by the freelancer leaves no negative to set aside: one reason, as before."""
    won = lost_dispute(to_client="0.00", to_freelancer="250.00")
    impact = jss.classify(won, as_of=date(2026, 12, 11))
    assert Outcome.EXCLUDED == impact.outcome
    assert 1 == len(impact.reasons)
    assert impact.reasons[0].startswith("ended without feedback: excluded")


def test_what_if_reason_says_the_lost_dispute_was_set_aside_for_want_of_feedback():
    """what_if's reason (the last reason of a left-out contract) names the dispute and why."""
    other = Contract(
        "shop",
        Client("northwind", "Northwind"),
        ContractKind.FIXED_PRICE,
        date(2026, 1, 5),
        milestones=[Milestone("m1", "Landing page: 1 page in HTML", usd("400.00"))],
    )
    for event in (
        escrow.Fund("m1", at(2026, 1, 5, 5)),
        escrow.Submit("m1", at(2026, 1, 20, 5)),
        escrow.Approve("m1", at(2026, 1, 21, 5)),
        escrow.EndContract(at(2026, 1, 22, 5)),
    ):
        other = escrow.apply(other, event)
    other = attrs.evolve(other, feedback=Feedback(stars="5.0", private_score=10))
    lost = lost_dispute()
    before = attrs.evolve(lost, feedback=None)
    change = jss.what_if([other, before], replace=lost, as_of=date(2026, 12, 11))
    assert change.before == change.after
    assert (
        "the changed contract 'cafe' does not count in the score: lost the dispute on "
        "milestone 'm2'"
    ) in change.reason
    assert "set aside as the contract ended without feedback" in change.reason
