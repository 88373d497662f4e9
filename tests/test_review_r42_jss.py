"""Round 42 (jss): findings of the newcomer and review passes.

- newcomer 1: a scored report of contracts that have no end and no feedback
  (an export's) says so, with its code.
- newcomer 3: when a counted contract leaves the longest window
  (``Impact.leaves_on``, a records column, a reason).
- review 1: ``explain_change`` across a change of rule sets says so.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    Feedback,
    Money,
    Payment,
    jss,
    serialize,
    statements,
)
from upwork_safety.errors import InvalidValueError
from upwork_safety.jss import ReasonCode, ScoreReason

_HEADER = (
    "Date,Transaction ID,Transaction Type,Transaction Summary,Transaction Summary Details,"
    "Description 1,Description 2,Description 3,Agency,Freelancer,Team,Account Name,PO,"
    "Ref ID,Amount $,Amount in local currency,Currency,Current Balance $,Payment Method\n"
)
_ROWS = [
    '"Nov 30, 2026",4,Hourly,ETL support,,,,,,,Globex,,,,250.00,,,2050.00,',
    '"Nov 30, 2026",3,Hourly,Reporting,,,,,,,Initech,,,,250.00,,,1800.00,',
    '"Oct 15, 2026",6,Hourly,ETL support,,,,,,,Globex,,,,250.00,,,1550.00,',
    '"Oct 15, 2026",5,Hourly,Reporting,,,,,,,Initech,,,,250.00,,,1300.00,',
    '"Aug 31, 2026",2,Hourly,ETL support,,,,,,,Globex,,,,250.00,,,1050.00,',
    '"Aug 31, 2026",1,Hourly,Reporting,,,,,,,Initech,,,,250.00,,,800.00,',
    '"Jan 10, 2025",0,Fixed-price,Logo,,,,,,,Acme,,,,550.00,,,550.00,',
]


def _exported() -> list[Contract]:
    return statements.to_contracts(statements.parse(_HEADER + "\n".join(_ROWS) + "\n"))


# newcomer 1 -------------------------------------------------------------------------------


def test_a_scored_report_of_an_exports_contracts_says_none_has_ended_or_has_feedback():
    report = jss.score(_exported(), as_of=date(2026, 12, 7))
    assert report.score == 78
    assert report.reason_codes == (ScoreReason.SCORED, ScoreReason.ALL_OPEN)
    assert "none of the 3 contracts has ended or has feedback" in report.reason


def test_a_scored_report_with_one_ended_contract_has_no_all_open_note():
    contracts = _exported()
    logo = next(c for c in contracts if c.payments[0].on == date(2025, 1, 10))
    ended = attrs.evolve(logo, ended=date(2025, 1, 10), feedback=Feedback(stars="5.0"))
    report = jss.score([ended if c is logo else c for c in contracts], as_of=date(2026, 12, 7))
    assert report.score is not None
    assert ScoreReason.ALL_OPEN not in report.reason_codes
    assert "has ended or has feedback" not in report.reason


def test_a_scored_report_may_carry_the_all_open_code_and_still_refuses_it_twice():
    report = jss.score(_exported(), as_of=date(2026, 12, 7))
    assert serialize_round_trip(report) == report
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(report, reason_codes=(*report.reason_codes, ScoreReason.ALL_OPEN))
    assert caught.value.field == "JSSReport.reason_codes"


def serialize_round_trip(report: jss.JSSReport) -> jss.JSSReport:
    return serialize.from_json(jss.JSSReport, serialize.to_json(report))


def test_a_counted_open_long_term_contract_says_it_counts_not_that_it_will():
    report = jss.score(_exported(), as_of=date(2026, 12, 7))
    counted = [i for i in report.impacts if ReasonCode.OPEN_LONG_TERM in i.codes]
    assert len(counted) == 2
    for impact in counted:
        assert impact.outcome is jss.Outcome.POSITIVE
        said = impact.reasons[impact.codes.index(ReasonCode.OPEN_LONG_TERM)]
        assert "counts once" not in said
        assert "counts: paid at least every 90 days for 90 days or more" in said


# newcomer 3 -------------------------------------------------------------------------------


def _job(cid: str, client: str, ended: date, stars: str, private: int | None = None) -> Contract:
    return Contract(
        cid,
        client,
        ContractKind.FIXED_PRICE,
        ended - timedelta(days=17),
        ended,
        payments=[Payment(ended, Money("200.00", "USD"))],
        feedback=Feedback(stars=stars, private_score=private),
    )


_BAD = _job("bad", "quickfix", date(2025, 7, 18), "3.0", 4)
_GOOD = [_job(f"g{i}", f"c{i}", date(2026, 2, 1), "5.0") for i in range(4)]


def test_a_counted_contract_says_the_day_it_leaves_the_window():
    report = jss.score([*_GOOD, _BAD], as_of=date(2026, 12, 7))
    bad = report.impact("bad")
    assert bad.leaves_on == date(2027, 7, 19)  # 24 calendar months after 2025-07-18, plus a day
    assert bad.codes[-1] is ReasonCode.COUNTS_UNTIL
    assert "2027-07-18" in bad.reasons[-1]
    assert "24 months" in bad.reasons[-1]
    assert {i.leaves_on for i in report.impacts if i.contract_id != "bad"} == {date(2028, 2, 2)}
    rows = {row["contract_id"]: row for row in report.to_records()}
    assert rows["bad"]["leaves_on"] == date(2027, 7, 19)
    assert rows["bad"]["codes"].endswith("counts_until")
    assert jss.classify(_BAD, as_of=date(2026, 12, 7)).leaves_on == date(2027, 7, 19)


def test_leaves_on_is_the_day_the_score_stops_counting_it():
    history = [*_GOOD, _BAD]
    day = jss.score(history, as_of=date(2026, 12, 7)).impact("bad").leaves_on
    assert day is not None
    assert jss.score(history, as_of=day - timedelta(days=1)).impact("bad").outcome is (
        jss.Outcome.NEGATIVE
    )
    left = jss.score(history, as_of=day).impact("bad")
    assert (left.outcome, left.exclusion) == (
        jss.Outcome.EXCLUDED,
        jss.ExclusionCode.OUTSIDE_WINDOWS,
    )
    assert left.leaves_on is None


def test_open_and_excluded_contracts_have_no_leaving_day():
    report = jss.score(_exported(), as_of=date(2026, 12, 7))
    assert all(i.leaves_on is None for i in report.impacts)  # all open


def test_leaves_on_is_checked_by_its_constructors():
    report = jss.score([*_GOOD, _BAD], as_of=date(2026, 12, 7))
    bad = report.impact("bad")
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(
            bad,
            outcome=jss.Outcome.EXCLUDED,
            weight=Decimal(0),
            exclusion=jss.ExclusionCode.NO_FEEDBACK,
            reasons=("x",),
            codes=(ReasonCode.NO_FEEDBACK,),
            points=None,
        )
    assert caught.value.field == "Impact.leaves_on"
    index = report.impacts.index(bad)
    for wrong in (date(2026, 12, 7), date(2028, 12, 9)):
        impacts = list(report.impacts)
        impacts[index] = attrs.evolve(bad, leaves_on=wrong)
        with pytest.raises(InvalidValueError) as caught:
            attrs.evolve(report, impacts=impacts)
        assert caught.value.field == f"JSSReport.impacts[{index}].leaves_on"
    assert serialize_round_trip(report) == report


# review 6 -------------------------------------------------------------------------------


def test_score_frame_is_typed_with_pandas_dataframes():
    import inspect

    signature = inspect.signature(jss.score_frame)
    assert signature.parameters["frame"].annotation == "pd.DataFrame"
    assert signature.return_annotation == "pd.DataFrame"


# review 1 -------------------------------------------------------------------------------


def _rated(n: int, stars: str, started: date, ended: date) -> Contract:
    return Contract(
        f"c{n}",
        f"client{n}",
        ContractKind.FIXED_PRICE,
        started=started,
        ended=ended,
        payments=[Payment(ended, Money("100", "USD"))],
        feedback=Feedback(stars=stars),
    )


_ACROSS = [_rated(0, "1.0", date(2022, 8, 1), date(2022, 9, 1))] + [
    _rated(
        i,
        "5.0",
        date(2023, 10, 1) + timedelta(days=20 * i),
        date(2023, 10, 10) + timedelta(days=20 * i),
    )
    for i in range(1, 6)
]


def test_explain_change_across_a_rule_set_change_says_what_the_rules_account_for():
    before, after = date(2024, 5, 20), date(2024, 6, 3)
    change = jss.explain_change(_ACROSS, before, after)
    assert (change.before.score, change.after.score, change.delta) == (83, 83, 0)
    assert change.shown_before is not None
    assert change.shown_before.score == jss.score(_ACROSS, as_of=before).score == 100
    assert change.shown_before.rules == jss.rules_as_of(before).label
    assert change.rules_points == -17


def test_explain_change_under_one_rule_set_has_no_shown_before():
    change = jss.explain_change(_ACROSS, date(2024, 6, 3), date(2024, 6, 20))
    assert (change.shown_before, change.rules_points) == (None, None)
    asked = jss.explain_change(_ACROSS, date(2024, 5, 20), date(2024, 6, 3), rules=jss.CURRENT)
    assert asked.shown_before is None


def test_shown_before_must_be_befores_day():
    change = jss.explain_change(_ACROSS, date(2024, 5, 20), date(2024, 6, 3))
    # Its rules are not compared (two what-ifs may share a label): its day is.
    with pytest.raises(InvalidValueError) as caught:
        attrs.evolve(change, shown_before=change.after)
    assert caught.value.field == "JSSChange.shown_before"
    assert serialize_round_trip_change(change) == change


def serialize_round_trip_change(change: jss.JSSChange) -> jss.JSSChange:
    return serialize.from_json(jss.JSSChange, serialize.to_json(change))
