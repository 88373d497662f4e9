"""Red team r24 statements: what ``upwork-safety statement`` says of a file it refuses or quotes.

L3: a refusal of the statement as a whole names the file, as every other file error does
(docs/cli.md, "Exit codes and errors").
"""

from __future__ import annotations

import pytest

from test_cli import run

HISTORY = (
    "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
    "Amount in local currency,Currency,Balance\n"
)


@pytest.mark.parametrize(
    ("rows", "by", "said"),
    [
        # Dates 176 years apart: a summary covers at most MAX_SPAN_YEARS (100).
        (
            (
                "2200-08-06,2,Hourly,x,,,A,,,100.00,,,500.00\n"
                "2024-08-05,1,Fixed Price,x,,,A,,,400.00,,,400.00\n"
            ),
            "tax-year",
            "the statement runs from 2024-08-05 (line 3) to 2200-08-06 (line 2)",
        ),
        # A row before the first tax year the calendar holds, by tax year.
        (
            "0001-06-30,1,Fixed Price,x,,,A,,,400.00,,,400.00\n",
            "tax-year",
            "line 2: dated 0001-06-30",
        ),
    ],
)
def test_a_statement_refused_as_a_whole_names_the_file(tmp_path, capsys, rows, by, said):
    path = tmp_path / "span.csv"
    path.write_text(HISTORY + rows, "utf-8")
    code, out = run("statement", str(path), "--by", by)
    err = capsys.readouterr().err
    assert (2, "") == (code, out)
    assert err.startswith(f"upwork-safety statement: error: {path}: {said}")


def test_a_note_quotes_an_input_word_with_python_escapes_in_text_and_json_alike(tmp_path):
    """L4 (docs made true): a note is the library's sentence, quoting the type word as Python
    writes it; ``--json`` writes that sentence, so a JSON reader reads back ``\\x1b`` as four
    characters, and no output carries the raw ESC (docs/cli.md, "JSON output")."""
    import json

    path = tmp_path / "esc.csv"
    path.write_text(HISTORY + "2024-08-05,1,Fixed\x1b[31mPrice,x,,,A,,,400.00,,,400.00\n", "utf-8")
    code, text = run("statement", str(path), "--unknown-types", "other")
    json_code, dumped = run("statement", str(path), "--unknown-types", "other", "--json")
    (note,) = json.loads(dumped)["notes"]
    quoted = "('Fixed\\x1b[31mPrice'; line 2)"
    assert (0, 0, True, True) == (code, json_code, quoted in note, quoted in text)
    assert "\x1b" not in text + dumped


def test_a_file_over_the_row_limit_is_refused_before_a_row_is_made(monkeypatch):
    """L5: the records are counted first, so no row's work is spent on a file refused for
    its size (50,001 rows took as long as reading 50,000); the refusal is the one problem,
    at the first record over the limit, even when a row before it is bad."""
    from upwork_safety.errors import InvalidDataError
    from upwork_safety.statements import _parse, parse

    made: list[int] = []
    one_row = _parse._one_row

    def counted(row, *args, **kwargs):
        made.append(row.line)
        return one_row(row, *args, **kwargs)

    monkeypatch.setattr(_parse, "MAX_ROWS", 3)
    monkeypatch.setattr(_parse, "_one_row", counted)
    rows = "".join(f"2024-08-05,{n},Fixed Price,x,,,A,,,400.00,,,{400 * n}.00\n" for n in (3, 2, 1))
    bad = "2024-08-06,4,Fixed Price,x,,,A,,,not money,,,1600.00\n"
    with pytest.raises(InvalidDataError) as info:
        parse(HISTORY + bad + rows)
    assert ([], ["at most 3 rows"], [5]) == (
        made,
        [p.rule for p in info.value.problems],
        [p.line for p in info.value.problems],
    )
    assert 3 == len(parse(HISTORY + rows).transactions)  # at the limit: every row made
    assert [2, 3, 4] == made
