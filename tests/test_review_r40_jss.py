"""Round 40 regressions: jss.score_many's contract for bad input (newcomer 3, red team 6)."""

from __future__ import annotations

from datetime import date

import pytest

from test_cli import run as _cli
from test_review_r39_newcomer_stmt import _old_jobs  # the r39 grouping tests' history
from upwork_safety import InvalidTypeError, InvalidValueError, jss
from upwork_safety.testing import factories

AS_OF = date(2025, 6, 1)


def test_a_single_history_is_refused_at_the_call() -> None:
    history = factories.history(3)
    with pytest.raises(InvalidTypeError) as caught:
        jss.score_many(history, as_of=AS_OF, rules=jss.CURRENT)  # no next(): at the call
    assert caught.value.field == "histories[0]"
    assert caught.value.rule == "a sequence of Contract"


def test_a_bad_history_ends_the_batch_by_default() -> None:
    good = factories.history(4)
    reports = jss.score_many([good, good + good[:1], good], as_of=AS_OF, rules=jss.CURRENT)
    assert next(reports).score is not None
    with pytest.raises(InvalidValueError) as caught:
        next(reports)
    assert caught.value.field == "histories[1][4].id"
    assert next(reports, None) is None


def test_errors_yield_keeps_going_with_one_item_per_history() -> None:
    good = factories.history(4)
    items = list(
        jss.score_many(
            [good, good + good[:1], good[0], good],
            as_of=AS_OF,
            rules=jss.CURRENT,
            errors="yield",
        )
    )
    assert len(items) == 4
    first, duplicate, single, last = items
    assert isinstance(first, jss.JSSReport)
    assert isinstance(last, jss.JSSReport)
    assert first == last == jss.score(good, as_of=AS_OF, rules=jss.CURRENT)
    assert isinstance(duplicate, InvalidValueError)
    assert (duplicate.field, duplicate.rule) == ("histories[1][4].id", "unique contract ids")
    assert isinstance(single, InvalidTypeError)
    assert single.field == "histories[2]"


def test_errors_takes_only_its_two_values() -> None:
    with pytest.raises(InvalidValueError) as caught:
        jss.score_many([], as_of=AS_OF, rules=jss.CURRENT, errors="skip")  # type: ignore[call-overload]
    assert caught.value.field == "errors"


# ---------------------------------------------------------------- reason codes (newcomer 1)

CLASSIFY_DAY = date(2026, 6, 1)


def _cases():
    import attrs

    from upwork_safety import Money, Payment

    base = factories.finished_contract()
    day = date
    return {
        jss.ExclusionCode.STARTS_AFTER: attrs.evolve(
            base,
            id="future",
            started=day(2027, 1, 1),
            ended=day(2027, 2, 1),
            payments=[Payment(day(2027, 2, 1), Money("100.00", "USD"))],
        ),
        jss.ExclusionCode.UNPAID_POSITIVE: attrs.evolve(base, id="unpaid", payments=[]),
        jss.ExclusionCode.OUTSIDE_WINDOWS: attrs.evolve(
            base,
            id="old",
            started=day(2020, 1, 1),
            ended=day(2020, 2, 1),
            payments=[Payment(day(2020, 2, 1), Money("100.00", "USD"))],
        ),
        jss.ExclusionCode.OPEN_NOT_YET_COUNTED: attrs.evolve(
            base, id="open", ended=None, feedback=None
        ),
        jss.ExclusionCode.NO_FEEDBACK: attrs.evolve(base, id="nofb", feedback=None),
    }


def test_each_cause_of_exclusion_has_its_own_code() -> None:
    for code, contract in _cases().items():
        impact = jss.classify(contract, as_of=CLASSIFY_DAY)
        assert impact.outcome is jss.Outcome.EXCLUDED
        assert impact.exclusion is code


def test_a_client_excluded_by_the_caller_and_a_counted_contract() -> None:
    contract = factories.finished_contract()
    left_out = jss.classify(contract, as_of=CLASSIFY_DAY, exclude_clients=[contract.client.id])
    assert left_out.exclusion is jss.ExclusionCode.CLIENT_EXCLUDED
    counted = jss.classify(contract, as_of=CLASSIFY_DAY)
    assert counted.outcome is not jss.Outcome.EXCLUDED
    assert counted.exclusion is None


def test_the_code_is_in_reports_records_and_json() -> None:
    from upwork_safety import serialize

    report = jss.score(list(_cases().values()), as_of=CLASSIFY_DAY)
    assert [i.exclusion for i in report.impacts] == list(_cases())
    assert [r["exclusion"] for r in report.to_records()] == [c.value for c in _cases()]
    text = serialize.to_json(report)
    assert '"exclusion":"outside_windows"' in text
    assert serialize.from_json(jss.JSSReport, text) == report


def test_an_impact_refuses_an_exclusion_that_does_not_fit_its_outcome() -> None:
    from decimal import Decimal

    with pytest.raises(InvalidValueError) as without:
        jss.Impact("c", "x", jss.Outcome.EXCLUDED, Decimal(0), ("r",))
    assert (without.value.field, without.value.rule) == (
        "Impact.exclusion",
        "an ExclusionCode exactly when excluded",
    )
    with pytest.raises(InvalidValueError) as counted:
        jss.Impact("c", "x", jss.Outcome.POSITIVE, Decimal(1), ("r",), exclusion="no_feedback")
    assert counted.value.field == "Impact.exclusion"
    with pytest.raises(InvalidValueError) as unknown:
        jss.Impact("c", "x", jss.Outcome.EXCLUDED, Decimal(0), ("r",), exclusion="gone")
    assert unknown.value.field == "Impact.exclusion"


def test_a_what_if_says_why_an_added_contract_does_not_count() -> None:
    extra = _cases()[jss.ExclusionCode.NO_FEEDBACK]
    result = jss.what_if(factories.history(4), extra, as_of=CLASSIFY_DAY)
    assert result.added[0].exclusion is jss.ExclusionCode.NO_FEEDBACK


def test_cli_jss_groups_the_contracts_outside_every_window_by_their_code(tmp_path) -> None:
    from datetime import timedelta

    code, text = _cli("jss", _old_jobs(tmp_path, 5), "--as-of", "2026-12-07")
    assert code == 0
    words = " ".join(text.split())
    assert "5 contracts, EXCLUDED (weight 0, points 0.00 each), outside every window" in words
    for k in range(5):
        day = date(2020, 3, 2) + timedelta(days=10 * k)
        assert f"old{k} (c{k % 3}, ended {day})" in words
    rows = [line.split()[0] for line in text.splitlines() if "POSITIVE" in line]
    assert rows == ["new1", "new2"]
    assert not any(line.split()[:3] == ["old0", "c0", "EXCLUDED"] for line in text.splitlines())


def test_cli_jss_keeps_one_contract_outside_every_window_in_the_table(tmp_path) -> None:
    _, text = _cli("jss", _old_jobs(tmp_path, 1), "--as-of", "2026-12-07")
    assert "contracts, EXCLUDED" not in text
    assert any(line.split()[:3] == ["old0", "c0", "EXCLUDED"] for line in text.splitlines())


@pytest.mark.parametrize(
    ("started", "counts", "jobs"),
    [(date(2020, 4, 1), False, 1), (date(2021, 4, 1), True, 2)],
)
def test_an_unpaid_positive_job_counts_toward_eligibility_only_inside_its_window(
    started: date, counts: bool, jobs: int
) -> None:
    """Red team r40, second pass 2: one that ended before the 24-month eligibility window
    was told it "still counts toward eligibility", which the report's count denied."""
    history = [
        factories.finished_contract(contract_id="old0", client="a", started=started, earned="0.00"),
        factories.finished_contract(contract_id="new", client="d", started=date(2022, 9, 1)),
    ]
    report = jss.score(history, as_of=date(2022, 12, 1))
    old = report.impacts[0]
    assert (old.outcome, old.exclusion) == (jss.Outcome.EXCLUDED, jss.ExclusionCode.UNPAID_POSITIVE)
    assert ("still counts toward eligibility" in old.reasons[0]) is counts
    assert ("counts toward nothing" in old.reasons[0]) is not counts
    assert f"{jobs} eligible job(s)" in report.reason
