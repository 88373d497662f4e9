"""Red team r39, hostile 2: ``review_contract`` stays linear in a contract's pending payments.

``FUNDS_PENDING`` charged each pending payment with ``explain_service_fee``,
and each call checked the contract's rate against every payment: quadratic
(2,000 payments: ~22 s).  The review now charges them through one
:class:`~upwork_safety.fees._contract_terms.ContractWork` per contract; these
tests hold its answers to ``explain_service_fee``'s, payment by payment, and
count the engine's work at two sizes (no timing).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from upwork_safety import Contract, ContractKind, Payment, checks, escrow, fees
from upwork_safety.errors import UpworkSafetyError
from upwork_safety.money import Money
from upwork_safety.rules import RuleHistory
from upwork_safety.testing import factories, strategies

UTC = timezone.utc


def _outcome(charge: object) -> object:
    """The fee, or the refusal's type, field and rule."""
    try:
        return charge()  # type: ignore[operator]
    except UpworkSafetyError as exc:
        return (type(exc), exc.field, exc.rule)


def _same_answers(contract: Contract) -> None:
    charge = fees.contract_payment_fees(contract)
    for payment in contract.payments:
        old = _outcome(lambda p=payment: fees.explain_service_fee(p, contract=contract))
        new = _outcome(lambda p=payment: charge(p))
        assert new == old, payment


def _contract(
    started: date, rate: str | None, paid: list[tuple[date, str]], currency: str = "USD"
) -> Contract:
    payments = [Payment(on, Money(amount, currency)) for on, amount in paid]
    return Contract(
        "c1",
        "acme",
        ContractKind.FIXED_PRICE,
        started,
        payments=payments,
        service_fee_rate=rate,
    )


TABLE = [
    # the 2016-2023 sliding scale: each payment after the ones billed before it
    _contract(
        date(2020, 3, 1),
        None,
        [
            (date(2020, 3, 2), "750.00"),
            (date(2020, 3, 2), "300.00"),
            (date(2020, 3, 2), "9000.00"),
            (date(2021, 1, 4), "2000.00"),
        ],
    ),
    # listed out of date order
    _contract(
        date(2019, 1, 1),
        None,
        [
            (date(2021, 5, 1), "100.00"),
            (date(2019, 6, 1), "600.00"),
            (date(2019, 6, 1), "50.00"),
            (date(2020, 1, 1), "12000.00"),
        ],
    ),
    # a kept legacy 5%: earned (past $10,000 by 2023-05-01) and not
    _contract(
        date(2021, 1, 1),
        "0.05",
        [
            (date(2021, 2, 1), "11000.00"),
            (date(2023, 6, 1), "100.00"),
            (date(2024, 2, 1), "100.00"),
        ],
    ),
    _contract(
        date(2021, 1, 1), "0.05", [(date(2021, 2, 1), "100.00"), (date(2023, 6, 1), "100.00")]
    ),
    _contract(date(2023, 6, 1), "0.05", [(date(2023, 7, 1), "100.00")]),
    # a rate an earlier schedule refuses (15% paid in 2024), and one it takes
    _contract(
        date(2024, 1, 1), "0.15", [(date(2024, 2, 1), "100.00"), (date(2025, 6, 1), "100.00")]
    ),
    _contract(
        date(2025, 5, 2), "0.12", [(date(2025, 6, 1), "100.00"), (date(2025, 6, 1), "100.00")]
    ),
    # a rate on a contract started before per-contract rates
    _contract(
        date(2024, 6, 1), "0.12", [(date(2024, 7, 1), "100.00"), (date(2025, 7, 1), "100.00")]
    ),
    _contract(date(2026, 1, 1), "0.10", []),
    # another currency: refused by the engine, as before
    _contract(
        date(2020, 1, 1), None, [(date(2020, 2, 1), "100.00"), (date(2020, 1, 2), "5.00")], "PKR"
    ),
    _contract(date(2026, 1, 1), "0.10", [(date(2026, 2, 1), "100.00")], "EUR"),
]


@pytest.mark.parametrize("contract", TABLE, ids=range(len(TABLE)))
def test_the_shared_work_gives_explain_service_fees_answers(contract: Contract) -> None:
    _same_answers(contract)


def test_a_payment_listed_twice_or_copied_is_answered_as_before() -> None:
    twice = Payment(date(2020, 3, 2), Money("100.00", "USD"))
    copy = Payment(date(2020, 3, 2), Money("100.00", "USD"))
    base = _contract(date(2020, 3, 1), None, [(date(2020, 3, 3), "10.00")])
    for payments in ([twice, twice], [twice, copy], [copy, twice, base.payments[0]]):
        contract = attrs.evolve(base, payments=payments)
        _same_answers(contract)
        charge = fees.contract_payment_fees(contract)
        for p in (copy, Payment(date(2020, 3, 4), Money("5.00", "USD"))):  # not the object listed
            new = _outcome(lambda p=p, charge=charge: charge(p))
            old = _outcome(lambda p=p, c=contract: fees.explain_service_fee(p, contract=c))
            assert new == old


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    strategies.contracts(),
    st.sampled_from([None, "0.05", "0.10", "0.12", "0.15", "0.2"]),
    st.data(),
)
def test_property_same_answers_on_varied_contracts(
    contract: Contract, rate: str | None, data: st.DataObject
) -> None:
    try:
        contract = attrs.evolve(contract, service_fee_rate=rate)
    except UpworkSafetyError:
        pass
    _same_answers(contract)


def _approved(n: int, rate: str | None) -> Contract:
    t0 = datetime(2026, 3, 3, tzinfo=UTC)
    contract = factories.contract(
        milestones=[factories.milestone(milestone_id=f"m{i}", amount="10") for i in range(n)],
        service_fee_rate=rate,
    )
    events: list[escrow.Event] = []
    for i in range(n):
        at = t0 + timedelta(seconds=5 * i)
        events += [
            escrow.Fund(f"m{i}", at),
            escrow.Submit(f"m{i}", at + timedelta(seconds=1)),
            escrow.Approve(f"m{i}", at + timedelta(seconds=2)),
        ]
    return escrow.replay(contract, events)


@pytest.mark.parametrize("rate", ["0.10", None])
def test_review_work_grows_linearly_with_pending_payments(
    rate: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0
    in_force = RuleHistory.in_force

    def counted(self: RuleHistory[object], day: date, **kw: object) -> object:
        nonlocal calls
        calls += 1
        return in_force(self, day, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(RuleHistory, "in_force", counted)
    work = []
    for n in (40, 80):
        contract = _approved(n, rate)
        now = contract.history.last.at + timedelta(days=2)
        calls = 0
        found = checks.review_contract(contract, now=now)
        assert sum(f.code is checks.FindingCode.FUNDS_PENDING for f in found) == n
        work.append(calls)
    # Twice the payments, about twice the work (quadratic was four times).
    assert work[1] <= 2.3 * work[0], work
