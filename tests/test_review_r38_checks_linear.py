"""Red team r38 (second pass), finding 2: reviewing a contract with a fee rate is linear."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from upwork_safety import Client, Contract, ContractKind, Money, Payment, checks, fees
from upwork_safety.checks import FindingCode

if TYPE_CHECKING:
    import pytest

UTC = timezone.utc
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _paid(count: int, rate: str | None = "0.10") -> Contract:
    return Contract(
        "c1",
        Client("cl", payment_verified=True),
        ContractKind.FIXED_PRICE,
        started=date(2024, 1, 1),
        service_fee_rate=rate,
        payments=[
            Payment(date(2024, 1, 1) + timedelta(days=i // 4), Money("10.00", "USD"))
            for i in range(count)
        ],
    )


def _counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count the fee engine's public calls and its schedule look-ups."""
    calls = {"explain_service_fee": 0, "service_fee": 0, "in_force": 0}
    for name in ("explain_service_fee", "service_fee"):
        real = getattr(fees, name)

        def counting(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            calls[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(fees, name, counting)
    history = type(fees.SERVICE_FEE_HISTORY)
    in_force = history.in_force

    def counting_in_force(self: Any, *args: Any, **kwargs: Any) -> Any:
        calls["in_force"] += 1
        return in_force(self, *args, **kwargs)

    monkeypatch.setattr(history, "in_force", counting_in_force)
    return calls


def test_the_fee_engine_is_asked_once_per_question_whatever_the_payments(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One question for the contract's payments, one for a payment now (was one per payment)."""
    small, large = _paid(50), _paid(200)
    calls = _counted(monkeypatch)
    assert checks.review_contract(small, now=NOW) == []
    at_small = dict(calls)
    assert at_small["explain_service_fee"] + at_small["service_fee"] == 2
    assert checks.review_contract(large, now=NOW) == []
    at_large = {name: calls[name] - at_small[name] for name in calls}
    assert at_large["explain_service_fee"] + at_large["service_fee"] == 2
    # Four times the payments, about four times the schedule look-ups (sixteen when quadratic).
    assert at_large["in_force"] <= 5 * at_small["in_force"]


def test_a_refused_rate_is_still_found_on_a_long_contract() -> None:
    """The linear review still reports the engine's refusal (a 15% rate under the 2024 flat 10%)."""
    found = checks.review_contract(_paid(400, "0.15"), now=NOW)
    assert [f.code for f in found] == [FindingCode.FEE_RATE_NOT_CHARGED]
    assert found[0].evidence.startswith("field=Contract.service_fee_rate; rule=")
