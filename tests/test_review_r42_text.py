"""Review r42: money text and ids (red team r42, hostile 1, 2 and 5).

* hostile 1: a character that draws nothing (a zero-width space, a word
  joiner, a soft hyphen...) between a separator or a sign look-alike and the
  digits separates nothing: the touching character is read past it, so
  ``"'Rs.\\u200b'0.00"`` is refused as ``"'Rs.'0.00"`` is.  A combining mark
  at the start of a suffix, or as a fill, draws on the digits and is refused.
* hostile 5: a separator is matched as a sign look-alike is: Unicode's
  confusables rows for the separators' prototypes, and any compatibility
  form (NFKC) of one (U+0387 is canonically U+00B7; U+FF0E is ``.``).
* hostile 2: an id keeps a tag sequence only where it is drawn (the three RGI
  subdivision flags) and a variation selector after ``0-9#*`` only in a
  keycap (before U+20E3).
"""

from __future__ import annotations

import sys
import unicodedata

import pytest

from upwork_safety import Client, Money
from upwork_safety._money_text import _SEPARATOR_LOOKALIKES, _SEPARATORS
from upwork_safety._text import ID_RULE, draws_nothing, id_problem
from upwork_safety.errors import InvalidValueError

_MONEY = Money("5.00", "USD")
_PATTERN_RULE = ("format", "a babel number pattern that shows the amount as it is")
_SPEC_RULE = ("format_spec", "a Decimal format spec that shows the amount as it is")
_UNSEEN = ["\u200b", "\u2060", "\u00ad", "\u034f", "\ufeff", "\u200d", "\U000e0041", "\ufff9"]


def _pattern_refused(pattern: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        _MONEY.format(locale="en_US", format=pattern)
    assert (caught.value.field, caught.value.rule) == _PATTERN_RULE


def _fill_refused(fill: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        format(_MONEY, f"{fill}>8.2f")
    assert (caught.value.field, caught.value.rule) == _SPEC_RULE


@pytest.mark.parametrize("unseen", _UNSEEN)
@pytest.mark.parametrize(
    "pattern",
    [
        "'Rs.{}'0.00",
        "'\u30fc{}'0.00",
        "'\u2500{}'0.00",
        "0.00'{}\u06d4'",
        "0.00'{}, USD'",
        "'[{}'0.00",
    ],
)
def test_an_invisible_character_between_a_look_alike_and_the_digits_separates_nothing(
    unseen: str, pattern: str
) -> None:
    """The report's cases: each shows as ``Rs.5.00``, ``ー5.00``, ``─5.00``, ``5.00۔``."""
    assert draws_nothing(unseen)
    _pattern_refused(pattern.format(unseen))
    _pattern_refused(pattern.format(unseen * 3))


@pytest.mark.parametrize("pattern", ["0.00'\u0323 USD'", "0.00'\u20e3'", "'Rs.\u0301'0.00"])
def test_a_combining_mark_beside_the_digits_is_refused(pattern: str) -> None:
    """A mark at a suffix's start draws on the last digit (a dot below it reads as a point);
    at a prefix's end it draws on the prefix's own last character, here the separator."""
    _pattern_refused(pattern)


@pytest.mark.parametrize("fill", ["\u0323", "\u20e3", "\u0301"])
def test_a_combining_mark_fill_is_refused(fill: str) -> None:
    _fill_refused(fill)


@pytest.mark.parametrize(
    ("pattern", "shown"),
    [
        ("'Rs. \u200b'0.00", "Rs. \u200b5.00"),  # the space separates
        ("'Rs\u0301 '0.00", "Rs\u0301 5.00"),  # a mark on a letter, away from the digits
        ("'\u200f'#,##0.00' \u0631'", "\u200f5.00 \u0631"),  # a locale's own RLM, as ar's
        (
            "0.00' \u0631\u0648\u067e\u06d2\u200b\u06d4'",
            "5.00 \u0631\u0648\u067e\u06d2\u200b\u06d4",
        ),
    ],
)
def test_text_with_invisible_characters_away_from_the_digits_is_kept(
    pattern: str, shown: str
) -> None:
    assert _MONEY.format(locale="en_US", format=pattern) == shown


@pytest.mark.parametrize("locale", ["ar_EG", "ar_TN", "fa_IR", "ur_PK", "he_IL"])
def test_a_locales_own_pattern_is_still_taken(locale: str) -> None:
    """Arabic and Persian patterns hold RLM, ALM or LRM touching the digits (CLDR)."""
    from babel import Locale

    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    assert _MONEY.format(locale=locale, format=pattern) == _MONEY.format(locale=locale)


@pytest.mark.parametrize("fill", ["\u200b", "\u2060"])
def test_a_fill_that_draws_nothing_pads_with_nothing_that_reads_as_the_amount(fill: str) -> None:
    """Decided, not refused: an invisible fill touches the digits with nothing."""
    assert format(_MONEY, f"{fill}>6.2f") == f"{fill * 2}5.00"


_DOT_AND_COMMA_LIKES = [
    "\u0387",  # GREEK ANO TELEIA, canonically U+00B7
    "\uff0e",  # FULLWIDTH FULL STOP (NFKC ".")
    "\u2024",  # ONE DOT LEADER (confusables and NFKC ".")
    "\ufe52",  # SMALL FULL STOP (NFKC ".")
    "\uff0c",  # FULLWIDTH COMMA (NFKC ",")
    "\ufe50",  # SMALL COMMA (NFKC ",")
    "\u060c",  # ARABIC COMMA, the prototype of U+066C
    "\u2027",  # HYPHENATION POINT
    "\u2219",  # BULLET OPERATOR
    "\u22c5",  # DOT OPERATOR
    "\ua4f8",  # LISU LETTER TONE MYA TI, drawn as "."
    "\uff07",  # FULLWIDTH APOSTROPHE
]


@pytest.mark.parametrize("character", _DOT_AND_COMMA_LIKES)
def test_a_separator_look_alike_is_refused_as_a_fill_and_touching_the_digits(
    character: str,
) -> None:
    _fill_refused(character)
    _pattern_refused(f"'Rs{character}'0.00")
    _pattern_refused(f"0.00'{character} USD'")


@pytest.mark.parametrize("character", _DOT_AND_COMMA_LIKES)
def test_a_separator_look_alike_away_from_the_digits_is_text(character: str) -> None:
    assert _MONEY.format(locale="en_US", format=f"'Rs{character} '0.00") == f"Rs{character} 5.00"


def test_every_compatibility_form_of_a_separator_or_look_alike_is_refused_as_a_fill() -> None:
    """One rule for signs and separators: the table, and NFKC of it, over all of Unicode."""
    table = _SEPARATORS | _SEPARATOR_LOOKALIKES
    forms = [
        chr(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) not in {"Cs", "Cn"}
        and (chr(code) in table or unicodedata.normalize("NFKC", chr(code)) in table)
    ]
    assert len(forms) > len(table)
    for character in forms:
        _fill_refused(character)


def test_the_look_alike_table_holds_no_digit_and_no_separator_twice() -> None:
    assert not any(character.isnumeric() for character in _SEPARATOR_LOOKALIKES)
    assert not _SEPARATOR_LOOKALIKES & _SEPARATORS


def _tags(text: str) -> str:
    return "".join(chr(0xE0000 + ord(character)) for character in text) + "\U000e007f"


_FLAG = "\U0001f3f4"


@pytest.mark.parametrize(
    "text",
    [
        "acme" + _FLAG + _tags("x" * 500),  # the report's case: prints as "acme🏴"
        "acme" + _FLAG + _tags("xyz"),
        "acme" + _FLAG + _tags("usca"),  # a subdivision id's shape, but not drawn
        _FLAG + _tags("gbeng") + _tags("gbsct"),  # a second sequence with no base
        _FLAG + _tags("GBENG"),  # capital tags: no subdivision id
        "acme1\ufe0f",
        "acme1\ufe0e",
        "acme#\ufe0f",
        "*\ufe0f",
        "1\ufe0f x",
        "1\ufe0f\ufe0f\u20e3",
        "#\ufe0e\u20e3",  # a text-style selector: no keycap sequence, drawn as "#\u20e3"
    ],
)
def test_an_id_refuses_tags_and_selectors_that_are_not_drawn(text: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        Client(text)
    assert (caught.value.field, caught.value.rule) == ("Client.id", ID_RULE)


@pytest.mark.parametrize(
    "text",
    [
        "acme" + _FLAG,
        "acme" + _FLAG + _tags("gbeng"),
        _FLAG + _tags("gbsct") + " team",
        "Wales " + _FLAG + _tags("gbwls"),
        "acme1",
        "1\ufe0f\u20e3 Keycap",
        "*\ufe0f\u20e3",
        "1\u20e3",
        "Logo \u2714\ufe0f",
    ],
)
def test_an_id_keeps_the_drawn_flags_and_keycaps(text: str) -> None:
    assert id_problem(text) is None
    assert Client(text).id == text
