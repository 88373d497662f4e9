"""Each contract's points of the score shown add up to it, under every rule set (audit r21 M1).

Under the best-of-windows and trending rules (before 2024-06-01) the score
shown can come from a shorter window or the trending pair, while a report's
outcomes and weights are the longest window's: listed as they were, a
contract outside the window shown looked as if it cost points of it (the
2015 example of docs/jss.md showed 100 while its contracts added up to 80).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from upwork_safety import Contract, ContractKind, Feedback, Money, Payment, jss, rules
from upwork_safety.errors import InvalidValueError
from upwork_safety.jss import JSSReport, Outcome
from upwork_safety.jss._points import exact_points, share
from upwork_safety.testing import strategies

POINTS_RULE = "points add up to the percent of the score shown; None without a score"


def job(cid: str, stars: str, started: date, ended: date, amount: str = "100") -> Contract:
    """A fixed-price job with its own client, paid when it ends."""
    return Contract(
        cid,
        f"client-{cid}",
        ContractKind.FIXED_PRICE,
        started,
        ended,
        payments=[Payment(ended, Money(amount, "USD"))],
        feedback=Feedback(stars=stars),
    )


def shown_percent(report: JSSReport) -> Decimal:
    """The unrounded percent of the window (or trending pair) the score comes from."""
    if report.window is not None and report.window.startswith("trending"):
        assert report.trending is not None
        return report.trending
    (window,) = [w for w in report.windows if f"{w.months} months" == report.window]
    assert window.percent is not None
    return window.percent


def points(report: JSSReport) -> dict[str, Decimal | None]:
    """Each contract's points, by id."""
    return {i.contract_id: i.points for i in report.impacts}


@st.composite
def recent_jobs(draw: st.DrawFn) -> tuple[list[Contract], date]:
    """4 to 10 ended jobs within two years of a day after 2015-03-01, some rehires: under the
    best-of rules about a third of them show a score from a shorter window or the pair."""
    as_of = draw(st.dates(min_value=date(2017, 1, 1), max_value=date(2026, 12, 31)))
    history = []
    for index in range(draw(st.integers(4, 10))):
        ended = as_of - timedelta(days=draw(AGES))
        client = draw(st.sampled_from([f"client-{index}", f"client-{index}", "client-0"]))
        history.append(
            Contract(
                f"k{index}",
                client,
                ContractKind.FIXED_PRICE,
                ended - timedelta(days=draw(st.integers(0, 120))),
                ended,
                payments=[Payment(ended, Money(draw(st.sampled_from(AMOUNTS)), "USD"))],
                feedback=Feedback(
                    stars=draw(st.sampled_from(STARS)),
                    private_score=draw(st.sampled_from([None, None, 3, 8, 10])),
                ),
            )
        )
    return history, as_of


#: Days since a job ended: recent ones (in the 3- and 6-month windows) and older.
AGES = st.one_of(st.integers(1, 90), st.integers(1, 200), st.integers(1, 760))
AMOUNTS = ["0", "100", "600", "2000"]
STARS = ["5.0", "5.0", "4.2", "1.0"]


@pytest.mark.parametrize("preset", list(rules.JSS_HISTORY), ids=lambda r: str(r.effective))
@given(drawn=st.one_of(recent_jobs(), strategies.histories_with_as_of(max_size=8)))
@settings(max_examples=80)
def test_the_points_add_up_to_the_score_shown_under_every_rule_set(preset, drawn):
    """Where a report has a score, its contracts' points add up to the percent it is rounded
    from exactly (so, rounded, to the score), an excluded contract's are 0, and only when the
    score comes from a shorter window or the pair does a reason speak of the score shown;
    without a score no contract has points."""
    history, as_of = drawn
    report = jss.score(history, as_of=as_of, rules=preset)
    if report.score is None:
        assert all(i.points is None for i in report.impacts)
        return
    given_points = [i.points for i in report.impacts]
    assert all(isinstance(value, Decimal) for value in given_points)
    total = sum((value for value in given_points if value is not None), Decimal(0))
    assert shown_percent(report) == total
    assert abs(report.score - total) <= 1
    for impact in report.impacts:
        if impact.outcome is Outcome.EXCLUDED:
            assert Decimal(0) == impact.points
    longest = report.window == f"{report.windows[0].months} months"
    event("longest window shown" if longest else "a shorter window or the pair shown")
    if longest:
        assert not any("score shown" in r for i in report.impacts for r in i.reasons)


def test_the_2015_docs_example_adds_up_to_100():
    """docs/jss.md's old mistake under the 2015 rules: 100 from the 6-month window; the
    failure outside it is 0 points of it and says so (its outcome, as the 24-month
    window's, stays negative)."""
    history = [job(f"g{i}", "5.0", date(2016, 9, 1), date(2016, 10, 1)) for i in range(4)]
    history.append(job("old", "1.0", date(2016, 3, 1), date(2016, 3, 1)))
    report = jss.score(history, as_of=date(2017, 1, 8))
    assert (100, "6 months") == (report.score, report.window)
    expected = {f"g{i}": Decimal("25.00") for i in range(4)} | {"old": Decimal("0.00")}
    assert expected == points(report)
    old = report.impact("old")
    assert (Outcome.NEGATIVE, Decimal(1)) == (old.outcome, old.weight)
    assert "outside the 6 months window the score shown comes from" in old.reasons[-1]
    assert "0 points of the score shown" in old.reasons[-1]
    assert all(len(report.impact(f"g{i}").reasons) == 3 for i in range(4))  # no window note


def test_a_trending_score_is_half_of_each_window_of_the_pair():
    """~2021 rules: 6 months 3/4 = 75%, 3 months 3/3 = 100%, trending 87.50 → 88. Each recent
    success is 100/4/2 + 100/3/2 = 29.1666… points, rounded by largest remainder to 29.17,
    29.17 and 29.16 (87.50 in all); the failure in the 6-month window only and the two
    successes outside both are 0 points, and their reasons say where they are."""
    history = [
        *(job(f"o{i}", "5.0", date(2021, 2, 1), date(2021, 3, 1)) for i in range(2)),
        job("b", "1.0", date(2021, 12, 1), date(2021, 12, 20)),
        *(job(f"n{i}", "5.0", date(2022, 4, 1), date(2022, 5, 1)) for i in range(3)),
    ]
    report = jss.score(history, as_of=date(2022, 6, 15), rules=jss.TRENDING_2021)
    assert (88, "trending (6m + 3m)/2", Decimal("87.50")) == (
        report.score,
        report.window,
        report.trending,
    )
    assert {
        "o0": Decimal("0.00"),
        "o1": Decimal("0.00"),
        "b": Decimal("0.00"),
        "n0": Decimal("29.17"),
        "n1": Decimal("29.17"),
        "n2": Decimal("29.16"),
    } == points(report)
    assert "outside both windows of the score shown" in report.impact("o0").reasons[-1]
    assert "not in the 3 months one" in report.impact("b").reasons[-1]
    assert len(report.impact("n0").reasons) == 3  # no window note


def test_todays_single_window_reasons_are_unchanged_and_points_are_shares():
    """Under today's rules the reasons are classify()'s, and each success adds 100 × weight /
    total: $200, $800, $5,000 successes and a $1,500 failure are 19.05 + 23.81 + 28.57 + 0
    = 71.43 of 5.25 (the exact 19.047…, 23.809…, 28.571… rounded by largest remainder)."""
    june = date(2025, 6, 1)
    sized = [
        job("s200", "5.0", date(2025, 1, 1), date(2025, 1, 31), "200"),
        job("s800", "5.0", date(2025, 1, 1), date(2025, 1, 31), "800"),
        job("s5000", "5.0", date(2025, 1, 1), date(2025, 1, 31), "5000"),
        job("f1500", "1.0", date(2025, 1, 1), date(2025, 1, 31), "1500"),
    ]
    report = jss.score(sized, as_of=june)
    assert (71, Decimal("71.43")) == (report.score, report.windows[0].percent)
    assert {
        "s200": Decimal("19.05"),
        "s800": Decimal("23.81"),
        "s5000": Decimal("28.57"),
        "f1500": Decimal("0.00"),
    } == points(report)
    for contract in sized:
        alone = jss.classify(contract, as_of=june, history=sized)
        assert alone.reasons == report.impact(contract.id).reasons
        assert alone.points is None


def test_a_failure_takes_points_away_under_the_net_formula_and_a_floor_gives_none():
    """Net formula: 9 successes and 1 failure of 10 are 9 × 10 − 10 = 80 points; 1 success and
    3 failures (−50%, floored) give every contract 0, adding up to the 0% shown."""
    june = date(2025, 6, 1)
    net = attrs.evolve(jss.CURRENT, formula="net")
    good = [job(f"g{i}", "5.0", date(2025, 1, 1), date(2025, 1, 31)) for i in range(9)]
    bad = [job(f"b{i}", "1.0", date(2025, 1, 1), date(2025, 1, 31)) for i in range(3)]
    report = jss.score([*good, bad[0]], as_of=june, rules=net)
    assert 80 == report.score
    assert {**{f"g{i}": Decimal("10.00") for i in range(9)}, "b0": Decimal("-10.00")} == points(
        report
    )
    floored = jss.score([good[0], *bad], as_of=june, rules=net)
    assert 0 == floored.score
    assert {Decimal("0.00")} == set(points(floored).values())


def test_a_report_refuses_points_that_do_not_explain_its_score():
    """Points that do not add up, an excluded contract with points, or points on some
    contracts only are refused, naming the field and the rule; a report with no points at
    all (built by hand, or stored before points existed) is accepted."""
    history = [job(f"g{i}", "5.0", date(2016, 9, 1), date(2016, 10, 1)) for i in range(4)]
    history.append(job("old", "1.0", date(2016, 3, 1), date(2016, 3, 1)))
    report = jss.score(history, as_of=date(2017, 1, 8))
    as_24_months = [
        attrs.evolve(i, points=Decimal("20.00") if i.outcome is Outcome.POSITIVE else None)
        for i in report.impacts
    ]
    with pytest.raises(InvalidValueError) as error:
        attrs.evolve(report, impacts=as_24_months)
    assert ("JSSReport.impacts[4].points", POINTS_RULE) == (error.value.field, error.value.rule)
    wrong = [
        attrs.evolve(i, points=Decimal("20.00") if i.outcome is Outcome.POSITIVE else Decimal(0))
        for i in report.impacts
    ]
    with pytest.raises(InvalidValueError) as error:
        attrs.evolve(report, impacts=wrong)
    # the sum is the list's rule: its path is the list (r26 serialize 3: not "impacts.points")
    assert ("JSSReport.impacts", POINTS_RULE) == (error.value.field, error.value.rule)
    bare = attrs.evolve(report, impacts=[attrs.evolve(i, points=None) for i in report.impacts])
    assert all(i.points is None for i in bare.impacts)
    empty = jss.score([], as_of=date(2025, 6, 1))
    ghost = jss.Impact(
        "x",
        "c",
        Outcome.EXCLUDED,
        Decimal(0),
        ("r",),
        points=Decimal(0),
        exclusion="no_feedback",
        codes=("no_feedback",),
    )
    with pytest.raises(InvalidValueError) as error:
        attrs.evolve(empty, impacts=[ghost])
    assert "JSSReport.impacts[0].points" == error.value.field


@given(st.decimals(min_value=-100, max_value=100, places=2, allow_nan=False))
def test_impact_points_round_trip(value):
    """An Impact's points, any hundredth from -100 to 100, survive serialize."""
    from upwork_safety import serialize

    outcome = Outcome.NEGATIVE if value < 0 else Outcome.POSITIVE  # the sign fits (r23 L1)
    impact = jss.Impact("c", "x", outcome, Decimal(1), ("r",), points=value, codes=("weight",))
    assert impact == serialize.from_dict(jss.Impact, serialize.to_dict(impact))


# --- each contract's own points (red team r23 L1) ------------------------------------

#: The rule an impact's points keep alone (upwork_safety.jss._points.POINTS_SIGN).
SIGN_RULE = "a success's points not negative, a failure's not positive, 0 when excluded"
#: The rule each contract's points keep (upwork_safety.jss._points.EACH_POINTS).
EACH_RULE = (
    "a contract's points: 100 × weight / total in each window of the score shown it is in "
    "(halved for the trending pair), positive for a success, negative for a failure under "
    "the net formula, 0 otherwise (or from a window floored at 0), to the hundredth"
)


def sized_report() -> JSSReport:
    """docs/jss.md's report: $200 / $800 / $5,000 successes and a failed $1,500 job, 71.43%."""
    june = date(2025, 1, 31)
    return jss.score(
        [
            job("s200", "5.0", date(2025, 1, 1), june, amount="200"),
            job("s800", "5.0", date(2025, 1, 1), june, amount="800"),
            job("s5000", "5.0", date(2025, 1, 1), june, amount="5000"),
            job("f1500", "1.0", date(2025, 1, 1), june, amount="1500"),
        ],
        as_of=date(2025, 6, 1),
    )


def with_points(report: JSSReport, **changed: str) -> list[jss.Impact]:
    """The report's impacts, some given other points (by contract id)."""
    return [
        attrs.evolve(i, points=Decimal(changed[i.contract_id])) if i.contract_id in changed else i
        for i in report.impacts
    ]


@pytest.mark.parametrize(
    ("outcome", "value"),
    [
        (Outcome.POSITIVE, "-10.95"),
        (Outcome.NEGATIVE, "30.00"),
        (Outcome.NEUTRAL, "-0.01"),
        (Outcome.EXCLUDED, "0.01"),
    ],
)
def test_an_impact_refuses_points_its_outcome_cannot_give(outcome, value):
    """r23 L1: a success never takes points away, a failure never adds any (under either
    formula), a neutral outcome never takes any away, an excluded contract has none: refused
    naming Impact.points and the rule, also when read by serialize.from_dict."""
    from upwork_safety import serialize
    from upwork_safety.errors import InvalidDataError

    weight = Decimal(0) if outcome is Outcome.EXCLUDED else Decimal(1)
    why = "no_feedback" if outcome is Outcome.EXCLUDED else None
    codes = ("no_feedback" if why else "weight",)
    with pytest.raises(InvalidValueError) as error:
        jss.Impact(
            "c", "x", outcome, weight, ("r",), points=Decimal(value), exclusion=why, codes=codes
        )
    assert ("Impact.points", SIGN_RULE) == (error.value.field, error.value.rule)
    data = serialize.to_dict(
        jss.Impact("c", "x", outcome, weight, ("r",), points=Decimal(0), exclusion=why, codes=codes)
    )
    with pytest.raises(InvalidDataError) as loaded:
        serialize.from_dict(jss.Impact, {**data, "points": value})
    assert ("$.points", SIGN_RULE) == (loaded.value.problems[0].path, loaded.value.problems[0].rule)


def test_the_reviewers_forged_report_cannot_be_built_or_loaded():
    """r23 L1: docs/jss.md's 71% report with the one-star job given 30.00 points and the $200
    success -10.95 (the sum 71.43 kept) is refused through attrs.evolve and from_dict."""
    from upwork_safety import serialize
    from upwork_safety.errors import InvalidDataError

    report = sized_report()
    assert [Decimal("19.05"), Decimal("23.81"), Decimal("28.57"), Decimal("0.00")] == [
        i.points for i in report.impacts
    ]
    with pytest.raises(InvalidValueError) as error:
        attrs.evolve(report, impacts=with_points(report, s200="-10.95", f1500="30.00"))
    assert ("Impact.points", SIGN_RULE) == (error.value.field, error.value.rule)
    data = serialize.to_dict(report)
    data["impacts"][0]["points"] = "-10.95"
    data["impacts"][3]["points"] = "30.00"
    with pytest.raises(InvalidDataError) as loaded:
        serialize.from_dict(JSSReport, data)
    problems = [(p.path, p.rule) for p in loaded.value.problems]
    assert ("$.impacts[0].points", SIGN_RULE) == problems[0]


@pytest.mark.parametrize(
    ("changed", "field"),
    [
        # Two successes swap their points: 100 × 1 / 5.25 is not 23.81.
        ({"s200": "23.81", "s800": "19.05"}, "JSSReport.impacts[0].points"),
        # A success takes another's share: 100 × 1.5 / 5.25 is not 52.38.
        ({"s800": "0.00", "s5000": "52.38"}, "JSSReport.impacts[2].points"),
    ],
)
def test_a_report_refuses_points_its_windows_do_not_give(changed, field):
    """r23 L1: points of the right sign that keep the sum but are not 100 × weight / total are
    refused through attrs.evolve and serialize.from_dict, naming the impact and the rule."""
    from upwork_safety import serialize
    from upwork_safety.errors import InvalidDataError

    report = sized_report()
    forged = with_points(report, **changed)
    assert Decimal("71.43") == sum(i.points for i in forged if i.points is not None)
    with pytest.raises(InvalidValueError) as error:
        attrs.evolve(report, impacts=forged)
    assert (field, EACH_RULE) == (error.value.field, error.value.rule)
    data = serialize.to_dict(report)
    data["impacts"] = [serialize.to_dict(i) for i in forged]
    with pytest.raises(InvalidDataError) as loaded:
        serialize.from_dict(JSSReport, data)
    assert EACH_RULE == loaded.value.problems[0].rule


def test_a_report_accepts_each_points_rounded_either_way():
    """r23 L1: 100 × 1 / 5.25 = 19.0476… may be shown as 19.04 or 19.05 and 100 × 1.5 / 5.25 =
    28.5714… as 28.57 or 28.58 (the largest remainder decides which); 19.03 is neither."""
    report = sized_report()
    down = attrs.evolve(report, impacts=with_points(report, s200="19.04", s5000="28.58"))
    assert (Decimal("19.04"), Decimal("28.58")) == (
        down.impact("s200").points,
        down.impact("s5000").points,
    )
    with pytest.raises(InvalidValueError) as error:
        attrs.evolve(report, impacts=with_points(report, s200="19.03", s5000="28.59"))
    assert ("JSSReport.impacts[0].points", EACH_RULE) == (error.value.field, error.value.rule)


def test_under_the_net_formula_a_failure_may_take_points_away_and_never_add_any():
    """r23 L1: net formula, 2 successes, 1 failure, 1 neutral of weight 1 = 25%: +25, +25,
    −25, 0; giving the failure +25 and a success −25 (the sum kept) is refused, as is a
    neutral outcome credited more than a success (neutral credit is below 1)."""
    june = date(2025, 6, 1)
    net = attrs.evolve(jss.CURRENT, formula="net")
    history = [
        job("g0", "5.0", date(2025, 1, 1), date(2025, 1, 31)),
        job("g1", "5.0", date(2025, 1, 1), date(2025, 1, 31)),
        job("b0", "1.0", date(2025, 1, 1), date(2025, 1, 31)),
        job("n0", "4.2", date(2025, 1, 1), date(2025, 1, 31)),
    ]
    report = jss.score(history, as_of=june, rules=net)
    assert (25, Decimal("25.00")) == (report.score, report.windows[0].percent)
    assert [
        ("g0", Outcome.POSITIVE, Decimal("25.00")),
        ("g1", Outcome.POSITIVE, Decimal("25.00")),
        ("b0", Outcome.NEGATIVE, Decimal("-25.00")),
        ("n0", Outcome.NEUTRAL, Decimal("0.00")),
    ] == [(i.contract_id, i.outcome, i.points) for i in report.impacts]
    with pytest.raises(InvalidValueError) as error:
        attrs.evolve(report, impacts=with_points(report, g1="-25.00", b0="25.00"))
    assert ("Impact.points", SIGN_RULE) == (error.value.field, error.value.rule)
    with pytest.raises(InvalidValueError) as error:
        attrs.evolve(report, impacts=with_points(report, g0="0.00", g1="0.00", n0="50.00"))
    assert ("JSSReport.impacts[3].points", EACH_RULE) == (error.value.field, error.value.rule)


def test_under_the_trending_pair_each_points_are_half_shares_of_its_windows():
    """r23 L1: ~2021 rules, trending (6m + 3m)/2 = (80 + 100)/2 = 90.00: a success in both
    windows gives 100 / 5 / 2 + 100 / 3 / 2 = 26.666…, one in the 6-month window only 10.00;
    a failure credited 10.00, a success only in the shorter window (16.67) or a success given
    a share of neither (the sum kept each time) are refused."""
    as_of = date(2022, 6, 15)
    history = [
        job("in6", "5.0", date(2022, 1, 1), date(2022, 1, 20)),
        job("bad6", "1.0", date(2022, 1, 1), date(2022, 1, 20)),
        *[job(f"r{i}", "5.0", date(2022, 5, 1), date(2022, 6, 1)) for i in range(3)],
    ]
    report = jss.score(history, as_of=as_of, rules=jss.TRENDING_2021)
    assert ("trending (6m + 3m)/2", Decimal("90.00")) == (report.window, report.trending)
    assert [
        Decimal("10.00"),
        Decimal("0.00"),
        Decimal("26.67"),
        Decimal("26.67"),
        Decimal("26.66"),
    ] == [i.points for i in report.impacts]
    with pytest.raises(InvalidValueError) as error:
        attrs.evolve(report, impacts=with_points(report, in6="0.00", bad6="10.00"))
    assert ("Impact.points", SIGN_RULE) == (error.value.field, error.value.rule)
    forgeries = [
        ({"in6": "20.00", "r0": "16.67"}, "JSSReport.impacts[0].points"),
        ({"r0": "36.67", "r1": "16.67"}, "JSSReport.impacts[2].points"),
    ]
    for changed, field in forgeries:
        with pytest.raises(InvalidValueError) as error:
            attrs.evolve(report, impacts=with_points(report, **changed))
        assert (field, EACH_RULE) == (error.value.field, error.value.rule)
    inside_both = attrs.evolve(report, impacts=with_points(report, in6="26.67", r0="10.00"))
    assert Decimal("26.67") == inside_both.impact("in6").points  # which window: not recorded


def test_a_window_floored_at_zero_gives_every_contract_zero_points():
    """r23 L2: net formula, 1 success and 3 failures of weight 1 is (1 − 3) / 4 = −50%, shown
    as 0 (the floor): the points add up to the 0.00 shown, so every contract has 0.00, the
    success too, as Impact.points says; one success more (2 − 3 = −25%) is still floored."""
    june = date(2025, 6, 1)
    net = attrs.evolve(jss.CURRENT, formula="net")
    history = [job("a", "5.0", date(2025, 1, 1), date(2025, 1, 31))]
    history += [job(f"b{i}", "1.0", date(2025, 1, 1), date(2025, 1, 31)) for i in range(3)]
    report = jss.score(history, as_of=june, rules=net)
    window = report.windows[0]
    assert (0, Decimal(1), Decimal(3), Decimal(4), Decimal("0.00")) == (
        report.score,
        window.successes,
        window.negatives,
        window.total,
        window.percent,
    )
    assert {"a": Decimal("0.00"), **{f"b{i}": Decimal("0.00") for i in range(3)}} == points(report)
    more = [*history, job("a2", "5.0", date(2025, 1, 1), date(2025, 1, 31))]
    assert {Decimal("0.00")} == set(points(jss.score(more, as_of=june, rules=net)).values())


def test_a_what_if_refuses_an_added_contract_credited_against_its_outcome():
    """r23 L1: a WhatIf's added impacts carry the score after's points; a one-star job loaded
    with +30.00 points is refused naming the impact's points and the rule."""
    from upwork_safety import serialize
    from upwork_safety.errors import InvalidDataError

    first, _, _, failed = sized_report().impacts
    result = jss.WhatIf(
        before=71,
        after=71,
        delta=0,
        reason="typed by hand",
        added=(failed,),
        reason_codes=("scored",),
    )
    assert Decimal("0.00") == result.added[0].points
    data = serialize.to_dict(result)
    data["added"][0]["points"] = "30.00"
    with pytest.raises(InvalidDataError) as loaded:
        serialize.from_dict(jss.WhatIf, data)
    problem = loaded.value.problems[0]
    assert ("$.added[0].points", SIGN_RULE) == (problem.path, problem.rule)
    assert Outcome.POSITIVE is first.outcome


def test_the_window_share_reads_the_one_credit_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """Review r23 L2: ``_tally._share`` wrote each outcome's credit itself, so a change to
    ``_points.credit`` (a neutral outcome credited half) left the window's percent alone and
    the model's own report was refused as not adding up."""
    from fractions import Fraction

    from upwork_safety.jss import _points, _tally

    as_of = date(2026, 6, 1)

    def job(index: int, stars: str, age: int) -> Contract:
        end = as_of - timedelta(days=age)
        return Contract(
            f"k{index}",
            f"c{index}",
            ContractKind.FIXED_PRICE,
            end - timedelta(days=5),
            end,
            payments=[Payment(end, Money("100", "USD"))],
            feedback=Feedback(stars=stars),
        )

    history = [job(0, "5.0", 10), job(1, "4.2", 20), job(2, "5.0", 30)]
    assert jss.score(history, as_of=as_of).score == 67  # the neutral counts nothing today
    original = _points.credit

    def half(outcome: jss.Outcome, *, net: bool, neutral_credit: Fraction) -> Fraction:
        if outcome is jss.Outcome.NEUTRAL:
            return Fraction(1, 2)
        return original(outcome, net=net, neutral_credit=neutral_credit)

    monkeypatch.setattr(_points, "credit", half)
    monkeypatch.setattr(_tally, "credit", half)
    report = jss.score(history, as_of=as_of)
    assert report.score == 83  # (1 + 0.5 + 1) / 3
    assert [i.points for i in report.impacts] == [
        Decimal("33.33"),
        Decimal("16.67"),
        Decimal("33.33"),
    ]


def test_a_success_in_the_shorter_window_only_is_refused_as_itself():
    """Review r24, mutation P06: a contract inside the shorter window of the trending pair is
    inside the longer one too (``_sums``), so a success credited 16.67 (the 3-month half share
    alone) is refused on that contract, before any later forged value (here r2's 36.66, which
    keeps the sum at 90.00)."""
    history = [
        job("in6", "5.0", date(2022, 1, 1), date(2022, 1, 20)),
        job("bad6", "1.0", date(2022, 1, 1), date(2022, 1, 20)),
        *[job(f"r{i}", "5.0", date(2022, 5, 1), date(2022, 6, 1)) for i in range(3)],
    ]
    report = jss.score(history, as_of=date(2022, 6, 15), rules=jss.TRENDING_2021)
    with pytest.raises(InvalidValueError) as error:
        attrs.evolve(report, impacts=with_points(report, r0="16.67", r2="36.66"))
    assert ("JSSReport.impacts[2].points", EACH_RULE) == (error.value.field, error.value.rule)


_WEIGHTS = st.decimals(min_value=0, max_value=10**9, places=6, allow_nan=False)
_WORTHS = st.sampled_from(
    [Fraction(1), Fraction(-1), Fraction(0), Fraction(1, 2), Fraction(7, 40), Fraction(1, 3)]
)


@given(
    credited=st.lists(st.tuples(_WORTHS, _WEIGHTS), max_size=4),
    total=_WEIGHTS.filter(bool),
    units=st.lists(st.fractions(min_value=0, max_value=10**6), max_size=2),
)
def test_shares_and_points_are_the_exact_products_and_quotients(credited, total, units):
    """The whole-number arithmetic of _points gives exactly the rational formula."""
    expected = sum((worth * Fraction(weight) for worth, weight in credited), Fraction(0))
    got = share(credited, total)
    assert type(got) is Fraction
    assert got == expected / Fraction(total)
    for worth, weight in credited:
        points = exact_points(worth, weight, units)
        assert type(points) is Fraction
        assert points == worth * Fraction(weight) * sum(units, Fraction(0))


def test_a_share_and_points_to_the_last_digit():
    """Pinned: 1 × 2.50 + ½ × 0.75 − 1 × 1.25 over 4.50 is 13/36; 7/40 × 3.2 × 2/3 is 28/75."""
    got = share(
        [
            (Fraction(1), Decimal("2.50")),
            (Fraction(1, 2), Decimal("0.75")),
            (Fraction(-1), Decimal("1.25")),
        ],
        Decimal("4.50"),
    )
    assert got == Fraction(13, 36)
    assert exact_points(Fraction(7, 40), Decimal("3.2"), [Fraction(1, 3), Fraction(1, 3)]) == (
        Fraction(28, 75)
    )
    assert exact_points(Fraction(1), Decimal(0), [Fraction(1)]) == 0
