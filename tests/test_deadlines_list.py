"""`escrow.deadlines` returns `escrow.Deadlines`: a checked, unchangeable list with one row per deadline.

API review r20 L4 (the rest): `deadlines` returned a plain list, so the obvious
``pd.DataFrame(d.to_records() for d in deadlines)`` was a frame of one-row
lists, and docs/notebooks.md promises every report has ``to_records()``.
"""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta, timezone

import pytest

from upwork_safety import Contract, ContractKind, Milestone, Money, escrow, jss, serialize
from upwork_safety.errors import InvalidTypeError, InvalidValueError

UTC = timezone.utc


def _shop() -> Contract:
    shop = Contract(
        id="shop",
        client="acme",
        kind=ContractKind.FIXED_PRICE,
        started=date(2026, 2, 2),
        milestones=[
            Milestone("m1", "Product page", Money("400.00", "USD")),
            Milestone("m2", "Checkout page", Money("250.00", "USD")),
        ],
    )
    shop = escrow.apply(shop, escrow.Fund("m1", datetime(2026, 2, 2, 9, 0, tzinfo=UTC)))
    shop = escrow.apply(shop, escrow.Submit("m1", datetime(2026, 2, 9, 15, 30, tzinfo=UTC)))
    return escrow.apply(shop, escrow.Approve("m1", datetime(2026, 2, 10, 8, 0, tzinfo=UTC)))


def test_deadlines_is_a_deadlines_list_with_one_row_per_deadline() -> None:
    found = escrow.deadlines(_shop(), datetime(2026, 2, 11, tzinfo=UTC))
    assert type(found) is escrow.Deadlines
    assert isinstance(found, list)
    rows = found.to_records()
    assert [(r["kind"], r["due"], r["milestone_id"], r["amount"]) for r in rows] == [
        # paid 10 Feb 08:00, 5-day security period (HC 211060918)
        (
            "funds_available",
            datetime(2026, 2, 15, 8, 0, tzinfo=UTC),
            "m1",
            Money("400.00", "USD").amount,
        ),
        # the freelancer may refund released money for 180 days (HC 360002670934)
        ("refund_window_closes", datetime(2026, 8, 9, 8, 0, tzinfo=UTC), "m1", None),
    ]
    assert rows == [row for d in found for row in d.to_records()]
    assert "<table" in found._repr_html_()
    assert "Escrow deadlines" in found._repr_html_()


def test_deadlines_round_trip_through_pickle_and_json() -> None:
    found = escrow.deadlines(_shop(), datetime(2026, 2, 11, tzinfo=UTC))
    back = pickle.loads(pickle.dumps(found))
    assert (type(back), back) == (escrow.Deadlines, found)
    loaded = serialize.from_json(escrow.Deadlines, serialize.to_json(found))
    assert (type(loaded), loaded) == (escrow.Deadlines, found)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.append(d[0]),
        lambda d: d.extend([]),
        lambda d: d.insert(0, d[0]),
        lambda d: d.pop(),
        lambda d: d.remove(d[0]),
        lambda d: d.clear(),
        lambda d: d.sort(),
        lambda d: d.reverse(),
        lambda d: d.__setitem__(0, d[0]),
        lambda d: d.__delitem__(0),
        lambda d: d.__iadd__([]),
        lambda d: d.__imul__(2),
        lambda d: d.__init__([]),
    ],
)
def test_a_deadlines_list_cannot_be_changed(change: object) -> None:
    found = escrow.deadlines(_shop(), datetime(2026, 2, 11, tzinfo=UTC))
    before = list(found)
    with pytest.raises(InvalidTypeError) as raised:
        change(found)  # type: ignore[operator]
    assert (raised.value.field, raised.value.rule) == (
        "Deadlines",
        "a Deadlines list cannot be changed",
    )
    assert list(found) == before


def test_a_deadlines_list_holds_only_deadlines_soonest_first() -> None:
    first = escrow.deadlines(_shop(), datetime(2026, 2, 11, tzinfo=UTC))[0]
    later = escrow.Deadline(
        kind="funds_available",
        due=first.due + timedelta(seconds=1),
        milestone_id="m1",
        who="nobody",
        consequence="x",
        source="y",
        amount=Money("1.00", "USD"),
    )
    assert escrow.Deadlines([first, later]) == [first, later]
    assert escrow.Deadlines([first, first]) == [first, first]  # the same moment: allowed
    with pytest.raises(InvalidValueError) as raised:
        escrow.Deadlines([later, first])
    assert (raised.value.field, raised.value.rule) == ("Deadlines[1].due", "soonest first")
    with pytest.raises(InvalidTypeError) as wrong:
        escrow.Deadlines([first, "x"])  # type: ignore[list-item]
    assert wrong.value.field == "Deadlines[1]"
    with pytest.raises(InvalidTypeError) as lone:
        escrow.Deadlines(first)  # type: ignore[arg-type]
    assert lone.value.field == "Deadlines"


def test_the_timeline_keeps_its_own_refusal_on_the_shared_base() -> None:
    line = jss.JSSTimeline([jss.JSSPoint(date(2025, 6, 1), 90)])
    with pytest.raises(InvalidTypeError) as raised:
        line.append(jss.JSSPoint(date(2025, 6, 2), 91))
    assert (raised.value.field, raised.value.rule) == (
        "JSSTimeline",
        "a JSSTimeline cannot be changed",
    )


def test_the_list_results_are_hashable_like_every_other_value() -> None:
    """Review r32, embedder 6: Deadlines and JSSTimeline hash as the tuple of their items.

    Equal lists hash alike (their equality is ``list``'s: the items, in order),
    so a result can be a dict or cache key like a Money or a Contract.
    """
    found = escrow.deadlines(_shop(), datetime(2026, 2, 11, tzinfo=UTC))
    again = escrow.deadlines(_shop(), datetime(2026, 2, 11, tzinfo=UTC))
    assert found is not again
    assert found == again
    assert hash(tuple(found)) == hash(found) == hash(again)
    assert {found: "cached"}[again] == "cached"
    assert hash(found) == hash(pickle.loads(pickle.dumps(found)))
    line = jss.timeline([], start=date(2026, 1, 1), end=date(2026, 1, 3))
    assert type(line) is jss.JSSTimeline
    assert hash(tuple(line)) == hash(line) == hash(jss.JSSTimeline(list(line)))
    # Two empty list results are equal whatever their class, and hash alike.
    assert escrow.Deadlines() == jss.JSSTimeline()
    assert hash(escrow.Deadlines()) == hash(jss.JSSTimeline())
    # Different items, different values: not one key.
    assert len({found, jss.JSSTimeline(line[:1]), line}) == 3
