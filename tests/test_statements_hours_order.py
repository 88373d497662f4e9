"""Red team r19: a weekly summary's hours per contract and day or week, file order guesses."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest

from test_statements import EXAMPLES, WEEKLY, read, table
from upwork_safety import Money, UpworkSafetyError, serialize
from upwork_safety.errors import InvalidDataError, InvalidValueError
from upwork_safety.statements import Statement, StatementFormat, parse, summarize
from upwork_safety.statements._hours import hours_over

HISTORY_HEADER = (
    "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
    "Amount in local currency,Currency,Balance\n"
)
DAY_RULE = "at most 24 hours per contract and day"
WEEK_RULE = "at most 168 hours per contract and billing week"


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def weekly(*rows: tuple[str, str, str]) -> str:
    """A weekly summary of hourly rows ``(date, contract id, hours)``, $1 each."""
    return table(
        WEEKLY,
        [
            {"Date": on, "Contract": f"Job ({contract})", "Hours": hours, "Amount": "1"}
            for on, contract, hours in rows
        ],
    )


class TestHoursPerContract:
    def test_two_rows_of_one_contract_over_a_day_are_refused(self):
        """M1: 2 x 20 h for one contract on one date is 40 h in a 24-hour day: refused."""
        with pytest.raises(InvalidDataError) as info:
            parse(weekly(("2024-09-02", "38100001", "20"), ("2024-09-02", "38100001", "20")))
        [problem] = info.value.problems
        assert (3, DAY_RULE) == (problem.line, problem.rule)
        assert problem.path == "line 3, column 3 (Hours)"
        assert "contract 38100001 has 40 hours on 2024-09-02" in problem.message
        assert "lines 2, 3" in problem.message

    def test_other_contracts_and_days_are_apart(self):
        """Two contracts' 20 h on one day, or one contract's 20 h on two days, are read."""
        two_jobs = parse(weekly(("2024-09-02", "1", "20"), ("2024-09-02", "2", "20")))
        two_days = parse(weekly(("2024-09-02", "1", "20"), ("2024-09-03", "1", "20")))
        assert [Decimal(20), Decimal(20)] == [t.hours for t in two_jobs.transactions]
        assert [Decimal(20), Decimal(20)] == [t.hours for t in two_days.transactions]

    def test_a_whole_week_fits_and_one_segment_more_does_not(self):
        """M1: 7 x 24 h Monday to Sunday is the 168 h of a billing week; 10 min more is not."""
        week = [(f"2024-09-0{day}", "1", "24") for day in range(2, 9)]
        statement = parse(weekly(*week))
        assert Decimal(168) == sum(t.hours or 0 for t in statement.transactions)
        # The next Monday opens another billing week.
        assert 8 == len(parse(weekly(*week, ("2024-09-09", "1", "24"))).transactions)
        with pytest.raises(InvalidDataError) as info:
            parse(weekly(*week, ("2024-09-08", "1", "0.16667")))
        problems = info.value.problems
        assert [(9, DAY_RULE), (9, WEEK_RULE)] == [(p.line, p.rule) for p in problems]
        assert "in the billing week 2024-09-02 to 2024-09-08" in problems[1].message
        assert "168.16667 hours" in problems[1].message

    def test_segments_add_up_exactly(self):
        """Rounded segments add up as minutes: 72 rows of 0.33333 are 24 h, one more is not."""
        rows = [("2024-09-02", "1", "0.33333")] * 72
        assert 72 == len(parse(weekly(*rows)).transactions)
        with pytest.raises(InvalidDataError) as info:
            parse(weekly(*rows, ("2024-09-02", "1", "0.16667")))
        assert [DAY_RULE] == [p.rule for p in info.value.problems]

    def test_the_constructor_refuses_it(self):
        """M1: a Statement built in code with 2 x 20 h on one day is refused, naming all."""
        [row] = parse(weekly(("2024-09-02", "38100001", "20"))).transactions
        with pytest.raises(InvalidValueError) as info:
            Statement(
                format=StatementFormat.WEEKLY_SUMMARY,
                transactions=[row, attrs.evolve(row, line=3)],
            )
        error = info.value
        assert ("Statement.transactions[1].hours", DAY_RULE) == (error.field, error.rule)
        assert "contract 38100001" in str(error)
        assert "billing week 2024-09-02 to 2024-09-08" in str(error)

    def test_from_json_refuses_it(self):
        """M1: the same state written as JSON does not load back."""
        statement = parse(
            weekly(("2024-09-02", "38100001", "12"), ("2024-09-02", "38100001", "12"))
        )
        text = serialize.to_json(statement).replace('"12"', '"20"')
        assert text.count('"20"') == 2
        with pytest.raises(UpworkSafetyError, match="contract 38100001"):
            serialize.from_json(Statement, text)

    def test_hours_over_is_per_contract_day_and_week(self):
        """hours_over names each contract's day and week past its length, in row order."""
        statement = parse(weekly(("2024-09-02", "1", "20"), ("2024-09-03", "1", "20")))
        first, second = statement.transactions
        rows = [first, attrs.evolve(first, line=4), second, attrs.evolve(second, line=5)]
        found = hours_over(rows)
        assert [("1", date(2024, 9, 2), 1), ("1", date(2024, 9, 3), 3)] == [
            (o.contract_id, o.day, o.index) for o in found
        ]
        assert [Decimal(40), Decimal(40)] == [o.hours for o in found]


class TestOrderAssumed:
    ONE_DAY = (
        HISTORY_HEADER + "2024-08-05,1,Fixed Price,Invoice,,,Initech,,,500.00,,,500.00\n"
        "2024-08-05,2,Withdrawal,Direct to Local Bank,,,,,,-500.00,,,0.00\n"
    )

    def test_a_guessed_order_is_said(self):
        """M2: one date, balance unbroken both ways: the guess and the other reading are shown."""
        statement = parse(self.ONE_DAY)
        assert statement.order_assumed is True
        assert (usd("500.00"), usd("500.00")) == (
            statement.opening_balance,
            statement.closing_balance,
        )
        other = statement.other_order
        assert other is not None
        assert (usd("0.00"), usd("0.00")) == (other.opening_balance, other.closing_balance)
        assert [2, 3] == [t.line for t in other.transactions]
        [note] = summarize(statement).notes
        assert "order was assumed: newest first" in note
        assert "would be USD 0.00 and USD 0.00" in note

    def test_a_guess_that_changes_nothing_shown_is_not_noted(self):
        """Review r19 L2: +100 / -100 / +100 on one day opens and closes the same either way."""
        statement = parse(
            HISTORY_HEADER + "2024-08-05,3,Fixed Price,Invoice,,,Initech,,,100.00,,,100.00\n"
            "2024-08-05,2,Withdrawal,Direct to Local Bank,,,,,,-100.00,,,0.00\n"
            "2024-08-05,1,Fixed Price,Invoice,,,Initech,,,100.00,,,100.00\n"
        )
        other = statement.other_order
        assert statement.order_assumed is True
        assert other is not None
        assert (other.opening_balance, other.closing_balance) == (
            statement.opening_balance,
            statement.closing_balance,
        )
        assert not any("assumed" in note for note in summarize(statement).notes)

    def test_dates_or_balance_settle_it(self):
        """No guess when the dates differ, or when only one order balances."""
        dated = parse(
            HISTORY_HEADER + "2024-08-06,2,Withdrawal,Direct,,,,,,-500.00,,,0.00\n"
            "2024-08-05,1,Fixed Price,Invoice,,,Initech,,,500.00,,,500.00\n"
        )
        balanced_one_way = parse(
            HISTORY_HEADER + "2024-08-05,1,Fixed Price,Invoice,,,Initech,,,500.00,,,500.00\n"
            "2024-08-05,2,Fixed Price,Invoice,,,Initech,,,100.00,,,600.00\n"
        )
        single = parse(HISTORY_HEADER + "2024-08-05,1,Fixed Price,I,,,X,,,5.00,,,5.00\n")
        for statement in (dated, balanced_one_way, single):
            assert (False, None) == (statement.order_assumed, statement.other_order)
            assert not any("assumed" in note for note in summarize(statement).notes)
        assert [1, 2] == [int(t.id or 0) for t in balanced_one_way.transactions]


class TestDateTurns:
    def test_a_summary_pasted_twice_is_noted(self):
        """L1: each contract's dates turn back (lines 7 and 9, the body again): noted, not refused."""
        text = read(EXAMPLES / "synthetic-weekly-summary.csv")
        body = text.split("\n", 1)[1]
        twice = parse(text + body)
        assert (7, 9) == twice.date_turns
        assert usd("950.00") == summarize(twice).total.gross
        assert any("turn back at lines 7, 9" in note for note in summarize(twice).notes)

    def test_contracts_listed_one_after_another_have_none(self):
        """Review r19 M2: each contract's days in turn (A 2, A 3, B 2, B 3) is no paste."""
        in_turn = parse(
            weekly(
                ("2024-09-02", "1", "2"),
                ("2024-09-03", "1", "2"),
                ("2024-09-02", "2", "2"),
                ("2024-09-03", "2", "2"),
            )
        )
        assert () == in_turn.date_turns
        assert not any("turn back" in note for note in summarize(in_turn).notes)
        pasted = parse(
            weekly(
                ("2024-09-02", "1", "2"),
                ("2024-09-03", "1", "2"),
                ("2024-09-02", "1", "2"),
                ("2024-09-03", "2", "2"),
            )
        )
        assert (4,) == pasted.date_turns

    def test_a_file_in_one_order_has_none(self):
        """A file oldest first, or newest first, has no turn and no note."""
        text = read(EXAMPLES / "synthetic-weekly-summary.csv")
        header, *lines = text.splitlines(keepends=True)
        lines[-1] = lines[-1] if lines[-1].endswith("\n") else lines[-1] + "\n"
        for statement in (parse(text), parse(header + "".join(reversed(lines)))):
            assert () == statement.date_turns
            assert not any("turn back" in note for note in summarize(statement).notes)
