"""The thirty-first round's red-team findings fixed by the lead (review r31, hostile N)."""

from __future__ import annotations

import contextlib
import io

import pytest

from test_statements import WEEKLY, table
from upwork_safety.cli import main
from upwork_safety.errors import InvalidDataError
from upwork_safety.statements import parse

# ------------------------------------------------ finding 3: "=281" is not a bare value


def _refused(*argv: str) -> tuple[object, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), pytest.raises(SystemExit) as info:
        main(list(argv), out=out)
    return info.value.code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("option", "value"),
    [("--offered-rate", "=281"), ("--spread", "=1%"), ("--offered-rate", "=")],
)
def test_an_empty_method_name_before_the_equals_sign_is_refused(option, value):
    """It was read as the bare value, applied to the command's own choice of method."""
    code, out, err = _refused(
        "withdraw", "900", "--rate", "280", "--on", "2025-06-02", option, value
    )
    assert (code, out) == (2, "")
    assert f"argument {option}:" in err
    assert "has no method before '='" in err


def test_the_contract_rate_of_no_title_is_refused_by_the_same_rule():
    code, _, err = _refused("statement", "x.csv", "--audit", "--contract-rate", "=5%")
    assert code == 2
    assert "has no title before '='" in err


# ------------------------------------------------ finding 5: a weekly summary's id read as written


def test_spaces_inside_a_contract_ids_parentheses_are_refused_not_trimmed():
    """``A ( 1 )`` was read as ``A (1)``: two contracts' rows became one contract."""

    def weekly(cell: str) -> str:
        row = {"Date": "2024-09-02", "Contract": cell, "Hours": "1", "Amount": "1"}
        return table(WEEKLY, [row])

    assert parse(weekly("Logo (38100001)")).transactions[0].contract_id == "38100001"
    for cell in ("Logo ( 38100001 )", "Logo (38100001 )", "Logo (\\n38100001)"):
        with pytest.raises(InvalidDataError) as info:
            parse(weekly(cell.replace("\\n", "\n")))
        (problem,) = info.value.problems
        assert "column 2 (Contract)" in problem.path
        assert "spaces inside its parentheses" in problem.message


# ------------------------------------------------ findings 6 and 7: the factories' own arguments


def test_a_factorys_start_may_be_an_aware_moment_and_says_so():
    """Documented now: an aware datetime is its UTC day, as for every factory's start."""
    import inspect
    from datetime import date, datetime, timedelta, timezone

    from upwork_safety.testing import factories

    karachi = timezone(timedelta(hours=5))
    made = factories.contract(started=datetime(2025, 1, 5, 2, 0, tzinfo=karachi))
    assert made.started == date(2025, 1, 4)
    for factory in (factories.contract, factories.hourly_contract, factories.finished_contract):
        assert "UTC day" in (factory.__doc__ or "")
        assert "datetime" in str(inspect.signature(factory).parameters["started"].annotation)


def test_an_hourly_contract_of_too_many_days_is_refused_before_any_entry_is_built():
    """It built 200,000 entries (about 6 s) before the contract refused them."""
    from upwork_safety.errors import InvalidValueError
    from upwork_safety.testing import factories

    with pytest.raises(InvalidValueError) as info:
        factories.hourly_contract(days=10**6)
    assert (info.value.field, info.value.rule) == ("days", "at most 200,000 items")


def test_the_contract_rate_advice_offers_no_bare_value_it_would_refuse():
    """``--contract-rate`` takes no rate alone: its advice names a title only (diff review 6)."""
    code, _, err = _refused("statement", "x.csv", "--audit", "--contract-rate", "=0.15")
    assert code == 2
    assert "name one (TITLE=0.15)" in err
    assert "leave out" not in err
