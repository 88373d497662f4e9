"""Red team r26 (serialize): refusals placed at a path that exists, named as the message says."""

from datetime import date, datetime, timedelta, timezone

import pytest

from upwork_safety import (
    Contract,
    ExchangeRate,
    InvalidDataError,
    InvalidValueError,
    Money,
    fees,
    jss,
    serialize,
)

_FINISHED = (
    '{"id":"c1","client":{"id":"acme"},"kind":"fixed_price","started":"2026-03-02",'
    '"ended":"2026-04-01","payments":[{"on":"2026-04-01","amount":{"amount":"500",'
    '"currency":"USD"}}],"feedback":{"stars":"5.0","private_score":10,'
    '"end_reason":"completed"},"service_fee_rate":"0.10"}'
)


def _problem_paths(error: InvalidDataError) -> list[str]:
    return [problem.path for problem in error.problems]


def test_points_that_do_not_add_up_are_placed_at_the_list():
    """Finding 3: the sum of the impacts' points was placed at ``$.impacts.points``."""
    first = serialize.from_json(Contract, _FINISHED)
    second = serialize.from_json(
        Contract, _FINISHED.replace('"id":"c1"', '"id":"c2"').replace('"acme"', '"beta"')
    )
    text = serialize.to_json(jss.score([first, second], as_of=date(2026, 5, 1)))
    assert '"points":"50.00"' in text
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_json(jss.JSSReport, text.replace('"points":"50.00"', '"points":"90.00"', 1))
    assert ["$.impacts"] == _problem_paths(caught.value)


def test_a_quote_whose_rate_is_not_the_methods_names_its_basis():
    """Finding 2: the field named and the message agree (the basis says 'method')."""
    quote = fees.quote_withdrawal(
        Money("100", "USD"),
        "payoneer",
        reference_rate=ExchangeRate("USD", "PKR", "280", as_of=date(2025, 6, 2)),
    )
    text = serialize.to_json(quote)
    applied = serialize.to_dict(quote)["applied_rate"]["rate"]
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_json(fees.WithdrawalQuote, text.replace(f'"{applied}"', '"300.0000"'))
    assert ["$.rate_basis"] == _problem_paths(caught.value)
    assert "rate_basis is 'method'" in str(caught.value)


@pytest.mark.parametrize(
    ("amount", "rule"),
    [
        ("0." + "1" * 61, "at most 18 decimal places"),
        ("0." + "1" * 62, "at most 18 decimal places"),  # was the 60-places rule
        ("0." + "0" * 1000 + "1", "at most 18 decimal places"),  # was the 60-places rule
        ("1." + "0" * 61, "at most 60 decimal places written"),  # zeros only: written too long
        ("0." + "0" * 17 + "1" + "0" * 43, "at most 60 decimal places written"),
    ],
)
def test_an_amount_with_too_many_places_names_the_rule_it_breaks(amount, rule):
    """Finding 1: a long amount was refused by the 60-places writing rule even when a digit
    past 18 places (the rule a shorter text is refused by) was what was wrong."""
    with pytest.raises(InvalidValueError) as built:
        Money(amount, "USD")
    assert ("Money.amount", rule) == (built.value.field, built.value.rule)
    with pytest.raises(InvalidDataError) as loaded:
        serialize.from_json(Money, f'{{"amount":"{amount}","currency":"USD"}}')
    assert ["$.amount"] == _problem_paths(loaded.value)


@pytest.mark.parametrize(
    ("value", "named"), [([1, 2], "got list"), ({"a": 1}, "got dict"), (None, "got null")]
)
def test_an_array_object_or_null_where_a_scalar_belongs_is_named_once(value, named):
    """Finding 4: ``got list list`` (the type, then the type again for the value)."""
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_dict(list[int], [value])
    (problem,) = caught.value.problems
    assert ("$[0]", "an integer") == (problem.path, problem.rule)
    assert str(problem).endswith(named)


@pytest.mark.parametrize(
    "data",
    [
        '{"amount": "5", "currency": "USD"}'.encode("utf-16"),
        '{"amount": "5", "currency": "USD"}'.encode("utf-32"),
        '{"amount": "5", "currency": "USDé"}'.encode("latin-1"),
    ],
    ids=["utf-16", "utf-32", "latin-1"],
)
def test_json_bytes_must_be_utf8(data):
    """Finding 5: UTF-16 and UTF-32 bytes were read, though JSON is UTF-8 (RFC 8259 §8.1)."""
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_json(Money, data)
    (problem,) = caught.value.problems
    assert ("$", "UTF-8", "text") == (problem.path, problem.rule, caught.value.field)


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf"])
def test_utf8_bytes_and_one_mark_still_read(prefix):
    data = prefix + serialize.to_json(Money("5", "USD")).encode("utf-8")
    assert Money("5", "USD") == serialize.from_json(Money, data)
    assert Money("5", "USD") == serialize.from_json(Money, bytearray(data))


def test_a_naive_datetime_is_not_written_as_text_no_reader_takes():
    """Finding 7: to_json wrote a naive datetime that from_json then refused."""
    with pytest.raises(InvalidValueError) as caught:
        serialize.to_json(datetime(2026, 1, 1))
    assert ("value", "timezone-aware") == (caught.value.field, caught.value.rule)
    aware = datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=5)))
    assert aware == serialize.from_json(datetime, serialize.to_json(aware))


@pytest.mark.parametrize(
    ("cls", "text", "path"), [(float, "1.5", "$"), (list[float], "[2]", "$[0]")]
)
def test_a_float_is_read_from_nothing_as_it_is_written_from_nothing(cls, text, path):
    """Finding 7: from_json(float, "1.5") gave 1.5, which to_json then refused to write."""
    with pytest.raises(InvalidDataError) as caught:
        serialize.from_json(cls, text)
    assert [(path, "not a float")] == [(p.path, p.rule) for p in caught.value.problems]


@pytest.mark.parametrize("code", ["XXX", "XTS"])
def test_iso_codes_that_name_no_money_are_refused(code):
    """Finding 6: "XXX" (no currency) and "XTS" (testing) loaded as money."""
    with pytest.raises(InvalidValueError) as built:
        Money("5", code)
    assert ("Money.currency", "a currency") == (built.value.field, built.value.rule)
    with pytest.raises(InvalidDataError) as loaded:
        serialize.from_json(Money, f'{{"amount": "5", "currency": "{code}"}}')
    assert [("$.currency", "a currency")] == [(p.path, p.rule) for p in loaded.value.problems]
