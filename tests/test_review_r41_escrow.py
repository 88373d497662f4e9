"""Escrow findings of round 41 (review 1, 3, 8; newcomer 4, 6)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import attrs
import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    Milestone,
    MilestoneState,
    Money,
    Payment,
    checks,
    escrow,
    serialize,
)
from upwork_safety.errors import InvalidValueError, TransitionError
from upwork_safety.models import Escrow
from upwork_safety.testing import factories

UTC = timezone.utc
USD = Money("430.00", "USD")


def _by_hand(state: MilestoneState, history: tuple[escrow.Event, ...] = ()) -> Contract:
    """docs/cli.md's changes.json / funded.json: a milestone recorded by hand, holding escrow."""
    return Contract(
        "c-karachi",
        "dubai-realty",
        ContractKind.FIXED_PRICE,
        date(2026, 3, 2),
        milestones=[
            Milestone("m1", "WordPress site: 5 pages", USD, escrow=Escrow(state, USD, held=USD))
        ],
        history=history,
    )


_DORMANCY = {
    escrow.DeadlineKind.DORMANCY_NOTICE,
    escrow.DeadlineKind.DORMANCY_FINAL_NOTICE,
    escrow.DeadlineKind.DORMANCY_CLOSE,
}


# -- review 1: an undated escrow is not a confident dormancy closure -----------------


@pytest.mark.parametrize("state", [MilestoneState.FUNDED, MilestoneState.CHANGES_REQUESTED])
def test_undated_escrow_gets_no_dormancy_deadline_step_or_finding(state: MilestoneState) -> None:
    contract = _by_hand(state)
    found = escrow.deadlines(contract, datetime(2026, 3, 12, tzinfo=UTC))
    assert [d for d in found if d.kind in _DORMANCY] == []
    later = escrow.advance(contract, datetime(2026, 6, 20, tzinfo=UTC))
    assert later == contract
    assert later.milestone("m1").state is state
    assert later.milestone("m1").held == USD
    for now in (datetime(2026, 6, 10, tzinfo=UTC), datetime(2026, 6, 20, tzinfo=UTC)):
        codes = {f.code for f in checks.review_contract(contract, now=now)}
        assert checks.FindingCode.REFUND_REQUEST_PENDING not in codes
        assert checks.FindingCode.DORMANT_ESCROW not in codes


def test_a_dating_history_event_gives_the_dormancy_dates_and_closure() -> None:
    asked = datetime(2026, 3, 11, 12, 0, tzinfo=UTC)
    contract = _by_hand(MilestoneState.CHANGES_REQUESTED, (escrow.RequestChanges("m1", asked),))
    found = escrow.deadlines(contract, datetime(2026, 3, 12, tzinfo=UTC))
    dates = [(d.kind, d.due.date()) for d in found if d.kind in _DORMANCY]
    assert dates == [
        (escrow.DeadlineKind.DORMANCY_NOTICE, date(2026, 5, 26)),
        (escrow.DeadlineKind.DORMANCY_FINAL_NOTICE, date(2026, 6, 9)),
        (escrow.DeadlineKind.DORMANCY_CLOSE, date(2026, 6, 16)),
    ]
    later = escrow.advance(contract, datetime(2026, 6, 20, tzinfo=UTC))
    assert isinstance(later.history[-1], escrow.DormancyRefundRequest)
    assert later.milestone("m1").state is MilestoneState.REFUND_REQUESTED


def test_a_step_the_caller_takes_dates_the_clock() -> None:
    funded_at = datetime(2026, 3, 5, tzinfo=UTC)
    contract = Contract(
        "c-karachi",
        "dubai-realty",
        ContractKind.FIXED_PRICE,
        date(2026, 3, 2),
        milestones=[Milestone("m1", "WordPress site: 5 pages", USD)],
    )
    funded = escrow.apply(contract, escrow.Fund("m1", funded_at))
    found = escrow.deadlines(funded, funded_at)
    assert [d.kind for d in found if d.kind in _DORMANCY] == [
        escrow.DeadlineKind.DORMANCY_NOTICE,
        escrow.DeadlineKind.DORMANCY_FINAL_NOTICE,
        escrow.DeadlineKind.DORMANCY_CLOSE,
    ]


def test_changes_requested_finding_says_the_dormancy_date_is_unknown() -> None:
    contract = _by_hand(MilestoneState.CHANGES_REQUESTED)
    found = checks.review_contract(contract, now=datetime(2026, 3, 12, tzinfo=UTC))
    (finding,) = [f for f in found if f.code is checks.FindingCode.CHANGES_REQUESTED]
    assert finding.due is None
    assert "not known" in finding.message
    assert "2026-05-17" not in finding.message


# -- review 3: the end is a recorded moment, not read beyond now ------------------------


def _ends_in_may() -> Contract:
    return Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2026, 3, 2),
        ended=date(2026, 5, 1),
        milestones=[Milestone("m1", "Site", USD)],
    )


def test_recorded_until_counts_the_end_day() -> None:
    assert _ends_in_may().recorded_until == datetime(2026, 5, 1, tzinfo=UTC)


def test_apply_before_the_end_day_is_refused_naming_contract_ended() -> None:
    with pytest.raises(TransitionError) as caught:
        escrow.apply(_ends_in_may(), escrow.Fund("m1", datetime(2026, 4, 1, tzinfo=UTC)))
    assert caught.value.field == "event.at"
    assert caught.value.rule == "not before the recorded end"
    assert "Contract.ended" in str(caught.value)


@pytest.mark.parametrize("call", ["deadlines", "allowed", "advance", "ledger"])
def test_a_now_before_the_end_day_is_refused_naming_contract_ended(call: str) -> None:
    now = datetime(2026, 4, 1, tzinfo=UTC)
    contract = _ends_in_may()
    calls = {
        "deadlines": lambda: escrow.deadlines(contract, now),
        "allowed": lambda: escrow.allowed(contract, "m1", now=now),
        "advance": lambda: escrow.advance(contract, now),
        "ledger": lambda: escrow.ledger(contract, now),
    }
    with pytest.raises(InvalidValueError) as caught:
        calls[call]()
    assert (caught.value.field, caught.value.rule) == ("now", "not before the recorded end")
    assert "Contract.ended" in str(caught.value)


def test_from_the_end_day_on_the_contract_reads_as_ended() -> None:
    contract = _ends_in_may()
    on_the_day = datetime(2026, 5, 1, tzinfo=UTC)
    assert escrow.allowed(contract, "m1", now=on_the_day).allowed == ()
    assert escrow.allowed(contract, "m1").allowed == ()
    assert list(escrow.deadlines(contract, on_the_day)) == []
    with pytest.raises(TransitionError) as caught:
        escrow.apply(contract, escrow.Fund("m1", on_the_day))
    assert caught.value.rule == escrow.RefusalRule.CONTRACT_OPEN


# -- review 8 and newcomer 6: what the docs say -----------------------------------------


def test_ledger_docstring_names_the_currency_the_code_takes() -> None:
    paid = Payment(date(2026, 3, 3), Money("100.00", "PKR"))
    contract = Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2026, 3, 2), payments=[paid])
    assert escrow.ledger(contract, datetime(2026, 3, 10, tzinfo=UTC)).funded == Money("0", "PKR")
    doc = " ".join((escrow.ledger.__doc__ or "").split())
    assert "its first payment's" in doc
    assert "USD when there is none" not in doc


def test_both_pages_say_which_review_ends_is_inclusive() -> None:
    root = Path(__file__).resolve().parent.parent / "docs"
    for page in ("escrow.md", "hourly.md"):
        text = " ".join((root / page).read_text("utf-8").split())
        assert "last second still in review, inclusive" in text, page
        assert "moment the step happens" in text, page


# -- newcomer 4: allowed() gives each refusal's stable key beside its sentence ----------


def test_allowed_gives_the_rule_apply_gives() -> None:
    job = factories.submitted_contract()
    choices = escrow.allowed(job, "m1")
    assert [name for name, _ in choices.refused_rules] == [name for name, _ in choices.refused]
    assert choices.rule("Fund") == escrow.RefusalRule.FUNDED_ONCE
    assert choices.rule(escrow.Submit) == escrow.RefusalRule.ONE_REVIEW
    assert choices.rule("Approve") is None
    with pytest.raises(TransitionError) as caught:
        escrow.apply(job, escrow.Fund("m1", datetime(2026, 3, 10, tzinfo=UTC)))
    assert caught.value.rule == choices.rule("Fund")
    rows = {row["event"]: row for row in choices.to_records()}
    assert rows["Fund"]["rule"] == escrow.RefusalRule.FUNDED_ONCE
    assert rows["Approve"]["rule"] == ""
    data = serialize.to_dict(choices)
    assert ["Fund", escrow.RefusalRule.FUNDED_ONCE] in [list(p) for p in data["refused_rules"]]
    assert serialize.from_dict(escrow.Choices, data) == choices


def test_allowed_keys_an_ended_contract_and_one_not_started() -> None:
    ended = escrow.allowed(_ends_in_may(), "m1")
    assert ended.rule("EndContract") == escrow.RefusalRule.CONTRACT_OPEN
    assert ended.rule("Fund") == escrow.RefusalRule.CONTRACT_OPEN
    fresh = attrs.evolve(_ends_in_may(), ended=None)
    early = escrow.allowed(fresh, "m1", now=datetime(2026, 3, 1, tzinfo=UTC))
    assert {key for _, key in early.refused_rules} == {"not before Contract.started"}


def test_choices_whose_keys_and_sentences_disagree_is_refused() -> None:
    choices = escrow.allowed(factories.submitted_contract(), "m1")
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(choices, refused_rules=choices.refused_rules[1:])
    assert (caught.value.field, caught.value.rule) == (
        "Choices.refused_rules",
        "a rule for each refusal",
    )
    swapped = (choices.refused_rules[1], choices.refused_rules[0], *choices.refused_rules[2:])
    with pytest.raises(InvalidValueError):
        attrs.evolve(choices, refused_rules=swapped)
