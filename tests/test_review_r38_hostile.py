"""Review r38, hostile pass: the red team's findings 1-5, each pinned without a clock.

1. The scanner asked message-wide facts (``Message.has``) once per sentence, each a
   search of the whole message: quadratic on many short "test"/"trial" sentences.
   Counted here, not timed: the whole-message searches a scan makes must not grow
   with the number of sentences.
2. ``format(money, "%")`` showed the amount multiplied by 100.
3. A bad item of a ``range``/``deque`` sequence field was placed at ``value[0]``.
4. A NumPy array in a sequence field with a default got the comparison's error.
5. ``ContractKind["hourly"]`` raised a bare ``KeyError``.
"""

from __future__ import annotations

import array
import collections
import sys
from collections.abc import Sequence
from typing import Any

import attrs
import pytest

from upwork_safety import (
    ContractKind,
    InvalidTypeError,
    InvalidValueError,
    Money,
    checks,
    serialize,
)
from upwork_safety.checks import _sentences
from upwork_safety.checks._sentences import Anchor, Message

# --- 1: the scanner's message-wide facts, found once per message -------------------------


class _Counting:
    """A pattern standing for an anchor's, counting its searches of a whole message."""

    def __init__(self, inner: Any, counts: collections.Counter[str], name: str) -> None:
        self.inner, self.counts, self.name = inner, counts, name
        self.pattern, self.flags = inner.pattern, inner.flags

    def __hash__(self) -> int:
        return hash(self.inner)

    def __eq__(self, other: object) -> bool:
        return self.inner == getattr(other, "inner", other)

    def _count(self, text: str) -> None:
        if len(text) > _sentences.MAX_SENTENCE:  # no sentence is this long: the message
            self.counts[self.name] += 1

    def search(self, text: str, *args: int) -> Any:
        self._count(text)
        return self.inner.search(text, *args)

    def finditer(self, text: str, *args: int) -> Any:
        self._count(text)
        return self.inner.finditer(text, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@pytest.fixture
def searches(monkeypatch: pytest.MonkeyPatch) -> collections.Counter[str]:
    """Every anchor of the scanner's modules, its keys and pattern counting whole-message searches."""
    counts: collections.Counter[str] = collections.Counter()
    made: dict[int, Anchor] = {}

    def counting(found: Anchor, name: str) -> Anchor:
        if id(found) not in made:
            made[id(found)] = Anchor(
                _Counting(found.pattern, counts, name),  # type: ignore[arg-type]
                _Counting(found.keys, counts, name + ".keys"),  # type: ignore[arg-type]
            )
        return made[id(found)]

    for module_name, module in list(sys.modules.items()):
        if not module_name.startswith("upwork_safety.checks"):
            continue
        for name, value in list(vars(module).items()):
            where = f"{module_name}.{name}"
            if isinstance(value, Anchor):
                monkeypatch.setattr(module, name, counting(value, where))
            elif isinstance(value, tuple) and value and all(isinstance(v, Anchor) for v in value):
                patched = tuple(counting(v, f"{where}[{i}]") for i, v in enumerate(value))
                monkeypatch.setattr(module, name, patched)
    assert made  # the scanner's anchors were found (a rename would make this test vacuous)
    return counts


#: Units of the red team's cases: each sentence names a test or trial (the quadratic
#: path), and two ordinary ones.
UNITS = (
    "free test task. ",
    "test! ",
    "test. ",
    "trial. ",
    "test? ",
    "test\n",
    "Test.\u2029",
    "test task first\n\n",
    "audition. ",
    "sample. ",
    "milestone. ",
    "upwork. ",
)


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("direction", ["incoming", "outgoing"])
def test_whole_message_searches_do_not_grow_with_the_sentences(
    searches: collections.Counter[str], unit: str, direction: str
) -> None:
    counted = []
    for sentences in (100, 400):
        searches.clear()
        found = checks.scan_message(unit * sentences, direction=direction)
        assert isinstance(found, list)
        counted.append(dict(searches))
    # The same anchors searched the same number of times at four times the sentences:
    # per sentence, the whole message costs nothing more.
    assert counted[1] == counted[0]
    assert sum(counted[1].values()) < 100


def test_has_is_searched_once_per_anchor(searches: collections.Counter[str]) -> None:
    from upwork_safety.checks import _trials

    message = Message("free test task. " * 100, outgoing=False)
    answers = {message.has(_trials._PAID_TRIAL_ANCHOR) for _ in range(50)}
    assert answers == {False}
    name = "upwork_safety.checks._trials._PAID_TRIAL_ANCHOR"
    assert searches[name + ".keys"] == 1
    assert searches[name] == 1


def test_has_answers_as_a_search_does() -> None:
    from upwork_safety.checks import _funding

    funded = _funding._FUNDED_ANCHOR
    for text, expected in [("the milestone is funded already. " * 20, True), ("hi. " * 200, False)]:
        message = Message(text, outgoing=False)
        assert message.has(funded) is expected
        assert message.has(funded) is expected  # remembered, the same answer
        assert (funded.pattern.search(text) is not None) is expected


def test_an_anchor_is_equal_only_to_itself() -> None:
    from upwork_safety.checks import _trials

    same = _trials._PAID_TRIAL_ANCHOR
    twin = Anchor(same.pattern, same.keys)
    assert twin != same
    assert {same: True}.get(twin) is None  # a message's memory is kept per anchor object


def test_a_trial_message_still_found() -> None:
    """The memory changes no answer: a free trial to be hired is still found, with many sentences."""
    text = "hi. " * 300 + "Do a free test task first, if good I will hire you."
    codes = [f.code for f in checks.scan_message(text)]
    assert codes == [checks.FindingCode.START_BEFORE_FUNDING]
    paid = (
        "hi. " * 300
        + "Do a test task first, if good I will hire you. The test task is paid at $20."
    )
    assert checks.FindingCode.START_BEFORE_FUNDING not in [
        f.code for f in checks.scan_message(paid)
    ]


# --- 2: a percent format spec ------------------------------------------------------------


@pytest.mark.parametrize("spec", ["%", ".0%", ".1%", ">10%", ",.2%"])
def test_percent_spec_refused(spec: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        format(Money("1234.50", "USD"), spec)
    assert caught.value.field == "format_spec"
    assert caught.value.rule == "a Decimal format spec that shows the amount as it is"
    assert "percent" in str(caught.value)


def test_percent_spec_and_pattern_share_the_rule() -> None:
    with pytest.raises(InvalidValueError) as pattern:
        Money("1234.50", "USD").format(locale="en_US", format="0%")
    with pytest.raises(InvalidValueError) as spec:
        f"{Money('1234.50', 'USD'):.0%}"
    assert pattern.value.field == "format"
    assert pattern.value.rule == "a babel number pattern that shows the amount as it is"
    assert spec.value.rule is not None
    assert pattern.value.rule.endswith("shows the amount as it is")
    assert spec.value.rule.endswith("shows the amount as it is")
    assert "would show another amount than the money's" in str(pattern.value)
    assert "would show another amount than the money's" in str(spec.value)


def test_other_specs_still_format() -> None:
    money = Money("1234.50", "USD")
    assert format(money, ",.2f") == "1,234.50"
    assert format(money, "%>10") == "%%%1234.50"  # '%' as the fill, not the type
    # A scientific spec is refused since review r39 (hostile 5), as Money.format refuses a
    # scientific pattern: one rule for both.
    with pytest.raises(InvalidValueError) as caught:
        format(money, "e")
    assert caught.value.field == "format_spec"


# --- 3, 4: serialize's sequence fields ---------------------------------------------------


@attrs.frozen
class _Tagged:
    tags: Sequence[str] = ()


@attrs.frozen
class _TaggedNoDefault:
    tags: Sequence[str]


@pytest.mark.parametrize(
    "tags",
    [
        (0,),
        [0],
        range(1),
        collections.deque([0]),
        collections.UserList([0]),
        array.array("i", [0]),
    ],
    ids=lambda t: type(t).__name__,
)
@pytest.mark.parametrize("cls", [_Tagged, _TaggedNoDefault])
def test_bad_item_of_any_sequence_placed_at_the_field(tags: Any, cls: Any) -> None:
    with pytest.raises(InvalidTypeError) as caught:
        serialize.to_dict(cls(tags))
    assert caught.value.field == "value.tags[0]"
    assert caught.value.rule == "a string"


def test_bad_item_of_a_range_placed_in_to_json_too() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        serialize.to_json(_Tagged(range(3)))
    assert caught.value.field == "value.tags[0]"


def test_a_good_range_still_written() -> None:
    @attrs.frozen
    class Numbers:
        values: Sequence[int] = ()

    assert serialize.to_dict(Numbers(range(3))) == {"values": [0, 1, 2]}
    assert serialize.to_dict(Numbers(collections.deque([4]))) == {"values": [4]}


class _Unequal:
    """A sequence-less value whose comparison with anything raises, as NumPy's arrays do."""

    def __eq__(self, other: object) -> bool:
        raise ValueError("ambiguous")

    def __ne__(self, other: object) -> bool:
        raise ValueError("ambiguous")

    __hash__ = None  # type: ignore[assignment]


@pytest.mark.parametrize("cls", [_Tagged, _TaggedNoDefault])
def test_a_refused_type_refused_alike_with_or_without_a_default(cls: Any) -> None:
    with pytest.raises(InvalidTypeError) as caught:
        serialize.to_dict(cls(_Unequal()))
    assert caught.value.field == "value.tags"
    assert "_Unequal" in str(caught.value)


@pytest.mark.parametrize("items", [["a", "b"], ["a"], []])
@pytest.mark.parametrize("cls", [_Tagged, _TaggedNoDefault])
def test_numpy_array_refused_as_its_type(items: list[str], cls: Any) -> None:
    np = pytest.importorskip("numpy")
    with pytest.raises(InvalidTypeError) as caught:
        serialize.to_dict(cls(np.array(items)))
    assert caught.value.field == "value.tags"
    assert "ndarray" in str(caught.value)


def test_a_raising_comparison_of_a_written_type_still_named() -> None:
    """A value the writer takes, whose comparison with the default raises: that is still reported."""

    class Odd(tuple):  # type: ignore[type-arg]
        __slots__ = ()

        def __ne__(self, other: object) -> bool:
            raise RuntimeError("no")

    with pytest.raises(InvalidValueError) as caught:
        serialize.to_dict(_Tagged(Odd(("a",))))
    assert caught.value.field == "value.tags"
    assert caught.value.rule == "a field that can be read"


# --- 5: an enum's look-up by name --------------------------------------------------------


def test_unknown_name_gets_the_library_error() -> None:
    with pytest.raises(InvalidValueError) as caught:
        ContractKind["hourly"]
    assert isinstance(caught.value, KeyError)
    assert caught.value.field == "ContractKind"
    assert caught.value.rule == "the name of a ContractKind member"
    assert "did you mean 'HOURLY'?" in str(caught.value)
    assert str(caught.value).startswith("ContractKind has no member named 'hourly'")


def test_except_key_error_still_catches_it() -> None:
    try:
        checks.Severity["loud"]
    except KeyError as error:
        assert getattr(error, "field", None) == "Severity"
    else:  # pragma: no cover
        pytest.fail("no error")


def test_known_names_and_values_still_read() -> None:
    assert ContractKind["HOURLY"] is ContractKind.HOURLY
    assert ContractKind("hourly") is ContractKind.HOURLY
    assert checks.Severity["DANGER"] is checks.Severity.DANGER
    with pytest.raises(InvalidValueError) as value:
        ContractKind("HOURLY")
    assert not isinstance(value.value, KeyError)  # a value look-up stays a ValueError only


def test_the_unknown_name_error_is_public_with_the_family() -> None:
    """Every error class is importable from the top-level package (docs/api/errors.md)."""
    import upwork_safety
    from upwork_safety import errors

    assert upwork_safety.UnknownMemberError is errors.UnknownMemberError
    assert "UnknownMemberError" in upwork_safety.__all__
    assert "UnknownMemberError" in errors.__all__
    with pytest.raises(upwork_safety.UnknownMemberError) as caught:
        ContractKind["retainer"]
    assert type(caught.value).__module__ == "upwork_safety.errors"
    assert caught.value.field == "ContractKind"
