"""The merged diff of round 35, reviewed by a hand that wrote none of it: what it found, pinned.

Each test names its finding in /work/notes/r35/report_diff_review.md.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import NewType, Protocol, runtime_checkable

import attrs
import pytest

from upwork_safety import Money, checks, escrow, hourly, rules, serialize
from upwork_safety.checks import FindingCode
from upwork_safety.errors import InvalidTypeError, InvalidValueError, TransitionError
from upwork_safety.escrow import Fund
from upwork_safety.testing import factories

UTC = timezone.utc
NOW = datetime(2026, 12, 6, tzinfo=UTC)
WHAT_IF = attrs.evolve(rules.HISTORY.presets[-1], minimum_milestone=Money("50.00", "USD"))


def _offer() -> object:
    return factories.contract(
        started=date(2026, 12, 1),
        milestones=[
            factories.milestone(milestone_id="m1", amount="20"),
            factories.milestone(milestone_id="m2", amount="20", title="Second"),
        ],
    )


# --- 2: a what-if minimum is never credited to Upwork's page ---------------------------


def test_unfunded_milestone_under_a_what_if_minimum_is_unconfirmed_and_unsourced():
    found = {f.code: f for f in checks.review_contract(_offer(), now=NOW, rules=WHAT_IF)}
    told = found[FindingCode.UNFUNDED_MILESTONE]
    sibling = found[FindingCode.MILESTONE_BELOW_MINIMUM]
    assert (True, True) == (told.unconfirmed, sibling.unconfirmed)
    assert "HC 360000990268" not in told.evidence
    assert "what-if value (no source)" in told.evidence


def test_unfunded_milestone_under_the_published_minimum_keeps_its_source():
    offer = factories.contract(
        started=date(2026, 12, 1), milestones=[factories.milestone(milestone_id="m1", amount="4")]
    )
    (told,) = [
        f
        for f in checks.review_contract(offer, now=NOW)
        if f.code is FindingCode.UNFUNDED_MILESTONE
    ]
    assert told.unconfirmed is False
    assert "(HC 360000990268)" in told.evidence


def test_the_engines_fund_refusal_names_the_minimums_own_source():
    offer = _offer()
    with pytest.raises(TransitionError) as caught:
        escrow.apply(offer, Fund("m1", NOW), rules=WHAT_IF)
    assert escrow.RefusalRule.MINIMUM_MILESTONE == caught.value.rule  # review r39, review 1
    assert "minimum milestone (what-if value (no source))." in str(caught.value)
    published = factories.contract(
        started=date(2026, 12, 1), milestones=[factories.milestone(milestone_id="m1", amount="4")]
    )
    with pytest.raises(TransitionError) as real:
        escrow.apply(published, Fund("m1", NOW))
    assert escrow.RefusalRule.MINIMUM_MILESTONE == real.value.rule
    assert "minimum milestone (HC 360000990268)." in str(real.value)


# --- 3: the shared converter's guard and the caller's own types ------------------------


def test_a_hook_for_the_callers_new_type_is_taken():
    order_id = NewType("order_id", str)
    serialize.converter.register_structure_hook(order_id, lambda d, _: order_id(d))
    assert serialize.converter.get_structure_hook(order_id)("A-1", order_id) == "A-1"


def test_a_hook_for_a_data_protocol_is_taken_not_a_raw_type_error():
    @runtime_checkable
    class HasTotal(Protocol):
        total: Money

    serialize.converter.register_structure_hook(HasTotal, lambda d, _: d)
    assert serialize.converter.get_structure_hook(HasTotal)({"x": 1}, HasTotal) == {"x": 1}


def test_a_hook_for_money_is_still_refused():
    with pytest.raises(InvalidTypeError) as caught:
        serialize.converter.register_structure_hook(Money, lambda d, _: d)
    assert ("cl", "a class of your own") == (caught.value.field, caught.value.rule)


# --- 6: the factory's refusal reads as English for a list item -------------------------


def test_submitted_contract_names_a_milestones_amount_plainly():
    # m1 first: an earlier unfunded milestone is refused first, naming milestones=
    # (the engine's first guard, review r39, review 1).
    with pytest.raises(InvalidValueError) as caught:
        factories.submitted_contract(
            milestones=[
                factories.milestone(milestone_id="m1", amount="1.00"),
                factories.milestone(milestone_id="m2", amount="10"),
            ]
        )
    assert "milestones[0].amount" == caught.value.field
    assert "pass an milestones" not in str(caught.value)


# --- 1: the dispute window takes in the whole of its last second -----------------------


def test_the_dispute_window_and_dispute_response_agree_at_the_last_microsecond():
    week = hourly.billing_week(datetime(2026, 2, 25, tzinfo=UTC))
    calendar = hourly.payout_calendar(week)
    assert datetime(2026, 3, 6, 23, 59, 59, tzinfo=UTC) == calendar.dispute_window_ends
    last = calendar.dispute_window_closes - timedelta(microseconds=1)
    assert calendar.in_dispute_window(last)
    # Accepted, as in_dispute_window says: the freelancer answers within its business days.
    assert datetime(2026, 3, 9, 23, 59, 59, 999999, tzinfo=UTC) == (
        hourly.dispute_response(last).respond_by
    )
    with pytest.raises(InvalidValueError) as caught:
        hourly.dispute_response(calendar.dispute_window_closes)
    assert "opened_at" == caught.value.field
    assert not calendar.in_dispute_window(calendar.dispute_window_closes)
    assert "to the end of 2026-03-06T23:59:59+00:00" in str(caught.value)
    record = next(r for r in calendar.to_records() if r["when"] == calendar.dispute_window_ends)
    assert record["step"].startswith("last second the client can dispute")
