"""Review r41: ids, money text and a row's sign (red team r41, hostile 2, 3 and 4).

* hostile 2: an id keeps a tag character only inside an emoji tag sequence
  (a flag), a joiner only between two characters, and a variation selector
  only after a character it can vary; anywhere else they show nothing.

* hostile 4: a fill or a pattern's prefix that Unicode's confusables list
  takes for a minus or a plus (the Urdu full stop, the hyphen bullet, a box
  line, the prolonged sound mark and its halfwidth form) or a bracket of any
  kind reads as the amount's sign and is refused, as a minus is.
* hostile 3: an income row written ``-0.00`` is signed the other way from its
  kind (``Decimal.is_signed``, the library's one rule for "negative"): the
  notes name it, and ``statements.to_contracts`` refuses it naming its line,
  in a Transaction History and in a weekly summary.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from upwork_safety import Client, Money, jss, statements
from upwork_safety._text import (
    _JOINERS,
    _KEPT_IN_ID,
    _SELECTORS,
    _UNSEEN_IN_ID,
    ID_RULE,
    id_problem,
    is_blank,
)
from upwork_safety.errors import InvalidValueError
from upwork_safety.testing import factories

_HIDDEN = "acme" + "".join(chr(0xE0000 + ord(ch)) for ch in "evil") + "\U000e007f"
_ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"


@pytest.mark.parametrize(
    "text",
    [
        _HIDDEN,  # tags after Latin text: a hidden "evil"
        "acme\u200d",
        "\u200dacme",
        "acme\u200c",
        "\u034facme",
        "acme\ufe0f",  # a letter has no emoji form
        "\ufe0facme",
        "acme \ufe0f",
        "\u2714\ufe0f\ufe0f",  # a second selector varies nothing
        "\u2714\U000e0067\U000e007f",  # tags after an emoji that is no tag base
        "\U0001f3f4\U000e0067\U000e0062",  # a flag's tags with no CANCEL TAG
        "\U0001f3f4\U000e007f",  # no tag between the base and its end
        _ENGLAND + "\U000e0067\U000e007f",  # tags after a whole flag
        "\u845b\u200d",
        "0\ufe00",  # drawn as a plain zero by nearly every font (red team r42, hostile 2)
    ],
)
def test_an_id_refuses_what_joins_or_varies_nothing(text: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Client(text)
    assert (caught.value.field, caught.value.rule) == ("Client.id", ID_RULE)


@pytest.mark.parametrize(
    "text",
    [
        _ENGLAND,
        "x" + _ENGLAND + "y",
        _ENGLAND + _ENGLAND,
        "Logo design \u2714\ufe0f",
        "\u2b50\ufe0f Shopify store",
        "1\ufe0f\u20e3 Keycap",  # a keycap: an ASCII digit with VS16
        "#\ufe0f\u20e3",
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",
        "\u0dc1\u0dca\u200d\u0dbb\u0dd3",
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        "\u845b\U000e0100",
        "\u1820\u180b",
    ],
)
def test_an_id_keeps_flags_emoji_sequences_and_keycaps(text: str) -> None:
    assert Client(text).id == text


def test_a_hidden_message_no_longer_makes_two_clients_that_print_alike() -> None:
    """The report's case: ``exclude_clients=["acme"]`` left a second "acme" counted."""
    with pytest.raises(InvalidValueError):
        factories.finished_contract(contract_id="c2", client=_HIDDEN)
    history = [factories.finished_contract(contract_id="c1", client="acme")]
    assert jss.score(history, as_of=date(2026, 6, 1), exclude_clients=["acme"]).impacts


def test_every_kept_character_is_refused_where_it_changes_nothing() -> None:
    """Over every code point an id keeps: none may start an id, a joiner may not end one,
    and a selector may not follow an ASCII letter; each is invisible to ``is_blank``, and the
    tags are no longer kept, so the id class refuses every one of them by itself."""
    joiners = [chr(c) for low, high in _JOINERS for c in range(low, high + 1)]
    selectors = [chr(c) for low, high in _SELECTORS for c in range(low, high + 1)]
    assert _KEPT_IN_ID == _JOINERS + _SELECTORS
    for character in joiners + selectors:
        assert is_blank(character)
        assert id_problem(character + "acme") is not None, ascii(character)
        assert id_problem("\u2714" + character + "\u2714") is None, ascii(character)
    for character in joiners:
        assert id_problem("acme" + character) is not None, ascii(character)
    for character in selectors:
        assert id_problem("acme" + character) is not None, ascii(character)
        assert id_problem("acme " + character + "x") is not None, ascii(character)
    tags = "".join(chr(c) for c in range(0xE0020, 0xE0080))
    assert {ord(found.group()) for found in _UNSEEN_IN_ID.finditer(tags)} == set(map(ord, tags))


_HISTORY = (
    '"Date","Ref ID","Type","Description","Agency","Freelancer","Team","Account Name","PO",'
    '"Amount","Amount in local currency","Currency","Balance"\n'
    '"Jan 10, 2023","900002","Fixed Price","Milestone 2","","A","Northwind","A","",'
    '"{amount}","{amount}","USD","{balance}"\n'
    '"Jan 09, 2023","900001","Fixed Price","Milestone 1","","A","Northwind","A","",'
    '"300.00","300.00","USD","300.00"\n'
)
_WEEKLY = (
    '"Date","Contract","Hours","Amount","Payment type"\n'
    '"2024-09-02","API integration (38100001)","2.5","{amount}",""\n'
)


@pytest.mark.parametrize("export", [_HISTORY, _WEEKLY], ids=["history", "weekly"])
@pytest.mark.parametrize("amount", ["-0.00", "-62.50"])
def test_a_negative_income_row_is_noted_and_refused_by_its_line(export: str, amount: str) -> None:
    balance = Decimal("300.00") + Decimal(amount)
    statement = statements.parse(export.format(amount=amount, balance=balance))
    row = next(row for row in statement.transactions if row.line == 2)
    assert str(row.amount.amount) == amount  # kept as written
    assert row.is_income
    assert row.signed_against_kind is True
    notes = [note for note in statements.summarize(statement).notes if "signed the other" in note]
    assert len(notes) == 1
    assert f"line 2: '{row.type_text}' USD {amount}" in notes[0]
    # A -0.00 row moves no total; the note says so rather than that it lowers one.
    zero = amount == "-0.00"
    assert ("changes no total" in notes[0]) is zero
    assert ("against its column" in notes[0]) is not zero
    with pytest.raises(InvalidValueError) as caught:
        statements.to_contracts(statement)
    assert (caught.value.field, caught.value.rule) == ("statement", "no negative income rows")
    assert f"line 2 ({row.type_text or row.kind.value} USD {amount})" in str(caught.value)


@pytest.mark.parametrize("export", [_HISTORY, _WEEKLY], ids=["history", "weekly"])
def test_an_income_row_of_zero_is_not_signed_the_other_way(export: str) -> None:
    statement = statements.parse(export.format(amount="0.00", balance="300.00"))
    row = next(row for row in statement.transactions if row.line == 2)
    assert row.signed_against_kind is False
    assert not [n for n in statements.summarize(statement).notes if "signed the other" in n]
    assert statements.to_contracts(statement)


_LOOKALIKES = ["\u2043", "\u06d4", "\uff70", "\u30fc", "\u2500", "\u2cba", "\u16ed", "[", "{", "]"]


@pytest.mark.parametrize("character", _LOOKALIKES)
def test_a_fill_that_reads_as_a_sign_is_refused(character: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        format(Money("5.00", "USD"), f"{character}>8.2f")
    assert caught.value.rule == "a Decimal format spec that shows the amount as it is"


@pytest.mark.parametrize("character", _LOOKALIKES)
def test_a_prefix_that_reads_as_a_sign_is_refused(character: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Money("5.00", "USD").format(locale="ur_PK", format=f"'{character}'#,##0.00")
    assert (caught.value.field, caught.value.rule) == (
        "format",
        "a babel number pattern that shows the amount as it is",
    )


@pytest.mark.parametrize("character", ["*", "_", "#", " ", "x", "\u0631"])
def test_text_beside_the_amount_is_still_kept(character: str) -> None:
    money = Money("5.00", "USD")
    assert format(money, f"{character}>6.2f") == f"{character * 2}5.00"
    assert money.format(locale="en_US", format=f"'{character}'0.00") == f"{character}5.00"


@pytest.mark.parametrize(
    "pattern",
    ["#,##0.00' \u0631\u0648\u067e\u06d2\u06d4'", "'[PKR] '#,##0.00", "#,##0.00' rupees [approx]'"],
)
def test_a_bracket_or_look_alike_away_from_the_digits_is_text(pattern: str) -> None:
    """Diff review r41, 3: an Urdu suffix ending in its full stop, or a bracketed currency name
    with a space before the digits, shows the amount as it is; 0.2.0 took them."""
    shown = Money("5.00", "USD").format(locale="en_US", format=pattern)
    assert shown.startswith(("5.00", "[PKR] 5.00"))


@pytest.mark.parametrize("pattern", ["'[PKR]'#,##0.00", "#,##0.00'\u06d4'", "'\u2043'#,##0.00"])
def test_a_bracket_or_look_alike_touching_the_digits_is_refused(pattern: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Money("5.00", "USD").format(locale="en_US", format=pattern)
    assert caught.value.field == "format"


@pytest.mark.parametrize("fill", ["\u0096", "\u2028", "\u2029", "\x07"])
def test_a_control_or_line_separator_fill_is_refused(fill: str) -> None:
    """Second red team r41, 4: U+0096 shows as a dash in Windows-1252, a line separator breaks
    the amount; each reader shows them its own way."""
    with pytest.raises(InvalidValueError) as caught:
        format(Money("5.00", "USD"), f"{fill}>7.2f")
    assert caught.value.field == "format_spec"
