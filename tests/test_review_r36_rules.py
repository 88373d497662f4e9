"""Review r36: one reading of the security period, and three small findings.

Review 4: "paid money is pending for the security period" was computed in
five places (the escrow engine's timer, the ``FUNDS_PENDING`` check's match,
``fees.payout``'s ``available_on``, a ``Bonus`` and a ``WeeklyPayment``).  It
is read in one place now, next to the rule; the five must agree on every
input, as they did before.
"""

import ast
import re
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upwork_safety import (
    Client,
    Contract,
    ContractKind,
    InvalidTypeError,
    InvalidValueError,
    Milestone,
    Money,
    checks,
    escrow,
    jss,
    rules,
)
from upwork_safety.checks import FindingCode
from upwork_safety.escrow._timers import available_at
from upwork_safety.fees._available import available_from
from upwork_safety.hourly import billing_week, bonus
from upwork_safety.hourly._weekly_payment import payment_moments

UTC = timezone.utc
SRC = Path(__file__).resolve().parent.parent / "src" / "upwork_safety"

#: Moments from the first preset to well after the newest one (both presets are crossed).
moments = st.datetimes(
    min_value=datetime(2022, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)
#: A what-if security period (whole minutes, up to 30 days), or ``None``: the published rules.
periods = st.none() | st.integers(min_value=1, max_value=30 * 24 * 60).map(
    lambda minutes: timedelta(minutes=minutes)
)


def _rules(period):
    """The published rules (``None``), or the current preset with *period* as its security period."""
    return None if period is None else attrs.evolve(rules.CURRENT, security_period=period)


def _released(paid_at, chosen):
    """A fixed-price contract whose one milestone the client approved at *paid_at*."""
    contract = Contract(
        "c1",
        Client("bob", "Bob", payment_verified=True),
        ContractKind.FIXED_PRICE,
        (paid_at - timedelta(days=2)).date(),
        milestones=[Milestone("m1", "Logo: 3 concepts", Money("150.00", "USD"))],
    )
    for event in (
        escrow.Fund("m1", paid_at - timedelta(days=2)),
        escrow.Submit("m1", paid_at - timedelta(days=1)),
        escrow.Approve("m1", paid_at),
    ):
        contract = escrow.apply(contract, event, rules=chosen)
    return contract


@settings(max_examples=60, deadline=None)
@given(paid_at=moments, period=periods)
def test_the_five_readings_of_the_security_period_agree(paid_at, period):
    """Escrow, the check, a payout, a bonus and a weekly payment: one answer on any input."""
    chosen = _rules(period)
    in_force = escrow.rules_in_force(paid_at, rules=chosen)
    # The rule as DOMAIN.md states it (HC 211060918): the period in force when paid, elapsed.
    expected = paid_at + in_force.security_period
    # 1. The escrow engine's timer (the ledger and the funds_available deadlines).
    assert expected == available_at(paid_at, chosen)
    # 2. The FUNDS_PENDING check: at the engine's moment, for the payment it matched.
    contract = _released(paid_at, chosen)
    found = checks.review_contract(contract, now=paid_at + timedelta(seconds=1), rules=chosen)
    (pending,) = [f for f in found if f.code is FindingCode.FUNDS_PENDING]
    assert expected == pending.due
    assert "of it, after Upwork's" in pending.message  # the payment was found: its net is said
    # 3. A bonus on an hourly contract.
    assert expected == bonus(Money("50.00", "USD"), paid_at=paid_at, rules=in_force).available_at
    # 4. A weekly payment: available the rules' period after it is invoiced.
    invoiced, available = payment_moments(billing_week(paid_at), in_force)
    assert invoiced + in_force.security_period == available
    # 5. fees.payout's day: the published rules of the payment's day, from its 00:00 UTC.
    day = paid_at.date()
    start = datetime.combine(day, datetime.min.time(), UTC)
    assert available_at(start, None).date() == available_from(day)


@pytest.mark.parametrize(
    ("paid_on", "expected"),
    [(date(2023, 12, 4), date(2023, 12, 9)), (date(2024, 2, 27), date(2024, 3, 3))],
)
def test_payout_day_pins(paid_on, expected):
    """Pinned days (each side of the 2023-12-05 preset, and over a leap day)."""
    assert expected == available_from(paid_on)


def _adds_security_period(node):
    """Whether *node* adds a ``.security_period`` to something."""
    return (
        isinstance(node, ast.BinOp)
        and isinstance(node.op, ast.Add)
        and any(
            isinstance(side, ast.Attribute) and side.attr == "security_period"
            for side in (node.left, node.right)
        )
    )


#: Files that add the period to something else, each with why.
_OTHERS = {
    # Spans, not moments: the clock jumps of the testing strategies (review + security).
    "testing/_rules.py",
}


def test_the_security_period_is_added_in_one_place():
    """Regression review r36, 4: only ``rules``' one reading adds the period to a moment."""
    found = sorted(
        f"{path.relative_to(SRC).as_posix()}:{node.lineno}"
        for path in SRC.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if _adds_security_period(node)
    )
    allowed = {"rules/_platform.py", *_OTHERS}
    assert [] == [where for where in found if where.split(":")[0] not in allowed]
    assert 1 == sum(where.startswith("rules/_platform.py:") for where in found)


def test_the_one_reading_is_the_rules_own():
    """Regression review r36, 4: the reading lives beside ``PlatformRules.security_period``."""
    paid_at = datetime(2024, 3, 3, 9, tzinfo=UTC)
    what_if = attrs.evolve(rules.CURRENT, security_period=timedelta(days=2, hours=3))
    assert datetime(2024, 3, 5, 12, tzinfo=UTC) == rules._available_after(paid_at, what_if)
    assert datetime(2024, 3, 8, 9, tzinfo=UTC) == rules._available_after(paid_at, rules.CURRENT)


def _top_level_functions(path):
    """The names of the functions *path* defines at module level."""
    tree = ast.parse(path.read_text("utf-8"))
    return [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]


def test_no_module_level_function_is_dead():
    """Regression review r36, 3: a money validator of ``hourly._args`` had no caller at all.

    Every function a module of the library defines is named somewhere else:
    in another line of the library, its tests or its docs.
    """
    root = SRC.parent.parent
    files = [*SRC.rglob("*.py"), *root.joinpath("tests").rglob("*.py")]
    files += root.joinpath("docs").rglob("*.md")
    words = Counter(word for path in files for word in re.findall(r"\w+", path.read_text("utf-8")))
    dead = [
        f"{path.relative_to(SRC).as_posix()}: {name}"
        for path in SRC.rglob("*.py")
        for name in _top_level_functions(path)
        if words[name] < 2  # its own def only
    ]
    assert [] == dead


# --- review r36, 6: jss.score_frame names the bad freelancer cell, as it does a contract cell


def _job(contract_id):
    """A paid fixed-price contract with client *contract_id*, closed with 5 stars."""
    return Contract(
        contract_id,
        Client(f"client-{contract_id}"),
        ContractKind.FIXED_PRICE,
        date(2024, 3, 1),
        milestones=[Milestone("m1", "Logo: 3 concepts", Money("150.00", "USD"))],
    )


@pytest.mark.parametrize(
    ("column", "ids", "index", "field"),
    [
        ("freelancer", ["a", None, None], None, "freelancer[1]"),  # the first missing row
        ("who", ["a", "b", float("nan")], ["x", "y", "z"], "who['z']"),  # the column's name
        # An integer index's label as the int it is, not numpy's (diff review r36, 3).
        ("freelancer", ["a", None, "b"], [10, 20, 30], "freelancer[20]"),
    ],
)
def test_score_frame_names_the_first_row_without_a_freelancer(column, ids, index, field):
    """Regression review r36, 6: the field was the column alone (``freelancer``)."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({column: ids, "contract": [_job("c1"), _job("c2"), _job("c3")]})
    if index is not None:
        frame.index = index
    with pytest.raises(InvalidValueError) as info:
        jss.score_frame(frame, as_of=date(2025, 6, 1), freelancer=column)
    assert (field, "no missing freelancer ids") == (info.value.field, info.value.rule)


def test_score_frame_names_the_row_of_an_unhashable_or_unlike_id():
    """Regression review r36, 6: the two other errors about one freelancer cell name its row."""
    pd = pytest.importorskip("pandas")
    cells = pd.Series([_job("c1"), _job("c2")], dtype=object)
    unhashable = pd.DataFrame(
        {"freelancer": pd.Series(["a", ["b"]], dtype=object), "contract": cells}
    )
    with pytest.raises(InvalidTypeError) as info:
        jss.score_frame(unhashable, as_of=date(2025, 6, 1))
    assert ("freelancer[1]", "hashable freelancer ids") == (info.value.field, info.value.rule)
    unlike = pd.DataFrame({"freelancer": pd.Series([1, 1.0], dtype=object), "contract": cells})
    unlike.index = [10, 20]
    with pytest.raises(InvalidValueError) as info:
        jss.score_frame(unlike, as_of=date(2025, 6, 1))
    assert "freelancer[20]" == info.value.field  # the second of the two rows


# --- review r36, 5: ARBITRATION_UNECONOMIC compares only a milestone in the fee's currency


@pytest.mark.parametrize(
    ("amount", "reported"),
    [
        (Money("150.00", "USD"), True),
        (Money("40000", "PKR"), False),  # about USD 143: not compared, no rate is assumed
        (Money("150.00", "EUR"), False),
    ],
)
def test_arbitration_uneconomic_compares_only_the_fees_currency(amount, reported):
    """Pinned: a milestone in another currency than the fee's gets no finding."""
    contract = Contract(
        "c1",
        Client("bob", "Bob", payment_verified=True),
        ContractKind.FIXED_PRICE,
        date(2024, 3, 1),
        milestones=[Milestone("m1", "Logo: 3 concepts", amount)],
    )
    contract = escrow.apply(contract, escrow.Fund("m1", datetime(2024, 3, 1, 9, tzinfo=UTC)))
    contract = escrow.apply(contract, escrow.Submit("m1", datetime(2024, 3, 4, 17, tzinfo=UTC)))
    found = checks.review_contract(contract, now=datetime(2024, 3, 5, tzinfo=UTC))
    codes = [f.code for f in found]
    assert reported == (FindingCode.ARBITRATION_UNECONOMIC in codes)
    assert FindingCode.REVIEW_PERIOD_RUNNING in codes


def test_arbitration_uneconomic_says_where_it_is_documented_that_it_skips_other_currencies():
    """Regression review r36, 5: the trigger and the docs said nothing of other currencies."""
    trigger = checks.CODES["ARBITRATION_UNECONOMIC"].trigger
    assert "another currency" in trigger
    assert "no exchange rate" in trigger
    page = (SRC.parent.parent / "docs" / "checks.md").read_text("utf-8")
    section = page.split("### `ARBITRATION_UNECONOMIC` (info)")[1].split("\n### ")[0]
    assert "another currency" in section
    assert "no exchange rate" in section
