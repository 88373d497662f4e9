"""Tests for upwork_safety.errors: one family, with the field and rule as attributes."""

import pickle
from datetime import date, datetime, timezone

import pytest

import upwork_safety
from upwork_safety import (
    Contract,
    ContractKind,
    CurrencyMismatchError,
    InvalidDataError,
    InvalidTypeError,
    InvalidValueError,
    Milestone,
    Money,
    RulesError,
    TransitionError,
    UpworkSafetyError,
    _display,
    _validate,
    checks,
    escrow,
    fees,
)
from upwork_safety.errors import MAX_PROBLEMS, Problem


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (CurrencyMismatchError, ValueError),
        (InvalidDataError, ValueError),
        (InvalidValueError, ValueError),
        (InvalidTypeError, TypeError),
        (TransitionError, ValueError),
        (RulesError, ValueError),
    ],
)
def test_family(error, builtin):
    """Every error is an UpworkSafetyError and the matching builtin, importable from the top."""
    assert issubclass(error, UpworkSafetyError)
    assert issubclass(error, builtin)
    assert error is getattr(upwork_safety, error.__name__)


def test_field_and_rule_are_attributes_that_pickle():
    """Errors carry field and rule as attributes, kept through pickling (process pools)."""
    err = InvalidValueError(
        "Milestone.amount must be more than zero", field="Milestone.amount", rule="more than zero"
    )
    back = pickle.loads(pickle.dumps(err))
    assert (str(err), "Milestone.amount", "more than zero") == (str(back), back.field, back.rule)
    assert (None, None) == (UpworkSafetyError("x").field, UpworkSafetyError("x").rule)


def test_library_errors_name_their_field():
    """A refusal from a constructor names the field in .field (no message parsing needed)."""
    with pytest.raises(UpworkSafetyError) as info:
        Money("12,50", "USD")
    assert "Money.amount" == info.value.field


def test_transition_error_carries_context_and_pickles():
    """TransitionError keeps its details through pickling."""
    err = TransitionError(
        "no", milestone_id="m1", state="NOT_FUNDED", event="Submit", allowed=("Fund",)
    )
    back = pickle.loads(pickle.dumps(err))
    assert ("no", "m1", "NOT_FUNDED", "Submit", ("Fund",)) == (
        str(back),
        back.milestone_id,
        back.state,
        back.event,
        back.allowed,
    )


def test_invalid_data_error_lists_problems_and_pickles():
    """InvalidDataError lists each problem and pickles."""
    err = InvalidDataError(["$.a: bad", "$.b: worse"])
    assert "2 problems in the data:\n  $.a: bad\n  $.b: worse" == str(err)
    back = pickle.loads(pickle.dumps(err))
    assert (("$.a: bad", "$.b: worse"), 2) == (back.problems, back.count)
    assert "1 problem in the data:\n  $: x" == str(InvalidDataError(["$: x"]))


def test_invalid_data_error_names_its_argument_and_pickles():
    """InvalidDataError can name the argument the data came in and the rule, kept when pickled."""
    err = InvalidDataError(["line 1: bad"], field="text", rule="an Upwork CSV export")
    back = pickle.loads(pickle.dumps(err))
    assert ("text", "an Upwork CSV export", ("line 1: bad",)) == (
        back.field,
        back.rule,
        back.problems,
    )
    assert (None, None) == (InvalidDataError(["$: x"]).field, InvalidDataError(["$: x"]).rule)


def test_invalid_data_error_is_bounded():
    """200,000 problems keep the first MAX_PROBLEMS and count the rest: the message stays short."""
    err = InvalidDataError([f"$[{i}]: bad" for i in range(200_000)])
    assert (MAX_PROBLEMS, 200_000) == (len(err.problems), err.count)
    assert len(str(err)) < 100 * MAX_PROBLEMS
    assert str(err).endswith(f"… and {200_000 - MAX_PROBLEMS} more")
    counted = InvalidDataError(["$[0]: bad"], count=7)
    assert (1, 7) == (len(counted.problems), counted.count)
    assert 7 == pickle.loads(pickle.dumps(counted)).count


class TestProblems:
    """Fifth round: an InvalidDataError's problems were plain text, so a caller could learn
    which field failed only by reading the message.  Each is a Problem: the same text, with
    its path, message and rule as attributes."""

    def test_a_loaded_contract_names_the_path_and_rule(self):
        from upwork_safety import serialize

        data = {"id": "c1", "client": "acme", "kind": "fixed_price", "started": "2024-03-01"}
        data["milestones"] = [
            {"id": "m1", "title": "Logo", "amount": {"amount": "5.005", "currency": "USD"}}
        ]
        with pytest.raises(InvalidDataError) as info:
            serialize.from_dict(Contract, data)
        (problem,) = info.value.problems
        assert isinstance(problem, Problem)
        assert ("$.milestones[0].amount", "whole minor units") == (problem.path, problem.rule)
        assert f"{problem.path}: {problem.message}" == problem

    def test_a_missing_field_and_a_repeated_key(self):
        from upwork_safety import serialize

        with pytest.raises(InvalidDataError) as info:
            serialize.from_dict(Contract, {"id": "c1", "kind": "hourly", "started": "2024-03-01"})
        assert [("$.client", "required")] == [(p.path, p.rule) for p in info.value.problems]
        with pytest.raises(InvalidDataError) as info:
            serialize.from_json(Contract, '{"id": "a", "id": "b"}')
        assert [("$.id", "each key once")] == [(p.path, p.rule) for p in info.value.problems]

    def test_a_statement_names_the_line(self):
        from upwork_safety import statements

        text = "Date,Contract,Hours,Amount,Payment type\n2024-09-02,Logo (1),0.2,5,\n"
        with pytest.raises(InvalidDataError) as info:
            statements.parse(text)
        (problem,) = info.value.problems
        assert (2, "line 2, column 3 (Hours)") == (problem.line, problem.path)

    def test_plain_text_is_kept_as_a_problem_without_a_path(self):
        error = InvalidDataError(["something is wrong"])
        assert (None, "something is wrong") == (error.problems[0].path, error.problems[0].message)

    def test_problems_pickle_with_their_attributes(self):
        error = InvalidDataError([Problem("$.a", "bad", rule="a rule", line=3)], count=4)
        again = pickle.loads(pickle.dumps(error))
        (problem,) = again.problems
        assert ("$.a", "bad", "a rule", 3, 4) == (
            problem.path,
            problem.message,
            problem.rule,
            problem.line,
            again.count,
        )


# --------------------------------------------------------------------------- bounded messages

_HUGE = "x" * 1_000_000
_AT = datetime(2025, 3, 3, tzinfo=timezone.utc)
_CONTRACT = Contract(
    "c",
    "a",
    ContractKind.FIXED_PRICE,
    date(2025, 3, 3),
    milestones=[Milestone("m1", "Logo, 3 concepts", Money("100", "USD"))],
)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: escrow.apply(_CONTRACT, escrow.Fund(_HUGE, _AT)), "milestone_id"),
        (lambda: escrow.allowed(_CONTRACT, _HUGE), "milestone_id"),
        (lambda: checks.scan_message("hi", direction=_HUGE), "direction"),
        (lambda: checks.Finding(_HUGE, "warning", "m", "a"), "Finding.code"),
        (lambda: fees.quote_withdrawal(Money("100", "USD"), _HUGE, reference_rate=None), "method"),
        (lambda: _validate.fraction(_HUGE, "rate"), "rate"),
    ],
    ids=["apply", "allowed", "scan_message", "Finding", "withdrawal method", "fraction"],
)
def test_a_huge_value_gives_a_short_message(call, field):
    """A 1,000,000-character id or value is quoted cut short: the message stays small."""
    with pytest.raises(UpworkSafetyError) as info:
        call()
    assert len(str(info.value)) < 600
    assert "1,000,000 characters" in str(info.value)
    assert field == info.value.field


def test_display_cuts_text_and_reprs():
    """shown() quotes short values whole and cuts long ones, saying how long text was."""
    assert "'m1'" == _display.shown("m1")
    assert "'xxxx'… (10 characters)" == _display.shown("x" * 10, limit=4)
    assert "[1, 2…" == _display.shown([1, 2, 3, 4], limit=5)
    assert "an int too long to show" == _display.shown(10**5000)
