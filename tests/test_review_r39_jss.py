"""Round 39 newcomer findings on the JSS: order-free points, days after the day scored."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from upwork_safety import Contract, ContractKind, Feedback, Money, Payment, jss

STARS = ("5.0", "4.5", "4.0", "3.0", "2.0", "1.0")


def job(cid, ended, *, stars="5.0", client=None, amount="200"):
    """A fixed-price job paid and ended on *ended*, with feedback *stars*."""
    return Contract(
        cid,
        client or f"client-{cid}",
        ContractKind.FIXED_PRICE,
        ended,
        ended,
        payments=[Payment(ended, Money(amount, "USD"))],
        feedback=Feedback(stars=stars),
    )


def the_newcomers_history():
    """Three good jobs leaving the 24-month window, six staying, one bad job entering."""
    old = [job(f"job{i}", date(2024, 10, 20 + i)) for i in range(3)]
    recent = [job(f"job{10 + i}", date(2025, 6, 1)) for i in range(6)]
    return [*old, *recent, job("job99", date(2026, 11, 10), stars="2.0")]


def points(change):
    """Each changed contract's (kind, points), by id."""
    return {item.contract_id: (item.change, item.points) for item in change.changes}


# ---------------------------------------------------------------------------
# Finding 4: explain_change's points do not depend on the list's order


def test_explain_change_gives_the_same_points_in_any_order():
    """Leaving contracts are applied before entering ones, whatever the list's order."""
    history = the_newcomers_history()
    given_order = jss.explain_change(history, date(2026, 10, 1), date(2026, 12, 7))
    reversed_order = jss.explain_change(history[::-1], date(2026, 10, 1), date(2026, 12, 7))
    assert points(given_order) == points(reversed_order)
    assert points(given_order)["job99"] == (jss.ChangeKind.ENTERED, Decimal("-14.29"))
    for cid in ("job0", "job1", "job2"):
        assert points(reversed_order)[cid] == (jss.ChangeKind.LEFT, Decimal("0.00"))
    # The items are still listed in the order given.
    assert [i.contract_id for i in reversed_order.changes] == ["job99", "job2", "job1", "job0"]


@st.composite
def histories(draw):
    """Up to a dozen jobs around two days a few months apart, with mixed feedback."""
    count = draw(st.integers(min_value=1, max_value=12))
    contracts = []
    for index in range(count):
        ended = date(2024, 6, 1) + timedelta(days=draw(st.integers(0, 900)))
        stars = draw(st.sampled_from(STARS))
        client = f"c{draw(st.integers(0, 5))}"
        contracts.append(job(f"j{index}", ended, stars=stars, client=client))
    return contracts


@settings(max_examples=60, deadline=None)
@given(histories(), st.randoms(use_true_random=False), st.integers(0, 400))
def test_shuffling_the_history_never_changes_any_contracts_points(history, rnd, gap):
    """A property: every contract's change and points are the same in any order."""
    before = date(2025, 6, 1)
    after = before + timedelta(days=gap)
    shuffled = list(history)
    rnd.shuffle(shuffled)
    first = jss.explain_change(history, before, after)
    second = jss.explain_change(shuffled, before, after)
    assert points(first) == points(second)
    assert (first.before.score, first.after.score) == (second.before.score, second.after.score)
