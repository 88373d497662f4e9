"""Hardening: bad input never escapes as anything but the library's own errors.

Every public entry point is fed arbitrary or hostile input: arbitrary JSON
into ``serialize`` for every public type, random escrow event streams in any
order at any time, random histories into the JSS simulator, arbitrary
numbers into the fee calculator and the hourly engine, and hostile sizes
(huge histories, 40-digit amounts, the edges of the calendar).  The only
exceptions allowed out are :class:`~upwork_safety.errors.UpworkSafetyError`
subclasses; ``KeyError``, ``AttributeError``, ``decimal.InvalidOperation``,
``RecursionError``, ``ZeroDivisionError``, ``OverflowError`` and the like
are bugs.

The Hypothesis tests that feed arbitrary input are marked ``fuzz`` and run
in ``nox -s slow`` (part of the default ``nox`` run) with the default
profile; ``nox -s fuzz`` runs them with ``HYPOTHESIS_PROFILE=fuzz``, the long
campaign.  The deterministic hostile-input regressions stay in the fast set.
"""

from __future__ import annotations

import functools
import importlib
import json
import typing
from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _ids import label
from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    EndReason,
    ExchangeRate,
    Feedback,
    InvalidDataError,
    Milestone,
    Money,
    Payment,
    UpworkSafetyError,
    escrow,
    fees,
    hourly,
    jss,
    rules,
    serialize,
)
from upwork_safety.errors import InvalidValueError, RulesError
from upwork_safety.models import History, TimeEntry
from upwork_safety.testing import strategies as us

UTC = timezone.utc
T0 = datetime(2025, 3, 3, 9, tzinfo=UTC)
PUBLIC_MODULES = ("models", "money", "escrow", "hourly", "fees", "jss", "rules")
if importlib.util.find_spec("upwork_safety.checks") is not None:
    PUBLIC_MODULES = (*PUBLIC_MODULES, "checks")


# --------------------------------------------------------------------------- samples


def answered_or_refused(*calls: typing.Callable[[], object]) -> None:
    """Run each call; only the library's own errors may escape (and are swallowed)."""
    for call in calls:
        _answer(call)


def _answer(call: typing.Callable[[], object]) -> None:
    try:
        call()
    except UpworkSafetyError:
        pass


def public_types(modules: tuple[str, ...] = PUBLIC_MODULES) -> list[type]:
    """Every attrs class one of *modules* (``upwork_safety.<name>``) lists in ``__all__``."""
    found: dict[str, type] = {}
    for name in modules:
        module = importlib.import_module(f"upwork_safety.{name}")
        for attr in module.__all__:
            value = getattr(module, attr)
            if isinstance(value, type) and attrs.has(value):
                found.setdefault(f"{value.__module__}.{value.__qualname__}", value)
    return sorted(found.values(), key=lambda cls: cls.__qualname__)


def _escrow_scenarios() -> list[Contract]:
    """Contracts that between them went through every escrow event class."""
    client = Client("acme", "Acme", payment_verified=True, country="United States")

    def fresh(cid: str, *milestones: Milestone) -> Contract:
        return Contract(
            cid,
            client,
            ContractKind.FIXED_PRICE,
            T0.date(),
            milestones=milestones,
            service_fee_rate=Decimal("0.10"),
            title="Brand kit",
        )

    logo = Milestone(
        "m1", "Logo in SVG and PNG", Money("300.00", "USD"), "3 concepts", date(2025, 3, 20)
    )
    page = Milestone("m2", "Landing page", Money("500.00", "USD"))
    day = timedelta(days=1)
    main = fresh("c1", logo, page)
    for event in (
        escrow.Fund("m1", T0),
        escrow.Submit("m1", T0 + 2 * day, note="first draft"),
        escrow.RequestChanges("m1", T0 + 3 * day, note="bigger"),
        escrow.Submit("m1", T0 + 4 * day),
        escrow.Approve(
            "m1", T0 + 5 * day, amount=Money("250.00", "USD"), bonus=Money("20.00", "USD")
        ),
        escrow.Fund("m2", T0 + 6 * day),
        escrow.RequestRefund("m2", T0 + 7 * day),
        escrow.OpenDispute("m2", T0 + 8 * day),
        escrow.AnswerDispute("m2", T0 + 9 * day),
        escrow.ResolveDispute("m2", T0 + 10 * day, Money("300.00", "USD"), Money("200.00", "USD")),
        escrow.EndContract(T0 + 11 * day),
    ):
        main = escrow.apply(main, event)
    auto_approve = escrow.apply(fresh("c2", logo), escrow.Fund("m1", T0))
    auto_approve = escrow.apply(auto_approve, escrow.Submit("m1", T0 + day))
    auto_approve = escrow.advance(auto_approve, T0 + 30 * day)
    refund = escrow.apply(fresh("c3", logo), escrow.Fund("m1", T0))
    refund = escrow.apply(refund, escrow.Refund("m1", T0 + day, amount=Money("100.00", "USD")))
    refund = escrow.apply(refund, escrow.RequestRefund("m1", T0 + 2 * day))
    accepted = escrow.apply(refund, escrow.AcceptRefund("m1", T0 + 3 * day))
    auto_refund = escrow.advance(refund, T0 + 30 * day)
    dormant = escrow.advance(escrow.apply(fresh("c4", logo), escrow.Fund("m1", T0)), T0 + 400 * day)
    silent = escrow.apply(fresh("c5", logo), escrow.Fund("m1", T0))
    silent = escrow.apply(silent, escrow.RequestRefund("m1", T0 + day))
    silent = escrow.apply(silent, escrow.OpenDispute("m1", T0 + 2 * day))
    silent = escrow.advance(silent, T0 + 30 * day)
    arbitration = escrow.apply(fresh("c6", logo), escrow.Fund("m1", T0))
    for event in (
        escrow.OpenDispute("m1", T0 + day),  # non-release, on the active contract
        escrow.AnswerDispute("m1", T0 + 2 * day),
        escrow.ClientPaysArbitration("m1", T0 + 7 * day),
        escrow.FreelancerPaysArbitration("m1", T0 + 8 * day),
    ):
        arbitration = escrow.apply(arbitration, event)
    defaulted = escrow.apply(fresh("c7", logo), escrow.Fund("m1", T0))
    defaulted = escrow.apply(defaulted, escrow.OpenDispute("m1", T0 + day))
    defaulted = escrow.apply(defaulted, escrow.AnswerDispute("m1", T0 + 2 * day))
    defaulted = escrow.advance(defaulted, T0 + 30 * day)
    return [main, auto_approve, accepted, auto_refund, dormant, silent, arbitration, defaulted]


def _hourly_values() -> list[object]:
    week = hourly.billing_week(T0)
    entries = [
        TimeEntry(T0, T0 + timedelta(hours=3), memo="Fix checkout bug", activity=7),
        TimeEntry(T0 + timedelta(hours=4), T0 + timedelta(hours=6), manual=True),
        TimeEntry(T0 + timedelta(days=1), T0 + timedelta(days=1, hours=9), memo="Tests"),
    ]
    bill = hourly.invoice(
        entries, week=week, rate=Money("20.00", "USD"), weekly_limit=10, client_verified=True
    )
    contract = Contract(
        "h1",
        "acme",
        ContractKind.HOURLY,
        T0.date(),
        hourly_rate=Money("20.00", "USD"),
        weekly_limit=Decimal(10),
        time_entries=entries,
    )
    pause = hourly.Pause(T0 + timedelta(days=1, hours=2), T0 + timedelta(days=1, hours=4))
    paused_bill = hourly.invoice_for(contract, week=week, pauses=[pause])
    extra = hourly.bonus(Money("50.00", "USD"), paid_at=T0 + timedelta(days=2))
    weekly = hourly.weekly_payment(Money("400.00", "USD"), week=week, started=T0.date())
    return [
        bill,
        contract,
        hourly.invoice_for(contract, week=week),
        hourly.payout_calendar(week),
        hourly.dispute_response(T0 + timedelta(days=10), invoice=bill),
        paused_bill,
        hourly.Pause(T0 + timedelta(days=3)),
        extra,
        weekly,
        hourly.payout_schedule(invoices=[paused_bill], bonuses=[extra], weekly_payments=[weekly]),
    ]


def _fee_values() -> list[object]:
    rate = ExchangeRate("USD", "PKR", "280.50", as_of=date(2025, 6, 2), source="SBP")
    amount = Money("1000.00", "USD")
    return [
        fees.service_fee(amount, on=date(2025, 6, 2), rate=Decimal("0.10")),
        fees.quote_withdrawal(
            amount, fees.DIRECT_TO_LOCAL_BANK, reference_rate=rate, spread=Decimal("0.01")
        ),
        fees.compare_withdrawals(amount, reference_rate=rate, methods=fees.PAKISTAN_METHODS),
        fees.break_even(
            fees.PAYONEER, attrs.evolve(fees.WIRE_USD, spread=Decimal(0)), reference_rate=rate
        ),
        fees.explain_service_fee(amount, on=date(2025, 6, 2)),
        fees.arrival(fees.DIRECT_TO_LOCAL_BANK, T0 + timedelta(days=3, hours=13)),
        fees.FeeLine("Payoneer fee", Money("2.00", "USD"), "COMM", unconfirmed=True),
        fees.compare_schedules(
            [
                fees.Credit(date(2025, 1, 8), Money("400.00", "USD")),
                fees.Credit(date(2025, 2, 26), Money("700.00", "USD")),
                fees.Credit(date(2025, 3, 5), Money("50.00", "USD")),
            ],
            start=date(2025, 1, 1),
            end=date(2025, 12, 31),
            method_added=date(2025, 1, 27),
        ),
        fees.PAYMENT_SCHEDULE_HISTORY,
        fees.payout(
            Payment(date(2025, 5, 28), amount),
            method=fees.PAYONEER,
            reference_rate=rate,
            rate=Decimal("0.10"),
        ),
        fees.plan_withdrawals(
            Money("2000.00", "USD"), fees.DIRECT_TO_LOCAL_BANK, max_fee_share="0.01"
        ),
        fees.schedule_as_of(date(2020, 1, 1)),
        fees.schedule_as_of(date(2025, 6, 2)),
        fees.EXPORT_TAX_2022,
        fees.RETENTION_HISTORY,
        fees.DEFAULT_FREQUENCIES,
    ]


def jss_history() -> list[Contract]:
    """Eight finished contracts with five clients, two of them poorly rated."""

    def job(
        n: int, client: str, start: date, days: int, amount: str, **feedback: object
    ) -> Contract:
        end = start + timedelta(days=days)
        return Contract(
            f"j{n}",
            client,
            ContractKind.FIXED_PRICE,
            start,
            end,
            payments=(Payment(end, Money(amount, "USD")),),
            feedback=Feedback(**feedback),  # type: ignore[arg-type]
        )

    good = {"stars": "5.0", "private_score": 10, "end_reason": EndReason.COMPLETED}
    return [
        job(1, "a", date(2024, 1, 8), 20, "300", **good),
        job(2, "b", date(2024, 3, 4), 40, "1200", **good),
        job(3, "c", date(2024, 5, 6), 10, "150", stars="2.0", private_score=3),
        job(4, "a", date(2024, 7, 1), 100, "2500", **good),
        job(5, "d", date(2024, 10, 7), 15, "90", end_reason=EndReason.CANCELLED_EARLY),
        job(6, "e", date(2025, 1, 6), 30, "700", stars="4.8", private_score=9),
        job(7, "b", date(2025, 2, 3), 25, "400", **good),
        job(8, "e", date(2025, 4, 7), 60, "5000", **good),
    ]


def _jss_values() -> list[object]:
    history = jss_history()
    on = date(2025, 9, 1)
    extra = attrs.evolve(history[0], id="x1", feedback=Feedback(stars=Decimal(1)))
    return [
        history,
        jss.FutureJob(Money("500.00", "USD"), days=14, client_id="a"),
        jss.score(history, as_of=on),
        jss.classify(history[2], as_of=on),
        jss.timeline(history, start=date(2025, 1, 1), end=date(2025, 1, 5)),
        # Past the data's end, an open contract paid twice stops counting, then is idle.
        jss.timeline(
            [
                Contract(
                    "open",
                    "b",
                    ContractKind.HOURLY,
                    date(2025, 1, 1),
                    payments=[
                        Payment(date(2025, 1, 1), Money("100.00", "USD")),
                        Payment(date(2025, 1, 15), Money("100.00", "USD")),
                    ],
                ),
            ],
            start=date(2025, 5, 1),
            end=date(2025, 8, 1),
            step=timedelta(days=92),
        ),
        jss.what_if(history, extra, as_of=on),
        jss.forecast(
            history,
            as_of=on,
            jobs=[jss.FutureJob(Money("500.00", "USD"), days=14, client_id="a")],
            outcome_odds={jss.Outcome.POSITIVE: "0.9", jss.Outcome.NEGATIVE: "0.1"},
            trials=50,
            seed=7,
        ),
        jss.explain_change(history, date(2025, 1, 1), on),
        jss.top_rated_weeks(history, as_of=on),
        jss.top_rated(history, as_of=on),
        jss.CURRENT,
        jss.LAUNCH_2015,
    ]


def _checks_values() -> list[object]:
    if "checks" not in PUBLIC_MODULES:
        return []
    checks = importlib.import_module("upwork_safety.checks")
    return [
        checks.CODES,
        checks.scan_message("Please start today, I will fund it later. Pay me on PayPal?"),
        checks.review_milestone("Build the website"),
        checks.review_contract(_escrow_scenarios()[0], now=T0 + timedelta(days=12)),
    ]


def _walk(value: object, found: dict[type, list[object]], seen: set[int]) -> None:
    if id(value) in seen:
        return
    seen.add(id(value))
    if attrs.has(type(value)):
        found.setdefault(type(value), []).append(value)
        for field in attrs.fields(type(value)):
            _walk(getattr(value, field.name), found, seen)
    elif isinstance(value, (list, tuple, History)):
        for item in value:
            _walk(item, found, seen)
    elif isinstance(value, Mapping):
        for item in value.values():
            _walk(item, found, seen)


def sample_values() -> dict[type, list[object]]:
    """At least one real value of every public attrs type, made by the engines themselves."""
    roots: list[object] = []
    contracts = _escrow_scenarios()
    roots += contracts
    main = contracts[0]
    roots.append(escrow.ledger(main, T0 + timedelta(days=20)))
    roots.append(escrow.deadlines(main, T0 + timedelta(days=12)))
    roots.append(escrow.allowed(main, "m1", now=T0 + timedelta(days=12)))
    roots += _hourly_values()
    roots += _fee_values()
    roots += _jss_values()
    roots += _checks_values()
    roots += [rules.CURRENT, rules.sources(), ExchangeRate("USD", "PKR", "280"), rules.HISTORY]
    roots.append(escrow.TRANSITIONS)
    found: dict[type, list[object]] = {}
    seen: set[int] = set()
    for root in roots:
        _walk(root, found, seen)
    return found


SAMPLES = sample_values()
TYPES = public_types()
#: Classes whose serialised form is a tagged event (``"type"`` first).
EVENT_CLASSES = frozenset(typing.get_args(escrow.Event))


def first_sample(cls: type) -> object:
    """The first sample of *cls*."""
    return SAMPLES[cls][0]


def concrete(cls: type) -> object:
    """*cls*, parametrised by its first sample's contents where it is generic (RuleHistory)."""
    if cls is rules.RuleHistory:
        return rules.RuleHistory[type(first_sample(cls).presets[0])]  # type: ignore[attr-defined]
    return cls


def test_property_every_public_type_has_a_sample():
    """The scenarios above produce a value of every public attrs type (so nothing is skipped)."""
    assert [] == [cls.__qualname__ for cls in TYPES if cls not in SAMPLES]


def _holds_ints(hint: object) -> bool:
    """Whether *hint* is ``int``, or a tuple or an optional of ints."""
    if hint is int:
        return True
    args = [a for a in typing.get_args(hint) if a is not type(None) and a is not Ellipsis]
    return bool(args) and all(_holds_ints(a) for a in args)


def _int_fields(cls: type) -> list[str]:
    """The init names of *cls*'s fields of whole numbers: ``int``, optional, or tuples of them."""
    hints = typing.get_type_hints(cls)
    return [
        field.alias
        for field in attrs.fields(cls)  # type: ignore[misc]
        if field.init and _holds_ints(hints.get(field.name))
    ]


INT_FIELDS = [(cls, name) for cls in TYPES for name in _int_fields(cls)]


def _with(sample: object, name: str, size: int) -> object:
    """*size* in place of the whole number *name* holds (its first, in a tuple)."""
    held = getattr(sample, name.lstrip("_"), None)
    if isinstance(held, tuple):
        return (size, *held[1:]) if held else (size,)
    return size


@pytest.mark.parametrize(
    ("cls", "name"), INT_FIELDS, ids=[f"{c.__qualname__}.{n}" for c, n in INT_FIELDS]
)
@pytest.mark.parametrize("size", [10**19, 10**5000, -(10**5000)], ids=["20", "5001", "-5001"])
def test_every_whole_number_field_is_bounded(cls, name, size):
    """Review 8: an int of thousands of digits was built into values that repr() could not show.

    Every field of whole numbers (an ``int``, optional, or a tuple of them) of
    every public type either refuses a huge number with the library's error,
    or holds it in a value that can be shown and saved.
    """
    sample = first_sample(cls)
    try:
        value = attrs.evolve(sample, **{name: _with(sample, name, size)})
    except UpworkSafetyError:
        return
    repr(value)
    serialize.to_json(value)


def test_the_whole_number_sweep_sees_tuple_fields():
    """The sweep reaches tuples of ints (a rule set's windows and trending pair)."""
    assert {"windows", "trending"} <= {n for c, n in INT_FIELDS if c is jss.JSSRules}


# --------------------------------------------------------------------------- serialize

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(["USD", "PKR", "2024-05-01", "2024-05-01T12:00:00+00:00", "1e-30", "0E+30"]),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=6)
    ),
    max_leaves=25,
)


def _built_or_refused(cls: object, data: object) -> None:
    try:
        value = serialize.from_dict(cls, data)  # type: ignore[arg-type]
    except InvalidDataError as exc:
        assert exc.problems
        assert all(p.startswith("$") for p in exc.problems)
        return
    # Whatever was accepted is a real value that serialises again.
    serialize.to_json(value)


#: Every public type, plus the containers callers read histories into.
TARGETS = [*TYPES, escrow.Event, list[Contract], tuple[Contract, ...], list[Money]]


@pytest.mark.fuzz
@given(cls=st.sampled_from(TARGETS), data=JSON)
def test_arbitrary_json_into_from_dict(cls, data):
    """Any JSON value into from_dict of any public type: a value or InvalidDataError, nothing else."""
    _built_or_refused(cls, data)


@functools.cache
def _mutations(cls: type) -> st.SearchStrategy[object]:
    """The serialised first sample of *cls* with one node replaced, removed or added."""
    value = first_sample(cls)

    def paths(node: object, here: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        out = [here]
        if isinstance(node, dict):
            for key, child in node.items():
                out += paths(child, (*here, key))
        elif isinstance(node, list):
            for index, child in enumerate(node):
                out += paths(child, (*here, index))
        return out

    base = serialize.to_dict(value)
    every = paths(base)

    @st.composite
    def mutate(draw: st.DrawFn) -> object:
        data = json.loads(json.dumps(base))
        path = draw(st.sampled_from(every))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if not path:
            return draw(JSON)
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        if action == "replace":
            parent[last] = draw(JSON)
        elif action == "delete":
            del parent[last]
        elif isinstance(parent[last], dict):
            parent[last][draw(st.text(max_size=8))] = draw(JSON)
        elif isinstance(parent[last], list):
            parent[last].append(draw(JSON))
        else:
            parent[last] = [parent[last]]
        return data

    return mutate()


@pytest.mark.fuzz
@given(cls=st.sampled_from(TYPES), data=st.data())
def test_fuzz_mutated_sample_into_from_dict(cls, data):
    """A real value's JSON with one node broken: a value or InvalidDataError with paths."""
    target = escrow.Event if cls in EVENT_CLASSES else concrete(cls)
    _built_or_refused(target, data.draw(_mutations(cls)))


@pytest.mark.fuzz
@given(text=st.text(max_size=200) | st.binary(max_size=200))
def test_arbitrary_text_into_from_json(text):
    """Any text or bytes into from_json: a Contract or InvalidDataError, nothing else."""
    try:
        serialize.from_json(list[Contract], text)
    except InvalidDataError:
        pass


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 50_000 + "1" + "}" * 50_000,
        '{"amount": "1' + "0" * 5_000 + '", "currency": "USD"}',
        '{"amount": "1e-999999999", "currency": "USD"}',
        '{"amount": ' + "9" * 5000 + ', "currency": "USD"}',
        '"\\ud800"',
        "NaN",
        "Infinity",
    ],
    ids=[
        "deep-list",
        "deep-object",
        "5000-digits",
        "tiny-exp",
        "huge-int",
        "lone-surrogate",
        "nan",
        "inf",
    ],
)
def test_hostile_json_documents(text):
    """Deep nesting, 5,000-digit numbers and odd literals are refused as InvalidDataError."""
    for cls in (Money, list[Contract], Contract):
        with pytest.raises(InvalidDataError):
            serialize.from_json(cls, text)


def test_hostile_deeply_nested_python_data():
    """A Python structure nested 100,000 deep (not from JSON) is refused, not a RecursionError."""
    deep: list[object] = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(InvalidDataError):
        serialize.from_dict(list[Contract], deep)


@pytest.mark.parametrize(
    "cls", sorted(EVENT_CLASSES, key=lambda c: c.__name__), ids=lambda c: c.__name__
)
def test_property_event_round_trip_through_the_union(cls):
    """Every escrow event class round-trips through the Event union, its tag kept."""
    value = first_sample(cls)
    data = serialize.to_dict(value)
    assert cls.__name__ == data["type"]
    assert value == serialize.from_dict(escrow.Event, data)


# --------------------------------------------------------------------------- escrow


def _milestone_contract(currency: str, count: int) -> Contract:
    minimum = "5.00" if currency == "USD" else "1.00"
    return Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2015, 1, 1),
        milestones=[
            Milestone(f"m{i}", "Deliverable", Money(minimum, currency) * (i * 7))
            for i in range(1, count + 1)
        ],
    )


def _approve_any_places(milestone_id: str, at: datetime, amount: Money) -> escrow.Approve:
    """An Approve of *amount*; one below the cent is refused when built, so it is rounded."""
    if amount.is_rounded():
        return escrow.Approve(milestone_id, at, amount=amount)
    with pytest.raises(InvalidValueError) as info:
        escrow.Approve(milestone_id, at, amount=amount)
    assert ("Approve.amount", "whole minor units") == (info.value.field, info.value.rule)
    return escrow.Approve(milestone_id, at, amount=amount.rounded())


def _any_event() -> st.SearchStrategy[object]:
    # Zero amounts are refused when an Approve or Refund is built (review r38, review 3), so
    # the stream holds none; a zero split of a ResolveDispute is still the engine's to judge.
    pkr = us.money("PKR", max_value="1000")
    pkr_paid = pkr.filter(bool)
    odd = st.sampled_from(["m1", "m2", "m3", "nope"])
    return st.one_of(
        us.events(),
        st.builds(escrow.Approve, odd, us.aware_datetimes(), amount=pkr_paid),
        st.builds(escrow.Refund, odd, us.aware_datetimes(), amount=pkr_paid),
        st.builds(escrow.ResolveDispute, odd, us.aware_datetimes(), pkr, pkr),
        st.builds(
            _approve_any_places,
            odd,
            us.aware_datetimes(),
            st.builds(Money, us.amounts(places=4), st.just("USD")).filter(
                lambda money: bool(money.rounded())
            ),
        ),
    )


def _check_views(contract: Contract, now: datetime) -> None:
    """Every read-only view works on whatever the engine accepted."""
    try:
        book = escrow.ledger(contract, now)
    except UpworkSafetyError:
        return
    assert book.funded == (
        book.work_in_progress + book.in_review + book.pending + book.available + book.refunded
    )
    escrow.deadlines(contract, now)
    for milestone in contract.milestones:
        escrow.allowed(contract, milestone.id, now=now)


@pytest.mark.fuzz
@given(
    currency=st.sampled_from(["USD", "PKR"]),
    count=st.integers(1, 3),
    steps=st.lists(st.tuples(_any_event(), st.booleans()), max_size=25),
)
def test_arbitrary_event_streams_into_escrow(currency, count, steps):
    """Any event, any order, any time into apply/advance: a new contract or the library's error."""
    contract = _milestone_contract(currency, count)
    for event, sort_first in steps:
        try:
            if sort_first:
                contract = escrow.advance(contract, event.at)
            contract = escrow.apply(contract, event)
        except UpworkSafetyError:
            continue
        _check_views(contract, event.at)
    if contract.history:
        again = escrow.replay(_milestone_contract(currency, count), contract.history)
        assert contract == again


@pytest.mark.fuzz
@given(
    contract=us.contracts(),
    event=us.events(),
    now=us.aware_datetimes(),
)
def test_arbitrary_contracts_into_escrow(contract, event, now):
    """Hourly or fixed-price contracts of any shape: escrow answers or refuses, never crashes."""
    answered_or_refused(
        lambda: escrow.apply(contract, event),
        lambda: escrow.advance(contract, now),
        lambda: escrow.ledger(contract, now),
        lambda: escrow.deadlines(contract, now),
        lambda: escrow.allowed(contract, "m1", now=now),
        lambda: escrow.replay(contract, [event]),
    )


WRONG = [None, 3, "m1", 1.5, Decimal(1), datetime(2025, 1, 1), date(2025, 1, 1), object(), [1], {}]
ESCROW_CALLS = {
    "apply(contract=?)": lambda bad: escrow.apply(bad, escrow.Fund("m1", T0)),
    "apply(event=?)": lambda bad: escrow.apply(_milestone_contract("USD", 1), bad),
    "apply(rules=?)": lambda bad: escrow.apply(
        _milestone_contract("USD", 1), escrow.Fund("m1", T0), rules=bad
    ),
    "advance(contract=?)": lambda bad: escrow.advance(bad, T0),
    "advance(now=?)": lambda bad: escrow.advance(_milestone_contract("USD", 1), bad),
    "ledger(now=?)": lambda bad: escrow.ledger(_milestone_contract("USD", 1), bad),
    "deadlines(now=?)": lambda bad: escrow.deadlines(_milestone_contract("USD", 1), bad),
    "allowed(milestone_id=?)": lambda bad: escrow.allowed(_milestone_contract("USD", 1), bad),
    "allowed(now=?)": lambda bad: escrow.allowed(_milestone_contract("USD", 1), "m1", now=bad),
    "replay(events=[?])": lambda bad: escrow.replay(_milestone_contract("USD", 1), [bad]),
}
#: Values that are valid for a parameter (``None`` means "the default").
ESCROW_VALID = {
    "apply(rules=?)": [None],
    "allowed(now=?)": [None],
    "allowed(milestone_id=?)": ["m1"],
}


@pytest.mark.parametrize("bad", WRONG, ids=label)
@pytest.mark.parametrize("call", ESCROW_CALLS, ids=str)
def test_hostile_wrong_types_into_escrow(call, bad):
    """Wrong types anywhere in the escrow API raise the library's error, never AttributeError."""
    if any(bad is v or (type(bad) is type(v) and bad == v) for v in ESCROW_VALID.get(call, [])):
        ESCROW_CALLS[call](bad)
        return
    with pytest.raises(UpworkSafetyError):
        ESCROW_CALLS[call](bad)


# --------------------------------------------------------------------------- jss


def _as_of() -> st.SearchStrategy[object]:
    return us.dates(min_value=date(2015, 3, 1)) | us.aware_datetimes(min_value=datetime(2015, 3, 2))


@pytest.mark.fuzz
@given(
    history=st.lists(us.contracts(), max_size=5, unique_by=lambda c: c.id),
    as_of=_as_of(),
    later=st.integers(0, 800),
)
def test_arbitrary_histories_into_jss(history, as_of, later):
    """Random histories into every JSS function: a report or the library's error, never a crash."""
    day = as_of if type(as_of) is date else as_of.astimezone(UTC).date()
    end = day + timedelta(days=later)
    calls = [
        lambda: jss.score(history, as_of=as_of),
        lambda: jss.timeline(history, start=day, end=end, step=timedelta(days=max(later // 5, 1))),
        lambda: jss.explain_change(history, day, end),
        lambda: jss.top_rated_weeks(history, as_of=as_of),
    ]
    if history:
        calls += [
            lambda: jss.classify(history[0], as_of=as_of, history=history),
            lambda: jss.what_if(history[1:], history[0], as_of=as_of),
        ]
    answered_or_refused(*calls)


@pytest.mark.fuzz
@given(
    history=st.lists(us.contracts(), max_size=3),
    as_of=_as_of(),
    jobs=st.lists(
        st.builds(jss.FutureJob, us.money(max_value="5000"), st.integers(1, 400)),
        min_size=1,
        max_size=4,
    ),
    odds=st.dictionaries(
        st.sampled_from(list(jss.Outcome)),
        st.sampled_from(["0", "0.25", "0.5", "1", "2", "-1", "x"]),
        max_size=3,
    ),
    trials=st.integers(-1, 20),
    seed=st.integers() | st.none(),
)
def test_arbitrary_forecasts(*, history, as_of, jobs, odds, trials, seed):
    """forecast() with any history, jobs, odds, trials and seed: a Forecast or the library's error."""
    try:
        result = jss.forecast(
            history, as_of=as_of, jobs=jobs, outcome_odds=odds, trials=trials, seed=seed
        )
    except UpworkSafetyError:
        return
    assert trials == sum(b.trials for b in result.bins)


WRONG_JSS = [None, 3, "c1", 1.5, object(), [1], [None], {"a": 1}, datetime(2025, 1, 1)]
ON = date(2025, 1, 1)
JSS_CALLS = {
    "score(contracts=?)": lambda bad: jss.score(bad, as_of=ON),
    "score(as_of=?)": lambda bad: jss.score(jss_history(), as_of=bad),
    "score(rules=?)": lambda bad: jss.score(jss_history(), as_of=ON, rules=bad),
    "score(exclude_clients=?)": lambda bad: jss.score(jss_history(), as_of=ON, exclude_clients=bad),
    "classify(contract=?)": lambda bad: jss.classify(bad, as_of=ON),
    "timeline(start=?)": lambda bad: jss.timeline(jss_history(), start=bad, end=ON),
    "timeline(step=?)": lambda bad: jss.timeline(
        jss_history(), start=ON, end=date(2025, 2, 1), step=bad
    ),
    "what_if(extra=?)": lambda bad: jss.what_if(jss_history(), bad, as_of=ON),
}
#: Values that are valid for a parameter: the default rules.  A mapping of client ids is
#: refused like any mapping where several things are wanted (``sequence_of``).
JSS_VALID = {"score(rules=?)": [None]}


@pytest.mark.parametrize("bad", WRONG_JSS, ids=label)
@pytest.mark.parametrize("call", JSS_CALLS, ids=str)
def test_hostile_wrong_types_into_jss(call, bad):
    """Wrong types in the JSS API raise the library's error."""
    if any(bad is v or (type(bad) is type(v) and bad == v) for v in JSS_VALID.get(call, [])):
        JSS_CALLS[call](bad)
        return
    with pytest.raises(UpworkSafetyError):
        JSS_CALLS[call](bad)


HUGE = 100_000


@pytest.fixture(scope="module")
def huge_history() -> list[Contract]:
    """100,000 small finished contracts, built once (about 5 s)."""
    day = date(2023, 1, 2)
    good = Feedback(Decimal(5), 10, EndReason.COMPLETED)
    poor = Feedback(Decimal(2), 3)
    out = []
    for n in range(HUGE):
        start = day + timedelta(days=n % 700)
        end = start + timedelta(days=1 + n % 60)
        out.append(
            Contract(
                f"c{n}",
                f"client{n % 5000}",
                ContractKind.FIXED_PRICE,
                start,
                end,
                payments=(Payment(end, Money(100 + n % 900, "USD")),),
                feedback=poor if n % 10 == 0 else good,
            )
        )
    return out


@pytest.mark.slow
def test_hostile_100000_contracts_into_jss_score(huge_history):
    """HOSTILE SIZE: 100,000 contracts are scored, every one explained.

    How the time grows with the size is measured in
    ``benchmarks/test_bench_hostile.py`` (linear), never asserted here.
    """
    report = jss.score(huge_history, as_of=date(2025, 1, 1))
    assert HUGE == len(report.impacts)
    assert report.score is not None
    assert 0 <= report.score <= 100


# --------------------------------------------------------------------------- money, fees, hourly


@pytest.mark.parametrize(
    "amount",
    ["1" * 40, "9" * 19, "-" + "9" * 19, "0." + "1" * 40, "1" * 20 + "." + "1" * 20, "1e-40"],
)
def test_hostile_40_digit_amounts_refused(amount):
    """Amounts with 40 digits are refused as text and as Decimal, naming the field."""
    with pytest.raises(UpworkSafetyError) as as_text:
        Money(amount, "USD")
    assert "Money.amount" == as_text.value.field
    with pytest.raises(UpworkSafetyError) as as_decimal:
        Money(Decimal(amount), "USD")
    assert "Money.amount" == as_decimal.value.field
    assert as_decimal.value.rule in {"at most 18 integer digits", "at most 18 decimal places"}
    with pytest.raises(InvalidDataError, match=r"\$\.amount: "):
        serialize.from_dict(Money, {"amount": amount, "currency": "USD"})


def test_hostile_largest_amount_works_through_fees():
    """The largest accepted amount (18 integer digits) goes through the fee calculator."""
    big = Money("9" * 17 + ".99", "USD")
    fee = fees.service_fee(big, on=date(2025, 6, 2), rate=Decimal("0.15"))
    assert Money("15000000000000000.00", "USD") == fee
    net = fees.net_earnings(big, on=date(2025, 6, 2), rate=Decimal("0.15"))
    assert big == fee + net


def test_hostile_amount_overflowing_on_conversion_is_refused():
    """An 18-digit USD amount converted to PKR would need 21 digits: a clear refusal."""
    big = Money("9" * 17 + ".99", "USD")
    with pytest.raises(UpworkSafetyError, match="PKR 27,719,999,999,999,999,722.80"):
        fees.quote_withdrawal(
            big,
            fees.DIRECT_TO_LOCAL_BANK,
            reference_rate=ExchangeRate("USD", "PKR", "280", as_of=date(2025, 6, 2)),
            spread=Decimal("0.01"),
        )


RATES = st.none() | st.sampled_from(["0", "0.1", "0.15", "0.5", "1", "-0.1", "x", "NaN"])


@pytest.mark.fuzz
@given(
    amount=st.builds(
        Money,
        st.decimals(
            min_value=-(10**17), max_value=10**17, places=4, allow_nan=False, allow_infinity=False
        ),
        us.currencies(),
    ),
    on=st.dates(),
    rate=RATES,
    billed=st.none() | us.money(max_value="100000"),
    reference=st.decimals(
        min_value=Decimal("0.0001"), max_value=Decimal(10**6), places=4, allow_nan=False
    ),
    method=st.sampled_from([*fees.PAKISTAN_METHODS, fees.PAYPAL, "payoneer", "nope", ""]),
    spread=RATES,
    tax=RATES,
)
def test_arbitrary_numbers_into_fees(*, amount, on, rate, billed, reference, method, spread, tax):
    """Any amount, date, rate, spread and tax into the fee calculator: an answer or its error."""
    fx = ExchangeRate("USD", "PKR", reference, as_of=date(2025, 6, 2))
    calls = [
        lambda: fees.service_fee(amount, on=on, rate=rate, billed_before=billed),
        lambda: fees.net_earnings(amount, on=on, rate=rate, billed_before=billed),
        lambda: fees.gross_for_net(amount, on=on, rate=rate, billed_before=billed),
        lambda: fees.quote_withdrawal(
            amount, method, reference_rate=fx, spread=spread, tax_rate=tax
        ),
        lambda: fees.compare_withdrawals(amount, reference_rate=fx, tax_rate=tax),
        lambda: fees.withdrawal_for_target(
            amount, method, reference_rate=fx, spread=spread, tax_rate=tax
        ),
        lambda: fees.break_even(fees.PAYONEER, method, reference_rate=fx, tax_rate=tax),
        lambda: fees.plan_withdrawals(amount, method, max_fee_share=rate or "0.01"),
        lambda: fees.payout(amount, method=method, reference_rate=fx, on=on, rate=rate),
    ]
    answered_or_refused(*calls)


@pytest.mark.fuzz
@given(
    entries=st.lists(us.time_entries(), max_size=6),
    at=us.aware_datetimes(),
    rate=us.money(max_value="500"),
    limit=st.none() | st.sampled_from([0, 1, "10.5", 168, 169, "-1", "x"]),
    verified=st.booleans(),
    top=st.booleans(),
)
def test_arbitrary_time_entries_into_hourly(*, entries, at, rate, limit, verified, top):
    """Any Work Diary, week, rate and limit into the hourly engine: an invoice or its error."""
    week = hourly.billing_week(at)
    calls = [
        lambda: hourly.invoice(
            entries,
            week=week,
            rate=rate,
            weekly_limit=limit,
            client_verified=verified,
            top_rated=top,
        ),
        lambda: hourly.weeks_of(entries),
        lambda: hourly.payout_calendar(week, top_rated=top),
        lambda: hourly.dispute_response(at),
    ]
    answered_or_refused(*calls)


# --------------------------------------------------------------------------- calendar edges

#: Moments safely inside the calendar: the engines add at most a few years of timers.
SAFE_EDGES = [
    datetime(1, 1, 1, tzinfo=UTC),
    datetime(1, 1, 2, tzinfo=timezone(timedelta(hours=23, minutes=59))),
    datetime(9000, 12, 31, 23, 59, 59, tzinfo=UTC),
    datetime(9000, 12, 31, tzinfo=timezone(-timedelta(hours=23, minutes=59))),
]


@pytest.mark.parametrize("at", SAFE_EDGES, ids=str)
def test_hostile_calendar_edges_escrow(at):
    """Escrow timers near the ends of the calendar work (or are refused), never overflow."""
    contract = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date.min,
        milestones=[Milestone("m1", "Logo", Money("10.00", "USD"))],
    )
    try:
        contract = escrow.apply(contract, escrow.Fund("m1", at))
        contract = escrow.apply(contract, escrow.Submit("m1", at))
        escrow.deadlines(contract, at)
        escrow.ledger(contract, at)
        escrow.allowed(contract, "m1", now=at)
        contract = escrow.apply(contract, escrow.EndContract(at))
        escrow.deadlines(contract, at)
    except UpworkSafetyError:
        pass


@pytest.mark.parametrize("on", [date.min, date(2015, 2, 28), date(9000, 12, 31)], ids=str)
def test_hostile_calendar_edges_jss_and_fees(on):
    """JSS and fees at the calendar's edges answer, or refuse with RulesError before 2015."""
    history = [
        Contract(
            "c1",
            "a",
            ContractKind.FIXED_PRICE,
            on,
            on,
            payments=(Payment(on, Money(100, "USD")),),
            feedback=Feedback(Decimal(5)),
        )
    ]
    if on < date(2015, 3, 1):
        for call in (
            lambda: jss.score(history, as_of=on),
            lambda: jss.timeline(history, start=on, end=on + timedelta(days=3)),
            lambda: jss.top_rated_weeks(history, as_of=on),
        ):
            with pytest.raises(RulesError, match="before 2015-03-01"):
                call()
    else:
        jss.score(history, as_of=on)
        jss.timeline(history, start=on, end=on + timedelta(days=3))
        jss.top_rated_weeks(history, as_of=on)
    fees.service_fee(Money(100, "USD"), on=on, rate=Decimal("0.10"))
    rules.as_of(on)
    hourly.billing_week(datetime.combine(on, datetime.min.time(), UTC))


# --------------------------------------------------------------------------- checks

if "checks" in PUBLIC_MODULES:
    checks = importlib.import_module("upwork_safety.checks")

    @given(text=st.text(max_size=500), direction=st.sampled_from(["incoming", "outgoing"]))
    def test_arbitrary_strings_into_scan_message(text, direction):
        """Any text into scan_message: a list of findings, never an exception."""
        found = checks.scan_message(text, direction=direction)
        assert all(isinstance(f, checks.Finding) for f in found)

    @given(title=st.text(max_size=200), description=st.text(max_size=500))
    def test_arbitrary_strings_into_review_milestone(title, description):
        """Any title and description into review_milestone: findings or the library's error."""
        try:
            found = checks.review_milestone(title, description)
        except UpworkSafetyError:
            return
        assert all(isinstance(f, checks.Finding) for f in found)

    @pytest.mark.parametrize("bad", [None, 3, b"bytes", ["text"], object()], ids=label)
    def test_hostile_wrong_types_into_checks(bad):
        """Non-text into the checks raises the library's error."""
        for call in (
            lambda: checks.scan_message(bad),
            lambda: checks.review_milestone(bad),
            lambda: checks.review_milestone("Logo", bad),
            lambda: checks.scan_message("hi", direction=bad),
        ):
            with pytest.raises(UpworkSafetyError):
                call()

    def test_hostile_longest_message():
        """HOSTILE SIZE: the longest message the checks read is scanned and the request at
        its end still found; one character more is refused before any reading.

        That the time grows linearly is measured in
        ``benchmarks/test_bench_hostile.py``, never asserted here.
        """
        request = " Please send me your WhatsApp number and we can pay outside Upwork."
        filler = checks.MAX_TEXT_CHARS - len(request)
        text = ("Thanks for the update, looking good so far. " * 3_000)[:filler] + request
        assert checks.MAX_TEXT_CHARS == len(text)
        found = checks.scan_message(text)
        assert {"OFF_PLATFORM_CONTACT", "OFF_PLATFORM_PAYMENT"} & {f.code for f in found}

    def test_text_past_the_checks_limit_is_refused():
        """Red team r13 #2 (high): with no limit, a 9.6 MB message took 100 s and 348 MB,
        and the CLI read message files of 50 MB.  Longer text is refused, by its length."""
        long = "a" * (checks.MAX_TEXT_CHARS + 1)
        calls = {
            "text": lambda: checks.scan_message(long),
            "title": lambda: checks.review_milestone(long),
            "description": lambda: checks.review_milestone("Logo", long),
        }
        for field, call in calls.items():
            with pytest.raises(InvalidValueError) as info:
                call()
            assert (field, "at most 100,000 characters") == (info.value.field, info.value.rule)
        # A milestone cannot hold such a description (review r26: the one text limit is
        # the models' too), so review_contract never meets one.
        with pytest.raises(InvalidValueError) as info:
            Milestone("m1", "Logo", Money("500", "USD"), description=long)
        assert ("Milestone.description", "at most 100,000 characters") == (
            info.value.field,
            info.value.rule,
        )


# --------------------------------------------------------------------------- red team, round 2


class TestRedTeamRound2:
    """What the round-2 red team found, each a regression test."""

    def test_a_lone_surrogate_cannot_be_built_or_loaded(self):
        """Text UTF-8 cannot hold is refused where it enters, so to_json never meets it."""
        with pytest.raises(UpworkSafetyError) as info:
            Contract("\ud800", "x", ContractKind.FIXED_PRICE, date(2024, 1, 1))
        assert ("Contract.id", "valid Unicode text") == (info.value.field, info.value.rule)
        with pytest.raises(UpworkSafetyError) as info:
            Milestone("m1", "Logo \udfff", Money("50", "USD"))
        assert "Milestone.title" == info.value.field
        text = '{"id":"\\ud800","client":"x","kind":"fixed_price","started":"2024-01-01"}'
        with pytest.raises(InvalidDataError) as loaded:
            serialize.from_json(Contract, text)
        assert "$.id" in str(loaded.value)
        # Paired surrogates are ordinary text (an emoji) and round-trip.
        fine = Contract("c\U0001f600", "x", ContractKind.FIXED_PRICE, date(2024, 1, 1))
        assert fine == serialize.from_json(Contract, serialize.to_json(fine))

    @pytest.mark.parametrize("zero", ["0E-1000000", "0E-500000", "0E-61"])
    def test_a_zero_written_with_absurd_places_is_refused_at_once(self, zero):
        """A zero with a huge exponent was accepted, then made allocate overflow or run 50 s."""
        with pytest.raises(UpworkSafetyError) as info:
            Money(Decimal(zero), "USD")
        assert "at most 60 decimal places written" == info.value.rule
        with pytest.raises(UpworkSafetyError) as info:
            Money("1.00", "USD").allocate([Decimal(zero), 1])
        assert "ratios[0]" == info.value.field

    def test_trailing_zeros_within_the_precision_are_kept(self):
        """Up to 60 places written (42 of them zeros past the 18 allowed) is still the same amount."""
        assert Money("1", "USD") == Money(Decimal("1." + "0" * 59), "USD")

    @pytest.mark.parametrize("items", [[1], [Money("1", "USD"), "2"], None, "USD", 5])
    def test_money_total_refuses_what_is_not_money(self, items):
        """Money.total([1]) raised a bare TypeError."""
        with pytest.raises(UpworkSafetyError) as info:
            Money.total(items, "USD")
        assert info.value.field in {"items", "items[0]", "items[1]"}

    @pytest.mark.parametrize("spec", ["zz", "1000000000", ".5000f", "Q"])
    def test_money_format_spec_is_checked_and_bounded(self, spec):
        """A bad spec raised ValueError; a width of 10**9 built a 1 GB string."""
        with pytest.raises(UpworkSafetyError) as info:
            format(Money("1", "USD"), spec)
        assert "format_spec" == info.value.field

    def test_money_format_specs_still_work(self):
        """Ordinary specs format the amount; an empty spec is str()."""
        money = Money("1234.5", "USD")
        assert ("1,234.50", "USD 1,234.50", "**1234.5**") == (
            format(money, ",.2f"),
            format(money, ""),
            format(money, "*^10"),
        )

    def test_a_year_one_statement_by_tax_year_is_a_library_error(self):
        """summarize(by="tax_year") on a row dated 0001-01-01 raised ValueError: year 0."""
        from upwork_safety import statements

        text = "Date,Contract,Hours,Amount,Payment type\n0001-01-01,Logo (1),,5.00,Bonus\n"
        statement = statements.parse(text)
        with pytest.raises(UpworkSafetyError) as info:
            statements.summarize(statement, by="tax_year")
        assert "statement" == info.value.field
        assert "0001-01" == statements.summarize(statement, by="month").rows[0].period
        with pytest.raises(UpworkSafetyError) as info:
            statements.tax_year(date(1, 6, 30))
        assert "on" == info.value.field
        assert "0001-02" == statements.tax_year(date(1, 7, 1))

    def test_the_cli_exits_2_on_both(self, tmp_path, capsys):
        """The CLI printed a traceback (exit 1) for the year-1 statement and the surrogate file."""
        from upwork_safety.cli import main

        year_one = tmp_path / "y1.csv"
        year_one.write_text(
            "Date,Contract,Hours,Amount,Payment type\n0001-01-01,Logo (1),,5.00,Bonus\n", "utf-8"
        )
        surrogate = tmp_path / "sur.json"
        surrogate.write_text(
            '[{"id":"\\ud800","client":"x","kind":"fixed_price","started":"2024-01-01"}]', "utf-8"
        )
        for argv in (
            ["statement", str(year_one), "--by", "tax-year"],
            ["jss", str(surrogate), "--as-of", "2025-01-01"],
        ):
            assert 2 == main(argv)
            captured = capsys.readouterr()
            assert "" == captured.out
            assert "Traceback" not in captured.err


class TestNewcomerRound2:
    """What the round-2 newcomer trial found, each a regression test."""

    def test_a_work_diary_that_bills_minutes_twice_cannot_be_built(self):
        """Overlapping entries were accepted by Contract and refused only by the hourly engine."""
        from upwork_safety.models import TimeEntry

        start = datetime(2015, 1, 1, tzinfo=timezone.utc)
        entry = TimeEntry(start, start + timedelta(minutes=1))
        with pytest.raises(UpworkSafetyError) as info:
            Contract(
                "h1", "client", ContractKind.HOURLY, date(2015, 1, 1),
                hourly_rate=Money("20", "USD"), time_entries=[entry, entry],
            )  # fmt: skip
        assert ("Contract.time_entries[1]", "entries do not overlap") == (
            info.value.field,
            info.value.rule,
        )
        # Entries that touch (one ends as the next starts) are one diary.
        later = TimeEntry(start + timedelta(minutes=1), start + timedelta(minutes=2))
        contract = Contract(
            "h1", "client", ContractKind.HOURLY, date(2015, 1, 1),
            hourly_rate=Money("20", "USD"), time_entries=[later, entry],
        )  # fmt: skip
        assert 2 == len(contract.time_entries)

    @given(us.hourly_contracts())
    def test_drawn_hourly_contracts_pass_the_hourly_checks(self, contract):
        """testing.md promises valid values: a drawn contract goes through review_contract."""
        from upwork_safety import checks

        checks.review_contract(contract, now=datetime(2031, 1, 2, tzinfo=timezone.utc))

    def test_a_contract_rate_follows_the_one_rate_rule(self):
        """Contract(service_fee_rate="10%") was refused with a message about money."""
        contract = Contract(
            "c", "x", ContractKind.FIXED_PRICE, date(2025, 6, 1), service_fee_rate="10%"
        )
        assert Decimal("0.10") == contract.service_fee_rate
        with pytest.raises(UpworkSafetyError) as info:
            Contract("c", "x", ContractKind.FIXED_PRICE, date(2025, 6, 1), service_fee_rate="x%")
        assert ("Contract.service_fee_rate", "a fraction or a percentage") == (
            info.value.field,
            info.value.rule,
        )

    def test_wrong_text_for_a_kind_or_currency_says_what_to_write(self):
        """The error names the member or the upper-case code the text meant."""
        with pytest.raises(UpworkSafetyError) as info:
            Contract("c1", "acme", "Fixed Price", date(2025, 1, 1))
        assert "'fixed_price'" in str(info.value)
        with pytest.raises(UpworkSafetyError) as info:
            Contract("c1", "acme", 1, date(2025, 1, 1))  # type: ignore[arg-type]
        assert ("Contract.kind", "a ContractKind") == (info.value.field, info.value.rule)
        with pytest.raises(UpworkSafetyError) as info:
            Money("500", "usd")
        assert "'USD'" in str(info.value)

    def test_the_cli_explains_a_refused_fee_rate(self, capsys):
        """`fees --fee-rate 5%` in 2024 said 5% was outside 0%–15%; it is the legacy cut-off."""
        from upwork_safety.cli import main

        assert 2 == main(["fees", "500", "--on", "2024-01-10", "--fee-rate", "5%"])
        err = capsys.readouterr().err
        assert "--fee-rate 5%" in err
        assert "2023-12-31" in err
        assert "0%–15%" not in err

    def test_cli_help_shows_date_formats(self, capsys):
        """--on, --as-of and --now say how to write a date or a moment."""
        from upwork_safety.cli import main

        for command, option in (
            ("fees", "--on DATE"),
            ("jss", "--as-of DATE"),
            ("check", "--now DATETIME"),
        ):
            with pytest.raises(SystemExit):
                main([command, "--help"])
            out = capsys.readouterr().out
            assert option in out
            assert "YYYY-MM-DD" in out or "+00:00" in out

    def test_the_cli_refuses_to_exclude_a_client_it_does_not_know(self, tmp_path, capsys):
        """`jss --exclude-client nobody` left the score unchanged without a word (a typo)."""
        from upwork_safety.cli import main

        good = Feedback(stars="5.0", private_score=9)
        path = tmp_path / "history.json"
        path.write_text(
            serialize.to_json(
                [
                    Contract(
                        f"c{i}",
                        f"client{i}",
                        ContractKind.FIXED_PRICE,
                        date(2025, 1, 1),
                        ended=date(2025, 1, 20),
                        payments=[Payment(date(2025, 1, 20), Money("300", "USD"))],
                        feedback=good,
                    )
                    for i in range(3)
                ]
            ),
            "utf-8",
        )
        assert 2 == main(["jss", str(path), "--as-of", "2025-06-01", "--exclude-client", "nobody"])
        captured = capsys.readouterr()
        assert "" == captured.out
        assert "--exclude-client 'nobody'" in captured.err  # quoted, cut short (r25 H5)
        assert "client0" in captured.err
        assert 0 == main(["jss", str(path), "--as-of", "2025-06-01", "--exclude-client", "client0"])
