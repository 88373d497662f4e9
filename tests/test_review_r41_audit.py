"""Review r41 (closing note r40, audit): a client's fees on assumed billings judged together.

Red team r40, second pass 3: without ``billed_before=`` for a client,
``audit_fees`` judged each sliding-scale fee alone, so a $300 milestone charged
$15.00 (5%: only a client billed about $10,000 before pays it) and ten days
later another $300 charged $50.00 (only a client billed about $300 before)
both passed.  Lifetime billings only grow, so the client's fees narrow what
its later rows can be charged.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upwork_safety import fees, serialize, statements
from upwork_safety.errors import InvalidValueError
from upwork_safety.money import Money

HEADER = (
    '"Date","Ref ID","Type","Description","Agency","Freelancer","Team","Account Name","PO",'
    '"Amount","Amount in local currency","Currency","Balance"\n'
)
FIRST = date(2022, 1, 10)


def usd(amount: str | Decimal) -> Money:
    return Money(amount, "USD")


def _export(rows: list[tuple[str, str | None]], *, client: str = "Northwind") -> str:
    """A Transaction History: each (income, fee) a day apart, oldest first; fee None: no fee.

    A row's client is *client*, or the income's text after a ``@`` (``"300.00@"``: none).
    """
    lines: list[str] = []
    balance = Decimal(0)
    for index, (income, fee) in enumerate(rows):
        day = (FIRST + timedelta(days=index)).strftime("%b %d, %Y")
        amount, _, who = income.partition("@")
        team = who if _ else client
        kind = "Bonus" if Decimal(amount) < 0 else "Fixed Price"
        balance += Decimal(amount)
        lines.append(
            f'"{day}","{2 * index + 1}","{kind}","Milestone {index}","","A","{team}","A","",'
            f'"{amount}","{amount}","USD","{balance}"\n'
        )
        if fee is not None:
            balance -= Decimal(fee)
            lines.append(
                f'"{day}","{2 * index + 2}","Service Fee","Service Fee for Ref ID {2 * index + 1}","","A",'
                f'"{team}","A","","-{fee}","-{fee}","USD","{balance}"\n'
            )
    return HEADER + "".join(reversed(lines))


def _audit(rows: list[tuple[str, str | None]], **kwargs: object) -> statements.FeeAudit:
    return statements.audit_fees(statements.parse(_export(rows)), **kwargs)  # type: ignore[arg-type]


def test_a_five_percent_fee_then_a_new_clients_fee_is_a_mismatch() -> None:
    # The red team's reproduction: both passed before.
    audit = _audit([("300.00", "15.00"), ("300.00", "50.00")])
    first, second = audit.checks
    assert first.within_schedule is True
    assert first.disagrees_with == ()
    assert second.billings_assumed is True
    assert second.within_schedule is False
    assert second.disagrees_with == (first.income,)
    assert second.allowed == (usd("15.00"), usd("15.00"))
    assert second.billed_before is not None
    assert second.billed_before > usd("10000.00")  # 5% on $300 needs about $10,000 before
    assert second.billed_at_most is None
    assert second.excess == usd("35.00")
    assert audit.mismatches == (second,)
    assert audit.overcharged == usd("35.00")
    assert audit.to_records()[1]["disagrees_with"] == (first.income.line,)


def test_a_new_clients_fee_then_a_five_percent_fee_is_a_mismatch_below() -> None:
    audit = _audit([("300.00", "60.00"), ("300.00", "15.00")])
    first, second = audit.checks
    assert first.within_schedule is True
    assert second.billed_at_most == usd("500.05")  # $200.05 at most before, then $300
    assert second.billed_before == usd("300.00")
    assert second.allowed is not None
    assert second.allowed[0] > usd("15.00")
    assert second.excess.amount < 0
    assert second.disagrees_with == (first.income,)


def test_a_mismatch_leaves_the_interval_as_the_rows_that_agree_left_it() -> None:
    # Row 2 contradicts row 1; row 3 (5% again) agrees with row 1 and passes.
    audit = _audit([("300.00", "15.00"), ("300.00", "50.00"), ("300.00", "15.00")])
    assert [c.within_schedule for c in audit.checks] == [True, False, True]
    assert audit.checks[2].disagrees_with == ()


def test_given_billings_are_exact_and_never_narrowed() -> None:
    audit = _audit(
        [("300.00", "15.00"), ("300.00", "50.00")], billed_before={"Northwind": usd("0.00")}
    )
    assert [c.billings_assumed for c in audit.checks] == [False, False]
    assert [c.billed_at_most for c in audit.checks] == [None, None]
    assert [c.disagrees_with for c in audit.checks] == [(), ()]


def test_rows_with_no_client_are_judged_alone() -> None:
    audit = _audit([("300.00@", "15.00"), ("300.00@", "60.00")])
    assert [c.within_schedule for c in audit.checks] == [True, True]
    assert [c.billed_at_most for c in audit.checks] == [None, None]


def test_other_clients_rows_do_not_narrow() -> None:
    audit = _audit([("300.00@Globex", "15.00"), ("300.00", "60.00")])
    assert [c.within_schedule for c in audit.checks] == [True, True]


def test_a_reversed_bonus_lowers_both_ends() -> None:
    # $60 on $300: at most $200.05 before; a -$400 reversal; then $300 for a new client's fee.
    audit = _audit([("300.00", "60.00"), ("-400.00", None), ("300.00", "60.00")])
    last = audit.checks[-1]
    assert last.within_schedule is True
    assert last.billed_before == usd("0.00")  # never below $0.00
    assert last.billed_at_most == usd("100.05")


def test_check_fields_refused_where_they_cannot_be() -> None:
    audit = _audit([("300.00", "15.00"), ("300.00", "50.00")])
    first, second = audit.checks
    with pytest.raises(InvalidValueError) as raised:
        attrs.evolve(first, disagrees_with=(second.income,))
    assert raised.value.field == "FeeCheck.disagrees_with"
    known = _audit([("300.00", "15.00")], billed_before={"Northwind": usd("0.00")}).checks[0]
    with pytest.raises(InvalidValueError) as raised:
        attrs.evolve(known, billed_at_most=usd("10.00"))
    assert raised.value.field == "FeeCheck.billed_at_most"
    with pytest.raises(InvalidValueError) as raised:
        attrs.evolve(second, billed_at_most=usd("10.00"))  # below billed_before
    assert raised.value.field == "FeeCheck.billed_at_most"
    with pytest.raises(InvalidValueError) as raised:
        attrs.evolve(first, billed_at_most=usd("100.00"))  # allowed no longer the engine's
    assert raised.value.field == "FeeCheck.allowed"


def test_a_check_with_its_bounds_round_trips() -> None:
    audit = _audit([("300.00", "60.00"), ("300.00", "50.00")])
    second = audit.checks[1]
    assert second.billed_at_most is not None
    back = serialize.from_json(statements.FeeCheck, serialize.to_json(second))
    assert back == second


amounts = st.integers(min_value=1, max_value=300_000).map(lambda c: Decimal(c).scaleb(-2))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    billed=st.integers(min_value=0, max_value=1_500_000),
    incomes=st.lists(amounts, min_size=1, max_size=5),
)
def test_fees_the_engine_charges_at_some_billings_are_never_a_mismatch(
    billed: int, incomes: list[Decimal]
) -> None:
    before = Decimal(billed).scaleb(-2)
    rows: list[tuple[str, str | None]] = []
    for index, income in enumerate(incomes):
        on = FIRST + timedelta(days=index)
        fee = fees.service_fee(usd(income), on=on, billed_before=usd(before)).amount
        rows.append((str(income), str(fee)))
        before += income
    audit = _audit(rows)
    assert audit.mismatches == ()
    assert all(c.billings_assumed for c in audit.checks)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    billed=st.integers(min_value=1_000_000, max_value=5_000_000),
    first=st.integers(min_value=10_000, max_value=300_000).map(lambda c: Decimal(c).scaleb(-2)),
    second=amounts,
    raised=st.integers(min_value=2, max_value=5_000).map(lambda c: Decimal(c).scaleb(-2)),
)
def test_a_fee_raised_after_a_five_percent_fee_is_a_mismatch(
    billed: int, first: Decimal, second: Decimal, raised: Decimal
) -> None:
    # Past $10,000 before, the first fee is 5%: the client's later fees can be no more.
    before = Decimal(billed).scaleb(-2)
    fee1 = fees.service_fee(usd(first), on=FIRST, billed_before=usd(before)).amount
    on = FIRST + timedelta(days=1)
    fee2 = fees.service_fee(usd(second), on=on, billed_before=usd(before + first)).amount
    audit = _audit([(str(first), str(fee1)), (str(second), str(fee2 + raised))])
    assert [c.within_schedule for c in audit.checks] == [True, False]
    assert audit.checks[1].excess == usd(raised)
