"""Round 43, the lead's own fixes: the hourly finding's logged time (newcomer 3), export ids."""

from datetime import date, datetime, timedelta, timezone

import attrs
import pytest

from upwork_safety import Client, Contract, ContractKind, Money, checks, hourly, statements
from upwork_safety.checks import FindingCode
from upwork_safety.errors import InvalidDataError

UTC = timezone.utc


def _contract(minutes: int) -> Contract:
    start = datetime(2026, 12, 8, 4, 0, tzinfo=UTC)
    entry = hourly.TimeEntry(start, start + timedelta(minutes=minutes), memo="standup", manual=True)
    return Contract(
        "h1",
        Client("acme", payment_verified=True),
        ContractKind.HOURLY,
        date(2026, 12, 7),
        hourly_rate=Money("18.50", "USD"),
        time_entries=[entry],
    )


def _unprotected(contract: Contract) -> checks.Finding:
    found = checks.review_contract(contract, now=datetime(2026, 12, 8, 5, tzinfo=UTC))
    (finding,) = [f for f in found if f.code is FindingCode.UNPROTECTED_HOURS]
    return finding


def test_the_unprotected_hours_say_the_time_logged_and_the_time_billable() -> None:
    """25 minutes logged bill as 30 (whole 10-minute segments): the finding said "0:30 h logged"."""
    finding = _unprotected(_contract(25))
    assert finding.amount == Money("9.25", "USD")  # the billable half hour
    assert "0:25 h logged (0:30 h billable" in finding.message
    assert "0:30 h logged" not in finding.message


def test_whole_segments_are_said_once() -> None:
    finding = _unprotected(_contract(30))
    assert finding.amount == Money("9.25", "USD")
    assert "0:30 h logged this week" in finding.message
    assert "billable" not in finding.message


# ------------------------------------------- red team F4: a weekly summary's id in other digits


@pytest.mark.parametrize(
    "digits",
    ["３８１００００２", "٣٨١٠٠٠٠٢", "۳۸۱۰۰۰۰۲", "3810000２", "3810\u200d0002", "38100002\u0301"],
)
def test_a_contract_id_in_digits_that_are_not_ascii_is_refused(digits: str) -> None:
    """The same id in full-width or Arabic-Indic digits was read as another contract."""
    text = (
        "Date,Contract,Hours,Amount,Payment type\n"
        "2024-09-02,Logo design (38100002),,150.00,Fixed Price Payment\n"
        f"2024-09-09,Logo design ({digits}),,150.00,Fixed Price Payment\n"
    )
    with pytest.raises(InvalidDataError) as caught:
        statements.parse(text)
    (problem,) = caught.value.problems
    assert (problem.line, "column 2 (Contract)") == (3, problem.path.split(", ", 1)[1])
    assert problem.rule == "a contract id in ASCII"


@pytest.mark.parametrize("ident", ["３８１００００２", "3810\u200d0002"])
def test_a_transaction_built_or_loaded_with_such_an_id_is_refused(ident: str) -> None:
    """Second red team r43 F1: only the reader refused it; evolve and from_json kept it."""
    from upwork_safety import serialize
    from upwork_safety.errors import InvalidValueError

    (row,) = statements.parse(
        "Date,Contract,Hours,Amount,Payment type\n"
        "2024-09-02,Logo design (38100002),,150.00,Fixed Price Payment\n"
    ).transactions
    with pytest.raises(InvalidValueError) as built:
        attrs.evolve(row, contract_id=ident)
    assert (built.value.field, built.value.rule) == (
        "Transaction.contract_id",
        "a contract id in ASCII",
    )
    data = serialize.to_dict(row)
    data["contract_id"] = ident
    with pytest.raises(InvalidDataError) as loaded:
        serialize.from_dict(statements.Transaction, data)
    assert [p.rule for p in loaded.value.problems] == ["a contract id in ASCII"]


def test_a_contract_id_of_ascii_digits_and_letters_is_read_as_written() -> None:
    text = (
        "Date,Contract,Hours,Amount,Payment type\n"
        "2024-09-02,Logo design (38100002),,150.00,Fixed Price Payment\n"
        "2024-09-09,Logo design (c-7),,150.00,Fixed Price Payment\n"
    )
    ids = [t.contract_id for t in statements.parse(text).transactions]
    assert ids == ["38100002", "c-7"]


# ------------------------------- escrow fixer's leftovers: one "more than zero" rule everywhere


@pytest.mark.parametrize("rate", ["0", "-5"])
def test_the_hourly_factorys_rate_keeps_the_hourly_rates_rule(rate: str) -> None:
    """It said rule "positive" where ``Contract.hourly_rate`` says "more than zero"."""
    from upwork_safety._amount_fields import MORE_THAN_ZERO
    from upwork_safety.errors import InvalidValueError
    from upwork_safety.testing import factories

    with pytest.raises(InvalidValueError) as by_factory:
        factories.hourly_contract(rate=rate)
    with pytest.raises(InvalidValueError) as by_contract:
        attrs.evolve(factories.hourly_contract(), hourly_rate=Money(rate, "USD"))
    assert (by_factory.value.field, by_factory.value.rule) == ("rate", MORE_THAN_ZERO)
    assert by_contract.value.rule == MORE_THAN_ZERO == "more than zero"
