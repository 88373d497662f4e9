"""A list-of-groups field reads its groups in bounded memory too (review r28 3).

``FeeAudit.mixed_rates`` is a tuple of groups of checks.  Its converter read
every group whole before the validator counted it, so 2,000 endless groups
took 11 s and 3 GB before the refusal, and an endless run of endless groups
could not be refused at all.  Each test counts the items taken from the
caller's iterators: a group is read at most one item past the bound, and all
the groups together at most one past it.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import attrs
import pytest

from test_statements_exports import _contract_2024_to_2025
from upwork_safety import _decimals
from upwork_safety.errors import InvalidValueError
from upwork_safety.statements import FeeAudit, audit_fees, parse

if TYPE_CHECKING:
    from collections.abc import Iterator

#: The bound in most tests (the reader reads it when called), so the old
#: converter, which read every group whole, fails them quickly too.
SMALL = 5
BOUND = f"at most {SMALL} items"


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_decimals, "MAX_ITEMS", SMALL)


class Taken:
    """Counts the items taken from the iterators it hands out."""

    def __init__(self) -> None:
        self.items = 0
        self.groups = 0

    def endless(self) -> Iterator[int]:
        for item in itertools.repeat(0):
            self.items += 1
            yield item

    def endless_groups(self, make: object) -> Iterator[object]:
        while True:
            self.groups += 1
            yield make()


def test_an_endless_group_is_refused_one_item_past_the_real_bound():
    """The reviewer's probe, with 3 groups: each endless (itertools.repeat), only one read."""
    taken = Taken()
    with pytest.raises(InvalidValueError) as caught:
        FeeAudit(checks=[], mixed_rates=(taken.endless() for _ in range(3)))
    assert ("FeeAudit.mixed_rates[0]", f"at most {_decimals.MAX_ITEMS:,} items") == (
        caught.value.field,
        caught.value.rule,
    )
    assert _decimals.MAX_ITEMS + 1 == taken.items


@pytest.mark.usefixtures("small")
def test_many_endless_groups_read_only_the_first():
    """The reviewer's probe: 2,000 endless groups took 11 s and 3 GB before the refusal."""
    taken = Taken()
    with pytest.raises(InvalidValueError) as caught:
        FeeAudit(checks=[], mixed_rates=(taken.endless() for _ in range(2000)))
    assert ("FeeAudit.mixed_rates[0]", BOUND) == (caught.value.field, caught.value.rule)
    assert SMALL + 1 == taken.items


@pytest.mark.usefixtures("small")
def test_an_endless_run_of_endless_groups_is_refused():
    taken = Taken()
    with pytest.raises(InvalidValueError) as caught:
        FeeAudit(checks=[], mixed_rates=taken.endless_groups(taken.endless))
    assert ("FeeAudit.mixed_rates[0]", BOUND) == (caught.value.field, caught.value.rule)
    assert (1, SMALL + 1) == (taken.groups, taken.items)


@pytest.mark.usefixtures("small")
@pytest.mark.parametrize("kind", [list, iter, tuple])
def test_small_groups_without_end_are_refused_once_they_hold_too_many_in_all(kind):
    """Groups of two, read from an endless iterator: stopped at the bound on items in all."""
    taken = Taken()
    with pytest.raises(InvalidValueError) as caught:
        FeeAudit(
            checks=[],
            mixed_rates=taken.endless_groups(lambda: kind(itertools.islice(taken.endless(), 2))),
        )
    assert ("FeeAudit.mixed_rates", BOUND) == (caught.value.field, caught.value.rule)
    assert taken.groups == 3  # 2 + 2 + 2 > 5
    assert taken.items <= 6


@pytest.mark.usefixtures("small")
def test_a_group_past_the_items_left_is_refused_without_reading_it_whole():
    taken = Taken()
    with pytest.raises(InvalidValueError) as caught:
        FeeAudit(checks=[], mixed_rates=[(1, 2, 3), taken.endless()])
    assert ("FeeAudit.mixed_rates", BOUND) == (caught.value.field, caught.value.rule)
    assert 3 == taken.items  # the two items left, and the one past them


def test_groups_given_as_lists_or_iterators_still_build_the_audit():
    audit = audit_fees(parse(_contract_2024_to_2025("150.00")))
    (group,) = audit.mixed_rates
    assert audit == attrs.evolve(audit, mixed_rates=[list(group)])
    assert audit == attrs.evolve(audit, mixed_rates=iter([iter(group)]))
    assert audit == attrs.evolve(audit, mixed_rates=(group,))
