"""Every public callable, given wrong-typed arguments, answers or raises the library's own error.

Issue 17's rule, checked across the whole public API at once (each package's
own tests sweep its arguments one by one, with valid values around them):
call every public function, class and method with every required argument
set to a value of the wrong type.  The only acceptable outcomes are a result
or an :class:`~upwork_safety.UpworkSafetyError`; an ``AttributeError``, a
bare ``TypeError`` or ``'int' object is not iterable`` means an argument
reached code that never checked it.
"""

from __future__ import annotations

import enum
import importlib
import inspect
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from _paths import is_path
from _public import MODULES
from upwork_safety import Contract, ContractKind, Milestone, Money, UpworkSafetyError, escrow
from upwork_safety.kinds import MilestoneState

#: Values of the wrong type for almost every argument.
WRONG = [None, 5, "x", 1.5, object(), [1], b"x", Decimal(1), datetime(2026, 1, 1)]
#: Callables that take any object by design.
ANY_OBJECT = {
    "upwork_safety.serialize.to_dict",  # refuses non-library values with InvalidTypeError
}
#: Callables of an optional extra, and the module they need (without it they raise
#: ImportError with the install command, before looking at their arguments).
NEEDS = {
    "upwork_safety.jss._population.score_frame": "pandas",
}


def test_the_sweep_walks_every_public_module():
    """The module list is found, not written: each layer's public module is in it."""
    assert {
        "upwork_safety",
        "upwork_safety.errors",
        "upwork_safety.models",
        "upwork_safety.money",
        "upwork_safety.escrow",
        "upwork_safety.jss",
        "upwork_safety.statements",
        "upwork_safety.testing.factories",
    } <= set(MODULES)
    assert not any(part.startswith("_") for name in MODULES for part in name.split("."))


def _public_callables() -> list[tuple[str, object]]:
    found: dict[str, object] = {}
    for name in MODULES:
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", ()):
            value = getattr(module, attr)
            if inspect.ismodule(value) or not callable(value):
                continue
            if inspect.isclass(value) and issubclass(value, (BaseException, enum.Enum)):
                continue  # exceptions, and enums (their lookup is Python's own protocol)
            key = f"{getattr(value, '__module__', name)}.{getattr(value, '__qualname__', attr)}"
            found.setdefault(key, value)
    return sorted(found.items())


CALLABLES = _public_callables()


def _required(target: object) -> list[inspect.Parameter]:
    try:
        signature = inspect.signature(target)  # type: ignore[arg-type]
    except (TypeError, ValueError):  # pragma: no cover  (builtins without a signature)
        return []
    return [
        p
        for p in signature.parameters.values()
        if p.default is inspect.Parameter.empty
        and p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    ]


def _call(target: object, bad: object) -> None:
    args = []
    kwargs = {}
    for parameter in _required(target):
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY:
            kwargs[parameter.name] = bad
        else:
            args.append(bad)
    result = target(*args, **kwargs)  # type: ignore[operator]
    if inspect.isgenerator(result) or type(result).__name__ in {"map", "generator"}:
        list(result)


def test_the_sweep_sees_the_whole_public_api():
    """Every public module is swept and the sweep finds well over a hundred callables."""
    assert len(CALLABLES) > 150
    assert {"upwork_safety.escrow._engine.apply", "upwork_safety.money.Money"} <= dict(
        CALLABLES
    ).keys()


@pytest.mark.parametrize("bad", WRONG, ids=lambda v: type(v).__name__)
@pytest.mark.parametrize(("name", "target"), CALLABLES, ids=[n for n, _ in CALLABLES])
def test_wrong_types_get_a_library_error(name, target, bad):
    """Every required argument of the wrong type: a result or an UpworkSafetyError, nothing else."""
    if not _required(target) and name not in ANY_OBJECT:
        pytest.skip("takes no required argument")
    if name in NEEDS:
        pytest.importorskip(NEEDS[name])
    try:
        _call(target, bad)
    except UpworkSafetyError as error:
        assert error.field or error.rule, f"{name}({bad!r}) raised {error!r} naming no field"
        # The field is a path a caller can point at, not words (review r32, embedder 5).
        assert error.field is None or is_path(error.field), (
            f"{name}({bad!r}) raised {error!r} with field {error.field!r}, not a path"
        )
    except Exception as error:  # noqa: BLE001  (the point: nothing else may escape)
        pytest.fail(f"{name} with {bad!r} raised {type(error).__name__}: {error}")


def _replayed(*events):
    """A call replaying *events* on an unfunded USD 100.00 milestone ``m1``."""
    start = Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        date(2024, 3, 1),
        milestones=[Milestone("m1", "Logo, 3 concepts", Money("100.00", "USD"))],
    )
    return lambda: escrow.replay(start, list(events))


def _applied(event, *before):
    """A call applying *event* after replaying *before*."""
    return lambda: escrow.apply(_replayed(*before)(), event)


def _at(day, hour=9):
    return datetime(2024, 3, day, hour, tzinfo=timezone.utc)


FUND, SUBMIT = escrow.Fund("m1", _at(1)), escrow.Submit("m1", _at(2))
#: Funded, submitted, ended (the escrow left under a refund request) and disputed.
DISPUTED = (FUND, SUBMIT, escrow.EndContract(_at(3)), escrow.OpenDispute("m1", _at(4)))
USD, EUR = (lambda amount: Money(amount, "USD")), (lambda amount: Money(amount, "EUR"))
#: (what, the call, the field its error names): the path of the bad value (review r33, review 2).
FIELD_CASES = [
    ("replay Approve over the escrow", _replayed(FUND, SUBMIT, escrow.Approve("m1", _at(3), amount=USD("60.00")), escrow.Approve("m1", _at(4), amount=USD("50.00"))), "events[3].amount"),
    ("replay Approve bonus in EUR", _replayed(FUND, SUBMIT, escrow.Approve("m1", _at(3), bonus=EUR("5"))), "events[2].bonus"),
    ("replay Refund over the escrow", _replayed(FUND, escrow.Refund("m1", _at(2), amount=USD("100.01"))), "events[1].amount"),
    ("replay split that does not add up", _replayed(*DISPUTED, escrow.ResolveDispute("m1", _at(5), USD("50"), USD("40"))), "events[4].to_client"),
    ("replay split in EUR", _replayed(*DISPUTED, escrow.ResolveDispute("m1", _at(5), EUR("100"), EUR("0"))), "events[4].to_freelancer"),
    ("replay automatic step not due", _replayed(FUND, SUBMIT, escrow.AutoApprove("m1", _at(16, 8))), "events[2]"),
    ("apply Approve over the escrow", _applied(escrow.Approve("m1", _at(3), amount=USD("100.01")), FUND, SUBMIT), "event.amount"),
    ("apply split that does not add up", _applied(escrow.ResolveDispute("m1", _at(5), USD("50"), USD("40")), *DISPUTED), "event.to_client"),
    ("Choices naming Submit twice", lambda: escrow.Choices("m1", MilestoneState.FUNDED, allowed=("Submit", "Submit"), refused=()), "Choices.allowed[1]"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "field"), [case[1:] for case in FIELD_CASES], ids=[case[0] for case in FIELD_CASES]
)
def test_value_errors_inside_a_replay_name_the_path_of_the_bad_value(call, field):
    """An error raised while an event is applied names that event's path, not its class.

    ``events[3].amount``, not ``Approve.amount``: in a replay of two approvals, which one.
    """
    with pytest.raises(UpworkSafetyError) as info:
        call()
    assert is_path(info.value.field)
    assert field == info.value.field
