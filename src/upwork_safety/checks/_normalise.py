"""Message text in the one form the scanner reads, with a map back to the original offsets.

:func:`normalise` turns a message into lower-case, single-spaced text in
four passes (five when it holds a right-to-left override), each an
:class:`_Edited` text that remembers where every piece came from, so a
finding's evidence span points into the message exactly as the user wrote
it:

0. **Display order.**  Only when the message holds a right-to-left override
   (U+202E): the run after it, up to the next pop (U+202C) or the end of the
   paragraph, is read in both orders, as typed and then as a screen shows
   it, so ``"via \u202elaPyaP\u202c"`` reads as "via lapyap paypal" and
   ``"What\u202esApp now"`` still as "whatsapp now ..." (red team r25 H2).
   Letters of right-to-left scripts in the run keep their order, as a reader
   of that script reads them.
1. **Characters.**  NFKD compatibility folding (full-width and styled
   letters, ligatures), accents and other combining marks dropped, format
   characters dropped (zero-width spaces and joiners, soft hyphens, bidi
   controls), case folded, look-alike letters from other scripts mapped to
   the Latin letter they imitate (Cyrillic ``а``, Greek ``ο``...), curly
   apostrophes straightened.
2. **Spaces.**  Runs of white space become one space, or one newline when
   they hold a line break that may end a sentence; leading and trailing
   space goes.  A line break inside a sentence is a space (chat apps wrap
   lines as people type, "pay you" and "via PayPal" on two lines): after a
   comma, or between two words when the line cannot end with the one before
   or the next cannot start with the one after (:func:`._lines.mid_sentence`).
   A break that may wrap a sentence or end it (one break between two words,
   no punctuation at it, a small letter after it: "your bank" then "account
   details") is a newline, or a space when read with *join_wrapped*
   (:attr:`Normalised.wrapped`).
3. **Disguised words.**  A channel or payment name spelled out or broken up
   (``t.e.l.e.g.r.a.m``, ``w h a t s a p p``, ``what's app``, ``pay pal``,
   ``wh4tsapp``, ``sk!pe``) becomes the plain word.
4. **Spelling variants.**  Roman-Urdu spellings (``kardein`` / ``kar den``
   → ``kar dein``, ``pese`` → ``paise``, ``bahir`` → ``bahar``, ``bhaij`` →
   ``bhej``...) and chat shorthand (``plz``, ``u``, ``ur``, ``msg``) become
   one spelling, and ``no.`` after a contact word becomes ``number``.

Every pass is one left-to-right scan with bounded look-ahead, so the cost
is linear in the length of the message.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from typing import TYPE_CHECKING

from upwork_safety import _text
from upwork_safety._text import long_text
from upwork_safety._validate import text_value
from upwork_safety.checks._lines import LINE_BREAK, cased_as_wrapped, mid_sentence, wrapped

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

#: Upper-case ASCII to lower case, and the backtick people type for an apostrophe.
_ASCII_FOLD = str.maketrans(
    {**{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}, "`": "'"}
)
#: Curly quotes and primes people type for an apostrophe.
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u00b4": "'"})
#: Letters of other scripts that look like a Latin letter, after case folding.
_CONFUSABLES = {
    # Cyrillic
    "\u0430": "a",
    "\u0432": "b",
    "\u0435": "e",
    "\u0451": "e",
    "\u043a": "k",
    "\u043c": "m",
    "\u043d": "h",
    "\u043e": "o",
    "\u0440": "p",
    "\u0441": "c",
    "\u0442": "t",
    "\u0443": "y",
    "\u0445": "x",
    "\u0455": "s",
    "\u0456": "i",
    "\u0457": "i",
    "\u0458": "j",
    "\u04bb": "h",
    "\u0501": "d",
    "\u051b": "q",
    "\u051d": "w",
    "\u04af": "y",
    "\u04cf": "l",
    # Greek
    "\u03b1": "a",
    "\u03b5": "e",
    "\u03b9": "i",
    "\u03ba": "k",
    "\u03bd": "v",
    "\u03bf": "o",
    "\u03c1": "p",
    "\u03c4": "t",
    "\u03c5": "u",
    "\u03c7": "x",
    # Latin look-alikes
    "\u0251": "a",
    "\u0261": "g",
    "\u0269": "i",
    "\u0131": "i",
    "\u2113": "l",
}
#: Unicode categories dropped: combining marks and format characters.
_DROPPED = frozenset({"Mn", "Me", "Cf"})
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_SPACE = re.compile(r"\s{2,}|[^\S ]\s*|^\s+|\s+$")


#: A right-to-left override and the run it turns: up to the next pop
#: directional formatting (U+202C, taken with the run, so evidence never holds
#: an override without its end) or paragraph separator (UAX #9, class B).
_OVERRIDDEN = re.compile("\u202e([^\u202c\n\r\x1c-\x1e\x85\u2029]*)\u202c?")
#: The bidi classes of the letters of right-to-left scripts (Arabic, Urdu, Hebrew...).
_RIGHT_TO_LEFT = frozenset({"R", "AL"})


class _Edited:
    """*text*, built from a source text by replacing some stretches of it.

    Knows, for any stretch of *text*, the stretch of the source it came
    from: untouched stretches and same-length replacements map character by
    character; a replacement of another length maps as a whole.
    """

    __slots__ = ("_linear", "_out", "_source_ends", "_source_length", "_sources", "text")

    def __init__(
        self,
        source: str,
        edits: Iterable[tuple[int, int, str]],
        *,
        stands_for: Mapping[int, int] | None = None,
    ) -> None:
        """Apply *edits*, sorted ``(start, end, replacement)`` with no overlap.

        *stands_for* maps an edit's *start* to an earlier source offset: that
        replacement maps as a whole to the source from there (an insertion
        that stands for the text before it, pass 0's shown order of a run).
        """
        parts: list[str] = []
        self._out = array("q")
        self._sources = array("q")
        self._source_ends = array("q")
        self._linear = array("b")
        self._source_length = len(source)
        position = written = 0
        for start, end, replacement in edits:
            if start > position:
                written = self._piece(parts, source[position:start], written, position, start)
            if replacement and stands_for and start in stands_for:
                written = self._piece(parts, replacement, written, stands_for[start], end)
                self._linear[-1] = False  # the whole stretch, never character by character
            elif replacement:
                written = self._piece(parts, replacement, written, start, end)
            position = end
        if position < len(source) or not parts:
            self._piece(parts, source[position:], written, position, len(source))
        self.text = "".join(parts)

    def _piece(self, parts: list[str], text: str, written: int, start: int, end: int) -> int:
        parts.append(text)
        self._out.append(written)
        self._sources.append(start)
        self._source_ends.append(end)
        self._linear.append(len(text) == end - start)
        return written + len(text)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The stretch of the source that ``text[start:end]`` came from."""
        if not self.text:
            return (0, self._source_length)
        first = bisect_right(self._out, min(start, len(self.text) - 1)) - 1
        if self._linear[first]:
            source_start = self._sources[first] + (start - self._out[first])
        else:
            source_start = self._sources[first]
        if end <= start:
            return (source_start, source_start)
        last = bisect_right(self._out, end - 1) - 1
        if self._linear[last]:
            source_end = self._sources[last] + (end - self._out[last])
        else:
            source_end = self._source_ends[last]
        return (source_start, source_end)


def _as_shown(run: str) -> str:
    """*run*, forced right to left by an override, in the left-to-right order a screen shows it.

    The characters come out reversed; a stretch of right-to-left letters is
    kept in its own order (its reader reads it right to left, as written).
    """
    pieces: list[str] = []
    stretch: list[str] = []
    for char in reversed(run):
        if unicodedata.bidirectional(char) in _RIGHT_TO_LEFT:
            stretch.append(char)
            continue
        if stretch:
            pieces.append("".join(reversed(stretch)))
            stretch = []
        pieces.append(char)
    if stretch:
        pieces.append("".join(reversed(stretch)))
    return "".join(pieces)


def _display_order(text: str) -> _Edited:
    """Pass 0: each run after a right-to-left override in both orders (see the module docstring).

    The typed order is left in place, character by character, so it keeps
    what the checks read before (a name split by the override,
    ``What\u202esApp``) and its evidence; the shown order is added after it
    (after the pop, if one), and maps to the whole run.
    """
    edits: list[tuple[int, int, str]] = []
    stands_for: dict[int, int] = {}
    for run in _OVERRIDDEN.finditer(text):
        shown = _as_shown(run[1])
        if shown != run[1]:  # else there is no other order to read
            edits.append((run.end(), run.end(), f" {shown}"))
            stands_for[run.end()] = run.start(1)
    return _Edited(text, edits, stands_for=stands_for)


def _fold_char(char: str) -> str:
    """One character as the scanner reads it (possibly none, or several)."""
    if char in _CONFUSABLES:
        return _CONFUSABLES[char]
    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in _DROPPED)
    folded = kept.casefold().translate(_QUOTES)
    return "".join(_CONFUSABLES.get(c, c) for c in folded)


def _fold(text: str) -> _Edited:
    """Pass 1: ASCII lower case, then every non-ASCII run folded character by character."""
    lowered = text.translate(_ASCII_FOLD)
    seen: dict[str, str] = {}
    edits: list[tuple[int, int, str]] = []
    for run in _NON_ASCII.finditer(lowered):
        same_length: list[str] = []
        since = run.start()
        for index, char in enumerate(run.group(), start=run.start()):
            folded = seen.get(char)
            if folded is None:
                folded = seen[char] = _fold_char(char)
            if len(folded) == 1:
                same_length.append(folded)
                continue
            if same_length:
                edits.append((since, index, "".join(same_length)))
                same_length = []
            edits.append((index, index + 1, folded))
            since = index + 1
        if same_length:
            edits.append((since, run.end(), "".join(same_length)))
    return _Edited(lowered, edits)


def _spaces(text: str, found: list[tuple[int, int]], join: frozenset[int]) -> _Edited:
    """Pass 2: one space (or one newline) per run of white space; none at the ends.

    The line breaks that may wrap a sentence (:func:`._lines.wrapped`) go to
    *found*; those starting at an offset in *join* are read as spaces.
    """
    edits = []
    for run in _SPACE.finditer(text):
        start, end = run.span()
        if start == 0 or end == len(text):
            replacement = ""
        elif LINE_BREAK.search(run.group()) and not mid_sentence(text, start, end):
            replacement = "\n"
            if wrapped(text, start, end):
                found.append((start, end))
                replacement = " " if start in join else replacement
        else:
            replacement = " "
        if run.group() != replacement:
            edits.append((start, end, replacement))
    return _Edited(text, edits)


# ----------------------------------------------------------------- pass 3: disguised words

#: Names worth un-disguising, as the plain word they are written for.
_DISGUISED = {
    "whatsapp": "whatsapp",
    "whatsap": "whatsapp",
    "watsapp": "whatsapp",
    "watsap": "whatsapp",
    "whatapp": "whatsapp",
    "telegram": "telegram",
    "skype": "skype",
    "skipe": "skype",
    "discord": "discord",
    "signal": "signal",
    "wechat": "wechat",
    "viber": "viber",
    "instagram": "instagram",
    "facebook": "facebook",
    "messenger": "messenger",
    "linkedin": "linkedin",
    "paypal": "paypal",
    "payoneer": "payoneer",
    "jazzcash": "jazzcash",
    "easypaisa": "easypaisa",
    "sadapay": "sadapay",
    "nayapay": "nayapay",
    "cashapp": "cash app",
    "venmo": "venmo",
    "zelle": "zelle",
    "bitcoin": "bitcoin",
    "usdt": "usdt",
    "crypto": "crypto",
    "gmail": "gmail",
    "hotmail": "hotmail",
    "yahoo": "yahoo",
    "outlook": "outlook",
    "email": "email",
    "number": "number",
    "phone": "phone",
}
#: Two ordinary words that are only ever written apart for a name.
_APART = frozenset(
    {
        "whatsapp",
        "watsapp",
        "paypal",
        "jazzcash",
        "easypaisa",
        "sadapay",
        "nayapay",
        "cashapp",
        "gmail",
        "telegram",
        "payoneer",
        "skype",
        "email",
    }
)
_PREFIXES = frozenset(word[:n] for word in _DISGUISED for n in range(1, len(word) + 1))
_LEET = str.maketrans({"0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_FRAGMENT = re.compile(r"[a-z0-9@$!|]+")
_LONGEST = max(len(word) for word in _DISGUISED)
_MAX_GAP = 3


def _readings(fragment: str) -> tuple[str, ...]:
    """The ways a fragment may be read: as written, and with look-alike digits and symbols."""
    if fragment.isalpha():
        return (fragment,)
    if not any(c.isalpha() for c in fragment):
        return ("",)  # a number is never a disguised word
    base = fragment.translate(_LEET).replace("!", "i").replace("|", "l")
    return (base.replace("1", "i"), base.replace("1", "l"))


def _joinable(gap: str) -> bool:
    return 0 < len(gap) <= _MAX_GAP and "\n" not in gap and not any(c.isalnum() for c in gap)


def _disguised(text: str) -> _Edited:
    """Pass 3: spelled-out, split or look-alike names become the plain word."""
    if not any(c in text for c in " .-_*|/'!@$0134578"):
        return _Edited(text, ())
    fragments = [(m.start(), m.end(), m.group()) for m in _FRAGMENT.finditer(text)]
    edits: list[tuple[int, int, str]] = []
    index = 0
    while index < len(fragments):
        found = _join_from(text, fragments, index)
        if found is None:
            index += 1
            continue
        last, word = found
        edits.append((fragments[index][0], fragments[last][1], word))
        index = last + 1
    return _Edited(text, edits)


def _join_from(
    text: str, fragments: list[tuple[int, int, str]], first: int
) -> tuple[int, str] | None:
    """The disguised word starting at fragment *first*: (its last fragment, the word)."""
    readings = [r for r in _readings(fragments[first][2]) if r and r in _PREFIXES]
    if not readings:
        return None
    single = fragments[first][2]
    if not single.isalpha():  # one fragment with look-alike characters: "wh4tsapp"
        for reading in readings:
            if reading in _DISGUISED and reading != single:
                return first, _DISGUISED[reading]
    spaces_only = True
    best: tuple[int, str] | None = None
    for last in range(first + 1, min(len(fragments), first + _LONGEST)):
        gap = text[fragments[last - 1][1] : fragments[last][0]]
        if not _joinable(gap):
            break
        spaces_only = spaces_only and gap == " "
        piece = _readings(fragments[last][2])
        readings = [r + p for r in readings for p in piece if p and r + p in _PREFIXES]
        if not readings:
            break
        short = all(len(f[2]) <= 2 for f in fragments[first : last + 1])
        for reading in readings:
            if reading in _DISGUISED and (
                not spaces_only or short or (last == first + 1 and reading in _APART)
            ):
                best = (last, _DISGUISED[reading])  # keep going: the longest reading wins
                break
    return best


# ------------------------------------------------------------ pass 4: spelling variants

#: Variant spelling -> the one spelling the scanner's vocabulary uses.
_VARIANTS: dict[str, str] = {}


def _spell(canonical: str, *variants: str) -> None:
    for variant in variants:
        _VARIANTS[variant] = canonical


_spell("kar dein", "kardein", "kardain", "kardien", "karden", "krdein", "krdain", "krden",
       "kar dain", "kar den", "kr dein", "kr den", "kr dain", "kar dien", "ker dein")  # fmt: skip
_spell("kar do", "kardo", "krdo", "kr do", "ker do")
_spell("kar diya", "kardiya", "kardia", "krdia", "krdiya", "kar dia", "kr diya", "kr dia")
_spell("kar", "kr", "ker")
_spell("karein", "karain", "karen", "kren", "krein", "krain", "kareen", "karien")
_spell("karo", "kro")
_spell("karna", "krna")
_spell("karne", "krne")
_spell("kijiye", "kijiay", "kijye", "kejiye", "kijie", "kijiyay", "kijiyega", "kijiye ga")
_spell("dijiye", "dijiay", "dijye", "dejiye", "dijie", "dijiyay", "dijiyega", "dijiye ga")
_spell("dein", "dain", "dien", "den", "dyn")
_spell("de dein", "dedein", "dedain", "deden", "de dain", "de den")
_spell("de do", "dedo")
_spell("bhej", "bhaij", "bej", "bhj", "bhij")
_spell("bhej dein", "bhejdein", "bhejden", "bhaij dein", "bhej dain", "bhej den")
_spell("bhej do", "bhejdo", "bhaijdo", "bhaij do")
_spell("bhejo", "bhaijo", "bejo")
_spell("bhejein", "bhaijein", "bhejen", "bhejain", "bhaijen")
_spell("bhejna", "bhaijna")
_spell("bhejunga", "bhaijunga", "bhejoonga", "bhejun ga", "bhejoon ga")
_spell("bhejta", "bhaijta")
_spell("paise", "paisay", "pesay", "pese", "paisey", "pesey", "peise", "pesy", "paisy", "pesai")
_spell("paisa", "pesa")
_spell("paise", "paison", "pesson", "peson", "paisoon")
_spell("bahar", "bahir", "baahar", "bahr", "baher", "bahaar")
_spell("number", "numbr", "nmbr", "numbar", "nambar", "nmber", "numer", "nomber")
_spell("bata", "bta")
_spell("batao", "btao")
# "ap k number pr code aya hai" (review r26): "k" and "pr" alone are other words ("k" for
# okay, a "PR" to review), so only these pairs are read.
_spell("aap ke", "ap k", "aap k")
_spell("number par", "number pr")
_spell("phone par", "phone pr")
_spell("mobile par", "mobile pr")
_spell("email par", "email pr")
_spell("mujhe", "mujhy", "mjhe", "mjhy", "mujhay", "mujey", "mujhay", "mujhai")
_spell("aap", "ap", "aapp")
_spell("aap ko", "apko", "aapko")
_spell("aap ka", "apka", "aapka")
_spell("aap ki", "apki", "aapki")
_spell("aap ke", "apke", "aapke")
_spell("nahi", "nahin", "nai", "nhi", "nahee", "nahe", "nahii", "nehi", "nahein")
_spell("chahiye", "chahye", "chaiye", "chahiay", "chahie", "chahiyay", "chahyie", "chaheye",
       "chahiyeh", "chahiey")  # fmt: skip
_spell("pehle", "pehlay", "pehly", "phele", "pahle", "pehley", "pehlai", "pehel")
_spell("baad", "bd", "baadd")
_spell("baad mein", "baadmein", "badmein", "bad mein", "baad me", "baad main", "baad mai",
       "bad main", "baad men")  # fmt: skip
_spell("abhi", "abi", "abhie", "abhee")
_spell("phir", "phr", "fir", "pher", "phire")
_spell("ek", "aik", "aek", "ik")
_spell("zyada", "ziada", "zyda", "ziyada", "zaida", "zayada", "ziyadah", "zeyada")
_spell("thora", "thoda", "thoraa", "thorra", "thodaa")
_spell("thori", "thodi", "thoree")
_spell("thore", "thode", "thoray")
_spell("sirf", "srf", "sirif", "sirff")
_spell("baghair", "bagair", "beghair", "baghar", "bagher", "bghair")
_spell("shuru", "shuroo", "shru", "shuro", "shoro", "shuruu", "shroo")
_spell("jama", "jamaa", "jma")
_spell("karwayen", "karwain", "karwaen", "karwaein", "karwayein", "krwayen", "krwain")
_spell("karwa", "krwa")
_spell("rabta", "raabta", "rabita", "rabtah")
_spell("dunga", "doonga", "dungaa", "dun ga", "doon ga", "doonga", "dongaa")
_spell("dungi", "doongi", "dun gi")
# "shall I ...?" (kar doon, bhej doon): "dun" is its commonest chat spelling.
_spell("doon", "dun", "doun", "dunn")
_spell("denge", "dengay", "dainge", "dein ge")
_spell("karunga", "karoonga", "karun ga", "karoon ga", "krunga", "karonga")
_spell("karenge", "karein ge", "karengay", "krenge")
_spell("hoon", "hun", "hu", "hoo")
_spell("hai", "hay", "hy", "hae")
_spell("hain", "hen", "hein", "hyn")
_spell("lein", "lain", "leyn", "lyn")
_spell("jayega", "jaye ga", "jaega", "jayga", "jaiga", "jayegaa")
_spell("jayegi", "jaegi", "jaye gi")
_spell("wapas", "wapis", "wapus")
_spell("raqam", "rakam", "rkm")
_spell("muft", "mufat", "muftt")
_spell("agar", "agr")
_spell("to", "toh", "tou")
_spell("kal", "kl")
_spell("hafte", "haftay", "hafty")
# "pay you by chek", "speed chek kar lein": check (the cheque or the look), misspelt.
_spell("check", "chek", "chekk")
_spell("yahan", "yhan", "yahaan")
_spell("wahan", "wahaan", "whan")
_spell("dena", "daina", "dayna")
_spell("theek", "thik", "theik", "thk", "theeq")
_spell("bhi", "bi")
_spell("aur", "aor", "awr")
_spell("kaise", "kese", "kaisay", "kesay")
_spell("please", "pls", "plz", "plzz", "plss", "pleas", "pleaze", "plx")
_spell("you", "u")
_spell("your", "ur", "yr")
_spell("message", "msg", "mesage", "massage")
_spell("don't", "dont", "dnt")
_spell("can't", "cant")
_spell("doesn't", "doesnt")
_spell("didn't", "didnt")
_spell("isn't", "isnt")
_spell("shouldn't", "shouldnt")
_spell("wouldn't", "wouldnt")
_spell("i'm", "im")
_spell("i've", "ive")
_spell("through", "thru", "throgh")
_spell("before", "b4")
_spell("tomorrow", "tomorow", "tommorow", "tmrw", "tmr", "2moro", "tomorrw", "tommorrow")
_spell("account", "acc", "acct", "a/c")
_spell("milestone", "milstone", "mile stone", "milestne")
# Chat misspellings of the apps, read as the app ("Whtsapp me").
_spell("whatsapp", "whtsapp", "wtsapp", "whatsaap", "whtsap", "whtapp")

_WORD = re.compile(r"[a-z][a-z/']*")
_NUMBER_ABBREVIATION = re.compile(
    r"\b(?:whatsapp|phone|cell|mobile|contact|jazzcash|easypaisa|account|wa|ph|tel) "
    r"(no\b\.?|#)"
)


def _variants(text: str) -> _Edited:
    """Pass 4: one spelling per word (or word pair), and "no." after a contact word as "number"."""
    edits: list[tuple[int, int, str]] = []
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    index = 0
    while index < len(words):
        start, end, word = words[index]
        if index + 1 < len(words) and words[index + 1][0] == end + 1 and text[end] == " ":
            pair = f"{word} {words[index + 1][2]}"
            if pair in _VARIANTS:
                edits.append((start, words[index + 1][1], _VARIANTS[pair]))
                index += 2
                continue
        spelled = _VARIANTS.get(word)
        if spelled is not None and spelled != word:
            edits.append((start, end, spelled))
        index += 1
    edits.extend((m.start(1), m.end(1), "number") for m in _NUMBER_ABBREVIATION.finditer(text))
    edits.sort()
    return _Edited(text, edits)


class Normalised:
    """A message in the scanner's form, and the way back to the original offsets.

    Attributes:
        text: The normalised text.
        wrapped: Where, in the original, a line break may wrap a sentence
            rather than end it: ``(start, end)`` of each such run of white
            space, one line break between two words with no punctuation at it,
            the next line starting with a small letter (or both words in
            capitals).  They are read as sentence ends, or as spaces with
            *join_wrapped*.
    """

    __slots__ = ("_passes", "text", "wrapped")

    def __init__(self, original: str, *, join_wrapped: bool = False) -> None:
        passes = [_fold(original)]
        if "\u202e" in original:  # pass 0 only for text holding an override (rare)
            passes = [_display_order(original)]
            passes.append(_fold(passes[0].text))
        self._passes = tuple(passes)  # for the way back from pass 1
        candidates: list[tuple[int, int]] = []
        spaced = _spaces(passes[-1].text, candidates, frozenset())
        spans = [(at, self.original_span(*at)) for at in candidates]
        kept = [(at, span) for at, span in spans if cased_as_wrapped(original, *span)]
        self.wrapped = tuple(span for _, span in kept)
        if join_wrapped and kept:
            spaced = _spaces(passes[-1].text, [], frozenset(at for (at, _), _ in kept))
        passes.append(spaced)
        for step in (_disguised, _variants):
            passes.append(step(passes[-1].text))
        self._passes = tuple(passes)
        self.text = passes[-1].text

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The offsets in the original message of ``text[start:end]``."""
        for step in reversed(self._passes):
            start, end = step.source_span(start, end)
        return start, end


#: The most characters the checks read in one text: a message
#: (:func:`~upwork_safety.checks.scan_message`) or a milestone's title or
#: description (:func:`~upwork_safety.checks.review_milestone`,
#: :func:`~upwork_safety.checks.review_contract`).  The limit is on the text
#: given, before folding; reading is linear in the folded text, which Unicode
#: bounds at 18 characters for each one given (U+FDFA, the largest NFKC/NFKD
#: expansion), so one check at the limit takes about 8 seconds on a busy 2-core
#: machine, and twice that when all of it follows a right-to-left override, read
#: in both orders (measured December 2026, docs/checks.md), and a message with a
#: line that may be wrapped is read twice again (``Normalised.wrapped``); a client's message
#: is a few thousand characters, and a conversation is checked one message at
#: a time.  It is the library's one limit on a text (``_text.MAX_TEXT_CHARS``,
#: review r26): every free-text field of a value holds at most as much, so a
#: milestone's title the models accept is one the checks read.
MAX_TEXT_CHARS = _text.MAX_TEXT_CHARS


def checked_text(
    value: object, name: str, *, what: str = "", fix: str = "check each message on its own"
) -> str:
    """*value* if it is a ``str`` of valid Unicode text of at most :data:`MAX_TEXT_CHARS`.

    The error names *name* (the field), and says *what* the text is and how
    to *fix* it.
    """
    text = text_value(value, name)
    long_text(text, name, what=what, fix=fix)
    return text


def normalise(text: str, *, join_wrapped: bool = False) -> Normalised:
    """Return *text* in the scanner's form (see the module docstring).

    With *join_wrapped*, every line break that may be a wrapped line
    (:attr:`Normalised.wrapped`) is read as a space.
    """
    return Normalised(text, join_wrapped=join_wrapped)
