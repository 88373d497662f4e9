"""Contract checks whose advice must fit the contract's real state (review r35, newcomer 2, 6, 7)."""

from datetime import date, datetime, timedelta, timezone

import attrs

from upwork_safety import Client, Contract, ContractKind, Milestone, Money, checks, escrow, rules
from upwork_safety.checks import CODES, FindingCode, Severity

UTC = timezone.utc
PKT = timezone(timedelta(hours=5))


def at(*args):
    """An aware UTC datetime."""
    return datetime(*args, tzinfo=UTC)


def usd(amount):
    """US dollars."""
    return Money(amount, "USD")


def milestone(mid, amount, title="Logo: 3 concepts", description="PNG and SVG, 2 revisions"):
    """A milestone with a specific title."""
    return Milestone(mid, title, usd(amount), description=description)


def offer(milestones, started=date(2026, 12, 7)):
    """An offer (a fixed-price contract) with a verified client, starting on *started*."""
    client = Client("gulf-homes", "Gulf Homes", payment_verified=True)
    return Contract("offer", client, ContractKind.FIXED_PRICE, started, milestones=milestones)


def unfunded(found):
    """The one UNFUNDED_MILESTONE finding among *found*."""
    (finding,) = [f for f in found if f.code is FindingCode.UNFUNDED_MILESTONE]
    return finding


# ====================================================== newcomer 2: why Fund is refused


def test_offer_starting_tomorrow_is_told_funding_opens_on_the_start_day():
    """Newcomer r35 2: a $600 milestone of an offer starting tomorrow is not told to reach $5."""
    contract = offer([milestone("m1", "600.00", "Website design"), milestone("m2", "400.00")])
    now = datetime(2026, 12, 6, 22, tzinfo=PKT)
    finding = unfunded(checks.review_contract(contract, now=now))
    assert ("m1", usd("600.00"), Severity.DANGER) == (
        finding.milestone_id,
        finding.amount,
        finding.severity,
    )
    # The engine's own refusal, and advice and script that follow from it.
    assert "the contract starts on 2026-12-07, at 00:00 UTC" == escrow.allowed(
        contract, "m1", now=now
    ).reason("Fund")
    assert "(the contract starts on 2026-12-07, at 00:00 UTC)" in finding.message
    assert "Fund: the contract starts on 2026-12-07, at 00:00 UTC" in finding.evidence
    assert "USD 5.00" not in finding.advice
    assert "raise" not in finding.advice
    assert "Upwork opens funding on its start day" in finding.advice
    assert finding.script.startswith(
        'I\'m looking forward to starting "Website design" when the contract starts on 2026-12-07 (UTC)!'
    )
    assert "Could you fund the milestone on Upwork that day?" in finding.script


def test_offer_starting_tomorrow_below_the_minimum_names_both_obstacles():
    """A $4 first milestone of an offer starting tomorrow: raise it, and fund it from the start."""
    contract = offer([milestone("m1", "4.00"), milestone("m2", "400.00")])
    finding = unfunded(checks.review_contract(contract, now=at(2026, 12, 6, 17)))
    assert (
        "(the contract starts on 2026-12-07, at 00:00 UTC; its amount USD 4.00 is below the USD 5.00 "
        "minimum milestone (HC 360000990268))"
    ) in finding.message
    assert (
        "raise the milestone to at least USD 5.00 (or merge it with another one) and fund it "
        "on or after 2026-12-07 (UTC), the day the contract starts;"
    ) in finding.advice
    assert "Upwork can only fund milestones of at least USD 5.00" in finding.script
    assert "fund it on or after 2026-12-07 (UTC), the day the contract starts?" in finding.script


def test_started_contract_below_the_minimum_still_asks_to_raise_it():
    """Once the contract has started, a $4 next milestone is still asked to be raised, no date."""
    contract = offer([milestone("m1", "4.00")], started=date(2026, 12, 1))
    finding = unfunded(checks.review_contract(contract, now=at(2026, 12, 6, 17)))
    assert "at least USD 5.00" in finding.advice
    assert "starts" not in finding.advice
    assert "Fund: its amount USD 4.00 is below" in finding.evidence


def test_started_contract_fundable_milestone_is_asked_to_be_funded():
    """A fundable next milestone on a started contract keeps the plain "fund it" advice."""
    contract = offer([milestone("m1", "600.00")], started=date(2026, 12, 1))
    finding = unfunded(checks.review_contract(contract, now=at(2026, 12, 6, 17)))
    assert "Ask the client to fund it" in finding.advice
    assert "Fund:" not in finding.evidence


def test_offer_under_rules_without_a_minimum_in_its_currency_waits_for_the_start_only():
    """The minimum is read from the rules the engine uses: a lower one makes $4 fundable."""
    low = attrs.evolve(rules.CURRENT, minimum_milestone=usd("1.00"))
    contract = offer([milestone("m1", "4.00")])
    finding = unfunded(checks.review_contract(contract, now=at(2026, 12, 6, 17), rules=low))
    assert "at least" not in finding.advice
    assert "the contract starts on 2026-12-07" in finding.advice


# ================================================ newcomer 7: a milestone below the minimum


def below(found):
    """The MILESTONE_BELOW_MINIMUM findings among *found*, as (milestone, amount, unconfirmed)."""
    return [
        (f.milestone_id, f.amount, f.unconfirmed)
        for f in found
        if f.code is FindingCode.MILESTONE_BELOW_MINIMUM
    ]


def test_a_later_milestone_below_the_minimum_is_reported_at_review():
    """Newcomer r35 7: a $4 third milestone of an offer is flagged now, not when it comes up."""
    contract = offer(
        [milestone("m1", "600.00"), milestone("m2", "400.00"), milestone("m3", "4.00", "Search")],
        started=date(2026, 12, 1),
    )
    found = checks.review_contract(contract, now=at(2026, 12, 6, 17))
    assert [("m3", usd("5.00"), False)] == below(found)
    (finding,) = [f for f in found if f.code is FindingCode.MILESTONE_BELOW_MINIMUM]
    assert Severity.WARNING == finding.severity == CODES["MILESTONE_BELOW_MINIMUM"].severity
    assert "amount USD 4.00 < minimum milestone USD 5.00 (HC 360000990268)" == finding.evidence
    assert "Milestone m3 ('Search') is USD 4.00, below the USD 5.00 minimum" in finding.message
    assert "raise it to at least USD 5.00" in finding.advice
    assert '"Search" can\'t be funded as it stands' in finding.script
    assert "HC 360000990268" == CODES["MILESTONE_BELOW_MINIMUM"].source
    # The engine agrees: m3 could not be funded, even once it is m3's turn.
    assert "below the USD 5.00 minimum" in escrow.allowed(
        attrs.evolve(contract, milestones=[contract.milestones[2]]), "m3", now=at(2026, 12, 6, 17)
    ).reason("Fund")


def test_the_next_milestone_below_the_minimum_is_reported_once():
    """The next milestone that UNFUNDED_MILESTONE asks to raise is not reported twice."""
    contract = offer([milestone("m1", "3.00"), milestone("m2", "2.00")], started=date(2026, 12, 1))
    found = checks.review_contract(contract, now=at(2026, 12, 6, 17))
    assert "at least USD 5.00" in unfunded(found).advice
    assert [("m2", usd("5.00"), False)] == below(found)


def test_below_minimum_uses_the_minimum_in_force_and_says_a_what_if_has_no_source():
    """The minimum is the rules' in force: a what-if minimum is flagged unconfirmed, no source."""
    higher = attrs.evolve(rules.CURRENT, minimum_milestone=usd("50.00"))
    contract = offer(
        [milestone("m1", "600.00"), milestone("m2", "40.00")], started=date(2026, 12, 1)
    )
    found = checks.review_contract(contract, now=at(2026, 12, 6, 17), rules=higher)
    assert [("m2", usd("50.00"), True)] == below(found)
    (finding,) = [f for f in found if f.code is FindingCode.MILESTONE_BELOW_MINIMUM]
    assert "(what-if value (no source))" in finding.evidence
    assert [] == below(checks.review_contract(contract, now=at(2026, 12, 6, 17)))


def test_below_minimum_skips_funded_other_currency_and_ended_contracts():
    """Only milestones still to be funded, in the minimum's currency, on an open contract."""
    contract = offer(
        [milestone("m1", "600.00"), milestone("m2", "4.00")], started=date(2026, 12, 1)
    )
    ended = attrs.evolve(contract, ended=date(2026, 12, 5))
    assert [] == below(checks.review_contract(ended, now=at(2026, 12, 6, 17)))
    euro = attrs.evolve(
        contract,
        milestones=[
            Milestone("m1", "Logo", Money("600", "EUR")),
            Milestone("m2", "Icon", Money("4", "EUR")),
        ],
    )
    assert [] == below(checks.review_contract(euro, now=at(2026, 12, 6, 17)))
    # Funded, m1 is no longer a milestone to raise; m2 still is.
    funded = escrow.apply(contract, escrow.Fund("m1", at(2026, 12, 2, 9)))
    assert [("m2", usd("5.00"), False)] == below(
        checks.review_contract(funded, now=at(2026, 12, 6, 17))
    )


# ===================================== newcomer 6: an open dispute, its date and fitting advice


def in_dispute(amount="250.00"):
    """m1 funded, submitted, asked back by the client and disputed on 2026-12-01 06:00 UTC."""
    contract = offer([milestone("m1", amount, "Brand guide")], started=date(2026, 10, 20))
    for event in (
        escrow.Fund("m1", at(2026, 10, 20, 5)),
        escrow.Submit("m1", at(2026, 11, 20, 13)),
        escrow.RequestRefund("m1", at(2026, 11, 26, 7)),
        escrow.OpenDispute("m1", at(2026, 12, 1, 6)),
    ):
        contract = escrow.apply(contract, event)
    return contract


def by_code(found, code):
    """The one finding of *code* among *found*."""
    (finding,) = [f for f in found if f.code == code]
    return finding


def test_dispute_awaiting_the_client_shows_the_answer_deadline():
    """Newcomer r35 6: the client's answer deadline of an open dispute is a finding (info)."""
    contract = in_dispute()
    now = at(2026, 12, 3, 7)
    (due,) = [
        d
        for d in escrow.deadlines(contract, now)
        if d.kind is escrow.DeadlineKind.DISPUTE_RESPONSE_DUE
    ]
    finding = by_code(checks.review_contract(contract, now=now), "DISPUTE_ANSWER_DUE")
    assert (Severity.INFO, "m1", due.due, due.due - now, usd("250.00")) == (
        finding.severity,
        finding.milestone_id,
        finding.due,
        finding.time_left,
        finding.amount,
    )
    # 5 business days from Tuesday 2026-12-01 06:00 UTC (rules.md).
    assert at(2026, 12, 8, 6) == finding.due
    assert "the client has until 2026-12-08 06:00:00 UTC" in finding.message
    assert "the disputed USD 250.00 is released to the freelancer" in finding.message
    assert "" == finding.script
    assert finding.evidence.startswith("dispute_response_due at 2026-12-08 06:00:00 UTC")
    assert "HC 211062068" in CODES["DISPUTE_ANSWER_DUE"].source


def test_dispute_answered_no_longer_shows_the_answer_deadline():
    """Once the client answered, the answer deadline is gone; mediation's steps take over."""
    contract = escrow.apply(in_dispute(), escrow.AnswerDispute("m1", at(2026, 12, 3, 6)))
    found = checks.review_contract(contract, now=at(2026, 12, 3, 7))
    assert [] == [f for f in found if f.code == "DISPUTE_ANSWER_DUE"]


def test_arbitration_advice_on_a_disputed_milestone_does_not_say_submit_work():
    """Newcomer r35 6: "submit through 'Submit work'" is stale on a milestone in dispute."""
    found = checks.review_contract(in_dispute(), now=at(2026, 12, 3, 7))
    finding = by_code(found, FindingCode.ARBITRATION_UNECONOMIC)
    assert "Submit work" not in finding.advice
    assert "The dispute is open" in finding.advice
    assert "USD 225.00" in finding.evidence  # the net after the fee, not the sentence


def test_arbitration_advice_says_submit_work_only_while_work_can_be_submitted():
    """A funded milestone is told to submit through Submit work; a submitted one is not."""
    contract = offer([milestone("m1", "250.00")], started=date(2026, 10, 20))
    funded = escrow.apply(contract, escrow.Fund("m1", at(2026, 10, 20, 5)))
    submitted = escrow.apply(funded, escrow.Submit("m1", at(2026, 11, 20, 13)))
    advice = {
        name: by_code(
            checks.review_contract(c, now=at(2026, 11, 21)), "ARBITRATION_UNECONOMIC"
        ).advice
        for name, c in (("funded", funded), ("submitted", submitted))
    }
    assert "submit through 'Submit work'" in advice["funded"]
    assert "Submit work" not in advice["submitted"]
    assert "don't count on arbitration" in advice["submitted"]


def test_a_refusal_no_guard_gives_today_is_quoted_not_guessed():
    """Any other reason the engine may give is quoted in the advice, never turned into a minimum."""
    from upwork_safety.checks._contracts import _refused_advice
    from upwork_safety.checks._fund_advice import FundRefusal

    refused = FundRefusal(("a reason of a new guard",), other="a reason of a new guard")
    advice, script = _refused_advice(milestone("m1", "600.00", "Website design"), refused)
    assert "Upwork will not fund it as it stands (a reason of a new guard)" in advice
    assert "at least" not in advice
    assert script.startswith('I\'m ready to start "Website design"!')
