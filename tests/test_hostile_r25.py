"""Red team r25 (hostile input): endless lists, a statement's row limit, Money * non-number."""

import itertools
from datetime import datetime, timezone
from fractions import Fraction

import pytest

from upwork_safety import (
    ExchangeRate,
    InvalidDataError,
    InvalidTypeError,
    InvalidValueError,
    Money,
    escrow,
    fees,
    hourly,
    statements,
)
from upwork_safety._decimals import MAX_ITEMS
from upwork_safety._validate import as_tuple, sequence_of
from upwork_safety.escrow import Fund
from upwork_safety.testing import factories as f

_T0 = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)
_WEEK = hourly.billing_week(_T0)


# --------------------------------------------------------------------------
# H1: an endless iterable is refused at its first wrong item, or past MAX_ITEMS


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: escrow.replay(f.contract(), itertools.repeat(5)), "events[0]"),
        (
            lambda: hourly.invoice(itertools.repeat(5), week=_WEEK, rate=Money("20", "USD")),
            "entries[0]",
        ),
        (
            lambda: hourly.invoice(
                [], week=_WEEK, rate=Money("20", "USD"), pauses=itertools.repeat(5)
            ),
            "pauses[0]",
        ),
    ],
)
def test_an_endless_iterator_is_refused_at_its_first_wrong_item(call, field):
    with pytest.raises(InvalidTypeError) as caught:
        call()
    assert caught.value.field == field


def test_an_endless_iterator_of_right_items_stops_past_the_limit():
    with pytest.raises(InvalidValueError) as caught:
        fees.compare_withdrawals(
            Money("100", "USD"),
            reference_rate=ExchangeRate(
                "USD", "PKR", "280", as_of=datetime(2025, 6, 2, tzinfo=timezone.utc).date()
            ),
            methods=itertools.repeat(fees.PAYONEER),
        )
    assert (caught.value.field, caught.value.rule) == ("methods", "at most 200,000 items")


def test_endless_valid_events_stop_past_the_limit():
    events = itertools.repeat(Fund("m1", _T0))
    with pytest.raises(InvalidValueError) as caught:
        escrow.replay(f.contract(), events)
    assert caught.value.field == "events"


def test_the_limit_is_read_exactly():
    assert MAX_ITEMS == 200_000
    assert MAX_ITEMS == statements.MAX_LINES  # one bound for what the library reads
    read = iter(range(MAX_ITEMS + 5))
    assert len(sequence_of(itertools.islice(read, MAX_ITEMS), int, "items")) == MAX_ITEMS
    with pytest.raises(InvalidValueError):
        sequence_of(range(MAX_ITEMS + 1), int, "items")
    with pytest.raises(InvalidValueError) as caught:
        sequence_of([0] * (MAX_ITEMS + 1), int, "items")  # a list in memory too
    assert caught.value.field == "items"


def test_a_record_field_converter_reads_one_past_the_limit_for_its_validator():
    """Review r25, then r27: as_tuple once cut an iterator short silently, then read it all.

    It reads one item past MAX_ITEMS, so an endless iterator ends, and every
    validator paired with it refuses the extra item (tests/test_list_fields_r27.py).
    """
    held = as_tuple(iter(range(MAX_ITEMS + 5)))
    assert (MAX_ITEMS + 1, MAX_ITEMS) == (len(held), held[-1])
    given = (1, 2)
    assert as_tuple(given) is given


def _impact(reasons, count):
    from decimal import Decimal

    from upwork_safety import jss

    codes = ("no_feedback" if i == 0 else "weight" for i in range(count))  # one per reason
    return jss.Impact(
        "c1", "a", "excluded", Decimal(0), reasons, exclusion="no_feedback", codes=codes
    )


def test_a_reasons_field_given_an_iterator_keeps_every_reason_up_to_the_limit():
    """Regression (review r25): a JSS impact's reasons from a generator were cut to 200,001."""
    impact = _impact(("excluded: x" for _ in range(MAX_ITEMS)), MAX_ITEMS)
    assert MAX_ITEMS == len(impact.reasons)
    with pytest.raises(InvalidValueError) as caught:
        _impact(("excluded: x" for _ in range(MAX_ITEMS + 3)), MAX_ITEMS + 3)
    assert (caught.value.field, caught.value.rule) == ("Impact.reasons", "at most 200,000 items")


# --------------------------------------------------------------------------
# H3: a limit that stops parse keeps the repeats' counts and says not complete

_HEADER = (
    "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
    "Amount in local currency,Currency,Balance\n"
)
_BAD_AMOUNT = '"Jan 20, 2024",101,Hourly,x,,,,,,x,,,100.00\n'


#: A row whose description is one character longer than a cell holds.
_LONG_CELL = _BAD_AMOUNT.replace(",x,", f",{'d' * (statements.MAX_FIELD_CHARS + 1)},", 1)


def test_the_row_limit_keeps_the_count_of_repeated_problems(monkeypatch):
    """The rows are counted, and checked for their shape, before any is read (review r26,
    carried r24 L5): a file over the limit keeps the repeated shape problems' count."""
    monkeypatch.setattr("upwork_safety.statements._parse.MAX_ROWS", 10)
    with pytest.raises(InvalidDataError) as caught:
        statements.parse(_HEADER + _LONG_CELL * 11)
    error = caught.value
    # 10 cells too long read (3 listed, 7 noted on the last listed) and the limit on line 12.
    assert (error.count, error.noted, error.complete) == (11, 7, False)
    assert [p.line for p in error.problems] == [2, 3, 4, 12]
    with pytest.raises(InvalidDataError) as caught:
        statements.parse(_HEADER + _BAD_AMOUNT * 11)
    # Bad amounts are found only as rows are read: over the limit, none is.
    assert (caught.value.count, caught.value.complete) == (1, False)


def test_under_the_row_limit_the_count_is_complete(monkeypatch):
    monkeypatch.setattr("upwork_safety.statements._parse.MAX_ROWS", 10)
    with pytest.raises(InvalidDataError) as caught:
        statements.parse(_HEADER + _BAD_AMOUNT * 10)
    assert (caught.value.count, caught.value.noted, caught.value.complete) == (10, 7, True)


def test_too_many_problems_is_not_complete():
    rows = "".join(
        f'"Jan 20, 2024",{n},Kind{n},x,,,,,,1.00,,,100.00\n'
        for n in range(1, statements.MAX_PROBLEMS + 5)
    )
    with pytest.raises(InvalidDataError) as caught:
        statements.parse(_HEADER + rows)
    assert caught.value.complete is False  # each unknown type word is listed; reading stopped


def test_the_docs_state_the_limit_it_has():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    figure = f"{MAX_ITEMS:,}"
    assert f"at most {figure} items" in (root / "docs" / "api" / "errors.md").read_text("utf-8")
    assert f"at most {figure}" in " ".join(escrow.replay.__doc__.split())
    assert f"most {figure} entries" in " ".join(hourly.invoice.__doc__.split())


# --------------------------------------------------------------------------
# H6: Money times something that is not a number gets the library's error


@pytest.mark.parametrize(
    "factor", [True, False, "2", None, Money("2", "USD"), [1], Fraction(1, 3), Fraction(2), 2j]
)
def test_money_times_what_it_cannot_hold_names_the_factor(factor):
    """Not a number, or (r26) a number Money cannot hold exactly: a Fraction, a complex."""
    money = Money("1", "USD")
    for product in (lambda: money * factor, lambda: factor * money):
        with pytest.raises(InvalidTypeError) as caught:
            product()
        assert (caught.value.field, caught.value.rule) == ("factor", "an int or Decimal")


def test_money_times_a_number_is_unchanged():
    assert Money("1.50", "USD") * 3 == Money("4.50", "USD")
    assert 3 * Money("1.50", "USD") == Money("4.50", "USD")
    with pytest.raises(InvalidTypeError) as caught:
        Money("1", "USD") * 1.5
    assert (caught.value.field, caught.value.rule) == ("factor", "not a float")


# --------------------------------------------------------------------------
# H5: the CLI cuts a long argument it quotes in an error


def _cli(*argv):
    import io

    from upwork_safety.cli import main

    return main(list(argv), out=io.StringIO())


def test_a_long_spread_method_is_cut_in_the_error(capsys):
    long = "x" * 100_000
    assert _cli("withdraw", "100", "--rate", "280", "--spread", f"{long}=1%") == 2
    err = capsys.readouterr().err
    assert len(err) < 1_000
    assert "(100,000 characters)" in err
    assert "unknown method" in err


def test_a_long_excluded_client_is_cut_in_the_error(tmp_path, capsys):
    import json

    path = tmp_path / "history.json"
    path.write_text(
        json.dumps(
            [{"id": "c1", "client": "acme", "kind": "fixed_price", "started": "2025-06-02"}]
        ),
        "utf-8",
    )
    assert _cli("jss", str(path), "--exclude-client", "y" * 100_000) == 2
    err = capsys.readouterr().err
    assert len(err) < 1_000 + len(str(path))
    assert "(100,000 characters)" in err


# --------------------------------------------------------------------------
# H4: the scanner's documented worst case reads at most 18 folded characters per one given


def test_no_character_folds_to_more_than_the_documented_eighteen():
    import sys
    import unicodedata

    from upwork_safety.checks import MAX_TEXT_CHARS

    longest = max(
        len(unicodedata.normalize("NFKD", chr(point)))
        for point in range(sys.maxunicode + 1)
        if not 0xD800 <= point <= 0xDFFF
    )
    assert longest == len(unicodedata.normalize("NFKD", "\ufdfa")) == 18
    assert MAX_TEXT_CHARS == 100_000  # docs/checks.md: "at most 1.8 million" folded characters


# --------------------------------------------------------------------------
# H2: a right-to-left override is read in the order the screen shows


def test_a_name_reversed_under_a_right_to_left_override_is_read_as_shown():
    from upwork_safety.checks import scan_message

    plain = scan_message("I will pay you via PayPal")
    hidden = scan_message("I will pay you via \u202elaPyaP\u202c")
    assert [f.code for f in hidden] == [f.code for f in plain] == ["OFF_PLATFORM_PAYMENT"]
    assert hidden[0].evidence == "pay you via \u202elaPyaP\u202c"  # the override and its end
    both = scan_message("Add me on \u202eppAstahW\u202c and I will pay you via PayPal")
    assert {f.code for f in both} == {"OFF_PLATFORM_PAYMENT", "OFF_PLATFORM_CONTACT"}


def test_an_override_runs_to_its_pop_or_the_end_of_the_paragraph():
    from upwork_safety.checks._normalise import normalise

    # Both orders: as typed, then as shown.
    assert normalise("a \u202ecb\u202c d").text == "a cb bc d"
    assert normalise("a \u202ecb\nfe").text == "a cb bc\nfe"  # a line break ends it
    assert normalise("a \u202ecb").text == "a cb bc"
    assert normalise("a \u202ex\u202c b").text == "a x b"  # one order when both are the same
    span = normalise("x \u202ecb\u202c y")
    assert span.original_span(2, 4) == (3, 5)  # as typed: character by character
    assert span.original_span(5, 7) == (3, 6)  # as shown: the whole run and its pop


def test_a_name_split_by_an_override_is_still_read_as_typed():
    from upwork_safety.checks import scan_message

    (finding,) = scan_message("Add me on What\u202esApp now")
    assert finding.code == "OFF_PLATFORM_CONTACT"
    assert finding.evidence == "Add me on What\u202esApp"  # as before the display order


def test_right_to_left_letters_under_an_override_keep_their_order():
    from upwork_safety.checks._normalise import _as_shown

    urdu = "\u0645\u06cc\u06ba"  # "میں", read right to left as written
    assert _as_shown(f"{urdu} ab") == f"ba {urdu}"
    assert _as_shown(urdu) == urdu
