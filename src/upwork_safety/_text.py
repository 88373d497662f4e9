"""The library's rules for free text (private).

Three rules, each written once: a text holds at most :data:`MAX_TEXT_CHARS`
characters (:func:`fits`, refused by :func:`long_text`), it is text UTF-8
can hold (:func:`unicode_text`, refused by :func:`not_unicode`), and it is
blank when it shows nothing (:func:`is_blank`: an id, a memo, evidence).  Every text
validator (``_validate``), ``ExchangeRate.source`` (``_money_fields``), the
rule sets' names and the checks (``checks._normalise``) call these; nothing
else compares a text's length with the limit.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NoReturn

from upwork_safety.errors import InvalidValueError

#: The most characters one text in the library holds or reads: a free-text
#: field of a value (a contract's id, a milestone's title, a time entry's
#: memo, an exchange rate's source, ...) and a text the checks read (a
#: message).  A library limit, not a platform rule (review r25 hostile H9: a
#: 10 MB source made a 10 MB repr).  Read it as
#: ``upwork_safety.checks.MAX_TEXT_CHARS``.
MAX_TEXT_CHARS = 100_000


def fits(value: str) -> bool:
    """Whether the text *value* is at most :data:`MAX_TEXT_CHARS` characters long.

    Its length is ``str``'s own: a subclass's ``__len__`` cannot answer for it
    (a text of 98 million characters that said 1 was scanned to exhaustion:
    review r29, hostile 7).
    """
    return str.__len__(value) <= MAX_TEXT_CHARS


def long_text(value: str, name: str, *, what: str = "", fix: str = "") -> None:
    """Refuse the text *name* unless it :func:`fits`.

    The message says *what* the text is (else its field, *name*) and, when
    given, how to *fix* it (the checks: "check each message on its own").
    """
    if not fits(value):
        raise InvalidValueError(
            f"{what or name} is {str.__len__(value):,} characters long; the library reads at most "
            f"{MAX_TEXT_CHARS:,} in one text (its own limit, not a platform rule)"
            + (f": {fix}" if fix else ""),
            field=name,
            rule=f"at most {MAX_TEXT_CHARS:,} characters",
        )


def unicode_text(value: str) -> bool:
    """Whether *value* is text UTF-8 can hold (no lone surrogate such as U+D800)."""
    # str's own methods: a subclass cannot answer for itself.
    if str.isascii(value):
        return True
    try:
        str.encode(value, "utf-8")
    except UnicodeEncodeError:
        return False
    return True


def not_unicode(name: str) -> NoReturn:
    """Refuse the text field *name* for holding a lone surrogate."""
    raise InvalidValueError(
        f"{name} holds a lone surrogate (e.g. '\\ud800'), which no UTF-8 text, JSON file or "
        "terminal can hold",
        field=name,
        rule="valid Unicode text",
    )


#: Unicode's Default_Ignorable_Code_Point, as inclusive ranges of code points:
#: the characters a renderer shows nothing for (zero-width spaces and joiners,
#: bidi marks, the soft hyphen, the combining grapheme joiner, variation
#: selectors, Hangul fillers, tags).  Copied from the ranges listed under
#: "Derived Property: Default_Ignorable_Code_Point" in the Unicode Character
#: Database's DerivedCoreProperties.txt (Unicode 15.1 and 16.0; 4174 code
#: points), which derives it as Other_Default_Ignorable_Code_Point + Cf +
#: Variation_Selector - White_Space - FFF9..FFFB - 13430..1343F -
#: Prepended_Concatenation_Mark.  The visible format characters (the Arabic
#: number signs U+0600..0605, END OF AYAH U+06DD, U+070F, U+0890..0891,
#: U+08E2, U+110BD, U+110CD) are the Prepended_Concatenation_Mark that the
#: derivation leaves out.  Python's unicodedata has no such property; a test
#: checks the table against its general categories.
_DEFAULT_IGNORABLE: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
#: The one character added to Unicode's list: the blank Braille pattern, a
#: symbol (So) whose glyph is a cell with no dots raised, so it shows nothing
#: wherever it renders; it is the usual way to write an "invisible" name.
_BLANK_SYMBOLS = frozenset("\u2800")


def _ignorable(character: str) -> bool:
    code = ord(character)
    return code >= _DEFAULT_IGNORABLE[0][0] and any(
        low <= code <= high for low, high in _DEFAULT_IGNORABLE
    )


def _shows_something(character: str) -> bool:
    # str.isspace is White_Space plus the separators U+001C..001F, which are
    # controls (Cc) and show nothing either.
    return not (
        character.isspace()
        or unicodedata.category(character) == "Cc"
        or character in _BLANK_SYMBOLS
        or _ignorable(character)
    )


def is_blank(text: str) -> bool:
    """Whether *text* shows nothing: the library's one rule for "blank".

    Text is blank when every character in it (none, for empty text) is one
    of these:

    * white space (Unicode's ``White_Space``, NBSP and U+3000 included);
    * a control character (``Cc``, such as NUL);
    * a default-ignorable code point (Unicode's
      ``Default_Ignorable_Code_Point``: zero-width space and joiners, bidi
      marks, the soft hyphen, the combining grapheme joiner, variation
      selectors, the Hangul fillers);
    * the blank Braille pattern U+2800.

    A format character that shows a glyph (the Arabic number sign U+0600,
    END OF AYAH ``"۝"``) is not blank.  An id, a memo or a message that would
    show as empty counts as none.  Read with ``str``'s own methods: pass a
    plain ``str``.
    """
    return not any(_shows_something(character) for character in text)


#: The rule an identifier breaks when it is not written exactly as it shows
#: (review r39, review 2): :func:`id_field`'s, and ``statements.to_contracts``'s
#: for the cells it makes ids from.
ID_RULE = "no surrounding spaces, line breaks, tabs or invisible characters"


#: The default-ignorable code points (:data:`_DEFAULT_IGNORABLE`) an id keeps on purpose,
#: as inclusive ranges: each changes how the characters around it show, so names and
#: titles hold them (red team r39, hostile2 1): the combining grapheme joiner, the
#: Mongolian free variation selectors, the zero-width non-joiner and joiner (Persian,
#: Sinhala and emoji sequences), the variation selectors (``"✔️"``), the tags of emoji tag
#: sequences (the flags of England, Scotland and Wales; U+E0020..E007F only, not the
#: deprecated LANGUAGE TAG U+E0001) and the ideographic variation selectors.
_KEPT_IN_ID: tuple[tuple[int, int], ...] = (
    (0x034F, 0x034F),
    (0x180B, 0x180D),
    (0x180F, 0x180F),
    (0x200C, 0x200D),
    (0xFE00, 0xFE0F),
    (0xE0020, 0xE007F),
    (0xE0100, 0xE01EF),
)
#: The one format character an id refuses though Unicode leaves it out of
#: Default_Ignorable (so that a renderer without support shows it): the interlinear
#: annotation marks U+FFF9..FFFB, which print nothing where they are supported.
_UNSEEN_FORMAT: tuple[tuple[int, int], ...] = ((0xFFF9, 0xFFFB),)
#: Every code point ``str.isspace`` or the ``Cc`` category holds is below this (a test
#: checks all of Unicode), so the id class reads them from a short scan.
_SPACES_END = 0x3001
#: The last code point of the Basic Multilingual Plane.
_BMP_END = 0xFFFF


def _unseen_in_id(*, wide: bool) -> re.Pattern[str]:
    """:data:`_UNSEEN_IN_ID`, derived from :func:`is_blank`'s own tables (review r40, review 5).

    What shows nothing for :func:`is_blank` (white space and controls,
    :data:`_DEFAULT_IGNORABLE`, :data:`_BLANK_SYMBOLS`), except the ASCII space
    (inside an id, a word gap) and :data:`_KEPT_IN_ID`, and with
    :data:`_UNSEEN_FORMAT`: one character class, built once.  Unless
    *wide*, only its part below U+10000, for text with no character past
    it (the :data:`_UNSEEN_IN_BMP_ID` note says why).
    """
    kept = {code for low, high in _KEPT_IN_ID for code in range(low, high + 1)}
    unseen = {
        code
        for code in range(_SPACES_END)
        if chr(code).isspace() or unicodedata.category(chr(code)) == "Cc"
    }
    unseen |= {ord(character) for character in _BLANK_SYMBOLS}
    for low, high in _DEFAULT_IGNORABLE + _UNSEEN_FORMAT:
        unseen.update(range(low, high + 1))
    unseen -= kept | {ord(" ")}
    if not wide:
        unseen = {code for code in unseen if code <= _BMP_END}
    ranges: list[list[int]] = []
    for code in sorted(unseen):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return re.compile("[" + "".join(f"\\U{low:08X}-\\U{high:08X}" for low, high in ranges) + "]")


#: The characters an id may not hold anywhere (:func:`id_problem`): what a reader cannot see
#: and that changes no letter's shape.  Derived from :func:`is_blank`'s tables, so the two
#: cannot drift (review r40, review 5; red team r40, hostile 3): controls (``Cc``: a tab, a
#: line break, NUL, DEL, the C1 controls), every space but the ASCII one (NBSP, U+3000, the
#: line and paragraph separators), every default-ignorable code point but
#: :data:`_KEPT_IN_ID` (the zero-width space, word joiner and byte order mark, the soft
#: hyphen, the bidi marks, embeddings, overrides and isolates, the Mongolian vowel
#: separator, the Hangul fillers, the Khmer inherent vowels, the musical and shorthand
#: format controls, the unassigned U+2065 and U+FFF0..FFF8, the tags outside emoji
#: sequences), the blank Braille pattern, and the interlinear annotation marks
#: (:data:`_UNSEEN_FORMAT`).  Not refused: what :data:`_KEPT_IN_ID` keeps, and a format
#: character that shows a glyph (the Arabic number sign, END OF AYAH); red team r39,
#: hostile2 1 and 6.  One class, searched by the regular expression engine, so a long id
#: costs no Python loop (hostile2 2).
_UNSEEN_IN_ID = _unseen_in_id(wide=True)
#: :data:`_UNSEEN_IN_ID` below U+10000, searched in an id with no character past it (most
#: are).  The regular expression engine reads a class's part below U+10000 from one
#: bitmap but tries each range past it in turn, for every character: the five ranges of
#: the whole class made 10 MB of Arabic ids take 0.9 s instead of 0.1 s (review r40).
_UNSEEN_IN_BMP_ID = _unseen_in_id(wide=False)


def id_problem(value: str) -> str | None:
    """Why *value* (a plain ``str``, not blank) is no identifier as written, or ``None``.

    An id is compared as written (``"acme"`` and ``"acme "`` are two
    clients), so text a copy or a CSV cell adds unseen is refused, never
    stripped: white space at either end, and anywhere one of
    :data:`_UNSEEN_IN_ID` (a tab, a line break, a control, NBSP or another
    space than the ASCII one, a zero-width space, a bidi mark).  Spaces
    inside are kept, and so is what real names and titles hold: the
    zero-width joiners of Persian, Sinhala and emoji, variation selectors
    (``"✔️"``), and a format character that shows a glyph.
    """
    if value != value.strip():
        return "has white space at the start or end"
    # UTF-16 writes two units for a character past U+FFFF: a fast test for one.
    wide = len(str.encode(value, "utf-16-le", "surrogatepass")) != 2 * str.__len__(value)
    found = (_UNSEEN_IN_ID if wide else _UNSEEN_IN_BMP_ID).search(value)
    if found is None:
        return None
    index, character = found.start(), found.group()
    return f"has the unseen character U+{ord(character):04X} at index {index}"
