"""Reading is strict and rewrites nothing (red team r24 serialize, S1–S4).

Each refusal is checked on every reading path (fast extra's converter or
cattrs' standard one, fused reader or detailed): the same error type, field,
rule, problems and count (``the_same_error_on_each_path``).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from test_serialize import the_same_error_on_each_path
from upwork_safety import ExchangeRate, Feedback, InvalidDataError, Money, serialize
from upwork_safety._render import decimal_text
from upwork_safety.models import Contract

CANONICAL = "canonical decimal text"


def contract_paying(amount: str) -> str:
    """A contract's JSON with one payment of *amount* (text as given), USD."""
    return json.dumps(
        {
            "id": "c1",
            "client": "acme",
            "kind": "fixed_price",
            "started": "2026-03-02",
            "payments": [{"on": "2026-04-01", "amount": {"amount": amount, "currency": "USD"}}],
        }
    )


# --------------------------------------------------------------------------- S1: canonical text


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("05", "5"),
        ("+5", "5"),
        ("01.5", "1.5"),
        ("025.00", "25.00"),
        ("-05", "-5"),
        ("00", "0"),
        ("007", "7"),
        ("00.50", "0.50"),
        ("+0.00", "0.00"),
    ],
)
def test_an_amount_not_written_as_the_writer_writes_it_is_refused(text, written):
    """S1: "05", "+5", "01.5" and "025.00" loaded and were written back as "5", "1.5", "25.00"."""
    (problem,) = the_same_error_on_each_path(list[Contract], f"[{contract_paying(text)}]")
    assert ("$[0].payments[0].amount.amount", CANONICAL) == (problem.path, problem.rule)
    assert repr(written) in problem.message  # the text to write instead
    # Money itself, and through from_dict as well as from_json.
    (alone,) = the_same_error_on_each_path(Money, json.dumps({"amount": text, "currency": "USD"}))
    assert ("$.amount", CANONICAL) == (alone.path, alone.rule)
    assert Money(written, "USD") == serialize.from_dict(
        Money, {"amount": written, "currency": "USD"}
    )


@pytest.mark.parametrize("text", ["-0.00", "-0", "0", "0.00", "5.00", "0.0000001", "-12.50"])
def test_an_amount_written_as_the_writer_writes_it_loads_and_writes_back_unchanged(text):
    """S1: negative zero is held as given (Money("-0.00", "USD") can be built), written as held
    ("-0.00"), so it is read as written; str() shows it as USD 0.00 (issue 12)."""
    document = json.dumps({"amount": text, "currency": "USD"}, separators=(",", ":"))
    money = serialize.from_json(Money, document)
    assert Decimal(text).as_tuple() == money.amount.as_tuple()
    assert document == serialize.to_json(money)


def test_negative_zero_is_written_as_held_and_shown_without_its_sign():
    """S1: the writer keeps "-0.00" (a statement's CSV keeps it verbatim); display drops it."""
    money = Money("-0.00", "USD")
    assert '{"amount":"-0.00","currency":"USD"}' == serialize.to_json(money)
    assert "USD 0.00" == str(money)


@pytest.mark.parametrize(
    ("field", "text", "written"),
    [("rate", "+280.50", "280.50"), ("rate", "0280.50", "280.50"), ("rate", "280.5", None)],
)
def test_a_rate_not_written_as_the_writer_writes_it_is_refused(field, text, written):
    """S1: rates follow the same rule ("+25.00" and "025.00" were accepted)."""
    rate = {"base": "USD", "quote": "PKR", "rate": text, "as_of": "2026-01-01", "source": "SBP"}
    document = json.dumps(rate, separators=(",", ":"))
    if written is None:
        assert document == serialize.to_json(serialize.from_json(ExchangeRate, document))
        return
    (problem,) = the_same_error_on_each_path(ExchangeRate, document)
    assert (f"$.{field}", CANONICAL) == (problem.path, problem.rule)
    assert repr(written) in problem.message


@pytest.mark.parametrize(("text", "written"), [("+4.5", "4.5"), ("04.5", "4.5"), ("05", "5")])
def test_stars_not_written_as_the_writer_writes_them_are_refused(text, written):
    """S1: star ratings too ("successes" "+1.5" and "01.5" were accepted)."""
    document = json.dumps({"stars": text, "private_score": 9, "end_reason": "completed"})
    (problem,) = the_same_error_on_each_path(Feedback, document)
    assert ("$.stars", CANONICAL) == (problem.path, problem.rule)
    assert repr(written) in problem.message


@pytest.mark.parametrize(
    ("text", "written"), [("1209600.0", "1209600"), ("+90.5", "90.5"), ("090.50", "90.5")]
)
def test_seconds_not_written_as_the_writer_writes_them_are_refused(text, written):
    """S1: durations are read from the seconds text the writer writes, and no other."""
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_dict(timedelta, text)
    (problem,) = caught.value.problems
    assert ("$", CANONICAL) == (problem.path, problem.rule)
    assert repr(written) in problem.message
    assert written == serialize.to_dict(serialize.from_dict(timedelta, written))


NUMBERS = st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
    lambda d: d.adjusted() < 18 and -d.as_tuple().exponent <= 18  # type: ignore[operator]
)


@given(NUMBERS)
def test_property_what_the_writer_writes_is_read_back_as_written(number):
    """The rule is derived from the writer: its text for any amount loads to the same text."""
    money = Money(number, "USD")
    text = serialize.to_json(money)
    assert json.loads(text)["amount"] == decimal_text(number)
    back = serialize.from_json(Money, text)
    assert number.as_tuple() == back.amount.as_tuple()
    assert text == serialize.to_json(back)
    assert number.as_tuple() == serialize.from_dict(Decimal, decimal_text(number)).as_tuple()


# --------------------------------------------------------------------------- S2: NaN, Infinity


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinities_are_not_json(token):
    """S2: bare NaN/Infinity passed json.loads and were quoted as nan/inf; not JSON (RFC 8259)."""
    (problem,) = the_same_error_on_each_path(Money, f'{{"amount":{token},"currency":"USD"}}')
    assert ("$", "JSON") == (problem.path, problem.rule)
    assert token in problem.message
    assert "nan" not in problem.message.replace("NaN", "")


# --------------------------------------------------------------------------- S3: byte-order mark


MONEY = '{"amount":"5","currency":"USD"}'


def test_a_byte_order_mark_reads_the_same_in_str_and_bytes():
    """S3: one BOM was accepted in bytes and refused in str; both now ignore one, as the CLI."""
    expected = Money("5", "USD")
    assert expected == serialize.from_json(Money, "\ufeff" + MONEY)
    assert expected == serialize.from_json(Money, b"\xef\xbb\xbf" + MONEY.encode())


def test_a_second_byte_order_mark_is_refused_in_str_and_bytes():
    """S3: only one mark, at the start, is not JSON text; the same answer in either form."""
    from_str = the_same_error_on_each_path(Money, "\ufeff\ufeff" + MONEY)
    from_bytes = the_same_error_on_each_path(Money, b"\xef\xbb\xbf" * 2 + MONEY.encode())
    assert [("$", "JSON")] == [(p.path, p.rule) for p in from_str]
    assert [("$", "JSON")] == [(p.path, p.rule) for p in from_bytes]


# --------------------------------------------------------------------------- S4: -00:00


def test_an_unknown_offset_is_refused():
    """S4: RFC 3339 -00:00 ("offset unknown") was read as UTC."""
    text = '["2026-03-09T09:00:00+00:00", "2026-03-09T09:00:00-00:00"]'
    (problem,) = the_same_error_on_each_path(list[datetime], text)
    assert ("$[1]", "an ISO 8601 datetime with an offset") == (problem.path, problem.rule)
    assert "-00:00" in problem.message


@pytest.mark.parametrize("offset", ["+00:00", "Z"])
def test_utc_is_written_plus_zero_or_z(offset):
    """The other side of S4: +00:00 and Z are UTC."""
    moment = serialize.from_json(datetime, f'"2026-03-09T09:00:00{offset}"')
    assert datetime(2026, 3, 9, 9, tzinfo=timezone.utc) == moment
    assert date(2026, 3, 9) == moment.date()
