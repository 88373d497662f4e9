"""The round-40 review of the whole change: its findings 2, 4 and 7 (diff review r40)."""

from __future__ import annotations

import inspect
import json
from datetime import date
from decimal import Decimal

import pytest

from upwork_safety import Contract, ContractKind, Money, Payment, errors, fees
from upwork_safety.errors import InvalidTypeError, RulesError, TransitionError


@pytest.mark.parametrize(
    ("billed_before", "needs"),
    [(None, "billed_before"), (Money("500.00", "USD"), None), (Money("10000.00", "USD"), None)],
)
def test_needs_is_set_only_when_the_billings_before_were_not_given(
    billed_before: Money | None, needs: str | None
) -> None:
    # A kept 5% refused for billings the caller gave is final, not for want of them.
    with pytest.raises(RulesError) as caught:
        fees.explain_service_fee(
            Money("100.00", "USD"),
            on=date(2023, 7, 1),
            rate=Decimal("0.05"),
            billed_before=billed_before,
        )
    assert caught.value.field == "rate"
    assert caught.value.needs == needs


def test_billings_past_the_threshold_keep_the_rate() -> None:
    fee = fees.explain_service_fee(
        Money("100.00", "USD"),
        on=date(2023, 7, 1),
        rate=Decimal("0.05"),
        billed_before=Money("10000.01", "USD"),
    )
    assert fee.fee == Money("5.00", "USD")


def _public_errors() -> list[type[errors.UpworkSafetyError]]:
    return [
        kind
        for _, kind in inspect.getmembers(errors, inspect.isclass)
        if issubclass(kind, errors.UpworkSafetyError)
    ]


@pytest.mark.parametrize("kind", _public_errors(), ids=lambda k: k.__name__)
def test_to_dict_holds_every_attribute_the_class_adds(kind: type) -> None:
    keywords = [
        name
        for name, parameter in inspect.signature(kind.__init__).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY
    ]
    error = kind(["text"]) if kind is errors.InvalidDataError else kind("text")
    body = error.to_dict()
    assert body["error"] == kind.__name__
    for name in keywords:
        assert name in body, name
    json.dumps(body)  # JSON-safe as it is


def test_a_transition_error_body_says_what_is_allowed_instead() -> None:
    body = TransitionError(
        "no", milestone_id="m1", state="FUNDED", event="Fund", allowed=("Submit",)
    ).to_dict()
    assert (body["milestone_id"], body["state"], body["event"], body["allowed"]) == (
        "m1",
        "FUNDED",
        "Fund",
        ["Submit"],
    )
    assert RulesError("x", needs="billed_before").to_dict()["needs"] == "billed_before"


def test_the_contract_charge_refuses_an_amount_naming_its_own_argument() -> None:
    paid = [Payment(date(2020, 3, 1), Money("400.00", "USD"))]
    contract = Contract("c1", "acme", ContractKind.FIXED_PRICE, date(2020, 2, 1), payments=paid)
    charge = fees.contract_payment_fees(contract)
    with pytest.raises(InvalidTypeError) as caught:
        charge(Money("1.00", "USD"))  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.rule) == ("payment", "a Payment")
    assert charge(paid[0]).fee == Money("80.00", "USD")
