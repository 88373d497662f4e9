"""A contract paid in another currency is refused naming the path of its payment (review r32, embedder 5).

``CurrencyMismatchError.field`` was words (``"contract 'b' payments"``, ``"payment on
2025-01-31"``), so a service that answers a 400 with the field could not point
at the input.  It is now the path of the amount at fault, where the caller
passed it; the message keeps the human wording.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from _paths import is_path
from upwork_safety import (
    Contract,
    ContractKind,
    CurrencyMismatchError,
    Feedback,
    Money,
    Payment,
    fees,
    jss,
)

AS_OF = date(2025, 6, 1)


def job(cid, currency="USD", *, payments=None):
    """A short fixed-price job for its own client, paid in *currency* when it ends."""
    if payments is None:
        payments = [Payment(date(2025, 1, 31), Money("100", currency))]
    return Contract(
        cid,
        f"client-{cid}",
        ContractKind.FIXED_PRICE,
        date(2025, 1, 1),
        ended=date(2025, 1, 31),
        payments=payments,
        feedback=Feedback(stars="5.0"),
    )


USD_A, USD_B, EUR = job("a"), job("b"), job("e", "EUR")


def refused(call) -> CurrencyMismatchError:
    """The CurrencyMismatchError *call* raises; its field is a path."""
    with pytest.raises(CurrencyMismatchError) as caught:
        call()
    assert is_path(caught.value.field), caught.value.field
    return caught.value


def test_score_names_the_payment_of_the_contract_at_its_place():
    """jss.score: the second contract is paid in EUR -> contracts[1].payments[0].amount."""
    error = refused(lambda: jss.score([USD_A, EUR, USD_B], as_of=AS_OF))
    assert ("contracts[1].payments[0].amount", "paid in USD") == (error.field, error.rule)
    assert "contract 'e' is paid in EUR" in str(error)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: jss.timeline([EUR], start=AS_OF, end=AS_OF), "contracts[0].payments[0].amount"),
        (
            lambda: jss.explain_change([USD_A, EUR], before=AS_OF, after=AS_OF),
            "contracts[1].payments[0].amount",
        ),
        (lambda: jss.top_rated([USD_A, EUR], as_of=AS_OF), "contracts[1].payments[0].amount"),
        (lambda: jss.classify(EUR, as_of=AS_OF), "contract.payments[0].amount"),
        # The contract itself in its history is skipped: the places are the history's own.
        (
            lambda: jss.classify(USD_A, as_of=AS_OF, history=[USD_A, USD_B, EUR]),
            "history[2].payments[0].amount",
        ),
        (lambda: jss.what_if([USD_A], EUR, as_of=AS_OF), "extra[0].payments[0].amount"),
        (
            lambda: jss.what_if([USD_A, USD_B], [job("c"), EUR], as_of=AS_OF),
            "extra[1].payments[0].amount",
        ),
        (
            lambda: jss.what_if([USD_A, USD_B], replace=job("b", "EUR"), as_of=AS_OF),
            "replace[0].payments[0].amount",
        ),
        (
            lambda: list(jss.score_many([[USD_A], [USD_B, EUR]], as_of=AS_OF)),
            "histories[1][1].payments[0].amount",
        ),
    ],
    ids=[
        "timeline",
        "explain_change",
        "top_rated",
        "classify",
        "classify history",
        "what_if extra",
        "what_if extras",
        "what_if replace",
        "score_many",
    ],
)
def test_every_jss_function_names_the_payment_where_it_was_passed(call, field):
    """Each JSS entry point names the contract by the argument and place it came in."""
    assert field == refused(call).field


def test_forecast_names_a_contract_or_a_job():
    """jss.forecast: a contract in EUR is contracts[i]; a job paid in EUR is jobs[i].amount."""
    odds = {jss.Outcome.POSITIVE: "1"}
    usd_job, eur_job = jss.FutureJob(Money("100", "USD")), jss.FutureJob(Money("100", "EUR"))

    def forecast(contracts, jobs):
        return jss.forecast(contracts, as_of=AS_OF, jobs=jobs, outcome_odds=odds, trials=10, seed=1)

    assert (
        "contracts[1].payments[0].amount"
        == refused(lambda: forecast([USD_A, EUR], [usd_job])).field
    )
    assert "jobs[1].amount" == refused(lambda: forecast([USD_A], [usd_job, eur_job])).field


def test_score_frame_names_the_row():
    """jss.score_frame: the contract column's cell, by its row label."""
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {"freelancer": ["ann", "ann"], "contract": [USD_A, EUR]}, index=["r1", "r2"]
    )
    error = refused(lambda: jss.score_frame(frame, as_of=AS_OF))
    assert "contract['r2'].payments[0].amount" == error.field


def test_a_contract_charged_a_fee_names_its_payment_not_a_sentence():
    """fees.service_fee(contract): Contract.payments[i].amount, the message keeps the date."""
    error = refused(lambda: fees.service_fee(EUR, on=AS_OF))
    assert ("Contract.payments[0].amount", "in USD") == (error.field, error.rule)
    assert "payment on 2025-01-31 is in EUR" in str(error)
    # Charged in date order; named at its place in the contract's own list.
    late_first = job(
        "x",
        "EUR",
        payments=[
            Payment(date(2025, 2, 10), Money("50", "EUR")),
            Payment(date(2025, 1, 31), Money("50", "EUR")),
        ],
    )
    late_first = attrs.evolve(late_first, ended=date(2025, 2, 10))
    error = refused(lambda: fees.net_earnings(late_first, on=AS_OF))
    assert "Contract.payments[1].amount" == error.field
    assert "payment on 2025-01-31" in str(error)


def test_one_more_payment_on_a_contract_in_another_currency_names_its_payment():
    """fees.service_fee(amount, contract=...): under the sliding scale, the contract's payment."""
    old = Contract(
        "o",
        "client-o",
        ContractKind.FIXED_PRICE,
        date(2022, 1, 1),
        payments=[Payment(date(2022, 1, 31), Money("100", "EUR"))],
    )
    error = refused(
        lambda: fees.service_fee(Money("100", "USD"), on=date(2022, 6, 1), contract=old)
    )
    assert ("Contract.payments[0].amount", "in USD") == (error.field, error.rule)
    assert "payment on 2022-01-31 is in EUR" in str(error)
