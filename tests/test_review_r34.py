"""Regression tests for round 34's code review (fees, jss, rules, models): findings 1 to 5."""

from __future__ import annotations

from datetime import date, datetime, timezone
from types import SimpleNamespace

import attrs
import pytest

from upwork_safety import (
    Contract,
    ContractKind,
    Feedback,
    Milestone,
    Money,
    Payment,
    escrow,
    fees,
    jss,
    rules,
    serialize,
)
from upwork_safety.errors import InvalidDataError, InvalidTypeError, InvalidValueError, RulesError
from upwork_safety.hourly import TimeEntry
from upwork_safety.jss._invariants import UNIQUE_IDS
from upwork_safety.rules import RuleHistory

MONDAY = datetime(2026, 1, 5, tzinfo=timezone.utc)


# --------------------------------------------------------------------------
# Finding 1: a method's business days are bounded, so every Arrival can be shown


@pytest.mark.parametrize("days", [(1, 10**17), (10**17, 10**17), (0, 367)])
def test_a_method_taking_over_366_business_days_is_refused_when_built(days):
    """Review r34 1: such a method was built, and its Arrival raised naming ``n`` when shown."""
    with pytest.raises(RulesError) as refused:
        attrs.evolve(fees.DIRECT_TO_LOCAL_BANK, business_days=days)
    assert ("WithdrawalMethod.business_days", "at most 366 business days") == (
        refused.value.field,
        refused.value.rule,
    )
    assert str(days) in str(refused.value)


def test_a_method_over_366_business_days_is_refused_when_loaded():
    """The bound holds for a method read back from JSON too, naming its path."""
    text = serialize.to_json(attrs.evolve(fees.DIRECT_TO_LOCAL_BANK, business_days=(1, 366)))
    with pytest.raises(InvalidDataError) as refused:
        serialize.from_json(fees.WithdrawalMethod, text.replace("366", "367"))
    assert "$.business_days" in str(refused.value)


def test_the_slowest_method_on_the_last_day_still_gives_every_date():
    """366 business days from 9990-12-31 stays within the calendar: repr and dates work."""
    slow = attrs.evolve(fees.DIRECT_TO_LOCAL_BANK, business_days=(366, 366))
    found = fees.arrival(slow, datetime(9990, 12, 31, 11, tzinfo=timezone.utc))
    assert (date(9990, 12, 31), date(9992, 5, 26), date(9992, 5, 26)) == (
        found.processed_on,
        found.earliest,
        found.latest,
    )
    assert "arrives 9992-05-26" in repr(found)
    assert date(2027, 6, 1) == fees.arrival(slow, MONDAY).latest  # 73 weeks and a day


# --------------------------------------------------------------------------
# Finding 4: a RuleHistory holds rule sets of one kind


def test_a_rule_history_of_mixed_kinds_is_refused_naming_the_first_other_kind():
    """Review r34 4: PlatformRules, JSSRules and a fee schedule made one history."""
    presets = (rules.HISTORY[0], rules.HISTORY[1], jss.HISTORY[-1], fees.SERVICE_FEE_HISTORY[-1])
    with pytest.raises(RulesError) as refused:
        RuleHistory("mixed", presets)
    assert ("RuleHistory.presets[2]", "rule sets of one kind") == (
        refused.value.field,
        refused.value.rule,
    )
    assert "PlatformRules" in str(refused.value)
    assert "JSSRules" in str(refused.value)


def test_a_preset_without_a_name_is_no_rule_set():
    """Review r34 4: an object with only an ``effective`` date was taken as a rule set."""
    with pytest.raises(InvalidTypeError) as refused:
        RuleHistory("junk", (SimpleNamespace(effective=date(2020, 1, 1)),))
    assert ("RuleHistory.presets[0]", "a dated rule set") == (
        refused.value.field,
        refused.value.rule,
    )


def test_a_rule_history_of_one_kind_is_kept_and_read_back():
    """One kind is taken as before, and a history read back by serialize is checked the same."""
    later = attrs.evolve(rules.CURRENT, effective=date(2027, 1, 1), name="what-if")
    history = RuleHistory("what-if", (*rules.HISTORY, later))
    assert later is history.current
    text = serialize.to_json(history)
    assert history == serialize.from_json(RuleHistory[rules.PlatformRules], text)


# --------------------------------------------------------------------------
# Finding 5: a Contract's lists from a pandas column or a numpy array

PAYMENTS = [
    Payment(date(2024, 1, 5), Money("100", "USD")),
    Payment(date(2024, 1, 6), Money("50", "USD")),
]
FIXED = {"id": "c", "client": "k", "kind": ContractKind.FIXED_PRICE, "started": date(2024, 1, 1)}
HOURLY = {
    "id": "h",
    "client": "k",
    "kind": ContractKind.HOURLY,
    "started": date(2024, 1, 1),
    "hourly_rate": Money("10", "USD"),
}
ENTRY = TimeEntry(
    datetime(2024, 1, 2, 9, tzinfo=timezone.utc), datetime(2024, 1, 2, 10, tzinfo=timezone.utc)
)
LANDING = Milestone("m1", "Landing page", Money("300.00", "USD"))


def _funded() -> Contract:
    contract = Contract(**FIXED, milestones=[LANDING])
    return escrow.apply(contract, escrow.Fund("m1", datetime(2024, 1, 2, tzinfo=timezone.utc)))


@pytest.mark.parametrize("wrap", ["series", "array"])
def test_a_contracts_lists_may_be_a_pandas_column_or_a_numpy_array(wrap):
    """Review r34 5: these raised numpy's own ValueError (a ``value == ()`` check)."""
    pd = pytest.importorskip("pandas")

    def column(items: list[object]) -> object:
        series = pd.Series(items, dtype=object)
        return series if wrap == "series" else series.to_numpy()

    paid = Contract(**FIXED, payments=column(PAYMENTS))
    assert tuple(PAYMENTS) == paid.payments
    assert Money("150", "USD") == paid.earnings
    assert (LANDING,) == Contract(**FIXED, milestones=column([LANDING])).milestones
    assert (ENTRY,) == Contract(**HOURLY, time_entries=column([ENTRY])).time_entries
    funded = _funded()
    rebuilt = attrs.evolve(funded, history=column(list(funded.history)))
    assert funded == rebuilt
    assert Contract(**FIXED, payments=PAYMENTS) == paid


@pytest.mark.parametrize("field", ["payments", "milestones", "time_entries", "history"])
def test_an_empty_numpy_array_is_an_empty_list(field):
    """An empty column is no payments (or milestones, entries, events), as ``()`` is."""
    numpy = pytest.importorskip("numpy")
    contract = Contract(**FIXED, **{field: numpy.array([], dtype=object)})
    assert 0 == len(getattr(contract, field))
    assert Contract(**FIXED) == contract


@pytest.mark.parametrize(
    ("field", "rule"),
    [
        ("payments", "a sequence of Payment"),
        ("milestones", "a sequence of Milestone"),
        ("time_entries", "a sequence of TimeEntry"),
        ("history", "a sequence of escrow events"),
    ],
)
def test_a_numpy_scalar_for_a_contracts_list_is_the_librarys_type_error(field, rule):
    """``np.int64(5)`` raised numpy's ValueError; it is refused naming the field."""
    numpy = pytest.importorskip("numpy")
    with pytest.raises(InvalidTypeError) as refused:
        Contract(**FIXED, **{field: numpy.int64(5)})
    assert (f"Contract.{field}", rule) == (refused.value.field, refused.value.rule)


# --------------------------------------------------------------------------
# Finding 2: classify refuses a different contract with the judged one's id

AS_OF = date(2025, 6, 1)


def _job(number: str, client: str, month: int, stars: str) -> Contract:
    ended = date(2025, month + 1, 1)
    return Contract(
        number,
        client,
        ContractKind.FIXED_PRICE,
        started=date(2025, month, 1),
        ended=ended,
        payments=[Payment(ended, Money("100", "USD"))],
        feedback=Feedback(stars=stars),
    )


FIRST = _job("c1", "A", 1, "4.2")
REHIRE = _job("c2", "A", 3, "4.2")


def test_classify_refuses_another_contract_with_the_judged_contracts_id():
    """Review r34 2: the clash was dropped unseen, and with it the rehire it records."""
    assert jss.Outcome.POSITIVE == jss.classify(FIRST, as_of=AS_OF, history=[REHIRE]).outcome
    clash = attrs.evolve(REHIRE, id="c1")
    with pytest.raises(InvalidValueError) as refused:
        jss.classify(FIRST, as_of=AS_OF, history=[REHIRE, clash])
    assert ("history[1].id", UNIQUE_IDS) == (refused.value.field, refused.value.rule)
    with pytest.raises(InvalidValueError) as scored:
        jss.score([FIRST, clash], as_of=AS_OF)
    assert UNIQUE_IDS == scored.value.rule  # the rule score refuses the pair by


def test_classify_still_skips_the_judged_contract_in_its_history():
    """The whole history may be passed: the contract itself (an equal copy too) is skipped."""
    alone = jss.classify(FIRST, as_of=AS_OF, history=[REHIRE])
    copy = attrs.evolve(FIRST)
    assert alone == jss.classify(FIRST, as_of=AS_OF, history=[FIRST, REHIRE])
    assert alone == jss.classify(FIRST, as_of=AS_OF, history=[REHIRE, copy])
    assert jss.score([FIRST, REHIRE], as_of=AS_OF).impact("c1") == jss.classify(
        FIRST, as_of=AS_OF, history=[FIRST, REHIRE]
    )


# --------------------------------------------------------------------------
# Finding 3: an exclude_clients id that names no client is refused

#: The rule an exclude_clients id of no client breaks.
EXCLUDED_CLIENT = "the id of a client of the contracts given"
TROLLED = [_job("c1", "A", 1, "2.0"), _job("c2", "Bob", 3, "5.0"), _job("c3", "C", 3, "5.0")]


def _refusal(call) -> tuple[str, str, str]:
    with pytest.raises(InvalidValueError) as refused:
        call()
    return refused.value.field, refused.value.rule, str(refused.value)


def test_an_excluded_id_that_names_no_client_is_refused_with_the_id_meant():
    """Review r34 3: ``"a"`` for ``"A"`` was ignored, leaving the 2-star review in the score."""
    assert 67 == jss.score(TROLLED, as_of=AS_OF).score
    assert 100 == jss.score(TROLLED, as_of=AS_OF, exclude_clients=["A"]).score
    field, rule, message = _refusal(
        lambda: jss.score(TROLLED, as_of=AS_OF, exclude_clients=["A", "a"])
    )
    assert ("exclude_clients[1]", EXCLUDED_CLIENT) == (field, rule)
    assert "(did you mean 'A'?)" in message
    assert "'Bob'" in message  # the history's clients are listed
    *_, close = _refusal(lambda: jss.score(TROLLED, as_of=AS_OF, exclude_clients=["Bbo"]))
    assert "(did you mean 'Bob'?)" in close


JOBS = [jss.FutureJob(Money(100, "USD"), days=3, client_id="J")]
ODDS = {jss.Outcome.POSITIVE: 1}
EVERY_CALL = {
    "classify": lambda ids: jss.classify(
        TROLLED[0], as_of=AS_OF, history=TROLLED[1:], exclude_clients=ids
    ),
    "score": lambda ids: jss.score(TROLLED, as_of=AS_OF, exclude_clients=ids),
    "timeline": lambda ids: jss.timeline(TROLLED, start=AS_OF, end=AS_OF, exclude_clients=ids),
    "top_rated_weeks": lambda ids: jss.top_rated_weeks(TROLLED, as_of=AS_OF, exclude_clients=ids),
    "top_rated": lambda ids: jss.top_rated(TROLLED, as_of=AS_OF, exclude_clients=ids),
    "what_if": lambda ids: jss.what_if(
        TROLLED, [_job("x", "New", 4, "5.0")], as_of=AS_OF, exclude_clients=ids
    ),
    "explain_change": lambda ids: jss.explain_change(TROLLED, AS_OF, AS_OF, exclude_clients=ids),
    "forecast": lambda ids: jss.forecast(
        TROLLED, as_of=AS_OF, jobs=JOBS, outcome_odds=ODDS, trials=1, seed=1, exclude_clients=ids
    ),
}


@pytest.mark.parametrize("name", EVERY_CALL)
def test_every_function_taking_exclude_clients_refuses_an_id_of_no_client(name):
    """One rule for every function of one history: each id is the client of a contract given."""
    call = EVERY_CALL[name]
    call(["A", "C"])  # clients of the contracts given: taken
    field, rule, message = _refusal(lambda: call(["C", "c "]))
    assert ("exclude_clients[1]", EXCLUDED_CLIENT) == (field, rule)
    assert "'c '" in message


def test_a_client_only_an_added_contract_or_a_job_has_may_be_excluded():
    """what_if's extra and forecast's named clients are contracts given too."""
    extra = _job("x", "New", 4, "1.0")
    assert 67 == jss.what_if(TROLLED, [extra], as_of=AS_OF, exclude_clients=["New"]).after
    assert EVERY_CALL["forecast"](["J"]).bins == (jss.ForecastBin(67, 1),)


def test_population_functions_take_one_shared_list_unchecked():
    """score_many and score_frame serve many freelancers with one list: an id is not checked.

    Whether an id is some freelancer's client would depend on which freelancers
    share a batch (diff review r34, 2): a shared list of flagged clients scores
    each freelancer as score does with the ids that are its clients.
    """
    histories = [TROLLED[:1], TROLLED[1:]]
    shared = ["A", "Bob", "flagged-elsewhere"]
    reports = list(jss.score_many(histories, as_of=AS_OF, exclude_clients=shared))
    alone = [
        jss.score(history, as_of=AS_OF, exclude_clients=[c for c in shared if c in clients])
        for history, clients in ((h, {c.client.id for c in h}) for h in histories)
    ]
    assert alone == reports
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"freelancer": ["f1", "f2", "f2"], "contract": TROLLED})
    scored = jss.score_frame(frame, as_of=AS_OF, exclude_clients=shared)
    assert [report.score for report in alone] == [
        None if pd.isna(score) else score for score in scored["score"].tolist()
    ]
