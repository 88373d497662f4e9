"""The fused readers (serialize._fused): same values as the detailed path, same errors, taken.

``from_dict`` tries the fused reader first and, on any exception, reads the
data again through the detailed cattrs path.  These tests pin that the two
give equal values for valid data, that every invalid document is refused
with exactly the detailed path's problems, that the fused reader is really
the one used for valid data, and the edges of the code generator.
"""

from __future__ import annotations

import contextlib
import copy
import enum
import sys
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Annotated, Any, Generic, TypeVar
from unittest import mock

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    ExchangeRate,
    Feedback,
    InvalidDataError,
    Milestone,
    MilestoneState,
    Money,
    Payment,
    serialize,
)
from upwork_safety._events import EVENT_TYPES, Approve, Event, Fund
from upwork_safety.models import Escrow, TimeEntry
from upwork_safety.serialize import _fused, _strict
from upwork_safety.serialize._hooks import make_converter
from upwork_safety.testing import strategies as us

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

#: The public types read from objects (Money is a leaf: its reader is _strict.read_money).
PUBLIC = [
    (ExchangeRate, us.exchange_rates()),
    (Client, us.clients()),
    (Feedback, us.feedbacks()),
    (Payment, us.payments()),
    (Milestone, us.milestones()),
    (TimeEntry, us.time_entries()),
    (Contract, us.contracts()),
    (Event, us.events()),
]
IDS = [getattr(c, "__name__", "Event") for c, _ in PUBLIC]

UTC = timezone.utc


def sample_contract() -> Contract:
    """A fixed-price contract with a client object, a milestone, a payment and history."""
    # Funded, as its recorded Fund left it.
    funded = Escrow(MilestoneState.FUNDED, Money("100.00", "USD"), held=Money("100.00", "USD"))
    return Contract(
        "c1",
        Client("acme", "Acme", payment_verified=True),
        ContractKind.FIXED_PRICE,
        date(2025, 6, 1),
        milestones=[Milestone("m1", "Logo", Money("100.00", "USD"), escrow=funded)],
        payments=[Payment(date(2025, 6, 3), Money("10.00", "USD"))],
        history=[Fund("m1", datetime(2025, 6, 2, 9, tzinfo=UTC))],
    )


@contextlib.contextmanager
def detailed_only() -> Iterator[None]:
    """``from_dict`` without the fused path: today's detailed path alone."""
    with mock.patch.object(_fused, "reader", return_value=None):
        yield


def outcome(cls: Any, data: object) -> object:
    """What ``from_dict`` gives: the value, or the error's problems, count and completeness."""
    try:
        return ("value", serialize.from_dict(cls, data))
    except InvalidDataError as exc:
        return ("error", exc.problems, exc.count, exc.complete)


def detailed_outcome(cls: Any, data: object) -> object:
    """:func:`outcome` through the detailed path alone."""
    with detailed_only():
        return outcome(cls, copy.deepcopy(data))


def fused(cls: Any) -> Callable[[Any], Any]:
    """The fused reader of *cls* on the public converter (there must be one)."""
    reader = _fused.reader(serialize.converter, cls)
    assert reader is not None
    return reader


# --------------------------------------------------------------------------- valid data


@pytest.mark.parametrize(("cls", "strategy"), PUBLIC, ids=IDS)
@given(data=st.data())
def test_property_fused_and_detailed_give_equal_values(cls, strategy, data):
    """For any valid value, short or full form, both paths build equal values of the same type."""
    value = data.draw(strategy)
    written = serialize.to_dict(value, omit_defaults=data.draw(st.booleans()))
    fast = fused(cls)(copy.deepcopy(written))
    detailed = serialize.converter.structure(copy.deepcopy(written), cls)
    assert type(value) is type(fast) is type(detailed)
    assert value == fast == detailed
    if attrs.has(type(value)):
        for a in attrs.fields(type(value)):
            assert getattr(detailed, a.name) == getattr(fast, a.name)
            assert type(getattr(detailed, a.name)) is type(getattr(fast, a.name))


@given(us.contract_histories())
def test_property_fused_reads_escrow_histories(drawn):
    """Contracts with long escrow histories (every kind of event and state) read the same."""
    *_, final = drawn
    written = serialize.to_dict([final, final])
    assert [final, final] == fused(list[Contract])(written)
    assert [final, final] == serialize.converter.structure(written, list[Contract])


def test_fused_path_is_taken_for_valid_data():
    """Valid data never reaches the detailed path (made to fail here)."""
    contract = sample_contract()
    text = serialize.to_json([contract])
    with mock.patch.object(
        serialize, "_read_detailed", side_effect=AssertionError("detailed path used")
    ):
        assert [contract] == serialize.from_json(list[Contract], text)
        assert contract == serialize.from_dict(Contract, serialize.to_dict(contract))


def test_detailed_path_is_taken_after_the_fused_reader_fails():
    """Invalid data is read once by the fused reader, then once by the detailed path."""
    data = serialize.to_dict(sample_contract())
    data["id"] = 5
    with (
        mock.patch.object(serialize, "_read_detailed", wraps=serialize._read_detailed) as detailed,
        pytest.raises(InvalidDataError) as caught,
    ):
        serialize.from_dict(Contract, data)
    detailed.assert_called_once_with(Contract, data, serialize._DATA)
    (line,) = caught.value.problems
    assert line.startswith("$.id: ")
    assert 1 == caught.value.count
    with pytest.raises(_strict.RefusedError):  # the leaf reader's own error, left unreported
        fused(Contract)(data)


def test_client_as_plain_id_and_as_object():
    """A contract's client may be a plain id (built by Client) or an object."""
    data = serialize.to_dict(sample_contract())
    data["client"] = "acme"
    assert Client("acme") == fused(Contract)(data).client
    data["client"] = {"id": "acme", "name": "Acme"}
    assert Client("acme", "Acme") == fused(Contract)(data).client


def test_event_read_on_its_own_with_or_without_its_tag():
    """An event read as its class may carry its own tag; the union needs it."""
    at = datetime(2025, 6, 2, 9, tzinfo=UTC)
    event = Fund("m1", at)
    written = serialize.to_dict(event)
    assert "Fund" == written["type"]
    assert event == fused(Fund)(written)
    assert event == fused(Fund)({k: v for k, v in written.items() if k != "type"})
    assert event == fused(Event)(written)
    with pytest.raises(_fused.UnusualError):
        fused(Approve)(written)  # another class's tag
    (line,) = detailed_outcome(Approve, written)[1]  # type: ignore[index]
    assert line.startswith("$.type: ")
    assert detailed_outcome(Approve, written) == outcome(Approve, written)
    wrong = {**written, "milestone_id": 3}  # its own tag, and a wrong field
    (line,) = detailed_outcome(Fund, wrong)[1]  # type: ignore[index]
    assert line.startswith("$.milestone_id: ")
    assert detailed_outcome(Fund, wrong) == outcome(Fund, wrong)
    assert detailed_outcome(Event, [written]) == outcome(Event, [written])


def test_readers_are_built_once_per_hook():
    """The fused reader is kept with the converter's hook."""
    assert fused(list[Contract]) is fused(list[Contract])
    assert _fused.reader(serialize.converter, int) is None  # a leaf: no fused reader
    assert _fused.reader(serialize.converter, type("Unknown", (), {})) is None


def test_hooks_registered_later_are_honoured():
    """A hook registered after a read: the fused reader follows what the detailed path does.

    cattrs makes new hooks for classes read through a factory (Milestone),
    and the fused reader is rebuilt from them; a hook registered directly
    (Client's) keeps the hooks it was made with, in both paths.
    """
    conv = make_converter()
    data = {"id": "m1", "title": "Logo", "amount": {"amount": "5", "currency": "USD"}}
    client = {"id": "acme", "name": "Acme"}
    first = _fused.reader(conv, Milestone)
    assert first is not None
    assert Milestone("m1", "Logo", Money(5, "USD")) == first(data)
    conv.register_structure_hook(str, lambda v, _: _strict.read_str(v).upper())
    second = _fused.reader(conv, Milestone)
    assert second is not None
    assert second is not first
    assert Milestone("M1", "LOGO", Money(5, "USD")) == second(data)
    assert Milestone("M1", "LOGO", Money(5, "USD")) == conv.structure(data, Milestone)
    as_client = _fused.reader(conv, Client)
    assert as_client is not None
    assert conv.structure(client, Client) == as_client(client) == Client("acme", "Acme")


@given(st.text() | st.integers() | st.booleans() | st.none() | st.floats())
def test_pass_through_tests_agree_with_their_readers(value):
    """Where a reader's pass-through test holds, the reader returns the value itself."""
    for reader, test in _strict.PASS_THROUGH.items():
        if eval(test.format(v="value"), {}, {"value": value}):  # noqa: S307  (the library's own text)
            assert reader(value) is value  # type: ignore[operator]


# --------------------------------------------------------------------------- invalid data


def _nodes(data: object, path: tuple[object, ...] = ()) -> Iterator[tuple[tuple[object, ...], Any]]:
    """Every dict and list in *data* with its path (keys and indexes)."""
    if isinstance(data, (dict, list)):
        yield path, data
        items = data.items() if isinstance(data, dict) else enumerate(data)
        for key, value in items:
            yield from _nodes(value, (*path, key))


#: Values put where they do not belong (copied, so no two places share a list or dict).
JUNK = st.sampled_from([None, True, 0, 7, 2.5, "", "x", [], {}, [1], {"a": 1}, "2025-06-02"]).map(
    copy.deepcopy
)


def _mutate(draw: st.DrawFn, node: Any) -> None:  # noqa: PLR0912  (one branch per mutation)
    """Change *node* (a dict or list) in place in one of the ways documents go wrong."""
    if isinstance(node, list):
        if node and draw(st.booleans()):
            node[draw(st.integers(0, len(node) - 1))] = draw(JUNK)
        else:
            node.append(draw(JUNK))
        return
    how = draw(st.sampled_from(["drop", "add", "junk", "retype", "amount", "naive", "tag"]))
    keys = sorted(node)
    if how == "add" or not keys:
        node[draw(st.sampled_from(["extra", "type", "Type", "id", "amount"]))] = draw(JUNK)
        return
    key = draw(st.sampled_from(keys))
    value = node[key]
    if how == "drop":
        del node[key]
    elif how == "junk":
        node[key] = draw(JUNK)
    elif how == "retype":  # the same information in another JSON type
        if isinstance(value, bool):
            node[key] = int(value)
        elif isinstance(value, int):
            node[key] = draw(st.sampled_from([str(value), float(value), value == 1]))
        elif isinstance(value, str):
            node[key] = int(value) if value.isdigit() else [value]
        else:
            node[key] = str(value)
    elif how == "amount" and "amount" in node and isinstance(node["amount"], str):
        text = node["amount"]
        node["amount"] = draw(
            st.sampled_from([text + "0e0", " " + text, text.replace(".", ","), "1_000", "NaN"])
        )
    elif how == "naive" and isinstance(value, str) and "T" in value:
        node[key] = value[:19]
    elif how == "tag" and "type" in node:
        node["type"] = draw(st.sampled_from([*(c.__name__ for c in EVENT_TYPES), "Nope", 3]))
    else:
        node[key] = draw(JUNK)


@st.composite
def broken(draw: st.DrawFn, strategy: st.SearchStrategy[object]) -> object:
    """The written form of a drawn value with one to three things changed."""
    data = serialize.to_dict(draw(strategy), omit_defaults=draw(st.booleans()))
    for _ in range(draw(st.integers(1, 3))):
        nodes = list(_nodes(data))
        if not nodes:
            return draw(JUNK)
        _path, node = draw(st.sampled_from(nodes))
        _mutate(draw, node)
    return data


@pytest.mark.parametrize(("cls", "strategy"), PUBLIC, ids=IDS)
@given(data=st.data())
def test_property_mutated_documents_same_outcome(cls, strategy, data):
    """A changed document gives what the detailed path gives: the same value or the same problems."""
    doc = data.draw(broken(strategy))
    expected = detailed_outcome(cls, doc)
    assert expected == outcome(cls, copy.deepcopy(doc))
    if expected[0] == "error":
        with pytest.raises(Exception):  # noqa: B017  (whatever the fused reader meets)
            fused(cls)(copy.deepcopy(doc))


JSON_LIKE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | JUNK,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "client", "kind", "started", "amount", "currency", "type"])
            | st.text(max_size=5),
            children,
            max_size=6,
        )
    ),
    max_leaves=20,
)


@pytest.mark.fuzz
@pytest.mark.parametrize(("cls", "_strategy"), PUBLIC, ids=IDS)
@given(data=st.data())
def test_fuzz_arbitrary_data_same_outcome(cls, _strategy, data):
    """Arbitrary JSON-like data: the same value or the same problems as the detailed path."""
    doc = data.draw(JSON_LIKE)
    assert detailed_outcome(cls, doc) == outcome(cls, copy.deepcopy(doc))


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d.pop("id"), "$.id: "),
        (lambda d: d.update(extra=1), "$: "),
        (lambda d: d.update(id=3), "$.id: "),
        (lambda d: d["client"].update(payment_verified=1), "$.client.payment_verified:"),
        (lambda d: d["milestones"][0]["amount"].update(amount="1e3"), "$.milestones[0].amount"),
        (lambda d: d["history"][0].update(at="2025-06-02T09:00:00"), "$.history[0].at"),
        (lambda d: d["history"][0].update(type="Nope"), "$.history[0].type:"),
        (lambda d: d["history"][0].update(type="EndContract"), "$.history[0]"),
        (lambda d: d.update(milestones={}), "$.milestones: "),
    ],
)
def test_each_kind_of_problem_same_as_the_detailed_path(change, problem):
    """Each way a document goes wrong: refused, with the detailed path's problems."""
    data = serialize.to_dict(sample_contract())
    change(data)
    expected = detailed_outcome(Contract, data)
    assert "error" == expected[0]
    assert any(line.startswith(problem) for line in expected[1])  # type: ignore[index]
    assert expected == outcome(Contract, data)


def test_dict_and_list_subclasses_left_to_the_detailed_path():
    """The fused reader takes only exact dicts, lists and strings; the detailed path reads the rest."""

    class Object(dict):  # type: ignore[type-arg]
        pass

    with pytest.raises(_fused.UnusualError):
        fused(Client)(Object(id="acme"))
    assert Client("acme") == serialize.from_dict(Client, Object(id="acme"))


# --------------------------------------------------------------------------- other attrs classes


class Colour(enum.Enum):
    RED = "red"


def _shout(value: object) -> str:
    return str(value).upper()


class Raw:
    """A class cattrs has no hook for."""

    def __init__(self, value: object) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Raw) and self.value == other.value

    __hash__ = None  # type: ignore[assignment]


@attrs.frozen
class Mine:
    """A user's class holding library values: factories, aliases, init=False, floats."""

    price: Money
    _secret: str = attrs.field(alias="secret")
    ratio: float = 0.5
    shouted: str = attrs.field(default="", converter=_shout)
    raw: Raw = attrs.field(default=None, converter=Raw)
    tags: list[str] = attrs.Factory(list)
    colour: Colour | None = None
    payments: tuple[Payment, ...] = ()
    derived: int = attrs.field(init=False, default=3)


@attrs.define(init=False)
class OwnInit:
    """A class with its own __init__: absent fields are left out of the call."""

    name: str = "x"

    def __init__(self, name: str = "own") -> None:
        self.__attrs_init__(name)


@pytest.mark.parametrize(
    "data",
    [
        {"price": {"amount": "1.00", "currency": "USD"}, "_secret": "s"},
        {
            "price": {"amount": "1.00", "currency": "USD"},
            "_secret": "s",
            "shouted": "hey",
            "raw": [1],
            "tags": ["a"],
            "colour": "red",
            "payments": [{"on": "2025-06-02", "amount": {"amount": "5", "currency": "USD"}}],
        },
    ],
)
def test_users_attrs_classes_read_the_same(data):
    """A user's attrs class is read by its own fused reader to what the detailed path reads."""
    value = fused(Mine)(copy.deepcopy(data))
    assert serialize.converter.structure(copy.deepcopy(data), Mine) == value
    assert 3 == value.derived


@pytest.mark.parametrize(
    "data",
    [
        {"price": {"amount": "1.00", "currency": "USD"}, "_secret": "s", "derived": 3},
        {"price": {"amount": "1.00", "currency": "USD"}, "secret": "s"},
        {"price": {"amount": "1.00", "currency": "USD"}, "_secret": "s", "colour": "blue"},
        # a float field is read from nothing, as it is written from nothing (r26 serialize 7)
        {"price": {"amount": "1.00", "currency": "USD"}, "_secret": "s", "ratio": 2},
    ],
)
def test_users_attrs_classes_refused_the_same(data):
    """Keys of init=False fields, aliases as keys and bad values: refused by both paths."""
    with pytest.raises(Exception):  # noqa: B017
        fused(Mine)(copy.deepcopy(data))
    expected = detailed_outcome(Mine, data)
    assert "error" == expected[0]
    assert expected == outcome(Mine, data)


def test_own_init_gets_only_the_keys_given():
    """A class's own __init__ keeps its own defaults."""
    assert OwnInit("own") == fused(OwnInit)({})
    assert OwnInit("given") == fused(OwnInit)({"name": "given"})


T = TypeVar("T")


@attrs.frozen
class Box(Generic[T]):
    item: T


@attrs.frozen
class Noted:
    value: Annotated[int, "a note"]


@attrs.frozen
class Unresolvable:
    value: NoSuchType  # type: ignore[name-defined]  # noqa: F821


@pytest.mark.parametrize("cls", [Box, Noted, Unresolvable])
def test_classes_left_to_cattrs_hook(cls):
    """Generic classes, annotated fields and unresolvable annotations: the class's own hook."""
    assert _fused.fields_of(serialize.converter, cls) is None
    builder = _fused._Builder(serialize.converter)
    assert builder.object_fn(_fused.ObjectKind(cls, "type", None, None)) is None


def test_holder_of_a_class_left_alone_calls_its_hook():
    """A class the fused reader leaves alone is read by its hook inside a fused reader."""

    @attrs.frozen
    class Holder:
        noted: Noted

    assert Holder(Noted(3)) == fused(Holder)({"noted": {"value": 3}})


def test_union_with_a_member_left_alone_calls_the_unions_hook():
    """A tagged union whose member the fused reader cannot fuse is left to the union's hook."""
    builder = _fused._Builder(serialize.converter)
    kind = _fused.UnionKind("type", {"Noted": serialize.converter.get_structure_hook(Noted)})
    assert builder.union_fn(kind) is None
    members = {c.__name__: serialize.converter.get_structure_hook(c) for c in EVENT_TYPES}
    union = _fused.UnionKind("type", members)
    assert builder.union_fn(union) == builder.union_fn(union)


def test_builder_reuses_what_it_wrote_and_calls_hooks_it_cannot_fuse():
    """A list or class reached twice is written once; an unfusable union is called as a hook."""
    builder = _fused._Builder(serialize.converter)
    items = _fused.SequenceKind(str, tuple, _strict.read_str)
    assert builder.sequence_fn(items) == builder.sequence_fn(items)
    feedback = _fused._kind(serialize.converter.get_structure_hook(Feedback))
    assert isinstance(feedback, _fused.ObjectKind)
    assert builder.object_fn(feedback) == builder.object_fn(feedback)
    noted = serialize.converter.get_structure_hook(Noted)
    union = _fused.noted(lambda v, t: v, _fused.UnionKind("type", {"Noted": noted}))
    assert builder.expr(union, object, "v").startswith("_h")


def test_a_failed_build_leaves_the_detailed_path():
    """If a fused reader cannot be built, there is none, and from_dict reads as before."""
    conv = make_converter()
    with mock.patch.object(_fused._Builder, "build", side_effect=RuntimeError):
        assert _fused.reader(conv, Client) is None


def test_without_cattrs_private_lookup_classes_are_left_to_their_hooks():
    """If a cattrs release moves the private lookup the fields come from, reading still works.

    Each class is then read by its detailed hook (no fused function for it),
    so the values are the same and nothing fails at import.
    """
    contract = sample_contract()
    data = serialize.to_dict(contract)
    with mock.patch.dict("sys.modules", {"cattrs.gen._shared": None}):
        conv = make_converter()
        hook = conv.get_structure_hook(Contract)
        kind = _fused._kind(hook)
        assert isinstance(kind, _fused.ObjectKind)
        assert kind.fields is None
        fast = _fused.reader(conv, Contract)
    assert fast is not None
    assert contract == fast(data)


@attrs.define(init=False)
class _Swapped:
    """A class with an ``__init__`` of its own that takes the fields in another order."""

    a: int
    b: str

    def __init__(self, b: str, a: int) -> None:
        self.__attrs_init__(a, b)


@attrs.define(init=False)
class _Renamed:
    """A class with an ``__init__`` of its own whose parameters are not the fields' names."""

    a: int
    b: int

    def __init__(self, x: int, y: int) -> None:
        self.__attrs_init__(x, y)


@attrs.define
class _Base:
    x: int = 1


@attrs.define(init=False)
class _Inherits(_Base):
    """Inherits ``_Base``'s attrs-written ``__init__`` (default 1), not one for its own default."""

    x: int = 2


def test_an_init_not_written_by_attrs_for_the_class_is_called_by_keyword():
    """A class whose __init__ is not attrs' own for it is called as cattrs calls it.

    By keyword, with only the keys given: passing by position or filling in
    the field's default would swap values, accept what the class refuses, or
    use a default its __init__ does not (found by the red team of the fused
    reader).
    """
    assert [False, False, False, True] == [
        _fused._attrs_init(cls) for cls in (_Swapped, _Renamed, _Inherits, _Base)
    ]
    assert _Swapped(b="x", a=1) == serialize.from_dict(_Swapped, {"a": 1, "b": "x"})
    assert 1 == serialize.from_dict(_Inherits, {}).x
    assert 1 == serialize.from_dict(_Inherits, {"x": 1}).x
    with pytest.raises(InvalidDataError):
        serialize.from_dict(_Renamed, {"a": 1, "b": 2})
    fast = _fused.reader(serialize.converter, _Renamed)
    assert fast is not None
    with pytest.raises(TypeError):  # called by keyword, as the detailed reader calls it
        fast({"a": 1, "b": 2})


@attrs.frozen
class _Node:
    name: str
    children: list[_Node] = attrs.Factory(list)


def test_deep_documents_are_refused_as_data_errors():
    """A document nested deeper than Python's recursion limit is an InvalidDataError.

    Before, the detailed reader's error tree was as deep as the document and
    walking it raised a bare RecursionError out of from_dict.
    """
    depth = sys.getrecursionlimit()
    data: dict[str, Any] = {"name": "leaf", "children": [{"name": 5}]}
    for _ in range(depth):
        data = {"name": "n", "children": [data]}
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_dict(_Node, data)
    assert caught.value.problems
    assert caught.value.problems[0].startswith("$")
