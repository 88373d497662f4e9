"""Statements L5 (r24, carried): a file over the row limit is refused before a row is made.

The records are counted first, each checked cheaply as it is counted (its columns, its
cells' lengths, the problem count) and kept as one joined text, so the refusal is fast
and what is held is bounded by the text read, not by the records' lists of cells (the
first attempt held those and was reverted).
"""

from __future__ import annotations

import tracemalloc

import pytest

from upwork_safety import statements
from upwork_safety.errors import InvalidDataError
from upwork_safety.statements import _input, _parse

HISTORY = (
    "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
    "Amount in local currency,Currency,Balance\n"
)


def _rows(count: int) -> str:
    """*count* fixed-price rows of USD 1.00, newest first, each balance following."""
    return "".join(
        f"2024-08-05,{n},Fixed Price,Milestone {n},,,Acme,,,1.00,,,{n}.00\n"
        for n in range(count, 0, -1)
    )


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The lines a row is made of, as parse makes them."""
    lines: list[int] = []
    one_row = _parse._one_row

    def counted(row: _parse._Row, *args: object, **kwargs: object) -> object:
        lines.append(row.line)
        return one_row(row, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_parse, "_one_row", counted)
    return lines


def test_a_file_over_the_row_limit_is_refused_before_a_row_is_made(
    monkeypatch: pytest.MonkeyPatch, made: list[int]
) -> None:
    """The refusal is the one problem, at the first record over the limit, with no row made."""
    monkeypatch.setattr(_parse, "MAX_ROWS", 3)
    with pytest.raises(InvalidDataError) as info:
        parse_text(HISTORY + _rows(4))
    error = info.value
    assert ([], "text", _input.RULE, False) == (made, error.field, error.rule, error.complete)
    assert [("line 5", "at most 3 rows", 5)] == [(p.path, p.rule, p.line) for p in error.problems]
    assert 3 == len(parse_text(HISTORY + _rows(3)).transactions)  # at the limit: every row made
    assert [2, 3, 4] == made


def test_a_file_over_the_row_limit_keeps_the_shape_problems_read_before_it(
    monkeypatch: pytest.MonkeyPatch, made: list[int]
) -> None:
    """A record of the wrong width or with a cell too long is reported as it is counted."""
    monkeypatch.setattr(_parse, "MAX_ROWS", 4)
    long_cell = "x" * (statements.MAX_FIELD_CHARS + 1)
    text = (
        HISTORY
        + "2024-08-06,9,Fixed Price,too few columns\n"
        + f"2024-08-06,8,Fixed Price,{long_cell},,,Acme,,,1.00,,,4.00\n"
        + _rows(3)
    )
    with pytest.raises(InvalidDataError) as info:
        parse_text(text)
    assert [
        (2, "as many columns as the header"),
        (3, "at most 2,000 characters"),
        (6, "at most 4 rows"),
    ] == [(p.line, p.rule) for p in info.value.problems]
    assert "column 4 (Description)" in info.value.problems[1].path
    assert [] == made


def test_junk_records_still_stop_after_max_problems() -> None:
    """Records of the wrong width stop reading after MAX_PROBLEMS, before the row limit."""
    text = HISTORY + "junk,junk\n" * (statements.MAX_ROWS + 1)
    with pytest.raises(InvalidDataError) as info:
        parse_text(text)
    rules = [p.rule for p in info.value.problems]
    assert statements.MAX_PROBLEMS == len(rules)
    assert {"as many columns as the header"} == set(rules[:-1])
    assert f"at most {statements.MAX_PROBLEMS - 1} problems read" == rules[-1]


def test_problems_are_listed_in_line_order() -> None:
    """A row's problem (found as its row is made) is listed before a later line's shape problem."""
    rows = _rows(3).splitlines(keepends=True)
    rows[0] = rows[0].replace("1.00", "one")  # line 2: not an amount
    text = HISTORY + "".join(rows) + "2024-08-04,7,Fixed Price,x\n"
    with pytest.raises(InvalidDataError) as info:
        parse_text(text)
    assert [2, 5] == [p.line for p in info.value.problems]
    assert "column 10 (Amount)" in info.value.problems[0].path


def test_a_stop_while_making_rows_says_what_was_checked_after_it() -> None:
    """Past the shape checks, a stop leaves later rows checked for their shape only."""
    rows = [f"2024-08-05,{n},Word{n},x,,,Acme,,,1.00,,,{n}.00\n" for n in range(60, 0, -1)]
    with pytest.raises(InvalidDataError) as info:
        parse_text(HISTORY + "".join(rows))
    last = info.value.problems[-1]
    assert (f"at most {statements.MAX_PROBLEMS - 1} problems read", 51) == (last.rule, last.line)
    assert "checked only for their number of columns" in last.message


def test_a_stop_while_counting_says_no_rows_values_were_checked() -> None:
    """Review r26: a stop while counting said "the rest of the file was not checked", as if
    the lines before it had been read as rows; their values were not (line 2's 'abc')."""
    rows = _rows(2).splitlines(keepends=True)
    rows[0] = rows[0].replace("1.00", "abc")
    with pytest.raises(InvalidDataError) as info:
        parse_text(HISTORY + "".join(rows) + "x,y\n" * 55)
    last = info.value.problems[-1]
    assert f"at most {statements.MAX_PROBLEMS - 1} problems read" == last.rule
    assert "no row's values were checked" in last.message


def parse_text(text: str) -> statements.Statement:
    """``statements.parse`` of *text*."""
    return statements.parse(text)


def test_the_records_held_before_the_rows_are_bounded_by_the_text() -> None:
    """50,001 records of 13 short distinct cells: refused holding less than the text's size.

    The reverted attempt held every record's list of cells (13 strings and a list
    each, several times the text); the joined records are at most the text read.
    """
    line = "2024-08-05,{n},Fixed Price,ab{n},cd{n},ef{n},gh{n},ij{n},kl{n},1.00,mn{n},op{n},2.00\n"
    lines = [HISTORY, *(line.format(n=n) for n in range(statements.MAX_ROWS + 1))]
    size = sum(map(len, lines))
    tracemalloc.start()
    try:
        with pytest.raises(InvalidDataError) as info:
            statements.parse(lines)  # the lines given, so no copy of one text is counted
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [f"at most {statements.MAX_ROWS:,} rows"] == [p.rule for p in info.value.problems]
    assert peak < 2 * size, (peak, size)
