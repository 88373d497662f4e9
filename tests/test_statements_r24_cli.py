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
