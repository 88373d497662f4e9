"""A subclass of one of the library's values runs none of its code while the library computes.

Second diff review r33 (findings 1-3) and red team r34 (finding 2): the
library put its decimal context back after caller code it knew it ran
(iterables, mappings, zones), but not after code a *value* runs when the
library only reads it: a ``Money`` or ``Contract`` subclass whose
``__getattribute__`` changes the context (a lazy or proxy type), a ``str``
subclass used as a key of a plain ``dict`` given to ``serialize.from_dict``
(whose ``__eq__`` answers each look-up), a ``timedelta`` subclass given as
``jss.timeline``'s step (whose comparisons answered its rule).  Each gave a
wrong answer (a service fee of USD 1.00 for USD 13.83, a JSS of 40 for 36)
or refused a valid input.

Now every library value a public function is given is read once, through
its class's own slots, into the plain value it holds (``_records.plain_value``,
applied by the shared argument checks), a key is read as the text it holds,
and a step as the plain ``timedelta`` it holds.  Every case must give exactly
the plain input's answer, under each way of meddling.
"""

from __future__ import annotations

import decimal
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import attrs
import pytest

from test_decimal_context_r33 import AMOUNT, BEFORE, BUILT, HISTORY, MEDDLES, SBP
from upwork_safety import Contract, ExchangeRate, Money, escrow, fees, jss, rules, serialize
from upwork_safety.errors import InvalidTypeError, InvalidValueError
from upwork_safety.testing import factories

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

UTC = timezone.utc


class _Meddle:
    """What the caller's values below do to the current context when read (``None``: nothing)."""

    act: Callable[[], None] | None = None

    @classmethod
    def now(cls) -> None:
        if cls.act is not None:
            cls.act()


@pytest.fixture(params=sorted(MEDDLES))
def meddling(request: pytest.FixtureRequest) -> Iterator[decimal.Context]:
    """Each meddle in turn; yields the caller's own context, restored afterwards."""
    _Meddle.act = MEDDLES[request.param]
    with decimal.localcontext() as mine:
        mine.prec = 28
        try:
            yield mine
        finally:
            _Meddle.act = None
            decimal.setcontext(mine)  # a meddle may have installed another


def _settings(context: decimal.Context) -> tuple[object, ...]:
    return (context.prec, context.rounding, dict(context.traps))


_SUBCLASSES: dict[type, type] = {}


def hooked(value: Any) -> Any:
    """*value* as a subclass of its class whose every attribute read meddles first (a proxy).

    Built through the class's own constructor from what the value holds, so it
    is a valid value of that class in every respect but its ``__getattribute__``.
    """
    kind = type(value)
    sub = _SUBCLASSES.get(kind)
    if sub is None:

        def __getattribute__(self: object, name: str) -> object:  # noqa: N807
            _Meddle.now()  # every name: ``isinstance`` asks for ``__class__`` too
            return object.__getattribute__(self, name)

        sub = type(f"Lazy{kind.__name__}", (kind,), {"__getattribute__": __getattribute__})
        _SUBCLASSES[kind] = sub
    held = {
        field.alias: object.__getattribute__(value, field.name)
        for field in attrs.fields(kind)
        if field.init
    }
    act, _Meddle.act = _Meddle.act, None  # building it is the caller's own doing: quietly
    try:
        return sub(**held)
    finally:
        _Meddle.act = act


class Key(str):
    """A key whose ``__eq__`` meddles (an ORM's or a lazy JSON proxy's key type)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        _Meddle.now()
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def keyed(data: object) -> object:
    """*data* with every key of every object a :class:`Key`, in plain dicts and lists."""
    if isinstance(data, dict):
        return {Key(key): keyed(value) for key, value in data.items()}
    if isinstance(data, list):
        return [keyed(value) for value in data]
    return data


def _at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


NOW = _at(2026, 6, 1)
ON = date(2020, 3, 1)

#: Each call, given the values it takes through ``v`` (identity: the plain call).
CALLS: dict[str, Callable[[Callable[[Any], Any]], object]] = {
    "fees.service_fee": lambda v: fees.service_fee(v(AMOUNT), on=ON, billed_before=v(BEFORE)),
    "fees.net_earnings": lambda v: fees.net_earnings(v(AMOUNT), on=ON, billed_before=v(BEFORE)),
    "fees.gross_for_net": lambda v: fees.gross_for_net(v(AMOUNT), on=ON, billed_before=v(BEFORE)),
    "fees.quote_withdrawal": lambda v: fees.quote_withdrawal(
        v(Money("1234.57", "USD")), "payoneer", reference_rate=v(SBP), on=date(2025, 5, 1)
    ),
    "jss.score": lambda v: jss.score([v(c) for c in HISTORY], as_of=date(2025, 6, 1)),
    "jss.classify": lambda v: jss.classify(v(HISTORY[0]), as_of=date(2025, 6, 1)),
    "escrow.ledger": lambda v: escrow.ledger(v(BUILT), NOW),
    "escrow.ledger rules=": lambda v: escrow.ledger(
        BUILT, NOW, rules=v(rules.as_of(date(2026, 3, 2)))
    ),
    "escrow.deadlines": lambda v: escrow.deadlines(v(BUILT), NOW),
    "escrow.apply": lambda v: escrow.apply(v(BUILT), v(escrow.EndContract(_at(2026, 3, 20)))),
    "escrow.advance": lambda v: escrow.advance(v(BUILT), NOW),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_library_value_subclass_gives_the_plain_answer(
    name: str, meddling: decimal.Context
) -> None:
    """A value subclass whose reads meddle: exactly the plain value's answer, every meddle.

    The library reads each value once, inside the call, and puts its context
    back, so the caller's own context comes back as it was too.
    """
    call = CALLS[name]
    plain = call(lambda value: value)
    before = _settings(meddling)
    assert plain == call(hooked)
    assert before == _settings(decimal.getcontext())


#: Calls that read the value outside any computation of the library's (a method
#: the caller looks up on it; ``to_dict``, which computes nothing): the answer is
#: exact, while the value's reads meddle with whatever context is current there,
#: the caller's own.
OWN_READS: dict[str, Callable[[Callable[[Any], Any]], object]] = {
    "serialize.to_dict": lambda v: serialize.to_dict(v(BUILT)),
    "ExchangeRate.convert": lambda v: v(SBP).convert(v(Money("1234.57", "USD"))),
    "Money arithmetic": lambda v: (v(AMOUNT) + v(BEFORE)) * 3 - v(AMOUNT),
    "Money.allocate": lambda v: v(AMOUNT).allocate([1, 2, 3]),
}


@pytest.mark.parametrize("name", sorted(OWN_READS))
def test_a_value_subclass_read_by_the_caller_still_computes_exactly(
    name: str, meddling: decimal.Context
) -> None:
    """Money's own methods compute in the library's context, whatever the value's reads do."""
    call = OWN_READS[name]
    assert call(lambda value: value) == call(hooked)


def test_the_reports_pinned_answers_hold() -> None:
    """The reported symptoms, pinned: the fee is USD 13.83 and the score 17 (not 1.00 and a refusal)."""
    _Meddle.act = MEDDLES["prec1-floor"]
    try:
        fee = fees.service_fee(hooked(AMOUNT), on=ON, billed_before=hooked(BEFORE))
        score = jss.score([hooked(c) for c in HISTORY], as_of=date(2025, 6, 1)).score
    finally:
        _Meddle.act = None
        decimal.setcontext(decimal.Context())
    assert (Money("13.83", "USD"), 17) == (fee, score)


def test_what_the_library_returns_holds_plain_values() -> None:
    """A contract applied from a subclass comes back a plain Contract (nothing of the subclass kept)."""
    applied = escrow.apply(hooked(BUILT), hooked(escrow.EndContract(_at(2026, 3, 20))))
    assert type(applied) is Contract
    assert [escrow.EndContract] == [type(e) for e in applied.history[-1:]]


def test_str_subclass_keys_load_as_their_text(meddling: decimal.Context) -> None:
    """from_dict of a plain dict whose keys are a meddling str subclass: the same contract."""
    data = keyed(serialize.to_dict(BUILT))
    assert BUILT == serialize.from_dict(Contract, data)


def test_two_keys_with_the_same_text_are_refused_not_merged() -> None:
    """A str-subclass key and a plain key holding the same text: refused, never one dropped."""
    data = serialize.to_dict(Money("5.00", "USD"))

    class Other(str):
        __slots__ = ()

        def __eq__(self, other: object) -> bool:
            return False  # never equal to the plain key, so the dict holds both

        __hash__ = str.__hash__

    data[Other("amount")] = "6.00"
    with pytest.raises(serialize.InvalidDataError) as caught:
        serialize.from_dict(Money, data)
    assert "unique keys" in {problem.rule for problem in caught.value.problems}


def _meddling(name: str) -> Callable[..., object]:
    def method(self: timedelta, *args: object) -> object:
        _Meddle.now()
        return getattr(timedelta, name)(self, *args)  # type: ignore[no-any-return]

    return method


#: A step every operator and comparison of which meddles first (red team r34 2).
MeddlingStep = type(
    "MeddlingStep",
    (timedelta,),
    {
        name: _meddling(name)
        for name in (
            "__add__",
            "__radd__",
            "__sub__",
            "__rsub__",
            "__mul__",
            "__rmul__",
            "__floordiv__",
            "__truediv__",
            "__mod__",
            "__eq__",
            "__ne__",
            "__lt__",
            "__le__",
            "__gt__",
            "__ge__",
            "__hash__",
            "__bool__",
            "total_seconds",
            "__neg__",
        )
    },
)


class LyingStep(timedelta):
    """A step whose comparisons say it is a whole number of days, at least one."""

    def __lt__(self, other: object) -> bool:
        return False

    def __mod__(self, other: object) -> timedelta:
        return timedelta(0)


#: The red team's history: twelve finished contracts, forty days apart.
TWELVE = [
    factories.finished_contract(
        contract_id=f"c{i}",
        client=f"k{i}",
        started=date(2024, 1, 1) + timedelta(days=40 * i),
        days=20,
        stars="4.1" if i % 2 else "5.0",
        private_score=5 if i % 3 else 10,
    )
    for i in range(12)
]


def _timeline(step: timedelta) -> list[int | None]:
    points = jss.timeline(TWELVE, start=date(2025, 1, 1), end=date(2025, 3, 1), step=step)
    return [point.score for point in points]


def test_a_timeline_step_subclass_gives_the_plain_answer(meddling: decimal.Context) -> None:
    """The red team's step (every operator meddles): the plain step's scores, 36 at the end."""
    scores = _timeline(MeddlingStep(days=7))
    assert _timeline(timedelta(days=7)) == scores
    assert 36 == scores[-1]


@pytest.mark.parametrize("step", [LyingStep(hours=12), LyingStep(0), LyingStep(days=-1)])
def test_a_timeline_step_is_judged_by_what_it_holds(step: timedelta) -> None:
    """A step whose comparisons lie is refused by what it holds, as the library's error."""
    with pytest.raises(InvalidValueError) as caught:
        _timeline(step)
    assert ("step", "whole days, at least one") == (caught.value.field, caught.value.rule)


class Impostor:
    """Not a Contract, though its ``__class__`` says it is."""

    @property
    def __class__(self) -> type:  # type: ignore[override]
        return Contract


@pytest.mark.parametrize(
    "call",
    [
        lambda: jss.score([HISTORY[0], Impostor()], as_of=date(2025, 6, 1)),
        lambda: jss.score((c for c in [HISTORY[0], Impostor()]), as_of=date(2025, 6, 1)),
    ],
    ids=["list", "generator"],
)
def test_an_item_is_judged_by_its_type_not_its_claim(call: Callable[[], object]) -> None:
    """An item whose ``__class__`` claims the kind is refused at its index."""
    with pytest.raises(InvalidTypeError) as caught:
        call()
    assert "contracts[1]" == caught.value.field


def test_the_rebuilt_classes_are_the_librarys_slotted_values() -> None:
    """Which classes a subclass is rebuilt for: the library's own slotted attrs values only."""
    from upwork_safety._records import rebuilt

    assert all(rebuilt(kind) for kind in (Money, Contract, ExchangeRate, escrow.Fund))
    assert not any(rebuilt(kind) for kind in (str, int, timedelta, date, dict))


def test_a_rule_set_subclass_inside_a_rule_history_is_held_plain(meddling: decimal.Context) -> None:
    """A RuleHistory holds plain rule sets: a hooking preset gives the plain answer (diff r34 1)."""
    plain = rules.RuleHistory("mine", list(rules.JSS_HISTORY.presets))
    lazy = rules.RuleHistory("mine", [hooked(preset) for preset in rules.JSS_HISTORY.presets])
    mixed = rules.RuleHistory(
        "mine", [rules.JSS_HISTORY.presets[0], *map(hooked, rules.JSS_HISTORY.presets[1:])]
    )
    assert all(type(preset) is type(plain.presets[0]) for preset in lazy.presets + mixed.presets)
    answers = [jss.score(HISTORY, as_of=date(2025, 6, 1), rules=r) for r in (plain, lazy, mixed)]
    assert [17, 17, 17] == [report.score for report in answers]


def test_a_library_call_made_by_the_callers_code_inside_another_makes_its_arguments_plain(
    meddling: decimal.Context,
) -> None:
    """A generator jss.score reads calls fees with a lazy Money: the plain fee (diff r34 3)."""
    fees_seen: list[Money] = []

    def contracts() -> Iterator[Contract]:
        for contract in HISTORY:
            fees_seen.append(fees.service_fee(hooked(AMOUNT), on=ON, billed_before=hooked(BEFORE)))
            yield contract

    assert 17 == jss.score(contracts(), as_of=date(2025, 6, 1)).score
    assert {Money("13.83", "USD")} == set(fees_seen)
