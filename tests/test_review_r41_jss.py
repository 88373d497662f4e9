"""Round 41, jss: a stable code beside every reason (closing note r40, jss).

``Impact.codes`` (a ``ReasonCode`` per reason), ``JSSReport.reason_codes`` and
``WhatIf.reason_codes`` (``ScoreReason``), and ``ChangeItem``'s exclusion
codes of both days: each chosen where its sentence is written, so a program
never parses the English.
"""

from __future__ import annotations

import random
import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from test_jss import _open_with, job, pay, resolved  # the signal tests' contracts
from test_jss_points import job as points_job  # the trending pair's history
from upwork_safety import Money, Payment, jss, serialize
from upwork_safety.errors import InvalidValueError
from upwork_safety.models import EndReason, Escrow, Milestone, MilestoneState
from upwork_safety.testing import factories as f

ReasonCode, ScoreReason, ExclusionCode = jss.ReasonCode, jss.ScoreReason, jss.ExclusionCode

#: What each code's sentence says, as a pattern the sentence matches: the text and the
#: code must never disagree.
SAYS = {
    ReasonCode.STARS_POOR: r"public stars \S+ are poor",
    ReasonCode.STARS_STRONG: r"public stars \S+ are strong",
    ReasonCode.STARS_MIDDLING: r"public stars \S+ are middling",
    ReasonCode.PRIVATE_DETRACTOR: r"private score \d+/10 is a detractor",
    ReasonCode.PRIVATE_PROMOTER: r"private score \d+/10 is a promoter",
    ReasonCode.PRIVATE_PASSIVE: r"private score \d+/10 is passive",
    ReasonCode.END_REASON_NEGATIVE: r"ended as '",
    ReasonCode.ESCROW_REFUNDED: r"escrow refunded to the client",
    ReasonCode.LOST_DISPUTE: r"lost the dispute",
    ReasonCode.NEGATIVE_WINS: r"a negative signal always wins: counts as negative",
    ReasonCode.NEGATIVE_WINS_ONCE_COUNTED: r"a negative signal always wins: will count",
    ReasonCode.NO_FEEDBACK_COUNTED: r"no feedback$",
    ReasonCode.NOT_STRONG: r"no strong feedback and no long-term relationship",
    ReasonCode.UNPAID_NOT_POSITIVE: r"nothing earned, but not positive feedback",
    ReasonCode.LONG_TERM: r"long-term: paid over",
    ReasonCode.REHIRED: r"rehired: client",
    ReasonCode.OPEN_IDLE: r"open with no payment since .*counts as not successful",
    ReasonCode.OPEN_LONG_TERM: r"open long-term contract .*counts: paid at least every",
    ReasonCode.CLIENT_EXCLUDED: r"client .* is excluded by the caller",
    ReasonCode.STARTS_AFTER: r"starts on \S+, after",
    ReasonCode.OPEN_NOT_YET_COUNTED: r"still open, .*counts once paid at least every",
    ReasonCode.LONG_TERM_LAPSED: r"open long-term contract with no payment since",
    ReasonCode.UNPAID_POSITIVE: r"nothing earned and positive feedback: .*still counts toward",
    ReasonCode.UNPAID_POSITIVE_BEFORE_ELIGIBILITY: r"nothing earned .*counts toward nothing",
    ReasonCode.NO_FEEDBACK: r"ended without feedback: excluded",
    ReasonCode.NEGATIVE_SET_ASIDE: r": seen, and set aside",
    ReasonCode.OUTSIDE_WINDOWS: r"outside every window$",
    ReasonCode.OUTSIDE_WINDOWS_STILL_ELIGIBLE: r"outside every window; it still counts",
    ReasonCode.WEIGHT: r"weight \S+: earned .*months?$",
    ReasonCode.WEIGHT_FROM_LATER_RUN: r"weight \S+: earned .*\(counted from",
    ReasonCode.COUNTS_UNTIL: r"counts in the \d+ months window until \d{4}-\d\d-\d\d$",
    ReasonCode.RECORDED_AFTER_THE_DAY: r"after \S+: .*count(s)? only from",
    ReasonCode.SNAPSHOT: r"judged on the latest snapshot",
    ReasonCode.OUTSIDE_SHOWN_WINDOW: r"outside the \d+ months window the score shown",
    ReasonCode.OUTSIDE_TRENDING_PAIR: r"outside both windows of the score shown",
    ReasonCode.HALF_IN_TRENDING: r"it counts in half of it",
    ReasonCode.LEFT_WINDOWS: r"left the .* window",
    ReasonCode.SCORE_LOST: r"with this change there is no score",
    ReasonCode.SCORE_GAINED: r"with this change the eligibility rules are met",
}

#: The rule sets the sweep judges under: today's, the 2015 launch's (no exclusions,
#: daily), and the 2021 trending pair's.
RULES = (jss.CURRENT, jss.LAUNCH_2015, jss.TRENDING_2021)


def _contract(rng: random.Random, index: int) -> object:
    """A contract of a generated history: open or ended, paid or not, any feedback."""
    started = date(2022, 1, 1) + timedelta(days=rng.randrange(0, 1_400))
    client = f"client-{rng.randrange(0, 4)}"
    cid = f"c{index}"
    kind = rng.randrange(0, 5)
    days = rng.choice((0, 20, 100, 200, 400))
    if kind == 0:  # open, paid regularly or once, or never
        pays = [
            Payment(started + timedelta(days=d), Money("100.00", "USD"))
            for d in range(0, rng.choice((0, 1, 60, 300)) + 1, rng.choice((30, 60, 100)))
        ]
        return f.contract(contract_id=cid, client=client, started=started, payments=pays)
    stars = rng.choice((None, "1.0", "4.2", "5.0"))
    private = rng.choice((None, 0, 7, 10))
    reason = rng.choice((EndReason.COMPLETED, EndReason.UNSUCCESSFUL))
    earned = rng.choice(("0.00", "300.00", "5000.00"))
    if stars is None and private is None and rng.random() < 0.5:
        reason = None
    contract = f.finished_contract(
        contract_id=cid,
        client=client,
        started=started,
        days=days,
        earned=earned,
        stars=stars,
        private_score=private,
        end_reason=reason,
    )
    if kind == 1 and days >= 100:  # paid monthly, with a gap: a later run
        pays = [
            Payment(started + timedelta(days=d), Money("100.00", "USD"))
            for d in (0, days // 2, days // 2 + 30, days)
        ]
        contract = f.finished_contract(
            contract_id=cid,
            client=client,
            started=started,
            ended=started + timedelta(days=days),
            stars=stars,
            private_score=private,
            end_reason=reason,
            payments=pays,
        )
    return contract


def _history(seed: int) -> list[object]:
    rng = random.Random(seed)  # noqa: S311  (a seeded sweep, not a secret)
    return [_contract(rng, index) for index in range(rng.randrange(1, 7))]


def _check_impact(impact: jss.Impact) -> set[ReasonCode]:
    """Each reason's sentence says what its code says; the exclusion is stated once."""
    assert len(impact.codes) == len(impact.reasons)
    for code, text in zip(impact.codes, impact.reasons, strict=True):
        assert type(code) is ReasonCode
        assert re.search(SAYS[code], text), (code, text)
    stated = [code.states for code in impact.codes if code.states is not None]
    assert stated == ([] if impact.exclusion is None else [impact.exclusion])
    return set(impact.codes)


def _sweep(seeds: range) -> set[ReasonCode]:
    seen: set[ReasonCode] = set()
    for seed in seeds:
        history = _history(seed)
        rules = RULES[seed % len(RULES)]
        day = date(2023, 1, 1) + timedelta(days=(seed * 37) % 1_500)
        excluded = (
            ["client-3"]
            if seed % 11 == 0 and any(c.client.id == "client-3" for c in history)
            else []
        )
        report = jss.score(history, as_of=day, rules=rules, exclude_clients=excluded)
        assert report.reason_codes[0] in {
            ScoreReason.SCORED,
            ScoreReason.NOT_ELIGIBLE,
            ScoreReason.NO_COUNTED_CONTRACT,
            ScoreReason.TOO_FEW_CLIENTS,
        }
        assert (report.reason_codes[0] is ScoreReason.SCORED) is (report.score is not None)
        for impact in report.impacts:
            seen |= _check_impact(impact)
        seen |= _check_impact(jss.classify(history[0], as_of=day, rules=rules, history=history))
        change = jss.explain_change(history, day, day + timedelta(days=400), rules=rules)
        for item, row in zip(change.changes, change.to_records(), strict=True):
            assert len(item.codes) == len(item.reasons)
            for code, text in zip(item.codes, item.reasons, strict=True):
                assert re.search(SAYS[code], text), (code, text)
            seen |= set(item.codes)
            assert row["exclusion_after"] == (
                None if item.exclusion_after is None else item.exclusion_after.value
            )
    return seen


def test_text_and_code_never_disagree_over_generated_histories():
    """Property: over 400 generated histories under three rule sets, every reason's
    sentence matches its code's pattern, and an excluded impact states its exclusion once."""
    _sweep(range(400))


def test_every_reason_code_is_reachable_from_a_real_history():
    """Every ReasonCode comes out of some real history (the sweep and a few chosen cases)."""
    seen = _sweep(range(400))
    day = date(2026, 6, 1)
    # A snapshot day: the 2021 rules update every two weeks.
    seen |= _check_impact(
        jss.classify(f.finished_contract(), as_of=date(2026, 6, 3), rules=jss.TRENDING_2021)
    )
    # A contract after the day judged, and a client left out.
    later = f.finished_contract(contract_id="later", started=date(2026, 5, 1), days=60)
    seen |= _check_impact(jss.classify(later, as_of=day))
    seen |= _check_impact(jss.classify(f.finished_contract(), as_of=day, exclude_clients=["acme"]))
    # Escrow refunded and a lost dispute, on an open contract, counted yet and not yet.
    lost, lost_m1, lost_paid = resolved(
        "m1", datetime(2025, 1, 30, tzinfo=timezone.utc), "10", "90"
    )
    lost_job = job(
        "a", history=[lost], milestones=[lost_m1], payments=[*lost_paid, pay(date(2025, 1, 31))]
    )
    seen |= _check_impact(jss.classify(lost_job, as_of=date(2025, 6, 1)))
    refunded = Milestone(
        "m1",
        "first",
        Money("50", "USD"),
        escrow=Escrow(MilestoneState.REFUNDED, Money("50", "USD"), refunded=Money("50", "USD")),
    )
    refund = _open_with("refund", milestones=[refunded])
    for when in (date(2024, 12, 20), date(2025, 5, 15)):
        seen |= _check_impact(jss.classify(refund, as_of=when))
    # The trending pair: a failure in its longer window only, successes outside both.
    pair = [
        *(points_job(f"o{i}", "5.0", date(2021, 2, 1), date(2021, 3, 1)) for i in range(2)),
        points_job("b", "1.0", date(2021, 12, 1), date(2021, 12, 20)),
        *(points_job(f"n{i}", "5.0", date(2022, 4, 1), date(2022, 5, 1)) for i in range(3)),
    ]
    for impact in jss.score(pair, as_of=date(2022, 6, 15), rules=jss.TRENDING_2021).impacts:
        seen |= _check_impact(impact)
    missing = set(ReasonCode) - seen
    assert not missing, sorted(code.value for code in missing)


def test_a_contract_that_left_says_why_in_its_change_item_and_rows():
    """Hostile r40 9: explain_change's item carries the exclusion code; its rows too."""
    history = [
        f.finished_contract(contract_id="c1"),
        f.finished_contract(contract_id="c2", client="bob"),
    ]
    change = jss.explain_change(history, date(2026, 6, 1), date(2028, 6, 1))
    item = change.changes[0]
    assert (item.change, item.exclusion_before, item.exclusion_after) == (
        jss.ChangeKind.LEFT,
        None,
        ExclusionCode.OUTSIDE_WINDOWS,
    )
    assert ReasonCode.OUTSIDE_WINDOWS_STILL_ELIGIBLE in item.codes
    row = change.to_records()[0]
    assert (row["exclusion_before"], row["exclusion_after"]) == (None, "outside_windows")
    assert "outside_windows_still_eligible" in row["codes"].split("; ")
    assert serialize.from_json(jss.JSSChange, serialize.to_json(change)) == change


def test_a_change_item_refuses_an_exclusion_its_outcomes_do_not_give():
    """Its exclusion codes are checked as Impact checks its own, and against the reports."""
    change = jss.explain_change(
        [f.finished_contract(contract_id="c1"), f.finished_contract(contract_id="c2", client="b")],
        date(2026, 6, 1),
        date(2028, 6, 1),
    )
    item = change.changes[0]
    import attrs

    for changes, field in (
        ({"exclusion_after": None}, "ChangeItem.exclusion_after"),
        ({"exclusion_before": "no_feedback"}, "ChangeItem.exclusion_before"),
        ({"codes": item.codes[:-1]}, "ChangeItem.codes"),
    ):
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(item, **changes)
        assert caught.value.field == field
    other = attrs.evolve(
        item,
        exclusion_after="no_feedback",
        codes=[("no_feedback" if c.states else c) for c in item.codes],
    )
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(change, changes=(other, *change.changes[1:]))
    assert caught.value.field == "JSSChange.changes[0]"


def test_an_impact_refuses_codes_that_disagree_with_its_reasons_or_exclusion():
    """One code per reason; an excluded impact states its exclusion exactly once; a counted one none."""
    base = {"contract_id": "c", "client_id": "x", "weight": Decimal(0), "reasons": ("r",)}
    excluded = {**base, "outcome": "excluded", "exclusion": "no_feedback"}
    assert jss.Impact(**excluded, codes=["no_feedback"]).codes == (ReasonCode.NO_FEEDBACK,)
    for codes in ((), ("weight",), ("starts_after",), ("no_feedback", "no_feedback")):
        with pytest.raises(InvalidValueError) as caught:
            jss.Impact(**excluded, codes=codes)
        assert caught.value.field == "Impact.codes"
    counted = {**base, "outcome": "positive", "weight": Decimal(1)}
    with pytest.raises(InvalidValueError) as caught:
        jss.Impact(**counted, codes=["outside_windows"])
    assert caught.value.field == "Impact.codes"
    with pytest.raises(InvalidValueError) as caught:
        jss.Impact(**counted, codes=["gone"])
    assert caught.value.field == "Impact.codes[0]"


def test_the_reports_reason_has_codes_for_each_way_it_can_go():
    """No contracts, not eligible (and all open), too few clients, scored (one client)."""
    day = date(2026, 6, 1)
    assert jss.score([], as_of=day).reason_codes == (ScoreReason.NO_CONTRACTS,)
    open_one = f.contract(contract_id="o", started=date(2026, 5, 1))
    assert jss.score([open_one], as_of=day).reason_codes == (
        ScoreReason.NOT_ELIGIBLE,
        ScoreReason.ALL_OPEN,
    )
    two = [f.finished_contract(contract_id="a"), f.finished_contract(contract_id="b", client="b")]
    report = jss.score(two, as_of=day)
    assert report.reason_codes == (ScoreReason.SCORED,)
    assert serialize.from_json(jss.JSSReport, serialize.to_json(report)) == report
    import attrs

    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(report, reason_codes=["not_eligible"])
    assert caught.value.field == "JSSReport.reason_codes"
    result = jss.what_if(
        two,
        f.finished_contract(contract_id="x", client="c", stars=None, private_score=None),
        as_of=day,
    )
    assert result.reason_codes == (ScoreReason.SCORED, ScoreReason.NOT_COUNTED)
    assert result.to_records()[0]["reason_codes"] == "scored; not_counted"
    assert serialize.from_json(jss.WhatIf, serialize.to_json(result)) == result


def test_an_exclusion_stated_twice_is_refused() -> None:
    """Diff review r41, 6: "exactly one code that states its exclusion" was checked as a set,
    so the same exclusion stated twice passed."""
    import attrs

    impact = jss.classify(f.finished_contract(), as_of=date(2040, 1, 1))
    assert impact.exclusion is not None
    (stating,) = [code for code in impact.codes if code.states is not None]
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(impact, reasons=(*impact.reasons, "again"), codes=(*impact.codes, stating))
    assert (caught.value.field, caught.value.rule) == (
        "Impact.codes",
        "a code stating the exclusion exactly when excluded",
    )
