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


def draws_nothing(character: str) -> bool:
    """Whether *character* draws no glyph of its own, wherever it stands.

    A default-ignorable code point (:data:`_DEFAULT_IGNORABLE`: a zero-width
    space or joiner, a bidi mark, the soft hyphen, the combining grapheme
    joiner, a variation selector, a tag) or an interlinear annotation mark
    (:data:`_UNSEEN_FORMAT`): what an id calls unseen, spaces and controls
    aside.  ``Money.format`` reads past these to find the character that
    touches the digits (red team r42, hostile 1).
    """
    code = ord(character)
    return _ignorable(character) or any(low <= code <= high for low, high in _UNSEEN_FORMAT)


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


#: The joiners an id keeps between two characters (:data:`_KEPT_IN_ID`): the combining
#: grapheme joiner and the zero-width non-joiner and joiner.  Each joins (or keeps apart)
#: the characters on either side, so at an id's start or end it does nothing and is refused
#: there (red team r41, hostile 2).
_JOINERS: tuple[tuple[int, int], ...] = ((0x034F, 0x034F), (0x200C, 0x200D))
#: The variation selectors an id keeps after the character they vary (:data:`_KEPT_IN_ID`):
#: the Mongolian free variation selectors, VS1..VS16 (``"✔️"``, a keycap's ``"1️⃣"``) and
#: the ideographic variation selectors.  One varies the character before it, so an id may
#: not start with one, nor hold one after a space, another kept invisible character, or an
#: ASCII character outside a keycap (:data:`_ASCII_VARIED`).
_SELECTORS: tuple[tuple[int, int], ...] = (
    (0x180B, 0x180D),
    (0x180F, 0x180F),
    (0xFE00, 0xFE0F),
    (0xE0100, 0xE01EF),
)
#: The ASCII characters a variation sequence starts with: the keycap bases ``0-9 # *``
#: (emoji-variation-sequences.txt, with U+FE0E and U+FE0F).  An id keeps a selector after
#: one only inside a keycap (:data:`_KEYCAP_AFTER_BASE`): no font draws a bare ``"1"`` + U+FE0F
#: otherwise than ``"1"`` (red team r42, hostile 2), and the digit zero's short diagonal
#: stroke form (``0`` U+FE00, StandardizedVariants.txt) is drawn by few.  After any other
#: ASCII character (``"acme"`` + U+FE0F) a variation selector varies nothing either.
_ASCII_VARIED = "0123456789#*"
#: A keycap sequence (UTS #51, emoji_keycap_sequence: the RGI keycaps) after its base
#: (:data:`_ASCII_VARIED`): U+FE0F and U+20E3 COMBINING ENCLOSING KEYCAP, which draws the
#: key.  The text-style U+FE0E before it is no keycap sequence and draws the same key.
_KEYCAP_AFTER_BASE = "\ufe0f\u20e3"
#: The default-ignorable code points (:data:`_DEFAULT_IGNORABLE`) an id keeps on purpose,
#: as inclusive ranges: each changes how the characters around it show, so names and
#: titles hold them (red team r39, hostile2 1): :data:`_JOINERS` (Persian, Sinhala and
#: emoji sequences) between two characters and :data:`_SELECTORS` after the character
#: they vary.  The tags U+E0020..E007F are not among them: an id keeps them only inside an
#: emoji tag sequence (:data:`_TAG_SEQUENCE`, the flags of England, Scotland and Wales),
#: and anywhere else they are text that shows nothing, a hidden message (red team r41,
#: hostile 2).
_KEPT_IN_ID: tuple[tuple[int, int], ...] = _JOINERS + _SELECTORS
#: The emoji tag sequences an id keeps: the RGI ones (emoji-sequences.txt, "RGI_Emoji_Tag_
#: Sequence": the flags of England ``gbeng``, Scotland ``gbsct`` and Wales ``gbwls``),
#: each the tag base U+1F3F4 WAVING BLACK FLAG, the subdivision id in tags U+E0061..E007A,
#: and CANCEL TAG U+E007F (UTS #51, ED-14a).  Any other sequence, even one of a
#: subdivision id's shape (``"usca"``), is drawn as the bare black flag with its tags
#: unseen (UTS #51, 2.3.1), so ``"acme"`` + U+1F3F4 with 500 tags after it would print as
#: ``"acme"`` + U+1F3F4 and be another id (red team r42, hostile 2).
_RGI_SUBDIVISIONS = ("gbeng", "gbsct", "gbwls")
_TAG_SEQUENCE = (
    "\U0001f3f4(?:"
    + "|".join("".join(chr(0xE0000 + ord(letter)) for letter in flag) for flag in _RGI_SUBDIVISIONS)
    + ")\U000e007f"
)


def _class(codes: set[int]) -> str:
    """A regular expression class of the code points *codes*, as ranges."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(f"\\U{low:08X}-\\U{high:08X}" for low, high in ranges) + "]"


def _codes(ranges: tuple[tuple[int, int], ...]) -> set[int]:
    return {code for low, high in ranges for code in range(low, high + 1)}


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
    kept = _codes(_KEPT_IN_ID)
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
    return re.compile(_class(unseen))


#: The characters an id may not hold anywhere (:func:`id_problem`): what a reader cannot see
#: and that changes no letter's shape.  Derived from :func:`is_blank`'s tables, so the two
#: cannot drift (review r40, review 5; red team r40, hostile 3): controls (``Cc``: a tab, a
#: line break, NUL, DEL, the C1 controls), every space but the ASCII one (NBSP, U+3000, the
#: line and paragraph separators), every default-ignorable code point but
#: :data:`_KEPT_IN_ID` (the zero-width space, word joiner and byte order mark, the soft
#: hyphen, the bidi marks, embeddings, overrides and isolates, the Mongolian vowel
#: separator, the Hangul fillers, the Khmer inherent vowels, the musical and shorthand
#: format controls, the unassigned U+2065 and U+FFF0..FFF8, the tags, which
#: :func:`id_problem` passes over only inside an emoji tag sequence), the blank Braille
#: pattern, and the interlinear annotation marks (:data:`_UNSEEN_FORMAT`).  Not refused:
#: what :data:`_KEPT_IN_ID` keeps (where it changes something: :func:`_misplaced`), and a
#: format character that shows a glyph (the Arabic number sign, END OF AYAH); red team
#: r39, hostile2 1 and 6.  One class, searched by the regular expression engine, so a long
#: id costs no Python loop (hostile2 2).
_UNSEEN_IN_ID = _unseen_in_id(wide=True)
#: :data:`_UNSEEN_IN_ID` below U+10000, searched in an id with no character past it (most
#: are).  The regular expression engine reads a class's part below U+10000 from one
#: bitmap but tries each range past it in turn, for every character: the five ranges of
#: the whole class made 10 MB of Arabic ids take 0.9 s instead of 0.1 s (review r40).
_UNSEEN_IN_BMP_ID = _unseen_in_id(wide=False)


#: :data:`_JOINERS`, :data:`_SELECTORS` (and those below U+10000) as classes.
_JOINER = re.compile(_class(_codes(_JOINERS)))
_SELECTOR = re.compile(_class(_codes(_SELECTORS)))
_SELECTOR_IN_BMP = re.compile(_class({code for code in _codes(_SELECTORS) if code <= _BMP_END}))
#: What a variation selector may not follow: a kept character, or an ASCII one (the
#: space and controls included) but a keycap base (:data:`_ASCII_VARIED`).
_NOT_VARIED = _codes(_KEPT_IN_ID) | {code for code in range(0x80) if chr(code) not in _ASCII_VARIED}
#: A variation selector where it varies nothing (red team r41, hostile 2): at an id's start,
#: or after a space, another kept character, or an ASCII character with no variation
#: sequence; or after a keycap base but not in a keycap (:data:`_KEYCAP_AFTER_BASE`;
#: red team r42, hostile 2).  Searched only in an id that holds a selector.
_UNVARYING = re.compile(
    f"(?:\\A|(?<={_class(_NOT_VARIED)})){_SELECTOR.pattern}"
    f"|(?<=[{re.escape(_ASCII_VARIED)}])(?!{_KEYCAP_AFTER_BASE}){_SELECTOR.pattern}"
)
#: The tags, which an id keeps only in an emoji tag sequence (:data:`_TAG_SEQUENCE`).
_TAGS = range(0xE0020, 0xE0080)
_TAG_SEQUENCE_HERE = re.compile(_TAG_SEQUENCE)


def _unseen(value: str, *, wide: bool) -> re.Match[str] | None:
    """The first character of *value* an id refuses anywhere, or ``None``.

    One of :data:`_UNSEEN_IN_ID` (only :data:`_UNSEEN_IN_BMP_ID` unless
    *wide*), but the tags of an emoji tag sequence (:data:`_TAG_SEQUENCE`).
    """
    if not wide:
        return _UNSEEN_IN_BMP_ID.search(value)
    found = _UNSEEN_IN_ID.search(value)
    while found is not None and ord(found.group()) in _TAGS:
        # A sequence's first tag follows its base: read the sequence whole from there.
        whole = _TAG_SEQUENCE_HERE.match(value, found.start() - 1) if found.start() else None
        if whole is None:
            return found
        found = _UNSEEN_IN_ID.search(value, whole.end())
    return found


def _misplaced(value: str, *, wide: bool) -> str:
    """Where a kept character of *value* changes nothing (red team r41, hostile 2), or ``""``.

    A joiner (:data:`_JOINERS`) at an id's start or end, which has no
    character on one side to join; a variation selector (:data:`_SELECTORS`)
    where :data:`_UNVARYING` finds one.
    """
    for index in (0, len(value) - 1):
        if _JOINER.fullmatch(value[index]):
            return (
                f"has the joiner U+{ord(value[index]):04X} at index {index}, where it joins nothing"
            )
    if (_SELECTOR if wide else _SELECTOR_IN_BMP).search(value) is None:
        return ""
    found = _UNVARYING.search(value)
    if found is None:
        return ""
    return (
        f"has the variation selector U+{ord(found.group()):04X} at index {found.start()}, "
        "where it varies nothing"
    )


def id_problem(value: str) -> str | None:
    """Why *value* (a plain ``str``, not blank) is no identifier as written, or ``None``.

    An id is compared as written (``"acme"`` and ``"acme "`` are two
    clients), so text a copy or a CSV cell adds unseen is refused, never
    stripped: white space at either end, and anywhere one of
    :data:`_UNSEEN_IN_ID` (a tab, a line break, a control, NBSP or another
    space than the ASCII one, a zero-width space, a bidi mark, a tag
    character outside an emoji tag sequence).  Spaces inside are kept, and
    so is what real names and titles hold, where it changes how they show:
    the zero-width joiners of Persian, Sinhala and emoji between two
    characters, a variation selector after the character it varies
    (``"✔️"``; not at the start, nor after a space or an ASCII character,
    but in a keycap such as ``"1️⃣"``), the three emoji tag sequences that are
    drawn (the flags of England, Scotland and Wales; any other shows as a
    bare black flag: red team r42, hostile 2), and a format character that
    shows a glyph (red team r41, hostile 2: :func:`_misplaced`).
    """
    if value != value.strip():
        return "has white space at the start or end"
    # UTF-16 writes two units for a character past U+FFFF: a fast test for one.
    wide = len(str.encode(value, "utf-16-le", "surrogatepass")) != 2 * str.__len__(value)
    found = _unseen(value, wide=wide)
    if found is not None:
        index, character = found.start(), found.group()
        return f"has the unseen character U+{ord(character):04X} at index {index}"
    return _misplaced(value, wide=wide) or None
