"""A report's points do not depend on the order the contracts are given in (red team r32, 2).

The points are rounded to the hundredth by largest remainder so that they add
up to the percent shown; the spare hundredths of equal remainders went by
input position, so the same contracts in another order gave unequal reports
(and a contract's ``Impact`` changed).  Ties now go by contract id, the
smaller id in ``str`` order first.  A report still lists its impacts in input
order (documented), so "equal" here is the report with its impacts put in
the other's order.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upwork_safety import Contract, ContractKind, Feedback, Money, Payment, jss, rules
from upwork_safety.testing import strategies

if TYPE_CHECKING:
    from upwork_safety.jss import JSSReport

JUNE = date(2025, 6, 1)


def job(cid: str, *, stars: str = "5.0", amount: str = "100", ended: date = date(2025, 1, 31)):
    """A fixed-price job with its own client, paid when it ends."""
    return Contract(
        cid,
        f"client-{cid}",
        ContractKind.FIXED_PRICE,
        ended - timedelta(days=30),
        ended,
        payments=[Payment(ended, Money(amount, "USD"))],
        feedback=Feedback(stars=stars),
    )


def points(report: JSSReport) -> dict[str, Decimal | None]:
    return {i.contract_id: i.points for i in report.impacts}


def in_order_of(report: JSSReport, other: JSSReport) -> JSSReport:
    """*report* with its impacts listed in *other*'s order (the only part input order sets)."""
    by_id = {i.contract_id: i for i in report.impacts}
    return attrs.evolve(report, impacts=[by_id[i.contract_id] for i in other.impacts])


def test_three_identical_jobs_give_the_spare_hundredth_to_the_smallest_id_in_any_order():
    """The report's case: three identical $100 five-star jobs make 100.00, 33.333… each; the
    spare hundredth goes to 'a', the smallest id, whatever the order (it went to the first
    given, so reversed it went to 'c')."""
    jobs = [job("a"), job("b"), job("c")]
    reports = [jss.score(list(order), as_of=JUNE) for order in itertools.permutations(jobs)]
    for report in reports:
        assert (100, Decimal("100.00")) == (report.score, report.windows[0].percent)
        assert {"a": Decimal("33.34"), "b": Decimal("33.33"), "c": Decimal("33.33")} == points(
            report
        )
        assert all(isinstance(i.points, Decimal) for i in report.impacts)
        assert report.impact("a") == reports[0].impact("a")
        assert reports[0] == in_order_of(report, reports[0])
    assert reports[0] != reports[-1]  # the impacts themselves are listed as given


def test_ties_go_by_code_point_order_of_the_id_not_by_locale_or_case():
    """'Z' (U+005A) < 'a' (U+0061) < 'é' (U+00E9): 'Z' takes the spare hundredth."""
    report = jss.score([job("é"), job("a"), job("Z")], as_of=JUNE)
    assert {"Z": Decimal("33.34"), "a": Decimal("33.33"), "é": Decimal("33.33")} == points(report)


def test_the_largest_remainder_still_wins_before_the_id():
    """Only equal remainders are ranked by id; a larger remainder is served first, whatever
    its contract's id."""
    # Weights 1, 1 and 1.5 ($250, $250, $1,000.01): 28.571…, 28.571…, 42.857…; one spare,
    # and the largest remainder (.0071… against .0014…) is c's, the largest id.
    one = jss.score(
        [job("a", amount="250"), job("b", amount="250"), job("c", amount="1000.01")], as_of=JUNE
    )
    assert {"a": Decimal("28.57"), "b": Decimal("28.57"), "c": Decimal("42.86")} == points(one)
    # Weights 1.25, 1 and 1 ($800, $250, $250): 38.461…, 30.769…, 30.769…; two spares, and
    # the two tied remainders (.0092…) beat a's (.0015…), though a is the smallest id.
    two = jss.score(
        [job("a", amount="800"), job("y", amount="250"), job("x", amount="250")], as_of=JUNE
    )
    assert {"a": Decimal("38.46"), "x": Decimal("30.77"), "y": Decimal("30.77")} == points(two)
    assert all(Decimal("100.00") == sum(points(r).values(), Decimal(0)) for r in (one, two))


#: Jobs that tie often: a few amounts and stars, several the same.
AMOUNTS = ["100", "100", "250", "1000.01"]
STARS = ["5.0", "5.0", "4.2", "1.0"]


@st.composite
def tied_jobs(draw: st.DrawFn) -> tuple[list[Contract], date]:
    as_of = draw(st.dates(min_value=date(2017, 1, 1), max_value=date(2026, 12, 31)))
    history = []
    for index in range(draw(st.integers(2, 9))):
        ended = as_of - timedelta(days=draw(st.sampled_from([10, 10, 100, 200, 400])))
        history.append(
            Contract(
                draw(st.sampled_from(["", "x", "K", "é"])) + str(index),
                f"client-{draw(st.integers(0, 3))}",
                ContractKind.FIXED_PRICE,
                ended - timedelta(days=20),
                ended,
                payments=[Payment(ended, Money(draw(st.sampled_from(AMOUNTS)), "USD"))],
                feedback=Feedback(stars=draw(st.sampled_from(STARS))),
            )
        )
    return history, as_of


HISTORIES = st.one_of(tied_jobs(), strategies.histories_with_as_of(max_size=8))


@pytest.mark.parametrize("preset", list(rules.JSS_HISTORY), ids=lambda r: str(r.effective))
@given(drawn=HISTORIES, data=st.data())
@settings(max_examples=60)
def test_a_shuffled_history_gives_an_equal_report(preset, drawn, data):
    """score: the same contracts in any order give the same report (impacts listed as given)."""
    history, as_of = drawn
    shuffled = data.draw(st.permutations(history))
    first = jss.score(history, as_of=as_of, rules=preset)
    second = jss.score(shuffled, as_of=as_of, rules=preset)
    assert [c.id for c in shuffled] == [i.contract_id for i in second.impacts]
    assert first == in_order_of(second, first)


@given(drawn=st.lists(tied_jobs(), min_size=1, max_size=3), data=st.data())
@settings(max_examples=25)
def test_score_many_of_shuffled_histories_gives_equal_reports(drawn, data):
    """score_many (one day for all): each shuffled history's report equals the unshuffled one's."""
    as_of = drawn[0][1]
    histories = [history for history, _ in drawn]
    shuffled = [data.draw(st.permutations(history)) for history in histories]
    firsts = list(jss.score_many(histories, as_of=as_of))
    seconds = list(jss.score_many(shuffled, as_of=as_of))
    assert len(histories) == len(firsts) == len(seconds)
    for first, second, history in zip(firsts, seconds, histories, strict=True):
        assert first == in_order_of(second, first)
        assert first == jss.score(history, as_of=as_of)


@given(drawn=tied_jobs(), data=st.data())
@settings(max_examples=25)
def test_a_shuffled_history_gives_the_same_timeline(drawn, data):
    """timeline keeps scores only (equal to score's at every point): a shuffled history
    gives the same scores and the same lapses (each point lists them in input order)."""
    history, as_of = drawn
    shuffled = data.draw(st.permutations(history))
    start = as_of - timedelta(days=60)
    first = jss.timeline(history, start=start, end=as_of, step=timedelta(days=7))
    second = jss.timeline(shuffled, start=start, end=as_of, step=timedelta(days=7))
    assert [(p.on, p.score, p.projected) for p in first] == [
        (p.on, p.score, p.projected) for p in second
    ]
    assert [set(p.lapses) for p in first] == [set(p.lapses) for p in second]
    for point in first:
        assert point.score == jss.score(shuffled, as_of=point.on).score


@given(drawn=st.lists(tied_jobs(), min_size=1, max_size=3), data=st.data())
@settings(max_examples=15)
def test_score_frame_of_shuffled_rows_gives_the_same_frame(drawn, data):
    """score_frame: the rows in any order give the same row per freelancer."""
    pd = pytest.importorskip("pandas")
    as_of = drawn[0][1]
    rows = [(f"f{n}", c) for n, (history, _) in enumerate(drawn) for c in history]
    shuffled = data.draw(st.permutations(rows))
    frames = [
        jss.score_frame(
            pd.DataFrame({"freelancer": [r[0] for r in table], "contract": [r[1] for r in table]}),
            as_of=as_of,
        ).sort_index()
        for table in (rows, shuffled)
    ]
    pd.testing.assert_frame_equal(frames[0], frames[1])
    for n, (history, _) in enumerate(drawn):
        expected = jss.score(history, as_of=as_of).score
        got = frames[0].loc[f"f{n}", "score"]
        assert (expected is None and pd.isna(got)) or expected == got
